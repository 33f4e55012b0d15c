//! `--peers`: the same generated events in the web tools users would pick instead, side by side
//! with Atlas, and Atlas's own first frame timed from outside the process.
//!
//! For each N the peers' pages (`bench/peers/`: Leaflet with Leaflet.timeline on a canvas
//! renderer, kepler.gl with a time filter) run in headless Chromium on the bench's GeoJSON, driven
//! by `bench/peers/run.mjs`; they report `first_frame_s` (page load to first drawn map) and the
//! scrub frames (`frame_ms_median`, `frame_ms_p95`, from `requestAnimationFrame`). Atlas's
//! release binary is started under Xvfb, with `--data` on the same N's CSV and on its GeoJSON:
//! `first_frame_s` (process start to the first drawn frame, the bundled data, as the file loads
//! in the background), `data_frame_csv_s` and `data_frame_geojson_s` (process start to the first
//! frame that shows the file), and `window_frame_ms_median`/`_p95` (the same scrub as the bench's,
//! in the real window, painting included: software OpenGL here). A launch without `--data` gives
//! `first_frame_s` on the bundled data alone (its `n` is the bundled event count). `bench/peers/setup.sh` runs first and
//! installs what is missing (Debian's chromium, Xvfb, the pinned npm packages).

#[path = "startup.rs"]
mod startup;

use super::report::{Metric, emit};
use super::{Options, median};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Launches of the viewer per file (the median is reported).
const LAUNCHES: usize = 3;
/// How long one peer may take on one file, in seconds.
const PEER_TIMEOUT_S: u64 = 900;
/// The peers, in the order they run and are shown.
const PEERS: [&str; 2] = ["leaflet", "kepler"];

/// The folder of the peers' pages, runner and setup script.
fn peers_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/peers")
}

/// What a `--peers` run found besides its metrics.
pub struct PeerRun {
    /// The versions the node runner reported (Chromium, Leaflet, Leaflet.timeline, kepler.gl…).
    versions: Option<String>,
}

/// Runs the peers and Atlas's launches for every N; emits their metrics into `out`.
pub fn run(o: &Options, out: &mut Vec<Metric>) -> PeerRun {
    if let Err(e) = setup() {
        eprintln!("[peers] setup failed: {e}");
    }
    let viewer = viewer_and_display();
    if let Err(e) = &viewer {
        eprintln!("[peers] Atlas cannot be launched: {e}");
    }
    let viewer = viewer
        .as_ref()
        .ok()
        .map(|(exe, display)| (exe.as_path(), display));
    let scratch = o.dir.join("startup");
    let mut versions = None;
    for &n in &o.events {
        let (csv, geojson) = data_files(o, n);
        eprintln!("[peers] n = {n}: Atlas under Xvfb");
        atlas_launches(n, &[&csv, &geojson], viewer, &scratch, out);
        eprintln!("[peers] n = {n}: leaflet, kepler in headless Chromium");
        versions = peer_pages(n, &geojson, o, out).or(versions);
    }
    eprintln!("[peers] Atlas on the bundled data alone");
    if let Some((exe, display)) = viewer {
        let (mut first, _, events) = time_launches(exe, display, None, &scratch);
        let value = median(&mut first);
        emit(
            out,
            metric_row("atlas", events, "first_frame_s", value, "s"),
        );
    }
    PeerRun { versions }
}

fn setup() -> Result<(), String> {
    let status = Command::new("bash")
        .arg(peers_dir().join("setup.sh"))
        .status()
        .map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("setup.sh: {status}"))
    }
}

/// The N's CSV and GeoJSON, written now if the run before did not leave them.
fn data_files(o: &Options, n: usize) -> (PathBuf, PathBuf) {
    let csv = o.dir.join(format!("events-{n}.csv"));
    let geojson = o.dir.join(format!("events-{n}.geojson"));
    if !csv.exists() || !geojson.exists() {
        let rows = super::synth::generate(n);
        let _ = std::fs::create_dir_all(&o.dir);
        for result in [
            super::synth::write_csv(&rows, &csv),
            super::synth::write_geojson(&rows, &geojson),
        ] {
            if let Err(e) = result {
                eprintln!("[peers] cannot write the data for n = {n}: {e}");
            }
        }
    }
    (csv, geojson)
}

/// The viewer's release binary, brought up to date first (`cargo run --example` builds only the
/// example). It is built together with the bench so that the two share one build of the library
/// (built apart, the dev-dependencies' features differ and the library is compiled again).
fn viewer_binary() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let profile = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("cannot find the target folder")?;
    let binary = profile.join("caucasus-atlas");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut build = Command::new(cargo);
    build.args(["build", "--release", "--locked", "--bin", "caucasus-atlas"]);
    build.args(["--example", "bench"]);
    build.current_dir(env!("CARGO_MANIFEST_DIR"));
    let status = build.status().map_err(|e| format!("cargo build: {e}"))?;
    if status.success() && binary.exists() {
        Ok(binary)
    } else {
        Err(format!("cannot build {}", binary.display()))
    }
}

/// Launch timings of one file: (first frames, data frames, events shown).
fn time_launches(
    exe: &Path,
    display: &startup::Display,
    data: Option<&Path>,
    scratch: &Path,
) -> (Vec<f64>, Vec<f64>, usize) {
    let (mut first, mut shown, mut events) = (Vec::new(), Vec::new(), 0);
    for _ in 0..LAUNCHES {
        match startup::launch(exe, display, data, false, scratch) {
            Ok(s) => {
                first.push(s.first_s);
                events = if data.is_some() {
                    s.data_events
                } else {
                    s.first_events
                };
                shown.extend(s.data_s);
            }
            Err(e) => eprintln!("[peers]   launch failed: {e}"),
        }
    }
    (first, shown, events)
}

/// The viewer and its display, or why there are none.
fn viewer_and_display() -> Result<(PathBuf, startup::Display), String> {
    Ok((viewer_binary()?, startup::Display::start()?))
}

/// Times the viewer on the N's CSV and GeoJSON; emits `first_frame_s` (all launches) and the data
/// frames of each file, then the real window's scrub frames on the CSV (null where the viewer could
/// not run).
fn atlas_launches(
    n: usize,
    files: &[&Path; 2],
    viewer: Option<(&Path, &startup::Display)>,
    scratch: &Path,
    out: &mut Vec<Metric>,
) {
    let mut first = Vec::new();
    let mut shown = [Vec::new(), Vec::new()];
    let (mut scrub_median, mut scrub_p95) = (Vec::new(), Vec::new());
    if let Some((exe, display)) = viewer {
        for (path, data_s) in files.iter().zip(shown.iter_mut()) {
            let (f, d, events) = time_launches(exe, display, Some(path), scratch);
            let name = path.file_name().unwrap_or_default().display();
            eprintln!("[peers]   {name}: {events} events shown");
            first.extend(f);
            *data_s = d;
        }
        for _ in 0..LAUNCHES {
            match startup::launch(exe, display, Some(files[0]), true, scratch) {
                Ok(s) => {
                    let (m, p) = s.scrub_ms.unwrap_or((f64::NAN, f64::NAN));
                    scrub_median.push(m);
                    scrub_p95.push(p);
                }
                Err(e) => eprintln!("[peers]   scrub launch failed: {e}"),
            }
        }
    }
    let [mut csv_s, mut geo_s] = shown;
    for (metric, v, unit) in [
        ("first_frame_s", &mut first, "s"),
        ("data_frame_csv_s", &mut csv_s, "s"),
        ("data_frame_geojson_s", &mut geo_s, "s"),
        ("window_frame_ms_median", &mut scrub_median, "ms"),
        ("window_frame_ms_p95", &mut scrub_p95, "ms"),
    ] {
        emit(out, metric_row("atlas", n, metric, median(v), unit));
    }
}

fn metric_row(
    scenario: &'static str,
    n: usize,
    metric: &'static str,
    value: f64,
    unit: &'static str,
) -> Metric {
    Metric {
        scenario,
        n,
        metric,
        format: None,
        value,
        unit,
    }
}

/// Runs the node runner on one GeoJSON; emits each peer's metrics (null where it failed) and
/// returns the versions it reported.
fn peer_pages(n: usize, geojson: &Path, o: &Options, out: &mut Vec<Metric>) -> Option<String> {
    let output = Command::new("node")
        .arg(peers_dir().join("run.mjs"))
        .arg("--data")
        .arg(geojson)
        .args(["--n", &n.to_string()])
        .args(["--frames", &o.frames.to_string()])
        .args(["--window", &o.window.to_string()])
        .args(["--timeout", &PEER_TIMEOUT_S.to_string()])
        .env_remove("GLIBC_TUNABLES")
        .output();
    let text = match output {
        Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
        Err(e) => {
            eprintln!("[peers]   cannot run node: {e}");
            String::new()
        }
    };
    let lines: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    for peer in PEERS {
        let line = lines.iter().find(|l| l["scenario"] == peer);
        if let Some(error) = line.and_then(|l| l["error"].as_str()) {
            eprintln!("[peers]   {peer} failed: {error}");
        }
        if let Some(shown) = line.and_then(|l| l["shown_median"].as_f64()) {
            eprintln!("[peers]   {peer}: {shown} events in the median window");
        }
        let value = |key: &str| line.and_then(|l| l[key].as_f64()).unwrap_or(f64::NAN);
        for (metric, unit) in [
            ("first_frame_s", "s"),
            ("frame_ms_median", "ms"),
            ("frame_ms_p95", "ms"),
        ] {
            emit(out, metric_row(peer, n, metric, value(metric), unit));
        }
    }
    lines
        .iter()
        .find_map(|l| l.get("versions"))
        .map(|v| v.to_string())
}

impl PeerRun {
    /// The peers' part of the closing table, then how they compare at the largest N.
    pub fn table(&self, metrics: &[Metric], events: &[usize]) {
        let get = |s: &str, m: &str, n: usize| {
            metrics
                .iter()
                .find(|x| x.scenario == s && x.metric == m && x.n == n)
                .map_or(f64::NAN, |x| x.value)
        };
        let rows = [
            ("atlas", "window_frame_ms_median"),
            ("atlas", "window_frame_ms_p95"),
            ("atlas", "first_frame_s"),
            ("atlas", "data_frame_csv_s"),
            ("atlas", "data_frame_geojson_s"),
            ("leaflet", "first_frame_s"),
            ("leaflet", "frame_ms_median"),
            ("leaflet", "frame_ms_p95"),
            ("kepler", "first_frame_s"),
            ("kepler", "frame_ms_median"),
            ("kepler", "frame_ms_p95"),
        ];
        for (scenario, metric) in rows {
            print!("{scenario:<8} {metric:<22}");
            for &n in events {
                print!(" {:>12.3}", get(scenario, metric, n));
            }
            println!();
        }
        if let Some(bundled) = metrics.iter().find(|m| {
            m.scenario == "atlas" && m.metric == "first_frame_s" && !events.contains(&m.n)
        }) {
            println!(
                "atlas first frame on the bundled data alone ({} events): {:.3} s",
                bundled.n, bundled.value
            );
        }
        if let Some(&hi) = events.last() {
            let atlas = get("atlas", "frame_ms_median", hi);
            for peer in PEERS {
                println!(
                    "at {hi}: {peer} frame / atlas frame = {:.1}; first frame {peer} {:.3} s, atlas {:.3} s (its data shown at {:.3} s)",
                    get(peer, "frame_ms_median", hi) / atlas,
                    get(peer, "first_frame_s", hi),
                    get("atlas", "first_frame_s", hi),
                    get("atlas", "data_frame_geojson_s", hi),
                );
            }
        }
        if let Some(v) = &self.versions {
            println!("peers: {v}");
        }
    }
}
