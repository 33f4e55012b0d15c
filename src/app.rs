//! The application: state, the panels laid out, and the one place where commands are applied.

use crate::cli::{Cli, load_data};
use crate::commands::Command;
use crate::filters::{Filters, Visible};
use crate::io::Basemap;
use crate::io::bundle::bundled_basemap;
use crate::map::{MapInput, MapState, map_ui};
use crate::model::{Dataset, DayNum};
use crate::panels::detail::detail_ui;
use crate::panels::list::{ListState, list_ui, search_id};
use crate::time_control::{Mode, TimeControl};
use crate::timeline::{TimelineInput, TimelineState, timeline_ui};
use eframe::egui::{self, Key, Modifiers};

/// What the visible sets were computed from.
#[derive(Clone, Debug, PartialEq)]
struct VisibleKey {
    range: (DayNum, DayNum),
    mode: Mode,
    faded: bool,
    filters: Filters,
    generation: u64,
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
    scroll_quote: bool,
    themed: bool,
}

impl AtlasApp {
    /// A viewer of `data` over `basemap`.
    pub fn new(data: Dataset, basemap: Basemap) -> AtlasApp {
        let mut list = ListState::default();
        list.set_data(&data);
        let mut app = AtlasApp {
            time: TimeControl::for_dataset(&data),
            map: MapState::new(&basemap, data.places()),
            filters: Filters::default(),
            selected: None,
            hovered: None,
            visible: Visible::default(),
            timeline: TimelineState::default(),
            list,
            visible_key: None,
            generation: 0,
            scroll_quote: false,
            themed: false,
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

    /// Recomputes the visible sets if the window, mode or filters changed.
    pub fn refresh_visible(&mut self) {
        let key = VisibleKey {
            range: self.time.query_range(),
            mode: self.time.mode,
            faded: self.time.show_faded,
            filters: self.filters.clone(),
            generation: self.generation,
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
        let Some(e) = index.and_then(|i| self.data.event(i)) else {
            return;
        };
        self.scroll_quote = true;
        self.list.scroll_to_selection = true;
        if !e.off_map && !self.map.shows(e.lon, e.lat) {
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
        self.refresh_visible();
        self.hovered = None;
        let hovered = self.hovered_last_frame(&ctx);
        egui::Panel::top("title").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Caucasus Atlas");
                ui.weak(format!(
                    "{} events · {} places",
                    self.data.len(),
                    self.data.places().len()
                ));
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
        egui::Panel::left("list-panel")
            .resizable(true)
            .default_size(340.0)
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
            .default_size(400.0)
            .min_size(240.0)
            .show(ui, |ui| {
                detail_ui(ui, &self.data, self.selected, self.scroll_quote);
            });
        self.scroll_quote = false;
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

    fn hovered_last_frame(&self, ctx: &egui::Context) -> Option<usize> {
        ctx.data(|d| d.get_temp::<Option<usize>>(egui::Id::unique("atlas-hovered")))
            .flatten()
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }
}

/// Opens the viewer window; returns the process exit code.
pub fn run_viewer(cli: &Cli) -> i32 {
    let basemap = bundled_basemap();
    let data = match load_data(cli.data.as_deref(), cli.skip_invalid, &basemap) {
        Ok(d) => d,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            return 1;
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Caucasus Atlas")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    let app = AtlasApp::new(data, basemap);
    match eframe::run_native("Caucasus Atlas", options, Box::new(|_cc| Ok(Box::new(app)))) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("caucasus-atlas: cannot open the window: {e}");
            1
        }
    }
}
