//! Ids and names made up for places that imported datasets name but the gazetteer lacks.

/// A lowercase id from free text: letters and digits kept (lowercased), every other run of characters
/// becomes one `-`; `place` when nothing is left. `Shusha / Shushi` becomes `shusha-shushi`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("place");
    }
    out
}

/// The id of an unnamed point, keeping hemispheres apart: `46.5e-39.6n`, `77w-38.9s`.
pub fn coordinates_id(lon: f64, lat: f64) -> String {
    let ew = if lon < 0.0 { 'w' } else { 'e' };
    let ns = if lat < 0.0 { 's' } else { 'n' };
    format!("{}{ew}-{}{ns}", lon.abs(), lat.abs())
}

/// The display name of an unnamed point: latitude first, with its hemisphere, as people read
/// coordinates (`39.25°N 46.5°E`, `38.9°S 77°W`), never a bare pair whose order a reader must
/// guess.
pub fn coordinates_name(lon: f64, lat: f64) -> String {
    let ns = if lat < 0.0 { 'S' } else { 'N' };
    let ew = if lon < 0.0 { 'W' } else { 'E' };
    format!("{}°{ns} {}°{ew}", lat.abs(), lon.abs())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_and_dashed() {
        assert_eq!(slug("Shusha / Shushi"), "shusha-shushi");
        assert_eq!(slug("  Goris--Syunik "), "goris-syunik");
        assert_eq!(slug("Xankəndi"), "xankəndi");
        assert_eq!(slug("46.5, 39.6"), "46-5-39-6");
        assert_eq!(slug(" / "), "place");
        assert_eq!(coordinates_name(46.5, 39.25), "39.25°N 46.5°E");
        assert_eq!(coordinates_name(-77.0, -38.9), "38.9°S 77°W");
        assert_eq!(coordinates_id(46.5, 39.25), "46.5e-39.25n");
        assert_eq!(coordinates_id(-77.0, -38.9), "77w-38.9s");
    }
}
