//! One stable sort for the whole page.
//!
//! std's sorts are generic: every element type and comparison sorted with
//! `sort`, `sort_by_key` or `sort_unstable` brings its own copy of
//! driftsort or ipnsort into the WebAssembly. Everything the simulation
//! and the app sort is short (a struct's fields, a list of free blocks,
//! file names), so they share this bottom-up merge sort instead, compiled
//! once: it orders indices by a comparison passed as a trait object.
//! Being stable, it also gives what `sort_unstable` may give.

/// The indices `0..n` in ascending order by `le` ("`a` is not after
/// `b`"), equal ones in their first order.
pub fn stable_order(n: usize, le: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut scratch = order.clone();
    let mut width = 1;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut scratch[start..end] {
                let take_left = j >= end || (i < mid && le(order[i], order[j]));
                if take_left {
                    *slot = order[i];
                    i += 1;
                } else {
                    *slot = order[j];
                    j += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut scratch);
        width *= 2;
    }
    order
}

/// Sorts `v` by `key`, stably (as `slice::sort_by_key`).
pub fn sort_by_key<T: Clone, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(&mut key).collect();
    let order = stable_order(v.len(), &mut |a, b| keys[a] <= keys[b]);
    let sorted: Vec<T> = order.into_iter().map(|i| v[i].clone()).collect();
    v.clone_from_slice(&sorted);
}

/// Sorts `v` in ascending order, stably (as `slice::sort`).
pub fn sort<T: Clone + Ord>(v: &mut [T]) {
    sort_by_key(v, T::clone);
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Whatever the input, the order is std's stable sort's.
        #[test]
        fn sorts_as_std_sorts_stably(v in prop::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = v.clone();
            super::sort_by_key(&mut ours, |p| p.0);
            let mut std_sorted = v;
            std_sorted.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
