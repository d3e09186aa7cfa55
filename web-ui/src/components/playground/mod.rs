//! The playground page's parts, each with typed props: the app wires them
//! to its reducer and keeps the effects.
//!
//! - [`source::source`]: the code or the opened trace, and what went wrong;
//! - [`run::run_view`]: the stepper and the run over time, with its output.
//!
//! The heaps are [`heap_panes`](crate::components::heap_panes::heap_panes),
//! shared with the lessons.

pub mod run;
pub mod source;
