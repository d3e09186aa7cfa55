//! `Rc`, `Arc` and `Weak`: one block holding two counts and the value.
//!
//! `Rc<T>` points at an `RcInner<T>`, `Arc<T>` at an `ArcInner<T>`; both
//! are `#[repr(C)]` structs of a strong count, a weak count and the value,
//! so the value sits after two words at its own alignment (see
//! [`rc_layout`]):
//!
//! ```text
//!   Rc<[u32]> of 3 elements, 64-bit
//!   ┌──────────┬──────────┬──────┬──────┬──────┬──────┐
//!   │ strong 1 │ weak 1   │  a   │  b   │  c   │ pad  │   16 + 12 = 28 → 32, align 8
//!   └──────────┴──────────┴──────┴──────┴──────┴──────┘
//! ```
//!
//! The weak count starts at 1: all strong references together hold one
//! weak reference, dropped with the last of them. So:
//! - `Rc::new(v)` allocates the block; `clone` and `downgrade` only count.
//! - The last `Rc` dropped drops the value, but the block stays while a
//!   `Weak` lives: it is freed by whichever goes last, the last `Rc` (no
//!   weak ones) or the last `Weak`.
//! - `Weak::new()` points at no block and allocates nothing; dropping it
//!   frees nothing.
//! - `Rc<[T]>` from a `Vec<T>` (and `Rc<str>` from a `String`) allocates
//!   a block for the header and `len` elements, copies them, then frees the
//!   vector's buffer (all of its capacity); from a slice or `&str` it only
//!   allocates. `collect()` into `Rc<[T]>` allocates the block directly
//!   when the iterator's length is exact (`TrustedLen`), and otherwise
//!   collects into a `Vec` first and converts that.
//!
//! `Arc` is the same in every byte count: its counts are `AtomicUsize`.

use super::{array_layout, rc_layout, GrowError, StdCall};
use crate::error::LayoutSpec;
use crate::target::Target;

/// The block of an `Rc<[T]>` / `Arc<[T]>` of `len` elements
/// (`rcinner_layout_for_value_layout(Layout::array::<T>(len))`); for
/// `Rc<str>`, `elem` is a byte.
pub fn rc_slice_layout(
    elem: LayoutSpec,
    len: u64,
    target: Target,
) -> Result<LayoutSpec, GrowError> {
    let value = array_layout(elem, len, target)?;
    let layout = rc_layout(value, target);
    target
        .check_layout(layout.size, layout.align)
        .map_err(|_| GrowError::CapacityOverflow)?;
    Ok(layout)
}

/// `Rc::<[T]>::from(vec)` (or `Rc<str>` from a `String`): the new block,
/// then the vector's buffer of `vec_cap` elements freed.
pub fn rc_slice_from_vec(
    elem: LayoutSpec,
    len: u64,
    vec_cap: u64,
    target: Target,
) -> Result<Vec<StdCall>, GrowError> {
    let mut calls = vec![StdCall::Alloc(rc_slice_layout(elem, len, target)?)];
    if elem.size > 0 && vec_cap > 0 {
        calls.push(StdCall::Dealloc(array_layout(elem, vec_cap, target)?));
    }
    Ok(calls)
}

/// The shadow of one `RcInner`/`ArcInner` block: its counts, as std keeps
/// them (the weak count includes the one all strong references share).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RcBlock {
    layout: LayoutSpec,
    strong: u64,
    weak: u64,
}

impl RcBlock {
    /// `Rc::new(value)`: the block is allocated, strong 1, weak 1.
    pub fn new(value: LayoutSpec, target: Target) -> (RcBlock, StdCall) {
        RcBlock::from_layout(rc_layout(value, target))
    }

    /// A block of a layout computed elsewhere (`Rc<[T]>`, `Rc<str>`).
    pub fn from_layout(layout: LayoutSpec) -> (RcBlock, StdCall) {
        (
            RcBlock {
                layout,
                strong: 1,
                weak: 1,
            },
            StdCall::Alloc(layout),
        )
    }

    /// The block's layout.
    pub const fn layout(&self) -> LayoutSpec {
        self.layout
    }

    /// `Rc::strong_count`.
    pub const fn strong_count(&self) -> u64 {
        self.strong
    }

    /// `Rc::weak_count`: the `Weak`s alone (0 once no `Rc` is left).
    pub const fn weak_count(&self) -> u64 {
        if self.strong == 0 {
            self.weak
        } else {
            self.weak - 1
        }
    }

    /// `Rc::clone`: no call.
    pub fn clone_strong(&mut self) {
        self.strong += 1;
    }

    /// `Rc::downgrade`: no call.
    pub fn downgrade(&mut self) {
        self.weak += 1;
    }

    /// `Weak::upgrade`: a new `Rc` if the value is alive; no call.
    pub fn upgrade(&mut self) -> bool {
        let alive = self.strong > 0;
        if alive {
            self.strong += 1;
        }
        alive
    }

    /// Dropping an `Rc`: the last one drops the value and gives up the
    /// shared weak reference, which frees the block if no `Weak` is left.
    pub fn drop_strong(&mut self) -> Option<StdCall> {
        debug_assert!(self.strong > 0);
        self.strong -= 1;
        if self.strong > 0 {
            return None;
        }
        self.drop_weak()
    }

    /// Dropping a `Weak` that points at this block: the last reference of
    /// any kind frees it.
    pub fn drop_weak(&mut self) -> Option<StdCall> {
        debug_assert!(self.weak > 0);
        self.weak -= 1;
        (self.weak == 0).then_some(StdCall::Dealloc(self.layout))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_u32_in_an_rc_slice_take_32_bytes() {
        // The module picture: 16 bytes of counts, 12 of values, rounded to 8.
        let u32_ = LayoutSpec { size: 4, align: 4 };
        let t = Target::Bits64;
        assert_eq!(
            rc_slice_layout(u32_, 3, t),
            Ok(LayoutSpec { size: 32, align: 8 })
        );
        assert_eq!(
            rc_slice_from_vec(u32_, 3, 5, t).unwrap()[1],
            StdCall::Dealloc(LayoutSpec { size: 20, align: 4 })
        );
        // 32-bit: 8 bytes of counts + 12.
        assert_eq!(rc_slice_layout(u32_, 3, Target::Bits32).unwrap().size, 20);
    }

    #[test]
    fn the_last_weak_frees_the_block_not_the_last_rc() {
        let (mut block, _) = RcBlock::new(LayoutSpec { size: 1, align: 1 }, Target::Bits64);
        block.downgrade();
        assert_eq!(block.drop_strong(), None);
        assert!(!block.upgrade());
        assert_eq!(
            block.drop_weak(),
            Some(StdCall::Dealloc(LayoutSpec { size: 24, align: 8 }))
        );
    }
}
