//! Atlas's first frame, timed from outside the process: the release binary opens a real window
//! under Xvfb with `CAUCASUS_ATLAS_FRAME_SIGNAL=1`, and the clock runs from just before the
//! process is spawned to the moment its stderr says a frame has been drawn (`atlas-frame first N`
//! once the first frame is on screen, `atlas-frame data N` once a `--data` file's first frame is).
//! The app writes the line as the frame after the drawn one begins, so the time includes the
//! painting and the buffer swap.

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
        let _ = self.child.kill();
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
}

/// A signal line: whether it is the first frame, and its event count.
fn parse_signal(line: &str) -> Option<(bool, usize)> {
    let mut words = line.strip_prefix("atlas-frame ")?.split_whitespace();
    let first = match words.next()? {
        "first" => true,
        "data" => false,
        _ => return None,
    };
    Some((first, words.next()?.parse().ok()?))
}

/// Runs the viewer once on `display` (with `--data` when given) and times its first frames;
/// `scratch` holds its session and runtime folders, so the user's saved session is not touched.
pub fn launch(
    exe: &Path,
    display: &Display,
    data: Option<&Path>,
    scratch: &Path,
    timeout: Duration,
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
        .env(FRAME_SIGNAL_VAR, "1")
        // as a user runs it: the bench's own malloc settings stay out
        .env_remove("GLIBC_TUNABLES")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let result = watch(&mut child, start, data.is_some(), timeout);
    let _ = child.kill();
    let _ = child.wait();
    result
}

/// Reads the child's stderr until the frames wanted have been drawn, it exits, or time runs out.
fn watch(
    child: &mut Child,
    start: Instant,
    wants_data: bool,
    timeout: Duration,
) -> Result<Startup, String> {
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send((start.elapsed().as_secs_f64(), line)).is_err() {
                break;
            }
        }
    });
    let mut first: Option<(f64, usize)> = None;
    let mut kept: Vec<String> = Vec::new();
    loop {
        let left = timeout.saturating_sub(start.elapsed());
        let (at, line) = match rx.recv_timeout(left) {
            Ok(x) => x,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(format!("no frame within {} s", timeout.as_secs()));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(format!("the viewer exited: {}", kept.join(" | ")));
            }
        };
        match (parse_signal(&line), first) {
            (Some((true, n)), _) => {
                first = Some((at, n));
                if !wants_data {
                    return Ok(startup((at, n), None));
                }
            }
            (Some((false, n)), Some(f)) => return Ok(startup(f, Some((at, n)))),
            _ => {
                kept.push(line);
                if kept.len() > KEPT_LINES {
                    kept.remove(0);
                }
            }
        }
    }
}

fn startup(first: (f64, usize), data: Option<(f64, usize)>) -> Startup {
    Startup {
        first_s: first.0,
        first_events: first.1,
        data_s: data.map(|d| d.0),
        data_events: data.map_or(0, |d| d.1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_signal_lines() {
        assert_eq!(parse_signal("atlas-frame first 55"), Some((true, 55)));
        assert_eq!(
            parse_signal("atlas-frame data 100000"),
            Some((false, 100_000))
        );
        assert_eq!(parse_signal("atlas-frame later 3"), None);
        assert_eq!(parse_signal("warning: atlas-frame first 1"), None);
        assert_eq!(parse_signal("atlas-frame first"), None);
    }
}
