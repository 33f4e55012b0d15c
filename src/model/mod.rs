//! The data model: events, places, dates with precision, and the dataset with its time index.
//! Nothing here knows about egui.

pub mod category;
pub mod dataset;
pub mod date;
pub mod event;
pub mod place;
pub mod region;
pub mod time_index;

pub use category::Category;
pub use dataset::Dataset;
pub use date::{DayNum, EventDate, Precision};
pub use event::{Event, Source};
pub use place::{Place, PlaceKind};
