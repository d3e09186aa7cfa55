//! `BinaryHeap`: a `Vec` in heap order, and nothing more to allocate.
//!
//! ```text
//!          9              data: [9, 7, 8, 3, 5]   (a Vec<T>)
//!        /   \            children of i: 2i+1, 2i+2
//!       7     8
//!      / \
//!     3   5
//! ```
//!
//! Every allocation a heap makes is its vector's: `new` allocates nothing,
//! `with_capacity(n)` exactly `n` elements, `push` is `Vec::push` (the
//! amortized growth of [`RawBuf::reserve`]) followed by sifting the new
//! element up, which only swaps. `pop`, `peek`, `into_vec`,
//! `into_sorted_vec` and `BinaryHeap::from(vec)` (heapify in place) make
//! no call; `shrink_to_fit` and drop are the vector's.

use super::{GrowError, RawBuf, StdCall};

/// `BinaryHeap::push` on a heap of `len` elements in `buf`: exactly
/// `Vec::push` — `RawVec::reserve(len, 1)` when full.
pub fn push(buf: &mut RawBuf, len: u64) -> Result<Option<StdCall>, GrowError> {
    buf.reserve(len, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::LayoutSpec;
    use crate::target::Target;

    #[test]
    fn ten_u64_pushes_allocate_32_then_double_twice() {
        // Vec<u64>: 4 elements (32 bytes) first, then 8 and 16.
        let mut buf = RawBuf::new(LayoutSpec { size: 8, align: 8 }, Target::Bits64);
        let calls: Vec<_> = (0..10)
            .filter_map(|len| push(&mut buf, len).unwrap())
            .collect();
        assert_eq!(calls.len(), 3);
        assert_eq!(buf.capacity(), 16);
    }
}
