//! City dots and labels, thinned so that no two labels overlap at any zoom.

use super::basemap_layer::BasemapLayer;
use super::labels::thin_labels;
use super::projection::Projector;
use crate::io::ShapeKind;
use crate::model::region::REGION;
use crate::model::{Dataset, Place, PlaceKind};
use eframe::egui::{Align2, Color32, FontId, Painter, Rect, Stroke, pos2, vec2};
use std::collections::HashMap;

/// Cities the map labels first, most important first.
/// At most this many city labels are tried per frame: the gazetteer's cities first, then the
/// places with the most events. Large tables have thousands of places; their clusters name them.
const MAX_CITY_LABELS: usize = 150;

const PRIORITY: [&str; 16] = [
    "tehran",
    "baku",
    "yerevan",
    "tbilisi",
    "tabriz",
    "nakhchivan",
    "khankendi",
    "ganja",
    "ardabil",
    "kapan",
    "goris",
    "lachin",
    "shusha",
    "julfa",
    "ordubad",
    "aghdam",
];

/// The gazetteer's cities inside the region, in label priority order.
pub fn reference_cities(data: &Dataset) -> Vec<Place> {
    // events per place id, from the compact columns: one pass when the data changes
    let columns = data.columns();
    let mut per_key = vec![0u32; columns.place_example.len()];
    for &k in &columns.place_key {
        if let Some(n) = per_key.get_mut(k as usize) {
            *n += 1;
        }
    }
    let events_at: HashMap<&str, u32> = columns
        .place_example
        .iter()
        .zip(&per_key)
        .filter_map(|(&i, &n)| Some((data.view(i as usize)?.place, n)))
        .collect();
    let rank = |p: &Place| {
        (
            PRIORITY
                .iter()
                .position(|id| *id == p.id)
                .unwrap_or(PRIORITY.len()),
            std::cmp::Reverse(events_at.get(p.id.as_str()).copied().unwrap_or(0)),
        )
    };
    let mut cities: Vec<Place> = data
        .places()
        .iter()
        .filter(|p| p.kind == PlaceKind::City && REGION.contains(p.lon, p.lat))
        .cloned()
        .collect();
    cities.sort_by_cached_key(|p| rank(p));
    cities
}

/// Paints city dots and the labels of cities and basemap shapes that fit.
pub fn labels_ui(
    painter: &Painter,
    projector: &Projector,
    layer: &BasemapLayer,
    cities: &[Place],
    blocked: &[Rect],
) {
    let rect = projector.rect();
    struct Candidate {
        rect: Rect,
        text: String,
        font: FontId,
        color: Color32,
        dot: Option<eframe::egui::Pos2>,
    }
    let mut candidates = Vec::new();
    let regions = layer
        .labels
        .iter()
        .filter(|l| matches!(l.kind, ShapeKind::Region | ShapeKind::Corridor));
    let others = layer
        .labels
        .iter()
        .filter(|l| matches!(l.kind, ShapeKind::Country | ShapeKind::Water));
    for l in regions {
        let p = projector.project(l.lon, l.lat);
        let font = FontId::proportional(12.0);
        let galley = painter.layout_no_wrap(l.text.clone(), font.clone(), Color32::BLACK);
        let r = Rect::from_center_size(p + vec2(0.0, 14.0), galley.size());
        candidates.push(Candidate {
            rect: r,
            text: l.text.clone(),
            font,
            color: Color32::from_rgb(110, 50, 60),
            dot: None,
        });
    }
    let on_screen = cities
        .iter()
        .map(|c| (c, projector.project(c.lon, c.lat)))
        .filter(|(_, p)| rect.contains(*p))
        .take(MAX_CITY_LABELS);
    for (c, p) in on_screen {
        let font = FontId::proportional(12.5);
        let galley = painter.layout_no_wrap(c.name.clone(), font.clone(), Color32::BLACK);
        let r = Rect::from_min_size(p + vec2(5.0, -galley.size().y / 2.0), galley.size());
        candidates.push(Candidate {
            rect: r.expand(1.0),
            text: c.name.clone(),
            font,
            color: Color32::from_rgb(30, 30, 30),
            dot: Some(p),
        });
    }
    for l in others {
        let p = projector.project(l.lon, l.lat);
        let font = FontId::proportional(if l.kind == ShapeKind::Country {
            15.0
        } else {
            13.0
        });
        let galley = painter.layout_no_wrap(l.text.clone(), font.clone(), Color32::BLACK);
        candidates.push(Candidate {
            rect: Rect::from_center_size(p, galley.size()),
            text: l.text.clone(),
            font,
            color: if l.kind == ShapeKind::Water {
                Color32::from_rgb(50, 90, 140)
            } else {
                Color32::from_rgb(120, 120, 120)
            },
            dot: None,
        });
    }
    let rects: Vec<Rect> = candidates.iter().map(|c| c.rect).collect();
    for i in thin_labels(&rects, blocked) {
        let c = &candidates[i];
        if !rect.contains_rect(c.rect) {
            continue;
        }
        if let Some(dot) = c.dot {
            painter.circle(
                dot,
                3.0,
                Color32::from_rgb(40, 40, 40),
                Stroke::new(1.0, Color32::WHITE),
            );
        }
        let halo = Color32::from_rgba_unmultiplied(255, 255, 255, 170);
        painter.rect_filled(c.rect, 2.0, halo);
        painter.text(
            pos2(
                c.rect.left() + (c.rect.width() - 0.0) / 2.0,
                c.rect.center().y,
            ),
            Align2::CENTER_CENTER,
            &c.text,
            c.font.clone(),
            c.color,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_come_first_and_off_map_cities_are_left_out() {
        let places = vec![
            Place::ad_hoc("kapan", "Kapan", "Armenia", 39.2, 46.4),
            Place::ad_hoc("washington", "Washington", "USA", 38.9, -77.0),
            Place::ad_hoc("baku", "Baku", "Azerbaijan", 40.38, 49.89),
        ];
        let mut at_kapan =
            crate::model::Event::at("k1", "k", crate::model::EventDate::undated(), 46.4, 39.2);
        at_kapan.place = "kapan".to_owned();
        let mut at_goris = at_kapan.clone();
        at_goris.id = "g1".to_owned();
        at_goris.place = "goris-x".to_owned();
        let mut at_goris_2 = at_goris.clone();
        at_goris_2.id = "g2".to_owned();
        let mut at_tovuz = at_goris.clone();
        at_tovuz.id = "t1".to_owned();
        at_tovuz.place = "tovuz-x".to_owned();
        let mut places = places;
        places.push(Place::ad_hoc(
            "tovuz-x",
            "Tovuz",
            "Azerbaijan",
            40.99,
            45.63,
        ));
        places.push(Place::ad_hoc("goris-x", "Goris", "Armenia", 39.5, 46.3));
        let data = Dataset::new(vec![at_kapan, at_tovuz, at_goris, at_goris_2], places);
        let cities = reference_cities(&data);
        let ids: Vec<&str> = cities.iter().map(|p| p.id.as_str()).collect();
        // the gazetteer's order first; then places with more events before those with fewer
        assert_eq!(ids, ["baku", "kapan", "goris-x", "tovuz-x"]);
    }
}
