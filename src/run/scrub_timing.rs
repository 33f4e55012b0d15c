//! Timing the viewer's real frames while a window is scrubbed across its data, for the benchmark
//! (`CAUCASUS_ATLAS_FRAME_SIGNAL=scrub`): the same windows as the bench's headless scrub, one step
//! per frame, each frame timed from its start to the next frame's start, so it holds the egui pass,
//! the tessellation, the painting and the buffer swap.

use crate::model::DayNum;
use std::time::Instant;

/// The window's width in days.
pub const WINDOW_DAYS: DayNum = 365;
/// Measured steps.
pub const STEPS: usize = 60;
/// Steps shown first and not measured.
pub const WARMUP: usize = 5;

/// A scrub in progress.
#[derive(Clone, Debug)]
pub struct ScrubTiming {
    plan: Vec<(DayNum, DayNum)>,
    /// The step the next frame shows.
    next: usize,
    began: Option<Instant>,
    times_ms: Vec<f64>,
}

impl ScrubTiming {
    /// The scrub of a dataset spanning `extent` (first and last day): the bench's windows, the
    /// first [`WARMUP`] of them shown twice.
    pub fn over(extent: (DayNum, DayNum)) -> ScrubTiming {
        let (first, last) = extent;
        let span = f64::from((last - first - WINDOW_DAYS).max(1));
        let starts: Vec<DayNum> = (0..STEPS)
            .map(|k| first + (span * k as f64 / STEPS as f64) as DayNum)
            .collect();
        let plan = starts[..WARMUP]
            .iter()
            .chain(&starts)
            .map(|&a| (a, a + WINDOW_DAYS - 1))
            .collect();
        ScrubTiming {
            plan,
            next: 0,
            began: None,
            times_ms: Vec::with_capacity(STEPS),
        }
    }

    /// A frame begins at `now`: the previous frame, which showed the step before, is timed.
    pub fn frame_began(&mut self, now: Instant) {
        if let Some(before) = self.began
            && self.next > WARMUP
            && self.times_ms.len() < STEPS
        {
            self.times_ms
                .push(now.duration_since(before).as_secs_f64() * 1e3);
        }
        self.began = Some(now);
    }

    /// The window the frame being built shows, or `None` once every step has been shown.
    pub fn next_window(&mut self) -> Option<(DayNum, DayNum)> {
        let window = self.plan.get(self.next).copied();
        self.next += window.is_some() as usize;
        window
    }

    /// The median and 95th percentile frame time in milliseconds, once every step is timed.
    pub fn result(&self) -> Option<(f64, f64)> {
        if self.times_ms.len() < STEPS {
            return None;
        }
        let mut v = self.times_ms.clone();
        v.sort_by(f64::total_cmp);
        let p95 = ((v.len() as f64 * 0.95).ceil() as usize).clamp(1, v.len()) - 1;
        Some((v[v.len() / 2], v[p95]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn shows_the_bench_windows_and_times_each_measured_frame() {
        let mut scrub = ScrubTiming::over((0, 365 + 600));
        let start = Instant::now();
        let mut windows = Vec::new();
        let mut frame = 0u64;
        loop {
            // frame k lasts k+1 ms, so the measured steps are known
            scrub.frame_began(start + Duration::from_millis(frame * (frame + 1) / 2));
            if scrub.result().is_some() {
                break;
            }
            if let Some(w) = scrub.next_window() {
                windows.push(w);
            }
            frame += 1;
            assert!(frame < 200, "the scrub never ends");
        }
        assert_eq!(windows.len(), WARMUP + STEPS);
        assert_eq!(windows[0], (0, 364));
        assert_eq!(windows[WARMUP], (0, 364));
        assert_eq!(windows[WARMUP + 1], (10, 374)); // 600 days over 60 steps
        assert_eq!(windows.last(), Some(&(590, 954)));
        // frame k (0-based) lasted k + 1 ms; the measured ones are frames 5..=64 (6 to 65 ms)
        let (median, p95) = scrub.result().unwrap_or_default();
        assert_eq!(median, 36.0);
        assert_eq!(p95, 62.0);
    }
}
