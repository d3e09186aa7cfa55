//! Reading lesson files, done when the app is built: `build.rs` includes
//! this module and stores the course it reads in the crate (see
//! [`crate::all`]), so the browser carries no Markdown parser. The crate's
//! own tests include it too (with pulldown-cmark as a dev-dependency), and
//! the `compile` feature exposes it to other tools. This is the Markdown
//! half of reading ([`outline`]); the blocks are read by
//! [`crate::outline::finish`], which needs no Markdown reader.

pub mod lesson;
pub mod markdown;

pub use lesson::{outline, parse_lesson};
