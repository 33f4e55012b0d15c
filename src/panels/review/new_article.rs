//! The form that starts a review ("File > New from article"): an article file's path or pasted
//! text, its publication date and publisher.

use super::state::ReviewState;
use crate::extract::article::parse_published;
use eframe::egui::{self, Ui};
use std::path::Path;

/// Rows of the paste box.
const PASTE_ROWS: usize = 8;

/// What the reviewer typed so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewArticleForm {
    /// An article file (text, Markdown or HTML); used when not empty.
    pub path: String,
    /// Pasted article text, used when no path is given.
    pub pasted: String,
    /// The file name to save pasted text under.
    pub name: String,
    /// The publication date, `YYYY-MM-DD`.
    pub published: String,
    /// The publisher, optional.
    pub publisher: String,
    /// Whether dates and places come from the article alone, leaving out the extractor's public
    /// record of meetings and agreements.
    pub text_only: bool,
    /// Why the last attempt did not start a review.
    pub error: Option<String>,
}

impl NewArticleForm {
    /// Starts a review from what was typed, or says what is wrong.
    pub fn start(&self) -> Result<ReviewState, String> {
        let published = parse_published(&self.published)?;
        let publisher = Some(self.publisher.trim().to_owned()).filter(|p| !p.is_empty());
        if !self.path.trim().is_empty() {
            let path = Path::new(self.path.trim());
            return ReviewState::from_path(path, (published, publisher), self.text_only)
                .map_err(|p| p.to_string());
        }
        let name = match self.name.trim() {
            "" => format!("article-{published}.txt"),
            n => n.to_owned(),
        };
        ReviewState::from_text(
            (&name, &self.pasted),
            (published, publisher),
            self.text_only,
        )
    }
}

/// The form; returns a review once the reviewer starts one with valid input.
pub fn new_article_ui(ui: &mut Ui, form: &mut NewArticleForm) -> Option<ReviewState> {
    let field = |ui: &mut Ui, label: &str, value: &mut String| {
        ui.horizontal(|ui| {
            let l = ui.label(label);
            ui.text_edit_singleline(value).labelled_by(l.id);
        });
    };
    field(ui, "Article file", &mut form.path);
    let l = ui.label("or paste the article's text");
    ui.add(egui::TextEdit::multiline(&mut form.pasted).desired_rows(PASTE_ROWS))
        .labelled_by(l.id);
    field(ui, "Save pasted text as", &mut form.name);
    field(ui, "Published (YYYY-MM-DD)", &mut form.published);
    field(ui, "Publisher", &mut form.publisher);
    ui.checkbox(
        &mut form.text_only,
        "Dates and places from the article alone (leave out the public record)",
    );
    if let Some(e) = &form.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    if ui.button("Start review").clicked() {
        match form.start() {
            Ok(review) => {
                form.error = None;
                return Some(review);
            }
            Err(e) => {
                form.error = Some(e);
                ui.ctx().request_repaint();
            }
        }
    }
    None
}
