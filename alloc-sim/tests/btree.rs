//! `BTreeMap` and `BTreeSet` as scenarios run them, checked against std's:
//! what each operation returns and what the map shows after it, over
//! sequences long enough to split and merge nodes; the nodes' bytes in the
//! heap; and what is refused, with rustc's or std's words. (The calls
//! themselves are checked against real Rust by the conformance corpus.)
#![cfg(not(target_arch = "wasm32"))]

#[macro_use]
mod support;
use support::*;

use std::collections::{BTreeMap, BTreeSet};

use alloc_sim::scenario::{self, Limits, Outcome};
use alloc_sim::{HeapConfig, Simulation, StrategyKind};

/// A fixed stream of numbers below `modulo` (an LCG: the same every run).
fn lcg(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) % modulo
        })
        .collect()
}

/// Inserts and removes `keys` (a removal for every third), printing what
/// each returns; then the map, its ends, a range and its pops.
fn same_as_std(keys: &[u64]) {
    let list = keys
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let source = format!(
        "use std::collections::BTreeMap;\nfn main() {{\n    let mut m = BTreeMap::new();\n    for (i, k) in [{list}].iter().enumerate() {{\n        let k = *k as u32;\n        if i % 3 == 2 {{\n            println!(\"{{:?}}\", m.remove(&k));\n        }} else {{\n            println!(\"{{:?}}\", m.insert(k, i));\n        }}\n    }}\n    println!(\"{{:?}}\", m);\n    println!(\"{{}} {{:?}} {{:?}}\", m.len(), m.first_key_value(), m.last_key_value());\n    println!(\"{{:?}}\", m.range(10..40).collect::<Vec<_>>());\n    println!(\"{{:?}} {{:?}} {{}}\", m.pop_first(), m.pop_last(), m.len());\n}}\n"
    );
    let mut want = Vec::new();
    let mut m = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        let k = *k as u32;
        if i % 3 == 2 {
            want.push(format!("{:?}", m.remove(&k)));
        } else {
            want.push(format!("{:?}", m.insert(k, i)));
        }
    }
    want.push(format!("{m:?}"));
    want.push(format!(
        "{} {:?} {:?}",
        m.len(),
        m.first_key_value(),
        m.last_key_value()
    ));
    want.push(format!("{:?}", m.range(10..40).collect::<Vec<_>>()));
    let (a, b) = (m.pop_first(), m.pop_last());
    want.push(format!("{a:?} {b:?} {}", m.len()));
    assert_eq!(printed(&source), want, "\n{source}");
}

#[test]
fn a_map_answers_as_std_s_through_splits_and_merges() {
    same_as_std(&[5, 3, 8, 1, 9, 3, 7]);
    same_as_std(&(0..60).collect::<Vec<_>>());
    same_as_std(&(0..60).rev().collect::<Vec<_>>());
    for (seed, n) in [(1, 40), (2, 150), (3, 400)] {
        same_as_std(&lcg(seed, n, 120));
    }
}

#[test]
fn sets_and_string_keys_answer_as_std_s() {
    check!({
        let mut s = BTreeSet::new();
        for w in ["pear", "apple", "fig", "apple", "kiwi", "date"] {
            s.insert(w.to_string());
        }
        let had = s.remove("fig");
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for w in ["b", "a", "b", "c", "b"] {
            *counts.entry(w.to_string()).or_insert(0) += 1;
        }
    }
        "{:?}" => s,
        "{:?}" => (had, s.contains("kiwi"), s.len()),
        "{:?}" => (s.first(), s.last()),
        "{:?}" => counts,
        "{:?}" => counts.get("b"),
        "{:?}" => counts.iter().next_back(),
        "{:?}" => counts.keys().collect::<Vec<_>>(),
    );
}

/// The heap after `source` ran, and its run.
fn heap_after(source: &str) -> (scenario::Run, Simulation) {
    let mut sim = Simulation::new(HeapConfig::new(64 << 10), StrategyKind::FirstFit).unwrap();
    let run = scenario::run(source, &mut sim, Limits::default());
    assert_eq!(run.outcome, Outcome::Ok, "\n{source}");
    (run, sim)
}

#[test]
fn each_node_is_in_the_heap_as_rustc_lays_it_out() {
    use alloc_sim::scenario::std_rules::btree::{
        edges_offset, internal_node_layout, leaf_fields, leaf_node_layout, BTreeShadow,
    };
    use alloc_sim::{LayoutSpec, Target};
    let u32_ = LayoutSpec { size: 4, align: 4 };
    let u64_ = LayoutSpec { size: 8, align: 8 };
    let t = Target::Bits64;
    // 12 keys: a root over two leaves. The last three blocks allocated
    // alive at the end are the first leaf, the split-off leaf, the root.
    let source = "use std::collections::BTreeMap;\nfn main() {\n    let mut m: BTreeMap<u32, u64> = BTreeMap::new();\n    for k in 0..12u32 {\n        m.insert(k * 10, k as u64 + 1000);\n    }\n    std::mem::forget(m);\n}\n";
    let (run, sim) = heap_after(source);
    let leaf = leaf_node_layout(u32_, u64_, t);
    let internal = internal_node_layout(u32_, u64_, t);
    let blocks: Vec<(u64, u64)> = run
        .calls
        .iter()
        .filter(|c| c.op == alloc_sim::CallOp::Alloc)
        .filter(|c| c.layout.size == leaf.size || c.layout.size == internal.size)
        .filter_map(|c| c.addr.map(|a| (a.0, c.layout.size)))
        .collect();
    assert_eq!(blocks.len(), 3, "{blocks:?}");
    let (first, right, root) = (blocks[0], blocks[1], blocks[2]);
    assert_eq!(
        (first.1, right.1, root.1),
        (leaf.size, leaf.size, internal.size)
    );
    let f = leaf_fields(u32_, u64_, t);
    let read = |at: u64, n: u64| -> u64 {
        let bytes = sim.heap().read(alloc_sim::Addr(at), n);
        bytes
            .iter()
            .rev()
            .fold(0, |acc, &b| acc << 8 | u64::from(b))
    };
    let mut model = BTreeShadow::new(u32_, u64_, t);
    for k in 0..12u32 {
        model.insert(k);
    }
    let views = model.shape().views();
    let root_view = &views[0];
    assert_eq!(read(root.0 + f.len, 2), root_view.keys.len() as u64);
    assert_eq!(read(root.0 + f.keys, 4), root_view.keys[0] * 10);
    assert_eq!(read(root.0 + f.vals, 8), root_view.keys[0] + 1000);
    assert_eq!(read(root.0 + f.parent, 8), 0);
    let edges = edges_offset(u32_, u64_, t);
    for (i, child) in [first, right].iter().enumerate() {
        assert_eq!(read(root.0 + edges + 8 * i as u64, 8), child.0);
        assert_eq!(read(child.0 + f.parent, 8), root.0);
        assert_eq!(read(child.0 + f.parent_idx, 2), i as u64);
        let view = views.iter().find(|v| v.id == root_view.edges[i]).unwrap();
        assert_eq!(read(child.0 + f.len, 2), view.keys.len() as u64);
        for (slot, rank) in view.keys.iter().enumerate() {
            assert_eq!(read(child.0 + f.keys + 4 * slot as u64, 4), rank * 10);
            assert_eq!(read(child.0 + f.vals + 8 * slot as u64, 8), rank + 1000);
        }
    }
}

#[test]
fn what_a_b_tree_does_not_have_is_refused() {
    let m = "use std::collections::BTreeMap;\nfn main() {\n    let mut m: BTreeMap<u32, u32> = BTreeMap::new();\n";
    let msg = stops_with(&format!(
        "{m}    m.insert(1, 2);\n    println!(\"{{}}\", m.capacity());\n}}\n"
    ));
    assert!(
        msg.contains("no method named `capacity` found for struct `BTreeMap`"),
        "{msg}"
    );
    let msg = stops_with("use std::collections::BTreeMap;\nfn main() {\n    let mut m = BTreeMap::new();\n    m.insert(1.5f64, 2);\n}\n");
    assert!(msg.contains("`f64: Ord` is not satisfied"), "{msg}");
}

#[test]
fn taken_apart_from_either_end_or_appended_every_node_is_freed_once() {
    // Walks from the back, from both ends, and merges, over trees of one
    // leaf to three levels: what each gives is std's, and every node
    // allocated is freed exactly once (the heap's own checks refuse a
    // second free), none left live.
    for n in [1u64, 5, 11, 12, 30, 70, 200] {
        let source = format!(
            "use std::collections::{{BTreeMap, BTreeSet}};\nfn main() {{\n    let m: BTreeMap<u64, u64> = (0..{n}).map(|i| (i, i * 2)).collect();\n    let v: Vec<(u64, u64)> = m.into_iter().rev().collect();\n    println!(\"{{:?}}\", &v[..3.min(v.len())]);\n    let s: BTreeSet<u64> = (0..{n}).collect();\n    let mut it = s.into_iter();\n    println!(\"{{:?}} {{:?}} {{:?}}\", it.next_back(), it.next(), it.next_back());\n    drop(it);\n    let mut a: BTreeSet<u64> = (0..{n}).map(|i| i * 2).collect();\n    let mut b: BTreeSet<u64> = (0..{n}).map(|i| i * 3).collect();\n    a.append(&mut b);\n    println!(\"{{}} {{}} {{:?}}\", a.len(), b.len(), a.iter().nth(7));\n}}\n"
        );
        let m: BTreeMap<u64, u64> = (0..n).map(|i| (i, i * 2)).collect();
        let v: Vec<(u64, u64)> = m.into_iter().rev().collect();
        let s: BTreeSet<u64> = (0..n).collect();
        let mut it = s.into_iter();
        let (x, y, z) = (it.next_back(), it.next(), it.next_back());
        let mut a: BTreeSet<u64> = (0..n).map(|i| i * 2).collect();
        let mut b: BTreeSet<u64> = (0..n).map(|i| i * 3).collect();
        a.append(&mut b);
        let want = vec![
            format!("{:?}", &v[..3.min(v.len())]),
            format!("{x:?} {y:?} {z:?}"),
            format!("{} {} {:?}", a.len(), b.len(), a.iter().nth(7)),
        ];
        let (run, _) = heap_after(&source);
        assert_eq!(run.outcome, Outcome::Ok, "{source}");
        assert_eq!(run.output, want, "{source}");
        let own: Vec<_> = run.calls.iter().filter(|c| !c.implicit).collect();
        let allocs = own
            .iter()
            .filter(|c| c.op == alloc_sim::CallOp::Alloc)
            .count();
        let frees = own
            .iter()
            .filter(|c| c.op == alloc_sim::CallOp::Dealloc)
            .count();
        assert_eq!(allocs, frees, "{source}");
    }
}

#[test]
fn a_backward_range_panics_as_std_does() {
    panics_as(
        "    let mut m = std::collections::BTreeMap::new();\n    m.insert(1u32, 1u32);\n    let n = m.range(5..2).count();\n    println!(\"{}\", n);",
        || {
            let mut m = BTreeMap::new();
            m.insert(1u32, 1u32);
            #[allow(clippy::reversed_empty_ranges)]
            let n = m.range(5..2).count();
            println!("{n}");
        },
    );
}
