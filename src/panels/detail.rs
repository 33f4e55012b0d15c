//! The detail of the selected event: what, when (with precision), where (both names), who, who
//! claims it, whether it is verified, and the source with the quote highlighted.

use super::chip::Chip;
use super::source_view::source_ui;
use crate::io::bundle::seed_text;
use crate::model::{Dataset, Event, Place};
use crate::palette;
use eframe::egui::{self, Color32, FontId, RichText};

/// Alternative names the loaded fonts can draw (others would show as empty boxes).
fn drawable_alt_names(ui: &egui::Ui, place: &Place) -> Vec<String> {
    let font = FontId::proportional(13.0);
    place
        .alt_names
        .iter()
        .filter(|n| !place.name.contains(n.as_str()))
        .filter(|n| ui.fonts_mut(|f| f.has_glyphs(&font, n)))
        .cloned()
        .collect()
}

/// What `verified` means, shown as the tooltip of the Verification row.
const VERIFIED_MEANING: &str = "Verified: the source itself presents what this event records as established (for a statement, that it was made; for anything else, that it happened). Unverified: the source only passes it on, attributed to someone whose account it does not adopt, asked in a question, or called unverified. \"Claimed by\" names whose claim it is.";

fn field(ui: &mut egui::Ui, name: &str, value: impl Into<egui::WidgetText>) {
    ui.label(RichText::new(name).weak());
    ui.add(egui::Label::new(value).wrap());
    ui.end_row();
}

/// A coloured chip.
fn chip(ui: &mut egui::Ui, text: &str, fill: Color32, fg: Color32) {
    ui.add(Chip::new(text, fill, fg));
}

/// Draws the detail panel. `scroll_to_quote` scrolls the article to the quote (on a new selection).
pub fn detail_ui(
    ui: &mut egui::Ui,
    data: &Dataset,
    selected: Option<usize>,
    scroll_to_quote: bool,
) {
    let Some(e) = selected.and_then(|i| data.event(i)) else {
        ui.heading("No event selected");
        ui.label("Select an event on the map, the timeline or the list.");
        ui.add_space(8.0);
        ui.weak("Keys: Left/Right previous/next event · Space play/pause · Home/End first/last · +/- zoom · Esc clear selection · Ctrl+F search");
        return;
    };
    let origin = selected.and_then(|i| data.origin(i));
    event_ui(ui, data, &e, origin, scroll_to_quote);
}

fn event_ui(
    ui: &mut egui::Ui,
    data: &Dataset,
    e: &Event,
    origin: Option<(&str, u32)>,
    scroll_to_quote: bool,
) {
    ui.add(egui::Label::new(RichText::new(&e.title).heading()).wrap());
    chips_ui(ui, e);
    ui.add_space(4.0);
    egui::Grid::new("detail-grid")
        .num_columns(2)
        .spacing([10.0, 4.0])
        .striped(true)
        .show(ui, |ui| facts_ui(ui, data, e));
    if !e.summary.is_empty() {
        ui.add_space(6.0);
        ui.add(egui::Label::new(&e.summary).wrap());
    }
    if !e.notes.is_empty() {
        ui.add_space(4.0);
        ui.add(egui::Label::new(RichText::new(&e.notes).small().weak()).wrap());
    }
    ui.separator();
    source_section_ui(ui, e, scroll_to_quote);
    if let Some((file, line)) = origin {
        ui.add_space(4.0);
        ui.label(RichText::new(format!("Row: {file}, line {line}")).small());
    }
}

/// The category, the precision, and whether the report is unverified or a claim.
fn chips_ui(ui: &mut egui::Ui, e: &Event) {
    ui.horizontal_wrapped(|ui| {
        let color = palette::category_color(e.category);
        chip(ui, e.category.label(), color, palette::text_on(color));
        let precision = e.date.precision.as_str();
        chip(
            ui,
            precision,
            palette::CHIP_NEUTRAL,
            palette::CHIP_NEUTRAL_TEXT,
        );
        if !e.verified {
            chip(ui, "UNVERIFIED", palette::UNVERIFIED, palette::CHIP_TEXT);
        }
        if e.claimed_by.is_some() {
            chip(ui, "claim", palette::CLAIM, palette::CHIP_TEXT);
        }
    });
}

/// Where: the place with its other names and country, off the map, or without a location.
fn place_text(ui: &egui::Ui, place: Option<&Place>, e: &Event) -> String {
    let mut where_ = e.place_name.clone();
    if let Some(p) = place {
        let alts = drawable_alt_names(ui, p);
        if !alts.is_empty() {
            where_ = format!("{where_} (also {})", alts.join(", "));
        }
        if !p.country.is_empty() {
            where_ = format!("{where_}, {}", p.country);
        }
    }
    if e.off_map {
        where_.push_str(" — outside the map");
    }
    if !e.is_placed() {
        where_.push_str(" — no location in the source (not on the map)");
    }
    where_
}

/// The grid of facts: when, where, who, what kind, whose claim, and whether it is verified.
fn facts_ui(ui: &mut egui::Ui, data: &Dataset, e: &Event) {
    field(ui, "Date", e.date.describe());
    if let Some(time) = e.time {
        field(ui, "Time of day", time.describe());
    }
    if !e.date.text.is_empty() {
        field(ui, "Source wording", format!("“{}”", e.date.text));
    }
    if !e.date.note.is_empty() {
        field(ui, "Dating note", RichText::new(&e.date.note).small());
    }
    let place = data.place(&e.place);
    field(ui, "Place", place_text(ui, place, e));
    if let Some(shape) = &e.shape_name {
        field(ui, "Shown as", shape.as_str());
    }
    if let Some(p) = place.filter(|p| !p.note.is_empty()) {
        field(ui, "Place note", RichText::new(&p.note).small());
    }
    if !e.actors.is_empty() {
        field(ui, "Actors", e.actors.join(", "));
    }
    let category = match e.category_label.is_empty() {
        true => e.category.label().to_owned(),
        false => format!("{} ({})", e.category.label(), e.category_label),
    };
    field(ui, "Category", category);
    match &e.claimed_by {
        Some(c) => field(ui, "Claimed by", c.as_str()),
        None => field(
            ui,
            "Claimed by",
            RichText::new("stated as fact by the source").weak(),
        ),
    }
    ui.label(RichText::new("Verification").weak());
    let verification = if e.verified {
        RichText::new("verified: the source presents it as established")
    } else {
        RichText::new("unverified: the source only passes it on").color(palette::UNVERIFIED)
    };
    ui.add(egui::Label::new(verification).wrap())
        .on_hover_text(VERIFIED_MEANING);
    ui.end_row();
}

/// The source: publisher and date, the quote, and the article with the quote highlighted.
fn source_section_ui(ui: &mut egui::Ui, e: &Event, scroll_to_quote: bool) {
    ui.strong("Source");
    let publisher = e
        .source
        .publisher
        .clone()
        .unwrap_or_else(|| "publisher not named".to_owned());
    let published = e.source.published.map_or_else(
        || "publication date not given".to_owned(),
        |d| d.format("%-d %B %Y").to_string(),
    );
    ui.label(format!("{publisher} · {published}"));
    ui.label(RichText::new(&e.source.document).monospace().small());
    ui.add_space(4.0);
    if e.source.quote.trim().is_empty() {
        // an imported file may cite no passage: say so rather than draw empty quotation marks
        ui.weak("The source gives no passage for this event.");
        return;
    }
    egui::Frame::new()
        .fill(palette::QUOTE_BACKDROP)
        .inner_margin(6)
        .corner_radius(4.0)
        .show(ui, |ui| {
            let quote = RichText::new(format!("“{}”", e.source.quote)).italics();
            ui.add(egui::Label::new(quote).wrap());
        });
    ui.add_space(6.0);
    match seed_text(&e.source.document) {
        Some(article) => {
            ui.weak("The article, with the quote highlighted:");
            egui::Frame::group(ui.style()).show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("article-scroll")
                    .max_height(ui.available_height().max(220.0))
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        source_ui(ui, article, &e.source.quote, scroll_to_quote)
                    });
            });
        }
        None => {
            ui.weak(
                "The source document is not bundled; the passage above is what the dataset cites.",
            );
        }
    }
}
