//! Work that goes on beside the frames, polled once per frame: a file load, a search of large
//! tables' notes, a native file dialog, dropped files, and screenshots being taken.

use super::AtlasApp;
use crate::capture::CaptureStep;
use crate::commands::Command;
use crate::loading::JobState;
use crate::panels::load_panel::{outcome_ui, progress_ui};
use crate::row_search::RowSearchJob;
use eframe::egui;
use std::path::PathBuf;

/// How often a load's progress bar is redrawn while the file is read.
const PROGRESS_REPAINT: std::time::Duration = std::time::Duration::from_millis(100);
/// How often the elapsed time is redrawn while a file is parsed: rarely, since every frame the
/// window draws takes processor time from the parse (the job itself wakes the window when done).
const PARSING_REPAINT: std::time::Duration = std::time::Duration::from_secs(1);

impl AtlasApp {
    /// Polls everything running beside the frame; returns the commands it leads to.
    pub(super) fn background(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        commands.extend(dropped_file(ctx).map(Command::OpenPath));
        self.begin_startup_load();
        self.poll_merge();
        self.reopen_next_layer();
        commands.extend(self.poll_job(ctx));
        commands.extend(self.poll_dialog());
        self.poll_row_search(ctx);
        self.accept_startup_load();
        if let Some(outcome) = &self.pending {
            outcome_ui(ctx, outcome, &mut commands);
        }
        self.capture_step(ctx);
        commands
    }

    /// Starts the `--data` load, if one waits. The window's runner calls it before the window is
    /// created, so that the file is read while the window is made; otherwise the first frame does.
    pub fn begin_startup_load(&mut self) {
        if let Some((path, skip_invalid)) = self.startup_load.take() {
            self.auto_accept = Some(super::AutoAccept::Replace { skip_invalid });
            self.open_path(path);
        }
    }

    /// A file opened with `--data` replaces the bundled data by itself when it loaded cleanly (or
    /// with `--skip-invalid`), and one of the user's own events files joins it as a layer;
    /// otherwise the open panel asks.
    fn accept_startup_load(&mut self) {
        let (Some(auto), Some(outcome)) = (self.auto_accept, &self.pending) else {
            return;
        };
        self.auto_accept = None;
        let usable = !outcome.data.is_empty();
        match auto {
            super::AutoAccept::Replace { skip_invalid } => {
                if usable && (outcome.problems.is_empty() || skip_invalid) {
                    self.accept_load(false);
                    if let Some((a, b)) = self.data.time_extent() {
                        self.time.set_window(a, b);
                    }
                    self.show_start_view_again();
                }
            }
            super::AutoAccept::Layer => {
                if usable && outcome.problems.is_empty() {
                    self.accept_load(true);
                    match &mut self.merging {
                        Some(job) => job.start_view = true,
                        None => self.show_start_view_again(),
                    }
                }
            }
        }
    }

    /// Starts, replaces or finishes the search of the large tables' notes for the text filter.
    fn poll_row_search(&mut self, ctx: &egui::Context) {
        let query = self.filters.query_lower();
        if let Some(job) = &self.row_search {
            if job.uid != self.data.uid() || job.query != query {
                self.row_search = None;
            } else if let Some(found) = job.poll() {
                match found {
                    Ok(rows) => {
                        self.row_hits.set(&self.data, &query, &rows);
                        let n: usize = rows.iter().map(Vec::len).sum();
                        let rows = crate::model::counted::counted(n, "row");
                        let hold = if n == 1 { "holds" } else { "hold" };
                        self.say(format!("Notes searched: {rows} {hold} \"{query}\""), false);
                    }
                    Err(e) => self.say(format!("Searching the notes failed: {e}"), true),
                }
                self.row_search = None;
            }
        }
        let searched = self.row_hits.for_query(self.data.uid(), &query).is_some();
        if self.row_search.is_none()
            && !query.is_empty()
            && !searched
            && !self.data.row_stores().is_empty()
        {
            let rows: usize = self.data.row_stores().iter().map(|s| s.len()).sum();
            let rows = crate::model::counted::counted(rows, "row");
            self.say(format!("Searching the notes of {rows}…"), false);
            let wake = ctx.clone();
            self.row_search = Some(RowSearchJob::start(&self.data, &query, move || {
                wake.request_repaint()
            }));
        }
    }

    fn poll_job(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(job) = &self.job else {
            return commands;
        };
        match job.poll() {
            JobState::Running(fraction) => {
                let path = job.path.display().to_string();
                progress_ui(ctx, &path, fraction, job.elapsed(), &mut commands);
                ctx.request_repaint_after(if fraction.is_some() {
                    PROGRESS_REPAINT
                } else {
                    PARSING_REPAINT
                });
            }
            JobState::Done(outcome) => {
                self.job = None;
                self.pending = Some(*outcome);
            }
            JobState::Gone => self.job = None,
        }
        commands
    }

    /// The command a closed file dialog leads to.
    fn poll_dialog(&mut self) -> Option<Command> {
        let chosen = self.dialog.as_ref()?.poll()?;
        let purpose = self.dialog.take()?.purpose;
        match chosen {
            Some(path) => Some(purpose.command(path)),
            None => {
                self.say(purpose.nothing_chosen(), false);
                None
            }
        }
    }

    fn capture_step(&mut self, ctx: &egui::Context) {
        let Some(capture) = &mut self.capture else {
            return;
        };
        match capture.frame(ctx) {
            CaptureStep::SetWindow(a, b) => {
                self.time.set_window(a, b);
                self.timeline.follow_window = true;
                if self.time.width() <= 3 * 366 {
                    self.focus_timeline_on_window();
                }
            }
            CaptureStep::Wait => {}
            CaptureStep::Finished => {
                let done = capture.written.len();
                let errors = capture.errors.clone();
                let close = capture.close_when_done;
                self.capture = None;
                match errors.first() {
                    Some(e) => self.say(format!("Saving the image failed: {e}"), true),
                    None => self.say(format!("Saved {done} image(s)"), false),
                }
                for e in &errors {
                    eprintln!("{e}");
                }
                if close {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }
}

/// A file dropped on the window this frame.
fn dropped_file(ctx: &egui::Context) -> Option<PathBuf> {
    ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .find(|p| !p.as_os_str().is_empty())
    })
}
