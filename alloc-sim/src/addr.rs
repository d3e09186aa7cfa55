//! Addresses in the simulated heap.

use std::fmt;

/// An address on the simulated machine, shown in hex with `0x` as a
/// debugger would.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Addr(pub u64);

impl Addr {
    /// `self + n`, which callers keep inside the heap.
    #[must_use]
    pub const fn add(self, n: u64) -> Addr {
        Addr(self.0 + n)
    }

    /// `self - n`.
    #[must_use]
    pub const fn sub(self, n: u64) -> Addr {
        Addr(self.0 - n)
    }

    /// The distance from `earlier` up to `self`.
    pub const fn since(self, earlier: Addr) -> u64 {
        self.0 - earlier.0
    }

    /// Whether the address is a multiple of `align` (a power of two).
    pub const fn is_aligned(self, align: u64) -> bool {
        self.0 & (align - 1) == 0
    }

    /// The first address at or above `self` that is a multiple of `align`.
    #[must_use]
    pub const fn align_up(self, align: u64) -> Addr {
        Addr(align_up(self.0, align))
    }

    /// The last address at or below `self` that is a multiple of `align`.
    #[must_use]
    pub const fn align_down(self, align: u64) -> Addr {
        Addr(align_down(self.0, align))
    }
}

/// `n` rounded up to a multiple of `align` (a power of two).
pub const fn align_up(n: u64, align: u64) -> u64 {
    (n + align - 1) & !(align - 1)
}

/// `n` rounded down to a multiple of `align` (a power of two).
pub const fn align_down(n: u64, align: u64) -> u64 {
    n & !(align - 1)
}

impl fmt::Display for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.0)
    }
}

impl fmt::Debug for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_print_in_hex_with_0x() {
        assert_eq!(Addr(0x1040).to_string(), "0x1040");
        assert_eq!(format!("{:?}", Addr(0)), "0x0");
    }

    #[test]
    fn rounding_to_an_alignment() {
        assert_eq!(Addr(0x1001).align_up(16), Addr(0x1010));
        assert_eq!(Addr(0x1010).align_up(16), Addr(0x1010));
        assert_eq!(Addr(0x101f).align_down(16), Addr(0x1010));
        assert!(Addr(0x1040).is_aligned(64));
        assert!(!Addr(0x1040).is_aligned(128));
    }
}
