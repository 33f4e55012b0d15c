//! Bad input through `check` and `export --data`: every case gets a clear located message, no panic,
//! no half-loaded output; `--skip-invalid` keeps the valid records. Also the export round trip.

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

/// Writes `bytes` to the file `name` in `dir`.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const HEADER: &str = "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude,source,notes";

/// Runs `check` and `export events --data` on a file; both must fail with `file:line:` and `needle`.
fn rejected(path: &Path, line: usize, needle: &str) {
    let p = path.display().to_string();
    let check = atlas(&["check", &p]);
    assert_eq!(check.status.code(), Some(1), "check {p}");
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(out.starts_with(&format!("{p}:{line}:")), "check {p}: {out}");
    assert!(out.contains(needle), "check {p}: {out}");
    let export = atlas(&["export", "events", "--data", &p]);
    assert_eq!(export.status.code(), Some(1), "export {p}");
    assert!(
        export.stdout.is_empty(),
        "export printed half a result for {p}"
    );
    let err = String::from_utf8_lossy(&export.stderr);
    assert!(
        err.contains(&format!("{p}:{line}:")) && err.contains(needle),
        "export {p}: {err}"
    );
}

#[test]
fn every_kind_of_bad_file_is_named_and_located() {
    let tmp = scratch("bad");
    let dir = tmp.path();
    rejected(&write(dir, "empty.csv", b""), 1, "empty");
    rejected(&write(dir, "empty.geojson", b"  \n"), 1, "empty");
    rejected(
        &write(dir, "binary.json", &[0x7b, 0x0a, 0xff, 0xfe, 0x00, 0x01]),
        2,
        "UTF-8",
    );
    rejected(
        &write(
            dir,
            "truncated.geojson",
            b"{\"type\": \"FeatureCollection\",\n \"features\": [\n",
        ),
        3,
        "EOF",
    );
    let deep = "[".repeat(100_000);
    rejected(&write(dir, "deep.geojson", deep.as_bytes()), 1, "recursion");
    let csv = |rows: &str| format!("{HEADER}\n{rows}\n");
    rejected(
        &write(
            dir,
            "feb30.csv",
            csv("A1,2022-02-30,1,Battles,Armed clash,X,Azerbaijan,Lachin,Lachin,39.6,46.5,S,n")
                .as_bytes(),
        ),
        2,
        "2022-02-30",
    );
    rejected(
        &write(
            dir,
            "lat.csv",
            csv("A1,2022-02-03,1,Battles,Armed clash,X,Azerbaijan,Lachin,Lachin,95.5,46.5,S,n")
                .as_bytes(),
        ),
        2,
        "latitude",
    );
    rejected(
        &write(
            dir,
            "dup.csv",
            csv("A1,2022-02-03,1,Battles,Armed clash,X,Azerbaijan,Lachin,Lachin,39.6,46.5,S,n\nA1,2022-02-04,1,Battles,Armed clash,X,Azerbaijan,Lachin,Lachin,39.6,46.5,S,n").as_bytes(),
        ),
        3,
        "duplicate",
    );
    // a row a spreadsheet saved in Windows-1252: `check` says what the load says, at that row
    let mut legacy =
        csv("A1,2022-02-03,1,Battles,Armed clash,X,Azerbaijan,Lachin,Lachin,39.6,46.5,S,caf")
            .into_bytes();
    legacy.insert(legacy.len() - 1, 0xe9);
    rejected(&write(dir, "legacy.csv", &legacy), 2, "legacy encoding");
    rejected(
        &write(
            dir,
            "nocoords.csv",
            b"event_id_cnty,event_date,location\nA1,2022-02-03,Lachin\n",
        ),
        1,
        "latitude",
    );
    let end_before = br#"{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[46.5,39.6]},"properties":{"id":"x","start":"2022-08-03","end":"2022-08-01"}}]}"#;
    rejected(&write(dir, "end.geojson", end_before), 2, "before");
    // JSON of the atlas's kind in a format this version does not read, at its `format` value
    rejected(
        &write(
            dir,
            "newer.json",
            b"{\n  \"format\": \"caucasus-atlas/events@2\",\n  \"events\": []\n}\n",
        ),
        2,
        "\"format\" is \"caucasus-atlas/events@2\", a format this version of the atlas does not read",
    );
    // JSON that no loader reads: `check` and the load say the same
    rejected(
        &write(dir, "rows.json", br#"{"rows": [], "meta": {}}"#),
        1,
        "a JSON object with the keys `rows`, `meta`",
    );
    rejected(&write(dir, "notes.txt", b"hello"), 1, "unknown file type");
    rejected(&write(dir, "noext", b"hello"), 1, "no file extension");
}

#[test]
fn skip_invalid_loads_the_valid_records_and_reports_the_rest() {
    let tmp = scratch("bad");
    let dir = tmp.path();
    let rows = format!(
        "{HEADER}\nA1,2022-08-03,1,Battles,Armed clash,X,Azerbaijan,Lachin,Lachin,39.6408,46.5469,S,\"quoted, with \"\"quotes\"\"\"\nA2,2022-02-30,1,Battles,Armed clash,X,Azerbaijan,Lachin,Lachin,39.6,46.5,S,n\nA3,3-Aug-22,2,Protests,Peaceful protest,Y,Armenia,Yerevan,Yerevan,40.18,44.51,S,\n"
    );
    let path = write(dir, "mixed.csv", rows.as_bytes());
    let p = path.display().to_string();
    let strict = atlas(&["export", "events", "--data", &p]);
    assert_eq!(strict.status.code(), Some(1));
    let lenient = atlas(&["export", "events", "--data", &p, "--skip-invalid"]);
    assert!(lenient.status.success());
    let err = String::from_utf8_lossy(&lenient.stderr);
    assert!(
        err.contains(&format!("{p}:3:")) && err.contains("skipped"),
        "{err}"
    );
    let fc: serde_json::Value = serde_json::from_slice(&lenient.stdout).unwrap();
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    let week = features
        .iter()
        .find(|f| f["properties"]["id"] == "A3")
        .unwrap();
    assert_eq!(week["properties"]["precision"], "week");
    assert_eq!(week["properties"]["start"], "2022-08-01");
    assert_eq!(week["properties"]["end"], "2022-08-07");
    let a1 = features
        .iter()
        .find(|f| f["properties"]["id"] == "A1")
        .unwrap();
    assert_eq!(
        a1["properties"]["source"]["quote"],
        "quoted, with \"quotes\""
    );
}

#[test]
fn skip_invalid_on_a_file_nothing_loads_from_reports_each_problem_once_as_an_error() {
    let tmp = scratch("bad");
    let dir = tmp.path();
    let rows = format!(
        "{HEADER}\nA2,2022-02-30,1,Battles,Armed clash,X,Azerbaijan,Lachin,Lachin,39.6,46.5,S,n\n"
    );
    let every_row_bad = write(dir, "all-bad.csv", rows.as_bytes());
    let no_header = write(dir, "no-header.csv", b"a,b\n1,2\n");
    for path in [every_row_bad, no_header, dir.join("missing.csv")] {
        let p = path.display().to_string();
        let out = atlas(&["export", "events", "--data", &p, "--skip-invalid"]);
        assert_eq!(out.status.code(), Some(1), "{p}");
        assert!(out.stdout.is_empty(), "{p}");
        let err = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = err.lines().filter(|l| l.starts_with(&p)).collect();
        assert_eq!(lines.len(), 1, "{err}");
        assert!(!lines[0].contains("skipped"), "{err}");
    }
}

#[test]
fn export_open_export_gives_the_same_features() {
    let first = atlas(&["export", "events"]);
    assert!(first.status.success());
    let tmp = scratch("bad");
    let path = write(tmp.path(), "round.geojson", &first.stdout);
    let second = atlas(&["export", "events", "--data", &path.display().to_string()]);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let a: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&second.stdout).unwrap();
    assert_eq!(a, b);
}

#[test]
fn the_sample_datasets_load_and_check_clean() {
    for sample in [
        "tests/fixtures/acled_sample.csv",
        "tests/fixtures/events_sample.geojson",
    ] {
        let check = atlas(&["check", sample]);
        assert!(
            check.status.success(),
            "{sample}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let export = atlas(&["export", "events", "--data", sample]);
        let fc: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
        assert!(!fc["features"].as_array().unwrap().is_empty(), "{sample}");
    }
}

#[test]
fn the_gazetteer_checks_clean_but_opens_as_no_events() {
    let check = atlas(&["check", "assets/places.json"]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    let export = atlas(&["export", "events", "--data", "assets/places.json"]);
    assert_eq!(export.status.code(), Some(1));
    assert!(export.stdout.is_empty());
    let err = String::from_utf8_lossy(&export.stderr);
    assert!(
        err.starts_with(
            "assets/places.json:2:13: this is a gazetteer (\"format\": \"caucasus-atlas/places@1\"): \
             it lists places, not events"
        ),
        "{err}"
    );
}
