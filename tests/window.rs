//! The real binary in a real X window (Xvfb): it opens, draws the map, and the screenshot is not
//! blank. Needs Xvfb, xdotool and ImageMagick, which the test command installs.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
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

#[test]
fn the_window_opens_and_draws_the_map() {
    for tool in ["Xvfb", "xdotool", "convert", "import"] {
        assert!(
            have(tool),
            "{tool} is missing: run the README's test command, which installs it"
        );
    }
    let display = format!(":{}", 90 + std::process::id() % 100);
    let _xvfb = Killed(
        Command::new("Xvfb")
            .args([
                display.as_str(),
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
    let runtime = std::env::temp_dir().join(format!("atlas-xdg-{}", std::process::id()));
    std::fs::create_dir_all(&runtime).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    std::thread::sleep(Duration::from_millis(800));
    let _app = Killed(
        Command::new(env!("CARGO_BIN_EXE_caucasus-atlas"))
            .env("DISPLAY", &display)
            .env("XDG_RUNTIME_DIR", &runtime)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the app"),
    );
    let started = Instant::now();
    let found = loop {
        let out = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", "Caucasus Atlas"])
            .env("DISPLAY", &display)
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
    let shot = std::env::temp_dir().join(format!("atlas-window-{}.png", std::process::id()));
    let status = Command::new("import")
        .args(["-window", "root"])
        .arg(&shot)
        .env("DISPLAY", &display)
        .status()
        .expect("import");
    assert!(status.success());
    let whole = unique_colours(&shot, None);
    assert!(whole > 200, "the screenshot has only {whole} colours");
    // the map, in the middle of the window, holds fills, borders, labels and markers
    let map = unique_colours(&shot, Some("500x400+550+200"));
    assert!(map > 40, "the map area has only {map} colours");
}
