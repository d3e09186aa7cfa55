//! Synthetic traces in malloc lab's format, made by seeded generators.
//!
//! The CS:APP malloc-lab traces are copyrighted, so allocscope ships its
//! own, each a pattern that tells allocators apart. The same kind, seed and
//! scale always give the same file (`alloc-sim gen KIND --seed S --scale N`;
//! the shipped files in `alloc-sim/traces/` are checked against it).
//!
//! - [`Kind::Binary`]: small and large blocks alternate, every large one is
//!   freed, then bigger blocks are asked for. The holes the large blocks
//!   left are walled in by small ones, and a buddy allocator, rounding
//!   every request to a power of two, wastes nearly half of each.
//! - [`Kind::Coalescing`]: two neighbours are freed, then a block as big as
//!   both is asked for: only an allocator that merges free neighbours
//!   reuses the space.
//! - [`Kind::Random`]: random sizes (log-uniform from 8 B to 4 KiB), frees
//!   and reallocs of random live blocks.
//! - [`Kind::Realloc`]: buffers that grow by small steps with `realloc`,
//!   with small allocations in between that get in the way of growing in
//!   place.

use std::fmt::Write;

use crate::ops::{Op, OpKind, OpList, TraceHeader};
use crate::strategy::ThreadId;

/// A generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Small and large blocks, the large freed, bigger ones asked for.
    Binary,
    /// Free two neighbours, ask for both at once.
    Coalescing,
    /// Random sizes, frees and reallocs.
    Random,
    /// Buffers growing by `realloc` around small blocks.
    Realloc,
}

impl Kind {
    /// Every generator.
    pub const ALL: [Kind; 4] = [Kind::Binary, Kind::Coalescing, Kind::Random, Kind::Realloc];

    /// The name on the command line and in file names.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Binary => "binary",
            Kind::Coalescing => "coalescing",
            Kind::Random => "random",
            Kind::Realloc => "realloc",
        }
    }

    /// Looks a generator up by name.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// xorshift64*: small, seedable, and the same everywhere (the traces here
/// and a lesson's drills are made by it).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (0 is taken as 1: xorshift needs a bit set).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (below 1 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

struct Builder {
    ops: Vec<Op>,
    next_id: u64,
}

impl Builder {
    fn push(&mut self, id: u64, kind: OpKind) {
        // The line it has in the file `to_rep` writes, after the header.
        let line = self.ops.len() + 5;
        self.ops.push(Op {
            line,
            id,
            kind,
            thread: ThreadId::MAIN,
        });
    }

    fn alloc(&mut self, size: u64) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.push(id, OpKind::Alloc { size, align: None });
        id
    }

    fn free(&mut self, id: u64) {
        self.push(id, OpKind::Free);
    }

    fn realloc(&mut self, id: u64, new_size: u64) {
        self.push(id, OpKind::Realloc { new_size });
    }
}

/// The trace of `kind` for `seed`, about `scale` blocks big.
pub fn generate(kind: Kind, seed: u64, scale: u64) -> OpList {
    let mut rng = Rng::new(seed);
    let mut b = Builder {
        ops: Vec::new(),
        next_id: 0,
    };
    let scale = scale.max(1);
    match kind {
        Kind::Binary => {
            let mut large = Vec::new();
            let mut small = Vec::new();
            for _ in 0..scale {
                small.push(b.alloc(64 + 8 * rng.below(3)));
                large.push(b.alloc(448 + 8 * rng.below(3)));
            }
            for id in large {
                b.free(id);
            }
            let bigger: Vec<u64> = (0..scale).map(|_| b.alloc(512)).collect();
            for id in small.into_iter().chain(bigger) {
                b.free(id);
            }
        }
        Kind::Coalescing => {
            for _ in 0..scale {
                let size = 1024 + 16 * rng.below(64);
                let x = b.alloc(size);
                let y = b.alloc(size);
                b.free(x);
                b.free(y);
                let both = b.alloc(2 * size);
                b.free(both);
            }
        }
        Kind::Random => {
            let mut live: Vec<u64> = Vec::new();
            let ops = scale * 4;
            let size = |r: &mut Rng| (8u64 << r.below(10)) + r.below(8) * 8;
            while (b.ops.len() as u64) < ops {
                let roll = rng.below(100);
                if live.is_empty() || (roll < 50 && live.len() < 2048) {
                    let s = size(&mut rng);
                    live.push(b.alloc(s));
                } else if roll < 85 {
                    let i = rng.below(live.len() as u64) as usize;
                    b.free(live.swap_remove(i));
                } else {
                    let i = rng.below(live.len() as u64) as usize;
                    let s = size(&mut rng);
                    b.realloc(live[i], s);
                }
            }
            for id in live {
                b.free(id);
            }
        }
        Kind::Realloc => {
            let buffers: Vec<u64> = (0..4).map(|_| b.alloc(64)).collect();
            let mut sizes = [64u64; 4];
            let mut small = Vec::new();
            for step in 0..scale {
                let i = (step % 4) as usize;
                sizes[i] += 16 + 16 * rng.below(8);
                b.realloc(buffers[i], sizes[i]);
                small.push(b.alloc(16 + 8 * rng.below(4)));
                if small.len() > 8 {
                    let j = rng.below(small.len() as u64) as usize;
                    b.free(small.swap_remove(j));
                }
            }
            for id in buffers.into_iter().chain(small) {
                b.free(id);
            }
        }
    }
    let ids = b.next_id;
    OpList {
        header: Some(TraceHeader {
            suggested_heap: Some(0),
            ids,
            ops: b.ops.len() as u64,
            weight: Some(1),
        }),
        ops: b.ops,
    }
}

/// The list in malloc lab's format: the four header lines (suggested heap
/// size, ids, ops, weight), then one op per line. Alignments and threads
/// other than the defaults are written out.
pub fn to_rep(list: &OpList) -> String {
    let mut out = String::new();
    let header = list.header.unwrap_or(TraceHeader {
        suggested_heap: Some(0),
        ids: list.ops.iter().map(|o| o.id + 1).max().unwrap_or(0),
        ops: list.ops.len() as u64,
        weight: Some(1),
    });
    let _ = writeln!(
        out,
        "{}\n{}\n{}\n{}",
        header.suggested_heap.unwrap_or(0),
        header.ids,
        list.ops.len(),
        header.weight.unwrap_or(1)
    );
    for op in &list.ops {
        let _ = match op.kind {
            OpKind::Alloc { size, align: None } => write!(out, "a {} {size}", op.id),
            OpKind::Alloc {
                size,
                align: Some(a),
            } => write!(out, "a {} {size} {a}", op.id),
            OpKind::Free => write!(out, "f {}", op.id),
            OpKind::Realloc { new_size } => write!(out, "r {} {new_size}", op.id),
        };
        if op.thread != ThreadId::MAIN {
            let _ = write!(out, " {}", op.thread);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops;

    #[test]
    fn every_generator_is_seeded_and_writes_a_trace_that_reads_back() {
        for kind in Kind::ALL {
            let a = generate(kind, 7, 50);
            assert_eq!(a, generate(kind, 7, 50), "{kind:?}");
            assert_ne!(a, generate(kind, 8, 50), "{kind:?}");
            let text = to_rep(&a);
            let back = ops::parse(&text).unwrap();
            assert_eq!(back.ops, a.ops, "{kind:?}");
            // Every block allocated is freed by the end.
            let allocs = a
                .ops
                .iter()
                .filter(|o| matches!(o.kind, OpKind::Alloc { .. }))
                .count();
            let frees = a.ops.iter().filter(|o| o.kind == OpKind::Free).count();
            assert_eq!(allocs, frees, "{kind:?}");
        }
    }
}
