//! The benchmark's output: one JSON object per metric as it is measured, then a table.

/// One measured value.
pub struct Metric {
    pub scenario: &'static str,
    pub n: usize,
    pub metric: &'static str,
    /// The file format a load metric is about, when its name does not say.
    pub format: Option<&'static str>,
    pub value: f64,
    pub unit: &'static str,
}

/// Prints a metric as a JSON line and keeps it.
pub fn emit(out: &mut Vec<Metric>, m: Metric) {
    let value = if m.value.is_finite() {
        format!("{:.6}", m.value)
    } else {
        "null".to_owned()
    };
    let format = m
        .format
        .map_or(String::new(), |f| format!(", \"format\": \"{f}\""));
    println!(
        "{{\"scenario\": \"{}\", \"n\": {}, \"metric\": \"{}\"{format}, \"value\": {value}, \"unit\": \"{}\"}}",
        m.scenario, m.n, m.metric, m.unit
    );
    out.push(m);
}

/// The value of a metric (NaN when it was not measured).
pub fn get(
    metrics: &[Metric],
    scenario: &str,
    metric: &str,
    format: Option<&str>,
    n: usize,
) -> f64 {
    metrics
        .iter()
        .find(|x| x.scenario == scenario && x.metric == metric && x.format == format && x.n == n)
        .map_or(f64::NAN, |x| x.value)
}

/// The rows of the table: scenario, metric and format.
const ROWS: [(&str, &str, Option<&str>); 20] = [
    ("atlas", "load_csv_s", None),
    ("atlas", "load_csv_cpu_s", None),
    ("atlas", "load_geojson_s", None),
    ("atlas", "rss_bytes_per_event", None),
    ("atlas", "load_peak_bytes_per_event", Some("csv")),
    ("atlas", "load_peak_bytes_per_event", Some("geojson")),
    ("atlas", "window_query_us", None),
    ("atlas", "window_list_us", None),
    ("atlas", "window_runs_us", None),
    ("atlas", "visible_full_ms", None),
    ("atlas", "spatial_grid_ms", None),
    ("atlas", "area_filter_ms", None),
    ("atlas", "frame_ms_median", None),
    ("atlas", "frame_ms_p95", None),
    ("atlas", "pan_frame_ms_median", None),
    ("atlas", "pan_frame_ms_p95", None),
    ("atlas", "pan_settle_ms", None),
    ("naive", "frame_ms_median", None),
    ("naive", "frame_ms_p95", None),
    ("atlas", "in_window_events", None),
];

/// Prints the table of all metrics by N, then the frame ratios and the situation's scrub.
pub fn table(metrics: &[Metric], events: &[usize]) {
    for m in metrics
        .iter()
        .filter(|m| m.metric.starts_with("situation_"))
    {
        println!(
            "situation layer (bundled data, {} events): {} = {:.3} ms",
            m.n, m.metric, m.value
        );
    }
    print!("\n{:<8} {:<34}", "scenario", "metric");
    for n in events {
        print!(" {n:>12}");
    }
    println!();
    for (scenario, metric, format) in ROWS {
        let name = match format {
            Some(f) => format!("{metric} ({f})"),
            None => metric.to_owned(),
        };
        print!("{scenario:<8} {name:<34}");
        for &n in events {
            print!(" {:>12.3}", get(metrics, scenario, metric, format, n));
        }
        println!();
    }
    if let (Some(&lo), Some(&hi)) = (events.first(), events.last()) {
        let frame = |s, n| get(metrics, s, "frame_ms_median", None, n);
        println!(
            "frame({hi})/frame({lo}) = {:.2}; naive/atlas at {hi} = {:.1}",
            frame("atlas", hi) / frame("atlas", lo),
            frame("naive", hi) / frame("atlas", hi)
        );
    }
}
