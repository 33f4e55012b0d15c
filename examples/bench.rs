//! Scale benchmark: `cargo run --release --example bench -- --events 1000 100000 1000000`.
//!
//! For each N it generates a deterministic synthetic dataset, writes it as ACLED-style CSV and as
//! GeoJSON, and measures loading, resident memory per event, the time-window query, and full
//! headless frames of the real viewer (`AtlasApp::frame_ui` through egui's `Context` and
//! tessellation at 1600x1000) while the window is scrubbed across the data. The same frames with
//! every in-window event painted as its own marker are the `naive` scenario. One JSON object per
//! line, then a table. Loads run in child processes so their memory is measured alone.
//!
//! Options: `--events N...`, `--dir PATH` (default: the system temp folder, `atlas-bench`), `--frames K` (default 60),
//! `--window DAYS` scrubbed (default 365), `--repeats R` child loads per file (default 3; 0 skips
//! loading and builds the events from the generated rows), `--skip-files` (reuse the files
//! already written), `--only atlas|naive`, `--peers` (the web peers and Atlas's first frame, see
//! `bench/peers.rs`).
//!
//! Frames run with glibc's malloc thresholds raised (the bench re-runs itself with
//! `GLIBC_TUNABLES` set) so page faults of large frames stay out of the timings; loads run in
//! child processes with the default allocator, as the app does. Frame and load figures are
//! medians; `frame_ms_p95` is the 95th percentile of the scrubbed frames.
//!
//! The naive scenario is the same frame with every in-window event also painted as the app's
//! single-event marker (a radius-7 circle with a white rim), so it still includes the cost of the
//! aggregated layer underneath: the ratio naive/atlas is if anything understated.

#[path = "bench/peers.rs"]
mod peers;
#[path = "bench/synth.rs"]
mod synth;

use caucasus_atlas::app::AtlasApp;
use caucasus_atlas::filters::Visible;
use caucasus_atlas::io::bundle::bundled_basemap;
use caucasus_atlas::map::projection::Projector;
use caucasus_atlas::model::{Dataset, DayNum};
use caucasus_atlas::palette;
use eframe::egui;
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
            other => return Err(format!("unknown argument `{other}`")),
        }
        i += 1;
    }
    if !events.is_empty() {
        o.events = events;
    }
    Ok(o)
}

fn rss_bytes() -> u64 {
    let text = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = text
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

/// Child mode: load one file, print `seconds rss_delta_bytes events problems`.
fn child_load(path: &Path) {
    let basemap = bundled_basemap();
    let before = rss_bytes();
    let t = Instant::now();
    let (places, loaded) = caucasus_atlas::io::open::load_path(path, &basemap, &Default::default());
    let problems = loaded.problems.len();
    let parsed = t.elapsed().as_secs_f64();
    let data = Dataset::new(loaded.records, places);
    // as the app does after a load
    caucasus_atlas::io::memory::release_free_memory();
    eprintln!(
        "parse {parsed:.3} s, Dataset::new {:.3} s",
        t.elapsed().as_secs_f64() - parsed
    );
    let secs = t.elapsed().as_secs_f64();
    let after = rss_bytes();
    println!(
        "{secs} {} {} {problems}",
        after.saturating_sub(before),
        data.len()
    );
    std::hint::black_box(&data);
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn p95(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 * 0.95).ceil() as usize).clamp(1, v.len()) - 1]
}

struct Metric {
    scenario: &'static str,
    n: usize,
    metric: &'static str,
    value: f64,
    unit: &'static str,
}

fn emit(out: &mut Vec<Metric>, m: Metric) {
    println!(
        "{{\"scenario\": \"{}\", \"n\": {}, \"metric\": \"{}\", \"value\": {}, \"unit\": \"{}\"}}",
        m.scenario,
        m.n,
        m.metric,
        if m.value.is_finite() {
            format!("{:.6}", m.value)
        } else {
            "null".to_owned()
        },
        m.unit
    );
    out.push(m);
}

/// Runs `repeats` child loads of a file; returns (median seconds, rss bytes/event, events, problems).
fn measure_load(path: &Path, repeats: usize) -> (f64, f64, usize, usize) {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("bench"));
    let mut secs = Vec::new();
    let mut rss = Vec::new();
    let (mut n, mut problems) = (0, 0);
    for _ in 0..repeats {
        let out = Command::new(&exe)
            .arg("--child-load")
            .arg(path)
            .env_remove("GLIBC_TUNABLES")
            .output();
        let Ok(out) = out else { continue };
        let text = String::from_utf8_lossy(&out.stdout);
        let f: Vec<f64> = text
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        if f.len() == 4 {
            secs.push(f[0]);
            n = f[2] as usize;
            problems = f[3] as usize;
            if n > 0 {
                rss.push(f[1] / f[2]);
            }
        } else {
            eprintln!(
                "child load failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    (median(&mut secs), median(&mut rss), n, problems)
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
    for &i in &app.visible.in_window {
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
fn frame(ctx: &egui::Context, app: &mut AtlasApp, t: f64, naive: bool) -> f64 {
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

fn run(o: &Options) -> Vec<Metric> {
    let mut out = Vec::new();
    let _ = std::fs::create_dir_all(&o.dir);
    let basemap = bundled_basemap();
    for &n in &o.events {
        eprintln!("[bench] n = {n}: generating");
        let rows = synth::generate(n);
        let csv_path = o.dir.join(format!("events-{n}.csv"));
        let geo_path = o.dir.join(format!("events-{n}.geojson"));
        if o.skip_files {
            eprintln!("[bench]   --skip-files: reusing {}", csv_path.display());
        } else if let Err(e) = synth::write_csv(&rows, &csv_path) {
            eprintln!("cannot write {}: {e}", csv_path.display());
        }
        if !o.skip_files
            && let Err(e) = synth::write_geojson(&rows, &geo_path)
        {
            eprintln!("cannot write {}: {e}", geo_path.display());
        }
        eprintln!("[bench] n = {n}: loading");
        let (csv_s, csv_rss, csv_n, csv_problems) = measure_load(&csv_path, o.repeats);
        let (geo_s, geo_rss, geo_n, geo_problems) = if o.repeats > 0 {
            measure_load(&geo_path, o.repeats)
        } else {
            (f64::NAN, f64::NAN, 0, 0)
        };
        eprintln!(
            "[bench]   csv: {csv_n} events, {csv_problems} problems; geojson: {geo_n} events, {geo_problems} problems"
        );
        let csv_ok = csv_n * 10 >= n * 9 && csv_n > 0;
        emit(
            &mut out,
            Metric {
                scenario: "atlas",
                n,
                metric: "load_csv_s",
                value: if csv_ok { csv_s } else { f64::NAN },
                unit: "s",
            },
        );
        emit(
            &mut out,
            Metric {
                scenario: "atlas",
                n,
                metric: "load_geojson_s",
                value: if geo_n * 10 >= n * 9 { geo_s } else { f64::NAN },
                unit: "s",
            },
        );
        emit(
            &mut out,
            Metric {
                scenario: "atlas",
                n,
                metric: "rss_bytes_per_event",
                value: if csv_ok { csv_rss } else { geo_rss },
                unit: "B",
            },
        );
        // The viewer's data: the CSV as the app loads it, or the rows converted directly while
        // the CSV loader is unavailable.
        let data = if csv_ok {
            let (places, loaded) =
                caucasus_atlas::io::open::load_path(&csv_path, &basemap, &Default::default());
            Dataset::new(loaded.records, places)
        } else {
            eprintln!("[bench]   CSV loader unavailable: frames use events built from the rows");
            Dataset::new(
                rows.iter().map(synth::to_event).collect::<Vec<_>>(),
                Vec::new(),
            )
        };
        drop(rows);
        // window query: counting and listing the events of a `window`-day window
        let (first, last) = data.time_extent().unwrap_or((0, 1));
        let mut rng = synth::Rng::new(7);
        let mut count_us = Vec::new();
        let mut list_us = Vec::new();
        let mut sink = 0usize;
        for _ in 0..200 {
            let a = first + rng.below((last - first - o.window).max(1) as usize) as DayNum;
            let b = a + o.window - 1;
            let t = Instant::now();
            sink += data.count_in_window(a, b);
            count_us.push(t.elapsed().as_secs_f64() * 1e6);
            let t = Instant::now();
            sink += data.in_window(a, b).len();
            list_us.push(t.elapsed().as_secs_f64() * 1e6);
        }
        std::hint::black_box(sink);
        emit(
            &mut out,
            Metric {
                scenario: "atlas",
                n,
                metric: "window_query_us",
                value: median(&mut count_us),
                unit: "us",
            },
        );
        emit(
            &mut out,
            Metric {
                scenario: "atlas",
                n,
                metric: "window_list_us",
                value: median(&mut list_us),
                unit: "us",
            },
        );
        let mut app = AtlasApp::new(data, basemap.clone());
        let t = Instant::now();
        let v = Visible::compute(&app.data, &app.time, &app.filters);
        let visible_ms = t.elapsed().as_secs_f64() * 1e3;
        std::hint::black_box(v.matching);
        emit(
            &mut out,
            Metric {
                scenario: "atlas",
                n,
                metric: "visible_full_ms",
                value: visible_ms,
                unit: "ms",
            },
        );
        for (scenario, naive) in [("atlas", false), ("naive", true)] {
            if !o.scenarios.contains(&scenario) {
                continue;
            }
            eprintln!("[bench] n = {n}: frames ({scenario})");
            let mut times = scrub(&mut app, o.frames, o.window, naive);
            emit(
                &mut out,
                Metric {
                    scenario,
                    n,
                    metric: "frame_ms_median",
                    value: median(&mut times),
                    unit: "ms",
                },
            );
            emit(
                &mut out,
                Metric {
                    scenario,
                    n,
                    metric: "frame_ms_p95",
                    value: p95(&mut times),
                    unit: "ms",
                },
            );
        }
        let in_window_mean = app.data.count_in_window(first, last) as f64 * f64::from(o.window)
            / f64::from((last - first + 1).max(1));
        eprintln!(
            "[bench]   about {in_window_mean:.0} events per {}-day window",
            o.window
        );
    }
    out
}

fn table(metrics: &[Metric], events: &[usize]) {
    let names = [
        ("atlas", "load_csv_s"),
        ("atlas", "load_geojson_s"),
        ("atlas", "rss_bytes_per_event"),
        ("atlas", "window_query_us"),
        ("atlas", "window_list_us"),
        ("atlas", "visible_full_ms"),
        ("atlas", "frame_ms_median"),
        ("atlas", "frame_ms_p95"),
        ("naive", "frame_ms_median"),
        ("naive", "frame_ms_p95"),
    ];
    print!("\n{:<8} {:<22}", "scenario", "metric");
    for n in events {
        print!(" {n:>12}");
    }
    println!();
    for (scenario, metric) in names {
        print!("{scenario:<8} {metric:<22}");
        for &n in events {
            let v = metrics
                .iter()
                .find(|m| m.scenario == scenario && m.metric == metric && m.n == n)
                .map_or(f64::NAN, |m| m.value);
            print!(" {v:>12.3}");
        }
        println!();
    }
    let get = |s: &str, m: &str, n: usize| {
        metrics
            .iter()
            .find(|x| x.scenario == s && x.metric == m && x.n == n)
            .map_or(f64::NAN, |x| x.value)
    };
    if let (Some(&lo), Some(&hi)) = (events.first(), events.last()) {
        println!(
            "frame({hi})/frame({lo}) = {:.2}; naive/atlas at {hi} = {:.1}",
            get("atlas", "frame_ms_median", hi) / get("atlas", "frame_ms_median", lo),
            get("naive", "frame_ms_median", hi) / get("atlas", "frame_ms_median", hi)
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child-load") {
        if let Some(p) = args.get(2) {
            child_load(Path::new(p));
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
    table(&metrics, &options.events);
    if let Some(p) = peers {
        p.table(&metrics, &options.events);
    }
}
