//! Tests of the KML and KMZ loader on small files written for it.

use super::*;
use crate::model::{Event, Precision};
use chrono::NaiveDate;
use proptest::prelude::*;
use std::io::Write;

const NESTED: &str = include_str!("../../../tests/fixtures/formats/nested.kml");
const BAD: &str = include_str!("../../../tests/fixtures/formats/bad.kml");

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn load(text: &str, options: &LoadOptions) -> Opened {
    parse_kml("t.kml", text, options).1
}

fn by_id<'a>(opened: &'a Opened, id: &str) -> &'a Event {
    opened.records.events.iter().find(|e| e.id == id).unwrap()
}

#[test]
fn placemarks_at_any_depth_with_every_precision() {
    let opened = load(NESTED, &LoadOptions::default());
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let ids: Vec<&str> = opened
        .records
        .events
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "year",
            "month",
            "utc",
            "zone",
            "span",
            "open-span",
            "unplaced",
            "undated"
        ]
    );
    let year = by_id(&opened, "year");
    assert_eq!(year.date.range, Some((d(2020, 1, 1), d(2020, 12, 31))));
    assert_eq!(
        (year.date.precision, year.lon, year.lat),
        (Precision::Year, 44.51, 40.18)
    );
    assert_eq!(year.category_label, "Loader cases");
    let month = by_id(&opened, "month");
    assert_eq!(month.date.range, Some((d(2020, 9, 1), d(2020, 9, 30))));
    assert_eq!(
        month.category_label, "Deeper folder",
        "the innermost folder names the type"
    );
    let utc = by_id(&opened, "utc");
    assert_eq!(utc.date.range, Some((d(2020, 9, 27), d(2020, 9, 27))));
    assert_eq!(utc.time.map(|t| t.iso()), Some("07:15:00Z".to_owned()));
    assert_eq!(
        utc.summary,
        "Reported near Khankendi / Stepanakert & beyond."
    );
    assert_eq!(utc.date.text, "2020-09-27T07:15:00Z");
    let zone = by_id(&opened, "zone");
    assert_eq!(
        zone.time.map(|t| t.iso()),
        Some("01:00:00+04:00".to_owned())
    );
    assert_eq!(
        zone.date.range.unwrap().0,
        d(2020, 11, 10),
        "the day as written, before the offset"
    );
    assert_eq!(zone.summary, "escaped HTML");
    assert_eq!(zone.notes, "Source: Agency statement");
    assert_eq!(zone.category_label, "Nested folder");
}

#[test]
fn spans_shapes_and_missing_parts() {
    let opened = load(NESTED, &LoadOptions::default());
    let span = by_id(&opened, "span");
    assert_eq!(span.date.range, Some((d(2021, 5, 12), d(2021, 5, 14))));
    assert_eq!(span.date.text, "2021-05-12/2021-05-14");
    assert!(matches!(span.shape.as_deref(), Some(geo::Geometry::LineString(l)) if l.0.len() == 3));
    assert!(span.is_placed() && span.shape_name.is_none());
    let open = by_id(&opened, "open-span");
    assert_eq!(open.date.range, Some((d(2022, 9, 1), d(2022, 9, 30))));
    assert!(open.date.note.contains("no end"), "{}", open.date.note);
    let Some(geo::Geometry::Polygon(polygon)) = open.shape.as_deref() else {
        panic!("a polygon: {:?}", open.shape)
    };
    assert_eq!(polygon.interiors().len(), 1);
    assert!((45.0..=46.0).contains(&open.lon) && (40.0..=41.0).contains(&open.lat));
    let unplaced = by_id(&opened, "unplaced");
    assert!(!unplaced.is_placed());
    assert_eq!(unplaced.place_name, "Somewhere the source does not locate");
    let undated = by_id(&opened, "undated");
    assert_eq!(undated.date.range, None);
    assert_eq!(undated.notes, "reported: 2023-09-19");
    let report = opened.undated.as_ref().unwrap();
    assert_eq!((report.undated, report.total), (1, 8));
    assert_eq!(
        report.message(),
        "1 placemark has no recognised date; fields that look like dates: reported"
    );
    assert_eq!(report.candidates[0].samples, ["2023-09-19"]);
}

#[test]
fn chosen_fields_give_the_dates() {
    let options = LoadOptions {
        time_field: Some(("reported".to_owned(), None)),
        ..LoadOptions::default()
    };
    let opened = load(NESTED, &options);
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let undated = by_id(&opened, "undated");
    assert_eq!(undated.date.range, Some((d(2023, 9, 19), d(2023, 9, 19))));
    assert_eq!(undated.date.text, "2023-09-19");
    // the others have no such field: now they are the undated ones
    assert_eq!(opened.undated.as_ref().map(|r| r.undated), Some(7));
}

#[test]
fn bad_placemarks_are_located_and_left_out() {
    let opened = load(BAD, &LoadOptions::default());
    assert_eq!(opened.records.events.len(), 1);
    let lines: Vec<String> = opened.problems.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("t.kml:11:16: `2021-02-30` is not a real calendar date"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("t.kml:16:12: latitude 95"),
        "{}",
        lines[1]
    );
}

#[test]
fn syntax_errors_and_non_kml_are_reported() {
    let broken = "<kml><Document>\n<Placemark><name>A</name><Point><coordinates>1,2</coordinates></Point></Placemark>\n<Placemark><name>B</nam></Placemark></Document></kml>";
    let opened = load(broken, &LoadOptions::default());
    assert_eq!(
        opened.records.events.len(),
        1,
        "the placemark before the error is read"
    );
    assert_eq!(
        (opened.problems[0].line, opened.problems[0].column),
        (3, 19)
    );
    assert!(
        opened.problems[0].message.contains("XML syntax error"),
        "{}",
        opened.problems[0]
    );
    let html = load("<html><body>hello</body></html>", &LoadOptions::default());
    assert_eq!(
        html.problems[0].message,
        "not a KML document (no <kml> element)"
    );
    let empty = load("<kml><Document/></kml>", &LoadOptions::default());
    assert_eq!(
        empty.problems[0].message,
        "the KML document has no Placemark"
    );
}

#[test]
fn duplicate_ids_and_tracks() {
    let text = r#"<kml xmlns:gx="http://www.google.com/kml/ext/2.2"><Document>
<Placemark id="a"><gx:Track><when>2020-01-01T10:00:00Z</when><when>2020-01-03T12:00:00Z</when>
<gx:coord>45 40 0</gx:coord><gx:coord>45.5 40.5 0</gx:coord></gx:Track></Placemark>
<Placemark id="a"><name>again</name></Placemark></Document></kml>"#;
    let opened = load(text, &LoadOptions::default());
    let track = &opened.records.events[0];
    assert_eq!(track.date.range, Some((d(2020, 1, 1), d(2020, 1, 3))));
    assert_eq!(track.time.map(|t| t.iso()), Some("10:00:00Z".to_owned()));
    assert!(matches!(track.shape.as_deref(), Some(geo::Geometry::LineString(l)) if l.0.len() == 2));
    assert_eq!(opened.problems[0].message, "duplicate placemark id `a`");
    assert_eq!(opened.problems[0].line, 4);
}

#[test]
fn a_gx_track_moves_with_its_whens_at_their_instants() {
    use crate::model::track::DAY_MILLIS;
    let track = |whens: &[&str], coords: usize| {
        let whens: String = whens.iter().map(|w| format!("<when>{w}</when>")).collect();
        let coords: String = (0..coords)
            .map(|k| format!("<gx:coord>{} 40 0</gx:coord>", 45.0 + k as f64 * 0.5))
            .collect();
        format!(
            r#"<kml xmlns:gx="http://www.google.com/kml/ext/2.2"><Document>
<Placemark id="t"><gx:Track>{whens}
{coords}</gx:Track></Placemark></Document></kml>"#
        )
    };
    let text = track(
        &[
            "2020-01-01T10:00:00Z",
            "2020-01-01T14:00:00+02:00",
            "2020-01-03",
        ],
        3,
    );
    let opened = load(&text, &LoadOptions::default());
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let moving = by_id(&opened, "t").track.as_ref().unwrap();
    let day = crate::model::track::millis_of_day(crate::model::date::day_of(d(2020, 1, 1)));
    let instants: Vec<i64> = moving.points().iter().map(|p| p.at - day).collect();
    let hour = DAY_MILLIS / 24;
    assert_eq!(instants, [10 * hour, 12 * hour, 2 * DAY_MILLIS]);
    // halfway in time between the first two positions, the head is halfway between them
    let [lon, lat] = moving.progress(day + 11 * hour).head.unwrap();
    assert!(
        (lon - 45.25).abs() < 1e-9 && (lat - 40.0).abs() < 1e-9,
        "{lon} {lat}"
    );
    // a position without its time leaves a line dated by its first and last whens
    let uneven = load(
        &track(&["2020-01-01", "2020-01-03"], 3),
        &LoadOptions::default(),
    );
    let line = by_id(&uneven, "t");
    assert!(line.track.is_none() && line.shape.is_some());
    assert_eq!(line.date.range, Some((d(2020, 1, 1), d(2020, 1, 3))));
    // a track that goes back is refused where it goes back
    let whens = ["2020-01-01", "2019-12-01", "2020-01-03"];
    let back = load(&track(&whens, 3), &LoadOptions::default());
    assert_eq!(
        back.problems[0].message,
        "the gx:Track goes back in time: `when` 2 is earlier than the one before it"
    );
    assert_eq!((back.problems[0].line, back.problems[0].column), (2, 52));
}

fn kmz(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn kmz_reads_its_doc_kml() {
    let bytes = kmz(&[("files/icon.txt", "x"), ("doc.kml", NESTED)]);
    let (places, opened) = parse_kmz("p.kmz", &bytes, &LoadOptions::default());
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(opened.records.events.len(), 8);
    assert!(!places.is_empty());
    let bad = kmz(&[("doc.kml", BAD)]);
    let (_, opened) = parse_kmz("p.kmz", &bad, &LoadOptions::default());
    assert_eq!(opened.problems[0].file, "p.kmz!doc.kml");
    let none = kmz(&[("readme.txt", "no kml")]);
    let (_, opened) = parse_kmz("p.kmz", &none, &LoadOptions::default());
    assert_eq!(
        opened.problems[0].message,
        "the KMZ archive holds no .kml file"
    );
    let (_, opened) = parse_kmz("p.kmz", b"PK not really", &LoadOptions::default());
    assert!(
        opened.problems[0]
            .message
            .starts_with("not a KMZ (zip) archive")
    );
}

/// One generated placemark: a date at some precision, maybe a time, and a point.
fn placemark_strategy() -> impl Strategy<Value = (u32, u32, u32, Option<(u32, u32)>, i32, i32)> {
    (
        1900u32..2100,
        0u32..13,
        0u32..29,
        proptest::option::of((0u32..24, 0u32..60)),
        -179i32..180,
        -89i32..90,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn fuzz_arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_kml("f.kml", &text, &LoadOptions::default());
        let _ = parse_kmz("f.kmz", &bytes, &LoadOptions::default());
    }

    #[test]
    fn fuzz_mangled_kml_never_panics(cut in 0usize..NESTED.len(), insert in "[<>&/a-z\"= ]{0,12}") {
        let mut text = NESTED.to_owned();
        let at = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(at, &insert);
        let opened = load(&text, &LoadOptions::default());
        for p in &opened.problems {
            prop_assert!(p.line >= 1 && p.column >= 1);
        }
    }

    #[test]
    fn written_placemarks_load_with_their_dates_and_places(marks in proptest::collection::vec(placemark_strategy(), 1..12)) {
        let mut text = String::from("<kml><Document>\n");
        for (i, (y, m, day, time, lon, lat)) in marks.iter().enumerate() {
            let when = match (m, time) {
                (0, _) => format!("{y}"),
                (m, _) if *day == 0 => format!("{y}-{m:02}"),
                (m, None) => format!("{y}-{m:02}-{day:02}"),
                (m, Some((h, mi))) => format!("{y}-{m:02}-{day:02}T{h:02}:{mi:02}:00Z"),
            };
            text.push_str(&format!(
                "<Placemark id=\"p{i}\"><name>P{i}</name><TimeStamp><when>{when}</when></TimeStamp><Point><coordinates>{lon},{lat}</coordinates></Point></Placemark>\n"
            ));
        }
        text.push_str("</Document></kml>");
        let opened = load(&text, &LoadOptions::default());
        prop_assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        prop_assert_eq!(opened.records.events.len(), marks.len());
        for (e, (y, m, day, time, lon, lat)) in opened.records.events.iter().zip(&marks) {
            let (start, end) = e.date.range.unwrap();
            prop_assert_eq!(start.format("%Y").to_string(), y.to_string());
            let precision = match (m, day) { (0, _) => Precision::Year, (_, 0) => Precision::Month, _ => Precision::Day };
            prop_assert_eq!(e.date.precision, precision);
            if precision == Precision::Day {
                prop_assert_eq!(start, end);
                prop_assert_eq!(e.time.is_some(), time.is_some());
            }
            prop_assert_eq!((e.lon, e.lat), (f64::from(*lon), f64::from(*lat)));
        }
    }
}

#[test]
fn a_views_time_is_not_the_placemarks() {
    // Google Earth writes the time a view was saved at inside LookAt
    let text = r#"<kml xmlns:gx="http://www.google.com/kml/ext/2.2"><Document><Placemark>
<name>Pinned</name>
<LookAt><gx:TimeStamp><when>2019-04-01T10:00:00Z</when></gx:TimeStamp><longitude>44</longitude></LookAt>
<Point><coordinates>
		44.5,40.2,0 
	</coordinates></Point></Placemark></Document></kml>"#;
    let opened = load(text, &LoadOptions::default());
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let e = &opened.records.events[0];
    assert_eq!(e.date.range, None);
    assert_eq!((e.lon, e.lat), (44.5, 40.2));
    assert_eq!(
        opened.undated.as_ref().map(|r| r.message()),
        Some("1 placemark has no recognised date".to_owned())
    );
}

#[test]
fn html_written_without_cdata_keeps_its_text() {
    let text = "<kml><Placemark><name>A</name><description><p>Shelling <b>near</b> Tovuz</p>, reportedly.</description>\
<TimeStamp><when>2020-07-12</when></TimeStamp></Placemark></kml>";
    let opened = load(text, &LoadOptions::default());
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let e = &opened.records.events[0];
    assert_eq!(e.summary, "Shelling near Tovuz, reportedly.");
    assert_eq!(e.date.range, Some((d(2020, 7, 12), d(2020, 7, 12))));
}
