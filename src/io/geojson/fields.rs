//! Reading a feature's text, category, actors and source properties, leniently: numbers and
//! booleans count as their text, null as absent, and a value of the wrong shape is a problem at
//! its path.

use super::keys::Key;
use super::raw::{Props, Text, Val};
use super::time_keys::{Fail, prop_path};
use crate::io::date_parse::parse_date_text;
use crate::io::json_locate::Step;
use crate::model::{Category, Precision};
use chrono::NaiveDate;
use std::borrow::Cow;

/// A scalar as text: a string, or a number or boolean as written; `None` for null.
pub fn text_of<'a>(
    value: Option<&Val<'a>>,
    path: impl FnOnce() -> Vec<Step>,
    key: &str,
) -> Result<Option<Text<'a>>, Fail> {
    match value {
        None | Some(Val::Null) => Ok(None),
        Some(Val::Str(s)) => Ok(Some(s.clone())),
        Some(Val::Num(n)) => Ok(Some(Cow::Owned(n.text()))),
        Some(Val::Bool(b)) => Ok(Some(Cow::Owned(b.to_string()))),
        Some(_) => Err((path(), format!("`{key}` must be text"))),
    }
}

/// A text property.
pub fn text<'a>(props: &Props<'a>, key: Key) -> Result<Option<Text<'a>>, Fail> {
    text_of(props.get(key), || prop_path(key.name()), key.name())
}

/// Whether text is empty or only whitespace (what `trim().is_empty()` says, stopping at the
/// first letter).
pub fn blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// A text property that is present and not blank.
pub fn filled<'a>(props: &Props<'a>, key: Key) -> Result<Option<Text<'a>>, Fail> {
    Ok(text(props, key)?.filter(|s| !blank(s)))
}

/// The first filled property of `keys`.
pub fn first_filled<'a>(props: &Props<'a>, keys: &[Key]) -> Result<Option<Text<'a>>, Fail> {
    for &key in keys {
        if let Some(v) = filled(props, key)? {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// An explicit `precision`, checked.
pub fn precision_of(props: &Props) -> Result<Option<Precision>, Fail> {
    match props.get(Key::Precision) {
        None => Ok(None),
        Some(Val::Str(s)) => Precision::parse(&s.trim().to_ascii_lowercase())
            .map(Some)
            .ok_or_else(|| {
                (
                    prop_path("precision"),
                    format!(
                        "unknown precision `{s}` (day, week, month, season, year, decade, undated)"
                    ),
                )
            }),
        Some(_) => Err((
            prop_path("precision"),
            "`precision` must be text".to_owned(),
        )),
    }
}

/// `verified`: true unless the source says otherwise.
pub fn verified_of(props: &Props) -> Result<bool, Fail> {
    match props.get(Key::Verified) {
        None => Ok(true),
        Some(Val::Bool(b)) => Ok(*b),
        Some(Val::Str(s)) if s.trim().eq_ignore_ascii_case("true") => Ok(true),
        Some(Val::Str(s)) if s.trim().eq_ignore_ascii_case("false") => Ok(false),
        Some(_) => Err((
            prop_path("verified"),
            "`verified` must be true or false".to_owned(),
        )),
    }
}

/// The category and the dataset's own label for it.
pub fn category_of<'a>(props: &Props<'a>) -> Result<(Category, Text<'a>), Fail> {
    let raw = filled(props, Key::Category)?;
    let event_type = filled(props, Key::EventType)?;
    let sub_type = filled(props, Key::SubEventType)?.unwrap_or_default();
    let ours = raw.as_deref().and_then(Category::parse);
    let category = ours
        .or_else(|| {
            event_type
                .as_deref()
                .map(|t| Category::from_acled(t, &sub_type))
        })
        .or_else(|| raw.as_deref().map(|c| Category::from_acled(c, "")))
        .unwrap_or(Category::Other);
    let label = match text(props, Key::CategoryLabel)? {
        Some(label) => label,
        None if ours.is_some() => Cow::Borrowed(""),
        None => match (raw, event_type) {
            (Some(raw), _) => raw,
            (None, Some(t)) if sub_type.trim().is_empty() => t,
            (None, Some(t)) => Cow::Owned(format!("{t} / {sub_type}")),
            (None, None) => Cow::Borrowed(""),
        },
    };
    Ok((category, label))
}

/// Splits text at `;` into trimmed parts, borrowing when the text is borrowed.
fn parts_of<'a>(text: &Text<'a>, out: &mut Vec<Text<'a>>) {
    let mut push = |part: Text<'a>| {
        if !part.is_empty() && !out.contains(&part) {
            out.push(part);
        }
    };
    match text {
        Cow::Borrowed(s) => s
            .split(';')
            .map(str::trim)
            .for_each(|p| push(Cow::Borrowed(p))),
        Cow::Owned(s) => s
            .split(';')
            .map(str::trim)
            .for_each(|p| push(Cow::Owned(p.to_owned()))),
    }
}

/// Actors: an array of strings, a `;`-separated string, or `actor1`/`actor2`; each once.
pub fn actors_of<'a>(props: &Props<'a>) -> Result<Vec<Text<'a>>, Fail> {
    let mut actors = Vec::new();
    match props.get(Key::Actors) {
        Some(Val::List(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    Val::Str(s) => parts_of(s, &mut actors),
                    Val::Null => {}
                    _ => {
                        let mut path = prop_path("actors");
                        path.push(Step::Index(i));
                        return Err((path, "actors must be text".to_owned()));
                    }
                }
            }
        }
        Some(Val::Str(s)) => parts_of(s, &mut actors),
        Some(_) => {
            return Err((
                prop_path("actors"),
                "`actors` must be an array of text".to_owned(),
            ));
        }
        None => {
            for key in [Key::Actor1, Key::Actor2] {
                if let Some(a) = text(props, key)? {
                    parts_of(&a, &mut actors);
                }
            }
        }
    }
    Ok(actors)
}

/// Where an event's report comes from, as the feature gives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceParts<'a> {
    /// The document.
    pub document: Text<'a>,
    /// The passage.
    pub quote: Text<'a>,
    /// Who published it.
    pub publisher: Option<Text<'a>>,
    /// When.
    pub published: Option<NaiveDate>,
}

/// A publication date.
fn published_of(
    value: Option<&Val>,
    path: impl Fn() -> Vec<Step>,
) -> Result<Option<NaiveDate>, Fail> {
    match text_of(value, &path, "published")? {
        Some(t) if !blank(&t) => parse_date_text(&t)
            .map(|span| Some(span.start))
            .map_err(|m| (path(), m)),
        _ => Ok(None),
    }
}

/// The source: an object {document, quote, publisher, published} or a plain document name (with
/// `quote`, `publisher` and `published` beside it; the quote defaults to the notes).
pub fn source_of<'a>(props: &Props<'a>, notes: &Text<'a>) -> Result<SourceParts<'a>, Fail> {
    let blank_none = |s: Option<Text<'a>>| s.filter(|s| !blank(s));
    match props.get(Key::Source) {
        Some(obj @ Val::Obj(_)) => {
            let path = |key: &str| {
                let mut p = prop_path("source");
                p.push(key.into());
                p
            };
            let field = |key: &str| text_of(obj.get(key), || path(key), key);
            Ok(SourceParts {
                document: field("document")?.unwrap_or_default(),
                quote: field("quote")?.unwrap_or_default(),
                publisher: blank_none(field("publisher")?),
                published: published_of(obj.get("published"), || path("published"))?,
            })
        }
        Some(Val::List(_)) => Err((
            prop_path("source"),
            "`source` must be text or an object".to_owned(),
        )),
        other => {
            let document = text_of(other, || prop_path("source"), "source")?;
            let quote = first_filled(props, &[Key::Quote])?;
            Ok(SourceParts {
                document: document.unwrap_or_default(),
                quote: quote.unwrap_or_else(|| notes.clone()),
                publisher: blank_none(text(props, Key::Publisher)?),
                published: published_of(props.get(Key::Published), || prop_path("published"))?,
            })
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn props(json: &str) -> Props<'_> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn actors_split_and_repeat_once() {
        let p = props(r#"{"actors": ["Azerbaijan; Armenia", "Armenia", null]}"#);
        assert_eq!(actors_of(&p).unwrap(), ["Azerbaijan", "Armenia"]);
        let p = props(r#"{"actor1": "Police Forces", "actor2": 12}"#);
        assert_eq!(actors_of(&p).unwrap(), ["Police Forces", "12"]);
        let p = props(r#"{"actors": [{"x": 1}]}"#);
        assert_eq!(actors_of(&p).unwrap_err().1, "actors must be text");
    }

    #[test]
    fn categories_and_labels() {
        let p = props(r#"{"category": "military"}"#);
        assert_eq!(category_of(&p).unwrap(), (Category::Military, "".into()));
        let p = props(r#"{"event_type": "Battles", "sub_event_type": "Armed clash"}"#);
        let (c, label) = category_of(&p).unwrap();
        assert_eq!(c, Category::from_acled("Battles", "Armed clash"));
        assert_eq!(label, "Battles / Armed clash");
    }

    #[test]
    fn sources_as_objects_or_names() {
        let p = props(r#"{"source": {"document": "d", "quote": "q", "published": "2022-08-27"}}"#);
        let s = source_of(&p, &"".into()).unwrap();
        assert_eq!((s.document.as_ref(), s.quote.as_ref()), ("d", "q"));
        assert_eq!(s.published, NaiveDate::from_ymd_opt(2022, 8, 27));
        let p = props(r#"{"source": "Caucasus Watch", "publisher": " "}"#);
        let s = source_of(&p, &"the notes".into()).unwrap();
        assert_eq!(
            (s.document.as_ref(), s.quote.as_ref()),
            ("Caucasus Watch", "the notes")
        );
        assert_eq!(s.publisher, None);
        let p = props(r#"{"source": {"published": "someday"}}"#);
        let (path, _) = source_of(&p, &"".into()).unwrap_err();
        assert_eq!(
            path,
            vec![
                Step::from("properties"),
                "source".into(),
                "published".into()
            ]
        );
    }
}
