//! The live blocks of a lesson: fenced code blocks whose info string names
//! a widget, read into what the app shows and the tests check.
//!
//! ````text
//! ```scenario strategies=first-fit,size-class heap=4096 step=0 panes=code,map,log
//! fn main() { let b = Box::new(7u32); }
//! ```
//!
//! ```layout
//! #[repr(C)]
//! struct Header { tag: u8, len: u32 }
//! ```
//!
//! ```quiz
//! ask: call(2).addr
//! choices: 0x1000, 0x1010, 0x1020
//! --- question
//! Which address does the second `alloc` return?
//! --- explain
//! First fit takes the lowest hole that fits.
//! ```
//!
//! ```exercise
//! title: Allocate once
//! goal: allocations == 1 && reallocs == 0
//! hint: `Vec::with_capacity` asks for everything up front.
//! --- task
//! Make the vector allocate once.
//! --- start
//! fn main() { … }
//! --- solution
//! fn main() { … }
//! ```
//! ````
//!
//! A ```` ```drill ```` block, empty, is a stream of drills made by the
//! page (see [`crate::drill`]).
//!
//! A ```` ```compare ```` block runs one program on several allocators,
//! or on one under several settings, and shows their figures in a table
//! (search steps, peak utilisation, heap used, largest free block, failed
//! calls), one `row:` each:
//!
//! ````text
//! ```compare
//! heap: 4KiB
//! row: implicit-list placement=first
//! row: implicit-list placement=best
//! row: buddy
//! --- code
//! fn main() { … }
//! ```
//! ````
//!
//! A scenario block may also set its strategies' settings, by their keys
//! (`placement=best` for `implicit-list`); the lessons' own (pages of 512
//! bytes) hold otherwise.
//!
//! A quiz or an exercise has `key: value` lines first (`strategies`, `heap`,
//! and its own keys), then `--- name` sections. A quiz without a `--- code`
//! section asks about the scenario block above it. The right answer to a
//! quiz is never written down: it is what the simulation computes for `ask`.

use alloc_sim::scenario::StructLayout;
use alloc_sim::StrategyKind;
use serde::{Deserialize, Serialize};

use crate::goal::Goal;
use crate::node::Markdown;

/// The heap of a block that does not say.
pub const DEFAULT_HEAP: u64 = 4096;

/// Which parts of the visualiser a scenario block shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Panes {
    /// The code, editable.
    pub code: bool,
    /// The heap maps.
    pub map: bool,
    /// The call log.
    pub log: bool,
    /// The metrics table.
    pub metrics: bool,
    /// Malloc lab's score of the program's own allocator on the shipped
    /// traces, beside the built-in strategies.
    pub score: bool,
}

impl Default for Panes {
    fn default() -> Panes {
        Panes {
            code: true,
            map: true,
            log: true,
            metrics: false,
            score: false,
        }
    }
}

/// A scenario with the visualiser around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioBlock {
    /// The line of its opening fence.
    pub line: usize,
    /// The program.
    pub code: String,
    /// The strategies it runs on, side by side.
    #[serde(with = "kinds")]
    pub strategies: Vec<StrategyKind>,
    /// Heap size for each.
    pub heap: u64,
    /// The call the stepper starts at (`None`: the end).
    pub step: Option<usize>,
    /// What is shown.
    pub panes: Panes,
    /// Settings of its strategies other than the lessons' own, by key and
    /// value as the fence gives them (`placement=next`).
    pub settings: Vec<(String, String)>,
}

/// Structs drawn as bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutBlock {
    /// The line of its opening fence.
    pub line: usize,
    /// The struct definitions.
    pub source: String,
    /// Their layouts on a 64-bit target, as rustc lays them out: worked
    /// out when the lesson is read, so the page needs no parser for them.
    pub structs: Vec<StructLayout>,
}

/// Drills that never run out (see [`crate::drill`]): the page makes them
/// from a seed, one after another, and keeps the learner's streak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillBlock {
    /// The line of its opening fence.
    pub line: usize,
}

/// Predict, then reveal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quiz {
    /// The line of its opening fence.
    pub line: usize,
    /// The question.
    pub question: Markdown,
    /// What the simulation computes: its value is the answer.
    pub ask: Goal,
    /// Choices; none means the learner types a number.
    pub choices: Vec<String>,
    /// Why, shown after answering.
    pub explain: Markdown,
    /// The program asked about.
    pub code: String,
    /// Whether the program is the quiz's own (`--- code`), which the quiz
    /// shows; otherwise it is the scenario block's above it.
    pub own_code: bool,
    /// The calls made before the first call the quiz asks about: its
    /// run, and the scenario above it, are held there until the learner
    /// answers, so the asked call is not on screen (`None`: it asks
    /// about no call). Worked out with the answer.
    pub stop: Option<usize>,
    /// The strategy it runs on.
    #[serde(with = "kind")]
    pub strategy: StrategyKind,
    /// Its heap size.
    pub heap: u64,
    /// Its strategy's settings, as a scenario block's (the block above's,
    /// or the quiz's own `placement: …`).
    pub settings: Vec<(String, String)>,
    /// The answer: what the simulation computes for `ask`, worked out when
    /// the lesson is read (a quiz whose program cannot answer is an error
    /// there), so the page runs nothing to know it.
    pub truth: crate::goal::Value,
}

/// Code to change until its goals hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exercise {
    /// The line of its opening fence.
    pub line: usize,
    /// A few words.
    pub title: String,
    /// What to do.
    pub task: Markdown,
    /// Every goal must hold.
    pub goals: Vec<Goal>,
    /// Shown one at a time, on request.
    pub hints: Vec<Markdown>,
    /// The code the learner starts from.
    pub start: String,
    /// A reference solution, kept out of sight.
    pub solution: String,
    /// The strategies it runs on (goals read the first unless they say).
    #[serde(with = "kinds")]
    pub strategies: Vec<StrategyKind>,
    /// Heap size for each.
    pub heap: u64,
    /// Its strategies' settings (`placement: next`), as a scenario block's.
    pub settings: Vec<(String, String)>,
}

/// One program run on several allocators, or one allocator under several
/// settings (`implicit-list` under first, next and best fit), its figures
/// side by side in a table: the lab's comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareBlock {
    /// The line of its opening fence.
    pub line: usize,
    /// The program every row runs.
    pub code: String,
    /// Heap size for each.
    pub heap: u64,
    /// One row per allocator, in the order written.
    pub rows: Vec<CompareRow>,
}

/// One allocator of a [`CompareBlock`] and what the program did on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareRow {
    /// The strategy.
    #[serde(with = "kind")]
    pub strategy: StrategyKind,
    /// Its settings other than the lessons' own (`placement=best`).
    pub settings: Vec<(String, String)>,
    /// The run's figures, worked out when the lesson is read (so the page
    /// runs nothing to show them); checked again by `verify`.
    pub figures: Figures,
}

/// What a comparison shows of one run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Holes or blocks examined while searching, over all calls.
    pub search_steps: u64,
    /// Peak live bytes over the heap the allocator used (malloc lab's
    /// utilisation), 0 to 1.
    pub peak_utilisation: f64,
    /// The heap the allocator used: from its start to the highest byte.
    pub heap_size: u64,
    /// The largest free block when the program ends.
    pub largest_free: u64,
    /// Calls that found no room.
    pub failed: u64,
}

impl Figures {
    /// The figures of a run's end.
    pub fn of(m: &alloc_sim::Metrics) -> Figures {
        Figures {
            search_steps: m.search_steps,
            peak_utilisation: m.peak_utilisation(),
            heap_size: m.heap_size,
            largest_free: m.largest_free,
            failed: m.failed,
        }
    }
}

/// A strategy stored by its name.
mod kind {
    use alloc_sim::StrategyKind;
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(k: &StrategyKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(k.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<StrategyKind, D::Error> {
        let name = String::deserialize(d)?;
        StrategyKind::from_name(&name)
            .ok_or_else(|| de::Error::custom(format!("no strategy is called {name}")))
    }
}

/// Strategies stored by their names.
mod kinds {
    use alloc_sim::StrategyKind;
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(ks: &[StrategyKind], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(ks.iter().map(|k| k.name()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<StrategyKind>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|n| {
                StrategyKind::from_name(n)
                    .ok_or_else(|| de::Error::custom(format!("no strategy is called {n}")))
            })
            .collect()
    }
}
