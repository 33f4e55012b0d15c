//! Self-checks of the situation layer: towns in or out of areas on given days,
//! no area in force after the 2023 ceasefire, no two areas overlapping.

use geo::{Area, BooleanOps, Contains, Coord, Point};

use crate::geom::KM_PER_DEG;
use crate::geonames::Gazetteer;
use crate::towns::{self, TownRef};

use super::Item;

/// What a town's status must be on a day: (town, day, status or None).
type PointCheck = (TownRef, &'static str, Option<&'static str>);

const HELD: Option<&str> = Some("armenian_held");
const PEACE: Option<&str> = Some("peacekeeping");
const CORRIDOR: Option<&str> = Some("corridor");

/// The point checks; the app's integration tests check the same facts.
pub const POINT_CHECKS: [PointCheck; 40] = [
    // March 2012 (the Abiyev visit): Lachin and Kalbajar held.
    (towns::LACHIN, "2012-03-12", HELD),
    (towns::KALBAJAR, "2012-03-12", HELD),
    (towns::KHANKENDI, "2012-03-12", HELD),
    (towns::SHUSHA, "2012-03-12", HELD),
    (towns::HADRUT, "2012-03-12", HELD),
    (towns::AGHDAM, "2019-06-01", HELD),
    (towns::JABRAYIL, "2019-06-01", HELD),
    (towns::QUBADLI, "2019-06-01", HELD),
    (towns::GORIS, "2012-03-12", None),
    (towns::BAKU, "2012-03-12", None),
    // The wars: nothing drawn.
    (towns::KHANKENDI, "1990-06-01", None),
    (towns::KHANKENDI, "2020-10-15", None),
    // After the statement of 10 November 2020.
    (towns::KHANKENDI, "2020-11-10", PEACE),
    (towns::KHANKENDI, "2021-06-01", PEACE),
    (towns::KHANKENDI, "2023-09-18", PEACE),
    (towns::SHUSHA, "2020-11-10", None),
    (towns::SHUSHA, "2021-06-01", None),
    (towns::SHUSHA, "2022-09-01", None),
    (towns::HADRUT, "2020-11-10", None),
    (towns::HADRUT, "2021-06-01", None),
    (towns::MARTUNI, "2021-06-01", PEACE),
    (towns::ASKERAN, "2021-06-01", PEACE),
    (towns::KHOJALY, "2021-06-01", PEACE),
    (towns::MARTAKERT, "2021-06-01", PEACE),
    (towns::JABRAYIL, "2021-06-01", None),
    (towns::FUZULI, "2021-06-01", None),
    // Handovers.
    (towns::AGHDAM, "2020-11-19", HELD),
    (towns::AGHDAM, "2020-11-21", None),
    (towns::KALBAJAR, "2020-11-24", HELD),
    (towns::KALBAJAR, "2020-11-26", None),
    (towns::LACHIN, "2020-11-30", CORRIDOR),
    (towns::LACHIN, "2021-06-01", CORRIDOR),
    (towns::LACHIN, "2022-08-25", CORRIDOR),
    (towns::LACHIN, "2022-08-26", None),
    (towns::LACHIN, "2023-01-01", None),
    (towns::GORIS, "2021-06-01", None),
    (towns::TEGH, "2023-01-01", None),
    // After the ceasefire of 20 September 2023.
    (towns::KHANKENDI, "2023-09-20", None),
    (towns::KHANKENDI, "2024-06-01", None),
    (towns::LACHIN, "2023-09-20", None),
];

/// Days on which no area may be in force, and a note must say why.
const NOTHING_DRAWN: [&str; 3] = ["1990-06-01", "2020-10-15", "2023-09-19"];
/// From this day no `armenian_held` or `peacekeeping` area may be in force.
const NO_AREA_FROM: &str = "2023-09-20";
/// Overlap (km²) tolerated between two areas in force together: what rounding
/// to 4 decimals leaves along shared edges.
const MAX_OVERLAP_KM2: f64 = 0.05;
/// Latitude for converting square degrees to km² near Karabakh.
const REF_LAT: f64 = 39.8;

/// The status of the area in force at `at` on `day`, if any.
pub fn status_at<'a>(items: &'a [Item], at: Coord<f64>, day: &str) -> Option<&'a str> {
    items
        .iter()
        .filter(|i| i.in_force(day))
        .find(|i| i.area().is_some_and(|a| a.contains(&Point::from(at))))
        .and_then(|i| i.status.as_deref())
}

/// Runs every check; the first failure is the error.
pub fn run(items: &[Item], g: &Gazetteer) -> Result<(), String> {
    for (t, day, want) in POINT_CHECKS {
        let town = towns::get(g, t)?;
        let got = status_at(items, town.at(), day);
        crate::check(got == want, || {
            format!(
                "{} on {day}: status {got:?}, expected {want:?}",
                town.name()
            )
        })?;
    }
    for day in NOTHING_DRAWN {
        let areas = items
            .iter()
            .filter(|i| i.in_force(day) && i.area().is_some())
            .count();
        let notes = items
            .iter()
            .filter(|i| i.in_force(day) && i.kind == "note")
            .count();
        crate::check(areas == 0 && notes > 0, || {
            format!("{day}: {areas} areas and {notes} notes in force; expected none and a note")
        })?;
    }
    for i in items {
        let bounded = i.valid_to.as_deref().is_some_and(|t| t <= NO_AREA_FROM);
        let held = matches!(i.status.as_deref(), Some("armenian_held" | "peacekeeping"));
        crate::check(!held || bounded, || {
            format!("{} is still in force on {NO_AREA_FROM}", i.id)
        })?;
    }
    no_overlaps(items)
}

/// Checks that no two areas in force on the same day overlap.
fn no_overlaps(items: &[Item]) -> Result<(), String> {
    let km2 = KM_PER_DEG * KM_PER_DEG * REF_LAT.to_radians().cos();
    let areas: Vec<&Item> = items.iter().filter(|i| i.area().is_some()).collect();
    for (k, a) in areas.iter().enumerate() {
        for b in &areas[k + 1..] {
            let together = a.valid_from.as_deref().into_iter().any(|d| b.in_force(d))
                || b.valid_from.as_deref().into_iter().any(|d| a.in_force(d));
            let (Some(pa), Some(pb)) = (a.area(), b.area()) else {
                continue;
            };
            if !together {
                continue;
            }
            let overlap = pa.intersection(pb).unsigned_area() * km2;
            crate::check(overlap <= MAX_OVERLAP_KM2, || {
                format!("{} and {} overlap by {overlap:.2} km²", a.id, b.id)
            })?;
        }
    }
    Ok(())
}
