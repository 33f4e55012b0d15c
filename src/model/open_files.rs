//! The files open at once, each adding its events to the data the views show: a file is added
//! beside the others, closed on its own, and a file opened again gives way to its new content.
//!
//! While one file is open the open data is that file's, kept nowhere else. Once a second file
//! joins it, every file keeps its own events (its rows are shared, not copied) so that any one of
//! them can be closed and the rest put together again.

use crate::model::Dataset;
use std::path::{Path, PathBuf};

/// One open file.
#[derive(Clone, Debug)]
pub struct OpenFile {
    /// Where it was read from; `None` for the events the viewer started with.
    pub path: Option<PathBuf>,
    /// How many events it gave (before those already open from an earlier file were set aside).
    pub len: usize,
    /// Its own events while other files are open beside it; `None` while it is the only file.
    own: Option<Dataset>,
}

impl OpenFile {
    /// The name to show: the file's name, or "Bundled events".
    pub fn name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Bundled events".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// The open files, first opened first: an event id open in an earlier file hides the same id in a
/// later one.
#[derive(Clone, Debug)]
pub struct OpenFiles {
    files: Vec<OpenFile>,
}

impl OpenFiles {
    /// One file (`None`: the events the viewer started with) of `len` events, the whole open data.
    pub fn one(path: Option<PathBuf>, len: usize) -> OpenFiles {
        OpenFiles {
            files: vec![OpenFile {
                path,
                len,
                own: None,
            }],
        }
    }

    /// The open files, in the order they were opened.
    pub fn files(&self) -> &[OpenFile] {
        &self.files
    }

    /// `data` from `path` replaces every open file.
    pub fn replace(&mut self, path: Option<PathBuf>, data: &Dataset) {
        *self = OpenFiles::one(path.map(absolute), data.len());
    }

    /// Adds `data`, read from `path`, beside the files that make up `open` (the open data), and
    /// makes `open` all of them. A file open from the same path gives way to it, in its place.
    /// Returns the ids of `data` that an earlier file holds (they are kept from that file).
    pub fn add(&mut self, open: &mut Dataset, path: PathBuf, data: Dataset) -> Vec<String> {
        let file = OpenFile {
            path: Some(absolute(path)),
            len: data.len(),
            own: Some(data),
        };
        self.keep_own(open);
        let k = match self.position(file.path.as_deref()) {
            Some(k) => {
                self.files[k] = file;
                k
            }
            None => {
                self.files.push(file);
                self.files.len() - 1
            }
        };
        let mut set_aside = self.put_together(open);
        set_aside.get_mut(k).map(std::mem::take).unwrap_or_default()
    }

    /// Closes file `k` and makes `open` the rest; false (and nothing changes) when `k` is the only
    /// file or no file.
    pub fn close(&mut self, open: &mut Dataset, k: usize) -> bool {
        if self.files.len() < 2 || k >= self.files.len() {
            return false;
        }
        self.files.remove(k);
        self.put_together(open);
        true
    }

    /// Where the file read from `path` (as given, or made absolute) stands, if it is open.
    pub fn position(&self, path: Option<&Path>) -> Option<usize> {
        let path = absolute(path?.to_path_buf());
        self.files
            .iter()
            .position(|f| f.path.as_deref() == Some(path.as_path()))
    }

    /// Before another file joins: the only file's events, which are the open data, are kept as
    /// its own.
    fn keep_own(&mut self, open: &mut Dataset) {
        if let [only] = self.files.as_mut_slice()
            && only.own.is_none()
        {
            only.own = Some(std::mem::take(open));
        }
    }

    /// Makes `open` the files' events together; returns, file by file, the ids set aside as
    /// open from an earlier file.
    fn put_together(&mut self, open: &mut Dataset) -> Vec<Vec<String>> {
        if let [only] = self.files.as_mut_slice() {
            if let Some(own) = only.own.take() {
                *open = own;
            }
            return vec![Vec::new()];
        }
        let mut set_aside = vec![Vec::new()];
        let owns: Vec<&Dataset> = self.files.iter().filter_map(|f| f.own.as_ref()).collect();
        let Some((first, rest)) = owns.split_first() else {
            return set_aside;
        };
        // each merge makes a new dataset: the first file's is never copied on its own
        let mut together: Option<Dataset> = None;
        for own in rest {
            let (merged, duplicates) = together.as_ref().unwrap_or(first).merged_with(own);
            together = Some(merged);
            set_aside.push(duplicates);
        }
        *open = together.unwrap_or_else(|| (*first).clone());
        set_aside
    }
}

/// `path` made absolute (from the working directory, which a later start may not share), as it
/// is when that cannot be done.
pub fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::model::Event;
    use crate::model::date::{EventDate, Precision};

    fn data(ids: &[&str], title: &str) -> Dataset {
        let day = chrono::NaiveDate::from_ymd_opt(2022, 8, 3).unwrap();
        let events: Vec<Event> = ids
            .iter()
            .map(|id| {
                let date = EventDate::new(day, day, Precision::Day);
                Event::at(id, title, date, 46.0, 39.0)
            })
            .collect();
        Dataset::new(events, Vec::new())
    }

    fn titles(open: &Dataset) -> Vec<(String, String)> {
        let mut t: Vec<(String, String)> = open
            .events()
            .map(|e| (e.id.clone(), e.title.clone()))
            .collect();
        t.sort();
        t
    }

    #[test]
    fn files_are_added_closed_and_opened_again() {
        let mut open = data(&["a", "b"], "bundled");
        let mut files = OpenFiles::one(None, open.len());
        let kept = files.add(&mut open, "one.csv".into(), data(&["b", "c"], "one"));
        assert_eq!(kept, ["b"]);
        assert_eq!(open.len(), 3);
        let kept = files.add(&mut open, "two.csv".into(), data(&["d"], "two"));
        assert!(kept.is_empty());
        assert_eq!(open.len(), 4);
        let names: Vec<String> = files.files().iter().map(OpenFile::name).collect();
        assert_eq!(names, ["Bundled events", "one.csv", "two.csv"]);
        // the first file closed: the second's `b` is no longer hidden
        assert!(files.close(&mut open, 0));
        assert_eq!(
            titles(&open),
            [
                ("b".into(), "one".into()),
                ("c".into(), "one".into()),
                ("d".into(), "two".into())
            ]
        );
        // a file opened again replaces its own events only, in its place
        files.add(&mut open, "one.csv".into(), data(&["c"], "one again"));
        assert_eq!(
            titles(&open),
            [("c".into(), "one again".into()), ("d".into(), "two".into())]
        );
        let here = std::env::current_dir().unwrap();
        assert_eq!(files.position(Some(&here.join("one.csv"))), Some(0));
        assert_eq!(
            files.files()[0].path.as_deref(),
            Some(here.join("one.csv").as_path())
        );
        // down to one file, which is the open data again and cannot be closed
        assert!(files.close(&mut open, 1));
        assert_eq!(titles(&open), [("c".into(), "one again".into())]);
        assert!(!files.close(&mut open, 0));
        assert_eq!(open.len(), 1);
        assert!(files.files()[0].own.is_none());
    }

    #[test]
    fn a_replace_leaves_one_file() {
        let mut open = data(&["a"], "bundled");
        let mut files = OpenFiles::one(None, 1);
        files.add(&mut open, "one.csv".into(), data(&["b"], "one"));
        let new = data(&["x", "y"], "new");
        files.replace(Some("new.csv".into()), &new);
        assert_eq!(files.files().len(), 1);
        assert_eq!(files.files()[0].len, 2);
        assert!(!files.close(&mut open, 0));
        assert!(!files.close(&mut open, 5));
    }
}
