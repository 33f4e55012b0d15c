//! `screenshot` and `frames`: what to draw, turned into a capture request.

use super::args::{parse_size, parse_window};
use crate::capture::{Shot, Step, frame_windows};
use crate::io::bundle::bundled_basemap;
use crate::io::open::load_or_bundled;
use crate::run::{CaptureRequest, RunOptions, run_capture};
use std::path::PathBuf;

/// Options of `screenshot`.
#[derive(Debug, clap::Args)]
pub struct ScreenshotArgs {
    /// The PNG to write.
    #[arg(long)]
    pub out: PathBuf,
    /// First day of the time window (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day of the time window (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// The id of an event to select.
    #[arg(long)]
    pub select: Option<String>,
    /// Window size, WIDTHxHEIGHT (with `--map-only`, the map's own size).
    #[arg(long, default_value = "1600x1000")]
    pub size: String,
    /// Write the map panel alone, with its legends, scale bar and date caption, for publication.
    #[arg(long)]
    pub map_only: bool,
}

/// Options of `frames`.
#[derive(Debug, clap::Args)]
pub struct FramesArgs {
    /// The folder for the PNGs (frame-00001.png, ...).
    #[arg(long)]
    pub out: PathBuf,
    /// How far each frame moves.
    #[arg(long, value_enum)]
    pub step: Step,
    /// First day (YYYY, YYYY-MM or YYYY-MM-DD); default: the data's first.
    #[arg(long)]
    pub from: Option<String>,
    /// Last day; default: the data's last.
    #[arg(long)]
    pub to: Option<String>,
    /// Window size, WIDTHxHEIGHT.
    #[arg(long, default_value = "1600x1000")]
    pub size: String,
}

/// Most frames one `frames` run writes.
const MAX_FRAMES: usize = 20_000;

impl ScreenshotArgs {
    fn request(&self) -> Result<CaptureRequest, String> {
        let size = parse_size(&self.size)?;
        let window = parse_window(self.from.as_deref(), self.to.as_deref())?;
        Ok(CaptureRequest {
            shots: vec![Shot {
                window,
                path: self.out.clone(),
            }],
            size,
            select: self.select.clone(),
            window,
            map_only: self.map_only,
        })
    }
}

impl FramesArgs {
    fn request(&self, extent: Option<(i32, i32)>) -> Result<CaptureRequest, String> {
        let size = parse_size(&self.size)?;
        let (first, last) = extent.ok_or("the data has no dated events")?;
        let a = self
            .from
            .as_deref()
            .map(|t| super::args::parse_bound("--from", t, false));
        let b = self
            .to
            .as_deref()
            .map(|t| super::args::parse_bound("--to", t, true));
        let a = a.transpose()?.unwrap_or(first);
        let b = b.transpose()?.unwrap_or(last);
        let windows = frame_windows(a, b, self.step);
        if windows.is_empty() {
            return Err("no frames: --to is before --from".to_owned());
        }
        if windows.len() > MAX_FRAMES {
            return Err(format!(
                "{} frames is too many; use a larger --step",
                windows.len()
            ));
        }
        let shots = windows
            .iter()
            .enumerate()
            .map(|(k, &w)| Shot {
                window: Some(w),
                path: self.out.join(format!("frame-{:05}.png", k + 1)),
            })
            .collect();
        Ok(CaptureRequest {
            shots,
            size,
            select: None,
            window: windows.first().copied(),
            map_only: false,
        })
    }
}

/// Runs `screenshot`; returns the exit code.
pub fn screenshot(options: &RunOptions, args: &ScreenshotArgs) -> i32 {
    match args.request() {
        Ok(r) => run_capture(options, r),
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}

/// Runs `frames`; returns the exit code.
pub fn frames(options: &RunOptions, args: &FramesArgs) -> i32 {
    let basemap = bundled_basemap();
    let load = &options.load;
    let extent = match load_or_bundled(
        options.data.as_deref(),
        options.skip_invalid,
        &basemap,
        load,
    ) {
        Ok(d) => d.time_extent(),
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            return 1;
        }
    };
    match args.request(extent) {
        Ok(r) => run_capture(options, r),
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}
