//! Prints, per seed article, how many curated dated events the extractor's proposals recover
//! (date ranges overlapping, place within 60 km) and how many proposals it makes; both over all
//! dated curated events (the measure) and over those whose date and place the article
//! itself gives (leaving out the events the curators dated or placed from the public record,
//! `quality::OUTSIDE_THE_TEXT`).
//!
//! `cargo run --example extract_quality` (add `-- --verbose` to list every proposal, `-- --text-only`
//! to leave out the extractor's public record, as `extract --text-only` does).

use caucasus_atlas::extract::quality::{
    OUTSIDE_THE_TEXT, RECOVERY_KM, Score, from_the_text, recovers, score, seeds,
};
use caucasus_atlas::extract::{Extractor, Options};
use caucasus_atlas::model::Event;

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

fn print_row(s: &Score, published: &str) {
    println!(
        "{:<26} {:>11} {:>7} {:>9} {:>6} {:>9} {:>6} {:>9} {:>6.2}",
        s.document,
        published,
        s.curated,
        format!("{}/{}", s.recovered, s.curated_dated),
        format!("{:.0}%", 100.0 * s.recall()),
        format!("{}/{}", s.text_recovered, s.text_dated),
        format!("{:.0}%", 100.0 * s.text_recall()),
        s.proposals,
        s.proposal_ratio()
    );
}

fn print_details(proposals: &[Event], curated: &[Event]) {
    for p in proposals {
        println!(
            "    {} | {} | {} | {} | {}",
            p.date.short(),
            p.place,
            p.category,
            p.title,
            p.notes
        );
    }
    for c in curated.iter().filter(|c| c.date.range.is_some()) {
        let hit = proposals.iter().any(|p| recovers(p, c));
        let outside = if from_the_text(c) {
            ""
        } else {
            " (outside the text)"
        };
        println!(
            "  {} curated {} | {} | {}{outside}",
            if hit { "+" } else { "-" },
            c.date.short(),
            c.place,
            c.id
        );
    }
}

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose");
    let text_only = std::env::args().any(|a| a == "--text-only");
    let extractor = Extractor::bundled();
    println!(
        "{:<26} {:>11} {:>7} {:>9} {:>6} {:>9} {:>6} {:>9} {:>6}",
        "article",
        "published",
        "curated",
        "all dated",
        "recall",
        "from text",
        "recall",
        "proposals",
        "ratio"
    );
    let (mut dated, mut recovered, mut text_dated, mut text_recovered) = (0, 0, 0, 0);
    for seed in seeds() {
        let options = Options {
            allow_ad_hoc: true,
            text_only,
        };
        let extraction = extractor.propose(&seed.article, options);
        let proposals: Vec<Event> = extraction
            .proposals
            .iter()
            .map(|p| p.event.clone())
            .collect();
        let s = score(&seed.article.document, &proposals, &seed.curated);
        dated += s.curated_dated;
        recovered += s.recovered;
        text_dated += s.text_dated;
        text_recovered += s.text_recovered;
        let published = format!(
            "{}{}",
            seed.article.published,
            if seed.published_curated { "" } else { "*" }
        );
        print_row(&s, &published);
        if verbose {
            print_details(&proposals, &seed.curated);
        }
    }
    println!(
        "all: {recovered} of {dated} dated curated events recovered ({:.0}%); of the {text_dated} whose date and place the article gives, {text_recovered} ({:.0}%). Place within {RECOVERY_KM} km; * = publication date inferred as the end of the latest curated event.",
        percent(recovered, dated),
        percent(text_recovered, text_dated)
    );
    println!(
        "left out of 'from text' ({} events, dated or placed from the public record):",
        OUTSIDE_THE_TEXT.len()
    );
    for (id, why) in OUTSIDE_THE_TEXT {
        println!("  {id}: {why}");
    }
}
