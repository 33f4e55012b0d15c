//! Opening again at start the files that were open at the last exit, and the user's own events
//! files, one after the other in the background; the view saved with them is shown again once
//! each has loaded, so that its window and selection, which may lie in those files, hold.

use super::{AtlasApp, AutoAccept};
use crate::model::counted::counted;
use crate::view_state::ViewState;
use std::path::{Path, PathBuf};

/// The key of the saved list of the user's own events files in eframe's storage.
pub const LAYERS_KEY: &str = "caucasus-atlas-layers";

/// The key of the saved list of the open files (`null` for the bundled events), first opened
/// first.
pub const OPEN_FILES_KEY: &str = "caucasus-atlas-open-files";

/// What is being opened again at start.
#[derive(Default)]
pub(super) struct Reopening {
    /// The files to add as layers, last first.
    layers: Vec<PathBuf>,
    /// The view to show again after each file loads.
    view: Option<ViewState>,
    /// The open files as saved, kept as the saved list until they are open again.
    saved: Option<Vec<Option<PathBuf>>>,
    /// The saved files no longer there, said once the others are open; whether the first is one.
    missing: (Vec<PathBuf>, bool),
    /// Whether the files of the last session are being opened again, to be summed up once open.
    active: bool,
    /// What their loads had to say ("m.kml: 1 placemark has no recognised date"), said with the
    /// summary, which takes the place of each load's own words on the status line.
    notes: Vec<String>,
}

impl AtlasApp {
    /// Opens again, one after the other, the files open at the last exit (unless a file is named
    /// on the command line) and the user's own events files. The view applied at start (`--view`,
    /// else the saved session) is shown again as each loads.
    pub fn reopen_layers_from(&mut self, storage: &dyn eframe::Storage) {
        let saved: Vec<PathBuf> = eframe::get_value(storage, LAYERS_KEY).unwrap_or_default();
        self.user_layers = saved.into_iter().filter(|p| p.is_file()).collect();
        let named_on_command_line = self.startup_load.is_some();
        let mut layers = Vec::new();
        if !named_on_command_line {
            let files: Vec<Option<PathBuf>> =
                eframe::get_value(storage, OPEN_FILES_KEY).unwrap_or_default();
            layers = self.reopen_first(&files);
            self.reopening.saved = Some(files);
        }
        // the user's own files, unless they open already, in place of the bundled events or beside
        let first = self.startup_load.as_ref().map(|(path, _)| path.clone());
        for path in &self.user_layers {
            if !layers.contains(path) && first.as_ref() != Some(path) {
                layers.push(path.clone());
            }
        }
        let active = !named_on_command_line && (self.startup_load.is_some() || !layers.is_empty());
        let view = self.start_view.take();
        // a file named on the command line shows its whole extent, or the view named with it
        self.reopening.view = match (named_on_command_line, active) {
            (true, _) => view,
            (false, true) => view.or_else(|| eframe::get_value(storage, super::SESSION_KEY)),
            (false, false) => None,
        };
        self.reopening.active = active;
        layers.reverse();
        self.reopening.layers = layers;
    }

    /// The first saved file, when it is not the bundled events, opens in their place; returns the
    /// other saved files that still exist, to add beside it.
    fn reopen_first(&mut self, files: &[Option<PathBuf>]) -> Vec<PathBuf> {
        let mut rest = files.iter().flatten();
        if let Some(Some(first)) = files.first() {
            rest.next();
            if first.is_file() {
                self.startup_load = Some((first.clone(), false));
            } else {
                self.reopening.missing = (vec![first.clone()], true);
            }
        }
        let (there, gone): (Vec<PathBuf>, Vec<PathBuf>) = rest.cloned().partition(|p| p.is_file());
        self.reopening.missing.0.extend(gone);
        there
    }

    /// Once the last session's files are open again: which, with their events, and those no
    /// longer there.
    fn say_reopened(&mut self) {
        let (missing, first) = std::mem::take(&mut self.reopening.missing);
        let mut parts = Vec::new();
        if std::mem::take(&mut self.reopening.active) {
            let reopened: Vec<String> = self
                .open_files
                .files()
                .iter()
                .filter(|f| f.path.is_some())
                .map(|f| format!("{} ({})", f.name(), counted(f.len, "event")))
                .collect();
            if !reopened.is_empty() {
                parts.push(format!(
                    "Opened again from the last session: {}",
                    reopened.join(", ")
                ));
            }
        }
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|p| p.display().to_string()).collect();
            let bundled = if first {
                "; the bundled events are open"
            } else {
                ""
            };
            let gone = format!("no longer there: {}{bundled}", names.join(", "));
            parts.push(match parts.is_empty() {
                true => format!("Not opened again, {gone}"),
                false => format!("not opened again, {gone}"),
            });
        }
        parts.append(&mut self.reopening.notes);
        if !parts.is_empty() {
            self.say(parts.join("; "), !missing.is_empty());
        }
    }

    /// Keeps what the load of a file opened again at start had to say (`notes`, as the status
    /// line would write them after its count), for the summary.
    pub(super) fn keep_reopen_notes(&mut self, path: &Path, notes: &str) {
        let notes = notes.trim_start_matches(" — ").trim();
        if self.reopening.active && !notes.is_empty() {
            let name = path.file_name().unwrap_or(path.as_os_str());
            let named = format!("{}: {notes}", name.to_string_lossy());
            self.reopening.notes.push(named);
        }
    }

    /// Loads one of the user's events files and adds it beside the open data once it loads.
    pub(super) fn open_layer(&mut self, path: PathBuf) {
        self.auto_accept = Some(AutoAccept::Layer);
        self.open_path(path);
    }

    /// Opens the next file waiting to be opened again, when nothing else loads; once none waits,
    /// the view is left to the user.
    pub(super) fn reopen_next_layer(&mut self) {
        let busy = self.job.is_some() || self.pending.is_some() || self.merging.is_some();
        if busy || self.startup_load.is_some() {
            return;
        }
        match self.reopening.layers.pop() {
            Some(path) => self.open_layer(path),
            None => {
                self.reopening.view = None;
                self.reopening.saved = None;
                self.say_reopened();
            }
        }
    }

    /// After a file opened again at start has loaded: the view of the start, shown again.
    pub(super) fn show_start_view_again(&mut self) {
        if let Some(view) = self.reopening.view.clone() {
            self.apply_view_state(&view);
        }
    }

    /// The open files to save: while they are being opened again, the list they came from; with
    /// a file still joining them, that file too.
    pub(super) fn open_files_to_save(&self) -> Vec<Option<PathBuf>> {
        if let Some(saved) = &self.reopening.saved {
            return saved.clone();
        }
        let mut files: Vec<Option<PathBuf>> = self
            .open_files
            .files()
            .iter()
            .map(|f| f.path.clone())
            .collect();
        let adding = self.merging.as_ref().and_then(|m| m.adding.clone());
        if let Some(path) = adding.filter(|p| !files.contains(&Some(p.clone()))) {
            files.push(Some(path));
        }
        files
    }
}
