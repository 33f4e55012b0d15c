//! Side panels: the event list with its filters, and the detail of the selection with its source.

pub mod chip;
pub mod detail;
pub mod file_menu;
pub mod list;
pub mod load_panel;
pub mod source_view;
