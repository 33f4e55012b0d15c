//! The grouping both strategies share: points that share a place or overlap on screen become one
//! marker, and places outside the view whose arrows would meet on the edge become one arrow.

use super::{GROUP_RADIUS, Marker, MarkerKind, Members};
use crate::model::CategoryCounts;
use eframe::egui::{Pos2, Vec2};
use std::collections::HashMap;
use std::hash::Hash;

/// One thing to place on the map: an event (small data) or a screen cell (large data).
#[derive(Clone, Debug, PartialEq)]
pub struct Mark<K> {
    /// What the mark stands for (an event position or a cell index).
    pub item: usize,
    /// Its screen position.
    pub pos: Pos2,
    /// Its place; marks with the same place always group. `None` never groups by place.
    pub place: Option<K>,
    /// How many events it holds.
    pub weight: usize,
}

/// Marks drawn as one marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The items of its marks, in the order given within each place.
    pub items: Vec<usize>,
    /// Where the marker is drawn: the position of its heaviest place.
    pub pos: Pos2,
    /// Events in all its marks.
    pub weight: usize,
}

/// Groups marks: first by place, then places whose positions lie within `radius` points of a
/// group. Heavier places claim first, so a crowd gathers around its busiest place. O(n) with a
/// grid.
pub fn group_marks<K: Eq + Hash>(marks: &[Mark<K>], radius: f32) -> Vec<Group> {
    let mut by_place: HashMap<&K, usize> = HashMap::new();
    let mut places: Vec<Group> = Vec::new();
    for m in marks {
        let known = m.place.as_ref().and_then(|k| by_place.get(k).copied());
        match known {
            Some(g) => {
                places[g].items.push(m.item);
                places[g].weight += m.weight;
            }
            None => {
                if let Some(k) = &m.place {
                    by_place.insert(k, places.len());
                }
                places.push(Group {
                    items: vec![m.item],
                    pos: m.pos,
                    weight: m.weight,
                });
            }
        }
    }
    places.sort_by_key(|g| std::cmp::Reverse(g.weight));
    let cell = radius.max(1.0);
    let cell_of = |p: Pos2| ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for place in places {
        let (cx, cy) = cell_of(place.pos);
        let near = (-1..=1)
            .flat_map(|dx| (-1..=1).map(move |dy| (cx + dx, cy + dy)))
            .flat_map(|c| grid.get(&c).into_iter().flatten())
            .copied()
            .find(|&g| (groups[g].pos - place.pos).length() <= radius);
        match near {
            Some(g) => {
                groups[g].items.extend(place.items);
                groups[g].weight += place.weight;
            }
            None => {
                grid.entry((cx, cy)).or_default().push(groups.len());
                groups.push(place);
            }
        }
    }
    groups
}

/// The events of one place drawn at the edge of the map.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgePlace {
    /// Where its arrow would sit on the edge, and which way it points.
    pub anchor: Pos2,
    /// The direction toward the place.
    pub dir: Vec2,
    /// Its events, when listed (small data).
    pub events: Vec<usize>,
    /// Its place key (large data).
    pub key: u32,
    /// How many events.
    pub count: usize,
    /// Their categories.
    pub categories: CategoryCounts,
    /// One of its events.
    pub example: usize,
    /// The place's name.
    pub name: String,
}

/// Merges places whose arrows would sit within two group radii of each other on the edge into one
/// arrow, the busiest place first; each arrow is named after its busiest place.
pub fn merge_edges(mut places: Vec<EdgePlace>, listed: bool) -> Vec<Marker> {
    places.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    let mut arrows: Vec<Marker> = Vec::new();
    for place in places {
        let near = arrows
            .iter_mut()
            .find(|a| (a.anchor - place.anchor).length() < 2.0 * GROUP_RADIUS);
        match near {
            Some(arrow) => {
                arrow.count += place.count;
                arrow.categories.merge(&place.categories);
                arrow.same_place = false;
                if let MarkerKind::Edge { more_places, .. } = &mut arrow.kind {
                    *more_places += 1;
                }
                match &mut arrow.members {
                    Members::Listed(events) => {
                        events.extend(place.events);
                        events.sort_unstable();
                    }
                    Members::EdgePlaces(keys) => keys.push(place.key),
                    Members::Cells(_) | Members::Shape(_) => {}
                }
            }
            None => arrows.push(Marker {
                kind: MarkerKind::Edge {
                    dir: place.dir,
                    more_places: 0,
                },
                anchor: place.anchor,
                count: place.count,
                categories: place.categories,
                example: place.example,
                place_name: place.name,
                same_place: true,
                alpha: 1.0,
                members: if listed {
                    Members::Listed(place.events)
                } else {
                    Members::EdgePlaces(vec![place.key])
                },
            }),
        }
    }
    arrows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;
    use eframe::egui::{pos2, vec2};

    fn mark(item: usize, x: f32, y: f32, place: &'static str) -> Mark<&'static str> {
        Mark {
            item,
            pos: pos2(x, y),
            place: Some(place),
            weight: 1,
        }
    }

    #[test]
    fn same_place_groups_and_distant_places_do_not() {
        let marks = [
            mark(0, 100.0, 100.0, "tehran"),
            mark(1, 100.0, 100.0, "tehran"),
            mark(2, 300.0, 100.0, "baku"),
        ];
        let groups = group_marks(&marks, 20.0);
        assert_eq!(groups.len(), 2);
        assert_eq!((groups[0].items.clone(), groups[0].weight), (vec![0, 1], 2));
        assert_eq!(groups[1].items, vec![2]);
        assert_eq!(groups[1].pos, pos2(300.0, 100.0));
    }

    #[test]
    fn overlapping_places_merge_into_the_heavier() {
        let marks = [
            mark(0, 100.0, 100.0, "shusha"),
            mark(1, 108.0, 96.0, "khankendi"),
            mark(2, 108.0, 96.0, "khankendi"),
            mark(3, 160.0, 96.0, "aghdam"),
        ];
        let groups = group_marks(&marks, 20.0);
        assert_eq!(groups.len(), 2);
        assert_eq!(
            groups[0].pos,
            pos2(108.0, 96.0),
            "anchored at the busier place"
        );
        let mut first = groups[0].items.clone();
        first.sort();
        assert_eq!(first, vec![0, 1, 2]);
        assert_eq!(groups[0].weight, 3);
    }

    #[test]
    fn weights_decide_which_place_anchors_a_group() {
        let marks = [
            Mark {
                item: 0,
                pos: pos2(0.0, 0.0),
                place: Some(1u32),
                weight: 5,
            },
            Mark {
                item: 1,
                pos: pos2(10.0, 0.0),
                place: Some(2u32),
                weight: 50,
            },
            Mark {
                item: 2,
                pos: pos2(10.0, 0.0),
                place: None,
                weight: 1,
            },
        ];
        let groups = group_marks(&marks, 20.0);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].pos, pos2(10.0, 0.0));
        assert_eq!(groups[0].weight, 56);
        assert!(group_marks::<u32>(&[], 20.0).is_empty());
    }

    fn edge(key: u32, y: f32, count: usize, name: &str) -> EdgePlace {
        let mut categories = CategoryCounts::default();
        categories.add(Category::Diplomacy, count as u32);
        EdgePlace {
            anchor: pos2(0.0, y),
            dir: vec2(-1.0, 0.0),
            events: (0..count).map(|k| key as usize * 100 + k).collect(),
            key,
            count,
            categories,
            example: key as usize * 100,
            name: name.to_owned(),
        }
    }

    #[test]
    fn nearby_arrows_merge_under_the_busiest_place() {
        let places = vec![
            edge(1, 100.0, 2, "Brussels"),
            edge(2, 110.0, 5, "Washington"),
            edge(3, 400.0, 1, "Moscow"),
        ];
        let arrows = merge_edges(places.clone(), true);
        assert_eq!(arrows.len(), 2);
        assert_eq!(arrows[0].place_name, "Washington");
        assert_eq!(arrows[0].count, 7);
        assert_eq!(arrows[0].anchor, pos2(0.0, 110.0));
        assert_eq!(arrows[0].categories.get(Category::Diplomacy), 7);
        assert!(matches!(
            arrows[0].kind,
            MarkerKind::Edge { more_places: 1, .. }
        ));
        assert_eq!(
            arrows[0].members,
            Members::Listed(vec![100, 101, 200, 201, 202, 203, 204])
        );
        assert_eq!(arrows[1].count, 1);
        let grouped = merge_edges(places, false);
        assert_eq!(grouped[0].members, Members::EdgePlaces(vec![2, 1]));
    }
}
