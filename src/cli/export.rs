//! `export`: events, places or the basemap as a GeoJSON FeatureCollection on stdout.

use crate::io::bundle::{bundled_basemap, bundled_places};
use crate::io::export::{basemap_collection, events_collection, places_collection, to_text};
use crate::io::open::load_or_bundled;
use crate::run::RunOptions;
use std::io::Write;

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportWhat {
    /// Every event with its provenance.
    Events,
    /// The gazetteer.
    Places,
    /// The basemap shapes.
    Basemap,
}

/// Options of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export.
    pub what: ExportWhat,
}

/// The text `export` writes, or the problems that stop it.
fn export_text(options: &RunOptions, args: &ExportArgs) -> Result<String, Vec<String>> {
    let basemap = bundled_basemap();
    let load = |basemap| {
        load_or_bundled(
            options.data.as_deref(),
            options.skip_invalid,
            basemap,
            &options.load,
        )
        .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>())
    };
    Ok(match args.what {
        ExportWhat::Basemap => to_text(&basemap_collection(&basemap)),
        ExportWhat::Places if options.data.is_none() => {
            to_text(&places_collection(&bundled_places()))
        }
        ExportWhat::Places => to_text(&places_collection(load(&basemap)?.places())),
        ExportWhat::Events => to_text(&events_collection(load(&basemap)?.events())),
    })
}

/// Runs `export`; returns the exit code.
pub fn export(options: &RunOptions, args: &ExportArgs) -> i32 {
    let text = match export_text(options, args) {
        Ok(t) => t,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            return 1;
        }
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("cannot write to stdout: {e}");
            1
        }
    }
}
