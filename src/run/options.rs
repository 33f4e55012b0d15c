//! What running the viewer or a capture needs from the command line, as plain data.

use crate::capture::Shot;
use crate::io::open::LoadOptions;
use crate::model::DayNum;
use std::path::PathBuf;

/// How to start the viewer: which data, whether to keep only valid records, and the session.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunOptions {
    /// A dataset to open instead of the bundled one.
    pub data: Option<PathBuf>,
    /// Load the valid records of a file with problems.
    pub skip_invalid: bool,
    /// Start fresh, ignoring the saved session.
    pub reset: bool,
    /// A view copied with "Copy view" to reopen.
    pub view: Option<String>,
    /// How the data file is read (time fields, assumed year).
    pub load: LoadOptions,
}

/// What the `screenshot` and `frames` commands ask for.
#[derive(Clone, Debug, PartialEq)]
pub struct CaptureRequest {
    /// The shots, in order.
    pub shots: Vec<Shot>,
    /// The window's inner size.
    pub size: [f32; 2],
    /// An event id to select first.
    pub select: Option<String>,
    /// The window to show first.
    pub window: Option<(DayNum, DayNum)>,
    /// Draw the map panel alone (with its legends, scale bar and caption), for publication.
    pub map_only: bool,
}
