//! Putting the open files together again beside the frames. Adding a file to large open data, or
//! closing one of several large files, rebuilds the open dataset: 0.4 s at a million events and
//! 3.5 s at ten million. From [`MERGE_BESIDE_FROM`] events it runs on a thread of its own, and the
//! window stays live, showing the data as it was until the new data is ready; the window's own
//! thread only copies the open data for it (0.01 s at a million, 0.2 s at ten million).

use super::AtlasApp;
use crate::model::Dataset;
use crate::model::open_files::OpenFiles;
use std::path::PathBuf;
use std::sync::mpsc;

/// From this many events (those open and those joining them), files are put together beside the
/// frames; below it, at once.
pub const MERGE_BESIDE_FROM: usize = 200_000;

/// The open files and their events, put together.
pub(super) struct Merged {
    files: OpenFiles,
    data: Dataset,
    /// The joining file's ids that an earlier file holds.
    set_aside: Vec<String>,
}

/// What to say and do once the files are together.
pub(super) enum AfterMerge {
    /// A file was added: what the status line then says, before and after the ids set aside.
    Added((String, String)),
    /// A file was closed: its name, and its path when it is one of the user's own events files.
    Closed(String, Option<PathBuf>),
}

/// Files being put together on a thread of their own.
pub struct MergeJob {
    done: mpsc::Receiver<Merged>,
    after: AfterMerge,
    /// Whether the view of the start is shown again once done (a file opened again at start).
    pub(super) start_view: bool,
    /// What is being done, as the status line says it.
    pub doing: String,
    /// The file being added, if one is: saved with the open files, so that quitting before it
    /// joins them does not forget it.
    pub adding: Option<PathBuf>,
}

impl MergeJob {
    /// Starts `change` on a copy of `files` and of the open data `open`; `wake` is called once it
    /// is done.
    pub(super) fn start(
        (files, open): (&OpenFiles, &Dataset),
        change: impl FnOnce(&mut OpenFiles, &mut Dataset) -> Vec<String> + Send + 'static,
        (after, doing): (AfterMerge, String),
        wake: impl FnOnce() + Send + 'static,
    ) -> MergeJob {
        let (tx, done) = mpsc::channel();
        let (mut files, mut data) = (files.clone(), open.clone());
        std::thread::spawn(move || {
            let set_aside = change(&mut files, &mut data);
            let _ = tx.send(Merged {
                files,
                data,
                set_aside,
            });
            wake();
        });
        MergeJob {
            done,
            after,
            start_view: false,
            doing,
            adding: None,
        }
    }
}

impl AtlasApp {
    /// Whether files are being put together beside the frames.
    pub fn is_merging(&self) -> bool {
        self.merging.is_some()
    }

    /// Whether putting `joining` events beside the open data, or the open data together again,
    /// runs beside the frames.
    pub(super) fn merges_beside(&self, joining: usize) -> bool {
        self.data.len() + joining >= self.merge_beside_from
    }

    /// Takes the files put together, once they are.
    pub(super) fn poll_merge(&mut self) {
        let Some(job) = &self.merging else {
            return;
        };
        let merged = match job.done.try_recv() {
            Ok(merged) => merged,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.merging = None;
                self.say(
                    "Putting the files together failed: the open data is unchanged",
                    true,
                );
                return;
            }
        };
        let Some(job) = self.merging.take() else {
            return;
        };
        self.open_files = merged.files;
        self.set_data(merged.data);
        crate::io::memory::release_free_memory();
        match job.after {
            AfterMerge::Added(said) => self.say_added(said, &merged.set_aside),
            AfterMerge::Closed(name, path) => self.say_closed(&name, path.as_ref()),
        }
        if job.start_view {
            self.show_start_view_again();
        }
    }
}
