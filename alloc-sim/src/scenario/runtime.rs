//! What real Rust allocates that the program never wrote.
//!
//! A counting `#[global_allocator]` sees more calls than the program's own
//! `Box`es and `Vec`s: the runtime allocates before `main` is called, the
//! first print to stdout makes stdout's line buffer, and every
//! `thread::spawn` allocates the pieces a thread is made of. Scenarios make
//! these calls too, each with its reason, so that the numbers a learner
//! sees are the numbers a real counting allocator counts.
//!
//! The rules below were measured on Linux x86_64 with Rust 1.95, with a
//! recording global allocator that records from the program's first call;
//! the conformance corpus (`conformance/tests/corpus.rs`) builds programs
//! with rustc and checks every one of them again. They hold for the 64-bit
//! target; on the 32-bit target scenarios leave them out, since they were
//! never measured there.
//!
//! ```text
//!  thread::spawn(move || body)            the new thread          join()
//!  ├─ alloc  Arc<Packet<T>>   (result) ─────────────────────────── dealloc
//!  ├─ alloc  Box<main closure> (captures) ──── dealloc when body ends
//!  └─ alloc  24 bytes ──── dealloc as the thread starts
//! ```

use crate::error::LayoutSpec;
use crate::scenario::std_rules::{extend, pad_to_align, struct_shape, Shape};
use crate::target::Target;

/// The runtime's calls before `main`, in order, with their reasons: both
/// stay allocated while `main` runs.
pub const BEFORE_MAIN: [(LayoutSpec, &str); 2] = [
    (
        LayoutSpec { size: 4, align: 1 },
        "the Rust runtime, before `main` (never freed while `main` runs)",
    ),
    (
        LayoutSpec {
            size: 544,
            align: 8,
        },
        "the Rust runtime, before `main` (never freed while `main` runs)",
    ),
];

/// stdout's line buffer (a `LineWriter`'s 1 KiB), made when stdout is first
/// used — by the first `print!` or `println!` — and never freed.
/// `eprintln!` allocates nothing: stderr is unbuffered.
pub const STDOUT_BUFFER: LayoutSpec = LayoutSpec {
    size: 1024,
    align: 1,
};

/// The block `spawn` allocates last and the new thread frees as it starts,
/// before its closure runs.
pub const THREAD_START: LayoutSpec = LayoutSpec { size: 24, align: 8 };

/// Whether scenarios on `target` make the runtime's calls.
pub fn modelled_on(target: Target) -> bool {
    target == Target::Bits64
}

/// `Arc<Packet<T>>`, where the thread leaves its result for `join`: the
/// `Arc`'s two counts, then the packet — its scope pointer and an
/// `Option<Result<T, Box<dyn Any + Send>>>`. `result` is `T`'s layout.
///
/// The option needs its own word beside a box of `dyn Any` (two non-null
/// pointers) when `T` fits in one word; a bigger `T` sits after a tag
/// whose spare values the option uses: `max(24, tag + T)`.
pub fn packet_layout(result: LayoutSpec) -> LayoutSpec {
    let align = result.align.max(8);
    let tagged = (result.align.max(1) + result.size).next_multiple_of(align);
    let option = LayoutSpec {
        size: tagged.max(24),
        align,
    };
    let scope = LayoutSpec { size: 8, align: 8 };
    let packet = rustc_struct(&[scope, option]);
    let counts = LayoutSpec { size: 16, align: 8 };
    pad_to_align(extend(counts, packet).0)
}

/// The boxed closure the new thread runs: five words of the thread's own
/// (its handle, the packet, the output capture, …) and the program's
/// closure, whose layout is `captures` (what a `move` closure captures,
/// laid out as a struct).
pub fn main_closure_layout(captures: LayoutSpec) -> LayoutSpec {
    let words = LayoutSpec { size: 40, align: 8 };
    rustc_struct(&[words, captures])
}

/// A struct of `fields` (none of which has a niche) laid out as rustc
/// does today: most-aligned first, padded to its alignment
/// ([`struct_shape`]).
pub fn rustc_struct(fields: &[LayoutSpec]) -> LayoutSpec {
    let shapes: Vec<Shape> = fields
        .iter()
        .map(|f| Shape {
            size: f.size,
            align: f.align,
            niche: None,
        })
        .collect();
    struct_shape(&shapes, false, None).shape.layout()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(size: u64, align: u64) -> LayoutSpec {
        LayoutSpec { size, align }
    }

    // Worked from the layouts: counts 16, scope 8, then the option.
    #[test]
    fn a_word_sized_result_makes_a_48_byte_packet() {
        assert_eq!(packet_layout(l(0, 1)), l(48, 8));
        assert_eq!(packet_layout(l(8, 8)), l(48, 8));
        // [u64; 10]: tag word + 80 = 88, so 16 + 8 + 88.
        assert_eq!(packet_layout(l(80, 8)), l(112, 8));
        // u128 is 16-aligned: the option is 32, the packet 48, the Arc 64.
        assert_eq!(packet_layout(l(16, 16)), l(64, 16));
    }

    #[test]
    fn the_main_closure_is_five_words_and_the_captures() {
        assert_eq!(main_closure_layout(l(0, 1)), l(40, 8));
        assert_eq!(main_closure_layout(l(100, 1)), l(144, 8));
        assert_eq!(main_closure_layout(l(16, 16)), l(64, 16));
    }
}
