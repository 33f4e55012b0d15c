//! A calendar date axis for egui_plot: grid marks at decades, years, months or days, chosen by zoom.

use crate::model::date::{DayNum, date_of, day_of};
use chrono::{Datelike, NaiveDate};
use egui_plot::{GridInput, GridMark};

/// Calendar levels of the axis, coarsest first, with their nominal length in days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Every ten years.
    Decade,
    /// Every year.
    Year,
    /// Every month.
    Month,
    /// Every day.
    Day,
}

impl Level {
    const ALL: [Level; 4] = [Level::Decade, Level::Year, Level::Month, Level::Day];

    /// Nominal length in days (what egui_plot uses to weigh the grid line).
    pub fn days(self) -> f64 {
        match self {
            Level::Decade => 3652.5,
            Level::Year => 365.25,
            Level::Month => 30.44,
            Level::Day => 1.0,
        }
    }

    /// The level a mark's step size stands for.
    fn of_step(step: f64) -> Level {
        Level::ALL
            .into_iter()
            .find(|l| step >= l.days() * 0.9)
            .unwrap_or(Level::Day)
    }
}

/// Day numbers of the level's boundaries within [min, max].
pub fn marks(level: Level, min: DayNum, max: DayNum) -> Vec<DayNum> {
    let first = date_of(min);
    let mut out = Vec::new();
    let mut push = |d: Option<NaiveDate>| -> bool {
        match d.map(day_of) {
            Some(day) if day <= max => {
                if day >= min {
                    out.push(day);
                }
                true
            }
            _ => false,
        }
    };
    match level {
        Level::Decade => {
            let mut y = first.year() / 10 * 10;
            while push(NaiveDate::from_ymd_opt(y, 1, 1)) {
                y += 10;
            }
        }
        Level::Year => {
            let mut y = first.year();
            while push(NaiveDate::from_ymd_opt(y, 1, 1)) {
                y += 1;
            }
        }
        Level::Month => {
            let (mut y, mut m) = (first.year(), first.month());
            while push(NaiveDate::from_ymd_opt(y, m, 1)) {
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
        Level::Day => out.extend(min..=max),
    }
    out
}

/// The grid marks for a visible range: a major level with at most `max_major` marks and the next
/// finer level when it has at most `max_minor`.
pub fn grid_marks(min: f64, max: f64, max_major: usize, max_minor: usize) -> Vec<GridMark> {
    if !(min.is_finite() && max.is_finite()) || max <= min || max - min > 1.0e6 {
        return Vec::new();
    }
    let (lo, hi) = (min.floor() as DayNum, max.ceil() as DayNum);
    let span = f64::from(hi - lo);
    let Some(major) = Level::ALL
        .iter()
        .rposition(|l| span / l.days() <= max_major as f64)
    else {
        return Vec::new();
    };
    let mut out: Vec<GridMark> = Vec::new();
    for (k, level) in Level::ALL.iter().enumerate().skip(major).take(2) {
        if k > major && span / level.days() > max_minor as f64 {
            break;
        }
        for day in marks(*level, lo, hi) {
            if out.iter().any(|m| m.value == f64::from(day)) {
                continue;
            }
            out.push(GridMark {
                value: f64::from(day),
                step_size: level.days(),
            });
        }
    }
    out
}

/// The grid spacer handed to egui_plot.
pub fn spacer(input: GridInput) -> Vec<GridMark> {
    grid_marks(input.bounds.0, input.bounds.1, 9, 80)
}

/// The axis label of a mark, in the terms of its level.
pub fn format_mark(mark: GridMark) -> String {
    let date = date_of(mark.value.round() as DayNum);
    match Level::of_step(mark.step_size) {
        Level::Decade => date.year().to_string(),
        Level::Year => date.year().to_string(),
        Level::Month if date.month() == 1 => date.format("%b %Y").to_string(),
        Level::Month => date.format("%b").to_string(),
        Level::Day if date.day() == 1 => date.format("%-d %b").to_string(),
        Level::Day => date.format("%-d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> f64 {
        f64::from(day_of(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    }

    #[test]
    fn levels_adapt_to_the_span() {
        let decades = grid_marks(day(1985, 1, 1), day(2025, 1, 1), 9, 80);
        assert!(
            decades
                .iter()
                .any(|m| m.value == day(1990, 1, 1) && m.step_size > 3000.0)
        );
        assert!(
            decades
                .iter()
                .any(|m| m.value == day(2021, 1, 1) && m.step_size == 365.25)
        );
        let months = grid_marks(day(2021, 9, 15), day(2022, 2, 10), 9, 80);
        assert!(months.iter().all(|m| m.step_size <= 30.44));
        assert!(months.iter().any(|m| m.value == day(2021, 11, 1)));
        let days = grid_marks(day(2022, 8, 1), day(2022, 8, 6), 9, 80);
        assert_eq!(days.len(), 6);
    }

    #[test]
    fn labels_speak_calendar() {
        let m = |v, s| GridMark {
            value: v,
            step_size: s,
        };
        assert_eq!(format_mark(m(day(1990, 1, 1), 3652.5)), "1990");
        assert_eq!(format_mark(m(day(2021, 1, 1), 365.25)), "2021");
        assert_eq!(format_mark(m(day(2021, 11, 1), 30.44)), "Nov");
        assert_eq!(format_mark(m(day(2022, 1, 1), 30.44)), "Jan 2022");
        assert_eq!(format_mark(m(day(2022, 8, 3), 1.0)), "3");
    }

    #[test]
    fn degenerate_ranges_give_no_marks() {
        assert!(grid_marks(5.0, 5.0, 9, 80).is_empty());
        assert!(grid_marks(f64::NAN, 5.0, 9, 80).is_empty());
    }
}
