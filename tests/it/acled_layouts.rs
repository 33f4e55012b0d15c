//! ACLED files as they come: monadic exports (one row per actor), layouts before 2023 and before
//! 2019, and a file cut off in its last record.

use crate::common::{feature_ids, scratch};
use caucasus_atlas::io::bundle::bundled_basemap;
use caucasus_atlas::io::open::{LoadOptions, Opened, load_path};
use caucasus_atlas::model::{Category, Dataset, Event, Precision};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn open(name: &str) -> (Dataset, Opened) {
    let (places, mut opened) =
        load_path(&fixture(name), &bundled_basemap(), &LoadOptions::default());
    let records = std::mem::take(&mut opened.records);
    (Dataset::new(records, places), opened)
}

/// The events by id, their actors sorted (a monadic file lists them in row order).
fn events(data: &Dataset) -> Vec<Event> {
    let mut events: Vec<Event> = data.events().map(|e| e.into_owned()).collect();
    for e in &mut events {
        e.actors.sort();
    }
    events.sort_by(|a, b| a.id.cmp(&b.id));
    events
}

#[test]
fn a_monadic_export_merges_into_one_event_per_id() {
    let (data, opened) = open("acled_monadic.csv");
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(opened.notices, ["7 rows merged into 4 events"]);
    assert_eq!(data.len(), 4);
    let protest = data.event(data.index_of("TST103").unwrap()).unwrap();
    assert_eq!(
        protest.actors,
        [
            "Protesters (Test)",
            "Students (Test)",
            "Women (Test)",
            "Police Forces (Test)"
        ]
    );
    assert_eq!(protest.date.precision, Precision::Week);
    assert!(protest.summary.contains("\"quoted words\""));
    let one_sided = data.event(data.index_of("TST102").unwrap()).unwrap();
    assert_eq!(one_sided.actors, ["Test Actor A"]);
}

#[test]
fn a_monadic_export_loads_as_its_dyadic_equivalent() {
    let (monadic, _) = open("acled_monadic.csv");
    let (dyadic, opened) = open("acled_dyadic.csv");
    assert!(opened.problems.is_empty() && opened.notices.is_empty());
    assert_eq!(events(&monadic), events(&dyadic));
    assert_eq!(events(&monadic).len(), 4);
}

#[test]
fn rows_of_one_id_that_disagree_are_conflicts() {
    let text = std::fs::read_to_string(fixture("acled_monadic.csv")).unwrap();
    // the second row of TST101 moves to another day
    let changed = text.replacen(
        "TST101,2022-09-13,2022,1,Political violence,Battles,Armed clash,Test Actor B",
        "TST101,2022-09-12,2022,1,Political violence,Battles,Armed clash,Test Actor B",
        1,
    );
    assert_ne!(text, changed);
    let dir = scratch("acled");
    let path = dir.path().join("conflict.csv");
    std::fs::write(&path, changed).unwrap();
    let (_, opened) = load_path(&path, &bundled_basemap(), &LoadOptions::default());
    let problems: Vec<String> = opened.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [format!(
            "{}:3:1: duplicate event id `TST101`: line 2 has it with a different date",
            path.display()
        )]
    );
    assert_eq!(opened.notices, ["6 rows merged into 4 events"]);
    dir.close().unwrap();
}

#[test]
fn older_layouts_load() {
    let (data, opened) = open("acled_legacy.csv");
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let all = events(&data);
    let ids: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["TST201", "TST202", "TST203"]);
    assert_eq!(all[0].actors, ["Test Actor A", "Test Actor B"]);
    assert_eq!(all[0].category, Category::Military);
    assert_eq!(all[1].date.precision, Precision::Week);
    assert_eq!(all[1].category, Category::Protest);
    // an event type used before 2019
    assert_eq!(all[2].category, Category::Military);
    assert_eq!(all[2].category_label, "Remote violence");
    assert_eq!(all[2].date.text, "5-Jan-17");
    // the current layout loads too
    let (current, opened) = open("acled_sample.csv");
    assert!(opened.problems.is_empty());
    assert_eq!(current.len(), 5);
}

fn atlas(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_file_cut_off_in_its_last_record_is_refused_and_its_whole_rows_load_when_asked() {
    let path = fixture("acled_cut.csv");
    let p = path.display().to_string();
    let check = atlas(&["check", &p]);
    assert_eq!(check.status.code(), Some(1));
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(out.starts_with(&format!("{p}:6:1: the file ends")), "{out}");
    assert!(out.contains("cut off"), "{out}");
    let strict = atlas(&["export", "events", "--data", &p]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(strict.stdout.is_empty());
    let lenient = atlas(&["export", "events", "--data", &p, "--skip-invalid"]);
    assert!(lenient.status.success());
    assert!(String::from_utf8_lossy(&lenient.stderr).contains(&format!("{p}:6:1:")));
    let ids = feature_ids(&lenient.stdout);
    assert_eq!(ids.len(), 3);
    assert!(!ids.iter().any(|id| id == "TST104"), "{ids:?}");
}

#[test]
fn a_large_file_loads_the_same_mapped_as_read() {
    // over 32 MiB: mapped, its pages given back as the parse passes them, rows read again from disk
    let header = std::fs::read_to_string(fixture("acled_dyadic.csv")).unwrap();
    let (header, first) = header.split_once('\n').unwrap();
    let row = first.lines().next().unwrap();
    let mut text = format!("{header}\n");
    let mut k = 0;
    while text.len() < 34 << 20 {
        let day = 1 + k % 28;
        text.push_str(&row.replacen("TST101", &format!("BIG{k}"), 1).replacen(
            "2022-09-13",
            &format!("2022-02-{day:02}"),
            1,
        ));
        text.push('\n');
        k += 1;
    }
    let dir = scratch("big");
    let path = dir.path().join("big.csv");
    std::fs::write(&path, &text).unwrap();
    let basemap = bundled_basemap();
    let options = LoadOptions::default();
    let (places, mapped) = load_path(&path, &basemap, &options);
    let (places_read, read) =
        caucasus_atlas::io::open::load_bytes(&path, text.as_bytes(), &basemap, &options);
    assert!(mapped.problems.is_empty(), "{:?}", mapped.problems);
    assert_eq!(places, places_read);
    let mapped = Dataset::new(mapped.records, places);
    let read = Dataset::new(read.records, places_read);
    assert_eq!(mapped.len(), k);
    let ids = |d: &Dataset| d.views().map(|v| v.id.to_owned()).collect::<Vec<_>>();
    assert_eq!(ids(&mapped), ids(&read));
    for i in [0, k / 2, k - 1] {
        assert_eq!(mapped.event(i), read.event(i));
    }
    dir.close().unwrap();
}

#[test]
fn in_a_file_with_actor2_every_repeated_id_is_a_conflict() {
    let text = std::fs::read_to_string(fixture("acled_dyadic.csv")).unwrap();
    let second = text.lines().nth(2).unwrap();
    // the row of TST102 again, word for word, at the end (line 7)
    let repeated = format!("{text}{second}\n");
    let dir = scratch("dyadic");
    let path = dir.path().join("repeated.csv");
    std::fs::write(&path, repeated).unwrap();
    let (_, opened) = load_path(&path, &bundled_basemap(), &LoadOptions::default());
    let problems: Vec<String> = opened.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [format!(
            "{}:7:1: duplicate event id `TST102` (first on line 3)",
            path.display()
        )]
    );
    assert!(opened.notices.is_empty());
    assert_eq!(opened.records.len(), 4);
    dir.close().unwrap();
}

/// The features `export events --data PATH` writes.
fn exported_features(path: &str) -> serde_json::Value {
    let out = atlas(&["export", "events", "--data", path]);
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["features"].clone()
}

/// The sample as a spreadsheet in a decimal-comma locale saves it: semicolons between fields and
/// decimal commas in the coordinates.
fn resaved_with_semicolons(name: &str) -> String {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let mut coordinates = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.unwrap();
        if n == 0 {
            coordinates = record
                .iter()
                .enumerate()
                .filter(|(_, f)| matches!(*f, "latitude" | "longitude"))
                .map(|(i, _)| i)
                .collect();
        }
        let fields = record.iter().enumerate().map(|(i, f)| {
            if n > 0 && coordinates.contains(&i) {
                f.replace('.', ",")
            } else {
                f.to_owned()
            }
        });
        writer.write_record(fields).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

#[test]
fn a_table_saved_with_semicolons_and_decimal_commas_opens_checks_and_exports_as_the_original() {
    let dir = scratch("semicolons");
    let saved = resaved_with_semicolons("acled_sample.csv");
    assert!(saved.contains(";39,6408;46,5469;"), "{saved}");
    let path = dir.path().join("acled_semicolons.csv");
    std::fs::write(&path, &saved).unwrap();
    let (places, opened) = load_path(&path, &bundled_basemap(), &LoadOptions::default());
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let data = Dataset::new(opened.records, places);
    let (original, _) = open("acled_sample.csv");
    assert_eq!(data.len(), 5);
    let clash = data.event(data.index_of("AZE1001").unwrap()).unwrap();
    assert_eq!((clash.lat, clash.lon), (39.6408, 46.5469));
    assert_eq!(events(&data), events(&original));
    // as a user would: `check` finds it clean, and `export` gives the original's GeoJSON
    let p = path.display().to_string();
    let check = atlas(&["check", &p]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    let original = exported_features(&fixture("acled_sample.csv").display().to_string());
    assert_eq!(exported_features(&p), original);
    // a bad coordinate is located in the semicolon file's own line and column
    let bad = saved.replacen(";39,6408;", ";39,64,08;", 1);
    std::fs::write(&path, &bad).unwrap();
    let check = atlas(&["check", &p]);
    let line = bad.lines().position(|l| l.contains("39,64,08")).unwrap() + 1;
    let column = bad.lines().nth(line - 1).unwrap().find("39,64,08").unwrap() + 1;
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        out.starts_with(&format!(
            "{p}:{line}:{column}: latitude `39,64,08` is not a number"
        )),
        "{out}"
    );
}

#[test]
fn a_table_saved_as_tab_separated_values_opens_by_its_tsv_name() {
    let dir = scratch("tsv");
    let text = std::fs::read_to_string(fixture("acled_sample.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .from_writer(Vec::new());
    for record in reader.records() {
        writer.write_record(&record.unwrap()).unwrap();
    }
    let saved = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    assert!(saved.contains("\t39.6408\t46.5469\t"), "{saved}");
    let path = dir.path().join("acled.tsv");
    std::fs::write(&path, &saved).unwrap();
    let p = path.display().to_string();
    let check = atlas(&["check", &p]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    let original = exported_features(&fixture("acled_sample.csv").display().to_string());
    assert_eq!(original.as_array().map(Vec::len), Some(5));
    assert_eq!(exported_features(&p), original);
}

/// `acled_sample_de.csv` is `acled_sample.csv` as LibreOffice Calc 7.4 saves it in a German
/// locale (opened as English CSV, saved as CSV with `;`): semicolons, decimal commas, and the
/// dates Calc took for dates rewritten day first with dots ("3-Aug-22" became "03.08.22").
#[test]
fn a_table_a_german_spreadsheet_saved_loads_as_the_original() {
    let path = fixture("acled_sample_de.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(";03.08.22;") && text.contains(";39,6408;46,5469;"));
    let (saved, opened) = open("acled_sample_de.csv");
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let (original, _) = open("acled_sample.csv");
    let mut saved = events(&saved);
    let original = events(&original);
    // the date as the file writes it stays the file's; all else is the original's
    let deal = saved.iter_mut().find(|e| e.id == "GEO3003").unwrap();
    assert_eq!(deal.date.text, "03.08.22");
    deal.date.text = "3-Aug-22".to_owned();
    let strike = saved.iter_mut().find(|e| e.id == "ARM2005").unwrap();
    assert_eq!(strike.date.text, "13.09.22");
    strike.date.text = "13-Sep-22".to_owned();
    assert_eq!(saved, original);
}

#[test]
fn an_answer_of_acled_s_api_in_json_opens_checks_and_exports_its_rows() {
    let (data, opened) = open("acled_api.json");
    assert_eq!(
        opened.notices,
        ["read as ACLED's API answer: 3 rows in `data`"]
    );
    let p = fixture("acled_api.json").display().to_string();
    let messages: Vec<String> = opened
        .problems
        .iter()
        .map(|q| format!("{}:{}: {}", q.line, q.column, q.message))
        .collect();
    assert_eq!(
        messages,
        ["76:21: `2022-09-31` is not a real calendar date"]
    );
    assert_eq!(data.len(), 2);
    let clash = data.event(data.index_of("TST201").unwrap()).unwrap();
    assert_eq!(clash.title, "Armed clash in Goris");
    assert_eq!(clash.actors, ["Test Actor A", "Test Actor B"]);
    assert_eq!(clash.category, Category::Military);
    assert!(clash.summary.contains("near \"Goris\""));
    // numbers and nulls where the API sends text read the same
    let shelling = data.event(data.index_of("TST202").unwrap()).unwrap();
    assert_eq!((shelling.lat, shelling.lon), (40.2094, 45.9347));
    assert_eq!(shelling.date.precision, Precision::Week);
    // the command line: check names the bad value, export refuses, or keeps the rest when asked
    let check = atlas(&["check", &p]);
    assert_eq!(check.status.code(), Some(1));
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        out.starts_with(&format!("{p}:76:21: `2022-09-31`")),
        "{out}"
    );
    let strict = atlas(&["export", "events", "--data", &p]);
    assert_eq!(strict.status.code(), Some(1));
    let lenient = atlas(&["export", "events", "--data", &p, "--skip-invalid"]);
    assert!(lenient.status.success());
    let ids = feature_ids(&lenient.stdout);
    // in date order: the shelling's week begins on Monday 12 September
    assert_eq!(ids, ["TST202", "TST201"]);
}

#[test]
fn an_answer_of_acled_s_api_that_failed_says_so() {
    let dir = scratch("acled-api");
    let path = dir.path().join("answer.json");
    std::fs::write(
        &path,
        r#"{"status": 403, "success": false, "error": {"status": 403, "message": "Access denied"}}"#,
    )
    .unwrap();
    let (data, opened) = load_path(&path, &bundled_basemap(), &LoadOptions::default());
    assert!(data.is_empty() && opened.records.is_empty());
    assert_eq!(opened.problems.len(), 1);
    assert_eq!(
        opened.problems[0].message,
        "this is an answer of ACLED's API that carries no events: it says \"success\": false, \
         status 403 (Access denied)"
    );
}
