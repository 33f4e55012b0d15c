//! Colours: a colour-blind-safe palette (Okabe–Ito) for categories, muted fills for countries, and
//! every other colour the views paint with, named for what it paints.

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
        _ => OTHER_LAND,
    }
}

/// Land of countries without a fill of their own.
pub const OTHER_LAND: Color32 = Color32::from_rgb(228, 228, 224);
/// The map's background (beyond any land or water drawn).
pub const MAP_BACKGROUND: Color32 = Color32::from_rgb(238, 238, 232);
/// Water.
pub const WATER: Color32 = Color32::from_rgb(170, 200, 226);
/// Rivers.
pub const RIVER: Color32 = Color32::from_rgb(70, 130, 200);
/// Country borders.
pub const BORDER: Color32 = Color32::from_rgb(95, 95, 100);
/// The outline and hatching of the former autonomous oblast of Nagorno-Karabakh.
pub const KARABAKH: Color32 = Color32::from_rgb(150, 70, 60);
/// The outline of other marked regions (Nakhchivan).
pub const REGION_OUTLINE: Color32 = Color32::from_rgb(60, 90, 140);
/// The Lachin corridor's line.
pub const CORRIDOR: Color32 = Color32::from_rgb(120, 40, 120);
/// Highlight for the selected event.
pub const SELECTED: Color32 = Color32::from_rgb(20, 20, 20);
/// Highlight for the hovered event.
pub const HOVERED: Color32 = Color32::from_rgb(255, 255, 255);
/// The rim of markers and badges.
pub const MARKER_RIM: Color32 = Color32::WHITE;
/// The disc a marker's count sits on.
pub const COUNT_DISC: Color32 = Color32::WHITE;
/// The count on a marker's disc.
pub const COUNT_TEXT: Color32 = Color32::BLACK;
/// Text on the map's overlays (caption, scale bar, coordinates, arrow labels).
pub const OVERLAY_TEXT: Color32 = Color32::BLACK;
/// The translucent white behind overlay text.
pub const OVERLAY_BACKDROP: Color32 = Color32::from_rgba_premultiplied(215, 215, 215, 215);
/// The halo behind map labels.
pub const LABEL_HALO: Color32 = Color32::from_rgba_premultiplied(170, 170, 170, 170);
/// City labels.
pub const CITY_LABEL: Color32 = Color32::from_rgb(30, 30, 30);
/// City dots.
pub const CITY_DOT: Color32 = Color32::from_rgb(40, 40, 40);
/// Country names.
pub const COUNTRY_LABEL: Color32 = Color32::from_rgb(96, 96, 96);
/// Names of seas, lakes and rivers.
pub const WATER_LABEL: Color32 = Color32::from_rgb(50, 90, 140);
/// Names of regions and the corridor.
pub const REGION_LABEL: Color32 = Color32::from_rgb(110, 50, 60);
/// Faded events drawn as a density grid.
pub const FADED_DENSITY: Color32 = Color32::from_gray(90);
/// The outline of the areas of the area filter, and the box being drawn.
pub const AREA_FILTER: Color32 = Color32::from_rgb(200, 30, 120);
/// Areas held by Armenian forces and the de facto authorities (tint and hatching).
pub const HELD: Color32 = Color32::from_rgb(190, 50, 40);
/// The Russian peacekeeping area (tint and cross-hatching).
pub const PEACEKEEPING: Color32 = Color32::from_rgb(20, 110, 130);
/// The Lachin corridor under the peacekeepers.
pub const CORRIDOR_AREA: Color32 = Color32::from_rgb(120, 40, 120);
/// Lines of contact.
pub const CONTACT_LINE: Color32 = Color32::from_rgb(150, 20, 20);
/// Dated points of the situation (checkpoints).
pub const CHECKPOINT: Color32 = Color32::from_rgb(25, 25, 25);
/// Map changes on the timeline.
pub const MAP_CHANGE: Color32 = Color32::from_rgb(120, 40, 120);
/// The time window on the timeline.
pub const WINDOW_FILL: Color32 = Color32::from_rgba_premultiplied(14, 26, 40, 40);
/// The edges and handles of the time window.
pub const WINDOW_EDGE: Color32 = Color32::from_rgb(40, 90, 160);
/// The timeline's density histogram.
pub const HISTOGRAM: Color32 = Color32::from_rgb(70, 110, 160);
/// The timeline's lane labels.
pub const LANE_LABEL: Color32 = Color32::from_gray(70);
/// The backdrop of the timeline's lane labels.
pub const LANE_LABEL_BACKDROP: Color32 = Color32::from_rgba_premultiplied(190, 190, 190, 190);
/// The background of the hovered event's row in the list.
pub const HOVERED_ROW: Color32 = Color32::from_rgb(255, 244, 200);
/// Text on coloured chips.
pub const CHIP_TEXT: Color32 = Color32::WHITE;
/// A chip that names a plain fact (the date's precision).
pub const CHIP_NEUTRAL: Color32 = Color32::from_gray(225);
/// Text on a neutral chip.
pub const CHIP_NEUTRAL_TEXT: Color32 = Color32::BLACK;
/// The "UNVERIFIED" chip and warnings about a report.
pub const UNVERIFIED: Color32 = Color32::from_rgb(190, 30, 30);
/// The "claim" chip.
pub const CLAIM: Color32 = Color32::from_rgb(110, 80, 160);
/// Behind the quoted sentence.
pub const QUOTE_BACKDROP: Color32 = Color32::from_rgb(255, 246, 205);
/// The quote highlighted in the article.
pub const QUOTE_HIGHLIGHT: Color32 = Color32::from_rgb(255, 226, 110);
/// Article text on the highlight.
pub const ARTICLE_TEXT: Color32 = Color32::from_gray(40);
/// Article text away from the quote, when dimmed.
pub const ARTICLE_DIM: Color32 = Color32::from_gray(210);
/// A problem with what the user typed.
pub const INPUT_ERROR: Color32 = Color32::from_rgb(180, 40, 40);
/// Status messages that report an error.
pub const STATUS_ERROR: Color32 = Color32::from_rgb(170, 30, 30);
/// Status messages that report success.
pub const STATUS_OK: Color32 = Color32::from_rgb(40, 90, 40);

/// The relative luminance of an opaque colour (WCAG 2.1).
pub fn relative_luminance(color: Color32) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
}

/// The contrast ratio of two opaque colours (WCAG 2.1: 1 to 21; text needs 4.5).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A translucent colour painted over an opaque one.
pub fn over(top: Color32, bottom: Color32) -> Color32 {
    let a = f32::from(top.a()) / 255.0;
    let mix = |t: u8, b: u8| (f32::from(t) + f32::from(b) * (1.0 - a)).round().min(255.0) as u8;
    Color32::from_rgb(
        mix(top.r(), bottom.r()),
        mix(top.g(), bottom.g()),
        mix(top.b(), bottom.b()),
    )
}

/// Black or white, whichever reads better on `fill`.
pub fn text_on(fill: Color32) -> Color32 {
    if contrast(Color32::BLACK, fill) >= contrast(Color32::WHITE, fill) {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// WCAG AA's least contrast for text.
pub const MIN_TEXT_CONTRAST: f32 = 4.5;

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything a map label can be drawn over: land, water, the map's background, and the areas
    /// of control tinted over each country.
    fn map_fills() -> Vec<Color32> {
        let countries = [
            "Azerbaijan",
            "Armenia",
            "Georgia",
            "Iran",
            "Turkey",
            "Russia",
            "Other",
        ];
        let mut fills: Vec<Color32> = countries.iter().map(|c| country_fill(c)).collect();
        fills.extend([WATER, MAP_BACKGROUND, OTHER_LAND]);
        let tints = [(HELD, 0.16), (PEACEKEEPING, 0.18), (CORRIDOR_AREA, 0.35)];
        let land = fills.clone();
        for (tint, alpha) in tints {
            fills.extend(land.iter().map(|&f| over(tint.gamma_multiply(alpha), f)));
        }
        fills
    }

    #[test]
    fn wcag_arithmetic_holds() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-6);
        assert_eq!(over(Color32::TRANSPARENT, WATER), WATER);
        assert_eq!(over(Color32::WHITE, WATER), Color32::WHITE);
    }

    #[test]
    fn map_labels_read_at_least_4_5_to_1_on_their_halo_over_any_fill() {
        let labels = [
            ("city", CITY_LABEL),
            ("country", COUNTRY_LABEL),
            ("water", WATER_LABEL),
            ("region", REGION_LABEL),
            ("overlay", OVERLAY_TEXT),
        ];
        for fill in map_fills() {
            let halo = over(LABEL_HALO, fill);
            for (name, label) in labels {
                let c = contrast(label, halo);
                assert!(c >= MIN_TEXT_CONTRAST, "{name} label on {fill:?}: {c:.2}");
            }
            let backdrop = over(OVERLAY_BACKDROP, fill);
            let c = contrast(OVERLAY_TEXT, backdrop);
            assert!(c >= MIN_TEXT_CONTRAST, "overlay text on {fill:?}: {c:.2}");
        }
    }

    #[test]
    fn counts_and_chips_read_on_every_category_colour() {
        for category in Category::ALL {
            let fill = category_color(category);
            let c = contrast(text_on(fill), fill);
            assert!(c >= MIN_TEXT_CONTRAST, "{category:?}: {c:.2}");
        }
        assert!(contrast(COUNT_TEXT, COUNT_DISC) >= MIN_TEXT_CONTRAST);
        assert!(
            contrast(LANE_LABEL, over(LANE_LABEL_BACKDROP, Color32::WHITE)) >= MIN_TEXT_CONTRAST
        );
        for (text, fill) in [
            (CHIP_TEXT, UNVERIFIED),
            (CHIP_TEXT, CLAIM),
            (CHIP_TEXT, AREA_FILTER),
            (CHIP_NEUTRAL_TEXT, CHIP_NEUTRAL),
        ] {
            assert!(
                contrast(text, fill) >= MIN_TEXT_CONTRAST,
                "{text:?} on {fill:?}"
            );
        }
    }
}
