//! Rows that repeat an event id.
//!
//! ACLED's monadic exports have one row per actor of an event: no `actor2` column, and the event's
//! id on each of its rows. In such a file the rows of one id that agree on the dates and the place
//! are one event, whose actors are united in the order they come. Any other repeat (rows that
//! disagree, or any repeat in a file with an `actor2` column) is a conflict, reported at the
//! repeating row; the first row of the id is kept.

use super::{Rows, field_offset, line_column};
use crate::io::problem::Problem;
use crate::model::{RowColumns, RowStore};
use std::collections::HashMap;

/// A row whose id an earlier row has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Repeat {
    /// The repeating row.
    pub row: usize,
    /// The first row with the same id.
    pub first: usize,
}

/// How the repeats were settled.
#[derive(Debug, Default)]
pub(super) struct Settled {
    /// Rows folded into the first row of their id.
    pub merged: Vec<usize>,
    /// Rows in conflict with the first row of their id, with what differs ("" in a file whose
    /// rows are each a whole event).
    pub conflicts: Vec<(Repeat, &'static str)>,
}

/// Every row whose id an earlier row has, with the first row of that id; ascending by row.
///
/// Sorting the id hashes once is much faster than probing a hash set per row: a million random probes
/// into a large table miss the cache every time. `runs` hold each row's id hash and position, each
/// run sorted (one per part of the file read on its own thread); they are read in one merged order
/// rather than merged into a new list.
pub(super) fn repeated_ids(runs: Vec<Vec<(u64, usize)>>, rows: &RowColumns) -> Vec<Repeat> {
    let mut repeats = Vec::new();
    // The distinct ids of one hash group (almost always one) with their first rows, so that equal
    // ids cost O(n), not O(n²).
    let mut distinct: Vec<(&str, usize)> = Vec::new();
    let mut group: Vec<usize> = Vec::new();
    let mut hash = None;
    let mut settle_group = |group: &mut Vec<usize>| {
        if group.len() > 1 {
            distinct.clear();
            // positions ascend within a group, so the first seen is the first in the file
            for &i in group.iter() {
                let id = rows.id(i);
                match distinct.iter().find(|d| d.0 == id) {
                    Some(&(_, first)) => repeats.push(Repeat { row: i, first }),
                    None => distinct.push((id, i)),
                }
            }
        }
        group.clear();
    };
    for (h, i) in in_merged_order(runs) {
        if hash != Some(h) {
            settle_group(&mut group);
            hash = Some(h);
        }
        group.push(i);
    }
    settle_group(&mut group);
    repeats.sort_unstable_by_key(|r| r.row);
    repeats
}

/// The items of sorted runs in one sorted order (each run is sorted first, in case it is not).
fn in_merged_order(mut runs: Vec<Vec<(u64, usize)>>) -> impl Iterator<Item = (u64, usize)> {
    for run in &mut runs {
        // already sorted by the parts: this only checks it
        run.sort_unstable();
    }
    let mut runs: Vec<std::iter::Peekable<std::vec::IntoIter<(u64, usize)>>> = runs
        .into_iter()
        .map(|run| run.into_iter().peekable())
        .collect();
    std::iter::from_fn(move || {
        let next = runs
            .iter_mut()
            .enumerate()
            .filter_map(|(k, run)| run.peek().map(|&item| (item, k)))
            .min()?;
        runs[next.1].next()
    })
}

/// What differs between two rows of one id ("date", "place", "date and place"), or `None` when
/// they describe one event.
fn difference(rows: &RowColumns, a: usize, b: usize) -> Option<&'static str> {
    let date = (rows.start[a], rows.end[a], rows.precision[a])
        != (rows.start[b], rows.end[b], rows.precision[b]);
    let place = rows.place[a] != rows.place[b] || rows.lon_lat[a] != rows.lon_lat[b];
    match (date, place) {
        (false, false) => None,
        (true, false) => Some("date"),
        (false, true) => Some("place"),
        (true, true) => Some("date and place"),
    }
}

/// Settles the repeats: in a `monadic` file, rows that agree with the first row of their id give
/// it their actors; every other repeat is a conflict. The first rows' actor lists are updated in
/// `out`, with new lists added to `tables`.
pub(super) fn settle(
    repeats: &[Repeat],
    out: &mut RowColumns,
    tables: &mut Rows,
    monadic: bool,
) -> Settled {
    let mut settled = Settled::default();
    // the united actors of each first row that takes in others
    let mut united: HashMap<usize, Vec<String>> = HashMap::new();
    for &repeat in repeats {
        if !monadic {
            settled.conflicts.push((repeat, ""));
            continue;
        }
        if let Some(what) = difference(out, repeat.first, repeat.row) {
            settled.conflicts.push((repeat, what));
            continue;
        }
        settled.merged.push(repeat.row);
        let list = |j: usize| {
            tables
                .actor_lists
                .get(out.actors[j] as usize)
                .cloned()
                .unwrap_or_default()
        };
        let actors = united
            .entry(repeat.first)
            .or_insert_with(|| list(repeat.first));
        for actor in list(repeat.row) {
            if !actors.contains(&actor) {
                actors.push(actor);
            }
        }
    }
    // equal unions share one list
    let mut numbers: HashMap<Vec<String>, u32> = HashMap::new();
    let mut firsts: Vec<(usize, Vec<String>)> = united.into_iter().collect();
    firsts.sort_unstable_by_key(|f| f.0);
    for (first, actors) in firsts {
        let next = tables.actor_lists.len() as u32;
        let number = *numbers.entry(actors).or_insert_with_key(|actors| {
            tables.actor_lists.push(actors.clone());
            next
        });
        out.actors[first] = number;
    }
    settled
}

/// The file the rows came from, to locate the repeats.
pub(super) struct Source<'a> {
    pub file: &'a str,
    /// The file's bytes after its byte-order mark.
    pub bytes: &'a [u8],
    /// The length of the byte-order mark (rows' offsets count it).
    pub bom: usize,
    /// The index of the id column.
    pub id_column: usize,
    /// The byte that parts the fields.
    pub separator: u8,
}

/// The rows to drop (merged or in conflict), the conflicts as problems at the repeating row's id,
/// and the notice of the merge ("300 rows merged into 193 events") when rows were merged.
pub(super) fn report(
    store: &RowStore,
    settled: &Settled,
    source: &Source<'_>,
) -> (Vec<bool>, Vec<Problem>, Option<String>) {
    let mut skip = vec![false; store.len()];
    for &j in &settled.merged {
        skip[j] = true;
    }
    let mut problems = Vec::new();
    for &(repeat, what) in &settled.conflicts {
        let j = repeat.row;
        skip[j] = true;
        let start = (store.rows().offset[j] as usize).saturating_sub(source.bom);
        let offset = field_offset(source.bytes, start, source.id_column, source.separator);
        let line = store.rows().line[j] as usize;
        let (line, column) = line_column(source.bytes, start, line, offset);
        let (id, first) = (store.id(j), store.rows().line[repeat.first]);
        let message = if what.is_empty() {
            format!("duplicate event id `{id}` (first on line {first})")
        } else {
            format!("duplicate event id `{id}`: line {first} has it with a different {what}")
        };
        problems.push(Problem::at(source.file, line, column, message));
    }
    let notice = (!settled.merged.is_empty()).then(|| {
        let rows = store.len() - settled.conflicts.len();
        let events = rows - settled.merged.len();
        let noun = if events == 1 { "event" } else { "events" };
        format!("{rows} rows merged into {events} {noun}")
    });
    (skip, problems, notice)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Rows with the given ids, all on one day at one place.
    fn rows(ids: &[&str]) -> RowColumns {
        let mut r = RowColumns::default();
        for (k, id) in ids.iter().enumerate() {
            r.start.push(100);
            r.end.push(100);
            r.precision.push(crate::model::Precision::Day);
            r.lon_lat.push([45.0, 40.0]);
            r.category.push(crate::model::Category::Military);
            r.off_map.push(false);
            r.place.push(0);
            r.title.push(0);
            r.label.push(0);
            r.actors.push(k as u32);
            r.ids.push_str(id);
            r.id_end.push(r.ids.len() as u32);
            r.offset.push(k as u64);
            r.line.push(k as u32 + 2);
        }
        r
    }

    fn keys(r: &RowColumns) -> Vec<(u64, usize)> {
        (0..r.len())
            .map(|j| (super::super::fx_hash(r.id(j).as_bytes()), j))
            .collect()
    }

    #[test]
    fn repeats_name_the_first_row_of_their_id() {
        let r = rows(&["a", "b", "a", "c", "b", "a"]);
        let repeats = repeated_ids(vec![keys(&r)], &r);
        let pairs: Vec<(usize, usize)> = repeats.iter().map(|x| (x.row, x.first)).collect();
        assert_eq!(pairs, [(2, 0), (4, 1), (5, 0)]);
    }

    #[test]
    fn repeats_across_parts_are_those_of_the_whole_file() {
        let ids = ["a", "b", "a", "c", "b", "a", "d", "c", "e", "a"];
        let r = rows(&ids);
        let whole = repeated_ids(vec![keys(&r)], &r);
        for cut in 0..=ids.len() {
            // each part's keys sorted on its own, as the parts' threads leave them
            let (mut first, mut second): (Vec<_>, Vec<_>) =
                keys(&r).into_iter().partition(|k| k.1 < cut);
            first.sort_unstable();
            second.sort_unstable();
            assert_eq!(repeated_ids(vec![first, second], &r), whole, "cut at {cut}");
        }
        let pairs: Vec<(usize, usize)> = whole.iter().map(|x| (x.row, x.first)).collect();
        assert_eq!(pairs, [(2, 0), (4, 1), (5, 0), (7, 3), (9, 0)]);
    }

    #[test]
    fn agreeing_rows_unite_their_actors_and_others_conflict() {
        let mut r = rows(&["a", "a", "a", "b", "b"]);
        r.start[2] = 101;
        r.lon_lat[4] = [45.5, 40.0];
        let mut tables = Rows::default();
        for names in [["X", "Y"], ["Z", "X"], ["W", "V"], ["P", "Q"], ["R", "S"]] {
            tables
                .actor_lists
                .push(names.iter().map(|s| (*s).to_owned()).collect());
        }
        let repeats = repeated_ids(vec![keys(&r)], &r);
        let settled = settle(&repeats, &mut r, &mut tables, true);
        assert_eq!(settled.merged, [1]);
        let conflicts: Vec<(usize, &str)> = settled
            .conflicts
            .iter()
            .map(|(x, what)| (x.row, *what))
            .collect();
        assert_eq!(conflicts, [(2, "date"), (4, "place")]);
        assert_eq!(tables.actor_lists[r.actors[0] as usize], ["X", "Y", "Z"]);
        // a file whose rows are whole events: every repeat conflicts, no actors change
        let mut r = rows(&["a", "a"]);
        let repeats = repeated_ids(vec![keys(&r)], &r);
        let settled = settle(&repeats, &mut r, &mut tables, false);
        assert!(settled.merged.is_empty());
        assert_eq!(settled.conflicts.len(), 1);
        assert_eq!(r.actors[0], 0);
    }
}
