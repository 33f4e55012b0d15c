//! Places named in a sentence: every name and alternative name of the gazetteer (adjectives such as
//! "Azerbaijani" or "Iranian" are actors, not places), "X district", "the X corridor", "the X-Y
//! border", "its border with Y", and whether each is where something happened ("in", "at", "near",
//! "visited", "a visit to") or only talked about.

use super::gazetteer::{Gazetteer, after_compass, country_name, country_word};
use super::words::{Word, possessive, words};
use crate::model::PlaceKind;
use std::ops::Range;

/// A place named in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Byte range of the name (or the whole border phrase) in the sentence.
    pub span: Range<usize>,
    /// Index of the place in the gazetteer.
    pub place: usize,
    /// The basemap shape to draw it with ("Lachin corridor"), if the phrase names one.
    pub shape: Option<String>,
    /// Whether the sentence says something happened there ("in", "at", "near", "visited").
    pub locative: bool,
    /// Whether it is written as an owner ("Azerbaijan's sovereignty").
    pub possessive: bool,
    /// Whether it is the destination of a visit or trip.
    pub visit: bool,
    /// Whether it only belongs to someone's title ("consul general in Nakhchivan", "ambassador to
    /// Iran"): it says nothing of where the event happened.
    pub titular: bool,
    /// The phrase as written that names it, with its preposition when there is one.
    pub cue: String,
}

/// Words that put what follows on the map.
const LOCATIVE: [&str; 16] = [
    "in", "at", "near", "outside", "inside", "into", "across", "along", "via", "through", "around",
    "within", "visited", "visiting", "toward", "towards",
];

/// Nouns of attack: the place they are "on" or "of" is where it happened ("the attacks on Goris",
/// "the shelling of Kapan").
pub(super) const ATTACK_NOUNS: [&str; 12] = [
    "attack",
    "attacks",
    "strike",
    "strikes",
    "assault",
    "raid",
    "raids",
    "shelling",
    "bombing",
    "bombardment",
    "siege",
    "capture",
];

/// Verbs of attack: the place they take is where it happened ("shelled Goris").
pub(super) const ATTACK_VERBS: [&str; 4] = ["shelled", "attacked", "bombed", "captured"];

/// Words that make "to" a destination.
const MOTION: [&str; 20] = [
    "visit",
    "visits",
    "trip",
    "travel",
    "travelled",
    "traveled",
    "went",
    "came",
    "arrived",
    "returned",
    "heading",
    "headed",
    "delegation",
    "sent",
    "sending",
    "deployed",
    "moved",
    "flew",
    "brought",
    "transported",
];

/// Titles after which "in X" or "to X" is part of a name ("consul general in Nakhchivan").
const TITLE_NOUNS: [&str; 6] = [
    "consul",
    "general",
    "ambassador",
    "envoy",
    "representative",
    "correspondent",
];

/// Whether word `k` ends a title ("consul general", "ambassador"); "consulate general" is a
/// building, where things happen.
fn titled(w: &[Word<'_>], k: usize) -> bool {
    let word = w[k].lower();
    let building = word == "general" && k >= 1 && w[k - 1].lower() == "consulate";
    TITLE_NOUNS.contains(&word.as_str()) && !building
}

/// Determiners that may stand between a preposition and the place it governs.
const DETERMINERS: [&str; 7] = ["the", "a", "an", "its", "their", "our", "of"];

/// Nouns and adjectives that may stand between a preposition and the place it governs; after a
/// country's name they make it attributive ("the Azerbaijan exclave of").
const PLACE_NOUNS: [&str; 20] = [
    "capital",
    "city",
    "cities",
    "town",
    "towns",
    "village",
    "villages",
    "exclave",
    "enclave",
    "region",
    "district",
    "province",
    "republic",
    "autonomous",
    "northern",
    "southern",
    "eastern",
    "western",
    "disputed",
    "border",
];

/// Words that, around an ambiguous name, call for its region rather than its city.
const REGION_WORDS: [&str; 5] = ["exclave", "region", "autonomous", "republic", "enclave"];

/// Finds the places named in `sentence`.
pub fn find_places(g: &Gazetteer, sentence: &str) -> Vec<Mention> {
    let w = words(sentence);
    let mut found = name_matches(g, sentence);
    found.extend(border_phrases(g, sentence, &w, &found));
    found.extend(capital_phrases(g, sentence, &w, &found));
    found.sort_by_key(|m| (m.span.start, usize::MAX - m.span.end));
    let mut kept: Vec<Mention> = Vec::new();
    for m in found {
        if kept
            .iter()
            .any(|k| k.span.start < m.span.end && m.span.start < k.span.end)
        {
            continue;
        }
        kept.push(m);
    }
    for k in 0..kept.len() {
        let governor = governed(sentence, &w, kept[k].span.start, &kept[..k]);
        let m = &mut kept[k];
        refine(g, sentence, &w, m);
        // "in Yerevan's Republic Square" is where, not whose
        let right_after_in = w
            .iter()
            .rev()
            .find(|x| x.end <= m.span.start)
            .is_some_and(|x| {
                matches!(x.lower().as_str(), "in" | "at" | "near" | "outside")
                    && sentence[x.end..m.span.start] == *" "
            });
        m.possessive = !right_after_in
            && (sentence[m.span.end..].starts_with("'s")
                || sentence[m.span.end..].starts_with("’s"));
        let line = matches!(
            g.places[m.place].place.kind,
            PlaceKind::Border | PlaceKind::Corridor | PlaceKind::River
        ) || sentence[m.span.clone()].ends_with(" corridor");
        let attributive = g.places[m.place].place.kind == PlaceKind::Country
            && words(&sentence[m.span.end..])
                .first()
                .is_some_and(|x| PLACE_NOUNS.contains(&x.lower().as_str()));
        m.locative = !m.possessive
            && !attributive
            && match governor {
                Some((Governor::On, _)) => line,
                Some(_) => true,
                None => false,
            };
        m.visit = matches!(governor, Some((Governor::Visit, _)));
        m.titular = governor
            .and_then(|(_, lead)| lead)
            .and_then(|lead| w.iter().rposition(|x| x.end <= lead))
            .is_some_and(|k| titled(&w, k));
        if m.titular {
            m.locative = false;
        }
        if let Some((_, Some(lead))) = governor.filter(|_| m.locative) {
            m.cue = sentence[lead..m.span.end].to_owned();
        }
    }
    kept
}

/// Every gazetteer name written in the sentence, at word boundaries.
fn name_matches(g: &Gazetteer, sentence: &str) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for (name, place) in &g.names {
        let mut from = 0;
        while let Some(at) = sentence[from..].find(name.as_str()) {
            let start = from + at;
            let end = start + name.len();
            from = end;
            let before_ok = sentence[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = sentence[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            let overlaps = out.iter().any(|m| m.span.start < end && start < m.span.end);
            let other_place =
                g.places[*place].place.kind == PlaceKind::Country && after_compass(sentence, start);
            if before_ok && after_ok && !overlaps && !other_place {
                out.push(Mention {
                    span: start..end,
                    place: *place,
                    shape: g.places[*place].shape.clone(),
                    locative: false,
                    possessive: false,
                    visit: false,
                    titular: false,
                    cue: name.clone(),
                });
            }
        }
    }
    out
}

/// The country of a mention or word for "its border with": a country, or the country of a city.
fn country_of(g: &Gazetteer, m: &Mention) -> Option<String> {
    let p = &g.places[m.place].place;
    match p.kind {
        PlaceKind::Country => Some(p.name.clone()),
        PlaceKind::City if !p.country.contains('/') => Some(p.country.clone()),
        _ => None,
    }
}

/// The countries a sentence names, by name or adjective, when there are exactly two: "the
/// border" it speaks of is theirs ("Azerbaijani and Armenian troops clashed along the border",
/// "Iran staged drills near the Azerbaijani border").
fn two_countries(
    g: &Gazetteer,
    s: &str,
    w: &[Word<'_>],
    names: &[Mention],
) -> Option<(String, String)> {
    let mut found: Vec<String> = Vec::new();
    let named = names
        .iter()
        .filter(|m| g.places[m.place].place.kind == PlaceKind::Country)
        .map(|m| g.places[m.place].place.name.clone());
    let words = w
        .iter()
        .filter_map(|x| country_word(s, x).map(str::to_owned));
    for c in named.chain(words) {
        if !found.contains(&c) {
            found.push(c);
        }
    }
    match found.as_slice() {
        [a, b] => Some((a.clone(), b.clone())),
        _ => None,
    }
}

/// "the Armenian-Azerbaijani border", "the border between Armenia and Azerbaijan", "its border with
/// Azerbaijan", "Iran's border with Azerbaijan", and "the border" of the two countries a sentence
/// names.
fn border_phrases(g: &Gazetteer, s: &str, w: &[Word<'_>], names: &[Mention]) -> Vec<Mention> {
    let country_at = |i: usize| {
        w.get(i)
            .and_then(|x| country_name(x.text))
            .map(str::to_owned)
    };
    let mut out = Vec::new();
    for (i, word) in w.iter().enumerate() {
        if !word.text.eq_ignore_ascii_case("border")
            || names.iter().any(|m| m.span.contains(&word.start))
        {
            continue;
        }
        let pair_before = (i >= 2).then(|| (country_at(i - 2), country_at(i - 1)));
        let (a, b, first, last) = match pair_before {
            Some((Some(a), Some(b))) => (Some(a), Some(b), i - 2, i),
            _ if w.get(i + 1).is_some_and(|x| x.text == "between") => {
                (country_at(i + 2), country_at(i + 4), i, i + 4)
            }
            _ if w.get(i + 1).is_some_and(|x| x.text == "with") => {
                // "the border with the Republic of Azerbaijan", "with the Islamic Republic of Iran"
                let formal = |x: &Word<'_>| {
                    matches!(x.lower().as_str(), "the" | "republic" | "of" | "islamic")
                };
                let named = (i + 2..w.len().min(i + 7))
                    .take_while(|&j| j == i + 2 || formal(&w[j - 1]))
                    .find(|&j| country_at(j).is_some());
                let b = named.and_then(country_at);
                let end = named.unwrap_or(i + 2);
                let owner = (i >= 1)
                    .then(|| w[i - 1])
                    .filter(|x| possessive(s, x) && x.end + 2 <= word.start);
                let a = owner
                    .and_then(|x| country_name(x.text).map(str::to_owned))
                    .or_else(|| {
                        names
                            .iter()
                            .rev()
                            .filter(|m| m.span.end <= word.start)
                            .filter_map(|m| country_of(g, m))
                            .chain(
                                w[..i]
                                    .iter()
                                    .rev()
                                    .filter_map(|x| country_name(x.text).map(str::to_owned)),
                            )
                            .find(|c| Some(c) != b.as_ref())
                    });
                (a, b, i, end)
            }
            _ if i >= 1 && w[i - 1].lower() == "the" => match two_countries(g, s, w, names) {
                Some((a, b)) => (Some(a), Some(b), i - 1, i),
                None => continue,
            },
            // "the Azerbaijani border" in a sentence that names one other country
            _ if i >= 2 && w[i - 2].lower() == "the" && country_at(i - 1).is_some() => {
                match two_countries(g, s, w, names) {
                    Some((a, b)) => (Some(a), Some(b), i - 1, i),
                    None => continue,
                }
            }
            _ => continue,
        };
        let (Some(a), Some(b)) = (a, b) else { continue };
        let Some(place) = g.border(&a, &b) else {
            continue;
        };
        let Some(last) = w.get(last) else { continue };
        let span = w[first].start..last.end;
        out.push(Mention {
            cue: s[span.clone()].to_owned(),
            span,
            place,
            shape: g.places[place].shape.clone(),
            locative: false,
            possessive: false,
            visit: false,
            titular: false,
        });
    }
    out
}

/// "the Azerbaijani capital", "Iran's capital", "the capital of Armenia": the capital the
/// gazetteer's notes name, unless the city's own name follows ("the Georgian capital, Tbilisi").
fn capital_phrases(g: &Gazetteer, s: &str, w: &[Word<'_>], names: &[Mention]) -> Vec<Mention> {
    let mut out = Vec::new();
    for (i, word) in w.iter().enumerate() {
        if word.text != "capital" {
            continue;
        }
        let named_after = names.iter().any(|m| {
            m.span.start >= word.end && matches!(s[word.end..m.span.start].trim(), "" | ",")
        });
        if named_after {
            continue;
        }
        let country_at = |k: usize| w.get(k).and_then(|x| country_word(s, x));
        let before = match i.checked_sub(1) {
            Some(k) if w[k].text == "s" && k >= 1 && possessive(s, &w[k - 1]) => {
                country_at(k - 1).map(|c| (c, k - 1, i))
            }
            Some(k) => country_at(k).map(|c| (c, k, i)),
            None => None,
        };
        let after = || {
            w.get(i + 1).filter(|x| x.text == "of")?;
            let k = if w.get(i + 2).is_some_and(|x| x.text == "the") {
                i + 3
            } else {
                i + 2
            };
            country_at(k).map(|c| (c, i, k))
        };
        let Some((country, first, last)) = before.or_else(after) else {
            continue;
        };
        let Some(capital) = g.capital(country) else {
            continue;
        };
        let span = w[first].start..w[last].end;
        out.push(Mention {
            cue: s[span.clone()].to_owned(),
            span,
            place: capital,
            shape: None,
            locative: false,
            possessive: false,
            visit: false,
            titular: false,
        });
    }
    out
}

/// How a place is governed by the words before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Governor {
    /// "in", "at", "near", "into"...
    Locative,
    /// "visited", "a visit to", "a trip to".
    Visit,
    /// "on", "over": locative for borders, corridors and rivers only.
    On,
}

/// The word governing the place at `start` and where it starts, if it puts the place on the map.
fn governed(
    s: &str,
    w: &[Word<'_>],
    start: usize,
    earlier: &[Mention],
) -> Option<(Governor, Option<usize>)> {
    let before: Vec<&Word<'_>> = w.iter().filter(|x| x.end <= start).collect();
    if let Some(prev) = earlier.last()
        && matches!(s[prev.span.end..start].trim(), "," | "and" | "or")
        && prev.locative
    {
        let how = if prev.visit {
            Governor::Visit
        } else {
            Governor::Locative
        };
        return Some((how, None));
    }
    for (steps, x) in before.iter().rev().enumerate().take(7) {
        let lower = x.lower();
        let next_start = before.get(before.len() - steps).map_or(start, |n| n.start);
        let gap_after = &s[x.end..next_start];
        if gap_after
            .chars()
            .any(|c| !(c.is_whitespace() || matches!(c, ',' | '-' | '–' | '\'' | '’')))
        {
            return None;
        }
        if LOCATIVE.contains(&lower.as_str()) {
            let how = if lower.starts_with("visit") {
                Governor::Visit
            } else {
                Governor::Locative
            };
            return Some((how, Some(x.start)));
        }
        let k = before.len() - 1 - steps;
        let after_attack = k > 0 && ATTACK_NOUNS.contains(&before[k - 1].lower().as_str());
        if (lower == "on" || lower == "of") && after_attack {
            return Some((Governor::Locative, Some(before[k - 1].start)));
        }
        if ATTACK_VERBS.contains(&lower.as_str()) {
            return Some((Governor::Locative, Some(x.start)));
        }
        // "on the border", "a bridge over the Aras": where a line of the map is
        if lower == "on" || lower == "over" {
            return Some((Governor::On, Some(x.start)));
        }
        if lower == "to" {
            let motion = before[k.saturating_sub(10)..k]
                .iter()
                .map(|y| y.lower())
                .find(|y| MOTION.contains(&y.as_str()))?;
            let how = if matches!(motion.as_str(), "visit" | "visits" | "trip") {
                Governor::Visit
            } else {
                Governor::Locative
            };
            return Some((how, Some(x.start)));
        }
        let filler = DETERMINERS.contains(&lower.as_str())
            || PLACE_NOUNS.contains(&lower.as_str())
            || country_name(x.text).is_some()
            || lower == "s"
            || (x.is_capitalised() && steps == 0 && s[x.end..start].trim() == ",");
        if !filler {
            return None;
        }
    }
    None
}

/// Ambiguous names, corridors, districts and "on" for lines.
fn refine(g: &Gazetteer, s: &str, w: &[Word<'_>], m: &mut Mention) {
    let name = s[m.span.clone()].to_owned();
    let near: Vec<String> = w
        .iter()
        .filter(|x| x.end + 30 >= m.span.start && x.start <= m.span.end + 30)
        .map(Word::lower)
        .collect();
    if near.iter().any(|x| REGION_WORDS.contains(&x.as_str())) {
        let region = g
            .names
            .iter()
            .find(|(n, i)| *n == name && g.places[*i].place.kind == PlaceKind::Region);
        if let Some((_, i)) = region {
            m.place = *i;
            m.shape = g.places[*i].shape.clone();
        }
    }
    let after = &s[m.span.end..];
    if after.starts_with(" corridor") {
        let corridor = format!("{name} corridor");
        if g.corridors.contains(&corridor) {
            m.shape = Some(corridor);
        }
        m.span.end += " corridor".len();
        if !m.cue.ends_with(" corridor") {
            m.cue.push_str(" corridor");
        }
    } else if after.starts_with(" district")
        || after.starts_with(" region")
        || after.starts_with(" province")
    {
        let extra = after[1..]
            .find(|c: char| !c.is_alphabetic())
            .map_or(after.len(), |e| e + 1);
        m.cue = s[m.span.start..m.span.end + extra].to_owned();
    }
}

#[cfg(test)]
mod tests;
