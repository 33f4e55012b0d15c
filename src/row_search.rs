//! Searching the notes of large tables on a background thread, and what the last search found.
//!
//! Compact rows keep their notes in the file, so a text filter first matches the fields in memory
//! at once, and this job then reads the files and adds the rows whose notes (or any other column)
//! hold the text. The result belongs to the viewer's state, not to the dataset.

use crate::model::Dataset;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A search running on a background thread.
pub struct RowSearchJob {
    /// The text searched for, lowercase.
    pub query: String,
    /// The dataset it searches.
    pub uid: u64,
    cancel: Arc<AtomicBool>,
    result: Receiver<Result<Vec<Vec<u32>>, String>>,
}

impl RowSearchJob {
    /// Starts searching the dataset's row stores for `query_lower`; `wake` is called when done.
    pub fn start(
        data: &Dataset,
        query_lower: &str,
        wake: impl Fn() + Send + 'static,
    ) -> RowSearchJob {
        let stores = data.row_stores().to_vec();
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let (query, stop) = (query_lower.to_owned(), cancel.clone());
        std::thread::spawn(move || {
            let found: Result<Vec<Vec<u32>>, String> =
                stores.iter().map(|s| s.scan(&query, &stop)).collect();
            let _ = tx.send(found);
            wake();
        });
        RowSearchJob {
            query: query_lower.to_owned(),
            uid: data.uid(),
            cancel,
            result: rx,
        }
    }

    /// The result once there is one: per store, its matching rows.
    pub fn poll(&self) -> Option<Result<Vec<Vec<u32>>, String>> {
        match self.result.try_recv() {
            Ok(found) => Some(found),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the search stopped".to_owned())),
        }
    }
}

impl Drop for RowSearchJob {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// What the last finished search of the rows' files found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowHits {
    /// The dataset searched.
    pub uid: u64,
    /// The text searched for, lowercase.
    pub query: String,
    /// One bit per dataset position: the rows whose file text holds the query.
    pub bits: Arc<Vec<u64>>,
    /// Counts the searches that finished, so that what depends on them can tell a new result.
    pub generation: u64,
}

impl RowHits {
    /// The hits, if they are for this dataset and query.
    pub fn for_query(&self, uid: u64, query_lower: &str) -> Option<&[u64]> {
        (self.uid == uid && self.query == query_lower && !query_lower.is_empty())
            .then_some(self.bits.as_slice())
    }

    /// Records a finished search's result.
    pub fn set(&mut self, data: &Dataset, query_lower: &str, rows: &[Vec<u32>]) {
        self.uid = data.uid();
        self.query = query_lower.to_owned();
        self.bits = Arc::new(data.row_hit_bits(rows));
        self.generation += 1;
    }
}
