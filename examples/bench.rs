//! Scale benchmark: `cargo run --release --example bench -- --events 1000 100000 1000000 10000000`.
//!
//! For each N it generates a deterministic synthetic dataset, writes it as ACLED-style CSV and as
//! GeoJSON, and measures loading (time, resident memory per event after the load, and peak resident
//! memory per event while loading), the time-window query, and full headless frames of the real
//! viewer (`AtlasApp::frame_ui` through egui's `Context` and tessellation at 1600x1000) while the
//! window is scrubbed across the data. The same frames with every in-window event painted as its
//! own marker are the `naive` scenario. One JSON object per line, then a table, then an SVG plot of
//! load time and memory against N. Loads run in child processes so their memory is measured alone.
//!
//! Options: `--events N...`, `--dir PATH` (default: the system temp folder, `atlas-bench`),
//! `--frames K` (default 60), `--window DAYS` scrubbed (default 365), `--repeats R` child loads per
//! file (default 3; 0 skips them), `--formats csv,geojson` (the files loaded in child processes),
//! `--skip-files` (reuse the files already written), `--only atlas|naive`, `--plot PATH` (default
//! `docs/scaling.svg`, written only by a run that loads every N it shows; `-` for none), `--peers` (the web peers and Atlas's first frame, see
//! `bench/peers.rs`). The frames' data is the CSV loaded in this process, or events built from the
//! generated rows when it does not load.
//!
//! Frames run with glibc's malloc thresholds raised (the bench re-runs itself with
//! `GLIBC_TUNABLES` set) so page faults of large frames stay out of the timings; loads run in
//! child processes with the default allocator, as the app does. Frame and load figures are
//! medians; `frame_ms_p95` is the 95th percentile of the scrubbed frames.
//!
//! The naive scenario is the same frame with every in-window event also painted as the app's
//! single-event marker (a radius-7 circle with a white rim), so it still includes the cost of the
//! aggregated layer underneath: the ratio naive/atlas is if anything understated.

#[path = "bench/filters.rs"]
mod filters;
#[path = "bench/load.rs"]
mod load;
#[path = "bench/peers.rs"]
mod peers;
#[path = "bench/plot.rs"]
mod plot;
#[path = "bench/report.rs"]
mod report;
#[path = "bench/synth.rs"]
mod synth;

use caucasus_atlas::app::AtlasApp;
use caucasus_atlas::filters::Visible;
use caucasus_atlas::io::bundle::bundled_basemap;
use caucasus_atlas::map::projection::Projector;
use caucasus_atlas::model::{Dataset, DayNum};
use caucasus_atlas::palette;
use eframe::egui;
use report::{Metric, emit};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const TUNABLES: &str =
    "glibc.malloc.mmap_threshold=1073741824:glibc.malloc.trim_threshold=1073741824";

struct Options {
    events: Vec<usize>,
    dir: PathBuf,
    frames: usize,
    window: DayNum,
    repeats: usize,
    skip_files: bool,
    scenarios: Vec<&'static str>,
    /// The file formats loaded in child processes (`--formats csv,geojson`).
    formats: Vec<&'static str>,
    /// Where the plot of load time and memory against N is written (`--plot`; `-` for none).
    plot: Option<PathBuf>,
    /// Whether `--plot` was given: without it, only a run over every N the plot shows writes it.
    plot_asked: bool,
    /// `--peers`: also run the web peers and time Atlas's first frame (see `bench/peers.rs`).
    peers: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        events: vec![1000, 100_000, 1_000_000],
        dir: std::env::temp_dir().join("atlas-bench"),
        frames: 60,
        window: 365,
        repeats: 3,
        skip_files: false,
        scenarios: vec!["atlas", "naive"],
        formats: vec!["csv", "geojson"],
        plot: Some(PathBuf::from("docs/scaling.svg")),
        plot_asked: false,
        peers: false,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    let mut events = Vec::new();
    while i < args.len() {
        let value = |k: usize| {
            args.get(k)
                .cloned()
                .ok_or(format!("{} needs a value", args[i]))
        };
        match args[i].as_str() {
            "--events" => {
                while let Some(n) = args.get(i + 1).and_then(|a| a.parse::<usize>().ok()) {
                    events.push(n);
                    i += 1;
                }
            }
            "--dir" => {
                o.dir = PathBuf::from(value(i + 1)?);
                i += 1;
            }
            "--frames" => {
                o.frames = value(i + 1)?
                    .parse()
                    .map_err(|e| format!("--frames: {e}"))?;
                i += 1;
            }
            "--window" => {
                o.window = value(i + 1)?
                    .parse()
                    .map_err(|e| format!("--window: {e}"))?;
                i += 1;
            }
            "--repeats" => {
                o.repeats = value(i + 1)?
                    .parse()
                    .map_err(|e| format!("--repeats: {e}"))?;
                i += 1;
            }
            "--skip-files" => o.skip_files = true,
            "--peers" => o.peers = true,
            "--only" => {
                o.scenarios = match value(i + 1)?.as_str() {
                    "atlas" => vec!["atlas"],
                    "naive" => vec!["naive"],
                    other => return Err(format!("--only: unknown scenario `{other}`")),
                };
                i += 1;
            }
            "--formats" => {
                o.formats = Vec::new();
                for f in value(i + 1)?.split(',') {
                    o.formats.push(match f.trim() {
                        "csv" => "csv",
                        "geojson" => "geojson",
                        other => return Err(format!("--formats: unknown format `{other}`")),
                    });
                }
                i += 1;
            }
            "--plot" => {
                let v = value(i + 1)?;
                o.plot = (v != "-").then(|| PathBuf::from(v));
                o.plot_asked = true;
                i += 1;
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
        i += 1;
    }
    if !events.is_empty() {
        o.events = events;
    }
    Ok(o)
}

pub(crate) fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub(crate) fn p95(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 * 0.95).ceil() as usize).clamp(1, v.len()) - 1]
}

fn raw_input(t: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        time: Some(t),
        predicted_dt: 1.0 / 60.0,
        ..Default::default()
    }
}

/// Paints every in-window event as the app's single-event marker: the naive map.
fn paint_naive(ui: &egui::Ui, app: &AtlasApp) {
    let rect = app.map.rect;
    if !rect.is_positive() {
        return;
    }
    let projector = Projector::new(app.map.view, rect);
    let painter = ui
        .ctx()
        .layer_painter(egui::LayerId::new(
            egui::Order::Middle,
            egui::Id::unique("naive-markers"),
        ))
        .with_clip_rect(rect);
    for i in app.visible.in_window.iter() {
        let Some(e) = app.data.view(i) else { continue };
        if e.off_map {
            continue;
        }
        let p = projector.project(e.lon, e.lat);
        if rect.contains(p) {
            painter.circle(
                p,
                7.0,
                palette::category_color(e.category),
                egui::Stroke::new(1.5, egui::Color32::WHITE),
            );
        }
    }
}

/// One frame: run_ui + tessellate; returns milliseconds.
pub(crate) fn frame(ctx: &egui::Context, app: &mut AtlasApp, t: f64, naive: bool) -> f64 {
    let start = Instant::now();
    let mut out = ctx.run_ui(raw_input(t), |ui| {
        app.frame_ui(ui);
        if naive {
            paint_naive(ui, app);
        }
    });
    let shapes = std::mem::take(&mut out.shapes);
    let prims = ctx.tessellate(shapes, out.pixels_per_point);
    std::hint::black_box(prims.len());
    let ms = start.elapsed().as_secs_f64() * 1e3;
    out.textures_delta.clear();
    ms
}

/// Scrubs a window of `width` days across the data; returns the frame times.
fn scrub(app: &mut AtlasApp, frames: usize, width: DayNum, naive: bool) -> Vec<f64> {
    let ctx = egui::Context::default();
    let (first, last) = app.data.time_extent().unwrap_or((0, 1));
    let mut t = 0.0;
    for _ in 0..5 {
        t += 1.0 / 60.0;
        frame(&ctx, app, t, naive);
    }
    let span = (last - first - width).max(1);
    (0..frames)
        .map(|k| {
            let a = first + (f64::from(span) * k as f64 / frames.max(1) as f64) as DayNum;
            app.time.set_window(a, a + width - 1);
            t += 1.0 / 60.0;
            frame(&ctx, app, t, naive)
        })
        .collect()
}

/// Pans the map a few points a frame with the window over all the data (as after a load);
/// returns the frame times, and the longest of the three frames after the view stops (the map
/// then builds its cell index for the still view). The cell index belongs to a still view, so
/// every frame of the pan counts the window's events anew.
fn pan(app: &mut AtlasApp, frames: usize) -> (Vec<f64>, f64) {
    let ctx = egui::Context::default();
    if let Some((first, last)) = app.data.time_extent() {
        app.time.set_window(first, last);
    }
    let mut t = 0.0;
    for _ in 0..5 {
        t += 1.0 / 60.0;
        frame(&ctx, app, t, false);
    }
    let start = app.view_state().map;
    let times = (0..frames)
        .map(|k| {
            let mut view = start;
            // four points a frame, east and back, at the view's own scale
            let step = 4.0 * (k % 40) as f64 - if k % 80 >= 40 { 160.0 } else { 0.0 };
            view.lon += step / (view.scale * view.lat.to_radians().cos().max(0.1));
            app.apply(caucasus_atlas::commands::Command::SetMapView(view));
            t += 1.0 / 60.0;
            frame(&ctx, app, t, false)
        })
        .collect();
    let settle = (0..3)
        .map(|_| {
            t += 1.0 / 60.0;
            frame(&ctx, app, t, false)
        })
        .fold(0.0, f64::max);
    (times, settle)
}

/// Writes the files of `n` events (unless `--skip-files`) and returns their paths (CSV, GeoJSON).
fn write_files(o: &Options, n: usize) -> (PathBuf, PathBuf) {
    let csv_path = o.dir.join(format!("events-{n}.csv"));
    let geo_path = o.dir.join(format!("events-{n}.geojson"));
    if o.skip_files {
        eprintln!("[bench]   --skip-files: reusing {}", csv_path.display());
        return (csv_path, geo_path);
    }
    eprintln!("[bench] n = {n}: generating");
    let rows = synth::generate(n);
    if let Err(e) = synth::write_csv(&rows, &csv_path) {
        eprintln!("cannot write {}: {e}", csv_path.display());
    }
    if o.formats.contains(&"geojson")
        && let Err(e) = synth::write_geojson(&rows, &geo_path)
    {
        eprintln!("cannot write {}: {e}", geo_path.display());
    }
    (csv_path, geo_path)
}

/// Whether a load gave (nearly) all `n` events.
fn complete(stats: &load::LoadStats, n: usize) -> bool {
    stats.events > 0 && stats.events * 10 >= n * 9
}

/// Loads each file in child processes and reports load time and memory; returns the CSV's stats.
fn load_metrics(o: &Options, n: usize, paths: (&Path, &Path), out: &mut Vec<Metric>) -> bool {
    eprintln!("[bench] n = {n}: loading");
    let measure = |format: &str, path: &Path| {
        if o.repeats > 0 && o.formats.contains(&format) {
            load::measure_load(path, o.repeats)
        } else {
            load::LoadStats::NONE
        }
    };
    let csv = measure("csv", paths.0);
    let geo = measure("geojson", paths.1);
    eprintln!(
        "[bench]   csv: {} events, {} problems; geojson: {} events, {} problems",
        csv.events, csv.problems, geo.events, geo.problems
    );
    let valid = |stats: &load::LoadStats, v: f64| if complete(stats, n) { v } else { f64::NAN };
    let mut put = |metric, format, value, unit| {
        emit(
            out,
            Metric {
                scenario: "atlas",
                n,
                metric,
                format,
                value,
                unit,
            },
        );
    };
    put("load_csv_s", None, valid(&csv, csv.secs), "s");
    put("load_csv_cpu_s", None, valid(&csv, csv.cpu_secs), "s");
    put("load_geojson_s", None, valid(&geo, geo.secs), "s");
    put(
        "rss_bytes_per_event",
        None,
        valid(&csv, csv.rss_per_event),
        "B",
    );
    for (format, stats) in [("csv", &csv), ("geojson", &geo)] {
        put(
            "load_peak_bytes_per_event",
            Some(format),
            valid(stats, stats.peak_per_event),
            "B",
        );
    }
    complete(&csv, n)
}

/// The viewer's data: the CSV as the app loads it, or events built from the generated rows when
/// the CSV did not load.
fn viewer_data(csv_path: &Path, csv_ok: bool, n: usize) -> Dataset {
    if csv_ok {
        let (places, loaded) =
            caucasus_atlas::io::open::load_path(csv_path, &bundled_basemap(), &Default::default());
        let data = Dataset::new(loaded.records, places);
        caucasus_atlas::io::memory::release_free_memory();
        return data;
    }
    eprintln!("[bench]   the CSV did not load: frames use events built from the generated rows");
    Dataset::new(
        synth::generate(n)
            .iter()
            .map(synth::to_event)
            .collect::<Vec<_>>(),
        Vec::new(),
    )
}

/// Counting and listing the events of a `window`-day window at random places.
fn query_metrics(o: &Options, n: usize, data: &Dataset, out: &mut Vec<Metric>) {
    let (first, last) = data.time_extent().unwrap_or((0, 1));
    let mut rng = synth::Rng::new(7);
    let mut count_us = Vec::new();
    let mut list_us = Vec::new();
    let mut window_us = Vec::new();
    let mut sink = 0usize;
    let mut list = Vec::new();
    for _ in 0..200 {
        let a = first + rng.below((last - first - o.window).max(1) as usize) as DayNum;
        let b = a + o.window - 1;
        let t = Instant::now();
        sink += data.count_in_window(a, b);
        count_us.push(t.elapsed().as_secs_f64() * 1e6);
        let t = Instant::now();
        list.clear();
        data.extend_in_window(a, b, &mut list);
        sink += list.len();
        list_us.push(t.elapsed().as_secs_f64() * 1e6);
        let t = Instant::now();
        sink += data.window(a, b).earlier.len();
        window_us.push(t.elapsed().as_secs_f64() * 1e6);
    }
    std::hint::black_box(sink);
    for (metric, v) in [
        ("window_query_us", &mut count_us),
        ("window_list_us", &mut list_us),
        ("window_runs_us", &mut window_us),
    ] {
        emit(
            out,
            Metric {
                scenario: "atlas",
                n,
                metric,
                format: None,
                value: median(v),
                unit: "us",
            },
        );
    }
}

/// Full viewer frames while the window is scrubbed, for each scenario asked for.
fn frame_metrics(o: &Options, n: usize, data: Dataset, out: &mut Vec<Metric>) {
    let mut app = AtlasApp::new(data, bundled_basemap());
    let t = Instant::now();
    let v = Visible::compute(&app.data, &app.time, None, None);
    let visible_ms = t.elapsed().as_secs_f64() * 1e3;
    std::hint::black_box(v.matching);
    let mut put = |scenario, metric, value, unit| {
        emit(
            out,
            Metric {
                scenario,
                n,
                metric,
                format: None,
                value,
                unit,
            },
        );
    };
    put("atlas", "visible_full_ms", visible_ms, "ms");
    for (scenario, naive) in [("atlas", false), ("naive", true)] {
        if !o.scenarios.contains(&scenario) {
            continue;
        }
        eprintln!("[bench] n = {n}: frames ({scenario})");
        let mut times = scrub(&mut app, o.frames, o.window, naive);
        put(scenario, "frame_ms_median", median(&mut times), "ms");
        put(scenario, "frame_ms_p95", p95(&mut times), "ms");
    }
    if o.scenarios.contains(&"atlas") {
        eprintln!("[bench] n = {n}: panning (atlas)");
        let (mut times, settle) = pan(&mut app, o.frames);
        put("atlas", "pan_frame_ms_median", median(&mut times), "ms");
        put("atlas", "pan_frame_ms_p95", p95(&mut times), "ms");
        put("atlas", "pan_settle_ms", settle, "ms");
    }
    let (first, last) = app.data.time_extent().unwrap_or((0, 1));
    let in_window_mean = app.data.count_in_window(first, last) as f64 * f64::from(o.window)
        / f64::from((last - first + 1).max(1));
    put("atlas", "in_window_events", in_window_mean, "events");
}

fn run(o: &Options) -> Vec<Metric> {
    let mut out = Vec::new();
    let _ = std::fs::create_dir_all(&o.dir);
    for &n in &o.events {
        let (csv_path, geo_path) = write_files(o, n);
        let csv_ok = load_metrics(o, n, (&csv_path, &geo_path), &mut out);
        let data = viewer_data(&csv_path, csv_ok || o.repeats == 0, n);
        query_metrics(o, n, &data, &mut out);
        filters::area_metrics(n, &data, &mut out);
        frame_metrics(o, n, data, &mut out);
    }
    filters::situation_metrics(&mut out);
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(load::CHILD_FLAG) {
        if let Some(p) = args.get(2) {
            load::child_load(Path::new(p));
        }
        return;
    }
    // keep glibc's page-fault noise out of frame timings: re-run with large malloc thresholds
    if std::env::var_os("GLIBC_TUNABLES").is_none() {
        let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from(&args[0]));
        let status = Command::new(exe)
            .args(&args[1..])
            .env("GLIBC_TUNABLES", TUNABLES)
            .status();
        std::process::exit(status.map_or(1, |s| s.code().unwrap_or(1)));
    }
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::exit(2);
        }
    };
    let mut metrics = run(&options);
    let peers = options.peers.then(|| peers::run(&options, &mut metrics));
    report::table(&metrics, &options.events);
    if let Some(p) = peers {
        p.table(&metrics, &options.events);
    }
    if let Some(path) = &options.plot {
        if !options.plot_asked && !plot::covers(&options.events, options.repeats) {
            eprintln!(
                "[bench] {} left as it is: this run does not load every N it shows ({:?}); \
                 --plot PATH writes it anyway",
                path.display(),
                plot::SIZES
            );
            return;
        }
        match plot::write(path, &metrics, &options.events) {
            Ok(()) => eprintln!("[bench] plot written to {}", path.display()),
            Err(e) => eprintln!("[bench] cannot write the plot {}: {e}", path.display()),
        }
    }
}
