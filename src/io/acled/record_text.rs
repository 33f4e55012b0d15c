//! A record's fields as text: from a record already checked as UTF-8 as a whole (one check per
//! row, the common case), or checked field by field (to name the field that is not UTF-8).

use super::Fail;
use csv::{ByteRecord, StringRecord};

/// A CSV record whose fields can be read as trimmed text.
pub(super) trait RecordText {
    /// Field `i` as trimmed text (empty when the record is shorter), or why it is not text.
    fn text(&self, i: usize) -> Result<&str, Fail>;
}

pub(super) use crate::io::problem::NOT_UTF8_TABLE as NOT_UTF8;

impl RecordText for ByteRecord {
    fn text(&self, i: usize) -> Result<&str, Fail> {
        let bytes = self.get(i).unwrap_or_default().trim_ascii();
        std::str::from_utf8(bytes).map_err(|_| (i, NOT_UTF8.to_owned()))
    }
}

impl RecordText for StringRecord {
    fn text(&self, i: usize) -> Result<&str, Fail> {
        Ok(self.get(i).unwrap_or_default().trim_ascii())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_records_read_the_same_text_and_bytes_name_the_bad_field() {
        let bytes = ByteRecord::from(vec![&b" a "[..], &b"b\xff"[..], &b"\xc3\xa9"[..]]);
        assert_eq!(bytes.text(0), Ok("a"));
        assert_eq!(bytes.text(2), Ok("é"));
        assert_eq!(bytes.text(1).map_err(|e| e.0), Err(1));
        assert_eq!(bytes.text(9), Ok(""));
        let string = StringRecord::from(vec![" a ", "é"]);
        assert_eq!(string.text(0), Ok("a"));
        assert_eq!(string.text(1), Ok("é"));
        assert_eq!(string.text(9), Ok(""));
    }
}
