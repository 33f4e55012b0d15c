//! Undo and redo of review actions, as the proposal before and after each action.

use super::state::Item;

/// One review action: which proposal, and how it was before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The proposal's index.
    pub index: usize,
    /// It before the action.
    pub before: Item,
    /// It after the action.
    pub after: Item,
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
