//! One row of a table of events as an event: its date from a date column or from TimelineJS's
//! Year, Month, Day and Time, its place from coordinates or from a place's name the gazetteer
//! knows, and its title, text, type and source.

use super::columns::{Columns, Role};
use super::gdelt::{Gdelt, GdeltRow};
use super::wkt_geometry::read_wkt;
use crate::io::basemap::{Basemap, ShapeKind};
use crate::io::html_text::html_to_text;
use crate::io::imported::{Places, date_between, read_date_value};
use crate::io::table_separator::decimal_point;
use crate::io::time_parse::parse_time_of_day;
use crate::io::timelinejs::date::{Parts, read as read_date_parts};
use crate::io::written_clock::parse_written_clock;
use crate::model::place::{validate_latitude, validate_longitude};
use crate::model::region::REGION;
use crate::model::{Category, Event, EventDate, Place, Precision, TimeOfDay};
use geo::{Geometry, InteriorPoint};
use serde_json::{Map, Value};

/// A problem with a row: the column it is in (the row's first when `None`) and what is wrong.
pub type Fail = (Option<usize>, String);

/// A row's point (longitude, latitude) and, for a line or polygon, its shape.
type GeometryAt = (Option<(f64, f64)>, Option<Geometry<f64>>);

/// What a row is.
#[derive(Debug)]
pub enum Row {
    /// An event.
    Event(Box<Event>),
    /// TimelineJS's title slide, with its headline.
    Title(String),
    /// One of TimelineJS's eras.
    Era,
}

/// What the rows of one table share: its columns, places, the gazetteer and its separator.
pub struct Reader<'a> {
    /// The table's columns.
    pub columns: &'a Columns,
    /// Places made for the rows' coordinates.
    pub places: Places,
    /// The bundled gazetteer, for rows that name a place without coordinates.
    pub gazetteer: &'a [Place],
    /// Whether numbers are written with a decimal comma (a table parted by `;` or tabs).
    pub decimal_comma: bool,
    /// The name of the file, for the source of rows that give none.
    pub document: &'a str,
    /// GDELT's columns, when the table is GDELT's.
    pub gdelt: Option<Gdelt>,
    /// The basemap, whose countries draw the events a row places only at a country.
    pub basemap: &'a Basemap,
}

impl Reader<'_> {
    /// The row's value in a role's column, trimmed; `None` when empty or absent.
    fn get<'r>(&self, record: &'r csv::StringRecord, role: Role) -> Option<&'r str> {
        let i = self.columns.of_role(role)?;
        record.get(i).map(str::trim).filter(|v| !v.is_empty())
    }

    /// A failure at a role's column.
    fn at(&self, role: Role, message: String) -> Fail {
        (self.columns.of_role(role), message)
    }

    /// Reads row `n` (counted from 1 after the header).
    pub fn row(&mut self, record: &csv::StringRecord, n: usize) -> Result<Row, Fail> {
        let title = self.get(record, Role::Title).map(html_to_text);
        match self
            .get(record, Role::SlideType)
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("title") => return Ok(Row::Title(title.unwrap_or_default())),
            Some("era") => return Ok(Row::Era),
            _ => {}
        }
        let id = self
            .get(record, Role::Id)
            .map_or_else(|| format!("row-{n}"), str::to_owned);
        let (date, time) = self.date(record)?;
        let place_name = self.place_name(record);
        let coded = self.gdelt.as_ref().map(|g| g.row(record));
        let title = title
            .filter(|t| !t.is_empty())
            .or_else(|| coded_title(coded.as_ref()?, place_name.as_deref()))
            .or_else(|| place_name.clone())
            .unwrap_or_else(|| id.clone());
        let mut e = self.placed(record, &id, &title, date, place_name)?;
        e.time = time;
        e.summary = self
            .get(record, Role::Summary)
            .map(html_to_text)
            .unwrap_or_default();
        self.describe(record, &mut e);
        if let Some(coded) = coded {
            if coded.country_level {
                self.drawn_as_country(&mut e);
            }
            machine_coded(&mut e, coded);
        }
        Ok(Row::Event(Box::new(e)))
    }

    /// An event placed only at a country takes the country's shape, when the basemap has a
    /// country of its place's name: the map draws the country, not a point in its middle.
    fn drawn_as_country(&mut self, e: &mut Event) {
        let country = self
            .basemap
            .shapes
            .iter()
            .find(|s| s.kind == ShapeKind::Country && s.name == e.place_name.trim());
        if let Some(country) = country {
            e.shape = Some(country.geometry.clone());
            e.shape_name = Some(country.name.clone());
            self.places.mark_country(&e.place);
            let drawn = format!("Drawn as the country {}.", country.name);
            e.notes = [std::mem::take(&mut e.notes), drawn]
                .into_iter()
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
        }
    }

    /// The type, source, actors and notes.
    fn describe(&self, record: &csv::StringRecord, e: &mut Event) {
        if let Some(label) = self.get(record, Role::Category) {
            let ours = Category::parse(label);
            e.category = ours.unwrap_or_else(|| Category::from_acled(label, ""));
            if ours.is_none() {
                e.category_label = label.to_owned();
            }
        }
        e.source.document = self
            .get(record, Role::Source)
            .unwrap_or(self.document)
            .to_owned();
        e.source.publisher = self.get(record, Role::Publisher).map(html_to_text);
        e.source.quote = self.get(record, Role::Quote).unwrap_or_default().to_owned();
        e.actors = self
            .get(record, Role::Actors)
            .map(|a| {
                a.split([';', '|'])
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let notes = [
            self.get(record, Role::Notes).map(html_to_text),
            self.get(record, Role::Caption)
                .map(|c| format!("Media caption: {}", html_to_text(c))),
        ];
        let notes: Vec<String> = notes.into_iter().flatten().collect();
        e.notes = [e.notes.clone()]
            .into_iter()
            .chain(notes)
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
    }

    /// The row's date and time of day: from its date columns, or TimelineJS's date parts.
    fn date(&self, record: &csv::StringRecord) -> Result<(EventDate, Option<TimeOfDay>), Fail> {
        let (mut date, time) = match self.get(record, Role::Start) {
            Some(start) => self.written_dates(record, start)?,
            None => self.date_parts(record)?,
        };
        if let Some(display) = self.get(record, Role::DisplayDate) {
            date.text = display.to_owned();
        }
        Ok((date, time))
    }

    /// The date from a start column and an optional end column, each in any form the loaders
    /// read.
    fn written_dates(
        &self,
        record: &csv::StringRecord,
        start: &str,
    ) -> Result<(EventDate, Option<TimeOfDay>), Fail> {
        let read = |role: Role, value: &str| {
            read_date_value(value).map_err(|m| self.at(role, self.named(role, m)))
        };
        let (a, time) = read(Role::Start, start)?;
        let b = match self.get(record, Role::End) {
            Some(end) => Some(read(Role::End, end)?.0),
            None => None,
        };
        let mut date = date_between(a, b).map_err(|m| self.at(Role::End, m))?;
        date.text = match self.get(record, Role::End) {
            Some(end) => format!("{start}/{end}"),
            None => start.to_owned(),
        };
        let time = match (time, self.get(record, Role::Time)) {
            (None, Some(clock)) if a.precision == Precision::Day => Some(self.clock(clock)?),
            (time, _) => time,
        };
        Ok((date, time))
    }

    /// The date from TimelineJS's Year, Month, Day and Time columns (and End Year, End Month,
    /// End Day); undated when the row has no year, month or day.
    fn date_parts(
        &self,
        record: &csv::StringRecord,
    ) -> Result<(EventDate, Option<TimeOfDay>), Fail> {
        let start = self.parts(record, [Role::Year, Role::Month, Role::Day])?;
        let Some(start) = start else {
            return Ok((EventDate::undated(), None));
        };
        let end = self.parts(record, [Role::EndYear, Role::EndMonth, Role::EndDay])?;
        let end_span = end.as_ref().map(|p| p.span);
        let date = date_between(start.span, end_span).map_err(|m| self.at(Role::EndYear, m))?;
        let time = match self.get(record, Role::Time) {
            Some(clock) if start.span.precision == Precision::Day => Some(self.clock(clock)?),
            _ => None,
        };
        Ok((date, time))
    }

    /// A date from a year, month and day column, as TimelineJS reads its own date parts.
    fn parts(&self, record: &csv::StringRecord, roles: [Role; 3]) -> Result<Option<Parts>, Fail> {
        if let Some(month) = self.get(record, roles[1])
            && !month.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        {
            let m = format!("`{month}` is not a month (1 to 12)");
            return Err(self.at(roles[1], self.named(roles[1], m)));
        }
        let mut object = Map::new();
        for (role, key) in roles.iter().zip(["year", "month", "day"]) {
            let value = self.get(record, *role).unwrap_or_default();
            object.insert(key.to_owned(), Value::String(value.to_owned()));
        }
        read_date_parts(Some(&Value::Object(object))).map_err(|(part, m)| {
            let role = match part {
                Some("month") => roles[1],
                Some("day") => roles[2],
                _ => roles[0],
            };
            self.at(role, self.named(role, m))
        })
    }

    /// A time of day as a sheet writes it: `14:30`, `14:30:05`, `2:30 PM`.
    fn clock(&self, text: &str) -> Result<TimeOfDay, Fail> {
        parse_time_of_day(text)
            .ok()
            .or_else(|| parse_written_clock(text))
            .ok_or_else(|| {
                let m = format!("`{text}` is not a time of day (such as 14:30 or 2:30 PM)");
                self.at(Role::Time, self.named(Role::Time, m))
            })
    }

    /// A message prefixed with the column's name: "`Date`: …".
    fn named(&self, role: Role, message: String) -> String {
        match self.columns.of_role(role) {
            Some(i) => format!("`{}`: {message}", self.columns.name(i)),
            None => message,
        }
    }

    /// The place's name, with its country when the table gives one.
    fn place_name(&self, record: &csv::StringRecord) -> Option<String> {
        let place = self
            .get(record, Role::Place)
            .filter(|v| !is_wkt_point(v))
            .map(html_to_text)?;
        Some(match self.get(record, Role::Country) {
            Some(country) if !place.contains(country) => format!("{place}, {country}"),
            _ => place,
        })
    }

    /// The event at the row's coordinates, or at the gazetteer's place of its name, or unplaced.
    fn placed(
        &mut self,
        record: &csv::StringRecord,
        id: &str,
        title: &str,
        date: EventDate,
        place_name: Option<String>,
    ) -> Result<Event, Fail> {
        let name = place_name.unwrap_or_default();
        let (point, shape) = match self.coordinates(record)? {
            Some(point) => (Some(point), None),
            None => self.geometry(record)?,
        };
        if let Some((lon, lat)) = point {
            let mut e = Event::at(id, title, date, lon, lat);
            (e.place, e.place_name) = self.places.point(lon, lat, &name);
            e.off_map = !REGION.contains(lon, lat);
            e.shape = shape.map(std::sync::Arc::new);
            return Ok(e);
        }
        let bare = self
            .get(record, Role::Place)
            .map(html_to_text)
            .unwrap_or_default();
        let known = self.gazetteer.iter().find(|p| p.is_named(&bare));
        let Some(known) = known else {
            return Ok(self.at_town(record, id, title, date, &bare, name));
        };
        let mut e = Event::at(id, title, date, known.lon, known.lat);
        (e.place, e.place_name) = self.places.point(known.lon, known.lat, &known.name);
        e.notes = format!(
            "Placed at the gazetteer's {} (GeoNames): the table names the place, with no \
             coordinates",
            known.name
        );
        Ok(e)
    }

    /// The event at the GeoNames point of the town a row names without coordinates, when the
    /// gazetteer lacks it but the table of the region's towns holds it (in the country the row
    /// names, if it names one); else unplaced, its place's name kept.
    fn at_town(
        &mut self,
        record: &csv::StringRecord,
        id: &str,
        title: &str,
        date: EventDate,
        bare: &str,
        name: String,
    ) -> Event {
        let country = self.get(record, Role::Country);
        let towns = crate::io::towns::Towns::bundled();
        let Some(found) = towns.find_named(bare, country) else {
            let mut e = Event::unplaced(id, title, date);
            e.place_name = name;
            return e;
        };
        let t = found.town;
        let mut e = Event::at(id, title, date, t.lon, t.lat);
        let shown = t.shown.as_deref().unwrap_or(&found.written);
        (e.place, e.place_name) = self.places.point(t.lon, t.lat, shown);
        let among = match found.namesakes {
            1 => String::new(),
            n => format!(" {n} towns of the table carry this name; {}.", found.why),
        };
        e.notes = format!(
            "Placed at GeoNames' point of '{}' ({}, id {}, from its cities500 table): the table \
             names the place, with no coordinates, and the atlas's gazetteer lacks it.{among} \
             Check that it is the place meant.",
            t.name,
            crate::io::towns::country_of_code(&t.country),
            t.geonames_id
        );
        e
    }

    /// The row's point from its WKT geometry, and the geometry itself when it is a line or a
    /// polygon (the event's shape, its point inside it); nothing when the row has none.
    fn geometry(&self, record: &csv::StringRecord) -> Result<GeometryAt, Fail> {
        // a place's column may hold a point in WKT, as a Wikidata query's `?location` does
        let place_point = self.get(record, Role::Place).filter(|v| is_wkt_point(v));
        let (role, text) = match (self.get(record, Role::Geometry), place_point) {
            (Some(text), _) => (Role::Geometry, text),
            (None, Some(text)) => (Role::Place, text),
            (None, None) => return Ok((None, None)),
        };
        let geometry = read_wkt(text).map_err(|m| self.at(role, self.named(role, m)))?;
        let point = geometry.interior_point().ok_or_else(|| {
            let m = format!("`{text}` has no point inside it");
            self.at(role, self.named(role, m))
        })?;
        let shape = (!matches!(geometry, Geometry::Point(_))).then_some(geometry);
        Ok((Some((point.x(), point.y())), shape))
    }

    /// The row's longitude and latitude; `None` when it gives neither.
    fn coordinates(&self, record: &csv::StringRecord) -> Result<Option<(f64, f64)>, Fail> {
        let (lat, lon) = (
            self.get(record, Role::Latitude),
            self.get(record, Role::Longitude),
        );
        let (lat, lon) = match (lat, lon) {
            (None, None) => return Ok(None),
            (Some(_), None) => {
                return Err(self.at(Role::Longitude, "a latitude without a longitude".to_owned()));
            }
            (None, Some(_)) => {
                return Err(self.at(Role::Latitude, "a longitude without a latitude".to_owned()));
            }
            (Some(lat), Some(lon)) => (lat, lon),
        };
        let lat = self.degrees(Role::Latitude, lat)?;
        let lon = self.degrees(Role::Longitude, lon)?;
        validate_latitude(lat).map_err(|m| self.at(Role::Latitude, m))?;
        validate_longitude(lon).map_err(|m| self.at(Role::Longitude, m))?;
        Ok(Some((lon, lat)))
    }

    /// A number of degrees, with a decimal comma where the table writes one.
    fn degrees(&self, role: Role, text: &str) -> Result<f64, Fail> {
        let point = self.decimal_comma.then(|| decimal_point(text)).flatten();
        point
            .as_deref()
            .unwrap_or(text)
            .parse::<f64>()
            .map_err(|_| {
                let m = format!("`{text}` is not a number of degrees");
                self.at(role, self.named(role, m))
            })
    }
}

/// Whether a place's column holds a point in WKT (`Point(46.75 39.81)`), as a Wikidata query's
/// `?location` may, rather than a name.
fn is_wkt_point(value: &str) -> bool {
    value
        .get(..6)
        .is_some_and(|p| p.eq_ignore_ascii_case("point("))
}

/// The title of a machine-coded row without one: its kind of act and its place ("Fight in
/// Stepanakert"), the place's name up to its first comma as GDELT writes it ("Stepanakert,
/// Azarbaycan, Azerbaijan").
fn coded_title(coded: &GdeltRow, place: Option<&str>) -> Option<String> {
    let (kind, _) = coded.kind?;
    Some(
        match place.and_then(|p| p.split(',').next()).map(str::trim) {
            Some(place) if !place.is_empty() => format!("{kind} in {place}"),
            _ => kind.to_owned(),
        },
    )
}

/// What GDELT's coding gives an event: its category and label, its second actor, notes on how it
/// was coded and placed; and, coded by machine, it is not verified.
fn machine_coded(e: &mut Event, coded: GdeltRow) {
    if let Some((kind, category)) = coded.kind {
        e.category = category;
        e.category_label = kind.to_owned();
    }
    if let Some(actor) = coded.second_actor
        && !e.actors.contains(&actor)
    {
        e.actors.push(actor);
    }
    e.notes = [coded.notes, std::mem::take(&mut e.notes)]
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    e.verified = false;
}
