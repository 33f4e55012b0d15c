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

/// Where the zoom and Fit buttons sit in a map of rectangle `rect`: labels keep clear of it.
pub fn controls_rect(rect: Rect) -> Rect {
    Rect::from_min_size(rect.right_top() + vec2(-52.0, 10.0), vec2(44.0, 110.0))
}

/// Zoom in, zoom out and fit, at the map's top right.
pub fn controls_ui(ui: &mut egui::Ui, rect: Rect, commands: &mut Vec<Command>) {
    let area = controls_rect(rect);
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
    let columns = if rect.width() > 560.0 { 4 } else { 2 };
    let size = if columns == 4 {
        vec2(480.0, 50.0)
    } else {
        vec2(240.0, 92.0)
    };
    let area = Rect::from_min_size(
        pos2(rect.center().x - size.x / 2.0, rect.bottom() - size.y - 8.0),
        size,
    );
    ui.scope_builder(UiBuilder::new().max_rect(area), |ui| {
        egui::Frame::popup(ui.style())
            .fill(Color32::from_rgba_unmultiplied(255, 255, 255, 225))
            .inner_margin(4)
            .show(ui, |ui| {
                egui::Grid::new("legend")
                    .num_columns(columns)
                    .spacing([10.0, 1.0])
                    .show(ui, |ui| {
                        for (k, category) in Category::ALL.into_iter().enumerate() {
                            legend_entry(ui, filters, category, commands);
                            if k % columns == columns - 1 {
                                ui.end_row();
                            }
                        }
                    });
            });
    });
}

fn legend_entry(
    ui: &mut egui::Ui,
    filters: &Filters,
    category: Category,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let (r, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
        ui.painter()
            .circle_filled(r.center(), 5.5, palette::category_color(category));
        let mut shown = filters.shows(category);
        if ui.checkbox(&mut shown, category.label()).changed() {
            commands.push(Command::ShowCategory(category, shown));
        }
    });
}

/// The time window in words at the top of the map (what frames and screenshots show).
pub fn window_caption(painter: &Painter, rect: Rect, time: &crate::time_control::TimeControl) {
    use crate::model::date::date_of;
    let (a, b) = time.query_range();
    let fmt = |d| date_of(d).format("%-d %b %Y").to_string();
    let text = match time.mode {
        crate::time_control::Mode::Window if a == b => fmt(a),
        crate::time_control::Mode::Window => format!("{} – {}", fmt(a), fmt(b)),
        crate::time_control::Mode::Cumulative => format!("up to {}", fmt(b)),
    };
    let galley = painter.layout_no_wrap(text, FontId::proportional(15.0), Color32::BLACK);
    let pos = pos2(rect.center().x - galley.size().x / 2.0, rect.top() + 10.0);
    let bg = Rect::from_min_size(pos, galley.size()).expand2(vec2(8.0, 4.0));
    painter.rect_filled(bg, 4.0, Color32::from_rgba_unmultiplied(255, 255, 255, 215));
    painter.galley(pos, galley, Color32::BLACK);
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
