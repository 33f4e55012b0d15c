//! Turns the byte offsets of a load's problems into lines and columns, in one pass over the file
//! up to the last problem (a load without problems never pays for it).

use super::builder::Pending;
use super::source::ReadAt;
use crate::io::problem::Problem;

/// Bytes read at a time.
const BLOCK: usize = 8 << 20;

/// Where the pass is: the line and the characters since its start.
struct Cursor {
    line: usize,
    column: usize,
}

impl Cursor {
    /// Moves over `bytes`.
    fn advance(&mut self, bytes: &[u8]) {
        let chars = |b: &[u8]| b.iter().filter(|&&x| x & 0xC0 != 0x80).count();
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count();
                self.column = chars(&bytes[last + 1..]);
            }
            None => self.column += chars(bytes),
        }
    }
}

/// The problems at their lines and columns (characters, 1-based), sorted by position.
pub fn resolve(file: &str, source: &dyn ReadAt, mut pending: Vec<Pending>) -> Vec<Problem> {
    pending.sort_by_key(|p| p.offset);
    let mut out = Vec::with_capacity(pending.len());
    let mut cursor = Cursor { line: 1, column: 0 };
    let mut block = Vec::new();
    let mut block_start = 0u64;
    let mut pos = 0u64; // where the cursor is
    let len = source.len();
    for p in pending {
        let target = p.offset.min(len);
        while pos < target {
            let in_block = pos >= block_start && pos < block_start + block.len() as u64;
            if !in_block {
                block_start = pos;
                let left = usize::try_from(len - pos).unwrap_or(usize::MAX);
                block.resize(BLOCK.min(left), 0);
                let n = source.read_at(pos, &mut block).unwrap_or(0);
                block.truncate(n);
                if n == 0 {
                    break;
                }
            }
            let from = (pos - block_start) as usize;
            let to = ((target - block_start) as usize).min(block.len());
            cursor.advance(&block[from..to]);
            pos = block_start + to as u64;
        }
        out.push(Problem::at(file, cursor.line, cursor.column + 1, p.message));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::source::Memory;
    use super::*;
    use crate::io::problem::LineIndex;
    use std::sync::Arc;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\nçd é\n\nxyz";
        let source = Memory(Arc::from(text.as_bytes()));
        let index = LineIndex::new(text);
        let offsets = [9usize, 0, 3, 5, 7, 10, 13, 999];
        let pending = offsets
            .iter()
            .map(|&o| Pending {
                offset: o as u64,
                message: o.to_string(),
            })
            .collect();
        let problems = resolve("f", &source, pending);
        let mut sorted = offsets.to_vec();
        sorted.sort_unstable();
        for (p, o) in problems.iter().zip(sorted) {
            assert_eq!((p.line, p.column), index.position(o), "offset {o}");
            assert_eq!(p.message, o.to_string());
        }
    }
}
