//! Turning the cues of one sentence into a proposed event: id, title, actors, source and the notes
//! that say why it was proposed.

use super::actors::Actor;
use super::analysis::Facts;
use super::article::Article;
use super::attribution::HEDGES;
use super::gazetteer::country_name;
use super::place_choice::PlaceChoice;
use super::propose::Extractor;
use super::verified::{Claim, Credit, judge};
use crate::io::slug::slug;
use crate::model::region::REGION;
use crate::model::{Event, EventDate, Place, PlaceKind, Source};
use std::collections::HashSet;
use std::ops::Range;

/// A title is cut at a word boundary to at most this many characters.
const TITLE_CHARS: usize = 90;
/// An id is made of at most this many words of the title.
const ID_WORDS: usize = 6;
/// At most this many actors are listed.
const MAX_ACTORS: usize = 5;

/// What one proposal is made of.
pub struct Parts<'a> {
    /// The article.
    pub article: &'a Article,
    /// The sentence's facts.
    pub facts: &'a Facts,
    /// The date and why it was chosen.
    pub date: &'a EventDate,
    /// Why the date was chosen, for the notes.
    pub date_why: &'a str,
    /// The place and why; `None` leaves the event unplaced, for the reviewer to place.
    pub place: Option<&'a PlaceChoice>,
    /// Whom the claim is attributed to.
    pub claimed_by: Option<String>,
    /// Where that credit comes from.
    pub credit: Credit,
    /// The country of a person named earlier in the article.
    pub person_country: &'a dyn Fn(&str) -> Option<String>,
    /// The clause of the sentence that tells this event, when the sentence tells one event a
    /// clause (see [`super::pairing`]): the event takes its title and actors from it.
    pub clause: Option<Range<usize>>,
}

/// Linking adverbs that may open a sentence without telling anything.
const OPENERS: [&str; 10] = [
    "however",
    "anyway",
    "meanwhile",
    "indeed",
    "moreover",
    "also",
    "separately",
    "still",
    "nevertheless",
    "then",
];
/// A main clause shorter than this many words is not enough for a title.
const TITLE_MIN_WORDS: usize = 6;

/// Where a sentence starts after a leading date ("Last month, ", "In 2023, ") or linking adverb
/// ("However, ").
fn after_opener(f: &Facts) -> usize {
    let s = &f.text;
    if let Some(end) = super::date_ranges::framing_year_end(s) {
        return end;
    }
    if let Some(d) = f.dates.first().filter(|d| d.span.start < 16) {
        let rest = &s[d.span.end..];
        if let Some(r) = rest.strip_prefix(", ") {
            return s.len() - r.len();
        }
    }
    match s.find(", ") {
        Some(comma)
            if !s[..comma].contains(' ')
                && (s[..comma].ends_with("ly")
                    || OPENERS.contains(&s[..comma].to_lowercase().as_str())) =>
        {
            comma + 2
        }
        _ => 0,
    }
}

/// A short neutral title: the main clause (or the sentence, when the main clause is short) after
/// any dateline, leading date or linking adverb, cut at a word boundary.
pub fn title_of(f: &Facts) -> String {
    let start = after_opener(f).max(f.lead).min(f.text.len());
    let main = f.main();
    let main_words = main
        .get(start..)
        .map_or(0, |m| m.split_whitespace().count());
    let telling = main_words >= TITLE_MIN_WORDS && start < main.len() && !only_says(f, main);
    let body = if telling {
        &main[start..]
    } else {
        &f.text[start..]
    };
    cut_title(body)
}

/// Whether a main clause only says who said something and when ("Azerbaijan and Armenia
/// announced on March 13"), what was said standing after it: such a clause is no title.
fn only_says(f: &Facts, main: &str) -> bool {
    let mut end = main.trim_end().len();
    // a date at the clause's end ("on March 13") is not what was said
    if let Some(d) = f
        .dates
        .iter()
        .find(|d| d.span.end >= end && d.span.start < end)
    {
        end = d.span.start;
    }
    let last = main[..end]
        .split_whitespace()
        .rev()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .find(|w| !matches!(w.as_str(), "on" | "in" | "at" | "" | "last" | "this"));
    last.is_some_and(|w| super::attribution::REPORTING.contains(&w.as_str()))
}

/// A title from `body`: trimmed of quotes and spaces, cut at a word boundary, capitalised. A
/// quotation the title opens with keeps its opening mark when its closing one is in the title
/// (`"We will not allow it," said …`).
fn cut_title(body: &str) -> String {
    let quote = |c: char| c == '"' || c == '“' || c == '”';
    let trimmed = body.trim_matches(|c: char| quote(c) || c.is_whitespace());
    let opening = body.trim_start().chars().next().filter(|&c| quote(c));
    let mut title = String::new();
    for word in trimmed.split_whitespace() {
        if title.chars().count() + word.chars().count() + 1 > TITLE_CHARS {
            title.push('…');
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    let mut chars = title.chars();
    let title: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => return "Untitled proposal".to_owned(),
    };
    match opening.filter(|_| title.contains(quote)) {
        Some(mark) => format!("{mark}{title}"),
        None => title,
    }
}

/// The actors named inside one clause of a sentence, when it names any: an event told clause by
/// clause is that clause's people and bodies, not the whole sentence's.
fn clause_actors<'f>(f: &'f Facts, clause: Option<&Range<usize>>) -> Vec<&'f Actor> {
    let Some(c) = clause else {
        return Vec::new();
    };
    f.actors
        .iter()
        .filter(|a| c.start <= a.span.start && a.span.end <= c.end)
        .collect()
}

/// A unique id: the start date (or `undated`) and the first words of the title.
fn unique_id(date: &EventDate, title: &str, ids: &mut HashSet<String>) -> String {
    let day = date.range.map_or("undated".to_owned(), |(s, _)| {
        s.format("%Y-%m-%d").to_string()
    });
    let words: Vec<&str> = title.split_whitespace().take(ID_WORDS).collect();
    let base = format!("{day}-{}", slug(&words.join(" ")));
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The actors of a sentence: its people and bodies, else the country its main clause opens with.
/// An outlet that reports ("Armenian media reported") is who tells it, not who took part.
fn actors_of(f: &Facts) -> Vec<String> {
    names_of(f.actors.iter().filter(|a| !is_outlet(&a.name)), f.main())
}

/// Words that end the name of who reports the news, not of who makes it.
const OUTLET_WORDS: [&str; 10] = [
    "tv",
    "radio",
    "media",
    "agency",
    "newspaper",
    "outlet",
    "outlets",
    "television",
    "broadcaster",
    "website",
];

/// Whether a name is a news outlet's ("Armenian media", "the state news agency").
fn is_outlet(name: &str) -> bool {
    name.rsplit(' ')
        .next()
        .is_some_and(|last| OUTLET_WORDS.contains(&last.to_lowercase().as_str()))
}

/// The names of `actors` (at most [`MAX_ACTORS`]), else the country `opening` opens with.
fn names_of<'a>(actors: impl Iterator<Item = &'a Actor>, opening: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in actors {
        if !out.contains(&a.name) && out.len() < MAX_ACTORS {
            out.push(a.name.clone());
        }
    }
    if out.is_empty() {
        let opener = opening
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty());
        if let Some(country) = opener.and_then(country_name) {
            out.push(country.to_owned());
        }
    }
    out
}

/// The words a sentence opens with before it names any date or place (other than as an owner or
/// in a title), when they are two words or more and do not end in a preposition ("Turkey's
/// foreign minister visited"): the subject its later clauses share.
fn shared_subject(f: &Facts) -> Option<Range<usize>> {
    let first = f
        .dates
        .iter()
        .map(|d| d.span.start)
        .chain(
            f.places
                .iter()
                .filter(|m| !m.possessive && !m.titular)
                .map(|m| m.span.start),
        )
        .min()?;
    let from = after_opener(f).max(f.lead).min(first);
    let words: Vec<&str> = f.text.get(from..first)?.split_whitespace().collect();
    // "met Putin in" runs into the first clause's own words: no subject to share
    let into_a_place = words
        .last()
        .is_some_and(|w| PREPOSITIONS.contains(&w.to_lowercase().as_str()));
    (words.len() >= 2 && !into_a_place).then_some(from..first)
}

/// Words that, ending the words before a sentence's first date or place, tie them to it.
const PREPOSITIONS: [&str; 9] = ["in", "at", "near", "on", "to", "from", "with", "of", "by"];

/// The title and actors of an event told in one clause of its sentence: the clause's own, or
/// for a later clause that names no actor ("… Baku on 10 May"), the shared subject's with it.
fn of_clause(f: &Facts, clause: &Range<usize>) -> (String, Vec<String>) {
    let words = f.text.get(clause.clone()).unwrap_or_default();
    let own = clause_actors(f, Some(clause));
    if !own.is_empty() || clause.start == 0 {
        return (cut_title(words), names_of(own.into_iter(), words));
    }
    match shared_subject(f).filter(|s| s.end <= clause.start) {
        Some(subject) => {
            let opening = f.text.get(subject.clone()).unwrap_or_default();
            let title = cut_title(&format!("{} … {}", opening.trim(), words.trim()));
            (
                title,
                names_of(clause_actors(f, Some(&subject)).into_iter(), opening),
            )
        }
        None => (cut_title(words), names_of(own.into_iter(), words)),
    }
}

/// Builds the proposed event (unplaced, with NaN coordinates, when `parts.place` is `None`).
pub fn build_event(ex: &Extractor, parts: &Parts<'_>, ids: &mut HashSet<String>) -> Event {
    let f = parts.facts;
    let candidate = parts.place.map(|c| &ex.gazetteer.places[c.place]);
    let place = candidate.map(|c| &c.place);
    let (title, actors) = match &parts.clause {
        Some(clause) => of_clause(f, clause),
        None => (title_of(f), actors_of(f)),
    };
    let category = f.category.category;
    let category_why = if f.category.cue.is_empty() {
        "none found, so 'other'".to_owned()
    } else {
        format!("'{}', read as {category}", f.category.cue)
    };
    let place_why = match (parts.place, candidate) {
        (Some(choice), Some(c)) => format!(
            "{}, read as {}{}",
            choice.why,
            c.place.name,
            match (c.ad_hoc, c.place.geonames_id) {
                (false, _) => "",
                (true, Some(_)) =>
                    " (not in the gazetteer; GeoNames' point of a town of that name)",
                (true, None) => " (not in the gazetteer; approximate point from the basemap)",
            }
        ),
        _ => "none the gazetteer knows, so not placed".to_owned(),
    };
    let mut notes = format!(
        "{} by the extractor from sentence {} of {}{}{}; not yet reviewed. Date cue: {}. Place cue: {}. Category cue: {}.",
        if place.is_some() {
            "Proposed"
        } else {
            "Drafted"
        },
        f.number,
        parts.article.document,
        parts
            .article
            .origin
            .as_ref()
            .map(|o| format!(" (the text of {o})"))
            .unwrap_or_default(),
        parts
            .article
            .title
            .as_ref()
            .map(|t| format!(" (\"{t}\")"))
            .unwrap_or_default(),
        parts.date_why,
        place_why,
        category_why
    );
    let verdict = judge(ex, f, &claim_of(parts, place));
    if let Some(who) = &verdict.claimed_by {
        match (&f.attribution, parts.credit) {
            (Some(a), Credit::Own) => {
                notes.push_str(&format!(" Claim attributed to {who} ('{}').", a.cue));
            }
            (_, Credit::Quoted) => notes.push_str(&format!(
                " Claim attributed to {who}: the sentence is part of {} report, which the article quotes after introducing it with a colon.",
                super::words::possessive_of(who)
            )),
            _ => notes.push_str(&format!(
                " Claim attributed to {who}, as the sentence it continues is."
            )),
        }
    }
    if let Some(u) = f.unverified.filter(|u| !HEDGES.contains(u)) {
        notes.push_str(&format!(" The article calls the report '{u}'."));
    }
    if verdict.why.starts_with("Unverified") {
        notes = format!("{} {notes}", verdict.why);
    } else if !verdict.why.is_empty() {
        notes = format!("{notes} {}", verdict.why);
    }
    let shape = parts.place.and_then(|c| c.shape.clone());
    let geometry = shape
        .as_deref()
        .and_then(|s| ex.basemap.shape(s))
        .map(|s| s.geometry.clone());
    let (lon, lat) = place.map_or((f64::NAN, f64::NAN), |p| (p.lon, p.lat));
    Event {
        id: unique_id(parts.date, &title, ids),
        title,
        summary: String::new(),
        date: parts.date.clone(),
        place: place.map(|p| p.id.clone()).unwrap_or_default(),
        place_name: place.map(|p| p.name.clone()).unwrap_or_default(),
        lon,
        lat,
        off_map: place.is_some_and(|p| p.kind == PlaceKind::OffMap || !REGION.contains(lon, lat)),
        shape: geometry,
        shape_name: shape,
        track: None,
        category,
        category_label: String::new(),
        actors,
        source: Source {
            document: parts.article.document.clone(),
            quote: f.text.clone(),
            publisher: parts.article.publisher.clone(),
            published: Some(parts.article.published),
        },
        claimed_by: verdict.claimed_by,
        verified: verdict.verified,
        notes,
        time: None,
    }
}

/// What the verdict on `verified` rests on beyond the sentence.
fn claim_of<'a>(parts: &'a Parts<'_>, place: Option<&Place>) -> Claim<'a> {
    let host = place.and_then(|place| match place.kind {
        PlaceKind::Country => Some(place.name.clone()),
        PlaceKind::City | PlaceKind::OffMap if !place.country.contains('/') => {
            Some(place.country.clone())
        }
        _ => None,
    });
    Claim {
        by: parts.claimed_by.as_deref(),
        credit: parts.credit,
        publisher: parts.article.publisher.as_deref(),
        host,
        person_country: parts.person_country,
    }
}

#[cfg(test)]
mod tests {
    use super::cut_title;

    #[test]
    fn outlets_are_told_apart_from_those_who_take_part() {
        assert!(super::is_outlet("Armenian media"));
        assert!(super::is_outlet("the state news agency"));
        assert!(super::is_outlet("Press TV"));
        assert!(!super::is_outlet("Defense Ministry's press office"));
        assert!(!super::is_outlet("Iran's foreign ministry"));
    }

    #[test]
    fn a_title_keeps_a_quotation_whole_and_drops_stray_marks() {
        assert_eq!(
            cut_title("\"We will not allow it,\" said the adviser."),
            "\"We will not allow it,\" said the adviser."
        );
        assert_eq!(
            cut_title("“We will not allow it,” said the adviser"),
            "“We will not allow it,” said the adviser"
        );
        assert_eq!(cut_title("\"the talks went well\""), "The talks went well");
        assert_eq!(cut_title("“"), "Untitled proposal");
        let long = format!("\"{}\" said the adviser", "word ".repeat(40));
        assert!(
            cut_title(&long).starts_with("Word word"),
            "{}",
            cut_title(&long)
        );
    }
}
