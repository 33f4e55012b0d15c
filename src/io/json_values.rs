//! Reading JSON values as other tools write them: numbers that may be strings, text that may be
//! a number, and `location {lat, lon, name}` objects.

use super::html_text::html_to_text;
use super::json_locate::{JsonLocator, Step};
use super::problem::Problem;
use crate::model::place::validate_coordinates;
use serde_json::Value;
use std::cell::OnceCell;

/// A failure at a JSON path.
pub type PathFail = (Vec<Step>, String);

/// Locates problems by JSON path, parsing the text for positions only when the first problem
/// comes (a clean file is parsed once).
pub struct LazyLocator<'a> {
    file: &'a str,
    text: &'a str,
    located: OnceCell<JsonLocator<'a>>,
}

impl<'a> LazyLocator<'a> {
    /// A locator for `text` of `file`.
    pub fn new(file: &'a str, text: &'a str) -> LazyLocator<'a> {
        LazyLocator {
            file,
            text,
            located: OnceCell::new(),
        }
    }

    /// A problem located at `path`.
    pub fn problem(&self, path: &[Step], message: impl Into<String>) -> Problem {
        self.located
            .get_or_init(|| JsonLocator::new(self.file, self.text))
            .problem(path, message)
    }
}

/// A number, or a string holding one (`"40.18"`); `None` for anything else, or an empty string.
pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
        _ => None,
    }
}

/// Whether a value is absent in the way these tools write absence: missing, `null` or `""`.
pub fn is_blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        _ => false,
    }
}

/// A string, or a number written as text; `None` otherwise.
pub fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The plain text of an HTML string at `key` of an object (empty when missing).
pub fn html_at(obj: Option<&Value>, key: &str) -> String {
    text(obj.and_then(|o| o.get(key)))
        .map(|t| html_to_text(&t))
        .unwrap_or_default()
}

/// A place given as `{lat, lon, name}` (numbers or numeric strings).
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
    /// The place's name, when given.
    pub name: String,
}

/// The `location` of a record at `path`: `None` when missing, null or without coordinates; an
/// error when the coordinates are not numbers or out of range.
pub fn location(record: &Value, path: &[Step]) -> Result<Option<Located>, PathFail> {
    let Some(loc) = record.get("location").filter(|l| !l.is_null()) else {
        return Ok(None);
    };
    let at = |key: &str| {
        let mut p = path.to_vec();
        p.extend([Step::from("location"), Step::from(key)]);
        p
    };
    let name = html_at(Some(loc), "name");
    if is_blank(loc.get("lat")) && is_blank(loc.get("lon")) {
        return Ok(None);
    }
    let coordinate = |key: &str| {
        number(loc.get(key).unwrap_or(&Value::Null)).ok_or_else(|| {
            (
                at(key),
                format!(
                    "location `{key}` is not a number: {}",
                    loc.get(key).unwrap_or(&Value::Null)
                ),
            )
        })
    };
    let (lat, lon) = (coordinate("lat")?, coordinate("lon")?);
    validate_coordinates(lat, lon).map_err(|m| (at("lat"), m))?;
    Ok(Some(Located { lon, lat, name }))
}

/// The event of a TimelineJS event or StoryMapJS slide: titled by its headline (else its id),
/// placed at its `location` (a place made for the point, named by the location's name), or
/// unplaced (keeping the location's name) when it has none; its summary from its text.
pub fn knight_lab_event(
    record: &Value,
    path: &[Step],
    (id, date): (&str, crate::model::EventDate),
    places: &mut super::imported::Places,
) -> Result<crate::model::Event, PathFail> {
    use crate::model::Event;
    let title = match html_at(record.get("text"), "headline") {
        t if t.is_empty() => id.to_owned(),
        t => t,
    };
    let mut e = match location(record, path)? {
        Some(l) => {
            let mut e = Event::at(id, &title, date, l.lon, l.lat);
            (e.place, e.place_name) = places.point(l.lon, l.lat, &l.name);
            e.off_map = !crate::model::region::REGION.contains(l.lon, l.lat);
            e
        }
        None => {
            let mut e = Event::unplaced(id, &title, date);
            e.place_name = record
                .get("location")
                .map(|l| html_at(Some(l), "name"))
                .unwrap_or_default();
            e
        }
    };
    e.summary = html_at(record.get("text"), "text");
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn locations_take_numbers_or_numeric_strings() {
        let r = json!({"location": {"lat": "40.18", "lon": 44.51, "name": "<b>Yerevan</b>"}});
        let l = location(&r, &[]).unwrap().unwrap();
        assert_eq!((l.lon, l.lat, l.name.as_str()), (44.51, 40.18, "Yerevan"));
        assert_eq!(location(&json!({}), &[]).unwrap(), None);
        assert_eq!(
            location(&json!({"location": {"lat": "", "lon": ""}}), &[]).unwrap(),
            None
        );
        let (path, message) =
            location(&json!({"location": {"lat": "north", "lon": 1}}), &[]).unwrap_err();
        assert_eq!(path, vec![Step::from("location"), Step::from("lat")]);
        assert!(message.contains("not a number"), "{message}");
        assert!(location(&json!({"location": {"lat": 95, "lon": 1}}), &[]).is_err());
        assert_eq!(number(&json!("1e400")), None);
    }
}
