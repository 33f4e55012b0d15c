//! The state of a review: the article, its proposals each pending, accepted or rejected (and
//! perhaps edited), the text selected to become a quote, and the undo and redo history. No egui.

use super::history::{Change, History};
use crate::extract::library::{Library, Saved};
use crate::extract::{Article, ArticleKind, Extractor, LeftOut, Options, Proposal};
use crate::io::Problem;
use crate::io::slug::coordinates_id;
use crate::model::counted::counted;
use crate::model::date::parse_iso_day;
use crate::model::region::REGION;
use crate::model::{Event, EventDate, Place, PlaceKind, Precision};
use chrono::NaiveDate;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

mod adding;
mod wording;

pub use wording::{TITLE_MAX_CHARS, TitleDraft};

/// A map click this close to a gazetteer place picks that place.
const SNAP_KM: f64 = 5.0;

/// A click this close to a town of GeoNames' table for the region (and no gazetteer place within
/// [`SNAP_KM`]) takes that town.
const TOWN_SNAP_KM: f64 = 2.0;

/// The town of the region's table a click on the map stands for, as a place at GeoNames' point
/// named as the atlas shows it (a contested town both ways), with a note saying how it was taken.
fn town_near(lon: f64, lat: f64) -> Option<Place> {
    let towns = crate::io::towns::Towns::bundled();
    let (t, km) = towns.nearest(lon, lat, TOWN_SNAP_KM)?;
    let mut place = t.place(t.shown.as_deref().unwrap_or(&t.name));
    let country = &place.country;
    place.alt_names = t.names.iter().take(3).cloned().collect();
    place.note = format!(
        "GeoNames' point of '{}' ({country}, id {}), from its cities500 table: the reviewer clicked \
         the map {km:.1} km from it, with no gazetteer place within 5 km.",
        t.name, t.geonames_id
    );
    Some(place)
}

/// The `date_note` of a date the reviewer set.
const SET_BY_REVIEWER: &str = "Set by the reviewer.";

/// Where a proposal stands in the review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not decided yet.
    Pending,
    /// To be saved.
    Accepted,
    /// Left out.
    Rejected,
}

/// One proposal under review.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The event as it would be saved.
    pub event: Event,
    /// Byte range of its quote in the article text.
    pub quote: Range<usize>,
    /// Its decision.
    pub status: Status,
    /// Its place when the gazetteer lacks it (saved beside the events).
    pub ad_hoc: Option<Place>,
    /// Whether the reviewer changed it.
    pub edited: bool,
}

impl Item {
    /// A proposal not decided yet, as the extractor made it.
    pub fn pending(p: Proposal) -> Item {
        Item {
            event: p.event,
            quote: p.quote,
            status: Status::Pending,
            ad_hoc: p.ad_hoc,
            edited: false,
        }
    }
}

/// A review of one article's proposals.
#[derive(Clone, Debug)]
pub struct ReviewState {
    /// The article.
    pub article: Article,
    /// The proposals, in the article's order.
    pub items: Vec<Item>,
    /// The sentences the extractor left out, each with why ("sentence 4: no place (…)") and
    /// its events unplaced, which the reviewer may propose.
    pub left_out: Vec<LeftOut>,
    /// What the text says against the publication date given: days it names after it, which
    /// date nothing (see [`crate::extract::Extraction::publication_warning`]).
    pub publication_warning: Option<String>,
    /// With the warning, the latest whole day the text names after the publication date: the
    /// date to read the article again with, if the reviewer chooses it.
    pub suggested_published: Option<NaiveDate>,
    /// The proposal shown in detail, if any.
    pub selected: Option<usize>,
    /// Text of the article the reviewer selected (byte range), to become a quote.
    pub selection: Option<Range<usize>>,
    /// The last outcome to show the reviewer (a save, an error).
    pub message: Option<String>,
    /// The gazetteer places a proposal can be moved to.
    pub places: Vec<Place>,
    /// The basemap shapes that draw some of those places (countries, regions, borders,
    /// corridors), by place id: a proposal moved there is drawn as the shape.
    pub shapes: Vec<PlaceShape>,
    /// Where accepted events are saved; `None` disables saving.
    pub library: Option<Library>,
    /// The date being edited: proposal, first and last day as typed, precision.
    pub draft: Option<DateDraft>,
    /// The title being edited.
    pub title_draft: Option<TitleDraft>,
    history: History,
    /// The extractor that read the article, to read text the reviewer selects.
    extractor: Arc<Extractor>,
    /// How it read it.
    options: Options,
}

/// The basemap shape that draws a gazetteer place.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceShape {
    /// The place's id.
    pub place: String,
    /// The shape's name in the basemap.
    pub name: String,
    /// Its geometry.
    pub geometry: geo::Geometry<f64>,
}

/// A date being edited, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateDraft {
    /// The proposal.
    pub index: usize,
    /// First day, `YYYY-MM-DD` (empty for undated).
    pub start: String,
    /// Last day, `YYYY-MM-DD` (empty for a single day or undated).
    pub end: String,
    /// The precision.
    pub precision: Precision,
}

impl DateDraft {
    /// A draft of a proposal's current date.
    pub fn of(index: usize, date: &EventDate) -> DateDraft {
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let (start, end) = date
            .range
            .map_or((String::new(), String::new()), |(s, e)| (day(s), day(e)));
        DateDraft {
            index,
            start,
            end,
            precision: date.precision,
        }
    }
}

impl ReviewState {
    /// Starts a review of an article with the bundled extractor and its public record.
    pub fn new(article: Article) -> ReviewState {
        ReviewState::with_extractor(article, &Extractor::bundled(), false)
    }

    /// Starts a review of an article with an extractor; `text_only` leaves out the public record
    /// (dates and places then come from the article alone).
    pub fn with_extractor(article: Article, extractor: &Extractor, text_only: bool) -> ReviewState {
        let options = Options {
            allow_ad_hoc: true,
            text_only,
        };
        let extraction = extractor.propose(&article, options);
        let publication_warning = extraction.publication_warning(article.published);
        let suggested_published = extraction.latest_day_named.or(extraction.own_date_line);
        let left_out = extraction.left_out;
        let items = extraction
            .proposals
            .into_iter()
            .map(Item::pending)
            .collect();
        let gazetteer: Vec<_> = extractor
            .gazetteer
            .places
            .iter()
            .filter(|c| !c.ad_hoc)
            .collect();
        let places = gazetteer.iter().map(|c| c.place.clone()).collect();
        let shapes = gazetteer
            .iter()
            .filter_map(|c| {
                let name = c.shape.as_ref()?;
                let shape = extractor.basemap.shape(name)?;
                Some(PlaceShape {
                    place: c.place.id.clone(),
                    name: name.clone(),
                    geometry: (*shape.geometry).clone(),
                })
            })
            .collect();
        ReviewState {
            article,
            items,
            left_out,
            publication_warning,
            suggested_published,
            selected: None,
            selection: None,
            message: None,
            places,
            shapes,
            library: None,
            draft: None,
            title_draft: None,
            history: History::default(),
            extractor: Arc::new(extractor.clone()),
            options,
        }
    }

    /// Starts a review of an article file (text, Markdown or HTML).
    pub fn from_path(
        path: &Path,
        (published, publisher): (NaiveDate, Option<String>),
        text_only: bool,
    ) -> Result<ReviewState, Problem> {
        let mut article = Article::read(path, published)?;
        article.publisher = publisher;
        Ok(ReviewState::with_extractor(
            article,
            &Extractor::bundled(),
            text_only,
        ))
    }

    /// Starts a review of pasted text; `name` becomes the saved copy's file name.
    pub fn from_text(
        (name, text): (&str, &str),
        (published, publisher): (NaiveDate, Option<String>),
        text_only: bool,
    ) -> Result<ReviewState, String> {
        let kind = ArticleKind::detect(name, text);
        let mut article = Article::from_raw(name, text, kind, published)?;
        article.publisher = publisher;
        Ok(ReviewState::with_extractor(
            article,
            &Extractor::bundled(),
            text_only,
        ))
    }

    /// The same article read again as published on `published`, by the same extractor, into the
    /// same library: a new review, since every proposal's date may change.
    pub fn read_again(&self, published: NaiveDate) -> ReviewState {
        let mut article = self.article.clone();
        article.published = published;
        let mut again =
            ReviewState::with_extractor(article, &self.extractor, self.options.text_only);
        again.library = self.library.clone();
        again
    }

    /// How many proposals are pending, accepted and rejected.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |s: Status| self.items.iter().filter(|i| i.status == s).count();
        (
            count(Status::Pending),
            count(Status::Accepted),
            count(Status::Rejected),
        )
    }

    fn change(&mut self, index: usize, edit: impl FnOnce(&mut Item)) -> Result<(), String> {
        let item = self
            .items
            .get(index)
            .ok_or_else(|| format!("no proposal #{}", index + 1))?;
        let before = item.clone();
        let mut after = before.clone();
        edit(&mut after);
        if after != before {
            // an outcome shown before (a refusal) no longer describes the review
            self.message = None;
            self.items[index] = after.clone();
            self.history.push(Change::Edit {
                index,
                before: Box::new(before),
                after: Box::new(after),
            });
        }
        Ok(())
    }

    /// Accepts a proposal; one not placed yet is refused (an event file places every event).
    pub fn accept(&mut self, index: usize) -> Result<(), String> {
        if self.items.get(index).is_some_and(|i| !i.event.is_placed()) {
            return Err(format!(
                "#{} is not placed: choose its place or pick it on the map first",
                index + 1
            ));
        }
        self.change(index, |i| i.status = Status::Accepted)
    }

    /// Rejects a proposal.
    pub fn reject(&mut self, index: usize) -> Result<(), String> {
        self.change(index, |i| i.status = Status::Rejected)
    }

    /// Sets a proposal's date from ISO days (empty for undated) and a precision.
    pub fn set_date(
        &mut self,
        index: usize,
        start: &str,
        end: &str,
        precision: Precision,
    ) -> Result<(), String> {
        let range = match (start.trim(), end.trim()) {
            ("", "") => None,
            (s, "") => Some((parse_iso_day(s)?, parse_iso_day(s)?)),
            (s, e) => Some((parse_iso_day(s)?, parse_iso_day(e)?)),
        };
        let old = self
            .items
            .get(index)
            .map(|i| i.event.date.clone())
            .ok_or("no such proposal")?;
        // the extractor's reading no longer describes the date: it moves to the notes, where the
        // days it names are not taken for this event's (`check` warns of a finer day in
        // `date_note`)
        let earlier = (!old.note.is_empty() && old.note != SET_BY_REVIEWER)
            .then(|| format!(" The extractor had read the date as: {}", old.note));
        let date = EventDate {
            range,
            precision,
            text: old.text,
            note: SET_BY_REVIEWER.to_owned(),
        };
        date.validate()?;
        if let Some((_, end)) = date.range
            && end > self.article.published
        {
            return Err(format!(
                "ends after publication ({}): the article cannot report it",
                self.article.published
            ));
        }
        self.change(index, |i| {
            i.event.date = date;
            if let Some(e) = earlier {
                i.event.notes.push_str(&e);
            }
            i.edited = true;
        })
    }

    /// The selected article text's byte range, trimmed of surrounding whitespace.
    fn selected_range(&self) -> Result<Range<usize>, String> {
        let range = self
            .selection
            .clone()
            .ok_or("select some text of the article first")?;
        let text = self
            .article
            .text
            .get(range.clone())
            .ok_or("the selection is outside the article")?;
        let lead = text.len() - text.trim_start().len();
        let quote = text.trim();
        if quote.is_empty() {
            return Err("the selection is empty".to_owned());
        }
        Ok(range.start + lead..range.start + lead + quote.len())
    }

    /// Makes the selected article text the quote of a proposal. The quote stays a verbatim part of
    /// the article: the selection is a range of its text.
    pub fn quote_selection(&mut self, index: usize) -> Result<(), String> {
        let range = self.selected_range()?;
        let quote = self.article.text[range.clone()].to_owned();
        self.change(index, |i| {
            i.event.source.quote = quote;
            i.quote = range;
            i.edited = true;
        })?;
        self.selection = None;
        Ok(())
    }

    /// Moves a proposal to a gazetteer place.
    pub fn choose_place(&mut self, index: usize, id: &str) -> Result<(), String> {
        let place = self
            .places
            .iter()
            .find(|p| p.id == id)
            .cloned()
            .ok_or_else(|| format!("place `{id}` is not in the gazetteer"))?;
        let shape = self.shapes.iter().find(|s| s.place == id).cloned();
        self.move_to(index, place, None, shape)
    }

    /// Sets the selected proposal's place from a map click: the gazetteer place within 5 km, else
    /// the town of GeoNames' table for the region within 2 km, else a place at the clicked point,
    /// noted as placed by the reviewer.
    pub fn set_place(&mut self, lon: f64, lat: f64) -> Result<(), String> {
        let index = self.selected.ok_or("select a proposal first")?;
        crate::model::place::validate_coordinates(lat, lon)?;
        let near = self
            .places
            .iter()
            .filter(|p| p.kind != PlaceKind::OffMap)
            .map(|p| {
                (
                    crate::extract::quality::distance_km((lon, lat), (p.lon, p.lat)),
                    p,
                )
            })
            .filter(|(d, _)| *d <= SNAP_KM)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, p)| p.clone());
        if let Some(place) = near {
            let shape = self.shapes.iter().find(|s| s.place == place.id).cloned();
            return self.move_to(index, place, None, shape);
        }
        if let Some(town) = town_near(lon, lat) {
            return self.move_to(index, town.clone(), Some(town), None);
        }
        let (lon, lat) = ((lon * 1e4).round() / 1e4, (lat * 1e4).round() / 1e4);
        let id = format!("point-{}", coordinates_id(lon, lat));
        let mut place = Place::ad_hoc(
            &id,
            &format!("Point {lat:.4}° N, {lon:.4}° E"),
            "",
            lat,
            lon,
        );
        place.note = "Placed by the reviewer on the map; no gazetteer place within 5 km and no \
                      GeoNames town within 2 km."
            .to_owned();
        self.move_to(index, place.clone(), Some(place), None)
    }

    /// Moves a proposal to a place, drawn as its basemap shape when it has one (a country or a
    /// region is drawn as its outline, not as a point in its middle).
    fn move_to(
        &mut self,
        index: usize,
        place: Place,
        ad_hoc: Option<Place>,
        shape: Option<PlaceShape>,
    ) -> Result<(), String> {
        self.change(index, |i| {
            let e = &mut i.event;
            e.place = place.id.clone();
            e.place_name = place.name.clone();
            e.lon = place.lon;
            e.lat = place.lat;
            e.off_map = place.kind == PlaceKind::OffMap || !REGION.contains(place.lon, place.lat);
            e.shape = shape
                .as_ref()
                .map(|s| std::sync::Arc::new(s.geometry.clone()));
            e.shape_name = shape.map(|s| s.name);
            e.notes = format!("{} Place set by the reviewer: {}.", e.notes, place.name);
            i.ad_hoc = ad_hoc;
            i.edited = true;
        })
    }

    /// Undoes the last review action; false when there is none.
    pub fn undo(&mut self) -> bool {
        let change = self.history.undo();
        change.map(|c| self.replay(c, true)).is_some()
    }

    /// Redoes the last undone action; false when there is none.
    pub fn redo(&mut self) -> bool {
        let change = self.history.redo();
        change.map(|c| self.replay(c, false)).is_some()
    }

    /// Puts a change back (`undo`) or makes it again, and says which in the panel's message.
    fn replay(&mut self, change: Change, undo: bool) {
        // a title being typed describes the proposal before the change
        self.title_draft = None;
        let done = if undo { "Undone" } else { "Redone" };
        self.message = Some(match &change {
            Change::Edit { after, .. } => {
                format!("{done}: the last change to “{}”", after.event.title)
            }
            Change::Add { items, .. } => {
                format!(
                    "{done}: {} added from the article",
                    counted(items.len(), "proposal")
                )
            }
        });
        match change {
            Change::Edit {
                index,
                before,
                after,
            } => self.items[index] = if undo { *before } else { *after },
            Change::Add {
                index,
                items,
                left_out,
            } if undo => self.remove_added(index, items.len(), left_out),
            Change::Add {
                index,
                items,
                left_out,
            } => self.insert_added(index, items, left_out.map(|(k, _)| k)),
        }
    }

    /// Whether there is an action to undo, and one to redo.
    pub fn can_undo_redo(&self) -> (bool, bool) {
        (self.history.can_undo(), self.history.can_redo())
    }

    /// The accepted events, marked as reviewed.
    pub fn accepted(&self) -> Vec<Event> {
        self.items
            .iter()
            .filter(|i| i.status == Status::Accepted)
            .map(|i| {
                let mut e = i.event.clone();
                e.notes = e
                    .notes
                    .replace("not yet reviewed", "accepted by a reviewer");
                e
            })
            .collect()
    }

    /// Applies the date being edited; the draft stays open when it is wrong.
    pub fn apply_draft(&mut self) -> Result<(), String> {
        let Some(d) = self.draft.clone() else {
            return Ok(());
        };
        let result = self.set_date(d.index, &d.start, &d.end, d.precision);
        match &result {
            Ok(()) => {
                self.draft = None;
                self.message = None;
            }
            Err(e) => self.message = Some(format!("Date not changed: {e}")),
        }
        result
    }

    /// Saves the accepted events to the user's library (atomically), with a copy of the article.
    pub fn save(&mut self, library: &Library) -> Result<Saved, Problem> {
        let ad_hoc: Vec<Place> = self
            .items
            .iter()
            .filter(|i| i.status == Status::Accepted)
            .filter_map(|i| i.ad_hoc.clone())
            .collect();
        let result = library.save(&self.article, &self.accepted(), &ad_hoc);
        self.message = Some(match &result {
            Ok(s) => format!("Saved {} event(s) to {}", s.total, s.events.display()),
            Err(p) => format!("Not saved: {p}"),
        });
        result
    }
}

#[cfg(test)]
mod tests;
