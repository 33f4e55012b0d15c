//! What a proposal says: its title and its category, as the reviewer words them. The extractor's
//! own reading stays in the notes, so that a reviewed event still shows what was proposed.

use super::ReviewState;
use crate::model::Category;

/// The longest title a reviewer may give, in characters (the extractor cuts its own at 90).
pub const TITLE_MAX_CHARS: usize = 160;

/// The notes' mark of a title the reviewer set.
const TITLE_SET: &str = "Title set by the reviewer";
/// The notes' mark of a category the reviewer set.
const CATEGORY_SET: &str = "Category set by the reviewer";

/// A title being edited, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleDraft {
    /// The proposal.
    pub index: usize,
    /// The title as typed.
    pub text: String,
}

impl ReviewState {
    /// Gives a proposal a new title: one line, not empty, at most [`TITLE_MAX_CHARS`] characters.
    /// The first time, the notes keep the extractor's title.
    pub fn set_title(&mut self, index: usize, title: &str) -> Result<(), String> {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            return Err("a title cannot be empty".to_owned());
        }
        let chars = title.chars().count();
        if chars > TITLE_MAX_CHARS {
            return Err(format!(
                "the title has {chars} characters; at most {TITLE_MAX_CHARS} are kept"
            ));
        }
        self.change(index, |i| {
            let e = &mut i.event;
            if e.title == title {
                return;
            }
            if !e.notes.contains(TITLE_SET) {
                let was = std::mem::take(&mut e.title);
                e.notes = format!("{} {TITLE_SET}; the extractor's was “{was}”.", e.notes);
            }
            e.title = title;
            i.edited = true;
        })
    }

    /// Gives a proposal another category. The first time, the notes keep the extractor's.
    pub fn set_category(&mut self, index: usize, category: Category) -> Result<(), String> {
        self.change(index, |i| {
            let e = &mut i.event;
            if e.category == category {
                return;
            }
            if !e.notes.contains(CATEGORY_SET) {
                let was = e.category.label();
                e.notes = format!("{} {CATEGORY_SET}; the extractor's was {was}.", e.notes);
            }
            e.category = category;
            i.edited = true;
        })
    }

    /// Applies the title being edited; the draft stays open when it is refused.
    pub fn apply_title(&mut self) -> Result<(), String> {
        let Some(d) = self.title_draft.clone() else {
            return Ok(());
        };
        let result = self.set_title(d.index, &d.text);
        match &result {
            Ok(()) => self.title_draft = None,
            Err(e) => self.message = Some(format!("Title not changed: {e}")),
        }
        result
    }

    /// The title draft of proposal `index`, opened on its current title when another (or none)
    /// was open.
    pub fn title_draft_of(&mut self, index: usize) -> Option<&mut TitleDraft> {
        let title = self.items.get(index)?.event.title.clone();
        if self.title_draft.as_ref().is_none_or(|d| d.index != index) {
            self.title_draft = Some(TitleDraft { index, text: title });
        }
        self.title_draft.as_mut()
    }
}
