//! The viewer's fonts: egui's own, then DejaVu Sans for the characters they lack, such as the
//! Azerbaijani `ə` ("Xocavənd", "Gəncə") and arrows, so that no name or note is drawn as boxes.

use eframe::egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// The name of the fallback font in the font definitions.
const FALLBACK: &str = "DejaVu Sans";

/// egui's fonts with DejaVu Sans after them in every family: a character takes the first font that
/// has it, so text egui's fonts can draw looks as before.
pub fn with_fallback() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        FALLBACK.to_owned(),
        Arc::new(FontData::from_static(dejavu::sans::regular())),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(FALLBACK.to_owned());
    }
    fonts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallback_comes_last_in_both_families() {
        let fonts = with_fallback();
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let names = &fonts.families[&family];
            assert_eq!(names.last().map(String::as_str), Some(FALLBACK));
            assert!(names.len() > 1, "egui's own fonts stay first");
        }
        assert!(fonts.font_data.contains_key(FALLBACK));
    }
}
