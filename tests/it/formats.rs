//! Other tools' files (KML, KMZ, TimelineJS, StoryMapJS) through the command line and the open
//! panel: strict and lenient loads, located problems, exports, the time-field picker and the
//! assumed year.

use crate::common::{harness, scratch};
use caucasus_atlas::app::AtlasApp;
use caucasus_atlas::commands::Command;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};

const FIXTURES: &str = "tests/fixtures/formats";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURES)
        .join(name)
}

fn atlas(args: &[&str]) -> Output {
    Process::new(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

fn export(args: &[&str]) -> (Value, String) {
    let out = atlas(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

fn feature<'a>(fc: &'a Value, id: &str) -> &'a Value {
    fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["id"] == id)
        .unwrap()
}

#[test]
fn check_reports_located_problems_in_each_format() {
    for name in ["nested.kml", "storymap.json", "fields.kml"] {
        let out = atlas(&["check", &format!("{FIXTURES}/{name}")]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let bad = atlas(&[
        "check",
        &format!("{FIXTURES}/bad.kml"),
        &format!("{FIXTURES}/timeline.json"),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8_lossy(&bad.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with(&format!(
            "{FIXTURES}/bad.kml:11:16: `2021-02-30` is not a real calendar date"
        )),
        "{text}"
    );
    assert!(
        lines[1].starts_with(&format!("{FIXTURES}/bad.kml:16:12: latitude 95")),
        "{text}"
    );
    assert!(
        lines[2].starts_with(&format!("{FIXTURES}/timeline.json:")),
        "{text}"
    );
    assert!(
        lines[2].contains("year 65000000 is outside the years the atlas can show"),
        "{text}"
    );
}

#[test]
fn export_kml_keeps_times_shapes_and_unplaced_events() {
    let path = format!("{FIXTURES}/nested.kml");
    let (fc, stderr) = export(&["export", "events", "--data", &path]);
    assert_eq!(fc["features"].as_array().unwrap().len(), 8);
    let utc = feature(&fc, "utc");
    assert_eq!(utc["properties"]["datetime"], "2020-09-27T07:15:00Z");
    assert_eq!(utc["properties"]["start"], "2020-09-27");
    assert_eq!(
        utc["geometry"]["coordinates"],
        serde_json::json!([46.75, 39.82])
    );
    assert_eq!(
        feature(&fc, "zone")["properties"]["datetime"],
        "2020-11-10T01:00:00+04:00"
    );
    assert_eq!(feature(&fc, "year")["properties"]["datetime"], Value::Null);
    assert_eq!(feature(&fc, "span")["geometry"]["type"], "LineString");
    assert_eq!(feature(&fc, "open-span")["geometry"]["type"], "Polygon");
    assert_eq!(feature(&fc, "unplaced")["geometry"], Value::Null);
    assert!(
        stderr.contains("1 placemark has no recognised date; fields that look like dates: reported; choose them with --time-field START[,END]"),
        "{stderr}"
    );
    let (chosen, _) = export(&[
        "export",
        "events",
        "--data",
        &path,
        "--time-field",
        "reported",
    ]);
    assert_eq!(
        feature(&chosen, "undated")["properties"]["start"],
        "2023-09-19"
    );
}

#[test]
fn a_kml_field_written_as_a_month_dates_its_placemark_at_month_precision() {
    let tmp = scratch("kml-month");
    let path = crate::common::my_map_kml(
        tmp.path(),
        &[
            ("month", "", "March 2021"),
            ("day", "", "August 3, 2022"),
            ("clock", "", "3/28/2024 9:05:00 PM"),
        ],
    );
    let path = path.display().to_string();
    // before, "March 2021" did not look like a date, and the field was not offered
    let (_, stderr) = export(&["export", "events", "--data", &path]);
    assert!(
        stderr.contains("3 placemarks have no recognised date; fields that look like dates: Date"),
        "{stderr}"
    );
    let (chosen, _) = export(&["export", "events", "--data", &path, "--time-field", "Date"]);
    let month = &feature(&chosen, "month")["properties"];
    assert_eq!(
        (&month["start"], &month["end"], &month["precision"]),
        (
            &Value::from("2021-03-01"),
            &Value::from("2021-03-31"),
            &Value::from("month")
        )
    );
    assert_eq!(feature(&chosen, "day")["properties"]["start"], "2022-08-03");
    // a spreadsheet's day and time, month first with slashes, keeps its time of day
    let clock = &feature(&chosen, "clock")["properties"];
    assert_eq!(
        (&clock["start"], &clock["datetime"]),
        (
            &Value::from("2024-03-28"),
            &Value::from("2024-03-28T21:05:00")
        )
    );
}

#[test]
fn timelinejs_is_strict_unless_told_to_skip() {
    let path = format!("{FIXTURES}/timeline.json");
    let strict = atlas(&["export", "events", "--data", &path]);
    assert!(!strict.status.success());
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(
        stderr.contains(&format!("{path}:")) && stderr.contains("year 65000000"),
        "{stderr}"
    );
    let (fc, stderr) = export(&["export", "events", "--data", &path, "--skip-invalid"]);
    assert!(stderr.contains("(skipped)"), "{stderr}");
    assert!(stderr.contains("note: the title slide"), "{stderr}");
    assert_eq!(fc["features"].as_array().unwrap().len(), 5);
    let strings = feature(&fc, "strings");
    assert_eq!(strings["properties"]["datetime"], "2020-09-27T07:15:00");
    assert_eq!(strings["properties"]["category_label"], "Military");
    assert_eq!(feature(&fc, "empty-month")["geometry"], Value::Null);
    assert_eq!(
        feature(&fc, "empty-month")["properties"]["precision"],
        "year"
    );
}

#[test]
fn kmz_and_unknown_json_through_the_command_line() {
    let dir = scratch("formats");
    let kmz = dir.path().join("places.kmz");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&kmz).unwrap());
    w.start_file("doc.kml", zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(std::fs::read(fixture("nested.kml")).unwrap().as_slice())
        .unwrap();
    w.finish().unwrap();
    let kmz = kmz.display().to_string();
    let (fc, _) = export(&["export", "events", "--data", &kmz]);
    assert_eq!(fc["features"].as_array().unwrap().len(), 8);
    assert!(atlas(&["check", &kmz]).status.success());
    let other = dir.path().join("other.json");
    std::fs::write(&other, r#"{"rows": [], "meta": {}}"#).unwrap();
    let out = atlas(&["export", "events", "--data", &other.display().to_string()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr
            .contains("not a dataset the atlas reads: a JSON object with the keys `rows`, `meta`"),
        "{stderr}"
    );
}

/// The app after `Command::OpenPath(path)` and the frames that finish its load.
fn open(harness: &mut Harness<'_, AtlasApp>, path: &Path) {
    harness
        .state_mut()
        .apply(Command::OpenPath(path.to_path_buf()));
    wait_for_load(harness);
}

fn wait_for_load(harness: &mut Harness<'_, AtlasApp>) {
    for _ in 0..400 {
        harness.step();
        if harness.state().pending.is_some() && harness.state().job.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    assert!(harness.state().pending.is_some(), "the load did not finish");
}

#[test]
fn the_picker_reloads_with_the_chosen_start_and_end_fields() {
    let mut harness = harness();
    open(&mut harness, &fixture("fields.kml"));
    harness.get_by_label_contains(
        "2 placemarks have no recognised date; fields that look like dates: start_date, end_date",
    );
    harness.get_by_label("Start field").click();
    harness.run();
    // the picker shows each field with how many records fill it and sample values
    harness
        .get_by_label_contains("start_date — 2 filled, e.g. 2021-03-01, 2021-04-10")
        .click();
    harness.run();
    harness.get_by_label("End field").click();
    harness.run();
    harness.get_by_label_contains("end_date — 2 filled").click();
    harness.run();
    harness.get_by_label("Reload with these fields").click();
    harness.run();
    wait_for_load(&mut harness);
    let outcome = harness.state().pending.as_ref().unwrap();
    assert_eq!(
        outcome.options.time_field,
        Some(("start_date".to_owned(), Some("end_date".to_owned())))
    );
    assert!(outcome.undated.is_none(), "every placemark is dated now");
    let first = outcome.data.event(0).unwrap();
    assert_eq!(first.date.describe(), "1 March 2021 – 5 March 2021 (day)");
    harness.get_by_label_contains("Dates read from the field `start_date` to `end_date`");
    harness.get_by_label("Use the file's own dates").click();
    harness.run();
    wait_for_load(&mut harness);
    let outcome = harness.state().pending.as_ref().unwrap();
    assert_eq!(outcome.options.time_field, None);
    assert_eq!(outcome.undated.as_ref().map(|r| r.undated), Some(2));
    harness.get_by_label("Reload with these fields").click();
    harness.run();
    wait_for_load(&mut harness);
    assert_eq!(
        harness.state().pending.as_ref().unwrap().data.dated_len(),
        2
    );
    harness.get_by_label("Replace with 2").click();
    harness.run();
    assert_eq!(harness.state().data.len(), 2);
    assert_eq!(harness.state().data.dated_len(), 2);
}

#[test]
fn dates_without_a_year_take_the_year_the_user_assumes() {
    let mut harness = harness();
    open(&mut harness, &fixture("storymap.json"));
    harness.get_by_label_contains(
        "2 slides have no recognised date; 1 gives a day or month without a year",
    );
    harness
        .get_by_label("Dates without a year: assume year")
        .click();
    harness.run();
    harness
        .get_by_label("Dates without a year: assume year")
        .type_text("2020");
    harness.run();
    harness.get_by_label("Apply year").click();
    harness.run();
    wait_for_load(&mut harness);
    let outcome = harness.state().pending.as_ref().unwrap();
    assert_eq!(outcome.options.assume_year, Some(2020));
    let data = &outcome.data;
    let slide = data.event(data.index_of("slide-3").unwrap()).unwrap();
    assert_eq!(slide.date.describe(), "23 August 2020 (day)");
    assert_eq!(slide.date.text, "Aug 23");
    assert!(slide.date.note.contains("2020 was assumed"));
    harness.get_by_label_contains("dates without a year are taken to be in 2020");
    harness.get_by_label("Add 5 as a layer").click();
    harness.run();
    let app = harness.state();
    let unplaced = app.data.index_of("slide-6").unwrap();
    assert_eq!(
        app.data.columns().kind[unplaced],
        caucasus_atlas::model::dataset::Columns::UNPLACED
    );
}

#[test]
fn unplaced_events_are_listed_and_selectable_without_moving_the_map() {
    let mut harness = harness();
    open(&mut harness, &fixture("storymap.json"));
    harness.get_by_label("Replace with 5").click();
    harness.run();
    let before = (harness.state().map.view.lon, harness.state().map.view.lat);
    let i = harness.state().data.index_of("slide-6").unwrap();
    harness.state_mut().apply(Command::Select(Some(i)));
    harness.run();
    let after = (harness.state().map.view.lon, harness.state().map.view.lat);
    assert_eq!(before, after, "an unplaced event does not move the map");
    assert!(after.0.is_finite() && after.1.is_finite());
    harness.get_by_label_contains("no location in the source (not on the map)");
    // the slide cites no passage: said in words, not shown as empty quotation marks
    harness.get_by_label("The source gives no passage for this event.");
    assert!(harness.query_by_label("“”").is_none());
}

#[test]
fn a_spreadsheet_and_timelinejs_s_sheet_open_as_tables_of_events() {
    let sheet = fixture("timeline_sheet.csv");
    let (fc, stderr) = export(&["export", "events", "--data", sheet.to_str().unwrap()]);
    let titles: Vec<&str> = fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Second Karabakh War",
            "Trilateral statement",
            "Border standoff near Sotk"
        ]
    );
    let statement = feature(&fc, "row-3");
    assert_eq!(statement["properties"]["datetime"], "2020-11-10T01:00:00");
    assert_eq!(statement["properties"]["date_text"], "10 Nov 2020, night");
    assert_eq!(statement["properties"]["category"], "agreement");
    assert!(statement["geometry"].is_null());
    assert_eq!(feature(&fc, "row-4")["properties"]["precision"], "month");
    assert!(stderr.contains("the title row “The South Caucasus after 2020” is not an event"));
    assert!(stderr.contains("1 era row not read as events"));
    // a table that names its places is placed by the gazetteer, and says so
    let reported = fixture("named_places.csv");
    let (fc, _) = export(&["export", "events", "--data", reported.to_str().unwrap()]);
    let tabriz = feature(&fc, "row-1");
    assert_eq!(tabriz["properties"]["place_name"], "Tabriz");
    assert_eq!(tabriz["properties"]["start"], "2024-03-14");
    assert_eq!(
        tabriz["properties"]["source"]["document"],
        "https://example.org/tabriz"
    );
    let meeting = feature(&fc, "row-2");
    assert_eq!(
        meeting["properties"]["place_name"],
        "Khankendi / Stepanakert"
    );
    assert!(
        feature(&fc, "row-3")["geometry"].is_null(),
        "Springfield is not in the gazetteer"
    );
    // a bad month is named where it stands
    let dir = scratch("table");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Year,Month,Day,Headline\n2021,13,,x\n").unwrap();
    let out = atlas(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("bad.csv:2:6: `Month`: `13` is not a month (1 to 12)"),
        "{stdout}"
    );
    dir.close().unwrap();
}

#[test]
fn a_table_whose_dates_hide_in_another_column_is_dated_from_the_picker() {
    let dir = scratch("table-picker");
    let path = dir.path().join("kept.csv");
    std::fs::write(
        &path,
        "title,reported,lat,lon\nTalks,2021-05-04,40.18,44.51\nDrills,4 October 2021,39.2,45.4\n",
    )
    .unwrap();
    let mut harness = harness();
    open(&mut harness, &path);
    harness.get_by_label_contains(
        "2 rows have no recognised date; fields that look like dates: reported",
    );
    harness.get_by_label("Start field").click();
    harness.run();
    harness
        .get_by_label_contains("reported — 2 filled, e.g. 2021-05-04, 4 October 2021")
        .click();
    harness.run();
    harness.get_by_label("Reload with these fields").click();
    harness.run();
    wait_for_load(&mut harness);
    let outcome = harness.state().pending.as_ref().unwrap();
    assert!(outcome.undated.is_none(), "every row is dated now");
    assert_eq!(
        outcome.data.event(1).unwrap().date.describe(),
        "4 October 2021 (day)"
    );
    harness.get_by_label("Replace with 2").click();
    harness.run();
    assert_eq!(harness.state().data.dated_len(), 2);
    dir.close().unwrap();
}

#[test]
fn a_file_whose_events_have_no_place_says_so_first() {
    let mut harness = harness();
    open(&mut harness, &fixture("timeline_sheet.csv"));
    let outcome = harness.state().pending.as_ref().unwrap();
    assert_eq!(
        outcome.notices.first().map(String::as_str),
        Some("3 of 3 events have no place: they are listed and on the timeline, not on the map")
    );
    harness.get_by_label_contains("3 of 3 events have no place");
}

#[test]
fn a_gdelt_event_file_exports_coded_unverified_events_and_checks_clean() {
    let path = fixture("gdelt_sample.export.CSV");
    let p = path.to_str().unwrap();
    let (fc, stderr) = export(&["export", "events", "--data", p]);
    assert!(stderr.contains("read as a GDELT event file without a header (61 columns)"));
    let fight = feature(&fc, "900000001");
    assert_eq!(fight["properties"]["title"], "Fight in Stepanakert");
    assert_eq!(fight["properties"]["start"], "2023-09-19");
    assert_eq!(fight["properties"]["precision"], "day");
    assert_eq!(fight["properties"]["category"], "military");
    assert_eq!(fight["properties"]["verified"], false);
    assert_eq!(
        fight["geometry"]["coordinates"],
        serde_json::json!([46.7519, 39.8153])
    );
    assert_eq!(
        fight["properties"]["source"]["document"],
        "https://example.org/gdelt-test/1"
    );
    let appeal = feature(&fc, "900000002");
    assert_eq!(appeal["properties"]["category"], "statement");
    assert!(
        appeal["properties"]["notes"]
            .as_str()
            .unwrap()
            .contains("the report names only the country")
    );
    assert_eq!(
        feature(&fc, "900000003")["properties"]["category"],
        "protest"
    );
    let check = atlas(&["check", p]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
}

#[test]
fn a_zip_archive_opens_its_one_data_file_and_names_problems_inside_it() {
    let dir = scratch("zip");
    let gdelt = std::fs::read(fixture("gdelt_sample.export.CSV")).unwrap();
    let write = |name: &str, files: &[(&str, &[u8])]| {
        let path = dir.path().join(name);
        let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for (inner, bytes) in files {
            out.start_file(*inner, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(bytes).unwrap();
        }
        out.finish().unwrap();
        path.to_str().unwrap().to_owned()
    };
    let one = write(
        "20230925.export.CSV.zip",
        &[("20230925.export.CSV", &gdelt)],
    );
    let (fc, stderr) = export(&["export", "events", "--data", &one]);
    assert!(
        stderr.contains("read from the zip archive: 20230925.export.CSV"),
        "{stderr}"
    );
    assert_eq!(fc["features"].as_array().unwrap().len(), 3);
    assert_eq!(
        feature(&fc, "900000001")["properties"]["title"],
        "Fight in Stepanakert"
    );
    let bad = write(
        "bad.zip",
        &[("rows.csv", b"date,lat,lon\n2023-09-31,40,45\n")],
    );
    let check = atlas(&["check", &bad]);
    assert_eq!(check.status.code(), Some(1));
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        out.starts_with(&format!("{bad}!rows.csv:2:1: `date`")),
        "{out}"
    );
    let two = write("two.zip", &[("a.csv", b"x"), ("b.kml", b"y")]);
    let refused = atlas(&["export", "events", "--data", &two]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr)
            .contains("the zip archive holds 2 data files (a.csv, b.kml): unzip it and open one")
    );
}

#[test]
fn a_sparql_query_s_results_export_their_rows_and_check_at_the_bad_value() {
    let path = fixture("sparql_results.json");
    let p = path.to_str().unwrap();
    let check = atlas(&["check", p]);
    assert_eq!(check.status.code(), Some(1));
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        out.starts_with(&format!("{p}:15:110: `coord`: `Point(39.5 146.3)`")),
        "{out}"
    );
    let (fc, stderr) = export(&["export", "events", "--data", p, "--skip-invalid"]);
    assert!(stderr.contains("read as the results of a SPARQL query: 2 rows (a binding each)"));
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features.len(), 1);
    let goris = &features[0];
    assert_eq!(goris["properties"]["title"], "Test event at Goris");
    assert_eq!(goris["properties"]["start"], "2022-09-13");
    assert_eq!(
        goris["geometry"]["coordinates"],
        serde_json::json!([46.3417, 39.5111])
    );
    assert_eq!(
        goris["properties"]["source"]["document"],
        "https://example.org/entity/1"
    );
}
