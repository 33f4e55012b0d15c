//! The time window, playback and stepping between events. Headless: no egui.

use crate::model::{Dataset, DayNum};

/// The day number of 1970-01-01, where the system clock counts from.
const UNIX_EPOCH_DAY: DayNum = 719_163;

/// Today's date in UTC by the system clock (1970-01-01 if the clock reads earlier).
fn today() -> DayNum {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    UNIX_EPOCH_DAY + DayNum::try_from(seconds / 86_400).unwrap_or(0)
}

/// The widest window playback narrows a window spanning all the data to, in days.
const PLAY_WIDTH_MAX: DayNum = 365;

/// How the map follows time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Mode {
    /// Events overlapping [from, to].
    Window,
    /// Everything up to the cursor (`to`), older events fading.
    Cumulative,
}

/// The time window (inclusive days), its mode, and playback.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TimeControl {
    /// First day of the window.
    pub from: DayNum,
    /// Last day of the window (the cursor in cumulative mode).
    pub to: DayNum,
    /// Window or cumulative.
    pub mode: Mode,
    /// Whether playback runs.
    pub playing: bool,
    /// Playback speed in days per second.
    pub speed: f64,
    /// Whether events outside the window are drawn faded instead of hidden.
    pub show_faded: bool,
    /// The data's first and last day.
    pub extent: (DayNum, DayNum),
    #[serde(skip)]
    carry: f64,
}

impl TimeControl {
    /// A control whose window spans the whole of `extent`.
    pub fn new(extent: (DayNum, DayNum)) -> TimeControl {
        TimeControl {
            from: extent.0,
            to: extent.1,
            mode: Mode::Window,
            playing: false,
            speed: 30.0,
            show_faded: false,
            extent,
            carry: 0.0,
        }
    }

    /// A control for a dataset: its dated events' extent, or today (UTC) when it has none, so
    /// that the map shows the situation of now rather than of a year no event speaks of.
    pub fn for_dataset(data: &Dataset) -> TimeControl {
        let today = today();
        TimeControl::new(data.time_extent().unwrap_or((today, today)))
    }

    /// The inclusive day range the map shows.
    pub fn query_range(&self) -> (DayNum, DayNum) {
        match self.mode {
            Mode::Window => (self.from, self.to),
            Mode::Cumulative => (self.extent.0.min(self.to), self.to),
        }
    }

    /// Sets the window, swapping the ends if needed.
    pub fn set_window(&mut self, a: DayNum, b: DayNum) {
        self.from = a.min(b);
        self.to = a.max(b);
    }

    /// Window width in days (inclusive count).
    pub fn width(&self) -> DayNum {
        self.to - self.from + 1
    }

    /// Moves the window so that it contains the days [s, e], keeping its width when it fits; a
    /// window centred there that would reach past the data's last day (and past `e`) ends there
    /// instead, so the map never shows a situation of days no data speaks of.
    pub fn bring_into_view(&mut self, s: DayNum, e: DayNum) {
        if s >= self.from && e <= self.to {
            return;
        }
        let width = self.width().max(e - s + 1);
        let centre = s + (e - s) / 2;
        self.from = centre - width / 2;
        self.to = self.from + width - 1;
        let overshoot = self.to - self.extent.1.max(e);
        if overshoot > 0 {
            self.from -= overshoot;
            self.to -= overshoot;
        }
    }

    /// The moment the window reaches, as a fractional day position: the end of its last day, plus
    /// the part of a day playback has moved toward the next step (so moving things glide).
    pub fn moment(&self) -> f64 {
        let carry = if self.playing { self.carry } else { 0.0 };
        f64::from(self.to) + 1.0 + carry
    }

    /// Moves the window, keeping its width, so that it ends on `day` (in cumulative mode the cursor
    /// moves there): the map then shows the situation of that day.
    pub fn end_on(&mut self, day: DayNum) {
        let width = self.width();
        self.to = day;
        if self.mode == Mode::Window {
            self.from = day - (width - 1);
        }
        self.from = self.from.min(self.to);
    }

    /// Starts or stops playback; starting at the end rewinds to the start (see
    /// [`TimeControl::rewind`]).
    pub fn toggle_play(&mut self) {
        self.playing = !self.playing;
        if self.playing && self.to >= self.extent.1 {
            self.rewind();
        }
        self.carry = 0.0;
    }

    /// Back to the data's first day for playback. In cumulative mode the cursor goes there. A
    /// window keeps its width, except one spanning all the data, which would have nowhere to go:
    /// it narrows to a tenth of the data's span, at most a year, at least a day.
    fn rewind(&mut self) {
        let span = self.extent.1 - self.extent.0 + 1;
        match self.mode {
            // the cursor goes back, and the window with it, whole
            Mode::Cumulative => {
                let width = self.width();
                self.to = self.extent.0;
                self.from = self.to - (width - 1);
            }
            Mode::Window => {
                let width = match self.width() >= span {
                    true => (span / 10).clamp(1, PLAY_WIDTH_MAX),
                    false => self.width(),
                };
                self.from = self.extent.0;
                self.to = self.from + width - 1;
            }
        }
    }

    /// Advances playback by `seconds`; returns whether the window moved. Stops at the data's end.
    pub fn tick(&mut self, seconds: f64) -> bool {
        if !self.playing {
            return false;
        }
        self.carry += self.speed * seconds.max(0.0);
        let whole = self.carry.floor();
        if whole < 1.0 {
            return false;
        }
        self.carry -= whole;
        let days = whole.min(f64::from(i32::MAX / 4)) as DayNum;
        self.from += days;
        self.to += days;
        if self.to >= self.extent.1 {
            let overshoot = self.to - self.extent.1;
            self.from -= overshoot;
            self.to -= overshoot;
            self.playing = false;
        }
        true
    }

    /// Selects the chronologically next event passing the filters after `current` (or after the
    /// window's start when nothing dated is selected), moving the window to it. Returns its
    /// position.
    pub fn step_next(
        &mut self,
        data: &Dataset,
        current: Option<usize>,
        passes: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let from = match current {
            Some(i) if i < data.dated_len() => i + 1,
            _ => data.first_starting_after(self.from - 1)?,
        };
        let next = (from..data.dated_len()).find(|&i| passes(i))?;
        self.show_event(data, next);
        Some(next)
    }

    /// Selects the chronologically previous event passing the filters, moving the window to it.
    pub fn step_prev(
        &mut self,
        data: &Dataset,
        current: Option<usize>,
        passes: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let before = match current {
            Some(i) if i < data.dated_len() => i,
            _ => data.last_starting_before(self.to + 1)? + 1,
        };
        let prev = (0..before).rev().find(|&i| passes(i))?;
        self.show_event(data, prev);
        Some(prev)
    }

    /// Selects the first dated event passing the filters.
    pub fn first(&mut self, data: &Dataset, passes: &dyn Fn(usize) -> bool) -> Option<usize> {
        let first = (0..data.dated_len()).find(|&i| passes(i))?;
        self.show_event(data, first);
        Some(first)
    }

    /// Selects the last dated event passing the filters.
    pub fn last(&mut self, data: &Dataset, passes: &dyn Fn(usize) -> bool) -> Option<usize> {
        let last = (0..data.dated_len()).rev().find(|&i| passes(i))?;
        self.show_event(data, last);
        Some(last)
    }

    /// Moves the window so the event at `index` is inside it.
    pub fn show_event(&mut self, data: &Dataset, index: usize) {
        if let Some((s, e)) = data.view(index).and_then(|ev| ev.date.days()) {
            match self.mode {
                Mode::Window => self.bring_into_view(s, e),
                Mode::Cumulative => self.to = self.to.max(s),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::day_of;

    #[test]
    fn the_unix_epoch_is_day_719163() {
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        assert_eq!(day_of(epoch), UNIX_EPOCH_DAY);
    }

    #[test]
    fn a_dataset_without_dates_opens_on_today() {
        let undated =
            crate::model::Event::at("u", "u", crate::model::EventDate::undated(), 45.0, 40.0);
        let tc = TimeControl::for_dataset(&Dataset::new(vec![undated], vec![]));
        assert_eq!(tc.from, tc.to);
        assert_eq!(tc.extent, (tc.from, tc.to));
        let day = crate::model::date::date_of(tc.from);
        // this code was written in 2026: the clock cannot read earlier
        assert!(chrono::Datelike::year(&day) >= 2026, "{day}");
    }
    use crate::model::{Event, EventDate, Precision};
    use chrono::NaiveDate;

    fn data() -> Dataset {
        let ev = |id: &str, m: u32, d: u32| {
            let day = NaiveDate::from_ymd_opt(2021, m, d).unwrap();
            Event::at(id, id, EventDate::new(day, day, Precision::Day), 46.0, 39.0)
        };
        Dataset::new(vec![ev("a", 1, 10), ev("b", 3, 1), ev("c", 9, 28)], vec![])
    }

    fn day(m: u32, d: u32) -> DayNum {
        day_of(NaiveDate::from_ymd_opt(2021, m, d).unwrap())
    }

    #[test]
    fn steps_through_events_in_order() {
        let data = data();
        let all = |_: usize| true;
        let mut tc = TimeControl::for_dataset(&data);
        tc.set_window(day(1, 1), day(1, 31));
        assert_eq!(tc.step_next(&data, None, &all), Some(0));
        assert_eq!(tc.step_next(&data, Some(0), &all), Some(1));
        // the window (31 days wide) moved to contain 1 March
        assert!(tc.from <= day(3, 1) && tc.to >= day(3, 1));
        assert_eq!(tc.width(), 31);
        assert_eq!(tc.step_next(&data, Some(2), &all), None);
        assert_eq!(tc.step_prev(&data, Some(1), &all), Some(0));
        assert_eq!(tc.step_prev(&data, Some(0), &all), None);
        assert_eq!(tc.last(&data, &all), Some(2));
        assert!(tc.to >= day(9, 28));
        assert_eq!(tc.first(&data, &all), Some(0));
    }

    #[test]
    fn ending_on_a_day_keeps_the_width() {
        let data = data();
        let mut tc = TimeControl::for_dataset(&data);
        tc.set_window(day(1, 1), day(1, 31));
        tc.end_on(day(6, 30));
        assert_eq!((tc.from, tc.to), (day(5, 31), day(6, 30)));
        tc.mode = Mode::Cumulative;
        tc.end_on(day(9, 1));
        assert_eq!((tc.from, tc.to), (day(5, 31), day(9, 1)));
    }

    #[test]
    fn steps_skip_events_the_filters_leave_out() {
        let data = data();
        let not_the_middle = |i: usize| i != 1;
        let mut tc = TimeControl::for_dataset(&data);
        assert_eq!(tc.step_next(&data, Some(0), &not_the_middle), Some(2));
        assert_eq!(tc.step_prev(&data, Some(2), &not_the_middle), Some(0));
        let only_the_middle = |i: usize| i == 1;
        assert_eq!(tc.first(&data, &only_the_middle), Some(1));
        assert_eq!(tc.last(&data, &only_the_middle), Some(1));
        assert_eq!(tc.first(&data, &|_| false), None);
    }

    #[test]
    fn playback_advances_and_stops_at_the_end() {
        let data = data();
        let mut tc = TimeControl::for_dataset(&data);
        tc.set_window(day(1, 10), day(1, 19));
        tc.speed = 10.0;
        assert!(!tc.tick(1.0), "paused control must not move");
        tc.toggle_play();
        assert!(tc.tick(1.0));
        assert_eq!((tc.from, tc.to), (day(1, 20), day(1, 29)));
        assert!(!tc.tick(0.05), "half a day does not move the window");
        assert!(tc.tick(0.05));
        assert_eq!(tc.from, day(1, 21));
        tc.tick(1000.0);
        assert_eq!(tc.to, day(9, 28));
        assert!(!tc.playing);
        tc.toggle_play();
        assert_eq!(tc.from, day(1, 10), "playing at the end rewinds");
    }

    #[test]
    fn playing_the_whole_span_plays_a_narrower_window_from_the_start() {
        let data = data();
        // 10 January to 28 September: 262 days
        let mut tc = TimeControl::for_dataset(&data);
        assert_eq!(tc.width(), 262);
        tc.toggle_play();
        assert!(tc.playing);
        assert_eq!(
            (tc.from, tc.to),
            (day(1, 10), day(2, 4)),
            "a tenth of the span"
        );
        tc.speed = 10.0;
        assert!(tc.tick(1.0));
        assert_eq!((tc.from, tc.to), (day(1, 20), day(2, 14)));
        // a long span narrows to a year at most
        let mut long = TimeControl::new((day(1, 1), day(1, 1) + 10 * 365));
        long.toggle_play();
        assert_eq!(long.width(), 365);
        assert_eq!(long.from, day(1, 1));
    }

    #[test]
    fn playing_at_the_end_in_cumulative_mode_starts_the_cursor_again() {
        let data = data();
        let mut tc = TimeControl::for_dataset(&data);
        tc.mode = Mode::Cumulative;
        tc.toggle_play();
        assert_eq!(tc.to, day(1, 10));
        assert_eq!(tc.query_range(), (day(1, 10), day(1, 10)));
        tc.speed = 30.0;
        tc.tick(1.0);
        assert_eq!(tc.query_range(), (day(1, 10), day(2, 9)));
        assert!(tc.playing);
    }

    #[test]
    fn playing_in_cumulative_mode_keeps_the_window_for_window_mode() {
        let data = data();
        let mut tc = TimeControl::for_dataset(&data);
        tc.set_window(day(2, 1), day(3, 1));
        tc.mode = Mode::Cumulative;
        // the cursor at the end: playing starts it again from the data's first day
        tc.end_on(tc.extent.1);
        let width = tc.width();
        tc.toggle_play();
        assert_eq!(tc.to, tc.extent.0);
        tc.tick(1.0);
        tc.toggle_play();
        tc.mode = Mode::Window;
        assert_eq!(tc.width(), width, "{} – {}", tc.from, tc.to);
    }

    #[test]
    fn the_last_event_in_a_wide_window_keeps_the_window_in_the_data() {
        let data = data();
        let mut tc = TimeControl::for_dataset(&data);
        let extent = tc.extent;
        // a window of ten years, far before the data, then End
        tc.set_window(extent.0 - 5000, extent.0 - 5000 + 3650);
        let last = tc.last(&data, &|_| true);
        assert!(last.is_some());
        assert_eq!(tc.to, extent.1, "the window ends on the data's last day");
        assert_eq!(tc.width(), 3651);
    }

    #[test]
    fn cumulative_mode_reaches_back_to_the_start() {
        let data = data();
        let mut tc = TimeControl::for_dataset(&data);
        tc.mode = Mode::Cumulative;
        tc.set_window(day(3, 1), day(3, 5));
        assert_eq!(tc.query_range(), (day(1, 10), day(3, 5)));
        assert_eq!(
            data.count_in_window(tc.query_range().0, tc.query_range().1),
            2
        );
    }
}
