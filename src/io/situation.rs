//! The situation layer's file (`assets/situation.geojson`, `"format": "caucasus-atlas/situation@1"`):
//! a GeoJSON FeatureCollection of dated areas, lines, points and notes, with the change days and
//! the town points used as foreign members. Problems are located as `file:line:column: message`.

use super::bundled::parse_json;
use super::json_locate::{JsonLocator, Step, steps_of};
use super::problem::Problem;
use crate::model::date::parse_iso_day;
use crate::model::{
    ContactLine, ControlArea, ControlStatus, DatedPoint, MapChange, Record, ReferencePlace,
    Situation, Validity,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The `format` the file carries.
pub const FORMAT: &str = "caucasus-atlas/situation@1";

/// The file as written.
#[derive(Deserialize, Serialize)]
struct RawFile {
    #[serde(rename = "type")]
    kind: String,
    format: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    licence: String,
    #[serde(default)]
    wording: String,
    changes: Vec<RawChange>,
    #[serde(default)]
    places: Vec<RawPlace>,
    features: Vec<RawFeature>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawChange {
    date: String,
    label: String,
    what: String,
    source: String,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    geonames_id: u64,
    name: String,
    lon: f64,
    lat: f64,
    #[serde(default)]
    from: String,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawFeature {
    #[serde(rename = "type")]
    kind: String,
    properties: RawProps,
    geometry: Option<Value>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawProps {
    id: String,
    name: String,
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    valid_from: Option<String>,
    valid_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    approximate: Option<bool>,
    source: String,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    how: Option<String>,
}

/// Parses the situation file; problems name `file`, line and column.
pub fn parse_situation(file: &str, text: &str) -> Result<Situation, Problem> {
    let doc = parse_json(file, text)?;
    let loc = JsonLocator::new(file, text);
    let raw: RawFile = serde_path_to_error::deserialize(&doc)
        .map_err(|err| loc.problem(&steps_of(err.path()), err.inner().to_string()))?;
    if raw.kind != "FeatureCollection" {
        return Err(loc.problem(&["type".into()], "expected a FeatureCollection"));
    }
    if raw.format != FORMAT {
        let message = format!("format is `{}`, expected `{FORMAT}`", raw.format);
        return Err(loc.problem(&["format".into()], message));
    }
    let mut s = Situation::default();
    for (i, c) in raw.changes.into_iter().enumerate() {
        let at = [Step::from("changes"), i.into(), "date".into()];
        let day = parse_iso_day(&c.date).map_err(|e| loc.problem(&at, e))?;
        if s.changes.last().is_some_and(|l: &MapChange| l.day >= day) {
            return Err(loc.problem(&at, "change days must be in increasing order"));
        }
        s.changes.push(MapChange {
            day,
            label: c.label,
            what: c.what,
            source: c.source,
        });
    }
    s.places = raw
        .places
        .into_iter()
        .map(|p| ReferencePlace {
            geonames_id: p.geonames_id,
            name: p.name,
            lon: p.lon,
            lat: p.lat,
        })
        .collect();
    for (i, f) in raw.features.into_iter().enumerate() {
        add_feature(&loc, &mut s, i, f)?;
    }
    Ok(s)
}

/// A day of a feature's validity, which must be one of the change days.
fn validity_day(
    loc: &JsonLocator,
    s: &Situation,
    base: &[Step],
    key: &str,
    text: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, Problem> {
    let Some(text) = text else { return Ok(None) };
    let mut path = base.to_vec();
    path.push(key.into());
    let day = parse_iso_day(text).map_err(|e| loc.problem(&path, format!("`{key}`: {e}")))?;
    if !s.changes.iter().any(|c| c.day == day) {
        return Err(loc.problem(&path, format!("`{key}` {text} is not a change day")));
    }
    Ok(Some(day))
}

/// Checks one feature and adds it to the situation.
fn add_feature(
    loc: &JsonLocator,
    s: &mut Situation,
    i: usize,
    f: RawFeature,
) -> Result<(), Problem> {
    let base = [Step::from("features"), i.into(), "properties".into()];
    let at = |key: &str| {
        let mut p = base.to_vec();
        p.push(key.into());
        p
    };
    let p = f.properties;
    let valid = Validity {
        from: validity_day(loc, s, &base, "valid_from", p.valid_from.as_deref())?,
        to: validity_day(loc, s, &base, "valid_to", p.valid_to.as_deref())?,
    };
    if let (Some(a), Some(b)) = (valid.from, valid.to)
        && b <= a
    {
        return Err(loc.problem(&at("valid_to"), "`valid_to` must be after `valid_from`"));
    }
    let record = Record {
        id: p.id,
        name: p.name,
        text: p.text,
        valid,
        approximate: p.approximate.unwrap_or(false),
        source: p.source,
        how: p.how.unwrap_or_default(),
    };
    let geo_path = [Step::from("features"), i.into(), "geometry".into()];
    let geometry = match f.geometry {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            serde_json::from_value::<geojson::Geometry>(v)
                .map_err(|e| e.to_string())
                .and_then(|g| geo::Geometry::<f64>::try_from(g).map_err(|e| e.to_string()))
                .map_err(|e| loc.problem(&geo_path, format!("bad geometry: {e}")))?,
        ),
    };
    let wrong = |what: &str| loc.problem(&geo_path, format!("a `{}` needs {what}", p.kind));
    match (p.kind.as_str(), geometry) {
        ("control", Some(g)) => {
            let status = p
                .status
                .as_deref()
                .and_then(ControlStatus::parse)
                .ok_or_else(|| {
                    loc.problem(
                        &at("status"),
                        "`status` must be `armenian_held`, `peacekeeping` or `corridor`",
                    )
                })?;
            let area = match g {
                geo::Geometry::Polygon(p) => p.into(),
                geo::Geometry::MultiPolygon(mp) => mp,
                _ => return Err(wrong("a Polygon or MultiPolygon")),
            };
            s.areas.push(ControlArea {
                record,
                status,
                area,
            });
        }
        ("line", Some(g)) => {
            let lines = match g {
                geo::Geometry::LineString(l) => l.into(),
                geo::Geometry::MultiLineString(m) => m,
                _ => return Err(wrong("a LineString or MultiLineString")),
            };
            s.lines.push(ContactLine { record, lines });
        }
        ("point", Some(geo::Geometry::Point(point))) => s.points.push(DatedPoint { record, point }),
        ("note", None) => s.notes.push(record),
        ("control" | "line" | "point", _) => return Err(wrong("its geometry")),
        ("note", Some(_)) => return Err(wrong("no geometry (null)")),
        (other, _) => {
            let message = format!("unknown kind `{other}` (control, line, point or note)");
            return Err(loc.problem(&at("kind"), message));
        }
    }
    Ok(())
}

/// A feature of the file for one record.
fn raw_feature(
    r: &Record,
    kind: &str,
    status: Option<ControlStatus>,
    g: Option<Value>,
) -> RawFeature {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    RawFeature {
        kind: "Feature".to_owned(),
        properties: RawProps {
            id: r.id.clone(),
            name: r.name.clone(),
            kind: kind.to_owned(),
            status: status.map(|s| s.as_str().to_owned()),
            valid_from: day(r.valid.from),
            valid_to: day(r.valid.to),
            approximate: (kind != "note").then_some(r.approximate),
            source: r.source.clone(),
            text: r.text.clone(),
            how: (kind != "note").then(|| r.how.clone()),
        },
        geometry: g,
    }
}

/// The GeoJSON value of a geometry.
fn geometry_json<'a>(g: impl Into<geo::Geometry<f64>> + 'a) -> Value {
    let g: geo::Geometry<f64> = g.into();
    serde_json::to_value(geojson::Geometry::from(&g)).unwrap_or(Value::Null)
}

/// Writes a situation in the file's format (what loads again as the same situation).
pub fn situation_to_text(s: &Situation) -> String {
    let mut features = Vec::new();
    for a in &s.areas {
        let g = geometry_json(a.area.clone());
        features.push(raw_feature(&a.record, "control", Some(a.status), Some(g)));
    }
    for l in &s.lines {
        features.push(raw_feature(
            &l.record,
            "line",
            None,
            Some(geometry_json(l.lines.clone())),
        ));
    }
    for p in &s.points {
        features.push(raw_feature(
            &p.record,
            "point",
            None,
            Some(geometry_json(p.point)),
        ));
    }
    for n in &s.notes {
        features.push(raw_feature(n, "note", None, None));
    }
    let raw = RawFile {
        kind: "FeatureCollection".to_owned(),
        format: FORMAT.to_owned(),
        source: String::new(),
        licence: String::new(),
        wording: String::new(),
        changes: s
            .changes
            .iter()
            .map(|c| RawChange {
                date: c.day.format("%Y-%m-%d").to_string(),
                label: c.label.clone(),
                what: c.what.clone(),
                source: c.source.clone(),
            })
            .collect(),
        places: s
            .places
            .iter()
            .map(|p| RawPlace {
                geonames_id: p.geonames_id,
                name: p.name.clone(),
                lon: p.lon,
                lat: p.lat,
                from: String::new(),
            })
            .collect(),
        features,
    };
    serde_json::to_string_pretty(&raw).unwrap_or_else(|_| json!({}).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const HEAD: &str = r#"{"type":"FeatureCollection","format":"caucasus-atlas/situation@1",
"changes":[{"date":"2020-11-10","label":"l","what":"w","source":"s"},
{"date":"2022-08-26","label":"l2","what":"w2","source":"s2"}],
"features":["#;

    fn doc(feature: &str) -> String {
        format!("{HEAD}\n{feature}]}}")
    }

    #[test]
    fn parses_areas_notes_and_change_days() {
        let text = doc(
            r#"{"type":"Feature","properties":{"id":"c","name":"Corridor","kind":"control",
"status":"corridor","valid_from":"2020-11-10","valid_to":"2022-08-26","approximate":true,
"source":"Trilateral statement","text":"t","how":"band"},
"geometry":{"type":"Polygon","coordinates":[[[46,39],[47,39],[47,40],[46,39]]]}},
{"type":"Feature","properties":{"id":"n","name":"Note","kind":"note","valid_from":"2022-08-26",
"valid_to":null,"source":"s","text":"t"},"geometry":null}"#,
        );
        let s = parse_situation("s.geojson", &text).unwrap();
        assert_eq!(s.changes.len(), 2);
        assert_eq!(s.areas[0].status, ControlStatus::Corridor);
        assert_eq!(
            s.areas[0].record.valid.to,
            NaiveDate::from_ymd_opt(2022, 8, 26)
        );
        assert!(s.areas[0].record.approximate);
        assert_eq!(s.notes[0].valid.to, None);
        assert_eq!(
            s.status_at(46.9, 39.5, NaiveDate::from_ymd_opt(2021, 1, 1).unwrap()),
            Some(ControlStatus::Corridor)
        );
    }

    #[test]
    fn problems_are_located() {
        let text = doc(
            r#"{"type":"Feature","properties":{"id":"c","name":"C","kind":"control",
"status":"held","valid_from":"2020-11-10","valid_to":null,"source":"s","text":"t"},
"geometry":{"type":"Point","coordinates":[46,39]}}"#,
        );
        let err = parse_situation("s.geojson", &text).unwrap_err();
        assert_eq!((err.line, err.column), (6, 10), "{err}");
        assert!(err.message.contains("armenian_held"), "{err}");
        let text = doc(
            r#"{"type":"Feature","properties":{"id":"n","name":"N","kind":"note",
"valid_from":"2021-13-01","valid_to":null,"source":"s","text":"t"},"geometry":null}"#,
        );
        let err = parse_situation("s.geojson", &text).unwrap_err();
        assert_eq!((err.line, err.column), (6, 14), "{err}");
        let text = doc(
            r#"{"type":"Feature","properties":{"id":"n","name":"N","kind":"note",
"valid_from":"2021-01-01","valid_to":null,"source":"s","text":"t"},"geometry":null}"#,
        );
        let err = parse_situation("s.geojson", &text).unwrap_err();
        assert!(err.message.contains("not a change day"), "{err}");
        let err = parse_situation("s.geojson", "{\"type\":\"FeatureCollection\"}").unwrap_err();
        assert!(err.message.contains("missing field"), "{err}");
    }

    #[test]
    fn the_bundled_file_loads_whole() {
        let s = parse_situation(
            "assets/situation.geojson",
            crate::io::bundle::SITUATION_GEOJSON,
        )
        .unwrap();
        assert!(s.areas.len() >= 7, "{}", s.areas.len());
        assert!(s.changes.len() >= 12);
        assert!(!s.lines.is_empty() && !s.points.is_empty() && s.notes.len() >= 5);
        assert_eq!(parse_situation("x", &situation_to_text(&s)).unwrap(), s);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::model::ReferencePlace;
    use chrono::NaiveDate;
    use geo::{LineString, MultiLineString, MultiPolygon, Point, Polygon};
    use proptest::prelude::*;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + chrono::Days::new(n as u64)
    }

    fn coord() -> impl Strategy<Value = f64> {
        (400_000i64..520_000).prop_map(|v| v as f64 / 1e4)
    }

    fn record(n_changes: usize) -> impl Strategy<Value = Record> {
        (
            "\\PC{0,12}",
            "\\PC{0,12}",
            "\\PC{0,20}",
            any::<bool>(),
            "\\PC{0,20}",
            "\\PC{0,20}",
            proptest::option::of(0..n_changes),
            proptest::option::of(0..n_changes),
        )
            .prop_map(|(id, name, text, approximate, source, how, a, b)| Record {
                id,
                name,
                text,
                approximate,
                source,
                how,
                // placeholder days, replaced by indices into the changes below
                valid: Validity {
                    from: a.map(|i| day(i as i64)),
                    to: b.map(|i| day(i as i64)),
                },
            })
    }

    /// Arbitrary situations whose validity days are change days, with `from` before `to`.
    fn situation() -> impl Strategy<Value = Situation> {
        (proptest::collection::btree_set(0i64..20_000, 2..8)).prop_flat_map(|days| {
            let days: Vec<NaiveDate> = days.into_iter().map(day).collect();
            let n = days.len();
            let fix = move |mut r: Record, days: &[NaiveDate]| {
                let idx = |d: NaiveDate| (d - day(0)).num_days() as usize;
                let (a, b) = (r.valid.from.map(idx), r.valid.to.map(idx));
                r.valid = match (a, b) {
                    (Some(a), Some(b)) if a == b => Validity {
                        from: Some(days[a]),
                        to: None,
                    },
                    (Some(a), Some(b)) => Validity {
                        from: Some(days[a.min(b)]),
                        to: Some(days[a.max(b)]),
                    },
                    (a, b) => Validity {
                        from: a.map(|i| days[i]),
                        to: b.map(|i| days[i]),
                    },
                };
                r
            };
            let area = (record(n), 0..3usize, coord(), coord(), 1i64..500)
                .prop_map(|(r, s, x, y, w)| (r, ControlStatus::ALL[s], x, y, w as f64 / 1e4));
            (
                Just(days),
                proptest::collection::vec(area, 0..4),
                proptest::collection::vec((record(n), coord(), coord()), 0..3),
                proptest::collection::vec(record(n), 0..3),
                proptest::collection::vec(("\\PC{0,12}", any::<u32>(), coord(), coord()), 0..3),
            )
                .prop_map(move |(days, areas, points, notes, places)| Situation {
                    areas: areas
                        .into_iter()
                        .map(|(r, status, x, y, w)| ControlArea {
                            record: fix(r, &days),
                            status,
                            area: MultiPolygon::new(vec![Polygon::new(
                                LineString::from(vec![(x, y), (x + w, y), (x + w, y + w), (x, y)]),
                                vec![],
                            )]),
                        })
                        .collect(),
                    lines: points
                        .iter()
                        .map(|(r, x, y)| ContactLine {
                            record: fix(r.clone(), &days),
                            lines: MultiLineString::new(vec![LineString::from(vec![
                                (*x, *y),
                                (*y, *x),
                            ])]),
                        })
                        .collect(),
                    points: points
                        .into_iter()
                        .map(|(r, x, y)| DatedPoint {
                            record: fix(r, &days),
                            point: Point::new(x, y),
                        })
                        .collect(),
                    notes: notes
                        .into_iter()
                        .map(|r| Record {
                            approximate: false,
                            how: String::new(),
                            ..fix(r, &days)
                        })
                        .collect(),
                    changes: days
                        .iter()
                        .map(|&d| MapChange {
                            day: d,
                            label: "l".into(),
                            what: "w".into(),
                            source: "s".into(),
                        })
                        .collect(),
                    places: places
                        .into_iter()
                        .map(|(name, id, lon, lat)| ReferencePlace {
                            geonames_id: u64::from(id),
                            name,
                            lon,
                            lat,
                        })
                        .collect(),
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn whatever_is_written_loads_again_the_same(s in situation()) {
            let text = situation_to_text(&s);
            prop_assert_eq!(parse_situation("s.geojson", &text).unwrap(), s);
        }

        #[test]
        fn a_point_inside_an_area_has_its_status_on_each_day_in_force(s in situation(), k in 0usize..8) {
            for a in &s.areas {
                let c = a.area.0[0].exterior().0[0];
                let inside = (c.x + 1e-5, c.y + 1e-6);
                for change in &s.changes {
                    let d = change.day + chrono::Days::new(k as u64);
                    let got = s.area_at(inside.0, inside.1, d);
                    if a.record.valid.contains(d) {
                        prop_assert!(got.is_some_and(|g| g.record.valid.contains(d)));
                    }
                    if let Some(g) = got {
                        prop_assert!(g.record.valid.contains(d));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_situation("s.geojson", &String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn mangled_bundled_text_never_panics(cut in 0usize..4000, insert in "\\PC{0,5}") {
            let text = crate::io::bundle::SITUATION_GEOJSON;
            let cut = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let mangled = format!("{}{insert}{}", &text[..cut], &text[cut..]);
            let _ = parse_situation("s.geojson", &mangled);
        }
    }
}
