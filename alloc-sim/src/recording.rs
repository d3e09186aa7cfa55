//! The one door every allocator call of a run goes through.
//!
//! A [`Recording`] makes a call on the [`Simulation`], builds its
//! [`CallRecord`] (from what was asked, what came back and what the
//! strategy narrated), keeps the heap's metrics after it, marks the
//! [`Timeline`] when the run is recorded for seeking, and honours the limit
//! on calls. The scenario interpreter and the trace replayer both drive it,
//! so a call is recorded in exactly one way, whoever made it.
//!
//! A bump arena's own calls (`bump.alloc`, a `Vec` growing in a `Bump`) do
//! not reach the global allocator; the arena makes them in its chunks, and
//! [`Recording::note_arena_call`] keeps them through the same door. The chunks come
//! from the global allocator through a [`Door`], as real bumpalo's do.

use std::convert::Infallible;

use crate::addr::Addr;
use crate::bump_arena::ChunkSource;
use crate::error::{CallError, LayoutSpec};
use crate::event::Event;
use crate::record::{Call, CallOp, CallRecord, Outcome, Run, Span};
use crate::sim::Simulation;
use crate::strategy::ThreadId;
use crate::timeline::Timeline;

/// Where a call comes from: its thread, its place in the input and why it
/// was made.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The thread making it.
    pub thread: ThreadId,
    /// The statement or op-list line.
    pub span: Option<Span>,
    /// The op list's name for the block.
    pub block: Option<u64>,
    /// Why, in Rust terms.
    pub reason: String,
    /// Whether the program didn't write the call (the runtime, stdout's
    /// buffer, a thread's blocks).
    pub implicit: bool,
}

/// The run has made the number of calls asked for: the caller stops where
/// it is (see [`Recording::stop_after`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

/// A run's calls as they are made. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    calls: Vec<CallRecord>,
    start: crate::metrics::Metrics,
    timeline: Option<Timeline>,
    stop_after: Option<usize>,
    narrate_first: usize,
    /// Calls made, recorded or not.
    made: usize,
    /// Whether calls are recorded at all (a replay summed up at its end
    /// needs only the heap it leaves).
    records: bool,
}

impl Recording {
    /// How many calls the run has made so far, recorded or not.
    pub fn made(&self) -> usize {
        self.made
    }

    /// Starts recording calls on `sim`, as its heap is now; with `seekable`,
    /// the heap after every call is kept in a [`Timeline`].
    pub fn start(sim: &mut Simulation, seekable: bool) -> Recording {
        Recording {
            calls: Vec::new(),
            start: sim.metrics(),
            timeline: seekable.then(|| Timeline::start(sim.heap_mut())),
            stop_after: None,
            narrate_first: usize::MAX,
            made: 0,
            records: true,
        }
    }

    /// Makes at most `calls` calls: the last one made returns [`Stopped`]
    /// (after it is recorded) and any later one is refused, so the heap
    /// stays exactly as it was right after the last call, as the timeline
    /// shows it.
    pub fn stop_after(mut self, calls: Option<usize>) -> Recording {
        self.stop_after = calls;
        self
    }

    /// Keeps the strategy's narration of the first `calls` calls only (a
    /// million-call trace keeps its results and metrics, not its prose).
    pub fn narrate_first(mut self, calls: usize) -> Recording {
        self.narrate_first = calls;
        self
    }

    /// Makes the calls without recording them: the run ends with no call
    /// records, only the heap and metrics of the simulation. What a summary
    /// of a million-call trace needs, at the allocator's own pace (a record
    /// costs the heap's metrics after each call, and memory).
    pub fn without_records(mut self) -> Recording {
        self.records = false;
        self
    }

    /// Takes out the records kept so far, oldest first: a caller that
    /// writes each call out as it is made (a long trace listed) keeps none.
    pub fn drain_calls(&mut self) -> std::vec::Drain<'_, CallRecord> {
        self.calls.drain(..)
    }

    /// Reserves room for `calls` more records.
    pub fn reserve(&mut self, calls: usize) {
        self.calls.reserve(calls);
    }

    /// Makes `call` on `sim` and records it. [`Stopped`] when this was the
    /// last call the run may make (it was made and recorded; the caller
    /// stops where it is) or the run had made them all already (it was not
    /// made).
    pub fn call(
        &mut self,
        sim: &mut Simulation,
        call: Call,
        origin: Origin,
    ) -> Result<Result<Addr, CallError>, Stopped> {
        self.check_limit()?;
        let thread = origin.thread;
        // Told only if the record will keep it (see `keep`).
        sim.narrate(self.records && self.calls.len() < self.narrate_first);
        let result = sim.make(thread, call);
        sim.narrate(true);
        if !self.records {
            self.made += 1;
            self.check_limit()?;
            return Ok(result);
        }
        let addr = match call {
            Call::Dealloc { addr, .. } => Some(addr),
            _ => result.as_ref().ok().copied(),
        };
        let old_addr = match call {
            Call::Realloc { addr, .. } => Some(addr),
            _ => None,
        };
        let events = sim.events().to_vec();
        self.keep(
            sim,
            CallRecord {
                op: call.op(),
                layout: call.layout(),
                new_size: call.new_size(),
                addr,
                old_addr,
                error: result.as_ref().err().cloned(),
                thread,
                span: origin.span,
                block: origin.block,
                reason: origin.reason,
                implicit: origin.implicit,
                events,
                metrics: sim.metrics(),
                arena: false,
            },
        );
        self.check_limit()?;
        Ok(result)
    }

    /// Records a call a bump arena made inside its chunks (which the global
    /// allocator never sees): what it asked, what came of it, and what the
    /// arena narrated.
    #[allow(clippy::too_many_arguments)]
    pub fn note_arena_call(
        &mut self,
        sim: &mut Simulation,
        op: CallOp,
        layout: LayoutSpec,
        new_size: Option<u64>,
        old_addr: Option<Addr>,
        result: &Result<Addr, CallError>,
        events: Vec<Event>,
        origin: Origin,
    ) -> Result<(), Stopped> {
        self.check_limit()?;
        self.keep(
            sim,
            CallRecord {
                op,
                layout,
                new_size,
                addr: result.as_ref().ok().copied(),
                old_addr,
                error: result.as_ref().err().cloned(),
                thread: origin.thread,
                span: origin.span,
                block: origin.block,
                reason: origin.reason,
                implicit: origin.implicit,
                events,
                metrics: sim.metrics(),
                arena: true,
            },
        );
        self.check_limit()
    }

    fn check_limit(&self) -> Result<(), Stopped> {
        match self.stop_after {
            Some(n) if self.made >= n => Err(Stopped),
            _ => Ok(()),
        }
    }

    fn keep(&mut self, sim: &mut Simulation, mut record: CallRecord) {
        self.made += 1;
        if self.calls.len() >= self.narrate_first {
            record.events = Vec::new();
        }
        self.calls.push(record);
        if let Some(timeline) = &mut self.timeline {
            timeline.mark(sim.heap_mut());
        }
    }

    /// The finished run.
    pub fn finish(
        self,
        sim: &mut Simulation,
        outcome: Outcome,
        output: Vec<String>,
        leaks: Vec<String>,
    ) -> Run {
        if self.timeline.is_some() {
            sim.heap_mut().stop_journal();
        }
        Run {
            calls: self.calls,
            start: self.start,
            timeline: self.timeline,
            output,
            output_open: false,
            outcome,
            leaks,
            statics: Vec::new(),
        }
    }

    /// Starts again on `sim`, a new heap made before any call: the
    /// program's own heap array, once its statics are laid out.
    pub fn rebase(&mut self, sim: &mut Simulation) {
        debug_assert!(self.calls.is_empty(), "rebased after a call");
        self.start = sim.metrics();
        if self.timeline.is_some() {
            self.timeline = Some(Timeline::start(sim.heap_mut()));
        }
    }
}

/// The global allocator as a bump arena sees it while a run is recorded:
/// its chunk calls go through the run's door, each recorded as it is made.
#[derive(Debug)]
pub struct Door<'a> {
    /// The heap and its strategy.
    pub sim: &'a mut Simulation,
    /// The run's calls.
    pub recording: &'a mut Recording,
    /// Where the arena's operation came from.
    pub origin: Origin,
}

impl ChunkSource for Door<'_> {
    type Halt = Stopped;

    fn sim(&mut self) -> &mut Simulation {
        self.sim
    }

    fn call(&mut self, call: Call, reason: String) -> Result<Result<Addr, CallError>, Stopped> {
        let origin = Origin {
            reason,
            ..self.origin.clone()
        };
        self.recording.call(self.sim, call, origin)
    }
}

/// A simulation on its own is a chunk source that records nothing.
impl ChunkSource for Simulation {
    type Halt = Infallible;

    fn sim(&mut self) -> &mut Simulation {
        self
    }

    fn call(&mut self, call: Call, _reason: String) -> Result<Result<Addr, CallError>, Infallible> {
        Ok(self.make(ThreadId::MAIN, call))
    }
}
