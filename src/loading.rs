//! Loading a dataset on a background thread, with progress and cancel.

use crate::io::Basemap;
use crate::io::open::{LoadOptions, load_bytes};
use crate::io::problem::Problem;
use crate::model::Dataset;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What a finished load produced.
#[derive(Debug)]
pub struct LoadOutcome {
    /// The file.
    pub path: PathBuf,
    /// The valid records, as a dataset with the places they use.
    pub data: Dataset,
    /// Problems with the rest, in file order.
    pub problems: Vec<Problem>,
    /// Facts about the load that are not problems.
    pub notices: Vec<String>,
    /// Records without a recognised date and the fields that might hold one.
    pub undated: Option<crate::io::open::UndatedReport>,
    /// How the file was read (kept so that it can be read again with other choices).
    pub options: LoadOptions,
}

/// A load running on a background thread.
pub struct LoadJob {
    /// The file being read.
    pub path: PathBuf,
    read: Arc<AtomicU64>,
    total: u64,
    cancel: Arc<AtomicBool>,
    result: Receiver<LoadOutcome>,
}

/// Where a job is.
#[derive(Debug)]
pub enum JobState {
    /// Still reading (fraction 0..1) or parsing (`None`).
    Running(Option<f32>),
    /// Done.
    Done(Box<LoadOutcome>),
    /// Cancelled or the thread died.
    Gone,
}

impl LoadJob {
    /// Starts loading `path` read as `options` say; `wake` is called when the job finishes (to
    /// repaint the UI).
    pub fn start(
        path: &Path,
        basemap: Basemap,
        options: LoadOptions,
        wake: impl Fn() + Send + 'static,
    ) -> LoadJob {
        let read = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let total = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let (tx, rx) = channel();
        let (r, c, p) = (read.clone(), cancel.clone(), path.to_path_buf());
        std::thread::spawn(move || {
            let outcome = run(&p, &basemap, options, &r, &c);
            if !c.load(Ordering::Relaxed) {
                let _ = tx.send(outcome);
            }
            wake();
        });
        LoadJob {
            path: path.to_path_buf(),
            read,
            total,
            cancel,
            result: rx,
        }
    }

    /// Asks the job to stop; its result will be dropped.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Polls the job.
    pub fn poll(&self) -> JobState {
        match self.result.try_recv() {
            Ok(outcome) => JobState::Done(Box::new(outcome)),
            Err(TryRecvError::Disconnected) => JobState::Gone,
            Err(TryRecvError::Empty) => {
                let read = self.read.load(Ordering::Relaxed);
                if self.total > 0 && read < self.total {
                    JobState::Running(Some(read as f32 / self.total as f32))
                } else {
                    JobState::Running(None)
                }
            }
        }
    }
}

fn run(
    path: &Path,
    basemap: &Basemap,
    options: LoadOptions,
    read: &AtomicU64,
    cancel: &AtomicBool,
) -> LoadOutcome {
    let file = path.display().to_string();
    let failed = |p: Problem| LoadOutcome {
        path: path.to_path_buf(),
        data: Dataset::default(),
        problems: vec![p],
        notices: Vec::new(),
        undated: None,
        options: options.clone(),
    };
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return failed(Problem::whole(&file, format!("cannot read: {e}"))),
    };
    let size = f.metadata().map_or(0, |m| m.len() as usize);
    let mut bytes = Vec::with_capacity(size);
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        if cancel.load(Ordering::Relaxed) {
            return failed(Problem::whole(&file, "cancelled"));
        }
        match f.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                read.fetch_add(n as u64, Ordering::Relaxed);
            }
            Err(e) => return failed(Problem::whole(&file, format!("cannot read: {e}"))),
        }
    }
    let (places, mut loaded) = load_bytes(path, &bytes, basemap, &options);
    drop(bytes);
    // the dataset is built here too, so the window never waits for it
    let data = Dataset::new(std::mem::take(&mut loaded.records), places);
    crate::io::memory::release_free_memory();
    LoadOutcome {
        path: path.to_path_buf(),
        data,
        problems: loaded.problems,
        notices: loaded.notices,
        undated: loaded.undated,
        options,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_in_the_background_and_reports_problems() {
        let dir = std::env::temp_dir().join(format!("atlas-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("bad.json");
        std::fs::write(&bad, "{ not json").unwrap();
        let job = LoadJob::start(&bad, Basemap::default(), LoadOptions::default(), || {});
        let outcome = loop {
            match job.poll() {
                JobState::Done(o) => break o,
                JobState::Gone => panic!("job died"),
                JobState::Running(_) => std::thread::sleep(std::time::Duration::from_millis(5)),
            }
        };
        assert!(outcome.data.is_empty());
        assert!(
            outcome.problems[0]
                .to_string()
                .starts_with(&format!("{}:1:", bad.display()))
        );
    }
}
