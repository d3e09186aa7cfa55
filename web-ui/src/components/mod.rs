//! Small components, each named after what it shows.

pub mod call_log;
pub mod chart;
pub mod code_pane;
pub mod heap_diagram;
pub mod heap_map;
pub mod heap_panes;
pub mod inspector;
pub mod legend;
pub mod lesson;
pub mod metrics_table;
pub mod overview_strip;
pub mod playground;
pub mod score_panel;
pub mod settings_bar;
pub mod stepper;
pub mod toolbar;
pub mod trace_open;
pub mod trace_text;
