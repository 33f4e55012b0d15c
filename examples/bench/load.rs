//! Loads measured in child processes: time, resident memory after the load, and peak resident
//! memory while loading (`VmHWM`), each alone in its process.

use caucasus_atlas::io::bundle::bundled_basemap;
use caucasus_atlas::model::Dataset;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The argument that makes the benchmark a child that loads one file.
pub const CHILD_FLAG: &str = "--child-load";

/// A child load's address space is capped at this share of the machine's memory, so that a loader
/// that would exhaust it fails alone (reported as a failed load) instead of taking the machine down.
const MEMORY_SHARE: f64 = 0.8;

/// What the child loads of one file measured (medians over the repeats).
#[derive(Clone, Copy, Debug)]
pub struct LoadStats {
    /// Seconds from the call to the loader to a built dataset.
    pub secs: f64,
    /// Resident bytes per event after the load (less what the process held before).
    pub rss_per_event: f64,
    /// Peak resident bytes per event during the load (less what the process held before).
    pub peak_per_event: f64,
    /// Processor seconds of the load (user and system, all threads): what the load costs
    /// whatever else the machine is doing; on two idle cores the wall time is at least half.
    pub cpu_secs: f64,
    /// Events loaded.
    pub events: usize,
    /// Problems reported.
    pub problems: usize,
}

impl LoadStats {
    /// No load ran.
    pub const NONE: LoadStats = LoadStats {
        secs: f64::NAN,
        rss_per_event: f64::NAN,
        peak_per_event: f64::NAN,
        cpu_secs: f64::NAN,
        events: 0,
        problems: 0,
    };
}

/// A value of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`).
fn status_bytes(key: &str) -> u64 {
    let text = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// The machine's memory, in bytes.
fn total_memory() -> u64 {
    let text = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// The processor time this process has used (user and system, all threads), in seconds.
fn cpu_seconds() -> f64 {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: getrusage fills the struct we pass and reads nothing else.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
            let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            return secs(usage.ru_utime) + secs(usage.ru_stime);
        }
    }
    f64::NAN
}

/// Caps this process's address space (see [`MEMORY_SHARE`]).
fn limit_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let total = total_memory();
        if total == 0 {
            return;
        }
        let cap = (total as f64 * MEMORY_SHARE) as libc::rlim_t;
        let limit = libc::rlimit {
            rlim_cur: cap,
            rlim_max: cap,
        };
        // SAFETY: setrlimit reads the struct we pass and changes only this process's limits.
        unsafe {
            libc::setrlimit(libc::RLIMIT_AS, &limit);
        }
    }
}

/// Child mode: loads one file as the app does and prints
/// `seconds rss_delta_bytes events problems peak_delta_bytes cpu_seconds`.
pub fn child_load(path: &Path) {
    limit_memory();
    let basemap = bundled_basemap();
    let before = status_bytes("VmRSS");
    let cpu = cpu_seconds();
    let t = Instant::now();
    let (places, loaded) = caucasus_atlas::io::open::load_path(path, &basemap, &Default::default());
    let problems = loaded.problems.len();
    let parsed = t.elapsed().as_secs_f64();
    let data = Dataset::new(loaded.records, places);
    // as the app does after a load
    caucasus_atlas::io::memory::release_free_memory();
    let secs = t.elapsed().as_secs_f64();
    eprintln!("parse {parsed:.3} s, Dataset::new {:.3} s", secs - parsed);
    let after = status_bytes("VmRSS");
    let peak = status_bytes("VmHWM");
    println!(
        "{secs} {} {} {problems} {} {}",
        after.saturating_sub(before),
        data.len(),
        peak.saturating_sub(before),
        cpu_seconds() - cpu
    );
    std::hint::black_box(&data);
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Reads a file once, untimed, so that the timed loads find it in the page cache as a file just
/// written or opened before would be (a first open from a cold disk adds the disk's read time,
/// which says nothing about the loader: 3.9 GB at 100 MB/s is 39 s).
fn warm_page_cache(path: &Path) {
    let Ok(mut file) = std::fs::File::open(path) else {
        return;
    };
    let mut buf = vec![0u8; 8 << 20];
    while matches!(std::io::Read::read(&mut file, &mut buf), Ok(n) if n > 0) {}
}

/// Runs `repeats` child loads of a file.
pub fn measure_load(path: &Path, repeats: usize) -> LoadStats {
    if repeats > 0 {
        warm_page_cache(path);
    }
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("bench"));
    let (mut secs, mut rss, mut peak, mut cpu) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut stats = LoadStats::NONE;
    for _ in 0..repeats {
        let out = Command::new(&exe)
            .arg(CHILD_FLAG)
            .arg(path)
            .env_remove("GLIBC_TUNABLES")
            .output();
        let Ok(out) = out else { continue };
        let text = String::from_utf8_lossy(&out.stdout);
        let f: Vec<f64> = text
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        let [s, r, n, problems, p, c] = f[..] else {
            eprintln!(
                "child load of {} failed ({}): {}",
                path.display(),
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            continue;
        };
        secs.push(s);
        cpu.push(c);
        stats.events = n as usize;
        stats.problems = problems as usize;
        if n > 0.0 {
            rss.push(r / n);
            peak.push(p / n);
        }
    }
    stats.secs = median(secs);
    stats.cpu_secs = median(cpu);
    stats.rss_per_event = median(rss);
    stats.peak_per_event = median(peak);
    stats
}
