//! The towns of GeoNames' cities500 table within the map's region (`assets/towns.json`, written
//! by `make-basemap`), by name: where the gazetteer lacks a town that an article or a table names,
//! its point can still be found, with how sure the choice among namesakes is. Never drawn.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Outside knowledge: the countries of the region's ISO 3166 codes, as the gazetteer names them.
const COUNTRY_CODES: [(&str, &str); 9] = [
    ("AM", "Armenia"),
    ("AZ", "Azerbaijan"),
    ("GE", "Georgia"),
    ("IR", "Iran"),
    ("TR", "Turkey"),
    ("RU", "Russia"),
    ("IQ", "Iraq"),
    ("SY", "Syria"),
    ("KZ", "Kazakhstan"),
];

/// One town of the table.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Town {
    /// GeoNames id.
    pub geonames_id: u64,
    /// GeoNames' name.
    pub name: String,
    /// Its other names in Latin script.
    #[serde(default)]
    pub names: Vec<String>,
    /// ISO 3166 country code.
    pub country: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// GeoNames' population (0 when unknown).
    #[serde(default)]
    pub population: u64,
    /// The name the atlas shows for a contested town, both ways ("Kalbajar / Karvachar").
    #[serde(default)]
    pub shown: Option<String>,
}

#[derive(Deserialize)]
struct TownsFile {
    towns: Vec<Town>,
}

/// The towns, and each of their names with the towns that carry it.
#[derive(Clone, Debug, Default)]
pub struct Towns {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    towns: Vec<Town>,
    by_name: HashMap<String, Vec<usize>>,
}

/// A town found for a name, and how sure the choice is.
#[derive(Clone, Debug, PartialEq)]
pub struct Found<'a> {
    /// The town.
    pub town: &'a Town,
    /// The name as the article writes it.
    pub written: String,
    /// How many towns of the table carry that name.
    pub namesakes: usize,
    /// Why this one among them, when there are several.
    pub why: String,
}

impl Town {
    /// A place at this town's GeoNames point named `name`, with its country and GeoNames id
    /// (`geonames-ID`); its note is the caller's to write.
    pub fn place(&self, name: &str) -> crate::model::Place {
        let mut place = crate::model::Place::ad_hoc(
            &format!("geonames-{}", self.geonames_id),
            name,
            country_of_code(&self.country),
            self.lat,
            self.lon,
        );
        place.geonames_id = Some(self.geonames_id);
        place
    }
}

impl Towns {
    /// The table read from `assets/towns.json`'s text; an unreadable text gives no towns.
    pub fn from_json(text: &str) -> Towns {
        let towns = serde_json::from_str::<TownsFile>(text)
            .map(|f| f.towns)
            .unwrap_or_default();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, town) in towns.iter().enumerate() {
            // a contested town is also found by either of the names the atlas shows it by
            let shown = town.shown.iter().flat_map(|s| s.split(" / "));
            let names = std::iter::once(town.name.as_str())
                .chain(town.names.iter().map(String::as_str))
                .chain(shown);
            for name in names {
                let list = by_name.entry(name.to_owned()).or_default();
                if !list.contains(&k) {
                    list.push(k);
                }
            }
        }
        Towns {
            inner: Arc::new(Inner { towns, by_name }),
        }
    }

    /// The bundled table.
    pub fn bundled() -> Towns {
        static BUNDLED: std::sync::OnceLock<Towns> = std::sync::OnceLock::new();
        BUNDLED
            .get_or_init(|| Towns::from_json(crate::io::bundle::TOWNS_JSON))
            .clone()
    }

    /// The town a table's place names, in the country it names when it names one ("Gazakh",
    /// "Gazakh, Azerbaijan", or "Gazakh" with a country column), as [`Towns::find`] chooses.
    ///
    /// ```
    /// use caucasus_atlas::io::towns::Towns;
    /// let towns = Towns::bundled();
    /// assert_eq!(towns.find_named("Gazakh, Azerbaijan", None).unwrap().town.geonames_id, 585226);
    /// assert_eq!(towns.find_named("Jermuk", Some("Armenia")).unwrap().town.geonames_id, 174884);
    /// assert!(towns.find_named("Jermuk", Some("Georgia")).is_none());
    /// ```
    pub fn find_named(&self, place: &str, country: Option<&str>) -> Option<Found<'_>> {
        let (name, after) = match place.split_once(',') {
            Some((name, rest)) => (name.trim(), rest.rsplit(',').next().map(str::trim)),
            None => (place.trim(), None),
        };
        let country = country.map(str::trim).or(after).filter(|c| !c.is_empty());
        let countries: Vec<&str> = country.into_iter().collect();
        let found = self.find(name, &countries)?;
        let in_country = country.is_none_or(|c| country_of_code(&found.town.country) == c);
        in_country.then_some(found)
    }

    /// How many towns the table holds.
    pub fn len(&self) -> usize {
        self.inner.towns.len()
    }

    /// Every town, by GeoNames id.
    pub fn towns(&self) -> &[Town] {
        &self.inner.towns
    }

    /// The town nearest to a point within `km` kilometres (on a local flat projection, ample at
    /// these distances), with its distance.
    ///
    /// ```
    /// use caucasus_atlas::io::towns::Towns;
    /// let towns = Towns::bundled();
    /// let (jermuk, km) = towns.nearest(45.675, 39.845, 2.0).unwrap();
    /// assert_eq!(jermuk.geonames_id, 174884);
    /// assert!(km < 1.0);
    /// assert!(towns.nearest(50.0, 42.0, 2.0).is_none(), "the Caspian Sea");
    /// ```
    pub fn nearest(&self, lon: f64, lat: f64, km: f64) -> Option<(&Town, f64)> {
        const KM_PER_DEGREE: f64 = 111.195;
        let scale = lat.to_radians().cos();
        self.inner
            .towns
            .iter()
            .map(|t| {
                let dx = (t.lon - lon) * scale * KM_PER_DEGREE;
                let dy = (t.lat - lat) * KM_PER_DEGREE;
                (t, dx.hypot(dy))
            })
            .filter(|(_, d)| *d <= km)
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// Whether the table holds no town.
    pub fn is_empty(&self) -> bool {
        self.inner.towns.is_empty()
    }

    /// The town a name stands for: among those that carry it, one the atlas names both ways
    /// (a contested town of the map), then one whose own GeoNames name it is, then one in a
    /// country the article names (`countries`), then the most populous.
    ///
    /// ```
    /// use caucasus_atlas::io::towns::Towns;
    /// let towns = Towns::bundled();
    /// let jermuk = towns.find("Jermuk", &[]).unwrap();
    /// assert_eq!((jermuk.town.geonames_id, jermuk.town.country.as_str()), (174884, "AM"));
    /// assert!(towns.find("Nowhere Special", &[]).is_none());
    /// ```
    pub fn find(&self, name: &str, countries: &[&str]) -> Option<Found<'_>> {
        let ids = self.inner.by_name.get(name)?;
        let named = |t: &Town| countries.contains(&country_of_code(&t.country));
        let key = |t: &Town| {
            (
                t.shown.is_some(),
                t.name == name,
                named(t),
                t.population,
                std::cmp::Reverse(t.geonames_id),
            )
        };
        let mut towns: Vec<&Town> = ids.iter().map(|&k| &self.inner.towns[k]).collect();
        towns.sort_by_key(|t| std::cmp::Reverse(key(t)));
        let best = *towns.first()?;
        let why = match towns.get(1).map(|t| key(t)) {
            None => String::new(),
            Some(next) => {
                let (b, country) = (key(best), country_of_code(&best.country));
                match () {
                    _ if b.0 != next.0 => format!(
                        "the one the atlas names both ways, {}",
                        best.shown.as_deref().unwrap_or_default()
                    ),
                    _ if b.1 != next.1 => "the one whose own GeoNames name it is".to_owned(),
                    _ if b.2 != next.2 => {
                        format!("the one in {country}, which the article names")
                    }
                    _ => "the most populous".to_owned(),
                }
            }
        };
        Some(Found {
            town: best,
            written: name.to_owned(),
            namesakes: ids.len(),
            why,
        })
    }
}

/// The country name of an ISO 3166 code of the region, or the code itself.
pub fn country_of_code(code: &str) -> &str {
    COUNTRY_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, name)| *name)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const TABLE: &str = r#"{"format":"caucasus-atlas-towns/1","towns":[
        {"geonames_id":1,"name":"Agarak","names":[],"country":"AM","lat":38.9,"lon":46.2,"population":4707},
        {"geonames_id":2,"name":"Agarak","names":[],"country":"AM","lat":40.3,"lon":44.3,"population":1278},
        {"geonames_id":3,"name":"Tovuz","names":[],"country":"AZ","lat":40.99,"lon":45.62,"population":177200},
        {"geonames_id":4,"name":"Berd","names":["Tovuz"],"country":"AM","lat":40.88,"lon":45.39,"population":8374},
        {"geonames_id":5,"name":"Pervomayskoye","names":[],"country":"AZ","lat":40.1,"lon":47.1,"population":900},
        {"geonames_id":6,"name":"Pervomayskoye","names":[],"country":"RU","lat":43.1,"lon":46.1,"population":5000},
        {"geonames_id":7,"name":"Hats’avan","names":["Sisian"],"country":"AM","lat":39.52,"lon":46.03,"population":15208}
    ]}"#;

    #[test]
    fn its_own_name_then_a_named_country_then_the_most_populous() {
        let towns = Towns::from_json(TABLE);
        assert_eq!(towns.len(), 7);
        let tovuz = towns.find("Tovuz", &["Armenia"]).unwrap();
        assert_eq!(tovuz.town.geonames_id, 3, "Berd only once was called Tovuz");
        assert_eq!(tovuz.namesakes, 2);
        let agarak = towns.find("Agarak", &[]).unwrap();
        assert_eq!(agarak.town.geonames_id, 1);
        assert!(agarak.why.contains("most populous"), "{}", agarak.why);
        let pervo = towns.find("Pervomayskoye", &["Azerbaijan"]).unwrap();
        assert_eq!(pervo.town.geonames_id, 5);
        assert!(pervo.why.contains("Azerbaijan"), "{}", pervo.why);
        let pervo = towns.find("Pervomayskoye", &[]).unwrap();
        assert_eq!(pervo.town.geonames_id, 6);
    }

    #[test]
    fn the_bundled_table_holds_the_towns_the_gazetteer_lacks() {
        let towns = Towns::bundled();
        assert!(towns.len() > 2000, "{}", towns.len());
        for (name, country) in [
            ("Jermuk", "AM"),
            ("Vardenis", "AM"),
            ("Tegh", "AM"),
            ("Kalbajar", "AZ"),
            ("Horadiz", "AZ"),
            ("Gyumri", "AM"),
        ] {
            let found = towns.find(name, &[]).unwrap();
            assert_eq!(found.town.country, country, "{name}");
        }
    }
}
