//! Clicking through the map to filter time: a modifier-click on Nakhchivan, a shift-drag box, and
//! `export events --area/--bbox`, each checked against a brute-force test of every event.

use crate::common::{feature_ids, harness, scratch};
use caucasus_atlas::filters::shape_overlap::shape_in_area;
use caucasus_atlas::filters::{AreaCatalog, AreaFilter};
use caucasus_atlas::io::bundle::{bundled_basemap, bundled_dataset};
use caucasus_atlas::map::projection::Projector;
use caucasus_atlas::model::Dataset;
use eframe::egui::{self, Modifiers, PointerButton, Pos2};
use egui_kittest::kittest::{NodeT, Queryable};
use geo::{Contains, Geometry, Intersects, Point};
use std::collections::BTreeSet;
use std::process::Command;

/// Whether an event lies in an area, tested on its own: shapes as the filter weighs them
/// (`shape_in_area`: a line that meets the area, a shape that shares a real part of it), points
/// with geo's `Contains` (boxes with their edges) at the precision the dataset keeps them.
fn inside(data: &Dataset, i: usize, area: &Geometry<f64>) -> bool {
    let e = data.view(i).unwrap();
    if let Some(shape) = e.shape {
        return shape_in_area(shape, area);
    }
    let p = Point::new(f64::from(e.lon as f32), f64::from(e.lat as f32));
    match area {
        Geometry::Rect(r) => r.intersects(&p),
        other => other.contains(&p),
    }
}

/// The ids of the events inside any of `areas`, by testing every event.
fn brute_force(data: &Dataset, areas: &[Geometry<f64>]) -> BTreeSet<String> {
    (0..data.len())
        .filter(|&i| areas.iter().any(|a| inside(data, i, a)))
        .map(|i| data.id(i).unwrap().to_owned())
        .collect()
}

fn text_of<'t>(node: &impl NodeT<'t>) -> String {
    let n = node.accesskit_node();
    n.label().or_else(|| n.value()).unwrap_or_default()
}

fn screen_of(
    harness: &egui_kittest::Harness<'_, caucasus_atlas::app::AtlasApp>,
    lon: f64,
    lat: f64,
) -> Pos2 {
    let map = &harness.state().map;
    Projector::new(map.view, map.rect).project(lon, lat)
}

fn press(pos: Pos2, pressed: bool, modifiers: Modifiers) -> egui::Event {
    egui::Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    }
}

#[test]
fn a_modifier_click_on_nakhchivan_filters_the_list_and_the_timeline() {
    let mut harness = harness();
    let nakhchivan = (45.4126, 39.2089);
    let pos = screen_of(&harness, nakhchivan.0, nakhchivan.1);
    harness.event(egui::Event::ModifiersChanged(Modifiers::COMMAND));
    harness.hover_at(pos);
    harness.step();
    harness.event(press(pos, true, Modifiers::COMMAND));
    harness.step();
    harness.event(press(pos, false, Modifiers::COMMAND));
    harness.step();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    let state = harness.state();
    assert_eq!(
        state.filters.areas,
        vec![AreaFilter::Named("Nakhchivan".to_owned())]
    );
    // the window's own catalogue: the detailed polygons
    let area = state.areas.find("Nakhchivan").unwrap().geometry.clone();
    let expected = brute_force(&state.data, &[area]);
    assert!(expected.len() >= 3, "{expected:?}");
    let shown: BTreeSet<String> = state
        .visible
        .in_window
        .iter()
        .chain(state.visible.undated.iter().copied())
        .map(|i| state.data.id(i).unwrap().to_owned())
        .collect();
    assert_eq!(shown, expected);
    // Iran only borders the exclave: an event drawn as all of Iran is not one of Nakhchivan's
    assert!(
        !shown.contains("undated-iranian-statements-accuse-azerbaijan-of-terrorist-act"),
        "{shown:?}"
    );
    let total = state.data.len();
    let n = expected.len();
    let count = harness.get_by_label_contains("events in Nakhchivan");
    assert_eq!(
        text_of(&count),
        format!("{n} of {total} events in Nakhchivan")
    );
    let filtered = harness.get_by_label_contains("Filtered:");
    assert_eq!(
        text_of(&filtered),
        format!("Filtered: {n} of {total} events")
    );
    // the chip beside the search box removes it again
    harness.get_by_label("Remove Nakhchivan").click();
    harness.run();
    assert!(harness.state().filters.areas.is_empty());
    harness.get_by_label_contains("events shown");
}

#[test]
fn a_shift_drag_draws_a_box_that_filters_the_same_way() {
    let mut harness = harness();
    let view_before = harness.state().map.view;
    let (from, to) = (
        screen_of(&harness, 44.3, 38.6),
        screen_of(&harness, 47.2, 40.4),
    );
    harness.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    harness.hover_at(from);
    harness.step();
    harness.event(press(from, true, Modifiers::SHIFT));
    harness.step();
    for k in 1..=8 {
        let t = k as f32 / 8.0;
        harness.hover_at(from + (to - from) * t);
        harness.step();
    }
    harness.event(press(to, false, Modifiers::SHIFT));
    harness.step();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    let state = harness.state();
    let [AreaFilter::Box([w, s, e, n])] = state.filters.areas[..] else {
        panic!("no box: {:?}", state.filters.areas);
    };
    assert!(
        (w - 44.3).abs() < 0.05 && (e - 47.2).abs() < 0.05,
        "{w} {e}"
    );
    assert!(
        (s - 38.6).abs() < 0.05 && (n - 40.4).abs() < 0.05,
        "{s} {n}"
    );
    let boxed = state.areas.geometry_of(&state.filters.areas[0]).unwrap();
    let expected = brute_force(&state.data, &[boxed]);
    let total = state.data.len();
    assert!(expected.len() > 5 && expected.len() < total);
    let count = harness.get_by_label_contains("events in box");
    assert!(text_of(&count).starts_with(&format!("{} of {total} events in box", expected.len())));
    assert_eq!(
        harness.state().map.view,
        view_before,
        "the map does not pan while a box is drawn"
    );
}

fn atlas(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

fn exported_ids(args: &[&str]) -> BTreeSet<String> {
    let out = atlas(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    feature_ids(&out.stdout).into_iter().collect()
}

#[test]
fn area_and_box_exports_match_a_brute_force_scan_of_the_bundled_events() {
    let basemap = bundled_basemap();
    let data = bundled_dataset(&basemap);
    let catalog = AreaCatalog::detailed(&basemap);
    let geometry = |a: &AreaFilter| catalog.geometry_of(a).unwrap();
    let nakhchivan = geometry(&AreaFilter::Named("Nakhchivan".to_owned()));
    assert_eq!(
        exported_ids(&["export", "events", "--area", "nakhchivan"]),
        brute_force(&data, &[nakhchivan])
    );
    let armenia = geometry(&AreaFilter::Named("Armenia".to_owned()));
    let tabriz_box = geometry(&AreaFilter::parse_box("45.8,37.8,46.8,38.4").unwrap());
    let union = exported_ids(&[
        "export",
        "events",
        "--area",
        "ARMENIA",
        "--bbox",
        "45.8,37.8,46.8,38.4",
    ]);
    assert_eq!(union, brute_force(&data, &[armenia, tabriz_box]));
    assert!(!union.is_empty());
}

#[test]
fn area_exports_of_a_generated_file_match_a_brute_force_scan() {
    // a deterministic scatter over the region, some points on round coordinates
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let features: Vec<serde_json::Value> = (0..600)
        .map(|k| {
            let (lon, lat) = if k % 10 == 0 {
                (44.0 + (k % 7) as f64 * 0.5, 38.0 + (k % 5) as f64 * 0.5)
            } else {
                (43.0 + 7.0 * next(), 37.0 + 5.0 * next())
            };
            serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"id": format!("g{k:04}"), "title": "generated", "date": "2021-05-04"}
            })
        })
        .collect();
    let dir = scratch("area");
    let path = dir.path().join("scatter.geojson");
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    std::fs::write(&path, fc.to_string()).unwrap();
    let p = path.to_str().unwrap();
    let basemap = bundled_basemap();
    let data = caucasus_atlas::io::open::load_dataset_strict(&path, &basemap, &Default::default())
        .unwrap();
    let catalog = AreaCatalog::detailed(&basemap);
    for (args, areas) in [
        (
            vec!["--area", "Azerbaijan"],
            vec![AreaFilter::Named("Azerbaijan".to_owned())],
        ),
        (
            vec!["--bbox", "44,38,45.5,39.5"],
            vec![AreaFilter::Box([44.0, 38.0, 45.5, 39.5])],
        ),
        (
            vec![
                "--area",
                "Nakhchivan",
                "--area",
                "Georgia",
                "--bbox",
                "48,37,49,38",
            ],
            vec![
                AreaFilter::Named("Nakhchivan".to_owned()),
                AreaFilter::Named("Georgia".to_owned()),
                AreaFilter::Box([48.0, 37.0, 49.0, 38.0]),
            ],
        ),
        (
            vec!["--area", "Armenia–Azerbaijan border", "--area", "araz"],
            vec![
                AreaFilter::Named("Armenia–Azerbaijan border zone (within 10 km)".to_owned()),
                AreaFilter::Named("Aras / Araks / Araz banks (within 5 km)".to_owned()),
            ],
        ),
    ] {
        let geometries: Vec<Geometry<f64>> = areas
            .iter()
            .map(|a| catalog.geometry_of(a).unwrap())
            .collect();
        let mut full = vec!["export", "events", "--data", p];
        full.extend(args.iter().copied());
        let got = exported_ids(&full);
        assert_eq!(got, brute_force(&data, &geometries), "{args:?}");
        assert!(!got.is_empty(), "{args:?}");
    }
    dir.close().unwrap();
}

#[test]
fn every_feature_of_the_exported_basemap_is_an_area_by_its_name() {
    let out = atlas(&["export", "basemap"]);
    assert!(out.status.success());
    let fc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<String> = fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["properties"]["name"].as_str().map(str::to_owned))
        .collect();
    assert!(names.len() > 20, "{names:?}");
    for name in &names {
        let out = atlas(&["export", "events", "--area", name]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // what happened along the Lachin corridor: the events at Lachin / Berdzor among them
    let corridor = exported_ids(&["export", "events", "--area", "Lachin corridor"]);
    let lachin = exported_ids(&["export", "events", "--area", "Berdzor corridor (old road)"]);
    assert!(
        !lachin.is_empty() && lachin.is_subset(&corridor),
        "{corridor:?} {lachin:?}"
    );
}

#[test]
fn an_unknown_area_lists_the_names_that_exist() {
    let out = atlas(&["export", "events", "--area", "Atlantis"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: --area `Atlantis`: no such area; the areas are: "),
        "{stderr}"
    );
    for name in ["Nakhchivan", "Armenia", "Azerbaijan", "Iran"] {
        assert!(stderr.contains(name), "{name} missing: {stderr}");
    }
    let bad_box = atlas(&["export", "events", "--bbox", "46,39,45,40"]);
    assert_eq!(bad_box.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_box.stderr).contains("MINLON ≤ MAXLON"));
    assert!(out.stdout.is_empty() && bad_box.stdout.is_empty());
}

/// A point near the Aras (within about 3 km of the basemap's river line) that lies inside `wanted`
/// and outside `other`, found around the vertices of both: a few hundred metres from a vertex, in
/// one of 16 directions, at the precision the dataset keeps.
fn near_the_aras_inside_only(wanted: &Geometry<f64>, other: &Geometry<f64>) -> (f64, f64) {
    use geo::{CoordsIter, Distance, Euclidean};
    const NEAR_THE_ARAS_DEG: f64 = 0.03;
    let basemap = bundled_basemap();
    let aras = &basemap.shape("Aras / Araks / Araz").unwrap().geometry;
    let vertices: Vec<geo::Coord<f64>> = wanted.coords_iter().chain(other.coords_iter()).collect();
    for v in vertices {
        for step in [0.0005, 0.001, 0.002, 0.004] {
            for k in 0..16 {
                let angle = std::f64::consts::TAU * f64::from(k) / 16.0;
                let lon = f64::from((v.x + step * angle.cos()) as f32);
                let lat = f64::from((v.y + step * angle.sin()) as f32);
                let p = Point::new(lon, lat);
                let near = match &**aras {
                    Geometry::LineString(l) => Euclidean.distance(&p, l),
                    Geometry::MultiLineString(m) => Euclidean.distance(&p, m),
                    other => panic!("the Aras is a line, not {other:?}"),
                } < NEAR_THE_ARAS_DEG;
                if near && wanted.contains(&p) && !other.contains(&p) {
                    return (lon, lat);
                }
            }
        }
    }
    panic!("no point near the Aras lies inside one Nakhchivan and outside the other")
}

#[test]
fn a_point_inside_only_the_detailed_nakhchivan_is_counted_and_one_outside_it_is_not() {
    let basemap = bundled_basemap();
    let name = AreaFilter::Named("Nakhchivan".to_owned());
    let drawn = AreaCatalog::from_basemap(&basemap)
        .geometry_of(&name)
        .unwrap();
    let detailed = AreaCatalog::detailed(&basemap).geometry_of(&name).unwrap();
    let inside = near_the_aras_inside_only(&detailed, &drawn);
    let outside = near_the_aras_inside_only(&drawn, &detailed);
    let event = |id: &str, (lon, lat): (f64, f64)| {
        serde_json::json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"id": id, "title": "by the Aras", "date": "2021-05-04"}
        })
    };
    let fc = serde_json::json!({"type": "FeatureCollection", "features": [
        event("inside", inside),
        event("outside", outside),
        event("city", (45.4126, 39.2089)),
    ]});
    let dir = scratch("aras");
    let path = dir.path().join("aras.geojson");
    std::fs::write(&path, fc.to_string()).unwrap();
    let wanted: BTreeSet<String> = ["city", "inside"].map(str::to_owned).into();
    // the command line
    let exported = exported_ids(&[
        "export",
        "events",
        "--data",
        path.to_str().unwrap(),
        "--area",
        "nakhchivan",
    ]);
    assert_eq!(exported, wanted, "inside {inside:?}, outside {outside:?}");
    // the window
    let data = caucasus_atlas::io::open::load_dataset_strict(&path, &basemap, &Default::default())
        .unwrap();
    let mut app = caucasus_atlas::app::AtlasApp::new(data, basemap);
    app.filters.areas = vec![name];
    app.refresh_visible();
    let shown: BTreeSet<String> = app
        .visible
        .in_window
        .iter()
        .chain(app.visible.undated.iter().copied())
        .map(|i| app.data.id(i).unwrap().to_owned())
        .collect();
    assert_eq!(app.visible.matching, 2);
    assert_eq!(shown, wanted);
    dir.close().unwrap();
}

/// A right click at `pos`, which opens the map's menu there.
fn right_click(harness: &mut egui_kittest::Harness<'_, caucasus_atlas::app::AtlasApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.step();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

/// The map's menu, opened with a right click, closes on Escape as any menu does.
#[test]
fn escape_closes_the_map_s_menu() {
    let mut harness = harness();
    let iran = screen_of(&harness, 50.0, 35.5);
    right_click(&mut harness, iran);
    harness.get_by_label("Filter to events in Iran");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Filter to events in Iran").is_none());
}

#[test]
fn the_map_s_menu_offers_the_ground_along_the_aras_and_filters_to_it() {
    let mut harness = harness();
    // the Aras between Julfa and Ordubad, where it parts Nakhchivan from Iran, away from the
    // towns' dots: the basemap's vertex nearest to 45.8° E, a hair north of the line
    let basemap = bundled_basemap();
    let aras = basemap
        .shapes
        .iter()
        .find(|s| s.name.starts_with("Aras"))
        .unwrap();
    let on_aras = geo::CoordsIter::coords_iter(&*aras.geometry)
        .min_by(|a, b| (a.x - 45.8).abs().total_cmp(&(b.x - 45.8).abs()))
        .unwrap();
    let river = screen_of(&harness, on_aras.x, on_aras.y + 0.005);
    right_click(&mut harness, river);
    harness.get_by_label("Filter to events in Nakhchivan");
    harness.get_by_label("Filter to events in Iran–Azerbaijan border zone (within 10 km)");
    harness
        .get_by_label("Filter to events in Aras / Araks / Araz banks (within 5 km)")
        .click();
    harness.run();
    let state = harness.state();
    let band = AreaFilter::Named("Aras / Araks / Araz banks (within 5 km)".to_owned());
    assert_eq!(state.filters.areas, std::slice::from_ref(&band));
    let expected = brute_force(&state.data, &[state.areas.geometry_of(&band).unwrap()]);
    let total = state.data.len();
    assert!(expected.len() > 3 && expected.len() < total, "{expected:?}");
    let count = harness.get_by_label_contains("events in Aras");
    assert_eq!(
        text_of(&count),
        format!(
            "{} of {total} events in Aras / Araks / Araz banks (within 5 km)",
            expected.len()
        )
    );
}

/// The corridor's band is offered only while the map draws the corridor.
#[test]
fn the_corridor_s_band_is_offered_only_while_there_is_a_corridor() {
    use caucasus_atlas::model::date::day_of;
    let d = |y, m, day| day_of(chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap());
    let basemap = bundled_basemap();
    let corridor = basemap
        .shapes
        .iter()
        .find(|s| s.name == "Lachin corridor")
        .unwrap();
    // halfway from where the road enters Azerbaijan to Lachin, clear of the towns' markers
    let road: Vec<geo::Coord> = geo::CoordsIter::coords_iter(&*corridor.geometry).collect();
    let middle = (road[0] + road[1]) / 2.0;
    let band = "Filter to events in Lachin corridor (band 5 km wide)";
    for (year, offered) in [(2021, true), (1985, false)] {
        let mut harness = harness();
        harness
            .state_mut()
            .apply(caucasus_atlas::commands::Command::SetWindow(
                d(year, 1, 1),
                d(year, 12, 31),
            ));
        // close in on the road, where no town's marker stands over it
        let mut view = harness.state().map.centred_on(middle.x, middle.y);
        view.zoom_at(8.0, (0.0, 0.0));
        harness
            .state_mut()
            .apply(caucasus_atlas::commands::Command::SetMapView(view));
        harness.run();
        let at = screen_of(&harness, middle.x, middle.y);
        right_click(&mut harness, at);
        let items: Vec<String> = harness
            .query_all_by_label_contains("Filter to events in")
            .map(|n| text_of(&n))
            .collect();
        assert!(!items.is_empty(), "{year}: the menu opened");
        assert_eq!(
            harness.query_by_label(band).is_some(),
            offered,
            "{year}: {items:?}"
        );
    }
}
