//! The user's own events: a folder laid out like the bundle, so `check` verifies every quote
//! against the saved copy of its article and the viewer opens the events with their places:
//!
//! ```text
//! ROOT/events/events.json   caucasus-atlas/events@1: the accepted events of every reviewed article
//! ROOT/events/places.json   caucasus-atlas/places@1: the gazetteer plus any ad-hoc places they use
//! ROOT/seeds/DOCUMENT       the article's text, as quoted
//! ```
//!
//! Every file is written atomically (a temporary file in the same folder, then a rename). The
//! bundled data is never touched.

use super::article::Article;
use super::write::{events_document, places_document};
use crate::io::Problem;
use crate::io::bundle::{bundled_places, index_places, read_text};
use crate::io::bundled::{parse_events, parse_places};
use crate::model::{Event, Place};
use std::path::{Path, PathBuf};

/// Writes `text` to `path` atomically (see [`crate::io::atomic::write_atomic`]), making its
/// folder first when it does not exist.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), Problem> {
    let file = path.display().to_string();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| Problem::whole(&file, format!("cannot create its folder: {e}")))?;
    crate::io::atomic::write_atomic(path, text.as_bytes())
        .map_err(|e| Problem::whole(&file, format!("cannot write: {e}")))
}

/// The user's own events folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Library {
    /// The folder holding `events/` and `seeds/`.
    pub root: PathBuf,
}

/// What a save wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The events file (the layer to reopen on the next start).
    pub events: PathBuf,
    /// The article's copy.
    pub article: PathBuf,
    /// How many events the file now holds.
    pub total: usize,
}

impl Library {
    /// A library at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Library {
        Library { root: root.into() }
    }

    /// The events file: what the viewer should open as a layer on the next start.
    pub fn events_path(&self) -> PathBuf {
        self.root.join("events").join("events.json")
    }

    /// The places file beside the events.
    pub fn places_path(&self) -> PathBuf {
        self.root.join("events").join("places.json")
    }

    /// The folder of article copies.
    pub fn seeds_dir(&self) -> PathBuf {
        self.root.join("seeds")
    }

    /// The places the library knows: the bundled gazetteer, then its own additions.
    fn places(&self) -> Result<Vec<Place>, Problem> {
        let mut places = bundled_places();
        let path = self.places_path();
        if path.exists() {
            let loaded = parse_places(&path.display().to_string(), &read_text(&path)?);
            if let Some(p) = loaded.problems.into_iter().next() {
                return Err(p);
            }
            for p in loaded.records {
                if !places.iter().any(|q| q.id == p.id) {
                    places.push(p);
                }
            }
        }
        Ok(places)
    }

    /// The events saved so far; an unreadable file is an error, never overwritten.
    pub fn events(&self) -> Result<Vec<Event>, Problem> {
        let path = self.events_path();
        if !path.exists() {
            return Ok(Vec::new());
        }
        let places = index_places(&self.places()?);
        let loaded = parse_events(
            &path.display().to_string(),
            &read_text(&path)?,
            &places,
            None,
        );
        match loaded.problems.into_iter().next() {
            Some(p) => Err(p),
            None => Ok(loaded.records),
        }
    }

    /// Saves a reviewed article: its text to `seeds/`, and its accepted events (replacing any saved
    /// before from the same document) with the ad-hoc places they use.
    pub fn save(
        &self,
        article: &Article,
        accepted: &[Event],
        ad_hoc: &[Place],
    ) -> Result<Saved, Problem> {
        let name = Path::new(&article.document)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
            .ok_or_else(|| {
                Problem::whole(
                    &article.document,
                    "the article has no file name to save it under",
                )
            })?;
        let copy = self.seeds_dir().join(&name);
        let mut events = self.events()?;
        let mut places = self.places()?;
        events.retain(|e| e.source.document != name);
        let mut ids: std::collections::HashSet<String> =
            events.iter().map(|e| e.id.clone()).collect();
        for e in accepted {
            let mut e = e.clone();
            e.source.document = name.clone();
            let base = e.id.clone();
            let mut n = 2;
            while !ids.insert(e.id.clone()) {
                e.id = format!("{base}-{n}");
                n += 1;
            }
            events.push(e);
        }
        for p in ad_hoc {
            if !places.iter().any(|q| q.id == p.id) {
                places.push(p.clone());
            }
        }
        write_atomic(&copy, &article.text)?;
        write_atomic(&self.places_path(), &places_document(&places))?;
        write_atomic(&self.events_path(), &events_document(&events))?;
        Ok(Saved {
            events: self.events_path(),
            article: copy,
            total: events.len(),
        })
    }
}
