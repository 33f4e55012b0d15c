//! Walks a GeoJSON document's top level without holding it: the members of the root object are
//! read or skipped one by one, and each element of its `features` array is parsed on its own and
//! handed to a [`Sink`] with its bytes and offset. A bare Feature or geometry is read whole.

use super::input::{Input, Parsed, Stop};
use super::raw::{Feature, FeatureValue, Geometry, Skip, Slot};
use super::source::ReadAt;

/// One element of the `features` array, where it is.
pub struct FeatureAt<'b> {
    /// Its index in the array, counted from where the walk started.
    pub index: usize,
    /// Its first byte's offset in the source.
    pub offset: u64,
    /// Newlines between where the walk started and its first byte.
    pub newlines: u64,
    /// Its bytes.
    pub bytes: &'b [u8],
}

/// What receives a walk's features and problems.
pub trait Sink {
    /// One element of the `features` array.
    fn feature(&mut self, value: &FeatureValue<'_>, at: &FeatureAt<'_>);
    /// A problem at a byte offset; the walk ends after one.
    fn problem(&mut self, offset: u64, message: String);
    /// Whether to read the element starting at `offset` (false ends the walk there).
    fn go_on(&mut self, offset: u64) -> bool {
        let _ = offset;
        true
    }
}

/// How a walk ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WalkEnd {
    /// At the end of the document.
    #[default]
    Complete,
    /// Before the feature at this offset, as [`Sink::go_on`] asked.
    Stopped(u64),
    /// At a problem.
    Failed,
}

/// What a walk saw of the document's top level.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    /// The root object's offset, when the document is an object.
    pub root: Option<u64>,
    /// Newlines before the root.
    pub root_newlines: u64,
    /// The root's `type` and its offset.
    pub kind: Option<(serde_json::Value, u64)>,
    /// The offset of the root's `features` value, and whether it is an array.
    pub features: Option<(u64, bool)>,
    /// How the walk ended.
    pub end: WalkEnd,
    /// When it stopped before a feature: that feature's index and the newlines before it.
    pub stopped: Option<(usize, u64)>,
}

/// Reads a document's top level, feeding features to a sink.
pub struct Walker<'s, 'k, S: Sink> {
    input: Input<'s>,
    sink: &'k mut S,
    doc: Doc,
}

impl<'s, 'k, S: Sink> Walker<'s, 'k, S> {
    /// A walk of `source` from `start`, reading `chunk` bytes at a time.
    pub fn new(source: &'s dyn ReadAt, start: u64, chunk: usize, sink: &'k mut S) -> Self {
        Walker {
            input: Input::new(source, start, chunk),
            sink,
            doc: Doc::default(),
        }
    }

    /// Walks a whole document from its start.
    pub fn document(mut self) -> Doc {
        let flow = self.root();
        self.finish(flow)
    }

    /// Walks from the start of an element of the `features` array (numbered `first_index`) to the
    /// end of the document.
    pub fn rest_from_feature(mut self, first_index: usize) -> Doc {
        let flow = self.elements(first_index).and_then(|flow| match flow {
            WalkEnd::Complete => self.object_rest(true),
            stopped => Ok(stopped),
        });
        self.finish(flow)
    }

    fn finish(mut self, flow: Result<WalkEnd, Stop>) -> Doc {
        self.doc.end = match flow {
            Ok(end) => end,
            Err(stop) => {
                self.sink.problem(stop.offset, stop.message);
                WalkEnd::Failed
            }
        };
        self.doc
    }

    fn syntax(&self, message: &str) -> Stop {
        Stop {
            offset: self.input.offset(),
            message: message.to_owned(),
        }
    }

    /// The root value.
    fn root(&mut self) -> Result<WalkEnd, Stop> {
        self.input.skip_bom()?;
        match self.input.peek()? {
            None => Err(Stop {
                offset: 0,
                message: "the file is empty".to_owned(),
            }),
            Some(b'{') => {
                self.doc.root = Some(self.input.offset());
                self.doc.root_newlines = self.input.newlines();
                self.input.bump();
                self.object_rest(false)
            }
            Some(_) => {
                let at = self.input.offset();
                self.input.owned::<Skip>()?;
                Err(Stop {
                    offset: at,
                    message: "not GeoJSON: expected a JSON object (a FeatureCollection, a Feature \
                              or a geometry)"
                        .to_owned(),
                })
            }
        }
    }

    /// The root object's members, from just after `{` or (`after_value`) after a member's value.
    fn object_rest(&mut self, mut after_value: bool) -> Result<WalkEnd, Stop> {
        loop {
            if after_value {
                match self.input.peek()? {
                    Some(b',') => self.input.bump(),
                    Some(b'}') => {
                        self.input.bump();
                        return self.end_of_document();
                    }
                    None => return Err(self.syntax("EOF while parsing an object")),
                    Some(_) => return Err(self.syntax("expected `,` or `}`")),
                }
            }
            match self.input.peek()? {
                Some(b'"') => {}
                Some(b'}') if !after_value => {
                    self.input.bump();
                    return self.end_of_document();
                }
                None => return Err(self.syntax("EOF while parsing an object")),
                Some(_) if after_value => return Err(self.syntax("trailing comma")),
                Some(_) => return Err(self.syntax("key must be a string")),
            }
            let key: String = self.input.owned()?;
            match self.input.peek()? {
                Some(b':') => self.input.bump(),
                None => return Err(self.syntax("EOF while parsing an object")),
                Some(_) => return Err(self.syntax("expected `:`")),
            }
            if let WalkEnd::Stopped(at) = self.member(&key)? {
                return Ok(WalkEnd::Stopped(at));
            }
            after_value = true;
        }
    }

    /// One member of the root object.
    fn member(&mut self, key: &str) -> Result<WalkEnd, Stop> {
        self.input.peek()?;
        let at = self.input.offset();
        match key {
            "type" => {
                let value: serde_json::Value = self.input.owned()?;
                self.doc.kind = Some((value, at));
            }
            "features" if self.input.peek()? == Some(b'[') => {
                self.doc.features = Some((self.input.offset(), true));
                self.input.bump();
                if self.input.peek()? == Some(b']') {
                    self.input.bump();
                } else {
                    return self.elements(0);
                }
            }
            "features" => {
                self.doc.features = Some((self.input.offset(), false));
                self.input.owned::<Skip>()?;
            }
            _ => {
                self.input.owned::<Skip>()?;
            }
        }
        Ok(WalkEnd::Complete)
    }

    /// The elements of the `features` array from one that starts here, through its `]`.
    fn elements(&mut self, first_index: usize) -> Result<WalkEnd, Stop> {
        let mut index = first_index;
        loop {
            if self.input.peek()?.is_none() {
                return Err(self.syntax("EOF while parsing a list"));
            }
            let offset = self.input.offset();
            let newlines = self.input.newlines();
            if !self.sink.go_on(offset) {
                self.doc.stopped = Some((index, newlines));
                return Ok(WalkEnd::Stopped(offset));
            }
            let sink = &mut *self.sink;
            self.input.value(|text, base| {
                let mut values =
                    serde_json::Deserializer::from_str(text).into_iter::<FeatureValue>();
                match values.next() {
                    None => Parsed::Eof(None),
                    Some(Err(e)) => Parsed::of(Err(e)),
                    Some(Ok(value)) => {
                        let n = values.byte_offset();
                        let at = FeatureAt {
                            index,
                            offset: base,
                            newlines,
                            bytes: &text.as_bytes()[..n],
                        };
                        sink.feature(&value, &at);
                        Parsed::Done((), n)
                    }
                }
            })?;
            index += 1;
            match self.input.peek()? {
                Some(b',') => {
                    self.input.bump();
                    if self.input.peek()? == Some(b']') {
                        return Err(self.syntax("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.input.bump();
                    return Ok(WalkEnd::Complete);
                }
                None => return Err(self.syntax("EOF while parsing a list")),
                Some(_) => return Err(self.syntax("expected `,` or `]`")),
            }
        }
    }

    /// Only whitespace may follow the root value.
    fn end_of_document(&mut self) -> Result<WalkEnd, Stop> {
        match self.input.peek()? {
            None => Ok(WalkEnd::Complete),
            Some(_) => Err(self.syntax("trailing characters")),
        }
    }
}

/// Reads the one value at `offset` as a feature (or, with `geometry`, as a bare geometry made
/// into a feature without properties), and gives it with its bytes to `f`.
pub fn read_one<R>(
    source: &dyn ReadAt,
    offset: u64,
    chunk: usize,
    geometry: bool,
    mut f: impl FnMut(&FeatureValue<'_>, &[u8]) -> R,
) -> Result<R, Stop> {
    let mut input = Input::new(source, offset, chunk);
    input.peek()?;
    input.value(|text, _| {
        let read = if geometry {
            one::<Slot<Geometry>>(text).map(|r| {
                r.map(|(g, n)| {
                    let feature = Feature {
                        geometry: g,
                        ..Feature::default()
                    };
                    (FeatureValue(Some(feature)), n)
                })
            })
        } else {
            one::<FeatureValue>(text)
        };
        match read {
            None => Parsed::Eof(None),
            Some(Err(e)) => Parsed::of(Err(e)),
            Some(Ok((value, n))) => Parsed::Done(f(&value, &text.as_bytes()[..n]), n),
        }
    })
}

/// The first value of `text` and its length.
fn one<'b, T: serde::Deserialize<'b>>(
    text: &'b str,
) -> Option<Result<(T, usize), serde_json::Error>> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<T>();
    values.next().map(|r| r.map(|v| (v, values.byte_offset())))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::source::Memory;
    use super::*;
    use std::sync::Arc;

    #[derive(Default)]
    struct Seen {
        features: Vec<(usize, u64, u64, String)>,
        problems: Vec<(u64, String)>,
        stop_at: Option<u64>,
    }

    impl Sink for Seen {
        fn feature(&mut self, value: &FeatureValue<'_>, at: &FeatureAt<'_>) {
            let kind = match value {
                FeatureValue(Some(f)) => f.kind.as_ref().map_or(String::new(), |k| k.json()),
                FeatureValue(None) => "-".to_owned(),
            };
            assert!(at.bytes.starts_with(b"{") || kind == "-");
            self.features.push((at.index, at.offset, at.newlines, kind));
        }
        fn problem(&mut self, offset: u64, message: String) {
            self.problems.push((offset, message));
        }
        fn go_on(&mut self, offset: u64) -> bool {
            self.stop_at != Some(offset)
        }
    }

    fn walk(text: &str, chunk: usize) -> (Doc, Seen) {
        let source = Memory(Arc::from(text.as_bytes()));
        let mut seen = Seen::default();
        let doc = Walker::new(&source, 0, chunk, &mut seen).document();
        (doc, seen)
    }

    const TEXT: &str = "\u{feff}{\"features\": [\n {\"type\": \"Feature\"},\n 7,\n {\"type\": \"X\"}\n], \"bbox\": [1, 2], \"type\": \"FeatureCollection\"}\n";

    #[test]
    fn features_stream_in_any_key_order_and_chunk_size() {
        for chunk in [1, 5, 64, 1 << 20] {
            let (doc, seen) = walk(TEXT, chunk);
            assert!(seen.problems.is_empty(), "{:?}", seen.problems);
            assert_eq!(doc.end, WalkEnd::Complete);
            assert_eq!(doc.kind.as_ref().unwrap().0, "FeatureCollection");
            assert_eq!(doc.root, Some(3));
            let offsets: Vec<u64> = seen.features.iter().map(|f| f.1).collect();
            let expected: Vec<u64> = ["{\"type\": \"Feature\"}", "7", "{\"type\": \"X\"}"]
                .iter()
                .map(|n| TEXT.find(n).unwrap() as u64)
                .collect();
            assert_eq!(offsets, expected, "chunk {chunk}");
            assert_eq!(seen.features[2], (2, expected[2], 3, "\"X\"".to_owned()));
            assert_eq!(seen.features[1].3, "-");
        }
    }

    #[test]
    fn a_walk_can_stop_and_another_resume() {
        let second = TEXT.find("7,").unwrap() as u64;
        let source = Memory(Arc::from(TEXT.as_bytes()));
        let mut first = Seen {
            stop_at: Some(second),
            ..Seen::default()
        };
        let doc = Walker::new(&source, 0, 16, &mut first).document();
        assert_eq!(doc.end, WalkEnd::Stopped(second));
        assert_eq!(first.features.len(), 1);
        let mut rest = Seen::default();
        let doc = Walker::new(&source, second, 16, &mut rest).rest_from_feature(1);
        assert_eq!(doc.end, WalkEnd::Complete);
        assert_eq!(rest.features.len(), 2);
        assert_eq!((rest.features[1].0, rest.features[1].2), (2, 1));
        assert_eq!(doc.kind.unwrap().0, "FeatureCollection");
    }

    #[test]
    fn bad_documents_say_where() {
        let cases = [
            ("", 0, "the file is empty"),
            ("[1, 2]", 0, "not GeoJSON: expected a JSON object"),
            ("{\"features\": [{}, ]}", 18, "trailing comma"),
            ("{\"features\": [{} {}]}", 17, "expected `,` or `]`"),
            ("{\"a\": 1,}", 8, "trailing comma"),
            ("{\"a\": 1} x", 9, "trailing characters"),
            ("{\"features\": [{\"a\": tru}]}", 23, "expected ident"),
            ("{\"features\": [\n", 15, "EOF while parsing a list"),
        ];
        for (text, offset, needle) in cases {
            for chunk in [3, 1024] {
                let (doc, seen) = walk(text, chunk);
                assert_eq!(doc.end, WalkEnd::Failed, "{text}");
                let (at, message) = &seen.problems[0];
                assert!(message.contains(needle), "{text}: {message}");
                assert_eq!(*at, offset, "{text} (chunk {chunk}): {message}");
            }
        }
    }

    #[test]
    fn one_value_reads_as_a_feature_or_a_geometry() {
        let text = "{\"type\": \"Point\", \"coordinates\": [45, 40]}";
        let source = Memory(Arc::from(text.as_bytes()));
        let kind = read_one(&source, 0, 4, true, |v, bytes| {
            assert_eq!(bytes.len(), text.len());
            match v {
                FeatureValue(Some(f)) => match &f.geometry {
                    Slot::Is(g) => g.kind.as_ref().map(|k| k.json()),
                    _ => None,
                },
                FeatureValue(None) => None,
            }
        })
        .unwrap();
        assert_eq!(kind.as_deref(), Some("\"Point\""));
    }
}
