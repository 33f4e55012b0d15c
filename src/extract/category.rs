//! The category of a proposal from cue words: the first cue in the main clause, else in the whole
//! sentence. Cues are word stems, so "summoned", "summons" and "summoning" all count.

use super::words::{Word, words};
use crate::model::Category;

/// Cue stems by category; a word counts when it starts with the stem.
const CUES: [(Category, &[&str]); 7] = [
    (Category::Sanctions, &["sanction", "embargo"]),
    (
        Category::Agreement,
        &[
            "agreement",
            "signed",
            "signing",
            "treaty",
            "deal",
            "accord",
            "ceasefire",
            "truce",
            "memorandum",
            "agreed",
            "initialled",
            "initialed",
            "ratified",
        ],
    ),
    (
        Category::Military,
        &[
            "attack",
            "clash",
            "shell",
            "killed",
            "strike",
            "drill",
            "troop",
            "war",
            "fighting",
            "fought",
            "offensive",
            "heights",
            "artillery",
            "wounded",
            "casualt",
            "soldier",
            "missile",
            "bomb",
            "sabotage",
            "violence",
            "hostilit",
            "firing",
            "gunfire",
            "fired",
            "exchanged fire",
            "exchange of fire",
            "opened fire",
            "shooting",
            "sniper",
            "exercises",
            "military exercise",
            "manoeuvre",
            "maneuver",
            "drone",
            "anti-terror",
            "military operation",
            "took control",
            "captur",
            "shot down",
            // a ceasefire broken is fighting, not an agreement
            "ceasefire violation",
            "violated the ceasefire",
            "violating the ceasefire",
            "violation of the ceasefire",
            "violations of the ceasefire",
            "broke the ceasefire",
            "breach of the ceasefire",
            "breached the ceasefire",
            "violated the truce",
        ],
    ),
    (
        Category::Protest,
        &[
            "protest",
            "rally",
            "rallies",
            "rallied",
            "demonstrat",
            "riot",
        ],
    ),
    (
        Category::Incident,
        &[
            "detain",
            "detention",
            "arrest",
            "leaflet",
            "explosion",
            "accident",
            "kidnap",
            "seized",
            "smuggl",
            "blockade",
            "blocked",
            "closed",
            "freed",
            "released",
            "hostage",
            "crash",
        ],
    ),
    (
        Category::Diplomacy,
        &[
            "visit",
            "met",
            "meeting",
            "talks",
            "phone call",
            "telephone",
            "summon",
            "consulate",
            "embassy",
            "ambassador",
            "negotiat",
            "received",
            "hosted",
            "conversation",
            "discussed",
            "summit",
            "counterpart",
            "laid flowers",
            "ceremony",
            "inaugurat",
            "envoy",
            "protest note",
        ],
    ),
    (
        Category::Statement,
        &[
            "said",
            "says",
            "stated",
            "statement",
            "announced",
            "declared",
            "accus",
            "claimed",
            "warned",
            "emphasi",
            "underlined",
            "stressed",
            "told",
            "denied",
            "condemn",
            "critici",
            "interview",
            "briefing",
            "press conference",
            "rhetoric",
            "alleg",
            "promised",
            "pledged",
            "hailed",
            "praised",
            // what was welcomed; someone welcomed is a visit ("Aliyev welcomed Pashinyan")
            "welcomed the",
            "welcomes the",
            "welcomed a ",
            "welcomed an ",
            "welcomed this",
            "welcomed it",
            "urged",
            "called for",
            "comments",
            "downplayed",
            "signed a decree",
            "issued a decree",
        ],
    ),
];

/// A category and the word that cued it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryCue {
    /// The category.
    pub category: Category,
    /// The cue word as written; empty when nothing cued it.
    pub cue: String,
}

/// `lower` with its relative clauses set off by commas (", who has sided with the protesters,")
/// blanked, each byte a space, so that what they tell of does not cue the sentence's category.
fn without_relative_clauses(lower: &str) -> String {
    let mut out = lower.to_owned();
    for opener in [", who ", ", which "] {
        let mut from = 0;
        while let Some(at) = out[from..].find(opener) {
            let start = from + at + 1;
            let Some(close) = out[start + 1..].find(',') else {
                break;
            };
            let end = start + 1 + close;
            let blank = " ".repeat(end - start);
            out.replace_range(start..end, &blank);
            from = end;
        }
    }
    out
}

/// The last words of the names of bodies: "Collective Security Treaty Organization".
const BODY_ENDS: [&str; 12] = [
    "organization",
    "organisation",
    "union",
    "council",
    "committee",
    "alliance",
    "agency",
    "commission",
    "institute",
    "association",
    "movement",
    "party",
];

/// Whether the word starting at byte `at` of `text` stands inside the capitalised name of a
/// body, before its last word ("Treaty" in "Collective Security Treaty Organization"): a name,
/// not a cue of what happened.
fn in_a_body_s_name(text: &str, w: &[Word<'_>], at: usize) -> bool {
    let Some(k) = w.iter().position(|x| x.start == at) else {
        return false;
    };
    let joined = |a: usize| text[w[a].end..w[a + 1].start] == *" ";
    let mut end = k;
    while end + 1 < w.len() && w[end + 1].is_capitalised() && joined(end) {
        end += 1;
    }
    w[k].is_capitalised() && end > k && BODY_ENDS.contains(&w[end].lower().as_str())
}

/// The first cue of `text` by position, with its category.
fn first_cue(text: &str) -> Option<CategoryCue> {
    let lower = without_relative_clauses(&text.to_lowercase());
    let w = words(&lower);
    let written = words(text);
    let mut best: Option<(usize, CategoryCue)> = None;
    for (category, stems) in CUES {
        for stem in stems {
            let hit = if stem.contains([' ', '-']) {
                lower
                    .find(stem)
                    .filter(|&at| at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphabetic())
            } else {
                w.iter()
                    .find(|x| {
                        x.text.starts_with(stem)
                            && (stem.len() > 3 || x.text == *stem)
                            && !x.text.starts_with("accordin")
                            && !in_a_body_s_name(text, &written, x.start)
                    })
                    .map(|x| x.start)
            };
            let Some(at) = hit else { continue };
            let longer = |b: &(usize, CategoryCue)| at == b.0 && stem.len() > b.1.cue.len();
            if best.as_ref().is_none_or(|b| at < b.0 || longer(b)) {
                // a phrase ends where it ends; a stem, also one written with a hyphen
                // ("anti-terror"), at the end of its word ("anti-terrorist")
                let word_end = if stem.contains(' ') {
                    at + stem.len()
                } else {
                    let from = at + stem.len();
                    lower[from..]
                        .find(|c: char| !c.is_alphanumeric())
                        .map_or(lower.len(), |e| from + e)
                };
                best = Some((
                    at,
                    CategoryCue {
                        category,
                        cue: text.get(at..word_end).unwrap_or(stem).to_owned(),
                    },
                ));
            }
        }
    }
    if let Some(at) = travel_at(&lower).filter(|&at| best.as_ref().is_none_or(|b| at < b.0)) {
        let cue = TRAVEL
            .iter()
            .find(|t| lower[at..].starts_with(*t))
            .unwrap_or(&"");
        best = Some((
            at,
            CategoryCue {
                category: Category::Diplomacy,
                cue: text.get(at..at + cue.len()).unwrap_or(cue).to_owned(),
            },
        ));
    }
    best.map(|(_, c)| c)
}

/// Journeys: told of someone in office, they are visits without the word.
const TRAVEL: [&str; 8] = [
    "arrived in",
    "arrived at",
    "travelled to",
    "traveled to",
    "flew to",
    "flew into",
    "landed in",
    "headed to",
];

/// Words of office: whoever they name travels on the state's business.
const OFFICES: [&str; 10] = [
    "president",
    "minister",
    "premier",
    "ambassador",
    "envoy",
    "delegation",
    "diplomat",
    "secretary of state",
    "foreign secretary",
    "speaker of",
];

/// Where the first journey of someone in office starts in `lower` (a lowercase text): a
/// [`TRAVEL`] phrase with a word of office before it. "The foreign minister travelled to Tehran"
/// is a visit; "Refugees arrived in Goris" is not.
fn travel_at(lower: &str) -> Option<usize> {
    let at = TRAVEL
        .iter()
        .filter_map(|t| {
            lower
                .match_indices(t)
                .map(|(at, _)| at)
                .find(|&at| at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphabetic())
        })
        .min()?;
    OFFICES
        .iter()
        .any(|o| lower[..at].contains(o))
        .then_some(at)
}

/// Reporting verbs: they say that something was said, and yield to a cue for what happened.
const WEAK: [&str; 8] = [
    "said",
    "says",
    "told",
    "reported",
    "stated",
    "added",
    "noted",
    "announced",
];

/// The first cue of `text` that is not a bare reporting verb, else its first cue.
fn telling_cue(text: &str) -> Option<CategoryCue> {
    let first = first_cue(text)?;
    if !WEAK.contains(&first.cue.to_lowercase().as_str()) {
        return Some(first);
    }
    let lower = text.to_lowercase();
    let after = lower
        .find(&first.cue.to_lowercase())
        .map_or(0, |at| at + first.cue.len());
    let Some(reported) = text.get(after..) else {
        return Some(first);
    };
    telling_cue(reported)
        .filter(|c| {
            c.category != Category::Statement || !WEAK.contains(&c.cue.to_lowercase().as_str())
        })
        .filter(|c| !only_may_happen(reported, &c.cue))
        .filter(|c| !when_it_was_said(reported, &c.cue))
        .or(Some(first))
}

/// Words that open a phrase of when or where something was said ("told reporters after the
/// talks", "said during the visit").
const SAID_WHEN: [&str; 5] = ["after", "before", "during", "following", "at"];

/// Whether the `cue` in `reported` (what follows a reporting verb) only says when or where it was
/// said: it stands within three words after [`SAID_WHEN`], with no "that" before it.
fn when_it_was_said(reported: &str, cue: &str) -> bool {
    let w = words(reported);
    let first = cue.split(' ').next().unwrap_or(cue);
    let Some(at) = w.iter().position(|x| x.text == first) else {
        return false;
    };
    let before = &w[..at];
    !before.iter().any(|x| x.lower() == "that")
        && before
            .iter()
            .rev()
            .take(3)
            .any(|x| SAID_WHEN.contains(&x.lower().as_str()))
}

/// Words that say something may or will happen, not that it did.
const MODALS: [&str; 8] = [
    "would", "will", "could", "might", "may", "should", "shall", "can",
];

/// Whether what was reported only may happen: a modal just before the `cue` in `reported`, or
/// one of the two words after it ("said that the agreement would open a route", "said they will
/// attack"), or a word of intent a few words before it ("said Armenia was ready to sign a peace
/// treaty"). Then the event is the saying.
fn only_may_happen(reported: &str, cue: &str) -> bool {
    let w = words(reported);
    let first = cue.split(' ').next().unwrap_or(cue);
    let Some(at) = w.iter().position(|x| x.text == first) else {
        return false;
    };
    let modal = w
        .iter()
        .take(at + 3)
        .skip(at.saturating_sub(1))
        .any(|x| MODALS.contains(&x.lower().as_str()));
    let intent = w
        .iter()
        .take(at)
        .skip(at.saturating_sub(INTENT_WITHIN))
        .any(|x| INTENTS.contains(&x.lower().as_str()));
    modal || intent
}

/// Words of intent: what someone is "ready to" or "plans to" do has not happened.
const INTENTS: [&str; 12] = [
    "ready", "willing", "prepared", "plans", "planned", "intends", "hopes", "wants", "seeks",
    "aims", "offered", "proposed",
];

/// How many words before a cue a word of intent may stand ("ready to sign a peace treaty").
const INTENT_WITHIN: usize = 5;

/// The category of a sentence: the first cue of its main clause, else of the whole sentence, else
/// `other` with no cue. A bare reporting verb ("said") yields to a later cue of what happened,
/// unless that only may happen ("said that the agreement would open a route").
pub fn categorise(main_clause: &str, sentence: &str) -> CategoryCue {
    telling_cue(main_clause)
        .filter(|c| !only_may_happen(main_clause, &c.cue))
        .or_else(|| telling_cue(sentence))
        .unwrap_or(CategoryCue {
            category: Category::Other,
            cue: String::new(),
        })
}

/// The category of a sentence whose date sits in a clause of its own (`around`, "…weeks after
/// troops clashed on Sept. 13-14"): that clause's cue, unless it is only a reporting verb (", an
/// official said on Monday"); else as [`categorise`] finds it.
pub fn categorise_around(around: &str, main_clause: &str, sentence: &str) -> CategoryCue {
    telling_cue(around)
        .filter(|c| !WEAK.contains(&c.cue.to_lowercase().as_str()))
        .filter(|c| !only_may_happen(around, &c.cue))
        .unwrap_or_else(|| categorise(main_clause, sentence))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(s: &str) -> (Category, String) {
        let c = categorise(s, s);
        (c.category, c.cue)
    }

    #[test]
    fn the_first_cue_decides() {
        assert_eq!(
            cat("Last month, Tehran summoned Azeri Ambassador Javanshir Akhundov to protest."),
            (Category::Diplomacy, "summoned".to_owned())
        );
        assert_eq!(
            cat("New tensions erupted as three soldiers were killed."),
            (Category::Military, "soldiers".to_owned())
        );
        assert_eq!(
            cat(
                "The Russian peacekeepers accused the Azerbaijani military of violating the ceasefire regime."
            ),
            (Category::Statement, "accused".to_owned())
        );
        assert_eq!(
            cat("Iran conducted large-scale military drills on the border."),
            (Category::Military, "drills".to_owned())
        );
        assert_eq!(
            cat("The US may impose sanctions against Iran."),
            (Category::Sanctions, "sanctions".to_owned())
        );
        assert_eq!(
            cat("The two drivers were detained at a checkpoint."),
            (Category::Incident, "detained".to_owned())
        );
        assert_eq!(
            cat("Hundreds rallied outside parliament."),
            (Category::Protest, "rallied".to_owned())
        );
        assert_eq!(
            cat("Azerbaijani and Armenian forces exchanged fire near Sotk, officials said."),
            (Category::Military, "exchanged fire".to_owned())
        );
        assert_eq!(
            cat("The weather was fine."),
            (Category::Other, String::new())
        );
    }

    #[test]
    fn a_meeting_after_which_something_was_said_is_when_it_was_said() {
        assert_eq!(
            cat("\"We are ready,\" he told reporters after the talks.").0,
            Category::Statement
        );
        assert_eq!(
            cat("He said that the two sides held talks in Baku.").0,
            Category::Diplomacy
        );
    }

    #[test]
    fn a_text_initialled_or_ratified_is_an_agreement() {
        for s in [
            "Bayramov and Mirzoyan initialled the text at the White House.",
            "The parliament ratified the accord on Tuesday.",
        ] {
            assert_eq!(cat(s).0, Category::Agreement, "{s}");
        }
    }

    #[test]
    fn what_is_welcomed_is_a_statement() {
        assert_eq!(
            cat("Baghaei on Monday welcomed the agreement reached by Azerbaijan and Armenia.").0,
            Category::Statement
        );
        assert_eq!(
            cat("Aliyev welcomed Pashinyan at the airport and they held talks.").0,
            Category::Diplomacy
        );
    }

    #[test]
    fn a_word_inside_a_body_s_name_is_no_cue() {
        assert_eq!(
            cat(
                "Pashinyan said Yerevan had frozen its part in the Collective Security Treaty Organization."
            ),
            (Category::Statement, "said".to_owned())
        );
        // the body's name ends the run: a treaty signed is still an agreement
        assert_eq!(
            cat("They signed the Treaty of Kars.").0,
            Category::Agreement
        );
    }

    #[test]
    fn a_blocked_road_is_an_incident() {
        assert_eq!(
            cat("Azerbaijani activists blocked the Lachin corridor on 12 December 2022."),
            (Category::Incident, "blocked".to_owned())
        );
    }

    #[test]
    fn reporting_verbs_yield_to_what_happened() {
        assert_eq!(
            cat("The organisers said the two neighbours signed a memorandum."),
            (Category::Agreement, "signed".to_owned())
        );
        // what only may happen is not what happened: the event is the saying
        assert_eq!(
            cat("Aliyev said that the agreement would open a route to Nakhchivan."),
            (Category::Statement, "said".to_owned())
        );
        assert_eq!(
            cat("The commander said the troops will attack at dawn."),
            (Category::Statement, "said".to_owned())
        );
        assert_eq!(
            cat("Pashinyan said Armenia was ready to sign a peace treaty."),
            (Category::Statement, "said".to_owned())
        );
        // a policy weighed is still about it
        assert_eq!(
            cat("The spokesman said the US should not rule out sanctions.").0,
            Category::Sanctions
        );
        assert_eq!(
            cat("The ministry said so."),
            (Category::Statement, "said".to_owned())
        );
        assert_eq!(
            cat("The peacekeepers accused the army of violating the ceasefire."),
            (Category::Statement, "accused".to_owned())
        );
        assert_eq!(
            cat("Azerbaijani forces violated the ceasefire near Jermuk, according to Yerevan."),
            (Category::Military, "violated the ceasefire".to_owned())
        );
        assert_eq!(
            cat("Ceasefire violations were recorded overnight."),
            (Category::Military, "Ceasefire violation".to_owned())
        );
        assert_eq!(
            cat("The sides agreed a ceasefire in Moscow."),
            (Category::Agreement, "agreed".to_owned())
        );
        // what a relative clause tells of does not cue the sentence
        assert_eq!(
            cat("The president, who has sided with the protesters, said she would stay."),
            (Category::Statement, "said".to_owned())
        );
    }

    #[test]
    fn a_town_taken_is_military_though_announced() {
        assert_eq!(
            cat("Azerbaijani forces took control of Shusha on 8 November, President Ilham Aliyev announced.").0,
            Category::Military
        );
        assert_eq!(
            cat("A helicopter was shot down near the border on Monday.").0,
            Category::Military
        );
    }

    #[test]
    fn a_crash_told_by_state_media_is_an_incident() {
        assert_eq!(
            cat(
                "The helicopter carrying President Raisi crashed in a mountainous area on Sunday, state media said."
            ),
            (Category::Incident, "crashed".to_owned())
        );
    }

    #[test]
    fn an_operation_by_its_own_name_is_military() {
        assert_eq!(
            cat(
                "Azerbaijan launched what it called \"local anti-terrorist measures\" in Karabakh."
            ),
            (Category::Military, "anti-terrorist".to_owned())
        );
    }

    #[test]
    fn a_journey_of_someone_in_office_is_a_visit() {
        assert_eq!(
            cat("The Armenian foreign minister travelled to Tehran on 17 August."),
            (Category::Diplomacy, "travelled to".to_owned())
        );
        assert_eq!(
            cat(
                "Armenian Prime Minister Nikol Pashinyan arrived in Washington on 7 August, his office said."
            ),
            (Category::Diplomacy, "arrived in".to_owned())
        );
        // no one in office: no visit
        assert_eq!(
            cat("Refugees arrived in Goris on 18 August.").0,
            Category::Other
        );
        // what happened comes first
        assert_eq!(
            cat("The delegation signed a memorandum after it arrived in Baku.").0,
            Category::Agreement
        );
    }

    #[test]
    fn a_reported_clause_of_what_may_happen_is_a_statement() {
        let sentence = "Azerbaijani President Ilham Aliyev said on Friday that the agreement would open a route.";
        let reported = &sentence[sentence.find("that").unwrap()..];
        assert_eq!(
            categorise(reported, sentence),
            CategoryCue {
                category: Category::Statement,
                cue: "said".to_owned()
            }
        );
        let done = "The ministry said that the two sides signed an agreement.";
        let reported = &done[done.find("that").unwrap()..];
        assert_eq!(categorise(reported, done).category, Category::Agreement);
    }

    #[test]
    fn the_main_clause_comes_first() {
        let c = categorise(
            "Recent tensions were sparked by comments made by Aliyev",
            "Recent tensions were sparked by comments made by Aliyev, accusing Iran of violating sovereignty.",
        );
        assert_eq!(c.category, Category::Statement);
        assert_eq!(c.cue, "comments");
    }
}
