//! The slider moves the map: typing a window of 2015, then of 2021, changes the areas of control
//! drawn, the legend and the caption; the lane of map changes steps to the next change.

use crate::common::{harness, retype};
use caucasus_atlas::app::AtlasApp;
use caucasus_atlas::map::projection::Projector;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn drawn(harness: &Harness<'_, AtlasApp>) -> Vec<String> {
    harness.state().map.situation_drawn.clone()
}

#[test]
fn the_window_moves_the_lines_of_control() {
    let mut harness = harness();
    retype(&mut harness, "From", "2015");
    retype(&mut harness, "To", "2015");
    harness.get_by_label("Situation on 31 Dec 2015");
    harness.get_by_label("Legend: Held by Armenian forces (de facto authorities)");
    let in_2015 = drawn(&harness);
    assert!(
        in_2015.iter().any(|n| n.starts_with("Held area 1994–2020")),
        "{in_2015:?}"
    );
    assert!(in_2015.iter().any(|n| n.starts_with("Line of contact")));
    assert!(!in_2015.iter().any(|n| n.contains("peacekeeping")));

    retype(&mut harness, "To", "2021");
    retype(&mut harness, "From", "2021");
    harness.get_by_label("Situation on 31 Dec 2021");
    harness.get_by_label("Legend: Russian peacekeeping area");
    let in_2021 = drawn(&harness);
    assert!(
        in_2021
            .iter()
            .any(|n| n.starts_with("Russian peacekeeping area")),
        "{in_2021:?}"
    );
    assert!(in_2021.iter().any(|n| n.contains("corridor (old road)")));
    assert!(!in_2021.iter().any(|n| n.starts_with("Held area 1994–2020")));
    assert!(harness.query_by_label("Situation on 31 Dec 2015").is_none());
    // hovering the area near Martuni / Khojavend tells what it is, since when, on what record
    let map = &harness.state().map;
    let martuni = Projector::new(map.view, map.rect).project(47.1125, 39.7917);
    harness.hover_at(martuni);
    harness.run();
    harness.get_by_label("Russian peacekeeping area (Nagorno-Karabakh)");
    harness.get_by_label_contains("Russian peacekeeping area, 10 Nov 2020 – 18 Sep 2023");
    harness.get_by_label_contains("Source: Trilateral statement");
    harness.get_by_label("Approximate");
    harness.remove_cursor();
    harness.run();

    // the next change of the map: the corridor moves to the new road on 26 August 2022
    harness.get_by_label("Next map change").click();
    harness.run();
    harness.get_by_label("Situation on 26 Aug 2022");
    let after = drawn(&harness);
    assert!(
        after.iter().any(|n| n.contains("corridor (new road)")),
        "{after:?}"
    );
    assert!(!after.iter().any(|n| n.contains("corridor (old road)")));
    harness.get_by_label("Previous map change").click();
    harness.run();
    harness.get_by_label("Situation on 1 Dec 2020");
}

/// The oblast's outline is drawn, and named, only while Nagorno-Karabakh stood apart: not in
/// 1920, before the oblast was made, nor in 2024, after the last area ended.
#[test]
fn the_oblast_outline_is_drawn_only_while_it_existed() {
    let mut harness = harness();
    let named = |harness: &Harness<'_, AtlasApp>| {
        harness
            .state()
            .map
            .placed_labels
            .iter()
            .any(|l| l.text.starts_with("Nagorno-Karabakh"))
    };
    for (year, shown) in [(1920, false), (1985, true), (2024, false)] {
        retype(&mut harness, "From", &year.to_string());
        retype(&mut harness, "To", &year.to_string());
        harness.get_by_label(&format!("Situation on 31 Dec {year}"));
        assert_eq!(named(&harness), shown, "{year}");
    }
}

#[test]
fn before_1988_the_map_shows_the_oblast_outline_only() {
    let mut harness = harness();
    retype(&mut harness, "From", "1985");
    retype(&mut harness, "To", "1985");
    harness.get_by_label("Situation on 31 Dec 1985");
    assert!(drawn(&harness).is_empty(), "{:?}", drawn(&harness));
    assert!(harness.query_by_label_contains("Legend:").is_none());
}

#[test]
fn on_a_narrow_map_the_caption_keeps_off_the_capitals_and_stays_one_block() {
    let mut harness = harness();
    // the review's panel narrows the map until the caption no longer fits beside the legend
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("New from article…").click();
    harness.run();
    let map = &harness.state().map;
    assert!(map.rect.width() < 600.0, "{:?}", map.rect);
    let projector = Projector::new(map.view, map.rect);
    let capitals = [(44.793, 41.7151), (44.5136, 40.1811), (49.8920, 40.3777)];
    let window = harness.get_by_label("1 Jan 1990 – 7 Sep 2023").rect();
    let day = harness.get_by_label("Situation on 7 Sep 2023").rect();
    for (lon, lat) in capitals {
        let dot = projector.project(lon, lat);
        for line in [window, day] {
            assert!(
                !line.expand(6.0).contains(dot),
                "a caption line {line:?} covers the capital at {dot:?}"
            );
        }
    }
    assert!(
        window.center().x.round() == day.center().x.round() && day.top() >= window.bottom(),
        "the caption's lines part: {window:?} and {day:?}"
    );
}
