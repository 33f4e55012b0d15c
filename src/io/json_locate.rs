//! Finds where a JSON path (such as `/events/5/end`) sits in the text, for error positions.

use super::problem::{LineIndex, Problem};
use jsonc_parser::ast::Value;
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

/// One step of a path into a JSON document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

impl From<&str> for Step {
    fn from(key: &str) -> Step {
        Step::Key(key.to_owned())
    }
}

impl From<usize> for Step {
    fn from(index: usize) -> Step {
        Step::Index(index)
    }
}

/// A parsed JSON text that turns paths into problems with line and column.
pub struct JsonLocator<'a> {
    file: &'a str,
    lines: LineIndex<'a>,
    root: Option<Value<'a>>,
}

impl<'a> JsonLocator<'a> {
    /// Parses `text` (already known to be valid JSON) for locating.
    pub fn new(file: &'a str, text: &'a str) -> JsonLocator<'a> {
        let root =
            jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
                .ok()
                .and_then(|r| r.value);
        JsonLocator {
            file,
            lines: LineIndex::new(text),
            root,
        }
    }

    /// The byte offset of the deepest node along `path` that exists.
    pub fn offset(&self, path: &[Step]) -> usize {
        let Some(mut node) = self.root.as_ref() else {
            return 0;
        };
        for step in path {
            let next = match (node, step) {
                (Value::Object(obj), Step::Key(k)) => obj.get(k).map(|p| &p.value),
                (Value::Array(arr), Step::Index(i)) => arr.elements.get(*i),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.range().start
    }

    /// A problem located at `path`.
    pub fn problem(&self, path: &[Step], message: impl Into<String>) -> Problem {
        let (line, column) = self.lines.position(self.offset(path));
        Problem::at(self.file, line, column, message)
    }
}

/// Converts a serde_path_to_error path into steps.
pub fn steps_of(path: &serde_path_to_error::Path) -> Vec<Step> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|seg| match seg {
            Segment::Seq { index } => Some(Step::Index(*index)),
            Segment::Map { key } => Some(Step::Key(key.clone())),
            Segment::Enum { variant } => Some(Step::Key(variant.clone())),
            Segment::Unknown => None,
        })
        .collect()
}

/// A problem for a serde_json syntax error at its own line and column.
pub fn syntax_problem(file: &str, err: &serde_json::Error) -> Problem {
    let message = err.to_string();
    // serde_json appends " at line L column C"; keep the message without it.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    Problem::at(file, err.line().max(1), err.column().max(1), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_nested_values() {
        let text =
            "{\n  \"events\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"end\": 3}\n  ]\n}";
        let loc = JsonLocator::new("f.json", text);
        let p = loc.problem(&["events".into(), 1.into(), "end".into()], "bad");
        assert_eq!((p.line, p.column), (4, 24));
        let p = loc.problem(&["events".into(), 0.into()], "x");
        assert_eq!((p.line, p.column), (3, 5));
        // a missing key falls back to the deepest node found
        let p = loc.problem(&["events".into(), 1.into(), "nope".into()], "x");
        assert_eq!((p.line, p.column), (4, 5));
    }

    #[test]
    fn syntax_errors_keep_their_position() {
        let text = "{\n  \"a\": 1,\n  \"b\": \n}";
        let err = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let p = syntax_problem("f.json", &err);
        assert_eq!(p.line, 4);
        assert!(!p.message.contains("at line"), "{}", p.message);
    }
}
