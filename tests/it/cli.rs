//! The command-line contract: `export` and `check`, run as a user would.

use crate::common::scratch;
use std::path::Path;
use std::process::Command;

fn atlas() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caucasus-atlas"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn export(what: &str) -> serde_json::Value {
    let out = atlas().args(["export", what]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn export_events_lists_every_event_with_a_verbatim_quote() {
    let fc = export("events");
    assert_eq!(fc["type"], "FeatureCollection");
    let raw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("assets/events.json").unwrap()).unwrap();
    let n = raw["events"].as_array().unwrap().len();
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features.len(), n);
    assert!(n > 30);
    for f in features {
        let p = &f["properties"];
        let doc = p["source"]["document"].as_str().unwrap();
        let seed = std::fs::read_to_string(Path::new("seeds").join(doc)).unwrap();
        assert!(
            seed.contains(p["source"]["quote"].as_str().unwrap()),
            "{}",
            p["id"]
        );
        for key in [
            "id",
            "title",
            "summary",
            "start",
            "end",
            "precision",
            "date_text",
            "place",
            "place_name",
            "category",
            "actors",
            "claimed_by",
            "verified",
        ] {
            assert!(p.get(key).is_some(), "{key} missing in {}", p["id"]);
        }
        let coords = &f["geometry"]["coordinates"];
        assert!(!coords.is_null());
    }
}

#[test]
fn export_dates_keep_their_precision() {
    let fc = export("events");
    let find = |id: &str| {
        fc["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["properties"]["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing"))
            .clone()
    };
    let summons = find("2012-02-01-tehran-summons-azerbaijani-ambassador");
    assert_eq!(summons["properties"]["start"], "2012-02-01");
    assert_eq!(summons["properties"]["end"], "2012-02-29");
    assert_eq!(summons["properties"]["precision"], "month");
    assert_eq!(summons["properties"]["date_text"], "Last month");
    let lachin = find("2022-08-03-lachin-clash");
    assert_eq!(lachin["properties"]["start"], "2022-08-03");
    assert_eq!(lachin["properties"]["place"], "lachin");
    let c = lachin["geometry"]["coordinates"].as_array().unwrap();
    assert!(
        (c[0].as_f64().unwrap() - 46.55).abs() < 0.1
            && (c[1].as_f64().unwrap() - 39.64).abs() < 0.1
    );
    let war = find("1990-01-01-first-nagorno-karabakh-war");
    assert_eq!(war["properties"]["precision"], "decade");
    assert_eq!(war["properties"]["end"], "1999-12-31");
    // an event on a region is exported with its shape, not a point
    assert_ne!(war["geometry"]["type"], "Point");
}

#[test]
fn export_places_and_basemap_have_their_properties() {
    let places = export("places");
    let tabriz = places["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["name"] == "Tabriz")
        .unwrap()
        .clone();
    assert_eq!(tabriz["properties"]["kind"], "city");
    assert_eq!(tabriz["properties"]["country"], "Iran");
    assert!(tabriz["properties"]["alt_names"].is_array());
    let basemap = export("basemap");
    let names: Vec<&str> = basemap["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["name"].as_str().unwrap())
        .collect();
    for expected in [
        "Azerbaijan",
        "Armenia",
        "Georgia",
        "Iran",
        "Turkey",
        "Russia",
        "Nakhchivan",
        "Nagorno-Karabakh",
        "Lachin corridor",
        "Caspian Sea",
        "Lake Sevan",
        "Lake Urmia",
    ] {
        assert!(names.contains(&expected), "{expected} missing");
    }
    assert!(
        basemap["features"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["properties"]["kind"].is_string())
    );
}

#[test]
fn check_of_the_bundled_assets_is_clean() {
    let out = atlas()
        .args([
            "check",
            "assets/events.json",
            "assets/places.json",
            "assets/basemap.geojson",
            "assets/situation.geojson",
            "assets/areas.geojson",
            "assets/world.geojson",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("6 file(s) checked: no problems"),
        "{stderr}"
    );
}

/// Opened as data, the situation layer's file is named for what it is, not read as nine undated
/// events with six problems.
#[test]
fn the_situation_file_opened_as_data_is_named_for_what_it_is() {
    let out = atlas()
        .args(["export", "events", "--data", "assets/situation.geojson"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "assets/situation.geojson:2:10: this is the map's situation layer (\"format\": \
          \"caucasus-atlas/situation@1\"): it draws who held what and when, not events, so \
          there is nothing to open; the atlas draws it under any data (open an events file, \
          GeoJSON, KML, CSV, TimelineJS or StoryMapJS)"
        ],
        "{stderr}"
    );
}

/// The situation file is checked as the situation layer reads it, not as a basemap: a day that
/// does not exist is a problem located at its value.
#[test]
fn check_reads_a_situation_file_as_the_map_layer_does() {
    let tmp = scratch("cli-check-situation");
    let text = std::fs::read_to_string("assets/situation.geojson").unwrap();
    let bad = text.replacen(
        "\"valid_from\":\"1994-05-12\"",
        "\"valid_from\":\"1994-05-32\"",
        1,
    );
    assert_ne!(bad, text, "the bundled file has a feature from 12 May 1994");
    let path = tmp.path().join("situation.geojson");
    std::fs::write(&path, &bad).unwrap();
    let out = atlas().args(["check"]).arg(&path).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    let problems: Vec<&str> = stdout.lines().collect();
    assert_eq!(problems.len(), 1, "{stdout}");
    let at = bad.find("1994-05-32").unwrap();
    let line = bad[..at].matches('\n').count() + 1;
    assert!(
        problems[0].contains(&format!("situation.geojson:{line}:"))
            && problems[0].ends_with("`valid_from`: `1994-05-32` is not a real calendar date"),
        "{stdout}"
    );
}

#[test]
fn check_reports_malformed_files_with_their_lines() {
    let tmp = scratch("cli-check");
    let dir = tmp.path();
    let events = std::fs::read_to_string("assets/events.json").unwrap();
    // an impossible date on the first event's start line
    let start_line = events
        .lines()
        .position(|l| l.contains("\"start\""))
        .unwrap()
        + 1;
    let first_start = events.lines().nth(start_line - 1).unwrap().to_owned();
    let broken = events.replacen(&first_start, "      \"start\": \"2022-02-30\",", 1);
    let bad = dir.join("events.json");
    std::fs::write(&bad, broken).unwrap();
    let truncated = dir.join("truncated.json");
    std::fs::write(
        &truncated,
        "{\n  \"format\": \"caucasus-atlas/events@1\",\n  \"events\": [\n",
    )
    .unwrap();
    let unknown = dir.join("notes.txt");
    std::fs::write(&unknown, "hello").unwrap();
    let out = atlas()
        .arg("check")
        .args([&bad, &truncated, &unknown])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let date = lines
        .iter()
        .find(|l| l.contains("2022-02-30"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        date.starts_with(&format!("{}:{start_line}:", bad.display())),
        "{date}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{}:4:", truncated.display()))),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{}:1:1: unknown file type", unknown.display()))),
        "{stdout}"
    );
}

#[test]
fn check_finds_a_quote_that_is_not_verbatim() {
    let tmp = scratch("cli-quote");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    for entry in std::fs::read_dir("seeds").unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("seeds").join(entry.file_name())).unwrap();
    }
    let events = std::fs::read_to_string("assets/events.json").unwrap();
    let altered = events.replacen(
        "Last month, Tehran summoned",
        "Last month Tehran summoned",
        1,
    );
    assert_ne!(altered, events);
    let path = dir.join("assets/events.json");
    std::fs::write(&path, &altered).unwrap();
    let line = altered
        .lines()
        .position(|l| l.contains("Last month Tehran summoned"))
        .unwrap()
        + 1;
    let out = atlas().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("events.json:{line}:")) && stdout.contains("not verbatim"),
        "{stdout}"
    );
}

#[test]
fn export_of_a_bad_file_fails_and_names_it() {
    let tmp = scratch("cli-export");
    let dir = tmp.path();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{ \"format\": ").unwrap();
    let out = atlas()
        .args(["export", "events", "--data"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with(&format!("{}:1:", bad.display())));
}
