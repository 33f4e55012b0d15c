//! Spreadsheets (`.xlsx`) through the loader and the command line: the first sheet that holds a
//! table is read as the same table saved as CSV, dates and numbers as Excel stores them, and
//! every problem stands at its cell. The workbooks are written here, part by part, as Excel
//! writes them.

use crate::common::scratch;
use caucasus_atlas::io::bundle::bundled_basemap;
use caucasus_atlas::io::open::{LoadOptions, Opened, load_path};
use caucasus_atlas::model::{Dataset, Event};
use chrono::NaiveDate;
use proptest::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A cell: `n:40.18` a number, `d:44143` a number styled as a date (Excel's days from 1899-12-30),
/// anything else text.
fn cell_xml(reference: &str, cell: &str) -> String {
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;");
    if let Some(n) = cell.strip_prefix("n:") {
        format!(r#"<c r="{reference}"><v>{n}</v></c>"#)
    } else if let Some(d) = cell.strip_prefix("d:") {
        format!(r#"<c r="{reference}" s="1"><v>{d}</v></c>"#)
    } else if cell.is_empty() {
        String::new()
    } else {
        let t = escape(cell);
        format!(r#"<c r="{reference}" t="inlineStr"><is><t>{t}</t></is></c>"#)
    }
}

/// The letters of column `k` (from 0), up to Z.
fn letter(k: usize) -> char {
    char::from(b'A' + k as u8)
}

/// A worksheet's XML: `rows[i]` stands at row `top + i`, its cells from column `left` (from 0).
fn sheet_xml(rows: &[Vec<String>], (top, left): (usize, usize)) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (i, row) in rows.iter().enumerate() {
        let r = top + i;
        xml.push_str(&format!(r#"<row r="{r}">"#));
        for (k, cell) in row.iter().enumerate() {
            xml.push_str(&cell_xml(&format!("{}{r}", letter(left + k)), cell));
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// A sheet: its name, its rows, and where its first cell stands (row from 1, column from 0).
type Sheet<'a> = (&'a str, Vec<Vec<String>>, (usize, usize));

/// A workbook of sheets, written to `path`.
fn write_xlsx(path: &Path, sheets: &[Sheet<'_>]) {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    let mut book = format!(r#"<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>"#);
    let mut rels = format!(r#"<Relationships xmlns="{pkg}">"#);
    let mut files: Vec<(String, String)> = Vec::new();
    for (k, (name, rows, at)) in sheets.iter().enumerate() {
        let n = k + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        book.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{rel}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        files.push((format!("xl/worksheets/sheet{n}.xml"), sheet_xml(rows, *at)));
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    let styles_id = sheets.len() + 1;
    rels.push_str(&format!(r#"<Relationship Id="rId{styles_id}" Type="{rel}/styles" Target="styles.xml"/></Relationships>"#));
    files.extend([
        ("[Content_Types].xml".to_owned(), types),
        ("_rels/.rels".to_owned(), format!(r#"<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)),
        ("xl/workbook.xml".to_owned(), book),
        ("xl/_rels/workbook.xml.rels".to_owned(), rels),
        ("xl/styles.xml".to_owned(), format!(r#"<styleSheet xmlns="{main}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#)),
    ]);
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, text) in files {
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap();
}

/// The workbook at `path` loaded as the window loads it, with its events.
fn load(path: &Path) -> (Opened, Vec<Event>) {
    let (places, mut opened) = load_path(path, &bundled_basemap(), &LoadOptions::default());
    let records = std::mem::take(&mut opened.records);
    let data = Dataset::new(records, places);
    (opened, data.events().map(|e| e.into_owned()).collect())
}

fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
    cells
        .iter()
        .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
        .collect()
}

fn atlas(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .args(args)
        .output()
        .unwrap()
}

/// A workbook with a sheet of notes first, then its events from cell B3: header, two rows.
fn events_book(dir: &Path, latitude: &str) -> PathBuf {
    let path = dir.join("events.xlsx");
    let notes = rows(&[&["Exported by the desk; see the second sheet."]]);
    let events = rows(&[
        &["title", "date", "latitude", "longitude", "place"],
        &[
            "Talks in Goris",
            "d:44143",
            "n:39.5111",
            "n:46.3417",
            "Goris",
        ],
        &["Rally", "2021-05-04", latitude, "n:44.51", "Yerevan"],
    ]);
    write_xlsx(
        &path,
        &[("Notes", notes, (1, 0)), ("Events", events, (3, 1))],
    );
    path
}

#[test]
fn the_first_sheet_with_a_table_loads_as_its_csv_would() {
    let dir = scratch("xlsx-load");
    let path = events_book(dir.path(), "n:40.18");
    let (opened, events) = load(&path);
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert!(
        opened.notices[0].starts_with(
            "read from the sheet 'Events': 2 rows under the header in row 3; the workbook's other \
             sheets are not read (Notes)"
        ),
        "{:?}",
        opened.notices
    );
    assert_eq!(events.len(), 2);
    let goris = events.iter().find(|e| e.title == "Talks in Goris").unwrap();
    let day = NaiveDate::from_ymd_opt(2020, 11, 8).unwrap();
    assert_eq!(goris.date.range, Some((day, day)), "a date cell is its day");
    assert!((goris.lat - 39.5111).abs() < 1e-9 && (goris.lon - 46.3417).abs() < 1e-9);
}

#[test]
fn a_bad_cell_is_named_by_its_row_and_column_in_the_sheet() {
    let dir = scratch("xlsx-bad");
    let path = events_book(dir.path(), "n:95");
    let p = path.to_str().unwrap();
    let check = atlas(&["check", p]);
    assert_eq!(check.status.code(), Some(1));
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(out.starts_with(&format!("{p}:5:4: ")), "{out}");
    assert!(out.contains("95"), "{out}");
    assert!(
        out.lines()
            .next()
            .unwrap()
            .ends_with("(cell D5 of sheet 'Events')"),
        "{out}"
    );
    let export = atlas(&["export", "events", "--data", p, "--skip-invalid"]);
    assert!(export.status.success());
    let fc: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(fc["features"].as_array().unwrap().len(), 1);
}

#[test]
fn an_acled_export_saved_as_a_workbook_is_read_by_acled_s_reader() {
    let dir = scratch("xlsx-acled");
    let path = dir.path().join("acled.xlsx");
    let sheet = rows(&[
        &[
            "event_id_cnty",
            "event_date",
            "year",
            "event_type",
            "sub_event_type",
            "actor1",
            "country",
            "location",
            "latitude",
            "longitude",
            "source",
            "notes",
            "fatalities",
        ],
        &[
            "ARM1",
            "d:44817",
            "n:2022",
            "Battles",
            "Armed clash",
            "Military Forces of Azerbaijan (2003-)",
            "Armenia",
            "Jermuk",
            "n:39.8417",
            "n:45.6695",
            "Armenpress",
            "Shelling reported near Jermuk.",
            "n:0",
        ],
    ]);
    write_xlsx(&path, &[("Sheet1", sheet, (1, 0))]);
    let (opened, events) = load(&path);
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(events.len(), 1);
    let day = NaiveDate::from_ymd_opt(2022, 9, 13).unwrap();
    assert_eq!(events[0].date.range, Some((day, day)));
    assert_eq!(
        events[0].category,
        caucasus_atlas::model::Category::Military
    );
    assert_eq!(events[0].actors, ["Military Forces of Azerbaijan (2003-)"]);
}

#[test]
fn bytes_that_are_no_workbook_and_a_workbook_with_no_table_say_why() {
    let dir = scratch("xlsx-none");
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, "title,date\nTalks,2020-01-01\n").unwrap();
    let out = atlas(&["check", fake.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("fake.xlsx:1:1: not a workbook this atlas can read"),
        "{said}"
    );
    let empty = dir.path().join("empty.xlsx");
    write_xlsx(&empty, &[("Cover", rows(&[&["Only a title"]]), (1, 0))]);
    let out = atlas(&["check", empty.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(
            "no sheet of the workbook holds a table (a header row and a row under it): Cover"
        ),
        "{said}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever day a date cell holds (from 1 March 1900, where Excel's days stop counting the
    /// 29 February 1900 that never was) and wherever the table starts, each row loads on its day
    /// at its point, and a bad latitude is reported at its own cell.
    #[test]
    fn rows_of_a_sheet_load_on_their_days_at_their_points(
        days in proptest::collection::vec((61u32..60_000, 3_000u32..4_300, 4_000u32..4_900), 1..6),
        top in 1usize..6,
        left in 0usize..4,
        bad in any::<bool>(),
    ) {
        let dir = scratch("xlsx-prop");
        let path = dir.path().join("p.xlsx");
        let mut cells = vec![vec!["title".to_owned(), "date".into(), "lat".into(), "lon".into()]];
        for (k, (day, lat, lon)) in days.iter().enumerate() {
            cells.push(vec![
                format!("event {k}"),
                format!("d:{day}"),
                format!("n:{}", f64::from(*lat) / 100.0),
                format!("n:{}", f64::from(*lon) / 100.0),
            ]);
        }
        if bad {
            cells[1][2] = "n:123".to_owned();
        }
        write_xlsx(&path, &[("Data", cells, (top, left))]);
        let (opened, events) = load(&path);
        if bad {
            let p = &opened.problems[0];
            prop_assert_eq!((p.line, p.column), (top + 1, left + 3), "{:?}", p);
        } else {
            prop_assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        }
        prop_assert_eq!(events.len(), days.len() - usize::from(bad));
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
        for e in &events {
            let k: usize = e.title.trim_start_matches("event ").parse().unwrap();
            let (day, lat, lon) = days[k];
            let want = epoch + chrono::Days::new(u64::from(day));
            prop_assert_eq!(e.date.range, Some((want, want)));
            prop_assert!((e.lat - f64::from(lat) / 100.0).abs() < 1e-9);
            prop_assert!((e.lon - f64::from(lon) / 100.0).abs() < 1e-9);
        }
    }
}
