//! ACLED-style CSV events.

use super::bundled::Loaded;
use super::problem::Problem;
use crate::model::{Event, Place};

/// Parses ACLED-style CSV bytes.
pub fn parse_acled_csv(file: &str, _bytes: &[u8]) -> (Vec<Place>, Loaded<Event>) {
    let mut loaded = Loaded::default();
    loaded
        .problems
        .push(Problem::whole(file, "CSV is not supported yet"));
    (Vec::new(), loaded)
}
