//! Atlas's first frame, timed from outside the process: the release binary opens a real window
//! under Xvfb with `CAUCASUS_ATLAS_FRAME_SIGNAL=1`, and the clock runs from just before the
//! process is spawned to the moment its stderr says a frame has been drawn (`atlas-frame first N`
//! once the first frame is on screen, `atlas-frame data N` once a `--data` file's first frame is).
//! The app writes the line as the frame after the drawn one begins, so the time includes the
//! painting and the buffer swap. With `scrub`, the app then scrubs a window across its data in the
//! real window and reports its frames (`atlas-frame scrub MEDIAN P95`, milliseconds).

use caucasus_atlas::run::FRAME_SIGNAL_VAR;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The first display number tried for the bench's own X server.
const FIRST_DISPLAY: u32 = 140;
/// How many display numbers are tried.
const DISPLAYS_TRIED: u32 = 60;
/// How long the X server may take to open its socket.
const DISPLAY_WAIT: Duration = Duration::from_secs(10);
/// The screen, as large as the app's window (1600x1000).
const SCREEN: &str = "1600x1000x24";
/// How many stderr lines are kept to explain a failed launch.
const KEPT_LINES: usize = 8;
/// How long one launch may take to show its data (and scrub).
const LAUNCH_TIMEOUT: Duration = Duration::from_secs(300);

/// An Xvfb server started for the benchmark, stopped when dropped.
pub struct Display {
    child: Child,
    /// Its name, such as `:140`.
    pub name: String,
}

impl Display {
    /// Starts Xvfb on the first free display number at or after [`FIRST_DISPLAY`].
    pub fn start() -> Result<Display, String> {
        let number = (FIRST_DISPLAY..FIRST_DISPLAY + DISPLAYS_TRIED)
            .find(|d| !Path::new(&format!("/tmp/.X{d}-lock")).exists())
            .ok_or("no free X display number")?;
        let name = format!(":{number}");
        let child = Command::new("Xvfb")
            .args([name.as_str(), "-screen", "0", SCREEN, "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start Xvfb: {e}"))?;
        let display = Display { child, name };
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        let since = Instant::now();
        while !socket.exists() {
            if since.elapsed() > DISPLAY_WAIT {
                return Err(format!("Xvfb {} did not open its socket", display.name));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(display)
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        // SIGTERM lets Xvfb remove its lock and socket; SIGKILL only if that cannot be sent
        let term = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        if !term.is_ok_and(|s| s.success()) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// When the frames of one launch were drawn, in seconds since the process was spawned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Startup {
    /// The first frame (the bundled data: a `--data` file loads in the background).
    pub first_s: f64,
    /// Events in the first frame.
    pub first_events: usize,
    /// The first frame of the `--data` file, when one was given.
    pub data_s: Option<f64>,
    /// Events in that frame.
    pub data_events: usize,
    /// The real window's scrub frames, median and p95 in milliseconds, when asked for.
    pub scrub_ms: Option<(f64, f64)>,
}

/// What one launch waits for.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Wanted {
    /// The `--data` file's first frame (a file was given).
    data: bool,
    /// The timed scrub.
    scrub: bool,
}

/// A line of the app's signal.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Signal {
    First(usize),
    Data(usize),
    Scrub(f64, f64),
}

/// A signal line: `atlas-frame first N`, `atlas-frame data N` or `atlas-frame scrub MEDIAN P95`.
fn parse_signal(line: &str) -> Option<Signal> {
    let mut words = line.strip_prefix("atlas-frame ")?.split_whitespace();
    let kind = words.next()?;
    let a = words.next()?;
    match kind {
        "first" => Some(Signal::First(a.parse().ok()?)),
        "data" => Some(Signal::Data(a.parse().ok()?)),
        "scrub" => Some(Signal::Scrub(a.parse().ok()?, words.next()?.parse().ok()?)),
        _ => None,
    }
}

/// Runs the viewer once on `display` (with `--data` when given) and times its first frames, and
/// its scrub when `scrub`; `scratch` holds its session and runtime folders, so the user's saved
/// session is not touched.
pub fn launch(
    exe: &Path,
    display: &Display,
    data: Option<&Path>,
    scrub: bool,
    scratch: &Path,
) -> Result<Startup, String> {
    let runtime = scratch.join("runtime");
    std::fs::create_dir_all(&runtime).map_err(|e| format!("{}: {e}", runtime.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700));
    }
    let mut command = Command::new(exe);
    if let Some(path) = data {
        command.arg("--data").arg(path);
    }
    command
        .env("DISPLAY", &display.name)
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("XDG_DATA_HOME", scratch.join("data"))
        .env("XDG_CONFIG_HOME", scratch.join("config"))
        .env(FRAME_SIGNAL_VAR, if scrub { "scrub" } else { "1" })
        // as a user runs it: the bench's own malloc settings stay out
        .env_remove("GLIBC_TUNABLES")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let wanted = Wanted {
        data: data.is_some(),
        scrub,
    };
    let result = watch(&mut child, start, wanted);
    let _ = child.kill();
    let _ = child.wait();
    result
}

/// Reads the child's stderr until the frames wanted have been drawn, it exits, or time runs out.
fn watch(child: &mut Child, start: Instant, wanted: Wanted) -> Result<Startup, String> {
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send((start.elapsed().as_secs_f64(), line)).is_err() {
                break;
            }
        }
    });
    let mut got = Startup {
        first_s: f64::NAN,
        first_events: 0,
        data_s: None,
        data_events: 0,
        scrub_ms: None,
    };
    let mut kept: Vec<String> = Vec::new();
    loop {
        let complete = got.first_s.is_finite()
            && (!wanted.data || got.data_s.is_some())
            && (!wanted.scrub || got.scrub_ms.is_some());
        if complete {
            return Ok(got);
        }
        let left = LAUNCH_TIMEOUT.saturating_sub(start.elapsed());
        let (at, line) = match rx.recv_timeout(left) {
            Ok(x) => x,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(format!("no frame within {} s", LAUNCH_TIMEOUT.as_secs()));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(format!("the viewer exited: {}", kept.join(" | ")));
            }
        };
        match parse_signal(&line) {
            Some(Signal::First(n)) => (got.first_s, got.first_events) = (at, n),
            Some(Signal::Data(n)) => (got.data_s, got.data_events) = (Some(at), n),
            Some(Signal::Scrub(median, p95)) => got.scrub_ms = Some((median, p95)),
            None => {
                kept.push(line);
                if kept.len() > KEPT_LINES {
                    kept.remove(0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_signal_lines() {
        assert_eq!(
            parse_signal("atlas-frame first 55"),
            Some(Signal::First(55))
        );
        assert_eq!(
            parse_signal("atlas-frame data 100000"),
            Some(Signal::Data(100_000))
        );
        assert_eq!(
            parse_signal("atlas-frame scrub 3.250 7.500"),
            Some(Signal::Scrub(3.25, 7.5))
        );
        assert_eq!(parse_signal("atlas-frame later 3"), None);
        assert_eq!(parse_signal("warning: atlas-frame first 1"), None);
        assert_eq!(parse_signal("atlas-frame first"), None);
        assert_eq!(parse_signal("atlas-frame scrub 3.2"), None);
    }
}
