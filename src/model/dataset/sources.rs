//! The sources of a dataset (whole events and row stores), read by slot.

use super::{INDEX_BITS, INDEX_MASK};
use crate::model::event::Event;
use crate::model::rows::RowStore;
use crate::model::view::EventView;
use std::sync::Arc;

/// The sources of a dataset under construction, read by slot.
pub(super) struct Sources<'a> {
    pub(super) rich: &'a [Event],
    pub(super) stores: &'a [Arc<RowStore>],
}

impl<'a> Sources<'a> {
    pub(super) fn view(&self, slot: u32) -> EventView<'a> {
        let (source, i) = ((slot >> INDEX_BITS) as usize, (slot & INDEX_MASK) as usize);
        match source.checked_sub(1) {
            None => EventView::of(&self.rich[i]),
            Some(k) => self.stores[k].view(i),
        }
    }

    pub(super) fn id(&self, slot: u32) -> &'a str {
        let (source, i) = ((slot >> INDEX_BITS) as usize, (slot & INDEX_MASK) as usize);
        match source.checked_sub(1) {
            None => &self.rich[i].id,
            Some(k) => self.stores[k].id(i),
        }
    }
}
