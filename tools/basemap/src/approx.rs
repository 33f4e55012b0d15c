//! Places used for checks, and the hand-defined approximate features that
//! world-atlas does not contain (former NKAO outline, lakes, the corridor's
//! via points). Everything here is marked approximate in the output.

use geo::{Coord, Orient, Polygon, orient::Direction};

use crate::geom::{egg, ll};

/// A named place as (name, lon, lat).
pub type Place = (&'static str, f64, f64);

/// Nakhchivan city.
pub const NAKHCHIVAN_CITY: Place = ("Nakhchivan city", 45.4122, 39.2089);
/// Khankendi / Stepanakert.
pub const KHANKENDI: Place = ("Khankendi/Stepanakert", 46.7519, 39.8153);
/// Lachin town.
pub const LACHIN: Place = ("Lachin", 46.5469, 39.6408);
/// Goris (Armenia), start of the old road to Lachin.
pub const GORIS: Place = ("Goris", 46.3383, 39.5111);
/// A point of the old Lachin–Shusha road near Shusha.
pub const NEAR_SHUSHA: Place = ("near Shusha", 46.70, 39.74);
/// Tabriz.
pub const TABRIZ: Place = ("Tabriz", 46.2919, 38.0800);
/// Kapan.
pub const KAPAN: Place = ("Kapan", 46.4058, 39.2076);
/// Tehran.
pub const TEHRAN: Place = ("Tehran", 51.4215, 35.6944);
/// Baku.
pub const BAKU: Place = ("Baku", 49.8920, 40.3777);
/// Yerevan.
pub const YEREVAN: Place = ("Yerevan", 44.5136, 40.1811);
/// Tbilisi.
pub const TBILISI: Place = ("Tbilisi", 44.8337, 41.6941);

/// Places that lay inside the former NKAO.
pub const NKAO_INSIDE: [Place; 7] = [
    KHANKENDI,
    ("Shusha", 46.7486, 39.7583),
    ("Askeran", 46.8326, 39.9366),
    ("Martakert/Aghdara", 46.8208, 40.2128),
    ("Martuni/Khojavend", 47.1127, 39.7950),
    ("Hadrut", 47.0311, 39.5200),
    ("Sarsang reservoir", 46.55, 40.15),
];

/// Places that lay outside the former NKAO (Aghdam and Fuzuli just outside).
pub const NKAO_OUTSIDE: [Place; 4] = [
    LACHIN,
    ("Aghdam", 46.9300, 39.9911),
    ("Kalbajar", 46.0389, 40.1050),
    ("Fuzuli", 47.1431, 39.6003),
];

/// Note attached to the Nagorno-Karabakh region.
pub const NKAO_NOTE: &str =
    "approximate outline of the former NKAO (1923–1991); not an official boundary";

/// Note attached to the hand-defined lakes.
pub const LAKE_NOTE: &str = "approximate outline; not in world-atlas";

/// Approximate outline of the former Nagorno-Karabakh Autonomous Oblast,
/// traced clockwise from the north as (lon, lat). Hand-drawn from general
/// reference maps; accurate to several kilometres only.
const NKAO_OUTLINE: [(f64, f64); 20] = [
    (46.50, 40.31),
    (46.66, 40.30),
    (46.80, 40.28),
    (46.92, 40.18),
    (46.93, 40.08),
    (46.88, 40.00),
    (46.97, 39.93),
    (47.08, 39.90),
    (47.20, 39.83),
    (47.22, 39.74),
    (47.14, 39.66),
    (47.10, 39.56),
    (47.06, 39.48),
    (46.98, 39.42),
    (46.86, 39.45),
    (46.78, 39.53),
    (46.68, 39.62),
    (46.64, 39.73),
    (46.52, 39.90),
    (46.40, 40.10),
];

/// The approximate NKAO polygon (counter-clockwise).
pub fn nkao() -> Polygon<f64> {
    let ring: Vec<Coord<f64>> = NKAO_OUTLINE.iter().map(|&(x, y)| ll(x, y)).collect();
    Polygon::new(ring.into(), vec![]).orient(Direction::Default)
}

/// Approximate Lake Sevan: ~75 x 28 km, axis NW–SE, wider at the SE end
/// (Big Sevan) than at the NW end (Small Sevan).
pub fn lake_sevan() -> Polygon<f64> {
    egg(ll(45.28, 40.38), 37.5, 12.5, 130.0, 0.4, 18)
}

/// Approximate Lake Urmia: ~130 km N–S (axis slightly NNW–SSE) x ~40 km.
pub fn lake_urmia() -> Polygon<f64> {
    egg(ll(45.40, 37.70), 65.0, 20.0, 168.0, 0.0, 18)
}

/// Coordinate of a place.
pub fn at(p: Place) -> Coord<f64> {
    ll(p.1, p.2)
}
