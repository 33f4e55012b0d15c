//! The detail panel states what `verified` means, on the Verification row's tooltip.

use crate::common::harness;
use caucasus_atlas::commands::Command;
use egui_kittest::kittest::Queryable;

#[test]
fn the_verification_row_explains_verified() {
    let mut harness = harness();
    let lachin = harness
        .state()
        .data
        .index_of("2022-08-03-lachin-clash")
        .unwrap();
    harness.state_mut().apply(Command::Select(Some(lachin)));
    harness.run();
    harness
        .get_by_label("unverified: the source only passes it on")
        .hover();
    harness.run();
    harness.get_by_label_contains(
        "Verified: the source itself presents what this event records as established",
    );
    let flare = harness
        .state()
        .data
        .index_of("2022-08-03-nagorno-karabakh-flare-up")
        .unwrap();
    harness.state_mut().apply(Command::Select(Some(flare)));
    harness.run();
    harness.get_by_label("verified: the source presents it as established");
}
