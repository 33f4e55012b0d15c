//! How well proposals recover curated events: a curated event is recovered when a proposal's date
//! range overlaps its range and the proposal's place lies within [`RECOVERY_KM`] of its place.
//! The seed articles and their curated events come with the atlas.

use super::article::{Article, ArticleKind};
use crate::io::bundle::SEEDS;
use crate::model::Event;
use chrono::NaiveDate;

/// A proposal's place must lie this close to a curated event's place to recover it.
pub const RECOVERY_KM: f64 = 60.0;
/// Mean Earth radius for great-circle distances.
const EARTH_KM: f64 = 6371.0088;

/// Great-circle distance in kilometres between two (lon, lat) points.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lon1, lat1) = (a.0.to_radians(), a.1.to_radians());
    let (lon2, lat2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_KM * h.sqrt().min(1.0).asin()
}

/// Curated events whose date or place the article does not give: the curators took it from the
/// public record, and the event's `date_note` or `notes` say so. Reading the text alone
/// ([`super::Options::text_only`]) cannot recover them, so [`Score::text_recall`] leaves them out;
/// the measure over all dated curated events ([`Score::recall`]) keeps them, and the
/// extractor's own public record ([`super::record`]) dates or places some of them.
pub const OUTSIDE_THE_TEXT: [(&str, &str); 12] = [
    (
        "2022-10-21-iran-opens-consulate-in-kapan",
        "date: the article gives none; 21 October 2022 is the public record's",
    ),
    (
        "2022-08-10-raisi-pashinyan-phone-call",
        "date: the article gives none for the call; 10 August 2022 is the public record's",
    ),
    (
        "2022-08-10-raisi-says-iran-will-counter-border-changes",
        "date: said during the call, which the article does not date",
    ),
    (
        "2022-08-10-pashinyan-urges-implementing-trilateral-agreements",
        "date: said during the call, which the article does not date (its dates are the agreements')",
    ),
    (
        "2022-08-10-pashinyan-offers-transit-and-infrastructure-cooperation",
        "date: said during the call, which the article does not date",
    ),
    (
        "2022-08-10-raisi-hails-armenian-iranian-ties",
        "date: said during the call, which the article does not date",
    ),
    (
        "2022-07-19-khamenei-says-iran-will-oppose-caucasus-border-changes",
        "date: the article says only 'the recent meeting'; 19 July 2022 is the public record's",
    ),
    (
        "2022-07-19-khamenei-meets-presidents-of-russia-and-turkey",
        "date: the article says only 'the recent meeting'; 19 July 2022 is the public record's",
    ),
    (
        "2021-01-11-trilateral-agreement",
        "place: the article names no venue; Moscow is the public record's",
    ),
    (
        "2021-11-26-trilateral-agreement",
        "place: the article names no venue; Sochi is the public record's",
    ),
    (
        "2021-09-01-detention-of-two-iranian-drivers",
        "place: the article says neither who detained the drivers nor where; Azerbaijan is the public record's",
    ),
    (
        "2021-10-01-iranian-drivers-freed",
        "place: the article names none; Azerbaijan, which held the drivers, is the public record's",
    ),
];

/// Whether the article itself gives a curated event's date and place (it is not in
/// [`OUTSIDE_THE_TEXT`]).
pub fn from_the_text(curated: &Event) -> bool {
    !OUTSIDE_THE_TEXT.iter().any(|(id, _)| *id == curated.id)
}

/// Whether a proposal recovers a curated event.
pub fn recovers(proposal: &Event, curated: &Event) -> bool {
    let (Some((ps, pe)), Some((cs, ce))) = (proposal.date.range, curated.date.range) else {
        return false;
    };
    ps <= ce
        && cs <= pe
        && distance_km((proposal.lon, proposal.lat), (curated.lon, curated.lat)) <= RECOVERY_KM
}

/// The figures for one article.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    /// The document.
    pub document: String,
    /// Curated events from it.
    pub curated: usize,
    /// Those with a date (all have a place).
    pub curated_dated: usize,
    /// Dated curated events some proposal recovers.
    pub recovered: usize,
    /// Dated curated events recovered by a proposal quoting the same sentence.
    pub recovered_same_quote: usize,
    /// Dated curated events whose date and place the article gives ([`from_the_text`]).
    pub text_dated: usize,
    /// Those some proposal recovers.
    pub text_recovered: usize,
    /// Proposals made.
    pub proposals: usize,
}

impl Score {
    /// Recovered dated events as a share of all dated curated events (1 when there are none).
    pub fn recall(&self) -> f64 {
        if self.curated_dated == 0 {
            1.0
        } else {
            self.recovered as f64 / self.curated_dated as f64
        }
    }

    /// Recovered events among those whose date and place the article gives, as a share of them
    /// (1 when there are none).
    pub fn text_recall(&self) -> f64 {
        if self.text_dated == 0 {
            1.0
        } else {
            self.text_recovered as f64 / self.text_dated as f64
        }
    }

    /// Proposals per curated event.
    pub fn proposal_ratio(&self) -> f64 {
        self.proposals as f64 / self.curated.max(1) as f64
    }
}

/// Scores proposals against the curated events of one document.
pub fn score(document: &str, proposals: &[Event], curated: &[Event]) -> Score {
    let dated: Vec<&Event> = curated.iter().filter(|e| e.date.range.is_some()).collect();
    let hit = |c: &&&Event| proposals.iter().any(|p| recovers(p, c));
    let recovered = dated.iter().filter(hit).count();
    let text: Vec<&&Event> = dated.iter().filter(|c| from_the_text(c)).collect();
    let text_recovered = text.iter().filter(|c| hit(c)).count();
    let recovered_same_quote = dated
        .iter()
        .filter(|c| {
            proposals.iter().any(|p| {
                recovers(p, c)
                    && (p.source.quote.contains(&c.source.quote)
                        || c.source.quote.contains(&p.source.quote))
            })
        })
        .count();
    Score {
        document: document.to_owned(),
        curated: curated.len(),
        curated_dated: dated.len(),
        recovered,
        recovered_same_quote,
        text_dated: text.len(),
        text_recovered,
        proposals: proposals.len(),
    }
}

/// A seed article with its publication date and its curated events.
#[derive(Clone, Debug)]
pub struct Seed {
    /// The article.
    pub article: Article,
    /// Whether the publication date is the curated one, or (for the undated seeds) the last day
    /// of the latest curated event, since an article cannot report later days.
    pub published_curated: bool,
    /// The curated events quoting it.
    pub curated: Vec<Event>,
}

/// The seed articles with their curated events.
pub fn seeds() -> Vec<Seed> {
    let events = super::bundled_events();
    SEEDS
        .iter()
        .filter_map(|(name, text)| {
            let curated: Vec<Event> = events
                .iter()
                .filter(|e| e.source.document == *name)
                .cloned()
                .collect();
            let given = curated.iter().find_map(|e| e.source.published);
            let latest = curated
                .iter()
                .filter_map(|e| e.date.range.map(|(_, end)| end))
                .max();
            let published: NaiveDate = given.or(latest)?;
            let mut article = Article::from_raw(name, text, ArticleKind::Text, published).ok()?;
            article.publisher = curated.iter().find_map(|e| e.source.publisher.clone());
            Some(Seed {
                article,
                published_curated: given.is_some(),
                curated,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_great_circle_kilometres() {
        let baku = (49.89201, 40.37767);
        let tehran = (51.42151, 35.69439);
        let d = distance_km(baku, tehran);
        assert!((d - 535.0).abs() < 10.0, "{d}");
        assert_eq!(distance_km(baku, baku), 0.0);
    }

    #[test]
    fn events_outside_the_text_are_bundled_dated_and_say_so() {
        let events = crate::extract::bundled_events();
        for (id, why) in OUTSIDE_THE_TEXT {
            let e = events
                .iter()
                .find(|e| e.id == id)
                .unwrap_or_else(|| panic!("{id} is not bundled"));
            assert!(e.date.range.is_some(), "{id} is undated");
            assert!(!from_the_text(e));
            let said = if why.starts_with("date") {
                e.date
                    .note
                    .contains("Outside knowledge, from the public record")
            } else {
                e.notes.contains("not in the article")
                    || e.notes.contains("does not say who detained them")
                    || e.notes.contains("names neither place")
            };
            assert!(said, "{id}: {} | {}", e.date.note, e.notes);
        }
    }

    #[test]
    fn five_seeds_with_dates() {
        let all = seeds();
        assert_eq!(all.len(), 5);
        let undated: Vec<&str> = all
            .iter()
            .filter(|s| !s.published_curated)
            .map(|s| s.article.document.as_str())
            .collect();
        assert_eq!(
            undated,
            ["000_f4d6f3418585ed7a.txt", "002_70a1e9a86c4e23c5.txt"]
        );
    }
}
