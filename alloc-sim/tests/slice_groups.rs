//! A slice's iterators of sub-slices (`windows`, `chunks`, `chunks_exact`,
//! `rchunks`), as scenarios run them, checked against Rust itself: each
//! program below is run by the interpreter and compiled into this test
//! (their allocator calls are checked against real Rust in `conformance`:
//! corpus program 167).
#![cfg(not(target_arch = "wasm32"))]
// The programs are what a learner writes: a `Vec` where an array would do.
#![allow(clippy::useless_vec)]

#[macro_use]
mod support;
use support::*;

#[test]
fn sub_slices_of_a_vec_an_array_and_bytes() {
    check!({ let v = vec![3, 1, 4, 1, 5, 9, 2]; let a = [1u8, 2, 3, 4, 5]; let s = "bookkeeper"; }
        "{:?}" => v.windows(3).map(|w| w.iter().sum::<i32>()).collect::<Vec<i32>>(),
        "{:?}" => v.windows(9).count(),
        "{:?}" => v.chunks(3).map(|c| c.to_vec()).collect::<Vec<Vec<i32>>>(),
        "{:?}" => v.chunks_exact(3).map(|c| c[0]).collect::<Vec<i32>>(),
        "{:?}" => v.rchunks(2).map(|c| c.len()).collect::<Vec<usize>>(),
        "{:?}" => v.chunks(2).rev().map(|c| c[0]).collect::<Vec<i32>>(),
        "{:?}" => a.windows(2).all(|w| w[0] < w[1]),
        "{:?}" => a.chunks(4).last().map(|c| c.len()),
        "{:?}" => s.as_bytes().windows(2).filter(|w| w[0] == w[1]).count(),
        "{:?}" => v[2..].chunks(2).nth(1).map(|c| c.to_vec()),
    );
}

#[test]
fn sub_slices_of_heap_values_lend_them() {
    check!({ let names = vec![String::from("ada"), String::from("grace"), String::from("barbara")]; }
        "{:?}" => names.windows(2).map(|w| format!("{}<{}", w[0], w[1])).collect::<Vec<String>>(),
        "{:?}" => names.chunks(2).map(|c| c.len()).collect::<Vec<usize>>(),
    );
}

#[test]
fn a_size_of_zero_panics_as_std_does() {
    use std::hint::black_box as b;
    panics_as("let v = vec![1, 2]; let n = v.windows(0).count();", || {
        b(b(vec![1, 2]).windows(0).count());
    });
    panics_as("let v = vec![1, 2]; let n = v.chunks(0).count();", || {
        b(b(vec![1, 2]).chunks(0).count());
    });
    panics_as("let a = [1, 2]; let n = a.rchunks(0).count();", || {
        b(b([1, 2]).rchunks(0).count());
    });
}
