//! Who held what, when: towns in or out of the areas of control on given days, from the bundled
//! situation layer. Town points come from the gazetteer where it has them, else from the GeoNames
//! points the situation file records; none is typed in here.

use caucasus_atlas::io::bundle::{bundled_places, bundled_situation};
use caucasus_atlas::model::{ControlStatus, Situation};
use chrono::NaiveDate;

const HELD: Option<ControlStatus> = Some(ControlStatus::ArmenianHeld);
const PEACE: Option<ControlStatus> = Some(ControlStatus::Peacekeeping);
const CORRIDOR: Option<ControlStatus> = Some(ControlStatus::Corridor);

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// (lon, lat) of a town by GeoNames id: the gazetteer's point first, else the situation's.
fn town(s: &Situation, geonames_id: u64) -> (f64, f64) {
    if let Some(p) = bundled_places()
        .into_iter()
        .find(|p| p.geonames_id == Some(geonames_id))
    {
        return (p.lon, p.lat);
    }
    let p = s
        .places
        .iter()
        .find(|p| p.geonames_id == geonames_id)
        .unwrap_or_else(|| {
            panic!("GeoNames {geonames_id} is in neither the gazetteer nor the situation")
        });
    (p.lon, p.lat)
}

const KHANKENDI: u64 = 146970;
const SHUSHA: u64 = 147105;
const LACHIN: u64 = 147625;
const AGHDAM: u64 = 148619;
const KALBAJAR: u64 = 586268;
const MARTUNI: u64 = 146969;
const ASKERAN: u64 = 148450;
const KHOJALY: u64 = 147774;
const HADRUT: u64 = 148105;
const GORIS: u64 = 174895;

fn check(s: &Situation, id: u64, date: &str, want: Option<ControlStatus>) {
    let (lon, lat) = town(s, id);
    assert_eq!(
        s.status_at(lon, lat, day(date)),
        want,
        "GeoNames {id} on {date}"
    );
}

#[test]
fn march_2012_lachin_and_kalbajar_are_held() {
    let s = bundled_situation();
    for id in [LACHIN, KALBAJAR, KHANKENDI, SHUSHA, HADRUT, AGHDAM] {
        check(&s, id, "2012-03-12", HELD);
    }
    check(&s, GORIS, "2012-03-12", None);
    let area = s
        .area_at(town(&s, LACHIN).0, town(&s, LACHIN).1, day("2012-03-12"))
        .unwrap();
    assert_eq!(area.record.valid.from, Some(day("1994-05-12")));
    assert_eq!(area.record.valid.to, Some(day("2020-09-27")));
    assert!(
        area.record
            .text
            .contains("internationally recognised as part of Azerbaijan")
    );
    assert!(
        area.record
            .text
            .contains("de facto Nagorno-Karabakh authorities")
    );
}

#[test]
fn after_10_november_2020_shusha_and_hadrut_are_outside_khankendi_inside() {
    let s = bundled_situation();
    for date in ["2020-11-10", "2021-06-01", "2022-09-01", "2023-09-18"] {
        check(&s, SHUSHA, date, None);
        check(&s, HADRUT, date, None);
        check(&s, KHANKENDI, date, PEACE);
        check(&s, MARTUNI, date, PEACE);
        check(&s, ASKERAN, date, PEACE);
        check(&s, KHOJALY, date, PEACE);
    }
    let (lon, lat) = town(&s, KHANKENDI);
    let area = s.area_at(lon, lat, day("2021-06-01")).unwrap();
    assert!(area.record.approximate);
    assert!(
        area.record
            .source
            .contains("Trilateral statement of 9/10 November 2020")
    );
    assert!(area.hover_lines().iter().any(|l| l == "Approximate"));
}

#[test]
fn lachin_town_is_in_the_corridor_until_26_august_2022() {
    let s = bundled_situation();
    for date in ["2020-11-10", "2020-12-01", "2021-06-01", "2022-08-25"] {
        check(&s, LACHIN, date, CORRIDOR);
    }
    for date in ["2022-08-26", "2022-09-01", "2023-05-01"] {
        check(&s, LACHIN, date, None);
    }
    // The corridor itself goes on, on the new road.
    let corridors = |d| {
        s.in_force(day(d))
            .areas
            .iter()
            .filter(|a| a.status == ControlStatus::Corridor)
            .count()
    };
    assert_eq!(corridors("2022-09-01"), 1);
}

#[test]
fn districts_are_handed_over_on_their_days() {
    let s = bundled_situation();
    check(&s, AGHDAM, "2019-06-01", HELD);
    check(&s, AGHDAM, "2020-11-19", HELD);
    check(&s, AGHDAM, "2020-11-21", None);
    check(&s, KALBAJAR, "2020-11-24", HELD);
    check(&s, KALBAJAR, "2020-11-26", None);
    check(&s, KALBAJAR, "2021-06-01", None);
}

#[test]
fn nothing_is_held_after_the_september_2023_ceasefire() {
    let s = bundled_situation();
    for date in ["2023-09-20", "2024-01-01", "2025-06-01"] {
        let now = s.in_force(day(date));
        assert!(
            now.areas.iter().all(|a| !matches!(
                a.status,
                ControlStatus::ArmenianHeld | ControlStatus::Peacekeeping
            )),
            "{date}"
        );
        check(&s, KHANKENDI, date, None);
    }
    let later = s.in_force(day("2024-06-01"));
    assert!(later.notes.iter().any(|n| n.name.contains("Dissolution")));
    assert!(
        later
            .points
            .iter()
            .any(|p| p.record.name.contains("Hakari"))
    );
}

#[test]
fn wars_are_notes_not_lines() {
    let s = bundled_situation();
    for date in ["1990-06-01", "2020-10-15", "2023-09-19"] {
        let now = s.in_force(day(date));
        assert!(now.areas.is_empty() && now.lines.is_empty(), "{date}");
        assert!(
            now.notes.iter().any(|n| n.name.contains("not drawn")),
            "{date}"
        );
    }
    let before = s.in_force(day("1985-01-01"));
    assert!(before.areas.is_empty() && before.notes.len() == 1);
    assert_eq!(s.in_force(day("2000-01-01")).lines.len(), 1);
}

#[test]
fn change_days_cover_the_periods_of_the_issue() {
    let s = bundled_situation();
    let days: Vec<String> = s.change_days().iter().map(|c| c.day.to_string()).collect();
    for d in [
        "1988-02-20",
        "1994-05-12",
        "2020-09-27",
        "2020-11-10",
        "2020-11-20",
        "2020-11-25",
        "2020-12-01",
        "2022-08-26",
        "2023-04-23",
        "2023-09-19",
        "2023-09-20",
        "2024-01-01",
    ] {
        assert!(days.contains(&d.to_owned()), "{d} missing from {days:?}");
    }
    assert!(
        s.change_days()
            .iter()
            .all(|c| !c.label.is_empty() && !c.source.is_empty())
    );
    // every area is drawn with how it was built and the record it rests on
    for a in &s.areas {
        assert!(
            !a.record.how.is_empty() && !a.record.source.is_empty(),
            "{}",
            a.record.id
        );
    }
}

/// Runs the binary from the crate root.
fn atlas(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_caucasus-atlas"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

fn export_on(date: &str) -> serde_json::Value {
    let out = atlas(&["export", "basemap", "--date", date]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn of_kind<'a>(fc: &'a serde_json::Value, kind: &str) -> Vec<&'a serde_json::Value> {
    fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["kind"] == kind)
        .collect()
}

#[test]
fn export_basemap_on_a_date_adds_the_areas_then_in_force() {
    let plain = atlas(&["export", "basemap"]);
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(of_kind(&plain, "control").is_empty() && of_kind(&plain, "line").is_empty());
    let n = plain["features"].as_array().unwrap().len();

    let y2015 = export_on("2015-06-01");
    let control = of_kind(&y2015, "control");
    assert_eq!(control.len(), 1);
    let p = &control[0]["properties"];
    assert_eq!(p["status"], "armenian_held");
    assert_eq!(p["valid_from"], "1994-05-12");
    assert_eq!(p["valid_to"], "2020-09-27");
    assert_eq!(p["approximate"], false);
    assert!(p["source"].as_str().unwrap().contains("1994"));
    assert!(p["name"].is_string());
    assert_eq!(of_kind(&y2015, "line").len(), 1);
    // today's features first, unchanged
    assert_eq!(
        &y2015["features"].as_array().unwrap()[..n],
        &plain["features"].as_array().unwrap()[..]
    );

    let y2021 = export_on("2021-06-01");
    let mut statuses: Vec<&str> = of_kind(&y2021, "control")
        .iter()
        .map(|f| f["properties"]["status"].as_str().unwrap())
        .collect();
    statuses.sort_unstable();
    assert_eq!(statuses, ["corridor", "peacekeeping"]);
    assert!(
        of_kind(&y2021, "control")
            .iter()
            .all(|f| f["properties"]["approximate"] == true)
    );
    assert!(
        of_kind(&y2021, "control")
            .iter()
            .all(|f| f["properties"]["valid_to"].is_string())
    );
    assert!(of_kind(&export_on("2024-06-01"), "control").is_empty());
}

#[test]
fn export_basemap_with_a_bad_date_says_error_and_exits_1() {
    for bad in ["2021-13-01", "2021-06", "June 2021"] {
        let out = atlas(&["export", "basemap", "--date", bad]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

/// The map tells nothing before the first dated record: before the oblast was established on
/// 7 July 1923 no area or note is in force, and from that day its note is.
#[test]
fn nothing_is_in_force_before_the_oblast_was_established_in_1923() {
    let s = bundled_situation();
    let before = s.in_force(day("1923-07-06"));
    assert!(before.areas.is_empty() && before.lines.is_empty() && before.points.is_empty());
    assert!(before.notes.is_empty(), "{:?}", before.notes);
    let names: Vec<&str> = (s.in_force(day("1923-07-07")).notes.iter())
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Nagorno-Karabakh Autonomous Oblast (Azerbaijan SSR)"]
    );
}
