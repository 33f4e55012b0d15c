//! GeoJSON through the command line as a user meets it: bare Features and geometries, every time
//! key, tracks, undated features with `--time-field`, USGS-style files, strict and lenient loads.

use crate::common::scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn atlas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

/// `export events --data PATH` (plus `extra` options): the features, and stderr.
fn export(path: &str, extra: &[&str]) -> (Vec<serde_json::Value>, String) {
    let mut args = vec!["export", "events", "--data", path];
    args.extend_from_slice(extra);
    let out = atlas(&args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{path}: {err}");
    let fc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (fc["features"].as_array().unwrap().clone(), err)
}

fn by_id<'a>(features: &'a [serde_json::Value], id: &str) -> &'a serde_json::Value {
    features
        .iter()
        .find(|f| f["properties"]["id"] == id)
        .unwrap_or_else(|| panic!("no feature {id}"))
}

/// Writes `text` to the file `name` in `dir`.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const FIXTURES: [&str; 6] = [
    "tests/fixtures/geojson_bare_feature.geojson",
    "tests/fixtures/geojson_bare_geometry.geojson",
    "tests/fixtures/geojson_time_keys.geojson",
    "tests/fixtures/geojson_track.geojson",
    "tests/fixtures/geojson_undated.geojson",
    "tests/fixtures/geojson_usgs_style.geojson",
];

#[test]
fn every_fixture_checks_clean_and_survives_export_and_load() {
    let dir = scratch("geojson");
    for path in FIXTURES {
        let check = atlas(&["check", path]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{path}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let (first, _) = export(path, &[]);
        assert!(!first.is_empty(), "{path}");
        let text = serde_json::json!({"type": "FeatureCollection", "features": first}).to_string();
        let again = write(dir.path(), "again.geojson", &text);
        let (second, _) = export(&again.display().to_string(), &[]);
        assert_eq!(first, second, "{path}");
    }
}

#[test]
fn a_bare_feature_and_a_bare_geometry_open() {
    let (features, _) = export(FIXTURES[0], &[]);
    assert_eq!(features.len(), 1);
    let p = &features[0]["properties"];
    assert_eq!(p["id"], "feature-0");
    assert_eq!(
        (p["start"].as_str(), p["end"].as_str()),
        (Some("2021-05-01"), Some("2021-05-31"))
    );
    assert_eq!(p["precision"], "month");
    let (features, err) = export(FIXTURES[1], &[]);
    assert_eq!(features[0]["geometry"]["type"], "LineString");
    assert!(err.contains("1 feature has no recognised date"), "{err}");
}

#[test]
fn every_time_key_dates_its_feature() {
    let (features, err) = export(FIXTURES[2], &[]);
    assert!(!err.contains("no recognised date"), "{err}");
    let expect = [
        ("start_date", "2020-01-01", "2020-02-01", "day"),
        ("startDate", "2020-01-01", "2020-03-31", "month"),
        ("date_start", "2019-01-01", "2020-12-31", "year"),
        ("datetime", "2022-08-03", "2022-08-03", "day"),
        ("event_date", "2022-08-03", "2022-08-03", "day"),
        ("Date", "2022-08-03", "2022-08-03", "day"),
        ("year", "2012-01-01", "2012-12-31", "year"),
        ("from", "2021-11-22", "2021-11-24", "day"),
        ("interval", "2020-01-01", "2020-02-01", "day"),
        ("open-interval", "2021-06-01", "2021-06-30", "month"),
        ("time-ms", "2021-11-22", "2021-11-22", "day"),
        ("time-of-day", "2022-08-03", "2022-08-03", "day"),
    ];
    for (id, start, end, precision) in expect {
        let p = &by_id(&features, id)["properties"];
        assert_eq!(
            (
                p["start"].as_str(),
                p["end"].as_str(),
                p["precision"].as_str()
            ),
            (Some(start), Some(end), Some(precision)),
            "{id}"
        );
    }
    let open = &by_id(&features, "open-interval")["properties"]["date_note"];
    assert_eq!(
        open,
        "`2021-06/..` is an open interval: dated by its start alone, its end is not given"
    );
}

#[test]
fn tracks_keep_a_time_per_vertex() {
    let (features, _) = export(FIXTURES[3], &[]);
    let track = by_id(&features, "test-track");
    assert_eq!(track["geometry"]["type"], "LineString");
    assert_eq!(
        track["properties"]["times"],
        serde_json::json!([
            "2022-12-12T06:00:00Z",
            "2022-12-12T12:00:00Z",
            "2022-12-13T00:00:00Z"
        ])
    );
    assert_eq!(track["properties"]["start"], "2022-12-12");
    assert_eq!(track["properties"]["end"], "2022-12-13");
    let gpx = by_id(&features, "test-gpx-track");
    assert_eq!(gpx["properties"]["times"][1], "2022-12-14T09:00:00Z");
}

#[test]
fn undated_features_are_reported_and_time_fields_date_them() {
    let (features, err) = export(FIXTURES[4], &[]);
    assert!(
        err.contains(
            "3 features have no recognised date; fields that look like dates: fecha_inicio, fecha_fin"
        ),
        "{err}"
    );
    assert!(features.iter().all(|f| f["properties"]["start"].is_null()));
    let (features, err) = export(FIXTURES[4], &["--time-field", "fecha_inicio,fecha_fin"]);
    assert!(!err.contains("no recognised date"), "{err}");
    let u1 = &by_id(&features, "u1")["properties"];
    assert_eq!(
        (u1["start"].as_str(), u1["end"].as_str()),
        (Some("2022-08-03"), Some("2022-08-05"))
    );
    let u2 = &by_id(&features, "u2")["properties"];
    assert_eq!(
        (u2["end"].as_str(), u2["precision"].as_str()),
        (Some("2022-09-30"), Some("month"))
    );
    let u3 = &by_id(&features, "u3")["properties"];
    assert_eq!(
        (u3["start"].as_str(), u3["end"].as_str()),
        (Some("2021-01-01"), Some("2021-12-31"))
    );
    // a field that is not a date is a located problem
    let out = atlas(&[
        "export",
        "events",
        "--data",
        FIXTURES[4],
        "--time-field",
        "title",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:4:", FIXTURES[4])) && err.contains("is not a date"),
        "{err}"
    );
}

#[test]
fn dates_written_as_people_write_them_keep_their_precision() {
    let tmp = crate::common::scratch("written-dates");
    let path = tmp.path().join("written.geojson");
    let feature = |id: &str, date: &str| {
        format!(
            r#"{{"type":"Feature","id":"{id}","geometry":{{"type":"Point","coordinates":[45.1,40.2]}},"properties":{{"title":"{id}","date":"{date}"}}}}"#
        )
    };
    let written = [
        ("month", "March 2021"),
        ("us", "Aug. 3, 2022"),
        ("yearless", "23 August"),
        ("week", "March 24, 2025 - March 30, 2025"),
        ("slashes", "2021/03/05"),
        ("sheet", "March 28, 2024, 10:24:02 PM"),
        ("mail", "Thu, 28 Mar 2024 22:24:02 +0400"),
        ("day-first", "28/03/2024"),
        ("two-ways", "05/03/2021"),
    ];
    let features: Vec<String> = written.iter().map(|(id, date)| feature(id, date)).collect();
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    );
    std::fs::write(&path, text).unwrap();
    let p = path.display().to_string();
    let (features, err) = export(&p, &["--skip-invalid"]);
    let month = &by_id(&features, "month")["properties"];
    assert_eq!(
        (
            month["start"].as_str(),
            month["end"].as_str(),
            month["precision"].as_str()
        ),
        (Some("2021-03-01"), Some("2021-03-31"), Some("month"))
    );
    let us = &by_id(&features, "us")["properties"];
    assert_eq!(
        (us["start"].as_str(), us["precision"].as_str()),
        (Some("2022-08-03"), Some("day"))
    );
    let week = &by_id(&features, "week")["properties"];
    assert_eq!(
        (week["start"].as_str(), week["end"].as_str()),
        (Some("2025-03-24"), Some("2025-03-30"))
    );
    assert_eq!(
        by_id(&features, "slashes")["properties"]["start"],
        "2021-03-05"
    );
    // a time of day written after the day is kept, with its zone when it names one
    let sheet = &by_id(&features, "sheet")["properties"];
    assert_eq!(
        (sheet["start"].as_str(), sheet["datetime"].as_str()),
        (Some("2024-03-28"), Some("2024-03-28T22:24:02"))
    );
    let mail = &by_id(&features, "mail")["properties"];
    assert_eq!(mail["datetime"], "2024-03-28T22:24:02+04:00");
    assert_eq!(
        by_id(&features, "day-first")["properties"]["start"],
        "2024-03-28"
    );
    // a day without its year is never given one, nor a day that reads two ways one of them
    assert_eq!(features.len(), 7, "{err}");
    assert!(err.contains("`23 August` gives no year"), "{err}");
    assert!(
        err.contains("`05/03/2021` reads two ways, 5 March 2021 or May 3, 2021"),
        "{err}"
    );
}

#[test]
fn usgs_style_files_keep_ids_titles_and_days() {
    let (features, _) = export(FIXTURES[5], &[]);
    let q = &by_id(&features, "ustest0001")["properties"];
    assert_eq!(q["title"], "M 4.5 - 10 km N of a test point");
    assert_eq!(q["start"], "2021-11-22");
    assert_eq!(
        by_id(&features, "ustest0001")["geometry"]["coordinates"],
        serde_json::json!([45.1, 40.2])
    );
}

#[test]
fn strict_and_lenient_loads_of_a_file_with_a_bad_feature() {
    let dir = scratch("geojson");
    let text = r#"{"type": "FeatureCollection", "features": [
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [45, 40]}, "properties": {"id": "ok", "date": "2021"}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [45, 95]}, "properties": {"id": "bad", "date": "2021"}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [46, 40]}, "properties": {"id": "ok2", "date": "2021"}}
]}"#;
    let path = write(dir.path(), "mixed.geojson", text);
    let p = path.display().to_string();
    let column = text.lines().nth(2).unwrap().find("95").unwrap() + 1;
    let located = format!("{p}:3:{column}: latitude 95 is outside -90..90");
    let check = atlas(&["check", &p]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&check.stdout).trim(), located);
    let strict = atlas(&["export", "events", "--data", &p]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(strict.stdout.is_empty());
    let (features, err) = export(&p, &["--skip-invalid"]);
    assert_eq!(features.len(), 2);
    assert!(err.contains(&located) && err.contains("skipped"), "{err}");
}
