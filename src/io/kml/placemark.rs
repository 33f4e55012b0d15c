//! One KML Placemark as an event: its name, description and ExtendedData as title, summary and
//! notes; its TimeStamp or TimeSpan (or the fields the user chose) as the date; its geometry.

use super::reader::{At, RawGeometry, RawPlacemark};
use crate::io::date_parse::ParsedSpan;
use crate::io::html_text::html_to_text;
use crate::io::imported::{DateFields, Places, date_between, read_date_value};
use crate::io::open::LoadOptions;
use crate::io::problem::{LineIndex, Problem};
use crate::io::time_parse::parse_iso_datetime;
use crate::model::place::validate_coordinates;
use crate::model::region::REGION;
use crate::model::{Event, EventDate, TimeOfDay};
use geo::{Coord, Geometry, InteriorPoint, LineString, Point, Polygon};
use std::collections::HashSet;

/// Turns placemarks into events, keeping what they share: places, ids, date-like fields.
pub struct Converter<'a> {
    file: &'a str,
    document: String,
    lines: LineIndex<'a>,
    options: &'a LoadOptions,
    /// Places made for the placemarks' coordinates.
    pub places: Places,
    /// ExtendedData fields that look like dates, for the undated report.
    pub fields: DateFields,
    ids: HashSet<String>,
}

/// A problem at a byte offset, before it is located.
type Fail = (usize, String);

impl<'a> Converter<'a> {
    /// A converter for the KML text of `file`.
    pub fn new(file: &'a str, text: &'a str, options: &'a LoadOptions) -> Converter<'a> {
        let document = std::path::Path::new(file)
            .file_name()
            .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
        Converter {
            file,
            document,
            lines: LineIndex::new(text),
            options,
            places: Places::default(),
            fields: DateFields::default(),
            ids: HashSet::new(),
        }
    }

    /// A problem at a byte offset of the text.
    pub fn problem(&self, offset: usize, message: impl Into<String>) -> Problem {
        let (line, column) = self.lines.position(offset);
        Problem::at(self.file, line, column, message)
    }

    /// The event of the `index`-th placemark (0-based), or the problem that keeps it out.
    pub fn convert(&mut self, p: &RawPlacemark, index: usize) -> Result<Event, Problem> {
        self.event(p, index).map_err(|(at, m)| self.problem(at, m))
    }

    fn event(&mut self, p: &RawPlacemark, index: usize) -> Result<Event, Fail> {
        let id = match p.id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => id.to_owned(),
            _ => format!("placemark-{}", index + 1),
        };
        if self.ids.contains(&id) {
            return Err((p.offset, format!("duplicate placemark id `{id}`")));
        }
        let text = |v: &Option<At>| {
            v.as_ref()
                .map(|a| html_to_text(&a.text))
                .unwrap_or_default()
        };
        let (name, address) = (text(&p.name), text(&p.address));
        for (key, _, value) in &p.data {
            self.fields.offer(key, &value.text);
        }
        let (date, time) = self.date(p)?;
        let geometry = geometry_of(&p.geometries)?;
        let track = super::track::track_of(p, geometry.as_ref())?;
        let title = [&name, &address]
            .into_iter()
            .find(|t| !t.is_empty())
            .cloned()
            .unwrap_or_else(|| id.clone());
        let mut e = match geometry {
            None => {
                let mut e = Event::unplaced(&id, &title, date);
                e.place_name = address.clone();
                e
            }
            Some(shape) => {
                let point = shape
                    .interior_point()
                    .ok_or((p.offset, "the placemark's geometry is empty".to_owned()))?;
                let mut e = Event::at(&id, &title, date, point.x(), point.y());
                (e.place, e.place_name) = self.places.point(point.x(), point.y(), &address);
                e.off_map = !REGION.contains(point.x(), point.y());
                e.track = track;
                if !matches!(shape, Geometry::Point(_)) {
                    e.shape = Some(std::sync::Arc::new(shape));
                }
                e
            }
        };
        e.time = time;
        e.summary = text(&p.description);
        e.notes = notes(&p.data);
        e.category_label = p
            .folders
            .iter()
            .rev()
            .find(|f| !f.is_empty())
            .cloned()
            .unwrap_or_default();
        e.source.document = self.document.clone();
        self.ids.insert(id);
        Ok(e)
    }

    /// The date and time of day: from the chosen fields when the user chose some, else from
    /// `TimeStamp`, `TimeSpan` or a `gx:Track`'s first and last `when`.
    fn date(&self, p: &RawPlacemark) -> Result<(EventDate, Option<TimeOfDay>), Fail> {
        if let Some((start, end)) = &self.options.time_field {
            let field = |name: &str| p.data.iter().find(|(k, _, _)| k == name).map(|d| &d.2);
            let Some(start) = field(start).filter(|v| !v.text.trim().is_empty()) else {
                return Ok((EventDate::undated(), None));
            };
            let end = end
                .as_deref()
                .and_then(field)
                .filter(|v| !v.text.trim().is_empty());
            return dated(start, end, read_date_value);
        }
        let read = |v: &str| parse_iso_datetime(v);
        match (
            &p.when,
            &p.begin,
            &p.end,
            p.track_when.first(),
            p.track_when.last(),
        ) {
            (Some(when), ..) => dated(when, None, read),
            (None, Some(begin), end, ..) => {
                let mut d = dated(begin, end.as_ref(), read)?;
                if end.is_none() {
                    d.0.note = "the TimeSpan gives no end; shown at its beginning".to_owned();
                }
                Ok(d)
            }
            (None, None, Some(end), ..) => {
                let mut d = dated(end, None, read)?;
                d.0.note = "the TimeSpan gives no beginning; shown at its end".to_owned();
                Ok(d)
            }
            (None, None, None, Some(first), Some(last)) => dated(first, Some(last), read),
            _ => Ok((EventDate::undated(), None)),
        }
    }
}

/// The date between two written values (the second optional), with the first one's time of day
/// and the wording kept as the date text.
fn dated(
    start: &At,
    end: Option<&At>,
    read: impl Fn(&str) -> Result<(ParsedSpan, Option<TimeOfDay>), String>,
) -> Result<(EventDate, Option<TimeOfDay>), Fail> {
    let (a, time) = read(start.text.trim()).map_err(|m| (start.offset, m))?;
    let b = match end {
        Some(end) => Some(read(end.text.trim()).map_err(|m| (end.offset, m))?.0),
        None => None,
    };
    let mut date = date_between(a, b).map_err(|m| (end.map_or(start.offset, |e| e.offset), m))?;
    date.text = match end {
        Some(end) => format!("{}/{}", start.text.trim(), end.text.trim()),
        None => start.text.trim().to_owned(),
    };
    Ok((date, time))
}

/// ExtendedData as lines of `label: value` (the display name when given, else the name).
fn notes(data: &[(String, Option<String>, At)]) -> String {
    data.iter()
        .filter(|(_, _, v)| !v.text.trim().is_empty())
        .map(|(name, display, v)| {
            let label = display.as_deref().filter(|d| !d.is_empty()).unwrap_or(name);
            format!("{label}: {}", html_to_text(&v.text))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The placemark's geometries as one (a collection when there are several); `None` when it has
/// none.
fn geometry_of(raw: &[RawGeometry]) -> Result<Option<Geometry<f64>>, Fail> {
    let mut parts = Vec::with_capacity(raw.len());
    for g in raw {
        parts.push(match g {
            RawGeometry::Point(at) => match coordinates(at)?.as_slice() {
                [c] => Geometry::Point(Point(*c)),
                _ => return Err((at.offset, "a Point needs exactly one coordinate".to_owned())),
            },
            RawGeometry::Line(at) => {
                let coords = coordinates(at)?;
                if coords.len() < 2 {
                    return Err((
                        at.offset,
                        "a line needs at least two coordinates".to_owned(),
                    ));
                }
                Geometry::LineString(LineString(coords))
            }
            RawGeometry::Polygon(outer, inner) => {
                let ring = |at: &At| -> Result<LineString<f64>, Fail> {
                    let coords = coordinates(at)?;
                    if coords.len() < 3 {
                        return Err((
                            at.offset,
                            "a ring needs at least three coordinates".to_owned(),
                        ));
                    }
                    Ok(LineString(coords))
                };
                let holes = inner.iter().map(ring).collect::<Result<Vec<_>, _>>()?;
                Geometry::Polygon(Polygon::new(ring(outer)?, holes))
            }
        });
    }
    Ok(match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Geometry::GeometryCollection(geo::GeometryCollection(parts))),
    })
}

/// Parses a `coordinates` text: `lon,lat[,alt]` tuples separated by white space (a space after a
/// comma is forgiven).
fn coordinates(at: &At) -> Result<Vec<Coord<f64>>, Fail> {
    let joined = at.text.replace(", ", ",").replace(" ,", ",");
    let mut out = Vec::new();
    for tuple in joined.split_whitespace() {
        let mut parts = tuple.split(',');
        let bad = || {
            (
                at.offset,
                format!("`{tuple}` is not a coordinate (expected lon,lat[,alt])"),
            )
        };
        let mut number = || -> Result<f64, Fail> {
            parts
                .next()
                .and_then(|p| p.trim().parse::<f64>().ok())
                .ok_or_else(bad)
        };
        let (lon, lat) = (number()?, number()?);
        validate_coordinates(lat, lon).map_err(|m| (at.offset, m))?;
        out.push(Coord { x: lon, y: lat });
    }
    if out.is_empty() {
        return Err((at.offset, "empty coordinates".to_owned()));
    }
    Ok(out)
}
