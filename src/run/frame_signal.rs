//! An opt-in line on stderr when a frame has reached the screen, so that a benchmark outside the
//! process can time the window's first frame and the first frame of a `--data` file.
//!
//! With `CAUCASUS_ATLAS_FRAME_SIGNAL=1` in the environment the viewer prints
//! `atlas-frame first N` once its first frame has been drawn (N events open) and
//! `atlas-frame data N` once the first frame showing other data (a loaded file) has been drawn.
//! A frame counts as drawn when the next one begins: by then eframe has painted it and swapped
//! the buffers, so the line never comes before the pixels.
//!
//! With the value `scrub`, once the data is in (the file's first frame, or the first frame when no
//! file is given) the viewer also moves a 365-day window across it, one step per frame as the
//! benchmark's headless scrub does, and prints `atlas-frame scrub MEDIAN P95`: the milliseconds from
//! one frame's start to the next, painting included (see [`super::scrub_timing`]).

use super::scrub_timing::ScrubTiming;
use crate::app::AtlasApp;
use eframe::egui;
use std::time::Instant;

/// The environment variable that turns the signal on (any non-empty value but `0`).
pub const FRAME_SIGNAL_VAR: &str = "CAUCASUS_ATLAS_FRAME_SIGNAL";

/// Whether the environment asks for the signal.
pub fn requested() -> bool {
    enabled(std::env::var_os(FRAME_SIGNAL_VAR).as_deref())
}

/// Whether a value of [`FRAME_SIGNAL_VAR`] turns the signal on: set, not empty, not `0`.
fn enabled(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty() && v != "0")
}

/// Whether the environment asks for the timed scrub too (the value `scrub`).
pub fn scrub_requested() -> bool {
    std::env::var_os(FRAME_SIGNAL_VAR).is_some_and(|v| v == "scrub")
}

/// The viewer, boxed as eframe wants it: wrapped in the signal when the environment asks for it.
pub fn boxed(app: AtlasApp) -> Box<dyn eframe::App> {
    if requested() {
        let mut signal = FrameSignal::new(app);
        signal.scrub = scrub_requested().then_some(Scrub::Waiting);
        Box::new(signal)
    } else {
        Box::new(app)
    }
}

/// What the frame being built shows, to report once it has been drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Waiting {
    /// It is the window's first frame.
    first: bool,
    /// It shows data other than the first frame's.
    data: bool,
    /// Events open.
    events: usize,
}

impl Waiting {
    /// The lines to print: `atlas-frame first N` and/or `atlas-frame data N`.
    fn lines(self) -> Vec<String> {
        let kinds = [(self.first, "first"), (self.data, "data")];
        kinds
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, kind)| format!("atlas-frame {kind} {}", self.events))
            .collect()
    }
}

/// Where the timed scrub is.
#[derive(Clone, Debug)]
enum Scrub {
    /// Asked for; starts once the data is in.
    Waiting,
    Running(Box<ScrubTiming>),
    Done,
}

/// The viewer, printing a line when its first frame and the first frame of each new dataset
/// have been drawn.
pub struct FrameSignal {
    app: AtlasApp,
    /// The dataset open when the viewer was wrapped (the bundled data): any other is a file's.
    opened_with: u64,
    /// The dataset the frames built so far show.
    shown: Option<u64>,
    waiting: Option<Waiting>,
    scrub: Option<Scrub>,
}

impl FrameSignal {
    /// Wraps the viewer.
    pub fn new(app: AtlasApp) -> FrameSignal {
        FrameSignal {
            opened_with: app.data.uid(),
            app,
            shown: None,
            waiting: None,
            scrub: None,
        }
    }

    /// As a frame begins: starts the scrub once the data is in (nothing left to load, and a
    /// frame already reported), or times the frame that ended.
    fn scrub_frame_began(&mut self, reported: bool) {
        let settled =
            self.app.startup_load.is_none() && self.app.job.is_none() && self.app.pending.is_none();
        match &mut self.scrub {
            Some(Scrub::Waiting) if reported && settled => {
                let extent = self.app.data.time_extent().unwrap_or((0, 1));
                self.scrub = Some(Scrub::Running(Box::new(ScrubTiming::over(extent))));
            }
            Some(Scrub::Running(timing)) => {
                timing.frame_began(Instant::now());
                if let Some((median, p95)) = timing.result() {
                    eprintln!("atlas-frame scrub {median:.3} {p95:.3}");
                    self.scrub = Some(Scrub::Done);
                }
            }
            _ => {}
        }
    }

    /// Shows the scrub's next window in the frame being built; true while it runs.
    fn scrub_step(&mut self) -> bool {
        let Some(Scrub::Running(timing)) = &mut self.scrub else {
            return false;
        };
        if let Some((a, b)) = timing.next_window() {
            self.app.time.set_window(a, b);
        }
        true
    }

    /// Notes what the pass just run shows; true when news now waits for the frame to be drawn.
    /// A frame may take several passes (egui discards a pass to settle its layout), and only the
    /// last is drawn. A file loaded before the first frame, or within it, makes that frame show it,
    /// and both lines then name the file's events.
    fn note_pass(&mut self) -> bool {
        let uid = self.app.data.uid();
        if self.shown == Some(uid) {
            return false;
        }
        self.waiting = Some(Waiting {
            first: self.shown.is_none() || self.waiting.is_some_and(|w| w.first),
            data: uid != self.opened_with,
            events: self.app.data.len(),
        });
        self.shown = Some(uid);
        true
    }

    /// The lines waiting for the frame being built.
    fn waiting_lines(&self) -> Vec<String> {
        self.waiting.map(Waiting::lines).unwrap_or_default()
    }
}

impl eframe::App for FrameSignal {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        self.app.logic(ctx, frame);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let scrubbing = self.scrub_step();
        self.app.ui(ui, frame);
        // a line goes out when the next frame begins, after this one is on screen
        if self.note_pass() || scrubbing {
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        self.app.auto_save_interval()
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        self.app.clear_color(visuals)
    }

    fn persist_egui_memory(&self) -> bool {
        self.app.persist_egui_memory()
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        // eframe calls this as a frame begins, after the previous frame was painted and swapped
        let lines = self.waiting_lines();
        for line in &lines {
            eprintln!("{line}");
        }
        self.waiting = None;
        self.scrub_frame_began(!lines.is_empty());
        self.app.raw_input_hook(ctx, raw_input);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;

    #[test]
    fn reports_the_first_frame_once_then_each_new_dataset() {
        let mut signal = FrameSignal::new(AtlasApp::bundled());
        let bundled = signal.app.data.len();
        assert!(signal.note_pass());
        assert_eq!(
            signal.waiting_lines(),
            [format!("atlas-frame first {bundled}")]
        );
        signal.waiting = None;
        assert!(!signal.note_pass(), "the same data is not news");
        assert!(signal.waiting_lines().is_empty());
        // a file loaded again is new data, even with as many events
        let basemap = crate::io::bundle::bundled_basemap();
        signal
            .app
            .set_data(crate::io::bundle::bundled_dataset(&basemap));
        assert!(signal.note_pass());
        assert_eq!(
            signal.waiting_lines(),
            [format!("atlas-frame data {bundled}")]
        );
        signal.waiting = None;
        signal.app.set_data(Dataset::default());
        assert!(signal.note_pass());
        assert_eq!(signal.waiting_lines(), ["atlas-frame data 0"]);
    }

    #[test]
    fn data_loaded_within_the_first_frame_makes_both_lines_name_it() {
        let mut signal = FrameSignal::new(AtlasApp::bundled());
        assert!(signal.note_pass());
        // the second pass of the same frame shows the file
        signal.app.set_data(Dataset::default());
        assert!(signal.note_pass());
        assert_eq!(
            signal.waiting_lines(),
            ["atlas-frame first 0", "atlas-frame data 0"]
        );
    }

    #[test]
    fn a_file_loaded_before_the_first_frame_makes_both_lines_name_it() {
        let mut signal = FrameSignal::new(AtlasApp::bundled());
        // a small `--data` file is read while the window is made
        signal.app.set_data(Dataset::default());
        assert!(signal.note_pass());
        assert_eq!(
            signal.waiting_lines(),
            ["atlas-frame first 0", "atlas-frame data 0"]
        );
    }

    #[test]
    fn the_scrub_starts_once_the_data_is_in_and_ends_after_every_step() {
        use eframe::App as _;
        let mut signal = FrameSignal::new(AtlasApp::bundled());
        signal.scrub = Some(Scrub::Waiting);
        let ctx = egui::Context::default();
        let mut input = egui::RawInput::default();
        let extent = signal.app.data.time_extent().unwrap_or((0, 1));
        let mut plan = ScrubTiming::over(extent);
        let mut windows = Vec::new();
        for _ in 0..200 {
            // one frame: it begins, then the pass is built
            signal.raw_input_hook(&ctx, &mut input);
            if matches!(signal.scrub, Some(Scrub::Done)) {
                break;
            }
            if signal.scrub_step() {
                windows.push((signal.app.time.from, signal.app.time.to));
            }
            signal.note_pass();
        }
        assert!(matches!(signal.scrub, Some(Scrub::Done)));
        let expected: Vec<_> = std::iter::from_fn(|| plan.next_window()).collect();
        assert_eq!(windows.len(), expected.len());
        assert_eq!(windows.first(), expected.first());
        assert_eq!(windows.last(), expected.last());
    }

    #[test]
    fn the_variable_turns_it_on_unless_empty_or_zero() {
        let value = |v: &str| enabled(Some(std::ffi::OsStr::new(v)));
        assert!(value("1"));
        assert!(value("yes"));
        assert!(!value("0"));
        assert!(!value(""));
        assert!(!enabled(None));
    }
}
