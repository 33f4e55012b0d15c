//! Loading a GeoJSON file: walk it, make sense of its top level (a FeatureCollection, a bare
//! Feature or a bare geometry), drop repeated ids, place the problems, and put the rows and whole
//! events together.

use super::builder::{Builder, Pending, offset_in};
use super::convert::{IdFallback, Lookup, convert};
use super::geometry::GEOMETRY_TYPES;
use super::intern::fast_hash;
use super::positions::resolve;
use super::reader::{FEATURE_CHUNK, GeoJsonReader};
use super::source::ReadAt;
use super::split::{Tuning, walk_all};
use super::walk::{Doc, FeatureAt, Sink, WalkEnd, read_one};
use crate::io::open::{LoadOptions, UndatedReport};
use crate::io::problem::Problem;
use crate::model::{Event, Place, Records, RowColumns, RowStore};
use std::sync::Arc;

/// Everything a GeoJSON file gave.
#[derive(Debug, Default)]
pub struct GeoJsonLoad {
    /// The valid events: points as compact rows, the rest whole.
    pub records: Records,
    /// The places they use, in first-use order.
    pub places: Vec<Place>,
    /// Problems, in file order.
    pub problems: Vec<Problem>,
    /// Facts about the load that are not problems.
    pub notices: Vec<String>,
    /// Features without a recognised date and the fields that might hold one.
    pub undated: Option<UndatedReport>,
    /// The byte offset of each whole event (`records.events`), to put all in file order.
    pub(super) whole_offsets: Vec<u64>,
}

/// What the document's top level is.
enum Shape {
    /// A FeatureCollection (or something that failed before saying).
    Collection,
    /// One Feature, or (`true`) one geometry, at this offset.
    Single(u64, bool),
}

/// Loads a GeoJSON document from `source` (named `file` in messages); `reread` is where its
/// features are read again when shown (the same bytes).
pub fn load(
    file: &str,
    source: &dyn ReadAt,
    reread: Arc<dyn ReadAt>,
    gazetteer: &[Place],
    options: &LoadOptions,
    tuning: Tuning,
) -> GeoJsonLoad {
    let lookup = Lookup::new(gazetteer, options.time_field.clone());
    let (doc, mut built) = walk_all(source, &lookup, tuning);
    let chunk = tuning.chunk;
    let shape = shape_of(&doc, &mut built);
    if let Shape::Single(root, geometry) = shape {
        let mut single = Builder::new(&lookup);
        single.line_base = doc.root_newlines;
        let read = read_one(source, root, chunk, geometry, |value, bytes| {
            let at = FeatureAt {
                index: 0,
                offset: root,
                newlines: 0,
                bytes,
            };
            single.feature(value, &at);
        });
        if let Err(stop) = read {
            single.problem(stop.offset, stop.message);
        }
        built = single;
    }
    let geometry = matches!(shape, Shape::Single(_, true));
    let notices = notices(&built);
    let total = built.features;
    let skipped = drop_repeated_ids(&mut built, source, &lookup, geometry);
    let reader = GeoJsonReader::new(
        file,
        reread,
        gazetteer.to_vec(),
        options.time_field.clone(),
        geometry,
    );
    let Builder {
        rows,
        whole,
        places,
        strings,
        actor_lists,
        problems,
        undated,
        ..
    } = built;
    let mut store = RowStore::new(
        Arc::new(reader),
        places.clone(),
        strings.into_items(),
        actor_lists,
        rows,
    );
    if skipped.iter().any(|&s| s) {
        store = store.without(&skipped);
    }
    let (whole_offsets, events) = whole.into_iter().unzip();
    GeoJsonLoad {
        whole_offsets,
        records: Records {
            events,
            stores: if store.is_empty() {
                Vec::new()
            } else {
                vec![Arc::new(store)]
            },
        },
        places,
        problems: resolve(file, source, problems),
        notices,
        undated: undated.report(total),
    }
}

/// Decides what the document is from its top level, adding a problem when it is not GeoJSON.
fn shape_of(doc: &Doc, built: &mut Builder) -> Shape {
    let (Some(root), WalkEnd::Complete) = (doc.root, doc.end) else {
        return Shape::Collection;
    };
    let mut problem = |offset: u64, message: String| built.problem(offset, message);
    match &doc.kind {
        Some((serde_json::Value::String(t), at)) => match t.as_str() {
            "FeatureCollection" => match doc.features {
                Some((_, true)) => {}
                Some((at, false)) => problem(at, "`features` must be an array".to_owned()),
                None => problem(root, "`features` must be an array".to_owned()),
            },
            "Feature" if doc.features.is_none() => return Shape::Single(root, false),
            t if GEOMETRY_TYPES.contains(&t) && doc.features.is_none() => {
                return Shape::Single(root, true);
            }
            t if t == "Feature" || GEOMETRY_TYPES.contains(&t) => problem(
                *at,
                format!(
                    "a {t} has no `features`: a collection needs \"type\": \"FeatureCollection\""
                ),
            ),
            other => problem(
                *at,
                format!(
                    "not GeoJSON: type is `{other}` (expected FeatureCollection, Feature or a geometry type)"
                ),
            ),
        },
        Some((_, at)) => problem(*at, "not GeoJSON: `type` must be text".to_owned()),
        None if doc.features.is_some() => problem(
            root,
            "not a GeoJSON FeatureCollection: missing \"type\": \"FeatureCollection\"".to_owned(),
        ),
        None => problem(
            root,
            "not GeoJSON: missing \"type\" (FeatureCollection, Feature or a geometry type)"
                .to_owned(),
        ),
    }
    Shape::Collection
}

/// What the reader should know that is not a problem.
fn notices(built: &Builder) -> Vec<String> {
    match built.mismatched_tracks {
        0 => Vec::new(),
        n => vec![format!(
            "{n} line{s} {have} a time list (`times`, `coordTimes` or `linestringTimestamps`) \
             whose length differs from {their} positions: kept as line{s} dated from the first \
             to the last time (one time per position makes a track)",
            s = if n == 1 { "" } else { "s" },
            have = if n == 1 { "has" } else { "have" },
            their = if n == 1 { "its" } else { "their" },
        )],
    }
}

/// Marks the rows and drops the whole events whose id an earlier feature (in file order) has,
/// with a problem at each repeated id. Returns which rows to skip.
fn drop_repeated_ids(
    built: &mut Builder,
    source: &dyn ReadAt,
    lookup: &Lookup,
    geometry: bool,
) -> Vec<bool> {
    // (hash, offset, index, whole?)
    let mut keys: Vec<(u64, u64, u32, bool)> =
        Vec::with_capacity(built.rows.len() + built.whole.len());
    let rows = &built.rows;
    keys.extend((0..rows.len()).map(|j| {
        (
            fast_hash(rows.id(j).as_bytes()),
            rows.offset[j],
            j as u32,
            false,
        )
    }));
    keys.extend(
        built
            .whole
            .iter()
            .enumerate()
            .map(|(k, (offset, e))| (fast_hash(e.id.as_bytes()), *offset, k as u32, true)),
    );
    crate::model::par_sort::sort_unstable_by(&mut keys, |a, b| a.cmp(b));
    let id = |rows: &RowColumns, whole: &[(u64, Event)], k: &(u64, u64, u32, bool)| -> String {
        if k.3 {
            whole
                .get(k.2 as usize)
                .map_or(String::new(), |w| w.1.id.clone())
        } else {
            rows.id(k.2 as usize).to_owned()
        }
    };
    let mut repeated = Vec::new();
    for group in keys.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        let mut seen: Vec<String> = Vec::new();
        for k in group {
            let this = id(&built.rows, &built.whole, k);
            if seen.contains(&this) {
                repeated.push((*k, this));
            } else {
                seen.push(this);
            }
        }
    }
    let mut skip_rows = vec![false; built.rows.len()];
    let mut skip_whole = vec![false; built.whole.len()];
    for ((_, offset, index, whole), id) in repeated {
        if whole {
            skip_whole[index as usize] = true;
        } else {
            skip_rows[index as usize] = true;
        }
        let at = read_one(source, offset, FEATURE_CHUNK, geometry, |v, bytes| {
            convert(v, IdFallback::Index(0), lookup).map_or(offset, |parts| {
                offset_in(bytes, offset, &parts.id_at.path())
            })
        })
        .unwrap_or(offset);
        built.problems.push(Pending {
            offset: at,
            message: format!("duplicate event id `{id}`"),
        });
    }
    let mut k = 0;
    built.whole.retain(|_| {
        k += 1;
        !skip_whole[k - 1]
    });
    skip_rows
}
