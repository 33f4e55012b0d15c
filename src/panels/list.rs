//! The event list: what is in the window, sortable, searchable, filtered by category and actor,
//! with the undated events kept in their own list.

use super::chip::Chip;
use crate::commands::Command;
use crate::filters::{Filters, Visible};
use crate::model::{Dataset, EventView, Window};
use crate::palette;
use eframe::egui::{self, Sense, vec2};

/// The id of the search box (Ctrl+F focuses it).
pub fn search_id() -> egui::Id {
    egui::Id::unique("event-search")
}

/// How the list is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum SortBy {
    /// By date (then title).
    #[default]
    Date,
    /// By title.
    Title,
    /// By place name.
    Place,
}

/// The list's own state.
#[derive(Default)]
pub struct ListState {
    /// Sort key.
    pub sort: SortBy,
    /// Reverse order.
    pub descending: bool,
    /// Scroll the selected row into view next frame.
    pub scroll_to_selection: bool,
    /// Actors by number of events, for the actor filter.
    pub actors: Vec<(String, usize)>,
    /// The window's rows in another order than time, with what they were sorted from.
    sorted_cache: Option<(SortBy, bool, u64, Vec<usize>)>,
}

impl ListState {
    /// The window's rows in the list's order: the time-ordered list itself when sorted by date,
    /// else a sorted copy kept until the window or the order changes.
    pub fn rows<'a>(&'a mut self, data: &Dataset, in_window: &'a Window) -> Rows<'a> {
        if self.sort == SortBy::Date && !self.descending {
            return Rows::InTimeOrder(in_window);
        }
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        in_window.hash(&mut hasher);
        let key = (self.sort, self.descending, hasher.finish());
        let fresh = self
            .sorted_cache
            .as_ref()
            .is_some_and(|c| (c.0, c.1, c.2) == key);
        if !fresh {
            let rows = sorted(data, in_window.to_vec(), self.sort, self.descending);
            self.sorted_cache = Some((key.0, key.1, key.2, rows));
        }
        match &self.sorted_cache {
            Some(c) => Rows::Listed(&c.3),
            None => Rows::InTimeOrder(in_window),
        }
    }

    /// Collects the dataset's actors, most frequent first.
    pub fn set_data(&mut self, data: &Dataset) {
        let mut actors: Vec<(String, usize)> = data
            .actor_counts()
            .into_iter()
            .map(|(a, n)| (a.to_owned(), n))
            .collect();
        actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        actors.truncate(500);
        self.actors = actors;
    }
}

/// The rows of a list, in the order shown.
#[derive(Clone, Copy, Debug)]
pub enum Rows<'a> {
    /// The time window's events in time order (a run of them is never written out).
    InTimeOrder(&'a Window),
    /// Positions in the order listed.
    Listed(&'a [usize]),
}

impl Rows<'_> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Rows::InTimeOrder(w) => w.len(),
            Rows::Listed(l) => l.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The events of the rows in `range`.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Vec<usize> {
        match self {
            Rows::InTimeOrder(w) => w.slice(range).collect(),
            Rows::Listed(l) => l.get(range).unwrap_or_default().to_vec(),
        }
    }

    /// The row showing event `i`.
    pub fn position(&self, i: usize) -> Option<usize> {
        match self {
            Rows::InTimeOrder(w) => w.rank(i),
            Rows::Listed(l) => l.iter().position(|&r| r == i),
        }
    }
}

/// Sorts event positions by the list's key.
pub fn sorted(data: &Dataset, mut rows: Vec<usize>, sort: SortBy, descending: bool) -> Vec<usize> {
    let key = |i: &usize| data.view(*i);
    match sort {
        SortBy::Date => {}
        SortBy::Title => rows.sort_by(|a, b| {
            key(a)
                .map(|e| e.title.to_lowercase())
                .cmp(&key(b).map(|e| e.title.to_lowercase()))
        }),
        SortBy::Place => rows.sort_by(|a, b| {
            key(a)
                .map(|e| e.place_name)
                .cmp(&key(b).map(|e| e.place_name))
        }),
    }
    if descending {
        rows.reverse();
    }
    rows
}

/// The text of a row: date, title, and the place when the event has one.
pub fn row_text(e: &EventView<'_>) -> String {
    match e.place_name.trim() {
        "" => format!("{} · {}", e.date.short(), e.title),
        place => format!("{} · {} · {place}", e.date.short(), e.title),
    }
}

/// What the list shows.
pub struct ListInput<'a> {
    /// The data.
    pub data: &'a Dataset,
    /// What is visible.
    pub visible: &'a Visible,
    /// The filters (the search text and actor are edited here, through commands).
    pub filters: &'a Filters,
    /// The selection.
    pub selected: Option<usize>,
    /// The hovered event.
    pub hovered: Option<usize>,
}

/// Height of a row, in points.
const ROW_HEIGHT: f32 = 22.0;
/// Height kept for the undated list: collapsed when empty, open otherwise.
const UNDATED_HEIGHT: (f32, f32) = (30.0, 190.0);

/// The active areas of the area filter, each a chip whose × removes it.
fn area_chips_ui(ui: &mut egui::Ui, filters: &Filters, commands: &mut Vec<Command>) {
    if filters.areas.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("In");
        for (k, area) in filters.areas.iter().enumerate() {
            let label = area.label();
            let chip = Chip::new(&label, palette::AREA_FILTER, palette::CHIP_TEXT).removable();
            if ui
                .add(chip)
                .on_hover_text("Remove this area from the filter")
                .clicked()
            {
                commands.push(Command::RemoveArea(k));
            }
        }
    });
}

/// The count of events shown: "12 of 55 events in Nakhchivan", or "… events shown".
pub fn count_text(shown: usize, total: usize, filters: &Filters) -> String {
    use crate::model::counted::grouped;
    let (shown, total) = (grouped(shown), grouped(total));
    match filters.areas_label() {
        Some(areas) => format!("{shown} of {total} events in {areas}"),
        None => format!("{shown} of {total} events shown"),
    }
}

/// The search box; a change of its text becomes a command.
fn search_ui(ui: &mut egui::Ui, filters: &Filters, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        let mut text = filters.text.clone();
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .id(search_id())
                    .hint_text("title, place, actor, quote (Ctrl+F)")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if response.changed() {
            commands.push(Command::SetSearch(text));
        }
    });
}

/// The actor filter.
fn actor_ui(
    ui: &mut egui::Ui,
    actors: &[(String, usize)],
    filters: &Filters,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let actor_text = filters
            .actor
            .clone()
            .unwrap_or_else(|| "All actors".to_owned());
        egui::ComboBox::from_label("Actor")
            .selected_text(actor_text)
            .width(170.0)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(filters.actor.is_none(), "All actors")
                    .clicked()
                {
                    commands.push(Command::SetActor(None));
                }
                for (actor, n) in actors {
                    let on = filters.actor.as_deref() == Some(actor.as_str());
                    if ui.selectable_label(on, format!("{actor} ({n})")).clicked() {
                        commands.push(Command::SetActor(Some(actor.clone())));
                    }
                }
            });
    });
}

/// Draws the list panel.
pub fn list_ui(ui: &mut egui::Ui, state: &mut ListState, input: &ListInput<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let (data, visible) = (input.data, input.visible);
    search_ui(ui, input.filters, &mut commands);
    area_chips_ui(ui, input.filters, &mut commands);
    actor_ui(ui, &state.actors, input.filters, &mut commands);
    ui.horizontal(|ui| {
        ui.label("Sort");
        ui.selectable_value(&mut state.sort, SortBy::Date, "Date");
        ui.selectable_value(&mut state.sort, SortBy::Title, "Title");
        ui.selectable_value(&mut state.sort, SortBy::Place, "Place");
        let arrow = if state.descending {
            "Descending"
        } else {
            "Ascending"
        };
        if ui.small_button(arrow).clicked() {
            state.descending = !state.descending;
        }
    });
    let shown = visible.in_window.len() + visible.undated.len();
    ui.strong(count_text(shown, data.len(), input.filters))
        .on_hover_text(format!(
            "{} in the time window, {} undated; {} match the filters at any time",
            visible.in_window.len(),
            visible.undated.len(),
            visible.matching
        ));
    ui.separator();
    let scroll = state.scroll_to_selection;
    let rows = state.rows(data, &visible.in_window);
    let undated_height = if visible.undated.is_empty() {
        UNDATED_HEIGHT.0
    } else {
        UNDATED_HEIGHT.1
    };
    let list_height = (ui.available_height() - undated_height).max(80.0);
    let window_rows = RowList {
        salt: "window-rows",
        rows,
        max_height: list_height,
        scroll_to_selection: scroll,
    };
    rows_ui(ui, window_rows, input, &mut commands);
    ui.separator();
    egui::CollapsingHeader::new(format!("Undated in the source ({})", visible.undated.len()))
        .default_open(true)
        .show(ui, |ui| {
            let undated = sorted(data, visible.undated.clone(), state.sort, state.descending);
            let undated_rows = RowList {
                salt: "undated-rows",
                rows: Rows::Listed(&undated),
                max_height: ui.available_height().max(60.0),
                scroll_to_selection: scroll,
            };
            rows_ui(ui, undated_rows, input, &mut commands);
        });
    state.scroll_to_selection = false;
    commands
}

/// One scrolling list of rows.
struct RowList<'a> {
    salt: &'a str,
    rows: Rows<'a>,
    max_height: f32,
    scroll_to_selection: bool,
}

fn rows_ui(
    ui: &mut egui::Ui,
    list: RowList<'_>,
    input: &ListInput<'_>,
    commands: &mut Vec<Command>,
) {
    let (rows, max_height) = (list.rows, list.max_height);
    let (selected, hovered) = (input.selected, input.hovered);
    let mut area = egui::ScrollArea::vertical()
        .id_salt(list.salt)
        .max_height(max_height)
        .auto_shrink([false, true]);
    if list.scroll_to_selection
        && let Some(pos) = selected.and_then(|s| rows.position(s))
    {
        let spacing = ui.spacing().item_spacing.y;
        area = area.vertical_scroll_offset(
            (pos as f32 * (ROW_HEIGHT + spacing) - max_height / 3.0).max(0.0),
        );
    }
    area.show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
        for i in rows.slice(range) {
            let Some(e) = input.data.view(i) else {
                continue;
            };
            ui.horizontal(|ui| {
                ui.set_min_height(ROW_HEIGHT);
                let (r, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
                ui.painter()
                    .circle_filled(r.center(), 5.0, palette::category_color(e.category));
                let mut text = egui::RichText::new(row_text(&e));
                if Some(i) == hovered {
                    text = text.background_color(palette::HOVERED_ROW);
                }
                let response =
                    ui.add(egui::Button::selectable(Some(i) == selected, text).truncate());
                if response.hovered() {
                    commands.push(Command::Hover(Some(i)));
                }
                if response.clicked() {
                    commands.push(Command::Select(Some(i)));
                }
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;
    use crate::model::{EventDate, Precision};
    use chrono::NaiveDate;

    #[test]
    fn sorts_by_title_and_place() {
        let ev = |id: &str, title: &str, place: &str, d: u32| {
            let day = NaiveDate::from_ymd_opt(2021, 1, d).unwrap();
            let mut e = Event::at(
                id,
                title,
                EventDate::new(day, day, Precision::Day),
                46.0,
                39.0,
            );
            e.place_name = place.to_owned();
            e
        };
        let data = Dataset::new(
            vec![
                ev("a", "Zeta", "Baku", 1),
                ev("b", "alpha", "Yerevan", 2),
                ev("c", "Mid", "Ardabil", 3),
            ],
            vec![],
        );
        assert_eq!(
            sorted(&data, vec![0, 1, 2], SortBy::Date, false),
            vec![0, 1, 2]
        );
        assert_eq!(
            sorted(&data, vec![0, 1, 2], SortBy::Title, false),
            vec![1, 2, 0]
        );
        assert_eq!(
            sorted(&data, vec![0, 1, 2], SortBy::Place, true),
            vec![1, 0, 2]
        );
        assert_eq!(row_text(&data.view(0).unwrap()), "1 Jan 2021 · Zeta · Baku");
        // an unplaced event's row ends with its title, not a separator
        let unplaced = Event::at("u", "Unplaced", EventDate::undated(), 45.0, 40.0);
        let one = Dataset::new(vec![unplaced], vec![]);
        assert_eq!(row_text(&one.view(0).unwrap()), "undated · Unplaced");
    }
}
