//! A small SVG plot of load time and memory against N, written by the benchmark itself (no
//! plotting dependency): two panels with a logarithmic N axis.

use super::report::{Metric, get};
use std::fmt::Write;

const PANEL_W: f64 = 360.0;
const PANEL_H: f64 = 240.0;
const MARGIN_L: f64 = 62.0;
const MARGIN_T: f64 = 34.0;
const MARGIN_B: f64 = 46.0;
const GAP: f64 = 90.0;
/// Okabe–Ito colours, as the app's palette.
const COLOURS: [&str; 4] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"];

/// One line of a panel: its label and the metric (scenario "atlas") it draws.
struct Series {
    label: &'static str,
    metric: &'static str,
    format: Option<&'static str>,
}

/// A panel: title, unit, whether its value axis is logarithmic, and its lines.
struct Panel {
    title: &'static str,
    unit: &'static str,
    log_y: bool,
    /// Whether to draw a line proportional to N for comparison.
    reference: bool,
    series: &'static [Series],
}

const PANELS: [Panel; 2] = [
    Panel {
        title: "Load time",
        unit: "seconds, logarithmic",
        log_y: true,
        reference: true,
        series: &[
            Series {
                label: "CSV",
                metric: "load_csv_s",
                format: None,
            },
            Series {
                label: "CSV, processor time (both threads)",
                metric: "load_csv_cpu_s",
                format: None,
            },
            Series {
                label: "GeoJSON",
                metric: "load_geojson_s",
                format: None,
            },
        ],
    },
    Panel {
        title: "Memory per event",
        unit: "bytes, logarithmic",
        log_y: true,
        reference: false,
        series: &[
            Series {
                label: "resident after load (CSV)",
                metric: "rss_bytes_per_event",
                format: None,
            },
            Series {
                label: "peak while loading (CSV)",
                metric: "load_peak_bytes_per_event",
                format: Some("csv"),
            },
            Series {
                label: "peak while loading (GeoJSON)",
                metric: "load_peak_bytes_per_event",
                format: Some("geojson"),
            },
        ],
    },
];

/// The N the README's plot shows.
pub const SIZES: [usize; 4] = [1_000, 100_000, 1_000_000, 10_000_000];

/// Whether a run over `events` with `repeats` child loads measures every N of [`SIZES`].
pub fn covers(events: &[usize], repeats: usize) -> bool {
    repeats > 0 && SIZES.iter().all(|n| events.contains(n))
}

/// Writes the plot of the measured N to `path`.
pub fn write(path: &std::path::Path, metrics: &[Metric], events: &[usize]) -> std::io::Result<()> {
    let mut ns: Vec<usize> = events.to_vec();
    ns.sort_unstable();
    ns.dedup();
    let width = MARGIN_L * 2.0 + PANEL_W * 2.0 + GAP;
    let height = MARGIN_T + PANEL_H + MARGIN_B + 70.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"
    );
    for (k, panel) in PANELS.iter().enumerate() {
        let x0 = MARGIN_L + k as f64 * (PANEL_W + GAP);
        draw_panel(&mut svg, panel, x0, metrics, &ns);
    }
    svg.push_str("</svg>\n");
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, svg)
}

/// The panel's value range over the measured points (a little widened), or `None` if empty.
fn value_range(panel: &Panel, metrics: &[Metric], ns: &[usize]) -> Option<(f64, f64)> {
    let values: Vec<f64> = panel
        .series
        .iter()
        .flat_map(|s| {
            ns.iter()
                .map(|&n| get(metrics, "atlas", s.metric, s.format, n))
        })
        .filter(|v| v.is_finite() && (*v > 0.0 || !panel.log_y))
        .collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        return None;
    }
    Some(if panel.log_y {
        (lo / 2.0, hi * 2.0)
    } else {
        (0.0, hi * 1.15)
    })
}

fn draw_panel(svg: &mut String, panel: &Panel, x0: f64, metrics: &[Metric], ns: &[usize]) {
    let (y0, y1) = (MARGIN_T, MARGIN_T + PANEL_H);
    let (x_lo, x_hi) = (
        (*ns.first().unwrap_or(&1) as f64).log10() - 0.3,
        (*ns.last().unwrap_or(&10) as f64).log10() + 0.3,
    );
    let x_of = |n: usize| x0 + ((n as f64).log10() - x_lo) / (x_hi - x_lo) * PANEL_W;
    let _ = writeln!(
        svg,
        "<text x=\"{x0}\" y=\"{}\" font-size=\"14\" font-weight=\"bold\">{} ({})</text>\n\
         <rect x=\"{x0}\" y=\"{y0}\" width=\"{PANEL_W}\" height=\"{PANEL_H}\" fill=\"none\" stroke=\"#999\"/>",
        y0 - 12.0,
        panel.title,
        panel.unit
    );
    for &n in ns {
        let x = x_of(n);
        let _ = writeln!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{y0}\" x2=\"{x:.1}\" y2=\"{y1}\" stroke=\"#eee\"/>\
             <text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            y1 + 16.0,
            short(n as f64)
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">events (N, logarithmic)</text>",
        x0 + PANEL_W / 2.0,
        y1 + 34.0
    );
    let Some((lo, hi)) = value_range(panel, metrics, ns) else {
        return;
    };
    let scale = |v: f64| if panel.log_y { v.log10() } else { v };
    let y_of = |v: f64| y1 - (scale(v) - scale(lo)) / (scale(hi) - scale(lo)) * PANEL_H;
    for tick in ticks(lo, hi, panel.log_y) {
        let y = y_of(tick);
        let _ = writeln!(
            svg,
            "<line x1=\"{x0}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\" stroke=\"#eee\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            x0 + PANEL_W,
            x0 - 6.0,
            y + 4.0,
            short(tick)
        );
    }
    let axes = Axes {
        x: &x_of,
        y: &y_of,
        range: (lo, hi),
    };
    if panel.reference
        && let (Some(&n), Some(s)) = (ns.last(), panel.series.first())
    {
        let v = get(metrics, "atlas", s.metric, s.format, n);
        reference_line(svg, &axes, (n, v), ns, (x0, y0 + 16.0));
    }
    for (k, s) in panel.series.iter().enumerate() {
        let points: Vec<(f64, f64)> = ns
            .iter()
            .map(|&n| (n, get(metrics, "atlas", s.metric, s.format, n)))
            .filter(|(_, v)| v.is_finite() && (*v > 0.0 || !panel.log_y))
            .map(|(n, v)| (x_of(n), y_of(v)))
            .collect();
        let legend = (x0, y1 + 52.0 + k as f64 * 15.0);
        draw_series(svg, s.label, COLOURS[k % COLOURS.len()], &points, legend);
    }
}

/// One series: its line, its points, and its legend entry at `(x, y)`.
fn draw_series(
    svg: &mut String,
    label: &str,
    colour: &str,
    points: &[(f64, f64)],
    (x, y): (f64, f64),
) {
    if points.is_empty() {
        return;
    }
    let path: Vec<String> = points
        .iter()
        .map(|(px, py)| format!("{px:.1},{py:.1}"))
        .collect();
    let _ = writeln!(
        svg,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
        path.join(" ")
    );
    for (px, py) in points {
        let _ = writeln!(
            svg,
            "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"3.5\" fill=\"{colour}\"/>"
        );
    }
    let _ = writeln!(
        svg,
        "<line x1=\"{x}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2\"/>\
         <text x=\"{}\" y=\"{}\">{label}</text>",
        x + 20.0,
        x + 26.0,
        y + 4.0
    );
}

/// A panel's mapping from N and values to the page.
struct Axes<'a> {
    x: &'a dyn Fn(usize) -> f64,
    y: &'a dyn Fn(f64) -> f64,
    /// The values shown.
    range: (f64, f64),
}

/// A dashed line proportional to N through the value `v` at `n`: what a cost linear in N looks
/// like; labelled at `(x, y)`.
fn reference_line(
    svg: &mut String,
    axes: &Axes<'_>,
    (n, v): (usize, f64),
    ns: &[usize],
    (x, y): (f64, f64),
) {
    if !v.is_finite() || v <= 0.0 {
        return;
    }
    let (lo, hi) = axes.range;
    let points: Vec<String> = ns
        .iter()
        .map(|&m| (m, v * m as f64 / n as f64))
        .filter(|&(_, w)| w >= lo && w <= hi)
        .map(|(m, w)| format!("{:.1},{:.1}", (axes.x)(m), (axes.y)(w)))
        .collect();
    if points.len() < 2 {
        return;
    }
    let _ = writeln!(
        svg,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#888\" stroke-dasharray=\"5,4\"/>\
         <text x=\"{}\" y=\"{}\" fill=\"#666\">dashed: proportional to N</text>",
        points.join(" "),
        x + 8.0,
        y
    );
}

/// Values for the value axis: powers of ten (logarithmic) or about five round steps.
fn ticks(lo: f64, hi: f64, log: bool) -> Vec<f64> {
    if log {
        let (a, b) = (lo.log10().ceil() as i32, hi.log10().floor() as i32);
        return (a..=b).map(|e| 10f64.powi(e)).collect();
    }
    let raw = (hi - lo) / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(raw);
    let mut out = Vec::new();
    let mut v = (lo / step).ceil() * step;
    while v <= hi {
        out.push(v);
        v += step;
    }
    out
}

/// A number in a few characters: 1k, 100k, 1M, 10M; 0.01, 2.5, 400.
fn short(v: f64) -> String {
    if v >= 1e6 {
        format!("{}M", v / 1e6)
    } else if v >= 1e3 {
        format!("{}k", v / 1e3)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_run_that_loads_every_size_writes_the_default_plot() {
        assert!(covers(&[1_000, 100_000, 1_000_000, 10_000_000], 3));
        assert!(covers(&[10_000_000, 10, 1_000, 100_000, 1_000_000], 1));
        assert!(!covers(&[1_000, 100_000, 1_000_000], 3));
        assert!(!covers(&SIZES, 0));
    }
}
