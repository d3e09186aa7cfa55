//! The overview of a whole run: an address × time strip where each
//! allocation is a band from its `alloc` to its `dealloc` (or the end), at
//! its addresses; computed once per run, natively tested.
//!
//! Drawing costs the number of bands plus the strip's pixels, not the
//! bands' lengths: each band adds +1 where it starts and −1 where it ends,
//! along the rows it covers, and one sweep along time turns that into
//! coverage. A million-call trace draws in one pass.

use std::collections::HashMap;

use alloc_sim::scenario::{CallOp, Run};
use alloc_sim::Addr;

/// One allocation's life: the calls it spans and its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// The call that made it (0-based).
    pub from: usize,
    /// The call that ended it (its `dealloc`, or the `realloc` that moved
    /// or resized it), or the number of calls if it lived to the end.
    pub to: usize,
    /// Its first byte.
    pub addr: Addr,
    /// Its size.
    pub size: u64,
}

/// Every allocation's band, in the order they were made. Calls to a bump
/// arena (inside a chunk) are left out: the chunk is the band.
pub fn bands(run: &Run) -> Vec<Band> {
    let end = run.calls.len();
    let mut open: HashMap<Addr, usize> = HashMap::new();
    let mut out: Vec<Band> = Vec::new();
    for (i, call) in run.calls.iter().enumerate() {
        if call.error.is_some() || call.arena {
            continue;
        }
        let mut close = |at: Addr, out: &mut Vec<Band>| {
            if let Some(b) = open.remove(&at) {
                out[b].to = i;
            }
        };
        match (call.op, call.addr) {
            (CallOp::Dealloc, Some(addr)) => close(addr, &mut out),
            (CallOp::Realloc, Some(new)) => {
                if let Some(old) = call.old_addr {
                    close(old, &mut out);
                }
                open.insert(new, out.len());
                out.push(Band {
                    from: i,
                    to: end,
                    addr: new,
                    size: call.new_size.unwrap_or(call.layout.size),
                });
            }
            (CallOp::Alloc | CallOp::AllocZeroed, Some(addr)) => {
                open.insert(addr, out.len());
                out.push(Band {
                    from: i,
                    to: end,
                    addr,
                    size: call.layout.size,
                });
            }
            _ => {}
        }
    }
    out
}

/// The strip's size and what it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strip {
    /// Pixels across (time).
    pub width: usize,
    /// Pixels down (addresses).
    pub height: usize,
    /// Calls in the run.
    pub calls: usize,
    /// The heap's first address.
    pub base: Addr,
    /// The heap's size.
    pub len: u64,
}

impl Strip {
    fn x(&self, call: usize) -> usize {
        (call * self.width / self.calls.max(1)).min(self.width - 1)
    }

    fn y(&self, addr: Addr) -> usize {
        let off = addr.since(self.base).min(self.len.saturating_sub(1));
        ((off as u128 * self.height as u128 / self.len.max(1) as u128) as usize)
            .min(self.height - 1)
    }

    /// The call and the address under pixel (`x`, `y`).
    pub fn at(&self, x: usize, y: usize) -> (usize, Addr) {
        let call = x * self.calls / self.width.max(1);
        let off = (y as u128 * self.len as u128 / self.height.max(1) as u128) as u64;
        (call, self.base.add(off))
    }
}

/// RGBA pixels of the strip: a pixel is coloured where some allocation was
/// live at that time and address, darker where more were.
pub fn render(bands: &[Band], strip: Strip) -> Vec<u8> {
    let (w, h) = (strip.width, strip.height);
    let mut delta = vec![0i32; (w + 1) * h];
    for b in bands {
        let (x0, x1) = (
            strip.x(b.from),
            strip.x(b.to.max(b.from + 1)).max(strip.x(b.from)),
        );
        let (y0, y1) = (strip.y(b.addr), strip.y(b.addr.add(b.size.max(1) - 1)));
        for y in y0..=y1 {
            delta[y * (w + 1) + x0] += 1;
            delta[y * (w + 1) + x1 + 1] -= 1;
        }
    }
    let mut px = vec![0u8; w * h * 4];
    for y in 0..h {
        let mut live = 0;
        for x in 0..w {
            live += delta[y * (w + 1) + x];
            let i = (y * w + x) * 4;
            let [r, g, b] = match live {
                0 => [0xf4, 0xf4, 0xef],
                1 => [0x56, 0xb4, 0xe9],
                2 => [0x00, 0x72, 0xb2],
                _ => [0x00, 0x3f, 0x6b],
            };
            px[i..i + 4].copy_from_slice(&[r, g, b, 255]);
        }
    }
    px
}

/// The band live at `call` that holds `addr`, if any.
pub fn band_at(bands: &[Band], call: usize, addr: Addr) -> Option<Band> {
    bands
        .iter()
        .filter(|b| b.from <= call && call < b.to.max(b.from + 1))
        .find(|b| b.addr <= addr && addr < b.addr.add(b.size.max(1)))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc_sim::scenario::{self, Limits};
    use alloc_sim::{HeapConfig, Simulation, StrategyKind};

    fn run(source: &str) -> Run {
        let mut sim = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
        scenario::run(source, &mut sim, Limits::default())
    }

    #[test]
    fn each_allocation_is_a_band_from_its_alloc_to_its_end() {
        let r = run("fn main() { let a = Box::new(1u64); let mut v: Vec<u32> = Vec::new(); for i in 0..5 { v.push(i); } drop(a); }");
        let all = bands(&r);
        // The runtime's two blocks come first, made before `main` (calls 0
        // and 1) and live to the end.
        let rt = 2;
        assert_eq!((all[0].size, all[1].size), (4, 544));
        assert!(all[..rt].iter().all(|b| b.to == r.calls.len()));
        let b = &all[rt..];
        // The box, then the vector's first buffer and the one it grew into.
        assert_eq!(b.len(), 3);
        assert_eq!((b[0].from, b[0].size), (rt, 8));
        assert_eq!(b[0].to, rt + 3, "the box ends at its dealloc");
        assert_eq!((b[1].from, b[1].to, b[1].size), (rt + 1, rt + 2, 16));
        assert_eq!((b[2].from, b[2].size), (rt + 2, 32));
        assert_eq!(
            b[2].to,
            r.calls.len() - 1,
            "the vector's dealloc is the last call"
        );
        assert_eq!(band_at(&all, rt + 1, b[1].addr), Some(b[1]));
        assert_eq!(band_at(&all, rt + 4, b[0].addr), None);
    }

    #[test]
    fn the_strip_is_covered_where_and_when_blocks_lived() {
        // A 1 KiB block at the heap's start for the first of four calls,
        // then a 2 KiB one there until the end.
        let b = [
            Band {
                from: 0,
                to: 1,
                addr: Addr(0x1000),
                size: 1024,
            },
            Band {
                from: 2,
                to: 4,
                addr: Addr(0x1000),
                size: 2048,
            },
        ];
        let strip = Strip {
            width: 40,
            height: 16,
            calls: 4,
            base: Addr(0x1000),
            len: 4096,
        };
        let px = render(&b, strip);
        let covered = |x: usize, y: usize| px[(y * 40 + x) * 4] != 0xf4;
        // The first box: the first quarter of the heap, in the first quarter of the time.
        assert!(covered(0, 0) && covered(5, 3));
        assert!(
            !covered(5, 8),
            "nothing lives in the middle of the heap then"
        );
        // Clicking maps back to the call and the address.
        assert_eq!(strip.at(0, 8), (0, Addr(0x1000 + 2048)));
    }
}
