//! The free lists as a picture can draw them: every link a node in the
//! heap holds to the next node of its list, read from the heap's bytes.
//!
//! A free list lives inside the free memory it lists. Each node is painted
//! with its kind of bookkeeping ([`Metadata`]), and each kind says what its
//! node is: a hole node (`HoleNode`, linked_list_allocator's `Hole`) is two
//! words, the hole's size and then the address of the next hole; a link of
//! a size class or a buddy order (`FreeLink`) is one word, the address of
//! the next free block. So the links can be read back from a snapshot of
//! the heap alone, without the strategy that wrote them: the page has only
//! the snapshots. A test checks, for every strategy that keeps such a list,
//! that the links read this way are exactly the strategy's own lists.
//!
//! The head of each list is not in the heap (it is a field of the
//! allocator's own struct), so the first node is the one no link points at.

use crate::addr::Addr;
use crate::heap::Heap;
use crate::role::{Metadata, Role};

/// Where a kind of free-list node keeps its link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeLink {
    /// The node's size, in words.
    pub node_words: u64,
    /// Which of its words holds the next node's address (0: none).
    pub link_word: u64,
}

impl Metadata {
    /// The link inside a node of this kind, if it is a free-list node.
    pub const fn link(self) -> Option<NodeLink> {
        match self {
            Metadata::HoleNode => Some(NodeLink {
                node_words: 2,
                link_word: 1,
            }),
            Metadata::FreeLink => Some(NodeLink {
                node_words: 1,
                link_word: 0,
            }),
            _ => None,
        }
    }
}

/// One link of a free list: the node at `from` names the node at `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FreeLink {
    /// The node holding the link.
    pub from: Addr,
    /// The node it names.
    pub to: Addr,
}

/// Every link held by a free-list node of `heap`, lowest node first. Nodes
/// of a kind lie side by side in one painted run when their blocks touch
/// (8-byte blocks of one size class), so a run is read node by node. A link
/// that does not name a node of the same kind (only a corrupted list holds
/// one) is left out.
pub fn free_links(heap: &Heap) -> Vec<FreeLink> {
    let word = heap.word_size();
    let base = heap.base();
    let node_of = |addr: Addr, kind: Metadata| {
        heap.contains(addr, word) && heap.role_at(addr) == Role::Metadata(kind)
    };
    let mut links = Vec::new();
    for region in heap.regions() {
        let Role::Metadata(kind) = region.role else {
            continue;
        };
        let Some(link) = kind.link() else {
            continue;
        };
        let node = link.node_words * word;
        let mut at = region.start;
        while at + node <= region.end {
            let from = base.add(at);
            let to = heap.read_word(from.add(link.link_word * word));
            if to != 0 && node_of(Addr(to), kind) {
                links.push(FreeLink { from, to: Addr(to) });
            }
            at += node;
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy::{AnyStrategy, StrategyKind};
    use crate::{HeapConfig, Simulation};
    use std::alloc::Layout;

    /// The links each strategy's own structures say its lists have.
    fn own_links(sim: &Simulation) -> Option<Vec<FreeLink>> {
        let heap = sim.heap();
        let chain = |list: Vec<Addr>| {
            list.windows(2)
                .map(|w| FreeLink {
                    from: w[0],
                    to: w[1],
                })
                .collect::<Vec<_>>()
        };
        let holes = |holes: Vec<(Addr, u64)>| chain(holes.into_iter().map(|h| h.0).collect());
        let mut links = match sim.strategy() {
            AnyStrategy::FirstFit(s) => holes(s.holes(heap)),
            AnyStrategy::FirstFitHeaders(s) => holes(s.holes(heap)),
            AnyStrategy::Buddy(s) => s.free_lists(heap).into_iter().flat_map(chain).collect(),
            AnyStrategy::SizeClass(s) => s.free_lists(heap).into_iter().flat_map(chain).collect(),
            _ => return None,
        };
        crate::stable_sort::sort(&mut links);
        Some(links)
    }

    /// A deterministic mix of allocations and frees of many sizes.
    fn churn(sim: &mut Simulation, seed: u64) {
        let mut live = Vec::new();
        let mut x = seed;
        for _ in 0..120 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if live.is_empty() || !x.is_multiple_of(3) {
                let size = [1, 8, 12, 16, 24, 40, 64, 100, 256][(x >> 8) as usize % 9];
                if let Ok(addr) = sim.alloc(Layout::from_size_align(size, 8).unwrap()) {
                    live.push((addr, size));
                }
            } else {
                let (addr, size) = live.swap_remove((x >> 16) as usize % live.len());
                sim.dealloc(addr, Layout::from_size_align(size, 8).unwrap())
                    .unwrap();
            }
        }
    }

    #[test]
    fn the_links_read_from_the_bytes_are_each_strategys_own_lists() {
        let mut checked = 0;
        for kind in StrategyKind::ALL {
            for seed in [1, 7, 42, 1234] {
                let mut sim = Simulation::new(HeapConfig::new(8192), kind).unwrap();
                churn(&mut sim, seed);
                let Some(own) = own_links(&sim) else {
                    assert!(
                        free_links(sim.heap()).is_empty(),
                        "{kind:?} keeps no free list in its heap, yet links were read"
                    );
                    continue;
                };
                assert_eq!(free_links(sim.heap()), own, "{kind:?}, seed {seed}");
                checked += own.len();
            }
        }
        assert!(checked > 50, "the churn made lists of {checked} links");
    }
}
