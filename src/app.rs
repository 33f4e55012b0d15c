//! The application: state, the panels laid out, and the one place where commands are applied.

use crate::capture::{Capture, CaptureStep, Shot};
use crate::commands::{Command, ExportFormat};
use crate::filters::{Filters, Visible};
use crate::io::Basemap;
use crate::io::bundle::bundled_basemap;
use crate::io::open::LoadOptions;
use crate::loading::{JobState, LoadJob, LoadOutcome};
use crate::map::{MapInput, MapState, map_ui};
use crate::model::{Dataset, DayNum};
use crate::panels::detail::detail_ui;
use crate::panels::file_menu::{MenuState, menu_ui};
use crate::panels::list::{ListState, list_ui, search_id};
use crate::panels::load_panel::{outcome_ui, progress_ui};
use crate::time_control::{Mode, TimeControl};
use crate::timeline::{TimelineInput, TimelineState, timeline_ui};
use crate::view_state::ViewState;
use eframe::egui::{self, Key, Modifiers};
use std::path::{Path, PathBuf};

/// What the visible sets were computed from.
#[derive(Clone, Debug, PartialEq)]
struct VisibleKey {
    range: (DayNum, DayNum),
    mode: Mode,
    faded: bool,
    filters: Filters,
    generation: u64,
    /// Changes when a search of the large tables' notes finds more matches.
    row_search: u64,
}

/// The whole viewer.
pub struct AtlasApp {
    /// The open data.
    pub data: Dataset,
    /// The basemap.
    pub basemap: Basemap,
    /// Time window and playback.
    pub time: TimeControl,
    /// Filters.
    pub filters: Filters,
    /// Selected event (dataset position).
    pub selected: Option<usize>,
    /// Hovered event.
    pub hovered: Option<usize>,
    /// What the views show.
    pub visible: Visible,
    /// The map.
    pub map: MapState,
    /// The timeline.
    pub timeline: TimelineState,
    /// The list.
    pub list: ListState,
    visible_key: Option<VisibleKey>,
    generation: u64,
    scroll_quote: u8,
    themed: bool,
    /// The File menu.
    pub menu: MenuState,
    /// A load running in the background.
    pub job: Option<LoadJob>,
    /// A search of the large tables' notes running in the background.
    pub row_search: Option<crate::row_search::RowSearchJob>,
    /// A finished load waiting for the user's decision.
    pub pending: Option<LoadOutcome>,
    /// The last message for the status line, and whether it is an error.
    pub status: Option<(String, bool)>,
    /// Screenshots being taken.
    pub capture: Option<Capture>,
    ctx: Option<egui::Context>,
    /// A file to load once the window is up (`--data`), and whether to keep only its valid records.
    pub startup_load: Option<(PathBuf, bool)>,
    /// How files are read (time fields, assumed year), from the command line or the open panel.
    pub load_options: LoadOptions,
    auto_accept: Option<bool>,
}

/// The key of the saved session in eframe's storage.
pub const SESSION_KEY: &str = "caucasus-atlas-view";

impl AtlasApp {
    /// A viewer of `data` over `basemap`.
    pub fn new(data: Dataset, basemap: Basemap) -> AtlasApp {
        let mut list = ListState::default();
        list.set_data(&data);
        let mut app = AtlasApp {
            time: TimeControl::for_dataset(&data),
            map: MapState::new(&basemap, &data),
            filters: Filters::default(),
            selected: None,
            hovered: None,
            visible: Visible::default(),
            timeline: TimelineState::default(),
            list,
            visible_key: None,
            generation: 0,
            scroll_quote: 0,
            themed: false,
            menu: MenuState::default(),
            job: None,
            row_search: None,
            pending: None,
            status: None,
            capture: None,
            ctx: None,
            startup_load: None,
            load_options: LoadOptions::default(),
            auto_accept: None,
            data,
            basemap,
        };
        app.refresh_visible();
        app
    }

    /// The viewer of the bundled data.
    pub fn bundled() -> AtlasApp {
        let basemap = bundled_basemap();
        let data = crate::io::bundle::bundled_dataset(&basemap);
        AtlasApp::new(data, basemap)
    }

    /// The current view as data.
    pub fn view_state(&self) -> ViewState {
        ViewState {
            from: self.time.from,
            to: self.time.to,
            mode: self.time.mode,
            show_faded: self.time.show_faded,
            filters: self.filters.clone(),
            selected: self
                .selected
                .and_then(|i| self.data.id(i))
                .map(str::to_owned),
            map: self.map.view,
        }
    }

    /// Shows a saved or copied view; an unknown selected id is ignored.
    pub fn apply_view_state(&mut self, view: &ViewState) {
        self.time.set_window(view.from, view.to);
        self.time.mode = view.mode;
        self.time.show_faded = view.show_faded;
        self.filters = view.filters.clone();
        self.selected = view
            .selected
            .as_deref()
            .and_then(|id| self.data.index_of(id));
        self.map.view = view.map;
        self.map.fit_pending = false;
        self.timeline.follow_window = true;
        self.refresh_visible();
    }

    /// Restores the session saved by [`eframe::App::save`]; unreadable state is ignored.
    pub fn restore_from(&mut self, storage: &dyn eframe::Storage) -> bool {
        match eframe::get_value::<ViewState>(storage, SESSION_KEY) {
            Some(view) => {
                self.apply_view_state(&view);
                true
            }
            None => false,
        }
    }

    /// The events File > Export writes: the window's and the undated ones passing the filters.
    pub fn exported_events(&self) -> Vec<std::borrow::Cow<'_, crate::model::Event>> {
        self.visible
            .in_window
            .iter()
            .chain(&self.visible.undated)
            .filter_map(|&i| self.data.event(i))
            .collect()
    }

    fn say(&mut self, message: impl Into<String>, error: bool) {
        self.status = Some((message.into(), error));
    }

    fn export_to(&mut self, path: &Path, format: ExportFormat) {
        let events = self.exported_events();
        let n = events.len();
        let text = match format {
            ExportFormat::GeoJson => Ok(crate::io::export::to_text(
                &crate::io::export::events_collection(events),
            )),
            ExportFormat::Csv => crate::io::atlas_csv::write_csv(events).map_err(|e| e.to_string()),
        };
        match text.and_then(|t| std::fs::write(path, t).map_err(|e| e.to_string())) {
            Ok(()) => self.say(format!("Exported {n} events to {}", path.display()), false),
            Err(e) => self.say(format!("Export to {} failed: {e}", path.display()), true),
        }
    }

    fn open_path(&mut self, path: PathBuf) {
        self.start_load(path, self.load_options.clone());
    }

    /// Reads the pending load's file again with other choices; the new result replaces it.
    fn reload_with(&mut self, options: LoadOptions) {
        if let Some(pending) = self.pending.take() {
            self.start_load(pending.path, options);
        }
    }

    fn start_load(&mut self, path: PathBuf, options: LoadOptions) {
        if let Some(job) = self.job.take() {
            job.cancel();
        }
        let wake = self.ctx.clone();
        self.job = Some(LoadJob::start(
            &path,
            self.basemap.clone(),
            options,
            move || {
                if let Some(ctx) = &wake {
                    ctx.request_repaint();
                }
            },
        ));
    }

    fn accept_load(&mut self, layer: bool) {
        let Some(outcome) = self.pending.take() else {
            return;
        };
        let skipped = outcome.problems.len();
        let n = outcome.data.len();
        let incoming = outcome.data;
        let data = if layer {
            let (merged, duplicates) = self.data.merged_with(&incoming);
            if !duplicates.is_empty() {
                self.say(
                    format!("{} events already open were kept", duplicates.len()),
                    false,
                );
            }
            merged
        } else {
            incoming
        };
        self.set_data(data);
        // the old dataset and the load's transient buffers are gone now
        crate::io::memory::release_free_memory();
        let how = if layer {
            "added beside the open data"
        } else {
            "now open"
        };
        let skipped = if skipped > 0 {
            format!(" ({skipped} skipped)")
        } else {
            String::new()
        };
        self.say(
            format!("{n} events from {} {how}{skipped}", outcome.path.display()),
            false,
        );
    }

    /// Zooms the timeline to the window, with half its width of context on each side.
    pub fn focus_timeline_on_window(&mut self) {
        let (a, b) = self.time.query_range();
        let width = f64::from(b - a + 1).max(14.0);
        self.timeline.focus = Some((f64::from(a) - width / 2.0, f64::from(b + 1) + width / 2.0));
    }

    /// Replaces the open data, resetting the window and selection.
    pub fn set_data(&mut self, data: Dataset) {
        self.time = TimeControl::for_dataset(&data);
        self.selected = None;
        self.hovered = None;
        self.list.set_data(&data);
        self.map.set_places(&data);
        self.data = data;
        self.generation += 1;
        self.timeline.focus = self
            .data
            .time_extent()
            .map(|(a, b)| (f64::from(a) - 30.0, f64::from(b) + 30.0));
        self.refresh_visible();
    }

    /// Recomputes the visible sets if the window, mode or filters changed.
    pub fn refresh_visible(&mut self) {
        let key = VisibleKey {
            range: self.time.query_range(),
            mode: self.time.mode,
            faded: self.time.show_faded,
            filters: self.filters.clone(),
            generation: self.generation,
            row_search: self.data.row_search_generation(),
        };
        if self.visible_key.as_ref() != Some(&key) {
            self.visible = Visible::compute(&self.data, &self.time, &self.filters);
            self.visible_key = Some(key);
        }
    }

    /// Selects an event and brings it into every view.
    fn select(&mut self, index: Option<usize>) {
        self.selected = index;
        self.map.group = None;
        let Some(e) = index.and_then(|i| self.data.view(i)) else {
            return;
        };
        self.scroll_quote = 3;
        self.list.scroll_to_selection = true;
        if e.is_placed() && !e.off_map && !self.map.shows(e.lon, e.lat) {
            self.map.centre_on(e.lon, e.lat);
        }
        self.timeline.follow_window = true;
    }

    /// Applies one command: the only place state changes in response to the UI.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Select(i) => self.select(i),
            Command::Hover(i) => self.hovered = i,
            Command::OpenGroup(events, [x, y]) => self.map.group = Some((events, egui::pos2(x, y))),
            Command::CloseGroup => self.map.group = None,
            Command::SetWindow(a, b) => self.time.set_window(a, b),
            Command::FocusTimelineOnWindow => self.focus_timeline_on_window(),
            Command::SetMode(m) => self.time.mode = m,
            Command::SetShowFaded(f) => self.time.show_faded = f,
            Command::TogglePlay => {
                self.time.toggle_play();
                self.timeline.follow_window = true;
            }
            Command::SetSpeed(s) => self.time.speed = s.clamp(0.1, 36500.0),
            Command::StepNext => {
                let next = self.time.step_next(&self.data, self.selected);
                if next.is_some() {
                    self.select(next);
                }
            }
            Command::StepPrev => {
                let prev = self.time.step_prev(&self.data, self.selected);
                if prev.is_some() {
                    self.select(prev);
                }
            }
            Command::First => {
                let first = self.time.first(&self.data);
                self.select(first);
            }
            Command::Last => {
                let last = self.time.last(&self.data);
                self.select(last);
            }
            Command::ShowCategory(c, shown) => self.filters.set_shown(c, shown),
            Command::SetActor(a) => self.filters.actor = a,
            Command::Zoom(f) => self.map.zoom(f),
            Command::FitRegion => self.map.fit_pending = true,
            Command::OpenDialog => {
                let picked = rfd::FileDialog::new()
                    .add_filter("Event data", &["json", "geojson", "csv"])
                    .pick_file();
                match picked {
                    Some(path) => self.open_path(path),
                    None => self.say(
                        "No file chosen. Without a file dialog, type a path under File or drop the file on the window.",
                        false,
                    ),
                }
            }
            Command::OpenPath(path) => self.open_path(path),
            Command::CancelLoad => {
                if let Some(job) = self.job.take() {
                    job.cancel();
                }
                self.say("Loading cancelled; nothing changed.", false);
            }
            Command::AcceptLoad { layer } => self.accept_load(layer),
            Command::ReloadWith(options) => self.reload_with(options),
            Command::DiscardLoad => {
                self.pending = None;
                self.say("Nothing loaded; the open data is unchanged.", false);
            }
            Command::ExportDialog(format) => {
                let (name, ext) = match format {
                    ExportFormat::GeoJson => ("events.geojson", "geojson"),
                    ExportFormat::Csv => ("events.csv", "csv"),
                };
                match rfd::FileDialog::new()
                    .set_file_name(name)
                    .add_filter(ext, &[ext])
                    .save_file()
                {
                    Some(path) => self.export_to(&path, format),
                    None => self.say("No file chosen for the export.", false),
                }
            }
            Command::ExportTo(path, format) => self.export_to(&path, format),
            Command::SaveImageDialog => {
                match rfd::FileDialog::new()
                    .set_file_name("caucasus-atlas.png")
                    .add_filter("PNG", &["png"])
                    .save_file()
                {
                    Some(path) => {
                        self.capture = Some(Capture::new(vec![Shot { window: None, path }], false))
                    }
                    None => self.say("No file chosen for the image.", false),
                }
            }
            Command::SaveImageTo(path) => {
                self.capture = Some(Capture::new(vec![Shot { window: None, path }], false));
            }
            Command::CopyView => {
                let text = self.view_state().to_text();
                if let Some(ctx) = &self.ctx {
                    ctx.copy_text(text.clone());
                }
                self.say(format!("View copied: {text}"), false);
            }
        }
    }

    /// Keyboard shortcuts; arrows, space and +/- only when no text field has focus.
    fn keys(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::COMMAND, Key::F) {
                ctx.memory_mut(|m| m.request_focus(search_id()));
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(Command::CloseGroup);
                commands.push(Command::Select(None));
            }
            if typing {
                return;
            }
            let keys = [
                (Key::ArrowRight, Command::StepNext),
                (Key::ArrowLeft, Command::StepPrev),
                (Key::Space, Command::TogglePlay),
                (Key::Home, Command::First),
                (Key::End, Command::Last),
                (Key::Plus, Command::Zoom(1.5)),
                (Key::Equals, Command::Zoom(1.5)),
                (Key::Minus, Command::Zoom(1.0 / 1.5)),
            ];
            for (key, command) in keys {
                if i.consume_key(Modifiers::NONE, key) || i.consume_key(Modifiers::SHIFT, key) {
                    commands.push(command);
                }
            }
        });
        commands
    }

    /// One frame of the whole UI.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        if !self.themed {
            ctx.set_theme(egui::Theme::Light);
            self.themed = true;
        }
        let mut commands = self.keys(&ctx);
        if self.time.playing {
            let dt = ctx.input(|i| f64::from(i.stable_dt.min(0.1)));
            if self.time.tick(dt) {
                self.timeline.follow_window = true;
            }
            ctx.request_repaint();
        }
        let dropped: Option<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            commands.push(Command::OpenPath(path));
        }
        if let Some((path, skip_invalid)) = self.startup_load.take() {
            self.auto_accept = Some(skip_invalid);
            self.open_path(path);
        }
        self.poll_job(&ctx, &mut commands);
        self.poll_row_search(&ctx);
        if let (Some(skip_invalid), Some(outcome)) = (self.auto_accept, &self.pending) {
            let clean = outcome.problems.is_empty() || skip_invalid;
            if clean && !outcome.data.is_empty() {
                self.auto_accept = None;
                self.accept_load(false);
                self.time.set_window(
                    self.data.time_extent().map_or(0, |e| e.0),
                    self.data.time_extent().map_or(0, |e| e.1),
                );
            } else {
                self.auto_accept = None;
            }
        }
        if let Some(outcome) = &self.pending {
            outcome_ui(&ctx, outcome, &mut commands);
        }
        self.capture_step(&ctx);
        self.refresh_visible();
        self.hovered = None;
        let hovered = self.hovered_last_frame(&ctx);
        egui::Panel::top("title").show(ui, |ui| {
            ui.horizontal(|ui| {
                menu_ui(ui, &mut self.menu, &mut commands);
                ui.heading("Caucasus Atlas");
                ui.weak(format!(
                    "{} events · {} places",
                    self.data.len(),
                    self.data.places().len()
                ));
                if let Some((message, error)) = &self.status {
                    let color = if *error {
                        egui::Color32::from_rgb(170, 30, 30)
                    } else {
                        egui::Color32::from_rgb(40, 90, 40)
                    };
                    ui.separator();
                    ui.add(egui::Label::new(egui::RichText::new(message).color(color)).truncate());
                }
            });
        });
        egui::Panel::bottom("timeline-panel")
            .resizable(true)
            .default_size(240.0)
            .min_size(140.0)
            .show(ui, |ui| {
                let input = TimelineInput {
                    data: &self.data,
                    visible: &self.visible,
                    time: &self.time,
                    filters: &self.filters,
                    selected: self.selected,
                    hovered,
                };
                commands.extend(timeline_ui(ui, &mut self.timeline, &input));
            });
        let width = ctx.content_rect().width();
        egui::Panel::left("list-panel")
            .resizable(true)
            .default_size((width * 0.21).clamp(220.0, 360.0))
            .min_size(220.0)
            .show(ui, |ui| {
                commands.extend(list_ui(
                    ui,
                    &mut self.list,
                    &self.data,
                    &self.visible,
                    &mut self.filters,
                    self.selected,
                    hovered,
                ));
            });
        egui::Panel::right("detail-panel")
            .resizable(true)
            .default_size((width * 0.25).clamp(240.0, 420.0))
            .min_size(240.0)
            .show(ui, |ui| {
                detail_ui(ui, &self.data, self.selected, self.scroll_quote > 0);
            });
        self.scroll_quote = self.scroll_quote.saturating_sub(1);
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let input = MapInput {
                data: &self.data,
                visible: &self.visible,
                selected: self.selected,
                hovered,
                time: &self.time,
                filters: &self.filters,
            };
            commands.extend(map_ui(ui, &mut self.map, &input));
        });
        let mut hovered_now = None;
        for command in commands {
            if let Command::Hover(h) = command {
                hovered_now = h;
            } else {
                self.apply(command);
            }
        }
        self.hovered = hovered_now;
        ctx.data_mut(|d| d.insert_temp(egui::Id::unique("atlas-hovered"), hovered_now));
        self.refresh_visible();
    }

    /// Starts, replaces or finishes the search of the large tables' notes for the text filter.
    fn poll_row_search(&mut self, ctx: &egui::Context) {
        let query = self.filters.text.trim().to_lowercase();
        if let Some(job) = &self.row_search {
            if job.uid != self.data.uid() || job.query != query {
                self.row_search = None;
            } else if let Some(found) = job.poll() {
                match found {
                    Ok(rows) => {
                        self.data.set_row_search(&job.query, &rows);
                        let n: usize = rows.iter().map(Vec::len).sum();
                        self.say(format!("Notes searched: {n} rows hold \"{query}\""), false);
                    }
                    Err(e) => self.say(format!("Searching the notes failed: {e}"), true),
                }
                self.row_search = None;
            }
        }
        let searched = self.data.row_search_is(&query);
        if self.row_search.is_none()
            && !query.is_empty()
            && !searched
            && !self.data.row_stores().is_empty()
        {
            let rows: usize = self.data.row_stores().iter().map(|s| s.len()).sum();
            self.say(format!("Searching the notes of {rows} rows…"), false);
            let wake = ctx.clone();
            self.row_search = Some(crate::row_search::RowSearchJob::start(
                &self.data,
                &query,
                move || wake.request_repaint(),
            ));
        }
    }

    fn poll_job(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(job) = &self.job else { return };
        match job.poll() {
            JobState::Running(fraction) => {
                let path = job.path.display().to_string();
                progress_ui(ctx, &path, fraction, commands);
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            JobState::Done(outcome) => {
                self.job = None;
                self.pending = Some(*outcome);
            }
            JobState::Gone => self.job = None,
        }
    }

    fn capture_step(&mut self, ctx: &egui::Context) {
        let Some(capture) = &mut self.capture else {
            return;
        };
        match capture.frame(ctx) {
            CaptureStep::SetWindow(a, b) => {
                self.time.set_window(a, b);
                self.timeline.follow_window = true;
                if self.time.width() <= 3 * 366 {
                    self.focus_timeline_on_window();
                }
            }
            CaptureStep::Wait => {}
            CaptureStep::Finished => {
                let done = capture.written.len();
                let errors = capture.errors.clone();
                let close = capture.close_when_done;
                self.capture = None;
                match errors.first() {
                    Some(e) => self.say(format!("Saving the image failed: {e}"), true),
                    None => self.say(format!("Saved {done} image(s)"), false),
                }
                for e in &errors {
                    eprintln!("{e}");
                }
                if close {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    fn hovered_last_frame(&self, ctx: &egui::Context) -> Option<usize> {
        ctx.data(|d| d.get_temp::<Option<usize>>(egui::Id::unique("atlas-hovered")))
            .flatten()
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SESSION_KEY, &self.view_state());
    }
}
