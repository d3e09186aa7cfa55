//! A bumpalo `Bump` living inside the simulated heap, as `Bump::new()`
//! with `Vec::new_in(&bump)` lives inside a real program's heap.
//!
//! The arena owns a list of *chunks*, each a block that the heap's strategy
//! handed out (so first fit, jemalloc or any other strategy decides where it
//! goes). Inside a chunk it bumps downward exactly as [`Bump`] does, with
//! bumpalo's footer at the chunk's top. When a request does not fit, it asks
//! the heap for a new chunk of twice the current capacity (halving the
//! request while the heap refuses), with the sizes bumpalo computes
//! ([`chunks`]). `reset` frees every chunk but the newest and empties that
//! one; dropping the arena frees every chunk at once.
//!
//! ```text
//!   heap (first fit):  [ other block ][ chunk 1: ,,,,,,| v | s | footer ][ hole ][ chunk 2: ,,,,| w | footer ]
//!                                      bumps down ←                                 newest chunk
//! ```

use core::alloc::Layout;

use crate::addr::Addr;
use crate::error::{AllocError, CallError, LayoutSpec, Shortfall};
use crate::event::Log;
use crate::record::Call;
use crate::role::AllocId;
use crate::sim::Simulation;
use crate::strategy::bump::chunks::{self, Chunk};
use crate::strategy::{Bump, Request, Strategy, ThreadId};

/// Where an arena's chunks come from: the global allocator. While a run is
/// recorded, that is the run's door ([`Door`](crate::Door)), so each chunk
/// call is recorded when it is made, with its own narration; a bare
/// [`Simulation`] records nothing.
pub trait ChunkSource {
    /// Why the source may refuse to make a call at all (a run's call
    /// limit); the arena stops where it is.
    type Halt;

    /// The heap, for the arena's work inside its chunks.
    fn sim(&mut self) -> &mut Simulation;

    /// Makes `call` on the global allocator, for `reason`.
    fn call(&mut self, call: Call, reason: String) -> Result<Result<Addr, CallError>, Self::Halt>;
}

/// What an arena operation gives: its result, unless the chunk source
/// halted it.
pub type ArenaResult<T, G> = Result<Result<T, CallError>, <G as ChunkSource>::Halt>;

/// One chunk: the block the heap gave, and the bump allocator inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArenaChunk {
    /// The block's address, which is also the chunk's first data byte.
    pub addr: Addr,
    /// The layout it was allocated with from the heap.
    pub layout: LayoutSpec,
    /// Bytes below the footer.
    pub capacity: u64,
    bump: Bump,
}

/// A bump arena whose chunks come from the heap's strategy. See the
/// module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BumpArena {
    /// Oldest first; the last one is current.
    chunks: Vec<ArenaChunk>,
}

fn no_room(layout: LayoutSpec, shortfall: Shortfall) -> CallError {
    CallError::OutOfMemory(AllocError {
        layout,
        total_free: 0,
        largest_free: 0,
        shortfall,
    })
}

impl BumpArena {
    /// An arena with no chunk yet, as `Bump::new()`: nothing is allocated
    /// until the first request.
    pub fn new() -> BumpArena {
        BumpArena::default()
    }

    /// The chunks, oldest first.
    pub fn chunks(&self) -> &[ArenaChunk] {
        &self.chunks
    }

    /// Allocates `layout` inside the arena, taking a new chunk from the heap
    /// if the current one has no room. The returned id names the block.
    pub fn alloc<G: ChunkSource>(
        &mut self,
        global: &mut G,
        layout: Layout,
        log: &mut Log,
    ) -> ArenaResult<(Addr, AllocId), G> {
        let sim = global.sim();
        let id = sim.take_id();
        let request = Request {
            layout,
            id,
            thread: ThreadId::MAIN,
        };
        if let Some(chunk) = self.chunks.last_mut() {
            if let Some(addr) = chunk.bump.alloc(sim.heap_mut(), request, log) {
                return Ok(Ok((addr, id)));
            }
        }
        if let Err(e) = self.new_chunk(global, layout)? {
            return Ok(Err(e));
        }
        let chunk = self.chunks.last_mut().expect("a chunk was just added");
        // A chunk is made at least as large as the request: this fits.
        Ok(chunk
            .bump
            .alloc(global.sim().heap_mut(), request, log)
            .map(|addr| (addr, id))
            .ok_or_else(|| no_room(layout.into(), Shortfall::TooLittleFree)))
    }

    /// bumpalo's slow path: a new chunk from the heap, halving the request
    /// while the heap refuses.
    fn new_chunk<G: ChunkSource>(&mut self, global: &mut G, layout: Layout) -> ArenaResult<(), G> {
        let word = global.sim().heap().word_size();
        let current = self.chunks.last().map_or(0, |c| c.capacity);
        let mut last_error = None;
        for Chunk {
            layout: chunk_layout,
            capacity,
        } in chunks::attempts(current, layout.into(), word)
        {
            let why = format!(
                "the Bump takes a new chunk from the global allocator ({} bytes, bumpalo's size)",
                chunk_layout.size
            );
            let call = Call::Alloc {
                layout: chunk_layout,
                zeroed: false,
            };
            match global.call(call, why)? {
                Ok(addr) => {
                    let sim = global.sim();
                    sim.adopt_as_arena_chunk(addr);
                    let prev = self.chunks.last().and_then(|c| c.bump.footer_addr());
                    let allocated = self.chunks.iter().map(|c| c.capacity).sum::<u64>() + capacity;
                    let bump = Bump::in_chunk(
                        sim.heap_mut(),
                        addr,
                        capacity,
                        (chunk_layout.size, chunk_layout.align),
                        prev,
                        allocated,
                    );
                    self.chunks.push(ArenaChunk {
                        addr,
                        layout: chunk_layout,
                        capacity,
                        bump,
                    });
                    return Ok(Ok(()));
                }
                Err(e) => last_error = Some(e),
            }
        }
        Ok(Err(last_error.unwrap_or_else(|| {
            no_room(layout.into(), Shortfall::TooLittleFree)
        })))
    }

    /// Frees the block at `addr` inside the arena: only the most recent block
    /// is really given back (bumpalo's `dealloc`).
    pub fn dealloc(&mut self, sim: &mut Simulation, addr: Addr, layout: Layout, log: &mut Log) {
        if let Some(chunk) = self.chunk_of(addr) {
            chunk
                .bump
                .dealloc(sim.heap_mut(), addr, layout, ThreadId::MAIN, log);
        }
    }

    /// Resizes a block inside the arena, as bumpalo's `grow` and `shrink`.
    pub fn realloc<G: ChunkSource>(
        &mut self,
        global: &mut G,
        addr: Addr,
        layout: Layout,
        new_size: u64,
        id: AllocId,
        log: &mut Log,
    ) -> ArenaResult<Addr, G> {
        let new_spec = LayoutSpec {
            size: new_size,
            align: layout.align() as u64,
        };
        let Ok(new_layout) = Layout::from_size_align(new_size as usize, layout.align()) else {
            // Too large for the host's `Layout`: far more than any heap.
            let heap = global.sim().heap().len();
            return Ok(Err(no_room(new_spec, Shortfall::LargerThanHeap { heap })));
        };
        let request = Request {
            layout: new_layout,
            id,
            thread: ThreadId::MAIN,
        };
        let is_current = self
            .chunks
            .last()
            .is_some_and(|c| c.bump.footer_addr() > Some(addr) && addr >= c.addr);
        if is_current {
            let chunk = self.chunks.last_mut().expect("checked");
            let heap = global.sim().heap_mut();
            if let Some(new) = chunk
                .bump
                .realloc(heap, addr, layout, new_size, request, log)
            {
                return Ok(Ok(new));
            }
        }
        // Elsewhere, or no room: a fresh block in the arena, and a copy.
        let new = match self.alloc(global, new_layout, log)? {
            Ok((new, _)) => new,
            Err(e) => return Ok(Err(e)),
        };
        let len = (layout.size() as u64).min(new_size);
        global.sim().heap_mut().copy(addr, new, len);
        Ok(Ok(new))
    }

    fn chunk_of(&mut self, addr: Addr) -> Option<&mut ArenaChunk> {
        self.chunks
            .iter_mut()
            .find(|c| addr >= c.addr && addr < c.addr.add(c.capacity))
    }

    /// `Bump::reset`: frees every chunk but the newest, and empties it.
    pub fn reset<G: ChunkSource>(&mut self, global: &mut G, log: &mut Log) -> ArenaResult<(), G> {
        let Some(mut newest) = self.chunks.pop() else {
            return Ok(Ok(()));
        };
        let freed = self.free_chunks(
            global,
            "the Bump gives a chunk back to the global allocator",
        );
        newest.bump.reset(global.sim().heap_mut(), log);
        self.chunks.push(newest);
        freed
    }

    /// Dropping the arena: every chunk goes back to the heap at once.
    pub fn free_all<G: ChunkSource>(&mut self, global: &mut G, why: &str) -> ArenaResult<(), G> {
        self.free_chunks(global, why)
    }

    /// Frees every chunk, the newest first, as bumpalo's `Drop` walks its
    /// chunk list from the current chunk back.
    fn free_chunks<G: ChunkSource>(&mut self, global: &mut G, why: &str) -> ArenaResult<(), G> {
        while let Some(chunk) = self.chunks.pop() {
            let call = Call::Dealloc {
                addr: chunk.addr,
                layout: chunk.layout,
            };
            let result = global.call(call, why.to_string());
            match result {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => return Ok(Err(e)),
                Err(halt) => {
                    // Not given back: the arena still owns it.
                    self.chunks.push(chunk);
                    return Err(halt);
                }
            }
        }
        Ok(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{HeapConfig, Role, StrategyKind};

    fn sim(kind: StrategyKind) -> Simulation {
        Simulation::new(HeapConfig::new(64 << 10), kind).unwrap()
    }

    #[test]
    fn no_chunk_until_the_first_request_then_bumpalo_sized_chunks() {
        let mut s = sim(StrategyKind::FirstFit);
        let mut arena = BumpArena::new();
        let mut log = Log::default();
        assert_eq!(s.metrics().allocs, 0);
        for _ in 0..30 {
            arena
                .alloc(&mut s, Layout::new::<[u8; 100]>(), &mut log)
                .unwrap()
                .unwrap();
        }
        // The chunk sizes bumpalo asks for: 448, then doubling capacities.
        let sizes: Vec<u64> = arena.chunks().iter().map(|c| c.layout.size).collect();
        let mut expect = Vec::new();
        let mut capacity = 0;
        for _ in 0..sizes.len() {
            let c = chunks::attempts(
                capacity,
                LayoutSpec {
                    size: 100,
                    align: 1,
                },
                8,
            )[0];
            expect.push(c.layout.size);
            capacity = c.capacity;
        }
        assert_eq!(sizes, expect);
        assert_eq!(sizes[0], 448 + 48);
        s.check().unwrap();
    }

    #[test]
    fn blocks_go_down_from_each_chunk_footer() {
        let mut s = sim(StrategyKind::Jemalloc);
        let mut arena = BumpArena::new();
        let mut log = Log::default();
        let (a, _) = arena
            .alloc(&mut s, Layout::new::<u64>(), &mut log)
            .unwrap()
            .unwrap();
        let (b, id) = arena
            .alloc(&mut s, Layout::new::<u64>(), &mut log)
            .unwrap()
            .unwrap();
        assert_eq!(a.since(b), 8);
        let chunk = &arena.chunks()[0];
        assert_eq!(a, chunk.addr.add(chunk.capacity - 8));
        assert_eq!(s.heap().role_at(b), Role::Payload(id));
        assert_eq!(s.heap().role_at(chunk.addr), Role::ArenaFree);
        s.check().unwrap();
    }

    #[test]
    fn reset_keeps_the_newest_chunk_and_drop_frees_them_all() {
        let mut s = sim(StrategyKind::FirstFitHeaders);
        let free_before = s.metrics().total_free;
        let mut arena = BumpArena::new();
        let mut log = Log::default();
        for _ in 0..20 {
            arena
                .alloc(&mut s, Layout::new::<[u64; 16]>(), &mut log)
                .unwrap()
                .unwrap();
        }
        assert!(arena.chunks().len() > 1);
        arena.reset(&mut s, &mut log).unwrap().unwrap();
        assert_eq!(arena.chunks().len(), 1);
        assert_eq!(s.metrics().live_allocations, 1);
        s.check().unwrap();
        arena.free_all(&mut s, "dropped").unwrap().unwrap();
        assert_eq!(s.metrics().total_free, free_before);
        s.check().unwrap();
    }

    #[test]
    fn a_full_heap_refuses_the_arena_a_chunk() {
        let mut s = Simulation::new(HeapConfig::new(1024), StrategyKind::FirstFit).unwrap();
        let mut arena = BumpArena::new();
        let mut log = Log::default();
        let err = arena
            .alloc(&mut s, Layout::new::<[u8; 2000]>(), &mut log)
            .unwrap()
            .unwrap_err();
        assert!(err.is_out_of_memory());
        s.check().unwrap();
    }
}
