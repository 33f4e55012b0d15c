//! What the area filter and the situation layer cost: the mask of a country-sized area over the
//! dataset (issue 15's `area_filter_ms`), and frames scrubbed across the days the map of control
//! changes (the situation layer redrawn as the window moves).

use super::report::{Metric, emit};
use super::{frame, median, p95};
use caucasus_atlas::app::AtlasApp;
use caucasus_atlas::filters::{AreaCatalog, AreaFilter, FilterCache, Filters};
use caucasus_atlas::io::bundle::{bundled_basemap, bundled_situation};
use caucasus_atlas::model::Dataset;
use caucasus_atlas::model::date::day_of;
use caucasus_atlas::row_search::RowHits;
use eframe::egui;
use std::time::Instant;

/// Times of the mask of Azerbaijan (the grid built first, once), in ms; and the grid's own build.
pub fn area_metrics(n: usize, data: &Dataset, out: &mut Vec<Metric>) {
    let catalog = AreaCatalog::bundled(&bundled_basemap(), &bundled_situation());
    let filters = Filters {
        areas: vec![AreaFilter::Named("Azerbaijan".to_owned())],
        ..Filters::default()
    };
    let mut cache = FilterCache::default();
    let t = Instant::now();
    std::hint::black_box(cache.grid(data));
    let grid_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let mut fresh = FilterCache::default();
            // the grid is the dataset's: share it, as the app does between filter changes
            std::hint::black_box(fresh.grid(data));
            let t = Instant::now();
            let (mask, _) = fresh.get(data, &filters, &RowHits::default(), &catalog);
            std::hint::black_box(mask.map(|m| m.count()));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let mut put = |metric, value| {
        emit(
            out,
            Metric {
                scenario: "atlas",
                n,
                metric,
                format: None,
                value,
                unit: "ms",
            },
        );
    };
    put("spatial_grid_ms", grid_ms);
    put("area_filter_ms", median(&mut times));
}

/// Frames of the bundled data while a 30-day window moves a week at a time from 2020 to 2024,
/// across every change of the map of control: the situation layer redraws at once.
pub fn situation_metrics(out: &mut Vec<Metric>) {
    let mut app = AtlasApp::bundled();
    let n = app.data.len();
    let ctx = egui::Context::default();
    let start = day_of(chrono::NaiveDate::from_ymd_opt(2020, 9, 1).unwrap_or_default());
    let mut t = 0.0;
    for _ in 0..5 {
        t += 1.0 / 60.0;
        frame(&ctx, &mut app, t, false);
    }
    let mut times: Vec<f64> = (0..180)
        .map(|k| {
            let a = start + 7 * k;
            app.time.set_window(a, a + 29);
            t += 1.0 / 60.0;
            frame(&ctx, &mut app, t, false)
        })
        .collect();
    for (metric, value) in [
        ("situation_scrub_ms_median", median(&mut times)),
        ("situation_scrub_ms_p95", p95(&mut times)),
    ] {
        emit(
            out,
            Metric {
                scenario: "atlas",
                n,
                metric,
                format: None,
                value,
                unit: "ms",
            },
        );
    }
}
