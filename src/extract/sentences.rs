//! Sentences of an article as byte ranges of its text, so that every quote is a verbatim slice.
//!
//! Blocks are split at blank lines; a line break inside a block is a soft wrap unless the line
//! before ends a sentence or is short (a headline, a byline, a list item). Each part is segmented
//! by Unicode's sentence rules (`unicode-segmentation`), then segments cut after an abbreviation
//! ("Sept.", "U.S.", "Mr.") are joined again. Clutter (cookie, newsletter and subscription notices,
//! addresses) is left out.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// A sentence of the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the article text, trimmed of surrounding whitespace and list markers.
    pub range: Range<usize>,
    /// Whether it ends like a sentence (`.`, `!`, `?`, `:` or a closing quote after one); a
    /// headline, byline or menu item does not.
    pub complete: bool,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 36] = [
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep",
    "gov", "pres", "st", "mt", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "inc", "ltd", "jr", "sr",
];

/// Words that mark a paragraph as page clutter rather than article text.
const CLUTTER: [&str; 13] = [
    "cookie",
    "newsletter",
    "subscribe",
    "subscription",
    "subscriber",
    "sign up",
    "all rights reserved",
    "privacy policy",
    "click here",
    "follow us",
    "share this",
    "advertisement",
    "©",
];

/// A line shorter than this many characters ends its own unit (a headline or byline).
const SHORT_LINE: usize = 60;

/// Whether a paragraph is page clutter: cookie, newsletter or subscription notices, addresses.
pub fn is_clutter(paragraph: &str) -> bool {
    let lower = paragraph.to_lowercase();
    CLUTTER.iter().any(|c| lower.contains(c))
        || lower.contains("http://")
        || lower.contains("https://")
        || lower
            .split_whitespace()
            .any(|w| w.contains('@') && w.contains('.'))
}

/// The byte ranges of the units of `text`: blocks between blank lines, split at hard line breaks.
fn units(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut line_start = 0;
    let mut open: Option<Range<usize>> = None;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.extend(open.take());
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let range = start + lead..start + lead + trimmed.len();
        let begins_item = starts_like_an_item(trimmed);
        open = match open.take() {
            Some(prev) if !begins_item && continues(&text[prev.clone()]) => {
                Some(prev.start..range.end)
            }
            Some(prev) => {
                out.push(prev);
                Some(range)
            }
            None => Some(range),
        };
    }
    out.extend(open);
    out
}

/// Whether a line starts a list item or a Markdown heading or quote.
fn starts_like_an_item(line: &str) -> bool {
    line.starts_with(['#', '>', '•', '|'])
        || line.starts_with("- ")
        || line.starts_with("* ")
        || line
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Whether the next line continues this unit (a soft wrap).
fn continues(unit: &str) -> bool {
    let last_line = unit.rsplit('\n').next().unwrap_or(unit).trim();
    !ends_a_sentence(last_line) && last_line.chars().count() >= SHORT_LINE
}

/// Whether a text ends like a sentence, allowing closing quotes and brackets after the stop.
fn ends_a_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', '*', '_']);
    t.ends_with(['.', '!', '?', ':', '…'])
}

/// Strips Markdown and list markers from the front of a unit.
fn strip_markers(text: &str, range: Range<usize>) -> Range<usize> {
    let unit = &text[range.clone()];
    let mut skip = 0;
    for prefix in ["#", ">", "•", "- ", "* "] {
        while unit[skip..].starts_with(prefix) {
            skip += prefix.len();
        }
    }
    let rest = &unit[skip..];
    let skip = skip + (rest.len() - rest.trim_start().len());
    range.start + skip..range.end
}

/// Whether a segment ends in an abbreviation rather than a full stop.
fn ends_in_abbreviation(segment: &str) -> bool {
    let t = segment.trim_end();
    let Some(body) = t.strip_suffix('.') else {
        return false;
    };
    let last = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let initials = !last.is_empty()
        && last
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    initials || ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

/// The sentences of an article's text, in order, clutter left out.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for unit in units(text) {
        let unit = strip_markers(text, unit);
        if unit.is_empty() || is_clutter(&text[unit.clone()]) {
            continue;
        }
        let mut pending: Option<Range<usize>> = None;
        // soft wraps as spaces (one byte each way), so Unicode's rules do not break at them
        let flat = text[unit.clone()].replace(['\n', '\r'], " ");
        for (offset, segment) in flat.split_sentence_bound_indices() {
            let start = unit.start + offset;
            let range = match pending.take() {
                Some(p) => p.start..start + segment.len(),
                None => start..start + segment.len(),
            };
            if ends_in_abbreviation(&text[range.clone()]) {
                pending = Some(range);
                continue;
            }
            out.extend(trimmed(text, range));
        }
        if let Some(p) = pending {
            out.extend(trimmed(text, p));
        }
    }
    out
}

fn trimmed(text: &str, range: Range<usize>) -> Option<Sentence> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if body.is_empty() {
        return None;
    }
    let range = range.start + lead..range.start + lead + body.len();
    Some(Sentence {
        complete: ends_a_sentence(body),
        range,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.range.clone()])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Aliyev spoke to Anadolu Agency on Sept. 28, accusing Iran. Yuri Kim of the U.S. Department of State called. Mr. Price agreed.";
        assert_eq!(
            texts(text),
            [
                "Aliyev spoke to Anadolu Agency on Sept. 28, accusing Iran.",
                "Yuri Kim of the U.S. Department of State called.",
                "Mr. Price agreed."
            ]
        );
    }

    #[test]
    fn headlines_bylines_and_wrapped_lines() {
        let text = "Iran and Azerbaijan hold talks\n\nBy A. Writer | 3 March 2021\n\nThe ministers met in Baku on Monday, the ministry said, and agreed to\nmeet again. Trade was discussed.\n\nSign up for our newsletter!\n";
        let all = sentences(text);
        let got: Vec<(&str, bool)> = all
            .iter()
            .map(|s| (&text[s.range.clone()], s.complete))
            .collect();
        assert_eq!(
            got,
            [
                ("Iran and Azerbaijan hold talks", false),
                ("By A. Writer | 3 March 2021", false),
                (
                    "The ministers met in Baku on Monday, the ministry said, and agreed to\nmeet again.",
                    true
                ),
                ("Trade was discussed.", true),
            ]
        );
    }

    #[test]
    fn markdown_markers_are_not_part_of_the_quote() {
        let text = "# Talks in Baku\n\n> Officials met in Baku on Monday.\n\n- Drills ended near Julfa on Tuesday.\n- A second item.";
        assert_eq!(
            texts(text),
            [
                "Talks in Baku",
                "Officials met in Baku on Monday.",
                "Drills ended near Julfa on Tuesday.",
                "A second item."
            ]
        );
    }

    #[test]
    fn clutter_is_left_out() {
        assert!(is_clutter("Our website uses cookies. By clicking..."));
        assert!(is_clutter("Send CV to redaktion@example.de"));
        assert!(!is_clutter("The ministry said the talks went well."));
    }
}
