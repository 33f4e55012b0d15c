//! Problems found in data files, each pinned to a file, line and column.

use std::fmt;
use thiserror::Error;

/// Why a field of a text table is not text: most often a spreadsheet saved it in its locale's
/// legacy encoding, since a binary file fails at its header.
pub const NOT_UTF8_TABLE: &str = "not UTF-8 text (a table saved in a legacy encoding such as \
                                  Windows-1252? save it as CSV UTF-8)";

/// One thing wrong with an input file, printed as `file:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct Problem {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem at a line and column.
    pub fn at(file: &str, line: usize, column: usize, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A problem with the file as a whole (reported at 1:1).
    pub fn whole(file: &str, message: impl Into<String>) -> Problem {
        Problem::at(file, 1, 1, message)
    }
}

/// How serious a finding of `check` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Something wrong: `check` exits with status 1.
    Error,
    /// Something doubtful: printed, but the exit status stays 0.
    Warning,
}

/// A problem with its severity, as `check` reports it: errors print as `file:line:column: message`,
/// warnings as `file:line:column: warning: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// Where and what.
    pub problem: Problem,
}

impl Finding {
    /// An error.
    pub fn error(problem: Problem) -> Finding {
        Finding {
            severity: Severity::Error,
            problem,
        }
    }

    /// A warning.
    pub fn warning(problem: Problem) -> Finding {
        Finding {
            severity: Severity::Warning,
            problem,
        }
    }

    /// Whether this finding fails the check.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.problem;
        match self.severity {
            Severity::Error => write!(f, "{p}"),
            Severity::Warning => {
                write!(
                    f,
                    "{}:{}:{}: warning: {}",
                    p.file, p.line, p.column, p.message
                )
            }
        }
    }
}

/// A list of problems, printed one per line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Maps byte offsets of a text to 1-based lines and character columns.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, line_starts }
    }

    /// The 1-based (line, column) of a byte offset; the column counts characters.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "ab\nçd\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(1), (1, 2));
        assert_eq!(index.position(3), (2, 1));
        assert_eq!(index.position(5), (2, 2)); // after the two-byte ç
        assert_eq!(index.position(7), (3, 1));
        assert_eq!(index.position(8), (4, 1));
        assert_eq!(index.position(999), (4, 2));
    }

    #[test]
    fn warnings_print_with_their_word_and_errors_without() {
        let p = Problem::at("assets/events.json", 40, 7, "date_note names a day");
        assert_eq!(
            Finding::warning(p.clone()).to_string(),
            "assets/events.json:40:7: warning: date_note names a day"
        );
        assert!(!Finding::warning(p.clone()).is_error());
        let e = Finding::error(p);
        assert!(e.is_error());
        assert_eq!(
            e.to_string(),
            "assets/events.json:40:7: date_note names a day"
        );
    }

    #[test]
    fn problems_print_as_file_line_column() {
        let p = Problem::at("assets/events.json", 12, 5, "bad date");
        assert_eq!(p.to_string(), "assets/events.json:12:5: bad date");
        let all = Problems(vec![p.clone(), Problem::whole("x.csv", "empty file")]);
        assert_eq!(
            all.to_string(),
            "assets/events.json:12:5: bad date\nx.csv:1:1: empty file"
        );
    }
}
