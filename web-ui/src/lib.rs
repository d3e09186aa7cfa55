//! allocscope's front end: a Yew app that drives `alloc-sim` in the
//! browser and draws what it does.
//!
//! `main.rs` only renders [`App`]; everything else is here so that tests can
//! mount any component. State lives in one reducer ([`state`]); components
//! only show it and send actions.

pub mod app;
pub mod state;

pub use app::App;
