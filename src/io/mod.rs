//! Loaders and writers with typed, located errors.

pub mod acled;
pub mod atlas_csv;
pub mod atomic;
pub mod basemap;
pub mod bundle;
pub mod bundled;
pub mod check;
pub(crate) mod csv_position;
pub mod date_parse;
pub mod export;
pub mod free_date;
pub mod geojson;
pub mod html_text;
pub mod imported;
pub mod json_kind;
pub mod json_locate;
pub mod json_table;
pub mod json_values;
pub mod kml;
pub mod memory;
pub mod open;
pub mod png_out;
pub mod problem;
pub mod situation;
pub mod slug;
pub mod sparql;
pub mod storymap;
pub mod table;
pub mod table_separator;
pub mod time_parse;
pub mod timelinejs;
pub mod towns;
pub mod written_clock;
pub mod zip_data;

pub use basemap::{Basemap, Shape, ShapeKind};
pub use problem::{Problem, Problems};
