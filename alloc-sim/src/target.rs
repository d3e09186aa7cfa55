//! The machine being simulated, which need not be the machine running the
//! simulation.
//!
//! A learner's laptop is 64-bit; the browser that runs allocscope is
//! wasm32. Everything pointer-sized that the simulation writes into the heap
//! (free-list links, chunk footers) and every `isize::MAX` limit of `Layout`
//! follows the simulated [`Target`], never the host's `usize`, so that one
//! program gives the same trace everywhere.

use std::fmt;

/// The pointer width of the simulated machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Target {
    /// A 64-bit machine such as x86_64 or aarch64: 8-byte words.
    #[default]
    Bits64,
    /// A 32-bit machine such as wasm32: 4-byte words.
    Bits32,
}

impl Target {
    /// `size_of::<usize>()` on the target.
    pub const fn word_size(self) -> u64 {
        match self {
            Target::Bits64 => 8,
            Target::Bits32 => 4,
        }
    }

    /// `isize::MAX` on the target: the largest size a `Layout` may have
    /// once rounded up to its alignment.
    pub const fn isize_max(self) -> u64 {
        match self {
            Target::Bits64 => i64::MAX as u64,
            Target::Bits32 => i32::MAX as u64,
        }
    }

    /// The rule of `Layout::from_size_align`, at the target's width:
    /// `align` is a power of two, and `size` rounded up to `align` does not
    /// exceed `isize::MAX`.
    pub fn check_layout(self, size: u64, align: u64) -> Result<(), LayoutError> {
        if align == 0 || !align.is_power_of_two() {
            return Err(LayoutError::AlignNotPowerOfTwo { align });
        }
        // `size <= isize::MAX - (align - 1)` is how core states it, and it
        // cannot overflow.
        if size > self.isize_max() - (align - 1) {
            return Err(LayoutError::TooLarge {
                size,
                align,
                max: self.isize_max(),
            });
        }
        Ok(())
    }

    /// The name used on the command line and in the UI.
    pub const fn name(self) -> &'static str {
        match self {
            Target::Bits64 => "64-bit",
            Target::Bits32 => "32-bit",
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a size and alignment do not make a `Layout` on the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum LayoutError {
    /// The alignment is zero or not a power of two.
    AlignNotPowerOfTwo {
        /// The alignment asked for.
        align: u64,
    },
    /// The size, rounded up to the alignment, passes `isize::MAX`.
    TooLarge {
        /// The size asked for.
        size: u64,
        /// The alignment asked for.
        align: u64,
        /// The target's `isize::MAX`.
        max: u64,
    },
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayoutError::AlignNotPowerOfTwo { align } => {
                write!(f, "alignment {align} is not a power of two")
            }
            LayoutError::TooLarge { size, align, max } => write!(
                f,
                "size {size} rounded up to alignment {align} passes isize::MAX ({max})"
            ),
        }
    }
}

impl std::error::Error for LayoutError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sizes_follow_the_target_not_the_host() {
        assert_eq!(Target::Bits64.word_size(), 8);
        assert_eq!(Target::Bits32.word_size(), 4);
        assert_eq!(
            Target::Bits32.isize_max(),
            u64::from(i32::MAX.unsigned_abs())
        );
    }

    #[test]
    fn thirty_two_bit_target_rejects_what_a_64_bit_one_accepts() {
        let size = 1 << 31;
        assert!(Target::Bits64.check_layout(size, 8).is_ok());
        assert!(matches!(
            Target::Bits32.check_layout(size, 8),
            Err(LayoutError::TooLarge { .. })
        ));
    }

    /// On a 64-bit host the 64-bit target's rule must be exactly
    /// `core::alloc::Layout::from_size_align`.
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn sixty_four_bit_rule_agrees_with_core_layout() {
        use core::alloc::Layout;
        let max = i64::MAX as u64;
        let sizes = [
            0,
            1,
            7,
            8,
            4096,
            max - 4096,
            max - 15,
            max - 8,
            max - 7,
            max - 1,
            max,
            max + 1,
            u64::MAX,
        ];
        let aligns = [0, 1, 2, 3, 8, 12, 16, 4096, 1 << 40, 1 << 62, 1 << 63];
        for &size in &sizes {
            for &align in &aligns {
                let ours = Target::Bits64.check_layout(size, align).is_ok();
                let real = Layout::from_size_align(size as usize, align as usize).is_ok();
                assert_eq!(ours, real, "size {size} align {align}");
            }
        }
    }
}
