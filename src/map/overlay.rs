//! Controls over the map: zoom buttons, the category legend (which filters), the scale bar and the
//! cursor's coordinates.

use super::projection::{MapView, nice_km};
use crate::commands::Command;
use crate::filters::Filters;
use crate::model::Category;
use crate::palette;
use eframe::egui::{
    self, Align2, Color32, FontId, Painter, Rect, Sense, Stroke, UiBuilder, pos2, vec2,
};

/// Adds a button whose accessible label differs from its short text.
fn labelled_button(ui: &mut egui::Ui, text: &str, label: &str) -> egui::Response {
    let response = ui
        .add(egui::Button::new(egui::RichText::new(text).size(16.0)).min_size(vec2(30.0, 28.0)))
        .on_hover_text(label);
    let label = label.to_owned();
    response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    response
}

/// Zoom in, zoom out and fit, at the map's top right.
pub fn controls_ui(ui: &mut egui::Ui, rect: Rect, commands: &mut Vec<Command>) {
    let area = Rect::from_min_size(rect.right_top() + vec2(-52.0, 10.0), vec2(44.0, 110.0));
    ui.scope_builder(UiBuilder::new().max_rect(area), |ui| {
        ui.vertical(|ui| {
            if labelled_button(ui, "+", "Zoom in").clicked() {
                commands.push(Command::Zoom(1.5));
            }
            if labelled_button(ui, "-", "Zoom out").clicked() {
                commands.push(Command::Zoom(1.0 / 1.5));
            }
            if labelled_button(ui, "Fit", "Fit region").clicked() {
                commands.push(Command::FitRegion);
            }
        });
    });
}

/// The category legend; its checkboxes show or hide categories on both views.
pub fn legend_ui(ui: &mut egui::Ui, rect: Rect, filters: &Filters, commands: &mut Vec<Command>) {
    let area = Rect::from_min_size(rect.left_bottom() + vec2(10.0, -232.0), vec2(140.0, 200.0));
    ui.scope_builder(UiBuilder::new().max_rect(area), |ui| {
        egui::Frame::popup(ui.style())
            .fill(Color32::from_rgba_unmultiplied(255, 255, 255, 225))
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing.y = 1.0;
                ui.small("Categories");
                for category in Category::ALL {
                    ui.horizontal(|ui| {
                        let (r, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
                        ui.painter().circle_filled(
                            r.center(),
                            5.5,
                            palette::category_color(category),
                        );
                        let mut shown = filters.shows(category);
                        if ui.checkbox(&mut shown, category.label()).changed() {
                            commands.push(Command::ShowCategory(category, shown));
                        }
                    });
                }
            });
    });
}

/// A scale bar at the bottom right.
pub fn scale_bar(painter: &Painter, rect: Rect, view: &MapView) {
    let max_points = 140.0;
    let km = nice_km(view.km_per_point() * max_points);
    let length = (km / view.km_per_point()) as f32;
    let right = rect.right_bottom() + vec2(-16.0, -16.0);
    let left = right - vec2(length, 0.0);
    let bg = Rect::from_min_max(left - vec2(6.0, 22.0), right + vec2(6.0, 6.0));
    painter.rect_filled(bg, 3.0, Color32::from_rgba_unmultiplied(255, 255, 255, 200));
    let stroke = Stroke::new(2.0, Color32::BLACK);
    painter.line_segment([left, right], stroke);
    painter.line_segment([left, left - vec2(0.0, 6.0)], stroke);
    painter.line_segment([right, right - vec2(0.0, 6.0)], stroke);
    let text = if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    };
    painter.text(
        pos2((left.x + right.x) / 2.0, left.y - 8.0),
        Align2::CENTER_BOTTOM,
        text,
        FontId::proportional(11.0),
        Color32::BLACK,
    );
}

/// The cursor's latitude and longitude at the bottom left.
pub fn cursor_position(painter: &Painter, rect: Rect, (lon, lat): (f64, f64)) {
    let ns = if lat >= 0.0 { 'N' } else { 'S' };
    let ew = if lon >= 0.0 { 'E' } else { 'W' };
    let text = format!("{:.3}°{ns}  {:.3}°{ew}", lat.abs(), lon.abs());
    let pos = rect.left_bottom() + vec2(10.0, -10.0);
    let galley = painter.layout_no_wrap(text, FontId::monospace(11.0), Color32::BLACK);
    let bg = Rect::from_min_size(pos - vec2(0.0, galley.size().y), galley.size()).expand(3.0);
    painter.rect_filled(bg, 3.0, Color32::from_rgba_unmultiplied(255, 255, 255, 200));
    painter.galley(bg.min + vec2(3.0, 3.0), galley, Color32::BLACK);
}
