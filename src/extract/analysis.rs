//! Everything the cue finders say about one sentence, gathered once: its main clause, dates,
//! places, actors, attribution, category, and whether it continues an event told before.

use super::actors::Actor;
use super::attribution::{
    Attribution, PRONOUNS, REPORTING, attribution, impersonal, opening_surname, unverified,
};
use super::category::{CategoryCue, categorise_around};
use super::dates::{DateCue, dates_after, find_dates, weekday_of};
use super::day_shift::{DayShift, find_shift};
use super::places::{Mention, find_places};
use super::propose::Extractor;
use super::story::dateline_lead;
use super::words::{Word, words};
use crate::model::Category;
use chrono::NaiveDate;
use std::ops::Range;

/// Words after "during the" that point back to an event already told.
const EVENT_NOUNS: [&str; 15] = [
    "signing",
    "call",
    "phone",
    "telephone",
    "conversation",
    "visit",
    "meeting",
    "talks",
    "trip",
    "conference",
    "summit",
    "negotiations",
    "agreement",
    "accord",
    "deal",
];

/// Phrases that, with no date of their own, continue the event told before.
const SAME_TIME: [&str; 4] = [
    "on the same day",
    "the same day",
    "later that day",
    "at the meeting",
];

/// What one sentence says.
#[derive(Clone, Debug)]
pub struct Facts {
    /// Its position among the article's sentences (from 1).
    pub number: usize,
    /// Byte range in the article.
    pub range: Range<usize>,
    /// The sentence.
    pub text: String,
    /// Whether it ends like a sentence (headlines and bylines do not).
    pub complete: bool,
    /// Byte length of a dateline opening it ("YEREVAN, 14 March 2025 — "), 0 if none: the report's
    /// words, not the sentence's.
    pub lead: usize,
    /// Byte length of its main clause (before "that", ", which", ", accusing"...).
    pub main_end: usize,
    /// Whether the main clause only reports ("X claimed that…"): then the reported clause tells
    /// where and what happened.
    pub reported: bool,
    /// Date expressions, resolved.
    pub dates: Vec<DateCue>,
    /// Date expressions naming a time after publication ("September 7, 2023"): they date
    /// nothing, and the sentence is not read as continuing an event told before.
    pub later: Vec<DateCue>,
    /// Wording that dates it from the day told before ("two days later"), when it has no date
    /// of its own; the reader resolves it (see [`super::propose`]).
    pub shift: Option<DayShift>,
    /// Places named.
    pub places: Vec<Mention>,
    /// Actors named.
    pub actors: Vec<Actor>,
    /// Whom the claim is attributed to.
    pub attribution: Option<Attribution>,
    /// The words that call the report unverified.
    pub unverified: Option<&'static str>,
    /// "It is emphasized that…": a report with no subject.
    pub impersonal: bool,
    /// The category and its cue.
    pub category: CategoryCue,
    /// Words that tie it to the event told before ("also", "during the call").
    pub continuation: Option<String>,
    /// Words that open the sentence with a meeting, fighting or protest told before ("The talks",
    /// "The drills"): it continues the last dated event of that kind (see
    /// [`categories_continued`]).
    pub meeting: Option<String>,
    /// Whether it asks rather than tells.
    pub question: bool,
    /// Whether it only tells of the future ("will", "in the coming days") with no one reporting.
    pub future: bool,
    /// Whether it is part of a quoted question ("Price was asked, "There is… They have been…"):
    /// set by [`super::blocks::mark_blocks`], since a quotation may run over several sentences.
    pub asked: bool,
    /// The source whose report the article quotes in a block introduced by a colon ("Press TV
    /// reports:"), when the sentence is part of that block; set by [`super::blocks::mark_blocks`].
    pub quoted_from: Option<String>,
}

impl Facts {
    /// The main clause.
    pub fn main(&self) -> &str {
        &self.text[..self.main_end]
    }

    /// Whether a byte range of the sentence lies in its main clause, or in the clause it reports.
    pub fn in_scope(&self, span: &Range<usize>) -> bool {
        self.reported || span.start < self.main_end
    }

    /// Whether a byte range of the sentence lies in its main clause proper.
    pub fn in_main(&self, span: &Range<usize>) -> bool {
        span.start < self.main_end
    }

    /// Surnames of the people it names (the last word of each person's name).
    pub fn surnames(&self) -> Vec<String> {
        self.actors
            .iter()
            .filter(|a| a.kind == super::actors::ActorKind::Person)
            .filter_map(|a| a.name.rsplit([' ', '-']).next().map(str::to_owned))
            .collect()
    }

    /// Surnames of the people its main clause names, not as an owner: those it tells of ("Abiyev
    /// also laid flowers"), not those a later clause mentions ("…, demanding Pashinyan's
    /// resignation").
    pub fn acting_surnames(&self) -> Vec<String> {
        self.actors
            .iter()
            .filter(|a| a.kind == super::actors::ActorKind::Person && self.in_main(&a.span))
            .filter(|a| {
                let after = &self.text[a.span.end..];
                !after.starts_with("'s") && !after.starts_with("’s")
            })
            .filter_map(|a| a.name.rsplit([' ', '-']).next().map(str::to_owned))
            .collect()
    }
}

/// A main clause has at least this many words; a cut that leaves fewer is a leading phrase.
const MIN_MAIN_WORDS: usize = 4;

/// Where the main clause ends: before "that", ", which", ", who", "; ", ", with", " while ",
/// ", according to", or a comma followed by an -ing participle; and whether it ends in a
/// reporting verb before "that" ("the ministry claimed that…"), so the reported clause tells
/// what happened.
fn main_clause_end(s: &str, w: &[Word<'_>]) -> (usize, bool) {
    let mut cuts: Vec<(usize, bool)> = Vec::new();
    for marker in [
        " that ",
        ", which",
        ", who",
        "; ",
        ", with ",
        " while ",
        ", according to",
    ] {
        for (at, _) in s.match_indices(marker) {
            cuts.push((at, marker == " that " && reports_before(w, at)));
        }
    }
    for pair in w.windows(2) {
        let gap = &s[pair[0].end..pair[1].start];
        let word = pair[1].lower();
        let participle = word.ends_with("ing") && word.len() > 5 && !pair[1].is_capitalised();
        if gap.trim() == "," && participle && !parenthetical(s, pair[1].end) {
            cuts.push((pair[0].end, false));
        }
    }
    cuts.sort();
    cuts.into_iter()
        .find(|(at, _)| w.iter().filter(|x| x.end <= *at).count() >= MIN_MAIN_WORDS)
        .unwrap_or((s.len(), false))
}

/// Whether a participle's phrase from byte `from` is set off by commas before the main verb
/// ("Aliyev, speaking in Shusha last week, said…"): its closing comma is followed by a reporting
/// verb. Such a phrase does not end the main clause.
fn parenthetical(s: &str, from: usize) -> bool {
    let Some(comma) = s[from..].find(',') else {
        return false;
    };
    words(&s[from + comma..])
        .first()
        .is_some_and(|x| !x.is_capitalised() && REPORTING.contains(&x.lower().as_str()))
}

/// Words that may stand between a reporting verb and its "that": when the report was made ("said
/// on Wednesday that", "reported last week that"); weekdays count too.
const WHEN_WORDS: [&str; 17] = [
    "on",
    "in",
    "at",
    "last",
    "earlier",
    "this",
    "week",
    "month",
    "year",
    "yesterday",
    "today",
    "morning",
    "evening",
    "night",
    "also",
    "again",
    "publicly",
];

/// Whether a reporting verb ends the words before byte `at`, perhaps followed by when it was said.
fn reports_before(w: &[Word<'_>], at: usize) -> bool {
    for x in w.iter().rev().filter(|x| x.end <= at).take(4) {
        let lower = x.lower();
        if REPORTING.contains(&lower.as_str()) {
            return true;
        }
        let when = WHEN_WORDS.contains(&lower.as_str()) || weekday_of(&lower).is_some();
        if !when && x.number().is_none() {
            return false;
        }
    }
    false
}

fn continuation_cue(s: &str, w: &[Word<'_>]) -> Option<String> {
    let lw: Vec<String> = w.iter().map(Word::lower).collect();
    if let Some(i) = lw
        .windows(3)
        .position(|p| p[0] == "during" && p[1] == "the" && EVENT_NOUNS.contains(&p[2].as_str()))
    {
        let end = w
            .get(i + 3)
            .filter(|x| {
                EVENT_NOUNS.contains(&x.lower().as_str())
                    || x.lower() == "call"
                    || x.lower() == "conversation"
            })
            .map_or(w[i + 2].end, |x| x.end);
        return Some(s[w[i].start..end].to_owned());
    }
    let lower = s.to_lowercase();
    if let Some(p) = SAME_TIME.iter().find(|p| lower.contains(*p)) {
        return Some((*p).to_owned());
    }
    let pronoun_start = lw
        .first()
        .is_some_and(|x| PRONOUNS.contains(&x.as_str()) && x != "it" && x != "we" && x != "i");
    if pronoun_start {
        return Some(w[0].text.to_owned());
    }
    // "According to the ministry, the three ministers signed…": the opening after who tells it
    let told = if lower.starts_with("according to ") {
        lower.find(", ").map_or(0, |c| c + 2)
    } else {
        0
    };
    the_pair(&lower[told..])
        .map(|n| s[told..told + n].to_owned())
        .or_else(|| hosted_counterparts(s, &lw, w))
}

/// Verbs by which one minister or leader receives the others at a meeting told before.
const HOSTING: [&str; 4] = ["hosted", "received", "welcomed", "greeted"];

/// "… hosted her counterparts …": the people of the meeting told before, received by its host;
/// the phrase from the possessive to "counterparts".
fn hosted_counterparts(s: &str, lw: &[String], w: &[Word<'_>]) -> Option<String> {
    let k = lw.windows(3).position(|p| {
        HOSTING.contains(&p[0].as_str())
            && matches!(p[1].as_str(), "his" | "her" | "their")
            && p[2] == "counterparts"
    })?;
    Some(s[w[k + 1].start..w[k + 2].end].to_owned())
}

/// Openings that name again the people just told of, as "they" does: "The two leaders also
/// signed…", "Both sides agreed…".
const THE_PAIR: [&str; 20] = [
    "the three leaders ",
    "the three presidents ",
    "the three ministers ",
    "the three foreign ministers ",
    "all three ",
    "the two leaders ",
    "both leaders ",
    "the leaders ",
    "the two presidents ",
    "the presidents ",
    "the two ministers ",
    "the ministers ",
    "the two foreign ministers ",
    "the foreign ministers ",
    "the two sides ",
    "the sides ",
    "both sides ",
    "the parties ",
    "the two men ",
    "the two heads of state ",
];

/// How long the opening of `lower` (a lowercase sentence) is that names the pair just told of.
fn the_pair(lower: &str) -> Option<usize> {
    THE_PAIR
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| p.trim_end().len())
}

/// Whether a continuation cue names the people just told of ("The two leaders").
///
/// ```
/// use caucasus_atlas::extract::analysis::names_the_pair;
/// assert!(names_the_pair("The two leaders"));
/// assert!(names_the_pair("The ministers"));
/// assert!(!names_the_pair("They"));
/// ```
pub fn names_the_pair(cue: &str) -> bool {
    let lower = format!("{} ", cue.trim().to_lowercase());
    the_pair(&lower) == Some(lower.trim_end().len()) || names_counterparts(cue)
}

/// Whether a continuation cue names those a host received ("her counterparts"): the
/// ministers or leaders of the meeting told before.
///
/// ```
/// use caucasus_atlas::extract::analysis::names_counterparts;
/// assert!(names_counterparts("her counterparts"));
/// assert!(!names_counterparts("The two sides"));
/// ```
pub fn names_counterparts(cue: &str) -> bool {
    cue.to_lowercase().ends_with(" counterparts")
}

/// "The talks focused on…", "The visit was…": a sentence that opens with a meeting told before,
/// which it continues (the last dated meeting, call, visit or agreement; see
/// [`super::story::Memory::anchor_for`]).
fn meeting_opener(s: &str, w: &[Word<'_>]) -> Option<String> {
    if let Some(attended) = attended_event(s, w) {
        return Some(attended);
    }
    let (first, noun) = (w.first()?, w.get(1)?);
    let noun_lower = noun.lower();
    let told = EVENT_NOUNS.contains(&noun_lower.as_str())
        || FIELD_NOUNS
            .iter()
            .any(|(_, nouns)| nouns.contains(&noun_lower.as_str()));
    (first.lower() == "the" && told).then(|| s[first.start..noun.end].to_owned())
}

/// Ceremonies one attends, beside the meetings of [`EVENT_NOUNS`].
const CEREMONIES: [&str; 4] = ["ceremony", "signing", "opening", "inauguration"];

/// "… attended the ceremony": the event told before, which those named attended.
fn attended_event(s: &str, w: &[Word<'_>]) -> Option<String> {
    w.windows(3).find_map(|t| {
        let noun = t[2].lower();
        let told = EVENT_NOUNS.contains(&noun.as_str()) || CEREMONIES.contains(&noun.as_str());
        (t[0].lower() == "attended" && t[1].lower() == "the" && told)
            .then(|| s[t[0].start..t[2].end].to_owned())
    })
}

/// Nouns of fighting and protest that, opening a sentence ("The drills lasted two days"), point
/// back to the last such event told, by its category.
const FIELD_NOUNS: [(Category, &[&str]); 2] = [
    (
        Category::Military,
        &[
            "drills",
            "exercises",
            "clashes",
            "clash",
            "attack",
            "attacks",
            "shelling",
            "fighting",
            "offensive",
            "operation",
        ],
    ),
    (
        Category::Protest,
        &[
            "protest",
            "protests",
            "rally",
            "demonstration",
            "demonstrations",
        ],
    ),
];

/// The categories of the events a sentence opening with `cue` ("The talks", "The drills") may
/// continue: a meeting or an agreement, or the fighting or protest its noun names.
///
/// ```
/// use caucasus_atlas::extract::analysis::categories_continued;
/// use caucasus_atlas::model::Category;
/// assert_eq!(categories_continued("The drills"), [Category::Military]);
/// assert_eq!(categories_continued("The talks"), [Category::Diplomacy, Category::Agreement]);
/// ```
pub fn categories_continued(cue: &str) -> Vec<Category> {
    let noun = cue.rsplit(' ').next().unwrap_or(cue).to_lowercase();
    FIELD_NOUNS
        .iter()
        .find(|(_, nouns)| nouns.contains(&noun.as_str()))
        .map_or_else(
            || vec![Category::Diplomacy, Category::Agreement],
            |(c, _)| vec![*c],
        )
}

fn is_question(s: &str) -> bool {
    s.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with('?')
}

/// Words that tell of what is still to come.
const FUTURE: [&str; 16] = [
    " will ",
    "in the coming",
    "next week",
    "next month",
    "next year",
    " is expected to ",
    " are expected to ",
    " is to be ",
    " are to be ",
    " is scheduled to ",
    " are scheduled to ",
    " is set to ",
    " are set to ",
    " is due to take",
    " are due to take",
    " plans to ",
];

/// Whether the sentence tells of something still to come ("will", "is expected to", "is to be
/// signed").
fn tells_future(s: &str) -> bool {
    let lower = format!(" {} ", s.to_lowercase());
    FUTURE.iter().any(|p| lower.contains(p))
}

fn is_future(s: &str, attributed: bool) -> bool {
    !attributed && tells_future(s)
}

/// Whether a date stands in a clause after the main one that tells what had happened before
/// (", which had begun on 27 September"): background, not the sentence's event.
///
/// ```
/// use caucasus_atlas::extract::{analysis::analyse, Extractor};
/// let ex = Extractor::bundled();
/// let day = chrono::NaiveDate::from_ymd_opt(2020, 11, 12).unwrap_or_default();
/// let s = "The leaders signed a statement ending the war, which had begun on 27 September.";
/// assert!(analyse(&ex, s, 1, 0..s.len(), true, day).dates.is_empty());
/// let s = "The leaders signed a statement on 9 November, which ended the war.";
/// assert_eq!(analyse(&ex, s, 1, 0..s.len(), true, day).dates.len(), 1);
/// ```
fn told_as_background(s: &str, c: &DateCue, main_end: usize) -> bool {
    c.span.start > main_end
        && s.get(main_end..c.span.start)
            .is_some_and(|between| words(between).iter().any(|w| w.text == "had"))
}

/// How far after a reporting verb a date may stand and still date the report ("announced
/// yesterday", "said on Thursday"), in bytes.
const REPORT_DATE_REACH: usize = 24;

/// Of a report of what is still to come ("On 20 December, Azerbaijan will reopen its embassy,
/// the ministry announced yesterday"), the dates that date the report: those that write their
/// year, and those just after the reporting verb. A day without its year there is the coming
/// one, which the article cannot report, not the latest before publication.
fn report_dates(s: &str, dates: &mut Vec<DateCue>, attribution: Option<&Attribution>) {
    let Some(a) = attribution.filter(|_| tells_future(s)) else {
        return;
    };
    dates.retain(|c| {
        c.writes_a_year()
            || (c.span.start >= a.span.start && c.span.start <= a.span.end + REPORT_DATE_REACH)
    });
}

/// Gathers the facts of the sentence at `range` of `text`.
pub fn analyse(
    ex: &Extractor,
    text: &str,
    number: usize,
    range: Range<usize>,
    complete: bool,
    published: NaiveDate,
) -> Facts {
    let s = &text[range.clone()];
    let w = words(s);
    let (main_end, reported) = main_clause_end(s, &w);
    let attribution = match (attribution(s), opening_surname(s, text)) {
        (Some(a), Some(o)) if o.span.start < a.span.start => Some(o),
        (None, Some(o)) => Some(o),
        (a, _) => a,
    };
    // a dateline's place and date are the report's, not the sentence's
    let lead = dateline_lead(s);
    let mut dates: Vec<DateCue> = find_dates(s, published)
        .into_iter()
        .filter(|c| c.span.start >= lead && !standing_state(s, c))
        .collect();
    if !reported && dates.iter().any(|c| c.span.start < main_end) {
        dates.retain(|c| c.span.start < main_end);
    }
    if dates.len() > 1 {
        dates.retain(|c| !c.follows_since(s) && !c.follows_deadline(s));
    }
    report_dates(s, &mut dates, attribution.as_ref());
    dates.retain(|c| !told_as_background(s, c, main_end));
    if let [only] = dates.as_mut_slice() {
        held_since(s, only, published);
    }
    let telling = if reported {
        &s[main_end..]
    } else {
        &s[..main_end]
    };
    let around = dates
        .first()
        .map(|d| clause_around(s, &d.span))
        .filter(|c| c.len() < telling.len())
        .unwrap_or("");
    let category = categorise_around(around, telling, s);
    Facts {
        number,
        text: s.to_owned(),
        complete,
        lead,
        main_end,
        reported,
        later: dates_after(s, published)
            .into_iter()
            .filter(|c| c.span.start >= lead)
            .collect(),
        shift: find_shift(s).filter(|x| dates.is_empty() && x.span.start >= lead),
        dates,
        places: find_places(&ex.gazetteer, s)
            .into_iter()
            .filter(|m| m.span.start >= lead)
            .collect(),
        actors: ex.actors.find(s),
        unverified: unverified(s),
        impersonal: impersonal(s),
        category,
        continuation: continuation_cue(s, &w),
        meeting: meeting_opener(s, &w),
        question: is_question(s) && attribution.is_none(),
        future: is_future(s, attribution.is_some()),
        asked: false,
        quoted_from: None,
        attribution,
        range,
    }
}

/// Words that open a clause of their own: a date in it dates what that clause tells ("The visit
/// comes weeks after troops clashed on Sept. 13-14").
const CLAUSE_OPENERS: [&str; 11] = [
    ", ",
    " after ",
    " before ",
    " as ",
    " when ",
    " while ",
    " following ",
    " since ",
    " because ",
    " but ",
    "; ",
];

/// The clause of `s` around `span` (a date expression): from the last clause opener before it to
/// the first after it.
fn clause_around<'a>(s: &'a str, span: &Range<usize>) -> &'a str {
    let start = CLAUSE_OPENERS
        .iter()
        .filter_map(|o| s[..span.start].rfind(o).map(|at| at + o.len()))
        .max()
        .unwrap_or(0);
    let end = CLAUSE_OPENERS
        .iter()
        .filter_map(|o| s[span.end..].find(o).map(|at| span.end + at))
        .min()
        .unwrap_or(s.len());
    &s[start..end]
}

/// "even today", "still today", "to this day": a state that lasts, not an event of that day.
/// A state the sentence says has held since its date ("has been blocked since 12 December
/// 2022") holds from that date to the article's day, not on that day alone: the date's range
/// reaches to publication, at the date's own precision, and its note says so.
fn held_since(s: &str, cue: &mut DateCue, published: NaiveDate) {
    let lower = s.to_lowercase();
    let perfect = [
        " has been ",
        " have been ",
        " has remained ",
        " have remained ",
    ]
    .iter()
    .any(|p| lower.contains(p));
    let Some((start, end)) = cue.date.range.filter(|_| perfect && cue.follows_since(s)) else {
        return;
    };
    if end >= published {
        return;
    }
    cue.date.range = Some((start, published));
    let note = format!(
        "'{}' starts a state the article says still holds: from {} to its publication ({}).",
        cue.date.text,
        start.format("%-d %B %Y"),
        published.format("%-d %B %Y")
    );
    cue.date.note = match cue.date.note.is_empty() {
        true => note,
        false => format!("{} {note}", cue.date.note),
    };
}

fn standing_state(s: &str, cue: &DateCue) -> bool {
    let before = s[..cue.span.start].trim_end().to_lowercase();
    cue.date.text.eq_ignore_ascii_case("today")
        && (before.ends_with("even") || before.ends_with("still") || before.ends_with("until"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    fn facts(sentence: &str) -> Facts {
        let ex = Extractor::bundled();
        let published = NaiveDate::from_ymd_opt(2023, 3, 17).unwrap_or_default();
        analyse(&ex, sentence, 1, 0..sentence.len(), true, published)
    }

    #[test]
    fn a_state_held_since_a_day_reaches_to_publication() {
        let f = facts("The Lachin corridor has been blocked since 12 December 2022 by protesters.");
        let date = &f.dates[0].date;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert_eq!(date.range, Some((d(2022, 12, 12), d(2023, 3, 17))));
        assert!(date.note.contains("still holds"), "{}", date.note);
        // a day something happened stays that day
        let f = facts("The corridor was blocked on 12 December 2022 by protesters.");
        assert_eq!(
            f.dates[0].date.range,
            Some((d(2022, 12, 12), d(2022, 12, 12)))
        );
    }

    #[test]
    fn what_is_still_to_come_dates_nothing() {
        for s in [
            "Talks are expected to take place in Yevlakh on Thursday.",
            "The agreement is to be signed after Armenia amends its constitution.",
        ] {
            assert!(facts(s).future, "{s}");
        }
        assert!(!facts("Talks took place in Yevlakh on Thursday.").future);
        // reported, the report is dated, not the coming day the text names without a year
        let f = facts(
            "On 20 December, Azerbaijan will reopen its embassy in Tehran, Iran's foreign ministry announced yesterday.",
        );
        let texts: Vec<&str> = f.dates.iter().map(|c| c.date.text.as_str()).collect();
        assert_eq!(texts, ["yesterday"], "{:?}", f.dates);
        let f = facts("The ministry said on Monday that talks will resume on 20 March.");
        let texts: Vec<&str> = f.dates.iter().map(|c| c.date.text.as_str()).collect();
        assert_eq!(texts, ["on Monday"], "{:?}", f.dates);
    }

    #[test]
    fn the_clause_that_holds_the_date_tells_the_category() {
        let f = facts(
            "The visit comes weeks after Azerbaijani and Armenian troops clashed along the border on Sept. 13-14, killing 300 soldiers.",
        );
        assert_eq!(f.category.category, Category::Military);
        let f = facts(
            "The recent visit of Mustafayev to Iran is a new phase, an Iranian official said on Monday.",
        );
        assert_eq!(
            (f.category.category, f.category.cue.as_str()),
            (Category::Diplomacy, "visit")
        );
        let f = facts("Last month, Tehran summoned the Azerbaijani ambassador.");
        assert_eq!(f.category.category, Category::Diplomacy);
    }

    #[test]
    fn sentences_that_open_with_a_meeting_continue_it() {
        let cue = |s: &str| facts(s).meeting;
        assert_eq!(
            cue("The talks focused on transit.").as_deref(),
            Some("The talks")
        );
        assert_eq!(cue("The two sides also discussed trade."), None);
        assert_eq!(cue("The drivers were freed."), None);
        assert_eq!(cue("During the talks, they agreed."), None);
    }

    #[test]
    fn a_report_is_told_by_its_that_clause_even_after_a_date() {
        let f = facts(
            "Azerbaijani media reported on Wednesday that two trucks were stopped near Goris.",
        );
        assert!(f.reported);
        assert!(f.in_scope(&f.places[0].span));
        let f = facts("The ministry denied on Monday the claim that trucks were stopped.");
        assert!(!f.reported);
    }
}
