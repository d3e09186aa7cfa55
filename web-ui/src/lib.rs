//! allocscope's front end: a Yew app that runs scenarios through
//! `alloc-sim` in the browser and draws what the allocator does.
//!
//! `main.rs` only renders [`App`], which shows the page the address bar
//! names ([`route`]): the playground, the lessons index, a lesson, or a
//! teacher's own lesson file ([`reader`] reads it in a worker of its own);
//! everything else is here so that tests can mount any component. State lives in one reducer ([`state`]); components
//! ([`components`]) only show it and send actions; [`pixels`] computes the
//! heap map's pixels and [`diagram`] its labelled diagram, natively testable.

pub mod app;
pub mod assets;
pub mod code_editor;
pub mod components;
pub mod diagram;
pub mod editor;
pub mod embed;
pub mod engine;
pub mod fetch;
pub mod first_run;
pub mod highlight;
pub mod inspect;
pub mod lesson_state;
pub mod markdown;
pub mod overview;
pub mod pixels;
pub mod player;
pub mod reader;
pub mod route;
pub mod router;
pub mod runner;
pub mod setup;
pub mod share;
pub mod state;
pub mod storage;
pub mod view;
pub mod viewport;
#[cfg(not(feature = "inline-engine"))]
pub mod worker;

pub use router::App;
