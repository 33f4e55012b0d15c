//! A `gx:Track` as a track: Google Earth's recorded route, one `when` for each `gx:coord`, moves
//! on the map as playback runs, as a GeoJSON line with `times` does.

use super::reader::RawPlacemark;
use crate::io::time_parse::parse_iso_datetime;
use crate::model::date::day_of;
use crate::model::track::{TrackError, instant_of};
use crate::model::{Track, TrackPoint};
use geo::Geometry;

/// A problem at a byte offset, before it is located.
type Fail = (usize, String);

/// The track of a placemark drawn by one `gx:Track`; `None` when there is none: no `when`s, a
/// geometry other than one line, or another number of positions than of `when`s (the placemark
/// is then a line dated from its first `when` to its last).
pub fn track_of(p: &RawPlacemark, geometry: Option<&Geometry<f64>>) -> Result<Option<Track>, Fail> {
    let Some(Geometry::LineString(line)) = geometry else {
        return Ok(None);
    };
    if p.track_when.len() < 2 || p.track_when.len() != line.0.len() {
        return Ok(None);
    }
    let mut points = Vec::with_capacity(line.0.len());
    for (when, c) in p.track_when.iter().zip(&line.0) {
        let (span, time) = parse_iso_datetime(when.text.trim())
            .map_err(|m| (when.offset, format!("the gx:Track's `when`: {m}")))?;
        points.push(TrackPoint {
            lon: c.x,
            lat: c.y,
            at: instant_of(day_of(span.start), time.as_ref()),
        });
    }
    match Track::new(points) {
        Ok(track) => Ok(Some(track)),
        Err(TrackError::BackInTime(i)) => Err((
            p.track_when[i].offset,
            format!(
                "the gx:Track goes back in time: `when` {} is earlier than the one before it",
                i + 1
            ),
        )),
        Err(TrackError::TooShort) => Ok(None),
    }
}
