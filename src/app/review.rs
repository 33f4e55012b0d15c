//! Turning a new article into reviewed events in the window: File > New from article opens a form,
//! then the review panel beside the article; its requests (show a place, take the next map click
//! as a place, the saved events file, close) come back here. A saved events file opens as a layer
//! at once and again on every start.

use super::AtlasApp;
use crate::commands::Command;
use crate::extract::library::Library;
use crate::panels::review::new_article::{NewArticleForm, new_article_ui};
use crate::panels::review::{ReviewCommand, ReviewState, review_ui};
use eframe::egui;

/// Where a review stands.
pub enum Review {
    /// The form asking for the article, its date and publisher.
    Form(NewArticleForm),
    /// The proposals being reviewed.
    Reviewing(Box<ReviewState>),
}

impl AtlasApp {
    /// The review panel's contents, or `None` when no review is open.
    pub(super) fn review_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let library = self.library.clone();
        let Some(review) = &mut self.review else {
            return Vec::new();
        };
        match review {
            Review::Form(form) => {
                ui.heading("New events from an article");
                let started = new_article_ui(ui, form);
                let cancel = ui.button("Cancel").clicked();
                if let Some(mut state) = started {
                    state.library = library;
                    *review = Review::Reviewing(Box::new(state));
                } else if cancel {
                    return vec![Command::Review(ReviewCommand::Close)];
                }
                Vec::new()
            }
            Review::Reviewing(state) => review_ui(ui, state)
                .into_iter()
                .map(Command::Review)
                .collect(),
        }
    }

    /// Applies what the review panel asked for.
    pub(super) fn apply_review(&mut self, command: ReviewCommand) {
        match command {
            ReviewCommand::ShowOnMap { lon, lat } => {
                if !self.map.shows(lon, lat) {
                    self.map.view = self.map.centred_on(lon, lat);
                }
            }
            ReviewCommand::PickPlaceOnMap => {
                self.picking_place = true;
                self.say("Click the map where the event took place.", false);
            }
            ReviewCommand::Saved(path) => {
                if !self.user_layers.contains(&path) {
                    self.user_layers.push(path.clone());
                }
                self.open_layer(path);
            }
            ReviewCommand::Close => {
                self.review = None;
                self.picking_place = false;
            }
        }
    }

    /// Sets the place of the proposal under review from a click on the map.
    pub(super) fn place_for_review(&mut self, lon: f64, lat: f64) {
        self.picking_place = false;
        let Some(Review::Reviewing(state)) = &mut self.review else {
            return;
        };
        // told in the review's own message, which an undo then replaces; the window's prompt
        // to click the map is done with
        match state.set_place(lon, lat) {
            Ok(()) => {
                let taken = state
                    .selected
                    .and_then(|i| state.items.get(i))
                    .map(|item| item.event.place_name.clone())
                    .unwrap_or_default();
                state.message = Some(format!(
                    "Place set: {taken} (clicked at {lat:.4}°N {lon:.4}°E)"
                ));
                self.status = None;
            }
            Err(e) => self.say(e, true),
        }
    }

    /// The user's events library reviews save into.
    pub fn set_library(&mut self, library: Option<Library>) {
        self.library = library;
    }
}
