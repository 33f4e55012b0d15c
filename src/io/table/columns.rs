//! Which column of a table holds what: recognised by the names people and tools give their
//! columns (`Date`, `start_date`, `Latitude`, `lng`, `Headline`...), as Google Sheets, Excel and
//! TimelineJS's sheet template write them.

/// What a column gives an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The event's id.
    Id,
    /// The title.
    Title,
    /// The summary (HTML is turned into text).
    Summary,
    /// Notes.
    Notes,
    /// The date (or the start of a range), in any form the loaders read.
    Start,
    /// The end of a range.
    End,
    /// TimelineJS's sheet: the start's year, month, day and time of day.
    Year,
    /// The start's month.
    Month,
    /// The start's day.
    Day,
    /// The start's time of day.
    Time,
    /// The end's year.
    EndYear,
    /// The end's month.
    EndMonth,
    /// The end's day.
    EndDay,
    /// How the date is to be written (kept as the date's text).
    DisplayDate,
    /// The place as a WKT geometry (`POINT (46.75 39.81)`; a line or polygon is the event's shape).
    Geometry,
    /// Latitude in degrees.
    Latitude,
    /// Longitude in degrees.
    Longitude,
    /// The place's name.
    Place,
    /// The country the place lies in.
    Country,
    /// The type of event (the dataset's own category label).
    Category,
    /// TimelineJS's sheet: `title` or `era` rows, which are not events.
    SlideType,
    /// The source: a URL or a document's name.
    Source,
    /// Who published the source.
    Publisher,
    /// The sentence quoted from the source.
    Quote,
    /// Who took part, parted by `;`.
    Actors,
    /// A caption of the source's media (kept in the notes).
    Caption,
}

/// The names each role answers to, written as [`normal`] leaves them; the first column that
/// answers to a role takes it.
const NAMES: [(Role, &[&str]); 26] = [
    (
        Role::Id,
        &[
            "id",
            "event_id",
            "unique_id",
            "uniqueid",
            "uid",
            "globaleventid",
        ],
    ),
    (
        Role::Title,
        &[
            "title",
            "headline",
            "name",
            "event",
            "event_name",
            "subject",
            "label",
            "item_label",
        ],
    ),
    (
        Role::Summary,
        &["summary", "description", "text", "details", "body"],
    ),
    (Role::Notes, &["notes", "note", "comment", "comments"]),
    (
        Role::Start,
        &[
            "date",
            "start_date",
            "startdate",
            "start",
            "date_start",
            "begin",
            "begin_date",
            "from",
            "from_date",
            "datetime",
            "date_time",
            "timestamp",
            "when",
            "sqldate",
        ],
    ),
    (
        Role::End,
        &[
            "end_date", "enddate", "end", "date_end", "until", "to", "to_date",
        ],
    ),
    (Role::Year, &["year", "start_year"]),
    (Role::Month, &["month", "start_month"]),
    (Role::Day, &["day", "start_day"]),
    (Role::Time, &["time", "time_of_day", "start_time"]),
    (Role::EndYear, &["end_year"]),
    (Role::EndMonth, &["end_month"]),
    (Role::EndDay, &["end_day"]),
    (Role::DisplayDate, &["display_date"]),
    (
        Role::Geometry,
        &[
            "wkt",
            "wkt_geom",
            "the_geom",
            "geom",
            "geometry",
            "coord",
            "coords",
            "coordinate",
            "coordinates",
        ],
    ),
    (Role::Latitude, &["latitude", "lat", "y", "action_geo_lat"]),
    (
        Role::Longitude,
        &["longitude", "lon", "lng", "long", "x", "action_geo_long"],
    ),
    (
        Role::Place,
        &[
            // a Wikidata query's label of a place comes before the place's URI
            "place_label",
            "location_label",
            "place",
            "place_name",
            "location",
            "location_name",
            "city",
            "town",
            "locality",
            "site",
            "address",
            "action_geo_full_name",
        ],
    ),
    (Role::Country, &["country"]),
    (
        Role::Category,
        &["category", "group", "event_type", "type", "kind"],
    ),
    (Role::SlideType, &["type"]),
    (
        Role::Source,
        &[
            "source",
            "url",
            "link",
            "source_url",
            "media",
            "media_url",
            "reference",
            "sourceurl",
            "item",
        ],
    ),
    (
        Role::Publisher,
        &["publisher", "outlet", "credit", "media_credit"],
    ),
    (Role::Quote, &["quote", "source_quote"]),
    (
        Role::Actors,
        &["actors", "actor", "participants", "actor1name"],
    ),
    (Role::Caption, &["media_caption", "caption"]),
];

/// A column name as the roles' names are written: lowercase, with spaces, hyphens and the word
/// breaks of camelCase as `_`.
///
/// ```
/// use caucasus_atlas::io::table::normal;
/// assert_eq!(normal(" End Year "), "end_year");
/// assert_eq!(normal("Start-Date"), "start_date");
/// assert_eq!(normal("startYear"), "start_year");
/// assert_eq!(normal("mediaURL"), "media_url");
/// assert_eq!(normal("ID"), "id");
/// ```
pub fn normal(name: &str) -> String {
    let name = name.trim().trim_start_matches('\u{feff}');
    let mut out = String::with_capacity(name.len() + 4);
    let mut previous: Option<char> = None;
    for c in name.chars() {
        let camel_break = c.is_uppercase() && previous.is_some_and(char::is_lowercase);
        if camel_break {
            out.push('_');
        }
        match c {
            ' ' | '-' => out.push('_'),
            _ => out.extend(c.to_lowercase()),
        }
        previous = Some(c);
    }
    out
}

/// The columns of a table that give events, by role.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    roles: Vec<(Role, usize)>,
    names: Vec<String>,
}

impl Columns {
    /// Recognises the columns of a header. With `time_field` (the columns the user chose for the
    /// start and end), those give the dates and the usual date columns do not.
    pub fn of(
        header: &[&str],
        time_field: Option<(&str, Option<&str>)>,
    ) -> Result<Columns, String> {
        let names: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
        let normals: Vec<String> = header.iter().map(|h| normal(h)).collect();
        let mut roles: Vec<(Role, usize)> = Vec::new();
        for (role, answers) in NAMES {
            let taken = |i: usize| roles.iter().any(|&(_, j)| j == i);
            let found = answers
                .iter()
                .find_map(|a| normals.iter().position(|n| n == a).filter(|&i| !taken(i)));
            if let Some(i) = found {
                roles.push((role, i));
            }
        }
        let mut columns = Columns { roles, names };
        if let Some((start, end)) = time_field {
            columns.choose_dates(start, end)?;
        }
        columns.keep_slide_type_apart();
        columns.label_as_title();
        Ok(columns)
    }

    /// A table without a title column titles its rows by the first label a Wikidata query gives
    /// (`?battleLabel`, `?objectLabel`: a column named `…Label`), not a place's.
    fn label_as_title(&mut self) {
        if self.of_role(Role::Title).is_some() {
            return;
        }
        let taken = |i: usize| self.roles.iter().any(|&(_, j)| j == i);
        let label = (0..self.names.len())
            .find(|&i| normal(&self.names[i]).ends_with("_label") && !taken(i));
        if let Some(i) = label {
            self.roles.push((Role::Title, i));
        }
    }

    /// The column of a role, if the table has one.
    pub fn of_role(&self, role: Role) -> Option<usize> {
        self.roles.iter().find(|(r, _)| *r == role).map(|&(_, i)| i)
    }

    /// The column's name as the header writes it.
    pub fn name(&self, index: usize) -> &str {
        self.names.get(index).map_or("", String::as_str)
    }

    /// How many columns the header has.
    pub fn width(&self) -> usize {
        self.names.len()
    }

    /// Whether the table says when its events happened: a date column or TimelineJS's `Year`.
    pub fn has_dates(&self) -> bool {
        self.of_role(Role::Start).is_some() || self.of_role(Role::Year).is_some()
    }

    /// Whether the table says where: coordinates, or a place's name.
    pub fn has_places(&self) -> bool {
        let coordinates =
            self.of_role(Role::Latitude).is_some() && self.of_role(Role::Longitude).is_some();
        coordinates || self.of_role(Role::Geometry).is_some() || self.of_role(Role::Place).is_some()
    }

    /// What the load tells the user about how the table was read, e.g. "read as a table of
    /// events: the date from `Date`, the place from `lat`, `lon`, the title from `Title`".
    pub fn described(&self) -> String {
        let named = |roles: &[Role]| -> Vec<String> {
            roles
                .iter()
                .filter_map(|&r| self.of_role(r))
                .map(|i| format!("`{}`", self.name(i)))
                .collect()
        };
        let mut parts = Vec::new();
        // a geometry is read only where a row's coordinates are empty
        let geometry_what = if self.of_role(Role::Latitude).is_some() {
            "where they are empty, the place"
        } else {
            "the place"
        };
        // the parts of a date read only where the date column of a row is empty
        let parts_what = if self.of_role(Role::Start).is_some() {
            "where it is empty, the date"
        } else {
            "the date"
        };
        for (what, roles) in [
            ("the date", &[Role::Start, Role::End][..]),
            (
                parts_what,
                &[Role::Year, Role::Month, Role::Day, Role::Time][..],
            ),
            ("the place", &[Role::Latitude, Role::Longitude][..]),
            (geometry_what, &[Role::Geometry][..]),
            ("the place's name", &[Role::Place][..]),
            ("the title", &[Role::Title][..]),
        ] {
            let names = named(roles);
            if !names.is_empty() {
                parts.push(format!("{what} from {}", names.join(", ")));
            }
        }
        format!("read as a table of events: {}", parts.join("; "))
    }

    /// Makes the chosen columns the start and end, and no other column a date.
    fn choose_dates(&mut self, start: &str, end: Option<&str>) -> Result<(), String> {
        let find = |name: &str| {
            self.names
                .iter()
                .position(|n| n == name.trim())
                .or_else(|| self.names.iter().position(|n| normal(n) == normal(name)))
                .ok_or_else(|| {
                    format!(
                        "--time-field: the table has no column `{name}`; its columns are: {}",
                        self.names.join(", ")
                    )
                })
        };
        let start = find(start)?;
        let end = end.map(find).transpose()?;
        let dates = [
            Role::Start,
            Role::End,
            Role::Year,
            Role::Month,
            Role::Day,
            Role::Time,
            Role::EndYear,
            Role::EndMonth,
            Role::EndDay,
        ];
        self.roles
            .retain(|(r, i)| !dates.contains(r) && *i != start && Some(*i) != end);
        self.roles.push((Role::Start, start));
        if let Some(end) = end {
            self.roles.push((Role::End, end));
        }
        Ok(())
    }

    /// In TimelineJS's sheet (a `Year` or `Display Date` column) a `Type` column marks title and
    /// era rows, and `Group` is the type label; elsewhere `Type` is the event's type.
    fn keep_slide_type_apart(&mut self) {
        let timelinejs =
            self.of_role(Role::Year).is_some() || self.of_role(Role::DisplayDate).is_some();
        if !timelinejs {
            self.roles.retain(|(r, _)| *r != Role::SlideType);
            return;
        }
        let type_column = self
            .of_role(Role::Category)
            .filter(|&i| normal(self.name(i)) == "type");
        if let Some(i) = type_column {
            self.roles
                .retain(|(r, _)| *r != Role::Category && *r != Role::SlideType);
            self.roles.push((Role::SlideType, i));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(header: &str) -> Columns {
        let names: Vec<&str> = header.split(',').collect();
        Columns::of(&names, None).unwrap()
    }

    #[test]
    fn a_spreadsheet_s_columns_are_found_by_their_usual_names() {
        let c = columns("Title,Date,Latitude,Longitude,Description,Source");
        assert_eq!(c.of_role(Role::Title), Some(0));
        assert_eq!(c.of_role(Role::Start), Some(1));
        assert_eq!(c.of_role(Role::Latitude), Some(2));
        assert_eq!(c.of_role(Role::Longitude), Some(3));
        assert_eq!(c.of_role(Role::Summary), Some(4));
        assert_eq!(c.of_role(Role::Source), Some(5));
        assert!(c.has_dates() && c.has_places());
        assert_eq!(
            c.described(),
            "read as a table of events: the date from `Date`; the place from `Latitude`, \
             `Longitude`; the title from `Title`"
        );
        let c = columns("name,start date,end date,lat,lng,city");
        assert_eq!(c.of_role(Role::Start), Some(1));
        assert_eq!(c.of_role(Role::End), Some(2));
        assert_eq!(c.of_role(Role::Longitude), Some(4));
        assert_eq!(c.of_role(Role::Place), Some(5));
    }

    #[test]
    fn timelinejs_s_sheet_has_its_date_parts_and_a_type_apart_from_its_group() {
        let c = columns(
            "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,\
             Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background",
        );
        assert_eq!(c.of_role(Role::Year), Some(0));
        assert_eq!(c.of_role(Role::EndDay), Some(6));
        assert_eq!(c.of_role(Role::Title), Some(9));
        assert_eq!(c.of_role(Role::Summary), Some(10));
        assert_eq!(c.of_role(Role::Source), Some(11));
        assert_eq!(c.of_role(Role::Publisher), Some(12));
        assert_eq!(c.of_role(Role::Caption), Some(13));
        assert_eq!(c.of_role(Role::SlideType), Some(15));
        assert_eq!(c.of_role(Role::Category), Some(16));
        assert!(c.has_dates() && !c.has_places());
        // elsewhere a `type` column is the event's type
        let c = columns("title,date,type");
        assert_eq!(c.of_role(Role::Category), Some(2));
        assert_eq!(c.of_role(Role::SlideType), None);
    }

    #[test]
    fn the_sheet_s_columns_in_camel_case_are_the_same_columns() {
        // the header of TimelineJS sheets kept beside a local copy of TimelineJS
        let c = columns(
            "startYear,startMonth,startDay,startTime,endYear,endMonth,endDay,endTime,displayDate,\
             headline,text,mediaUrl,mediaCredit,mediaCaption,mediaThumbail,type,group,\
             backgroundUrl,backgroundColor",
        );
        assert_eq!(c.of_role(Role::Year), Some(0));
        assert_eq!(c.of_role(Role::Time), Some(3));
        assert_eq!(c.of_role(Role::EndDay), Some(6));
        assert_eq!(c.of_role(Role::DisplayDate), Some(8));
        assert_eq!(c.of_role(Role::Title), Some(9));
        assert_eq!(c.of_role(Role::Source), Some(11));
        assert_eq!(c.of_role(Role::Publisher), Some(12));
        assert_eq!(c.of_role(Role::SlideType), Some(15));
        assert_eq!(c.of_role(Role::Category), Some(16));
    }

    #[test]
    fn chosen_time_fields_replace_the_usual_date_columns() {
        let names = ["title", "date", "reported", "closed"];
        let c = Columns::of(&names, Some(("Reported", Some("closed")))).unwrap();
        assert_eq!(c.of_role(Role::Start), Some(2));
        assert_eq!(c.of_role(Role::End), Some(3));
        let err = Columns::of(&names, Some(("opened", None))).unwrap_err();
        assert_eq!(
            err,
            "--time-field: the table has no column `opened`; its columns are: title, date, \
             reported, closed"
        );
    }

    #[test]
    fn a_byte_order_mark_does_not_hide_the_first_column() {
        let c = columns("\u{feff}Date,Title");
        assert_eq!(c.of_role(Role::Start), Some(0));
    }
}
