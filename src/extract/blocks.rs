//! Quotations that run over several sentences: a question someone was asked ("Price was asked,
//! "There is… They have been… Will the US…?"") and a report the article quotes in paragraphs
//! introduced by a colon ("Press TV reports:"). Their sentences are not the article's own voice.

use super::analysis::Facts;
use super::words::words;

/// A quoted report runs over at most this many paragraphs after its introduction.
const BLOCK_PARAGRAPHS: usize = 4;

/// Words that mark a paragraph as the author's own voice again: questions aside, first person and
/// hedges ("It seems", "would seem").
const OWN_VOICE: [&str; 9] = [
    "i",
    "we",
    "our",
    "us",
    "my",
    "seem",
    "seems",
    "seemed",
    "apparently",
];

/// Marks the sentences of quoted questions and quoted reports in `facts`, read from `text`.
pub fn mark_blocks(text: &str, facts: &mut [Facts]) {
    mark_asked(facts);
    mark_quoted_reports(text, facts);
}

/// From a sentence that opens a quotation after "asked" (and does not close it) to the one that
/// closes it.
fn mark_asked(facts: &mut [Facts]) {
    let mut open = false;
    for f in facts.iter_mut() {
        let starts_open = open;
        let ends_open = inside_quote_after(&f.text, open);
        let asked = words(&f.text.to_lowercase())
            .iter()
            .any(|w| w.text == "asked");
        f.asked = starts_open || (asked && ends_open);
        open = f.asked && ends_open;
    }
}

/// Whether a quotation is still open at the end of `s`, given whether one was open at its start:
/// a straight quote opens or closes, curly ones say which they do.
fn inside_quote_after(s: &str, mut open: bool) -> bool {
    for c in s.chars() {
        match c {
            '"' => open = !open,
            '“' => open = true,
            '”' => open = false,
            _ => {}
        }
    }
    open
}

/// Whether a paragraph break (a blank line) separates two byte offsets of the text.
fn paragraph_break(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to)
        .is_some_and(|gap| gap.matches('\n').count() >= 2)
}

/// Whether a sentence speaks in the author's voice: a question, the first person, a hedge.
fn own_voice(f: &Facts) -> bool {
    f.text.contains('?')
        || words(&f.text)
            .iter()
            .any(|w| OWN_VOICE.contains(&w.lower().as_str()) && w.text != "US")
}

/// The paragraphs after a sentence that ends an introduction with a colon and names its source
/// ("Press TV reports:", "…, according to News.az:"), until a paragraph in the author's own voice,
/// another introduction, or [`BLOCK_PARAGRAPHS`] paragraphs.
fn mark_quoted_reports(text: &str, facts: &mut [Facts]) {
    let mut source: Option<String> = None;
    let mut paragraphs = 0;
    let mut paragraph: Vec<usize> = Vec::new();
    for k in 0..facts.len() {
        let new_paragraph =
            k == 0 || paragraph_break(text, facts[k - 1].range.end, facts[k].range.start);
        if new_paragraph {
            close_paragraph(facts, &paragraph, &mut source, &mut paragraphs);
            paragraph.clear();
        }
        paragraph.push(k);
        let f = &facts[k];
        if f.text.trim_end().ends_with(':')
            && let Some(a) = &f.attribution
        {
            source = None;
            let intro = a.source.clone();
            // the block starts with the next paragraph
            close_paragraph(facts, &paragraph, &mut source, &mut paragraphs);
            paragraph.clear();
            source = Some(intro);
            paragraphs = 0;
        }
    }
    close_paragraph(facts, &paragraph, &mut source, &mut paragraphs);
}

/// Credits a finished paragraph to the open block's source, unless it is in the author's voice,
/// which ends the block.
fn close_paragraph(
    facts: &mut [Facts],
    paragraph: &[usize],
    source: &mut Option<String>,
    paragraphs: &mut usize,
) {
    let Some(s) = source.clone() else { return };
    if paragraph.is_empty() {
        return;
    }
    if paragraph.iter().any(|&k| own_voice(&facts[k])) || *paragraphs >= BLOCK_PARAGRAPHS {
        *source = None;
        return;
    }
    for &k in paragraph {
        facts[k].quoted_from = Some(s.clone());
    }
    *paragraphs += 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::extract::analysis::analyse;
    use crate::extract::sentences::sentences;
    use chrono::NaiveDate;

    fn marked(text: &str) -> Vec<(bool, Option<String>)> {
        let ex = Extractor::bundled();
        let published = NaiveDate::from_ymd_opt(2012, 3, 12).unwrap_or_default();
        let mut facts: Vec<Facts> = sentences(text)
            .iter()
            .enumerate()
            .map(|(i, s)| analyse(&ex, text, i + 1, s.range.clone(), s.complete, published))
            .collect();
        mark_blocks(text, &mut facts);
        facts
            .into_iter()
            .map(|f| (f.asked, f.quoted_from))
            .collect()
    }

    #[test]
    fn a_quoted_question_runs_until_its_quotation_closes() {
        let text = "Price spoke in Washington. Price was asked, \"There is rhetoric from Iran. They have been threatening recently. Will the US defend them?\" He answered at once.";
        let asked: Vec<bool> = marked(text).into_iter().map(|(a, _)| a).collect();
        assert_eq!(asked, [false, true, true, true, false]);
    }

    #[test]
    fn a_report_introduced_with_a_colon_runs_until_the_author_speaks_again() {
        let text = "Abiyev visited Iran on Monday. Press TV reports:\n\nThe relations were strained after the deal.\n\nLast month, Tehran summoned the ambassador.\n\nIf they discussed more, it was not reported. It seems odd?\n\nAbiyev also laid flowers.";
        let from: Vec<Option<String>> = marked(text).into_iter().map(|(_, q)| q).collect();
        let press = Some("Press TV".to_owned());
        assert_eq!(from, [None, None, press.clone(), press, None, None, None]);
    }
}
