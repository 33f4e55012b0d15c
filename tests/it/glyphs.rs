//! Every character the viewer shows from its own content, and the letters of the region's
//! languages in Latin script, have a glyph in the viewer's fonts: no name, note or quote is drawn
//! as a box.

use caucasus_atlas::extract::quality::seeds;
use caucasus_atlas::extract::{Extractor, Options};
use caucasus_atlas::io::bundle::{
    bundled_basemap, bundled_dataset, bundled_places, bundled_situation,
};
use caucasus_atlas::model::Event;
use eframe::egui;
use std::collections::BTreeSet;

/// The characters of `texts` that the viewer's proportional font cannot draw.
fn missing_glyphs<'a>(texts: impl Iterator<Item = &'a str>) -> BTreeSet<char> {
    let ctx = egui::Context::default();
    ctx.set_fonts(caucasus_atlas::fonts::with_fallback());
    // the fonts are loaded by the first pass
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let font = egui::FontId::proportional(14.0);
    let chars: BTreeSet<char> = texts
        .flat_map(str::chars)
        .filter(|c| !c.is_control())
        .collect();
    ctx.fonts_mut(|f| {
        chars
            .into_iter()
            .filter(|&c| !f.has_glyph(&font, c))
            .collect()
    })
}

/// The texts of an event the viewer shows.
fn shown(e: &Event) -> Vec<&str> {
    let mut texts = vec![
        e.title.as_str(),
        &e.summary,
        &e.notes,
        &e.place_name,
        &e.category_label,
        &e.date.text,
        &e.date.note,
        &e.source.quote,
        &e.source.document,
    ];
    texts.extend(e.actors.iter().map(String::as_str));
    texts.extend(e.claimed_by.as_deref());
    texts.extend(e.source.publisher.as_deref());
    texts
}

#[test]
fn the_region_s_letters_have_glyphs_and_a_missing_one_is_found() {
    // Azerbaijani (ə was drawn as a box with egui's fonts alone), Turkish, and an arrow
    let letters = "Xocavənd Gəncə Şəki Ağdam Kəlbəcər ÇĞIİÖŞÜ çğıöşü ə Ə → –";
    assert!(missing_glyphs([letters].into_iter()).is_empty());
    // the region's other scripts too: Armenian, Georgian, Cyrillic
    assert!(missing_glyphs(["Երևան Շուշի თბილისი Ханкенди"].into_iter()).is_empty());
    // Chinese is beyond both fonts: the check sees it
    assert_eq!(
        missing_glyphs(["Baku 中文"].into_iter()),
        BTreeSet::from(['中', '文'])
    );
}

#[test]
fn the_bundled_content_has_a_glyph_for_every_character() {
    let data = bundled_dataset(&bundled_basemap());
    let events: Vec<Event> = data.events().map(|e| e.into_owned()).collect();
    let places = bundled_places();
    // the situation's names, notes and sources, as its hover lines and captions show them
    let situation = format!("{:?}", bundled_situation());
    assert!(situation.contains("Xocavənd"));
    let texts = events.iter().flat_map(shown).chain(
        places
            .iter()
            .flat_map(|p| [p.name.as_str(), &p.note, &p.country]),
    );
    let missing = missing_glyphs(texts.chain([situation.as_str()]));
    assert!(missing.is_empty(), "drawn as boxes: {missing:?}");
}

#[test]
fn the_extractor_s_proposals_have_a_glyph_for_every_character() {
    let ex = Extractor::bundled();
    let mut proposals: Vec<Event> = Vec::new();
    for seed in seeds() {
        let out = ex.propose(&seed.article, Options::default());
        proposals.extend(out.proposals.into_iter().map(|p| p.event));
    }
    assert!(proposals.len() > 20, "{}", proposals.len());
    let missing = missing_glyphs(proposals.iter().flat_map(shown));
    assert!(missing.is_empty(), "drawn as boxes: {missing:?}");
}
