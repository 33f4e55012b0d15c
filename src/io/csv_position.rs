//! Where a byte of a CSV file is: the start of a field, and its line and column.

use super::problem::{NOT_UTF8_TABLE, Problem};

/// What places a problem with a field of a CSV file: the file's bytes, separator and header.
pub(crate) struct FieldLocator<'a> {
    /// The file as the user named it.
    pub file: &'a str,
    /// The whole file.
    pub bytes: &'a [u8],
    /// The byte that parts fields.
    pub separator: u8,
    /// The header record.
    pub headers: &'a csv::StringRecord,
}

impl FieldLocator<'_> {
    /// The index of the column named `name`, if the header has it.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h.trim() == name)
    }

    /// A problem at the start of field `index` (the first field when `None`) of the record at
    /// `position` (the file's start when `None`).
    pub fn problem(
        &self,
        position: Option<&csv::Position>,
        index: Option<usize>,
        message: String,
    ) -> Problem {
        let (start, line) = position.map_or((0, 1), |p| (p.byte() as usize, p.line() as usize));
        let offset = field_offset(self.bytes, start, index.unwrap_or(0), self.separator);
        let (line, column) = line_column(self.bytes, start, line, offset);
        Problem::at(self.file, line, column, message)
    }
}

/// A record the reader could not read: a field that is not UTF-8 is named at its place, any other
/// fault at the record's line.
pub(crate) fn unreadable_record(located: &FieldLocator, err: &csv::Error, line: usize) -> Problem {
    match err.kind() {
        csv::ErrorKind::Utf8 { pos, err } => {
            located.problem(pos.as_ref(), Some(err.field()), NOT_UTF8_TABLE.to_owned())
        }
        _ => Problem::at(located.file, line, 1, err.to_string()),
    }
}

/// Reads the next record of `reader` into `record`: a record it cannot read is a located problem
/// and is passed over. False at the end of the table.
pub(crate) fn next_record(
    reader: &mut csv::Reader<&[u8]>,
    record: &mut csv::StringRecord,
    located: &FieldLocator,
    problems: &mut Vec<Problem>,
) -> bool {
    loop {
        let line = reader.position().line() as usize;
        match reader.read_record(record) {
            Ok(more) => return more,
            Err(e) => problems.push(unreadable_record(located, &e, line)),
        }
    }
}

/// The byte offset where field `index` of the record starting at `start` begins, following CSV
/// quoting (`separator` between fields, `"` quotes with `""` escapes).
pub(crate) fn field_offset(bytes: &[u8], start: usize, index: usize, separator: u8) -> usize {
    let mut i = start.min(bytes.len());
    // Blank lines the reader skipped before the record.
    while i < bytes.len() && matches!(bytes[i], b'\r' | b'\n') {
        i += 1;
    }
    for _ in 0..index {
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match bytes.get(i) {
                    None => return bytes.len(),
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
        }
        while i < bytes.len() && bytes[i] != separator && !matches!(bytes[i], b'\n' | b'\r') {
            i += 1;
        }
        if bytes.get(i) != Some(&separator) {
            return i;
        }
        i += 1;
    }
    i
}

/// The 1-based line and character column of byte `offset`, given that byte `start` (at or before it)
/// lies on line `start_line`. Invalid UTF-8 bytes count as one character each.
pub(crate) fn line_column(
    bytes: &[u8],
    start: usize,
    start_line: usize,
    offset: usize,
) -> (usize, usize) {
    let offset = offset.min(bytes.len());
    let start = start.min(offset);
    let between = &bytes[start..offset];
    let line = start_line + between.iter().filter(|&&b| b == b'\n').count();
    let line_start = bytes[..offset]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = bytes[line_start..offset]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    (line, column + 1)
}
