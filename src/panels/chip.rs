//! A chip: a short coloured label (a category, a precision, "UNVERIFIED"), optionally with a ×
//! that removes what it names (an active filter). A widget after egui's recipe: allocate,
//! interact, describe to AccessKit, paint with the style's visuals, return a `Response`.

use eframe::egui::{
    self, Align2, Color32, FontId, Response, Sense, Stroke, TextStyle, Ui, Widget, WidgetInfo,
    WidgetText, vec2,
};

/// Padding inside a chip, in points.
const PADDING: egui::Vec2 = vec2(6.0, 2.0);
/// Size of the chip's text.
const TEXT_SIZE: f32 = 11.5;
/// Width kept for the × of a removable chip.
const CROSS: f32 = 14.0;

/// A coloured chip; a removable one reports a click when the user asks to remove it.
pub struct Chip<'a> {
    text: &'a str,
    fill: Color32,
    text_color: Color32,
    removable: bool,
}

impl<'a> Chip<'a> {
    /// A chip showing `text` in `text_color` on `fill`.
    pub fn new(text: &'a str, fill: Color32, text_color: Color32) -> Self {
        Chip {
            text,
            fill,
            text_color,
            removable: false,
        }
    }

    /// Adds a × that removes what the chip names: the response is clicked when it is pressed.
    pub fn removable(mut self) -> Self {
        self.removable = true;
        self
    }
}

impl Widget for Chip<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let galley = WidgetText::from(egui::RichText::new(self.text).strong().size(TEXT_SIZE))
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                TextStyle::Button,
            );
        let cross = if self.removable { CROSS } else { 0.0 };
        let size = galley.size() + 2.0 * PADDING + vec2(cross, 0.0);
        let sense = if self.removable {
            Sense::click()
        } else {
            Sense::hover()
        };
        let (rect, response) = ui.allocate_exact_size(size, sense);
        let text = self.text.to_owned();
        if self.removable {
            response.widget_info(|| {
                WidgetInfo::labeled(egui::Role::Button, true, format!("Remove {text}"))
            });
        } else {
            response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, &text));
        }
        if ui.is_rect_visible(rect) {
            let visuals = ui.style().interact(&response);
            let painter = ui.painter();
            painter.rect_filled(rect, visuals.corner_radius, self.fill);
            if self.removable && response.hovered() {
                let stroke = Stroke::new(visuals.fg_stroke.width, self.text_color);
                painter.rect_stroke(
                    rect,
                    visuals.corner_radius,
                    stroke,
                    egui::StrokeKind::Inside,
                );
            }
            painter.galley(rect.min + PADDING, galley, self.text_color);
            if self.removable {
                painter.text(
                    egui::pos2(rect.right() - PADDING.x - CROSS / 2.0, rect.center().y),
                    Align2::CENTER_CENTER,
                    "×",
                    FontId::proportional(TEXT_SIZE + 2.0),
                    self.text_color,
                );
            }
        }
        response
    }
}
