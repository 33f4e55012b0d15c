//! Serialization of the situation layer as a GeoJSON FeatureCollection with
//! the dated changes and the town points used as foreign members.

use serde_json::{Value, json};

use crate::geonames::Gazetteer;
use crate::towns;

use super::Item;
use super::spec::Spec;

/// The `format` member, read by the app.
pub const FORMAT: &str = "caucasus-atlas/situation@1";
/// Data sources.
const SOURCE: &str = "Natural Earth 1:10m (public domain): the 1994-2020 breakaway polygon, the 1994 \
ceasefire line, the 1991 oblast line and Azerbaijan's admin-1 units; world-atlas@2.0.2 borders; \
GeoNames towns (CC BY 4.0); the dated public record named in each feature. Areas after 9/10 \
November 2020 are approximate constructions, each saying how it was made.";
/// Licence statement.
const LICENCE: &str = "Natural Earth: public domain. GeoNames: CC BY 4.0 (geonames.org). \
Constructions: same terms as this project.";

/// One feature as JSON.
fn feature(i: &Item) -> Value {
    let mut props = json!({
        "id": i.id,
        "name": i.name,
        "kind": i.kind,
        "valid_from": i.valid_from,
        "valid_to": i.valid_to,
        "source": i.source,
        "text": i.text,
    });
    if let Some(s) = &i.status {
        props["status"] = json!(s);
    }
    if i.kind != "note" {
        props["approximate"] = json!(i.approximate);
    }
    if let Some(h) = &i.how {
        props["how"] = json!(h);
    }
    let geometry = match &i.geometry {
        Some(g) => {
            serde_json::to_value(geojson::Geometry::new(g.geojson_value())).unwrap_or(Value::Null)
        }
        None => Value::Null,
    };
    json!({"type": "Feature", "properties": props, "geometry": geometry})
}

/// The dated changes, for the timeline.
fn changes(spec: &Spec) -> Value {
    spec.changes
        .iter()
        .filter(|c| c.date.is_some())
        .map(|c| json!({"date": c.date, "label": c.label, "what": c.what, "source": c.source}))
        .collect()
}

/// The town points used, with where each came from.
fn places(g: &Gazetteer) -> Result<Value, String> {
    towns::ALL
        .iter()
        .map(|&t| {
            let r = towns::get(g, t)?;
            Ok(json!({
                "geonames_id": t.0,
                "name": t.2,
                "lon": r.at().x,
                "lat": r.at().y,
                "from": r.town.origin.describe(),
            }))
        })
        .collect()
}

/// The whole file, one feature per line.
pub fn write(spec: &Spec, items: &[Item], g: &Gazetteer) -> Result<String, String> {
    let member = |v: Value| serde_json::to_string(&v).map_err(|e| e.to_string());
    let mut text = String::from("{\"type\":\"FeatureCollection\",\n");
    text.push_str(&format!("\"format\":{},\n", member(json!(FORMAT))?));
    text.push_str(&format!("\"source\":{},\n", member(json!(SOURCE))?));
    text.push_str(&format!("\"licence\":{},\n", member(json!(LICENCE))?));
    text.push_str(&format!("\"wording\":{},\n", member(json!(spec.wording))?));
    text.push_str("\"changes\":[\n");
    let lines: Vec<String> = changes(spec)
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| member(c.clone()))
        .collect::<Result<_, _>>()?;
    text.push_str(&lines.join(",\n"));
    text.push_str("\n],\n\"places\":[\n");
    let lines: Vec<String> = places(g)?
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| member(p.clone()))
        .collect::<Result<_, _>>()?;
    text.push_str(&lines.join(",\n"));
    text.push_str("\n],\n\"features\":[\n");
    let lines: Vec<String> = items
        .iter()
        .map(|i| member(feature(i)))
        .collect::<Result<_, _>>()?;
    text.push_str(&lines.join(",\n"));
    text.push_str("\n]}\n");
    serde_json::from_str::<Value>(&text)
        .map_err(|e| format!("situation output is not JSON: {e}"))?;
    Ok(text)
}
