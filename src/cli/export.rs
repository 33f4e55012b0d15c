//! `export`: events, places or the basemap as a GeoJSON FeatureCollection on stdout.

use crate::filters::{AreaCatalog, AreaFilter, FilterCache, Filters};
use crate::io::bundle::{bundled_basemap, bundled_places, bundled_situation};
use crate::io::export::{
    basemap_collection, basemap_on_collection, events_collection, places_collection, to_text,
};
use crate::io::open::load_or_bundled;
use crate::model::Dataset;
use crate::row_search::RowHits;
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
    /// Export only the events inside this basemap feature (a country, `Nakhchivan`...), matched
    /// without regard to case; repeat for a union.
    #[arg(long = "area", value_name = "NAME")]
    pub areas: Vec<String>,
    /// Export only the events inside this box (edges included); repeat for a union.
    #[arg(long = "bbox", value_name = "MINLON,MINLAT,MAXLON,MAXLAT")]
    pub boxes: Vec<String>,
    /// With `basemap`: the basemap as it stood on this day, with the areas of control and lines
    /// of contact then in force.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

impl ExportArgs {
    /// The area filter the options ask for, checked against the areas that exist.
    fn area_filters(&self, catalog: &AreaCatalog) -> Result<Vec<AreaFilter>, Vec<String>> {
        let mut areas = Vec::new();
        for name in &self.areas {
            match catalog.find(name) {
                Some(area) => areas.push(AreaFilter::Named(area.name.clone())),
                None => {
                    let known = catalog.names().join(", ");
                    return Err(vec![format!(
                        "error: --area `{name}`: no such area; the areas are: {known}"
                    )]);
                }
            }
        }
        for text in &self.boxes {
            areas.push(AreaFilter::parse_box(text).map_err(|e| vec![format!("error: {e}")])?);
        }
        if !areas.is_empty() && self.what != ExportWhat::Events {
            return Err(vec![
                "error: --area and --bbox choose events; use them with `export events`".to_owned(),
            ]);
        }
        Ok(areas)
    }
}

/// The events of `data` inside the union of `areas` (all of them when there are none).
fn events_in<'a>(
    data: &'a Dataset,
    areas: Vec<AreaFilter>,
    catalog: &AreaCatalog,
) -> Vec<std::borrow::Cow<'a, crate::model::Event>> {
    if areas.is_empty() {
        return data.events().collect();
    }
    let filters = Filters {
        areas,
        ..Filters::default()
    };
    let (mask, _) = FilterCache::default().get(data, &filters, &RowHits::default(), catalog);
    (0..data.len())
        .filter(|&i| mask.as_ref().is_none_or(|m| m.contains(i)))
        .filter_map(|i| data.event(i))
        .collect()
}

/// Parses `--date`: a day written exactly as `YYYY-MM-DD`.
fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == text)
        .ok_or_else(|| {
            format!("error: --date `{text}`: expected a day as YYYY-MM-DD, e.g. 2021-06-01")
        })
}

/// The text `export` writes, or the problems that stop it.
fn export_text(options: &RunOptions, args: &ExportArgs) -> Result<String, Vec<String>> {
    let basemap = bundled_basemap();
    let catalog = AreaCatalog::bundled(&basemap, &bundled_situation());
    let areas = args.area_filters(&catalog)?;
    let load = |basemap| {
        load_or_bundled(
            options.data.as_deref(),
            options.skip_invalid,
            basemap,
            &options.load,
        )
        .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>())
    };
    let date = args
        .date
        .as_deref()
        .map(parse_date)
        .transpose()
        .map_err(|e| vec![e])?;
    Ok(match (args.what, date) {
        (ExportWhat::Basemap, Some(day)) => {
            to_text(&basemap_on_collection(&basemap, &bundled_situation(), day))
        }
        (_, Some(_)) => {
            return Err(vec![
                "error: --date goes with `export basemap` only".to_owned(),
            ]);
        }
        (ExportWhat::Basemap, None) => to_text(&basemap_collection(&basemap)),
        (ExportWhat::Places, None) if options.data.is_none() => {
            to_text(&places_collection(&bundled_places()))
        }
        (ExportWhat::Places, None) => to_text(&places_collection(load(&basemap)?.places())),
        (ExportWhat::Events, None) => {
            let data = load(&basemap)?;
            to_text(&events_collection(events_in(&data, areas, &catalog)))
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_whole_days() {
        assert_eq!(
            parse_date("2021-06-01"),
            Ok(chrono::NaiveDate::from_ymd_opt(2021, 6, 1).unwrap_or_default())
        );
        for bad in ["2021-6-1", "2021-06", "2021-02-30", "yesterday", ""] {
            let e = parse_date(bad).unwrap_err();
            assert!(e.starts_with("error: --date"), "{e}");
        }
    }
}
