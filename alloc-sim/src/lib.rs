#![doc = include_str!("../README.md")]

mod addr;
pub mod ascii_map;
mod blocks;
mod bump_arena;
mod chunk_map;
mod error;
mod event;
mod flat;
mod heap;
pub mod job;
#[cfg(feature = "json")]
pub mod json;
mod links;
mod metrics;
pub mod ops;
mod record;
mod recording;
mod role;
pub mod scenario;
pub mod score;
mod sim;
pub mod stable_sort;
pub mod strategy;
mod target;
mod timeline;
mod trace_run;
pub mod traces;
pub mod units;

pub use addr::{align_down, align_up, Addr};
pub use bump_arena::{ArenaChunk, ArenaResult, BumpArena, ChunkSource};
pub use error::{AllocError, CallError, LayoutSpec, Misuse, Shortfall};
pub use event::{Event, Log, Rejection};
pub use heap::{Heap, HeapConfig, HeapConfigError, DEFAULT_BASE, MAX_HEAP_SIZE, MIN_HEAP_SIZE};
pub use links::{free_links, FreeLink, NodeLink};
pub use metrics::Metrics;
pub use record::{Call, CallOp, CallRecord, Outcome, OwnCounts, Run, ScenarioError, Span};
pub use recording::{Door, Origin, Recording, Stopped};
pub use role::{AllocId, Metadata, Region, Role, RoleClass, RoleMap};
pub use sim::{Live, Simulation};
pub use strategy::{AnyStrategy, FreeSpace, Settings, Strategy, StrategyKind, ThreadId};
pub use target::{LayoutError, Target};
pub use timeline::{Timeline, MIN_SPACING, SNAPSHOT_BUDGET};
pub use trace_run::{TraceRun, NARRATED_CALLS};
