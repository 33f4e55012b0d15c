//! One feature as the parts of an event, every value checked: a feature with a problem gives the
//! problem's path and message instead.

use super::fields::{
    SourceParts, actors_of, category_of, filled, first_filled, precision_of, source_of, text,
    verified_of,
};
use super::geometry::geometry_of;
use super::keys::Key;
use super::raw::{Feature, FeatureValue, Props, Slot, Text, Val};
use super::time_keys::{
    Clock, Fail, FoundTime, TRACK_KEYS, ValueAt, chosen_time, looks_like_date, prop_path, range_of,
    recognised_time, value_span,
};
use crate::io::json_locate::Step;
use crate::io::slug::{coordinates_id, coordinates_name, slug};
use crate::model::region::REGION;
use crate::model::track::{Track, TrackError, TrackPoint};
use crate::model::{Category, Event, EventDate, Place, PlaceKind, Precision, Source};
use chrono::NaiveDate;

/// The time of day an export writes in `datetime` beside a `start` day, when it is of that day.
fn datetime_clock(props: &Props, start: Option<NaiveDate>) -> Result<Option<Clock>, Fail> {
    let (Some(written), Some(day)) = (text(props, Key::Datetime)?, start) else {
        return Ok(None);
    };
    let same_day = written.get(..10) == Some(day.format("%Y-%m-%d").to_string().as_str());
    Ok(same_day
        .then(|| super::clock::iso_clock(&written))
        .flatten())
}
use geo::{Geometry, InteriorPoint};
use std::borrow::Cow;
use std::collections::HashMap;

/// What the conversion of every feature of one file shares: the gazetteer and the user's choice
/// of time fields.
#[derive(Debug)]
pub struct Lookup<'g> {
    by_id: HashMap<&'g str, &'g Place>,
    time_field: Option<(String, Option<String>)>,
}

impl<'g> Lookup<'g> {
    /// A lookup in `gazetteer`, with the time fields chosen on the command line or in the window.
    pub fn new(gazetteer: &'g [Place], time_field: Option<(String, Option<String>)>) -> Lookup<'g> {
        Lookup {
            by_id: gazetteer.iter().map(|p| (p.id.as_str(), p)).collect(),
            time_field,
        }
    }
}

/// The id a feature without one gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdFallback {
    /// `feature-N`, N its index in the file's features.
    Index(usize),
    /// `row-N`, N its byte offset: a feature read again, whose id is kept in memory.
    Offset(u64),
}

/// Where a feature's id is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdAt {
    /// `properties.id`.
    Properties,
    /// The feature's own `id`.
    Feature,
    /// Nowhere: it was made up.
    MadeUp,
}

impl IdAt {
    /// The path below the feature (empty for a made-up id).
    pub fn path(self) -> Vec<Step> {
        match self {
            IdAt::Properties => prop_path("id"),
            IdAt::Feature => vec!["id".into()],
            IdAt::MadeUp => Vec::new(),
        }
    }
}

/// An event's place as a feature names it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceRef<'a, 'g> {
    /// The gazetteer's place, when the feature names one it has.
    pub known: Option<&'g Place>,
    /// The id the feature names (`place`, or the slug of `place_name`).
    pub lookup_id: Option<Text<'a>>,
    /// Whether that id is the `place` property itself.
    pub named_by_id: bool,
    /// `place_name`.
    pub name: Option<Text<'a>>,
    /// `country`.
    pub country: Text<'a>,
}

impl PlaceRef<'_, '_> {
    /// The place's id: the gazetteer's, the one named, or one made from the coordinates.
    pub fn id(&self, lon: f64, lat: f64) -> String {
        match (self.known, &self.lookup_id) {
            (Some(p), _) => p.id.clone(),
            (None, Some(id)) => id.to_string(),
            (None, None) => coordinates_id(lon, lat),
        }
    }

    /// The event's place name: `place_name`, the gazetteer's name, the `place` text itself when
    /// the gazetteer lacks it (USGS writes "10 km N of Somewhere" there), or the coordinates.
    pub fn name(&self, lon: f64, lat: f64) -> String {
        match (&self.name, self.known, &self.lookup_id) {
            (Some(n), _, _) => n.to_string(),
            (None, Some(p), _) => p.name.clone(),
            (None, None, Some(id)) if self.named_by_id => id.to_string(),
            _ => coordinates_name(lon, lat),
        }
    }

    /// The place to add to the dataset's places for this event.
    pub fn place(&self, lon: f64, lat: f64) -> Place {
        match self.known {
            Some(p) => p.clone(),
            None => {
                let id = self.id(lon, lat);
                Place::ad_hoc(&id, &self.name(lon, lat), &self.country, lat, lon)
            }
        }
    }
}

/// A track, or why a line with times is not one.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum TrackFound {
    /// No line with a time list.
    #[default]
    None,
    /// One time per vertex.
    Track(Track),
    /// A line whose time list has another length than its vertices: kept as a line with a range.
    Mismatch,
}

/// The checked parts of one event, borrowing its text from the file where it can.
#[derive(Clone, Debug, PartialEq)]
pub struct Parts<'a, 'g> {
    /// Id.
    pub id: Text<'a>,
    /// Where the id is.
    pub id_at: IdAt,
    /// Title.
    pub title: Text<'a>,
    /// Summary.
    pub summary: Text<'a>,
    /// First and last day.
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// Precision.
    pub precision: Precision,
    /// The date as written.
    pub date_text: Text<'a>,
    /// How the date was resolved.
    pub date_note: Text<'a>,
    /// The time of day of the start, when the source gives one. `Event` has no field for it yet:
    /// this is where it is handed over.
    pub clock: Option<Clock>,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Whether the place lies outside the region.
    pub off_map: bool,
    /// A line or region the feature's geometry gives.
    pub shape: Option<Geometry<f64>>,
    /// A track, when the line has a time per vertex.
    pub track: TrackFound,
    /// The place.
    pub place: PlaceRef<'a, 'g>,
    /// Category.
    pub category: Category,
    /// The dataset's own label.
    pub category_label: Text<'a>,
    /// Actors.
    pub actors: Vec<Text<'a>>,
    /// Source.
    pub source: SourceParts<'a>,
    /// Who claims it.
    pub claimed_by: Option<Text<'a>>,
    /// Whether the source calls it verified.
    pub verified: bool,
    /// Notes.
    pub notes: Text<'a>,
    /// The basemap name of its shape.
    pub shape_name: Option<Text<'a>>,
    /// For an undated feature, its other properties whose values look like dates, with the value.
    pub date_like: Vec<(Text<'a>, String)>,
}

impl Parts<'_, '_> {
    /// Whether the event fits a compact row: a point (no shape or track) with nothing a row does
    /// not keep in memory (a claim, an unverified mark, a basemap shape).
    pub fn fits_a_row(&self) -> bool {
        self.shape.is_none()
            && matches!(self.track, TrackFound::None)
            && self.claimed_by.is_none()
            && self.verified
            && self.shape_name.is_none()
    }

    /// The whole event.
    pub fn into_event(self) -> Event {
        let (lon, lat) = (self.lon, self.lat);
        let time = self.clock.map(Clock::time_of_day);
        Event {
            id: self.id.into_owned(),
            title: self.title.into_owned(),
            summary: self.summary.into_owned(),
            date: EventDate {
                range: self.range,
                precision: self.precision,
                text: self.date_text.into_owned(),
                note: self.date_note.into_owned(),
            },
            place: self.place.id(lon, lat),
            place_name: self.place.name(lon, lat),
            lon,
            lat,
            off_map: self.off_map,
            shape: self.shape.map(std::sync::Arc::new),
            shape_name: self.shape_name.map(Cow::into_owned),
            track: match self.track {
                TrackFound::Track(t) => Some(t),
                _ => None,
            },
            category: self.category,
            category_label: self.category_label.into_owned(),
            actors: self.actors.into_iter().map(Cow::into_owned).collect(),
            source: Source {
                document: self.source.document.into_owned(),
                quote: self.source.quote.into_owned(),
                publisher: self.source.publisher.map(Cow::into_owned),
                published: self.source.published,
            },
            claimed_by: self.claimed_by.map(Cow::into_owned),
            verified: self.verified,
            notes: self.notes.into_owned(),
            time,
        }
    }
}

/// Converts one element of a `features` array (or a bare feature) into the parts of an event.
pub fn convert<'a, 'g>(
    value: &FeatureValue<'a>,
    fallback: IdFallback,
    lookup: &Lookup<'g>,
) -> Result<Parts<'a, 'g>, Fail> {
    let (f, props) = members_of(value)?;
    let (id, id_at) = id_of(f, props, fallback)?;
    let found = match &lookup.time_field {
        Some((start, end)) => chosen_time(props, start, end.as_deref())?,
        None => recognised_time(props)?,
    };
    let (range, precision) = date_of(props, &found)?;
    let geometry = geometry_of(&f.geometry)?;
    let track = track_of(props, geometry.as_ref())?;
    let place = place_of(props, lookup)?;
    let (lon, lat, shape) = position_of(geometry, &place)?;
    let notes = text(props, Key::Notes)?.unwrap_or_default();
    let (category, category_label) = category_of(props)?;
    let date_like = if range.is_none() {
        date_like(props)
    } else {
        Vec::new()
    };
    Ok(Parts {
        title: first_filled(props, &[Key::Title, Key::Name, Key::PlaceName])?
            .unwrap_or_else(|| id.clone()),
        id,
        id_at,
        // blank text is kept when nothing else is given (an export writes what it has)
        summary: match first_filled(props, &[Key::Summary, Key::Description])? {
            Some(s) => s,
            None => text(props, Key::Summary)?.unwrap_or_default(),
        },
        range,
        precision,
        date_text: text(props, Key::DateText)?.unwrap_or_default(),
        date_note: match text(props, Key::DateNote)? {
            Some(note) if !note.is_empty() => note,
            _ => found
                .stamps
                .as_ref()
                .and_then(|(s, _)| s.open.clone())
                .map_or(Cow::Borrowed(""), Cow::Owned),
        },
        clock: match found
            .stamps
            .as_ref()
            .and_then(|s| s.0.clock)
            .or(found.clock)
        {
            Some(clock) => Some(clock),
            None => datetime_clock(props, range.map(|r| r.0))?,
        },
        lon,
        lat,
        off_map: place.known.is_some_and(|p| p.kind == PlaceKind::OffMap)
            || !REGION.contains(lon, lat),
        shape,
        track,
        place,
        category,
        category_label,
        actors: actors_of(props)?,
        source: source_of(props, &notes)?,
        claimed_by: filled(props, Key::ClaimedBy)?,
        verified: verified_of(props)?,
        notes,
        shape_name: filled(props, Key::Shape)?,
        date_like,
    })
}

/// The feature's members and properties, checked: an object typed `Feature` (or untyped) whose
/// properties are an object or null.
fn members_of<'v, 'a>(
    value: &'v FeatureValue<'a>,
) -> Result<(&'v Feature<'a>, &'v Props<'a>), Fail> {
    static EMPTY: std::sync::OnceLock<Props<'static>> = std::sync::OnceLock::new();
    let FeatureValue(Some(f)) = value else {
        return Err((Vec::new(), "a feature must be a JSON object".to_owned()));
    };
    if let Some(t) = &f.kind
        && t.as_str() != Some("Feature")
    {
        return Err((
            vec!["type".into()],
            format!("expected a `Feature`, found {}", t.json()),
        ));
    }
    let props = match &f.properties {
        Slot::Absent | Slot::Null => EMPTY.get_or_init(Props::default),
        Slot::Is(p) => p,
        Slot::Wrong => {
            return Err((
                vec!["properties".into()],
                "`properties` must be an object or null".to_owned(),
            ));
        }
    };
    Ok((f, props))
}

/// The feature's id: `properties.id`, else the feature's own `id`, else one made up.
fn id_of<'a>(
    f: &Feature<'a>,
    props: &Props<'a>,
    fallback: IdFallback,
) -> Result<(Text<'a>, IdAt), Fail> {
    if let Some(id) = filled(props, Key::Id)? {
        return Ok((id, IdAt::Properties));
    }
    Ok(match &f.id {
        Some(Val::Str(s)) if !super::fields::blank(s) => (s.clone(), IdAt::Feature),
        Some(Val::Num(n)) => (Cow::Owned(n.text()), IdAt::Feature),
        _ => (
            Cow::Owned(match fallback {
                IdFallback::Index(i) => format!("feature-{i}"),
                IdFallback::Offset(o) => format!("row-{o}"),
            }),
            IdAt::MadeUp,
        ),
    })
}

/// The date range and precision; an explicit valid `precision` wins.
fn date_of(
    props: &Props,
    found: &FoundTime,
) -> Result<(Option<(NaiveDate, NaiveDate)>, Precision), Fail> {
    let explicit = precision_of(props)?;
    let (range, derived) = match &found.stamps {
        None => (None, Precision::Undated),
        Some(stamps) => {
            let (start, end, precision) = range_of(stamps);
            (Some((start, end)), precision)
        }
    };
    let date = EventDate {
        range,
        precision: explicit.unwrap_or(derived),
        text: String::new(),
        note: String::new(),
    };
    date.validate().map_err(|m| (prop_path("precision"), m))?;
    Ok((date.range, date.precision))
}

/// The place a feature names, looked up in the gazetteer.
fn place_of<'a, 'g>(props: &Props<'a>, lookup: &Lookup<'g>) -> Result<PlaceRef<'a, 'g>, Fail> {
    let place_prop = filled(props, Key::Place)?;
    let named_by_id = place_prop.is_some();
    let name = filled(props, Key::PlaceName)?;
    let lookup_id = place_prop.or_else(|| name.as_deref().map(|n| Cow::Owned(slug(n))));
    let known = lookup_id
        .as_deref()
        .and_then(|id| lookup.by_id.get(id).copied());
    Ok(PlaceRef {
        known,
        lookup_id,
        named_by_id,
        name,
        country: text(props, Key::Country)?.unwrap_or_default(),
    })
}

/// The event's point and shape: a Point is the point; another geometry is the shape, with the
/// known place's point or else the shape's interior point; no geometry needs a known place.
fn position_of(
    geometry: Option<Geometry<f64>>,
    place: &PlaceRef,
) -> Result<(f64, f64, Option<Geometry<f64>>), Fail> {
    match geometry {
        Some(Geometry::Point(p)) => Ok((p.x(), p.y(), None)),
        Some(shape) => {
            let (lon, lat) = match place.known {
                Some(known) => (known.lon, known.lat),
                None => {
                    let p = shape.interior_point().ok_or_else(|| {
                        (vec!["geometry".into()], "the geometry is empty".to_owned())
                    })?;
                    (p.x(), p.y())
                }
            };
            Ok((lon, lat, Some(shape)))
        }
        None => match place.known {
            Some(known) => Ok((known.lon, known.lat, None)),
            None => {
                let message = match &place.lookup_id {
                    Some(p) if place.named_by_id => {
                        format!("no geometry and no known place (`{p}` is not in the gazetteer)")
                    }
                    _ => "no geometry and no known place".to_owned(),
                };
                Err((vec!["geometry".into()], message))
            }
        },
    }
}

/// A track: a LineString with a list of times (`times`, `coordTimes` or `linestringTimestamps`),
/// one per vertex, that never goes back.
fn track_of(props: &Props, geometry: Option<&Geometry<f64>>) -> Result<TrackFound, Fail> {
    let Some(Geometry::LineString(line)) = geometry else {
        return Ok(TrackFound::None);
    };
    let Some((key, Val::List(times))) = TRACK_KEYS
        .iter()
        .find_map(|&k| props.get(k).map(|v| (k, v)))
    else {
        return Ok(TrackFound::None);
    };
    if times.len() != line.0.len() {
        return Ok(TrackFound::Mismatch);
    }
    let mut points = Vec::with_capacity(times.len());
    for (i, (t, c)) in times.iter().zip(&line.0).enumerate() {
        let at = ValueAt::of(key.name()).at(i);
        let Some((stamp, _)) = value_span(t, at, false)? else {
            return Err((
                at.path(),
                format!("`{}` needs a time for every position", key.name()),
            ));
        };
        points.push(TrackPoint {
            lon: c.x,
            lat: c.y,
            at: stamp.instant(),
        });
    }
    match Track::new(points) {
        Ok(track) => Ok(TrackFound::Track(track)),
        Err(TrackError::BackInTime(i)) => {
            let mut path = prop_path(key.name());
            path.push(Step::Index(i));
            Err((
                path,
                format!(
                    "`{}` goes back in time: value {i} is earlier than the one before it",
                    key.name()
                ),
            ))
        }
        Err(TrackError::TooShort) => Ok(TrackFound::None),
    }
}

/// The other properties whose values look like dates, with the value as written.
fn date_like<'a>(props: &Props<'a>) -> Vec<(Text<'a>, String)> {
    props
        .others
        .iter()
        .filter(|(name, v)| looks_like_date(name, v))
        .map(|(name, v)| {
            let sample = match v {
                Val::Str(s) => s.to_string(),
                other => other.json(),
            };
            (name.clone(), sample)
        })
        .collect()
}
