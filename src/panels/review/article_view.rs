//! The article as a widget: every proposal's quote highlighted (the selected one strongest), and
//! text selectable by dragging, to become a quote. Follows egui's widget recipe: lay out, allocate,
//! interact, describe for accessibility, paint with the style's visuals.

use eframe::egui::{
    self, FontId, Response, Sense, TextFormat, Ui, Widget, text::CCursor, text::LayoutJob,
};
use std::ops::Range;

/// Font size of the article text.
const TEXT_SIZE: f32 = 13.0;
/// How strongly quotes that are not selected are tinted, relative to the selection colour.
const QUOTE_TINT: f32 = 0.35;

/// The article view's inputs and what the reviewer did in it.
pub struct ArticleView<'a> {
    /// The article text.
    pub text: &'a str,
    /// Quote ranges (bytes) of the proposals, by proposal index.
    pub quotes: &'a [Range<usize>],
    /// The selected proposal.
    pub selected: Option<usize>,
    /// The reviewer's text selection (bytes), updated while dragging.
    pub selection: &'a mut Option<Range<usize>>,
    /// Set when a click lands in a quote: that proposal's index.
    pub clicked_quote: &'a mut Option<usize>,
    /// Whether to scroll the selected quote into view this frame.
    pub scroll_to_selected: bool,
}

fn byte_of_char(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

fn char_of_byte(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |t| t.chars().count())
}

/// The style of each stretch of text between highlight boundaries.
fn layout(view: &ArticleView<'_>, ui: &Ui, width: f32) -> LayoutJob {
    let visuals = ui.visuals();
    let normal = TextFormat {
        font_id: FontId::proportional(TEXT_SIZE),
        color: visuals.text_color(),
        ..Default::default()
    };
    let selection_fill = visuals.selection.bg_fill;
    let mut cuts: Vec<usize> = vec![0, view.text.len()];
    for r in view.quotes.iter().chain(view.selection.iter()) {
        cuts.extend([r.start.min(view.text.len()), r.end.min(view.text.len())]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (Some(piece), true) = (view.text.get(a..b), a < b) else {
            continue;
        };
        let inside = |r: &Range<usize>| r.start <= a && b <= r.end;
        let mut format = normal.clone();
        let quoted = view.quotes.iter().position(inside);
        if let Some(i) = quoted {
            format.background = if Some(i) == view.selected {
                selection_fill
            } else {
                selection_fill.gamma_multiply(QUOTE_TINT)
            };
        }
        if view.selection.as_ref().is_some_and(inside) {
            format.background = visuals.warn_fg_color.gamma_multiply(QUOTE_TINT);
            format.underline = egui::Stroke::new(1.0, visuals.warn_fg_color);
        }
        job.append(piece, 0.0, format);
    }
    job
}

impl Widget for ArticleView<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let width = ui.available_width();
        let job = layout(&self, ui, width);
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::click_and_drag());
        let label = format!("Article text, {} characters", self.text.chars().count());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, &label));
        let anchor_id = response.id.with("drag-anchor");
        let at = |pos: egui::Pos2| {
            byte_of_char(self.text, galley.cursor_from_pos(pos - rect.min).index.0)
        };
        if response.drag_started()
            && let Some(pos) = ui
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos())
        {
            ui.data_mut(|d| d.insert_temp(anchor_id, at(pos)));
        }
        if response.dragged()
            && let (Some(pos), Some(anchor)) = (
                response.interact_pointer_pos(),
                ui.data(|d| d.get_temp::<usize>(anchor_id)),
            )
        {
            let here = at(pos);
            *self.selection = Some(anchor.min(here)..anchor.max(here)).filter(|r| !r.is_empty());
        }
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let here = at(pos);
            *self.clicked_quote = self.quotes.iter().position(|r| r.contains(&here));
        }
        if self.scroll_to_selected
            && let Some(r) = self.selected.and_then(|i| self.quotes.get(i))
        {
            let top = galley.pos_from_cursor(CCursor::new(char_of_byte(self.text, r.start)));
            let bottom = galley.pos_from_cursor(CCursor::new(char_of_byte(self.text, r.end)));
            ui.scroll_to_rect(
                top.union(bottom).translate(rect.min.to_vec2()),
                Some(egui::Align::Center),
            );
        }
        ui.painter()
            .galley(rect.min, galley, ui.visuals().text_color());
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::Color32;

    #[test]
    fn chars_and_bytes_convert_both_ways() {
        let text = "Şuşa and Baku";
        assert_eq!(byte_of_char(text, 2), 3);
        assert_eq!(char_of_byte(text, 3), 2);
        assert_eq!(byte_of_char(text, 99), text.len());
    }

    #[test]
    fn quotes_and_the_selection_are_highlighted() {
        let ctx = egui::Context::default();
        let text = "One. Two three. Four.";
        let quotes = [0..4, 5..15];
        let mut selection = Some(16..20);
        let mut clicked = None;
        let mut output = ctx.run_ui(Default::default(), |ui| {
            let view = ArticleView {
                text,
                quotes: &quotes,
                selected: Some(1),
                selection: &mut selection,
                clicked_quote: &mut clicked,
                scroll_to_selected: false,
            };
            let job = layout(&view, ui, 400.0);
            assert_eq!(job.text, text);
            let fill = ui.visuals().selection.bg_fill;
            let backgrounds: Vec<Color32> =
                job.sections.iter().map(|s| s.format.background).collect();
            assert_eq!(backgrounds[0], fill.gamma_multiply(QUOTE_TINT));
            assert_eq!(backgrounds[2], fill);
            assert_eq!(job.sections[4].format.underline.width, 1.0);
            let r = &job.sections[4].byte_range;
            assert_eq!(&text[r.start.0..r.end.0], "Four");
        });
        output.textures_delta.clear();
    }
}
