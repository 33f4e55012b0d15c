//! Towns the gazetteer lacks, looked up by name in GeoNames' cities500 table for the region
//! (`assets/towns.json`, written by `make-basemap`): where an article says something happened "in
//! Jermuk" or "near the village of Sotk", the proposal stands at that town's GeoNames point,
//! and its place's note says how it was found, so the reviewer checks that it is the town meant.
//!
//! Only names an article writes after a word of place ("in", "near", "at", "the village of") or of
//! attack ("the shelling of", "shelled") are looked up, and a name the gazetteer holds, a country,
//! a month or a weekday never is. The table itself is [`crate::io::towns`].

use super::dates::{month_of, weekday_of};
use super::gazetteer::{Candidate, Gazetteer, country_name};
use super::places::{ATTACK_NOUNS, ATTACK_VERBS};
use super::words::{Word, words};
use crate::io::towns::{Found, Towns, country_of_code};
use crate::model::Place;

/// Words after which a capitalised name is where something happened.
const LOCATIVES: [&str; 12] = [
    "in", "at", "near", "outside", "around", "inside", "into", "across", "through", "within",
    "visited", "visiting",
];

/// Kinds of settlement written before a name: "the village of Sotk".
const SETTLEMENTS: [&str; 5] = ["village", "villages", "town", "city", "settlement"];

/// Words after a name that make it an area, not a town: "in Ararat province", "the Kalbajar
/// district", "the Zangezur corridor".
const AREA_WORDS: [&str; 14] = [
    "province",
    "provinces",
    "region",
    "marz",
    "district",
    "districts",
    "rayon",
    "corridor",
    "river",
    "mountains",
    "mountain",
    "valley",
    "gorge",
    "lake",
];

/// The most words a town's name is looked up with ("Nerkin Hand", "Nor Hachn").
const MAX_NAME_WORDS: usize = 3;

/// The gazetteer place of a looked-up town: the name as the article writes it (a contested town
/// of the map both ways, "Kalbajar / Karvachar"), at GeoNames' point, with a note saying where
/// it comes from and that the match is by name.
pub fn place_of(found: &Found<'_>) -> Place {
    let t = found.town;
    let country = country_of_code(&t.country);
    // a contested town of the map is named both ways, whichever way the article writes it
    let mut place = t.place(t.shown.as_deref().unwrap_or(&found.written));
    let written = t.shown.is_some().then_some(&found.written);
    for n in written.into_iter().chain([&t.name]).chain(t.names.first()) {
        if *n != place.name && !place.alt_names.contains(n) {
            place.alt_names.push(n.clone());
        }
    }
    let among = match found.namesakes {
        1 => String::new(),
        n => format!(" {n} towns of the table carry this name; {}.", found.why),
    };
    place.note = format!(
        "GeoNames' point of '{}' ({country}, id {}), from its cities500 table, found by the name \
         the article writes, '{}'; not in the atlas's gazetteer.{among} Check that it is the \
         place meant. Added by the article extractor.",
        t.name, t.geonames_id, found.written
    );
    place
}

/// The names an article writes after a word of place that the gazetteer lacks, each once, in the
/// order written.
///
/// ```
/// use caucasus_atlas::extract::{gazetteer::Gazetteer, towns::place_names};
/// let g = Gazetteer::bundled();
/// let text = "Shots were fired near the village of Sotk and in Jermuk on Monday, in Goris and in March.";
/// assert_eq!(place_names(text, &g), ["Sotk", "Jermuk"]);
/// let text = "They marched in Tbilisi, Batumi and Kutaisi.";
/// assert_eq!(place_names(text, &g), ["Batumi", "Kutaisi"]);
/// ```
pub fn place_names(text: &str, g: &Gazetteer) -> Vec<String> {
    let w = words(text);
    let mut out: Vec<String> = Vec::new();
    for k in 0..w.len() {
        let Some(mut at) = name_after(text, &w, k) else {
            continue;
        };
        // "in Batumi and Kutaisi", "in Sotk, Jermuk and Tegh": each name of a list
        loop {
            let end = run_end(text, &w, at);
            let name = &text[w[at].start..w[end].end];
            let area = w
                .get(end + 1)
                .is_some_and(|x| AREA_WORDS.contains(&x.lower().as_str()));
            if !area && looked_up(&w[at], name, g) && !out.iter().any(|o| o == name) {
                out.push(name.to_owned());
            }
            match next_in_list(text, &w, end) {
                Some(next) => at = next,
                None => break,
            }
        }
    }
    out
}

/// The last word of the capitalised name that starts at word `at` (at most [`MAX_NAME_WORDS`]
/// words, parted by single spaces).
fn run_end(text: &str, w: &[Word<'_>], at: usize) -> usize {
    let mut end = at;
    while end + 1 < w.len()
        && end + 1 - at < MAX_NAME_WORDS
        && w[end + 1].is_capitalised()
        && text.get(w[end].end..w[end + 1].start) == Some(" ")
    {
        end += 1;
    }
    end
}

/// The word the next name of a list starts at, after a name that ends at word `end`: ", X" or
/// " and X" / " or X".
fn next_in_list(text: &str, w: &[Word<'_>], end: usize) -> Option<usize> {
    let after = w.get(end + 1)?;
    let gap = text.get(w[end].end..after.start)?;
    if gap == ", " && after.is_capitalised() {
        return Some(end + 1);
    }
    let joined = matches!(after.lower().as_str(), "and" | "or") && matches!(gap, " " | ", ");
    let next = w.get(end + 2)?;
    (joined && text.get(after.end..next.start) == Some(" ") && next.is_capitalised())
        .then_some(end + 2)
}

/// The word a name starts at when word `k` is a word of place before one.
fn name_after(text: &str, w: &[Word<'_>], k: usize) -> Option<usize> {
    let lower = w[k].lower();
    let before = k.checked_sub(1).map(|b| w[b].lower()).unwrap_or_default();
    let settlement = lower == "of" && SETTLEMENTS.contains(&before.as_str());
    // "the attack on Jermuk", "the shelling of Sotk", "shelled Tegh"
    let attacked = (matches!(lower.as_str(), "on" | "of")
        && ATTACK_NOUNS.contains(&before.as_str()))
        || ATTACK_VERBS.contains(&lower.as_str());
    if !(LOCATIVES.contains(&lower.as_str()) || settlement || attacked) {
        return None;
    }
    let next = w.get(k + 1)?;
    (text.get(w[k].end..next.start) == Some(" ") && next.is_capitalised()).then_some(k + 1)
}

/// Whether a capitalised name may be looked up: not a name the gazetteer holds, a country or its
/// adjective, a month, a weekday or an acronym.
fn looked_up(first: &Word<'_>, name: &str, g: &Gazetteer) -> bool {
    let acronym = first
        .text
        .chars()
        .all(|c| c.is_uppercase() || c.is_ascii_digit());
    let known = g
        .names
        .iter()
        .any(|(n, _)| name == n || name.starts_with(&format!("{n} ")));
    !acronym
        && !known
        && country_name(first.text).is_none()
        && month_of(first).is_none()
        && weekday_of(&first.lower()).is_none()
}

/// The town of the longest run of a name's words the table knows. A shorter run than the whole
/// name must be the town's own GeoNames name: "in Lenin Square" is no village once called Lenin.
fn longest_known<'t>(name: &str, towns: &'t Towns, countries: &[&str]) -> Option<Found<'t>> {
    let parts: Vec<&str> = name.split(' ').collect();
    (1..=parts.len()).rev().find_map(|n| {
        let found = towns.find(&parts[..n].join(" "), countries)?;
        (n == parts.len() || found.town.name == found.written).then_some(found)
    })
}

/// The countries an article names, by name or adjective, as the gazetteer names them.
pub fn countries_named(text: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for word in words(text) {
        if let Some(c) = country_name(word.text)
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out
}

/// The towns an article says something happened at that the gazetteer lacks but the table holds,
/// as gazetteer candidates: for each name, its longest run of words the table knows. A town the
/// gazetteer holds under another name is its gazetteer place with the article's name added.
pub fn candidates(text: &str, g: &Gazetteer, towns: &Towns) -> Vec<Candidate> {
    if towns.is_empty() {
        return Vec::new();
    }
    let countries = countries_named(text);
    let mut out: Vec<Candidate> = Vec::new();
    for name in place_names(text, g) {
        let Some(found) = longest_known(&name, towns, &countries) else {
            continue;
        };
        // a town the gazetteer holds by its GeoNames id, written another way ("Jolfa" for Julfa)
        let held = g
            .places
            .iter()
            .find(|c| c.place.geonames_id == Some(found.town.geonames_id));
        let place = match held {
            Some(c) => {
                let mut place = c.place.clone();
                place.alt_names.push(found.written.clone());
                place
            }
            None => place_of(&found),
        };
        if !out.iter().any(|c| c.place.id == place.id) {
            out.push(Candidate {
                ad_hoc: held.is_none_or(|c| c.ad_hoc),
                shape: held.and_then(|c| c.shape.clone()),
                place,
            });
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::io::towns::tests::TABLE;

    #[test]
    fn a_place_is_named_as_the_article_writes_it_at_the_geonames_point() {
        let towns = Towns::from_json(TABLE);
        let found = towns.find("Sisian", &[]).unwrap();
        let place = place_of(&found);
        assert_eq!(place.name, "Sisian");
        assert_eq!(place.alt_names, ["Hats’avan"]);
        assert_eq!((place.lat, place.lon), (39.52, 46.03));
        assert_eq!(place.country, "Armenia");
        assert_eq!(place.geonames_id, Some(7));
        assert!(place.note.contains("id 7"), "{}", place.note);
        assert!(place.note.contains("Check that it is"), "{}", place.note);
    }

    #[test]
    fn a_contested_town_is_named_both_ways_whichever_way_the_article_writes_it() {
        let towns = Towns::bundled();
        let found = towns.find("Karvachar", &[]).unwrap();
        let place = place_of(&found);
        assert_eq!(place.name, "Kalbajar / Karvachar");
        assert_eq!(place.alt_names[0], "Karvachar");
        // the Martuni of Karabakh, which the atlas names both ways, before Armenia's
        let found = towns.find("Martuni", &["Armenia"]).unwrap();
        assert_eq!(place_of(&found).name, "Martuni / Khojavend");
        assert!(found.why.contains("both ways"), "{}", found.why);
    }

    #[test]
    fn only_names_after_a_word_of_place_are_looked_up() {
        let g = Gazetteer::bundled();
        let towns = Towns::from_json(TABLE);
        let text = "Tovuz said it would respond. Shelling was reported in Tovuz and near Baku.";
        let found = candidates(text, &g, &towns);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].place.id, "geonames-3");
        assert!(candidates("Tovuz said it would respond.", &g, &towns).is_empty());
    }

    #[test]
    fn the_longest_known_run_of_words_is_the_name() {
        let g = Gazetteer::bundled();
        let towns = Towns::from_json(TABLE);
        let found = candidates("A rally was held in Agarak Square.", &g, &towns);
        assert_eq!(found[0].place.name, "Agarak");
        // a shorter run must be the town's own name, not one of its other names
        assert!(candidates("A rally was held in Sisian Square.", &g, &towns).is_empty());
        let found = candidates("A rally was held in Sisian.", &g, &towns);
        assert_eq!(found[0].place.name, "Sisian");
    }

    #[test]
    fn gazetteer_names_countries_months_and_acronyms_are_not_looked_up() {
        let g = Gazetteer::bundled();
        let text = "Talks in Baku, in Armenian media, in Iran's north, in June, in NATO and on \
                    Monday in Yerevan, in Ararat province and in the Tovuz district.";
        assert!(
            place_names(text, &g).is_empty(),
            "{:?}",
            place_names(text, &g)
        );
    }
}
