//! `check`'s content rules on small malformed files: each class of fault gets its exact located
//! message, errors fail the check and warnings do not.

use crate::common::scratch;
use std::path::PathBuf;
use std::process::Command;
use tempfile::TempDir;

const BASEMAP: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "Testland", "kind": "country"},
  "geometry": {"type": "Polygon", "coordinates": [[[46, 39], [47, 39], [47, 40], [46, 40], [46, 39]]]}},
 {"type": "Feature", "properties": {"name": "Hills", "kind": "region"},
  "geometry": {"type": "Polygon", "coordinates": [[[46.2, 39.2], [46.8, 39.2], [46.8, 39.8], [46.2, 39.8], [46.2, 39.2]]]}}
]}
"#;

/// A gazetteer whose region `hills` lies at `hills_lat` (inside its shape at 39.5).
fn places(hills_lat: f64) -> String {
    format!(
        r#"{{
  "format": "caucasus-atlas/places@1",
  "places": [
    {{"id": "capital", "name": "Capital", "kind": "city", "lat": 39.5, "lon": 46.5}},
    {{"id": "testland", "name": "Testland", "kind": "country", "lat": 39.5, "lon": 46.4}},
    {{"id": "hills", "name": "Hill Country", "alt_names": ["Hills"], "kind": "region", "lat": {hills_lat}, "lon": 46.5}}
  ]
}}
"#
    )
}

/// The fields of the one event in a test file; each sits on its own line (see [`Fields::json`]).
struct Fields {
    range: (&'static str, &'static str),
    precision: &'static str,
    note: &'static str,
    place: &'static str,
    shape: &'static str,
    published: &'static str,
    claimed_by: &'static str,
    verified: bool,
    notes: &'static str,
}

const PLAIN: Fields = Fields {
    range: ("2021-11-21", "2021-11-21"),
    precision: "day",
    note: "",
    place: "capital",
    shape: "null",
    published: "2021-11-22",
    claimed_by: "null",
    verified: true,
    notes: "",
};

impl Fields {
    /// One event: `end` is on line 8, `date_note` 10, `place` 11, `verified` 16.
    fn json(&self) -> String {
        let Fields {
            range: (start, end),
            precision,
            note,
            place,
            shape,
            published,
            claimed_by,
            verified,
            notes,
        } = self;
        format!(
            r#"{{
  "format": "caucasus-atlas/events@1",
  "events": [
    {{
      "id": "e1",
      "title": "T",
      "start": "{start}",
      "end": "{end}",
      "precision": "{precision}",
      "date_note": "{note}",
      "place": "{place}",
      "shape": {shape},
      "category": "statement",
      "source": {{"document": "no-such-seed.txt", "quote": "q", "published": "{published}"}},
      "claimed_by": {claimed_by},
      "verified": {verified},
      "notes": "{notes}"
    }}
  ]
}}
"#
        )
    }
}

/// A new folder holding `basemap.geojson`, `places.json` and `events.json`, removed when dropped.
fn folder(name: &str, places: &str, events: &str) -> TempDir {
    let dir = scratch(&format!("rules-{name}"));
    std::fs::write(dir.path().join("basemap.geojson"), BASEMAP).unwrap();
    std::fs::write(dir.path().join("places.json"), places).unwrap();
    std::fs::write(dir.path().join("events.json"), events).unwrap();
    dir
}

/// Runs `check FILE`; returns stdout, stderr and the exit code.
fn check(file: &PathBuf) -> (String, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .arg(file)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn a_clean_event_passes() {
    let dir = folder("clean", &places(39.5), &PLAIN.json());
    let (stdout, _, code) = check(&dir.path().join("events.json"));
    assert_eq!((stdout.as_str(), code), ("", Some(0)));
}

#[test]
fn an_event_ending_after_its_article_is_an_error() {
    let november = Fields {
        range: ("2021-11-01", "2021-11-30"),
        precision: "month",
        ..PLAIN
    };
    let dir = folder("late", &places(39.5), &november.json());
    let file = dir.path().join("events.json");
    let (stdout, _, code) = check(&file);
    assert_eq!(
        stdout,
        format!(
            "{}:8:14: end 2021-11-30 is after the source's publication date 2021-11-22: an event the article reports cannot end after it was published (unless `date_note` says it was announced as future)\n",
            file.display()
        )
    );
    assert_eq!(code, Some(1));
    let announced = Fields {
        note: "Announced as future: the talks are set for November.",
        ..november
    };
    let dir = folder("announced", &places(39.5), &announced.json());
    let (stdout, _, code) = check(&dir.path().join("events.json"));
    assert_eq!((stdout.as_str(), code), ("", Some(0)));
}

#[test]
fn a_note_naming_a_finer_day_is_a_warning_that_keeps_the_exit_status() {
    let july = Fields {
        range: ("2022-07-01", "2022-07-31"),
        precision: "month",
        note: "Outside knowledge: the meeting took place on 16 July 2022.",
        published: "2022-08-11",
        ..PLAIN
    };
    let dir = folder("note", &places(39.5), &july.json());
    let file = dir.path().join("events.json");
    let (stdout, stderr, code) = check(&file);
    assert_eq!(
        stdout,
        format!(
            "{}:10:20: warning: `date_note` names the day 16 July 2022, but the event's precision is `month`: if that is the event's day, date it so (as outside knowledge, naming the public record); if it is another event's day, say so in `notes`\n",
            file.display()
        )
    );
    assert_eq!(code, Some(0));
    assert!(stderr.contains("no problems, 1 warning(s)"), "{stderr}");
    // the same day as the event's own precision is no warning
    let dated = Fields {
        range: ("2022-07-16", "2022-07-16"),
        precision: "day",
        ..july
    };
    let dir = folder("note-day", &places(39.5), &dated.json());
    let (stdout, _, code) = check(&dir.path().join("events.json"));
    assert_eq!((stdout.as_str(), code), ("", Some(0)));
}

#[test]
fn a_verified_claim_needs_a_note_saying_why() {
    let claim = Fields {
        claimed_by: "\"Press TV\"",
        ..PLAIN
    };
    let dir = folder("claim", &places(39.5), &claim.json());
    let file = dir.path().join("events.json");
    let (stdout, _, code) = check(&file);
    assert_eq!(
        stdout,
        format!(
            "{}:16:19: `verified` is true for a claim by Press TV: `notes` must say why it counts as verified (a sentence with the word \"verified\")\n",
            file.display()
        )
    );
    assert_eq!(code, Some(1));
    for fixed in [
        Fields {
            notes: "Verified as a statement: the article reports it first-hand.",
            ..claim
        },
        Fields {
            verified: false,
            ..claim
        },
    ] {
        let dir = folder("claim-fixed", &places(39.5), &fixed.json());
        let (stdout, _, code) = check(&dir.path().join("events.json"));
        assert_eq!((stdout.as_str(), code), ("", Some(0)));
    }
}

#[test]
fn an_event_drawn_as_a_region_needs_its_place_inside_it() {
    let on_hills = Fields {
        place: "hills",
        shape: "\"Hills\"",
        ..PLAIN
    };
    let dir = folder("region", &places(41.0), &on_hills.json());
    let file = dir.path().join("events.json");
    let (stdout, _, code) = check(&file);
    assert_eq!(
        stdout,
        format!(
            "{}:11:16: place `hills`: the point 41, 46.5 (lat, lon) lies outside the shape `Hills` the event is drawn as\n",
            file.display()
        )
    );
    assert_eq!(code, Some(1));
    let dir = folder("region-fixed", &places(39.5), &on_hills.json());
    let (stdout, _, code) = check(&dir.path().join("events.json"));
    assert_eq!((stdout.as_str(), code), ("", Some(0)));
}

#[test]
fn a_place_lies_inside_the_basemap_shape_of_its_name() {
    let dir = folder("places", &places(41.0), &PLAIN.json());
    let file = dir.path().join("places.json");
    let (stdout, _, code) = check(&file);
    let text = places(41.0);
    let line = text.lines().position(|l| l.contains("\"hills\"")).unwrap() + 1;
    let column = text.lines().nth(line - 1).unwrap().find("41").unwrap() + 1;
    assert_eq!(
        stdout,
        format!(
            "{}:{line}:{column}: the point 41, 46.5 (lat, lon) lies outside the basemap shape `Hills` of the same name\n",
            file.display()
        )
    );
    assert_eq!((line, column), (6, 94));
    assert_eq!(code, Some(1));
    let dir = folder("places-fixed", &places(39.5), &PLAIN.json());
    let (stdout, _, code) = check(&dir.path().join("places.json"));
    assert_eq!((stdout.as_str(), code), ("", Some(0)));
}

/// The bundled events as the atlas's own CSV, with `edit` applied first, in a new folder.
fn atlas_table(
    name: &str,
    edit: impl FnOnce(&mut [caucasus_atlas::model::Event]),
) -> (TempDir, String) {
    use caucasus_atlas::io::bundle::{bundled_basemap, bundled_dataset};
    let data = bundled_dataset(&bundled_basemap());
    let mut events: Vec<_> = data.events().map(|e| e.into_owned()).collect();
    edit(&mut events);
    let text = caucasus_atlas::io::atlas_csv::write_csv(&events).unwrap();
    let dir = scratch(&format!("rules-{name}"));
    std::fs::write(dir.path().join("events.csv"), &text).unwrap();
    (dir, text)
}

/// The 1-based line and character column where `needle` first stands in `text`.
fn line_column_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..at].matches('\n').count() + 1,
        text[line_start..at].chars().count() + 1,
    )
}

#[test]
fn the_atlas_csv_is_held_to_the_content_rules_at_its_fields() {
    let (dir, _) = atlas_table("csv-clean", |_| {});
    let (stdout, _, code) = check(&dir.path().join("events.csv"));
    assert_eq!((stdout.as_str(), code), ("", Some(0)));

    // as a spreadsheet leaves it: one event's wording rewritten as a date, another's end moved
    // past its article, a third's quote changed, a fourth drawn as a shape no basemap has
    let (dir, text) = atlas_table("csv-faults", |events| {
        let mut dated = events.iter_mut().filter(|e| e.date.range.is_some());
        let rewritten = dated.next().unwrap();
        rewritten.date.text = "03.08.26".to_owned();
        let late = dated.find(|e| e.source.published.is_some()).unwrap();
        late.date.range = late
            .date
            .range
            .map(|(s, _)| (s, chrono::NaiveDate::from_ymd_opt(2031, 1, 2).unwrap()));
        let quoted = dated.next().unwrap();
        quoted.source.quote = "Words no article holds".to_owned();
        let drawn = dated.next().unwrap();
        drawn.shape_name = Some("Atlantis".to_owned());
    });
    let file = dir.path().join("events.csv");
    let (stdout, _, code) = check(&file);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    // each finding stands where its field's value begins (after the comma before it)
    let expected = [
        (
            ",03.08.26,",
            "warning: `date_text` `03.08.26` reads as the day 2026-08-03, outside the event's dates",
        ),
        (
            ",2031-01-02,",
            "end 2031-01-02 is after the source's publication date",
        ),
        (
            ",Words no article holds,",
            "quote is not verbatim in seeds/",
        ),
        (
            ",Atlantis,",
            "warning: shape `Atlantis` is not in the basemap: the event is drawn at its point",
        ),
    ];
    for (found, (value, message)) in lines.iter().zip(expected) {
        let (line, column) = line_column_of(&text, value);
        let start = format!("{}:{line}:{}: {message}", file.display(), column + 1);
        assert!(found.starts_with(&start), "{found}\nshould start {start}");
    }
    // the end after the article is an error; the wording alone would only warn
    assert_eq!(code, Some(1));
}

#[test]
fn a_date_in_a_spreadsheet_s_form_is_doubtful_in_a_table_it_saved() {
    use caucasus_atlas::io::bundle::{bundled_basemap, bundled_dataset};
    let data = bundled_dataset(&bundled_basemap());
    let mut events: Vec<_> = data.events().map(|e| e.into_owned()).collect();
    // the day is right, but the source's words ("November 9, 2020") are gone
    let agreement = events
        .iter_mut()
        .find(|e| e.date.text == "November 9, 2020")
        .unwrap();
    agreement.date.text = "09.11.20".to_owned();
    let dir = scratch("rules-spreadsheet-date");
    let tabs = caucasus_atlas::io::atlas_csv::write_table(&events, b'\t').unwrap();
    let commas = caucasus_atlas::io::atlas_csv::write_csv(&events).unwrap();
    std::fs::write(dir.path().join("events.tsv"), &tabs).unwrap();
    std::fs::write(dir.path().join("events.csv"), &commas).unwrap();
    let file = dir.path().join("events.tsv");
    let (stdout, _, code) = check(&file);
    let (line, column) = line_column_of(&tabs, "\t09.11.20\t");
    let column = column + 1;
    assert!(
        stdout.starts_with(&format!(
            "{}:{line}:{column}: warning: `date_text` `09.11.20` has the form a spreadsheet gives a date it rewrote (this table is parted by tabs",
            file.display()
        )),
        "{stdout}"
    );
    assert_eq!((stdout.lines().count(), code), (1, Some(0)), "{stdout}");
    // a table parted by commas was not saved by such a spreadsheet: the same wording passes
    let (stdout, _, code) = check(&dir.path().join("events.csv"));
    assert_eq!((stdout.as_str(), code), ("", Some(0)));
}

#[test]
fn a_finding_of_an_event_stands_at_the_item_that_loaded() {
    // the first item is refused (its end is before its start); its corrected twin loads, and its
    // end is after the article: the error stands at the twin's `end`, not the refused item's
    let refused = Fields {
        range: ("2021-11-21", "2021-11-20"),
        ..PLAIN
    }
    .json();
    let late = Fields {
        range: ("2021-11-21", "2021-11-30"),
        ..PLAIN
    }
    .json();
    let item = |json: &str| {
        let start = json.find("    {").unwrap();
        let end = json.rfind("  ]").unwrap();
        json[start..end].trim_end().to_owned()
    };
    let head = &refused[..refused.find("    {").unwrap()];
    let both = format!("{head}{},\n{}\n  ]\n}}\n", item(&refused), item(&late));
    let dir = folder("twin", &places(39.5), &both);
    let file = dir.path().join("events.json");
    let (stdout, _, code) = check(&file);
    let lines: Vec<&str> = stdout.lines().collect();
    // the twin's `end` is 15 lines after the first's (line 8)
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with(&format!("{}:8:", file.display())),
        "{stdout}"
    );
    assert!(
        lines[0].contains("end 2021-11-20 is before start"),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{}:23:14: end 2021-11-30 is after the source's publication date",
            file.display()
        )),
        "{stdout}"
    );
    assert_eq!(code, Some(1));
}
