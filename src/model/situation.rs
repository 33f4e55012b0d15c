//! The situation on the ground as dated data: areas of control with their status, lines of
//! contact, dated points, and notes for periods the map does not draw. Nothing here knows egui.
//!
//! Validity is `from` inclusive and `to` exclusive: an area with `to` = 2020-09-27 is in force on
//! 26 September 2020 and not on the 27th. `None` is open (from the start, or still in force).

use chrono::NaiveDate;
use geo::{Contains, MultiLineString, MultiPolygon, Point};

/// The status of an area of control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ControlStatus {
    /// Held by Armenian forces and the de facto Nagorno-Karabakh authorities.
    ArmenianHeld,
    /// The area under the Russian peacekeeping mission (November 2020 to September 2023).
    Peacekeeping,
    /// The Lachin corridor under the peacekeepers.
    Corridor,
}

impl ControlStatus {
    /// Every status, in legend order.
    pub const ALL: [ControlStatus; 3] = [
        ControlStatus::ArmenianHeld,
        ControlStatus::Peacekeeping,
        ControlStatus::Corridor,
    ];

    /// The `status` text of the data and of exports.
    pub fn as_str(self) -> &'static str {
        match self {
            ControlStatus::ArmenianHeld => "armenian_held",
            ControlStatus::Peacekeeping => "peacekeeping",
            ControlStatus::Corridor => "corridor",
        }
    }

    /// Parses the `status` text.
    ///
    /// ```
    /// use caucasus_atlas::model::ControlStatus;
    /// assert_eq!(ControlStatus::parse("corridor"), Some(ControlStatus::Corridor));
    /// assert_eq!(ControlStatus::parse("held"), None);
    /// ```
    pub fn parse(text: &str) -> Option<ControlStatus> {
        ControlStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// A short legend label, neutral in wording.
    pub fn label(self) -> &'static str {
        match self {
            ControlStatus::ArmenianHeld => "Held by Armenian forces (de facto authorities)",
            ControlStatus::Peacekeeping => "Russian peacekeeping area",
            ControlStatus::Corridor => "Lachin corridor (peacekeepers)",
        }
    }
}

/// When a record is in force: `from` inclusive, `to` exclusive, `None` open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Validity {
    /// First day in force; `None`: from before the first recorded change.
    pub from: Option<NaiveDate>,
    /// First day no longer in force; `None`: still in force.
    pub to: Option<NaiveDate>,
}

impl Validity {
    /// Whether `day` falls in the validity.
    ///
    /// ```
    /// use caucasus_atlas::model::Validity;
    /// use chrono::NaiveDate;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let v = Validity { from: Some(d(1994, 5, 12)), to: Some(d(2020, 9, 27)) };
    /// assert!(v.contains(d(1994, 5, 12)));
    /// assert!(v.contains(d(2020, 9, 26)));
    /// assert!(!v.contains(d(2020, 9, 27)));
    /// assert!(Validity::default().contains(d(1900, 1, 1)));
    /// ```
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day < t)
    }

    /// The span in words, with the last day in force (not the exclusive end).
    ///
    /// ```
    /// use caucasus_atlas::model::Validity;
    /// use chrono::NaiveDate;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    /// let v = Validity { from: d(2020, 11, 10), to: d(2023, 9, 19) };
    /// assert_eq!(v.describe(), "10 Nov 2020 – 18 Sep 2023");
    /// assert_eq!(Validity { from: d(2023, 4, 23), to: None }.describe(), "since 23 Apr 2023");
    /// assert_eq!(Validity { from: None, to: d(1988, 2, 20) }.describe(), "until 19 Feb 1988");
    /// ```
    pub fn describe(&self) -> String {
        let day = |d: NaiveDate| d.format("%-d %b %Y").to_string();
        let last = self.to.and_then(|t| t.pred_opt());
        match (self.from, last) {
            (Some(f), Some(l)) => format!("{} – {}", day(f), day(l)),
            (Some(f), None) => format!("since {}", day(f)),
            (None, Some(l)) => format!("until {}", day(l)),
            (None, None) => "always".to_owned(),
        }
    }
}

/// What every dated record carries: its name, hover text, validity and provenance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    /// Unique id (`peacekeeping_2020_2023`).
    pub id: String,
    /// Name for the legend.
    pub name: String,
    /// Text for the hover: the neutral description of the status.
    pub text: String,
    /// When it is in force.
    pub valid: Validity,
    /// Whether its geometry is approximate.
    pub approximate: bool,
    /// The public record it rests on (a document and its date).
    pub source: String,
    /// How its geometry was built (empty for notes).
    pub how: String,
}

/// An area of control.
#[derive(Clone, Debug, PartialEq)]
pub struct ControlArea {
    /// Name, validity and provenance.
    pub record: Record,
    /// Its status.
    pub status: ControlStatus,
    /// Its shape in degrees (lon, lat).
    pub area: MultiPolygon<f64>,
}

impl ControlArea {
    /// The hover text: status, since when, the record, and "approximate" where it is.
    ///
    /// ```
    /// use caucasus_atlas::model::{ControlArea, ControlStatus, Record, Validity};
    /// let area = ControlArea {
    ///     record: Record {
    ///         name: "Corridor".into(),
    ///         valid: Validity { from: chrono::NaiveDate::from_ymd_opt(2020, 11, 10), to: None },
    ///         approximate: true,
    ///         source: "Trilateral statement of 9/10 November 2020, point 6".into(),
    ///         ..Record::default()
    ///     },
    ///     status: ControlStatus::Corridor,
    ///     area: geo::MultiPolygon::new(vec![]),
    /// };
    /// assert_eq!(
    ///     area.hover_lines(),
    ///     vec![
    ///         "Corridor".to_owned(),
    ///         "Lachin corridor (peacekeepers), since 10 Nov 2020".to_owned(),
    ///         "Source: Trilateral statement of 9/10 November 2020, point 6".to_owned(),
    ///         "Approximate".to_owned(),
    ///     ]
    /// );
    /// ```
    pub fn hover_lines(&self) -> Vec<String> {
        let r = &self.record;
        let mut lines = vec![
            r.name.clone(),
            format!("{}, {}", self.status.label(), r.valid.describe()),
        ];
        if !r.text.is_empty() {
            lines.push(r.text.clone());
        }
        lines.push(format!("Source: {}", r.source));
        if r.approximate {
            lines.push("Approximate".to_owned());
        }
        lines
    }
}

/// A line of contact.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactLine {
    /// Name, validity and provenance.
    pub record: Record,
    /// Its lines in degrees (lon, lat).
    pub lines: MultiLineString<f64>,
}

/// A dated point (a checkpoint).
#[derive(Clone, Debug, PartialEq)]
pub struct DatedPoint {
    /// Name, validity and provenance.
    pub record: Record,
    /// Where it is.
    pub point: Point<f64>,
}

/// A day on which the map changes, for the timeline's lane and Next/Prev.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapChange {
    /// The day from which the change is in force.
    pub day: NaiveDate,
    /// A short label ("Trilateral statement: ceasefire, peacekeepers").
    pub label: String,
    /// What changed.
    pub what: String,
    /// The public record it rests on.
    pub source: String,
}

/// A town point the situation's construction used (GeoNames).
#[derive(Clone, Debug, PartialEq)]
pub struct ReferencePlace {
    /// GeoNames id.
    pub geonames_id: u64,
    /// Name, contested names both ways.
    pub name: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
}

/// The whole situation: every dated record and the list of change days.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Situation {
    /// Areas of control.
    pub areas: Vec<ControlArea>,
    /// Lines of contact.
    pub lines: Vec<ContactLine>,
    /// Dated points.
    pub points: Vec<DatedPoint>,
    /// Notes: periods the map does not draw, dissolutions.
    pub notes: Vec<Record>,
    /// The change days, in date order.
    pub changes: Vec<MapChange>,
    /// The town points the construction used.
    pub places: Vec<ReferencePlace>,
}

/// What is in force on one day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InForce<'a> {
    /// Areas of control.
    pub areas: Vec<&'a ControlArea>,
    /// Lines of contact.
    pub lines: Vec<&'a ContactLine>,
    /// Dated points.
    pub points: Vec<&'a DatedPoint>,
    /// Notes (say why nothing is drawn, when nothing is).
    pub notes: Vec<&'a Record>,
}

impl Situation {
    /// Everything in force on `day`.
    pub fn in_force(&self, day: NaiveDate) -> InForce<'_> {
        InForce {
            areas: self
                .areas
                .iter()
                .filter(|a| a.record.valid.contains(day))
                .collect(),
            lines: self
                .lines
                .iter()
                .filter(|l| l.record.valid.contains(day))
                .collect(),
            points: self
                .points
                .iter()
                .filter(|p| p.record.valid.contains(day))
                .collect(),
            notes: self
                .notes
                .iter()
                .filter(|n| n.valid.contains(day))
                .collect(),
        }
    }

    /// Whether Nagorno-Karabakh stood apart as a unit of its own on `day`: from the first change
    /// recorded (the oblast, 7 July 1923) until the last area of control ended (19 September
    /// 2023). Its outline means nothing before or after.
    ///
    /// ```
    /// use caucasus_atlas::io::bundle::bundled_situation;
    /// use chrono::NaiveDate;
    /// let s = bundled_situation();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(!s.karabakh_apart_on(d(1920, 12, 31)));
    /// assert!(s.karabakh_apart_on(d(1950, 1, 1)));
    /// assert!(s.karabakh_apart_on(d(2023, 9, 18)));
    /// assert!(!s.karabakh_apart_on(d(2024, 6, 1)));
    /// ```
    pub fn karabakh_apart_on(&self, day: NaiveDate) -> bool {
        let from = self.changes.first().map(|c| c.day);
        let until = self.areas.iter().filter_map(|a| a.record.valid.to).max();
        from.is_some_and(|f| f <= day) && until.is_some_and(|u| day < u)
    }

    /// Whether any area of control is in force on `day` (none before 1994, during the wars, or
    /// after September 2023).
    pub fn any_area_on(&self, day: NaiveDate) -> bool {
        self.areas.iter().any(|a| a.record.valid.contains(day))
    }

    /// The area in force on `day` that holds the point, if any (areas do not overlap).
    pub fn area_at(&self, lon: f64, lat: f64, day: NaiveDate) -> Option<&ControlArea> {
        let p = Point::new(lon, lat);
        self.areas
            .iter()
            .find(|a| a.record.valid.contains(day) && a.area.contains(&p))
    }

    /// The status of a point on `day`, if it lies in an area in force.
    ///
    /// ```
    /// use caucasus_atlas::io::bundle::bundled_situation;
    /// use caucasus_atlas::model::ControlStatus;
    /// use chrono::NaiveDate;
    /// let s = bundled_situation();
    /// let lachin = s.places.iter().find(|p| p.geonames_id == 147625).unwrap();
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let at = |d| s.status_at(lachin.lon, lachin.lat, d);
    /// assert_eq!(at(day(2012, 3, 12)), Some(ControlStatus::ArmenianHeld));
    /// assert_eq!(at(day(2021, 6, 1)), Some(ControlStatus::Corridor));
    /// assert_eq!(at(day(2022, 9, 1)), None);
    /// ```
    pub fn status_at(&self, lon: f64, lat: f64, day: NaiveDate) -> Option<ControlStatus> {
        self.area_at(lon, lat, day).map(|a| a.status)
    }

    /// The change days, in date order.
    pub fn change_days(&self) -> &[MapChange] {
        &self.changes
    }

    /// The first change after `day`, for "Next".
    ///
    /// ```
    /// use caucasus_atlas::io::bundle::bundled_situation;
    /// use chrono::NaiveDate;
    /// let s = bundled_situation();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(s.next_change(d(2020, 11, 10)).unwrap().day, d(2020, 11, 20));
    /// assert_eq!(s.previous_change(d(2020, 11, 10)).unwrap().day, d(2020, 9, 27));
    /// ```
    pub fn next_change(&self, day: NaiveDate) -> Option<&MapChange> {
        self.changes.iter().find(|c| c.day > day)
    }

    /// The last change before `day`, for "Prev".
    pub fn previous_change(&self, day: NaiveDate) -> Option<&MapChange> {
        self.changes.iter().rev().find(|c| c.day < day)
    }

    /// The change in force on `day`: the last one on or before it.
    pub fn change_on(&self, day: NaiveDate) -> Option<&MapChange> {
        self.changes.iter().rev().find(|c| c.day <= day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn square(status: ControlStatus, from: NaiveDate, to: NaiveDate, x: f64) -> ControlArea {
        ControlArea {
            record: Record {
                id: format!("{x}"),
                valid: Validity {
                    from: Some(from),
                    to: Some(to),
                },
                ..Record::default()
            },
            status,
            area:
                polygon![(x: x, y: 0.0), (x: x + 1.0, y: 0.0), (x: x + 1.0, y: 1.0), (x: x, y: 1.0)]
                    .into(),
        }
    }

    #[test]
    fn a_point_takes_the_status_of_the_area_in_force() {
        let s = Situation {
            areas: vec![
                square(
                    ControlStatus::ArmenianHeld,
                    d(1994, 5, 12),
                    d(2020, 9, 27),
                    0.0,
                ),
                square(
                    ControlStatus::Peacekeeping,
                    d(2020, 11, 10),
                    d(2023, 9, 19),
                    0.0,
                ),
                square(
                    ControlStatus::Corridor,
                    d(2020, 11, 10),
                    d(2022, 8, 26),
                    1.0,
                ),
            ],
            ..Situation::default()
        };
        assert_eq!(
            s.status_at(0.5, 0.5, d(2012, 3, 12)),
            Some(ControlStatus::ArmenianHeld)
        );
        assert_eq!(s.status_at(0.5, 0.5, d(2020, 10, 1)), None);
        assert_eq!(
            s.status_at(0.5, 0.5, d(2021, 1, 1)),
            Some(ControlStatus::Peacekeeping)
        );
        assert_eq!(
            s.status_at(1.5, 0.5, d(2022, 8, 25)),
            Some(ControlStatus::Corridor)
        );
        assert_eq!(s.status_at(1.5, 0.5, d(2022, 8, 26)), None);
        assert_eq!(s.status_at(5.0, 5.0, d(2021, 1, 1)), None);
        assert_eq!(s.in_force(d(2021, 1, 1)).areas.len(), 2);
        assert_eq!(s.in_force(d(2023, 9, 20)).areas.len(), 0);
    }

    #[test]
    fn changes_step_both_ways() {
        let change = |day| MapChange {
            day,
            label: String::new(),
            what: String::new(),
            source: String::new(),
        };
        let s = Situation {
            changes: vec![change(d(1994, 5, 12)), change(d(2020, 9, 27))],
            ..Situation::default()
        };
        assert_eq!(s.next_change(d(1990, 1, 1)).unwrap().day, d(1994, 5, 12));
        assert_eq!(s.next_change(d(1994, 5, 12)).unwrap().day, d(2020, 9, 27));
        assert!(s.next_change(d(2020, 9, 27)).is_none());
        assert_eq!(
            s.previous_change(d(2020, 9, 27)).unwrap().day,
            d(1994, 5, 12)
        );
        assert!(s.previous_change(d(1994, 5, 12)).is_none());
        assert_eq!(s.change_on(d(2000, 1, 1)).unwrap().day, d(1994, 5, 12));
        assert!(s.change_on(d(1990, 1, 1)).is_none());
    }
}
