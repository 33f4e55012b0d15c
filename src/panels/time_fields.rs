//! The open panel's part for files whose records have no recognised date: the report, a picker
//! of the start and end fields (with sample values) and "dates without a year: assume year ____",
//! each reloading the file with other [`LoadOptions`].

use crate::commands::Command;
use crate::io::open::{LoadOptions, UndatedReport};
use crate::palette;
use eframe::egui::{self, RichText};

/// What the user has chosen so far, kept in egui's memory between frames.
#[derive(Clone, Debug, Default)]
struct Choice {
    /// The file the choice is for (a new file starts afresh).
    file: String,
    start: String,
    /// Empty: no end field.
    end: String,
    year: String,
}

/// Width of the field pickers, points.
const COMBO_WIDTH: f32 = 360.0;
/// Width of the year field, points.
const YEAR_WIDTH: f32 = 60.0;

/// The label of the "no end field" entry.
const NO_END: &str = "(none: one date per record)";

/// Shows the undated report and the ways to date the records: the time-field picker when the
/// file has fields that look like dates (or fields were chosen already), the assumed year when
/// dates without a year were found (or a year was assumed already).
pub fn time_fields_ui(
    ui: &mut egui::Ui,
    file: &str,
    report: Option<&UndatedReport>,
    options: &LoadOptions,
    commands: &mut Vec<Command>,
) {
    if report.is_some() || options != &LoadOptions::default() {
        ui.separator();
    }
    if let Some(report) = report {
        ui.label(
            RichText::new(report.message())
                .color(palette::NOTICE)
                .strong(),
        );
    }
    let id = egui::Id::unique("time-fields-choice");
    let mut choice: Choice = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    if choice.file != file {
        choice = initial_choice(file, report, options);
    }
    let candidates = report.map_or(&[][..], |r| r.candidates.as_slice());
    if !candidates.is_empty() {
        picker_ui(ui, candidates, &mut choice, options, commands);
    } else if let Some((start, end)) = &options.time_field {
        ui.label(format!(
            "Dates read from the field `{start}`{}.",
            end.as_ref()
                .map(|e| format!(" to `{e}`"))
                .unwrap_or_default()
        ));
    }
    if options.time_field.is_some() && ui.button("Use the file's own dates").clicked() {
        commands.push(Command::ReloadWith(LoadOptions {
            time_field: None,
            ..options.clone()
        }));
    }
    if report.is_some_and(|r| r.yearless > 0) || options.assume_year.is_some() {
        year_ui(ui, &mut choice, options, commands);
    }
    ui.data_mut(|d| d.insert_temp(id, choice));
}

fn initial_choice(file: &str, report: Option<&UndatedReport>, options: &LoadOptions) -> Choice {
    let first = report
        .and_then(|r| r.candidates.first())
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let (start, end) = options
        .time_field
        .clone()
        .map_or((first, String::new()), |(s, e)| (s, e.unwrap_or_default()));
    Choice {
        file: file.to_owned(),
        start,
        end,
        year: options
            .assume_year
            .map(|y| y.to_string())
            .unwrap_or_default(),
    }
}

/// The start and end combo boxes with sample values, and the reload button.
fn picker_ui(
    ui: &mut egui::Ui,
    candidates: &[crate::io::open::DateField],
    choice: &mut Choice,
    options: &LoadOptions,
    commands: &mut Vec<Command>,
) {
    ui.label("Read the dates from these fields instead:");
    let label = |name: &str| {
        candidates
            .iter()
            .find(|c| c.name == name)
            .map_or(name.to_owned(), |c| {
                format!(
                    "{} — {} filled, e.g. {}",
                    c.name,
                    c.records,
                    c.samples.join(", ")
                )
            })
    };
    egui::Grid::new("time-field-grid")
        .num_columns(2)
        .show(ui, |ui| {
            let name = ui.label("Start field");
            egui::ComboBox::from_id_salt("time-field-start")
                .selected_text(label(&choice.start))
                .width(COMBO_WIDTH)
                .show_ui(ui, |ui| {
                    for c in candidates {
                        ui.selectable_value(&mut choice.start, c.name.clone(), label(&c.name));
                    }
                })
                .response
                .labelled_by(name.id);
            ui.end_row();
            let name = ui.label("End field");
            let end_text = if choice.end.is_empty() {
                NO_END.to_owned()
            } else {
                label(&choice.end)
            };
            egui::ComboBox::from_id_salt("time-field-end")
                .selected_text(end_text)
                .width(COMBO_WIDTH)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut choice.end, String::new(), NO_END);
                    for c in candidates.iter().filter(|c| c.name != choice.start) {
                        ui.selectable_value(&mut choice.end, c.name.clone(), label(&c.name));
                    }
                })
                .response
                .labelled_by(name.id);
            ui.end_row();
        });
    let ready = !choice.start.is_empty();
    if ui
        .add_enabled(ready, egui::Button::new("Reload with these fields"))
        .clicked()
    {
        let end = Some(choice.end.clone()).filter(|e| !e.is_empty() && *e != choice.start);
        commands.push(Command::ReloadWith(LoadOptions {
            time_field: Some((choice.start.clone(), end)),
            ..options.clone()
        }));
    }
}

/// "Dates without a year: assume year ____" and its button.
fn year_ui(
    ui: &mut egui::Ui,
    choice: &mut Choice,
    options: &LoadOptions,
    commands: &mut Vec<Command>,
) {
    let year = parse_year(&choice.year);
    ui.horizontal(|ui| {
        let name = ui.label("Dates without a year: assume year");
        ui.add(
            egui::TextEdit::singleline(&mut choice.year)
                .desired_width(YEAR_WIDTH)
                .hint_text("YYYY"),
        )
        .labelled_by(name.id);
        let apply = ui.add_enabled(year.is_some(), egui::Button::new("Apply year"));
        if apply.clicked()
            && let Some(y) = year
        {
            commands.push(Command::ReloadWith(LoadOptions {
                assume_year: Some(y),
                ..options.clone()
            }));
        }
        if options.assume_year.is_some() && ui.button("Assume no year").clicked() {
            commands.push(Command::ReloadWith(LoadOptions {
                assume_year: None,
                ..options.clone()
            }));
        }
    });
    if !choice.year.trim().is_empty() && year.is_none() {
        ui.weak("A year is written with four digits, e.g. 2020.");
    }
    ui.weak("The assumed year is noted on every date it completes.");
}

/// A four-digit year.
fn parse_year(text: &str) -> Option<i32> {
    let t = text.trim();
    (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_four_digits() {
        assert_eq!(parse_year(" 2020 "), Some(2020));
        assert_eq!(parse_year("20"), None);
        assert_eq!(parse_year("-500"), None);
        assert_eq!(parse_year("20x0"), None);
    }
}
