//! `RawVec`: the one growable buffer under `Vec`, `String`, `VecDeque` and
//! `BinaryHeap`, as a shadow that answers with the calls it makes.
//!
//! A `RawVec<T>` is a pointer and a capacity; the length belongs to its
//! owner. It never allocates until asked for room, and then it asks the
//! allocator for exactly `capacity · size_of::<T>()` bytes at `T`'s
//! alignment:
//!
//! ```text
//!   cap 0 ──reserve──▶ alloc(cap'·size)      first room: a fresh block
//!   cap c ──reserve──▶ realloc(c·size → cap'·size)   more room: grow in place or move
//!   cap c ──shrink───▶ realloc(c·size → n·size), or dealloc when n = 0
//!   cap c ──drop─────▶ dealloc(c·size)
//! ```
//!
//! `reserve` is amortized (`max(2·cap, len + additional, MIN_NON_ZERO_CAP)`,
//! see [`amortized_capacity`]); `reserve_exact` asks for exactly
//! `len + additional`. A zero-sized `T` never touches the allocator: its
//! capacity is `usize::MAX` from the start.

use super::{amortized_capacity, array_layout, exact_capacity, usize_max, GrowError, StdCall};
use crate::error::LayoutSpec;
use crate::target::Target;

/// The shadow of one `RawVec<T>`: its element layout and capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawBuf {
    elem: LayoutSpec,
    cap: u64,
    target: Target,
}

impl RawBuf {
    /// `RawVec::new`: no block yet.
    pub const fn new(elem: LayoutSpec, target: Target) -> RawBuf {
        RawBuf {
            elem,
            cap: 0,
            target,
        }
    }

    /// `RawVec::with_capacity(n)`: one block of exactly `n` elements, or
    /// nothing for `n == 0` or a zero-sized element.
    pub fn with_capacity(
        elem: LayoutSpec,
        n: u64,
        target: Target,
    ) -> Result<(RawBuf, Option<StdCall>), GrowError> {
        let mut buf = RawBuf::new(elem, target);
        let call = buf.resize_to(n)?;
        Ok((buf, call))
    }

    /// The element's layout.
    pub const fn elem(&self) -> LayoutSpec {
        self.elem
    }

    /// How many elements fit (`usize::MAX` for a zero-sized element).
    pub const fn capacity(&self) -> u64 {
        if self.elem.size == 0 {
            usize_max(self.target)
        } else {
            self.cap
        }
    }

    /// The block's layout, if there is one.
    pub const fn layout(&self) -> Option<LayoutSpec> {
        if self.elem.size == 0 || self.cap == 0 {
            None
        } else {
            Some(LayoutSpec {
                size: self.cap * self.elem.size,
                align: self.elem.align,
            })
        }
    }

    /// `RawVec::reserve(len, additional)`: room for `additional` more, grown
    /// by [`amortized_capacity`] only if it is not there already. `push` is
    /// `reserve(len, 1)` when full.
    pub fn reserve(&mut self, len: u64, additional: u64) -> Result<Option<StdCall>, GrowError> {
        if self.capacity().saturating_sub(len) >= additional {
            return Ok(None);
        }
        let new_cap = amortized_capacity(self.cap, len, additional, self.elem.size, self.target)?;
        self.resize_to(new_cap)
    }

    /// `RawVec::reserve_exact(len, additional)`: exactly `len + additional`
    /// if that is more than the capacity.
    pub fn reserve_exact(
        &mut self,
        len: u64,
        additional: u64,
    ) -> Result<Option<StdCall>, GrowError> {
        if self.capacity().saturating_sub(len) >= additional {
            return Ok(None);
        }
        let new_cap = exact_capacity(len, additional, self.target)?;
        self.resize_to(new_cap)
    }

    /// `RawVec::shrink_to_fit(n)`: down to `n` elements (a `realloc`), or
    /// freed when `n == 0`. Nothing when `n` is not smaller than the
    /// capacity or the element is zero-sized.
    pub fn shrink_to(&mut self, n: u64) -> Option<StdCall> {
        if self.elem.size == 0 || n >= self.cap {
            return None;
        }
        // Shrinking cannot overflow: the smaller block's size is below the
        // current one's.
        self.resize_to(n).ok().flatten()
    }

    /// Dropping the buffer: `dealloc` of the block, if any.
    pub fn free(&mut self) -> Option<StdCall> {
        let call = self.layout().map(StdCall::Dealloc);
        self.cap = 0;
        call
    }

    /// Moves the block to `new_cap` elements: `alloc` from nothing,
    /// `dealloc` to nothing, `realloc` otherwise.
    fn resize_to(&mut self, new_cap: u64) -> Result<Option<StdCall>, GrowError> {
        if self.elem.size == 0 || new_cap == self.cap {
            return Ok(None);
        }
        let new_layout = array_layout(self.elem, new_cap, self.target)?;
        let call = match self.layout() {
            None => StdCall::Alloc(new_layout),
            Some(old) if new_cap == 0 => StdCall::Dealloc(old),
            Some(old) => StdCall::Realloc {
                layout: old,
                new_size: new_layout.size,
            },
        };
        self.cap = new_cap;
        Ok(Some(call))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const U32: LayoutSpec = LayoutSpec { size: 4, align: 4 };

    #[test]
    fn pushing_five_u32_allocates_4_then_reallocs_to_8() {
        // RawVec's documented growth: the first push asks for
        // MIN_NON_ZERO_CAP = 4 elements (16 bytes), the fifth doubles.
        let mut buf = RawBuf::new(U32, Target::Bits64);
        let calls: Vec<_> = (0..5)
            .filter_map(|len| buf.reserve(len, 1).unwrap())
            .collect();
        assert_eq!(
            calls,
            vec![
                StdCall::Alloc(LayoutSpec { size: 16, align: 4 }),
                StdCall::Realloc {
                    layout: LayoutSpec { size: 16, align: 4 },
                    new_size: 32
                }
            ]
        );
    }

    #[test]
    fn shrinking_to_zero_frees_and_zero_sized_elements_never_allocate() {
        let (mut buf, call) = RawBuf::with_capacity(U32, 10, Target::Bits64).unwrap();
        assert_eq!(
            call,
            Some(StdCall::Alloc(LayoutSpec { size: 40, align: 4 }))
        );
        assert_eq!(
            buf.shrink_to(0),
            Some(StdCall::Dealloc(LayoutSpec { size: 40, align: 4 }))
        );
        assert_eq!(buf.free(), None);
        let mut zst = RawBuf::new(LayoutSpec { size: 0, align: 1 }, Target::Bits32);
        assert_eq!(zst.reserve(0, 1000), Ok(None));
        assert_eq!(zst.capacity(), u64::from(u32::MAX));
    }
}
