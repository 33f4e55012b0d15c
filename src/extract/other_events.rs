//! Phrases that tell of another event than the sentence's own, before or after it: "two days
//! after talks in Moscow", "following a meeting with Putin in Moscow", "ahead of a trip to
//! Yerevan". A place such a phrase names is where that other event happened, not the sentence's.

use super::words::{Word, words};
use std::ops::Range;

/// Words that open a phrase of another event; two-word openers are written with a space.
const OPENERS: [&str; 8] = [
    "after",
    "before",
    "following",
    "ahead of",
    "prior to",
    "to protest",
    "in protest at",
    "in protest against",
];

/// Openers whose phrase always tells of another event: what a summons or a note protests ("Iran
/// summoned the ambassador to protest what it called the violation of its airspace near the
/// border").
const PROTESTING: [&str; 3] = ["to protest", "in protest at", "in protest against"];

/// Nouns of events the phrase may tell of; a word counts when it starts with one.
const EVENT_NOUNS: [&str; 34] = [
    "meeting",
    "talks",
    "visit",
    "trip",
    "summit",
    "call",
    "conversation",
    "negotiation",
    "conference",
    "ceremony",
    "signing",
    "vote",
    "election",
    "referendum",
    "drills",
    "exercise",
    "clash",
    "attack",
    "strike",
    "fighting",
    "shelling",
    "offensive",
    "war",
    "protest",
    "rally",
    "rallies",
    "demonstration",
    "incident",
    "explosion",
    "arrest",
    "withdrawal",
    "agreement",
    "deal",
    "session",
];

/// Words that make "following" an adjective of time ("the following day"), not an opener.
const TIME_WORDS: [&str; 9] = [
    "day", "days", "week", "weeks", "month", "months", "year", "morning", "evening",
];

/// How many words after its opener a phrase may name its event ("after a two-day meeting").
const NOUN_WITHIN: usize = 4;

/// The byte ranges of `text`'s phrases that tell of another event: each from its opener to the
/// next comma, semicolon, colon or dash, or the end. An opener counts when an event noun or a
/// verb in -ing ("after meeting Putin") follows it within a few words.
///
/// ```
/// use caucasus_atlas::extract::other_events::other_event_phrases;
/// let s = "Pashinyan returned to Yerevan on 14 August following a meeting with Putin in Moscow.";
/// let phrases = other_event_phrases(s);
/// assert_eq!(phrases.len(), 1);
/// assert_eq!(&s[phrases[0].clone()], "following a meeting with Putin in Moscow.");
/// assert!(other_event_phrases("They met again the following day in Baku.").is_empty());
/// assert!(other_event_phrases("Shots were fired after midnight near Tegh.").is_empty());
/// let s = "Iran summoned the envoy to protest what it called a drone flight near the border.";
/// assert_eq!(&s[other_event_phrases(s)[0].clone()], "to protest what it called a drone flight near the border.");
/// ```
pub fn other_event_phrases(text: &str) -> Vec<Range<usize>> {
    let w = words(text);
    let lower: Vec<String> = w.iter().map(Word::lower).collect();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let Some(len) = opener_at(&lower, i) else {
            i += 1;
            continue;
        };
        let body = i + len;
        let protesting = PROTESTING
            .iter()
            .any(|p| p.split(' ').count() == len && lower[i..body].join(" ") == *p);
        if protesting || !is_time_adjective(&lower, i) && tells_of_an_event(&lower, body) {
            let end = phrase_end(text, w[i].start);
            out.push(w[i].start..end);
            i = w.iter().position(|x| x.start >= end).unwrap_or(w.len());
        } else {
            i += 1;
        }
    }
    out
}

/// Clauses set against the main one by ", while" or ", whereas" ("…in Gazakh last Wednesday,
/// while Iran hosted a meeting in Tehran on 23 October"): from the word to the next semicolon or
/// the end. They tell of another event when they hold a date of their own, which the caller
/// checks.
///
/// ```
/// use caucasus_atlas::extract::other_events::contrast_clauses;
/// let s = "Prisoners were exchanged in Gazakh, while Iran hosted talks in Tehran on 23 October.";
/// let clauses = contrast_clauses(s);
/// assert_eq!(&s[clauses[0].clone()], "while Iran hosted talks in Tehran on 23 October.");
/// ```
pub fn contrast_clauses(text: &str) -> Vec<Range<usize>> {
    let lower = text.to_lowercase();
    [", while ", ", whereas "]
        .iter()
        .flat_map(|marker| lower.match_indices(marker).map(|(at, _)| at + 2))
        .map(|start| {
            let end = text[start..].find(';').map_or(text.len(), |e| start + e);
            start..end
        })
        .collect()
}

/// The number of words of the opener starting at word `i`, if one does.
fn opener_at(lower: &[String], i: usize) -> Option<usize> {
    OPENERS.iter().find_map(|opener| {
        let parts: Vec<&str> = opener.split(' ').collect();
        let matches = parts
            .iter()
            .enumerate()
            .all(|(k, p)| lower.get(i + k).is_some_and(|x| x == p));
        matches.then_some(parts.len())
    })
}

/// "the following day": "following" after "the" or before a word of time.
fn is_time_adjective(lower: &[String], i: usize) -> bool {
    lower[i] == "following"
        && (i > 0 && lower[i - 1] == "the"
            || lower
                .get(i + 1)
                .is_some_and(|x| TIME_WORDS.contains(&x.as_str())))
}

/// Whether an event noun, or a verb in -ing, stands within a few words from word `from`.
fn tells_of_an_event(lower: &[String], from: usize) -> bool {
    lower.iter().skip(from).take(NOUN_WITHIN).any(|x| {
        EVENT_NOUNS.iter().any(|n| x.starts_with(n)) || (x.ends_with("ing") && x.len() > 5)
    })
}

/// Where a phrase opened at byte `start` ends: at the next comma, semicolon, colon or dash, or
/// the end of the text.
fn phrase_end(text: &str, start: usize) -> usize {
    text[start..]
        .find([',', ';', ':', '—', '–'])
        .map_or(text.len(), |at| start + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(s: &str) -> Vec<&str> {
        other_event_phrases(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn phrases_of_events_before_and_after() {
        assert_eq!(
            phrases(
                "Iran's foreign minister visited Baku on 15 August, ahead of a trip to Yerevan."
            ),
            ["ahead of a trip to Yerevan."]
        );
        assert_eq!(
            phrases(
                "Troops held exercises in Nakhchivan on 16 August, a week after drills near Tabriz."
            ),
            ["after drills near Tabriz."]
        );
        assert_eq!(
            phrases(
                "Talks were held on 30 November at the border, after a meeting in Brussels earlier that month."
            ),
            ["after a meeting in Brussels earlier that month."]
        );
        assert_eq!(
            phrases("He flew to Baku after meeting Putin in Moscow, then went home."),
            ["after meeting Putin in Moscow"]
        );
    }

    #[test]
    fn words_of_time_are_not_other_events() {
        for s in [
            "They met again the following day in Baku.",
            "They met following weeks of silence.",
            "Shots were fired after midnight near Tegh.",
            "It was reported before noon.",
            "The ministry spoke after all.",
        ] {
            assert!(phrases(s).is_empty(), "{s}: {:?}", phrases(s));
        }
    }
}
