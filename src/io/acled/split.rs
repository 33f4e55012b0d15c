//! Parsing a large table's rows on two threads: the rows are cut in two at a record boundary near
//! the middle, each half is read with its own tables, and the second half's tables are then merged
//! into the first's.

use super::fast_read::{InPlace, Quoting, quoting, unescaped};
use super::record_text::RecordText;
use super::{Columns, Rows, field_offset, fx_hash, line_column};
use crate::io::memory::Input;
use crate::io::problem::Problem;
use crate::model::RowColumns;
use csv::{ByteRecord, StringRecord};

/// Tables smaller than this are read on one thread.
pub(super) const SPLIT_MIN: usize = 4 << 20;

/// A part gives back the pages of a mapped file it has passed in steps of this many bytes.
const RELEASE_STEP: usize = 16 << 20;

/// The in-place reader's buffer. The reader copies the file into it, and each record's bounds are
/// then read from the file itself: a small buffer keeps those bytes in the core's own cache (a
/// buffer of 1 MiB and its source outgrew it, and the parse spent about 5 % of its time waiting
/// for the byte after each record).
const READ_BUFFER: usize = 64 << 10;

/// The hash of each row's id with the row's position, sorted.
pub(super) type IdKeys = Vec<(u64, usize)>;

/// What one part of the rows gave.
#[derive(Default)]
pub(super) struct Part {
    rows: Rows,
    out: RowColumns,
    /// The hash of each row's id with its position in `out`.
    id_keys: IdKeys,
    problems: Vec<Problem>,
    /// The line the part stopped on, when it stopped at its `stop`.
    end_line: usize,
    /// The rows without an id, named after their line.
    unnamed: Vec<usize>,
}

/// Reads the rows of `input` from `body` (on line `first_line`) to the end, on two threads when
/// there are at least `split_min` bytes.
pub(super) fn parse_parts(
    file: &str,
    input: Input<'_>,
    (body, first_line): (usize, usize),
    columns: &Columns,
    split_min: usize,
) -> Vec<Part> {
    let bytes = input.bytes();
    let alone = || vec![parse_part(file, input, (body, first_line), None, columns).0];
    if bytes.len().saturating_sub(body) < split_min {
        return alone();
    }
    let Some(cut) = cut_near_middle(bytes, body, columns) else {
        return alone();
    };
    std::thread::scope(|scope| {
        // the second part counts its lines from the cut, and learns the cut's line from the first
        // part when both are done, instead of counting the first half's lines before it starts
        let second = scope.spawn(move || parse_part(file, input, (cut, 1), None, columns));
        let (first, stopped_at_cut) =
            parse_part(file, input, (body, first_line), Some(cut), columns);
        match (stopped_at_cut, second.join()) {
            (true, Ok((mut second, _))) => {
                second.move_down(first.end_line.saturating_sub(1));
                vec![first, second]
            }
            // the reader did not see a record boundary at the cut: read on alone
            _ => alone(),
        }
    })
}

/// A record boundary near the middle of `bytes[body..]`: the start of a line after the middle
/// from which the next three records read as whole rows of the header's width. Only a guess: a
/// quoted field could hold such lines, so the first part's reader confirms it reaches the cut.
fn cut_near_middle(bytes: &[u8], body: usize, columns: &Columns) -> Option<usize> {
    let mid = body + (bytes.len() - body) / 2;
    let mut record = ByteRecord::new();
    for newline in memchr::memchr_iter(b'\n', &bytes[mid..]).take(64) {
        let cut = mid + newline + 1;
        let window = &bytes[cut..bytes.len().min(cut + (1 << 16))];
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(columns.separator)
            .from_reader(window);
        let whole = (0..3).all(|_| {
            matches!(reader.read_byte_record(&mut record), Ok(true))
                && record.len() == columns.width
                && (reader.position().byte() as usize) < window.len()
        });
        if whole {
            return Some(cut);
        }
    }
    None
}

/// Reads rows from `start` (on line `start_line`) to the end, or until a record starts at or after
/// `stop`; says whether it stopped exactly at `stop`. Well-formed records are read in place; from
/// the first irregular one on, the `csv` crate reads the rest.
fn parse_part(
    file: &str,
    input: Input<'_>,
    (start, start_line): (usize, usize),
    stop: Option<usize>,
    columns: &Columns,
) -> (Part, bool) {
    let bytes = input.bytes();
    let mut part = Part::default();
    // room for every row to the end of the file: the second part's rows are appended to the
    // first part's columns, which then never move; room not written to takes no memory
    part.reserve(estimate_rows(&bytes[start..]));
    let mut reading = Reading {
        place: Place {
            file,
            stop,
            columns,
        },
        pages: Pages {
            input,
            released: start,
        },
        part: &mut part,
    };
    let stopped = match reading.in_place((start, start_line)) {
        Reached::End(stopped) => stopped,
        Reached::Irregular(at, line) => reading.by_csv((at, line)),
    };
    // sorted here, on the part's own thread, so that finding duplicates is one merge
    part.id_keys.sort_unstable();
    (part, stopped)
}

/// What a part reads: the file's name, where to stop, and the columns.
struct Place<'a> {
    file: &'a str,
    stop: Option<usize>,
    columns: &'a Columns,
}

/// A part's input and how far its pages have been given back.
struct Pages<'a> {
    input: Input<'a>,
    released: usize,
}

impl Pages<'_> {
    /// Gives back the pages before `at` once a step's worth has been passed.
    fn pass(&mut self, at: usize) {
        if at - self.released >= RELEASE_STEP {
            self.input.release(self.released..at);
            self.released = at;
        }
    }
}

/// A part being read: what it reads, its pages, and what it has given so far.
struct Reading<'a, 'p> {
    place: Place<'a>,
    pages: Pages<'a>,
    part: &'p mut Part,
}

impl<'a> Reading<'a, '_> {
    /// Whether a record starting at `at` lies at or past the stop, and if so whether exactly at it.
    fn stopped_at(&self, at: usize) -> Option<bool> {
        self.place
            .stop
            .filter(|&stop| at >= stop)
            .map(|stop| at == stop)
    }

    /// The row of a record of `fields` fields starting at byte `at` on `line` and ending before
    /// `next`, when it is whole and as wide as the header (otherwise its problem is added).
    fn row(&mut self, (at, line): (usize, usize), next: usize, fields: usize) -> Option<Row<'a>> {
        self.pages.pass(at);
        let row = Row {
            file: self.place.file,
            bytes: self.pages.input.bytes(),
            at,
            line,
            separator: self.place.columns.separator,
        };
        self.part
            .fits(&row, next, &self.place, fields)
            .then_some(row)
    }
}

/// Where the in-place reading ended.
enum Reached {
    /// The end of the part; whether it stopped exactly at the part's `stop`.
    End(bool),
    /// An irregular record at this byte and line, left for the `csv` crate.
    Irregular(usize, usize),
}

/// The line of a byte, counted forward from the last byte asked about.
struct Lines {
    at: usize,
    line: usize,
}

impl Lines {
    /// Learns that the byte `at` lies on `line`, so that counting goes on from there.
    fn set(&mut self, at: usize, line: usize) {
        self.at = at;
        self.line = line;
    }

    /// The line of byte `at` (at or after the last byte asked about).
    fn of(&mut self, bytes: &[u8], at: usize) -> usize {
        let between = bytes.get(self.at..at).unwrap_or_default();
        self.line += memchr::memchr_iter(b'\n', between).count();
        self.at = at;
        self.line
    }
}

impl Reading<'_, '_> {
    /// Reads rows with `simd-csv` from `start` (on line `start_line`) until the end, the stop, or
    /// an irregular record.
    fn in_place(&mut self, (start, start_line): (usize, usize)) -> Reached {
        let bytes = self.pages.input.bytes();
        let mut reader = simd_csv::ZeroCopyReaderBuilder::with_capacity(READ_BUFFER)
            .has_headers(false)
            .flexible(true)
            .delimiter(self.place.columns.separator)
            .from_reader(&bytes[start..]);
        let mut lines = Lines {
            at: start,
            line: start_line,
        };
        let mut copy = ByteRecord::new();
        loop {
            let before = start + reader.position() as usize;
            if let Some(exactly) = self.stopped_at(before) {
                self.part.end_line = lines.of(bytes, before);
                return Reached::End(exactly);
            }
            let record = match reader.read_byte_record() {
                Ok(Some(record)) => record,
                Ok(None) => return Reached::End(self.place.stop.is_none()),
                Err(_) => return Reached::Irregular(before, lines.of(bytes, before)),
            };
            let raw = record.as_slice();
            let (at, next) = record_bounds(bytes, before, raw.len());
            let line = lines.of(bytes, at);
            let (quoting, line_breaks) = quoting(raw, self.place.columns.separator);
            if quoting == Quoting::Irregular {
                return Reached::Irregular(at, line);
            }
            // the record's own line breaks are known: counting goes on from the next record
            let ends_line = next > at + raw.len() && bytes[next - 1] == b'\n';
            lines.set(next, line + line_breaks + usize::from(ends_line));
            let Some(row) = self.row((at, line), next, record.len()) else {
                continue;
            };
            let columns = self.place.columns;
            match InPlace::new(&record).filter(|_| quoting == Quoting::Plain) {
                Some(text) => self.part.take(&text, &row, columns),
                None => {
                    unescaped(&record, &mut copy);
                    self.part.take(&copy, &row, columns);
                }
            }
        }
    }

    /// Reads rows with the `csv` crate from `start` (on line `start_line`) to the end or the
    /// stop; says whether it stopped exactly at the stop.
    fn by_csv(&mut self, (start, start_line): (usize, usize)) -> bool {
        let bytes = self.pages.input.bytes();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.place.columns.separator)
            .from_reader(&bytes[start..]);
        // the record moves into a `StringRecord` (checked as UTF-8 once, as a whole) and back,
        // held in an `Option` so that no row allocates a record of its own
        let mut slot = Some(ByteRecord::new());
        loop {
            let mut record = slot.take().unwrap_or_default();
            if let Some(exactly) = self.stopped_at(start + reader.position().byte() as usize) {
                self.part.end_line = start_line + reader.position().line() as usize - 1;
                return exactly;
            }
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map_or(1, |p| p.line() as usize);
                    self.part.problems.push(Problem::at(
                        self.place.file,
                        start_line + line.max(1) - 1,
                        1,
                        format!("unreadable CSV: {e}"),
                    ));
                    break;
                }
            }
            let (at, line) = record.position().map_or((0, 1), |p| {
                (
                    start + p.byte() as usize,
                    start_line + p.line() as usize - 1,
                )
            });
            let next = start + reader.position().byte() as usize;
            let Some(row) = self.row(past_blank_lines(bytes, at, line), next, record.len()) else {
                slot = Some(record);
                continue;
            };
            let columns = self.place.columns;
            slot = Some(match StringRecord::from_byte_record(record) {
                Ok(text) => {
                    self.part.take(&text, &row, columns);
                    text.into_byte_record()
                }
                Err(not_text) => {
                    // some field is not UTF-8: checked field by field, to name it if the row
                    // reads it
                    let record = not_text.into_byte_record();
                    self.part.take(&record, &row, columns);
                    record
                }
            });
        }
        self.place.stop.is_none()
    }
}

/// Where a record of `len` bytes (without its line break) that the reader found from `before`
/// begins, after the blank lines it skipped, and the byte after its line break.
fn record_bounds(bytes: &[u8], before: usize, len: usize) -> (usize, usize) {
    let blank = bytes[before..]
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    let at = before + blank;
    let end = at + len;
    let line_break = match bytes.get(end..(end + 2).min(bytes.len())) {
        Some([b'\r', b'\n']) => 2,
        Some([b'\n', ..]) => 1,
        _ => 0,
    };
    (at, end + line_break)
}

/// The first byte at or after `at` that is not a line break, and its line (`at` being on `line`):
/// where a record begins when the reader's position precedes the blank lines, or the `\n` of a
/// `\r\n`, that it skipped.
fn past_blank_lines(bytes: &[u8], at: usize, line: usize) -> (usize, usize) {
    let blank = bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    let breaks = memchr::memchr_iter(b'\n', &bytes[at..at + blank]).count();
    (at + blank, line + breaks)
}

/// Where a record lies: its file's name and bytes, its byte offset and its line.
struct Row<'a> {
    file: &'a str,
    bytes: &'a [u8],
    at: usize,
    line: usize,
    separator: u8,
}

impl Row<'_> {
    /// A problem located at the first character of field `index` of the record.
    fn problem(&self, index: usize, message: String) -> Problem {
        let offset = field_offset(self.bytes, self.at, index, self.separator);
        let (line, column) = line_column(self.bytes, self.at, self.line, offset);
        Problem::at(self.file, line, column, message)
    }
}

impl Part {
    /// Whether a record of `fields` fields, ending before byte `next`, has the header's width and
    /// is whole; if not, its problem is added.
    fn fits(&mut self, row: &Row<'_>, next: usize, place: &Place<'_>, fields: usize) -> bool {
        let bytes = row.bytes;
        let last = place.stop.is_none()
            && bytes[next.min(bytes.len())..]
                .iter()
                .all(u8::is_ascii_whitespace);
        match shape_problem(bytes, (row.at, last), fields, place.columns) {
            Some(message) => {
                self.problems.push(row.problem(0, message));
                false
            }
            None => true,
        }
    }

    /// Adds the record's row to the part, or its problem, located in the file.
    fn take(&mut self, record: &impl RecordText, row: &Row<'_>, columns: &Columns) {
        match Rows::fields(record, columns) {
            Ok(fields) => {
                self.rows
                    .push(&fields, (row.at as u64, row.line as u32), &mut self.out);
                let j = self.out.len() - 1;
                if fields.id.is_empty() {
                    self.unnamed.push(j);
                }
                self.id_keys.push((fx_hash(self.out.id(j).as_bytes()), j));
            }
            Err((index, message)) => self.problems.push(row.problem(index, message)),
        }
    }
}

/// What is wrong with the shape of the record at `at` with `fields` fields, the file's `last`
/// or not: cut off (see [`cut_off`]), or not as wide as the header.
fn shape_problem(
    bytes: &[u8],
    (at, last): (usize, bool),
    fields: usize,
    columns: &Columns,
) -> Option<String> {
    let width = columns.width;
    if last && let Some(message) = cut_off(bytes, at, (fields, width), columns.separator) {
        return Some(message);
    }
    (fields != width).then(|| format!("this row has {fields} fields but the header has {width}"))
}

/// Why the file's last record, starting at `at` with `fields` fields, looks cut off (a download
/// or copy that stopped early): it ends inside a quoted field, or it lacks fields and the file
/// lacks its final line break. `None` when it looks whole.
fn cut_off(
    bytes: &[u8],
    at: usize,
    (fields, width): (usize, usize),
    separator: u8,
) -> Option<String> {
    let record = &bytes[at.min(bytes.len())..];
    if ends_in_quotes(record, separator) {
        return Some(
            "the file ends inside a quoted field of this record (cut off?); the record is \
             incomplete"
                .to_owned(),
        );
    }
    (fields < width && !bytes.ends_with(b"\n")).then(|| {
        format!(
            "the file ends in the middle of this record (cut off?): it has {fields} of the \
             header's {width} fields"
        )
    })
}

/// Whether CSV text whose fields `separator` parts ends inside a quoted field (a quote opens a
/// field only at its start; `""` inside one is an escaped quote).
fn ends_in_quotes(text: &[u8], separator: u8) -> bool {
    let mut in_quotes = false;
    let mut field_start = true;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if in_quotes {
            if b == b'"' {
                if text.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if b == b'"' && field_start {
            in_quotes = true;
            field_start = false;
        } else {
            field_start = b == separator || matches!(b, b'\n' | b'\r');
        }
        i += 1;
    }
    in_quotes
}

/// About how many rows `bytes` hold, from the lines in their first 64 KiB (a little over, so the
/// columns rarely grow).
fn estimate_rows(bytes: &[u8]) -> usize {
    let sample = &bytes[..bytes.len().min(1 << 16)];
    let lines = memchr::memchr_iter(b'\n', sample).count().max(1);
    (bytes.len() / sample.len().div_ceil(lines).max(1)) * 11 / 10 + 16
}

impl Part {
    /// Moves the part's rows and problems `lines` lines down the file (a part read from its own
    /// first line, which is line `lines + 1` of the file), renaming its rows without an id.
    fn move_down(&mut self, lines: usize) {
        for line in &mut self.out.line {
            *line += lines as u32;
        }
        for problem in &mut self.problems {
            problem.line += lines;
        }
        if self.unnamed.is_empty() {
            return;
        }
        let o = &mut self.out;
        let mut ids = String::with_capacity(o.ids.len() + 4 * self.unnamed.len());
        let mut ends = Vec::with_capacity(o.id_end.len());
        let mut unnamed = self.unnamed.iter().peekable();
        for j in 0..o.len() {
            if unnamed.next_if_eq(&&j).is_some() {
                ids.push_str(&format!("row-{}", o.line[j]));
            } else {
                ids.push_str(o.id(j));
            }
            ends.push(ids.len() as u32);
        }
        o.ids = ids;
        o.id_end = ends;
        for key in &mut self.id_keys {
            if self.unnamed.binary_search(&key.1).is_ok() {
                key.0 = fx_hash(o.id(key.1).as_bytes());
            }
        }
        self.id_keys.sort_unstable();
    }

    fn reserve(&mut self, n: usize) {
        let o = &mut self.out;
        o.start.reserve(n);
        o.end.reserve(n);
        o.precision.reserve(n);
        o.lon_lat.reserve(n);
        o.category.reserve(n);
        o.off_map.reserve(n);
        o.place.reserve(n);
        o.title.reserve(n);
        o.label.reserve(n);
        o.actors.reserve(n);
        o.id_end.reserve(n);
        o.offset.reserve(n);
        o.line.reserve(n);
        self.id_keys.reserve(n);
    }
}

/// Merges the parts in order: the tables, the rows (offsets moved past a `bom` of that many
/// bytes), the id keys and the problems.
pub(super) fn join(parts: Vec<Part>, bom: usize) -> (Rows, RowColumns, Vec<IdKeys>, Vec<Problem>) {
    let mut parts = parts.into_iter();
    let mut first = parts.next().unwrap_or_default();
    let mut id_keys = vec![std::mem::take(&mut first.id_keys)];
    for mut part in parts {
        let base = first.out.len();
        append(&mut first, &part);
        for key in &mut part.id_keys {
            key.1 += base;
        }
        id_keys.push(part.id_keys);
        first.problems.extend(part.problems);
    }
    if bom > 0 {
        for offset in &mut first.out.offset {
            *offset += bom as u64;
        }
    }
    (first.rows, first.out, id_keys, first.problems)
}

/// Appends a later part's rows to `first`'s columns, its numbers made `first`'s.
fn append(first: &mut Part, part: &Part) {
    let (places, strings, actors) = first.rows.adopt(&part.rows);
    let map = |table: &[u32], k: u32| table.get(k as usize).copied().unwrap_or(k);
    let (r, o) = (&part.out, &mut first.out);
    o.start.extend_from_slice(&r.start);
    o.end.extend_from_slice(&r.end);
    o.precision.extend_from_slice(&r.precision);
    o.lon_lat.extend_from_slice(&r.lon_lat);
    o.category.extend_from_slice(&r.category);
    o.off_map.extend_from_slice(&r.off_map);
    o.place.extend(r.place.iter().map(|&k| map(&places, k)));
    o.title.extend(r.title.iter().map(|&k| map(&strings, k)));
    o.label.extend(r.label.iter().map(|&k| map(&strings, k)));
    o.actors.extend(r.actors.iter().map(|&k| map(&actors, k)));
    let id_base = o.ids.len() as u32;
    o.ids.push_str(&r.ids);
    o.id_end.extend(r.id_end.iter().map(|&e| e + id_base));
    o.offset.extend_from_slice(&r.offset);
    o.line.extend_from_slice(&r.line);
}

impl Rows {
    /// Takes in another part's places, strings and actor lists; returns, for each of its numbers,
    /// ours.
    fn adopt(&mut self, other: &Rows) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
        let mut places = Vec::with_capacity(other.places.len());
        for (p, place) in other.places.iter().enumerate() {
            let key = other.place_keys.key(p);
            let hash = fx_hash(key.as_bytes());
            let index = match self.place_keys.get(hash, key) {
                Some(i) => i,
                None => {
                    let mut place = place.clone();
                    let base = place.id.clone();
                    let mut n = 2;
                    while self.place_ids.contains(&place.id) {
                        place.id = format!("{base}-{n}");
                        n += 1;
                    }
                    self.place_ids.insert(place.id.clone());
                    self.places.push(place);
                    self.place_keys.insert(hash, key)
                }
            };
            places.push(index as u32);
        }
        let strings = (0..other.strings.len())
            .map(|k| self.strings.intern(other.strings.key(k)) as u32)
            .collect();
        let mut actors = Vec::with_capacity(other.actor_lists.len());
        for (k, list) in other.actor_lists.iter().enumerate() {
            let key = other.actor_keys.key(k);
            let hash = fx_hash(key.as_bytes());
            let index = match self.actor_keys.get(hash, key) {
                Some(i) => i,
                None => {
                    self.actor_lists.push(list.clone());
                    self.actor_keys.insert(hash, key)
                }
            };
            actors.push(index as u32);
        }
        (places, strings, actors)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    type Described = (Vec<String>, Vec<String>, Vec<String>);

    /// The header's columns, and the byte and line where the rows begin.
    fn header(bytes: &[u8]) -> (Columns, usize, usize) {
        super::super::read_header("t.csv", bytes).unwrap()
    }

    fn parse(text: &str, split_min: usize) -> Described {
        let bytes = text.as_bytes();
        let (columns, body, line) = header(bytes);
        let parts = parse_parts(
            "t.csv",
            Input::from(bytes),
            (body, line),
            &columns,
            split_min,
        );
        describe(join(parts, 0))
    }

    /// What the `csv` crate alone reads from the rows.
    fn parse_by_csv(text: &str) -> Described {
        let bytes = text.as_bytes();
        let (columns, body, line) = header(bytes);
        let mut part = Part::default();
        let mut reading = Reading {
            place: Place {
                file: "t.csv",
                stop: None,
                columns: &columns,
            },
            pages: Pages {
                input: Input::from(bytes),
                released: body,
            },
            part: &mut part,
        };
        reading.by_csv((body, line));
        part.id_keys.sort_unstable();
        describe(join(vec![part], 0))
    }

    fn describe(
        (rows, out, _, problems): (Rows, RowColumns, Vec<IdKeys>, Vec<Problem>),
    ) -> Described {
        let described: Vec<String> = (0..out.len())
            .map(|j| {
                format!(
                    "{} {} {} {} {} {}",
                    out.id(j),
                    rows.places[out.place[j] as usize].id,
                    rows.strings.key(out.title[j] as usize),
                    rows.actor_lists[out.actors[j] as usize].join("+"),
                    out.offset[j],
                    out.line[j]
                )
            })
            .collect();
        let places = rows.places.iter().map(|p| p.id.clone()).collect();
        (
            described,
            places,
            problems.iter().map(|p| p.to_string()).collect(),
        )
    }

    proptest::proptest! {
        /// Rows read in place, with irregular rows among them, give what the `csv` crate alone
        /// gives: the same events at the same offsets and lines, and the same located problems.
        #[test]
        fn reading_in_place_gives_what_the_csv_crate_gives(
            rows in proptest::collection::vec(
                ("[A-C]{0,2}", "2022-0[1-3]-[0-3][0-9]|bad", "[a-c \",\r\n]{0,8}", 0u8..4, proptest::bool::ANY),
                1..24,
            ),
            line_break in "\n|\r\n",
        ) {
            let mut text = String::from("event_id_cnty,event_date,location,latitude,longitude,notes");
            text.push_str(&line_break);
            for (id, date, note, shape, quoted) in &rows {
                let note = if *quoted { format!("\"{}\"", note.replace('"', "\"\"")) } else { note.clone() };
                let row = match shape {
                    0 => format!("{id},{date},Kapan,39.2,46.4,{note}"),
                    1 => format!("{id},{date},\"Tovuz, north\",40.9,45.6,{note}"),
                    2 => format!("{id},{date}"),
                    _ => String::new(),
                };
                text.push_str(&row);
                text.push_str(&line_break);
            }
            let ours = parse(&text, usize::MAX);
            proptest::prop_assert_eq!(&ours, &parse_by_csv(&text), "{:?}", text);
            proptest::prop_assert_eq!(&ours, &parse(&text, 1), "{:?}", text);
        }
    }

    #[test]
    fn records_across_the_read_buffer_read_as_the_csv_crate_reads_them() {
        // rows of every length around the buffer's size, one longer than the buffer, quoted
        // line breaks, blank lines and CRLF: many records straddle a refill of the buffer
        let mut text =
            String::from("event_id_cnty,event_date,location,latitude,longitude,notes\r\n");
        let mut k = 0;
        while text.len() < 5 * READ_BUFFER {
            let note = match k % 9 {
                0 => format!("\"{}\"", "x\r\ny, \"\"q\"\" ".repeat(k % 37)),
                4 if k == 40 => format!("\"{}\"", "long\n".repeat(READ_BUFFER / 4)),
                _ => "z".repeat(k * 131 % 3_000),
            };
            let date = if k % 53 == 7 {
                "2022-13-01"
            } else {
                "2022-05-04"
            };
            text.push_str(&format!("R{k},{date},Kapan,39.2,46.4,{note}\r\n"));
            if k % 11 == 0 {
                text.push_str("\r\n");
            }
            k += 1;
        }
        let ours = parse(&text, usize::MAX);
        assert!(ours.0.len() > 150, "{}", ours.0.len());
        assert!(!ours.2.is_empty());
        assert_eq!(ours, parse_by_csv(&text));
        assert_eq!(ours, parse(&text, 1));
    }

    /// 400 rows with quoted line breaks, repeated places, rows without ids, bad dates and a
    /// short row.
    fn rows_to_split() -> String {
        let mut text = String::from(
            "event_id_cnty,event_date,sub_event_type,actor1,location,admin1,latitude,longitude,notes\n",
        );
        for k in 0..400 {
            let location = ["Tovuz", "Kapan", "Lachin", "tovuz", ""][k % 5];
            let notes = if k % 7 == 0 {
                "\"a note\nover two lines, with \"\"quotes\"\"\""
            } else {
                "plain"
            };
            let date = if k % 97 == 3 {
                "2022-02-30"
            } else {
                "2022-08-03"
            };
            // some rows have no id, and are named after their line
            let id = if k % 13 == 5 {
                String::new()
            } else {
                format!("R{k}")
            };
            text.push_str(&format!(
                "{id},{date},Armed clash,Actor {},{location},Region {},40.{k},45.5,{notes}\n",
                k % 3,
                k % 4
            ));
            if k == 250 {
                text.push_str("short,row\n\n");
            }
        }
        text
    }

    #[test]
    fn two_halves_give_what_one_pass_gives() {
        let text = rows_to_split();
        let one = parse(&text, usize::MAX);
        let two = parse(&text, 1);
        assert_eq!(one.0.len(), 395, "{:?}", one.2);
        assert_eq!(one, two);
        // the second half's rows and problems carry the file's lines, and so do its row names
        let last = one.0.iter().rev().find(|d| d.starts_with("row-")).unwrap();
        let line: usize = last.rsplit(' ').next().unwrap().parse().unwrap();
        assert!(
            line > 300 && last.starts_with(&format!("row-{line} ")),
            "{last}"
        );
        assert!(
            one.2.iter().any(|p| p.starts_with("t.csv:3")),
            "{:?}",
            one.2
        );
        assert_eq!(one.2.len(), 6, "{:?}", one.2);
        assert!(
            one.2
                .iter()
                .any(|p| p.contains("fields but the header has 9"))
        );
    }

    #[test]
    fn a_table_parted_by_semicolons_reads_as_its_comma_twin_in_one_pass_or_two() {
        // every comma becomes a semicolon, the quoted ones too: the rows and problems stay put
        let text = rows_to_split().replace(',', ";");
        let bytes = text.as_bytes();
        let (columns, body, line) = header(bytes);
        assert_eq!(columns.separator, b';');
        let parts = parse_parts("t.csv", Input::from(bytes), (body, line), &columns, 1);
        assert_eq!(parts.len(), 2);
        let one = parse(&text, usize::MAX);
        assert_eq!(one.0.len(), 395, "{:?}", one.2);
        assert_eq!(one, parse(&text, 1));
        assert_eq!(one, parse(&rows_to_split(), usize::MAX));
        assert_eq!(one, parse_by_csv(&text));
    }

    #[test]
    fn a_cut_inside_a_quoted_field_is_never_used() {
        // one long quoted note spanning the middle: no newline outside quotes after the middle
        let text = format!(
            "event_id_cnty,event_date,latitude,longitude,notes\nA,2022-01-01,40,45,\"{}\"\n",
            "line\n".repeat(100)
        );
        let bytes = text.as_bytes();
        assert_eq!(cut_near_middle(bytes, 50, &header(bytes).0), None);
        let (rows, _, _) = parse(&text, 1);
        assert_eq!(rows.len(), 1);
    }
}
