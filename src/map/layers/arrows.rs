//! The arrows layer: arrows at the map's edge toward the window's events outside the view or off
//! the map, each labelled with its place and count where the label fits.

use crate::commands::Command;
use crate::map::arrows::ArrowLayout;
use crate::map::labels::short_count;
use crate::map::layer::{MapLayer, Scene};
use crate::map::markers::MarkerKind;
use crate::map::markers::widget::{Look, MarkerWidget, highlight, marker_commands, put_marker};
use crate::map::overlay::controls_rect;
use crate::map::projection::Projector;
use eframe::egui::{Pos2, Rect, Response, Ui, Vec2};

/// The arrows as a map layer.
pub struct ArrowsLayer;

impl MapLayer for ArrowsLayer {
    fn ui(
        &mut self,
        ui: &mut Ui,
        _: &Response,
        projector: &Projector,
        scene: &mut Scene<'_>,
    ) -> Vec<Command> {
        let input = scene.input;
        let rect = projector.rect();
        let painter = ui.painter_at(rect);
        let mut placed = scene.occupied.clone();
        placed.push(controls_rect(rect));
        // an arrow's label beside a city's dot would read as that city's name
        placed.extend(
            (scene.labels.iter())
                .filter(|l| l.beside_point)
                .map(|l| Rect::from_center_size(l.at, Vec2::splat(DOT_ROOM))),
        );
        let mut commands = Vec::new();
        let set = std::mem::take(&mut scene.markers);
        for marker in &set.edges {
            let MarkerKind::Edge { dir, more_places } = marker.kind else {
                continue;
            };
            let name = match more_places {
                0 => marker.place_name.clone(),
                m => format!("{} +{m}", marker.place_name),
            };
            let anchor = off_panels(marker.anchor, dir, &scene.panels, rect);
            let layout = ArrowLayout::new(
                &painter,
                rect,
                (anchor, dir),
                &name,
                short_count(marker.count),
                &mut placed,
            );
            let (selected, hovered) = highlight(marker, &set, input);
            let widget = MarkerWidget::new(
                marker,
                marker.label(input.data),
                Look::Arrow(layout),
                selected,
                hovered,
            );
            scene.occupied.push(widget.rect());
            let response = put_marker(ui, ("edge", &marker.place_name), widget);
            commands.extend(marker_commands(response, marker, &set, input));
        }
        scene.markers = set;
        commands
    }
}

/// The side of the square an arrow's label keeps clear round a city's dot, in points.
const DOT_ROOM: f32 = 14.0;

/// The side of the square an arrow takes at the edge, in points.
const ARROW_BOX: f32 = 20.0;

/// An arrow's base moved along the map's edge out from under the map's own panels (a legend in
/// the corner would hide the arrow toward Moscow): past the panel's far side, the nearer way
/// that stays on the map.
fn off_panels(anchor: Pos2, dir: Vec2, panels: &[Rect], map: Rect) -> Pos2 {
    let mut at = anchor;
    let along_top_or_bottom = dir.y.abs() >= dir.x.abs();
    for _ in 0..panels.len() {
        let arrow = Rect::from_center_size(at, Vec2::splat(ARROW_BOX));
        let Some(panel) = panels.iter().find(|p| p.intersects(arrow)) else {
            break;
        };
        let half = ARROW_BOX / 2.0 + 2.0;
        at = if along_top_or_bottom {
            let (before, after) = (panel.left() - half, panel.right() + half);
            let x = match (at.x - before) < (after - at.x) && before > map.left() + half {
                true => before,
                false => after,
            };
            Pos2::new(x.clamp(map.left() + half, map.right() - half), at.y)
        } else {
            let (before, after) = (panel.top() - half, panel.bottom() + half);
            let y = match (at.y - before) < (after - at.y) && before > map.top() + half {
                true => before,
                false => after,
            };
            Pos2::new(at.x, y.clamp(map.top() + half, map.bottom() - half))
        };
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{pos2, vec2};

    #[test]
    fn an_arrow_under_a_legend_moves_along_the_edge_past_it() {
        let map = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let legend = Rect::from_min_max(pos2(10.0, 10.0), pos2(300.0, 100.0));
        // an arrow on the top edge toward the north-west, under the legend
        let moved = off_panels(pos2(200.0, 8.0), vec2(0.0, -1.0), &[legend], map);
        assert!(moved.x > legend.right() && moved.y == 8.0, "{moved:?}");
        // on the left edge, it moves down past the legend
        let down = off_panels(pos2(8.0, 60.0), vec2(-1.0, 0.0), &[legend], map);
        assert!(down.y > legend.bottom() && down.x == 8.0, "{down:?}");
        // clear of every panel, it stays
        assert_eq!(
            off_panels(pos2(500.0, 8.0), vec2(0.0, -1.0), &[legend], map),
            pos2(500.0, 8.0)
        );
    }
}
