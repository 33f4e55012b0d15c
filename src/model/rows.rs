//! Compact rows: the events of a large table file held as columns of small numbers.
//!
//! A million ACLED rows as whole [`Event`]s take well over a kilobyte each. Here each row keeps
//! only what the views draw, filter and sort by: its dates, coordinates, category, and numbers into
//! shared tables of places, titles, type labels and actor lists, plus its id and where the row
//! starts in its file. The free text (notes, source, the date as written) stays in the file and is
//! read again through a [`RowReader`] when one event is shown or exported whole.

use super::category::Category;
use super::date::{DateSpan, DayNum, EventDate, Precision};
use super::event::Event;
use super::place::Place;
use super::view::EventView;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

/// Reads one row of the file the rows came from again, as the loader first read it.
pub trait RowReader: Send + Sync + std::fmt::Debug {
    /// The whole event of the row starting at byte `offset` of the source.
    fn read(&self, offset: u64) -> Result<Event, String>;
    /// The source's name, for messages.
    fn name(&self) -> &str;
    /// The rows whose text holds `query_lower` (ASCII letters compared without case), given each
    /// row's byte offset in file order; ascending row numbers.
    /// Stops early with an error when `cancel` is set.
    fn scan(
        &self,
        query_lower: &str,
        offsets: &[u64],
        cancel: &AtomicBool,
    ) -> Result<Vec<u32>, String>;
}

/// Finds `query_lower` in `text` ignoring ASCII case and calls `hit` with the row (by `offsets`,
/// ascending) of each match once; `base` is where `text` starts in the source.
pub fn scan_text(
    text: &[u8],
    base: u64,
    query_lower: &[u8],
    offsets: &[u64],
    hit: &mut impl FnMut(u32),
) {
    if query_lower.is_empty() {
        return;
    }
    let lower: Vec<u8> = text.iter().map(u8::to_ascii_lowercase).collect();
    let mut last = None;
    for at in memchr::memmem::find_iter(&lower, query_lower) {
        let pos = base + at as u64;
        let Some(row) = offsets.partition_point(|&o| o <= pos).checked_sub(1) else {
            continue;
        };
        if last != Some(row) {
            last = Some(row);
            hit(row as u32);
        }
    }
}

/// Per-row columns, in file order; all have the same length.
#[derive(Clone, Debug, Default)]
pub struct RowColumns {
    /// First day.
    pub start: Vec<DayNum>,
    /// Last day (inclusive).
    pub end: Vec<DayNum>,
    /// Precision of the date.
    pub precision: Vec<Precision>,
    /// Longitude and latitude, degrees.
    pub lon_lat: Vec<[f32; 2]>,
    /// Category.
    pub category: Vec<Category>,
    /// Whether the row's coordinates lie outside the map's region.
    pub off_map: Vec<bool>,
    /// Index into the store's places.
    pub place: Vec<u32>,
    /// Index into the store's strings: the title.
    pub title: Vec<u32>,
    /// Index into the store's strings: the dataset's own type label.
    pub label: Vec<u32>,
    /// Index into the store's actor lists.
    pub actors: Vec<u32>,
    /// All ids, one after another.
    pub ids: String,
    /// Where each id ends in `ids`.
    pub id_end: Vec<u32>,
    /// Byte offset of each row in its source.
    pub offset: Vec<u64>,
    /// 1-based line of each row in its source.
    pub line: Vec<u32>,
}

impl RowColumns {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.start.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.start.is_empty()
    }

    /// The id of row `j`.
    pub fn id(&self, j: usize) -> &str {
        let start = j.checked_sub(1).map_or(0, |k| self.id_end[k] as usize);
        // ids are pushed whole, so every end is a character boundary
        self.ids.get(start..self.id_end[j] as usize).unwrap_or("")
    }

    /// Makes room for `n` more rows whose ids take at most `id_bytes` bytes.
    fn reserve_exact(&mut self, n: usize, id_bytes: usize) {
        self.start.reserve_exact(n);
        self.end.reserve_exact(n);
        self.precision.reserve_exact(n);
        self.lon_lat.reserve_exact(n);
        self.category.reserve_exact(n);
        self.off_map.reserve_exact(n);
        self.place.reserve_exact(n);
        self.title.reserve_exact(n);
        self.label.reserve_exact(n);
        self.actors.reserve_exact(n);
        self.ids.reserve_exact(id_bytes);
        self.id_end.reserve_exact(n);
        self.offset.reserve_exact(n);
        self.line.reserve_exact(n);
    }

    /// Gives back the columns' spare capacity (after a load, whose columns grew by estimates).
    pub fn shrink_to_fit(&mut self) {
        self.start.shrink_to_fit();
        self.end.shrink_to_fit();
        self.precision.shrink_to_fit();
        self.lon_lat.shrink_to_fit();
        self.category.shrink_to_fit();
        self.off_map.shrink_to_fit();
        self.place.shrink_to_fit();
        self.title.shrink_to_fit();
        self.label.shrink_to_fit();
        self.actors.shrink_to_fit();
        self.ids.shrink_to_fit();
        self.id_end.shrink_to_fit();
        self.offset.shrink_to_fit();
        self.line.shrink_to_fit();
    }

    /// Appends row `j` of `other` (same tables).
    fn push_from(&mut self, other: &RowColumns, j: usize) {
        self.start.push(other.start[j]);
        self.end.push(other.end[j]);
        self.precision.push(other.precision[j]);
        self.lon_lat.push(other.lon_lat[j]);
        self.category.push(other.category[j]);
        self.off_map.push(other.off_map[j]);
        self.place.push(other.place[j]);
        self.title.push(other.title[j]);
        self.label.push(other.label[j]);
        self.actors.push(other.actors[j]);
        self.ids.push_str(other.id(j));
        self.id_end.push(self.ids.len() as u32);
        self.offset.push(other.offset[j]);
        self.line.push(other.line[j]);
    }
}

/// Rows of one file with their shared tables.
#[derive(Debug)]
pub struct RowStore {
    reader: Arc<dyn RowReader>,
    places: Vec<Place>,
    strings: Vec<String>,
    actor_lists: Vec<Vec<String>>,
    rows: RowColumns,
    /// The row read last, so a panel showing it every frame reads the file once.
    recent: Mutex<Option<(usize, Event)>>,
}

impl RowStore {
    /// Puts the parts together. Table numbers out of range show as empty text, never panic.
    pub fn new(
        reader: Arc<dyn RowReader>,
        places: Vec<Place>,
        strings: Vec<String>,
        actor_lists: Vec<Vec<String>>,
        rows: RowColumns,
    ) -> RowStore {
        RowStore {
            reader,
            places,
            strings,
            actor_lists,
            rows,
            recent: Mutex::new(None),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The places the rows refer to.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The shared tables: strings (titles and labels), places and actor lists.
    pub fn tables(&self) -> (&[String], &[Place], &[Vec<String>]) {
        (&self.strings, &self.places, &self.actor_lists)
    }

    /// The per-row columns.
    pub fn rows(&self) -> &RowColumns {
        &self.rows
    }

    /// The id of row `j`.
    pub fn id(&self, j: usize) -> &str {
        self.rows.id(j)
    }

    /// The file row `j` came from and its line there.
    pub fn origin(&self, j: usize) -> (&str, u32) {
        (self.reader.name(), self.rows.line[j])
    }

    /// The first and last day of row `j`.
    pub fn days(&self, j: usize) -> (DayNum, DayNum) {
        (self.rows.start[j], self.rows.end[j])
    }

    fn string(&self, k: u32) -> &str {
        self.strings.get(k as usize).map_or("", String::as_str)
    }

    /// The view of row `j`.
    pub fn view(&self, j: usize) -> EventView<'_> {
        let r = &self.rows;
        let place = self.places.get(r.place[j] as usize);
        let [lon, lat] = r.lon_lat[j];
        EventView {
            id: r.id(j),
            title: self.string(r.title[j]),
            // undated rows (GeoJSON features without a recognised date) keep no range
            date: DateSpan::of_days(
                (r.precision[j] != Precision::Undated).then_some((r.start[j], r.end[j])),
                r.precision[j],
            ),
            place: place.map_or("", |p| p.id.as_str()),
            place_name: place.map_or("", |p| p.name.as_str()),
            lon: f64::from(lon),
            lat: f64::from(lat),
            off_map: r.off_map[j],
            shape: None,
            shape_name: None,
            category: r.category[j],
            category_label: self.string(r.label[j]),
            actors: self
                .actor_lists
                .get(r.actors[j] as usize)
                .map_or(&[], Vec::as_slice),
            claimed_by: None,
            verified: true,
        }
    }

    /// The whole event of row `j`, its free text read again from the source. If the source can no
    /// longer be read (moved, or changed since it was loaded) the event carries what is in memory
    /// and a note saying why the rest is missing.
    pub fn event(&self, j: usize) -> Event {
        if let Ok(recent) = self.recent.lock()
            && let Some((k, e)) = recent.as_ref()
            && *k == j
        {
            return e.clone();
        }
        let e = self.read_event(j);
        if let Ok(mut recent) = self.recent.lock() {
            *recent = Some((j, e.clone()));
        }
        e
    }

    fn read_event(&self, j: usize) -> Event {
        let v = self.view(j);
        let line = self.rows.line[j];
        match self.reader.read(self.rows.offset[j]) {
            Ok(mut e) if e.id == v.id || e.id.starts_with("row-") => {
                // the loader's own choices (place ids, actors united from several rows) come
                // from memory
                e.id = v.id.to_owned();
                e.place = v.place.to_owned();
                e.place_name = v.place_name.to_owned();
                e.actors = v.actors.to_vec();
                e
            }
            Ok(e) => self.fallback(
                j,
                format!(
                    "{} changed since it was loaded: line {line} now holds `{}`; open it again",
                    self.reader.name(),
                    e.id
                ),
            ),
            Err(why) => self.fallback(j, why),
        }
    }

    fn fallback(&self, j: usize, why: String) -> Event {
        let v = self.view(j);
        let mut e = Event::at(v.id, v.title, EventDate::undated(), v.lon, v.lat);
        e.date = EventDate {
            range: v.date.range(),
            precision: v.date.precision,
            text: String::new(),
            note: String::new(),
        };
        e.place = v.place.to_owned();
        e.place_name = v.place_name.to_owned();
        e.off_map = v.off_map;
        e.category = v.category;
        e.category_label = v.category_label.to_owned();
        e.actors = v.actors.to_vec();
        e.source.document = format!("{} line {}", self.reader.name(), self.rows.line[j]);
        e.notes = format!("The rest of this record could not be read: {why}");
        e
    }

    /// The rows whose text in the source (notes and every other column) holds `query_lower`.
    pub fn scan(&self, query_lower: &str, cancel: &AtomicBool) -> Result<Vec<u32>, String> {
        self.reader.scan(query_lower, &self.rows.offset, cancel)
    }

    /// A copy without the rows marked in `skip` (same length as the rows).
    pub fn without(&self, skip: &[bool]) -> RowStore {
        let mut rows = RowColumns::default();
        let kept = |j: usize| !skip.get(j).copied().unwrap_or(false);
        let n = (0..self.len()).filter(|&j| kept(j)).count();
        rows.reserve_exact(n, self.rows.ids.len());
        for j in (0..self.len()).filter(|&j| kept(j)) {
            rows.push_from(&self.rows, j);
        }
        rows.shrink_to_fit();
        RowStore {
            rows,
            ..self.clone_tables()
        }
    }

    fn clone_tables(&self) -> RowStore {
        RowStore {
            reader: self.reader.clone(),
            places: self.places.clone(),
            strings: self.strings.clone(),
            actor_lists: self.actor_lists.clone(),
            rows: RowColumns::default(),
            recent: Mutex::new(None),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A reader that serves events from memory, by offset.
    #[derive(Debug)]
    pub(crate) struct Fixed(pub Vec<Event>);

    impl RowReader for Fixed {
        fn read(&self, offset: u64) -> Result<Event, String> {
            self.0
                .get(offset as usize)
                .cloned()
                .ok_or_else(|| "gone".to_owned())
        }
        fn name(&self) -> &str {
            "fixed.csv"
        }
        fn scan(&self, query_lower: &str, _: &[u64], _: &AtomicBool) -> Result<Vec<u32>, String> {
            Ok((0..self.0.len() as u32)
                .filter(|&k| self.0[k as usize].source.quote.contains(query_lower))
                .collect())
        }
    }

    /// A store of `n` one-day rows at Baku, row k on day `first + k`, ids `r{k}`.
    pub(crate) fn store(n: usize, first: DayNum) -> RowStore {
        let mut rows = RowColumns::default();
        let mut events = Vec::new();
        for k in 0..n {
            let day = first + k as DayNum;
            rows.start.push(day);
            rows.end.push(day);
            rows.precision.push(Precision::Day);
            rows.lon_lat.push([49.87, 40.41]);
            rows.category.push(Category::Military);
            rows.off_map.push(false);
            rows.place.push(0);
            rows.title.push(0);
            rows.label.push(1);
            rows.actors.push(0);
            rows.ids.push_str(&format!("r{k}"));
            rows.id_end.push(rows.ids.len() as u32);
            rows.offset.push(k as u64);
            rows.line.push(k as u32 + 2);
            let mut e = Event::at(
                &format!("r{k}"),
                "Clash in Baku",
                EventDate::undated(),
                49.87,
                40.41,
            );
            e.source.quote = format!("notes of row {k}");
            events.push(e);
        }
        RowStore::new(
            Arc::new(Fixed(events)),
            vec![Place::ad_hoc("baku-x", "Baku", "Azerbaijan", 40.41, 49.87)],
            vec![
                "Clash in Baku".to_owned(),
                "Battles / Armed clash".to_owned(),
            ],
            vec![vec!["Military Forces of Azerbaijan".to_owned()]],
            rows,
        )
    }

    #[test]
    fn views_come_from_memory_and_events_from_the_reader() {
        let s = store(3, 738_000);
        let v = s.view(1);
        assert_eq!(v.id, "r1");
        assert_eq!(v.title, "Clash in Baku");
        assert_eq!(v.place, "baku-x");
        assert_eq!(v.category_label, "Battles / Armed clash");
        assert_eq!(v.actors, ["Military Forces of Azerbaijan"]);
        assert_eq!(v.date.days(), Some((738_001, 738_001)));
        let e = s.event(2);
        assert_eq!(e.source.quote, "notes of row 2");
        assert_eq!(e.place, "baku-x");
        assert_eq!(s.origin(2), ("fixed.csv", 4));
    }

    #[test]
    fn an_unreadable_or_changed_row_says_so() {
        let mut s = store(2, 738_000);
        s.reader = Arc::new(Fixed(vec![Event::at(
            "other",
            "x",
            EventDate::undated(),
            0.0,
            0.0,
        )]));
        let changed = s.event(0);
        assert_eq!(changed.id, "r0");
        assert!(
            changed.notes.contains("changed since it was loaded"),
            "{}",
            changed.notes
        );
        assert_eq!(changed.date.days(), Some((738_000, 738_000)));
        let gone = s.event(1);
        assert!(gone.notes.contains("gone"), "{}", gone.notes);
    }

    #[test]
    fn text_is_found_by_row_without_case() {
        let text = b"id,notes\nA,Drone strike\nB,shelling; DRONE seen, drone again\nC,none\n";
        let offsets = [9u64, 24, 59];
        let mut rows = Vec::new();
        scan_text(text, 0, b"drone", &offsets, &mut |r| rows.push(r));
        assert_eq!(rows, [0, 1]);
        // a slice of the source, starting at byte 24
        let mut rows = Vec::new();
        scan_text(&text[24..], 24, b"none", &offsets, &mut |r| rows.push(r));
        assert_eq!(rows, [2]);
    }

    #[test]
    fn without_drops_marked_rows() {
        let s = store(4, 738_000);
        let t = s.without(&[false, true, false, true]);
        assert_eq!(t.len(), 2);
        assert_eq!(t.id(0), "r0");
        assert_eq!(t.id(1), "r2");
        assert_eq!(t.days(1), (738_002, 738_002));
        assert_eq!(t.event(1).source.quote, "notes of row 2");
    }
}
