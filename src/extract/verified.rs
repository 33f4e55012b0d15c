//! Whether a proposal is verified in the atlas's one meaning (see the README's *Data formats*):
//! `true` when the article itself presents what the event records as established (for a
//! statement, that it was made; for anything else, that it happened), `false` when it only passes
//! it on. The rules, each named in the notes:
//! - the article calls the report unverified: unverified;
//! - no one is credited with what the main clause tells ("…, which the ministry said wounded two
//!   soldiers" credits only its own clause): verified, and no `claimed_by`;
//! - the claim is the publisher's own ("according to a report by Caucasus Watch" in Caucasus
//!   Watch): the article's own voice, verified;
//! - a statement is verified when the one credited with it made it, unverified when they relay
//!   another's words ("X quoted Y as saying", "Y hailed the ties, X's office said");
//! - a meeting, call, visit or agreement is verified when the one credited with it speaks for a
//!   party to it (its government, ministry, office or host): "a party's own office speaking of
//!   what that party said, met or agreed counts as the article reporting it";
//! - anything else credited to someone (fighting, incidents, other parties' acts) is unverified.

use super::analysis::Facts;
use super::attribution::{Attribution, HEDGES};
use super::propose::Extractor;
use super::words::possessive_of;
use crate::model::{Category, PlaceKind};

/// Reporting words after which the credited one only relays what they heard ("It is reported").
const HEARSAY: [&str; 4] = ["reported", "said", "claimed", "alleged"];

/// Words before an attribution that close the main clause: the attribution then credits only
/// the clause it sits in.
const CLAUSE_BREAKS: [&str; 11] = [
    ", which",
    ", who",
    " which ",
    " whom ",
    ", and ",
    ", while ",
    "; ",
    ", but ",
    " after ",
    " before ",
    " following ",
];

/// A trailing attribution (", the ministry said on Monday.") has at most this many words after it.
const TRAILING_WORDS: usize = 4;

/// Where the credit for a sentence's claim comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Credit {
    /// The sentence's own attribution ("the ministry said"), or none.
    Own,
    /// The event the sentence continues ("It is emphasized that…" after the ministry's readout).
    Continued,
    /// A report the article quotes in paragraphs introduced by a colon ("Press TV reports:").
    Quoted,
}

/// What the verdict rests on beyond the sentence.
pub struct Claim<'a> {
    /// Whom the sentence's claim is credited to, resolved; `None` when no one.
    pub by: Option<&'a str>,
    /// Where that credit comes from.
    pub credit: Credit,
    /// The article's publisher.
    pub publisher: Option<&'a str>,
    /// The country of the place chosen for the event: a host is a party to what it hosts.
    pub host: Option<String>,
    /// The country of a person named earlier in the article.
    pub person_country: &'a dyn Fn(&str) -> Option<String>,
}

/// The verdict: verified or not, whom the event's claim is credited to, and the sentence for
/// the notes that says why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the event is verified.
    pub verified: bool,
    /// Whom the event's claim is credited to (`claimed_by`).
    pub claimed_by: Option<String>,
    /// Why, for the notes: begins "Verified" or "Unverified" when someone is credited or the
    /// article calls the report unverified; empty otherwise.
    pub why: String,
}

/// Who stands behind an actor or a claim: the countries and the surnames of people it names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Side {
    countries: Vec<String>,
    surnames: Vec<String>,
}

impl Side {
    fn meets(&self, other: &Side) -> bool {
        self.countries.iter().any(|c| other.countries.contains(c))
            || self.surnames.iter().any(|s| other.surnames.contains(s))
    }

    fn add_country(&mut self, country: Option<String>) {
        if let Some(c) = country
            && !self.countries.contains(&c)
        {
            self.countries.push(c);
        }
    }

    /// The first country or surname, to name the party in the notes.
    fn name(&self) -> String {
        self.countries
            .first()
            .or(self.surnames.first())
            .cloned()
            .unwrap_or_default()
    }
}

fn surname(name: &str) -> String {
    name.rsplit([' ', '-']).next().unwrap_or(name).to_owned()
}

/// Judges one proposal.
pub fn judge(ex: &Extractor, f: &Facts, claim: &Claim<'_>) -> Verdict {
    if let Some(words) = f.unverified {
        let why = match HEDGES.contains(&words) {
            true => format!("Unverified: the article tells it only as reported ('{words}')."),
            false => format!("Unverified: the article calls the report '{words}'."),
        };
        return verdict(false, claim.by, why);
    }
    if f.asked {
        let why = "Unverified: it is part of a question the article quotes (someone 'asked' it); the article does not adopt it.".to_owned();
        return verdict(false, claim.by, why);
    }
    let inherited = claim.credit != Credit::Own;
    let covered = inherited || f.attribution.as_ref().is_some_and(|a| covers(f, a));
    let Some(by) = claim.by.filter(|_| covered) else {
        let why = match (claim.by, &f.attribution) {
            (Some(by), Some(a)) => format!(
                "Verified: the article tells the main clause in its own voice; only the clause of '{}' is credited to {by}.",
                &f.text[a.span.clone()]
            ),
            _ => String::new(),
        };
        return verdict(true, None, why);
    };
    let by_s = possessive_of(by);
    if let Some(p) = claim.publisher.filter(|p| same_name(p, by)) {
        let p_s = possessive_of(p);
        let why = format!(
            "Verified: the account is {p_s} own, the article's publisher, so the article tells it in its own voice."
        );
        return verdict(true, Some(by), why);
    }
    if inherited && f.attribution.is_none() && hearsay(f) {
        let why = format!(
            "Unverified: {by_s} account itself only relays a report (\"it is reported\"), and the article passes it on."
        );
        return verdict(false, Some(by), why);
    }
    if let Some(a) = f
        .attribution
        .as_ref()
        .filter(|a| claim.credit == Credit::Quoted && covers(f, a) && !same_name(&a.source, by))
    {
        let why = format!(
            "Unverified: the article passes on {by_s} report of what {} said.",
            a.source
        );
        return verdict(false, Some(by), why);
    }
    let credited = side_of_claimant(ex, by, claim.person_country);
    match f.category.category {
        Category::Statement => {
            match relayed_speaker(ex, f, &credited, claim.person_country, true) {
                Some(speaker) => {
                    let why = format!(
                        "Unverified: the article passes on {by_s} account of what {speaker} said."
                    );
                    verdict(false, Some(by), why)
                }
                None => {
                    let why = format!(
                        "Verified as a statement: the article reports that {by} made it; what it asserts is {by_s} claim, which the article does not confirm."
                    );
                    verdict(true, Some(by), why)
                }
            }
        }
        Category::Diplomacy | Category::Agreement => {
            let party = participants(ex, f, claim);
            if relayed_speaker(ex, f, &credited, claim.person_country, false).is_none()
                && credited.meets(&party)
            {
                let why = format!(
                    "Verified: {by} speaks for {}, a party to it, and a party's own office on what it said, met or agreed counts as the article reporting it.",
                    credited.name()
                );
                verdict(true, Some(by), why)
            } else {
                let why = format!(
                    "Unverified: the article passes on {by_s} account without adopting it."
                );
                verdict(false, Some(by), why)
            }
        }
        _ => {
            let why =
                format!("Unverified: the article passes on {by_s} account without adopting it.");
            verdict(false, Some(by), why)
        }
    }
}

fn verdict(verified: bool, by: Option<&str>, why: String) -> Verdict {
    Verdict {
        verified,
        claimed_by: by.map(str::to_owned),
        why,
    }
}

/// Whether two names name the same outlet or body, whatever the case and leading article.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.trim()
            .trim_start_matches("the ")
            .trim_start_matches("The ")
            .to_lowercase()
    };
    let (a, b) = (norm(a), norm(b));
    a.len() >= 3 && b.len() >= 3 && (a.contains(&b) || b.contains(&a))
}

/// Whether the attribution credits what the main clause tells: it opens the sentence or its
/// main clause ("The ministry said that…", "According to…"), or trails it (", the office said.").
/// One that sits in a later clause ("…, which the ministry said wounded two soldiers", "…, and
/// Azerbaijan said it had taken heights") credits only that clause.
pub fn covers(f: &Facts, a: &Attribution) -> bool {
    let before = &f.text[..a.span.start];
    if !CLAUSE_BREAKS.iter().any(|b| before.contains(b)) {
        return true;
    }
    let after = f.text[a.span.end..].split_whitespace().count();
    before.trim_end().ends_with([',', '"', '”']) && after <= TRAILING_WORDS
}

/// "It is reported that…", "it was said that…": a report with no subject that relays hearsay.
fn hearsay(f: &Facts) -> bool {
    let lower = f.text.to_lowercase();
    HEARSAY.iter().any(|v| {
        ["it is ", "it was ", "it has been ", "it had been "]
            .iter()
            .any(|p| lower.contains(&format!("{p}{v} that")))
    })
}

/// The countries and people a claimant stands for: the countries its words name (a province's
/// country for a provincial body), the people it names, and their countries.
fn side_of_claimant(
    ex: &Extractor,
    by: &str,
    person_country: &dyn Fn(&str) -> Option<String>,
) -> Side {
    let mut side = Side::default();
    for c in ex.gazetteer.countries_in(by) {
        side.add_country(Some(c));
    }
    for a in ex.actors.find(by) {
        if a.kind == super::actors::ActorKind::Person {
            side.surnames.push(surname(&a.name));
            side.add_country(a.country.clone().or_else(|| person_country(&a.name)));
        }
    }
    if side.countries.is_empty() && side.surnames.is_empty() {
        side.add_country(person_country(by));
        side.add_country(capital_country(ex, by));
        if !by.contains(' ') && by.chars().next().is_some_and(char::is_uppercase) {
            side.surnames.push(by.to_owned());
        }
    }
    side
}

/// The country whose capital a name is ("Tehran" for Iran's government).
fn capital_country(ex: &Extractor, name: &str) -> Option<String> {
    let g = &ex.gazetteer;
    let (_, i) = g.names.iter().find(|(n, _)| n == name)?;
    let place = &g.places[*i].place;
    (place.kind == PlaceKind::City && g.capital(&place.country) == Some(*i))
        .then(|| place.country.clone())
}

/// The speaker when the credited one only relays them: the one "X quoted … as saying", or (for
/// a statement, `subject`) the subject of the main clause before a trailing attribution ("Raisi
/// hailed the ties, the press office concluded"), when they are not of the claimant's side.
fn relayed_speaker(
    ex: &Extractor,
    f: &Facts,
    credited: &Side,
    person_country: &dyn Fn(&str) -> Option<String>,
    subject: bool,
) -> Option<String> {
    let a = f.attribution.as_ref()?;
    let quoted = a.cue.eq_ignore_ascii_case("quoted");
    let actor = if quoted {
        f.actors.iter().find(|x| x.span.start >= a.span.end)
    } else if subject {
        speaking_subject(f, a)
    } else {
        None
    };
    let (name, side) = match actor {
        Some(x) => {
            let mut side = Side::default();
            if x.kind == super::actors::ActorKind::Person {
                side.surnames.push(surname(&x.name));
            }
            side.add_country(x.country.clone().or_else(|| person_country(&x.name)));
            (x.name.clone(), side)
        }
        None if subject && !quoted => titled_subject(ex, f, a)?,
        None => return None,
    };
    (!side.meets(credited)).then_some(name)
}

/// A speaker named by office before the verb that cued the statement ("the President of Iran
/// mentioned…", then ", Pashinyan's press office said"): the phrase since the last comma before
/// the verb, when it names a country.
fn titled_subject(ex: &Extractor, f: &Facts, a: &Attribution) -> Option<(String, Side)> {
    let cue = f.category.cue.to_lowercase();
    let at = f.text[..a.span.start]
        .to_lowercase()
        .find(&format!(" {cue}"))?;
    let start = f.text[..at].rfind(", ").map_or(0, |c| c + 2);
    let phrase = f.text[start..at].trim();
    let mut side = Side::default();
    for c in ex.gazetteer.countries_in(phrase) {
        side.add_country(Some(c));
    }
    (!side.countries.is_empty() && phrase.split_whitespace().count() <= 6)
        .then(|| (phrase.trim_start_matches("the ").to_owned(), side))
}

/// The subject of the main clause when it speaks before a trailing attribution: an actor among
/// the main clause's first words, not an owner ("Aliyev's remarks"), followed by the verb that
/// cued the statement ("Raisi, on the other hand, hailed the ties, the office concluded").
fn speaking_subject<'f>(f: &'f Facts, a: &Attribution) -> Option<&'f super::actors::Actor> {
    let x = f.actors.first().filter(|x| x.span.end <= a.span.start)?;
    let before = &f.text[..x.span.start];
    // only an opener ("Indeed,", "However,") and the subject's own titles stand before it
    let lead = super::words::words(before)
        .iter()
        .all(|w| w.is_capitalised() || w.text == "the" || before[w.end..].starts_with(','));
    let owner = f.text[x.span.end..].starts_with("'s") || f.text[x.span.end..].starts_with("’s");
    let cue = f.category.cue.to_lowercase();
    let verb = cue.ends_with("ed") || super::attribution::REPORTING.contains(&cue.as_str());
    let spoken = f.text[x.span.end..a.span.start]
        .to_lowercase()
        .contains(&cue);
    (lead && !owner && verb && spoken).then_some(x)
}

/// The parties to a meeting, call, visit or agreement: the countries and people its telling
/// clause names (as actors, adjectives or places), and the country hosting it.
fn participants(ex: &Extractor, f: &Facts, claim: &Claim<'_>) -> Side {
    let mut side = Side::default();
    let attributed = f.attribution.as_ref().map(|a| a.span.clone());
    let outside = |span: &std::ops::Range<usize>| {
        attributed
            .as_ref()
            .is_none_or(|a| span.end <= a.start || span.start >= a.end)
    };
    for a in f
        .actors
        .iter()
        .filter(|a| f.in_scope(&a.span) && outside(&a.span))
    {
        if a.kind == super::actors::ActorKind::Person {
            side.surnames.push(surname(&a.name));
        }
        side.add_country(
            a.country
                .clone()
                .or_else(|| (claim.person_country)(&a.name)),
        );
    }
    for m in f
        .places
        .iter()
        .filter(|m| f.in_scope(&m.span) && outside(&m.span))
    {
        let p = &ex.gazetteer.places[m.place].place;
        match p.kind {
            PlaceKind::Country => side.add_country(Some(p.name.clone())),
            PlaceKind::City => side.add_country(capital_country(ex, &f.text[m.span.clone()])),
            _ => {}
        }
    }
    let scope = if f.reported {
        f.text.as_str()
    } else {
        f.main()
    };
    for x in super::words::words(scope) {
        let span = x.start..x.end;
        if outside(&span) {
            side.add_country(super::gazetteer::country_word(scope, &x).map(str::to_owned));
        }
    }
    side.add_country(claim.host.clone());
    side
}

#[cfg(test)]
mod tests;
