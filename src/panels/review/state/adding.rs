//! Proposals the reviewer adds: a sentence the extractor left out, or any text of the article they
//! select, read by the same extractor. Either may be unplaced, for the reviewer to place.

use super::{Item, ReviewState};
use crate::extract::LeftOut;
use crate::panels::review::history::Change;

impl ReviewState {
    /// Proposes the events of left-out sentence `k` (its index in [`ReviewState::left_out`]) as
    /// the extractor read them, unplaced; the sentence leaves the left-out list and the first of
    /// its events is selected. Returns that event's index.
    pub fn propose_left_out(&mut self, k: usize) -> Result<usize, String> {
        let entry = self
            .left_out
            .get(k)
            .cloned()
            .ok_or_else(|| format!("no left-out sentence #{}", k + 1))?;
        let items: Vec<Item> = entry
            .events
            .iter()
            .map(|event| Item {
                event: event.clone(),
                quote: entry.quote.clone(),
                status: super::Status::Pending,
                ad_hoc: None,
                edited: true,
            })
            .collect();
        if items.is_empty() {
            return Err(format!(
                "sentence {} gave no event to propose",
                entry.number
            ));
        }
        let index = self.insertion_point(entry.quote.start);
        self.insert_added(index, items.clone(), Some(k));
        self.history.push(Change::Add {
            index,
            items,
            left_out: Some((k, entry)),
        });
        Ok(index)
    }

    /// Proposes the selected article text as an event, read by the extractor as one sentence
    /// (date, place, category, attribution) and quoted verbatim; it is selected. Returns its index.
    pub fn propose_selection(&mut self) -> Result<usize, String> {
        let range = self.selected_range()?;
        let proposal = self.extractor.draft(&self.article, range, self.options);
        let mut item = Item::pending(proposal);
        item.edited = true;
        let index = self.insertion_point(item.quote.start);
        self.insert_added(index, vec![item.clone()], None);
        self.history.push(Change::Add {
            index,
            items: vec![item],
            left_out: None,
        });
        self.selection = None;
        Ok(index)
    }

    /// Where a proposal quoting from byte `start` goes, keeping the article's order.
    fn insertion_point(&self, start: usize) -> usize {
        self.items
            .iter()
            .take_while(|i| i.quote.start <= start)
            .count()
    }

    /// Inserts added proposals at `index` and selects the first; removes left-out sentence `k`.
    pub(super) fn insert_added(&mut self, index: usize, items: Vec<Item>, left_out: Option<usize>) {
        let index = index.min(self.items.len());
        self.items.splice(index..index, items);
        if let Some(k) = left_out.filter(|&k| k < self.left_out.len()) {
            self.left_out.remove(k);
        }
        self.selected = Some(index);
        self.draft = None;
        self.title_draft = None;
    }

    /// Removes `n` added proposals from `index` on, and puts back the left-out sentence they came
    /// from.
    pub(super) fn remove_added(
        &mut self,
        index: usize,
        n: usize,
        left_out: Option<(usize, LeftOut)>,
    ) {
        let end = (index + n).min(self.items.len());
        self.items.drain(index.min(end)..end);
        if let Some((k, entry)) = left_out {
            self.left_out.insert(k.min(self.left_out.len()), entry);
        }
        self.selected = None;
        self.draft = None;
        self.title_draft = None;
    }
}
