//! Rows of a JSON document written as one CSV table, for a table's reader to read them as it reads
//! a file, and the problems that reader reports put back at the JSON value they are about.
//!
//! ACLED's API answer and a SPARQL query's results (Wikidata's query service) are tables in JSON:
//! each row an object whose keys are the columns. Written as CSV, they are read, checked and typed
//! by the readers of the same tables saved as CSV, with nothing read twice.

use super::problem::{LineIndex, Problem};

/// A row's cells by column name, or why it cannot be a row: the key it is about, if any, and what
/// is wrong.
pub type Cells = Result<Vec<(String, String)>, (Option<String>, String)>;

/// Rows written as a CSV table, and where each of their fields starts in it.
#[derive(Debug, Default)]
pub struct JsonTable {
    /// The table: a header of the column names, then a row per JSON row that could be written.
    pub csv: String,
    /// The columns, in the header's order.
    pub names: Vec<String>,
    /// The JSON row each CSV row came from.
    rows: Vec<usize>,
    /// Each written field: its row (in `rows`) and its column.
    fields: Vec<(usize, usize)>,
    /// Where each written field starts in `csv`: line and column, in order.
    starts: Vec<(usize, usize)>,
}

/// A problem with a JSON row: its index, the key it is about (the whole row when `None`) and
/// what is wrong.
pub type RowProblem = (usize, Option<String>, String);

/// A quoted CSV field.
fn push_field(csv: &mut String, text: &str) {
    csv.push('"');
    csv.push_str(&text.replace('"', "\"\""));
    csv.push('"');
}

impl JsonTable {
    /// Writes `rows` (each row's cells, or why it is no row) under the columns `names`; a column
    /// a row lacks is an empty field. The rows that are no row are returned as problems.
    pub fn write(names: Vec<String>, rows: &[Cells]) -> (JsonTable, Vec<RowProblem>) {
        let mut t = JsonTable {
            names,
            ..JsonTable::default()
        };
        let mut offsets = Vec::new();
        for (k, name) in t.names.iter().enumerate() {
            if k > 0 {
                t.csv.push(',');
            }
            push_field(&mut t.csv, name);
        }
        t.csv.push('\n');
        let mut problems = Vec::new();
        for (j, row) in rows.iter().enumerate() {
            let cells = match row {
                Ok(cells) => cells,
                Err((key, message)) => {
                    problems.push((j, key.clone(), message.clone()));
                    continue;
                }
            };
            let written = t.rows.len();
            t.rows.push(j);
            for (k, name) in t.names.iter().enumerate() {
                if k > 0 {
                    t.csv.push(',');
                }
                t.fields.push((written, k));
                offsets.push(t.csv.len());
                let text = cells.iter().find(|(n, _)| n == name).map_or("", |c| &c.1);
                push_field(&mut t.csv, text);
            }
            t.csv.push('\n');
        }
        let lines = LineIndex::new(&t.csv);
        t.starts = offsets.into_iter().map(|o| lines.position(o)).collect();
        (t, problems)
    }

    /// Whether no row was written.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The JSON row and column of the field a problem of the table's reader stands at (the field
    /// that starts at or before its line and column); `None` for the header.
    pub fn field_of(&self, p: &Problem) -> Option<(usize, &str)> {
        let i = self
            .starts
            .partition_point(|&s| s <= (p.line, p.column))
            .checked_sub(1)?;
        let &(row, column) = self.fields.get(i)?;
        Some((*self.rows.get(row)?, self.names.get(column)?.as_str()))
    }

    /// The JSON row whose CSV row starts on line `csv_line` of the table.
    pub fn row_on_line(&self, csv_line: usize) -> Option<usize> {
        let i = self.starts.partition_point(|s| s.0 < csv_line);
        if self.starts.get(i)?.0 != csv_line {
            return None;
        }
        let &(row, _) = self.fields.get(i)?;
        self.rows.get(row).copied()
    }
}

/// `message` with each "line N" (a line of the CSV table) made the line of that row in the JSON,
/// as `row_line` gives it.
pub fn renumbered(message: &str, row_line: &dyn Fn(usize) -> Option<usize>) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find("line ") {
        let (before, after) = rest.split_at(i + "line ".len());
        out.push_str(before);
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let number = after[..digits].parse().ok().and_then(row_line);
        match number {
            Some(line) => out.push_str(&line.to_string()),
            None => out.push_str(&after[..digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn cells(pairs: &[(&str, &str)]) -> Cells {
        Ok(pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect())
    }

    #[test]
    fn rows_are_written_under_their_columns_and_fields_found_again() {
        let names = vec!["a".to_owned(), "b".to_owned()];
        let rows = [
            cells(&[("a", "1"), ("b", "two\nlines")]),
            Err((Some("b".to_owned()), "bad".to_owned())),
            cells(&[("b", "say \"x\"")]),
        ];
        let (t, problems) = JsonTable::write(names, &rows);
        assert_eq!(
            t.csv,
            "\"a\",\"b\"\n\"1\",\"two\nlines\"\n\"\",\"say \"\"x\"\"\"\n"
        );
        assert_eq!(problems, [(1, Some("b".to_owned()), "bad".to_owned())]);
        let at = |line, column| Problem::at("t", line, column, "m");
        assert_eq!(t.field_of(&at(2, 5)), Some((0, "b")));
        assert_eq!(t.field_of(&at(4, 1)), Some((2, "a")));
        assert_eq!(t.field_of(&at(1, 1)), None);
        assert_eq!(t.row_on_line(4), Some(2));
        assert_eq!(t.row_on_line(3), None);
    }

    #[test]
    fn line_numbers_in_messages_are_renumbered_and_other_numbers_kept() {
        let map = |n: usize| (n == 3).then_some(40);
        assert_eq!(renumbered("first on line 3", &map), "first on line 40");
        assert_eq!(
            renumbered("line 7 has it; line 3", &map),
            "line 7 has it; line 40"
        );
        assert_eq!(renumbered("no lines here 3", &map), "no lines here 3");
    }
}
