//! Loaders and writers with typed, located errors.

pub mod acled;
pub mod atlas_csv;
pub mod atomic;
pub mod basemap;
pub mod bundle;
pub mod bundled;
pub mod check;
pub mod date_parse;
pub mod export;
pub mod geojson_events;
pub mod json_locate;
pub mod memory;
pub mod open;
pub mod png_out;
pub mod problem;
pub mod situation;
pub mod slug;

pub use basemap::{Basemap, Shape, ShapeKind};
pub use problem::{Problem, Problems};
