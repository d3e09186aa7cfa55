//! `VecDeque`: a ring buffer on the same `RawVec` as `Vec`.
//!
//! The deque's elements live in one block, starting anywhere and wrapping
//! around its end; `head` says where the first one is:
//!
//! ```text
//!   capacity 8, len 5, head 6
//!   ┌────┬────┬────┬────┬────┬────┬────┬────┐
//!   │ e2 │ e3 │ e4 │    │    │    │ e0 │ e1 │
//!   └────┴────┴────┴────┴────┴────┴────┴────┘
//!                             head ─┘
//! ```
//!
//! Where the elements sit never changes what the allocator sees, only the
//! capacity does, and the capacity follows `Vec`'s rules exactly:
//! - `new()` allocates nothing; `with_capacity(n)` exactly `n` elements.
//! - `push_back` and `push_front` alike grow a full deque by `RawVec`'s
//!   amortized rule (4 elements at first for most types, then doubling):
//!   a `push_front` onto an empty deque allocates the same block as a
//!   `push_back`. After growing, the wrapped part is moved inside the new
//!   block, which costs copies but no allocator call.
//! - `reserve`/`extend` like `Vec`'s: an iterator with an exact length
//!   reserves it all at once, any other reserves `size_hint().0 + 1` each
//!   time it is full.
//! - `shrink_to_fit` first moves the elements to the front, then
//!   `realloc`s the block down to `len` (or frees it when empty).
//! - `From<Vec<T>>` and `Into<Vec<T>>` keep the block: no call.

use super::{GrowError, RawBuf, StdCall};
use crate::error::LayoutSpec;
use crate::target::Target;

/// The shadow of one `VecDeque<T>`: its buffer and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VecDequeShadow {
    buf: RawBuf,
    len: u64,
}

impl VecDequeShadow {
    /// `VecDeque::new()`: no block.
    pub const fn new(elem: LayoutSpec, target: Target) -> VecDequeShadow {
        VecDequeShadow {
            buf: RawBuf::new(elem, target),
            len: 0,
        }
    }

    /// `VecDeque::with_capacity(n)`: exactly `n` elements.
    pub fn with_capacity(
        elem: LayoutSpec,
        n: u64,
        target: Target,
    ) -> Result<(VecDequeShadow, Option<StdCall>), GrowError> {
        let (buf, call) = RawBuf::with_capacity(elem, n, target)?;
        Ok((VecDequeShadow { buf, len: 0 }, call))
    }

    /// `VecDeque::from(vec)`: the vector's block, as it is.
    pub const fn from_vec(buf: RawBuf, len: u64) -> VecDequeShadow {
        VecDequeShadow { buf, len }
    }

    /// Elements held.
    pub const fn len(&self) -> u64 {
        self.len
    }

    /// Whether it holds none.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// `VecDeque::capacity()`.
    pub const fn capacity(&self) -> u64 {
        self.buf.capacity()
    }

    /// The block's layout, if there is one.
    pub const fn layout(&self) -> Option<LayoutSpec> {
        self.buf.layout()
    }

    /// `push_back` or `push_front`: the same growth at either end.
    pub fn push(&mut self) -> Result<Option<StdCall>, GrowError> {
        let call = self.buf.reserve(self.len, 1)?;
        self.len += 1;
        Ok(call)
    }

    /// `pop_back` / `pop_front`: never a call.
    pub fn pop(&mut self) {
        self.len = self.len.saturating_sub(1);
    }

    /// `VecDeque::reserve(additional)`.
    pub fn reserve(&mut self, additional: u64) -> Result<Option<StdCall>, GrowError> {
        self.buf.reserve(self.len, additional)
    }

    /// `VecDeque::reserve_exact(additional)`.
    pub fn reserve_exact(&mut self, additional: u64) -> Result<Option<StdCall>, GrowError> {
        self.buf.reserve_exact(self.len, additional)
    }

    /// `extend` from an iterator whose length is known exactly
    /// (`TrustedLen`: ranges, arrays, slices, `map` of those): one
    /// `reserve(n)`, then no more calls.
    pub fn extend_exact(&mut self, n: u64) -> Result<Option<StdCall>, GrowError> {
        let call = self.buf.reserve(self.len, n)?;
        self.len += n;
        Ok(call)
    }

    /// `extend` from any other iterator: before each element that finds the
    /// deque full, `reserve(lower + 1)`, where `lower` is the iterator's
    /// `size_hint().0` after that element was taken (`lower_after(i)` for
    /// the `i`-th element, from 0; 0 for `filter`).
    pub fn extend_by_one(
        &mut self,
        n: u64,
        lower_after: impl Fn(u64) -> u64,
    ) -> Result<Vec<StdCall>, GrowError> {
        let mut calls = Vec::new();
        for i in 0..n {
            let additional = lower_after(i).saturating_add(1);
            calls.extend(self.buf.reserve(self.len, additional)?);
            self.len += 1;
        }
        Ok(calls)
    }

    /// `VecDeque::shrink_to_fit()`: down to `len`.
    pub fn shrink_to_fit(&mut self) -> Option<StdCall> {
        self.shrink_to(0)
    }

    /// `VecDeque::shrink_to(min)`: down to `max(len, min)`, if smaller.
    pub fn shrink_to(&mut self, min: u64) -> Option<StdCall> {
        self.buf.shrink_to(min.max(self.len))
    }

    /// `clear`: drops the elements, keeps the block.
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Dropping the deque.
    pub fn free(&mut self) -> Option<StdCall> {
        self.len = 0;
        self.buf.free()
    }
}

/// Where the front element sits (`head`) after the methods that move
/// elements inside the buffer, in a deque of `cap` slots whose front is
/// at `head` and which holds `len` elements before the call. None of them
/// calls the allocator (an `insert` into a full deque first grows it as a
/// push does); they differ only in which elements they move, and std
/// always moves the fewer:
///
/// ```text
///   insert(2, x) into a b c d e (3 after the gap, 2 before it):
///   the front run moves one slot back, and `head` with it
///   ┌───┬───┬───┬───┬───┬───┬───┬───┐      ┌───┬───┬───┬───┬───┬───┬───┬───┐
///   │   │ a │ b │ c │ d │ e │   │   │  ──▶ │ a │ b │ x │ c │ d │ e │   │   │
///   └───┴───┴───┴───┴───┴───┴───┴───┘      └───┴───┴───┴───┴───┴───┴───┴───┘
/// ```
pub mod moves {
    /// `(head + by) % cap`, for a `cap` of 0 too.
    fn forward(cap: u64, head: u64, by: u64) -> u64 {
        let cap = u128::from(cap.max(1));
        ((u128::from(head) + u128::from(by) % cap) % cap) as u64
    }

    /// `(head - by) % cap`.
    fn back(cap: u64, head: u64, by: u64) -> u64 {
        let cap = u128::from(cap.max(1));
        ((u128::from(head) + cap - u128::from(by) % cap) % cap) as u64
    }

    /// `insert(index, x)` (`cap` already grown if it was full): the
    /// elements after `index` move one slot on when there are fewer of them
    /// than before it; otherwise the ones before it move one slot back,
    /// and the front with them.
    pub fn insert(cap: u64, head: u64, len: u64, index: u64) -> u64 {
        if len - index < index {
            head
        } else {
            back(cap, head, 1)
        }
    }

    /// `remove(index)`: the elements after it close the gap when there
    /// are fewer of them than before it; otherwise the ones before it move
    /// one slot on, and the front with them.
    pub fn remove(cap: u64, head: u64, len: u64, index: u64) -> u64 {
        if len - index - 1 < index {
            head
        } else {
            forward(cap, head, 1)
        }
    }

    /// `drain(start..end)`, once the `Drain` is dropped: everything gone
    /// puts the front back at slot 0 (as `clear` does); otherwise the
    /// shorter of the runs before and after the hole closes it, the one
    /// before it (moving the front) only when it is strictly shorter.
    pub fn drain(cap: u64, head: u64, len: u64, start: u64, end: u64) -> u64 {
        let (before, after) = (start, len - end);
        if before + after == 0 {
            0
        } else if before < after {
            forward(cap, head, end - start)
        } else {
            head
        }
    }

    /// `make_contiguous()`: nothing moves when the elements do not wrap;
    /// otherwise, with `free` empty slots, the part at the end of the
    /// buffer (`head_len`) and the wrapped part at its start
    /// (`tail_len`): the front goes to slot 0 if the free slots can take
    /// the end part, else to `tail_len` if they can take the wrapped
    /// part, else the two are put side by side and rotated, the front
    /// ending at `free` (the end part the longer) or at 0.
    pub fn make_contiguous(cap: u64, head: u64, len: u64) -> u64 {
        if head <= cap - len {
            return head;
        }
        let free = cap - len;
        let head_len = cap - head;
        let tail_len = len - head_len;
        if free >= head_len {
            0
        } else if free >= tail_len {
            tail_len
        } else if head_len > tail_len {
            free
        } else {
            0
        }
    }

    /// `rotate_left(n)`: the first `n` elements move after the last when
    /// they are no more than the rest (the front moves `n` on); otherwise
    /// the other `len - n` move before the first (the front moves back).
    pub fn rotate_left(cap: u64, head: u64, len: u64, n: u64) -> u64 {
        let k = len - n;
        if n <= k {
            forward(cap, head, n)
        } else {
            back(cap, head, k)
        }
    }

    /// `rotate_right(n)`: the last `n` elements move before the first
    /// when they are no more than the rest; otherwise the other `len - n`
    /// move after the last.
    pub fn rotate_right(cap: u64, head: u64, len: u64, n: u64) -> u64 {
        let k = len - n;
        if n <= k {
            back(cap, head, n)
        } else {
            forward(cap, head, k)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_push_fronts_grow_like_a_vec() {
        // Vec<u32>'s documented growth: 4, 8, 16 elements.
        let mut d = VecDequeShadow::new(LayoutSpec { size: 4, align: 4 }, Target::Bits64);
        let sizes: Vec<u64> = (0..10)
            .filter_map(|_| d.push().unwrap())
            .filter_map(|c| c.resulting_layout())
            .map(|l| l.size)
            .collect();
        assert_eq!(sizes, vec![16, 32, 64]);
        assert_eq!(
            d.shrink_to_fit(),
            Some(StdCall::Realloc {
                layout: LayoutSpec { size: 64, align: 4 },
                new_size: 40
            })
        );
    }
}
