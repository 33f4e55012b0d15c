//! Which kind of JSON dataset a text is, from its top-level keys, read without parsing the whole
//! document (a GeoJSON file of a million features is told apart at its first key).

/// The kinds of JSON dataset the atlas reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonKind {
    /// A top-level `format` key: the atlas's own files. `format` is its value when that is a
    /// string, `at` the byte where the value begins (to name its line and column).
    Bundled {
        /// The `format` key's value, when it is a string.
        format: Option<String>,
        /// The byte offset of the value in the text.
        at: usize,
    },
    /// A top-level `type`, `features` or `geometry` key (a FeatureCollection, Feature or geometry).
    GeoJson,
    /// A top-level `events` list and no `format` or `type`: Knight Lab's TimelineJS.
    TimelineJs,
    /// A top-level `storymap` object: Knight Lab's StoryMapJS.
    StoryMap,
    /// An object with none of those keys (its keys, in order, at most a few).
    Other(Vec<String>),
    /// Not a JSON object (an array, a number, broken text).
    NotAnObject,
}

/// How many unknown keys [`JsonKind::Other`] keeps.
const KEYS_KEPT: usize = 8;

/// The prefix of the `format` values the atlas writes.
const ATLAS_FORMAT_PREFIX: &str = "caucasus-atlas/";

/// The kind of a JSON text, decided by the first top-level key that tells. A `format` key whose
/// value is not the atlas's own (`caucasus-atlas/…`) does not tell: a GeoJSON, TimelineJS or
/// StoryMapJS key after it does, and only without one is the text the atlas's (of a format it may
/// not read).
pub fn json_kind(text: &str) -> JsonKind {
    let bom = text.len() - text.trim_start_matches('\u{feff}').len();
    let bytes = &text.as_bytes()[bom..];
    let mut scan = Scan { bytes, at: 0 };
    scan.space();
    if scan.peek() != Some(b'{') {
        return JsonKind::NotAnObject;
    }
    scan.at += 1;
    let mut seen = Vec::new();
    let mut events = false;
    let mut foreign_format = None;
    loop {
        scan.space();
        let Some(key) = scan.string() else { break };
        match key.as_str() {
            "format" => {
                let (format, at) = scan.string_value();
                let at = bom + at;
                if format
                    .as_deref()
                    .is_some_and(|f| f.starts_with(ATLAS_FORMAT_PREFIX))
                {
                    return JsonKind::Bundled { format, at };
                }
                foreign_format = Some(JsonKind::Bundled { format, at });
            }
            "type" | "features" | "geometry" | "coordinates" => return JsonKind::GeoJson,
            "storymap" => return JsonKind::StoryMap,
            "events" => events = true,
            _ => {}
        }
        if seen.len() < KEYS_KEPT {
            seen.push(key);
        }
        scan.space();
        if scan.peek() != Some(b':') {
            break;
        }
        scan.at += 1;
        if !scan.skip_value() {
            break;
        }
        scan.space();
        match scan.peek() {
            Some(b',') => scan.at += 1,
            _ => break,
        }
    }
    if events {
        JsonKind::TimelineJs
    } else {
        foreign_format.unwrap_or(JsonKind::Other(seen))
    }
}

/// A cursor over JSON bytes that skips values without building them.
struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    /// Reads a string (escapes kept as written, which is enough for key names).
    fn string(&mut self) -> Option<String> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.at + 1;
        self.at = start;
        while let Some(b) = self.peek() {
            match b {
                b'\\' => self.at += 2,
                b'"' => {
                    let s = String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned();
                    self.at += 1;
                    return Some(s);
                }
                _ => self.at += 1,
            }
        }
        None
    }

    /// After a key: the value when it is a string, and where the value begins. The cursor is left
    /// where it was, for the caller to skip the value as any other.
    fn string_value(&mut self) -> (Option<String>, usize) {
        let key_end = self.at;
        self.space();
        if self.peek() != Some(b':') {
            return (None, key_end);
        }
        self.at += 1;
        self.space();
        let at = self.at;
        let value = self.string();
        self.at = key_end;
        (value, at)
    }

    /// Skips one value; false at broken text.
    fn skip_value(&mut self) -> bool {
        self.space();
        match self.peek() {
            Some(b'"') => self.string().is_some(),
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(b) = self.peek() {
                    match b {
                        b'"' => {
                            if self.string().is_none() {
                                return false;
                            }
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return true;
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
                false
            }
            Some(_) => {
                while self
                    .peek()
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kinds_by_their_first_telling_key() {
        assert_eq!(
            json_kind(r#"{"format": "caucasus-atlas/events@1", "events": []}"#),
            JsonKind::Bundled {
                format: Some("caucasus-atlas/events@1".into()),
                at: 11
            }
        );
        assert_eq!(
            json_kind(r#" {"type":"FeatureCollection","features":[]}"#),
            JsonKind::GeoJson
        );
        assert_eq!(
            json_kind(r#"{"features":[{"type":"Feature"}], "type": "x"}"#),
            JsonKind::GeoJson
        );
        assert_eq!(
            json_kind(
                r#"{"title": {"text": {"headline": "a \"b\" {c"}}, "events": [{"x": [1, {"y": 2}]}], "eras": []}"#
            ),
            JsonKind::TimelineJs
        );
        assert_eq!(
            json_kind(r#"{"storymap": {"slides": []}}"#),
            JsonKind::StoryMap
        );
        assert_eq!(
            json_kind(r#"{"a": 1, "b": true, "c": null}"#),
            JsonKind::Other(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(json_kind("[1, 2]"), JsonKind::NotAnObject);
        assert_eq!(json_kind("{\"events\": [1, "), JsonKind::TimelineJs);
    }

    #[test]
    fn a_format_of_another_kind_of_file_does_not_tell() {
        // another program's `format` key before GeoJSON's or TimelineJS's own keys
        assert_eq!(
            json_kind(r#"{"format": "geojson", "type": "FeatureCollection", "features": []}"#),
            JsonKind::GeoJson
        );
        assert_eq!(
            json_kind(r#"{"format": 2, "events": []}"#),
            JsonKind::TimelineJs
        );
        // alone, it is the atlas's kind of file, of a format it may not read; the value and its
        // place (after a byte-order mark, counted in bytes of the whole text) are kept
        assert_eq!(
            json_kind("\u{feff}{\"format\" :  \"atlas/2\", \"rows\": []}"),
            JsonKind::Bundled {
                format: Some("atlas/2".into()),
                at: 16
            }
        );
        assert_eq!(
            json_kind(r#"{"format": null}"#),
            JsonKind::Bundled {
                format: None,
                at: 11
            }
        );
        // the atlas's own prefix tells at once, whatever follows
        assert_eq!(
            json_kind(r#"{"format": "caucasus-atlas/places@1", "type": "x"}"#),
            JsonKind::Bundled {
                format: Some("caucasus-atlas/places@1".into()),
                at: 11
            }
        );
    }

    proptest! {
        #[test]
        fn fuzz_never_panics(text in "\\PC{0,80}") {
            let _ = json_kind(&text);
        }

        #[test]
        fn a_storymap_key_after_any_keys_is_found(keys in proptest::collection::vec("[a-z]{1,6}", 0..5)) {
            let before: String = keys
                .iter()
                .filter(|k| !matches!(k.as_str(), "format" | "type" | "features" | "geometry" | "events" | "storymap"))
                .map(|k| format!("\"{k}\": {{\"v\": [1, \"}}\"]}}, "))
                .collect();
            let text = format!("{{{before}\"storymap\": {{}}}}");
            prop_assert_eq!(json_kind(&text), JsonKind::StoryMap);
        }
    }
}
