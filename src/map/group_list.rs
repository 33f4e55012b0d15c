//! The list that opens when a group marker is clicked: its events, virtualized, each selectable.

use crate::commands::Command;
use crate::model::Dataset;
use crate::palette;
use eframe::egui::{self, Pos2, Sense, vec2};

/// Height of the list before it scrolls, in points.
const LIST_HEIGHT: f32 = 320.0;
/// Width of the list, in points.
const LIST_WIDTH: f32 = 380.0;
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
                    ui.strong(format!("{} events here", events.len()));
                    if ui.small_button("Close").clicked() {
                        commands.push(Command::CloseGroup);
                    }
                });
                // virtualized: a cluster may hold hundreds of thousands of events
                let row_height = ui.spacing().interact_size.y;
                egui::ScrollArea::vertical()
                    .max_height(LIST_HEIGHT)
                    .show_rows(ui, row_height, events.len(), |ui, rows| {
                        ui.set_max_width(LIST_WIDTH);
                        for &i in &events[rows] {
                            let Some(e) = data.view(i) else { continue };
                            let color = palette::category_color(e.category);
                            ui.horizontal(|ui| {
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
