//! Caucasus Atlas: news events of the South Caucasus on a map linked to a timeline, each traced back
//! to the sentence of the article it came from.
//!
//! Layers: [`model`] (no egui), [`io`] (loaders and writers), and the viewer on top.

pub mod app;
pub mod capture;
pub mod cli;
pub mod commands;
pub mod dialogs;
pub mod extract;
pub mod filters;
pub mod fonts;
pub mod io;
pub mod loading;
pub mod map;
pub mod model;
pub mod palette;
pub mod panels;
pub mod row_search;
pub mod run;
pub mod time_control;
pub mod timeline;
pub mod view_state;
