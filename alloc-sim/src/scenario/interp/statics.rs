//! The program's read-only data: the text of its string literals, and the
//! one static group of `EMPTY` control bytes every empty `HashMap` points
//! at (hashbrown's `Group::static_empty`).
//!
//! None of it is in the heap, yet the heap holds pointers to it: a
//! `Vec<&str>`'s elements are two words each, the text's address and its
//! length, and an empty map's control pointer is the static group's
//! address. Those words are drawn in the hex view, so they must be
//! addresses a program could have.
//!
//! The data sits where Linux loads a position-independent program when
//! address randomisation is off (as under gdb): `0x5555_5555_4000` on
//! 64-bit targets, `0x5655_5000` on 32-bit ones. The static group comes
//! first (16 bytes, 16-aligned); each text follows, laid out the first
//! time the run needs its address, so equal texts share one address as
//! rustc's merged literals do. Where rustc puts each literal inside the
//! image is its own affair: only that they are distinct, stable and
//! outside the heap is modelled. A `&str` borrowed from a `String` is
//! given its text's address here too (the simplification "What runs here"
//! states): its bytes are not read back from the pointer.

use std::cell::RefCell;

use crate::target::Target;

/// The bytes in one `Group` of control bytes (SSE2's 16).
const GROUP: u64 = 16;

/// Read-only data laid out as the run needs it.
#[derive(Debug, Default)]
pub(super) struct Statics {
    /// Each text and its offset from the start of the data, by text.
    texts: RefCell<Vec<(String, u64)>>,
    /// Where the next text goes.
    end: RefCell<u64>,
}

impl Statics {
    /// The first address of the data on `target`.
    fn base(target: Target) -> u64 {
        match target {
            Target::Bits64 => 0x5555_5555_4000,
            Target::Bits32 => 0x5655_5000,
        }
    }

    /// The static group of `EMPTY` control bytes an empty map points at.
    pub(super) fn empty_group(target: Target) -> u64 {
        Self::base(target)
    }

    /// The address of the vtable for `Box<dyn Trait>`s of the type named
    /// `ty`: three words (drop, size, align) and a word per method, here
    /// just a distinct address per type among the read-only data.
    pub(super) fn vtable(&self, ty: &str, target: Target) -> u64 {
        let word = target.word_size();
        let key = format!("\u{0}vtable {ty}{}", "\u{0}".repeat(4 * word as usize));
        self.text(&key, target).next_multiple_of(word)
    }

    /// The address of `text`: the same for equal texts, given the first
    /// time it is asked for.
    pub(super) fn text(&self, text: &str, target: Target) -> u64 {
        let mut texts = self.texts.borrow_mut();
        let offset = match texts.binary_search_by(|(t, _)| t.as_str().cmp(text)) {
            Ok(i) => texts[i].1,
            Err(i) => {
                let mut end = self.end.borrow_mut();
                let offset = GROUP + *end;
                *end += text.len() as u64;
                texts.insert(i, (text.to_string(), offset));
                offset
            }
        };
        Self::base(target) + offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_follow_the_empty_group_back_to_back_and_equal_ones_share() {
        let statics = Statics::default();
        let base = Statics::empty_group(Target::Bits64);
        assert_eq!(statics.text("pear", Target::Bits64), base + 16);
        assert_eq!(statics.text("fig", Target::Bits64), base + 20);
        assert_eq!(statics.text("pear", Target::Bits64), base + 16);
        assert_eq!(statics.text("", Target::Bits64), base + 23);
        assert!(Statics::empty_group(Target::Bits32) <= u64::from(u32::MAX));
    }
}
