//! The source article with the event's quote highlighted and scrolled into view.

use crate::palette;
use eframe::egui::{self, Color32, FontId, Sense, TextFormat, text::LayoutJob};

/// Where the quote sits in the article, as a byte range.
pub fn quote_range(article: &str, quote: &str) -> Option<std::ops::Range<usize>> {
    if quote.is_empty() {
        return None;
    }
    article.find(quote).map(|start| start..start + quote.len())
}

/// The article laid out with the quote highlighted.
pub fn article_job(
    article: &str,
    quote: Option<std::ops::Range<usize>>,
    width: f32,
    dark: bool,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let text_color = if dark {
        palette::ARTICLE_DIM
    } else {
        palette::ARTICLE_TEXT
    };
    let normal = TextFormat {
        font_id: FontId::proportional(13.0),
        color: text_color,
        ..Default::default()
    };
    let highlight = TextFormat {
        font_id: FontId::proportional(13.0),
        color: Color32::BLACK,
        background: palette::QUOTE_HIGHLIGHT,
        ..Default::default()
    };
    match quote {
        Some(r) => {
            job.append(&article[..r.start], 0.0, normal.clone());
            job.append(&article[r.clone()], 0.0, highlight);
            job.append(&article[r.end..], 0.0, normal);
        }
        None => job.append(article, 0.0, normal),
    }
    job
}

/// Shows the article; scrolls the quote into view when `scroll` is set.
pub fn source_ui(ui: &mut egui::Ui, article: &str, quote: &str, scroll: bool) {
    let range = quote_range(article, quote);
    let width = ui.available_width();
    let job = article_job(article, range.clone(), width, ui.visuals().dark_mode);
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::hover());
    let text = article.to_owned();
    response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    if scroll && let Some(r) = &range {
        let chars = article[..r.start].chars().count();
        let end_chars = chars + quote.chars().count();
        let top = galley.pos_from_cursor(egui::text::CCursor::new(chars));
        let bottom = galley.pos_from_cursor(egui::text::CCursor::new(end_chars));
        let quote_rect = top.union(bottom).translate(rect.min.to_vec2());
        ui.scroll_to_rect(quote_rect, Some(egui::Align::Center));
    }
    ui.painter().galley(rect.min, galley, Color32::BLACK);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_quote_and_highlights_only_it() {
        let article = "Intro. The quote is here. Outro.";
        let r = quote_range(article, "The quote is here.").unwrap();
        assert_eq!(&article[r.clone()], "The quote is here.");
        let job = article_job(article, Some(r), 300.0, false);
        assert_eq!(job.sections.len(), 3);
        assert_eq!(job.sections[1].format.background, palette::QUOTE_HIGHLIGHT);
        assert_eq!(job.text, article);
        assert!(quote_range(article, "absent").is_none());
        assert!(quote_range(article, "").is_none());
    }
}
