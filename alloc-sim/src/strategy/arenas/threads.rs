//! Which arena a thread uses: jemalloc's `arena_choose`, without its
//! per-CPU mode.
//!
//! A thread is bound on its first call and stays bound. The main thread
//! takes arena 0 (it allocates while the runtime starts, before any other
//! thread exists); every other thread takes the arena serving the fewest
//! threads, the lowest index on a tie, so the first threads go round-robin:
//!
//! ```text
//!   threads @0 @1 @2 @3 @4 @5        (4 arenas)
//!   arenas   0  1  2  3  0  1
//! ```
//!
//! The bindings live in the strategy's own structs, like jemalloc's
//! thread-specific data, not in the heap. Binding costs one look-up, and a
//! scan of the arenas on a thread's first call.

use crate::event::{Event, Log};
use crate::strategy::ThreadId;

use super::Arenas;

impl Arenas {
    /// The arena a thread is bound to, if it has allocated.
    pub fn arena_of(&self, thread: ThreadId) -> Option<u32> {
        self.bindings
            .iter()
            .find(|(t, _)| *t == thread)
            .map(|&(_, arena)| arena)
    }

    /// Binds `thread` on its first call: the main thread to arena 0, others
    /// to the arena with the fewest threads, lowest index on a tie.
    pub(super) fn bind(&mut self, thread: ThreadId, log: &mut Log) -> u32 {
        if let Some(arena) = self.arena_of(thread) {
            return arena;
        }
        let arena = if thread == ThreadId::MAIN {
            0
        } else {
            (0..self.arenas.len())
                .min_by_key(|&i| (self.arenas[i].threads, i))
                .unwrap_or(0) as u32
        };
        self.arenas[arena as usize].threads += 1;
        self.bindings.push((thread, arena));
        log.push(Event::ThreadBound {
            thread: thread.0,
            arena,
        });
        arena
    }
}

#[cfg(test)]
mod tests {
    use crate::strategy::arenas::testing::{arenas, layout, sim};
    use crate::strategy::ThreadId;

    #[test]
    fn threads_are_bound_round_robin_after_main() {
        let mut s = sim(false);
        for t in 0..6 {
            s.alloc_on(ThreadId(t), layout(16), false).unwrap();
        }
        let bound: Vec<_> = (0..6)
            .map(|t| arenas(&s).arena_of(ThreadId(t)).unwrap())
            .collect();
        assert_eq!(bound, vec![0, 1, 2, 3, 0, 1]);
        s.check().unwrap();
    }
}
