//! The loading window: progress with a cancel button, then the choice of layer or replace, and for
//! files with problems the list of problems and the offer to load the valid records.

use crate::commands::Command;
use crate::io::problem::Problem;
use crate::loading::LoadOutcome;
use crate::panels::time_fields::time_fields_ui;
use eframe::egui::{self, RichText};

/// How many problems the panel lists.
pub const LISTED: usize = 12;

/// Progress of a running load: a bar while the file is read, then the seconds spent parsing.
pub fn progress_ui(
    ctx: &egui::Context,
    path: &str,
    fraction: Option<f32>,
    elapsed: std::time::Duration,
    commands: &mut Vec<Command>,
) {
    egui::Window::new("Loading")
        // no fade-in: its animation frames would compete with the parse for the cores
        .fade_in(false)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(path);
            match fraction {
                Some(f) => ui.add(egui::ProgressBar::new(f).show_percentage()),
                // not animated: an animated bar redraws the window every frame, and on two cores
                // those frames slow the parse they wait for
                None => ui.add(
                    egui::ProgressBar::new(1.0).text(format!("parsing… {} s", elapsed.as_secs())),
                ),
            };
            if ui.button("Cancel").clicked() {
                commands.push(Command::CancelLoad);
            }
        });
}

/// What kind of problem a message tells: each quoted value made "…" (a quoted column before a
/// colon kept), without the explanation in brackets that follows.
///
/// ```
/// use caucasus_atlas::panels::load_panel::problem_kind;
/// assert_eq!(problem_kind("`2022-02-30` is not a real calendar date"), "… is not a real calendar date");
/// assert_eq!(
///     problem_kind("`Date`: `sometime` is not a date (expected 2022-08-03) (cell A5 of sheet 'S')"),
///     "`Date`: … is not a date"
/// );
/// ```
pub fn problem_kind(message: &str) -> String {
    let mut kind = String::new();
    for (k, part) in message.split('`').enumerate() {
        if k % 2 == 0 {
            kind.push_str(part);
        } else if message_after(message, part).starts_with(':') {
            kind.push_str(&format!("`{part}`"));
        } else {
            kind.push('…');
        }
    }
    let cut = kind.find(" (").unwrap_or(kind.len());
    kind[..cut].trim().to_owned()
}

/// The text right after the first quoted `part` of `message`.
fn message_after<'m>(message: &'m str, part: &str) -> &'m str {
    let quoted = format!("`{part}`");
    message
        .find(&quoted)
        .map_or("", |at| &message[at + quoted.len()..])
}

/// Problems grouped by message kind, most frequent first: (the kind, count).
pub fn problem_counts(problems: &[Problem]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in problems {
        let kind = problem_kind(&p.message);
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
}

/// The decision after a load: add as a layer or replace; with problems, listed first.
pub fn outcome_ui(ctx: &egui::Context, outcome: &LoadOutcome, commands: &mut Vec<Command>) {
    let n = outcome.data.len();
    let problems = &outcome.problems;
    let title = if problems.is_empty() {
        "Open dataset"
    } else {
        "Problems in the file"
    };
    egui::Window::new(title)
        .collapsible(false)
        .resizable(true)
        .default_width(560.0)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(outcome.path.display().to_string());
            if !problems.is_empty() {
                ui.label(
                    RichText::new(format!(
                        "{} problem(s); {} valid record(s)",
                        problems.len(),
                        n
                    ))
                    .color(crate::palette::STATUS_ERROR)
                    .strong(),
                );
                for (kind, count) in problem_counts(problems).iter().take(6) {
                    ui.label(format!("{count} × {kind}"));
                }
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(220.0)
                    .show(ui, |ui| {
                        for p in problems.iter().take(LISTED) {
                            ui.monospace(p.to_string());
                        }
                        if problems.len() > LISTED {
                            ui.weak(format!("… and {} more", problems.len() - LISTED));
                        }
                    });
                ui.separator();
                ui.label("What is open now stays open unless you choose to load.");
            } else {
                ui.label(format!(
                    "{}. Add them beside the open data, or replace it?",
                    crate::model::counted::counted(n, "event")
                ));
            }
            for notice in &outcome.notices {
                ui.weak(notice);
            }
            time_fields_ui(
                ui,
                &outcome.path.display().to_string(),
                outcome.undated.as_ref(),
                &outcome.options,
                commands,
            );
            ui.horizontal(|ui| {
                let skipped = if problems.is_empty() {
                    String::new()
                } else {
                    format!(" ({} skipped)", problems.len())
                };
                if n > 0 {
                    if ui.button(format!("Add {n} as a layer{skipped}")).clicked() {
                        commands.push(Command::AcceptLoad { layer: true });
                    }
                    if ui.button(format!("Replace with {n}{skipped}")).clicked() {
                        commands.push(Command::AcceptLoad { layer: false });
                    }
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::DiscardLoad);
                }
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_counted_by_kind() {
        let p = |m: &str| Problem::at("f.csv", 2, 1, m);
        let counts = problem_counts(&[
            p("`2022-02-30` is not a real calendar date"),
            p("latitude 95 is outside -90..90"),
            p("`2021-02-30` is not a real calendar date"),
        ]);
        assert_eq!(counts[0], ("… is not a real calendar date".to_owned(), 2));
        assert_eq!(counts[1].1, 1);
    }
}
