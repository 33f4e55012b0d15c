//! The map as a stack of layers. Each layer gets the `Ui`, the map's `Response` and the projector,
//! reads what it needs from the [`Scene`], paints, and returns the commands the user gave through
//! it. A new layer is a new type implementing [`MapLayer`] and one line in the stack.

use super::MapInput;
use super::markers::MarkerSet;
use super::projection::Projector;
use crate::commands::Command;
use eframe::egui::{Color32, FontId, Pos2, Rect, Response, Ui};

/// One layer of the map.
pub trait MapLayer {
    /// Paints the layer for this frame and handles its own pointer input.
    fn ui(
        &mut self,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        scene: &mut Scene<'_>,
    ) -> Vec<Command>;
}

/// What kind of thing a label names, in the order labels claim space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LabelRank {
    /// Armenia and Azerbaijan, always labelled.
    KeyCountry,
    /// A capital or a place the atlas is about.
    KeyPlace,
    /// Another country.
    Country,
    /// A region or the corridor.
    Region,
    /// A sea, lake or river.
    Water,
    /// Another city.
    City,
}

/// A label a layer would like drawn; the labels layer places it clear of markers and other labels,
/// beside its point when the point itself is taken.
#[derive(Clone, Debug)]
pub struct LabelCandidate {
    /// The text.
    pub text: String,
    /// The screen point it names.
    pub at: Pos2,
    /// Whether it names a point (a city: placed beside a dot) rather than an area (centred).
    pub beside_point: bool,
    /// How important it is; lower ranks claim space first.
    pub rank: LabelRank,
    /// Within a rank, lower first.
    pub order: usize,
    /// The font.
    pub font: FontId,
    /// The text colour.
    pub color: Color32,
    /// For an area's name, the area on screen: the name stays with its middle inside it, and may
    /// move farther from its point to find room there.
    pub within: Option<std::sync::Arc<geo::MultiPolygon<f64>>>,
}

/// What the layers of one frame share: the input, the markers once grouped, the screen space
/// already taken, and the labels asked for.
pub struct Scene<'a> {
    /// What the map shows.
    pub input: &'a MapInput<'a>,
    /// The window's events grouped into markers (by the events layer).
    pub markers: MarkerSet,
    /// Screen rectangles taken by markers, arrows and controls: labels keep clear of them.
    pub occupied: Vec<Rect>,
    /// Those of [`Scene::occupied`] that are the map's own panels (zoom buttons, caption,
    /// legends): a name beside one stands beside its dot, since a panel covers no dot as a marker
    /// does.
    pub panels: Vec<Rect>,
    /// Labels asked for by the layers below, placed by the labels layer.
    pub labels: Vec<LabelCandidate>,
}

impl<'a> Scene<'a> {
    /// Takes `rect` for one of the map's own panels: labels keep clear of it.
    pub fn add_panel(&mut self, rect: Rect) {
        self.occupied.push(rect);
        self.panels.push(rect);
    }

    /// An empty scene for a frame.
    pub fn new(input: &'a MapInput<'a>) -> Scene<'a> {
        Scene {
            input,
            markers: MarkerSet::default(),
            occupied: Vec::new(),
            panels: Vec::new(),
            labels: Vec::new(),
        }
    }
}
