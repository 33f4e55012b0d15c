//! The integration tests, in one binary (one link instead of one per file): the real app driven
//! through AccessKit, the command line, the bundled content, bad files, the session and a real
//! window under Xvfb.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod acled_layouts;
mod area_filter;
mod bad_files;
mod cartography;
mod check_rules;
mod cli;
mod common;
mod content;
mod extract;
mod extract_props;
mod formats;
mod geography;
mod geojson;
mod glyphs;
mod open_export;
mod review;
mod review_window;
mod session;
mod situation;
mod situation_ui;
mod spreadsheets;
mod tracks;
mod ui;
mod verified_meaning;
mod window;
