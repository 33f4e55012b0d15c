//! Prints, per seed article, how many curated dated events the extractor's proposals recover
//! (date ranges overlapping, place within 60 km) and how many proposals it makes.
//!
//! `cargo run --example extract_quality` (add `-- --verbose` to list every proposal).

use caucasus_atlas::extract::quality::{RECOVERY_KM, score, seeds};
use caucasus_atlas::extract::{Extractor, Options};
use caucasus_atlas::model::Event;

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose");
    let extractor = Extractor::bundled();
    println!(
        "{:<28} {:>10} {:>8} {:>9} {:>7} {:>10} {:>6}",
        "article", "published", "curated", "recovered", "recall", "proposals", "ratio"
    );
    let (mut dated, mut recovered) = (0, 0);
    for seed in seeds() {
        let extraction = extractor.propose(&seed.article, Options { allow_ad_hoc: true });
        let proposals: Vec<Event> = extraction
            .proposals
            .iter()
            .map(|p| p.event.clone())
            .collect();
        let s = score(&seed.article.document, &proposals, &seed.curated);
        dated += s.curated_dated;
        recovered += s.recovered;
        let published = format!(
            "{}{}",
            seed.article.published,
            if seed.published_curated { "" } else { "*" }
        );
        println!(
            "{:<28} {:>11} {:>4}/{:<3} {:>9} {:>6.0}% {:>10} {:>6.2}",
            s.document,
            published,
            s.curated_dated,
            s.curated,
            s.recovered,
            100.0 * s.recall(),
            s.proposals,
            s.proposal_ratio()
        );
        if verbose {
            for p in &proposals {
                println!(
                    "    {} | {} | {} | {} | {}",
                    p.date.short(),
                    p.place,
                    p.category,
                    p.title,
                    p.notes
                );
            }
            for c in seed.curated.iter().filter(|c| c.date.range.is_some()) {
                let hit = proposals
                    .iter()
                    .any(|p| caucasus_atlas::extract::quality::recovers(p, c));
                println!(
                    "  {} curated {} | {} | {}",
                    if hit { "+" } else { "-" },
                    c.date.short(),
                    c.place,
                    c.id
                );
            }
        }
    }
    println!(
        "all: {recovered} of {dated} dated curated events recovered ({:.0}%), place within {RECOVERY_KM} km; * = publication date inferred as the end of the latest curated event",
        100.0 * recovered as f64 / dated.max(1) as f64
    );
}
