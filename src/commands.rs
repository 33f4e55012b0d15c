//! What the views ask for. Views emit commands; the app applies them in one place.

use crate::filters::AreaFilter;
use crate::io::open::LoadOptions;
use crate::model::{Category, DayNum, MapView};
use crate::time_control::Mode;
use std::path::PathBuf;

/// Formats File > Export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// A GeoJSON FeatureCollection.
    GeoJson,
    /// The atlas CSV.
    Csv,
    /// The atlas CSV with tabs between fields.
    Tsv,
}

impl ExportFormat {
    /// The format a file name asks for by its extension (`.geojson` or `.json`, `.csv`, `.tsv`, in
    /// any case); `None` for any other name.
    pub fn for_path(path: &std::path::Path) -> Option<ExportFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "geojson" | "json" => Some(ExportFormat::GeoJson),
            "csv" => Some(ExportFormat::Csv),
            "tsv" => Some(ExportFormat::Tsv),
            _ => None,
        }
    }
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
    /// Move the window so that it ends on the next (or previous) day the map changes.
    StepMapChange {
        /// Toward later days.
        forward: bool,
    },
    /// Select the last event.
    Last,
    /// Show or hide a category.
    ShowCategory(Category, bool),
    /// Filter by actor.
    SetActor(Option<String>),
    /// Filter by text (title, place, actors, quote, and the notes of large tables).
    SetSearch(String),
    /// Add an area to the area filter (events inside any of its areas pass).
    AddArea(AreaFilter),
    /// Remove the area filter's area at this position.
    RemoveArea(usize),
    /// Remove every area from the area filter.
    ClearAreas,
    /// Toggle the smallest named area at a point in the area filter; at a point in no area (the
    /// sea), clear the area filter.
    FilterAreaAt {
        /// Longitude.
        lon: f64,
        /// Latitude.
        lat: f64,
    },
    /// Look at the map from here (after a drag, a scroll or a pinch, or to fit it).
    SetMapView(MapView),
    /// Zoom the map by a factor around its centre.
    Zoom(f32),
    /// Fit the map to the region.
    FitRegion,
    /// Open a file chosen in the native dialog (which runs beside the frame, not in it).
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
    /// Close one of the open files (its position among them); the others stay open.
    CloseFile(usize),
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
    /// Tell the user that what they typed was refused, and why, in the status line.
    Refuse(String),
    /// Start turning a new article into events (File > New from article).
    NewFromArticle,
    /// What the review of an article's proposals asked for.
    Review(crate::panels::review::ReviewCommand),
    /// Set the reviewed proposal's place where the map was clicked.
    PlaceForReview {
        /// Longitude.
        lon: f64,
        /// Latitude.
        lat: f64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn an_export_path_names_its_format_by_extension() {
        let format = |name: &str| ExportFormat::for_path(Path::new(name));
        assert_eq!(format("out/events.geojson"), Some(ExportFormat::GeoJson));
        assert_eq!(format("events.JSON"), Some(ExportFormat::GeoJson));
        assert_eq!(format("events.Csv"), Some(ExportFormat::Csv));
        assert_eq!(format("events.tsv"), Some(ExportFormat::Tsv));
        assert_eq!(format("events.txt"), None);
        assert_eq!(format("events"), None);
    }
}
