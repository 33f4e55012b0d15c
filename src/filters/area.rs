//! Areas the events must lie in: named areas (a country, Nakhchivan, Karabakh, a control area of
//! the situation layer) and boxes drawn on the map, kept as a union.

use super::area_names::answers_to;
use super::line_band::band_along;
use crate::io::bundle::bundled_areas;
use crate::io::{Basemap, ShapeKind};
use geo::{Area, BoundingRect, Contains, Coord, Geometry, Point, Polygon, Rect};
use serde::{Deserialize, Serialize};

/// One area of the area filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AreaFilter {
    /// A named area of the map, by its name.
    Named(String),
    /// A longitude/latitude box, its edges included: `[min_lon, min_lat, max_lon, max_lat]`.
    Box([f64; 4]),
}

impl AreaFilter {
    /// A box from two corners in any order.
    pub fn boxed(a: (f64, f64), b: (f64, f64)) -> AreaFilter {
        AreaFilter::Box([a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)])
    }

    /// A short name for chips and the list ("Nakhchivan", "box 45.10–46.50°E 38.50–39.70°N").
    pub fn label(&self) -> String {
        match self {
            AreaFilter::Named(name) => name.clone(),
            AreaFilter::Box([w, s, e, n]) => {
                format!("box {w:.2}–{e:.2}°E {s:.2}–{n:.2}°N")
            }
        }
    }

    /// Parses `MINLON,MINLAT,MAXLON,MAXLAT` as given to `--bbox`.
    pub fn parse_box(text: &str) -> Result<AreaFilter, String> {
        let parts: Vec<f64> = text
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| {
                format!("--bbox `{text}`: expected MINLON,MINLAT,MAXLON,MAXLAT numbers")
            })?;
        let [w, s, e, n] = parts[..] else {
            return Err(format!(
                "--bbox `{text}`: expected four numbers, got {}",
                parts.len()
            ));
        };
        let valid = [w, s, e, n].iter().all(|v| v.is_finite())
            && (-180.0..=180.0).contains(&w)
            && (-180.0..=180.0).contains(&e)
            && (-90.0..=90.0).contains(&s)
            && (-90.0..=90.0).contains(&n);
        if !valid || w > e || s > n {
            return Err(format!(
                "--bbox `{text}`: need -180 ≤ MINLON ≤ MAXLON ≤ 180 and -90 ≤ MINLAT ≤ MAXLAT ≤ 90"
            ));
        }
        Ok(AreaFilter::Box([w, s, e, n]))
    }
}

/// What kind of area a named area is; smaller kinds come first when a click could mean several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AreaKind {
    /// A control area of the situation layer, or the corridor.
    Control,
    /// A marked region (Nakhchivan, Karabakh).
    Region,
    /// A country.
    Country,
    /// A sea or lake: named only, since a click on the sea clears the filter.
    Water,
    /// The ground along a line of the map (a border, a river, the corridor's road): named, or
    /// chosen from the map's context menu.
    Band,
}

impl AreaKind {
    /// Whether a click with the command modifier picks areas of this kind.
    pub fn clicked(self) -> bool {
        matches!(
            self,
            AreaKind::Control | AreaKind::Region | AreaKind::Country
        )
    }
}

/// How far the band along a line of the basemap reaches from it, in kilometres, and the band's
/// name; `None` for a shape that is not a line.
fn band_of(kind: ShapeKind, name: &str) -> Option<(f64, String)> {
    match kind {
        // the statement of 9/10 November 2020 gives the corridor a width of 5 km
        ShapeKind::Corridor => Some((2.5, format!("{name} (band 5 km wide)"))),
        ShapeKind::Border => Some((10.0, format!("{name} zone (within 10 km)"))),
        ShapeKind::River => Some((5.0, format!("{name} banks (within 5 km)"))),
        _ => None,
    }
}

/// The named area a basemap shape can be asked about as: its polygons, or the band along its
/// line.
fn area_of_shape(shape: &crate::io::Shape) -> Option<NamedArea> {
    let kind = match shape.kind {
        ShapeKind::Country => AreaKind::Country,
        ShapeKind::Region => AreaKind::Region,
        ShapeKind::Water => AreaKind::Water,
        kind => {
            let (km, name) = band_of(kind, &shape.name)?;
            let band = band_along(&shape.geometry, km)?;
            return Some(NamedArea {
                name,
                feature: Some(shape.name.clone()),
                line: Some(shape.kind),
                aliases: Vec::new(),
                kind: AreaKind::Band,
                geometry: Geometry::MultiPolygon(band),
                valid: None,
            });
        }
    };
    let areal = matches!(
        *shape.geometry,
        Geometry::Polygon(_) | Geometry::MultiPolygon(_)
    );
    areal.then(|| NamedArea {
        name: shape.name.clone(),
        feature: None,
        line: None,
        aliases: Vec::new(),
        kind,
        geometry: (*shape.geometry).clone(),
        valid: None,
    })
}

/// A named area with its geometry.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedArea {
    /// Its name, as the map and `--area` know it.
    pub name: String,
    /// The basemap feature's name when the area is named otherwise (a band along a line), which
    /// `--area` takes too.
    pub feature: Option<String>,
    /// For a band, the kind of line it runs along.
    pub line: Option<ShapeKind>,
    /// Other names it answers to, from the gazetteer's place of the same name ("Artsakh",
    /// "Karabakh", "Nakhichevan").
    pub aliases: Vec<String>,
    /// What it is.
    pub kind: AreaKind,
    /// Its polygons, in degrees.
    pub geometry: Geometry<f64>,
    /// When it exists on the map (an area of control); `None` for always.
    pub valid: Option<crate::model::Validity>,
}

/// The areas that can be named in an area filter.
#[derive(Clone, Debug, Default)]
pub struct AreaCatalog {
    areas: Vec<NamedArea>,
}

impl AreaCatalog {
    /// The areas of a basemap's shapes: countries, marked regions, seas and lakes, and the bands
    /// along its lines.
    pub fn from_basemap(basemap: &Basemap) -> AreaCatalog {
        let areas = basemap.shapes.iter().filter_map(area_of_shape).collect();
        AreaCatalog { areas }
    }

    /// The countries and marked regions of `basemap`, each with the polygons of its twin in
    /// `detail` (the feature of the same name and kind) where there is one: point events near a
    /// border are then tested against the border itself, not its generalised drawing.
    pub fn with_detail(basemap: &Basemap, detail: &Basemap) -> AreaCatalog {
        let mut catalog = AreaCatalog::from_basemap(basemap);
        let details = AreaCatalog::from_basemap(detail);
        for area in &mut catalog.areas {
            let twin = details
                .areas
                .iter()
                .find(|d| d.name == area.name && d.kind == area.kind);
            if let Some(twin) = twin {
                area.geometry = twin.geometry.clone();
            }
        }
        catalog
    }

    /// The countries and marked regions of `basemap` with the bundled detailed polygons
    /// (`assets/areas.geojson`): the catalogue of the window and of `export events --area`.
    pub fn detailed(basemap: &Basemap) -> AreaCatalog {
        AreaCatalog::with_detail(basemap, &bundled_areas())
    }

    /// The areas the atlas knows: the basemap's countries and regions with their unsimplified
    /// polygons, and the situation layer's areas of control (each by its record's name), with
    /// the other names the gazetteer gives them.
    pub fn bundled(basemap: &Basemap, situation: &crate::model::Situation) -> AreaCatalog {
        let mut catalog = AreaCatalog::detailed(basemap);
        catalog.name_as(&crate::io::bundle::bundled_places());
        catalog.add(situation.areas.iter().map(|a| NamedArea {
            name: a.record.name.clone(),
            feature: None,
            line: None,
            aliases: Vec::new(),
            kind: AreaKind::Control,
            geometry: Geometry::MultiPolygon(a.area.clone()),
            valid: Some(a.record.valid),
        }));
        catalog
    }

    /// Gives each area the other names of the gazetteer's place it is (a region, country, border
    /// or river of the same name; never a city, so the region Nakhchivan is not the city).
    pub fn name_as(&mut self, gazetteer: &[crate::model::Place]) {
        use crate::model::PlaceKind;
        for area in &mut self.areas {
            let typed = area.feature.clone().unwrap_or_else(|| area.name.clone());
            let place = gazetteer
                .iter()
                .filter(|p| p.kind != PlaceKind::City)
                .find(|p| p.is_named(&typed));
            if let Some(place) = place {
                area.aliases = place.names().map(str::to_owned).collect();
            }
        }
    }

    /// Adds areas (the situation layer's control areas).
    pub fn add(&mut self, areas: impl IntoIterator<Item = NamedArea>) {
        self.areas.extend(areas);
    }

    /// The area of a name, matched without regard to case: its name or its basemap feature's
    /// name, written whole or, for a name written both ways, with one of its ways alone; else one
    /// of the other names the gazetteer gives it.
    pub fn find(&self, name: &str) -> Option<&NamedArea> {
        let wanted = name.trim().to_lowercase();
        let names = |a: &'_ NamedArea| std::iter::once(a.name.clone()).chain(a.feature.clone());
        self.areas
            .iter()
            .find(|a| names(a).any(|n| n.to_lowercase() == wanted))
            .or_else(|| {
                self.areas
                    .iter()
                    .find(|a| names(a).any(|n| answers_to(&n, &wanted)))
            })
            .or_else(|| {
                self.areas
                    .iter()
                    .find(|a| a.aliases.iter().any(|n| n.to_lowercase() == wanted))
            })
    }

    /// Every name as `--area` takes it (a band by its line's name), in catalogue order.
    pub fn names(&self) -> Vec<&str> {
        self.areas
            .iter()
            .map(|a| a.feature.as_deref().unwrap_or(&a.name))
            .collect()
    }

    /// The bands along the map's lines that hold a point, narrowest first.
    pub fn along(&self, lon: f64, lat: f64) -> Vec<&NamedArea> {
        let p = Point::new(lon, lat);
        let mut hits: Vec<&NamedArea> = self
            .areas
            .iter()
            .filter(|a| a.kind == AreaKind::Band && a.geometry.contains(&p))
            .collect();
        hits.sort_by(|a, b| {
            let (a, b) = (a.geometry.unsigned_area(), b.geometry.unsigned_area());
            a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal)
        });
        hits
    }

    /// The areas a click picks at a point on a day (areas of control only while in force):
    /// control areas first, then regions, then countries, each kind smallest first. Seas and
    /// bands are left out.
    pub fn at(&self, lon: f64, lat: f64, day: chrono::NaiveDate) -> Vec<&NamedArea> {
        let p = Point::new(lon, lat);
        let mut hits: Vec<&NamedArea> = self
            .areas
            .iter()
            .filter(|a| a.kind.clicked())
            .filter(|a| a.valid.is_none_or(|v| v.contains(day)))
            .filter(|a| a.geometry.contains(&p))
            .collect();
        hits.sort_by(|a, b| {
            (a.kind, a.geometry.unsigned_area())
                .partial_cmp(&(b.kind, b.geometry.unsigned_area()))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        hits
    }

    /// The geometry of an area of the filter; `None` for an unknown name.
    pub fn geometry_of(&self, area: &AreaFilter) -> Option<Geometry<f64>> {
        match area {
            AreaFilter::Named(name) => self.find(name).map(|a| a.geometry.clone()),
            AreaFilter::Box([w, s, e, n]) => Some(Geometry::Rect(Rect::new(
                Coord { x: *w, y: *s },
                Coord { x: *e, y: *n },
            ))),
        }
    }

    /// The bounding box of an area's geometry.
    pub fn bounds_of(area: &Geometry<f64>) -> Option<Rect<f64>> {
        area.bounding_rect()
    }
}

/// The polygons of an areal geometry (a box becomes its polygon).
pub fn area_polygons(geometry: &Geometry<f64>) -> Vec<Polygon<f64>> {
    match geometry {
        Geometry::Polygon(p) => vec![p.clone()],
        Geometry::MultiPolygon(m) => m.0.clone(),
        Geometry::Rect(r) => vec![r.to_polygon()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundle::bundled_basemap;

    #[test]
    fn names_are_found_without_regard_to_case_and_clicks_find_the_smallest_area() {
        let catalog = AreaCatalog::from_basemap(&bundled_basemap());
        assert!(catalog.find("nakhchivan").is_some());
        assert!(catalog.find("ARMENIA").is_some());
        assert!(catalog.find("Atlantis").is_none());
        assert!(catalog.names().contains(&"Azerbaijan"));
        // Nakhchivan city lies in the exclave, which lies in Azerbaijan
        let day = chrono::NaiveDate::from_ymd_opt(2021, 6, 1).unwrap();
        let names: Vec<&str> = catalog
            .at(45.4126, 39.2089, day)
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names.first(), Some(&"Nakhchivan"), "{names:?}");
        assert!(names.contains(&"Azerbaijan"));
        assert!(
            catalog.at(50.5, 40.0, day).is_empty(),
            "the Caspian is no area"
        );
    }

    #[test]
    fn the_basemap_lines_are_areas_by_their_names_as_bands_a_click_does_not_pick() {
        let catalog = AreaCatalog::from_basemap(&bundled_basemap());
        let border = catalog.find("armenia–azerbaijan border").unwrap();
        assert_eq!(border.name, "Armenia–Azerbaijan border zone (within 10 km)");
        assert_eq!(border.kind, AreaKind::Band);
        assert_eq!(
            catalog.find("Armenia–Azerbaijan border zone (within 10 km)"),
            Some(border)
        );
        // a river answers to each of its names, the corridor to its basemap name
        let aras = catalog.find("Araz").unwrap();
        assert_eq!(aras.feature.as_deref(), Some("Aras / Araks / Araz"));
        let corridor = catalog.find("LACHIN CORRIDOR").unwrap();
        assert_eq!(corridor.line, Some(ShapeKind::Corridor));
        assert!(catalog.find("Caspian Sea").is_some());
        assert!(catalog.names().contains(&"Iran–Armenia border"));
        // Julfa and Ordubad lie on the Aras, where it parts Nakhchivan from Iran; Kapan lies
        // about 8 km from the border with Azerbaijan, Yerevan far from every line
        let near = |lon, lat| -> Vec<String> {
            let names = catalog.along(lon, lat).into_iter().map(|a| a.name.clone());
            names.collect()
        };
        for (lon, lat) in [(45.6296, 38.954), (46.0227, 38.9096)] {
            let bands = near(lon, lat);
            assert!(bands.contains(&"Iran–Azerbaijan border zone (within 10 km)".to_owned()));
            assert!(bands.contains(&"Aras / Araks / Araz banks (within 5 km)".to_owned()));
        }
        assert!(near(46.4068, 39.2076).contains(&border.name));
        assert_eq!(near(44.5136, 40.1811), Vec::<String>::new());
        // a click picks the country, never a band or the sea
        let day = chrono::NaiveDate::from_ymd_opt(2021, 6, 1).unwrap();
        let clicked: Vec<AreaKind> = catalog
            .at(45.6296, 38.954, day)
            .iter()
            .map(|a| a.kind)
            .collect();
        assert!(clicked.iter().all(|k| k.clicked()), "{clicked:?}");
        assert!(
            catalog.at(50.5, 40.0, day).is_empty(),
            "the Caspian is no click's area"
        );
    }

    #[test]
    fn areas_answer_to_the_gazetteer_s_other_names_for_them() {
        let situation = crate::io::bundle::bundled_situation();
        let catalog = AreaCatalog::bundled(&bundled_basemap(), &situation);
        let name = |typed: &str| catalog.find(typed).map(|a| a.name.clone());
        for typed in ["Artsakh", "karabakh", "Dağlıq Qarabağ"] {
            assert_eq!(name(typed).as_deref(), Some("Nagorno-Karabakh"), "{typed}");
        }
        for typed in ["Nakhichevan", "Nakhchivan Autonomous Republic"] {
            assert_eq!(name(typed).as_deref(), Some("Nakhchivan"), "{typed}");
        }
        assert_eq!(
            name("Azerbaijan–Iran border").as_deref(),
            Some("Iran–Azerbaijan border zone (within 10 km)")
        );
        assert_eq!(name("Republic of Armenia").as_deref(), Some("Armenia"));
        // a city's names are not an area's
        assert_eq!(name("Naxçıvan"), None);
    }

    #[test]
    fn areas_of_control_are_found_only_while_in_force() {
        let situation = crate::io::bundle::bundled_situation();
        let catalog = AreaCatalog::bundled(&bundled_basemap(), &situation);
        let khankendi = (46.7528, 39.8153);
        let on = |y, m, d| {
            let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let areas = catalog.at(khankendi.0, khankendi.1, day);
            areas.first().map(|a| (a.name.clone(), a.kind))
        };
        let (name, kind) = on(2012, 3, 12).unwrap();
        assert!(name.starts_with("Held area 1994–2020"), "{name}");
        assert_eq!(kind, AreaKind::Control);
        let (name, _) = on(2021, 6, 1).unwrap();
        assert!(name.starts_with("Russian peacekeeping area"), "{name}");
        // after September 2023 the smallest area holding Khankendi is the former oblast
        let (name, kind) = on(2024, 6, 1).unwrap();
        assert_eq!(
            (name.as_str(), kind),
            ("Nagorno-Karabakh", AreaKind::Region)
        );
        assert!(
            catalog
                .find("russian peacekeeping area (nagorno-karabakh)")
                .is_some()
        );
    }

    #[test]
    fn detailed_polygons_replace_the_drawn_ones_where_a_twin_of_the_same_kind_exists() {
        use geo::CoordsIter;
        let basemap = bundled_basemap();
        let drawn = AreaCatalog::from_basemap(&basemap);
        let detailed = AreaCatalog::detailed(&basemap);
        assert_eq!(drawn.names(), detailed.names());
        let geometry = |c: &AreaCatalog, name: &str| c.find(name).unwrap().geometry.clone();
        let vertices = |c: &AreaCatalog, name: &str| geometry(c, name).coords_count();
        assert_eq!(vertices(&drawn, "Nakhchivan"), 73);
        assert_eq!(vertices(&detailed, "Nakhchivan"), 151);
        assert!(vertices(&detailed, "Azerbaijan") > vertices(&drawn, "Azerbaijan"));
        // Ordubad, on the Aras, lies in both Nakhchivans
        let places = crate::io::bundle::bundled_places();
        let ordubad = places.iter().find(|p| p.id == "ordubad").unwrap();
        let ordubad = Point::new(ordubad.lon, ordubad.lat);
        assert!(geometry(&drawn, "Nakhchivan").contains(&ordubad));
        assert!(geometry(&detailed, "Nakhchivan").contains(&ordubad));
        // without a twin, or with a twin of another kind, an area keeps the basemap's polygons
        let mut partial = bundled_areas();
        partial.shapes.retain(|s| s.name != "Georgia");
        for s in &mut partial.shapes {
            if s.name == "Armenia" {
                s.kind = ShapeKind::Region;
            }
        }
        let mixed = AreaCatalog::with_detail(&basemap, &partial);
        for (name, expected) in [
            ("Georgia", &drawn),
            ("Armenia", &drawn),
            ("Iran", &detailed),
        ] {
            assert_eq!(geometry(&mixed, name), geometry(expected, name), "{name}");
        }
        assert_ne!(geometry(&drawn, "Iran"), geometry(&detailed, "Iran"));
    }

    #[test]
    fn boxes_parse_or_say_why_not() {
        assert_eq!(
            AreaFilter::parse_box("45,38.5,46.5,39.7"),
            Ok(AreaFilter::Box([45.0, 38.5, 46.5, 39.7]))
        );
        assert!(
            AreaFilter::parse_box("45,38")
                .unwrap_err()
                .contains("four numbers")
        );
        assert!(
            AreaFilter::parse_box("46,38,45,39")
                .unwrap_err()
                .contains("MINLON ≤ MAXLON")
        );
        assert!(
            AreaFilter::parse_box("a,b,c,d")
                .unwrap_err()
                .contains("numbers")
        );
        assert_eq!(
            AreaFilter::boxed((46.5, 39.7), (45.0, 38.5)),
            AreaFilter::Box([45.0, 38.5, 46.5, 39.7])
        );
        assert_eq!(AreaFilter::Named("Nakhchivan".into()).label(), "Nakhchivan");
    }
}
