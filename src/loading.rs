//! Loading a dataset on a background thread, with progress and cancel.

use crate::io::Basemap;
use crate::io::memory::FileBytes;
use crate::io::open::{LoadOptions, Opened, load_bytes, load_input};
use crate::io::problem::Problem;
use crate::model::{Dataset, Place};
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
    started: std::time::Instant,
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
            started: std::time::Instant::now(),
        }
    }

    /// How long the job has been running.
    pub fn elapsed(&self) -> std::time::Duration {
        self.started.elapsed()
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
    // a large file is mapped: there is nothing to read first, and a table's parser gives its pages
    // back as it passes them, so the file never sits in memory whole
    if let Some(mapped) = FileBytes::map_large(&f) {
        read.store(u64::MAX, Ordering::Relaxed);
        let (places, loaded) = load_input(path, mapped.input(), basemap, &options);
        drop(mapped);
        return finish(path, places, loaded, options);
    }
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
    let (places, loaded) = load_bytes(path, &bytes, basemap, &options);
    drop(bytes);
    finish(path, places, loaded, options)
}

/// Builds the dataset of what loaded, here on the loading thread so that the window never waits
/// for it.
fn finish(
    path: &Path,
    places: Vec<Place>,
    mut loaded: Opened,
    options: LoadOptions,
) -> LoadOutcome {
    if let Some(notice) = unplaced_notice(&loaded.records) {
        // first: what the user will not see on the map matters more than how the file was read
        loaded.notices.insert(0, notice);
    }
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

/// What the load says of events without a place (TimelineJS's events, a table without
/// coordinates), which the map cannot show: "3 of 3 events have no place: they are listed and on
/// the timeline, not on the map".
fn unplaced_notice(records: &crate::model::Records) -> Option<String> {
    let unplaced = records.events.iter().filter(|e| !e.is_placed()).count();
    let total = crate::model::counted::counted(records.len(), "event");
    let (verb, pronoun) = if unplaced == 1 {
        ("has", "it is")
    } else {
        ("have", "they are")
    };
    (unplaced > 0).then(|| {
        format!(
            "{unplaced} of {total} {verb} no place: {pronoun} listed and on the timeline, not \
             on the map"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(job: &LoadJob) -> Box<LoadOutcome> {
        loop {
            match job.poll() {
                JobState::Done(o) => break o,
                JobState::Gone => panic!("job died"),
                JobState::Running(_) => std::thread::sleep(std::time::Duration::from_millis(5)),
            }
        }
    }

    #[test]
    fn events_without_a_place_are_told_of() {
        use crate::model::{Event, EventDate, Records};
        let day = EventDate::undated();
        let placed = Event::at("a", "a", day.clone(), 44.5, 40.2);
        let unplaced = |id: &str| Event::unplaced(id, id, day.clone());
        let records = |events: Vec<Event>| Records {
            events,
            stores: Vec::new(),
        };
        assert_eq!(unplaced_notice(&records(vec![placed.clone()])), None);
        assert_eq!(
            unplaced_notice(&records(vec![placed.clone(), unplaced("b")])).as_deref(),
            Some("1 of 2 events has no place: it is listed and on the timeline, not on the map")
        );
        assert_eq!(
            unplaced_notice(&records(vec![unplaced("b"), unplaced("c")])).as_deref(),
            Some(
                "2 of 2 events have no place: they are listed and on the timeline, not on the map"
            )
        );
    }

    #[test]
    fn large_files_load_mapped() {
        let dir = tempfile::Builder::new()
            .prefix("atlas-load-big-")
            .tempdir()
            .unwrap();
        let path = dir.path().join("big.csv");
        let mut text = String::from("event_id_cnty,event_date,latitude,longitude,notes\n");
        let mut n = 0;
        while text.len() < 17 << 20 {
            text.push_str(&format!(
                "R{n},2022-08-{:02},40.1,45.2,{}\n",
                1 + n % 28,
                "x".repeat(200)
            ));
            n += 1;
        }
        std::fs::write(&path, &text).unwrap();
        let job = LoadJob::start(&path, Basemap::default(), LoadOptions::default(), || {});
        let outcome = wait(&job);
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        assert_eq!(outcome.data.len(), n);
        assert_eq!(outcome.data.event(0).unwrap().source.quote, "x".repeat(200));
        drop(outcome);
        dir.close().unwrap();
    }

    #[test]
    fn loads_in_the_background_and_reports_problems() {
        let dir = tempfile::Builder::new()
            .prefix("atlas-load-")
            .tempdir()
            .unwrap();
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "{ not json").unwrap();
        let job = LoadJob::start(&bad, Basemap::default(), LoadOptions::default(), || {});
        let outcome = wait(&job);
        assert!(outcome.data.is_empty());
        assert!(
            outcome.problems[0]
                .to_string()
                .starts_with(&format!("{}:1:", bad.display()))
        );
    }
}
