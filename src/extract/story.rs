//! What the extractor remembers while reading an article: dated events later sentences may
//! continue, the countries of people named earlier, whom pronouns and bare nouns ("the office")
//! stand for, and the dateline.

use super::actors::ActorKind;
use super::analysis::Facts;
use super::attribution::PRONOUNS;
use super::gazetteer::{Gazetteer, country_name};
use super::place_choice::PlaceChoice;
use super::words::words;
use crate::model::{Category, EventDate};

/// A sentence sharing a person with a dated event this many sentences back may continue it.
const SHARED_PERSON_REACH: usize = 15;
/// A sentence with a continuation cue ("also", "during the call") may continue a dated event this
/// many sentences back.
pub(super) const CUE_REACH: usize = 8;
/// The dateline is looked for in this many first lines.
const DATELINE_LINES: usize = 15;

/// The embassy or consulate a sentence names with its place ("embassy in Tehran", "consulate
/// general in Kapan"): the word, the place's gazetteer index, the sentence's number.
fn mission_named_at(f: &Facts) -> Option<(String, usize, usize)> {
    let lower = f.text.to_lowercase();
    MISSIONS.iter().find_map(|word| {
        let at = lower.find(word)?;
        let place = f.places.iter().find(|m| {
            m.span.start > at && {
                let between = &lower[at + word.len()..m.span.start];
                let between = between.trim_start_matches(" general");
                matches!(between, " in " | " at ")
            }
        })?;
        Some(((*word).to_owned(), place.place, f.number))
    })
}

/// A dated event that later sentences may continue.
#[derive(Clone, Debug)]
pub struct Anchor {
    /// Its sentence number.
    pub number: usize,
    /// Its date.
    pub date: EventDate,
    /// Its place.
    pub place: PlaceChoice,
    /// Surnames of the people it names.
    pub surnames: Vec<String>,
    /// Whom it attributes its claim to.
    pub claimed_by: Option<String>,
    /// Its category: a sentence opening "The talks…" continues a meeting, not a clash.
    pub category: Category,
}

/// What has been read so far.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    /// Dated events, in order.
    pub anchors: Vec<Anchor>,
    persons: Vec<(String, String)>,
    last_person: Option<String>,
    bodies: Vec<String>,
    /// The countries named so far, by their own names or their people's, in order.
    countries: Vec<String>,
    /// The last embassy or consulate named with its place ("Azerbaijan's embassy in Tehran"):
    /// the word, the gazetteer index of its place, and the sentence's number.
    mission: Option<(String, usize, usize)>,
}

/// Diplomatic missions a later sentence may name again by "the embassy", "the consulate".
const MISSIONS: [&str; 2] = ["embassy", "consulate"];

impl Memory {
    /// Learns the actors of a sentence once it has been read.
    pub fn learn(&mut self, f: &Facts) {
        if let Some(mission) = mission_named_at(f) {
            self.mission = Some(mission);
        }
        let named: Vec<String> = words(&f.text)
            .iter()
            .filter_map(|w| country_name(w.text))
            .map(str::to_owned)
            .chain(f.actors.iter().filter_map(|a| a.country.clone()))
            .collect();
        for c in named {
            self.countries.retain(|k| *k != c);
            self.countries.push(c);
        }
        for a in &f.actors {
            match a.kind {
                ActorKind::Person => {
                    if let Some(c) = &a.country {
                        self.persons.push((a.name.clone(), c.clone()));
                    }
                    self.last_person = Some(a.name.clone());
                }
                ActorKind::Body => self.bodies.push(a.name.clone()),
            }
        }
        if let Some(a) = &f.attribution
            && a.source.chars().any(char::is_uppercase)
        {
            // a person named before, who speaks now by surname ("Lavrov said…"), is whom "he"
            // stands for next
            let speaker = self.persons.iter().rev().find(|(n, _)| {
                *n == a.source || n.rsplit([' ', '-']).next() == Some(a.source.as_str())
            });
            match speaker {
                Some((full, _)) => self.last_person = Some(full.clone()),
                None => self.bodies.push(a.source.clone()),
            }
        }
    }

    /// The place of the embassy or consulate a sentence names again without its place ("Azerbaijan
    /// reopened the embassy in July 2024"), with the words that named it and the sentence they
    /// stand in.
    pub fn mission_of(&self, f: &Facts) -> Option<(usize, String)> {
        let (word, place, number) = self.mission.as_ref()?;
        let lower = f.text.to_lowercase();
        let again = format!("the {word}");
        lower.find(&again)?;
        // "the embassy in Baku" names its own place
        mission_named_at(f).is_none().then(|| {
            (
                *place,
                format!("'{again}' (the {word} named in sentence {number})"),
            )
        })
    }

    /// The last two countries named, the latest last: "the two countries" of a later sentence.
    pub fn last_pair(&self) -> Option<(&str, &str)> {
        match self.countries.as_slice() {
            [.., a, b] => Some((a.as_str(), b.as_str())),
            _ => None,
        }
    }

    /// The country of a person named earlier, by full name or surname.
    pub fn person_country(&self, name: &str) -> Option<String> {
        let surname = name.rsplit([' ', '-']).next().unwrap_or(name);
        self.persons
            .iter()
            .rev()
            .find(|(n, _)| n == name || n.rsplit([' ', '-']).next() == Some(surname))
            .map(|(_, c)| c.clone())
    }

    /// The dated event a sentence without a date continues, and why: a person they share, the
    /// last dated meeting for a sentence opening "The talks…", a continuation cue, or a report
    /// with no subject ("It is emphasized").
    pub fn anchor_for(&self, f: &Facts) -> Option<(&Anchor, String)> {
        let surnames = f.acting_surnames();
        let shared = self
            .anchors
            .iter()
            .rev()
            .take_while(|a| a.number + SHARED_PERSON_REACH >= f.number)
            .find_map(|a| {
                let name = surnames.iter().find(|s| a.surnames.contains(s))?;
                Some((a, format!("it names {name} as that sentence does")))
            });
        if shared.is_some() {
            return shared;
        }
        if let Some(cue) = &f.meeting {
            let kinds = super::analysis::categories_continued(cue);
            let meeting = self
                .anchors
                .iter()
                .rev()
                .take_while(|a| a.number + CUE_REACH >= f.number)
                .find(|a| kinds.contains(&a.category));
            if let Some(a) = meeting {
                let what = match kinds.as_slice() {
                    [Category::Military] => "the fighting or drills",
                    [Category::Protest] => "the protest",
                    _ => "the meeting or agreement",
                };
                return Some((a, format!("it opens with '{cue}', {what} told there")));
            }
        }
        // "The two leaders also signed…": the last event of two people or more
        if let Some(cue) = f
            .continuation
            .as_ref()
            .filter(|c| super::analysis::names_the_pair(c))
        {
            let near = || {
                self.anchors
                    .iter()
                    .rev()
                    .take_while(|a| a.number + CUE_REACH >= f.number)
            };
            // else, when the cue names their office, the last meeting, whose people that
            // sentence did not name ("The foreign ministers of Georgia, Azerbaijan and Turkey
            // met…"); "the two sides" may be anyone
            let lower = cue.to_lowercase();
            let office = ["minister", "president", "leader"]
                .iter()
                .any(|o| lower.contains(o))
                || super::analysis::names_counterparts(cue);
            let pair = near().find(|a| a.surnames.len() >= 2).or_else(|| {
                near()
                    .filter(|_| office)
                    .find(|a| matches!(a.category, Category::Diplomacy | Category::Agreement))
            })?;
            return Some((pair, format!("cue '{cue}', the people told there")));
        }
        let last = self
            .anchors
            .last()
            .filter(|a| a.number + CUE_REACH >= f.number)?;
        if let Some(cue) = &f.continuation {
            return Some((last, format!("cue '{cue}'")));
        }
        f.impersonal.then(|| {
            (
                last,
                "a report with no subject of its own (\"it is … that\")".to_owned(),
            )
        })
    }

    /// The source of a sentence's claim, with pronouns and bare nouns ("the office") resolved to
    /// whom they stand for; `None` when a pronoun cannot be resolved.
    pub fn resolve_source(&self, f: &Facts) -> Option<String> {
        let source = &f.attribution.as_ref()?.source;
        let lower = source.to_lowercase();
        if PRONOUNS.contains(&lower.as_str()) {
            return match lower.as_str() {
                "he" | "she" => self.last_person.clone(),
                "it" | "they" => self.bodies.last().cloned(),
                _ => None,
            };
        }
        if !source.chars().any(char::is_uppercase) && source.split_whitespace().count() <= 3 {
            let earlier = self.bodies.iter().rev().find(|b| {
                let body: Vec<String> = b
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .map(str::to_owned)
                    .collect();
                lower
                    .split_whitespace()
                    .all(|w| body.iter().any(|x| x == w))
            });
            if let Some(b) = earlier {
                return Some(b.clone());
            }
        }
        Some(source.clone())
    }
}

/// The place of the article's dateline ("TEHRAN, Iran", "TABRIZ (Reuters) —"), if it has one.
pub fn dateline(g: &Gazetteer, text: &str, allow_ad_hoc: bool) -> Option<PlaceChoice> {
    text.lines().take(DATELINE_LINES).find_map(|line| {
        let line = line.trim();
        let end = line.find([',', '(', '—', '–']).unwrap_or(line.len());
        let head = line[..end]
            .trim()
            .trim_end_matches(" --")
            .trim_end_matches(" -");
        if !is_dateline_head(head) && dateline_lead(line) == 0 {
            return None;
        }
        let upper = head.to_uppercase();
        let (_, place) = g
            .names
            .iter()
            .find(|(n, i)| n.to_uppercase() == upper && (allow_ad_hoc || !g.places[*i].ad_hoc))?;
        Some(PlaceChoice {
            place: *place,
            shape: g.places[*place].shape.clone(),
            why: format!("'{head}' (the article's dateline; the sentence names no place)"),
            at: None,
        })
    })
}

/// Whether `head` reads as a dateline's place: one to three words in capitals ("TEHRAN", "NEW
/// DELHI").
fn is_dateline_head(head: &str) -> bool {
    head.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && head
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '-' || c == '\'')
        && head.split_whitespace().count() <= 3
}

/// Whether `head` reads as a dateline's place written in title case ("Tehran", "New Delhi"), when
/// what stands between it and the dash (`between`) is a date or an agency (", 20 January 2024",
/// " (Reuters)"): a sentence opening "Baku, the capital, — …" has no dateline.
fn is_titled_dateline_head(head: &str, between: &str) -> bool {
    let words: Vec<&str> = head.split_whitespace().collect();
    let titled = (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        });
    let rest = between.trim_start_matches([',', ' ']);
    titled
        && (rest.starts_with('(')
            || rest.bytes().any(|b| b.is_ascii_digit())
            || is_outlet_name(rest))
}

/// Whether a dateline's words after its place name an outlet: one to three capitalised words
/// (", Press TV", ", IRNA", ", Trend"), not words of a sentence (", the capital,").
fn is_outlet_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-'))
        })
}

/// Whether a sentence near the top of an article is a dateline alone ("Baku, Azerbaijan, March
/// 12.", "MOSCOW, June 4."): names and a date parted by commas, every word capitalised or a
/// number. It tells where and when the report was filed, not an event.
///
/// ```
/// use caucasus_atlas::extract::story::is_dateline_sentence;
/// assert!(is_dateline_sentence("Baku, Azerbaijan, March 12."));
/// assert!(is_dateline_sentence("MOSCOW, June 4. /TASS/."));
/// assert!(!is_dateline_sentence("Baku, Azerbaijan, Armenia and Iran met on March 12."));
/// assert!(!is_dateline_sentence("Aliyev, Putin, Erdogan."));
/// ```
pub fn is_dateline_sentence(sentence: &str) -> bool {
    let w = words(sentence);
    let numbered = w.iter().any(|x| x.text.bytes().all(|b| b.is_ascii_digit()));
    let named = w
        .iter()
        .all(|x| x.is_capitalised() || x.text.bytes().all(|b| b.is_ascii_digit()));
    numbered && named && (2..=8).contains(&w.len()) && sentence.contains(',')
}

/// A dateline is at most this many bytes before its dash.
const DATELINE_LEAD_MAX: usize = 60;

/// The byte length of a dateline opening a sentence ("YEREVAN, 14 March 2025 — ", "TABRIZ
/// (Reuters) – "), or 0: its place and date are the report's, not the sentence's.
///
/// ```
/// use caucasus_atlas::extract::story::dateline_lead;
/// let s = "YEREVAN, 14 March 2025 — Delegations met in Gazakh.";
/// assert_eq!(&s[dateline_lead(s)..], "Delegations met in Gazakh.");
/// assert_eq!(dateline_lead("Talks in Baku — a first — ended."), 0);
/// let s = "Tehran, 20 January 2024 — Iran and Azerbaijan agreed to reopen the embassy.";
/// assert_eq!(&s[dateline_lead(s)..], "Iran and Azerbaijan agreed to reopen the embassy.");
/// let t = "Baku (Reuters) - Talks ended.";
/// assert_eq!(&t[dateline_lead(t)..], "Talks ended.");
/// let u = "TBILISI, December 19, 2024 (RFE/RL) -- Tens of thousands rallied.";
/// assert_eq!(&u[dateline_lead(u)..], "Tens of thousands rallied.");
/// assert_eq!(dateline_lead("Baku, the capital — and its port — were quiet."), 0);
/// let v = "Tehran, Press TV - The drills began.";
/// assert_eq!(&v[dateline_lead(v)..], "The drills began.");
/// ```
pub fn dateline_lead(sentence: &str) -> usize {
    let dash = ["—", "–", " -- ", " - "]
        .iter()
        .filter_map(|d| sentence.find(d).map(|at| (at, d.len())))
        .min();
    let Some((at, len)) = dash.filter(|(at, _)| *at <= DATELINE_LEAD_MAX) else {
        return 0;
    };
    let head_end = sentence.find([',', '(']).map_or(at, |e| e.min(at));
    let head = sentence[..head_end].trim();
    if !is_dateline_head(head) && !is_titled_dateline_head(head, &sentence[head_end..at]) {
        return 0;
    }
    let rest = sentence[at + len..].trim_start();
    sentence.len() - rest.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Article, ArticleKind, Extractor, Options, Proposal};

    /// The proposals for `text`, published on the day `(y, m, d)`.
    fn proposals_of(text: &str, (y, m, d): (i32, u32, u32)) -> Vec<Proposal> {
        let published = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        let article = Article::from_raw("t.txt", text, ArticleKind::Text, published)
            .unwrap_or_else(|e| panic!("{e}"));
        Extractor::bundled()
            .propose(&article, Options::default())
            .proposals
    }

    /// The place and first day of each proposal.
    fn placed_days(proposals: Vec<Proposal>) -> Vec<(String, Option<String>)> {
        proposals
            .into_iter()
            .map(|p| {
                let day = p.event.date.range.map(|(s, _)| s.to_string());
                (p.event.place, day)
            })
            .collect()
    }

    #[test]
    fn the_talks_continue_the_last_meeting_not_the_last_clash() {
        let text = "Officials met in Tabriz on Monday. Troops held drills near Julfa last week. The talks focused on trade. The two sides also discussed energy.";
        let got = placed_days(proposals_of(text, (2024, 3, 6)));
        assert_eq!(got[2], ("tabriz".to_owned(), Some("2024-03-04".to_owned())));
        // only a meeting named at the start continues: "the two sides" may be anyone
        assert!(got.len() == 3 || got[3].1.is_none(), "{got:?}");
    }

    #[test]
    fn a_person_named_as_an_owner_in_a_later_clause_continues_nothing() {
        let text = "Pashinyan signed a statement in Moscow on 9 November 2020. Protesters stormed \
                    the government building in Yerevan overnight, demanding Pashinyan's resignation.";
        let got = placed_days(proposals_of(text, (2020, 11, 12)));
        assert!(
            !got.contains(&("yerevan".to_owned(), Some("2020-11-09".to_owned()))),
            "the protest took the statement's day: {got:?}"
        );
    }

    #[test]
    fn the_drills_continue_the_last_drills_not_the_last_meeting() {
        let text = "Troops held drills near Julfa on Tuesday. Officials met in Tabriz on Wednesday. \
                    The drills involved tanks and lasted two days.";
        let proposals = proposals_of(text, (2024, 3, 8));
        let notes = proposals
            .get(2)
            .map(|p| p.event.notes.clone())
            .unwrap_or_default();
        let got = placed_days(proposals);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(
            (got[2].0.as_str(), got[2].1.as_deref()),
            ("julfa", Some("2024-03-05")),
            "{got:?}"
        );
        assert!(
            notes.contains(
                "continues sentence 1 (it opens with 'The drills', the fighting or drills told there)"
            ),
            "{notes}"
        );
    }

    #[test]
    fn a_dateline_written_in_title_case_is_the_report_s_too() {
        let text = "Tehran, 14 March 2025 — Officials met in Tabriz on Thursday.\n\n\
                    Delegations met in Gazakh on Wednesday.";
        let proposals = proposals_of(text, (2025, 3, 14));
        let titles: Vec<String> = proposals.iter().map(|p| p.event.title.clone()).collect();
        assert_eq!(
            titles,
            [
                "Officials met in Tabriz on Thursday.",
                "Delegations met in Gazakh on Wednesday."
            ]
        );
        let at = |place: &str, day: &str| (place.to_owned(), Some(day.to_owned()));
        assert_eq!(
            placed_days(proposals),
            [at("tabriz", "2025-03-13"), at("tehran", "2025-03-12")]
        );
    }

    #[test]
    fn a_dateline_dates_and_places_nothing_its_sentence_tells_for_itself() {
        use crate::extract::{Article, ArticleKind, Extractor, Options};
        let text = "YEREVAN, 14 March 2025 — Officials met in Tabriz on Thursday.\n\n\
                    Delegations met in Gazakh on Wednesday. Troops held drills on Tuesday.";
        let published = chrono::NaiveDate::from_ymd_opt(2025, 3, 14).unwrap_or_default();
        let article = Article::from_raw("t.txt", text, ArticleKind::Text, published)
            .unwrap_or_else(|e| panic!("{e}"));
        let out = Extractor::bundled().propose(&article, Options::default());
        let got: Vec<(String, String, Option<String>)> = out
            .proposals
            .iter()
            .map(|p| {
                let day = p.event.date.range.map(|(s, _)| s.to_string());
                (p.event.title.clone(), p.event.place.clone(), day)
            })
            .collect();
        // the dateline's day is not a second date of the meeting, nor its words the title
        assert_eq!(
            got[0],
            (
                "Officials met in Tabriz on Thursday.".to_owned(),
                "tabriz".to_owned(),
                Some("2025-03-13".to_owned())
            )
        );
        // a meeting in a place the gazetteer lacks stays for review at the dateline, which its
        // note says only stands in for that place
        let gazakh = out
            .proposals
            .iter()
            .find(|p| p.event.title.contains("Gazakh"))
            .unwrap_or_else(|| panic!("{got:?}"));
        assert_eq!(gazakh.event.place, "yerevan");
        assert!(
            gazakh.event.notes.contains(
                "standing in for 'Gazakh', where the sentence says it happened but which the gazetteer does not hold"
            ),
            "{}",
            gazakh.event.notes
        );
        // a sentence naming no place at all falls back to the dateline without a warning
        let drills = out.proposals.last().unwrap_or_else(|| panic!("{got:?}"));
        assert_eq!(drills.event.place, "yerevan");
        assert!(
            !drills.event.notes.contains("standing in"),
            "{}",
            drills.event.notes
        );
        assert_eq!(got.len(), 3, "{got:?}");
        // without a dateline, such a sentence is left out, and the reason names the place
        let text = "Delegations met in Gazakh on Wednesday.";
        let article = Article::from_raw("u.txt", text, ArticleKind::Text, published)
            .unwrap_or_else(|e| panic!("{e}"));
        let out = Extractor::bundled().propose(&article, Options::default());
        assert!(out.proposals.is_empty());
        let left = &out.left_out[0];
        assert!(
            left.why
                .contains("no place: 'Gazakh' is not in the gazetteer"),
            "{left:?}"
        );
        // what was read stays with it, unplaced, for the reviewer to place
        assert_eq!((left.number, left.quote.clone()), (1, 0..text.len()));
        let [event] = left.events.as_slice() else {
            panic!("{:?}", left.events)
        };
        assert!(!event.is_placed() && event.place.is_empty());
        let wednesday = chrono::NaiveDate::from_ymd_opt(2025, 3, 12).unwrap_or_default();
        assert_eq!(event.date.range, Some((wednesday, wednesday)));
        assert_eq!(event.source.quote, text);
        assert!(
            event
                .notes
                .starts_with("Drafted by the extractor from sentence 1")
        );
        assert!(
            event
                .notes
                .contains("Place cue: none the gazetteer knows, so not placed.")
        );
    }

    #[test]
    fn datelines_in_capitals() {
        let g = Gazetteer::bundled();
        let d = dateline(&g, "Politics\n\nTEHRAN, Iran\n\nThe visit…", false).unwrap();
        assert_eq!(g.places[d.place].place.id, "tehran");
        let d = dateline(&g, "Headline\nNAKHCHIVAN (AP) — Officials said…", false).unwrap();
        assert_eq!(g.places[d.place].place.id, "nakhchivan");
        assert!(dateline(&g, "Iran and Azerbaijan\nBy A WRITER, staff", false).is_none());
        assert!(dateline(&g, "NEWS, Azerbaijan", false).is_none());
    }
}
