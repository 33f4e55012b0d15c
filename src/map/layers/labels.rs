//! The labels layer: the names the layers below asked for, placed in order of importance so that
//! none overlaps another or a marker. A city's name moves beside its dot (right, left, above,
//! below) rather than under a marker; an area's name shifts a little; Armenia and Azerbaijan are
//! always named.

use crate::commands::Command;
use crate::map::layer::{LabelCandidate, LabelRank, MapLayer, Scene};
use crate::map::projection::Projector;
use crate::palette;
use eframe::egui::{self, Align2, Pos2, Rect, Response, Stroke, Ui, Vec2, pos2, vec2};

/// Gap between a city's dot and its name, in points.
const DOT_GAP: f32 = 5.0;
/// Labels keep this far inside the map's edge, in points.
const EDGE_INSET: f32 = 2.0;
/// Padding of a label's halo, in points.
const HALO_PAD: f32 = 1.0;
/// The least room between two names side by side on one line, so that they never read as one
/// name ("Yerevan Khankendi"); names stacked one above the other need none.
const WORD_GAP: f32 = 7.0;

/// A label where it was drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// The text (as asked for; a crowded label may be drawn stacked on two lines).
    pub text: String,
    /// Its rectangle on screen (with its halo).
    pub rect: Rect,
    /// Its rank.
    pub rank: LabelRank,
    /// The leader line joining it to its dot (from the dot), when it stands away from it.
    pub leader: Option<[Pos2; 2]>,
}

/// A name this close to a dot, in points, reads as that dot's name.
const READS_AS_DOTS: f32 = 16.0;

/// Distances from a dot at which a crowded name may stand, joined to its dot by a leader line.
const FAR: [f32; 3] = [16.0, 32.0, 48.0];

/// One way to write a label: its lines and their size on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// The text, with `\n` between lines.
    pub text: String,
    /// Its size on screen.
    pub size: Vec2,
}

/// A label asked for, with the ways it may be written: on one line, and for names given both
/// ways ("Khankendi / Stepanakert"), also stacked.
#[derive(Clone, Debug)]
pub struct Sized {
    /// What was asked for.
    pub candidate: LabelCandidate,
    /// Its variants, preferred first.
    pub variants: Vec<Variant>,
}

/// Where a label goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Spot {
    /// The label, by its position among those asked for.
    pub index: usize,
    /// Which of its variants.
    pub variant: usize,
    /// Its rectangle.
    pub rect: Rect,
    /// The dot a leader line joins it to, when it stands away from its dot.
    pub leader: Option<Pos2>,
}

impl Spot {
    /// The leader line from the dot to the nearest point of the label, when it has one.
    pub fn leader_line(&self) -> Option<[Pos2; 2]> {
        self.leader.map(|dot| [dot, self.rect.clamp(dot)])
    }
}

/// Whether the segment from `a` to `b` crosses `rect` (touching its edge counts).
///
/// ```
/// use caucasus_atlas::map::layers::labels::segment_crosses;
/// use eframe::egui::{Rect, pos2};
/// let r = Rect::from_min_max(pos2(10.0, 10.0), pos2(20.0, 20.0));
/// assert!(segment_crosses(pos2(0.0, 15.0), pos2(30.0, 15.0), r));
/// assert!(!segment_crosses(pos2(0.0, 0.0), pos2(30.0, 5.0), r));
/// assert!(!segment_crosses(pos2(0.0, 0.0), pos2(9.0, 30.0), r));
/// ```
pub fn segment_crosses(a: Pos2, b: Pos2, rect: Rect) -> bool {
    use geo::Intersects;
    let line = geo::Line::new(
        geo::coord! { x: f64::from(a.x), y: f64::from(a.y) },
        geo::coord! { x: f64::from(b.x), y: f64::from(b.y) },
    );
    let r = geo::Rect::new(
        geo::coord! { x: f64::from(rect.left()), y: f64::from(rect.top()) },
        geo::coord! { x: f64::from(rect.right()), y: f64::from(rect.bottom()) },
    );
    line.intersects(&r)
}

/// The rectangles a label may take beside `anchor` (a dot, or the marker covering it) at a gap,
/// best first: right, left, above, below, then the corners.
fn around(anchor: Rect, size: Vec2, gap: f32) -> Vec<Rect> {
    let (w, h) = (size.x, size.y);
    let c = anchor.center();
    vec![
        Rect::from_min_size(pos2(anchor.right() + gap, c.y - h / 2.0), size),
        Rect::from_min_size(pos2(anchor.left() - gap - w, c.y - h / 2.0), size),
        Rect::from_min_size(pos2(c.x - w / 2.0, anchor.top() - gap - h), size),
        Rect::from_min_size(pos2(c.x - w / 2.0, anchor.bottom() + gap), size),
        Rect::from_min_size(pos2(anchor.right() + gap, anchor.top() - h), size),
        Rect::from_min_size(pos2(anchor.right() + gap, anchor.bottom()), size),
        Rect::from_min_size(pos2(anchor.left() - gap - w, anchor.top() - h), size),
        Rect::from_min_size(pos2(anchor.left() - gap - w, anchor.bottom()), size),
    ]
}

/// The places a point's name may take, best first, each with the variant and whether it needs a
/// leader line: beside the dot, beside the markers covering the dot (so no marker hides it; on a
/// leader line when the dot still shows between them), then farther out; at each distance the
/// one-line variant before the stacked one.
/// The map's own panels (`panels`) never count as covering the dot: a name beside a legend stands
/// beside its dot, not beside the whole legend.
fn point_spots(
    at: Pos2,
    variants: &[Variant],
    (occupied, panels): (&[Rect], &[Rect]),
) -> Vec<(usize, Rect, bool)> {
    let dot = Rect::from_center_size(at, Vec2::ZERO);
    let covering = occupied
        .iter()
        .filter(|r| r.expand(DOT_GAP).contains(at) && !panels.contains(r))
        .fold(dot, |acc, r| acc.union(*r));
    let mut rings = vec![(dot, DOT_GAP, false)];
    // a dot the markers only crowd stays in sight: a name beside them joins it by a line, or
    // when no line can be drawn, stands there without one rather than vanish
    let crowded = covering != dot && !occupied.iter().any(|r| r.contains(at));
    if covering != dot {
        rings.push((covering, DOT_GAP, crowded));
    }
    rings.extend(FAR.iter().map(|&gap| (covering, gap, true)));
    if crowded {
        rings.push((covering, DOT_GAP, false));
    }
    let mut out = Vec::new();
    for (anchor, gap, leader) in rings {
        for (v, variant) in variants.iter().enumerate() {
            out.extend(
                around(anchor, variant.size, gap)
                    .into_iter()
                    .map(|r| (v, r, leader)),
            );
        }
    }
    out
}

/// Shifts of an area's name from its point, in its own widths and heights, best first.
const AREA_SHIFTS: [(f32, f32); 7] = [
    (0.0, 0.0),
    (0.0, -1.2),
    (0.0, 1.2),
    (-0.6, 0.0),
    (0.6, 0.0),
    (0.0, -2.4),
    (0.0, 2.4),
];

/// Farther shifts, for a name that knows its area's outline and stays inside it.
const INSIDE_SHIFTS: [(f32, f32); 8] = [
    (-0.6, -1.2),
    (0.6, -1.2),
    (-0.6, 1.2),
    (0.6, 1.2),
    (-1.2, 0.0),
    (1.2, 0.0),
    (0.0, -3.6),
    (0.0, 3.6),
];

/// The places an area's name may take: centred, then shifted a little; a name that knows its
/// area also farther, but only with its middle inside the area.
fn area_spots(c: &LabelCandidate, variants: &[Variant]) -> Vec<(usize, Rect, bool)> {
    use geo::Contains;
    let far: &[(f32, f32)] = if c.within.is_some() {
        &INSIDE_SHIFTS
    } else {
        &[]
    };
    let inside = |r: &Rect| {
        c.within.as_ref().is_none_or(|area| {
            let m = r.center();
            area.contains(&geo::Point::new(f64::from(m.x), f64::from(m.y)))
        })
    };
    let mut out = Vec::new();
    for (v, variant) in variants.iter().enumerate() {
        let centred = Rect::from_center_size(c.at, variant.size);
        out.extend(
            AREA_SHIFTS
                .iter()
                .chain(far)
                .map(|(dx, dy)| centred.translate(vec2(dx * variant.size.x, dy * variant.size.y)))
                .filter(inside)
                .map(|r| (v, r, false)),
        );
    }
    out
}

/// What a label's rectangle covers of the other named points' dots, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum DotTier {
    /// No dot.
    Free,
    /// Only the dots of minor cities.
    OverCity,
    /// A key place's dot.
    OverKeyPlace,
}

/// How good a clear spot is, best first: what it covers of other dots, then whether its leader
/// line crosses a marker that does not stand at its own dot.
type SpotRank = (DotTier, bool);

/// The best a spot can be: it covers no dot, and has no line or one that crosses no marker.
const PERFECT: SpotRank = (DotTier::Free, false);

/// The first of `options` that is `clear`, among those of the best [`SpotRank`].
fn best_spot<T>(
    options: &[T],
    clear: impl Fn(&T) -> bool,
    rank: impl Fn(&T) -> SpotRank,
) -> Option<&T> {
    let mut best: Option<(SpotRank, &T)> = None;
    for option in options.iter().filter(|o| clear(o)) {
        let r = rank(option);
        if best.is_none_or(|(b, _)| r < b) {
            best = Some((r, option));
        }
        if r == PERFECT {
            break;
        }
    }
    best.map(|(_, option)| option)
}

/// Whether a leader line from the dot at `at` to `end` crosses a marker other than those at the
/// dot, which a line from a covered or crowded dot must leave through.
fn line_crosses_markers(at: Pos2, end: Pos2, occupied: &[Rect]) -> bool {
    occupied
        .iter()
        .filter(|o| !o.expand(DOT_GAP).contains(at))
        .any(|o| segment_crosses(at, end, *o))
}

/// Places labels in order of importance, clear of `occupied` and of each other, inside `bounds`,
/// and where possible off the dots of other named points. Key countries always get a place (their
/// first spot inside the map when every spot is taken).
pub fn layout_labels(labels: &[Sized], occupied: &[Rect], bounds: Rect) -> Vec<Spot> {
    layout_labels_by_panels(labels, (occupied, &[]), bounds)
}

/// [`layout_labels`], where `panels`, also among `occupied`, are the map's own controls, caption
/// and legends: kept clear of like markers, but never taken for markers covering a dot.
pub fn layout_labels_by_panels(
    labels: &[Sized],
    (occupied, panels): (&[Rect], &[Rect]),
    bounds: Rect,
) -> Vec<Spot> {
    let inner = bounds.shrink(EDGE_INSET);
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by_key(|&k| (labels[k].candidate.rank, labels[k].candidate.order));
    // the dots of the points named: a label should not cover another place's dot
    let dots: Vec<(usize, Rect)> = labels
        .iter()
        .enumerate()
        .filter(|(_, l)| l.candidate.beside_point)
        .map(|(k, l)| {
            (
                k,
                Rect::from_center_size(l.candidate.at, Vec2::splat(2.0 * DOT_GAP)),
            )
        })
        .collect();
    let mut placed: Vec<Spot> = Vec::new();
    for k in order {
        let c = &labels[k].candidate;
        let padded: Vec<Variant> = labels[k]
            .variants
            .iter()
            .map(|v| Variant {
                text: v.text.clone(),
                size: v.size + Vec2::splat(2.0 * HALO_PAD),
            })
            .collect();
        let options: Vec<(usize, Rect, bool)> = match c.beside_point {
            true => point_spots(c.at, &padded, (occupied, panels)),
            false => area_spots(c, &padded),
        }
        .into_iter()
        .filter(|(_, r, _)| inner.contains_rect(*r))
        .collect();
        // clear of the labels placed, and of their leader lines; and its own leader line, if it
        // needs one, through no label
        let off_names = |r: &Rect, leader: bool| {
            !beside_another_dot(*r, c, k, &dots)
                && !placed.iter().any(|p| {
                    let gap = labels[p.index].candidate.beside_point && c.beside_point;
                    too_close(p.rect, *r, gap)
                        || p.leader_line()
                            .is_some_and(|[a, b]| segment_crosses(a, b, *r))
                        || (leader && segment_crosses(c.at, r.clamp(c.at), p.rect))
                })
        };
        // and clear of the markers
        let clear = |r: &Rect, leader: bool| {
            !occupied.iter().any(|o| o.intersects(*r)) && off_names(r, leader)
        };
        // off every other named point's dot if it can be, else off the key places' dots (whose
        // names would otherwise have nowhere to go), else anywhere clear: the first clear spot of
        // the best tier
        let tier = |r: &Rect| {
            let covered = dots.iter().filter(|(j, d)| *j != k && d.intersects(*r));
            covered.fold(DotTier::Free, |t, (j, _)| {
                t.max(match labels[*j].candidate.rank <= LabelRank::KeyPlace {
                    true => DotTier::OverKeyPlace,
                    false => DotTier::OverCity,
                })
            })
        };
        let crosses =
            |o: &(usize, Rect, bool)| o.2 && line_crosses_markers(c.at, o.1.clamp(c.at), occupied);
        let free = best_spot(&options, |o| clear(&o.1, o.2), |o| (tier(&o.1), crosses(o)));
        let forced = (c.rank == LabelRank::KeyCountry)
            .then(|| options.first())
            .flatten();
        // a key place the markers leave no room is still named: beside its dot or the markers
        // over it, over other markers' rims (a name is painted above them, on its halo), never
        // over a marker's middle, where its count would be misread, and clear of the other names
        let over_markers = || {
            let beside = |o: &&(usize, Rect, bool)| {
                !o.2 && off_names(&o.1, false) && !covers_a_middle(o.1, occupied)
            };
            (c.rank == LabelRank::KeyPlace)
                .then(|| options.iter().filter(beside).min_by_key(|o| tier(&o.1)))
                .flatten()
        };
        if let Some(&(variant, rect, leader)) = free.or(forced).or_else(over_markers) {
            placed.push(Spot {
                index: k,
                variant,
                rect,
                leader: leader.then_some(c.at),
            });
        }
    }
    placed
}

/// Whether `r` covers the middle half of any of `occupied`, where a marker writes its count.
fn covers_a_middle(r: Rect, occupied: &[Rect]) -> bool {
    occupied
        .iter()
        .any(|o| r.intersects(Rect::from_center_size(o.center(), o.size() * 0.5)))
}

/// Whether the name of point `c` (label `own`) at `r` stands nearer another named point's dot
/// than its own point, and near enough to read as that dot's name: beside a marker that covers
/// its own dot, or at the end of a leader line, "Kapan" must not stand at Ordubad's. An area's
/// name never does.
fn beside_another_dot(r: Rect, c: &LabelCandidate, own: usize, dots: &[(usize, Rect)]) -> bool {
    if !c.beside_point {
        return false;
    }
    let own_distance = r.distance_to_pos(c.at);
    dots.iter().any(|(j, d)| {
        let distance = r.distance_to_pos(d.center());
        // a dot the name covers is the dot tiers' concern
        *j != own && distance > 0.0 && distance <= READS_AS_DOTS && distance < own_distance
    })
}

/// Whether two names overlap, or, when `gap` (both name points: the names look alike), stand
/// side by side on one line (sharing at least half their height) with less than [`WORD_GAP`]
/// between them. A river's or a region's name is written in its own style and colour, and names
/// at different heights do not read as one, so these may stand closer.
fn too_close(a: Rect, b: Rect, gap: bool) -> bool {
    let shared = a.y_range().intersection(b.y_range()).span();
    let one_line = gap && shared >= 0.5 * a.height().min(b.height());
    let gap = if one_line { WORD_GAP } else { 0.0 };
    a.expand2(vec2(gap, 0.0)).intersects(b)
}

/// The ways a label may be written, measured with the painter's fonts.
fn variants_of(painter: &egui::Painter, c: &LabelCandidate) -> Vec<Variant> {
    let mut texts = vec![c.text.clone()];
    if c.text.contains(" / ") {
        texts.push(c.text.replacen(" / ", "\n", 1));
    }
    texts
        .into_iter()
        .map(|text| {
            let size = painter
                .layout_no_wrap(text.clone(), c.font.clone(), c.color)
                .size();
            Variant { text, size }
        })
        .collect()
}

/// Paints a label: its halo, its lines centred, and a leader line to its dot when it has one.
fn paint_label(painter: &egui::Painter, c: &LabelCandidate, text: &str, spot: &Spot) {
    if let Some(dot) = spot.leader {
        let end = spot.rect.clamp(dot);
        painter.line_segment([dot, end], Stroke::new(LEADER_WIDTH, c.color));
    }
    painter.rect_filled(spot.rect, 2.0, palette::LABEL_HALO);
    let lines: Vec<&str> = text.lines().collect();
    let height = spot.rect.height() - 2.0 * HALO_PAD;
    let line_h = height / lines.len().max(1) as f32;
    for (n, line) in lines.iter().enumerate() {
        let y = spot.rect.top() + HALO_PAD + line_h * (n as f32 + 0.5);
        painter.text(
            pos2(spot.rect.center().x, y),
            Align2::CENTER_CENTER,
            line,
            c.font.clone(),
            c.color,
        );
    }
}

/// Width of a leader line.
const LEADER_WIDTH: f32 = 0.8;

/// The labels as a map layer; what it placed is kept for tests and captions.
pub struct LabelsLayer<'m> {
    /// The labels drawn last frame, in the map's memory.
    pub placed: &'m mut Vec<PlacedLabel>,
}

impl MapLayer for LabelsLayer<'_> {
    fn ui(
        &mut self,
        ui: &mut Ui,
        _: &Response,
        projector: &Projector,
        scene: &mut Scene<'_>,
    ) -> Vec<Command> {
        let painter = ui.painter_at(projector.rect());
        let labels: Vec<Sized> = std::mem::take(&mut scene.labels)
            .into_iter()
            .map(|candidate| Sized {
                variants: variants_of(&painter, &candidate),
                candidate,
            })
            .collect();
        let layout =
            layout_labels_by_panels(&labels, (&scene.occupied, &scene.panels), projector.rect());
        self.placed.clear();
        for spot in layout {
            let label = &labels[spot.index];
            let c = &label.candidate;
            paint_label(&painter, c, &label.variants[spot.variant].text, &spot);
            scene.occupied.push(spot.rect);
            self.placed.push(PlacedLabel {
                text: c.text.clone(),
                rect: spot.rect,
                rank: c.rank,
                leader: spot.leader_line(),
            });
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{Color32, FontId, pos2};

    fn city(text: &str, x: f32, y: f32, order: usize) -> Sized {
        Sized {
            candidate: LabelCandidate {
                text: text.to_owned(),
                at: pos2(x, y),
                beside_point: true,
                rank: LabelRank::City,
                order,
                font: FontId::proportional(12.0),
                color: Color32::BLACK,
                within: None,
            },
            variants: vec![Variant {
                text: text.to_owned(),
                size: vec2(40.0, 12.0),
            }],
        }
    }

    /// Markers covering everything near `dot` and a band round it, leaving only far spots.
    fn markers_all_round(dot: Pos2) -> [Rect; 5] {
        let near = Rect::from_center_size(dot, vec2(150.0, 60.0));
        let band = near.expand(14.0);
        [
            Rect::from_min_max(band.left_top(), pos2(band.right(), near.top())),
            Rect::from_min_max(pos2(band.left(), near.bottom()), band.right_bottom()),
            Rect::from_min_max(band.left_top(), pos2(near.left(), band.bottom())),
            Rect::from_min_max(pos2(near.right(), band.top()), band.right_bottom()),
            near,
        ]
    }

    #[test]
    fn a_city_name_moves_beside_a_marker_instead_of_under_it() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let cities = [city("Baku", 200.0, 150.0, 0)];
        let free = layout_labels(&cities, &[], bounds);
        assert_eq!(free.len(), 1);
        assert!(free[0].rect.left() > 200.0, "right of the dot by default");
        // a marker covers the right side: the name goes to the left
        let marker = Rect::from_min_size(pos2(203.0, 135.0), vec2(30.0, 30.0));
        let moved = layout_labels(&cities, &[marker], bounds);
        assert!(moved[0].rect.right() < 200.0, "{:?}", moved[0].rect);
        assert!(!moved[0].rect.intersects(marker));
    }

    #[test]
    fn a_name_beside_a_legend_stands_beside_its_dot_not_beside_the_legend() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(600.0, 400.0));
        // a legend across the top left whose bottom edge runs just over Tbilisi's dot, and a
        // marker on the dot's right
        let legend = Rect::from_min_max(pos2(10.0, 10.0), pos2(300.0, 100.0));
        let dot = pos2(280.0, 104.0);
        // a marker touching the dot on its right, and a country's name under it
        let marker = Rect::from_center_size(pos2(292.0, 106.0), vec2(20.0, 20.0));
        let name_below = Rect::from_min_max(pos2(200.0, 112.0), pos2(300.0, 140.0));
        let cities = [city("Tbilisi", dot.x, dot.y, 0)];
        let occupied = [legend, marker, name_below];
        let spot = layout_labels_by_panels(&cities, (&occupied, &[legend]), bounds)[0].rect;
        let beside = spot.distance_to_pos(dot);
        assert!(beside <= 30.0, "{spot:?}");
        assert!(occupied.iter().all(|o| !spot.intersects(*o)), "{spot:?}");
        // taken for a marker over the dot, the legend sent the name round its own edges
        let far = layout_labels(&cities, &occupied, bounds)[0].rect;
        assert!(
            far.distance_to_pos(dot) > beside + 10.0,
            "{far:?} against {spot:?}"
        );
    }

    #[test]
    fn a_name_beside_a_marker_never_stands_at_another_place_s_dot() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        // a marker covers the first city's dot; the second city's dot is just under the spot left
        // of the marker, where the name would go once the right and the top are taken
        let marker = Rect::from_center_size(pos2(200.0, 150.0), vec2(30.0, 30.0));
        let ordubad = pos2(160.0, 162.0);
        let cities = [
            city("Kapan", 200.0, 150.0, 0),
            city("Ordubad", ordubad.x, ordubad.y, 1),
        ];
        let layout = layout_labels(&cities[..1], &[marker], bounds);
        let alone = layout[0].rect;
        let near_other = |r: Rect| r.distance_to_pos(ordubad) <= READS_AS_DOTS;
        let other_markers = [
            marker,
            // the right and the top of the marker are taken
            Rect::from_min_size(pos2(216.0, 100.0), vec2(120.0, 100.0)),
            Rect::from_min_size(pos2(150.0, 90.0), vec2(100.0, 44.0)),
        ];
        let layout = layout_labels(&cities, &other_markers, bounds);
        let kapan = layout.iter().find(|s| s.index == 0).unwrap();
        assert!(
            !near_other(kapan.rect),
            "{:?} reads as Ordubad's",
            kapan.rect
        );
        assert!(!kapan.rect.intersects(marker));
        // with nothing in the way, the name stands right of the marker as before
        assert!(alone.left() > marker.right(), "{alone:?}");
    }

    #[test]
    fn a_name_beside_markers_that_only_crowd_its_dot_is_joined_to_it() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let dot = pos2(200.0, 150.0);
        // markers just right and just left of the dot, neither covering it
        let right = Rect::from_min_max(pos2(203.0, 120.0), pos2(233.0, 160.0));
        let left = Rect::from_min_max(pos2(140.0, 100.0), pos2(196.0, 200.0));
        let layout = layout_labels(&[city("Shusha", dot.x, dot.y, 0)], &[right, left], bounds);
        assert_eq!(layout.len(), 1);
        assert!(layout[0].rect.left() >= right.right(), "{layout:?}");
        assert_eq!(layout[0].leader, Some(dot), "{layout:?}");
        // a marker over the dot hides it: the name beside the marker needs no line
        let over = Rect::from_center_size(dot, vec2(30.0, 30.0));
        let layout = layout_labels(&[city("Shusha", dot.x, dot.y, 0)], &[over], bounds);
        assert_eq!(layout[0].leader, None, "{layout:?}");
    }

    #[test]
    fn an_area_s_name_moves_farther_but_only_inside_its_area() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        // a tall narrow area; a marker sits on its point and on the spots near it
        let area = geo::MultiPolygon(vec![geo::Polygon::new(
            geo::LineString::from(vec![
                (180.0, 40.0),
                (220.0, 40.0),
                (220.0, 260.0),
                (180.0, 260.0),
            ]),
            vec![],
        )]);
        let mut region = city("Region", 200.0, 150.0, 0);
        region.candidate.beside_point = false;
        region.candidate.rank = LabelRank::Region;
        let marker = Rect::from_center_size(pos2(200.0, 150.0), vec2(60.0, 60.0));
        let free = layout_labels(std::slice::from_ref(&region), &[marker], bounds);
        // knowing nothing of its area, the name finds no spot near its point
        assert!(free.is_empty(), "{free:?}");
        region.candidate.within = Some(std::sync::Arc::new(area));
        let inside = layout_labels(&[region], &[marker], bounds);
        assert_eq!(inside.len(), 1, "{inside:?}");
        let m = inside[0].rect.center();
        assert!(
            (180.0..=220.0).contains(&m.x) && (40.0..=260.0).contains(&m.y),
            "{m:?}"
        );
        assert!(!inside[0].rect.intersects(marker));
    }

    #[test]
    fn a_name_under_a_marker_moves_beside_the_marker() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let cities = [city("Baku", 200.0, 150.0, 0)];
        // a marker centred on the dot, wider than the gap between a dot and its name
        let marker = Rect::from_center_size(pos2(200.0, 150.0), vec2(26.0, 26.0));
        let placed = layout_labels(&cities, &[marker], bounds);
        assert_eq!(placed.len(), 1, "the name is not dropped");
        assert!(!placed[0].rect.intersects(marker));
        assert!(
            placed[0].rect.left() >= marker.right(),
            "right of the marker: {:?}",
            placed[0].rect
        );
        assert!((placed[0].rect.center().y - 150.0).abs() < 1.0);
    }

    #[test]
    fn a_name_keeps_off_another_place_s_dot_when_it_can() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        // Lachin lies just right of Khankendi: Khankendi's name goes left, clear of Lachin's dot
        let cities = [
            city("Khankendi", 200.0, 150.0, 0),
            city("Lachin", 220.0, 150.0, 1),
        ];
        let placed = layout_labels(&cities, &[], bounds);
        assert_eq!(placed.len(), 2);
        let lachin_dot = Rect::from_center_size(pos2(220.0, 150.0), Vec2::splat(2.0));
        assert!(
            !placed[0].rect.intersects(lachin_dot),
            "{:?}",
            placed[0].rect
        );
    }

    #[test]
    fn a_leader_line_never_strikes_through_another_name() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        // markers all round the dot send the name out on a leader line
        let ring = markers_all_round(pos2(200.0, 150.0));
        // a country's name, placed first, lies where the line to the nearest spot (right) runs
        let mut country = city("X", 250.0, 150.0, 0);
        country.candidate.rank = LabelRank::KeyCountry;
        country.candidate.beside_point = false;
        country.variants[0].size = vec2(10.0, 10.0);
        let name = city("Ordubad", 200.0, 150.0, 1);
        let placed = layout_labels(&[country, name], &ring, bounds);
        assert_eq!(placed.len(), 2, "{placed:?}");
        let line = placed[1].leader_line();
        assert!(line.is_some(), "{placed:?}");
        assert!(
            !line.is_some_and(|[p, q]| segment_crosses(p, q, placed[0].rect)),
            "{placed:?}"
        );
    }

    #[test]
    fn a_leader_line_crosses_no_other_marker_when_it_can() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let dot = pos2(200.0, 150.0);
        // two markers crowd the dot from left and right: the name stands beside them on a line
        let left = Rect::from_min_max(pos2(170.0, 135.0), pos2(198.0, 165.0));
        let right = Rect::from_min_max(pos2(202.0, 140.0), pos2(230.0, 160.0));
        let name = city("Goris", dot.x, dot.y, 0);
        let first = layout_labels(std::slice::from_ref(&name), &[left, right], bounds);
        let [from, to] = first[0].leader_line().unwrap();
        assert!(to.x > right.right(), "{first:?}");
        // a small marker in the gap between the right one and the name, where the line runs
        let in_the_way = Rect::from_min_max(pos2(231.0, 148.0), pos2(234.0, 152.0));
        assert!(segment_crosses(from, to, in_the_way) && !first[0].rect.intersects(in_the_way));
        let markers = [left, right, in_the_way];
        let placed = layout_labels(&[name], &markers, bounds);
        let [p, q] = placed[0].leader_line().unwrap();
        assert!(!segment_crosses(p, q, in_the_way), "{placed:?}");
        assert!(markers.iter().all(|m| !placed[0].rect.intersects(*m)));
    }

    #[test]
    fn a_name_covers_a_city_s_dot_before_a_key_place_s() {
        // a narrow map: no room for a name farther out than the dots beside it
        let bounds = Rect::from_min_max(pos2(150.0, 0.0), pos2(265.0, 300.0));
        let label = |text: &str, x: f32, order: usize, rank: LabelRank| {
            let mut l = city(text, x, 150.0, order);
            l.candidate.rank = rank;
            l
        };
        // markers above and below leave Shusha's name the spots right of its dot, over Goris's
        // dot, and the one left of it, over a village's
        let shusha = label("Shusha", 200.0, 0, LabelRank::KeyPlace);
        let goris = label("Goris", 220.0, 1, LabelRank::KeyPlace);
        let village = label("Village", 160.0, 2, LabelRank::City);
        let above = Rect::from_min_max(pos2(0.0, 0.0), pos2(400.0, 142.0));
        let below = Rect::from_min_max(pos2(0.0, 158.0), pos2(400.0, 300.0));
        let placed = layout_labels(&[shusha, goris, village], &[above, below], bounds);
        let goris_dot = Rect::from_center_size(pos2(220.0, 150.0), Vec2::splat(2.0));
        assert_eq!(placed[0].index, 0);
        assert!(
            !placed[0].rect.intersects(goris_dot),
            "Shusha covers Goris's dot: {placed:?}"
        );
        assert!(placed[0].rect.right() < 200.0, "{placed:?}");
    }

    #[test]
    fn names_on_one_line_keep_a_word_apart() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        // a marker takes the spot right of the second dot; the spot left of it ends 2 points
        // before the first name begins
        let cities = vec![
            city("Yerevan", 100.0, 100.0, 0),
            city("Khankendi", 196.0, 100.0, 1),
        ];
        let marker = Rect::from_min_max(pos2(205.0, 90.0), pos2(265.0, 110.0));
        let placed = layout_labels(&cities, &[marker], bounds);
        assert_eq!(placed.len(), 2);
        let (a, b) = (placed[0].rect, placed[1].rect);
        let share_a_line = a.y_range().intersects(b.y_range());
        let apart = (b.left() - a.right()).max(a.left() - b.right());
        assert!(
            !share_a_line || apart >= 6.0,
            "{a:?} and {b:?} are {apart} apart"
        );
        let beside = a.translate(vec2(a.width() + 3.0, 0.0));
        assert!(
            !too_close(a, b, true) && too_close(a, beside, true) && !too_close(a, beside, false)
        );
        assert!(
            !too_close(a, a.translate(vec2(0.0, a.height() + 1.0)), true),
            "stacked names touch"
        );
        assert!(
            !too_close(a, beside.translate(vec2(0.0, 0.6 * a.height())), true),
            "names at different heights may stand close"
        );
    }

    #[test]
    fn labels_never_overlap_and_importance_wins() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let mut key = city("Yerevan", 100.0, 100.0, 5);
        key.candidate.rank = LabelRank::KeyPlace;
        let cities = vec![city("A", 100.0, 100.0, 0), key, city("B", 101.0, 100.0, 1)];
        let placed = layout_labels(&cities, &[], bounds);
        assert_eq!(placed[0].index, 1, "the key place is placed first");
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.rect.intersects(b.rect), "{a:?} overlaps {b:?}");
            }
            assert!(bounds.contains_rect(a.rect));
        }
    }

    #[test]
    fn a_key_place_with_no_room_is_named_over_the_markers_and_a_city_is_not() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let mut shusha = city("Shusha", 200.0, 150.0, 0);
        shusha.candidate.rank = LabelRank::KeyPlace;
        let mut goris = city("Goris", 200.0, 170.0, 1);
        goris.candidate.rank = LabelRank::KeyPlace;
        let minor = city("Aghdam", 150.0, 100.0, 2);
        // two large markers meeting at the dots fill the map: no clear spot anywhere, but their
        // rims beside the dots are far from the counts in their middles
        let markers = [
            Rect::from_min_max(pos2(0.0, 0.0), pos2(200.0, 300.0)),
            Rect::from_min_max(pos2(200.0, 0.0), pos2(440.0, 300.0)),
        ];
        let placed = layout_labels(&[shusha.clone(), goris, minor], &markers, bounds);
        let names: Vec<usize> = placed.iter().map(|p| p.index).collect();
        assert_eq!(names, [0, 1], "the two key places, not the minor city");
        for spot in &placed {
            assert_eq!(spot.leader, None, "beside its own dot: {spot:?}");
            assert!(
                !covers_a_middle(spot.rect, &markers),
                "over a count: {spot:?}"
            );
        }
        assert!(!placed[0].rect.intersects(placed[1].rect));
        // one marker too large to leave a spot off its middle: better unnamed than a count misread
        let one = [bounds.shrink(1.0)];
        assert!(layout_labels(&[shusha], &one, bounds).is_empty());
    }

    #[test]
    fn key_countries_are_always_named() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let mut armenia = city("ARMENIA", 200.0, 150.0, 0);
        armenia.candidate.rank = LabelRank::KeyCountry;
        armenia.candidate.beside_point = false;
        let everything = [bounds];
        let placed = layout_labels(&[armenia], &everything, bounds);
        assert_eq!(placed.len(), 1);
    }

    #[test]
    fn a_crowded_name_stacks_or_stands_away_on_a_leader_line() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let mut both = city("Khankendi / Stepanakert", 200.0, 150.0, 0);
        both.variants.push(Variant {
            text: "Khankendi\nStepanakert".to_owned(),
            size: vec2(70.0, 26.0),
        });
        both.variants[0].size = vec2(140.0, 13.0);
        // markers left and right of the dot leave no room for one long line beside it
        let left = Rect::from_min_max(pos2(40.0, 130.0), pos2(196.0, 170.0));
        let right = Rect::from_min_max(pos2(204.0, 140.0), pos2(360.0, 160.0));
        let placed = layout_labels(&[both.clone()], &[left, right], bounds);
        assert_eq!(placed.len(), 1);
        assert!(!placed[0].rect.intersects(left) && !placed[0].rect.intersects(right));
        // everything near the dot taken: the name stands farther out with a leader line
        let ring = markers_all_round(pos2(200.0, 150.0));
        let far = layout_labels(&[both], &ring, bounds);
        assert_eq!(far[0].leader, Some(pos2(200.0, 150.0)), "{far:?}");
        assert!(ring.iter().all(|r| !far[0].rect.intersects(*r)));
    }
}
