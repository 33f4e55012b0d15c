//! The map's layers, one file each, drawn bottom to top: the low-detail world, the basemap, the
//! situation on the slider's day, the area filter's outlines, the places' dots, the events, the
//! tracks of events that move, the arrows toward events outside the view, and the labels over all
//! of them.

pub mod areas;
pub mod arrows;
pub mod basemap;
pub mod events;
pub mod labels;
pub mod places;
pub mod situation;
pub mod tracks;
pub mod world;
