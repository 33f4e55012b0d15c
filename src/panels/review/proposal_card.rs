//! One proposal in the review list: what it says and why, and the buttons to accept, reject or
//! edit it (title, category, date with precision, place, quote).

use super::ReviewCommand;
use super::state::{DateDraft, ReviewState, Status};
use crate::model::{Category, Precision};
use crate::palette::category_color;
use eframe::egui::{self, RichText, Ui};

/// Width of a date field.
const DATE_FIELD: f32 = 90.0;
/// Width of the title field.
const TITLE_FIELD: f32 = 260.0;
/// The title field's narrowest width, in a narrow card.
const TITLE_FIELD_MIN: f32 = 80.0;
/// Size of the category swatch.
const SWATCH: f32 = 10.0;
/// Rejected proposals are drawn faded.
const REJECTED_OPACITY: f32 = 0.55;

fn status_text(status: Status) -> &'static str {
    match status {
        Status::Pending => "to review",
        Status::Accepted => "accepted",
        Status::Rejected => "rejected",
    }
}

/// Shows proposal `i`; returns the commands for the window.
pub fn card(ui: &mut Ui, state: &mut ReviewState, i: usize) -> Vec<ReviewCommand> {
    let mut out = Vec::new();
    let Some(item) = state.items.get(i).cloned() else {
        return out;
    };
    let e = &item.event;
    let n = i + 1;
    let selected = state.selected == Some(i);
    let frame = egui::Frame::group(ui.style()).fill(if selected {
        ui.visuals().faint_bg_color
    } else {
        ui.visuals().panel_fill
    });
    frame.show(ui, |ui| {
        // the review's columns justify their text, which spreads a wrapped line's words to the
        // card's width: a card writes its lines from the left, its buttons at their own width
        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            ui.set_min_width(ui.available_width());
            if item.status == Status::Rejected {
                ui.multiply_opacity(REJECTED_OPACITY);
            }
            ui.horizontal(|ui| {
                let (swatch, _) =
                    ui.allocate_exact_size(egui::vec2(SWATCH, SWATCH), egui::Sense::hover());
                ui.painter().circle_filled(
                    swatch.center(),
                    SWATCH / 2.0,
                    category_color(e.category),
                );
                let title = format!("#{n} {}", e.title);
                // cut to the card's width: a long title must not widen the panel over the map
                let label =
                    egui::Button::selectable(selected, RichText::new(title).strong()).truncate();
                if ui.add(label).on_hover_text(&e.title).clicked() {
                    state.selected = Some(i);
                    if e.is_placed() {
                        out.push(ReviewCommand::ShowOnMap {
                            lon: e.lon,
                            lat: e.lat,
                        });
                    }
                }
            });
            ui.label(format!(
                "{} · {} · {}{}",
                e.date.describe(),
                if e.is_placed() {
                    e.place_name.as_str()
                } else {
                    "not placed"
                },
                e.category.label(),
                if item.edited { " · edited" } else { "" }
            ));
            if !e.is_placed() {
                ui.label(
                    RichText::new(format!(
                        "NOT PLACED: choose a place or pick it on the map (Edit #{n})"
                    ))
                    .color(ui.visuals().warn_fg_color),
                );
            }
            if let Some(who) = &e.claimed_by {
                ui.label(format!("Claimed by {who}"));
            }
            if !e.verified {
                ui.label(RichText::new("UNVERIFIED").color(ui.visuals().warn_fg_color));
            }
            ui.label(RichText::new(format!("Status: {}", status_text(item.status))).italics());
            ui.horizontal_wrapped(|ui| {
                if ui.button(format!("Accept #{n}")).clicked() {
                    state.message = state.accept(i).err();
                }
                if ui.button(format!("Reject #{n}")).clicked() {
                    let _ = state.reject(i);
                }
                if ui.button(format!("Edit #{n}")).clicked() {
                    state.selected = Some(i);
                    state.draft = Some(DateDraft::of(i, &e.date));
                }
            });
            if selected {
                ui.collapsing(format!("Why #{n} was proposed"), |ui| ui.label(&e.notes));
                out.extend(editor(ui, state, i));
            }
        });
    });
    out
}

/// The editor of the selected proposal: title, category, date and precision, place, quote.
fn editor(ui: &mut Ui, state: &mut ReviewState, i: usize) -> Vec<ReviewCommand> {
    let mut out = Vec::new();
    let n = i + 1;
    title_editor(ui, state, i);
    category_editor(ui, state, i);
    if let Some(draft) = state.draft.as_mut().filter(|d| d.index == i) {
        ui.horizontal_wrapped(|ui| {
            let from = ui.label("From");
            ui.add(egui::TextEdit::singleline(&mut draft.start).desired_width(DATE_FIELD))
                .labelled_by(from.id);
            let to = ui.label("to");
            ui.add(egui::TextEdit::singleline(&mut draft.end).desired_width(DATE_FIELD))
                .labelled_by(to.id);
            egui::ComboBox::new(("precision", i), "Precision")
                .selected_text(draft.precision.as_str())
                .show_ui(ui, |ui| {
                    for p in Precision::ALL {
                        ui.selectable_value(&mut draft.precision, p, p.as_str());
                    }
                });
        });
        if ui.button(format!("Apply date #{n}")).clicked() {
            let _ = state.apply_draft();
        }
    }
    let current = state.items[i].event.place.clone();
    let mut chosen = current.clone();
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::new(("place", i), "Place")
            .selected_text(state.items[i].event.place_name.clone())
            .show_ui(ui, |ui| {
                for p in &state.places {
                    ui.selectable_value(&mut chosen, p.id.clone(), &p.name);
                }
            });
        if ui.button(format!("Pick on map #{n}")).clicked() {
            out.push(ReviewCommand::PickPlaceOnMap);
        }
    });
    if chosen != current {
        let _ = state.choose_place(i, &chosen);
    }
    let has_selection = state.selection.is_some();
    if ui
        .add_enabled(
            has_selection,
            egui::Button::new(format!("Use selected text as quote #{n}")),
        )
        .clicked()
        && let Err(e) = state.quote_selection(i)
    {
        state.message = Some(e);
    }
    out
}

/// The title field: Enter or "Apply title #N" sets it (one step to undo).
fn title_editor(ui: &mut Ui, state: &mut ReviewState, i: usize) {
    let n = i + 1;
    let mut apply = false;
    ui.horizontal(|ui| {
        let Some(draft) = state.title_draft_of(i) else {
            return;
        };
        let label = ui.label("Title");
        // the button at the right, the field filling what is left of the card's width
        let right = egui::Layout::right_to_left(egui::Align::Center);
        ui.with_layout(right, |ui| {
            apply = ui.button(format!("Apply title #{n}")).clicked();
            let width = ui.available_width().clamp(TITLE_FIELD_MIN, TITLE_FIELD);
            let field = ui
                .add(egui::TextEdit::singleline(&mut draft.text).desired_width(width))
                .labelled_by(label.id);
            apply |= field.lost_focus() && ui.input(|k| k.key_pressed(egui::Key::Enter));
        });
    });
    if apply {
        let _ = state.apply_title();
    }
}

/// The category menu: a choice applies at once.
fn category_editor(ui: &mut Ui, state: &mut ReviewState, i: usize) {
    let current = state.items[i].event.category;
    let mut chosen = current;
    egui::ComboBox::new(("category", i), "Category")
        .selected_text(current.label())
        .show_ui(ui, |ui| {
            for c in Category::ALL {
                ui.selectable_value(&mut chosen, c, c.label());
            }
        });
    if chosen != current {
        let _ = state.set_category(i, chosen);
    }
}
