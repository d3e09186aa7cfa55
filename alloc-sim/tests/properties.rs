//! Random programs against every strategy, on both targets, checked after
//! every call against a shadow model of what the program owns.
//!
//! After each call: every live block is aligned, inside the heap, apart from
//! the others, and holds exactly the bytes the program wrote (through
//! `realloc` too); the counters equal the shadow's; the strategy's whole-heap
//! `check()` passes. A misuse leaves the heap byte-for-byte as it was. After
//! freeing everything, the heap is back to its initial free state.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::Layout;
use std::collections::BTreeMap;

use alloc_sim::strategy::{SettingKind, SettingValue};
use alloc_sim::{
    Addr, AnyStrategy, CallError, HeapConfig, Misuse, Settings, Simulation, StrategyKind, Target,
};
use proptest::prelude::*;

#[derive(Debug, Clone, Copy)]
enum Step {
    Alloc {
        size: usize,
        align_log2: u32,
        zeroed: bool,
    },
    Free(usize),
    Realloc(usize, usize),
    DoubleFree(usize),
    WrongLayout(usize),
    Interior(usize),
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        8 => (1usize..600, 0u32..8, any::<bool>())
            .prop_map(|(size, align_log2, zeroed)| Step::Alloc { size, align_log2, zeroed }),
        5 => any::<usize>().prop_map(Step::Free),
        3 => (any::<usize>(), 1usize..900).prop_map(|(i, n)| Step::Realloc(i, n)),
        1 => any::<usize>().prop_map(Step::DoubleFree),
        1 => any::<usize>().prop_map(Step::WrongLayout),
        1 => any::<usize>().prop_map(Step::Interior),
    ];
    proptest::collection::vec(step, 1..150)
}

/// What the program believes it owns.
#[derive(Default)]
struct Shadow {
    /// addr → (layout, the bytes written there)
    blocks: BTreeMap<Addr, (Layout, Vec<u8>)>,
    freed: Vec<(Addr, Layout)>,
    live_bytes: u64,
    peak: u64,
    allocs: u64,
    deallocs: u64,
    reallocs: u64,
    failed: u64,
    misuses: u64,
    counter: u8,
}

impl Shadow {
    fn pattern(&mut self, len: usize) -> Vec<u8> {
        self.counter = self.counter.wrapping_add(1);
        let seed = self.counter;
        (0..len)
            .map(|i| seed.wrapping_mul(31).wrapping_add(i as u8))
            .collect()
    }

    fn nth(&self, i: usize) -> Option<(Addr, Layout)> {
        if self.blocks.is_empty() {
            return None;
        }
        let (&a, (l, _)) = self.blocks.iter().nth(i % self.blocks.len())?;
        Some((a, *l))
    }
}

fn assert_agrees(sim: &Simulation, shadow: &Shadow) -> Result<(), TestCaseError> {
    if let Err(e) = sim.check() {
        return Err(TestCaseError::fail(format!("check failed: {e}")));
    }
    let live: Vec<_> = sim.live().map(|(a, l)| (*a, l.layout)).collect();
    let expect: Vec<_> = shadow.blocks.iter().map(|(a, (l, _))| (*a, *l)).collect();
    prop_assert_eq!(live, expect);
    for (&addr, (layout, bytes)) in &shadow.blocks {
        prop_assert!(addr.is_aligned(layout.align() as u64));
        prop_assert_eq!(
            sim.heap().read(addr, bytes.len() as u64),
            &bytes[..],
            "contents at {}",
            addr
        );
    }
    let m = sim.metrics();
    prop_assert_eq!(m.live_bytes, shadow.live_bytes);
    prop_assert_eq!(m.peak_live_bytes, shadow.peak);
    prop_assert_eq!(m.allocs, shadow.allocs);
    prop_assert_eq!(m.deallocs, shadow.deallocs);
    prop_assert_eq!(m.reallocs(), shadow.reallocs);
    prop_assert_eq!(m.failed, shadow.failed);
    prop_assert_eq!(m.misuses, shadow.misuses);
    prop_assert!(m.largest_free <= m.total_free);
    let free = alloc_sim::Strategy::free_space(sim.strategy(), sim.heap());
    match free.largest_at {
        Some(at) => prop_assert!(
            sim.heap().contains(at, free.largest),
            "largest hole {} at {at} outside the heap",
            free.largest
        ),
        None => prop_assert_eq!(free.largest, 0),
    }
    prop_assert!(m.footprint <= sim.heap().len());
    Ok(())
}

/// Settings for `kind` drawn from `seed`: for each setting it declares,
/// one of the values a learner can pick.
fn settings_for(kind: StrategyKind, seed: u64) -> Settings {
    let mut settings = Settings::new();
    for (i, spec) in kind.settings().iter().enumerate() {
        let roll = (seed >> (8 * (i % 8))) as usize;
        let value = match spec.kind {
            SettingKind::Bytes { offered, .. } => {
                SettingValue::Bytes(offered[roll % offered.len()])
            }
            SettingKind::Count { min, max, .. } => {
                SettingValue::Count([min, max.min(8), max][roll % 3])
            }
            SettingKind::Flag { .. } => SettingValue::Flag(roll % 2 == 1),
            SettingKind::Choice { options, .. } => {
                SettingValue::Choice(options[roll % options.len()])
            }
        };
        settings.set(spec, value).unwrap();
    }
    settings
}

fn run_with(
    kind: StrategyKind,
    settings: Settings,
    target: Target,
    heap_size: u64,
    program: &[Step],
) -> Result<(), TestCaseError> {
    let config = HeapConfig::new(heap_size).on(target);
    let mut sim = Simulation::with_strategy(config, kind.build_with(&settings).unwrap()).unwrap();
    let initial_free = sim.metrics().total_free;
    let initial_largest = sim.metrics().largest_free;
    let mut shadow = Shadow::default();
    for &step in program {
        match step {
            Step::Alloc {
                size,
                align_log2,
                zeroed,
            } => {
                let layout = Layout::from_size_align(size, 1 << align_log2).unwrap();
                let result = if zeroed {
                    sim.alloc_zeroed(layout)
                } else {
                    sim.alloc(layout)
                };
                match result {
                    Ok(addr) => {
                        if zeroed {
                            prop_assert!(sim
                                .heap()
                                .read(addr, size as u64)
                                .iter()
                                .all(|&b| b == 0));
                        }
                        let bytes = shadow.pattern(size);
                        sim.write(addr, &bytes).unwrap();
                        shadow.blocks.insert(addr, (layout, bytes));
                        shadow.live_bytes += size as u64;
                        shadow.peak = shadow.peak.max(shadow.live_bytes);
                        shadow.allocs += 1;
                    }
                    Err(CallError::OutOfMemory(e)) => {
                        shadow.failed += 1;
                        prop_assert!(e.largest_free <= e.total_free);
                    }
                    Err(other) => return Err(TestCaseError::fail(format!("unexpected {other}"))),
                }
            }
            Step::Free(i) => {
                let Some((addr, layout)) = shadow.nth(i) else {
                    continue;
                };
                sim.dealloc(addr, layout).unwrap();
                shadow.blocks.remove(&addr);
                shadow.freed.push((addr, layout));
                shadow.live_bytes -= layout.size() as u64;
                shadow.deallocs += 1;
            }
            Step::Realloc(i, new_size) => {
                let Some((addr, layout)) = shadow.nth(i) else {
                    continue;
                };
                match sim.realloc(addr, layout, new_size as u64) {
                    Ok(new) => {
                        let (_, mut bytes) = shadow.blocks.remove(&addr).unwrap();
                        bytes.truncate(new_size);
                        prop_assert_eq!(
                            sim.heap().read(new, bytes.len() as u64),
                            &bytes[..],
                            "realloc kept the bytes"
                        );
                        let extra = shadow.pattern(new_size - bytes.len());
                        sim.write(new.add(bytes.len() as u64), &extra).unwrap();
                        bytes.extend(extra);
                        let new_layout = Layout::from_size_align(new_size, layout.align()).unwrap();
                        shadow.blocks.insert(new, (new_layout, bytes));
                        if new != addr {
                            shadow.freed.push((addr, layout));
                        }
                        shadow.live_bytes =
                            shadow.live_bytes - layout.size() as u64 + new_size as u64;
                        shadow.peak = shadow.peak.max(shadow.live_bytes);
                        shadow.reallocs += 1;
                    }
                    Err(CallError::OutOfMemory(_)) => shadow.failed += 1,
                    Err(other) => return Err(TestCaseError::fail(format!("unexpected {other}"))),
                }
            }
            Step::DoubleFree(i) | Step::WrongLayout(i) | Step::Interior(i) => {
                let target = match step {
                    Step::DoubleFree(_) => {
                        let Some(&(addr, layout)) = shadow.freed.get(i % shadow.freed.len().max(1))
                        else {
                            continue;
                        };
                        if shadow.blocks.contains_key(&addr) {
                            continue; // reused since: not a double free
                        }
                        (addr, layout)
                    }
                    Step::WrongLayout(_) => {
                        let Some((addr, layout)) = shadow.nth(i) else {
                            continue;
                        };
                        (
                            addr,
                            Layout::from_size_align(layout.size() + 8, layout.align()).unwrap(),
                        )
                    }
                    _ => {
                        let Some((addr, layout)) = shadow.nth(i) else {
                            continue;
                        };
                        if layout.size() < 2 {
                            continue;
                        }
                        (addr.add(1), layout)
                    }
                };
                let before = sim.heap().clone();
                let err = sim.dealloc(target.0, target.1).unwrap_err();
                prop_assert!(matches!(err, CallError::Misuse(_)), "{}", err);
                if let (Step::DoubleFree(_), CallError::Misuse(m)) = (step, &err) {
                    prop_assert!(matches!(m, Misuse::DoubleFree { .. }), "{}", m);
                }
                prop_assert!(sim.heap() == &before, "misuse changed the heap");
                shadow.misuses += 1;
            }
        }
        assert_agrees(&sim, &shadow)?;
    }
    // Free everything, newest block first (the only order a bump allocator honours).
    let mut blocks: Vec<_> = shadow.blocks.iter().map(|(a, (l, _))| (*a, *l)).collect();
    blocks.sort_by_key(|(a, _)| *a);
    for (addr, layout) in blocks {
        sim.dealloc(addr, layout).unwrap();
    }
    if kind == StrategyKind::Bump {
        sim.reset();
    }
    sim.check().map_err(TestCaseError::fail)?;
    let m = sim.metrics();
    if let AnyStrategy::ImplicitList(list) = sim.strategy() {
        // An sbrk allocator keeps what it obtained: the break never comes
        // back down, so the room past it is not what it was (and, once less
        // than a chunk, can never be grown into), and its free bytes differ
        // from the fresh heap's. What it holds is one free block again.
        let blocks = list.blocks(sim.heap());
        prop_assert!(
            matches!(blocks[..], [(_, _, false)]),
            "one free block below the break: {:?}",
            blocks
        );
        prop_assert_eq!(m.live_bytes, 0);
        return Ok(());
    }
    // Thread caches keep what was freed: free, but held.
    prop_assert_eq!(m.total_free + m.cached_bytes, initial_free, "{}", kind);
    // Size classes keep their pages after the blocks are freed, and thread
    // caches keep their slabs alive: all bytes are free again, but not as
    // the holes they were. Every other strategy merges back to them.
    if kind != StrategyKind::SizeClass && m.cached_bytes == 0 {
        prop_assert_eq!(m.largest_free, initial_largest, "the holes as they were");
    }
    prop_assert_eq!(m.live_bytes, 0);
    Ok(())
}

fn targets() -> impl Strategy<Value = Target> {
    prop_oneof![Just(Target::Bits64), Just(Target::Bits32)]
}

fn heap_sizes() -> impl Strategy<Value = u64> {
    prop_oneof![Just(256u64), Just(1024), Just(4096), Just(65536)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Every strategy in the registry, with settings drawn from what it
    /// declares: a new strategy is covered without a line here.
    #[test]
    fn every_strategy_keeps_its_invariants(
        program in steps(),
        target in targets(),
        size in heap_sizes(),
        seed in any::<u64>(),
    ) {
        for kind in StrategyKind::ALL {
            run_with(kind, settings_for(kind, seed), target, size, &program)?;
        }
    }
}
