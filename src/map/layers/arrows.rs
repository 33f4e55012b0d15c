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
use eframe::egui::{Response, Ui};

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
            let layout = ArrowLayout::new(
                &painter,
                rect,
                (marker.anchor, dir),
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
