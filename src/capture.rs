//! Taking screenshots of the viewer: one (File > Save image, `screenshot`) or a sequence over time
//! (`frames`). Each shot sets the window, lets the UI settle for a few frames, then asks the renderer
//! for the pixels and writes a PNG.

use crate::io::png_out::write_png;
use crate::model::DayNum;
use crate::model::date::{date_of, day_of};
use chrono::{Datelike, Days, Months};
use eframe::egui::{self, ColorImage};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

/// Frames to wait after changing the window before a shot (layout and scroll animations settle).
const SETTLE_FRAMES: u32 = 4;

/// One screenshot to take.
#[derive(Clone, Debug, PartialEq)]
pub struct Shot {
    /// The time window to show first, if any.
    pub window: Option<(DayNum, DayNum)>,
    /// Where the PNG goes.
    pub path: PathBuf,
}

/// How `frames` steps through time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Step {
    /// One frame per day.
    Day,
    /// One frame per week.
    Week,
    /// One frame per month.
    Month,
}

/// The windows of a frame sequence from `from` to `to`, one per step (each window one step long).
pub fn frame_windows(from: DayNum, to: DayNum, step: Step) -> Vec<(DayNum, DayNum)> {
    let mut out = Vec::new();
    let mut start = date_of(from);
    let end = date_of(to);
    if step == Step::Month {
        start = start.with_day(1).unwrap_or(start);
    }
    while start <= end {
        let next = match step {
            Step::Day => start.checked_add_days(Days::new(1)),
            Step::Week => start.checked_add_days(Days::new(7)),
            Step::Month => start.checked_add_months(Months::new(1)),
        };
        let Some(next) = next else { break };
        out.push((day_of(start), day_of(next) - 1));
        start = next;
    }
    out
}

/// A queue of shots being taken.
pub struct Capture {
    shots: VecDeque<Shot>,
    wait: u32,
    applied: bool,
    in_flight: Option<Receiver<Arc<ColorImage>>>,
    /// Close the window when every shot is written.
    pub close_when_done: bool,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Problems writing files.
    pub errors: Vec<String>,
}

/// What the app should do this frame for a capture.
pub enum CaptureStep {
    /// Set this window and keep going.
    SetWindow(DayNum, DayNum),
    /// Nothing this frame.
    Wait,
    /// All shots are done.
    Finished,
}

impl Capture {
    /// A capture of `shots`.
    pub fn new(shots: Vec<Shot>, close_when_done: bool) -> Capture {
        Capture {
            shots: shots.into(),
            wait: SETTLE_FRAMES,
            applied: false,
            in_flight: None,
            close_when_done,
            written: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Shots left.
    pub fn remaining(&self) -> usize {
        self.shots.len()
    }

    /// Advances the capture by one frame.
    pub fn frame(&mut self, ctx: &egui::Context) -> CaptureStep {
        ctx.request_repaint();
        if let Some(rx) = &self.in_flight {
            let Ok(image) = rx.try_recv() else {
                return CaptureStep::Wait;
            };
            self.in_flight = None;
            if let Some(shot) = self.shots.pop_front() {
                match write_png(&shot.path, &image) {
                    Ok(()) => self.written.push(shot.path),
                    Err(e) => self.errors.push(e),
                }
            }
            self.applied = false;
            self.wait = SETTLE_FRAMES;
        }
        let Some(shot) = self.shots.front() else {
            return CaptureStep::Finished;
        };
        if !self.applied {
            self.applied = true;
            if let Some((a, b)) = shot.window {
                return CaptureStep::SetWindow(a, b);
            }
        }
        if self.wait > 0 {
            self.wait -= 1;
            return CaptureStep::Wait;
        }
        let (tx, rx) = channel();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let _ = tx.send(image);
            repaint.request_repaint();
        });
        self.in_flight = Some(rx);
        CaptureStep::Wait
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, dd: u32) -> DayNum {
        day_of(NaiveDate::from_ymd_opt(y, m, dd).unwrap())
    }

    #[test]
    fn frame_windows_step_through_time() {
        let months = frame_windows(d(2021, 9, 15), d(2021, 12, 2), Step::Month);
        assert_eq!(
            months,
            vec![
                (d(2021, 9, 1), d(2021, 9, 30)),
                (d(2021, 10, 1), d(2021, 10, 31)),
                (d(2021, 11, 1), d(2021, 11, 30)),
                (d(2021, 12, 1), d(2021, 12, 31)),
            ]
        );
        let weeks = frame_windows(d(2021, 11, 1), d(2021, 11, 20), Step::Week);
        assert_eq!(weeks.len(), 3);
        assert_eq!(weeks[0], (d(2021, 11, 1), d(2021, 11, 7)));
        assert_eq!(
            frame_windows(d(2021, 11, 1), d(2021, 11, 3), Step::Day).len(),
            3
        );
        assert!(frame_windows(d(2021, 11, 3), d(2021, 11, 1), Step::Day).is_empty());
    }
}
