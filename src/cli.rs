//! The command line: `export`, `check`, and the viewer's options.

use crate::capture::{Shot, Step, frame_windows};
use crate::io::bundle::{bundled_basemap, bundled_dataset, bundled_places};
use crate::io::check::check_paths;
use crate::io::date_parse::parse_iso_partial;
use crate::io::export::{basemap_collection, events_collection, places_collection, to_text};
use crate::io::open::{load_dataset_lenient, load_dataset_strict};
use crate::io::{Basemap, Problem};
use crate::model::date::day_of;
use crate::model::{Dataset, DayNum};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Caucasus Atlas: news events of the South Caucasus on a map linked to a timeline.
#[derive(Debug, Parser)]
#[command(name = "caucasus-atlas", version, about)]
pub struct Cli {
    /// A dataset to open instead of the bundled one (.json, .geojson or .csv).
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,
    /// Load the valid records of a file with problems, reporting the skipped ones on stderr.
    #[arg(long, global = true)]
    pub skip_invalid: bool,
    /// Start fresh, ignoring the saved session.
    #[arg(long)]
    pub reset: bool,
    /// Reopen a view copied with "Copy view".
    #[arg(long, value_name = "TEXT")]
    pub view: Option<String>,
    /// What to do; without one, the viewer opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write events, places or the basemap as a GeoJSON FeatureCollection to stdout.
    Export {
        /// What to export.
        what: ExportWhat,
    },
    /// Validate data files; prints `file:line:column: message` per problem, exit 1 if any.
    Check {
        /// Files to check.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Write a PNG of the viewer exactly as it would look (needs a display; use Xvfb on servers).
    Screenshot {
        /// The PNG to write.
        #[arg(long)]
        out: PathBuf,
        /// First day of the time window (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Last day of the time window (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// The id of an event to select.
        #[arg(long)]
        select: Option<String>,
        /// Window size, WIDTHxHEIGHT.
        #[arg(long, default_value = "1600x1000")]
        size: String,
    },
    /// Write one PNG per time step (with the dates shown), for turning playback into a video.
    Frames {
        /// The folder for the PNGs (frame-00001.png, ...).
        #[arg(long)]
        out: PathBuf,
        /// How far each frame moves.
        #[arg(long, value_enum)]
        step: Step,
        /// First day (YYYY, YYYY-MM or YYYY-MM-DD); default: the data's first.
        #[arg(long)]
        from: Option<String>,
        /// Last day; default: the data's last.
        #[arg(long)]
        to: Option<String>,
        /// Window size, WIDTHxHEIGHT.
        #[arg(long, default_value = "1600x1000")]
        size: String,
    },
}

/// Parses `WIDTHxHEIGHT`.
pub fn parse_size(text: &str) -> Result<[f32; 2], String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("--size `{text}`: expected WIDTHxHEIGHT, e.g. 1600x1000"))?;
    let px = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (200..=8192).contains(v))
            .ok_or_else(|| format!("--size `{text}`: each side must be 200 to 8192 pixels"))
    };
    Ok([px(w)? as f32, px(h)? as f32])
}

/// Parses `--from`/`--to` into the first or last day of the period they name.
pub fn parse_bound(flag: &str, text: &str, last: bool) -> Result<DayNum, String> {
    let span = parse_iso_partial(text).map_err(|e| format!("{flag}: {e}"))?;
    Ok(day_of(if last { span.end } else { span.start }))
}

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    /// Every event with its provenance.
    Events,
    /// The gazetteer.
    Places,
    /// The basemap shapes.
    Basemap,
}

/// Loads the dataset named by `--data` (strict unless `skip_invalid`), or the bundled one.
pub fn load_data(
    data: Option<&Path>,
    skip_invalid: bool,
    basemap: &Basemap,
) -> Result<Dataset, Vec<Problem>> {
    let Some(path) = data else {
        return Ok(bundled_dataset(basemap));
    };
    if skip_invalid {
        let (dataset, skipped) = load_dataset_lenient(path, basemap);
        for p in &skipped {
            eprintln!("{p} (skipped)");
        }
        if dataset.is_empty() && !skipped.is_empty() {
            return Err(skipped);
        }
        Ok(dataset)
    } else {
        load_dataset_strict(path, basemap)
    }
}

/// Runs a subcommand; returns the process exit code.
pub fn run_command(cli: &Cli, command: &Command) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match command {
        Command::Screenshot {
            out: png,
            from,
            to,
            select,
            size,
        } => {
            let request = (|| -> Result<crate::app::CaptureRequest, String> {
                let size = parse_size(size)?;
                let from = from
                    .as_deref()
                    .map(|t| parse_bound("--from", t, false))
                    .transpose()?;
                let to = to
                    .as_deref()
                    .map(|t| parse_bound("--to", t, true))
                    .transpose()?;
                let window = match (from, to) {
                    (Some(a), Some(b)) if b < a => return Err("--to is before --from".to_owned()),
                    (Some(a), Some(b)) => Some((a, b)),
                    (None, None) => None,
                    _ => return Err("--from and --to go together".to_owned()),
                };
                Ok(crate::app::CaptureRequest {
                    shots: vec![Shot {
                        window,
                        path: png.clone(),
                    }],
                    size,
                    select: select.clone(),
                    window,
                })
            })();
            match request {
                Ok(r) => crate::app::run_capture(cli, r),
                Err(e) => {
                    eprintln!("{e}");
                    2
                }
            }
        }
        Command::Frames {
            out: dir,
            step,
            from,
            to,
            size,
        } => {
            let basemap = bundled_basemap();
            let extent = match load_data(cli.data.as_deref(), cli.skip_invalid, &basemap) {
                Ok(d) => d.time_extent(),
                Err(problems) => {
                    for p in &problems {
                        eprintln!("{p}");
                    }
                    return 1;
                }
            };
            let request = (|| -> Result<crate::app::CaptureRequest, String> {
                let size = parse_size(size)?;
                let (first, last) = extent.ok_or("the data has no dated events")?;
                let a = from
                    .as_deref()
                    .map(|t| parse_bound("--from", t, false))
                    .transpose()?
                    .unwrap_or(first);
                let b = to
                    .as_deref()
                    .map(|t| parse_bound("--to", t, true))
                    .transpose()?
                    .unwrap_or(last);
                let windows = frame_windows(a, b, *step);
                if windows.is_empty() {
                    return Err("no frames: --to is before --from".to_owned());
                }
                if windows.len() > 20_000 {
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
                        path: dir.join(format!("frame-{:05}.png", k + 1)),
                    })
                    .collect();
                Ok(crate::app::CaptureRequest {
                    shots,
                    size,
                    select: None,
                    window: windows.first().copied(),
                })
            })();
            match request {
                Ok(r) => crate::app::run_capture(cli, r),
                Err(e) => {
                    eprintln!("{e}");
                    2
                }
            }
        }
        Command::Check { paths } => {
            let problems = check_paths(paths);
            for p in &problems {
                let _ = writeln!(out, "{p}");
            }
            if problems.is_empty() {
                eprintln!("{} file(s) checked: no problems", paths.len());
                0
            } else {
                eprintln!("{} problem(s)", problems.len());
                1
            }
        }
        Command::Export { what } => {
            let basemap = bundled_basemap();
            let text = match what {
                ExportWhat::Basemap => to_text(&basemap_collection(&basemap)),
                ExportWhat::Places if cli.data.is_none() => {
                    to_text(&places_collection(&bundled_places()))
                }
                ExportWhat::Places | ExportWhat::Events => {
                    match load_data(cli.data.as_deref(), cli.skip_invalid, &basemap) {
                        Ok(data) if *what == ExportWhat::Places => {
                            to_text(&places_collection(data.places()))
                        }
                        Ok(data) => to_text(&events_collection(data.events())),
                        Err(problems) => {
                            for p in &problems {
                                eprintln!("{p}");
                            }
                            return 1;
                        }
                    }
                }
            };
            match out.write_all(text.as_bytes()) {
                Ok(()) => 0,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(e) => {
                    eprintln!("cannot write to stdout: {e}");
                    1
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_contract_shapes() {
        let cli =
            Cli::try_parse_from(["caucasus-atlas", "export", "events", "--data", "x.csv"]).unwrap();
        assert_eq!(cli.data.as_deref(), Some(Path::new("x.csv")));
        assert!(matches!(
            cli.command,
            Some(Command::Export {
                what: ExportWhat::Events
            })
        ));
        let cli = Cli::try_parse_from(["caucasus-atlas", "check", "a.json", "b.json"]).unwrap();
        let Some(Command::Check { paths }) = cli.command else {
            panic!("not check")
        };
        assert_eq!(paths.len(), 2);
        assert!(Cli::try_parse_from(["caucasus-atlas", "check"]).is_err());
        let cli = Cli::try_parse_from(["caucasus-atlas"]).unwrap();
        assert!(cli.command.is_none());
    }
}
