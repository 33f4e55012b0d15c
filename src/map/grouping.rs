//! Grouping markers that share a place or overlap on screen.

use eframe::egui::{Pos2, Vec2};
use std::collections::HashMap;

/// One marker to place: an event at a screen position, keyed by its place.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark<'a> {
    /// The event's dataset position.
    pub event: usize,
    /// Its screen position.
    pub pos: Pos2,
    /// Its place id; marks with the same place always group.
    pub place: &'a str,
}

/// A group of events drawn as one marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Event positions in the group, in the order given.
    pub events: Vec<usize>,
    /// Where the marker is drawn (the position of its largest place).
    pub pos: Pos2,
}

/// Groups marks: first by place, then places whose markers lie within `radius` points of a group.
/// Larger places claim first, so a crowd gathers around its busiest place. O(n) with a grid.
pub fn group_marks(marks: &[Mark<'_>], radius: f32) -> Vec<Group> {
    let mut by_place: HashMap<&str, usize> = HashMap::new();
    let mut places: Vec<Group> = Vec::new();
    for m in marks {
        let key = if m.place.is_empty() { "" } else { m.place };
        match by_place.get(key).filter(|_| !key.is_empty()) {
            Some(&g) => places[g].events.push(m.event),
            None => {
                by_place.insert(key, places.len());
                places.push(Group {
                    events: vec![m.event],
                    pos: m.pos,
                });
            }
        }
    }
    places.sort_by_key(|g| std::cmp::Reverse(g.events.len()));
    let cell = radius.max(1.0);
    let cell_of = |p: Pos2| ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for place in places {
        let (cx, cy) = cell_of(place.pos);
        let mut target = None;
        'search: for dx in -1..=1 {
            for dy in -1..=1 {
                for &g in grid.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let d: Vec2 = groups[g].pos - place.pos;
                    if d.length() <= radius {
                        target = Some(g);
                        break 'search;
                    }
                }
            }
        }
        match target {
            Some(g) => groups[g].events.extend(place.events),
            None => {
                grid.entry((cx, cy)).or_default().push(groups.len());
                groups.push(place);
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::pos2;

    #[test]
    fn same_place_groups_and_distant_places_do_not() {
        let marks = [
            Mark {
                event: 0,
                pos: pos2(100.0, 100.0),
                place: "tehran",
            },
            Mark {
                event: 1,
                pos: pos2(100.0, 100.0),
                place: "tehran",
            },
            Mark {
                event: 2,
                pos: pos2(300.0, 100.0),
                place: "baku",
            },
        ];
        let groups = group_marks(&marks, 20.0);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].events, vec![0, 1]);
        assert_eq!(groups[1].events, vec![2]);
    }

    #[test]
    fn overlapping_places_merge_into_the_larger() {
        let marks = [
            Mark {
                event: 0,
                pos: pos2(100.0, 100.0),
                place: "shusha",
            },
            Mark {
                event: 1,
                pos: pos2(108.0, 96.0),
                place: "khankendi",
            },
            Mark {
                event: 2,
                pos: pos2(108.0, 96.0),
                place: "khankendi",
            },
            Mark {
                event: 3,
                pos: pos2(160.0, 96.0),
                place: "aghdam",
            },
        ];
        let groups = group_marks(&marks, 20.0);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].pos, pos2(108.0, 96.0));
        let mut first = groups[0].events.clone();
        first.sort();
        assert_eq!(first, vec![0, 1, 2]);
    }

    #[test]
    fn no_marks_no_groups() {
        assert!(group_marks(&[], 20.0).is_empty());
    }
}
