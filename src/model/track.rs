//! Tracks: a line whose every vertex carries a time (Leaflet.TimeDimension's `times`, one per
//! vertex), such as a convoy's route or a ship's course. A view asks a track what has happened by
//! a moment: the vertices already reached and the head, interpolated between the last vertex
//! reached and the next one.
//!
//! Times are instants in milliseconds since 1970-01-01T00:00:00 UTC ([`Millis`]); a vertex whose
//! source time is only a day (or a month, a year) sits at the start of that span, 00:00 UTC.
//! The head moves linearly in longitude and latitude between two vertices, in proportion to the
//! time elapsed between them (tracks are short enough here for that to be what a map shows).

use super::date::DayNum;

/// An instant: milliseconds since 1970-01-01T00:00:00 UTC.
pub type Millis = i64;

/// Milliseconds in a day.
pub const DAY_MILLIS: Millis = 86_400_000;

/// The day number ([`DayNum`], days since 0001-01-01 counted from 1) of 1970-01-01.
const UNIX_EPOCH_DAY: DayNum = 719_163;

/// The instant a day begins (00:00 UTC).
///
/// ```
/// use caucasus_atlas::model::track::{DAY_MILLIS, millis_of_day};
/// assert_eq!(millis_of_day(719_163), 0); // 1970-01-01
/// assert_eq!(millis_of_day(719_164), DAY_MILLIS);
/// ```
pub fn millis_of_day(day: DayNum) -> Millis {
    (Millis::from(day) - Millis::from(UNIX_EPOCH_DAY)) * DAY_MILLIS
}

/// The instant a day begins at a time of day, UTC; a time without an offset is taken as UTC, and
/// no time as 00:00.
///
/// ```
/// use caucasus_atlas::model::TimeOfDay;
/// use caucasus_atlas::model::track::{DAY_MILLIS, instant_of};
/// use chrono::{FixedOffset, NaiveTime};
///
/// let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
/// assert_eq!(instant_of(719_163, None), 0);
/// assert_eq!(instant_of(719_163, Some(&TimeOfDay::new(noon, None))), DAY_MILLIS / 2);
/// // noon at UTC+4 is 08:00 UTC
/// let baku = FixedOffset::east_opt(4 * 3600);
/// assert_eq!(instant_of(719_163, Some(&TimeOfDay::new(noon, baku))), DAY_MILLIS / 3);
/// ```
pub fn instant_of(day: DayNum, time: Option<&super::TimeOfDay>) -> Millis {
    use chrono::Timelike;
    let Some(time) = time else {
        return millis_of_day(day);
    };
    let since_midnight = Millis::from(time.time.num_seconds_from_midnight()) * 1000
        + Millis::from(time.time.nanosecond() / 1_000_000);
    let offset = time.offset.map_or(0, |o| o.local_minus_utc());
    millis_of_day(day) + since_midnight - Millis::from(offset) * 1000
}

/// The instant at a fractional day number: `day + 0.5` is noon UTC of `day`. The timeline and
/// playback count in days; this turns their position into an instant a track understands.
///
/// ```
/// use caucasus_atlas::model::track::{DAY_MILLIS, millis_at};
/// assert_eq!(millis_at(719_163.5), DAY_MILLIS / 2);
/// ```
pub fn millis_at(day_position: f64) -> Millis {
    let days = day_position - f64::from(UNIX_EPOCH_DAY);
    // saturating: positions far outside any track simply lie before or after it
    (days * DAY_MILLIS as f64).round() as Millis
}

/// One vertex of a track: where, and when it was reached.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrackPoint {
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
    /// When the vertex was reached.
    pub at: Millis,
}

/// Why a list of vertices is not a track.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrackError {
    /// Fewer than two vertices.
    TooShort,
    /// The vertex at this index is earlier than the one before it.
    BackInTime(usize),
}

impl std::fmt::Display for TrackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrackError::TooShort => f.write_str("a track needs at least two timed positions"),
            TrackError::BackInTime(i) => {
                write!(f, "time {i} of the track is earlier than the one before it")
            }
        }
    }
}

/// A line travelled over time: two or more vertices whose times never go back.
#[derive(Clone, Debug, PartialEq)]
pub struct Track {
    points: Vec<TrackPoint>,
}

/// What of a track has happened by a moment (see [`Track::progress`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrackProgress<'a> {
    /// The vertices reached by then (their time at or before the moment), in order.
    pub passed: &'a [TrackPoint],
    /// Where the track is at the moment as `[lon, lat]`: a vertex, or a point between the last
    /// vertex reached and the next one. `None` before the first vertex's time.
    pub head: Option<[f64; 2]>,
    /// Whether the moment is at or after the last vertex's time.
    pub finished: bool,
}

impl Track {
    /// A track of `points`, which must be at least two, with times that never go back.
    ///
    /// ```
    /// use caucasus_atlas::model::track::{Track, TrackError, TrackPoint};
    /// let p = |lon, at| TrackPoint { lon, lat: 40.0, at };
    /// assert!(Track::new(vec![p(45.0, 0), p(46.0, 10)]).is_ok());
    /// assert_eq!(Track::new(vec![p(45.0, 0)]), Err(TrackError::TooShort));
    /// assert_eq!(
    ///     Track::new(vec![p(45.0, 5), p(46.0, 9), p(47.0, 7)]),
    ///     Err(TrackError::BackInTime(2))
    /// );
    /// ```
    pub fn new(points: Vec<TrackPoint>) -> Result<Track, TrackError> {
        if points.len() < 2 {
            return Err(TrackError::TooShort);
        }
        if let Some(k) = points.windows(2).position(|w| w[1].at < w[0].at) {
            return Err(TrackError::BackInTime(k + 1));
        }
        Ok(Track { points })
    }

    /// The vertices, in time order.
    pub fn points(&self) -> &[TrackPoint] {
        &self.points
    }

    /// The first vertex's time.
    pub fn start(&self) -> Millis {
        self.points.first().map_or(0, |p| p.at)
    }

    /// The last vertex's time.
    pub fn end(&self) -> Millis {
        self.points.last().map_or(0, |p| p.at)
    }

    /// The whole line, as geometry.
    pub fn line(&self) -> geo::LineString<f64> {
        self.points.iter().map(|p| (p.lon, p.lat)).collect()
    }

    /// What has happened by `t`: the vertices reached and the head's position.
    ///
    /// A map draws the polyline through `passed` and then to `head`, with a marker at `head`.
    ///
    /// ```
    /// use caucasus_atlas::model::track::{Track, TrackPoint};
    /// let p = |lon, at| TrackPoint { lon, lat: 40.0, at };
    /// let track = Track::new(vec![p(45.0, 0), p(46.0, 100), p(48.0, 200)]).unwrap();
    ///
    /// let before = track.progress(-1);
    /// assert!(before.passed.is_empty() && before.head.is_none() && !before.finished);
    ///
    /// // a quarter of the way from the second vertex to the third
    /// let during = track.progress(125);
    /// assert_eq!(during.passed.len(), 2);
    /// assert_eq!(during.head, Some([46.5, 40.0]));
    /// assert!(!during.finished);
    ///
    /// let after = track.progress(500);
    /// assert_eq!(after.passed.len(), 3);
    /// assert_eq!(after.head, Some([48.0, 40.0]));
    /// assert!(after.finished);
    /// ```
    pub fn progress(&self, t: Millis) -> TrackProgress<'_> {
        let reached = self.points.partition_point(|p| p.at <= t);
        let passed = &self.points[..reached];
        let finished = reached == self.points.len();
        let head = match (passed.last(), self.points.get(reached)) {
            (None, _) => None,
            (Some(last), None) => Some([last.lon, last.lat]),
            (Some(a), Some(b)) => {
                // a.at <= t < b.at, so the span is positive
                let f = (t - a.at) as f64 / (b.at - a.at) as f64;
                Some([a.lon + (b.lon - a.lon) * f, a.lat + (b.lat - a.lat) * f])
            }
        };
        TrackProgress {
            passed,
            head,
            finished,
        }
    }

    /// [`Track::progress`] at a fractional day number, as the timeline and playback count time:
    /// the end of the window's last day `to` is `f64::from(to) + 1.0`.
    ///
    /// ```
    /// use caucasus_atlas::model::track::{Track, TrackPoint, millis_of_day};
    /// let day = 738_000; // some day
    /// let at = |d: i32| millis_of_day(day + d);
    /// let track = Track::new(vec![
    ///     TrackPoint { lon: 45.0, lat: 40.0, at: at(0) },
    ///     TrackPoint { lon: 47.0, lat: 40.0, at: at(2) },
    /// ])
    /// .unwrap();
    /// // the end of the first day is half way
    /// assert_eq!(track.progress_at_day(f64::from(day) + 1.0).head, Some([46.0, 40.0]));
    /// ```
    pub fn progress_at_day(&self, day_position: f64) -> TrackProgress<'_> {
        self.progress(millis_at(day_position))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn p(lon: f64, lat: f64, at: Millis) -> TrackPoint {
        TrackPoint { lon, lat, at }
    }

    #[test]
    fn a_pause_keeps_the_head_at_the_vertex() {
        // two vertices at the same time (a jump), then a stay
        let t = Track::new(vec![
            p(45.0, 40.0, 0),
            p(45.0, 41.0, 10),
            p(46.0, 41.0, 10),
            p(46.0, 41.0, 30),
        ])
        .unwrap();
        let at_jump = t.progress(10);
        assert_eq!(at_jump.passed.len(), 3);
        assert_eq!(at_jump.head, Some([46.0, 41.0]));
        assert_eq!(t.progress(20).head, Some([46.0, 41.0]));
        assert_eq!(t.progress(5).head, Some([45.0, 40.5]));
        assert_eq!((t.start(), t.end()), (0, 30));
        assert_eq!(t.line().0.len(), 4);
    }

    #[test]
    fn days_and_instants_agree() {
        let day =
            crate::model::date::day_of(chrono::NaiveDate::from_ymd_opt(2022, 12, 12).unwrap());
        // 2022-12-12T00:00:00Z
        assert_eq!(millis_of_day(day), 1_670_803_200_000);
        assert_eq!(
            millis_at(f64::from(day) + 0.25),
            1_670_803_200_000 + DAY_MILLIS / 4
        );
    }
}
