//! What the views ask for. Views emit commands; the app applies them in one place.

use crate::io::open::LoadOptions;
use crate::model::{Category, DayNum};
use crate::time_control::Mode;
use std::path::PathBuf;

/// Formats File > Export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// A GeoJSON FeatureCollection.
    GeoJson,
    /// The atlas CSV.
    Csv,
}

/// One request from a view.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select an event (by dataset position) or clear the selection.
    Select(Option<usize>),
    /// Hover an event, or nothing.
    Hover(Option<usize>),
    /// Open the list of a marker group at a screen position.
    OpenGroup(Vec<usize>, [f32; 2]),
    /// Close the group list.
    CloseGroup,
    /// Set the time window (inclusive days).
    SetWindow(DayNum, DayNum),
    /// Zoom the timeline to show the window with some context.
    FocusTimelineOnWindow,
    /// Window or cumulative.
    SetMode(Mode),
    /// Show events outside the window faded.
    SetShowFaded(bool),
    /// Play or pause.
    TogglePlay,
    /// Playback speed, days per second.
    SetSpeed(f64),
    /// Select the next event in time.
    StepNext,
    /// Select the previous event in time.
    StepPrev,
    /// Select the first event.
    First,
    /// Select the last event.
    Last,
    /// Show or hide a category.
    ShowCategory(Category, bool),
    /// Filter by actor.
    SetActor(Option<String>),
    /// Zoom the map by a factor around its centre.
    Zoom(f32),
    /// Fit the map to the region.
    FitRegion,
    /// Open a file with the native dialog.
    OpenDialog,
    /// Open a file by path (background load).
    OpenPath(PathBuf),
    /// Stop the running load.
    CancelLoad,
    /// Take the loaded data: beside the open data (`layer`) or instead of it.
    AcceptLoad {
        /// Add as a layer rather than replace.
        layer: bool,
    },
    /// Drop the loaded data; keep what is open.
    DiscardLoad,
    /// Read the loaded file again with other choices (time fields, an assumed year), replacing
    /// the pending load.
    ReloadWith(LoadOptions),
    /// Export the visible events, choosing the file with the native dialog.
    ExportDialog(ExportFormat),
    /// Export the visible events to a path.
    ExportTo(PathBuf, ExportFormat),
    /// Save a PNG of the viewer, choosing the file with the native dialog.
    SaveImageDialog,
    /// Save a PNG of the viewer to a path.
    SaveImageTo(PathBuf),
    /// Put a text encoding the view on the clipboard.
    CopyView,
}
