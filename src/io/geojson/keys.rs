//! The property names the GeoJSON loader reads (a contract: see the README's formats table).

/// A property the loader reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Key {
    /// `id`
    Id,
    /// `title`
    Title,
    /// `name`
    Name,
    /// `summary`
    Summary,
    /// `description`
    Description,
    /// `place`
    Place,
    /// `place_name`
    PlaceName,
    /// `country`
    Country,
    /// `category`
    Category,
    /// `category_label`
    CategoryLabel,
    /// `event_type`
    EventType,
    /// `sub_event_type`
    SubEventType,
    /// `actors`
    Actors,
    /// `actor1`
    Actor1,
    /// `actor2`
    Actor2,
    /// `notes`
    Notes,
    /// `source`
    Source,
    /// `quote`
    Quote,
    /// `publisher`
    Publisher,
    /// `published`
    Published,
    /// `claimed_by`
    ClaimedBy,
    /// `verified`
    Verified,
    /// `shape`
    Shape,
    /// `precision`
    Precision,
    /// `date_text`
    DateText,
    /// `date_note`
    DateNote,
    /// `start`
    Start,
    /// `end`
    End,
    /// `begin`
    Begin,
    /// `start_date`
    StartDate,
    /// `end_date`
    EndDate,
    /// `startDate`
    StartDateCamel,
    /// `endDate`
    EndDateCamel,
    /// `date_start`
    DateStart,
    /// `date_end`
    DateEnd,
    /// `from`
    From,
    /// `to`
    To,
    /// `time`
    Time,
    /// `times`
    Times,
    /// `coordTimes`
    CoordTimes,
    /// `linestringTimestamps`
    LinestringTimestamps,
    /// `datetime`
    Datetime,
    /// `date`
    Date,
    /// `Date`
    DateCapital,
    /// `event_date`
    EventDate,
    /// `timestamp`
    Timestamp,
    /// `year`
    Year,
}

impl Key {
    /// How many keys there are.
    pub const COUNT: usize = Key::Year as usize + 1;

    /// The key a property name stands for, if the loader reads it.
    pub fn of(name: &str) -> Option<Key> {
        Some(match name {
            "id" => Key::Id,
            "title" => Key::Title,
            "name" => Key::Name,
            "summary" => Key::Summary,
            "description" => Key::Description,
            "place" => Key::Place,
            "place_name" => Key::PlaceName,
            "country" => Key::Country,
            "category" => Key::Category,
            "category_label" => Key::CategoryLabel,
            "event_type" => Key::EventType,
            "sub_event_type" => Key::SubEventType,
            "actors" => Key::Actors,
            "actor1" => Key::Actor1,
            "actor2" => Key::Actor2,
            "notes" => Key::Notes,
            "source" => Key::Source,
            "quote" => Key::Quote,
            "publisher" => Key::Publisher,
            "published" => Key::Published,
            "claimed_by" => Key::ClaimedBy,
            "verified" => Key::Verified,
            "shape" => Key::Shape,
            "precision" => Key::Precision,
            "date_text" => Key::DateText,
            "date_note" => Key::DateNote,
            "start" => Key::Start,
            "end" => Key::End,
            "begin" => Key::Begin,
            "start_date" => Key::StartDate,
            "end_date" => Key::EndDate,
            "startDate" => Key::StartDateCamel,
            "endDate" => Key::EndDateCamel,
            "date_start" => Key::DateStart,
            "date_end" => Key::DateEnd,
            "from" => Key::From,
            "to" => Key::To,
            "time" => Key::Time,
            "times" => Key::Times,
            "coordTimes" => Key::CoordTimes,
            "linestringTimestamps" => Key::LinestringTimestamps,
            "datetime" => Key::Datetime,
            "date" => Key::Date,
            "Date" => Key::DateCapital,
            "event_date" => Key::EventDate,
            "timestamp" => Key::Timestamp,
            "year" => Key::Year,
            _ => return None,
        })
    }

    /// The property's name in files.
    pub fn name(self) -> &'static str {
        match self {
            Key::Id => "id",
            Key::Title => "title",
            Key::Name => "name",
            Key::Summary => "summary",
            Key::Description => "description",
            Key::Place => "place",
            Key::PlaceName => "place_name",
            Key::Country => "country",
            Key::Category => "category",
            Key::CategoryLabel => "category_label",
            Key::EventType => "event_type",
            Key::SubEventType => "sub_event_type",
            Key::Actors => "actors",
            Key::Actor1 => "actor1",
            Key::Actor2 => "actor2",
            Key::Notes => "notes",
            Key::Source => "source",
            Key::Quote => "quote",
            Key::Publisher => "publisher",
            Key::Published => "published",
            Key::ClaimedBy => "claimed_by",
            Key::Verified => "verified",
            Key::Shape => "shape",
            Key::Precision => "precision",
            Key::DateText => "date_text",
            Key::DateNote => "date_note",
            Key::Start => "start",
            Key::End => "end",
            Key::Begin => "begin",
            Key::StartDate => "start_date",
            Key::EndDate => "end_date",
            Key::StartDateCamel => "startDate",
            Key::EndDateCamel => "endDate",
            Key::DateStart => "date_start",
            Key::DateEnd => "date_end",
            Key::From => "from",
            Key::To => "to",
            Key::Time => "time",
            Key::Times => "times",
            Key::CoordTimes => "coordTimes",
            Key::LinestringTimestamps => "linestringTimestamps",
            Key::Datetime => "datetime",
            Key::Date => "date",
            Key::DateCapital => "Date",
            Key::EventDate => "event_date",
            Key::Timestamp => "timestamp",
            Key::Year => "year",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_keys_agree() {
        for name in [
            "id",
            "title",
            "start_date",
            "startDate",
            "Date",
            "date",
            "coordTimes",
            "from",
            "to",
            "year",
            "event_date",
            "datetime",
            "linestringTimestamps",
            "verified",
        ] {
            assert_eq!(Key::of(name).map(Key::name), Some(name));
        }
        assert_eq!(Key::of("DATE"), None);
        assert_eq!(Key::of("mag"), None);
    }
}
