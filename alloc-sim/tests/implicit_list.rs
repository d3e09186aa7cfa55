//! CS:APP's implicit free list on small hand-made traces: after each trace,
//! the blocks (payload address, size, allocated) are the ones the
//! textbook's code produces, worked out by hand in the comments from its
//! rules: blocks of `max(16, round_up(n + 8, 8))` bytes, split when 16 or
//! more bytes remain, immediate coalescing, a heap grown by
//! `max(asize, 4096)`. The heap starts at 0x1000: an alignment word, the
//! prologue (tags at 0x1004 and 0x1008), and the first 4 KiB chunk, whose
//! header replaces the first epilogue at 0x100c.

use core::alloc::Layout;

use alloc_sim::strategy::{ImplicitList, Placement};
use alloc_sim::{Addr, AnyStrategy, HeapConfig, Settings, Simulation, StrategyKind};

fn sim(placement: Placement) -> Simulation {
    let kind = StrategyKind::ImplicitList;
    let mut settings = Settings::new();
    settings
        .parse(kind.setting("placement").unwrap(), placement.name())
        .unwrap();
    let strategy = kind.build_with(&settings).unwrap();
    Simulation::with_strategy(HeapConfig::new(64 << 10), strategy).unwrap()
}

fn list(sim: &Simulation) -> &ImplicitList {
    match sim.strategy() {
        AnyStrategy::ImplicitList(s) => s,
        other => panic!("{other:?}"),
    }
}

fn blocks(sim: &Simulation) -> Vec<(u64, u64, bool)> {
    list(sim)
        .blocks(sim.heap())
        .into_iter()
        .map(|(a, s, used)| (a.0, s, used))
        .collect()
}

fn malloc(sim: &mut Simulation, n: usize) -> Addr {
    let a = sim.alloc(Layout::from_size_align(n, 8).unwrap()).unwrap();
    sim.check().unwrap();
    a
}

fn free(sim: &mut Simulation, at: Addr, n: usize) {
    sim.dealloc(at, Layout::from_size_align(n, 8).unwrap())
        .unwrap();
    sim.check().unwrap();
}

#[test]
fn a_fresh_heap_is_the_prologue_one_free_chunk_and_the_epilogue() {
    let s = sim(Placement::FirstFit);
    assert_eq!(blocks(&s), vec![(0x1010, 4096, false)]);
    assert_eq!(list(&s).brk(), Addr(0x2010));
    assert_eq!(s.heap().read(Addr(0x1004), 8), &[9, 0, 0, 0, 9, 0, 0, 0]);
    assert_eq!(s.heap().read(Addr(0x100c), 4), &[0, 16, 0, 0]); // 4096 | 0
    assert_eq!(s.heap().read(Addr(0x200c), 4), &[1, 0, 0, 0]); // epilogue 0 | 1
    assert_eq!(s.metrics().heap_size, 16 + 4096);
}

#[test]
fn blocks_are_split_taken_whole_and_coalesced_as_the_textbook_does() {
    let mut s = sim(Placement::FirstFit);
    // malloc(1): asize 16, split off 4080.
    let a = malloc(&mut s, 1);
    // malloc(24): asize 32; malloc(9): asize 24.
    let b = malloc(&mut s, 24);
    let c = malloc(&mut s, 9);
    assert_eq!((a.0, b.0, c.0), (0x1010, 0x1020, 0x1040));
    assert_eq!(
        blocks(&s),
        vec![
            (0x1010, 16, true),
            (0x1020, 32, true),
            (0x1040, 24, true),
            (0x1058, 4024, false)
        ]
    );
    // free(b): both neighbours allocated, no coalescing.
    free(&mut s, b, 24);
    // malloc(16): asize 24 fits the 32-byte block; 8 left is under 16, so
    // the whole block is used.
    let d = malloc(&mut s, 16);
    assert_eq!(d.0, 0x1020);
    assert_eq!(
        blocks(&s),
        vec![
            (0x1010, 16, true),
            (0x1020, 32, true),
            (0x1040, 24, true),
            (0x1058, 4024, false)
        ]
    );
    // free(c) merges with the free block after it (case 2), then free(d)
    // with the merged block after it: one block of 4080 again.
    free(&mut s, c, 9);
    assert_eq!(blocks(&s)[2..], [(0x1040, 24 + 4024, false)]);
    free(&mut s, d, 16);
    assert_eq!(blocks(&s), vec![(0x1010, 16, true), (0x1020, 4080, false)]);
}

/// Holes of 48 bytes at 0x1010 and 24 at 0x1050 in front of the big free
/// block at 0x1078; the last placement was at 0x1068. A request of 12
/// (asize 24) lands in a different place under each policy.
fn three_holes(placement: Placement) -> (Simulation, Addr) {
    let mut s = sim(placement);
    let a = malloc(&mut s, 40); // 48 at 0x1010
    let _b = malloc(&mut s, 8); // 16 at 0x1040
    let c = malloc(&mut s, 16); // 24 at 0x1050
    let _d = malloc(&mut s, 8); // 16 at 0x1068; 3992 free at 0x1078
    free(&mut s, a, 40);
    free(&mut s, c, 16);
    let e = malloc(&mut s, 12);
    (s, e)
}

#[test]
fn first_next_and_best_fit_place_the_same_request_differently() {
    // First fit: the first hole, 0x1010, split into 24 + 24.
    let (first, e) = three_holes(Placement::FirstFit);
    assert_eq!(e.0, 0x1010);
    assert_eq!(
        blocks(&first)[..2],
        [(0x1010, 24, true), (0x1028, 24, false)]
    );
    // Best fit: the 24-byte hole at 0x1050, an exact fit.
    let (best, e) = three_holes(Placement::BestFit);
    assert_eq!(e.0, 0x1050);
    assert_eq!(blocks(&best)[2], (0x1050, 24, true));
    // Next fit: on from the last placement (0x1068), to the big block.
    let (next, e) = three_holes(Placement::NextFit);
    assert_eq!(e.0, 0x1078);
    assert_eq!(blocks(&next).last(), Some(&(0x1090, 3992 - 24, false)));
}

#[test]
fn a_request_that_fits_nowhere_grows_the_heap_and_coalesces_with_the_last_free_block() {
    let mut s = sim(Placement::FirstFit);
    // asize = round_up(5000 + 8, 8) = 5008 > 4096: sbrk(max(5008, 4096)),
    // the new block merges with the free 4096 in front: 9104 at 0x1010,
    // split into 5008 and 4096.
    let a = malloc(&mut s, 5000);
    assert_eq!(a.0, 0x1010);
    assert_eq!(
        blocks(&s),
        vec![(0x1010, 5008, true), (0x1010 + 5008, 4096, false)]
    );
    assert_eq!(list(&s).brk(), Addr(0x1000 + 16 + 4096 + 5008));
    let m = s.metrics();
    assert_eq!(m.heap_size, 16 + 4096 + 5008);
    assert!((m.peak_utilisation() - 5000.0 / 9120.0).abs() < 1e-12);
}

#[test]
fn realloc_is_the_naive_one_malloc_copy_free() {
    let mut s = sim(Placement::FirstFit);
    let a = malloc(&mut s, 16); // 24 at 0x1010
    s.write(a, b"sixteen bytes!!!").unwrap();
    let layout = Layout::from_size_align(16, 8).unwrap();
    let b = s.realloc(a, layout, 32).unwrap(); // asize 40, after the old block
    s.check().unwrap();
    assert_eq!(b.0, 0x1028);
    assert_eq!(s.heap().read(b, 16), b"sixteen bytes!!!");
    assert_eq!(
        blocks(&s),
        vec![
            (0x1010, 24, false),
            (0x1028, 40, true),
            (0x1050, 4096 - 64, false)
        ]
    );
}

#[test]
fn a_full_heap_fails_without_touching_anything_and_wider_alignment_is_refused() {
    let mut s = sim(Placement::FirstFit);
    let before = s.heap().clone();
    assert!(s
        .alloc(Layout::from_size_align(62_000, 8).unwrap())
        .is_err());
    assert!(s.alloc(Layout::from_size_align(8, 16).unwrap()).is_err());
    assert!(*s.heap() == before);
    s.check().unwrap();
}

#[test]
fn the_largest_free_block_it_reports_can_be_allocated_and_no_more() {
    // 16 KiB: the heap grows in chunks of 4 KiB, and the room past the
    // break is reached only by a whole `sbrk(max(asize, chunk))`, never
    // by topping up a free last block.
    let strategy = StrategyKind::ImplicitList.build();
    let mut s = Simulation::with_strategy(HeapConfig::new(16 << 10), strategy).unwrap();
    let a = malloc(&mut s, 3000); // in the first chunk; 1080 left of it
    let largest = s.metrics().largest_free;
    let at = |n: u64| Layout::from_size_align(n as usize, 8).unwrap();
    let mut too_big = s.clone();
    assert!(too_big.alloc(at(largest + 1)).is_err());
    let b = s.alloc(at(largest)).unwrap();
    s.check().unwrap();
    // It came from the room past the break, which coalesced with the free
    // rest of the first chunk: the block starts there.
    assert_eq!(b, a.add(3008));
    // A fresh heap's largest block is the room past its first chunk, not
    // the chunk and the room together.
    let fresh = Simulation::with_strategy(
        HeapConfig::new(16 << 10),
        StrategyKind::ImplicitList.build(),
    )
    .unwrap();
    let room = (16 << 10) - 16 - 4096;
    assert_eq!(fresh.metrics().largest_free, room - 8);
    assert_eq!(fresh.metrics().total_free, (4096 - 8) + (room - 8));
}

/// A search that passes many free blocks too small tells the first few,
/// counts the rest in one line, and counts every one in the steps, as the
/// walk over the heap does: first fit from the start, next fit from the
/// rover round to it. Twenty 16-byte free blocks lie between allocated
/// ones, and the rest of the chunk is taken, so a 100-byte request (a
/// 112-byte block) examines all twenty, fits none, and grows the heap.
#[test]
fn a_long_search_tells_a_few_free_blocks_and_counts_every_one() {
    for placement in [Placement::FirstFit, Placement::NextFit] {
        let mut s = sim(placement);
        let small: Vec<Addr> = (0..40).map(|_| malloc(&mut s, 8)).collect();
        // 40 blocks of 16 bytes from 0x1010; the chunk's other 3456 bytes
        // become one block of 3448 (the 8 left over go with it).
        let _rest = malloc(&mut s, 3440);
        assert_eq!(blocks(&s).last(), Some(&(0x1290, 3456, true)));
        for &b in small.iter().step_by(2) {
            free(&mut s, b, 8);
        }
        let steps = s.metrics().search_steps;
        let grown = malloc(&mut s, 100);
        assert_eq!(grown.0, 0x1290 + 3456, "{placement:?}");
        assert_eq!(s.metrics().search_steps - steps, 20, "{placement:?}");
        let told = s
            .events()
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    alloc_sim::Event::HoleExamined {
                        rejected: Some(_),
                        ..
                    }
                )
            })
            .count() as u64;
        let elided: u64 = s
            .events()
            .iter()
            .map(|e| match e {
                alloc_sim::Event::HolesElided { count } => *count,
                _ => 0,
            })
            .sum();
        assert!(
            told < 20 && elided > 0,
            "{placement:?}: {told} told, {elided} elided"
        );
        assert_eq!(told + elided, 20, "{placement:?}");
        assert!(
            s.events()
                .contains(&alloc_sim::Event::NoFit { examined: 20 }),
            "{placement:?}"
        );
    }
}
