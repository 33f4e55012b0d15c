//! A window onto a source read in chunks: JSON values are parsed from the bytes at hand, and a
//! value cut off at the chunk's end is parsed again once more bytes are in. The window keeps only
//! the unread part, so memory stays at about one chunk (or the largest single value).

use super::source::ReadAt;

/// Why reading stopped at a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stop {
    /// The byte offset in the source the problem is at.
    pub offset: u64,
    /// What is wrong.
    pub message: String,
}

/// What a parse of the unread bytes gave.
pub enum Parsed<R> {
    /// A value, and how many bytes it took.
    Done(R, usize),
    /// The bytes ended inside the value (serde_json's error, if it gave one).
    Eof(Option<serde_json::Error>),
    /// The bytes are not JSON here.
    Syntax(serde_json::Error),
}

impl<R> Parsed<R> {
    /// What serde_json's result means here.
    pub fn of(result: Result<(R, usize), serde_json::Error>) -> Parsed<R> {
        match result {
            Ok((r, n)) => Parsed::Done(r, n),
            Err(e) if e.is_eof() => Parsed::Eof(Some(e)),
            Err(e) => Parsed::Syntax(e),
        }
    }
}

/// The unread part of a source, in memory, as text (checked to be UTF-8 once, as it is read).
pub struct Input<'s> {
    source: &'s dyn ReadAt,
    /// The window: read text not yet dropped.
    text: String,
    /// Source offset of `text`'s first byte.
    base: u64,
    /// Read position in `text`.
    pos: usize,
    /// Raw bytes as read, reused.
    scratch: Vec<u8>,
    /// The first bytes of a character cut by the last read.
    carry: Vec<u8>,
    /// Source offset of the next byte to read.
    next: u64,
    /// Where the source stops being UTF-8, if it does (nothing after it is read).
    invalid_at: Option<u64>,
    /// The source gave fewer bytes than its length promised (it shrank while read).
    short: bool,
    chunk: usize,
    /// Newlines before `base + counted` (from where the input started).
    newlines: u64,
    counted: usize,
}

/// Whether a byte is JSON whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t')
}

impl<'s> Input<'s> {
    /// Reads `source` from `start`, `chunk` bytes at a time.
    pub fn new(source: &'s dyn ReadAt, start: u64, chunk: usize) -> Input<'s> {
        Input {
            source,
            text: String::new(),
            base: start,
            pos: 0,
            scratch: Vec::new(),
            carry: Vec::new(),
            next: start,
            invalid_at: None,
            short: false,
            chunk: chunk.max(4),
            newlines: 0,
            counted: 0,
        }
    }

    /// The source offset of the next unread byte.
    pub fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Newlines between where the input started and the next unread byte.
    pub fn newlines(&mut self) -> u64 {
        let seen = &self.text.as_bytes()[self.counted.min(self.pos)..self.pos];
        self.newlines += memchr::memchr_iter(b'\n', seen).count() as u64;
        self.counted = self.pos;
        self.newlines
    }

    /// Whether everything there is to read has been read.
    fn at_end(&self) -> bool {
        self.invalid_at.is_some() || self.short || self.next >= self.source.len()
    }

    /// Drops the read text and reads more: at least a chunk, and at least as much as is held
    /// (so a value larger than a chunk is re-parsed only a logarithmic number of times).
    /// Returns false when nothing more could be read.
    fn refill(&mut self) -> Result<bool, Stop> {
        self.newlines();
        self.text.drain(..self.pos);
        self.base += self.pos as u64;
        self.pos = 0;
        self.counted = 0;
        if self.at_end() {
            return Ok(false);
        }
        let left = self.source.len() - self.next;
        let want = usize::try_from(left)
            .unwrap_or(usize::MAX)
            .min(self.chunk.max(self.text.len()));
        let carried = self.carry.len();
        if self.scratch.len() < carried + want {
            // grows (and is zeroed) only when a value needs more room
            self.scratch.resize(carried + want, 0);
        }
        self.scratch[..carried].copy_from_slice(&self.carry);
        let read = self
            .source
            .read_at(self.next, &mut self.scratch[carried..carried + want])
            .map_err(|e| Stop {
                offset: self.next,
                message: format!("cannot read: {e}"),
            })?;
        if read < want {
            // the source is shorter than it said: read no further
            self.short = true;
        }
        let first = self.next - carried as u64;
        self.next += read as u64;
        let bytes = &self.scratch[..carried + read];
        let valid = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let cut = e.valid_up_to();
                if e.error_len().is_some() || self.next >= self.source.len() || self.short {
                    self.invalid_at = Some(first + cut as u64);
                }
                std::str::from_utf8(&bytes[..cut]).unwrap_or_default()
            }
        };
        let used = valid.len();
        self.text.push_str(valid);
        self.carry.clear();
        if self.invalid_at.is_none() {
            self.carry
                .extend_from_slice(&self.scratch[used..carried + read]);
        }
        Ok(used > 0 || !self.carry.is_empty())
    }

    /// Skips whitespace; returns the next byte without reading it, or `None` at the end.
    pub fn peek(&mut self) -> Result<Option<u8>, Stop> {
        loop {
            while let Some(&b) = self.text.as_bytes().get(self.pos) {
                if !is_space(b) {
                    return Ok(Some(b));
                }
                self.pos += 1;
            }
            if !self.refill()? {
                return match self.invalid_at {
                    Some(at) if at < self.source.len() => Err(not_utf8(at)),
                    _ => Ok(None),
                };
            }
        }
    }

    /// Reads one byte (an ASCII one, after [`Input::peek`] showed it).
    pub fn bump(&mut self) {
        self.pos = (self.pos + 1).min(self.text.len());
    }

    /// Skips a UTF-8 byte order mark at the start.
    pub fn skip_bom(&mut self) -> Result<(), Stop> {
        while self.text.len() - self.pos < 3 && !self.at_end() {
            self.refill()?;
        }
        if self.text[self.pos..].starts_with('\u{feff}') {
            self.pos += 3;
        }
        Ok(())
    }

    /// Parses one value at the current position with `parse`, which gets the unread text and
    /// its source offset. A value cut off by the chunk's end is parsed again with more text.
    pub fn value<R>(&mut self, mut parse: impl FnMut(&str, u64) -> Parsed<R>) -> Result<R, Stop> {
        loop {
            let at = self.offset();
            let unread = &self.text[self.pos..];
            match parse(unread, at) {
                Parsed::Done(r, n) => {
                    self.pos += n;
                    return Ok(r);
                }
                Parsed::Eof(_) if !self.at_end() => {
                    self.refill()?;
                }
                Parsed::Eof(_) if self.invalid_at.is_some_and(|i| i < self.source.len()) => {
                    return Err(not_utf8(self.invalid_at.unwrap_or(at)));
                }
                Parsed::Eof(Some(e)) | Parsed::Syntax(e) => {
                    return Err(syntax_stop(unread.as_bytes(), at, &e));
                }
                Parsed::Eof(None) => {
                    return Err(Stop {
                        offset: self.base + self.text.len() as u64,
                        message: "EOF while parsing a value".to_owned(),
                    });
                }
            }
        }
    }

    /// Parses a value of a type that borrows nothing (a key, a skipped value).
    pub fn owned<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, Stop> {
        self.value(|text, _| {
            let mut values = serde_json::Deserializer::from_str(text).into_iter::<T>();
            match values.next() {
                None => Parsed::Eof(None),
                Some(r) => Parsed::of(r.map(|v| (v, values.byte_offset()))),
            }
        })
    }
}

/// The problem of bytes that are not UTF-8.
fn not_utf8(offset: u64) -> Stop {
    Stop {
        offset,
        message: "not UTF-8 text (a binary file?)".to_owned(),
    }
}

/// Where in the source a serde_json error at (line, column) of `bytes` is, and its message.
pub fn syntax_stop(bytes: &[u8], base: u64, e: &serde_json::Error) -> Stop {
    let line_start = if e.line() <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', bytes)
            .nth(e.line() - 2)
            .map_or(bytes.len(), |i| i + 1)
    };
    let at = (line_start + e.column().saturating_sub(1)).min(bytes.len());
    let message = e.to_string();
    // serde_json appends " at line L column C"; the position is given separately.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    Stop {
        offset: base + at as u64,
        message,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::source::Memory;
    use super::*;
    use std::sync::Arc;

    #[test]
    fn values_cut_by_a_chunk_are_read_whole() {
        let text = "  [\"a long string that spans chunks\", 12]  \n\"next\"";
        let source = Memory(Arc::from(text.as_bytes()));
        // chunks of 3 bytes: every value spans several
        let mut input = Input::new(&source, 0, 3);
        assert_eq!(input.peek().unwrap(), Some(b'['));
        let v: serde_json::Value = input.owned().unwrap();
        assert_eq!(v[1], 12);
        assert_eq!(input.peek().unwrap(), Some(b'"'));
        assert_eq!(input.newlines(), 1);
        assert_eq!(input.offset(), text.find("\"next").unwrap() as u64);
        let s: String = input.owned().unwrap();
        assert_eq!(s, "next");
        assert_eq!(input.peek().unwrap(), None);
    }

    #[test]
    fn syntax_errors_are_placed() {
        let text = "{\n  \"a\": tru }";
        let source = Memory(Arc::from(text.as_bytes()));
        let mut input = Input::new(&source, 0, 4);
        let stop = input.owned::<serde_json::Value>().unwrap_err();
        assert_eq!(stop.offset, text.find("tru").unwrap() as u64 + 3);
        assert!(stop.message.contains("expected ident"), "{stop:?}");
        let binary = b"[\"ok\", \"\xff\xfe\"]";
        let source = Memory(Arc::from(&binary[..]));
        let stop = Input::new(&source, 0, 64)
            .owned::<serde_json::Value>()
            .unwrap_err();
        assert_eq!(stop.message, "not UTF-8 text (a binary file?)");
        assert_eq!(stop.offset, 8);
        let source = Memory(Arc::from(&b"[1, 2"[..]));
        let stop = Input::new(&source, 0, 2)
            .owned::<serde_json::Value>()
            .unwrap_err();
        assert!(stop.message.contains("EOF"), "{stop:?}");
        // at the last byte read, as serde_json places the end of its input
        assert_eq!(stop.offset, 4);
    }
}
