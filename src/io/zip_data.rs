//! A dataset inside a zip archive, as GDELT publishes its event files (`20230919.export.CSV.zip`)
//! and as data is often mailed: the archive's one data file is opened as if it stood alone, and
//! its problems name it `archive.zip!inner.csv:line:column`.

use std::io::Read;

/// The largest data file read out of an archive (it is held in memory whole).
const INNER_MAX: u64 = 4 << 30;

/// The extensions of the files inside an archive that are data.
const DATA_EXTENSIONS: [&str; 11] = [
    "csv", "tsv", "json", "geojson", "kml", "kmz", "xlsx", "xlsm", "xlsb", "xls", "ods",
];

/// Whether an archive entry is a data file: a known extension, not a folder, and not the
/// resource forks and hidden files archivers add (`__MACOSX/`, `.DS_Store`).
fn is_data(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let base = lower.rsplit('/').next().unwrap_or_default();
    let hidden = base.starts_with('.') || lower.starts_with("__macosx/");
    let ext = base.rsplit_once('.').map_or("", |(_, e)| e);
    !hidden && !lower.ends_with('/') && DATA_EXTENSIONS.contains(&ext)
}

/// The name and bytes of the one data file in the zip archive `bytes`; an error says why there is
/// none to open (not a zip, no data file, several, too large).
pub fn data_of_zip(bytes: &[u8]) -> Result<(String, Vec<u8>), String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a zip archive: {e}"))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| is_data(n))
        .collect();
    let name = match names.as_slice() {
        [one] => one.clone(),
        [] => {
            return Err(format!(
                "the zip archive holds no data file (.{})",
                DATA_EXTENSIONS.join(", .")
            ));
        }
        many => {
            let shown: Vec<&str> = many.iter().take(5).map(String::as_str).collect();
            let more = if many.len() > 5 { ", …" } else { "" };
            return Err(format!(
                "the zip archive holds {} data files ({}{more}): unzip it and open one",
                many.len(),
                shown.join(", ")
            ));
        }
    };
    let entry = archive
        .by_name(&name)
        .map_err(|e| format!("cannot read {name} in the zip archive: {e}"))?;
    let mut data = Vec::with_capacity(usize::try_from(entry.size().min(INNER_MAX)).unwrap_or(0));
    entry
        .take(INNER_MAX + 1)
        .read_to_end(&mut data)
        .map_err(|e| format!("cannot read {name} in the zip archive: {e}"))?;
    if data.len() as u64 > INNER_MAX {
        return Err(format!(
            "{name} in the zip archive is larger than {} GiB: unzip it and open it",
            INNER_MAX >> 30
        ));
    }
    Ok((name, data))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::tests_support::zipped;
    use super::*;

    #[test]
    fn the_one_data_file_is_read_and_what_archivers_add_is_passed_over() {
        let bytes = zipped(&[
            ("__MACOSX/._events.csv", "junk"),
            ("readme.txt", "about"),
            ("data/events.csv", "date,lat,lon\n"),
        ]);
        let (name, data) = data_of_zip(&bytes).unwrap();
        assert_eq!(name, "data/events.csv");
        assert_eq!(data, b"date,lat,lon\n");
    }

    #[test]
    fn no_data_file_or_several_are_refused_saying_which() {
        let none = data_of_zip(&zipped(&[("readme.txt", "x")])).unwrap_err();
        assert!(
            none.starts_with("the zip archive holds no data file"),
            "{none}"
        );
        let two = data_of_zip(&zipped(&[("a.csv", "x"), ("b.kml", "y")])).unwrap_err();
        assert_eq!(
            two,
            "the zip archive holds 2 data files (a.csv, b.kml): unzip it and open one"
        );
        let broken = data_of_zip(b"PK not really").unwrap_err();
        assert!(broken.starts_with("not a zip archive"), "{broken}");
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod properties {
    use super::tests_support::zipped;
    use crate::io::bundle::bundled_basemap;
    use crate::io::open::{LoadOptions, load_bytes};
    use proptest::prelude::*;
    use std::path::Path;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        #[test]
        fn a_table_zipped_loads_as_the_table_itself(
            rows in proptest::collection::vec((1u32..=28, 3800i32..4300, 4400i32..4900, "[a-z ]{1,12}"), 1..20),
            folder in proptest::bool::ANY,
        ) {
            let mut text = String::from("title,date,lat,lon\n");
            for (day, lat, lon, title) in &rows {
                text.push_str(&format!("{title},2023-09-{day:02},{},{}\n", f64::from(*lat) / 100.0, f64::from(*lon) / 100.0));
            }
            let inner = if folder { "data/rows.csv" } else { "rows.csv" };
            let archive = zipped(&[("notes.txt", "about"), (inner, text.as_str())]);
            let basemap = bundled_basemap();
            let options = LoadOptions::default();
            let (_, plain) = load_bytes(Path::new("rows.csv"), text.as_bytes(), &basemap, &options);
            let (_, from_zip) = load_bytes(Path::new("rows.zip"), &archive, &basemap, &options);
            prop_assert!(from_zip.problems.is_empty(), "{:?}", from_zip.problems);
            prop_assert_eq!(from_zip.records.len(), rows.len());
            let days = |o: &crate::io::open::Opened| -> Vec<_> {
                o.records.events.iter().map(|e| (e.date.range, e.lon, e.lat, e.title.clone())).collect()
            };
            prop_assert_eq!(days(&from_zip), days(&plain));
        }

        #[test]
        fn arbitrary_bytes_named_zip_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = load_bytes(Path::new("x.zip"), &bytes, &bundled_basemap(), &LoadOptions::default());
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests_support {
    use std::io::Write;

    /// A zip archive of `files` (name, text).
    pub fn zipped(files: &[(&str, &str)]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in files {
            out.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(text.as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }
}
