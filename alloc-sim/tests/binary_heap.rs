//! `BinaryHeap` as scenarios run it, checked against std's: the order its
//! vector is kept in (what `{:?}` and `iter()` show) after every push and
//! pop, heapify and the in-place sort, for many sequences; and the
//! methods a `Vec` has but a heap does not, refused.
#![cfg(not(target_arch = "wasm32"))]

#[macro_use]
mod support;
use support::*;

use std::collections::BinaryHeap;

/// Pushes `values` one by one, pops `pops` of them, then heapifies them
/// from a `Vec` and sorts that heap: every state, as a scenario and here.
fn same_as_std(values: &[i64], pops: usize) {
    let list = values
        .iter()
        .map(|v| format!("{v}i64"))
        .collect::<Vec<_>>()
        .join(", ");
    let source = format!(
        "use std::collections::BinaryHeap;\nfn main() {{\n    let mut h = BinaryHeap::new();\n    for x in [{list}] {{\n        h.push(x);\n        println!(\"{{:?}}\", h);\n    }}\n    for _ in 0..{pops} {{\n        println!(\"{{:?}} {{:?}}\", h.pop(), h);\n    }}\n    let f = BinaryHeap::from(vec![{list}]);\n    println!(\"{{:?}}\", f);\n    println!(\"{{:?}}\", f.into_sorted_vec());\n}}\n"
    );
    let mut want = Vec::new();
    let mut h = BinaryHeap::new();
    for &x in values {
        h.push(x);
        want.push(format!("{h:?}"));
    }
    for _ in 0..pops {
        let top = h.pop();
        want.push(format!("{top:?} {h:?}"));
    }
    let f = BinaryHeap::from(values.to_vec());
    want.push(format!("{f:?}"));
    want.push(format!("{:?}", f.into_sorted_vec()));
    assert_eq!(printed(&source), want, "\n{source}");
}

#[test]
fn the_heap_keeps_std_s_order_through_pushes_pops_and_heapify() {
    same_as_std(&[7, 3, 9, 1, 8, 2, 6, 5, 4, 10, 10, 0], 6);
    same_as_std(&[1, 2, 3, 4, 5, 6, 7, 8, 9], 9);
    same_as_std(&[9, 8, 7, 6, 5, 4, 3, 2, 1], 4);
    same_as_std(&[5, 5, 5, 1, 5, 9, 5], 7);
    // A few pseudo-random sequences (a fixed LCG: the same every run).
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for n in [3usize, 16, 31, 40] {
        let values: Vec<i64> = (0..n)
            .map(|_| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                (seed >> 33) as i64 % 50 - 10
            })
            .collect();
        same_as_std(&values, n / 2);
    }
}

#[test]
fn a_vec_method_a_heap_does_not_have_is_refused() {
    let message = stops_with(
        "use std::collections::BinaryHeap;\nfn main() {\n    let mut h = BinaryHeap::new();\n    h.push(3u8);\n    h.sort();\n}\n",
    );
    assert!(message.contains("no method named `sort`"), "{message}");
    let message = stops_with(
        "use std::collections::BinaryHeap;\nfn main() {\n    let mut h = BinaryHeap::with_capacity(4);\n    h.push(3u8);\n}\n",
    );
    assert!(
        message.contains("BinaryHeap::<u32>::with_capacity(4)"),
        "{message}"
    );
}
