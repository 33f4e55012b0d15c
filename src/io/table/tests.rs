//! Tests of the table reader on small tables written for it.

use super::*;
use crate::io::basemap::Basemap;
use crate::io::bundle::bundled_basemap;
use crate::model::Precision;
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn load(text: &str) -> Opened {
    read_table(
        "t.csv",
        text.as_bytes(),
        &LoadOptions::default(),
        &Basemap::default(),
    )
    .1
}

fn events(opened: &Opened) -> Vec<Event> {
    opened.records.events.clone()
}

#[test]
fn a_spreadsheet_of_events_loads_with_dates_places_and_sources() {
    let opened = load(
        "Title,Date,End date,Latitude,Longitude,Place,Type,Source,Publisher,Actors,Notes\n\
         Talks,2021-05-04,,40.18,44.51,Yerevan,Diplomacy,https://example.org/a,Example,Armenia; Iran,\n\
         Drills,\"October 1, 2021\",5 October 2021,39.2,45.4,,Battles,,,,<p>near the <b>border</b></p>\n",
    );
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let e = events(&opened);
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].title, "Talks");
    assert_eq!(e[0].date.range, Some((d(2021, 5, 4), d(2021, 5, 4))));
    assert_eq!((e[0].lon, e[0].lat), (44.51, 40.18));
    assert_eq!(e[0].place_name, "Yerevan");
    assert_eq!(e[0].category, crate::model::Category::Diplomacy);
    assert_eq!(e[0].source.document, "https://example.org/a");
    assert_eq!(e[0].source.publisher.as_deref(), Some("Example"));
    assert_eq!(e[0].actors, ["Armenia", "Iran"]);
    // ACLED's words are read as its categories, and the table's word is kept as the label
    assert_eq!(e[1].category, crate::model::Category::Military);
    assert_eq!(e[1].category_label, "Battles");
    assert_eq!(e[1].date.range, Some((d(2021, 10, 1), d(2021, 10, 5))));
    assert_eq!(e[1].date.text, "October 1, 2021/5 October 2021");
    assert_eq!(e[1].notes, "near the border");
    assert_eq!(
        e[1].source.document, "t.csv",
        "a row without a source names the file"
    );
    assert_eq!(
        opened.notices,
        [
            "read as a table of events: the date from `Date`, `End date`; the place from \
          `Latitude`, `Longitude`; the place's name from `Place`; the title from `Title`"
        ]
    );
}

#[test]
fn timelinejs_s_sheet_reads_its_date_parts_and_leaves_title_and_eras_out() {
    let opened = load(
        "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,\
         Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n\
         ,,,,,,,,,The region,<p>intro</p>,,,,,title,,\n\
         2020,9,27,,2020,11,10,,,War,<p>Six <b>weeks</b></p>,https://example.org/w,Example,A map,,,Military,\n\
         2020,11,10,9:30 PM,,,,,\"10 Nov, night\",Statement,,,,,,,,\n\
         2021,,,,,,,,,A year,,,,,,,,\n\
         2020,,,,2023,,,,,Peacekeepers,,,,,,era,,\n",
    );
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let e = events(&opened);
    let titles: Vec<&str> = e.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["War", "Statement", "A year"]);
    assert_eq!(e[0].date.range, Some((d(2020, 9, 27), d(2020, 11, 10))));
    assert_eq!(e[0].summary, "Six weeks");
    assert_eq!(e[0].notes, "Media caption: A map");
    assert_eq!(e[0].category, crate::model::Category::Military);
    assert!(e[0].lat.is_nan(), "TimelineJS's events have no place");
    assert_eq!(e[1].time.map(|t| t.iso()), Some("21:30:00".to_owned()));
    assert_eq!(e[1].date.text, "10 Nov, night");
    assert_eq!(e[2].date.precision, Precision::Year);
    assert_eq!(
        opened.notices[1..],
        [
            "the title row “The region” is not an event",
            "1 era row not read as events"
        ]
    );
}

#[test]
fn a_sheet_with_camel_case_columns_loads_the_same() {
    let opened = load(
        "startYear,startMonth,startDay,startTime,endYear,endMonth,endDay,endTime,displayDate,\
         headline,text,mediaUrl,mediaCredit,mediaCaption,mediaThumbail,type,group\n\
         ,,,,,,,,,The region,<p>intro</p>,,,,,title,\n\
         2021,1,23,21:30:00,2021,1,24,04:00:00,,Talks,<p>Late talks</p>,https://example.org/t,Example,,,,\n",
    );
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let e = events(&opened);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].title, "Talks");
    assert_eq!(e[0].date.range, Some((d(2021, 1, 23), d(2021, 1, 24))));
    assert_eq!(e[0].time.map(|t| t.iso()), Some("21:30:00".to_owned()));
    assert_eq!(e[0].source.document, "https://example.org/t");
    assert_eq!(e[0].source.publisher.as_deref(), Some("Example"));
    assert_eq!(
        opened.notices[1],
        "the title row “The region” is not an event"
    );
}

#[test]
fn a_place_s_name_the_gazetteer_knows_places_the_row() {
    let opened = load("Event,Location,Date\nTalks,Stepanakert,May 2021\nVisit,Springfield,2020\n");
    let e = events(&opened);
    assert_eq!(e[0].place_name, "Khankendi / Stepanakert");
    assert!((e[0].lon - 46.75).abs() < 0.01 && (e[0].lat - 39.82).abs() < 0.01);
    assert!(
        e[0].notes
            .starts_with("Placed at the gazetteer's Khankendi / Stepanakert")
    );
    assert_eq!(e[0].date.precision, Precision::Month);
    assert!(e[1].lat.is_nan());
    assert_eq!(e[1].place_name, "Springfield");
}

#[test]
fn a_town_only_geonames_knows_places_the_row_in_the_country_it_names() {
    let opened = load(
        "Event,Location,Country,Date\n\
         Shelling,Jermuk,Armenia,2022-09-13\n\
         Talks,Gazakh,,2024-06-05\n\
         Rally,Jermuk,Georgia,2024-01-01\n",
    );
    let e = events(&opened);
    assert_eq!(e[0].place_name, "Jermuk");
    assert!((e[0].lat - 39.84168).abs() < 1e-6 && (e[0].lon - 45.66949).abs() < 1e-6);
    assert!(
        e[0].notes
            .starts_with("Placed at GeoNames' point of 'Jermuk' (Armenia, id 174884"),
        "{}",
        e[0].notes
    );
    assert_eq!(e[1].place_name, "Gazakh");
    assert!((e[1].lat - 41.09246).abs() < 1e-3, "{}", e[1].lat);
    // no Jermuk in Georgia: the row stays unplaced, its place's name kept
    assert!(e[2].lat.is_nan());
    assert_eq!(e[2].place_name, "Jermuk, Georgia");
}

#[test]
fn bad_values_are_located_at_their_field() {
    let opened = load(
        "title;date;lat;lon\n\
         a;2021-05-04;40,18;44,51\n\
         b;yesterday;40;44\n\
         c;2021-05-04;95;44\n\
         d;2021-05-04;40;\n\
         a;2021-05-05;40;44\n",
    );
    let found: Vec<(usize, usize, &str)> = opened
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.message.as_str()))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (3, 3));
    assert!(found[0].2.starts_with("`date`: "), "{}", found[0].2);
    assert_eq!((found[1].0, found[1].1), (4, 14));
    assert_eq!((found[2].0, found[2].1), (5, 17));
    assert_eq!(found[2].2, "a latitude without a longitude");
    // the decimal commas of a table parted by semicolons
    let e = events(&opened);
    assert_eq!((e[0].lon, e[0].lat), (44.51, 40.18));
    // rows without an id are named by their place in the table, so two rows titled alike stay two
    assert_eq!(e.len(), 2);
}

#[test]
fn a_row_of_another_width_and_an_open_quote_are_located() {
    let opened =
        load("title,date,lat,lon\nA,2021-01-01,40,44\nB,2021-01-02\n\"C,2021-01-03,40,44\nD,x\n");
    let found: Vec<(usize, usize, &str)> = opened
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, 1, "this row has 2 fields where the header has 4"),
            (
                4,
                1,
                "this row has 1 field where the header has 4: a quote opened in it is never closed"
            ),
        ]
    );
    assert_eq!(events(&opened).len(), 1);
}

#[test]
fn a_table_that_says_neither_when_nor_where_is_refused() {
    let opened = load("name,count\nx,3\n");
    assert!(opened.records.events.is_empty());
    assert_eq!((opened.problems[0].line, opened.problems[0].column), (1, 1));
    assert!(
        opened.problems[0]
            .message
            .starts_with("not a table of events: it has no column that says when or where"),
        "{}",
        opened.problems[0].message
    );
}

#[test]
fn undated_rows_name_the_columns_that_look_like_dates_and_chosen_ones_date_them() {
    let text = "title,reported,lat,lon\nA,2021-05-04,40,44\nB,4 May 2022,40.1,44.2\n";
    let opened = load(text);
    let report = opened.undated.as_ref().unwrap();
    assert_eq!(
        report.message(),
        "2 rows have no recognised date; fields that look like dates: reported"
    );
    let options = LoadOptions {
        time_field: Some(("reported".to_owned(), None)),
        ..LoadOptions::default()
    };
    let chosen = read_table("t.csv", text.as_bytes(), &options, &Basemap::default()).1;
    let starts: Vec<_> = chosen.records.events.iter().map(|e| e.date.range).collect();
    assert_eq!(
        starts,
        [
            Some((d(2021, 5, 4), d(2021, 5, 4))),
            Some((d(2022, 5, 4), d(2022, 5, 4)))
        ]
    );
    assert!(chosen.undated.is_none());
}

#[test]
fn acled_headers_are_told_apart() {
    assert!(is_acled_header(&["event_id_cnty", "event_date"]));
    assert!(is_acled_header(&["data_id", "iso"]));
    assert!(is_acled_header(&["event_date", "latitude", "longitude"]));
    // an ACLED export that lacks a column is still ACLED's, and its reader names what it lacks
    assert!(is_acled_header(&["event_date", "latitude"]));
    assert!(is_acled_header(&["sub_event_type", "notes"]));
    assert!(!is_acled_header(&["Date", "Latitude", "Longitude"]));
    assert!(!is_acled_header(&["title", "start_date", "lat", "lon"]));
}

/// One written row: a day, how its date is written, and coordinates in hundredths of a degree.
fn row_strategy() -> impl Strategy<Value = (u32, u32, u32, u8, i32, i32)> {
    (
        1990u32..2030,
        1u32..13,
        1u32..29,
        0u8..3,
        3700i32..4300,
        4300i32..5000,
    )
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

proptest! {
    #[test]
    fn fuzz_arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = read_table("f.csv", &bytes, &LoadOptions::default(), &Basemap::default());
    }

    #[test]
    fn fuzz_tables_of_known_columns_never_panic(cells in "[a-z0-9 ,\"\n.:/-]{0,120}") {
        let text = format!("title,date,lat,lon,year,month,day,time\n{cells}");
        let _ = read_table("f.csv", text.as_bytes(), &LoadOptions::default(), &Basemap::default());
    }

    /// Whatever way a row writes its day, it loads on that day at its coordinates.
    #[test]
    fn written_rows_load_with_their_days_and_places(rows in proptest::collection::vec(row_strategy(), 1..12)) {
        let mut text = String::from("Title,Date,Latitude,Longitude\n");
        for (k, (y, m, day, style, lat, lon)) in rows.iter().enumerate() {
            let month = MONTHS[*m as usize - 1];
            let date = match style {
                0 => format!("{y}-{m:02}-{day:02}"),
                1 => format!("\"{month} {day}, {y}\""),
                _ => format!("{day} {month} {y}"),
            };
            let (lat, lon) = (f64::from(*lat) / 100.0, f64::from(*lon) / 100.0);
            text.push_str(&format!("event {k},{date},{lat},{lon}\n"));
        }
        let opened = load(&text);
        prop_assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        let e = events(&opened);
        prop_assert_eq!(e.len(), rows.len());
        for (e, (y, m, day, _, lat, lon)) in e.iter().zip(&rows) {
            let want = d(*y as i32, *m, *day);
            prop_assert_eq!(e.date.range, Some((want, want)));
            prop_assert_eq!(e.date.precision, Precision::Day);
            prop_assert!((e.lat - f64::from(*lat) / 100.0).abs() < 1e-9);
            prop_assert!((e.lon - f64::from(*lon) / 100.0).abs() < 1e-9);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A row that names a town of the region's table by its own GeoNames name, with no
    /// coordinates, loads at that town's point (or the gazetteer's, for a town it holds).
    #[test]
    fn a_town_named_without_coordinates_loads_at_its_point(pick in 0usize..100_000) {
        let towns = crate::io::towns::Towns::bundled();
        let town = &towns.towns()[pick % towns.len()];
        prop_assume!(!town.name.contains(',') && !town.name.contains('"'));
        let chosen = towns.find(&town.name, &[]).map(|f| f.town.geonames_id);
        prop_assume!(chosen == Some(town.geonames_id));
        let held = crate::io::bundle::bundled_places()
            .into_iter()
            .find(|p| p.is_named(&town.name));
        let opened = load(&format!("Event,Location,Date\nA talk,{},2024-06-05\n", town.name));
        let e = events(&opened);
        prop_assert_eq!(e.len(), 1);
        let (lat, lon) = held.map_or((town.lat, town.lon), |p| (p.lat, p.lon));
        prop_assert!((e[0].lat - lat).abs() < 1e-9 && (e[0].lon - lon).abs() < 1e-9,
            "{} at {} {}", town.name, e[0].lat, e[0].lon);
    }
}

/// A row of GDELT 2.0's event file (61 columns, tab-separated) with the given values.
fn gdelt_row(id: u64, day: &str, code: &str, geo: (&str, &str, f64, f64), url: &str) -> String {
    let mut f = vec![String::new(); 61];
    f[0] = id.to_string();
    f[1] = day.to_owned();
    f[2] = day[..6].to_owned();
    f[3] = day[..4].to_owned();
    f[6] = "AZERBAIJAN".to_owned();
    f[16] = "ARMENIA".to_owned();
    f[26] = code.to_owned();
    f[28] = code[..2].to_owned();
    f[30] = "-10.0".to_owned();
    f[31] = "12".to_owned();
    f[32] = "2".to_owned();
    f[33] = "12".to_owned();
    let (geo_type, name, lat, lon) = geo;
    f[51] = geo_type.to_owned();
    f[52] = name.to_owned();
    f[56] = lat.to_string();
    f[57] = lon.to_string();
    f[59] = format!("{day}153000");
    f[60] = url.to_owned();
    f.join("\t") + "\n"
}

const STEPANAKERT: (&str, &str, f64, f64) =
    ("4", "Stepanakert, Azarbaycan, Azerbaijan", 39.8153, 46.7519);

#[test]
fn a_gdelt_event_file_without_a_header_loads_coded_dated_and_placed() {
    let text = gdelt_row(1, "20230919", "190", STEPANAKERT, "https://example.org/1")
        + &gdelt_row(2, "20230920", "0231", ("1", "Azerbaijan", 40.5, 47.5), "")
        + &gdelt_row(3, "20230921", "163", STEPANAKERT, "https://example.org/3");
    let (places, opened) = read_table(
        "20230921.export.CSV",
        text.as_bytes(),
        &LoadOptions::default(),
        &bundled_basemap(),
    );
    // the country's point is not a city of that name on the map
    let kinds: Vec<(&str, crate::model::PlaceKind)> =
        places.iter().map(|p| (p.name.as_str(), p.kind)).collect();
    assert_eq!(
        kinds,
        [
            (
                "Stepanakert, Azarbaycan, Azerbaijan",
                crate::model::PlaceKind::City
            ),
            ("Azerbaijan", crate::model::PlaceKind::Country)
        ]
    );
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(
        opened.notices[0],
        "read as a GDELT event file without a header (61 columns)"
    );
    let e = events(&opened);
    assert_eq!(e.len(), 3);
    assert_eq!(e[0].id, "1");
    assert_eq!(e[0].title, "Fight in Stepanakert");
    assert_eq!(e[0].date.range, Some((d(2023, 9, 19), d(2023, 9, 19))));
    assert_eq!(e[0].date.precision, Precision::Day);
    assert_eq!((e[0].lon, e[0].lat), (46.7519, 39.8153));
    assert_eq!(e[0].place_name, "Stepanakert, Azarbaycan, Azerbaijan");
    assert_eq!(e[0].category, crate::model::Category::Military);
    assert_eq!(e[0].category_label, "Fight");
    assert_eq!(e[0].actors, ["AZERBAIJAN", "ARMENIA"]);
    assert_eq!(e[0].source.document, "https://example.org/1");
    assert!(!e[0].verified, "machine-coded events are not verified");
    assert!(
        e[0].notes.starts_with("Machine-coded by GDELT"),
        "{}",
        e[0].notes
    );
    assert!(!e[0].notes.contains("centroid"));
    // a report that names only the country: the point is the country's centroid, and says so
    assert_eq!(e[1].category, crate::model::Category::Statement);
    assert_eq!(e[1].title, "Appeal in Azerbaijan");
    assert!(
        e[1].notes.contains("names only the country"),
        "{}",
        e[1].notes
    );
    assert_eq!(e[1].source.document, "20230921.export.CSV");
    // drawn as the country, as the bundled events a source ties only to a country
    assert_eq!(e[1].shape_name.as_deref(), Some("Azerbaijan"));
    assert!(e[1].shape.is_some());
    assert!(
        e[1].notes.ends_with("Drawn as the country Azerbaijan."),
        "{}",
        e[1].notes
    );
    assert_eq!(e[0].shape_name, None);
    assert_eq!(e[2].category, crate::model::Category::Sanctions);
}

#[test]
fn a_gdelt_table_with_its_header_reads_the_same_and_a_bad_day_is_located() {
    let names =
        gdelt::headerless_columns(gdelt_row(1, "20230919", "190", STEPANAKERT, "").as_bytes())
            .unwrap()
            .join("\t");
    let rows = gdelt_row(1, "20230919", "190", STEPANAKERT, "https://example.org/1")
        + &gdelt_row(2, "20231340", "190", STEPANAKERT, "");
    let text = format!("{names}\n{rows}");
    let opened = read_table(
        "gdelt.tsv",
        text.as_bytes(),
        &LoadOptions::default(),
        &bundled_basemap(),
    )
    .1;
    let e = events(&opened);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].title, "Fight in Stepanakert");
    assert_eq!(e[0].date.range, Some((d(2023, 9, 19), d(2023, 9, 19))));
    let p = &opened.problems;
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].line, p[0].column), (3, 3));
    assert!(
        p[0].message
            .starts_with("`SQLDATE`: `20231340` is not a date"),
        "{}",
        p[0].message
    );
    assert_eq!(
        opened.notices[0],
        "read as a table of events: the date from `SQLDATE`; where it is empty, the date from \
         `Year`; the place from `ActionGeo_Lat`, `ActionGeo_Long`; the place's name from \
         `ActionGeo_FullName`"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn gdelt_rows_load_on_their_day_at_their_point_with_their_cameo_kind(
        rows in proptest::collection::vec(
            (0u32..9000, 1u8..=20, 0u8..10, 3800i32..4300, 4400i32..4900, proptest::bool::ANY),
            1..15,
        ),
        v2 in proptest::bool::ANY,
    ) {
        let mut text = String::new();
        let mut expected = Vec::new();
        for (k, &(days, root, sub, lat, lon, country)) in rows.iter().enumerate() {
            let day = d(2000, 1, 1) + chrono::Days::new(u64::from(days));
            let code = format!("{root:02}{sub}");
            let (lat, lon) = (f64::from(lat) / 100.0, f64::from(lon) / 100.0);
            let geo = if country { ("1", "Armenia", lat, lon) } else { ("4", "Goris, Syunik, Armenia", lat, lon) };
            let mut row = gdelt_row(k as u64 + 1, &day.format("%Y%m%d").to_string(), &code, geo, "");
            if !v2 {
                // GDELT 1.0's daily layout: no ADM2 codes (58 columns)
                let mut f: Vec<&str> = row.trim_end().split('\t').collect();
                for at in [55, 47, 39] {
                    f.remove(at);
                }
                row = f.join("\t") + "\n";
            }
            text.push_str(&row);
            expected.push((day, lat, lon, cameo(&code).unwrap().1, country));
        }
        let opened = read_table("x.export.CSV", text.as_bytes(), &LoadOptions::default(), &bundled_basemap()).1;
        prop_assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        let e = events(&opened);
        prop_assert_eq!(e.len(), expected.len());
        for (e, (day, lat, lon, category, country)) in e.iter().zip(expected) {
            prop_assert_eq!(e.date.range, Some((day, day)));
            prop_assert_eq!((e.lat, e.lon), (lat, lon));
            prop_assert_eq!(e.category, category);
            prop_assert_eq!(e.notes.contains("names only the country"), country);
        }
    }
}

#[test]
fn a_wkt_column_places_rows_and_gives_lines_their_shape() {
    // as QGIS saves a layer to CSV with its geometry as WKT
    let opened = load(
        "WKT,name,date\n\
         \"POINT (46.7519 39.8153)\",Clash,2023-09-19\n\
         \"LINESTRING (46.3417 39.5111, 46.5469 39.6408, 46.7519 39.8153)\",Convoy,2022-08-26\n\
         \"SRID=3857;POINT (5204000 4836000)\",Projected,2022-08-26\n\
         \"POINT (39.8 146.7)\",Swapped,2022-08-26\n",
    );
    let e = events(&opened);
    assert_eq!(e.len(), 2);
    assert_eq!((e[0].lon, e[0].lat), (46.7519, 39.8153));
    assert!(e[0].shape.is_none());
    let line = e[1].shape.as_deref().unwrap();
    assert!(matches!(line, geo::Geometry::LineString(l) if l.0.len() == 3));
    assert!(e[1].lat > 39.5 && e[1].lat < 39.9, "a point on the line");
    let at: Vec<(usize, usize)> = opened.problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(at, [(4, 1), (5, 1)]);
    assert!(opened.problems[0].message.starts_with("`WKT`: `SRID=3857;"));
    assert!(opened.problems[1].message.contains("latitude first"));
    assert_eq!(
        opened.notices[0],
        "read as a table of events: the date from `date`; the place from `WKT`; the title from \
         `name`"
    );
}

#[test]
fn a_wikidata_query_s_other_names_for_its_label_and_point_are_read() {
    // as Wikidata's examples name them: ?objectLabel, ?placeLabel, ?coordinate, or ?location
    // holding the point
    let opened = load(
        "object,objectLabel,placeLabel,coordinate,date\n\
         https://example.org/1,Photograph,Dura-Europos,Point(40.73 34.7475),2020-01-02\n",
    );
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let e = &events(&opened)[0];
    assert_eq!(e.title, "Photograph");
    assert_eq!(e.place_name, "Dura-Europos");
    assert_eq!((e.lon, e.lat), (40.73, 34.7475));
    let opened = load("itemLabel,location,date\nEmpire,Point(-73.985656 40.748433),2020-01-02\n");
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let e = &events(&opened)[0];
    assert_eq!((e.lon, e.lat), (-73.985656, 40.748433));
    assert!(!e.place_name.starts_with("Point"), "{}", e.place_name);
}

#[test]
fn a_wikidata_query_s_table_reads_its_label_item_and_coordinates() {
    let opened = load(
        "item,itemLabel,date,coord\n\
         http://www.wikidata.org/entity/Q1,Battle,2020-11-08T00:00:00Z,Point(46.75 39.76)\n",
    );
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let e = &events(&opened)[0];
    assert_eq!(e.title, "Battle");
    assert_eq!(e.source.document, "http://www.wikidata.org/entity/Q1");
    assert_eq!((e.lon, e.lat), (46.75, 39.76));
    assert_eq!(e.date.range, Some((d(2020, 11, 8), d(2020, 11, 8))));
}

proptest! {
    #[test]
    fn points_written_as_wkt_load_at_their_place(
        points in proptest::collection::vec((-17_999i32..18_000, -8_999i32..9_000, 0usize..3), 1..20),
    ) {
        let mut text = String::from("name,geometry\n");
        for (k, &(x, y, style)) in points.iter().enumerate() {
            let (lon, lat) = (f64::from(x) / 100.0, f64::from(y) / 100.0);
            let wkt = match style {
                0 => format!("POINT ({lon} {lat})"),
                1 => format!("Point({lon} {lat})"),
                _ => format!("SRID=4326;point({lon} {lat})"),
            };
            text.push_str(&format!("p{k},\"{wkt}\"\n"));
        }
        let opened = load(&text);
        prop_assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        let e = events(&opened);
        prop_assert_eq!(e.len(), points.len());
        for (e, &(x, y, _)) in e.iter().zip(&points) {
            prop_assert_eq!((e.lon, e.lat), (f64::from(x) / 100.0, f64::from(y) / 100.0));
            prop_assert!(e.shape.is_none());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn gdelt_rows_of_any_values_never_panic_and_name_lines_in_the_file(
        rows in proptest::collection::vec(
            (proptest::collection::vec("[ -~]{0,8}", 59), "[0-9]{8}"),
            1..8,
        ),
    ) {
        let mut text = String::new();
        for (k, (fields, day)) in rows.iter().enumerate() {
            let clean: Vec<String> = fields.iter().map(|f| f.replace(['\t', '"'], " ")).collect();
            text.push_str(&format!("{}\t{day}\t{}\n", k + 1, clean.join("\t")));
        }
        let opened = read_table("x.export.CSV", text.as_bytes(), &LoadOptions::default(), &bundled_basemap()).1;
        prop_assert_eq!(
            opened.notices.first().map(String::as_str),
            Some("read as a GDELT event file without a header (61 columns)")
        );
        prop_assert_eq!(opened.records.len() + opened.problems.len(), rows.len());
        for p in &opened.problems {
            prop_assert!(p.line >= 1 && p.line <= rows.len(), "{:?}", p);
        }
    }
}

#[test]
fn a_geometry_beside_coordinates_is_read_only_where_they_are_empty() {
    // as a national statistics office publishes areas: WKT in its own grid, with LONG and LAT
    let opened = load(
        "WKT,FID,NAME,LONG,LAT\n\
         \"MULTIPOLYGON (((530000 180000,531000 180000,531000 181000,530000 180000)))\",1,A,-0.8,51.77\n\
         \"POINT (46.75 39.81)\",2,B,,\n",
    );
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let e = events(&opened);
    assert_eq!((e[0].lon, e[0].lat), (-0.8, 51.77));
    assert!(e[0].shape.is_none(), "the other grid's polygon is not read");
    assert_eq!((e[1].lon, e[1].lat), (46.75, 39.81));
    assert_eq!(
        opened.notices[0],
        "read as a table of events: the place from `LAT`, `LONG`; where they are empty, the place \
         from `WKT`; the title from `NAME`"
    );
}
