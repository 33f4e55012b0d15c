//! The view as data: what the session saves, what "Copy view" copies, and what export writes.

use super::AtlasApp;
use crate::view_state::ViewState;
use std::borrow::Cow;

/// The key of the saved session in eframe's storage.
pub const SESSION_KEY: &str = "caucasus-atlas-view";

impl AtlasApp {
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
    pub fn exported_events(&self) -> Vec<Cow<'_, crate::model::Event>> {
        self.visible
            .in_window
            .iter()
            .chain(self.visible.undated.iter().copied())
            .filter_map(|i| self.data.event(i))
            .collect()
    }
}
