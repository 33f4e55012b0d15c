//! Running the viewer in a window, or drawing it for `screenshot` and `frames`.

mod frame_signal;
mod options;
mod scrub_timing;

pub use frame_signal::{FRAME_SIGNAL_VAR, FrameSignal};
pub use options::{CaptureRequest, RunOptions};

use crate::app::AtlasApp;
use crate::capture::Capture;
use crate::commands::Command;
use crate::io::Basemap;
use crate::io::bundle::bundled_basemap;
use crate::io::open::load_or_bundled;
use crate::model::Dataset;
use crate::model::open_files::OpenFiles;
use crate::view_state::ViewState;
use eframe::egui;
use std::path::PathBuf;

/// The app id of `screenshot` and `frames`: their saved state is apart from the viewer's.
const CAPTURE_APP_ID: &str = "caucasus-atlas-capture";

/// The window's options at a given inner size.
fn native_options(size: [f32; 2]) -> eframe::NativeOptions {
    eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Caucasus Atlas")
            .with_app_id("caucasus-atlas")
            .with_inner_size(size)
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    }
}

/// Loads the data the command line names, printing its problems when it cannot.
fn data_or_exit(options: &RunOptions, basemap: &Basemap) -> Result<Dataset, i32> {
    let (path, skip) = (options.data.as_deref(), options.skip_invalid);
    load_or_bundled(path, skip, basemap, &options.load).map_err(|problems| {
        for p in &problems {
            eprintln!("{p}");
        }
        1
    })
}

/// Opens the viewer window; returns the process exit code.
pub fn run_viewer(options: &RunOptions) -> i32 {
    crate::io::memory::keep_freed_memory();
    let basemap = bundled_basemap();
    // the window opens at once on the bundled data; a --data file loads in the background with progress
    let data = crate::io::bundle::bundled_dataset(&basemap);
    let view = match options
        .view
        .as_deref()
        .map(ViewState::from_text)
        .transpose()
    {
        Ok(v) => v,
        Err(e) => {
            eprintln!("--view: {e}");
            return 2;
        }
    };
    if options.reset
        && let Some(dir) = eframe::storage_dir("caucasus-atlas")
    {
        let _ = std::fs::remove_file(dir.join("app.ron"));
    }
    let mut app = AtlasApp::new(data, basemap);
    if let Some(path) = &options.data {
        if !path.exists() {
            eprintln!("{}:1:1: cannot read: no such file", path.display());
            return 1;
        }
        app.startup_load = Some((path.clone(), options.skip_invalid));
        app.load_options = options.load.clone();
        // read the file while the window is being made
        app.begin_startup_load();
    }
    let reset = options.reset;
    let mut window = native_options([1600.0, 1000.0]);
    // a timed scrub measures the frames, not the display's refresh
    window.glow_options.vsync = !frame_signal::scrub_requested();
    let result = eframe::run_native(
        "caucasus-atlas",
        window,
        Box::new(move |cc| {
            if let Some(view) = &view {
                app.apply_view_state(view);
                app.start_view = Some(view.clone());
            } else if !reset && let Some(storage) = cc.storage {
                app.restore_from(storage);
            }
            if !reset && let Some(storage) = cc.storage {
                app.reopen_layers_from(storage);
            }
            Ok(frame_signal::boxed(app))
        }),
    );
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("caucasus-atlas: cannot open the window: {e}");
            1
        }
    }
}

/// Opens the viewer, takes the shots, writes the PNGs and closes; returns the exit code.
pub fn run_capture(options: &RunOptions, request: CaptureRequest) -> i32 {
    crate::io::memory::keep_freed_memory();
    let basemap = bundled_basemap();
    let data = match data_or_exit(options, &basemap) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let mut app = AtlasApp::new(data, basemap);
    if options.data.is_some() {
        app.open_files = OpenFiles::one(options.data.clone(), app.data.len());
    }
    if let Some(id) = &request.select {
        match app.data.index_of(id) {
            Some(i) => app.apply(Command::Select(Some(i))),
            None => {
                eprintln!("--select: no event with id `{id}`");
                return 1;
            }
        }
    }
    if let Some((a, b)) = request.window {
        app.time.set_window(a, b);
    }
    app.map_only = request.map_only;
    app.map.for_publication = request.map_only;
    let expected: Vec<PathBuf> = request.shots.iter().map(|s| s.path.clone()).collect();
    app.capture = Some(Capture::new(request.shots, true));
    let mut options = eframe::NativeOptions {
        persist_window: false,
        ..native_options(request.size)
    };
    // eframe restores the window the app id's saved state holds, whatever `persist_window` says:
    // pictures keep a state of their own, where no window is ever saved, so `--size` holds
    options.viewport = options.viewport.with_app_id(CAPTURE_APP_ID);
    let result = eframe::run_native(
        "caucasus-atlas-capture",
        options,
        Box::new(move |_cc| Ok(Box::new(app))),
    );
    if let Err(e) = result {
        eprintln!(
            "caucasus-atlas: cannot open a window to draw into ({e}); on a machine without a display, run under Xvfb (xvfb-run)"
        );
        return 1;
    }
    let missing: Vec<&PathBuf> = expected.iter().filter(|p| !p.exists()).collect();
    if missing.is_empty() {
        for p in &expected {
            println!("{}", p.display());
        }
        0
    } else {
        for p in missing {
            eprintln!("{}: not written", p.display());
        }
        1
    }
}
