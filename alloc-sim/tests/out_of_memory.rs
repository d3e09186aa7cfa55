//! What an out-of-memory result says must be what happened: fragmentation
//! only when there is enough free memory in all and no hole holds the
//! request, alignment when no free address at the alignment has room.
//! Each case is built through `Simulation` and read through the error's
//! `Display`, as the learner reads it.

use core::alloc::Layout;

use alloc_sim::units::Bytes;
use alloc_sim::{
    Addr, CallError, HeapConfig, LayoutSpec, Shortfall, Simulation, StrategyKind, ThreadId,
};

fn layout(size: u64, align: u64) -> Layout {
    Layout::from_size_align(size as usize, align as usize).unwrap()
}

fn oom(result: Result<Addr, CallError>) -> alloc_sim::AllocError {
    match result {
        Err(CallError::OutOfMemory(e)) => e,
        other => panic!("expected out of memory, got {other:?}"),
    }
}

const FRAGMENTATION: &str = "(fragmentation)";
const ALIGNMENT: &str = "(alignment, not fragmentation)";

#[test]
fn an_alignment_no_address_in_the_heap_has_is_alignment_on_every_strategy() {
    for kind in StrategyKind::ALL {
        let mut s = Simulation::new(HeapConfig::new(64 << 10), kind).unwrap();
        let spec = LayoutSpec {
            size: 16,
            align: 1 << 30,
        };
        let before = s.heap().clone();
        let e = oom(s.alloc_spec(ThreadId::MAIN, spec, false));
        let text = e.to_string();
        // The heap holds no multiple of 1 GiB: it lies between two.
        let (start, end) = (s.heap().base(), s.heap().end());
        assert!(start.0 % (1 << 30) != 0 && start.0 / (1 << 30) == (end.0 - 1) / (1 << 30));
        assert!(
            text.contains(&format!(
                "no address in the heap ({start}..{end}) is a multiple of {} with {} after it",
                Bytes(1 << 30),
                Bytes(16)
            )),
            "{kind}: {text}"
        );
        assert!(text.contains(ALIGNMENT), "{kind}: {text}");
        assert!(!text.contains(FRAGMENTATION), "{kind}: {text}");
        // The narration does not say the 16 bytes are too many either.
        let narration: Vec<String> = s.events().iter().map(ToString::to_string).collect();
        assert!(
            narration.iter().all(|n| !n.starts_with("16 B is more")),
            "{narration:?}"
        );
        assert!(
            narration.iter().any(|n| n.contains("alignment")),
            "{narration:?}"
        );
        assert_eq!(s.heap(), &before);
    }
}

#[test]
fn an_alignment_larger_than_the_heap_at_an_aligned_base_is_refused_as_alignment() {
    // A heap that starts at 1 GiB holds exactly one multiple of 1 GiB.
    let base = Addr(1 << 30);
    let mut s =
        Simulation::new(HeapConfig::new(64 << 10).at(base), StrategyKind::FirstFit).unwrap();
    let spec = LayoutSpec {
        size: 16,
        align: 1 << 30,
    };
    let e = oom(s.alloc_spec(ThreadId::MAIN, spec, false));
    assert_eq!(
        e.shortfall,
        Shortfall::AlignmentLargerThanHeap { heap: 64 << 10 }
    );
    let text = e.to_string();
    assert!(
        text.contains(&format!(
            "the alignment, {}, is larger than the whole {} heap",
            Bytes(1 << 30),
            Bytes(64 << 10)
        )),
        "{text}"
    );
    assert!(!text.contains(FRAGMENTATION), "{text}");
}

#[test]
fn a_request_larger_than_the_heap_says_so() {
    let mut s = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
    let e = oom(s.alloc_spec(
        ThreadId::MAIN,
        LayoutSpec {
            size: 5000,
            align: 8,
        },
        false,
    ));
    let text = e.to_string();
    assert!(
        text.contains(&format!(
            "{} is more than the whole {} heap",
            Bytes(5000),
            Bytes(4096)
        )),
        "{text}"
    );
}

#[test]
fn too_little_free_in_all_is_not_called_fragmentation() {
    let mut s = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
    s.alloc(layout(3000, 8)).unwrap();
    let free = s.metrics().total_free;
    let e = oom(s.alloc(layout(free + 8, 8)));
    let text = e.to_string();
    assert!(
        text.ends_with(&format!("only {} free", Bytes(free))),
        "{text}"
    );
    assert!(!text.contains(FRAGMENTATION), "{text}");
}

#[test]
fn enough_in_all_but_no_hole_large_enough_is_fragmentation() {
    // Eight blocks of 256 B; every other one freed leaves holes of 256 B.
    let mut s = Simulation::new(HeapConfig::new(2048), StrategyKind::FirstFit).unwrap();
    let blocks: Vec<Addr> = (0..8).map(|_| s.alloc(layout(256, 8)).unwrap()).collect();
    for &b in blocks.iter().step_by(2) {
        s.dealloc(b, layout(256, 8)).unwrap();
    }
    let m = s.metrics();
    assert_eq!((m.total_free, m.largest_free), (1024, 256));
    let e = oom(s.alloc(layout(512, 8)));
    assert_eq!(e.shortfall, Shortfall::Fragmented);
    let text = e.to_string();
    assert!(
        text.ends_with(&format!(
            "{} free in all, but the largest hole is {} {FRAGMENTATION}",
            Bytes(1024),
            Bytes(256)
        )),
        "{text}"
    );
}

#[test]
fn holes_large_enough_but_none_at_the_alignment_is_alignment() {
    // 64 KiB at 0x1000: the multiples of 32 KiB inside are 0x8000 and
    // 0x10000. Blocks over both leave two holes of about 28 KiB, and
    // 4080 B past the last block: no 4 KiB fits at a multiple of 32 KiB.
    let mut s = Simulation::new(HeapConfig::new(64 << 10), StrategyKind::FirstFit).unwrap();
    let x = s.alloc(layout(0x7000, 16)).unwrap();
    let y = s.alloc(layout(0x1010, 16)).unwrap();
    let z = s.alloc(layout(0x6ff0, 16)).unwrap();
    let w = s.alloc(layout(0x10, 16)).unwrap();
    assert_eq!(
        (x.0, y.0, z.0, w.0),
        (0x1000, 0x8000, 0x9010, 0x10000),
        "the blocks lie where the comment says"
    );
    s.dealloc(x, layout(0x7000, 16)).unwrap();
    s.dealloc(z, layout(0x6ff0, 16)).unwrap();
    let m = s.metrics();
    assert!(m.largest_free >= 4096, "{m:?}");
    let e = oom(s.alloc(layout(4096, 0x8000)));
    assert_eq!(e.shortfall, Shortfall::NoAlignedHole);
    let text = e.to_string();
    assert!(
        text.contains("no free address that is a multiple of 32768 has 4096 free bytes after it"),
        "{text}"
    );
    assert!(text.contains(ALIGNMENT), "{text}");
    // Without the alignment, the same request fits.
    s.alloc(layout(4096, 16)).unwrap();
}

#[test]
fn an_alignment_the_allocator_never_gives_is_alignment() {
    // The textbook's implicit list aligns to 8 only.
    let mut s = Simulation::new(HeapConfig::new(64 << 10), StrategyKind::ImplicitList).unwrap();
    let e = oom(s.alloc(layout(16, 16)));
    let text = e.to_string();
    assert!(
        text.contains("aligns blocks to at most 8 bytes, and 16 was asked"),
        "{text}"
    );
    assert!(!text.contains(FRAGMENTATION), "{text}");
    s.alloc(layout(16, 8)).unwrap();
}

#[test]
fn room_for_the_bytes_but_not_for_the_block_the_allocator_makes_is_neither() {
    // bumpalo rounds a block up to its alignment: with 100 B left below an
    // aligned pointer, 16 B at 128 needs 128.
    let mut s = Simulation::new(HeapConfig::new(1024), StrategyKind::Bump).unwrap();
    let left = s.metrics().total_free;
    s.alloc(layout(left - 100, 1)).unwrap();
    let m = s.metrics();
    assert_eq!((m.total_free, m.largest_free), (100, 100));
    let e = oom(s.alloc(layout(16, 128)));
    assert_eq!(e.shortfall, Shortfall::StrategyRules);
    let text = e.to_string();
    assert!(!text.contains(FRAGMENTATION), "{text}");
    assert!(text.contains("so this is not fragmentation"), "{text}");
    // At an alignment the pointer allows, the 16 bytes fit.
    s.alloc(layout(16, 16)).unwrap();
}

#[test]
fn a_realloc_is_explained_the_same_way() {
    let mut s = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
    let a = s.alloc(layout(64, 8)).unwrap();
    let e = oom(s.realloc(a, layout(64, 8), 5000));
    assert!(
        e.to_string().contains(&format!(
            "{} is more than the whole {} heap",
            Bytes(5000),
            Bytes(4096)
        )),
        "{e}"
    );
}
