//! Spreadsheets (Excel's `.xlsx`, `.xlsm`, `.xlsb` and `.xls`, OpenDocument's `.ods`), read with
//! `calamine`: the first sheet that holds a table (a header row and a row under it) is written as
//! CSV and read by the readers of the same table saved as CSV (the atlas's own, ACLED's, any
//! table of events), and each problem they report is put back at its cell ("C5").

use super::json_table::{Cells, JsonTable, renumbered};
use super::problem::Problem;
use calamine::{Data, Reader};

/// A sheet's table written as CSV, and where its rows and columns stand in the sheet.
pub struct SheetTable {
    /// The sheet's name.
    pub sheet: String,
    /// The other sheets of the workbook, by name.
    pub others: Vec<String>,
    /// The rows under the header, as CSV.
    pub table: JsonTable,
    /// The sheet's row (from 1) of the header.
    header_row: usize,
    /// The sheet's row (from 1) of each row written.
    rows: Vec<usize>,
    /// The sheet's column (from 1) of the table's first column.
    first_column: usize,
}

/// The letters of a column of a sheet, from 1: 1 is `A`, 27 is `AA`.
///
/// ```
/// use caucasus_atlas::io::spreadsheet::column_letters;
/// assert_eq!(column_letters(1), "A");
/// assert_eq!(column_letters(26), "Z");
/// assert_eq!(column_letters(27), "AA");
/// assert_eq!(column_letters(703), "AAA");
/// ```
pub fn column_letters(column: usize) -> String {
    let mut n = column;
    let mut out = Vec::new();
    while n > 0 {
        let k = (n - 1) % 26;
        out.push(char::from(b'A' + k as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A cell as the table's readers read a field: text as it is, whole numbers without a fraction,
/// a date cell as its ISO 8601 day (with its time of day when it has one), an error as Excel
/// writes it (`#REF!`).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}")
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// The header's names: a cell's text, `column C` for an empty one, and a name met before
/// followed by its column (`date (D)`), so that every column keeps its own cells.
fn column_names(header: &[Data], first_column: usize) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(header.len());
    for (k, cell) in header.iter().enumerate() {
        let letters = column_letters(first_column + k);
        let text = cell_text(cell);
        let name = if text.is_empty() {
            format!("column {letters}")
        } else if names.contains(&text) {
            format!("{text} ({letters})")
        } else {
            text
        };
        names.push(name);
    }
    names
}

/// Whether a row holds nothing (no cell, or only blank text), without writing its cells out.
fn blank(row: &[Data]) -> bool {
    row.iter().all(|c| match c {
        Data::Empty => true,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().is_empty(),
        _ => false,
    })
}

/// The table of the first sheet that holds one (a header row and a row under it), or why there
/// is none.
pub fn read_workbook(bytes: &[u8]) -> Result<SheetTable, String> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a workbook this atlas can read ({e})"))?;
    let sheets = book.worksheets();
    let names: Vec<String> = sheets.iter().map(|(n, _)| n.clone()).collect();
    for (sheet, range) in &sheets {
        let Some((row0, col0)) = range.start() else {
            continue;
        };
        let mut rows = range
            .rows()
            .enumerate()
            .filter(|(_, r)| !blank(r))
            .map(|(k, r)| (row0 as usize + k + 1, r));
        let Some((header_row, header)) = rows.next() else {
            continue;
        };
        let first_column = col0 as usize + 1;
        let columns = column_names(header, first_column);
        let mut sheet_rows = Vec::new();
        let mut cells: Vec<Cells> = Vec::new();
        for (row, r) in rows {
            sheet_rows.push(row);
            cells.push(Ok(columns
                .iter()
                .zip(r)
                .map(|(name, c)| (name.clone(), cell_text(c)))
                .collect()));
        }
        if cells.is_empty() {
            continue;
        }
        let (table, _) = JsonTable::write(columns, &cells);
        return Ok(SheetTable {
            sheet: sheet.clone(),
            others: names.iter().filter(|n| *n != sheet).cloned().collect(),
            table,
            header_row,
            rows: sheet_rows,
            first_column,
        });
    }
    Err(match names.len() {
        0 => "the workbook has no sheet".to_owned(),
        _ => format!(
            "no sheet of the workbook holds a table (a header row and a row under it): {}",
            names.join(", ")
        ),
    })
}

impl SheetTable {
    /// What reading the sheet tells the user: which sheet, how many rows, and the sheets left
    /// unread.
    pub fn notice(&self) -> String {
        let n = self.rows.len();
        let mut notice = format!(
            "read from the sheet '{}': {n} row{} under the header in row {}",
            self.sheet,
            if n == 1 { "" } else { "s" },
            self.header_row
        );
        if !self.others.is_empty() {
            notice.push_str(&format!(
                "; the workbook's other sheets are not read ({})",
                self.others.join(", ")
            ));
        }
        notice
    }

    /// A problem the table's readers reported on the CSV, put at its cell of the sheet in `file`
    /// (line and column are the sheet's row and column), naming the cell after what is wrong; its
    /// "line N" are rows.
    pub fn relocate(&self, file: &str, p: &Problem) -> Problem {
        let row_of = |csv_line: usize| {
            (csv_line == 1)
                .then_some(self.header_row)
                .or_else(|| self.table.row_on_line(csv_line).map(|j| self.rows[j]))
        };
        let message = renumbered(&p.message, &row_of);
        let (row, column) = match self.table.field_of(p) {
            Some((j, name)) => {
                let k = self.table.names.iter().position(|n| n == name).unwrap_or(0);
                (self.rows[j], self.first_column + k)
            }
            None => (self.header_row, self.first_column),
        };
        let cell = format!("{}{row}", column_letters(column));
        Problem::at(
            file,
            row,
            column,
            format!("{message} (cell {cell} of sheet '{}')", self.sheet),
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_a_table_reads_its_fields() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        assert_eq!(cell_text(&Data::Float(2020.0)), "2020");
        assert_eq!(cell_text(&Data::Float(40.1811)), "40.1811");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::String(" Goris ".into())), "Goris");
        let day = ExcelDateTime::new(44143.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(day)), "2020-11-08");
        let noon = ExcelDateTime::new(44143.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(noon)), "2020-11-08T12:00:00");
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn empty_and_repeated_header_cells_get_names_of_their_own() {
        let header = [
            Data::String("date".into()),
            Data::Empty,
            Data::String("date".into()),
        ];
        assert_eq!(column_names(&header, 2), ["date", "column C", "date (D)"]);
    }

    proptest::proptest! {
        #[test]
        fn fuzz_arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            let _ = read_workbook(&bytes);
        }

        /// A zip of any entries named as a workbook's parts is refused or read, never a panic.
        #[test]
        fn fuzz_workbook_parts_never_panic(parts in proptest::collection::vec("[ -~]{0,80}", 0..5)) {
            use std::io::Write;
            let names = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"];
            let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            for (name, text) in names.iter().zip(&parts) {
                out.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
                out.write_all(text.as_bytes()).unwrap();
            }
            let bytes = out.finish().unwrap().into_inner();
            let _ = read_workbook(&bytes);
        }
    }

    #[test]
    fn bytes_that_are_no_workbook_say_so() {
        let err = read_workbook(b"title,date\nTalks,2020-01-01\n")
            .err()
            .unwrap();
        assert!(err.starts_with("not a workbook"), "{err}");
    }
}
