//! The one place where the state changes in response to the user: [`AtlasApp::apply`].

use super::merging::{AfterMerge, MergeJob};
use super::{AtlasApp, SCROLL_QUOTE_FRAMES, VisibleKey};
use crate::capture::{Capture, Shot};
use crate::commands::{Command, ExportFormat};
use crate::dialogs::{DialogJob, DialogPurpose};
use crate::filters::Visible;
use crate::io::open::LoadOptions;
use crate::loading::LoadJob;
use crate::model::Dataset;
use crate::model::counted::counted;
use crate::time_control::TimeControl;
use eframe::egui;
use std::path::{Path, PathBuf};

/// Fastest and slowest playback, in days per second.
const SPEED_RANGE: (f64, f64) = (0.1, 36500.0);
/// Least timeline context shown around the window, in days.
const MIN_FOCUS_DAYS: f64 = 14.0;

impl AtlasApp {
    /// Applies one command: the only place state changes in response to the UI.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Select(i) => self.select(i),
            Command::Hover(i) => self.hovered = i,
            Command::OpenGroup(events, [x, y]) => self.map.group = Some((events, egui::pos2(x, y))),
            Command::CloseGroup => self.map.group = None,
            Command::SetWindow(a, b) => self.time.set_window(a, b),
            Command::FocusTimelineOnWindow => self.focus_timeline_on_window(),
            Command::SetMode(m) => self.time.mode = m,
            Command::SetShowFaded(f) => self.time.show_faded = f,
            Command::TogglePlay => {
                self.time.toggle_play();
                self.timeline.follow_window = true;
            }
            Command::SetSpeed(s) => self.time.speed = s.clamp(SPEED_RANGE.0, SPEED_RANGE.1),
            Command::StepNext | Command::StepPrev | Command::First | Command::Last => {
                self.step(&command)
            }
            Command::StepMapChange { forward } => self.step_map_change(forward),
            Command::ShowCategory(c, shown) => self.filters.set_shown(c, shown),
            Command::SetActor(a) => self.filters.actor = a,
            Command::SetSearch(text) => self.filters.text = text,
            Command::AddArea(area) => {
                if !self.filters.areas.contains(&area) {
                    self.filters.areas.push(area);
                }
            }
            Command::RemoveArea(k) => {
                if k < self.filters.areas.len() {
                    self.filters.areas.remove(k);
                }
            }
            Command::ClearAreas => self.filters.areas.clear(),
            Command::FilterAreaAt { lon, lat } => self.filter_area_at(lon, lat),
            Command::SetMapView(view) => self.set_map_view(view),
            Command::Zoom(f) => self.set_map_view(self.map.zoomed(f)),
            Command::FitRegion => self.map.fit_pending = true,
            Command::OpenDialog => self.open_dialog(DialogPurpose::Open),
            Command::OpenPath(path) => {
                // a file the user opens is asked about once read, even in place of a `--data` load
                self.auto_accept = None;
                self.open_path(path);
            }
            Command::CancelLoad => {
                if let Some(job) = self.job.take() {
                    job.cancel();
                }
                // nor is what the user opens next taken without asking
                self.auto_accept = None;
                self.say("Loading cancelled; nothing changed.", false);
            }
            Command::AcceptLoad { layer } => self.accept_load(layer),
            Command::ReloadWith(options) => self.reload_with(options),
            Command::DiscardLoad => {
                self.pending = None;
                self.say("Nothing loaded; the open data is unchanged.", false);
            }
            Command::CloseFile(k) => self.close_file(k),
            Command::ExportDialog(format) => self.open_dialog(DialogPurpose::Export(format)),
            Command::ExportTo(path, format) => self.export_to(&path, format),
            Command::SaveImageDialog => self.open_dialog(DialogPurpose::SaveImage),
            Command::SaveImageTo(path) => {
                self.capture = Some(Capture::new(vec![Shot { window: None, path }], false));
            }
            Command::CopyView => self.copy_view(),
            Command::Refuse(why) => self.say(why, true),
            Command::NewFromArticle => {
                let form = crate::panels::review::new_article::NewArticleForm::default();
                self.review = Some(super::Review::Form(form));
            }
            Command::Review(command) => self.apply_review(command),
            Command::PlaceForReview { lon, lat } => self.place_for_review(lon, lat),
        }
    }

    /// Steps the selection through time.
    fn step(&mut self, command: &Command) {
        let visible = &self.visible;
        let passes = |i: usize| visible.passes(i);
        let next = match command {
            Command::StepNext => self.time.step_next(&self.data, self.selected, &passes),
            Command::StepPrev => self.time.step_prev(&self.data, self.selected, &passes),
            Command::First => self.time.first(&self.data, &passes),
            Command::Last => self.time.last(&self.data, &passes),
            _ => None,
        };
        if next.is_some() || matches!(command, Command::First | Command::Last) {
            self.select(next);
        }
    }

    /// Toggles the smallest named area at a point in the area filter, or clears the filter when
    /// the point lies in no area.
    fn filter_area_at(&mut self, lon: f64, lat: f64) {
        let day = crate::model::date::date_of(self.time.query_range().1);
        let Some(area) = self.areas.at(lon, lat, day).first().map(|a| a.name.clone()) else {
            self.filters.areas.clear();
            return;
        };
        let named = crate::filters::AreaFilter::Named(area);
        match self.filters.areas.iter().position(|a| *a == named) {
            Some(k) => {
                self.filters.areas.remove(k);
            }
            None => self.filters.areas.push(named),
        }
    }

    /// Moves the window's end to the next or previous day the map changes.
    fn step_map_change(&mut self, forward: bool) {
        let today = crate::model::date::date_of(self.time.to);
        let change = match forward {
            true => self.situation.next_change(today),
            false => self.situation.previous_change(today),
        };
        match change {
            Some(c) => {
                self.time.end_on(crate::model::date::day_of(c.day));
                self.timeline.follow_window = true;
                self.say(
                    format!("Map change on {}: {}", c.day.format("%-d %b %Y"), c.label),
                    false,
                );
            }
            None => self.say("No further change of the map that way.", false),
        }
    }

    /// Looks at the map from `view`, and draws the next frame at once.
    fn set_map_view(&mut self, view: crate::model::MapView) {
        self.map.view = view;
        self.map.fit_pending = false;
        self.waker.wake();
    }

    /// Selects an event and brings it into every view.
    fn select(&mut self, index: Option<usize>) {
        self.selected = index;
        self.map.group = None;
        let Some(e) = index.and_then(|i| self.data.view(i)) else {
            return;
        };
        self.scroll_quote = SCROLL_QUOTE_FRAMES;
        self.list.scroll_to_selection = true;
        if e.is_placed() && !e.off_map && !self.map.shows(e.lon, e.lat) {
            let view = self.map.centred_on(e.lon, e.lat);
            self.set_map_view(view);
        }
        self.timeline.follow_window = true;
    }

    fn open_dialog(&mut self, purpose: DialogPurpose) {
        if self.dialog.is_some() {
            return self.say("A file dialog is already open.", false);
        }
        let waker = self.waker.clone();
        self.dialog = Some(DialogJob::start(purpose, move || waker.wake()));
    }

    fn copy_view(&mut self) {
        let text = self.view_state().to_text();
        if let Some(ctx) = self.waker.context() {
            ctx.copy_text(text.clone());
        }
        self.say(format!("View copied: {text}"), false);
    }

    fn export_to(&mut self, path: &Path, format: ExportFormat) {
        let events = self.exported_events();
        let n = events.len();
        let text = match format {
            ExportFormat::GeoJson => Ok(crate::io::export::to_text(
                &crate::io::export::events_collection(events),
            )),
            ExportFormat::Csv => crate::io::atlas_csv::write_csv(events).map_err(|e| e.to_string()),
            ExportFormat::Tsv => {
                crate::io::atlas_csv::write_table(events, b'\t').map_err(|e| e.to_string())
            }
        };
        let written = text.and_then(|t| {
            crate::io::atomic::write_atomic(path, t.as_bytes()).map_err(|e| e.to_string())
        });
        match written {
            Ok(()) => {
                let exported = counted(n, "event");
                self.say(format!("Exported {exported} to {}", path.display()), false)
            }
            Err(e) => self.say(format!("Export to {} failed: {e}", path.display()), true),
        }
    }

    /// Starts loading a file in the background (a load already running is cancelled).
    pub(super) fn open_path(&mut self, path: PathBuf) {
        self.start_load(path, self.load_options.clone());
    }

    /// Reads the pending load's file again with other choices; the new result replaces it.
    fn reload_with(&mut self, options: LoadOptions) {
        if let Some(pending) = self.pending.take() {
            self.start_load(pending.path, options);
        }
    }

    fn start_load(&mut self, path: PathBuf, options: LoadOptions) {
        if let Some(job) = self.job.take() {
            job.cancel();
        }
        let waker = self.waker.clone();
        self.job = Some(LoadJob::start(
            &path,
            self.basemap.clone(),
            options,
            move || waker.wake(),
        ));
    }

    /// Takes the finished load beside the open data (`layer`) or instead of it. Beside large open
    /// data, the files are put together beside the frames (see [`super::merging`]); while they
    /// are, the load waits.
    pub(super) fn accept_load(&mut self, layer: bool) {
        if self.merging.is_some() {
            self.say_still_merging();
            return;
        }
        let Some(outcome) = self.pending.take() else {
            return;
        };
        let n = outcome.data.len();
        let again = layer && self.open_files.position(Some(&outcome.path)).is_some();
        let said = loaded_words(&outcome, layer, again);
        self.keep_reopen_notes(&outcome.path, &said.1);
        if !layer {
            self.open_files
                .replace(Some(outcome.path.clone()), &outcome.data);
            self.set_data(outcome.data);
            // the old dataset and the load's transient buffers are gone now
            crate::io::memory::release_free_memory();
            self.say(format!("{}{}", said.0, said.1), false);
            return;
        }
        let path = outcome.path;
        let data = outcome.data;
        if self.merges_beside(n) {
            let name = path
                .file_name()
                .unwrap_or(path.as_os_str())
                .to_string_lossy();
            let doing = format!(
                "Adding {} from {name} beside the open data…",
                counted(n, "event")
            );
            self.say(doing.clone(), false);
            let waker = self.waker.clone();
            let adding = path.clone();
            let mut job = MergeJob::start(
                (&self.open_files, &self.data),
                move |files, open| files.add(open, path, data),
                (AfterMerge::Added(said), doing),
                move || waker.wake(),
            );
            job.adding = Some(crate::model::open_files::absolute(adding));
            self.merging = Some(job);
            return;
        }
        let mut open = std::mem::take(&mut self.data);
        let set_aside = self.open_files.add(&mut open, path, data);
        self.set_data(open);
        crate::io::memory::release_free_memory();
        self.say_added(said, &set_aside);
    }

    /// Says a file was added (`said`: the words before and after the count of events kept), and
    /// how many of its events an earlier file holds.
    pub(super) fn say_added(&mut self, (head, notes): (String, String), set_aside: &[String]) {
        let kept = match set_aside.len() {
            0 => String::new(),
            n => {
                let verb = if n == 1 { "was" } else { "were" };
                format!("; {} already open {verb} kept", counted(n, "event"))
            }
        };
        self.say(format!("{head}{kept}{notes}"), false);
    }

    /// While files are put together, another change to them waits.
    fn say_still_merging(&mut self) {
        let doing = self
            .merging
            .as_ref()
            .map(|m| m.doing.trim_end_matches('…').to_owned())
            .unwrap_or_default();
        self.say(format!("{doing}: try again once it is done"), true);
    }

    /// Closes open file `k`; the open data becomes the other files'. One of the user's own events
    /// files closed is no longer reopened at start.
    fn close_file(&mut self, k: usize) {
        if self.merging.is_some() {
            self.say_still_merging();
            return;
        }
        let Some(file) = self.open_files.files().get(k) else {
            return;
        };
        // the name and path only: a file's own events may be millions
        let name = match file.path {
            Some(_) => file.name(),
            None => "the bundled events".to_owned(),
        };
        let path = file.path.clone();
        if self.open_files.files().len() < 2 {
            self.say(
                "The only open file stays open: open another to replace it.",
                true,
            );
            return;
        }
        if self.merges_beside(0) {
            let doing = format!("Closing {name}…");
            self.say(doing.clone(), false);
            let waker = self.waker.clone();
            self.merging = Some(MergeJob::start(
                (&self.open_files, &self.data),
                move |files, open| {
                    files.close(open, k);
                    Vec::new()
                },
                (AfterMerge::Closed(name, path), doing),
                move || waker.wake(),
            ));
            return;
        }
        let mut open = std::mem::take(&mut self.data);
        self.open_files.close(&mut open, k);
        self.set_data(open);
        crate::io::memory::release_free_memory();
        self.say_closed(&name, path.as_ref());
    }

    /// Says a file was closed and what is left open; one of the user's own events files is no
    /// longer opened at start.
    pub(super) fn say_closed(&mut self, name: &str, path: Option<&PathBuf>) {
        let own = path.filter(|p| self.user_layers.contains(p));
        let reopened = match own {
            Some(path) => {
                let path = path.clone();
                self.user_layers.retain(|p| *p != path);
                "; it is no longer opened at start"
            }
            None => "",
        };
        let left = counted(self.data.len(), "event");
        self.say(format!("Closed {name}: {left} open{reopened}"), false);
    }

    /// Zooms the timeline to the window, with half its width of context on each side.
    pub fn focus_timeline_on_window(&mut self) {
        let (a, b) = self.time.query_range();
        let width = f64::from(b - a + 1).max(MIN_FOCUS_DAYS);
        self.timeline.focus = Some((f64::from(a) - width / 2.0, f64::from(b + 1) + width / 2.0));
    }

    /// Replaces the open data, resetting the window and selection.
    pub fn set_data(&mut self, data: Dataset) {
        self.time = TimeControl::for_dataset(&data);
        self.selected = None;
        self.hovered = None;
        self.list.set_data(&data);
        self.data = data;
        self.generation += 1;
        // the whole data, as the timeline first showed it
        self.timeline.focus = self.data.time_extent().map(crate::timeline::whole_span);
        self.refresh_visible();
    }

    /// Recomputes the visible sets if the window, mode or filters changed.
    pub fn refresh_visible(&mut self) {
        let key = VisibleKey {
            range: self.time.query_range(),
            mode: self.time.mode,
            faded: self.time.show_faded,
            filters: self.filters.clone(),
            generation: self.generation,
            row_search: self.row_hits.generation,
        };
        if self.visible_key.as_ref() != Some(&key) {
            let (mask, days) =
                self.filter_cache
                    .get(&self.data, &self.filters, &self.row_hits, &self.areas);
            self.visible = Visible::compute(&self.data, &self.time, mask, days);
            self.visible_key = Some(key);
        }
    }
}

/// What the status line says of a load taken: its events, from where, how (added, opened again
/// in place of its earlier events, or open instead of the data) and what was skipped; then its
/// notes, which follow the events an earlier file kept.
fn loaded_words(
    outcome: &crate::loading::LoadOutcome,
    layer: bool,
    again: bool,
) -> (String, String) {
    let how = match (layer, again) {
        (true, true) => "opened again in place of its earlier events",
        (true, false) => "added beside the open data",
        (false, _) => "now open",
    };
    let skipped = match outcome.problems.len() {
        0 => String::new(),
        k => format!(" ({k} skipped)"),
    };
    let mut noticed = outcome.notices.clone();
    noticed.extend(outcome.undated.as_ref().map(|u| u.message()));
    let noticed = match noticed.is_empty() {
        true => String::new(),
        false => format!(" — {}", noticed.join("; ")),
    };
    let head = format!(
        "{} from {} {how}{skipped}",
        counted(outcome.data.len(), "event"),
        outcome.path.display()
    );
    (head, noticed)
}
