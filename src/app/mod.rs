//! The application: its state, the panels laid out, and the one place where commands are applied
//! ([`AtlasApp::apply`], in `apply.rs`). Background work (loads, searches of large tables' notes,
//! file dialogs, captures) is polled in `background.rs`; the saved session in `session.rs`.

mod apply;
mod background;
mod merging;
mod reopen;
mod review;
mod session;
mod waker;

use crate::capture::Capture;
use crate::commands::Command;
use crate::dialogs::DialogJob;
use crate::filters::{AreaCatalog, FilterCache, Filters, Visible};
use crate::io::Basemap;
use crate::io::bundle::{bundled_basemap, bundled_places, bundled_situation, bundled_world};
use crate::io::open::LoadOptions;
use crate::loading::{LoadJob, LoadOutcome};
use crate::map::{MapInput, MapMemory, map_ui};
use crate::model::counted::counted;
use crate::model::open_files::OpenFiles;
use crate::model::{Dataset, DayNum, Situation};
use crate::palette;
use crate::panels::detail::detail_ui;
use crate::panels::file_menu::{MenuState, menu_ui};
use crate::panels::list::{ListInput, ListState, list_ui, search_id};
use crate::row_search::{RowHits, RowSearchJob};
use crate::time_control::{Mode, TimeControl};
use crate::timeline::{TimelineInput, TimelineState, timeline_ui};
use eframe::egui::{self, Key, Modifiers};
use std::path::PathBuf;

pub use merging::MERGE_BESIDE_FROM;
pub use reopen::{LAYERS_KEY, OPEN_FILES_KEY};
pub use review::Review;
pub use session::SESSION_KEY;

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

/// Frames the detail panel keeps scrolling the quote into view after a selection.
const SCROLL_QUOTE_FRAMES: u8 = 3;
/// Longest step of playback per frame, in seconds (a stalled frame does not jump ahead).
const MAX_PLAY_STEP: f32 = 0.1;
/// The least width the map keeps beside the review panel, in points: its legends, zoom buttons
/// and caption stay whole.
const MAP_BESIDE_REVIEW: f32 = 500.0;

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
    /// The areas the area filter can name (the basemap's countries and regions, the situation's
    /// control areas).
    pub areas: AreaCatalog,
    /// Who held what, when: the situation layer.
    pub situation: Situation,
    /// Selected event (dataset position).
    pub selected: Option<usize>,
    /// Hovered event, as the views reported it last frame.
    pub hovered: Option<usize>,
    /// What the views show.
    pub visible: Visible,
    /// The map's lasting state.
    pub map: MapMemory,
    /// The timeline.
    pub timeline: TimelineState,
    /// The list.
    pub list: ListState,
    filter_cache: FilterCache,
    visible_key: Option<VisibleKey>,
    generation: u64,
    scroll_quote: u8,
    themed: bool,
    /// The last pass drew the opening screen ([`opening_ui`]).
    opening_shown: bool,
    /// The File menu.
    pub menu: MenuState,
    /// A load running in the background.
    pub job: Option<LoadJob>,
    /// A search of the large tables' notes running in the background.
    pub row_search: Option<RowSearchJob>,
    /// What the last search of the large tables' notes found.
    pub row_hits: RowHits,
    /// A native file dialog open beside the window.
    pub dialog: Option<DialogJob>,
    /// A finished load waiting for the user's decision.
    pub pending: Option<LoadOutcome>,
    /// The last message for the status line, and whether it is an error.
    pub status: Option<(String, bool)>,
    /// Screenshots being taken.
    pub capture: Option<Capture>,
    /// The window's context once it exists: wakes the window from background work, also work
    /// begun before the window existed.
    waker: waker::Waker,
    /// A file to load once the window is up (`--data`), and whether to keep only its valid records.
    pub startup_load: Option<(PathBuf, bool)>,
    /// How files are read (time fields, assumed year), from the command line or the open panel.
    pub load_options: LoadOptions,
    /// Show the map alone, without the other panels (`screenshot --map-only`).
    pub map_only: bool,
    auto_accept: Option<AutoAccept>,
    /// A review of proposals from a new article, when one is open.
    pub review: Option<review::Review>,
    /// Whether the next click on the map sets the reviewed proposal's place.
    pub picking_place: bool,
    /// Where reviews save the user's own events.
    library: Option<crate::extract::library::Library>,
    /// The user's own events files: opened as layers, and reopened on every start.
    pub user_layers: Vec<PathBuf>,
    /// The files being opened again at this start.
    reopening: reopen::Reopening,
    /// The view `--view` named, shown again as the files open at start load.
    pub start_view: Option<crate::view_state::ViewState>,
    /// The files whose events are open, each closable on its own.
    pub open_files: OpenFiles,
    /// Files being put together beside the frames.
    merging: Option<merging::MergeJob>,
    /// From how many events files are put together beside the frames (see
    /// [`merging::MERGE_BESIDE_FROM`]).
    pub merge_beside_from: usize,
}

/// What to do with a load once it finishes, without asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AutoAccept {
    /// A `--data` file: replace the bundled data when it loaded cleanly (or skipping the invalid
    /// records when asked to).
    Replace {
        /// Keep the valid records of a file with problems.
        skip_invalid: bool,
    },
    /// One of the user's own events files: add it beside the open data when it loaded cleanly.
    Layer,
}

impl AtlasApp {
    /// A viewer of `data` over `basemap`.
    pub fn new(data: Dataset, basemap: Basemap) -> AtlasApp {
        let situation = bundled_situation();
        let mut list = ListState::default();
        list.set_data(&data);
        let mut app = AtlasApp {
            time: TimeControl::for_dataset(&data),
            map: MapMemory::new(&basemap, &bundled_world(), &situation, &bundled_places()),
            filters: Filters::default(),
            areas: AreaCatalog::bundled(&basemap, &situation),
            situation,
            selected: None,
            hovered: None,
            visible: Visible::default(),
            timeline: TimelineState::default(),
            list,
            filter_cache: FilterCache::default(),
            visible_key: None,
            generation: 0,
            scroll_quote: 0,
            themed: false,
            opening_shown: false,
            menu: MenuState::default(),
            job: None,
            row_search: None,
            row_hits: RowHits::default(),
            dialog: None,
            pending: None,
            status: None,
            capture: None,
            waker: waker::Waker::default(),
            startup_load: None,
            load_options: LoadOptions::default(),
            map_only: false,
            auto_accept: None,
            review: None,
            picking_place: false,
            library: crate::panels::review::default_library(),
            user_layers: Vec::new(),
            reopening: reopen::Reopening::default(),
            start_view: None,
            open_files: OpenFiles::one(None, data.len()),
            merging: None,
            merge_beside_from: merging::MERGE_BESIDE_FROM,
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

    fn say(&mut self, message: impl Into<String>, error: bool) {
        self.status = Some((message.into(), error));
    }

    /// Keyboard shortcuts; arrows, space and +/- only when no text field has focus.
    fn keys(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let typing = ctx.egui_wants_keyboard_input();
        let mut find = false;
        let mut escape = false;
        ctx.input_mut(|i| {
            // the focus is asked for below: the context's memory cannot be locked while its input is
            find = i.consume_key(Modifiers::COMMAND, Key::F);
            escape = i.consume_key(Modifiers::NONE, Key::Escape);
            if escape {
                commands.push(Command::CloseGroup);
                commands.push(Command::Select(None));
            }
            if typing {
                return;
            }
            let zoom = crate::map::overlay::ZOOM_STEP;
            if i.consume_key(Modifiers::SHIFT, Key::ArrowRight) {
                commands.push(Command::StepMapChange { forward: true });
            }
            if i.consume_key(Modifiers::SHIFT, Key::ArrowLeft) {
                commands.push(Command::StepMapChange { forward: false });
            }
            let keys = [
                (Key::ArrowRight, Command::StepNext),
                (Key::ArrowLeft, Command::StepPrev),
                (Key::Space, Command::TogglePlay),
                (Key::Home, Command::First),
                (Key::End, Command::Last),
                (Key::Plus, Command::Zoom(zoom)),
                (Key::Equals, Command::Zoom(zoom)),
                (Key::Minus, Command::Zoom(1.0 / zoom)),
            ];
            for (key, command) in keys {
                if i.consume_key(Modifiers::NONE, key) || i.consume_key(Modifiers::SHIFT, key) {
                    commands.push(command);
                }
            }
        });
        if find {
            ctx.memory_mut(|m| m.request_focus(search_id()));
        }
        // the key is the app's: the map's menu would not see it and stay open
        if escape {
            egui::Popup::close_all(ctx);
        }
        commands
    }

    /// One frame of the whole UI: background work, the panels, then the commands they gave.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.waker.set(&ctx);
        if !self.themed {
            ctx.set_theme(egui::Theme::Light);
            ctx.set_fonts(crate::fonts::with_fallback());
            self.themed = true;
        }
        let mut commands = self.keys(&ctx);
        self.play(&ctx);
        commands.extend(self.background(&ctx));
        self.refresh_visible();
        commands.extend(self.panels_ui(ui));
        let mut hovered = None;
        for command in commands {
            match command {
                Command::Hover(h) => hovered = h,
                other => self.apply(other),
            }
        }
        self.hovered = hovered;
        self.refresh_visible();
    }

    /// Moves the window on while playing.
    fn play(&mut self, ctx: &egui::Context) {
        if self.time.playing {
            let dt = ctx.input(|i| f64::from(i.stable_dt.min(MAX_PLAY_STEP)));
            if self.time.tick(dt) {
                self.timeline.follow_window = true;
            }
            ctx.request_repaint();
        }
    }

    /// The title bar with the File menu and the status line.
    fn title_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            menu_ui(ui, &mut self.menu, self.open_files.files(), &mut commands);
            ui.heading("Caucasus Atlas");
            ui.weak(format!(
                "{} · {}",
                counted(self.data.len(), "event"),
                counted(self.data.places().len(), "place")
            ));
            if let Some((message, error)) = &self.status {
                let color = if *error {
                    palette::STATUS_ERROR
                } else {
                    palette::STATUS_OK
                };
                ui.separator();
                ui.add(egui::Label::new(egui::RichText::new(message).color(color)).truncate());
            }
        });
        commands
    }

    /// The file named on the command line, while it loads to replace the open data.
    pub fn opening_at_start(&self) -> Option<PathBuf> {
        let replacing = matches!(self.auto_accept, Some(AutoAccept::Replace { .. }));
        match (&self.startup_load, &self.job) {
            (Some((path, _)), _) => Some(path.clone()),
            (None, Some(job)) if replacing => Some(job.path.clone()),
            _ => None,
        }
    }

    /// The map, drawn from the app's state.
    fn map_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let input = MapInput {
            data: &self.data,
            visible: &self.visible,
            selected: self.selected,
            hovered: self.hovered,
            time: &self.time,
            filters: &self.filters,
            areas: &self.areas,
            situation: &self.situation,
            picking_place: self.picking_place,
        };
        map_ui(ui, &mut self.map, &input)
    }

    /// The map alone, filling the window.
    fn map_panel_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        egui::CentralPanel::no_frame().show(ui, |ui| commands.extend(self.map_ui(ui)));
        commands
    }

    /// Lays out the panels; returns the commands they gave.
    fn panels_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        if self.map_only {
            return self.map_panel_ui(ui);
        }
        if let Some(path) = self.opening_at_start() {
            opening_ui(ui, &path);
            self.opening_shown = true;
            return Vec::new();
        }
        if std::mem::take(&mut self.opening_shown) {
            // every panel is new and will ask for a pass to settle its size: ask first, so that
            // the map skips its layers in the pass thrown away instead of grouping its markers twice
            ui.ctx()
                .request_discard("the viewer's panels replace the opening screen");
        }
        let mut commands = Vec::new();
        let hovered = self.hovered;
        egui::Panel::top("title").show(ui, |ui| commands.extend(self.title_ui(ui)));
        egui::Panel::bottom("timeline-panel")
            .resizable(true)
            .default_size(240.0)
            .min_size(140.0)
            .show(ui, |ui| {
                let input = TimelineInput {
                    data: &self.data,
                    visible: &self.visible,
                    time: &self.time,
                    selected: self.selected,
                    hovered,
                    changes: self.situation.change_days(),
                };
                commands.extend(timeline_ui(ui, &mut self.timeline, &input));
            });
        let width = ui.ctx().content_rect().width();
        egui::Panel::left("list-panel")
            .resizable(true)
            .default_size((width * 0.21).clamp(220.0, 360.0))
            .min_size(220.0)
            .show(ui, |ui| {
                let input = ListInput {
                    data: &self.data,
                    visible: &self.visible,
                    filters: &self.filters,
                    selected: self.selected,
                    hovered,
                };
                commands.extend(list_ui(ui, &mut self.list, &input));
            });
        if self.review.is_some() {
            // the map keeps room enough for its legends and buttons beside the review
            let widest = (ui.available_width() - MAP_BESIDE_REVIEW).max(360.0);
            egui::Panel::right("review-panel")
                .resizable(true)
                .default_size((width * 0.45).clamp(420.0, 900.0).min(widest))
                .min_size(360.0)
                .max_size(widest)
                .show(ui, |ui| {
                    // the panel keeps the width its contents take: claim all of it, so that a
                    // narrow form does not shrink the review that follows it
                    ui.set_min_width(ui.available_width());
                    commands.extend(self.review_ui(ui));
                });
        } else {
            egui::Panel::right("detail-panel")
                .resizable(true)
                .default_size((width * 0.25).clamp(240.0, 420.0))
                .min_size(240.0)
                .show(ui, |ui| {
                    detail_ui(ui, &self.data, self.selected, self.scroll_quote > 0);
                });
        }
        self.scroll_quote = self.scroll_quote.saturating_sub(1);
        egui::CentralPanel::no_frame().show(ui, |ui| commands.extend(self.map_ui(ui)));
        commands
    }
}

/// While the file named on the command line loads: the title and a plain backdrop (the window's
/// clear colour, which costs no painting) under the loading window
/// ([`crate::panels::load_panel::progress_ui`]), not the data the file is about to replace. Every
/// frame drawn beside the load takes processor time from it, and on a machine without a graphics
/// card each pixel painted counts: a frame of the whole viewer, map and panels, is the costlier
/// by far.
fn opening_ui(ui: &mut egui::Ui, path: &std::path::Path) {
    egui::Panel::top("title").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading("Caucasus Atlas");
            ui.weak(format!("opening {}", path.display()));
        });
    });
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SESSION_KEY, &self.view_state());
        eframe::set_value(storage, LAYERS_KEY, &self.user_layers);
        eframe::set_value(storage, OPEN_FILES_KEY, &self.open_files_to_save());
    }

    /// The map's background: the window is cleared to it before each frame (without painting a
    /// pixel), so slivers the map's fills leave between them, and the opening screen's backdrop,
    /// show it.
    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        crate::palette::MAP_BACKGROUND.to_normalized_gamma_f32()
    }
}
