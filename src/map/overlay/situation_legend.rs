//! The situation's legend at the map's top left: what the map draws of control on the slider's
//! day, each entry drawn as the map draws it, and whether the areas are approximate.

use crate::map::layers::situation::{paint_checkpoint, paint_swatch};
use crate::model::{ControlStatus, Situation};
use crate::palette;
use chrono::NaiveDate;
use eframe::egui::{self, Align2, FontId, Rect, Stroke, pos2, vec2};

/// Width of the legend, in points.
const WIDTH: f32 = 300.0;
/// Height of a row, in points.
const ROW: f32 = 17.0;
/// Distance from the map's corner, in points.
const INSET: f32 = 10.0;
/// Font size of the entries.
const FONT: f32 = 11.5;

/// One entry of the legend.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// Areas of a status.
    Area(ControlStatus),
    /// A line of contact.
    Line(String),
    /// A dated point.
    Point(String),
    /// A line of text.
    Note(String),
}

/// What the legend lists on `day`; empty when the map draws no control.
pub fn entries(situation: &Situation, day: NaiveDate) -> Vec<Entry> {
    let now = situation.in_force(day);
    let mut out: Vec<Entry> = ControlStatus::ALL
        .into_iter()
        .filter(|s| now.areas.iter().any(|a| a.status == *s))
        .map(Entry::Area)
        .collect();
    out.extend(
        now.lines
            .iter()
            .map(|l| Entry::Line("Line of contact".to_owned() + &since(&l.record))),
    );
    out.extend(
        now.points
            .iter()
            .map(|p| Entry::Point(p.record.name.clone() + &since(&p.record))),
    );
    if !now.areas.is_empty() {
        out.push(Entry::Note(
            "All of it internationally recognised as part of Azerbaijan".to_owned(),
        ));
    }
    if now.areas.iter().any(|a| a.record.approximate) {
        out.push(Entry::Note(
            "Approximate outlines: hover for how each was built".to_owned(),
        ));
    }
    out
}

fn since(record: &crate::model::Record) -> String {
    format!(" ({})", record.valid.describe())
}

/// Where the legend sits for `day` (an empty rectangle when it lists nothing).
pub fn situation_legend_rect(map: Rect, situation: &Situation, day: NaiveDate) -> Rect {
    let n = entries(situation, day).len();
    if n == 0 {
        return Rect::NOTHING;
    }
    Rect::from_min_size(
        map.left_top() + vec2(INSET, INSET),
        vec2(WIDTH, 8.0 + ROW * n as f32),
    )
}

/// Paints the legend; each entry is readable by screen readers (and tests) as "Legend: …".
pub fn situation_legend_ui(ui: &egui::Ui, map: Rect, situation: &Situation, day: NaiveDate) {
    let rect = situation_legend_rect(map, situation, day);
    if !rect.is_positive() {
        return;
    }
    let painter = ui.painter_at(map);
    let painter = &painter;
    painter.rect_filled(rect, 4.0, palette::OVERLAY_BACKDROP);
    let font = FontId::proportional(FONT);
    for (k, entry) in entries(situation, day).iter().enumerate() {
        let y = rect.top() + 4.0 + ROW * (k as f32 + 0.5);
        let swatch = Rect::from_center_size(pos2(rect.left() + 16.0, y), vec2(18.0, 11.0));
        let text = match entry {
            Entry::Area(status) => {
                paint_swatch(painter, swatch, *status);
                status.label().to_owned()
            }
            Entry::Line(name) => {
                let (a, b) = (swatch.left_center(), swatch.right_center());
                painter.line_segment([a, b], Stroke::new(2.2, palette::CONTACT_LINE));
                name.clone()
            }
            Entry::Point(name) => {
                paint_checkpoint(painter, swatch.center());
                name.clone()
            }
            Entry::Note(text) => text.clone(),
        };
        let x = if matches!(entry, Entry::Note(_)) {
            rect.left() + 8.0
        } else {
            swatch.right() + 6.0
        };
        let row = Rect::from_x_y_ranges(rect.x_range(), (y - ROW / 2.0)..=(y + ROW / 2.0));
        super::accessible_text(ui, row, ("situation-legend", k), format!("Legend: {text}"));
        painter.text(
            pos2(x, y),
            Align2::LEFT_CENTER,
            text,
            font.clone(),
            palette::OVERLAY_TEXT,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundle::bundled_situation;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_legend_names_what_is_drawn_on_each_day() {
        let s = bundled_situation();
        assert!(
            entries(&s, day(1985, 1, 1)).is_empty(),
            "before 1988: an outline only"
        );
        let e2012 = entries(&s, day(2012, 3, 12));
        assert_eq!(e2012[0], Entry::Area(ControlStatus::ArmenianHeld));
        assert!(matches!(&e2012[1], Entry::Line(name) if name.starts_with("Line of contact")));
        let e2021 = entries(&s, day(2021, 6, 1));
        assert!(e2021.contains(&Entry::Area(ControlStatus::Peacekeeping)));
        assert!(e2021.contains(&Entry::Area(ControlStatus::Corridor)));
        assert!(!e2021.contains(&Entry::Area(ControlStatus::ArmenianHeld)));
        let e2024 = entries(&s, day(2024, 6, 1));
        assert!(e2024.iter().all(|e| !matches!(e, Entry::Area(_))));
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        assert!(!situation_legend_rect(rect, &s, day(1985, 1, 1)).is_positive());
        assert!(situation_legend_rect(rect, &s, day(2012, 3, 12)).height() > 30.0);
    }
}
