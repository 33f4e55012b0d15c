//! Property tests about what ACLED files load to: a monadic export is its dyadic equivalent,
//! a file cut off in its last record keeps its whole rows, a table saved with semicolons or tabs
//! and decimal commas loads as its comma-separated original, and whatever loads exports (as the
//! atlas's CSV) and loads again the same; the same rows as ACLED's API answer in JSON load as the
//! CSV does, and a bad value among them is named at its own line in the JSON.

#![allow(clippy::unwrap_used)]

use super::parse_acled_csv;
use crate::io::atlas_csv::{read_csv, write_csv};
use crate::io::basemap::Basemap;
use crate::model::Event;
use proptest::prelude::*;

const ACTORS: [&str; 5] = [
    "Test Actor A",
    "Test Actor B (2018-)",
    "Protesters (Test)",
    "Test, \"quoted\" Actor",
    "Police Forces (Test)",
];
const PLACES: [(&str, &str, f64, f64); 3] = [
    ("Goris", "Syunik", 39.5111, 46.3417),
    ("Tovuz", "Tovuz", 40.9922, 45.6283),
    ("Lachin", "Lachin", 39.6408, 46.5469),
];

/// One event: day of August 2022, time precision, place, actor numbers (1 to 3, distinct), notes.
#[derive(Clone, Debug)]
struct Spec {
    day: u32,
    precision: u8,
    place: usize,
    actors: Vec<usize>,
    notes: String,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        1u32..=28,
        1u8..=3,
        0..PLACES.len(),
        proptest::sample::subsequence((0..ACTORS.len()).collect::<Vec<_>>(), 1..=3),
        "[a-z ,\"\n]{0,40}",
    )
        .prop_map(|(day, precision, place, actors, notes)| Spec {
            day,
            precision,
            place,
            actors,
            notes,
        })
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A row's fields after the id: date, precision, type, actors, place, notes.
fn row(id: usize, s: &Spec, actors: [&str; 2]) -> String {
    let (location, admin1, lat, lon) = PLACES[s.place];
    format!(
        "E{id},2022-08-{:02},{},Battles,Armed clash,{},{},{location},{admin1},{lat},{lon},{}\n",
        s.day,
        s.precision,
        quote(actors[0]),
        quote(actors[1]),
        quote(&s.notes)
    )
}

/// The same events as a dyadic file (actor1, actor2) and a monadic one (one row per actor).
fn files(specs: &[Spec]) -> (String, String) {
    let mut dyadic = String::from(
        "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,location,admin1,latitude,longitude,notes\n",
    );
    let mut monadic = String::from(
        "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,location,admin1,latitude,longitude,notes\n",
    );
    for (id, s) in specs.iter().enumerate() {
        let names: Vec<&str> = s.actors.iter().map(|&a| ACTORS[a]).collect();
        // a dyadic row holds two actors: a third goes with the second as its associate
        let second = names[1..].join("; ");
        dyadic.push_str(&row(id, s, [names[0], &second]));
        for name in names {
            monadic.push_str(&row(id, s, [name, ""]));
        }
    }
    (dyadic, monadic)
}

/// `text` as a spreadsheet in a decimal-comma locale saves it: fields parted by `separator`
/// (quoted where they hold it, a quote or a line break), and latitude and longitude written with
/// a decimal comma.
fn resaved(text: &str, separator: u8) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(separator)
        .from_writer(Vec::new());
    for (n, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let fields = record.iter().enumerate().map(|(i, f)| match i {
            // latitude and longitude, in the rows
            9 | 10 if n > 0 => f.replace('.', ","),
            _ => f.to_owned(),
        });
        writer.write_record(fields).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// The rows of the CSV `text` as ACLED's API answers them: `data`, a list of objects whose values
/// are text, except coordinates written as numbers when `numbers` is set.
fn api_answer(text: &str, numbers: bool) -> String {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<serde_json::Value> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let row: serde_json::Map<String, serde_json::Value> = names
                .iter()
                .zip(r.iter())
                .map(|(k, v)| {
                    let value = match v.parse::<f64>() {
                        Ok(n) if numbers && (k == "latitude" || k == "longitude") => {
                            serde_json::json!(n)
                        }
                        _ => serde_json::json!(v),
                    };
                    (k.clone(), value)
                })
                .collect();
            serde_json::Value::Object(row)
        })
        .collect();
    let answer =
        serde_json::json!({"status": 200, "success": true, "count": rows.len(), "data": rows});
    serde_json::to_string_pretty(&answer).unwrap()
}

/// Loads ACLED's API answer `text` as the window's open does.
fn load_answer(text: &str) -> super::json::AcledJson {
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let (rows, path) = super::json::acled_rows(&doc).unwrap();
    super::json::parse_acled_json("a.json", text, rows, &path)
}

fn sorted_actors(mut events: Vec<Event>) -> Vec<Event> {
    for e in &mut events {
        e.actors.sort();
    }
    events
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_monadic_file_loads_as_its_dyadic_equivalent(specs in proptest::collection::vec(spec(), 1..30)) {
        let (dyadic, monadic) = files(&specs);
        let (dyadic_places, from_dyadic) = parse_acled_csv("d.csv", dyadic.as_bytes());
        let (monadic_places, from_monadic) = parse_acled_csv("m.csv", monadic.as_bytes());
        prop_assert!(from_dyadic.problems.is_empty(), "{:?}", from_dyadic.problems);
        prop_assert!(from_monadic.problems.is_empty(), "{:?}", from_monadic.problems);
        prop_assert_eq!(from_monadic.records.len(), specs.len());
        prop_assert_eq!(sorted_actors(from_monadic.records), sorted_actors(from_dyadic.records));
        prop_assert_eq!(monadic_places, dyadic_places);
    }

    #[test]
    fn a_file_cut_in_its_last_record_keeps_its_whole_rows(
        specs in proptest::collection::vec(spec(), 2..12),
        cut in 0.0f64..1.0,
    ) {
        let (dyadic, _) = files(&specs);
        let (_, whole) = parse_acled_csv("d.csv", dyadic.as_bytes());
        let last_start = dyadic.trim_end().rfind("\nE").unwrap() + 1;
        let last_len = dyadic.len() - 1 - last_start;
        let mut at = last_start + 1 + ((last_len - 1) as f64 * cut) as usize;
        while !dyadic.is_char_boundary(at) {
            at -= 1;
        }
        let cut_text = &dyadic[..at];
        let (_, loaded) = parse_acled_csv("d.csv", cut_text.as_bytes());
        let n = specs.len() - 1;
        prop_assert_eq!(&loaded.records[..n], &whole.records[..n]);
        // the last record is either refused at its own line, or (cut inside its last field, which
        // no reader can tell from a file without a final line break) loads with that field short
        let last_line = dyadic[..last_start].matches('\n').count() + 1;
        if loaded.records.len() == n {
            prop_assert_eq!(loaded.problems.len(), 1);
            prop_assert_eq!(loaded.problems[0].line, last_line);
        } else {
            let notes_start = dyadic[..at].rfind(",\"").map_or(0, |i| i + 1);
            prop_assert!(notes_start > last_start, "cut before the last field at {}", at);
            prop_assert!(loaded.problems.is_empty());
        }
    }

    #[test]
    fn a_table_saved_with_semicolons_or_tabs_and_decimal_commas_loads_as_the_original(
        specs in proptest::collection::vec(spec(), 1..30),
        tabs in proptest::bool::ANY,
    ) {
        let (dyadic, _) = files(&specs);
        let separator = if tabs { b'\t' } else { b';' };
        let saved = resaved(&dyadic, separator);
        prop_assert!(saved.lines().nth(1).is_some_and(|l| l.contains(',')), "{}", saved);
        let (places, original) = parse_acled_csv("d.csv", dyadic.as_bytes());
        let (saved_places, loaded) = parse_acled_csv("d.csv", saved.as_bytes());
        prop_assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        prop_assert_eq!(loaded.records.len(), specs.len());
        prop_assert_eq!(loaded.records, original.records);
        prop_assert_eq!(saved_places, places);
    }

    #[test]
    fn whatever_loads_exports_and_loads_again_the_same(specs in proptest::collection::vec(spec(), 1..20)) {
        let (_, monadic) = files(&specs);
        let (_, loaded) = parse_acled_csv("m.csv", monadic.as_bytes());
        let exported = write_csv(&loaded.records).unwrap();
        let (_, again) = read_csv("atlas.csv", exported.as_bytes(), &Basemap::default());
        prop_assert!(again.problems.is_empty(), "{:?}", again.problems);
        prop_assert_eq!(again.records, loaded.records);
    }

    #[test]
    fn the_api_answer_loads_as_the_same_rows_in_csv(
        specs in proptest::collection::vec(spec(), 1..20),
        monadic in proptest::bool::ANY,
        numbers in proptest::bool::ANY,
    ) {
        let (dyadic, monadic_text) = files(&specs);
        let text = if monadic { monadic_text } else { dyadic };
        let (places, from_csv) = parse_acled_csv("a.csv", text.as_bytes());
        let read = load_answer(&api_answer(&text, numbers));
        prop_assert!(read.loaded.problems.is_empty(), "{:?}", read.loaded.problems);
        prop_assert_eq!(read.loaded.records.len(), specs.len());
        prop_assert_eq!(read.loaded.records, from_csv.records);
        prop_assert_eq!(read.places, places);
    }

    #[test]
    fn a_bad_date_in_the_api_answer_is_named_at_its_value(
        specs in proptest::collection::vec(spec(), 1..12),
        bad in 0usize..12,
    ) {
        let (dyadic, _) = files(&specs);
        let bad = bad % specs.len();
        let answer = api_answer(&dyadic, false);
        let wrong = format!("\"2022-08-{:02}\"", specs[bad].day);
        // the bad row's date, found as the `bad`-th `event_date` of the text
        let at = answer.match_indices("\"event_date\": ").nth(bad).unwrap().0;
        let value = at + "\"event_date\": ".len();
        prop_assert!(answer[value..].starts_with(&wrong));
        let answer = format!("{}\"2022-02-30\"{}", &answer[..value], &answer[value + wrong.len()..]);
        let read = load_answer(&answer);
        prop_assert_eq!(read.loaded.records.len(), specs.len() - 1);
        prop_assert_eq!(read.loaded.problems.len(), 1);
        let p = &read.loaded.problems[0];
        let line = answer[..value].matches('\n').count() + 1;
        let column = value - answer[..value].rfind('\n').map_or(0, |i| i + 1) + 1;
        prop_assert_eq!((p.line, p.column), (line, column), "{}", p.message);
        prop_assert!(p.message.contains("2022-02-30"), "{}", p.message);
    }

    #[test]
    fn fuzz_api_answers_of_any_values_never_panic_and_name_lines_in_the_file(
        values in proptest::collection::vec(
            proptest::prop_oneof![
                "\\PC{0,12}".prop_map(serde_json::Value::from),
                any::<f64>().prop_map(|f| serde_json::json!(f)),
                Just(serde_json::Value::Null),
                Just(serde_json::json!([1, 2])),
            ],
            3..30,
        ),
    ) {
        let keys = ["event_id_cnty", "event_date", "latitude", "longitude", "time_precision", "notes"];
        let rows: Vec<serde_json::Value> = values
            .chunks(3)
            .map(|c| {
                let mut row = serde_json::Map::new();
                row.insert("event_date".to_owned(), c[0].clone());
                for (k, v) in c.iter().enumerate().skip(1) {
                    row.insert(keys[(k * 2) % keys.len()].to_owned(), v.clone());
                }
                serde_json::Value::Object(row)
            })
            .collect();
        let text = serde_json::to_string_pretty(&serde_json::json!({"data": rows})).unwrap();
        let read = load_answer(&text);
        let lines = text.lines().count();
        for p in &read.loaded.problems {
            prop_assert!(p.line >= 1 && p.line <= lines, "{:?}", p);
        }
    }
}
