//! A heap, a strategy, and the contract between them and the program.
//!
//! [`Simulation`] is the one door into a strategy. It checks every call
//! against `GlobalAlloc`'s contract before the strategy sees it (real
//! allocators cannot afford to; here each breach becomes an explanation and
//! the heap is left as it was), keeps the counters, and remembers what the
//! strategy narrated during the last call.

use core::alloc::Layout;

use crate::addr::Addr;
use crate::blocks::Blocks;
use crate::error::{AllocError, CallError, LayoutSpec, Misuse, Shortfall};
use crate::event::{Event, Log};
use crate::heap::{Heap, HeapConfig, HeapConfigError};
use crate::metrics::Metrics;
use crate::record::{Call, CallOp};
use crate::role::{AllocId, Role, RoleClass};
use crate::strategy::{AnyStrategy, FreeSpace, Request, Strategy, StrategyKind, ThreadId};

/// The largest heap that debug builds check after every call (see
/// `Simulation::check_after`). The check walks every live block, every run
/// of the role map and the strategy's own structures: O(heap) per call.
/// Up to 1 MiB, which every test but the shipped traces' replay stays
/// within, it makes the test suite about a third slower. The shipped traces
/// (up to 50,000 calls on 8 MiB, on every strategy) would take more than a
/// quarter of an hour instead of seconds, so a larger heap is checked only
/// where its test calls `check` (the traces' test does, after each replay).
#[cfg_attr(not(debug_assertions), allow(dead_code))]
const CHECKED_HEAP_LIMIT: u64 = 1 << 20;

/// A live allocation, as the program knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Live {
    /// Which allocation.
    pub id: AllocId,
    /// The layout it was allocated (or last reallocated) with.
    pub layout: Layout,
    /// The thread that allocated it.
    pub thread: ThreadId,
    /// Whether a [`BumpArena`](crate::BumpArena) owns it as a chunk and
    /// paints its inside itself.
    pub arena_chunk: bool,
}

/// A simulated heap managed by one strategy. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simulation {
    heap: Heap,
    strategy: AnyStrategy,
    /// The blocks given to the program, live and freed, by address.
    blocks: Blocks,
    next_id: u32,
    counters: Metrics,
    last: Log,
}

impl Simulation {
    /// A fresh heap with `kind`'s default settings.
    pub fn new(config: HeapConfig, kind: StrategyKind) -> Result<Simulation, HeapConfigError> {
        Simulation::with_strategy(config, kind.build())
    }

    /// A fresh heap managed by `strategy`, which has not been initialised.
    pub fn with_strategy(
        config: HeapConfig,
        strategy: AnyStrategy,
    ) -> Result<Simulation, HeapConfigError> {
        config.validate()?;
        Ok(Simulation::on(config, strategy))
    }

    /// A fresh heap of `config` (already checked) managed by `strategy`.
    fn on(config: HeapConfig, mut strategy: AnyStrategy) -> Simulation {
        let mut heap = Heap::new(config);
        strategy.init(&mut heap);
        Simulation {
            heap,
            strategy,
            blocks: Blocks::default(),
            next_id: 1,
            counters: Metrics::default(),
            last: Log::default(),
        }
    }

    /// A heap that is a static array of a program, at the address the
    /// program's statics gave it (which need not be a multiple of 16),
    /// managed by `strategy`.
    pub fn over_static_array(
        config: HeapConfig,
        strategy: AnyStrategy,
    ) -> Result<Simulation, HeapConfigError> {
        config.at(crate::heap::DEFAULT_BASE).validate()?;
        if config.base.0 == 0 {
            return Err(HeapConfigError::BaseAlignment(config.base));
        }
        Ok(Simulation::on(config, strategy))
    }

    /// The heap's bytes and roles.
    pub fn heap(&self) -> &Heap {
        &self.heap
    }

    /// The strategy, to look at its structures.
    pub fn strategy(&self) -> &AnyStrategy {
        &self.strategy
    }

    /// The program's own allocator, when the heap is its static array: to
    /// tell it what the program's code did before a call is made.
    pub fn yours_mut(&mut self) -> Option<&mut crate::strategy::Yours> {
        match &mut self.strategy {
            AnyStrategy::Yours(y) => Some(y),
            _ => None,
        }
    }

    /// The live allocations, lowest address first.
    pub fn live(&self) -> impl DoubleEndedIterator<Item = (&Addr, &Live)> + '_ {
        self.blocks.live()
    }

    /// What the strategy narrated during the last call: nothing but why it
    /// found no room, if the call was made for a record that keeps no
    /// narration.
    pub fn events(&self) -> &[Event] {
        &self.last.events
    }

    /// Whether the strategy narrates the calls to come (it does unless told
    /// otherwise): a run that will not keep a call's narration saves the
    /// telling. The holes a search examines are counted either way.
    pub(crate) fn narrate(&mut self, on: bool) {
        self.last.quiet = !on;
    }

    /// Ends a call's narration: summarises what was only counted.
    fn finish_call(&mut self) {
        self.last.flush();
        self.counters.search_steps += self.last.search_steps;
    }

    /// The id the next allocation will get.
    pub fn next_id(&self) -> AllocId {
        AllocId(self.next_id)
    }

    /// `alloc(layout)` on the main thread.
    pub fn alloc(&mut self, layout: Layout) -> Result<Addr, CallError> {
        self.alloc_on(ThreadId::MAIN, layout, false)
    }

    /// `alloc_zeroed(layout)` on the main thread.
    pub fn alloc_zeroed(&mut self, layout: Layout) -> Result<Addr, CallError> {
        self.alloc_on(ThreadId::MAIN, layout, true)
    }

    /// `dealloc(addr, layout)` on the main thread.
    pub fn dealloc(&mut self, addr: Addr, layout: Layout) -> Result<(), CallError> {
        self.dealloc_on(ThreadId::MAIN, addr, layout)
    }

    /// `realloc(addr, layout, new_size)` on the main thread.
    pub fn realloc(
        &mut self,
        addr: Addr,
        layout: Layout,
        new_size: u64,
    ) -> Result<Addr, CallError> {
        self.realloc_on(ThreadId::MAIN, addr, layout, new_size)
    }

    /// Makes `call` on `thread`: what `alloc` or `realloc` returned, or the
    /// pointer `dealloc` took back.
    pub fn make(&mut self, thread: ThreadId, call: Call) -> Result<Addr, CallError> {
        match call {
            Call::Alloc { layout, zeroed } => self.alloc_spec(thread, layout, zeroed),
            Call::Dealloc { addr, layout } => {
                self.dealloc_spec(thread, addr, layout).map(|()| addr)
            }
            Call::Realloc {
                addr,
                layout,
                new_size,
            } => self.realloc_spec(thread, addr, layout, new_size),
        }
    }

    /// Allocation from a size and alignment at the target's width: checks
    /// them as `Layout::from_size_align` would on the target, and refuses a
    /// request larger than the whole heap without asking the strategy (so
    /// the trace is the same on every host).
    pub fn alloc_spec(
        &mut self,
        thread: ThreadId,
        spec: LayoutSpec,
        zeroed: bool,
    ) -> Result<Addr, CallError> {
        let result = self.alloc_spec_unchecked(thread, spec, zeroed);
        self.check_after(
            || format!("{}({spec}) {thread}", alloc_name(zeroed)),
            &result,
        );
        result
    }

    fn alloc_spec_unchecked(
        &mut self,
        thread: ThreadId,
        spec: LayoutSpec,
        zeroed: bool,
    ) -> Result<Addr, CallError> {
        self.last.clear();
        self.heap
            .target()
            .check_layout(spec.size, spec.align)
            .map_err(CallError::Layout)?;
        let layout = self.fit_to_heap(spec)?;
        self.alloc_unchecked(thread, layout, zeroed)
    }

    /// The whole-heap check after every call, in debug builds, as talc runs
    /// `scan_for_errors`: a test checks each strategy's invariants after each
    /// call it makes, whether the call succeeded or not. A failed check
    /// is a bug in a strategy or in this file, never the program's fault, so
    /// it panics, naming the call. Heaps larger than [`CHECKED_HEAP_LIMIT`]
    /// are not checked, and release builds compile the check out.
    #[cfg_attr(not(debug_assertions), allow(unused_variables))]
    #[inline]
    fn check_after<T: std::fmt::Debug>(
        &self,
        call: impl FnOnce() -> String,
        result: &Result<T, CallError>,
    ) {
        #[cfg(debug_assertions)]
        if self.heap.len() <= CHECKED_HEAP_LIMIT {
            if let Err(e) = self.check() {
                panic!("heap check failed after {} → {result:?}: {e}", call());
            }
        }
    }

    /// Whether `spec` can go to a strategy at all; if not, an out-of-memory
    /// result that says why: the size or the alignment is larger than the
    /// whole heap.
    fn fit_to_heap(&mut self, spec: LayoutSpec) -> Result<Layout, CallError> {
        let heap = self.heap.len();
        let refusal = if spec.size > heap {
            Some((
                Event::LargerThanHeap {
                    size: spec.size,
                    heap,
                },
                Shortfall::LargerThanHeap { heap },
            ))
        } else if spec.align > heap {
            let shortfall = if self.has_aligned_room(spec, self.heap.base(), self.heap.end()) {
                Shortfall::AlignmentLargerThanHeap { heap }
            } else {
                Shortfall::NoAlignedAddress {
                    start: self.heap.base(),
                    end: self.heap.end(),
                }
            };
            let event = Event::AlignmentLargerThanHeap {
                align: spec.align,
                heap,
            };
            Some((event, shortfall))
        } else {
            None
        };
        if let Some((event, shortfall)) = refusal {
            self.last.push(event);
            self.counters.failed += 1;
            return Err(CallError::OutOfMemory(self.alloc_error(spec, shortfall)));
        }
        // The target's rules made the alignment a power of two, and a size
        // and an alignment no larger than a heap (64 MiB at most) make a
        // `Layout` on every host.
        let Ok(layout) = Layout::from_size_align(spec.size as usize, spec.align as usize) else {
            unreachable!("a power-of-two alignment and a size within the heap make a Layout")
        };
        Ok(layout)
    }

    fn alloc_error(&self, layout: LayoutSpec, shortfall: Shortfall) -> AllocError {
        let free = self.strategy.free_space(&self.heap);
        Self::error_with(layout, free, shortfall)
    }

    /// The strategy found no room for `spec`: the error, with why.
    fn no_room(&self, spec: LayoutSpec) -> AllocError {
        let free = self.strategy.free_space(&self.heap);
        Self::error_with(spec, free, self.shortfall(spec, free))
    }

    fn error_with(layout: LayoutSpec, free: FreeSpace, shortfall: Shortfall) -> AllocError {
        AllocError {
            layout,
            total_free: free.total,
            largest_free: free.largest,
            shortfall,
        }
    }

    /// Why the strategy found no room for `spec`, from what can be checked:
    /// the heap's addresses, the strategy's narration of the call, its free
    /// space, and the free bytes of the role map.
    fn shortfall(&self, spec: LayoutSpec, free: FreeSpace) -> Shortfall {
        if self.strategy.kind() == StrategyKind::Yours {
            return Shortfall::ReturnedNull;
        }
        let (start, end) = (self.heap.base(), self.heap.end());
        if !self.has_aligned_room(spec, start, end) {
            return Shortfall::NoAlignedAddress { start, end };
        }
        let unsupported = self.last.events.iter().find_map(|e| match e {
            Event::AlignmentUnsupported { max, .. } => Some(*max),
            _ => None,
        });
        if let Some(max) = unsupported {
            return Shortfall::AlignmentUnsupported { max };
        }
        if free.total < spec.size {
            Shortfall::TooLittleFree
        } else if free.largest < spec.size {
            Shortfall::Fragmented
        } else if self
            .free_runs()
            .any(|(s, e)| self.has_aligned_room(spec, s, e))
        {
            Shortfall::StrategyRules
        } else {
            Shortfall::NoAlignedHole
        }
    }

    /// Whether `start..end` holds an address that is a multiple of
    /// `spec.align` with `spec.size` bytes after it.
    fn has_aligned_room(&self, spec: LayoutSpec, start: Addr, end: Addr) -> bool {
        start
            .0
            .checked_next_multiple_of(spec.align)
            .and_then(|at| at.checked_add(spec.size))
            .is_some_and(|block_end| block_end <= end.0)
    }

    /// The maximal runs of bytes the strategy could hand out: free, never
    /// touched, or a free-list node or link living in free memory. (A
    /// thread's cached regions and an arena's free chunk space are not the
    /// strategy's to give to anyone.)
    fn free_runs(&self) -> impl Iterator<Item = (Addr, Addr)> + '_ {
        use crate::role::{Metadata, Role};
        let base = self.heap.base();
        let is_free = |role: Role| {
            matches!(
                role,
                Role::Free
                    | Role::Untouched
                    | Role::Metadata(Metadata::HoleNode)
                    | Role::Metadata(Metadata::FreeLink)
            )
        };
        let mut regions = self.heap.regions().peekable();
        std::iter::from_fn(move || {
            let first = regions.find(|r| is_free(r.role))?;
            let mut end = first.end;
            while let Some(next) = regions.next_if(|r| is_free(r.role)) {
                end = next.end;
            }
            Some((base.add(first.start), base.add(end)))
        })
    }

    /// `alloc` or `alloc_zeroed` on `thread`.
    pub fn alloc_on(
        &mut self,
        thread: ThreadId,
        layout: Layout,
        zeroed: bool,
    ) -> Result<Addr, CallError> {
        let result = self.alloc_unchecked(thread, layout, zeroed);
        self.check_after(
            || {
                format!(
                    "{}({}) {thread}",
                    alloc_name(zeroed),
                    LayoutSpec::from(layout)
                )
            },
            &result,
        );
        result
    }

    fn alloc_unchecked(
        &mut self,
        thread: ThreadId,
        layout: Layout,
        zeroed: bool,
    ) -> Result<Addr, CallError> {
        self.last.clear();
        if layout.size() == 0 {
            self.counters.misuses += 1;
            let call = alloc_name(zeroed);
            return Err(Misuse::ZeroSize { call }.into());
        }
        let request = Request {
            layout,
            id: AllocId(self.next_id),
            thread,
        };
        let result = if zeroed {
            self.strategy
                .alloc_zeroed(&mut self.heap, request, &mut self.last)
        } else {
            self.strategy.alloc(&mut self.heap, request, &mut self.last)
        };
        self.finish_call();
        match result {
            Some(addr) => {
                self.next_id += 1;
                self.counters.allocs += 1;
                self.blocks.give(
                    addr,
                    Live {
                        id: request.id,
                        layout,
                        thread,
                        arena_chunk: false,
                    },
                );
                self.add_live_bytes(layout.size() as u64);
                Ok(addr)
            }
            None => {
                self.counters.failed += 1;
                let spec = layout.into();
                Err(CallError::OutOfMemory(self.no_room(spec)))
            }
        }
    }

    fn add_live_bytes(&mut self, bytes: u64) {
        self.counters.live_bytes += bytes;
        self.counters.peak_live_bytes = self.counters.peak_live_bytes.max(self.counters.live_bytes);
    }

    /// Whether `call` breaks `GlobalAlloc`'s contract on the caller's side
    /// (a zero or invalid size, a pointer that is not a live block, the
    /// wrong layout): such a call never reaches an allocator, so the
    /// program's own allocator's code is not run for it.
    pub fn breaks_contract(&self, call: &Call) -> bool {
        let target = self.heap.target();
        match *call {
            Call::Alloc { layout, .. } => {
                layout.size == 0 || target.check_layout(layout.size, layout.align).is_err()
            }
            Call::Dealloc { addr, layout } => {
                self.check_block(CallOp::Dealloc, addr, layout).is_err()
            }
            Call::Realloc {
                addr,
                layout,
                new_size,
            } => {
                new_size == 0
                    || target.check_layout(new_size, layout.align).is_err()
                    || self.check_block(CallOp::Realloc, addr, layout).is_err()
            }
        }
    }

    /// Checks that `addr` is a live block allocated with `layout`.
    fn check_block(&self, call: CallOp, addr: Addr, layout: LayoutSpec) -> Result<Live, Misuse> {
        let Some(live) = self.blocks.live_at(addr) else {
            if let Some(&Live { id, .. }) = self.blocks.freed_at(addr) {
                return Err(Misuse::DoubleFree { call, addr, id });
            }
            let inside = self
                .blocks
                .live_below(addr, false)
                .filter(|(start, l)| addr < start.add(l.layout.size() as u64))
                .map(|(start, l)| (start, l.id));
            return Err(Misuse::NotAllocated { call, addr, inside });
        };
        let actual = LayoutSpec::from(live.layout);
        if actual != layout {
            let given = Layout::from_size_align(layout.size as usize, layout.align as usize)
                .unwrap_or(live.layout);
            return Err(Misuse::WrongLayout {
                call,
                addr,
                given: layout,
                actual,
                consequence: self
                    .strategy
                    .wrong_layout_consequence(given, live.layout, &self.heap),
            });
        }
        Ok(*live)
    }

    /// `dealloc` on `thread`.
    pub fn dealloc_on(
        &mut self,
        thread: ThreadId,
        addr: Addr,
        layout: Layout,
    ) -> Result<(), CallError> {
        self.dealloc_spec(thread, addr, layout.into())
    }

    /// `dealloc` with a size and alignment that may not make a host `Layout`
    /// (which can only be a wrong layout).
    pub fn dealloc_spec(
        &mut self,
        thread: ThreadId,
        addr: Addr,
        layout: LayoutSpec,
    ) -> Result<(), CallError> {
        let result = self.dealloc_unchecked(thread, addr, layout);
        self.check_after(|| format!("dealloc({addr}, {layout}) {thread}"), &result);
        result
    }

    fn dealloc_unchecked(
        &mut self,
        thread: ThreadId,
        addr: Addr,
        layout: LayoutSpec,
    ) -> Result<(), CallError> {
        self.last.clear();
        let live = match self.check_block(CallOp::Dealloc, addr, layout) {
            Ok(live) => live,
            Err(e) => {
                self.counters.misuses += 1;
                return Err(e.into());
            }
        };
        // A client may have painted inside the block (a bump arena paints
        // its own values in its chunk; the program's own allocator paints
        // whatever its code wrote, even inside a live block); the strategy
        // frees the block it handed out, so it gets it back as it made it:
        // all payload. No other strategy paints inside a live block.
        if live.arena_chunk || matches!(self.strategy, AnyStrategy::Yours(_)) {
            self.heap
                .paint(addr, live.layout.size() as u64, Role::Payload(live.id));
        }
        self.strategy
            .dealloc(&mut self.heap, addr, live.layout, thread, &mut self.last);
        self.finish_call();
        self.blocks.take_back(addr);
        self.counters.deallocs += 1;
        self.counters.live_bytes -= live.layout.size() as u64;
        Ok(())
    }

    /// `realloc` on `thread`.
    pub fn realloc_on(
        &mut self,
        thread: ThreadId,
        addr: Addr,
        layout: Layout,
        new_size: u64,
    ) -> Result<Addr, CallError> {
        self.realloc_spec(thread, addr, layout.into(), new_size)
    }

    /// `realloc` with a layout at the target's width.
    pub fn realloc_spec(
        &mut self,
        thread: ThreadId,
        addr: Addr,
        layout: LayoutSpec,
        new_size: u64,
    ) -> Result<Addr, CallError> {
        let result = self.realloc_unchecked(thread, addr, layout, new_size);
        self.check_after(
            || format!("realloc({addr}, {layout}, {new_size}) {thread}"),
            &result,
        );
        result
    }

    fn realloc_unchecked(
        &mut self,
        thread: ThreadId,
        addr: Addr,
        layout: LayoutSpec,
        new_size: u64,
    ) -> Result<Addr, CallError> {
        self.last.clear();
        let live = match self.check_block(CallOp::Realloc, addr, layout) {
            Ok(live) => live,
            Err(e) => {
                self.counters.misuses += 1;
                return Err(e.into());
            }
        };
        let refuse = |reason: String| Misuse::BadNewSize { new_size, reason };
        let bad = if new_size == 0 {
            Some(refuse(
                "the new size must not be zero; use dealloc to free".to_string(),
            ))
        } else {
            self.heap
                .target()
                .check_layout(new_size, layout.align)
                .err()
                .map(|e| refuse(format!("the new size must make a valid Layout: {e}")))
        };
        if let Some(misuse) = bad {
            self.counters.misuses += 1;
            return Err(misuse.into());
        }
        let new_spec = LayoutSpec {
            size: new_size,
            align: layout.align,
        };
        let new_layout = self.fit_to_heap(new_spec)?;
        let request = Request {
            layout: new_layout,
            id: live.id,
            thread,
        };
        let result = self.strategy.realloc(
            &mut self.heap,
            addr,
            live.layout,
            new_size,
            request,
            &mut self.last,
        );
        self.finish_call();
        let Some(new) = result else {
            self.counters.failed += 1;
            return Err(CallError::OutOfMemory(self.no_room(new_spec)));
        };
        self.blocks.take_back(addr);
        if new == addr {
            self.counters.reallocs_in_place += 1;
        } else {
            self.counters.reallocs_moved += 1;
        }
        self.blocks.give(
            new,
            Live {
                layout: new_layout,
                ..live
            },
        );
        self.counters.live_bytes -= layout.size;
        self.add_live_bytes(new_size);
        Ok(new)
    }

    /// Writes `data` at `addr`, which must lie inside one live allocation's
    /// requested bytes: what a program does through a pointer it owns.
    pub fn write(&mut self, addr: Addr, data: &[u8]) -> Result<(), Misuse> {
        self.check_access(addr, data.len() as u64)?;
        self.heap.write(addr, data);
        Ok(())
    }

    /// Reads `len` bytes at `addr`, inside one live allocation.
    pub fn read(&self, addr: Addr, len: u64) -> Result<&[u8], Misuse> {
        self.check_access(addr, len)?;
        Ok(self.heap.read(addr, len))
    }

    fn check_access(&self, addr: Addr, len: u64) -> Result<(), Misuse> {
        // A zero-sized access touches no byte: std's pointer rules let it
        // be made anywhere (the end of a block, a freed one).
        if len == 0 {
            return Ok(());
        }
        match self.blocks.live_below(addr, true) {
            Some((start, live)) if addr.add(len) <= start.add(live.layout.size() as u64) => Ok(()),
            _ => {
                let id = self.blocks.freed_around(addr).map(|freed| freed.id);
                Err(Misuse::UseAfterFree { addr, id })
            }
        }
    }

    /// Frees every block at once, if the strategy is a bump allocator.
    /// Returns whether it was.
    pub fn reset(&mut self) -> bool {
        self.last.clear();
        let AnyStrategy::Bump(bump) = &mut self.strategy else {
            return false;
        };
        bump.reset(&mut self.heap, &mut self.last);
        self.blocks.take_back_all();
        self.counters.live_bytes = 0;
        true
    }

    /// Hands the live block at `addr` to a bump arena as one of its chunks.
    pub(crate) fn adopt_as_arena_chunk(&mut self, addr: Addr) {
        if let Some(live) = self.blocks.live_at_mut(addr) {
            live.arena_chunk = true;
        }
    }

    /// The heap, for a bump arena working inside its chunks.
    pub(crate) fn heap_mut(&mut self) -> &mut Heap {
        &mut self.heap
    }

    /// A fresh allocation id, for an allocation made inside an arena.
    pub(crate) fn take_id(&mut self) -> AllocId {
        let id = AllocId(self.next_id);
        self.next_id += 1;
        id
    }

    /// What `malloc` guarantees under this strategy (see
    /// [`Strategy::malloc_align`]).
    pub fn malloc_align(&self) -> u64 {
        self.strategy.malloc_align(&self.heap)
    }

    /// The counters, and the measurements of the heap as it is now.
    pub fn metrics(&self) -> Metrics {
        let roles = self.heap.roles();
        let free = self.strategy.free_space(&self.heap);
        Metrics {
            live_allocations: self.blocks.live_len() as u64,
            footprint: self.heap.footprint(),
            heap_size: self.strategy.heap_size(&self.heap),
            padding_bytes: roles.total(RoleClass::Padding),
            slack_bytes: roles.total(RoleClass::Slack),
            metadata_bytes: roles.total(RoleClass::Metadata) + roles.total(RoleClass::Yours),
            stranded_bytes: roles.total(RoleClass::Stranded),
            slab_tail_bytes: roles.total(RoleClass::SlabTail),
            cached_bytes: roles.total(RoleClass::Cached),
            total_free: free.total,
            largest_free: free.largest,
            ..self.counters
        }
    }

    /// Checks every invariant: the role map's, the strategy's, and that each
    /// live block is aligned, inside the heap, painted as its own, and
    /// overlaps no other. Debug builds only, where it runs after every
    /// call; release builds leave it out.
    #[cfg(debug_assertions)]
    pub fn check(&self) -> Result<(), String> {
        self.heap.roles().check()?;
        self.strategy.check(&self.heap)?;
        let mut previous_end = self.heap.base();
        self.blocks.check()?;
        for (&addr, live) in self.blocks.live() {
            let size = live.layout.size() as u64;
            if !addr.is_aligned(live.layout.align() as u64) {
                return Err(format!(
                    "block {} at {addr} is not aligned to {}",
                    live.id,
                    live.layout.align()
                ));
            }
            if !self.heap.contains(addr, size) {
                return Err(format!("block {} at {addr} is outside the heap", live.id));
            }
            if addr < previous_end {
                return Err(format!(
                    "block {} at {addr} overlaps the block before it",
                    live.id
                ));
            }
            previous_end = addr.add(size);
            if live.arena_chunk {
                continue;
            }
            let base = self.heap.base();
            for region in self
                .heap
                .roles()
                .regions_in(addr.since(base)..addr.since(base) + size)
            {
                if region.role != crate::Role::Payload(live.id) {
                    return Err(format!(
                        "payload of block {} at {addr} is painted {:?} at {}",
                        live.id,
                        region.role,
                        base.add(region.start)
                    ));
                }
            }
        }
        let live_bytes: u64 = self
            .blocks
            .live()
            .map(|(_, l)| l.layout.size() as u64)
            .sum();
        // Arena chunks hold payload of their own allocations, counted by the arena.
        let has_arena = self.blocks.live().any(|(_, l)| l.arena_chunk);
        let painted = self.heap.roles().total(RoleClass::Payload);
        if live_bytes != self.counters.live_bytes || !has_arena && live_bytes != painted {
            return Err(format!(
                "live bytes disagree: blocks {live_bytes}, counter {}, painted {}",
                self.counters.live_bytes, painted
            ));
        }
        Ok(())
    }
}

/// The name of an allocating call.
const fn alloc_name(zeroed: bool) -> CallOp {
    if zeroed {
        CallOp::AllocZeroed
    } else {
        CallOp::Alloc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::Role;

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "heap check failed after alloc(Layout { size: 8, align: 8 }) @0")]
    fn a_broken_heap_panics_after_the_next_call_in_a_debug_build() {
        let mut s = Simulation::new(HeapConfig::new(4096), StrategyKind::Bump).unwrap();
        // A payload below the bump pointer that nobody owns: the kind of
        // bug a strategy could make, which no call of the program can.
        let base = s.heap().base();
        s.heap_mut().paint(base, 1, Role::Payload(AllocId(99)));
        let _ = s.alloc(Layout::from_size_align(8, 8).unwrap());
    }

    #[test]
    fn a_misuse_names_the_call_that_made_it() {
        let mut s = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
        let layout = Layout::from_size_align(8, 8).unwrap();
        let wrong = Layout::from_size_align(16, 8).unwrap();
        let a = s.alloc(layout).unwrap();
        let text = |e: CallError| e.to_string();
        let r = text(s.realloc(a, wrong, 32).unwrap_err());
        assert!(r.contains(&format!("realloc of {a} with")), "{r}");
        let d = text(s.dealloc(a, wrong).unwrap_err());
        assert!(d.contains(&format!("dealloc of {a} with")), "{d}");
        let r = text(s.realloc(a.add(1), layout, 32).unwrap_err());
        assert!(r.contains("realloc must get the exact pointer"), "{r}");
        let r = text(s.realloc(Addr(0), layout, 32).unwrap_err());
        assert!(r.contains("realloc of a null pointer"), "{r}");
        s.dealloc(a, layout).unwrap();
        let r = text(s.realloc(a, layout, 32).unwrap_err());
        assert!(
            r.contains(&format!(
                "realloc of allocation #1 at {a}, which was already freed"
            )),
            "{r}"
        );
        let d = text(s.dealloc(a, layout).unwrap_err());
        assert!(
            d.starts_with("misuse: double free: dealloc of allocation #1"),
            "{d}"
        );
    }

    #[test]
    fn a_sound_heap_is_checked_after_failed_and_refused_calls_too() {
        let mut s = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
        let layout = Layout::from_size_align(8, 8).unwrap();
        let a = s.alloc(layout).unwrap();
        assert!(s.alloc(Layout::from_size_align(8192, 8).unwrap()).is_err());
        assert!(s.dealloc(a.add(1), layout).is_err());
        s.dealloc(a, layout).unwrap();
        assert!(s.dealloc(a, layout).is_err());
        assert!(s.realloc(a, layout, 16).is_err());
    }
}
