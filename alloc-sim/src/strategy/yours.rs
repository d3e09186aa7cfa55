//! The program's own allocator, as the heap sees it.
//!
//! A learner's `unsafe impl GlobalAlloc` over a static array decides every
//! address itself: the scenario interpreter runs its `alloc`, `dealloc`
//! and `realloc`, and its code reads and writes the array through raw
//! pointers. This strategy is the heap's side of that: before each call
//! the interpreter tells it what the program's code answered and which
//! bytes it wrote during the call ([`Yours::answer`]); the call then goes
//! through the [`Simulation`](crate::Simulation) like any strategy's, so
//! the contract, the live blocks, the metrics and the timeline are kept as
//! for the built-in strategies.
//!
//! ```text
//!   the heap array (a static of the program)
//!   ┌────────┬──────────────┬──────┬───────────────┬───────────┐
//!   │ yours  │ payload #1   │ free │ payload #3    │ untouched │
//!   └────────┴──────────────┴──────┴───────────────┴───────────┘
//!    bytes its   a block it        a block it gave   never written
//!    code wrote  returned          back with dealloc or handed out
//! ```
//!
//! It paints what it is told and nothing else: a block the program's code
//! returned is payload; a block given back is free; what the code wrote
//! through a pointer outside live blocks is "your allocator's data"
//! ([`Metadata::Yours`]), whatever it means by it. It copies nothing on
//! `realloc` (the program's code moved the bytes, or `GlobalAlloc`'s
//! default did) and zeroes nothing on `alloc_zeroed`.
//!
//! The checks that make a returned block trustworthy (inside the array,
//! aligned, not overlapping a live block) are the interpreter's, made
//! before the call reaches here, so that a bad answer stops the run at the
//! learner's line with the heap as it was.
//!
//! # Invariants
//! - Every byte is untouched, free, payload of a live block, or the
//!   program's data.
//! - The program's data never lies inside a live block (the interpreter
//!   refuses such a write, except into the block being given back).

use core::alloc::Layout;

use crate::addr::Addr;
use crate::event::{Event, Log};
use crate::heap::Heap;
use crate::role::{Metadata, Role, RoleClass};
use crate::strategy::{
    Described, FreeSpace, Request, Settings, SettingsError, Strategy, ThreadId,
};

/// The program's allocator: see the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Yours {
    /// What the program's code returned for the call about to be made
    /// (`None`: a null pointer, out of memory).
    answer: Option<Addr>,
    /// The spans its code wrote during that call, each with the line of
    /// the program that wrote it.
    wrote: Vec<(Addr, u64, usize)>,
}

impl Yours {
    /// Tells the strategy what the program's code did in the call about to
    /// be made: the address it returned (`None` for null; ignored by
    /// `dealloc`) and the spans it wrote through pointers, each with the
    /// line that wrote it (narrated, so that a viewer can say which line
    /// wrote a byte).
    pub fn answer(&mut self, answer: Option<Addr>, wrote: Vec<(Addr, u64, usize)>) {
        self.answer = answer;
        self.wrote = wrote;
    }

    /// Paints what the code wrote, outside the block `keep` (the one just
    /// handed out, whose bytes are now the program's).
    fn paint_writes(&mut self, heap: &mut Heap, keep: Option<(Addr, u64)>, log: &mut Log) {
        for (at, len, line) in std::mem::take(&mut self.wrote) {
            log.push(Event::Wrote {
                addr: at,
                len,
                line,
            });
            let (start, end) = (at.0, at.0 + len);
            match keep {
                Some((k, klen)) if start < k.0 + klen && k.0 < end => {
                    if start < k.0 {
                        heap.paint(at, k.0 - start, Role::Metadata(Metadata::Yours));
                    }
                    if end > k.0 + klen {
                        heap.paint(
                            Addr(k.0 + klen),
                            end - (k.0 + klen),
                            Role::Metadata(Metadata::Yours),
                        );
                    }
                }
                _ => heap.paint(at, len, Role::Metadata(Metadata::Yours)),
            }
        }
    }
}

fn is_free(role: Role) -> bool {
    matches!(role, Role::Free | Role::Untouched)
}

impl Strategy for Yours {
    fn init(&mut self, _heap: &mut Heap) {}

    fn alloc(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
        let Some(addr) = self.answer.take() else {
            // Refused: nothing the code wrote is kept as data of a block.
            self.paint_writes(heap, None, log);
            return None;
        };
        let size = request.layout.size() as u64;
        heap.paint(addr, size, Role::Payload(request.id));
        self.paint_writes(heap, Some((addr, size)), log);
        Some(addr)
    }

    fn dealloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        _thread: ThreadId,
        log: &mut Log,
    ) {
        heap.paint(addr, layout.size() as u64, Role::Free);
        self.paint_writes(heap, None, log);
    }

    fn realloc(
        &mut self,
        heap: &mut Heap,
        addr: Addr,
        layout: Layout,
        new_size: u64,
        request: Request,
        log: &mut Log,
    ) -> Option<Addr> {
        let Some(new) = self.answer.take() else {
            self.paint_writes(heap, None, log);
            return None;
        };
        // The old block's bytes are free where the new block is not.
        heap.paint(addr, layout.size() as u64, Role::Free);
        heap.paint(new, new_size, Role::Payload(request.id));
        self.paint_writes(heap, Some((new, new_size)), log);
        Some(new)
    }

    fn alloc_zeroed(&mut self, heap: &mut Heap, request: Request, log: &mut Log) -> Option<Addr> {
        self.alloc(heap, request, log)
    }

    fn free_space(&self, heap: &Heap) -> FreeSpace {
        let mut free = FreeSpace::default();
        let mut run: Option<(u64, u64)> = None;
        let close = |run: Option<(u64, u64)>, free: &mut FreeSpace| {
            if let Some((start, end)) = run {
                if end - start > free.largest {
                    free.largest = end - start;
                    free.largest_at = Some(heap.base().add(start));
                }
            }
        };
        for region in heap.regions() {
            if is_free(region.role) {
                free.total += region.len();
                run = match run {
                    Some((start, end)) if end == region.start => Some((start, region.end)),
                    other => {
                        close(other, &mut free);
                        Some((region.start, region.end))
                    }
                };
            }
        }
        close(run, &mut free);
        free
    }

    fn usable_size(&self, layout: Layout, _heap: &Heap) -> u64 {
        layout.size() as u64
    }

    fn wrong_layout_consequence(&self, _given: Layout, _actual: Layout, _heap: &Heap) -> String {
        "Your allocator's `dealloc` would be given a size or alignment the block was not allocated with: whatever it does with them decides what goes wrong.".into()
    }

    #[cfg(debug_assertions)]
    fn check(&self, heap: &Heap) -> Result<(), String> {
        for region in heap.regions() {
            match region.role {
                Role::Untouched | Role::Free | Role::Payload(_) => {}
                Role::Metadata(Metadata::Yours) => {}
                other => {
                    return Err(format!(
                        "{other:?} at offset {} is not a role the program's allocator paints",
                        region.start
                    ))
                }
            }
        }
        Ok(())
    }
}

impl Described for Yours {
    const NAME: &'static str = "yours";
    const SUMMARY: &'static str =
        "your own #[global_allocator] over a static array: its code decides every address; the map shows what it returned and what it wrote";
    const ROLES: &'static [RoleClass] = &[
        RoleClass::Untouched,
        RoleClass::Free,
        RoleClass::Payload,
        RoleClass::Yours,
    ];

    fn from_settings(_: &Settings) -> Result<Yours, SettingsError> {
        Ok(Yours::default())
    }
}
