//! What the extractor knows about places: the gazetteer's entries with all their names, the
//! capitals its notes name, and places the gazetteer lacks but the basemap draws (countries and
//! borders from Natural Earth), which become ad-hoc places at a point of their outline, marked
//! approximate. Nothing here is typed in by hand except country adjectives and the seats of a few
//! international bodies, which are named as outside knowledge.

use super::words::{Word, words};
use crate::io::Basemap;
use crate::io::basemap::ShapeKind;
use crate::model::{Place, PlaceKind};
use geo::InteriorPoint;

/// Country names and the adjectives and short forms that name them in news text.
pub const COUNTRY_WORDS: [(&str, &[&str]); 12] = [
    ("Iran", &["Iranian", "Persian"]),
    ("Azerbaijan", &["Azerbaijani", "Azeri"]),
    ("Armenia", &["Armenian"]),
    ("Georgia", &["Georgian"]),
    ("Turkey", &["Turkish", "Türkiye"]),
    ("Russia", &["Russian"]),
    ("Israel", &["Israeli"]),
    ("United States", &["US", "U.S.", "American", "USA"]),
    ("Iraq", &["Iraqi"]),
    ("Syria", &["Syrian"]),
    ("Kazakhstan", &["Kazakh"]),
    ("Ukraine", &["Ukrainian"]),
];

/// Capitals that stand for their governments ("Baku said", "according to Yerevan"), with their
/// countries: outside knowledge, as [`SEATS`] is.
pub const CAPITALS: [(&str, &str); 10] = [
    ("Baku", "Azerbaijan"),
    ("Yerevan", "Armenia"),
    ("Tehran", "Iran"),
    ("Tbilisi", "Georgia"),
    ("Ankara", "Turkey"),
    ("Moscow", "Russia"),
    ("Washington", "United States"),
    ("Baghdad", "Iraq"),
    ("Damascus", "Syria"),
    ("Kyiv", "Ukraine"),
];

/// The country whose government a capital's name stands for.
///
/// ```
/// use caucasus_atlas::extract::gazetteer::seat_country;
/// assert_eq!(seat_country("Yerevan"), Some("Armenia"));
/// assert_eq!(seat_country("Goris"), None);
/// ```
pub fn seat_country(word: &str) -> Option<&'static str> {
    CAPITALS
        .iter()
        .find(|(capital, _)| *capital == word)
        .map(|(_, country)| *country)
}

/// Compass words that, capitalised before a country's name, make another place of it: "East
/// Azerbaijan" and "West Azerbaijan" are provinces of Iran, "South Azerbaijan" a name for them.
const COMPASS: [&str; 4] = ["East", "West", "North", "South"];

/// Outside knowledge: where international bodies and metonyms sit (gazetteer ids).
pub const SEATS: [(&str, &str); 9] = [
    ("European Union", "brussels"),
    ("EU", "brussels"),
    ("NATO", "brussels"),
    ("Kremlin", "moscow"),
    ("CSTO", "moscow"),
    ("White House", "washington"),
    ("State Department", "washington"),
    ("Department of State", "washington"),
    ("Pentagon", "washington"),
];

/// A place the extractor can propose: a gazetteer entry or an ad-hoc one from the basemap.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The place (for ad-hoc places: coordinates from the basemap, and a note saying so).
    pub place: Place,
    /// Whether the gazetteer lacks it.
    pub ad_hoc: bool,
    /// The basemap shape that draws it (a region, border or corridor), if any.
    pub shape: Option<String>,
}

/// The places, their names and capitals.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    /// Every place: gazetteer entries first, then ad-hoc ones.
    pub places: Vec<Candidate>,
    /// Every name (as written) with the index of its place, longest first.
    pub names: Vec<(String, usize)>,
    /// Basemap shapes of corridors, by name ("Lachin corridor").
    pub corridors: Vec<String>,
    /// Provinces by name ("East Azerbaijan") with the index of their capital, from the
    /// gazetteer's "Capital of … Province." notes.
    pub provinces: Vec<(String, usize)>,
}

impl Gazetteer {
    /// Builds the index from a gazetteer and the basemap.
    pub fn new(places: &[Place], basemap: &Basemap) -> Gazetteer {
        let mut g = Gazetteer::default();
        for p in places {
            let shape = matching_shape(p, basemap);
            g.places.push(Candidate {
                place: p.clone(),
                ad_hoc: false,
                shape,
            });
        }
        for shape in &basemap.shapes {
            match shape.kind {
                ShapeKind::Country | ShapeKind::Border
                    if g.find_shape_place(&shape.name).is_none() =>
                {
                    if let Some(c) = ad_hoc_from_shape(shape) {
                        g.places.push(c);
                    }
                }
                ShapeKind::Corridor => g.corridors.push(shape.name.clone()),
                _ => {}
            }
        }
        g.index_names();
        g.provinces = g
            .places
            .iter()
            .enumerate()
            .filter(|(_, c)| c.place.kind == PlaceKind::City)
            .filter_map(|(i, c)| Some((province_of_note(&c.place.note)?, i)))
            .collect();
        g
    }

    /// Every name of every place (of three characters or more), with the index of its place,
    /// longest first.
    fn index_names(&mut self) {
        self.names.clear();
        for (i, c) in self.places.iter().enumerate() {
            for n in c.place.names() {
                if n.chars().count() >= 3 && !self.names.iter().any(|(m, j)| m == n && *j == i) {
                    self.names.push((n.to_owned(), i));
                }
            }
        }
        self.names
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
    }

    /// This gazetteer with `more` places after its own (towns an article names that it lacks),
    /// their names found like any other. A place with the id of one it holds takes that one's stead (the same town, with a name
    /// the article writes added).
    pub fn with_places(&self, more: Vec<Candidate>) -> Gazetteer {
        let mut g = self.clone();
        for c in more {
            match g.places.iter_mut().find(|p| p.place.id == c.place.id) {
                Some(held) => *held = c,
                None => g.places.push(c),
            }
        }
        g.index_names();
        g
    }

    /// The bundled gazetteer and basemap.
    pub fn bundled() -> Gazetteer {
        Gazetteer::new(
            &crate::io::bundle::bundled_places(),
            &crate::io::bundle::bundled_basemap(),
        )
    }

    fn find_shape_place(&self, shape: &str) -> Option<usize> {
        self.places.iter().position(|c| {
            c.shape.as_deref() == Some(shape)
                || (c.place.kind == PlaceKind::Country && c.place.name == shape)
        })
    }

    /// The place with this id.
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.places.iter().position(|c| c.place.id == id)
    }

    /// The country place of a country name ("Iran") or adjective ("Iranian").
    pub fn country(&self, word: &str) -> Option<usize> {
        let name = country_name(word)?;
        self.places
            .iter()
            .position(|c| c.place.kind == PlaceKind::Country && c.place.name == name)
    }

    /// The capital of a country, from the gazetteer's notes ("Capital of Armenia.").
    pub fn capital(&self, country: &str) -> Option<usize> {
        self.places.iter().position(|c| {
            let p = &c.place;
            p.kind == PlaceKind::City
                && p.country == country
                && p.note
                    .split("Capital of ")
                    .nth(1)
                    .and_then(|rest| rest.split('.').next())
                    .is_some_and(|of| of == country)
        })
    }

    /// The province a phrase names ("the East Azerbaijan provincial government"), with the index
    /// of its capital.
    pub fn province_in(&self, phrase: &str) -> Option<(&str, usize)> {
        self.provinces
            .iter()
            .find(|(name, _)| {
                phrase.match_indices(name.as_str()).any(|(at, _)| {
                    let end = at + name.len();
                    phrase[..at]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
                        && phrase[end..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric())
                })
            })
            .map(|(name, i)| (name.as_str(), *i))
    }

    /// The countries a phrase names: the country of a province it names, then its country words
    /// ("Azerbaijani", "Iran's"), leaving out those a compass word makes another place.
    pub fn countries_in(&self, phrase: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if let Some((_, capital)) = self.province_in(phrase) {
            out.push(self.places[capital].place.country.clone());
        }
        for x in words(phrase) {
            if let Some(c) = country_word(phrase, &x)
                && !out.iter().any(|o| o == c)
            {
                out.push(c.to_owned());
            }
        }
        out
    }

    /// The border place between two countries: a gazetteer border, else one drawn by the basemap.
    pub fn border(&self, a: &str, b: &str) -> Option<usize> {
        self.places.iter().position(|c| {
            let p = &c.place;
            p.kind == PlaceKind::Border
                && a != b
                && [a, b]
                    .iter()
                    .all(|n| p.name.contains(n) || p.country.split(" / ").any(|x| x.trim() == *n))
        })
    }
}

/// The country a name or adjective refers to.
pub fn country_name(word: &str) -> Option<&'static str> {
    COUNTRY_WORDS
        .iter()
        .find(|(name, words)| *name == word || words.contains(&word))
        .map(|(name, _)| *name)
}

/// The country a word of `text` names, unless a capitalised compass word before it makes it
/// another place ("East Azerbaijan").
pub fn country_word(text: &str, word: &Word<'_>) -> Option<&'static str> {
    if after_compass(text, word.start) {
        return None;
    }
    country_name(word.text)
}

/// Whether a capitalised compass word ("East", "South") stands just before byte `start` of `text`.
pub fn after_compass(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    COMPASS.iter().any(|c| {
        before.ends_with(c)
            && before[..before.len() - c.len()]
                .chars()
                .next_back()
                .is_none_or(|ch| !ch.is_alphanumeric())
    })
}

/// The province a gazetteer note makes the place the capital of ("Capital of East Azerbaijan
/// Province." gives "East Azerbaijan").
fn province_of_note(note: &str) -> Option<String> {
    let rest = note.split("Capital of ").nth(1)?;
    let name = rest.split('.').next()?.strip_suffix(" Province")?.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// The basemap shape that draws a gazetteer country, region, border or corridor, by one of its
/// names.
fn matching_shape(p: &Place, basemap: &Basemap) -> Option<String> {
    let kind = match p.kind {
        PlaceKind::Country => ShapeKind::Country,
        PlaceKind::Region => ShapeKind::Region,
        PlaceKind::Border => ShapeKind::Border,
        PlaceKind::Corridor => ShapeKind::Corridor,
        _ => return None,
    };
    let mut names = vec![p.name.as_str()];
    names.extend(p.alt_names.iter().map(String::as_str));
    basemap
        .shapes
        .iter()
        .find(|s| s.kind == kind && names.contains(&s.name.as_str()))
        .map(|s| s.name.clone())
}

/// An ad-hoc place for a basemap country or border the gazetteer lacks, at a point of its shape.
fn ad_hoc_from_shape(shape: &crate::io::Shape) -> Option<Candidate> {
    let point = shape.geometry.interior_point()?;
    let (kind, what, drawn) = match shape.kind {
        ShapeKind::Country => (
            PlaceKind::Country,
            "inside the outline",
            Some(shape.name.clone()),
        ),
        _ => (PlaceKind::Border, "on the line", Some(shape.name.clone())),
    };
    let country = if kind == PlaceKind::Country {
        shape.name.clone()
    } else {
        shape.name.trim_end_matches(" border").replace('–', " / ")
    };
    let mut place = Place::ad_hoc(
        &crate::io::slug::slug(&shape.name),
        &shape.name,
        &country,
        (point.y() * 1e4).round() / 1e4,
        (point.x() * 1e4).round() / 1e4,
    );
    place.kind = kind;
    place.note = format!(
        "Approximate: a point {what} of {} in the atlas's basemap (Natural Earth 1:10m, via world-atlas), chosen by geo's interior point; not a GeoNames entry. Added by the article extractor because the gazetteer lacks it.",
        shape.name
    );
    Some(Candidate {
        place,
        ad_hoc: true,
        shape: drawn,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_places_capitals_and_ad_hoc_countries() {
        let g = Gazetteer::bundled();
        let tehran = g.capital("Iran").map(|i| g.places[i].place.id.as_str());
        assert_eq!(tehran, Some("tehran"));
        assert_eq!(
            g.capital("Armenia").map(|i| g.places[i].place.id.as_str()),
            Some("yerevan")
        );
        let border = g.border("Iran", "Azerbaijan").unwrap();
        assert_eq!(g.places[border].place.id, "iran-azerbaijan-border");
        assert_eq!(
            g.places[border].shape.as_deref(),
            Some("Iran–Azerbaijan border")
        );
        // Armenia has its own gazetteer entry; Georgia has none, so its point is made from the
        // basemap's outline and says so
        let armenia = g.country("Armenian").unwrap();
        assert_eq!(g.places[armenia].place.id, "armenia");
        assert!(!g.places[armenia].ad_hoc);
        let georgia = g.country("Georgian").unwrap();
        let c = &g.places[georgia];
        assert!(c.ad_hoc);
        assert!((41.0..43.6).contains(&c.place.lat) && (40.0..46.8).contains(&c.place.lon));
        assert!(c.place.note.starts_with("Approximate"));
        let ab = g.border("Armenia", "Azerbaijan").unwrap();
        assert!(g.places[ab].ad_hoc);
        assert_eq!(
            g.places[ab].shape.as_deref(),
            Some("Armenia–Azerbaijan border")
        );
        let iran = g.country("Iran").unwrap();
        assert!(!g.places[iran].ad_hoc);
        assert!(g.corridors.iter().any(|c| c == "Lachin corridor"));
        // a country is drawn as its outline
        assert_eq!(g.places[iran].shape.as_deref(), Some("Iran"));
        assert_eq!(c.shape.as_deref(), Some("Georgia"));
        // the Nakhchivan region is drawn by the basemap, the city is not
        let ar = g.by_id("nakhchivan-ar").unwrap();
        assert_eq!(g.places[ar].shape.as_deref(), Some("Nakhchivan"));
        assert_eq!(g.places[g.by_id("nakhchivan").unwrap()].shape, None);
    }

    #[test]
    fn provinces_come_from_capital_notes_and_compass_words_make_other_places() {
        let g = Gazetteer::bundled();
        let (name, capital) = g
            .province_in("the East Azerbaijan provincial government")
            .unwrap();
        assert_eq!(name, "East Azerbaijan");
        assert_eq!(g.places[capital].place.id, "tabriz");
        assert_eq!(
            g.countries_in("the East Azerbaijan provincial government"),
            ["Iran"]
        );
        assert_eq!(
            g.countries_in("the issue of \"South Azerbaijan\" in Iran's parliament"),
            ["Iran"]
        );
        assert_eq!(
            g.countries_in("the Azerbaijani Foreign Ministry"),
            ["Azerbaijan"]
        );
        assert_eq!(g.province_in("Eastern Azerbaijan"), None);
        let text = "North Azerbaijan and Armenia";
        let w = words(text);
        assert_eq!(country_word(text, &w[1]), None);
        assert_eq!(country_word(text, &w[3]), Some("Armenia"));
    }
}
