//! Reading a large FeatureCollection on two threads: the second starts at a feature guessed near
//! the file's middle, the first reads from the start and confirms the guess only if it reaches a
//! feature of the `features` array at exactly that byte. A wrong guess (inside a string, in a
//! nested array) costs time, never correctness: the first thread then reads on by itself.

use super::builder::{Builder, MadeUp};
use super::convert::Lookup;
use super::source::ReadAt;
use super::walk::{Doc, WalkEnd, Walker};

/// Bytes read at a time.
pub const CHUNK: usize = 2 << 20;
/// Files smaller than this are read by one thread.
pub const SPLIT_MIN: u64 = 32 << 20;

/// How a file is read: the chunk size, and the size from which two threads read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tuning {
    /// Bytes read at a time.
    pub chunk: usize,
    /// Files at least this large are read by two threads (when the machine has two).
    pub split_min: u64,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            chunk: CHUNK,
            split_min: SPLIT_MIN,
        }
    }
}
/// How far past the middle a feature start is looked for.
const GUESS_WINDOW: usize = 1 << 20;

/// Walks a whole document into a builder, on two threads when it is large.
pub fn walk_all<'l, 'g>(
    source: &dyn ReadAt,
    lookup: &'l Lookup<'g>,
    tuning: Tuning,
) -> (Doc, Builder<'l, 'g>) {
    let chunk = tuning.chunk;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let guess = (source.len() >= tuning.split_min && threads >= 2)
        .then(|| guess_feature_start(source, source.len() / 2))
        .flatten();
    let Some(guess) = guess else {
        let mut a = Builder::new(lookup);
        let doc = Walker::new(source, 0, chunk, &mut a).document();
        return (doc, a);
    };
    let mut a = Builder::new(lookup);
    a.stop_at = Some(guess);
    let mut b = Builder::new(lookup);
    b.speculative = true;
    let (doc_a, doc_b) = std::thread::scope(|scope| {
        let second = scope.spawn(|| Walker::new(source, guess, chunk, &mut b).rest_from_feature(0));
        let doc_a = Walker::new(source, 0, chunk, &mut a).document();
        (doc_a, second.join().ok())
    });
    match (doc_a.end, doc_a.stopped, doc_b) {
        (WalkEnd::Stopped(at), Some((index, newlines)), Some(doc_b))
            if at == guess && !b.bad_start =>
        {
            join(&mut a, b, index, newlines);
            let doc = Doc {
                kind: doc_a.kind.or(doc_b.kind),
                end: doc_b.end,
                stopped: None,
                ..doc_a
            };
            (doc, a)
        }
        (WalkEnd::Stopped(at), Some((index, newlines)), _) => {
            // the guess was a feature, but the second thread could not use it: read on alone
            a.stop_at = None;
            a.line_base = newlines;
            let rest = Walker::new(source, at, chunk, &mut a).rest_from_feature(index);
            let doc = Doc {
                kind: doc_a.kind.or(rest.kind),
                end: rest.end,
                stopped: None,
                ..doc_a
            };
            (doc, a)
        }
        // the first thread never met the guess and read everything
        _ => (doc_a, a),
    }
}

/// The offset of a `{` that looks like the start of a feature after `from`: one that follows `}`
/// and `,` (with any whitespace between) and is followed by a key.
pub fn guess_feature_start(source: &dyn ReadAt, from: u64) -> Option<u64> {
    let mut window = vec![0u8; GUESS_WINDOW];
    let n = source.read_at(from, &mut window).ok()?;
    let w = &window[..n];
    let space = |b: u8| matches!(b, b' ' | b'\n' | b'\r' | b'\t');
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'}', &w[i..]) {
        let mut j = i + k + 1;
        while j < w.len() && space(w[j]) {
            j += 1;
        }
        if w.get(j) == Some(&b',') {
            j += 1;
            while j < w.len() && space(w[j]) {
                j += 1;
            }
            if w.get(j) == Some(&b'{') {
                let mut q = j + 1;
                while q < w.len() && space(w[q]) {
                    q += 1;
                }
                if w.get(q) == Some(&b'"') {
                    return Some(from + j as u64);
                }
            }
        }
        i += k + 1;
    }
    None
}

/// Appends the second part of a file (read from the feature numbered `base_index`, after
/// `base_newlines` newlines) to the first: its places, strings and actor lists join the first's
/// tables, its made-up ids are renumbered and its lines counted from the file's start.
pub fn join(a: &mut Builder, b: Builder, base_index: usize, base_newlines: u64) {
    let place_map: Vec<u32> = b
        .places
        .into_iter()
        .zip(b.place_keys)
        .map(|(place, key)| a.place_number(key, || place))
        .collect();
    let string_map: Vec<u32> = b
        .strings
        .into_items()
        .iter()
        .map(|s| a.strings.intern(s).0)
        .collect();
    let actor_map: Vec<u32> = b.actor_lists.iter().map(|l| a.actors_number(l)).collect();
    let mut renamed_rows = vec![None; b.rows.len()];
    let mut renamed_whole = vec![None; b.whole.len()];
    for (where_, index) in b.made_up {
        let id = format!("feature-{}", index + base_index);
        match where_ {
            MadeUp::Row(r) => renamed_rows[r as usize] = Some(id),
            MadeUp::Whole(w) => renamed_whole[w as usize] = Some(id),
        }
    }
    let map = |m: &[u32], k: u32| m.get(k as usize).copied().unwrap_or(0);
    let (r, s) = (&mut a.rows, &b.rows);
    for (j, renamed) in renamed_rows.iter().enumerate() {
        r.start.push(s.start[j]);
        r.end.push(s.end[j]);
        r.precision.push(s.precision[j]);
        r.lon_lat.push(s.lon_lat[j]);
        r.category.push(s.category[j]);
        r.off_map.push(s.off_map[j]);
        r.place.push(map(&place_map, s.place[j]));
        r.title.push(map(&string_map, s.title[j]));
        r.label.push(map(&string_map, s.label[j]));
        r.actors.push(map(&actor_map, s.actors[j]));
        r.ids
            .push_str(renamed.as_deref().unwrap_or_else(|| s.id(j)));
        r.id_end.push(r.ids.len() as u32);
        r.offset.push(s.offset[j]);
        let line = u64::from(s.line[j]) + base_newlines;
        r.line.push(u32::try_from(line).unwrap_or(u32::MAX));
    }
    for ((offset, mut e), renamed) in b.whole.into_iter().zip(renamed_whole) {
        if let Some(id) = renamed {
            e.id = id;
        }
        a.whole.push((offset, e));
    }
    a.problems.extend(b.problems);
    a.undated.merge(b.undated);
    a.mismatched_tracks += b.mismatched_tracks;
    a.features += b.features;
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::source::Memory;
    use super::*;
    use std::sync::Arc;

    #[test]
    fn guesses_look_for_an_object_after_a_comma() {
        let text = br#"{"features": [{"a": "}, {x"}, {"b": 1},{"c": 2}]}"#;
        let source = Memory(Arc::from(&text[..]));
        let at = guess_feature_start(&source, 0).unwrap() as usize;
        assert!(text[at..].starts_with(br#"{"b""#));
        let at = guess_feature_start(&source, at as u64 + 1).unwrap() as usize;
        assert!(text[at..].starts_with(br#"{"c""#));
        assert_eq!(guess_feature_start(&source, 40), None);
    }
}
