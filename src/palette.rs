//! Colours: a colour-blind-safe palette (Okabe–Ito) for categories, muted fills for countries.

use crate::model::Category;
use eframe::egui::Color32;

/// The marker colour of a category (Okabe–Ito palette, distinguishable with colour-blindness).
pub fn category_color(category: Category) -> Color32 {
    match category {
        Category::Diplomacy => Color32::from_rgb(0, 114, 178), // blue
        Category::Statement => Color32::from_rgb(86, 180, 233), // sky blue
        Category::Agreement => Color32::from_rgb(0, 158, 115), // bluish green
        Category::Military => Color32::from_rgb(213, 94, 0),   // vermillion
        Category::Incident => Color32::from_rgb(230, 159, 0),  // orange
        Category::Sanctions => Color32::from_rgb(204, 121, 167), // reddish purple
        Category::Protest => Color32::from_rgb(240, 228, 66),  // yellow
        Category::Other => Color32::from_rgb(90, 90, 90),      // dark grey
    }
}

/// A muted fill for a country, by name.
pub fn country_fill(name: &str) -> Color32 {
    match name {
        "Azerbaijan" => Color32::from_rgb(222, 214, 190),
        "Armenia" => Color32::from_rgb(226, 204, 200),
        "Georgia" => Color32::from_rgb(205, 219, 196),
        "Iran" => Color32::from_rgb(232, 224, 205),
        "Turkey" => Color32::from_rgb(216, 209, 222),
        "Russia" => Color32::from_rgb(210, 216, 224),
        _ => Color32::from_rgb(228, 228, 224),
    }
}

/// Water.
pub const WATER: Color32 = Color32::from_rgb(170, 200, 226);
/// Country borders.
pub const BORDER: Color32 = Color32::from_rgb(95, 95, 100);
/// Highlight for the selected event.
pub const SELECTED: Color32 = Color32::from_rgb(20, 20, 20);
/// Highlight for the hovered event.
pub const HOVERED: Color32 = Color32::from_rgb(255, 255, 255);
/// The time window on the timeline.
pub const WINDOW_FILL: Color32 = Color32::from_rgba_premultiplied(14, 26, 40, 40);
/// Text that warns without being an error (records without a recognised date).
pub const NOTICE: Color32 = Color32::from_rgb(150, 90, 0);
