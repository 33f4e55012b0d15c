//! Outside knowledge: dated meetings, agreements and acts of the region's public record that news
//! text often names without their date or venue ("the recent meeting with the presidents of Russia
//! and Turkey", "the trilateral agreement signed on January 11"). A proposal that takes a date or a
//! venue from here says so in its notes and `date_note`, naming the record, as the curated data
//! does. Each entry is recognised by groups of cue words that must all be present; an entry whose
//! cues also fit others is used only when a date, or "recent", singles it out.

use crate::model::Category;
use chrono::NaiveDate;

/// A dated event of the public record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// What happened, neutrally worded: it becomes the proposal's title.
    pub name: &'static str,
    /// First and last day (year, month, day).
    pub days: ((i32, u32, u32), (i32, u32, u32)),
    /// Where it happened: a gazetteer id.
    pub venue: &'static str,
    /// What kind of event it was.
    pub category: Category,
    /// Who took part, as the record names them.
    pub actors: &'static [&'static str],
    /// Groups of lower-case words or phrases; the sentence must hold one of each group.
    pub cues: &'static [&'static [&'static str]],
    /// The public record it rests on.
    pub record: &'static str,
}

/// Cue groups shared by entries of one kind.
const IRAN_RUSSIA_TURKEY: [&[&str]; 3] = [
    &["russia", "russian", "putin"],
    &["turkey", "turkish", "türkiye", "erdogan", "erdoğan"],
    &["summit", "meeting", "met", "talks"],
];
const TRILATERAL: [&[&str]; 2] = [
    &["trilateral", "three leaders", "tripartite"],
    &[
        "agreement",
        "agreements",
        "statement",
        "statements",
        "declaration",
        "meeting",
        "talks",
        "summit",
        "signed",
    ],
];
const BRUSSELS_TALKS: [&[&str]; 4] = [
    &[
        "michel",
        "brussels",
        "european council",
        "eu",
        "european union",
    ],
    &["aliyev", "azerbaijan", "azerbaijani"],
    &["pashinyan", "armenia", "armenian"],
    &["meeting", "met", "talks", "trilateral"],
];

/// The entries, oldest first.
pub const RECORD: [Recorded; 16] = [
    Recorded {
        name: "Presidents of Iran, Russia and Turkey meet in Tehran (Astana-format summit on Syria)",
        days: ((2018, 9, 7), (2018, 9, 7)),
        venue: "tehran",
        category: Category::Diplomacy,
        actors: &["Iran", "Russia", "Turkey"],
        cues: &[
            &["rouhani", "iran", "iranian", "tehran"],
            IRAN_RUSSIA_TURKEY[0],
            IRAN_RUSSIA_TURKEY[1],
            IRAN_RUSSIA_TURKEY[2],
        ],
        record: "joint statement of the presidents of Iran, Russia and Turkey, Tehran, 7 September 2018",
    },
    Recorded {
        name: "Foreign ministers of Armenia and Azerbaijan agree a humanitarian ceasefire in Moscow",
        days: ((2020, 10, 10), (2020, 10, 10)),
        venue: "moscow",
        category: Category::Agreement,
        actors: &["Armenia", "Azerbaijan", "Russia"],
        // the humanitarian ceasefires of 17 and 25 October 2020 were not agreed in Moscow
        cues: &[
            &["ceasefire", "truce"],
            &["moscow", "lavrov", "russian brokered", "russia brokered"],
        ],
        record: "statement of the foreign ministers of Russia, Azerbaijan and Armenia, Moscow, 10 October 2020",
    },
    Recorded {
        name: "Leaders of Russia, Azerbaijan and Armenia sign a statement on transport links in Moscow",
        days: ((2021, 1, 11), (2021, 1, 11)),
        venue: "moscow",
        category: Category::Agreement,
        actors: &["Russia", "Azerbaijan", "Armenia"],
        cues: &TRILATERAL,
        record: "statement of the President of Azerbaijan, the Prime Minister of Armenia and the President of Russia, Moscow, 11 January 2021",
    },
    Recorded {
        name: "Presidents of Azerbaijan and Turkey sign the Shusha Declaration",
        days: ((2021, 6, 15), (2021, 6, 15)),
        venue: "shusha",
        category: Category::Agreement,
        actors: &["Azerbaijan", "Turkey"],
        cues: &[
            &["shusha declaration", "shushi declaration"],
            &["signed", "sign", "signing", "adopted"],
        ],
        record: "Shusha Declaration on allied relations between Azerbaijan and Turkey, Shusha, 15 June 2021",
    },
    Recorded {
        name: "Leaders of Russia, Azerbaijan and Armenia meet in Sochi and sign a statement",
        days: ((2021, 11, 26), (2021, 11, 26)),
        venue: "sochi",
        category: Category::Agreement,
        actors: &["Russia", "Azerbaijan", "Armenia"],
        cues: &TRILATERAL,
        record: "statement of the President of Azerbaijan, the Prime Minister of Armenia and the President of Russia, Sochi, 26 November 2021",
    },
    Recorded {
        name: "Aliyev and Pashinyan meet in Brussels, hosted by European Council President Charles Michel",
        days: ((2021, 12, 14), (2021, 12, 14)),
        venue: "brussels",
        category: Category::Diplomacy,
        actors: &["Azerbaijan", "Armenia", "European Union"],
        cues: &BRUSSELS_TALKS,
        record: "statement of European Council President Charles Michel after the trilateral meeting, Brussels, 14 December 2021",
    },
    Recorded {
        name: "Aliyev and Pashinyan meet in Brussels, hosted by European Council President Charles Michel",
        days: ((2022, 4, 6), (2022, 4, 6)),
        venue: "brussels",
        category: Category::Diplomacy,
        actors: &["Azerbaijan", "Armenia", "European Union"],
        cues: &BRUSSELS_TALKS,
        record: "press statement of European Council President Charles Michel, Brussels, 6 April 2022",
    },
    Recorded {
        name: "Aliyev and Pashinyan meet in Brussels, hosted by European Council President Charles Michel",
        days: ((2022, 5, 22), (2022, 5, 22)),
        venue: "brussels",
        category: Category::Diplomacy,
        actors: &["Azerbaijan", "Armenia", "European Union"],
        cues: &BRUSSELS_TALKS,
        record: "press statement of European Council President Charles Michel, Brussels, 22 May 2022",
    },
    Recorded {
        name: "Khamenei receives Putin and Erdoğan at the Tehran summit of Iran, Russia and Turkey",
        days: ((2022, 7, 19), (2022, 7, 19)),
        venue: "tehran",
        category: Category::Diplomacy,
        actors: &["Iran", "Russia", "Turkey"],
        cues: &[
            &["raisi", "khamenei", "iran", "iranian", "tehran"],
            IRAN_RUSSIA_TURKEY[0],
            IRAN_RUSSIA_TURKEY[1],
            IRAN_RUSSIA_TURKEY[2],
        ],
        record: "joint statement of the presidents of Iran, Russia and Turkey, Tehran, 19 July 2022; the Supreme Leader's office on his meetings with Presidents Putin and Erdoğan the same day",
    },
    Recorded {
        name: "Aliyev and Pashinyan meet in Brussels, hosted by European Council President Charles Michel",
        days: ((2022, 8, 31), (2022, 8, 31)),
        venue: "brussels",
        category: Category::Diplomacy,
        actors: &["Azerbaijan", "Armenia", "European Union"],
        cues: &BRUSSELS_TALKS,
        record: "press statement of European Council President Charles Michel, Brussels, 31 August 2022",
    },
    Recorded {
        name: "Iran's Consulate General in Kapan is inaugurated",
        days: ((2022, 10, 21), (2022, 10, 21)),
        venue: "kapan",
        category: Category::Diplomacy,
        actors: &["Iran", "Armenia"],
        cues: &[
            &["consulate", "consulate general"],
            &["kapan"],
            &["iran", "iranian"],
            &[
                "opened",
                "opens",
                "opening",
                "inaugurated",
                "inauguration",
                "inaugurates",
            ],
        ],
        record: "announcements of the Iranian and Armenian foreign ministries of 21 October 2022; inaugurated by Foreign Minister Hossein Amir-Abdollahian",
    },
    Recorded {
        name: "Leaders of Russia, Azerbaijan and Armenia meet in Sochi and sign a statement",
        days: ((2022, 10, 31), (2022, 10, 31)),
        venue: "sochi",
        category: Category::Agreement,
        actors: &["Russia", "Azerbaijan", "Armenia"],
        cues: &TRILATERAL,
        record: "statement of the President of Azerbaijan, the Prime Minister of Armenia and the President of Russia, Sochi, 31 October 2022",
    },
    Recorded {
        name: "Aliyev and Pashinyan meet in Brussels, hosted by European Council President Charles Michel",
        days: ((2023, 5, 14), (2023, 5, 14)),
        venue: "brussels",
        category: Category::Diplomacy,
        actors: &["Azerbaijan", "Armenia", "European Union"],
        cues: &BRUSSELS_TALKS,
        record: "press remarks of European Council President Charles Michel, Brussels, 14 May 2023",
    },
    Recorded {
        name: "Aliyev and Pashinyan meet in Brussels, hosted by European Council President Charles Michel",
        days: ((2023, 7, 15), (2023, 7, 15)),
        venue: "brussels",
        category: Category::Diplomacy,
        actors: &["Azerbaijan", "Armenia", "European Union"],
        cues: &BRUSSELS_TALKS,
        record: "press remarks of European Council President Charles Michel, Brussels, 15 July 2023",
    },
    Recorded {
        name: "De facto Nagorno-Karabakh authorities decree their institutions dissolved by 1 Jan 2024",
        days: ((2023, 9, 28), (2023, 9, 28)),
        venue: "khankendi",
        category: Category::Statement,
        actors: &["De facto Nagorno-Karabakh authorities"],
        cues: &[
            &[
                "dissolution",
                "dissolve",
                "dissolving",
                "dissolved",
                "cease to exist",
            ],
            &["decree", "decreed"],
        ],
        record: "decree of Samvel Shahramanyan, 28 September 2023",
    },
    Recorded {
        name: "Aliyev and Pashinyan meet President Trump at the White House and sign a joint declaration",
        days: ((2025, 8, 8), (2025, 8, 8)),
        venue: "washington",
        category: Category::Agreement,
        actors: &["Azerbaijan", "Armenia", "United States"],
        cues: &[
            &["washington", "white house", "trump"],
            &["aliyev", "azerbaijan", "azerbaijani"],
            &["pashinyan", "armenia", "armenian"],
            &[
                "summit",
                "meeting",
                "met",
                "declaration",
                "initialled",
                "initialed",
            ],
        ],
        record: "joint declaration signed at the White House, Washington, 8 August 2025",
    },
];

/// Words that say a mention is of a recent event: then the latest matching entry is meant.
const RECENT: [&str; 3] = ["recent", "recently", "latest"];
/// "Recent" reaches back at most this many days before publication.
const RECENT_DAYS: i64 = 183;
/// A date cue longer than this many days does not single out a venue.
const PLACING_DAYS: i64 = 31;

impl Recorded {
    /// First and last day.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let day = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
        Some((day(self.days.0)?, day(self.days.1)?))
    }

    /// Whether the (prepared) sentence holds a cue of each group.
    fn named_in(&self, text: &Prepared) -> bool {
        self.cues
            .iter()
            .all(|group| group.iter().any(|cue| text.holds(cue)))
    }
}

/// A sentence lower-cased with its punctuation turned to spaces, for whole-word cue search.
struct Prepared(String);

impl Prepared {
    fn of(sentence: &str) -> Prepared {
        let mut out = String::with_capacity(sentence.len() + 2);
        out.push(' ');
        let mut last_space = true;
        for c in sentence.chars().flat_map(char::to_lowercase) {
            let c = if c.is_alphanumeric() { c } else { ' ' };
            if c != ' ' || !last_space {
                out.push(c);
            }
            last_space = c == ' ';
        }
        if !last_space {
            out.push(' ');
        }
        Prepared(out)
    }

    fn holds(&self, cue: &str) -> bool {
        self.0.contains(&format!(" {cue} "))
    }
}

/// The one entry the sentence names whose day falls in a date cue's range (at most a month long):
/// its venue places an event the article dates but does not place.
pub fn placing(sentence: &str, range: (NaiveDate, NaiveDate)) -> Option<&'static Recorded> {
    if (range.1 - range.0).num_days() >= PLACING_DAYS {
        return None;
    }
    let text = Prepared::of(sentence);
    let mut found = RECORD.iter().filter(|r| {
        r.range().is_some_and(|(s, e)| s <= range.1 && range.0 <= e) && r.named_in(&text)
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The entry a sentence with no date of its own names, with the words that date it: the only one
/// its cues fit that ended by publication, or, when it says "recent", the latest of those within
/// half a year.
pub fn dating(sentence: &str, published: NaiveDate) -> Option<(&'static Recorded, &'static str)> {
    let text = Prepared::of(sentence);
    let before: Vec<&Recorded> = RECORD
        .iter()
        .filter(|r| r.range().is_some_and(|(_, e)| e <= published) && r.named_in(&text))
        .collect();
    if let Some(word) = RECENT.iter().find(|w| text.holds(w)) {
        let latest = before.iter().max_by_key(|r| r.range())?;
        let (_, end) = latest.range()?;
        return ((published - end).num_days() <= RECENT_DAYS).then_some((*latest, *word));
    }
    match before.as_slice() {
        [only] => Some((only, "")),
        _ => None,
    }
}

/// The words around a cue as the sentence has them ("the recent meeting" for "recent"): the cue,
/// the word after it and a determiner before it. Empty when the cue is not there.
pub fn phrase_around<'a>(sentence: &'a str, cue: &str) -> &'a str {
    if cue.trim().is_empty() {
        return "";
    }
    let lower = sentence.to_ascii_lowercase();
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    let at = lower.match_indices(cue).map(|(i, _)| i).find(|&i| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + cue.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    });
    let Some(at) = at else {
        return "";
    };
    let after = &sentence[at + cue.len()..];
    let next = after.trim_start_matches(' ');
    let next_len = next.find(|c: char| !is_word(c)).unwrap_or(next.len());
    let end = at + cue.len() + (after.len() - next.len()) + next_len;
    let head = sentence[..at].trim_end_matches(' ');
    let det_start = head.rfind(' ').map_or(0, |i| i + 1);
    let start = match head[det_start..].to_ascii_lowercase().as_str() {
        "the" | "a" | "his" | "her" | "their" | "its" if head.len() < at => det_start,
        _ => at,
    };
    &sentence[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_entry_has_real_days_in_order() {
        let mut last = day(1900, 1, 1);
        for r in &RECORD {
            let (s, e) = r.range().unwrap();
            assert!(s <= e && last <= s, "{}", r.name);
            last = s;
            assert!(!r.cues.is_empty() && r.record.contains(&s.format("%Y").to_string()));
            // a name is a proposal's title: no longer than the extractor's own titles
            assert!(r.name.chars().count() <= 90, "{}", r.name);
        }
    }

    #[test]
    fn a_word_shared_with_an_entry_is_not_that_entry() {
        // "dissolve" and "signed" belong to the dissolution decree's words, but the sentence
        // tells of a letter about the Minsk Group, two years later
        let s = "The foreign ministers signed a joint declaration and the two leaders signed a \
                 letter asking the OSCE to dissolve the Minsk Group.";
        assert!(dating(s, day(2025, 8, 9)).is_none());
        assert!(
            dating(
                "Shahramanyan signed a decree dissolving all institutions.",
                day(2025, 8, 9)
            )
            .is_some()
        );
        assert_eq!(phrase_around(s, ""), "");
    }

    #[test]
    fn every_venue_is_in_the_gazetteer() {
        let g = super::super::gazetteer::Gazetteer::bundled();
        for r in &RECORD {
            assert!(g.by_id(r.venue).is_some(), "{}", r.venue);
        }
    }

    #[test]
    fn a_dated_trilateral_statement_is_placed_by_its_day() {
        let s = "They stressed the trilateral statements signed on 11 January 2021 and 31 October 2022.";
        let r = placing(s, (day(2022, 10, 31), day(2022, 10, 31))).unwrap();
        assert_eq!(r.venue, "sochi");
        let r = placing(s, (day(2021, 1, 11), day(2021, 1, 11))).unwrap();
        assert_eq!(r.venue, "moscow");
        // a day with no entry, a year-long cue, or no cue words: nothing
        assert!(placing(s, (day(2021, 1, 12), day(2021, 1, 12))).is_none());
        assert!(placing(s, (day(2021, 1, 1), day(2021, 12, 31))).is_none());
        let plain = "The ministers met on January 11, 2021.";
        assert!(placing(plain, (day(2021, 1, 11), day(2021, 1, 11))).is_none());
    }

    #[test]
    fn a_month_cue_is_placed_only_when_one_entry_falls_in_it() {
        let s = "Aliyev and Pashinyan met in May under EU mediation.";
        let r = placing(s, (day(2022, 5, 1), day(2022, 5, 31))).unwrap();
        assert_eq!(
            (r.venue, r.range().unwrap().0),
            ("brussels", day(2022, 5, 22))
        );
    }

    #[test]
    fn recent_picks_the_latest_entry_before_publication() {
        let s =
            "Erdogan recalled his recent meeting in Tehran with the presidents of Iran and Russia.";
        let (r, word) = dating(s, day(2022, 9, 1)).unwrap();
        assert_eq!((r.range().unwrap().0, word), (day(2022, 7, 19), "recent"));
        // published in 2019, the same words mean the 2018 summit
        let (r, _) = dating(s, day(2019, 1, 15)).unwrap();
        assert_eq!(r.range().unwrap().0, day(2018, 9, 7));
        // two years later nothing is recent
        assert!(dating(s, day(2024, 9, 1)).is_none());
        // before any summit, nothing
        assert!(dating(s, day(2017, 1, 1)).is_none());
    }

    #[test]
    fn an_undated_mention_is_dated_only_when_one_entry_fits() {
        let kapan = "Tehran has opened an Iranian consulate in Kapan, Armenia.";
        let (r, word) = dating(kapan, day(2023, 3, 1)).unwrap();
        assert_eq!((r.venue, word), ("kapan", ""));
        // not before the event
        assert!(dating(kapan, day(2022, 10, 1)).is_none());
        // a mention of the consulate that is not its opening is not the event
        let attacked = "Protesters gathered outside the Iranian consulate in Kapan.";
        assert!(dating(attacked, day(2023, 3, 1)).is_none());
        // a humanitarian ceasefire not said to be Moscow's may be another one
        let truce = "The humanitarian ceasefire collapsed within hours.";
        assert!(dating(truce, day(2020, 12, 1)).is_none());
        // several Brussels meetings fit and none is called recent
        let talks = "Aliyev and Pashinyan held talks in Brussels with Charles Michel.";
        assert!(dating(talks, day(2023, 12, 1)).is_none());
        // cue words are whole words: "Eurasian" is not "eu"
        assert!(!Prepared::of("Eurasian talks").holds("eu"));
    }

    #[test]
    fn the_phrase_around_a_cue_is_the_sentences_own() {
        let s = "He cited the recent meeting with Putin, and a recently signed deal.";
        assert_eq!(phrase_around(s, "recent"), "the recent meeting");
        assert_eq!(phrase_around(s, "recently"), "a recently signed");
        assert_eq!(
            phrase_around("Recent talks failed.", "recent"),
            "Recent talks"
        );
        assert_eq!(phrase_around(s, "latest"), "");
    }
}
