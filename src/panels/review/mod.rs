//! The review panel: an article beside the events proposed from it, each quote highlighted in
//! the text; accept, reject or edit each proposal (date with precision, place from a gazetteer
//! list or a map click, quote from selected text); undo and redo; save the accepted events to the
//! user's own events file. A self-contained module: the window shows [`review_ui`] and applies the
//! [`ReviewCommand`]s it returns.

pub mod article_view;
pub mod history;
pub mod new_article;
pub mod proposal_card;
pub mod state;

pub use new_article::{NewArticleForm, new_article_ui};
pub use state::{DateDraft, Item, PlaceShape, ReviewState, Status};

use crate::extract::library::Library;
use article_view::ArticleView;
use eframe::egui::{self, Key, Modifiers, Ui};
use std::path::PathBuf;

/// What the review asks of the window.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewCommand {
    /// Show this point on the map (the selected proposal's place).
    ShowOnMap {
        /// Longitude, degrees.
        lon: f64,
        /// Latitude, degrees.
        lat: f64,
    },
    /// The next click on the map sets the selected proposal's place: call
    /// [`ReviewState::set_place`] with its longitude and latitude.
    PickPlaceOnMap,
    /// The accepted events were saved to this events file: open it as a layer, now and on the
    /// next start.
    Saved(PathBuf),
    /// The reviewer closed the review.
    Close,
}

/// The user's own events library in the app's data folder (`…/caucasus-atlas/my-events`).
pub fn default_library() -> Option<Library> {
    eframe::storage_dir("caucasus-atlas").map(|dir| Library::new(dir.join("my-events")))
}

/// The review panel; returns what the window should do.
pub fn review_ui(ui: &mut Ui, state: &mut ReviewState) -> Vec<ReviewCommand> {
    let mut out = toolbar(ui, state);
    if let Some(m) = &state.message {
        ui.label(m.clone());
    }
    ui.separator();
    let before = state.selected;
    let mut clicked_quote = None;
    let quotes: Vec<_> = state.items.iter().map(|i| i.quote.clone()).collect();
    ui.columns(2, |cols| {
        let article = egui::ScrollArea::vertical()
            .id_salt("review-article")
            .scroll_source(egui::scroll_area::ScrollSource {
                scroll_bar: true,
                mouse_wheel: true,
                ..egui::scroll_area::ScrollSource::NONE
            });
        article.show(&mut cols[0], |ui| {
            ui.add(ArticleView {
                text: &state.article.text,
                quotes: &quotes,
                selected: state.selected,
                selection: &mut state.selection,
                clicked_quote: &mut clicked_quote,
                scroll_to_selected: false,
            });
        });
        egui::ScrollArea::vertical()
            .id_salt("review-proposals")
            .show(&mut cols[1], |ui| {
                if state.items.is_empty() {
                    ui.label(
                        "No events proposed: no sentence gives a date or an event with a place.",
                    );
                }
                for i in 0..state.items.len() {
                    out.extend(proposal_card::card(ui, state, i));
                }
                out.extend(left_out_ui(ui, state));
            });
    });
    if let Some(i) = clicked_quote.filter(|i| Some(*i) != before) {
        state.selected = Some(i);
        out.extend(show_on_map(state, i));
    }
    out
}

/// Offers to read the article again as published on the latest day it names, while no proposal is
/// decided (a new reading replaces the proposals).
fn read_again_ui(ui: &mut Ui, state: &mut ReviewState) {
    let Some(day) = state.suggested_published else {
        return;
    };
    let (_, accepted, rejected) = state.counts();
    let button = egui::Button::new(format!("Read again as published {day}"));
    let response = ui
        .add_enabled(accepted + rejected == 0, button)
        .on_hover_text("The latest day the text names; the article's own date line most often")
        .on_disabled_hover_text("Proposals are decided: close the review and start again");
    if response.clicked() {
        *state = state.read_again(day);
    }
}

/// Shows proposal `i`'s place on the map, when it has one.
fn show_on_map(state: &ReviewState, i: usize) -> Option<ReviewCommand> {
    let e = &state.items.get(i)?.event;
    e.is_placed().then_some(ReviewCommand::ShowOnMap {
        lon: e.lon,
        lat: e.lat,
    })
}

/// The sentences the extractor left out and why, folded, each with a button that proposes its
/// events unplaced: the reviewer sees what was not proposed, and can propose it and place it.
fn left_out_ui(ui: &mut Ui, state: &mut ReviewState) -> Vec<ReviewCommand> {
    if state.left_out.is_empty() {
        return Vec::new();
    }
    let mut chosen = None;
    egui::CollapsingHeader::new(format!("Left out ({})", state.left_out.len()))
        .id_salt("review-left-out")
        .show(ui, |ui| {
            for (k, entry) in state.left_out.iter().enumerate() {
                ui.label(entry.why.as_str());
                if ui
                    .button(format!("Propose sentence {}", entry.number))
                    .on_hover_text("Propose its events as read, to be placed by you")
                    .clicked()
                {
                    chosen = Some(k);
                }
            }
        });
    let Some(k) = chosen else {
        return Vec::new();
    };
    match state.propose_left_out(k) {
        Ok(i) => {
            state.message = None;
            show_on_map(state, i).into_iter().collect()
        }
        Err(e) => {
            state.message = Some(e);
            Vec::new()
        }
    }
}

/// Counts, undo, redo, save and close; Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) undo and redo.
fn toolbar(ui: &mut Ui, state: &mut ReviewState) -> Vec<ReviewCommand> {
    let mut out = Vec::new();
    let (pending, accepted, rejected) = state.counts();
    let (can_undo, can_redo) = state.can_undo_redo();
    let undo_key = ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Z));
    let redo_key = ui.input_mut(|i| {
        i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)
            || i.consume_key(Modifiers::COMMAND, Key::Y)
    });
    // wrapped rows: a long name or toolbar must not widen the panel over the map
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("Review: {}", state.article.document));
        ui.label(format!(
            "published {}{}",
            state.article.published,
            state
                .article
                .publisher
                .as_ref()
                .map(|p| format!(" by {p}"))
                .unwrap_or_default()
        ));
    });
    if let Some(warning) = &state.publication_warning {
        ui.colored_label(ui.visuals().warn_fg_color, warning);
        read_again_ui(ui, state);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{accepted} accepted · {rejected} rejected · {pending} to review"
        ));
        if ui
            .add_enabled(can_undo, egui::Button::new("Undo"))
            .clicked()
            || undo_key
        {
            state.undo();
        }
        if ui
            .add_enabled(can_redo, egui::Button::new("Redo"))
            .clicked()
            || redo_key
        {
            state.redo();
        }
        if ui
            .add_enabled(
                state.selection.is_some(),
                egui::Button::new("Propose selected text"),
            )
            .on_hover_text("Propose the selected article text as an event, quoted verbatim")
            .clicked()
        {
            match state.propose_selection() {
                Ok(i) => out.extend(show_on_map(state, i)),
                Err(e) => state.message = Some(e),
            }
        }
        let can_save = accepted > 0 && state.library.is_some();
        if ui
            .add_enabled(can_save, egui::Button::new("Save accepted"))
            .clicked()
            && let Some(library) = state.library.clone()
            && let Ok(saved) = state.save(&library)
        {
            out.push(ReviewCommand::Saved(saved.events));
        }
        if ui.button("Close review").clicked() {
            out.push(ReviewCommand::Close);
        }
    });
    out
}
