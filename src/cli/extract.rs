//! `extract`: proposes events from a news article and writes them as a `caucasus-atlas/events@1`
//! document to stdout.

use crate::extract::article::parse_published;
use crate::extract::bundled_places_with;
use crate::extract::library::write_atomic;
use crate::extract::write::{events_document, places_document};
use crate::extract::{Article, Extractor, Options};
use std::io::Write;
use std::path::PathBuf;

/// Options of `extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// The article: plain text, Markdown or HTML.
    pub article: PathBuf,
    /// The publication date (YYYY-MM-DD); relative dates are resolved against it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: String,
    /// Who published the article.
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
    /// The article's title.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Also propose places the gazetteer lacks (countries and borders the basemap draws), and write
    /// them with the gazetteer to this places file; keep it beside the events as `places.json`.
    #[arg(long, value_name = "PATH")]
    pub places_out: Option<PathBuf>,
    /// Also write the article's text, which every quote is a verbatim part of, to this file (for an
    /// HTML page, the text without markup); keep it in a `seeds/` folder beside the events' folder
    /// and `check` verifies the quotes.
    #[arg(long, value_name = "PATH")]
    pub text_out: Option<PathBuf>,
    /// Take dates and venues from the article alone: leave out the public record of meetings and
    /// agreements that otherwise dates "the recent meeting" or places a venue-less agreement.
    #[arg(long)]
    pub text_only: bool,
}

/// Runs `extract`; returns the exit code.
pub fn extract(args: &ExtractArgs) -> i32 {
    let published = match parse_published(&args.published) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let mut article = match Article::read(&args.article, published) {
        Ok(a) => a,
        Err(p) => {
            eprintln!("{p}");
            return 1;
        }
    };
    article.publisher = args.publisher.clone();
    article.title = args.title.clone();
    let options = Options {
        allow_ad_hoc: args.places_out.is_some(),
        text_only: args.text_only,
    };
    let extraction = Extractor::bundled().propose(&article, options);
    if let Some(path) = &args.text_out
        && let Err(p) = write_atomic(path, &article.text)
    {
        eprintln!("{p}");
        return 1;
    }
    if let Some(path) = &args.places_out {
        let places = bundled_places_with(&extraction.ad_hoc_places());
        if let Err(p) = write_atomic(path, &places_document(&places)) {
            eprintln!("{p}");
            return 1;
        }
    }
    let events: Vec<_> = extraction.proposals.iter().map(|p| &p.event).collect();
    let text = events_document(events.iter().copied());
    eprintln!(
        "{} proposal(s) from {}{}",
        events.len(),
        article.document,
        if extraction.left_out.is_empty() {
            String::new()
        } else {
            let why: Vec<&str> = extraction.left_out.iter().map(|l| l.why.as_str()).collect();
            format!("; left out: {}", why.join("; "))
        }
    );
    if let Some(warning) = extraction.publication_warning(article.published) {
        eprintln!("warning: {warning}");
    }
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write to stdout: {e}");
            1
        }
    }
}
