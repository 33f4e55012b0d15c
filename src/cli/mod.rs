//! The command line: the viewer's options and the subcommands (`export`, `check`, `screenshot`,
//! `frames`). Each subcommand lives in its own file; running the viewer takes plain
//! [`RunOptions`], so nothing below the command line depends on clap.

pub mod args;
pub mod capture;
pub mod export;
pub mod extract;

use crate::io::check::check_paths;
use crate::io::open::LoadOptions;
use crate::run::RunOptions;
use capture::{FramesArgs, ScreenshotArgs};
use clap::Parser;
use export::ExportArgs;
use std::io::Write;
use std::path::PathBuf;

/// Caucasus Atlas: news events of the South Caucasus on a map linked to a timeline.
#[derive(Debug, Parser)]
#[command(name = "caucasus-atlas", version, about)]
pub struct Cli {
    /// A dataset to open instead of the bundled one (.json, .geojson, .csv, .tsv, .kml, .kmz, or
    /// a .zip holding one of them).
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,
    /// Load the valid records of a file with problems, reporting the skipped ones on stderr.
    #[arg(long, global = true)]
    pub skip_invalid: bool,
    /// The field holding each event's start (and end) when the file's time keys are not the
    /// recognised ones.
    #[arg(long, global = true, value_name = "START[,END]")]
    pub time_field: Option<String>,
    /// Start fresh, ignoring the saved session.
    #[arg(long)]
    pub reset: bool,
    /// Reopen a view copied with "Copy view".
    #[arg(long, value_name = "TEXT")]
    pub view: Option<String>,
    /// What to do; without one, the viewer opens.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CliCommand {
    /// Write events, places or the basemap as a GeoJSON FeatureCollection to stdout.
    Export(ExportArgs),
    /// Validate data files; prints `file:line:column: message` per problem (exit 1 if any) and
    /// `file:line:column: warning: message` per doubt (the exit status stays 0).
    Check {
        /// Files to check.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Write a PNG of the viewer exactly as it would look (needs a display; use Xvfb on servers).
    Screenshot(ScreenshotArgs),
    /// Write one PNG per time step (with the dates shown), for turning playback into a video.
    Frames(FramesArgs),
    /// Propose events from a news article (text, Markdown or HTML) as an events document on stdout.
    Extract(extract::ExtractArgs),
}

impl Cli {
    /// The options every run shares, as plain data.
    pub fn run_options(&self) -> Result<RunOptions, String> {
        let time_field = self
            .time_field
            .as_deref()
            .map(LoadOptions::parse_time_field)
            .transpose()?;
        Ok(RunOptions {
            data: self.data.clone(),
            skip_invalid: self.skip_invalid,
            reset: self.reset,
            view: self.view.clone(),
            load: LoadOptions {
                time_field,
                ..LoadOptions::default()
            },
        })
    }
}

/// Runs the viewer or a subcommand; returns the process exit code.
pub fn run(cli: &Cli) -> i32 {
    let options = match cli.run_options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    match &cli.command {
        None => crate::run::run_viewer(&options),
        Some(CliCommand::Export(args)) => export::export(&options, args),
        Some(CliCommand::Check { paths }) => check(paths),
        Some(CliCommand::Screenshot(args)) => capture::screenshot(&options, args),
        Some(CliCommand::Frames(args)) => capture::frames(&options, args),
        Some(CliCommand::Extract(args)) => extract::extract(args),
    }
}

/// Runs `check`; returns the exit code: 1 when any error was found. Errors and warnings go to
/// stdout, one per line (`file:line:column: message`, `file:line:column: warning: message`).
fn check(paths: &[PathBuf]) -> i32 {
    let findings = check_paths(paths);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for f in &findings {
        let _ = writeln!(out, "{f}");
    }
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let warnings = findings.len() - errors;
    let warned = if warnings > 0 {
        format!(", {warnings} warning(s)")
    } else {
        String::new()
    };
    if errors == 0 {
        eprintln!("{} file(s) checked: no problems{warned}", paths.len());
        0
    } else {
        eprintln!("{errors} problem(s){warned}");
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn parses_the_contract_shapes() {
        let cli =
            Cli::try_parse_from(["caucasus-atlas", "export", "events", "--data", "x.csv"]).unwrap();
        assert_eq!(cli.data.as_deref(), Some(Path::new("x.csv")));
        assert!(matches!(
            cli.command,
            Some(CliCommand::Export(ExportArgs {
                what: export::ExportWhat::Events,
                ..
            }))
        ));
        let cli = Cli::try_parse_from(["caucasus-atlas", "check", "a.json", "b.json"]).unwrap();
        let Some(CliCommand::Check { paths }) = cli.command else {
            panic!("not check")
        };
        assert_eq!(paths.len(), 2);
        assert!(Cli::try_parse_from(["caucasus-atlas", "check"]).is_err());
        let cli = Cli::try_parse_from(["caucasus-atlas"]).unwrap();
        assert!(cli.command.is_none());
    }

    #[test]
    fn time_fields_reach_the_run_options() {
        let cli = Cli::try_parse_from([
            "caucasus-atlas",
            "export",
            "events",
            "--time-field",
            "start_date,end_date",
        ])
        .unwrap();
        let options = cli.run_options().unwrap();
        assert_eq!(
            options.load.time_field,
            Some(("start_date".to_owned(), Some("end_date".to_owned())))
        );
        let cli = Cli::try_parse_from(["caucasus-atlas", "--time-field", ",x"]).unwrap();
        assert!(cli.run_options().is_err());
    }
}
