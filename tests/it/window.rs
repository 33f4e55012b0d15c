//! The real binary in a real X window (Xvfb): it opens, draws the map, and the screenshot is not
//! blank. Needs Xvfb, xdotool and ImageMagick, which the test command installs.

use crate::common::scratch;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An X server, asked to stop with SIGTERM so that it removes its lock file and socket from the
/// system's temporary folder (`.X{n}-lock`, `.X11-unix/X{n}`), which SIGKILL would leave behind;
/// killed if it has not stopped within a few seconds.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let asked = Command::new("sh")
            .args(["-c", "kill -TERM \"$1\"", "sh"])
            .arg(self.0.id().to_string())
            .status()
            .is_ok_and(|s| s.success());
        if asked {
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(5) {
                if !matches!(self.0.try_wait(), Ok(None)) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn unique_colours(png: &Path, crop: Option<&str>) -> usize {
    let mut cmd = Command::new("convert");
    cmd.arg(png);
    if let Some(c) = crop {
        cmd.args(["-crop", c, "+repage"]);
    }
    let out = cmd
        .args(["-format", "%k", "info:"])
        .output()
        .expect("ImageMagick convert");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

/// An Xvfb display for one test, with the environment a client needs.
struct Display {
    name: String,
    /// The client's `XDG_RUNTIME_DIR`, removed with the display.
    runtime: TempDir,
    _server: Server,
}

impl Display {
    fn start(offset: u32) -> Display {
        for tool in ["Xvfb", "xdotool", "convert", "import"] {
            assert!(
                have(tool),
                "{tool} is missing: run the README's test command, which installs it"
            );
        }
        let name = format!(":{}", 200 + offset + (std::process::id() % 50) * 4);
        let server = Server(
            Command::new("Xvfb")
                .args([
                    name.as_str(),
                    "-screen",
                    "0",
                    "1600x1000x24",
                    "-nolisten",
                    "tcp",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start Xvfb"),
        );
        let runtime = scratch(&format!("xdg-{offset}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(runtime.path(), std::fs::Permissions::from_mode(0o700))
                .unwrap();
        }
        std::thread::sleep(Duration::from_millis(800));
        Display {
            name,
            runtime,
            _server: server,
        }
    }

    /// A command on this display, whose saved state (eframe's `app.ron`) lives in the display's
    /// own folder, not in the user's.
    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.env("DISPLAY", &self.name)
            .env("XDG_RUNTIME_DIR", self.runtime.path())
            .env("XDG_DATA_HOME", self.runtime.path())
            .env_remove("WAYLAND_DISPLAY");
        c
    }

    /// Saves a window of `width`×`height` as the viewer's last, as the viewer does on closing.
    fn save_window_size(&self, width: f32, height: f32) {
        let dir = self.runtime.path().join("caucasus-atlas");
        std::fs::create_dir_all(&dir).unwrap();
        let window = format!(
            "(normal_geometry:(outer_position_pixels:Some((x:0.0,y:0.0)),scale_factor:1.0,\
             inner_size_points:(x:{width:.1},y:{height:.1})),fullscreen:false,maximized:false)"
        );
        let ron = format!("{{\n    \"window\": {window:?},\n}}\n");
        std::fs::write(dir.join("app.ron"), ron).unwrap();
    }
}

fn png_size(png: &Path) -> (u32, u32) {
    let out = Command::new("identify")
        .args(["-format", "%w %h"])
        .arg(png)
        .output()
        .expect("identify");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut it = text
        .split_whitespace()
        .map(|v| v.parse::<u32>().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

#[test]
fn the_window_opens_and_draws_the_map() {
    let tmp = scratch("window");
    let display = Display::start(0);
    let _app = Killed(
        display
            .command(env!("CARGO_BIN_EXE_caucasus-atlas"))
            .arg("--reset")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the app"),
    );
    let started = Instant::now();
    let found = loop {
        let out = display
            .command("xdotool")
            .args(["search", "--onlyvisible", "--name", "Caucasus Atlas"])
            .output()
            .expect("xdotool");
        if out.status.success() && !out.stdout.is_empty() {
            break true;
        }
        if started.elapsed() > Duration::from_secs(60) {
            break false;
        }
        std::thread::sleep(Duration::from_millis(300));
    };
    assert!(found, "no window titled Caucasus Atlas within 60 s");
    std::thread::sleep(Duration::from_secs(4));
    let shot = tmp.path().join("window.png");
    let status = display
        .command("import")
        .args(["-window", "root"])
        .arg(&shot)
        .status()
        .expect("import");
    assert!(status.success());
    let whole = unique_colours(&shot, None);
    assert!(whole > 200, "the screenshot has only {whole} colours");
    // the map, in the middle of the window, holds fills, borders, labels and markers
    let map = unique_colours(&shot, Some("500x400+550+200"));
    assert!(map > 40, "the map area has only {map} colours");
}

#[test]
fn the_screenshot_command_writes_the_viewer_as_png() {
    let tmp = scratch("shot");
    let display = Display::start(1);
    // the viewer was last used in a larger window: the picture keeps the size asked for
    display.save_window_size(1500.0, 950.0);
    let png = tmp.path().join("shot.png");
    let out = display
        .command(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .args([
            "screenshot",
            "--from",
            "2022-08",
            "--to",
            "2022-08",
            "--select",
            "2022-08-03-lachin-clash",
            "--size",
            "1200x800",
            "--out",
        ])
        .arg(&png)
        .output()
        .expect("run screenshot");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(png_size(&png), (1200, 800));
    let colours = unique_colours(&png, None);
    assert!(colours > 200, "only {colours} colours");
    let map = unique_colours(&png, Some("300x300+450+200"));
    assert!(map > 30, "the map area has only {map} colours");
}

#[test]
fn the_map_only_screenshot_is_the_map_alone_at_the_size_asked() {
    let tmp = scratch("map-only");
    let display = Display::start(3);
    let png = tmp.path().join("map-only.png");
    let out = display
        .command(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .args([
            "screenshot",
            "--map-only",
            "--from",
            "2021",
            "--to",
            "2021",
            "--size",
            "900x600",
            "--out",
        ])
        .arg(&png)
        .output()
        .expect("run screenshot --map-only");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(png_size(&png), (900, 600));
    // the map reaches the picture's left edge: no list panel there, only land and water
    let edge = unique_colours(&png, Some("6x600+0+0"));
    assert!(edge >= 3, "the left edge has {edge} colours");
    let map = unique_colours(&png, Some("400x300+250+150"));
    assert!(map > 40, "the map has only {map} colours");
}

#[test]
fn the_frames_command_writes_one_png_per_step() {
    let tmp = scratch("frames");
    let display = Display::start(2);
    // a folder the command makes, as it would on a user's machine
    let dir = tmp.path().join("frames");
    let out = display
        .command(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .args([
            "frames", "--step", "month", "--from", "2021-09", "--to", "2021-11", "--size",
            "1000x700", "--out",
        ])
        .arg(&dir)
        .output()
        .expect("run frames");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["frame-00001.png", "frame-00002.png", "frame-00003.png"]
    );
    // consecutive frames differ (the window, its caption and the markers move)
    let a = std::fs::read(dir.join("frame-00001.png")).unwrap();
    let b = std::fs::read(dir.join("frame-00002.png")).unwrap();
    assert_ne!(a, b);
    assert_eq!(png_size(&dir.join("frame-00003.png")), (1000, 700));
}

#[test]
fn bad_command_lines_fail_without_a_window() {
    let out = Command::new(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .args(["--view", "not-a-view"])
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("atlas-view:"));
    let out = Command::new(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .args(["screenshot", "--out", "x.png", "--size", "12"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WIDTHxHEIGHT"));
}
