//! Undo and redo of review actions: a proposal before and after an edit, or the proposals the
//! reviewer added.

use super::state::Item;
use crate::extract::LeftOut;

/// One review action.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A proposal decided or edited: which, and how it was before and after.
    Edit {
        /// The proposal's index.
        index: usize,
        /// It before the action.
        before: Box<Item>,
        /// It after the action.
        after: Box<Item>,
    },
    /// Proposals the reviewer added, from index `index` on, and the left-out sentence they came
    /// from with its place in the left-out list, if they came from one.
    Add {
        /// Where the first of them was inserted.
        index: usize,
        /// The proposals added.
        items: Vec<Item>,
        /// The left-out sentence they came from, and its index in the left-out list.
        left_out: Option<(usize, LeftOut)>,
    },
}

/// The actions that can be undone, and those undone that can be redone.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Change>,
    undone: Vec<Change>,
}

impl History {
    /// Records a new action; it clears what could be redone.
    pub fn push(&mut self, change: Change) {
        self.done.push(change);
        self.undone.clear();
    }

    /// The action to undo, moved to the redo side.
    pub fn undo(&mut self) -> Option<Change> {
        let c = self.done.pop()?;
        self.undone.push(c.clone());
        Some(c)
    }

    /// The action to redo, moved back to the undo side.
    pub fn redo(&mut self) -> Option<Change> {
        let c = self.undone.pop()?;
        self.done.push(c.clone());
        Some(c)
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
}
