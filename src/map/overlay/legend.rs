//! The category legend at the bottom of the map. Each entry is a widget: a dot in the category's
//! colour and a check box that shows or hides the category in every view.

use crate::commands::Command;
use crate::filters::Filters;
use crate::model::Category;
use crate::palette;
use eframe::egui::{
    self, Rect, Response, Sense, Stroke, StrokeKind, TextStyle, Ui, UiBuilder, Widget, WidgetInfo,
    WidgetText, pos2, vec2,
};

/// Maps wider than this (points) lay the legend out in four columns, narrower ones in two.
const WIDE_MAP: f32 = 560.0;
/// Diameter of an entry's colour dot.
const DOT: f32 = 11.0;

/// A legend entry: the category's colour, a check box and its name. Clicking it toggles whether
/// the category is shown; the returned `Response` is marked changed when it does.
pub struct LegendEntry<'a> {
    category: Category,
    shown: &'a mut bool,
}

impl<'a> LegendEntry<'a> {
    /// An entry for `category`, showing and toggling `shown`.
    pub fn new(category: Category, shown: &'a mut bool) -> Self {
        LegendEntry { category, shown }
    }
}

impl Widget for LegendEntry<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let spacing = ui.spacing();
        let (icon, gap) = (spacing.icon_width, spacing.icon_spacing);
        let text = WidgetText::from(self.category.label()).into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            TextStyle::Button,
        );
        let size = vec2(
            DOT + gap + icon + gap + text.size().x,
            text.size().y.max(icon),
        );
        let (rect, mut response) = ui.allocate_exact_size(size, Sense::click());
        if response.clicked() {
            *self.shown = !*self.shown;
            response.mark_changed();
        }
        let shown = *self.shown;
        let label = self.category.label();
        response.widget_info(|| WidgetInfo::selected(egui::Role::CheckBox, true, shown, label));
        if ui.is_rect_visible(rect) {
            let visuals = ui.style().interact_selectable(&response, shown);
            let painter = ui.painter();
            let dot = pos2(rect.left() + DOT / 2.0, rect.center().y);
            painter.circle_filled(dot, DOT / 2.0, palette::category_color(self.category));
            let box_rect = Rect::from_center_size(
                pos2(rect.left() + DOT + gap + icon / 2.0, rect.center().y),
                vec2(icon, icon) * 0.8,
            );
            painter.rect(
                box_rect,
                2.0,
                visuals.bg_fill,
                visuals.bg_stroke,
                StrokeKind::Inside,
            );
            if shown {
                let s = box_rect.shrink(3.0);
                let tick = vec![s.left_center(), s.center_bottom(), s.right_top()];
                painter.add(egui::Shape::line(
                    tick,
                    Stroke::new(2.0, visuals.fg_stroke.color),
                ));
            }
            let text_pos = pos2(
                box_rect.right() + gap,
                rect.center().y - text.size().y / 2.0,
            );
            painter.galley(text_pos, text, visuals.text_color());
        }
        response
    }
}

/// How many columns the category legend has on a map of `rect`.
fn columns_for(rect: Rect) -> usize {
    if rect.width() > WIDE_MAP { 4 } else { 2 }
}

/// Where the category legend sits on a map of `rect`: centred at the bottom.
pub fn legend_rect(rect: Rect) -> Rect {
    let size = if columns_for(rect) == 4 {
        vec2(480.0, 50.0)
    } else {
        vec2(240.0, 92.0)
    };
    Rect::from_min_size(
        pos2(rect.center().x - size.x / 2.0, rect.bottom() - size.y - 8.0),
        size,
    )
}

/// The category legend; its entries show or hide categories on both views.
pub fn legend_ui(ui: &mut Ui, rect: Rect, filters: &Filters) -> Vec<Command> {
    let mut commands = Vec::new();
    let columns = columns_for(rect);
    let area = legend_rect(rect);
    ui.scope_builder(UiBuilder::new().max_rect(area), |ui| {
        egui::Frame::popup(ui.style())
            .fill(palette::OVERLAY_BACKDROP)
            .inner_margin(4)
            .show(ui, |ui| {
                egui::Grid::new("legend")
                    .num_columns(columns)
                    .spacing([10.0, 1.0])
                    .show(ui, |ui| {
                        for (k, category) in Category::ALL.into_iter().enumerate() {
                            let mut shown = filters.shows(category);
                            if ui.add(LegendEntry::new(category, &mut shown)).changed() {
                                commands.push(Command::ShowCategory(category, shown));
                            }
                            if k % columns == columns - 1 {
                                ui.end_row();
                            }
                        }
                    });
            });
    });
    commands
}
