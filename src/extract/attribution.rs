//! Who a sentence attributes its claim to ("according to the ministry", "the ministry said",
//! "answered Ned Price", "reports by Azerbaijani news outlets"), and whether it calls the report
//! unverified.

use super::actors::BODY_WORDS;
use super::gazetteer::seat_country;
use super::words::{Word, words};
use std::ops::Range;

/// Verbs that attribute what a sentence says to someone.
pub const REPORTING: [&str; 30] = [
    "said",
    "says",
    "stated",
    "states",
    "claimed",
    "claims",
    "announced",
    "reported",
    "reports",
    "told",
    "added",
    "noted",
    "stressed",
    "emphasized",
    "emphasised",
    "underlined",
    "alleged",
    "alleges",
    "accused",
    "insisted",
    "confirmed",
    "denied",
    "warned",
    "quoted",
    "answered",
    "wrote",
    "tweeted",
    "declared",
    "concluded",
    "argued",
];

/// Words that end a subject phrase when walking back from its verb.
const CLAUSE_WORDS: [&str; 18] = [
    "that", "and", "but", "as", "which", "who", "while", "when", "after", "before", "because",
    "so", "since", "although", "though", "whereas", "if", "unless",
];

/// Auxiliaries and adverbs that may stand between a subject and its reporting verb.
const BETWEEN: [&str; 9] = [
    "has",
    "had",
    "have",
    "was",
    "were",
    "also",
    "reportedly",
    "later",
    "then",
];

/// Pronouns that stand for an actor named before.
pub const PRONOUNS: [&str; 6] = ["he", "she", "it", "they", "we", "i"];

/// Phrases by which a source says a report is unverified.
const UNVERIFIED: [&str; 7] = [
    "unverified",
    "unconfirmed",
    "could not be independently verified",
    "could not be verified",
    "cannot be verified",
    "not been independently verified",
    "not been verified",
];

/// Whom a sentence attributes its claim to, and the words that say so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The source as written, without a leading article ("Azerbaijani Foreign Ministry"); a
    /// pronoun ("he", "it") when the sentence names no one.
    pub source: String,
    /// The attributing words ("according to", "said", "told").
    pub cue: String,
    /// Byte range in the sentence of the source and its attributing words together ("the
    /// ministry said", "according to the ministry", "answered Ned Price").
    pub span: Range<usize>,
}

/// Words by which an article tells a report only as reported, without adopting it.
pub const HEDGES: [&str; 3] = ["reportedly", "allegedly", "purportedly"];

/// The phrase by which the sentence calls its report unverified ("could not be independently
/// verified"), or hedges it ("reportedly"), if it does.
///
/// ```
/// use caucasus_atlas::extract::attribution::unverified;
/// assert_eq!(unverified("Drones reportedly struck positions near Julfa."), Some("reportedly"));
/// assert_eq!(unverified("The claim could not be verified."), Some("could not be verified"));
/// assert_eq!(unverified("Drones struck positions near Julfa."), None);
/// ```
pub fn unverified(sentence: &str) -> Option<&'static str> {
    let lower = sentence.to_lowercase();
    let w = words(&lower);
    UNVERIFIED
        .iter()
        .copied()
        .find(|p| lower.contains(p))
        .or_else(|| {
            HEDGES
                .iter()
                .copied()
                .find(|h| w.iter().any(|x| x.text == *h))
        })
}

fn strip_article(text: &str) -> &str {
    let t = text.trim();
    for a in ["the ", "The ", "an ", "An ", "a ", "A "] {
        if let Some(rest) = t.strip_prefix(a) {
            return rest.trim();
        }
    }
    t
}

/// Plural nouns that name a source without being a body of a state: "aid groups said", "witnesses
/// told". They make a phrase a source, and nothing more (a body is also placed at its capital).
const SOURCE_NOUNS: [&str; 19] = [
    "leaders",
    "lawmakers",
    "politicians",
    "protesters",
    "demonstrators",
    "groups",
    "witnesses",
    "residents",
    "sources",
    "analysts",
    "observers",
    "activists",
    "monitors",
    "organisations",
    "organizations",
    "journalists",
    "diplomats",
    "villagers",
    "experts",
];

/// Whether a phrase can be a source: it names someone (a capitalised word, a body, an official,
/// or a group such as "aid groups" or "witnesses").
/// At the start of a sentence the first word's capital says nothing, so `opens_sentence` skips it.
fn names_someone(phrase: &str, opens_sentence: bool) -> bool {
    let w = words(phrase);
    let lower = phrase.to_lowercase();
    let skip = usize::from(opens_sentence);
    PRONOUNS.contains(&lower.as_str())
        || w.iter()
            .skip(skip)
            .any(|x| x.is_capitalised() && x.text.len() > 1)
        || w.iter().any(|x| {
            let lower = x.lower();
            BODY_WORDS.contains(&lower.as_str()) || SOURCE_NOUNS.contains(&lower.as_str())
        })
}

/// Words after `from` up to the next punctuation, at most `max` words, and where they end.
fn phrase_after(s: &str, w: &[Word<'_>], from: usize, max: usize) -> Option<(String, usize)> {
    let first = w.get(from)?;
    let mut last = first;
    for pair in w[from..].windows(2).take(max.saturating_sub(1)) {
        let gap = &s[pair[0].end..pair[1].start];
        let web_address = gap == "." && !pair[1].is_capitalised();
        let next = pair[1].lower();
        // a verb ends the name: "according to Iranian state media acted out of…"
        let verb = !pair[1].is_capitalised()
            && (next.ends_with("ed") || REPORTING.contains(&next.as_str()))
            && gap == " ";
        if !(matches!(gap, " " | "-" | "'" | "’" | ". ") || web_address)
            || CLAUSE_WORDS.contains(&next.as_str())
            || verb
        {
            break;
        }
        last = &pair[1];
    }
    let text = strip_article(&s[first.start..last.end]);
    let text = text.rsplit_once(" by ").map_or(text, |(_, by)| by);
    Some((strip_article(text).to_owned(), last.end))
}

/// The subject phrase before the verb at word `v`, and where it starts.
fn subject_before(s: &str, w: &[Word<'_>], v: usize) -> Option<(String, usize)> {
    let mut end = v;
    while end > 0 && BETWEEN.contains(&w[end - 1].lower().as_str()) {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    // "Zourabichvili, who has sided with the protesters, said": the subject stands before the
    // relative clause set off by commas
    if end < w.len() && s[w[end - 1].end..w[end].start].contains(',') {
        // and so does a participle's phrase: "Aliyev, speaking in Shusha last week, said"
        let relative = (1..end).rev().take(15).find(|&k| {
            let lower = w[k].lower();
            let participle = lower.len() > 4 && lower.ends_with("ing") && !w[k].is_capitalised();
            (matches!(lower.as_str(), "who" | "which") || participle)
                && s[w[k - 1].end..w[k].start].trim() == ","
        });
        if let Some(k) = relative {
            end = k;
        }
    }
    // "X offered condolences and said": the verb shares the subject of the clause it joins
    if matches!(w[end - 1].lower().as_str(), "and" | "but") {
        return opening_subject(s, w, end - 1);
    }
    let mut start = end - 1;
    let mut listing = false;
    while start > 0 && end - start < 9 {
        let gap = &s[w[start - 1].end..w[start].start];
        let prev = w[start - 1].lower();
        // names joined by "and" are one subject: "Armenia and Azerbaijan accused each other", and
        // so is a list of them: "Washington, Paris, London and Berlin announced"
        let names_joined = prev == "and"
            && gap == " "
            && start >= 2
            && w[start].is_capitalised()
            && w[start - 2].is_capitalised()
            && s[w[start - 2].end..w[start - 1].start] == *" ";
        if names_joined {
            start -= 2;
            listing = true;
            continue;
        }
        if listing && gap == ", " && w[start].is_capitalised() && w[start - 1].is_capitalised() {
            start -= 1;
            continue;
        }
        // a name given both ways in brackets stays whole: "Residents of Khankendi (Stepanakert)"
        if !matches!(gap, " " | "-" | "'" | "’" | "’s " | "'s " | " (" | ") ")
            || CLAUSE_WORDS.contains(&prev.as_str())
        {
            break;
        }
        start -= 1;
    }
    let last = w[end - 1].end;
    let closed = last + usize::from(s[last..].starts_with(')'));
    let phrase = strip_article(&s[w[start].start..closed]);
    // a bracket the phrase does not open is not its own
    let phrase = match phrase.find(')') {
        Some(at) if !phrase[..at].contains('(') => phrase[at + 1..].trim(),
        _ => phrase,
    }
    .to_owned();
    let opens = s[..w[start].start].trim().is_empty() && !super::actors::is_known_shape(&phrase);
    names_someone(&phrase, opens).then_some((phrase, w[start].start))
}

/// Documents, which say what was agreed or planned: "according to" one names no source.
const DOCUMENTS: [&str; 12] = [
    "agreement",
    "treaty",
    "deal",
    "statement",
    "declaration",
    "decree",
    "plan",
    "terms",
    "constitution",
    "law",
    "document",
    "memorandum",
];

/// Whether a phrase names a document ("the agreement", "the 2020 trilateral statement"), not a
/// source that speaks.
fn is_document(phrase: &str) -> bool {
    words(phrase)
        .last()
        .is_some_and(|w| DOCUMENTS.contains(&w.lower().as_str()))
}

/// The subject the sentence opens with, before its first verb, when it names someone: the
/// subject of every verb joined to the first ("Azerbaijan's President Aliyev offered condolences
/// and said…"). `before` is the joining word, which the subject must precede.
fn opening_subject(s: &str, w: &[Word<'_>], before: usize) -> Option<(String, usize)> {
    let verb = w[..before].iter().position(|x| {
        let lower = x.lower();
        !x.is_capitalised()
            && (lower.ends_with("ed") || REPORTING.contains(&lower.as_str()) || lower == "has")
    })?;
    if verb == 0 {
        return None;
    }
    let phrase = strip_article(&s[w[0].start..w[verb - 1].end]).to_owned();
    let opens = !super::actors::is_known_shape(&phrase);
    names_someone(&phrase, opens).then_some((phrase, w[0].start))
}

/// Whom the sentence attributes its claim to.
pub fn attribution(sentence: &str) -> Option<Attribution> {
    let w = words(sentence);
    let lw: Vec<String> = w.iter().map(Word::lower).collect();
    let according = lw
        .windows(2)
        .position(|p| p[0] == "according" && p[1] == "to");
    // "according to the agreement" names a document, not a source
    if let Some(i) = according
        && let Some((source, end)) =
            phrase_after(sentence, &w, i + 2, 8).filter(|(source, _)| !is_document(source))
    {
        return Some(Attribution {
            source,
            cue: "according to".to_owned(),
            span: w[i].start..end,
        });
    }
    let mut seat: Option<Attribution> = None;
    for (v, verb) in lw.iter().enumerate() {
        let noun = lw
            .get(v + 1)
            .is_some_and(|n| matches!(n.as_str(), "by" | "from" | "of"));
        // a capitalised word inside the sentence is a name, not a verb ("the United States")
        let name = v > 0 && w[v].is_capitalised();
        if !REPORTING.contains(&verb.as_str()) || noun || name {
            continue;
        }
        let gap_before = v
            .checked_sub(1)
            .map_or("", |p| &sentence[w[p].end..w[v].start]);
        let inverted = gap_before.contains(['"', '”', ','])
            && w.get(v + 1).is_some_and(|x| x.is_capitalised());
        // "…, said the ministry." ends with its speaker; "…, Shushan Stepanyan, said Azerbaijani
        // forces had shelled…" goes on with what was said, and its speaker stands before
        let speaker_after = inverted
            .then(|| phrase_after(sentence, &w, v + 1, 5))
            .flatten()
            .filter(|(_, end)| {
                let rest = sentence[*end..].trim_start();
                rest.is_empty() || rest.starts_with(['.', ',', ';', ':', '"', '”', ')'])
            });
        let found = match speaker_after {
            Some((p, end)) => Some((p, w[v].start..end)),
            None => subject_before(sentence, &w, v).map(|(p, start)| (p, start..w[v].end)),
        };
        if let Some((source, span)) = found.filter(|(s, _)| !s.is_empty()) {
            let found = Attribution {
                source,
                cue: w[v].text.to_owned(),
                span,
            };
            // a capital standing for its government gives way to a speaker the sentence names
            // after it ("Moscow said…, Kremlin spokesman Dmitry Peskov said")
            if seat_country(found.source.trim()).is_none() {
                return Some(found);
            }
            seat.get_or_insert(found);
        }
    }
    if seat.is_some() {
        return seat;
    }
    let by = lw.windows(2).position(|p| {
        matches!(p[0].as_str(), "reports" | "report") && matches!(p[1].as_str(), "by" | "from")
    })?;
    let (source, end) = phrase_after(sentence, &w, by + 2, 6)?;
    Some(Attribution {
        source,
        cue: format!("{} {}", w[by].text, w[by + 1].text),
        span: w[by].start..end,
    })
}

/// A sentence that opens with one capitalised word and its reporting verb ("Baghaei also said
/// that…", "Lavrov said Moscow was ready…"), when `article` writes that word inside a sentence
/// elsewhere ("spokesman Esmaeil Baghaei on Monday"): a surname, which at the start of a sentence
/// [`attribution`] cannot tell from a common word.
pub fn opening_surname(sentence: &str, article: &str) -> Option<Attribution> {
    let w = words(sentence);
    let first = w.first()?;
    let mut v = 1;
    while w
        .get(v)
        .is_some_and(|x| BETWEEN.contains(&x.lower().as_str()))
    {
        v += 1;
    }
    let verb = w.get(v)?;
    let joined = sentence[first.end..verb.start]
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ');
    let reporting = REPORTING.contains(&verb.lower().as_str()) && !verb.is_capitalised();
    let opens = sentence[..first.start].trim().is_empty();
    if !(opens && joined && reporting && first.is_capitalised() && first.text.len() > 2) {
        return None;
    }
    written_inside_a_sentence(article, first.text).then(|| Attribution {
        source: first.text.to_owned(),
        cue: verb.text.to_owned(),
        span: first.start..verb.end,
    })
}

/// Whether `article` writes `word` (whole) after another word of its sentence, as a name stands
/// ("Esmaeil Baghaei"), not only where a sentence begins.
fn written_inside_a_sentence(article: &str, word: &str) -> bool {
    article.match_indices(word).any(|(at, _)| {
        let after = article[at + word.len()..].chars().next();
        let before = article[..at].trim_end_matches(' ');
        !after.is_some_and(char::is_alphanumeric)
            && before.len() < at
            && before
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == ',')
    })
}

/// Whether the sentence reports without a subject: "It is emphasized that", "It has been underlined".
pub fn impersonal(sentence: &str) -> bool {
    let lw: Vec<String> = words(sentence).iter().map(Word::lower).collect();
    let at = lw.iter().position(|x| x == "it");
    at.is_some_and(|i| {
        let rest: Vec<&str> = lw[i + 1..].iter().take(4).map(String::as_str).collect();
        matches!(rest.as_slice(), ["is" | "was", verb, ..] | ["has" | "had", "been", verb, ..] if REPORTING.contains(verb) || verb.ends_with("ed"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(s: &str) -> Option<String> {
        attribution(s).map(|a| a.source)
    }

    #[test]
    fn a_relative_clause_a_name_that_looks_like_a_verb_and_leaders_as_sources() {
        assert_eq!(
            source(
                "President Salome Zourabichvili, who has sided with the protesters, said on Saturday that she would stay."
            ),
            Some("President Salome Zourabichvili".to_owned())
        );
        // a subject does not run back over "since" into another clause
        assert_eq!(
            source(
                "Baku and Tehran have traded accusations since Azerbaijan's president accused Iran."
            ),
            Some("Azerbaijan's president".to_owned())
        );
        // "States" in "the United States" is no reporting verb
        assert_eq!(
            source("The EU and the United States condemned the violence."),
            None
        );
        assert_eq!(
            source("Opposition leaders said riot police had used tear gas."),
            Some("Opposition leaders".to_owned())
        );
    }

    #[test]
    fn sources_by_their_verbs() {
        assert_eq!(
            source(
                "Azerbaijan's defense minister visited Iran, according to the Defense Ministry's press office, claiming so."
            ),
            Some("Defense Ministry's press office".to_owned())
        );
        assert_eq!(
            source(
                "On September 7, a call took place between them, the Azerbaijani Foreign Ministry told APA."
            ),
            Some("Azerbaijani Foreign Ministry".to_owned())
        );
        assert_eq!(
            source("However, Azeri officials said that the weapons were purchased."),
            Some("Azeri officials".to_owned())
        );
        assert_eq!(
            source("The Lachin corridor was closed for nearly ten months, aid groups said."),
            Some("aid groups".to_owned())
        );
        assert_eq!(
            source("Shops were shut in the town, witnesses told reporters."),
            Some("witnesses".to_owned())
        );
        assert_eq!(
            source("\"We will stand by our partners,\" answered Ned Price."),
            Some("Ned Price".to_owned())
        );
        assert_eq!(
            source(
                "There were also some unverified reports by Azerbaijani news outlets that leaflets spread."
            ),
            Some("Azerbaijani news outlets".to_owned())
        );
        assert_eq!(
            source(
                "Iran will counter attempts, the press office of Armenian Prime Minister Nikol Pashinyan quoted Iranian President Ebrahim Raisi as saying."
            ),
            Some("press office of Armenian Prime Minister Nikol Pashinyan".to_owned())
        );
        assert_eq!(
            source("He said the talks went well."),
            Some("He".to_owned())
        );
        assert_eq!(
            source("Six weeks of violence claimed over 6,500 lives."),
            None
        );
        assert_eq!(source("The drills were held near Julfa."), None);
    }

    #[test]
    fn a_verb_joined_to_the_first_shares_its_subject_and_a_list_is_one_source() {
        assert_eq!(
            source(
                "Azerbaijan's President Aliyev offered condolences and said the crash was a tragedy."
            ),
            Some("Azerbaijan's President Aliyev".to_owned())
        );
        assert_eq!(
            source("Washington, Paris, London and Berlin announced new sanctions on Tuesday."),
            Some("Washington, Paris, London and Berlin".to_owned())
        );
        // a document is not a source
        assert_eq!(
            source(
                "According to the agreement reached on 19 April, the villages will be handed over."
            ),
            None
        );
        // a place before the speaker is not part of the source
        assert_eq!(
            source("In Baku, Aliyev said the talks went well."),
            Some("Aliyev".to_owned())
        );
    }

    #[test]
    fn a_speaker_in_apposition_before_the_verb_is_the_source() {
        assert_eq!(
            source(
                "The Armenian defence ministry spokeswoman, Shushan Stepanyan, said Azerbaijani forces had shelled Stepanakert overnight."
            ),
            Some("Shushan Stepanyan".to_owned())
        );
        // the speaker after the verb, at the end
        assert_eq!(
            source("\"We will not allow it,\" said Ilham Aliyev."),
            Some("Ilham Aliyev".to_owned())
        );
    }

    #[test]
    fn two_names_joined_by_and_are_one_source() {
        assert_eq!(
            source("Armenia and Azerbaijan accused each other of shelling on 13 September."),
            Some("Armenia and Azerbaijan".to_owned())
        );
        // a clause joined by "and" is not part of the subject
        assert_eq!(
            source("The talks ended and Baku said it was satisfied."),
            Some("Baku".to_owned())
        );
    }

    #[test]
    fn a_source_named_both_ways_in_brackets_is_named_whole() {
        assert_eq!(
            source(
                "Residents of Khankendi (Stepanakert) reported hearing explosions late on Tuesday."
            ),
            Some("Residents of Khankendi (Stepanakert)".to_owned())
        );
        assert_eq!(
            source("Officials in Lachin (Berdzor) said the road was closed."),
            Some("Officials in Lachin (Berdzor)".to_owned())
        );
    }

    #[test]
    fn a_source_ends_before_its_verb() {
        assert_eq!(
            source("Police arrested him, who according to Iranian state media acted alone."),
            Some("Iranian state media".to_owned())
        );
    }

    #[test]
    fn attributions_know_where_they_stand() {
        let spanned = |s: &str| attribution(s).map(|a| s[a.span].to_owned());
        assert_eq!(
            spanned("Troops met near Julfa on Monday, the Azerbaijani Defence Ministry said."),
            Some("the Azerbaijani Defence Ministry said".to_owned())
        );
        assert_eq!(
            spanned("\"We will stand by our partners,\" answered Ned Price."),
            Some("answered Ned Price".to_owned())
        );
        assert_eq!(
            spanned("Vahedi downplayed the deal, according to News.az: it is old."),
            Some("according to News.az".to_owned())
        );
        assert_eq!(
            source("Vahedi downplayed the deal, according to News.az: it is old."),
            Some("News.az".to_owned())
        );
    }

    #[test]
    fn a_participle_s_phrase_before_the_verb_is_not_the_source() {
        let s = "Azerbaijani President Ilham Aliyev, speaking in Shusha last week, said the road would open.";
        assert_eq!(
            attribution(s).map(|a| a.source),
            Some("Azerbaijani President Ilham Aliyev".to_owned())
        );
    }

    #[test]
    fn a_surname_opening_a_sentence_speaks_when_the_article_names_it_inside_one() {
        let article =
            "Spokesman Esmaeil Baghaei spoke on Monday. Baghaei also said that it was over.";
        let s = "Baghaei also said that it was over.";
        let a = opening_surname(s, article).unwrap();
        assert_eq!((a.source.as_str(), a.cue.as_str()), ("Baghaei", "said"));
        assert_eq!(&s[a.span], "Baghaei also said");
        // a word the article writes only where sentences begin is not taken for a name
        assert!(
            opening_surname("Officials said it was over.", "Officials said it was over.").is_none()
        );
        assert!(opening_surname("That said, it was over.", article).is_none());
        assert!(opening_surname("Baghaei, 45, said it.", article).is_none());
    }

    #[test]
    fn unverified_and_impersonal_reports() {
        assert_eq!(
            unverified("There were also some unverified reports."),
            Some("unverified")
        );
        assert_eq!(
            unverified("The claim could not be independently verified."),
            Some("could not be independently verified")
        );
        assert_eq!(unverified("The ministry said so."), None);
        assert!(impersonal(
            "It is emphasized that the claims are unacceptable."
        ));
        assert!(impersonal(
            "However, it has been underlined that our stance does not change."
        ));
        assert!(!impersonal("It seems clear Azerbaijan won't take part."));
    }
}
