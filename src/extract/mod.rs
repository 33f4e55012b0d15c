//! From a news article to proposed events: sentences, date expressions resolved against the
//! publication date, gazetteer places, known actors, attributions and category cues. Deterministic
//! and explainable: each proposal's notes name the cues it rests on. No egui here.

pub mod date_resolve;
pub mod dates;
pub mod gazetteer;
pub mod html;
pub mod places;
pub mod sentences;
pub mod words;
