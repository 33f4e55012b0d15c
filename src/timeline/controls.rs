//! The playback and window controls above the timeline.

use super::TimelineInput;
use crate::commands::Command;
use crate::io::date_parse::parse_iso_partial;
use crate::model::DayNum;
use crate::model::date::{date_of, day_of};
use crate::time_control::{Mode, TimeControl};
use eframe::egui;

/// The typed window dates, kept while the user edits them.
#[derive(Default)]
pub struct ControlsState {
    /// Text in the "From" field.
    pub from_text: String,
    /// Text in the "To" field.
    pub to_text: String,
    synced: Option<(DayNum, DayNum)>,
    /// Why the last typed date was rejected.
    pub error: Option<String>,
}

/// A date field with an accessible label; returns the parsed range on Enter or focus loss.
fn date_field(
    ui: &mut egui::Ui,
    label: &str,
    text: &mut String,
) -> Option<Result<(chrono::NaiveDate, chrono::NaiveDate), String>> {
    let name = ui.label(label);
    let response = ui
        .add(
            egui::TextEdit::singleline(text)
                .desired_width(86.0)
                .hint_text("YYYY-MM-DD"),
        )
        .labelled_by(name.id)
        .on_hover_text("A day (2021-11-22), a month (2021-11) or a year (2021); Enter applies it");
    let entered = response.lost_focus();
    entered.then(|| parse_iso_partial(text).map(|span| (span.start, span.end)))
}

/// Draws the controls; emits commands.
pub fn controls_ui(
    ui: &mut egui::Ui,
    state: &mut ControlsState,
    input: &TimelineInput<'_>,
    commands: &mut Vec<Command>,
) {
    let time = input.time;
    if state.synced != Some((time.from, time.to)) {
        state.from_text = date_of(time.from).format("%Y-%m-%d").to_string();
        state.to_text = date_of(time.to).format("%Y-%m-%d").to_string();
        state.synced = Some((time.from, time.to));
    }
    ui.horizontal_wrapped(|ui| {
        playback_ui(ui, time, commands);
        ui.separator();
        dates_ui(ui, state, time, commands);
        ui.separator();
        mode_ui(ui, time, commands);
        if input.visible.mask.is_some() {
            ui.separator();
            ui.strong(filtered_text(input))
                .on_hover_text("Events passing the filters are drawn strongly, the rest faintly");
        }
    });
}

/// Slowest and fastest playback on the speed slider, in days per second.
const SPEED_SLIDER: std::ops::RangeInclusive<f64> = 1.0..=3650.0;

/// First, Prev, Play/Pause, Next, Last and the speed.
fn playback_ui(ui: &mut egui::Ui, time: &TimeControl, commands: &mut Vec<Command>) {
    if icon_button(ui, "First", "First event", "Home") {
        commands.push(Command::First);
    }
    if icon_button(ui, "Prev", "Previous event", "Left") {
        commands.push(Command::StepPrev);
    }
    let label = if time.playing { "Pause" } else { "Play" };
    if icon_button(ui, label, label, "Space") {
        commands.push(Command::TogglePlay);
    }
    if icon_button(ui, "Next", "Next event", "Right") {
        commands.push(Command::StepNext);
    }
    if icon_button(ui, "Last", "Last event", "End") {
        commands.push(Command::Last);
    }
    ui.separator();
    if icon_button(ui, "< Change", "Previous map change", "Shift+Left") {
        commands.push(Command::StepMapChange { forward: false });
    }
    if icon_button(ui, "Change >", "Next map change", "Shift+Right") {
        commands.push(Command::StepMapChange { forward: true });
    }
    ui.separator();
    let mut speed = time.speed;
    let slider = egui::Slider::new(&mut speed, SPEED_SLIDER)
        .logarithmic(true)
        .suffix(" days/s")
        .max_decimals(0)
        .text("Speed");
    if ui.add(slider).changed() {
        commands.push(Command::SetSpeed(speed));
    }
}

/// The typed From and To dates.
fn dates_ui(
    ui: &mut egui::Ui,
    state: &mut ControlsState,
    time: &TimeControl,
    commands: &mut Vec<Command>,
) {
    let from = date_field(ui, "From", &mut state.from_text);
    let to = date_field(ui, "To", &mut state.to_text);
    match (from, to) {
        (Some(Ok((a, _))), _) => {
            state.error = None;
            commands.push(Command::SetWindow(day_of(a), time.to.max(day_of(a))));
            commands.push(Command::FocusTimelineOnWindow);
        }
        (_, Some(Ok((_, b)))) => {
            state.error = None;
            commands.push(Command::SetWindow(time.from.min(day_of(b)), day_of(b)));
            commands.push(Command::FocusTimelineOnWindow);
        }
        (Some(Err(e)), _) | (_, Some(Err(e))) => {
            // said in the status line too: beside the fields, a narrow window has no room for it
            commands.push(Command::Refuse(format!("Date not applied: {e}")));
            state.error = Some(e);
            state.synced = None;
        }
        _ => {}
    }
    if let Some(e) = &state.error {
        ui.colored_label(crate::palette::INPUT_ERROR, e);
    }
}

/// Window or cumulative, and whether the rest shows faded.
fn mode_ui(ui: &mut egui::Ui, time: &TimeControl, commands: &mut Vec<Command>) {
    let mut mode = time.mode;
    ui.radio_value(&mut mode, Mode::Window, "Window");
    ui.radio_value(&mut mode, Mode::Cumulative, "Cumulative");
    if mode != time.mode {
        commands.push(Command::SetMode(mode));
    }
    let mut faded = time.show_faded;
    if ui.checkbox(&mut faded, "Show others faded").changed() {
        commands.push(Command::SetShowFaded(faded));
    }
}

/// How many events pass the filters, at any time: what the timeline draws strongly.
pub fn filtered_text(input: &TimelineInput<'_>) -> String {
    use crate::model::counted::grouped;
    format!(
        "Filtered: {} of {} events",
        grouped(input.visible.matching),
        grouped(input.data.len())
    )
}

/// A button showing an icon, named `label` for screen readers and tests; true when clicked.
fn icon_button(ui: &mut egui::Ui, icon: &str, label: &str, key: &str) -> bool {
    let response = ui.button(icon).on_hover_text(format!("{label} ({key})"));
    let name = label.to_owned();
    response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    response.clicked()
}
