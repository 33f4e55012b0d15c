//! Proposals: one event per dated (or event-telling) sentence, each grounded in the sentence as a
//! verbatim quote, with the date, place, category and attribution cues named in its notes.

use super::actors::ActorIndex;
use super::analysis::{Facts, analyse};
use super::article::Article;
use super::blocks::mark_blocks;
use super::build::{Parts, build_event};
use super::dates::DateCue;
use super::gazetteer::Gazetteer;
use super::pairing;
use super::place_choice::{
    Context, PlaceChoice, choose, named_places, unknown_locative, unknown_locative_within,
};
use super::record;
use super::sentences::sentences;
use super::story::{Anchor, CUE_REACH, Memory, dateline, is_dateline_sentence};
use super::towns;
use super::verified::{Credit, covers};
use crate::io::Basemap;
use crate::io::towns::Towns;
use crate::model::{Event, EventDate, Place, Precision};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

/// At most this many proposals come from one sentence.
const MAX_PER_SENTENCE: usize = 3;

/// What the extractor knows: places, actors, and the basemap's shapes.
#[derive(Clone, Debug, Default)]
pub struct Extractor {
    /// Places and their names.
    pub gazetteer: Gazetteer,
    /// Actor names learnt from curated data.
    pub actors: ActorIndex,
    /// Shapes for regions, borders and corridors.
    pub basemap: Basemap,
    /// Towns the gazetteer lacks, looked up by the name an article writes where it says something
    /// happened (GeoNames' cities500 for the region).
    pub towns: Towns,
}

/// Choices about what may be proposed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Whether places the gazetteer lacks (countries and borders drawn by the basemap) may be used;
    /// they must then be saved in a `places.json` beside the events.
    pub allow_ad_hoc: bool,
    /// Whether to leave out the public record (`record.rs`): dates and venues then come from the
    /// article alone.
    pub text_only: bool,
}

/// One proposed event and where its quote sits in the article.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// The event, as it would be saved.
    pub event: Event,
    /// Byte range of the quote in the article's text.
    pub quote: Range<usize>,
    /// The place when the gazetteer lacks it (to be saved beside the events).
    pub ad_hoc: Option<Place>,
}

/// What an article gave.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    /// The proposals, in the article's order.
    pub proposals: Vec<Proposal>,
    /// Sentences that told of an event but were left out, and why.
    pub left_out: Vec<LeftOut>,
    /// The days the text names after the publication date it was read with, with their
    /// sentences ("'September 7, 2023' (sentence 4)"): they date nothing, so a wrong publication
    /// date leaves events undated.
    pub after_publication: Vec<String>,
    /// The latest whole day among them ("07 September 2023" in a dateline): a publication date
    /// the reviewer may mean, offered, never taken unasked.
    pub latest_day_named: Option<chrono::NaiveDate>,
    /// The whole day, with its year, that the article's own byline or dateline gives ("By our
    /// correspondent · 4 December 2019", "BAKU, 12 June 2024 —"), when it lies more than
    /// [`DATE_LINE_SLACK`] days before the publication date the article was read with: year-less
    /// days were then read from a date the article may not bear. Offered, never taken unasked.
    pub own_date_line: Option<chrono::NaiveDate>,
}

/// How many days an article's own date line may lie before its publication date without a word:
/// a report filed one day is often published the next.
pub const DATE_LINE_SLACK: i64 = 2;

/// Of the first sentences, only these many are read for the article's own date line.
const DATE_LINE_SENTENCES: usize = 5;

impl Extraction {
    /// A warning when the text names days after the publication date `published`, or its own date
    /// line gives an earlier day; else `None`.
    pub fn publication_warning(&self, published: chrono::NaiveDate) -> Option<String> {
        let Some(first) = self.after_publication.first() else {
            let day = self.own_date_line?;
            return Some(format!(
                "The article's own date line gives {}, not the publication date {published} it was read with; days written without a year were read from {published}. If the date line is right, read the article again with it.",
                day.format("%-d %B %Y")
            ));
        };
        let more = match self.after_publication.len() - 1 {
            0 => String::new(),
            1 => " and 1 more".to_owned(),
            n => format!(" and {n} more"),
        };
        Some(format!(
            "The text names days after the publication date {published}: {first}{more}. They date nothing, since an article cannot report what has not happened. If the publication date is wrong, read the article again with the right one."
        ))
    }
}

/// A sentence that told of an event but was not proposed: why, where it is, and the events it
/// gives once the reviewer places them.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftOut {
    /// Why, naming the sentence: "sentence 4: no place (\"…\")".
    pub why: String,
    /// The sentence's number in the article, from 1.
    pub number: usize,
    /// Byte range of the sentence in the article's text.
    pub quote: Range<usize>,
    /// Its events as the extractor read them (date, title, category, attribution), unplaced.
    pub events: Vec<Event>,
}

impl Extraction {
    /// The ad-hoc places the proposals use, once each.
    pub fn ad_hoc_places(&self) -> Vec<Place> {
        let mut out: Vec<Place> = Vec::new();
        for p in self.proposals.iter().filter_map(|p| p.ad_hoc.as_ref()) {
            if !out.iter().any(|o| o.id == p.id) {
                out.push(p.clone());
            }
        }
        out
    }
}

impl Extractor {
    /// The extractor over the bundled gazetteer, basemap and events.
    pub fn bundled() -> Extractor {
        Extractor {
            gazetteer: Gazetteer::bundled(),
            actors: ActorIndex::bundled(),
            basemap: crate::io::bundle::bundled_basemap(),
            towns: Towns::bundled(),
        }
    }

    /// Proposes events for an article.
    pub fn propose(&self, article: &Article, options: Options) -> Extraction {
        let ex = self.for_article(article, options);
        let facts = ex.facts_of(article);
        ex.read(article, &facts, options).out
    }

    /// This extractor, its gazetteer widened by the towns the article says something happened at
    /// that it lacks but the table of towns holds, when places it lacks may be proposed.
    fn for_article(&self, article: &Article, options: Options) -> Cow<'_, Extractor> {
        if !options.allow_ad_hoc {
            return Cow::Borrowed(self);
        }
        let found = towns::candidates(&article.text, &self.gazetteer, &self.towns);
        if found.is_empty() {
            return Cow::Borrowed(self);
        }
        Cow::Owned(Extractor {
            gazetteer: self.gazetteer.with_places(found),
            ..self.clone()
        })
    }

    /// A proposal for the article text in `range` that the reviewer selected, read as one
    /// sentence after the article's sentences before it (so that "he said" and an undated
    /// sentence continuing a dated one read as in [`Extractor::propose`]). Its quote is the
    /// selection; it is unplaced when the text names no place the gazetteer knows.
    pub fn draft(&self, article: &Article, range: Range<usize>, options: Options) -> Proposal {
        let ex = self.for_article(article, options);
        ex.draft_with(article, range, options)
    }

    /// [`Extractor::draft`] with this extractor's gazetteer as it is.
    fn draft_with(&self, article: &Article, range: Range<usize>, options: Options) -> Proposal {
        let facts = self.facts_of(article);
        let before = facts
            .iter()
            .take_while(|f| f.range.end <= range.start)
            .count();
        let number = facts
            .iter()
            .take_while(|f| f.range.start <= range.start)
            .count()
            .max(1);
        let mut reading = self.read(article, &facts[..before], options);
        if let Some(last) = facts[..before].last() {
            reading.memory.learn(last);
        }
        let f = analyse(self, &article.text, number, range, true, article.published);
        let f = reading.shifted(&f).into_owned();
        reading.draft(&f)
    }

    /// The facts of each of the article's sentences, in order.
    fn facts_of(&self, article: &Article) -> Vec<Facts> {
        let text = &article.text;
        let mut facts: Vec<Facts> = sentences(text)
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let number = i + 1;
                analyse(
                    self,
                    text,
                    number,
                    s.range.clone(),
                    s.complete,
                    article.published,
                )
            })
            .collect();
        mark_blocks(text, &mut facts);
        facts
    }

    /// Reads the sentences of `facts` in order, proposing their events and learning from each.
    fn read<'a>(&'a self, article: &'a Article, facts: &[Facts], options: Options) -> Reading<'a> {
        let mut reading = Reading {
            ex: self,
            article,
            options,
            dateline: dateline(&self.gazetteer, &article.text, options.allow_ad_hoc),
            memory: Memory::default(),
            last_day: None,
            ids: HashSet::new(),
            out: Extraction::default(),
        };
        for (i, f) in facts.iter().enumerate() {
            if i > 0 {
                reading.memory.learn(&facts[i - 1]);
            }
            if reading.out.own_date_line.is_none() {
                reading.out.own_date_line = own_date_line(f, article.published);
            }
            let shifted = reading.shifted(f);
            let f = &*shifted;
            if let Some(first) = later_than_publication(f) {
                let sentence = format!("'{first}' (sentence {})", f.number);
                reading.out.after_publication.push(sentence);
                let days = f
                    .later
                    .iter()
                    .filter(|c| c.date.precision == Precision::Day);
                let latest = days.filter_map(|c| c.date.range.map(|r| r.1)).max();
                reading.out.latest_day_named = reading.out.latest_day_named.max(latest);
            }
            reading.sentence(f);
            reading.remember_day(f);
        }
        reading
    }

    /// The dates of a sentence's events with why: its own expressions, or the event it continues.
    fn dates_of(&self, f: &Facts, anchor: Option<(&Anchor, String)>) -> Vec<(EventDate, String)> {
        if !f.dates.is_empty() {
            return f
                .dates
                .iter()
                .map(|c| (c.date.clone(), format!("'{}'", c.date.text)))
                .collect();
        }
        if let Some(first) = f.later.first().map(|c| &f.text[c.span.clone()]) {
            // a date after publication is the sentence's own: it continues nothing told before
            return vec![(
                EventDate::undated(),
                format!(
                    "none it can use: '{first}' is after the publication date, and an article cannot report what has not happened (if the publication date is wrong, review the article again with the right one)"
                ),
            )];
        }
        match anchor {
            Some((a, why)) => {
                let mut date = a.date.clone();
                date.note = format!(
                    "No date of its own: continues the event of sentence {} dated '{}' ({why}). {}",
                    a.number, a.date.text, a.date.note
                )
                .trim()
                .to_owned();
                vec![(
                    date,
                    format!("none of its own; continues sentence {} ({why})", a.number),
                )]
            }
            None => vec![(
                EventDate::undated(),
                "none (the sentence gives no date and does not say it is the day of publication)"
                    .to_owned(),
            )],
        }
    }
}

/// The whole day, with its year, that one of the article's first sentences gives as its byline
/// ("By …, 4 December 2019") or dateline ("BAKU, 12 June 2024 —"), when it lies more than
/// [`DATE_LINE_SLACK`] days before `published`.
fn own_date_line(f: &Facts, published: NaiveDate) -> Option<NaiveDate> {
    if f.number > DATE_LINE_SENTENCES {
        return None;
    }
    let byline = !f.complete && f.text.trim_start().starts_with("By ");
    let line = match (f.lead, byline) {
        (0, false) => return None,
        (0, true) => f.text.as_str(),
        (lead, _) => &f.text[..lead],
    };
    let days: Vec<DateCue> = super::dates::find_dates(line, published);
    let [day] = days.as_slice() else {
        return None;
    };
    // a day written with its year: a year-less one was read from the date it would question
    let (start, end) = day.date.range?;
    let whole = start == end && day.date.precision == Precision::Day;
    let early = (published - start).num_days() > DATE_LINE_SLACK;
    (day.writes_a_year() && whole && early).then_some(start)
}

/// The first date after publication that tells the publication date may be wrong: in a sentence
/// that tells of an event, any; elsewhere (a headline, a dateline, a page's clutter such as
/// "© 2022") only a whole day. A sentence that only tells of the future may name later days.
fn later_than_publication(f: &Facts) -> Option<&str> {
    if f.future || f.question {
        return None;
    }
    f.later
        .iter()
        .find(|c| f.complete || c.date.precision == crate::model::Precision::Day)
        .map(|c| &f.text[c.span.clone()])
}

/// An article being read: what it gave so far and what was learnt.
struct Reading<'a> {
    ex: &'a Extractor,
    article: &'a Article,
    options: Options,
    dateline: Option<PlaceChoice>,
    memory: Memory,
    /// The last whole day a sentence told as its only date, with the sentence's number: what
    /// "two days later" counts from.
    last_day: Option<(usize, NaiveDate)>,
    ids: HashSet<String>,
    out: Extraction,
}

impl Reading<'_> {
    /// `f` with the day its wording "two days later" or "the next day" names, counted from the
    /// last whole day told at most [`CUE_REACH`] sentences before; as it is when it has no such
    /// wording, has dates of its own, or the day told before is not one whole day. A day after
    /// publication is kept among the dates it cannot use.
    fn shifted<'f>(&self, f: &'f Facts) -> Cow<'f, Facts> {
        let (Some(shift), true, true) = (&f.shift, f.dates.is_empty(), f.later.is_empty()) else {
            return Cow::Borrowed(f);
        };
        let Some((number, from)) = self
            .last_day
            .filter(|(n, _)| n + CUE_REACH >= f.number && *n < f.number)
        else {
            return Cow::Borrowed(f);
        };
        let Some(day) = shift.from(from) else {
            return Cow::Borrowed(f);
        };
        let written = &f.text[shift.span.clone()];
        let date = EventDate {
            range: Some((day, day)),
            precision: Precision::Day,
            text: written.to_owned(),
            note: shift.note(written, from, number),
        };
        let cue = DateCue {
            span: shift.span.clone(),
            date,
        };
        let mut dated = f.clone();
        if day > self.article.published {
            dated.later.push(cue);
        } else {
            dated.dates.push(cue);
        }
        Cow::Owned(dated)
    }

    /// Remembers the day a complete sentence told, when it told one whole day and no other date;
    /// any other date it tells is no day to count from. A date after "since" ("closed since March
    /// 2020") tells how long a state has held, not a day events are counted from, and changes
    /// nothing.
    fn remember_day(&mut self, f: &Facts) {
        let told: Vec<&DateCue> = f
            .dates
            .iter()
            .filter(|c| !c.follows_since(&f.text))
            .collect();
        if !f.complete || told.is_empty() {
            return;
        }
        self.last_day = match told.as_slice() {
            [one] => one
                .date
                .range
                .filter(|(a, b)| a == b && one.date.precision == Precision::Day)
                .map(|(a, _)| (f.number, a)),
            _ => None,
        };
    }
}

impl Reading<'_> {
    /// Proposes the events of one sentence, and remembers it if it dates an event.
    fn sentence(&mut self, f: &Facts) {
        if !f.complete || f.question || f.future {
            return;
        }
        if f.number <= DATELINE_SENTENCES && is_dateline_sentence(&f.text) {
            self.out.left_out.push(LeftOut {
                why: format!(
                    "sentence {}: the dateline, where and when the report was filed (\"{}\")",
                    f.number,
                    short(&f.text)
                ),
                number: f.number,
                quote: f.range.clone(),
                events: Vec::new(),
            });
            return;
        }
        let own_dates = !f.dates.is_empty();
        if !own_dates && self.memory.anchor_for(f).is_none() {
            let (claimed_by, credit) = credit_of(f, self.memory.resolve_source(f), None);
            self.propose_recorded(f, claimed_by, credit);
        }
        let anchor = if own_dates {
            None
        } else {
            self.memory.anchor_for(f)
        };
        if f.category.cue.is_empty()
            && !(own_dates && (!f.actors.is_empty() || !f.places.is_empty()))
        {
            // a date with nothing the extractor reads as an event is listed, for the reviewer
            // to add if it tells of one
            if own_dates {
                let why = format!(
                    "sentence {}: a date, but no word that tells what happened and no one or no place named (\"{}\")",
                    f.number,
                    short(&f.text)
                );
                let source = self.memory.resolve_source(f);
                let parts = (self.ex, self.article, &self.memory);
                let left = whole_sentence_left_out(parts, f, (None, source), why);
                self.out.left_out.push(left);
            }
            return;
        }
        let source = self.memory.resolve_source(f);
        let mut places = self.places_of(f, anchor.as_ref().map(|(a, _)| *a), source.as_deref());
        // "on the border between the two countries": that border, or no place when the
        // gazetteer lacks it (not the place of the event the sentence continues)
        let lacking = match self.pair_border(f) {
            Some(Ok(border)) => {
                places = vec![border];
                None
            }
            Some(Err(lacking)) => {
                places.clear();
                Some(lacking)
            }
            None => None,
        };
        // "the embassy" named before with its place stands there, not in a country the sentence
        // names as who acted ("Azerbaijan reopened the embassy in July 2024")
        let coarse = places.first().is_none_or(|c| {
            self.ex.gazetteer.places[c.place].place.kind == crate::model::PlaceKind::Country
        });
        if let Some((place, why)) = self.memory.mission_of(f).filter(|_| coarse) {
            let shape = self.ex.gazetteer.places[place].shape.clone();
            places = vec![PlaceChoice {
                place,
                shape,
                why,
                at: None,
            }];
        }
        if places.is_empty() && own_dates {
            // a sentence that names no place may still date an act the public record places
            let dates = self.ex.dates_of(f, None);
            places.extend(dates.iter().find_map(|(d, _)| self.venue_of(f, d)));
        }
        if places.is_empty() {
            let why = match unknown_locative(f).or(lacking.as_deref()) {
                Some(name) => format!(
                    "sentence {}: no place: '{name}' is not in the gazetteer (\"{}\")",
                    f.number,
                    short(&f.text)
                ),
                None => format!("sentence {}: no place (\"{}\")", f.number, short(&f.text)),
            };
            let parts = (self.ex, self.article, &self.memory);
            let left = whole_sentence_left_out(parts, f, (anchor, source), why);
            self.out.left_out.push(left);
            return;
        }
        let dates = self.ex.dates_of(f, anchor.clone());
        let places = self.in_turn(f, places);
        let (claimed_by, credit) = credit_of(f, source, anchor.as_ref().map(|(a, _)| *a));
        let date_at: Vec<pairing::Named> = match own_dates {
            true => f.dates.iter().map(|c| Some(c.span.clone())).collect(),
            false => vec![None; dates.len()],
        };
        let elsewhere = placed_elsewhere(f, &date_at, &places);
        let keep = |k: &usize| !elsewhere.iter().any(|(j, _, _)| j == k);
        let kept: Vec<usize> = (0..dates.len()).filter(keep).collect();
        let dates_kept: Vec<(EventDate, String)> = kept.iter().map(|&k| dates[k].clone()).collect();
        let at_kept: Vec<pairing::Named> = kept.iter().map(|&k| date_at[k].clone()).collect();
        let elsewhere_count = elsewhere.len();
        self.leave_out(f, &dates, elsewhere, (claimed_by.clone(), credit));
        let memory = &self.memory;
        let person_country = |name: &str| memory.person_country(name);
        // beside a clause left out, the rest are told by their own clauses
        let clauses = match elsewhere_count {
            0 => None,
            _ => pairing::date_clauses(&f.text, &date_at),
        };
        for (j, (date, date_why), place, clause) in
            distinct_pairs(f, &dates_kept, &at_kept, &places)
        {
            let clause = clause.or_else(|| Some(clauses.as_ref()?.get(kept[j])?.clone()));
            let venue = own_dates.then(|| self.venue_of(f, date)).flatten();
            let place = venue.as_ref().unwrap_or(&place);
            let parts = Parts {
                article: self.article,
                facts: f,
                date,
                date_why,
                place: Some(place),
                claimed_by: claimed_by.clone(),
                credit,
                person_country: &person_country,
                clause,
            };
            let event = build_event(self.ex, &parts, &mut self.ids);
            self.out
                .proposals
                .push(proposal(self.ex, event, place.place, f));
        }
        if own_dates && f.dates.len() == 1 && f.dates[0].date.precision <= Precision::Month {
            self.memory.anchors.push(Anchor {
                number: f.number,
                date: f.dates[0].date.clone(),
                place: places[0].clone(),
                surnames: f.surnames(),
                claimed_by,
                category: f.category.category,
            });
        }
    }
}

/// The events of a sentence that names no place the gazetteer knows, unplaced: one per date (at
/// most [`MAX_PER_SENTENCE`]), for the reviewer to place.
/// Ways of writing the border of the two countries an article has just named.
const PAIR_BORDERS: [&str; 5] = [
    "border between the two countries",
    "the two countries' border",
    "the two countries’ border",
    "their common border",
    "their shared border",
];

/// A dateline alone stands among an article's first sentences (after its title).
const DATELINE_SENTENCES: usize = 3;

/// Prepositions that say a border is where something happened.
const AT_A_BORDER: [&str; 7] = ["on", "at", "along", "near", "across", "over", "to"];

/// Whether the text before a border's name ends with a preposition of place ("on the", "at
/// their"): the border is where it happened.
fn at_a_place(before: &str) -> bool {
    let mut back = before.split_whitespace().rev();
    let last = back.next().unwrap_or_default();
    let preposition = if last == "the" {
        back.next().unwrap_or_default()
    } else {
        last
    };
    AT_A_BORDER.contains(&preposition)
}

/// The whole sentence `f` left out for `why`, with its events as read, unplaced, for the
/// reviewer to add.
fn whole_sentence_left_out(
    parts: (&Extractor, &Article, &Memory),
    f: &Facts,
    (anchor, source): (Option<(&Anchor, String)>, Option<String>),
    why: String,
) -> LeftOut {
    // ids of their own: a draft must not change the ids of the proposals (saving makes every id
    // unique)
    let events = unplaced(parts, f, anchor, source, &mut HashSet::new());
    LeftOut {
        why,
        number: f.number,
        quote: f.range.clone(),
        events,
    }
}

fn unplaced(
    (ex, article, memory): (&Extractor, &Article, &Memory),
    f: &Facts,
    anchor: Option<(&Anchor, String)>,
    source: Option<String>,
    ids: &mut HashSet<String>,
) -> Vec<Event> {
    let anchored = anchor.as_ref().map(|(a, _)| *a);
    let dates = ex.dates_of(f, anchor.clone());
    let (claimed_by, credit) = credit_of(f, source, anchored);
    let mut out: Vec<Event> = Vec::new();
    for date in &dates {
        if out.len() == MAX_PER_SENTENCE || out.iter().any(|e| e.date.range == date.0.range) {
            continue;
        }
        let told = (date, None);
        out.push(unplaced_event(
            (ex, article, memory),
            f,
            told,
            (&claimed_by, credit),
            ids,
        ));
    }
    out
}

/// The event of one date of a sentence (told in `clause`, when the sentence tells one event a
/// clause), unplaced, for the reviewer to place.
fn unplaced_event(
    (ex, article, memory): (&Extractor, &Article, &Memory),
    f: &Facts,
    ((date, date_why), clause): (&(EventDate, String), Option<Range<usize>>),
    (claimed_by, credit): (&Option<String>, Credit),
    ids: &mut HashSet<String>,
) -> Event {
    let person_country = |name: &str| memory.person_country(name);
    let parts = Parts {
        article,
        facts: f,
        date,
        date_why,
        place: None,
        claimed_by: claimed_by.clone(),
        credit,
        person_country: &person_country,
        clause,
    };
    build_event(ex, &parts, ids)
}

impl Reading<'_> {
    /// The places where a sentence's event happened, from its own words, the event it continues
    /// (`anchor`), its `source` or the dateline.
    fn places_of(
        &self,
        f: &Facts,
        anchor: Option<&Anchor>,
        source: Option<&str>,
    ) -> Vec<PlaceChoice> {
        self.pick_places(f, (anchor, source), choose)
    }

    /// The border of the two countries named last, where the sentence says it happened on "the
    /// border between the two countries" (or "the two countries' border", "their common border")
    /// and names no border itself; `Err` with the border's name when the gazetteer lacks it.
    fn pair_border(&self, f: &Facts) -> Option<Result<PlaceChoice, String>> {
        let lower = f.text.to_lowercase();
        // where it happened, not what it is about ("the delimitation of the border between the
        // two countries")
        let phrase = PAIR_BORDERS.iter().find(|p| {
            lower
                .match_indices(*p)
                .any(|(at, _)| at_a_place(&lower[..at]))
        })?;
        let g = &self.ex.gazetteer;
        let named_border = f
            .places
            .iter()
            .any(|m| g.places[m.place].place.kind == crate::model::PlaceKind::Border);
        if named_border {
            return None;
        }
        let (a, b) = self.memory.last_pair()?;
        // a border the gazetteer lacks is proposed only where ad-hoc places are asked for
        let place = g
            .border(a, b)
            .filter(|&i| !g.places[i].ad_hoc || self.options.allow_ad_hoc);
        Some(match place {
            Some(place) => Ok(PlaceChoice {
                place,
                shape: g.places[place].shape.clone(),
                why: format!(
                    "'{phrase}' (the border of {a} and {b}, the two countries named last)"
                ),
                at: None,
            }),
            None => Err(format!("the border of {a} and {b}")),
        })
    }

    /// Leaves out the dates of `f` told in a clause placed in a name the gazetteer lacks
    /// (`elsewhere`, from [`placed_elsewhere`]), each with its event, unplaced, for the reviewer.
    fn leave_out(
        &mut self,
        f: &Facts,
        dates: &[(EventDate, String)],
        elsewhere: Vec<(usize, Range<usize>, String)>,
        (claimed_by, credit): (Option<String>, Credit),
    ) {
        for (k, clause, name) in elsewhere {
            let date = &dates[k];
            let told = (date, Some(clause));
            let reading = (self.ex, self.article, &self.memory);
            // ids of their own, as for a sentence left out whole
            let ids = &mut HashSet::new();
            let event = unplaced_event(reading, f, told, (&claimed_by, credit), ids);
            self.out.left_out.push(LeftOut {
                why: format!(
                    "sentence {}: no place for '{}': '{name}' is not in the gazetteer, and the sentence's other places belong to its other clauses (\"{}\")",
                    f.number,
                    date.0.text,
                    short(&f.text)
                ),
                number: f.number,
                quote: f.range.clone(),
                events: vec![event],
            });
        }
    }

    /// The places of a sentence that names a place with each of its dates, in turn ("visited
    /// Tbilisi on 9 May, Baku on 10 May and Yerevan on 11 May"), else `places`: every place it
    /// names goes with its own date, though only the first is written as where it happened.
    fn in_turn(&self, f: &Facts, places: Vec<PlaceChoice>) -> Vec<PlaceChoice> {
        let named = |p: &[PlaceChoice]| p.iter().map(|c| c.at.clone()).collect::<Vec<_>>();
        let dates: Vec<pairing::Named> = f.dates.iter().map(|c| Some(c.span.clone())).collect();
        if f.dates.len() < 2 || pairing::named_in_turn(&dates, &named(&places)) {
            return places;
        }
        let all = self.pick_places(f, (None, None), named_places);
        match pairing::named_in_turn(&dates, &named(&all)) {
            true => all,
            false => places,
        }
    }

    /// The places `pick` chooses for a sentence, in the reading's context.
    fn pick_places(
        &self,
        f: &Facts,
        (anchor, source): (Option<&Anchor>, Option<&str>),
        pick: fn(&Facts, &Context<'_>) -> Vec<PlaceChoice>,
    ) -> Vec<PlaceChoice> {
        // a source credited only with a later clause says nothing of where the main one happened
        let placing_source =
            source.filter(|_| f.attribution.as_ref().is_some_and(|a| covers(f, a)));
        let memory = &self.memory;
        let cx = Context {
            gazetteer: &self.ex.gazetteer,
            allow_ad_hoc: self.options.allow_ad_hoc,
            inherited: anchor.map(|a| &a.place),
            source: placing_source,
            person_country: &|name| memory.person_country(name),
            dateline: self.dateline.as_ref(),
        };
        pick(f, &cx)
    }

    /// The event of text the reviewer chose, read as one sentence whatever its category or form:
    /// its first date (or the event it continues), at the first place it gives, else unplaced.
    fn draft(&mut self, f: &Facts) -> Proposal {
        let anchor = if f.dates.is_empty() {
            self.memory.anchor_for(f)
        } else {
            None
        };
        let source = self.memory.resolve_source(f);
        let places = self.places_of(f, anchor.as_ref().map(|(a, _)| *a), source.as_deref());
        let dates = self.ex.dates_of(f, anchor.clone());
        let (claimed_by, credit) = credit_of(f, source, anchor.as_ref().map(|(a, _)| *a));
        let undated = (EventDate::undated(), String::new());
        let (date, date_why) = dates.first().unwrap_or(&undated);
        let memory = &self.memory;
        let person_country = |name: &str| memory.person_country(name);
        let parts = Parts {
            article: self.article,
            facts: f,
            date,
            date_why,
            place: places.first(),
            claimed_by,
            credit,
            person_country: &person_country,
            clause: None,
        };
        let mut event = build_event(self.ex, &parts, &mut self.ids);
        if let Some(at) = event.notes.find(" by the extractor") {
            event.notes = format!(
                "Added by the reviewer from the selected text; read{}",
                &event.notes[at..]
            );
        }
        match places.first() {
            Some(place) => proposal(self.ex, event, place.place, f),
            None => Proposal {
                event,
                quote: f.range.clone(),
                ad_hoc: None,
            },
        }
    }
}

impl Reading<'_> {
    /// The venue the public record gives an event the sentence dates, when the sentence names no
    /// place where it happened.
    fn venue_of(&self, f: &Facts, date: &EventDate) -> Option<PlaceChoice> {
        if self.options.text_only || f.places.iter().any(|m| m.locative) {
            return None;
        }
        let entry = record::placing(&f.text, date.range?)?;
        let why = format!(
            "none in the article; outside knowledge, from the public record: {} ({})",
            entry.name, entry.record
        );
        self.ex.choice_of(entry.venue, why)
    }

    /// Proposes the event of the public record that a sentence with no date of its own names
    /// ("the recent meeting with the presidents of Russia and Turkey"), dated and placed by the
    /// record, which its notes name.
    fn propose_recorded(&mut self, f: &Facts, claimed_by: Option<String>, credit: Credit) {
        if self.options.text_only {
            return;
        }
        let Some((entry, word)) = record::dating(&f.text, self.article.published) else {
            return;
        };
        let record = format!("{} ({})", entry.name, entry.record);
        let why = format!("outside knowledge, from the public record: {record}");
        let (Some((start, end)), Some(choice)) =
            (entry.range(), self.ex.choice_of(entry.venue, why))
        else {
            return;
        };
        let mut date = EventDate::new(start, end, Precision::Day);
        date.text = record::phrase_around(&f.text, word).to_owned();
        date.note = match date.text.as_str() {
            "" => format!(
                "The article gives no date. Outside knowledge, from the public record: {record}."
            ),
            w => format!(
                "The article says only '{w}'. Outside knowledge, from the public record: {record}."
            ),
        };
        let memory = &self.memory;
        let person_country = |name: &str| memory.person_country(name);
        let parts = Parts {
            article: self.article,
            facts: f,
            date: &date,
            date_why: &format!("none of its own; the public record dates '{}'", entry.name),
            place: Some(&choice),
            claimed_by,
            credit,
            person_country: &person_country,
            clause: None,
        };
        let mut event = build_event(self.ex, &parts, &mut self.ids);
        event.title = entry.name.to_owned();
        event.category = entry.category;
        event.actors = entry.actors.iter().map(|a| (*a).to_owned()).collect();
        self.out
            .proposals
            .push(proposal(self.ex, event, choice.place, f));
    }
}

impl Extractor {
    /// The gazetteer place with this id as a choice, with why it was chosen.
    fn choice_of(&self, id: &str, why: String) -> Option<PlaceChoice> {
        let place = self.gazetteer.by_id(id)?;
        Some(PlaceChoice {
            place,
            shape: self.gazetteer.places[place].shape.clone(),
            why,
            at: None,
        })
    }
}

/// A proposal of `event` at gazetteer place `place`, quoting the sentence `f`.
fn proposal(ex: &Extractor, event: Event, place: usize, f: &Facts) -> Proposal {
    let candidate = &ex.gazetteer.places[place];
    Proposal {
        event,
        quote: f.range.clone(),
        ad_hoc: candidate.ad_hoc.then(|| candidate.place.clone()),
    }
}

/// Whom a sentence's claim is credited to, and whence: a quoted report it belongs to, its own
/// attribution, or the dated event it continues with no subject of its own ("It is emphasized").
fn credit_of(
    f: &Facts,
    source: Option<String>,
    anchor: Option<&Anchor>,
) -> (Option<String>, Credit) {
    let continued = anchor.filter(|a| f.impersonal && a.claimed_by.is_some());
    match (source, &f.quoted_from, continued) {
        (_, Some(q), _) => (Some(q.clone()), Credit::Quoted),
        (Some(s), None, _) => (Some(s), Credit::Own),
        (None, None, Some(a)) => (a.claimed_by.clone(), Credit::Continued),
        (None, None, None) => (None, Credit::Own),
    }
}

/// The dates of a sentence whose own clause says where it happened in a name the gazetteer lacks
/// ("Aliyev met Putin in Moscow on 22 April and Erdogan in Ankara on 24 April"), while every place
/// the sentence names stands in another clause: each with its clause and the unknown name. Such a
/// date is not put at another clause's place. A sentence read in turn, one whose places are not
/// all named in it, or whose clauses are not parted, gives none.
fn placed_elsewhere(
    f: &Facts,
    date_at: &[pairing::Named],
    places: &[PlaceChoice],
) -> Vec<(usize, Range<usize>, String)> {
    let place_at: Vec<pairing::Named> = places.iter().map(|p| p.at.clone()).collect();
    if pairing::named_in_turn(date_at, &place_at) || place_at.iter().any(Option::is_none) {
        return Vec::new();
    }
    let Some(clauses) = pairing::date_clauses(&f.text, date_at) else {
        return Vec::new();
    };
    let inside = |c: &Range<usize>, at: &pairing::Named| {
        at.as_ref()
            .is_some_and(|a| c.start <= a.start && a.end <= c.end)
    };
    clauses
        .into_iter()
        .enumerate()
        .filter(|(_, c)| !place_at.iter().any(|at| inside(c, at)))
        .filter_map(|(k, c)| {
            let name = unknown_locative_within(f, c.clone())?.to_owned();
            Some((k, c, name))
        })
        .collect()
}

/// One event a sentence tells: which date, the date and why, its place, and the clause that tells
/// it when the sentence tells one event a clause.
type Told<'a> = (
    usize,
    &'a (EventDate, String),
    Cow<'a, PlaceChoice>,
    Option<Range<usize>>,
);

/// Each date with the places it goes with and the clause that tells them (see [`pairing`]), at
/// most [`MAX_PER_SENTENCE`], leaving out repeats: two expressions of one day ("Jan 29 … on
/// Sunday") make one event. A place paired with the date named with it says so in its notes.
fn distinct_pairs<'a>(
    f: &Facts,
    dates: &'a [(EventDate, String)],
    date_at: &[pairing::Named],
    places: &'a [PlaceChoice],
) -> Vec<Told<'a>> {
    let place_at: Vec<pairing::Named> = places.iter().map(|p| p.at.clone()).collect();
    let mut out: Vec<Told<'a>> = Vec::new();
    for pair in pairing::pairs(&f.text, date_at, &place_at) {
        let (d, p) = (&dates[pair.date], &places[pair.place]);
        let repeat = out
            .iter()
            .any(|(_, e, q, _)| e.0.range == d.0.range && q.place == p.place);
        if repeat || out.len() == MAX_PER_SENTENCE {
            continue;
        }
        let place = match pair.in_turn {
            true => Cow::Owned(PlaceChoice {
                why: format!(
                    "{}, the place the sentence names with '{}'",
                    p.why, d.0.text
                ),
                ..p.clone()
            }),
            false => Cow::Borrowed(p),
        };
        out.push((pair.date, d, place, pair.clause));
    }
    out
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests;
