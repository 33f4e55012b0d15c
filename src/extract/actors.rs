//! Who acts in a sentence: people, ministries, offices and forces. Names are learnt from the
//! bundled events' `actors` and `claimed_by` (not a list typed in for the seed articles), and new
//! ones are recognised by their shape: a title before a name ("defense minister Safar Abiyev"), a
//! country adjective before a body ("the Azerbaijani Defense Ministry"). Each actor's country comes
//! from the words around it.

use super::gazetteer::{country_name, country_word, seat_country};
use super::words::{Word, possessive, words};
use crate::model::Event;
use std::ops::Range;

/// What sort of actor a name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorKind {
    /// A person ("Safar Abiyev", "Ayatollah Khamenei").
    Person,
    /// A ministry, office, government, force or agency: it sits somewhere.
    Body,
}

/// Words that make a name a body rather than a person.
pub const BODY_WORDS: [&str; 27] = [
    "ministry",
    "department",
    "office",
    "government",
    "parliament",
    "agency",
    "committee",
    "authorities",
    "military",
    "army",
    "forces",
    "troops",
    "peacekeepers",
    "police",
    "service",
    "council",
    "embassy",
    "consulate",
    "press",
    "officials",
    "official",
    "guards",
    "cabinet",
    "presidency",
    "outlets",
    "media",
    "staff",
];

/// Titles that come before a person's name.
const TITLES: [&str; 19] = [
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "secretary",
    "ayatollah",
    "general",
    "leader",
    "deputy",
    "speaker",
    "commander",
    "chief",
    "envoy",
    "representative",
    "mayor",
    "governor",
    "prime",
];

/// An actor named in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Byte range in the sentence.
    pub span: Range<usize>,
    /// The name as written, without a leading article.
    pub name: String,
    /// Person or body.
    pub kind: ActorKind,
    /// The country the words around it give ("Azerbaijani", "Iran's", "of Armenia").
    pub country: Option<String>,
}

/// Actor names known from curated data.
#[derive(Clone, Debug, Default)]
pub struct ActorIndex {
    /// Known names with their kind, longest first.
    pub known: Vec<(String, ActorKind)>,
}

/// Whether a phrase at the start of a sentence still looks like a name: two capitalised words or
/// more ("Ned Price said"), a country word ("Azerbaijani officials"), or a capital that stands
/// for its government ("Baku said").
pub fn is_known_shape(phrase: &str) -> bool {
    let w = words(phrase);
    w.iter().take(2).all(Word::is_capitalised) && w.len() >= 2
        || w.iter()
            .any(|x| country_name(x.text).is_some() || seat_country(x.text).is_some())
}

fn is_body(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| BODY_WORDS.contains(&w.to_lowercase().as_str()))
}

impl ActorIndex {
    /// Learns actor names from events' `actors` and `claimed_by`. Publishers, and names written
    /// as a web address ("News.az"), are outlets: bodies, not people.
    pub fn from_events(events: &[Event]) -> ActorIndex {
        let publishers: Vec<&str> = events
            .iter()
            .filter_map(|e| e.source.publisher.as_deref())
            .collect();
        let mut known: Vec<(String, ActorKind)> = Vec::new();
        let names = events
            .iter()
            .flat_map(|e| e.actors.iter().chain(e.claimed_by.iter()));
        for name in names {
            let name = name
                .trim()
                .trim_start_matches("the ")
                .trim_start_matches("a ");
            let capitalised = name
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w == "of");
            if name.len() < 3 || country_name(name).is_some() || !capitalised {
                continue;
            }
            let outlet = publishers.contains(&name) || (name.contains('.') && !name.contains(' '));
            let kind = if is_body(name) || outlet {
                ActorKind::Body
            } else {
                ActorKind::Person
            };
            let last = name.rsplit(' ').next().unwrap_or(name);
            let role = name.split(' ').any(|w| w == "of")
                || TITLES.contains(&last.to_lowercase().as_str())
                || country_name(last).is_some()
                || !name.contains(' ');
            if kind == ActorKind::Person && role {
                continue;
            }
            if !known.iter().any(|(k, _)| k == name) {
                known.push((name.to_owned(), kind));
            }
        }
        known.sort_by_key(|k| std::cmp::Reverse(k.0.len()));
        ActorIndex { known }
    }

    /// The index learnt from the bundled events.
    pub fn bundled() -> ActorIndex {
        ActorIndex::from_events(&super::bundled_events())
    }

    /// The actors named in `sentence`, in order.
    pub fn find(&self, sentence: &str) -> Vec<Actor> {
        let w = words(sentence);
        let mut out: Vec<Actor> = Vec::new();
        let add = |span: Range<usize>, kind: ActorKind, out: &mut Vec<Actor>| {
            if out
                .iter()
                .any(|a| a.span.start < span.end && span.start < a.span.end)
            {
                return;
            }
            let name = sentence[span.clone()].to_owned();
            out.push(Actor {
                country: country_around(sentence, &w, &span),
                span,
                name,
                kind,
            });
        };
        for (name, kind) in &self.known {
            for (start, _) in sentence.match_indices(name.as_str()) {
                let end = start + name.len();
                if bounded(sentence, start, end) {
                    add(start..end, *kind, &mut out);
                }
            }
            let surname = name.rsplit(' ').next().unwrap_or("");
            if *kind == ActorKind::Person && surname.len() >= 4 && surname != name {
                for (start, _) in sentence.match_indices(surname) {
                    let end = start + surname.len();
                    if bounded(sentence, start, end) {
                        add(start..end, *kind, &mut out);
                    }
                }
            }
        }
        for span in titled_names(sentence, &w) {
            add(span, ActorKind::Person, &mut out);
        }
        let found = bodies(sentence, &w);
        for (span, name) in shared_bodies(sentence, &w, &found) {
            if !out
                .iter()
                .any(|a| a.span.start < span.end && span.start < a.span.end)
            {
                out.push(Actor {
                    country: country_around(sentence, &w, &span),
                    span,
                    name,
                    kind: ActorKind::Body,
                });
            }
        }
        for span in found {
            add(span, ActorKind::Body, &mut out);
        }
        out.sort_by_key(|a| a.span.start);
        out
    }
}

fn bounded(s: &str, start: usize, end: usize) -> bool {
    s[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
        && s[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

fn is_name_word(w: &Word<'_>) -> bool {
    w.is_capitalised()
        && w.text.chars().count() >= 2
        && country_name(w.text).is_none()
        && !TITLES.contains(&w.lower().as_str())
        && !is_body(w.text)
}

/// Plural titles a list of names may follow: "her counterparts Jeyhun Bayramov and Hakan Fidan".
const PLURAL_TITLES: [&str; 4] = ["counterparts", "ministers", "presidents", "leaders"];

/// The name of one to three name words after "and" at word `and` ("… and Hakan Fidan").
fn name_after_and(s: &str, w: &[Word<'_>], and: usize) -> Option<Range<usize>> {
    let first = and + 1;
    if w.get(and)?.text != "and" || !w.get(first).is_some_and(is_name_word) {
        return None;
    }
    let mut end = first;
    while end + 1 < w.len()
        && end - first < 2
        && is_name_word(&w[end + 1])
        && joined(s, &w[end], &w[end + 1])
    {
        end += 1;
    }
    Some(w[first].start..w[end].end)
}

/// Names after a title: "defense minister Safar Abiyev", "Ambassador Javanshir Akhundov".
fn titled_names(s: &str, w: &[Word<'_>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let plural = PLURAL_TITLES.contains(&w[i].lower().as_str());
        let title =
            TITLES.contains(&w[i].lower().as_str()) || w[i].lower() == "ayatollah" || plural;
        if title {
            let mut j = i + 1;
            while j < w.len() && is_name_word(&w[j]) && j - i <= 3 && joined(s, &w[j - 1], &w[j]) {
                j += 1;
            }
            // words between two titles are the title's ("Deputy Foreign Minister Ali Bagheri
            // Kani"), not a name: read on from the second title
            let another_title = j > i + 1
                && w.get(j)
                    .is_some_and(|t| TITLES.contains(&t.lower().as_str()))
                && joined(s, &w[j - 1], &w[j]);
            if another_title {
                i = j;
                continue;
            }
            if j - i >= 2 {
                let first = if w[i].lower() == "ayatollah" {
                    i
                } else {
                    i + 1
                };
                out.push(w[first].start..w[j - 1].end);
                // "her counterparts Jeyhun Bayramov and Hakan Fidan": each name of the list
                if plural && let Some(next) = name_after_and(s, w, j) {
                    out.push(next.clone());
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Whether two words are joined by a space or a hyphen only.
fn joined(s: &str, a: &Word<'_>, b: &Word<'_>) -> bool {
    matches!(&s[a.end..b.start], " " | "-")
}

/// Lowercase words that may stand between a country word and its body noun: "the Armenian armed
/// forces", "Iranian border guards", "Azerbaijani security forces".
const BODY_MODIFIERS: [&str; 8] = [
    "armed", "security", "border", "state", "special", "air", "naval", "ground",
];

/// Bodies: a country word followed by capitalised words and a body noun ("the Azerbaijani Defense
/// Ministry", "Iran's Foreign Ministry", "Russian peacekeepers", "Azeri officials").
fn bodies(s: &str, w: &[Word<'_>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (i, x) in w.iter().enumerate() {
        if country_word(s, x).is_none() {
            continue;
        }
        let mut j = i + 1;
        if possessive(s, x) && w.get(j).is_some_and(|y| y.text == "s") {
            j += 1;
        }
        let mut last = None;
        while let Some(y) = w.get(j) {
            if j > i + 5 || !matches!(&s[w[j - 1].end..y.start], " " | "’" | "'" | "-") {
                break;
            }
            if BODY_WORDS.contains(&y.lower().as_str()) {
                last = Some(j);
            } else if !y.is_capitalised() && !BODY_MODIFIERS.contains(&y.lower().as_str()) {
                break;
            }
            j += 1;
        }
        if let Some(last) = last {
            out.push(x.start..w[last].end);
        }
    }
    out
}

/// Bodies of two countries written with one noun ("Iranian and Azerbaijani naval forces",
/// "Armenian and Azerbaijani border guards"): the first country's adjective (not its name:
/// "between Iran and Azerbaijani officials" is one body), named with the noun it shares ("Iranian naval forces"), beside each body [`bodies`] found.
fn shared_bodies(s: &str, w: &[Word<'_>], found: &[Range<usize>]) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    for body in found {
        let Some(k) = w.iter().position(|x| x.start == body.start) else {
            continue;
        };
        let [.., first, and, _] = &w[..=k] else {
            continue;
        };
        let listed = and.text == "and"
            && s.get(first.end..and.start) == Some(" ")
            && s.get(and.end..body.start) == Some(" ")
            && country_word(s, first).is_some_and(|c| c != first.text);
        if listed {
            let noun = &s[w[k].end..body.end];
            out.push((first.start..first.end, format!("{}{noun}", first.text)));
        }
    }
    out
}

/// The country named just before an actor ("Azerbaijani", "Iran's") or after it ("of Azerbaijan").
fn country_around(s: &str, w: &[Word<'_>], span: &Range<usize>) -> Option<String> {
    let inside = w
        .iter()
        .filter(|x| x.start >= span.start && x.end <= span.end)
        .find_map(|x| country_word(s, x));
    let before = w
        .iter()
        .filter(|x| x.end <= span.start)
        .rev()
        .take(6)
        .take_while(|x| x.is_capitalised() || TITLES.contains(&x.lower().as_str()) || x.text == "s")
        .find_map(|x| country_word(s, x));
    let after_words: Vec<&Word<'_>> = w.iter().filter(|x| x.start >= span.end).take(5).collect();
    let after = match after_words.as_slice() {
        [of, rest @ ..] if of.text == "of" && s[span.end..of.start].trim().is_empty() => rest
            .iter()
            .take_while(|x| x.is_capitalised() || x.text == "the" || x.text == "of")
            .find_map(|x| country_word(s, x)),
        _ => None,
    };
    inside
        .or(before)
        .or(after)
        .or_else(|| apposition_country(s, w, span))
        .map(str::to_owned)
}

/// The country an apposition after a name gives its office: "Ali Akbar Velayati, an adviser to
/// Iran's Supreme Leader", "Jeyhun Bayramov, Azerbaijan's foreign minister".
fn apposition_country(s: &str, w: &[Word<'_>], span: &Range<usize>) -> Option<&'static str> {
    if !s[span.end..].starts_with(", ") {
        return None;
    }
    let clause_end = s[span.end + 2..]
        .find([',', '.', ';', '"', '”'])
        .map_or(s.len(), |e| span.end + 2 + e);
    let words: Vec<&Word<'_>> = w
        .iter()
        .filter(|x| x.start > span.end && x.end <= clause_end)
        .take(8)
        .collect();
    let opens = words.first().is_some_and(|x| {
        matches!(x.lower().as_str(), "a" | "an" | "the") || country_word(s, x).is_some()
    });
    let office = words.iter().any(|x| {
        let lower = x.lower();
        TITLES.contains(&lower.as_str()) || APPOSITION_OFFICES.contains(&lower.as_str())
    });
    (opens && office)
        .then(|| words.iter().find_map(|x| country_word(s, x)))
        .flatten()
}

/// The country an apposition after `name` in `sentence` gives its office ("said Ali Akbar
/// Velayati, an adviser to Iran's Supreme Leader").
///
/// ```
/// use caucasus_atlas::extract::actors::apposition_country_of;
/// let s = "\"No,\" said Ali Akbar Velayati, an adviser to Iran's Supreme Leader.";
/// assert_eq!(apposition_country_of(s, "Ali Akbar Velayati"), Some("Iran"));
/// assert_eq!(apposition_country_of("Velayati, who spoke in Baku, said so.", "Velayati"), None);
/// ```
pub fn apposition_country_of(sentence: &str, name: &str) -> Option<&'static str> {
    let start = sentence.find(name)?;
    let w = words(sentence);
    apposition_country(sentence, &w, &(start..start + name.len()))
}

/// Offices named in an apposition beside [`TITLES`]: "an adviser to…", "an aide to…".
const APPOSITION_OFFICES: [&str; 5] = ["adviser", "advisor", "aide", "official", "lawmaker"];

#[cfg(test)]
mod tests;
