//! Controls and captions over the map: zoom buttons, the category legend (which filters), the
//! scale bar, the time caption and the cursor's coordinates.

mod legend;
mod situation_legend;

pub use legend::{LegendEntry, legend_rect, legend_ui};
pub use situation_legend::{situation_legend_rect, situation_legend_ui};

use crate::commands::Command;
use crate::model::MapView;
use crate::model::date::date_of;
use crate::palette;
use crate::time_control::{Mode, TimeControl};
use eframe::egui::{self, Align2, FontId, Painter, Rect, Stroke, UiBuilder, pos2, vec2};

/// How much one press of a zoom button zooms.
pub const ZOOM_STEP: f32 = 1.5;
/// The widest the scale bar gets, in points.
const SCALE_BAR_MAX: f64 = 140.0;
/// Distance of the scale bar from the map's bottom right corner, in points.
const SCALE_BAR_INSET: f32 = 16.0;

/// Adds a button whose accessible label differs from its short text.
fn labelled_button(ui: &mut egui::Ui, text: &str, label: &str) -> egui::Response {
    let response = ui
        .add(egui::Button::new(egui::RichText::new(text).size(16.0)).min_size(vec2(30.0, 28.0)))
        .on_hover_text(label);
    let label = label.to_owned();
    response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    response
}

/// Where the zoom and Fit buttons sit in a map of rectangle `rect`: labels keep clear of it.
pub fn controls_rect(rect: Rect) -> Rect {
    Rect::from_min_size(rect.right_top() + vec2(-52.0, 10.0), vec2(44.0, 110.0))
}

/// Zoom in, zoom out and fit, at the map's top right.
pub fn controls_ui(ui: &mut egui::Ui, rect: Rect) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.scope_builder(UiBuilder::new().max_rect(controls_rect(rect)), |ui| {
        ui.vertical(|ui| {
            if labelled_button(ui, "+", "Zoom in").clicked() {
                commands.push(Command::Zoom(ZOOM_STEP));
            }
            if labelled_button(ui, "-", "Zoom out").clicked() {
                commands.push(Command::Zoom(1.0 / ZOOM_STEP));
            }
            if labelled_button(ui, "Fit", "Fit region").clicked() {
                commands.push(Command::FitRegion);
            }
        });
    });
    commands
}

/// The time window in words, as the map's caption (what frames and screenshots show).
pub fn window_text(time: &TimeControl) -> String {
    let (a, b) = time.query_range();
    let fmt = |d| date_of(d).format("%-d %b %Y").to_string();
    match time.mode {
        Mode::Window if a == b => fmt(a),
        Mode::Window => format!("{} – {}", fmt(a), fmt(b)),
        Mode::Cumulative => format!("up to {}", fmt(b)),
    }
}

/// Sizes of the caption's lines: the window, the situation's day, its notes.
const CAPTION_SIZES: (f32, f32, f32) = (15.0, 13.0, 12.0);

/// The caption: the window in words, "Situation on 12 Mar 2012", and the notes in force that day
/// (periods whose lines are not drawn, the dissolution).
pub fn caption_lines(
    time: &TimeControl,
    situation: &crate::model::Situation,
) -> Vec<(String, f32)> {
    let day = crate::map::layers::situation::situation_day(time);
    let mut lines = vec![
        (window_text(time), CAPTION_SIZES.0),
        (
            format!("Situation on {}", day.format("%-d %b %Y")),
            CAPTION_SIZES.1,
        ),
    ];
    for note in situation.in_force(day).notes {
        lines.push((note.name.clone(), CAPTION_SIZES.2));
    }
    if let Some(first) = situation.changes.first().filter(|c| day < c.day) {
        let since = first.day.format("%-d %b %Y");
        lines.push((format!("Nothing recorded before {since}"), CAPTION_SIZES.2));
    }
    lines
}

/// Space around a caption line's text: its backdrop.
const CAPTION_PAD: egui::Vec2 = vec2(8.0, 3.0);
/// Space between the caption's lines.
const CAPTION_GAP: f32 = 6.0;

/// Half the side of the square kept clear round a key place's dot: its dot, or a marker of a
/// few events on it.
const KEY_POINT_CLEARANCE: f32 = 12.0;

/// What the caption keeps clear of: the zoom controls, the situation's legend, and the dots of
/// the key places at `key_points` (on the screen), which it must not hide.
pub fn caption_obstacles(
    rect: Rect,
    time: &TimeControl,
    situation: &crate::model::Situation,
    key_points: &[egui::Pos2],
) -> Vec<Rect> {
    let day = crate::map::layers::situation::situation_day(time);
    let dots = key_points
        .iter()
        .filter(|p| rect.contains(**p))
        .map(|p| Rect::from_center_size(*p, egui::Vec2::splat(2.0 * KEY_POINT_CLEARANCE)));
    [
        controls_rect(rect),
        situation_legend_rect(rect, situation, day),
    ]
    .into_iter()
    .chain(dots)
    .collect()
}

/// Where a caption of `size` goes at height `y`: centred on the map, else centred in the space
/// between the obstacles beside it, else below them, centred or at either side, on the first row
/// down to the map's middle where it meets none (failing that, centred just below them).
fn place_line(rect: Rect, size: egui::Vec2, y: f32, avoid: &[Rect]) -> egui::Pos2 {
    let backdrop = |pos: egui::Pos2| Rect::from_min_size(pos, size).expand2(CAPTION_PAD);
    let centred = pos2(rect.center().x - size.x / 2.0, y);
    let hit = |pos| {
        avoid
            .iter()
            .any(|a| a.is_positive() && a.intersects(backdrop(pos)))
    };
    if !hit(centred) {
        return centred;
    }
    let row = backdrop(centred).y_range();
    let beside = avoid
        .iter()
        .filter(|a| a.is_positive() && a.y_range().intersects(row));
    let (left, right) = beside.fold((rect.left(), rect.right()), |(l, r), a| {
        if a.center().x < rect.center().x {
            (l.max(a.right()), r)
        } else {
            (l, r.min(a.left()))
        }
    });
    let between = pos2((left + right - size.x) / 2.0, y);
    if right - left >= size.x + 2.0 * CAPTION_PAD.x + 8.0 && !hit(between) {
        return between;
    }
    // below what it meets, centred or at either side; lower again while all three meet something,
    // down to the map's middle at most
    let below_hits = |pos: egui::Pos2| {
        avoid
            .iter()
            .filter(|a| a.is_positive() && a.intersects(backdrop(pos)))
            .fold(pos.y, |b, a| b.max(a.bottom() + 6.0 + CAPTION_PAD.y))
    };
    let first_below = pos2(centred.x, below_hits(centred));
    let sides = [
        centred.x,
        rect.left() + 2.0 * CAPTION_PAD.x,
        rect.right() - size.x - 2.0 * CAPTION_PAD.x,
    ];
    let mut row = first_below;
    while row.y + size.y < rect.center().y {
        if let Some(x) = sides.iter().find(|&&x| !hit(pos2(x, row.y))) {
            return pos2(*x, row.y);
        }
        // the next row down where one of the three clears what it met
        let next = sides
            .iter()
            .map(|&x| below_hits(pos2(x, row.y)))
            .fold(f32::INFINITY, f32::min);
        row = pos2(centred.x, next.max(row.y + 1.0));
    }
    first_below
}

/// Lays out lines of text at the top of the map, centred and clear of `avoid`: each line's galley,
/// where it goes and its backdrop.
fn caption_layout(
    painter: &Painter,
    rect: Rect,
    lines: &[(String, f32)],
    avoid: &[Rect],
) -> Vec<(std::sync::Arc<egui::Galley>, egui::Pos2, Rect)> {
    let galleys: Vec<_> = lines
        .iter()
        .map(|(text, size)| {
            let font = FontId::proportional(*size);
            painter.layout_no_wrap(text.clone(), font, palette::OVERLAY_TEXT)
        })
        .collect();
    // the lines go as one block, each centred in it: placed together, they stay one caption
    let width = galleys.iter().map(|g| g.size().x).fold(0.0, f32::max);
    let height = galleys
        .iter()
        .map(|g| g.size().y + CAPTION_GAP)
        .sum::<f32>()
        - CAPTION_GAP;
    let block = place_line(rect, vec2(width, height.max(0.0)), rect.top() + 10.0, avoid);
    let mut y = block.y;
    let mut out = Vec::new();
    for galley in galleys {
        let pos = pos2(block.x + (width - galley.size().x) / 2.0, y);
        let bg = Rect::from_min_size(pos, galley.size()).expand2(CAPTION_PAD);
        y = pos.y + galley.size().y + CAPTION_GAP;
        out.push((galley, pos, bg));
    }
    out
}

/// The caption's backdrops: markers' arrows and labels keep clear of each.
pub fn caption_rects(
    painter: &Painter,
    rect: Rect,
    lines: &[(String, f32)],
    avoid: &[Rect],
) -> Vec<Rect> {
    caption_layout(painter, rect, lines, avoid)
        .into_iter()
        .map(|(_, _, bg)| bg)
        .collect()
}

/// Paints lines of text at the top of the map, clear of `avoid`, on a light backdrop, each line
/// readable by screen readers (and tests).
pub fn caption_ui(ui: &egui::Ui, rect: Rect, lines: &[(String, f32)], avoid: &[Rect]) {
    let painter = ui.painter_at(rect);
    let layout = caption_layout(&painter, rect, lines, avoid);
    for (k, (galley, pos, bg)) in layout.into_iter().enumerate() {
        painter.rect_filled(bg, 4.0, palette::OVERLAY_BACKDROP);
        let text = galley.text().to_owned();
        painter.galley(pos, galley, palette::OVERLAY_TEXT);
        accessible_text(ui, bg, ("map-caption", k), text);
    }
}

/// Makes a painted text readable by screen readers (and tests) without making it interactive.
pub fn accessible_text(
    ui: &egui::Ui,
    rect: Rect,
    salt: impl std::hash::Hash + std::fmt::Debug,
    text: String,
) {
    let response = ui.interact(rect, ui.scope_id().with(salt), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
}

/// A scale bar at the bottom right.
pub fn scale_bar(painter: &Painter, rect: Rect, view: &MapView) {
    let km = crate::map::projection::nice_km(view.km_per_point() * SCALE_BAR_MAX);
    let length = (km / view.km_per_point()) as f32;
    let right = rect.right_bottom() + vec2(-SCALE_BAR_INSET, -SCALE_BAR_INSET);
    let left = right - vec2(length, 0.0);
    let bg = Rect::from_min_max(left - vec2(6.0, 22.0), right + vec2(6.0, 6.0));
    painter.rect_filled(bg, 3.0, palette::OVERLAY_BACKDROP);
    let stroke = Stroke::new(2.0, palette::OVERLAY_TEXT);
    painter.line_segment([left, right], stroke);
    painter.line_segment([left, left - vec2(0.0, 6.0)], stroke);
    painter.line_segment([right, right - vec2(0.0, 6.0)], stroke);
    let text = if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    };
    painter.text(
        pos2((left.x + right.x) / 2.0, left.y - 8.0),
        Align2::CENTER_BOTTOM,
        text,
        FontId::proportional(11.0),
        palette::OVERLAY_TEXT,
    );
}

/// The cursor's latitude and longitude at the bottom left.
pub fn cursor_position(painter: &Painter, rect: Rect, (lon, lat): (f64, f64)) {
    let ns = if lat >= 0.0 { 'N' } else { 'S' };
    let ew = if lon >= 0.0 { 'E' } else { 'W' };
    let text = format!("{:.3}°{ns}  {:.3}°{ew}", lat.abs(), lon.abs());
    let pos = rect.left_bottom() + vec2(10.0, -10.0);
    let galley = painter.layout_no_wrap(text, FontId::monospace(11.0), palette::OVERLAY_TEXT);
    let bg = Rect::from_min_size(pos - vec2(0.0, galley.size().y), galley.size()).expand(3.0);
    painter.rect_filled(bg, 3.0, palette::OVERLAY_BACKDROP);
    painter.galley(bg.min + vec2(3.0, 3.0), galley, palette::OVERLAY_TEXT);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn before_the_first_record_the_caption_says_nothing_is_recorded() {
        let situation = crate::io::bundle::bundled_situation();
        let texts = |year: i32| -> Vec<String> {
            let day = crate::model::date::day_of(
                chrono::NaiveDate::from_ymd_opt(year, 6, 1).unwrap_or_default(),
            );
            let mut time = TimeControl::new((day, day));
            time.set_window(day, day);
            caption_lines(&time, &situation)
                .into_iter()
                .map(|(text, _)| text)
                .collect()
        };
        let old = texts(1900);
        assert_eq!(old[1], "Situation on 1 Jun 1900");
        assert_eq!(old[2..], ["Nothing recorded before 7 Jul 1923"]);
        let soviet = texts(1950);
        assert_eq!(
            soviet[2..],
            ["Nagorno-Karabakh Autonomous Oblast (Azerbaijan SSR)"]
        );
    }

    #[test]
    fn a_caption_line_keeps_clear_of_the_legend_and_the_controls() {
        let size = vec2(160.0, 18.0);
        let clear = |rect: Rect, pos: egui::Pos2, avoid: &[Rect]| {
            let bg = Rect::from_min_size(pos, size).expand2(CAPTION_PAD);
            rect.contains_rect(bg) && avoid.iter().all(|a| !a.intersects(bg))
        };
        // a wide map: centred, the obstacles are far away
        let wide = Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 600.0));
        let legend = Rect::from_min_size(pos2(10.0, 10.0), vec2(260.0, 80.0));
        let avoid = [controls_rect(wide), legend];
        let pos = place_line(wide, size, 10.0, &avoid);
        assert_eq!(pos.x, 500.0 - 80.0);
        assert!(clear(wide, pos, &avoid));
        // a narrower map: the centre falls on the legend, so the line moves right of it
        let mid = Rect::from_min_size(pos2(0.0, 0.0), vec2(620.0, 600.0));
        let avoid = [controls_rect(mid), legend];
        let pos = place_line(mid, size, 10.0, &avoid);
        assert!(pos.x > legend.right() && clear(mid, pos, &avoid), "{pos:?}");
        assert_eq!(pos.y, 10.0);
        // too narrow beside it: the line goes below the legend
        let narrow = Rect::from_min_size(pos2(0.0, 0.0), vec2(420.0, 600.0));
        let avoid = [controls_rect(narrow), legend];
        let pos = place_line(narrow, size, 10.0, &avoid);
        assert!(
            pos.y > legend.bottom() && clear(narrow, pos, &avoid),
            "{pos:?}"
        );
    }

    #[test]
    fn a_caption_below_the_legend_steps_aside_from_a_key_place_s_dot() {
        let size = vec2(160.0, 40.0);
        let narrow = Rect::from_min_size(pos2(0.0, 0.0), vec2(420.0, 600.0));
        let legend = Rect::from_min_size(pos2(10.0, 10.0), vec2(260.0, 80.0));
        let situation = crate::model::Situation::default();
        let time = TimeControl::new((0, 0));
        // a capital's dot where the caption would go below the legend, centred
        let dot = pos2(210.0, 110.0);
        let mut avoid = caption_obstacles(narrow, &time, &situation, &[dot]);
        avoid.push(legend);
        let pos = place_line(narrow, size, 10.0, &avoid);
        let bg = Rect::from_min_size(pos, size).expand2(CAPTION_PAD);
        assert!(avoid.iter().all(|a| !a.intersects(bg)), "{pos:?}");
        // the nearest row down that clears it, at one side, not under the dot
        assert!(pos.y < dot.y + KEY_POINT_CLEARANCE, "{pos:?}");
        // a dot off the map is nothing to avoid
        let off = caption_obstacles(narrow, &time, &situation, &[pos2(-50.0, 110.0)]);
        assert_eq!(off.len(), 2);
    }
}
