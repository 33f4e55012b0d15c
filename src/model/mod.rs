//! The data model: events, places, dates with precision, and the dataset with its time index.
//! Nothing here knows about egui.

pub mod category;
pub mod counted;
pub mod dataset;
pub mod date;
pub mod event;
pub mod map_view;
pub mod open_files;
pub mod par_sort;
pub mod place;
pub mod region;
pub mod rows;
pub mod situation;
pub mod spatial;
pub mod text_match;
pub mod time_index;
pub mod time_of_day;
pub mod track;
pub mod view;

pub use category::{Category, CategoryCounts};
pub use dataset::{Dataset, Records, Window};
pub use date::{DateSpan, DayNum, EventDate, Precision};
pub use event::{Event, Source};
pub use map_view::MapView;
pub use place::{Place, PlaceKind};
pub use rows::{RowColumns, RowReader, RowStore};
pub use situation::{
    ContactLine, ControlArea, ControlStatus, DatedPoint, InForce, MapChange, Record,
    ReferencePlace, Situation, Validity,
};
pub use text_match::TextMatcher;
pub use time_of_day::TimeOfDay;
pub use track::{Track, TrackPoint};
pub use view::EventView;
