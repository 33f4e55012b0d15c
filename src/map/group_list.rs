//! The list that opens when a group marker is clicked: its events, virtualized, each selectable.

use crate::commands::Command;
use crate::model::Dataset;
use crate::palette;
use eframe::egui::{self, Pos2, Sense, vec2};

/// Height of the list before it scrolls, in points.
const LIST_HEIGHT: f32 = 320.0;
/// Width of the list, in points.
const LIST_WIDTH: f32 = 380.0;
/// Space above and below a row's label, in points.
const ROW_AIR: f32 = 2.0;
/// Where the list opens relative to the marker, in points.
const OFFSET: f32 = 12.0;

/// Shows the list of a group's events next to where it was opened.
pub fn group_list_ui(
    ui: &mut egui::Ui,
    data: &Dataset,
    events: &[usize],
    pos: Pos2,
    commands: &mut Vec<Command>,
) {
    egui::Area::new(ui.scope_id().with("group-list"))
        .order(egui::Order::Foreground)
        .fixed_pos(pos + vec2(OFFSET, OFFSET))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let here = crate::model::counted::counted(events.len(), "event");
                    ui.strong(format!("{here} here"));
                    if ui.small_button("Close").clicked() {
                        commands.push(Command::CloseGroup);
                    }
                });
                // virtualized: a cluster may hold hundreds of thousands of events; every row is
                // as tall as its label, so the last one shown is never cut
                let row_height = row_height(ui);
                // the popup's own room is last frame's size: asking for the rows' height keeps
                // the last row from being cut when the list is new
                let spacing = ui.spacing().item_spacing.y;
                let rows_height = events.len() as f32 * (row_height + spacing) - spacing;
                egui::ScrollArea::vertical()
                    .max_height(LIST_HEIGHT)
                    .min_scrolled_height(rows_height.clamp(0.0, LIST_HEIGHT))
                    .show_rows(ui, row_height, events.len(), |ui, rows| {
                        ui.set_max_width(LIST_WIDTH);
                        for &i in &events[rows] {
                            let Some(e) = data.view(i) else { continue };
                            let color = palette::category_color(e.category);
                            ui.horizontal(|ui| {
                                ui.set_min_height(row_height);
                                let (r, _) =
                                    ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
                                ui.painter().circle_filled(r.center(), 5.0, color);
                                let response = ui.selectable_label(
                                    false,
                                    format!("{} — {}", e.date.short(), e.title),
                                );
                                if response.hovered() {
                                    commands.push(Command::Hover(Some(i)));
                                }
                                if response.clicked() {
                                    commands.push(Command::Select(Some(i)));
                                }
                            });
                        }
                    });
            });
        });
}

/// The height of one row: its selectable label's text and padding, at least a widget's height,
/// whole points (the label's own size is rounded up to them) and a little air.
fn row_height(ui: &egui::Ui) -> f32 {
    let text = ui.text_style_height(&egui::TextStyle::Button);
    let label = (text + 2.0 * ui.spacing().button_padding.y).max(ui.spacing().interact_size.y);
    label.ceil() + ROW_AIR
}
