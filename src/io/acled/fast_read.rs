//! Reading well-formed records without copying them: `simd-csv` finds the separators, and a record
//! whose quoting the `csv` crate would read the same way is used in place, checked as UTF-8 once.
//!
//! Only records that are plainly well formed take this path. A record with an escaped quote is
//! copied out unescaped; the first record with a quote inside a field, a bare carriage return
//! or an unclosed quote hands the rest of the part to the `csv` crate, whose reading of such
//! rows is the one the located errors and the lazy re-reads rest on.

use super::Fail;
use super::record_text::RecordText;
use csv::ByteRecord;
use simd_csv::ZeroCopyByteRecord;

/// How a record's quotes read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Quoting {
    /// No field holds an escaped quote: every field can be read in place.
    Plain,
    /// Some quoted field holds `""`: the fields must be unescaped into a copy.
    Escaped,
    /// A quote inside an unquoted field, text after a closing quote, an unclosed quote or a bare
    /// carriage return: readers disagree on such records, so the `csv` crate reads them.
    Irregular,
}

/// How the quotes of `raw` (one record, without its line break, fields parted by `separator`)
/// read, and how many line breaks its quoted fields hold.
///
/// ```text
/// a,"b, c",d     Plain
/// a,"say ""hi""" Escaped
/// a,b"c,d        Irregular
/// ```
pub(super) fn quoting(raw: &[u8], separator: u8) -> (Quoting, usize) {
    let mut quoted = false;
    let mut escaped = false;
    let mut line_breaks = 0;
    let mut hits = memchr::memchr3_iter(b'"', b'\r', b'\n', raw);
    while let Some(at) = hits.next() {
        match raw[at] {
            b'\n' => line_breaks += 1,
            b'\r' if !quoted => return (Quoting::Irregular, line_breaks),
            b'\r' => {}
            _ if !quoted => {
                if at > 0 && raw[at - 1] != separator {
                    return (Quoting::Irregular, line_breaks);
                }
                quoted = true;
            }
            _ if raw.get(at + 1) == Some(&b'"') => {
                escaped = true;
                hits.next();
            }
            _ if raw.get(at + 1).is_none_or(|&b| b == separator) => quoted = false,
            _ => return (Quoting::Irregular, line_breaks),
        }
    }
    let quoting = match (quoted, escaped) {
        (true, _) => Quoting::Irregular,
        (false, true) => Quoting::Escaped,
        (false, false) => Quoting::Plain,
    };
    (quoting, line_breaks)
}

/// A plainly quoted record read in place: its fields are slices of the record's text.
pub(super) struct InPlace<'r> {
    record: &'r ZeroCopyByteRecord<'r>,
    text: &'r str,
}

impl<'r> InPlace<'r> {
    /// The record as text, or `None` when it is not UTF-8 (one check for the whole record).
    pub(super) fn new(record: &'r ZeroCopyByteRecord<'r>) -> Option<InPlace<'r>> {
        let text = std::str::from_utf8(record.as_slice()).ok()?;
        Some(InPlace { record, text })
    }
}

impl RecordText for InPlace<'_> {
    fn text(&self, i: usize) -> Result<&str, Fail> {
        let Some(raw) = self.record.get(i) else {
            return Ok("");
        };
        // the field's place in the record, from where its slice begins
        let from = (raw.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let field = self.text.get(from..from + raw.len()).unwrap_or_default();
        let unquoted = field
            .strip_prefix('"')
            .and_then(|f| f.strip_suffix('"'))
            .unwrap_or(field);
        Ok(unquoted.trim_ascii())
    }
}

/// The record's fields unquoted and unescaped, as the `csv` crate would give them.
pub(super) fn unescaped(record: &ZeroCopyByteRecord<'_>, into: &mut ByteRecord) {
    into.clear();
    for i in 0..record.len() {
        into.push_field(&record.unescape(i).unwrap_or_default());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn first(text: &[u8]) -> (Vec<String>, Quoting) {
        read_first(text).unwrap()
    }

    /// The first record's fields and quoting, `None` when there is no record (blank lines).
    fn read_first(text: &[u8]) -> Option<(Vec<String>, Quoting)> {
        let mut reader = simd_csv::ZeroCopyReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text);
        let record = reader.read_byte_record().unwrap()?;
        let (quoting, _) = quoting(record.as_slice(), b',');
        let fields = match InPlace::new(&record) {
            Some(view) if quoting == Quoting::Plain => (0..record.len())
                .map(|i| view.text(i).unwrap().to_owned())
                .collect(),
            _ => {
                let mut copy = ByteRecord::new();
                unescaped(&record, &mut copy);
                copy.iter()
                    .map(|f| String::from_utf8_lossy(f).trim().to_owned())
                    .collect()
            }
        };
        Some((fields, quoting))
    }

    fn by_csv_crate(text: &[u8]) -> Option<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text);
        let mut record = ByteRecord::new();
        reader.read_byte_record(&mut record).unwrap().then(|| {
            record
                .iter()
                .map(|f| String::from_utf8_lossy(f).trim().to_owned())
                .collect()
        })
    }

    #[test]
    fn quoting_tells_plain_escaped_and_irregular_records_apart() {
        let kind = |raw: &[u8]| quoting(raw, b',').0;
        assert_eq!(kind(b"a,b,c"), Quoting::Plain);
        assert_eq!(kind(b"a,\"b, c\",d"), Quoting::Plain);
        assert_eq!(kind(b"\"\",\"x\""), Quoting::Plain);
        assert_eq!(kind(b"a,\"line\r\nbreak\",b"), Quoting::Plain);
        assert_eq!(kind(b"a,\"say \"\"hi\"\"\""), Quoting::Escaped);
        assert_eq!(kind(b"\"\"\"\",b"), Quoting::Escaped);
        assert_eq!(kind(b"a,b\"c,d"), Quoting::Irregular);
        assert_eq!(kind(b"a, \"b\",c"), Quoting::Irregular);
        assert_eq!(kind(b"a,\"b\"c,d"), Quoting::Irregular);
        assert_eq!(kind(b"a,\"open"), Quoting::Irregular);
        assert_eq!(kind(b"a,b\rc,d"), Quoting::Irregular);
        // a table parted by semicolons: a comma is text, and a quote opens a field after `;`
        let semicolons = |raw: &[u8]| quoting(raw, b';').0;
        assert_eq!(semicolons(b"a;\"b; c\";40,5"), Quoting::Plain);
        assert_eq!(semicolons(b"a;\"b\";\"c\""), Quoting::Plain);
        assert_eq!(semicolons(b"a,\"b\";c"), Quoting::Irregular);
        assert_eq!(semicolons(b"a;\"b\",c"), Quoting::Irregular);
    }

    #[test]
    fn quoting_counts_the_line_breaks_inside_quoted_fields() {
        assert_eq!(quoting(b"a,b", b','), (Quoting::Plain, 0));
        assert_eq!(
            quoting(b"a,\"one\ntwo\r\nthree\",\"\n\"", b','),
            (Quoting::Plain, 3)
        );
        assert_eq!(quoting(b"\"x\n\"\"\n\"", b','), (Quoting::Escaped, 2));
    }

    #[test]
    fn fields_read_in_place_are_trimmed_and_unquoted() {
        let (fields, quoting) = first(b" a ,\"b, c\",,\" d \"\n");
        assert_eq!(quoting, Quoting::Plain);
        assert_eq!(fields, ["a", "b, c", "", "d"]);
        let (fields, quoting) = first(b"x,\"say \"\"hi\"\"\"\r\n");
        assert_eq!(quoting, Quoting::Escaped);
        assert_eq!(fields, ["x", "say \"hi\""]);
    }

    #[test]
    fn a_record_that_is_not_utf8_is_not_read_in_place() {
        let mut reader = simd_csv::ZeroCopyReaderBuilder::new()
            .has_headers(false)
            .from_reader(&b"a,b\xff\n"[..]);
        let record = reader.read_byte_record().unwrap().unwrap();
        assert!(InPlace::new(&record).is_none());
    }

    proptest! {
        /// Wherever a record is not irregular, its fields are the ones the `csv` crate reads.
        #[test]
        fn regular_records_read_as_the_csv_crate_reads_them(
            fields in proptest::collection::vec("[a-c ,\"\r\n]{0,6}", 1..6),
            quote in proptest::collection::vec(any::<bool>(), 6),
        ) {
            let mut text = String::new();
            for (k, f) in fields.iter().enumerate() {
                if k > 0 {
                    text.push(',');
                }
                if quote[k] {
                    text.push('"');
                    text.push_str(&f.replace('"', "\"\""));
                    text.push('"');
                } else {
                    text.push_str(f);
                }
            }
            text.push('\n');
            match read_first(text.as_bytes()) {
                Some((ours, quoting)) => {
                    if quoting != Quoting::Irregular {
                        prop_assert_eq!(Some(ours), by_csv_crate(text.as_bytes()), "{:?}", text);
                    }
                }
                None => prop_assert_eq!(by_csv_crate(text.as_bytes()), None, "{:?}", text),
            }
        }
    }
}
