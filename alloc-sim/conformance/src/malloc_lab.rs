//! CS:APP's implicit free list (Bryant and O'Hallaron, 3rd ed., section
//! 9.9.12), written natively, the way a student writes `mm.c` in malloc lab:
//! raw pointers into one buffer, 4-byte boundary tags read and written in
//! place, a break moved by a private `sbrk`.
//!
//! It is the real thing that alloc-sim's `implicit-list` models. The test
//! `tests/implicit_list.rs` drives both with the same calls and compares
//! every address, every block and the break after each call; the bench
//! `versus_real` times both on the same trace. It shares no code with the
//! model: only the textbook's rules, which are these.
//!
//! - A block is a header tag, the payload, and a footer tag equal to the
//!   header: `size | allocated`, size a multiple of 8, at least 16.
//! - `mm_init` lays down a zero pad word, the prologue's two tags (`8|1`)
//!   and the epilogue header (`0|1`), then extends the heap by `CHUNKSIZE`.
//! - `malloc(n)` asks for `max(16, round_up(n + 8, 8))` bytes, searches the
//!   blocks from the start (first fit), from the rover (next fit) or all of
//!   them (best fit), and else extends the heap by `max(that, CHUNKSIZE)`.
//! - `place` splits a block when what is left is at least 16 bytes.
//! - `free` clears the tags and coalesces with both neighbours at once.
//! - Next fit's rover is the block the last successful search returned; a
//!   failed search leaves it where it was, and coalescing moves it to the
//!   start of a merged block it points into.
//! - `realloc` is the naive one: `malloc`, copy, `free`.
//!
//! The textbook promises 8-byte alignment and nothing more: this allocator
//! takes sizes, not layouts.

use std::ptr;

use alloc_sim::strategy::Placement;

use crate::RawBuffer;

/// Bytes in a tag.
const WSIZE: usize = 4;
/// The alignment, and the two tags of a block.
const DSIZE: usize = 8;
/// How far the heap grows at least: the textbook's `CHUNKSIZE`.
pub const CHUNKSIZE: usize = 1 << 12;

/// The implicit free list over a buffer of its own. See the module docs.
#[derive(Debug)]
pub struct MallocLab {
    buffer: RawBuffer,
    /// One past the last byte of the buffer: where `sbrk` must stop.
    end: *mut u8,
    /// One past the last byte obtained through `sbrk`.
    brk: *mut u8,
    /// The prologue block's payload.
    heap_listp: *mut u8,
    /// Next fit's rover.
    rover: *mut u8,
    placement: Placement,
}

/// `PACK(size, alloc)`.
fn pack(size: usize, allocated: bool) -> u32 {
    (size | usize::from(allocated)) as u32
}

/// `GET(p)`.
///
/// # Safety
/// `p` is 4 bytes inside the buffer.
unsafe fn get(p: *const u8) -> u32 {
    // SAFETY: the caller's contract; tags are 4-aligned, but the read does
    // not rely on it.
    unsafe { p.cast::<u32>().read_unaligned() }
}

/// `PUT(p, val)`.
///
/// # Safety
/// As [`get`].
unsafe fn put(p: *mut u8, val: u32) {
    // SAFETY: the caller's contract.
    unsafe { p.cast::<u32>().write_unaligned(val) }
}

/// `GET_SIZE(p)`.
///
/// # Safety
/// As [`get`].
unsafe fn get_size(p: *const u8) -> usize {
    // SAFETY: the caller's contract.
    unsafe { get(p) as usize & !0x7 }
}

/// `GET_ALLOC(p)`.
///
/// # Safety
/// As [`get`].
unsafe fn get_alloc(p: *const u8) -> bool {
    // SAFETY: the caller's contract.
    unsafe { get(p) & 1 == 1 }
}

/// `HDRP(bp)`.
///
/// # Safety
/// `bp` is a block's payload in the heap.
unsafe fn hdrp(bp: *mut u8) -> *mut u8 {
    // SAFETY: a payload follows its header.
    unsafe { bp.sub(WSIZE) }
}

/// `FTRP(bp)`.
///
/// # Safety
/// As [`hdrp`], with the header written.
unsafe fn ftrp(bp: *mut u8) -> *mut u8 {
    // SAFETY: the footer is the last tag of the block the header sizes.
    unsafe { bp.add(get_size(hdrp(bp))).sub(DSIZE) }
}

/// `NEXT_BLKP(bp)`.
///
/// # Safety
/// As [`ftrp`].
unsafe fn next_blkp(bp: *mut u8) -> *mut u8 {
    // SAFETY: the next block starts where this one's size says.
    unsafe { bp.add(get_size(hdrp(bp))) }
}

/// `PREV_BLKP(bp)`.
///
/// # Safety
/// As [`ftrp`], and the block in front has a footer (the prologue's, at
/// least).
unsafe fn prev_blkp(bp: *mut u8) -> *mut u8 {
    // SAFETY: the footer in front sizes the block in front.
    unsafe { bp.sub(get_size(bp.sub(DSIZE))) }
}

impl MallocLab {
    /// `mm_init` over a fresh buffer of `size` bytes; `None` when the
    /// buffer is too small for the prologue and a first chunk.
    pub fn new(size: usize, placement: Placement) -> Option<MallocLab> {
        let buffer = RawBuffer::with_align(size, DSIZE);
        let start = buffer.ptr();
        let mut lab = MallocLab {
            // SAFETY: one past the end of the buffer.
            end: unsafe { start.add(size) },
            brk: start,
            heap_listp: start,
            rover: start,
            placement,
            buffer,
        };
        let p = lab.sbrk(4 * WSIZE)?;
        // SAFETY: the four tags are the 16 bytes `sbrk` just gave.
        unsafe {
            put(p, 0);
            put(p.add(WSIZE), pack(DSIZE, true));
            put(p.add(2 * WSIZE), pack(DSIZE, true));
            put(p.add(3 * WSIZE), pack(0, true));
            lab.heap_listp = p.add(2 * WSIZE);
        }
        lab.rover = lab.heap_listp;
        lab.extend_heap(CHUNKSIZE / WSIZE)?;
        Some(lab)
    }

    /// The buffer's first byte: offsets are counted from it.
    pub fn start(&self) -> *mut u8 {
        self.buffer.ptr()
    }

    /// The break, as an offset.
    pub fn brk(&self) -> usize {
        self.brk as usize - self.start() as usize
    }

    /// `mem_sbrk`: the old break, moved up by `incr`, or `None` past the
    /// buffer.
    fn sbrk(&mut self, incr: usize) -> Option<*mut u8> {
        if incr > self.end as usize - self.brk as usize {
            return None;
        }
        let old = self.brk;
        // SAFETY: checked to stay within the buffer.
        self.brk = unsafe { old.add(incr) };
        Some(old)
    }

    /// `extend_heap(words)`: a free block at the old epilogue, rounded to
    /// an even number of words, a new epilogue, then coalescing.
    fn extend_heap(&mut self, words: usize) -> Option<*mut u8> {
        let size = if words % 2 == 1 { words + 1 } else { words } * WSIZE;
        let bp = self.sbrk(size)?;
        // SAFETY: the old epilogue header is `bp`'s header; the new block and
        // the new epilogue header are the bytes `sbrk` gave.
        unsafe {
            put(hdrp(bp), pack(size, false));
            put(ftrp(bp), pack(size, false));
            put(hdrp(next_blkp(bp)), pack(0, true));
            Some(self.coalesce(bp))
        }
    }

    /// `coalesce(bp)`: the four cases, then next fit's rover fix.
    ///
    /// # Safety
    /// `bp` is a free block with its tags written.
    unsafe fn coalesce(&mut self, mut bp: *mut u8) -> *mut u8 {
        // SAFETY: every block has neighbours with tags: the prologue's
        // footer in front of the first, the epilogue after the last.
        unsafe {
            let prev_alloc = get_alloc(bp.sub(DSIZE));
            let next_alloc = get_alloc(hdrp(next_blkp(bp)));
            let mut size = get_size(hdrp(bp));
            match (prev_alloc, next_alloc) {
                (true, true) => {}
                (true, false) => {
                    size += get_size(hdrp(next_blkp(bp)));
                    put(hdrp(bp), pack(size, false));
                    put(ftrp(bp), pack(size, false));
                }
                (false, true) => {
                    size += get_size(hdrp(prev_blkp(bp)));
                    put(ftrp(bp), pack(size, false));
                    put(hdrp(prev_blkp(bp)), pack(size, false));
                    bp = prev_blkp(bp);
                }
                (false, false) => {
                    size += get_size(hdrp(prev_blkp(bp))) + get_size(ftrp(next_blkp(bp)));
                    put(hdrp(prev_blkp(bp)), pack(size, false));
                    put(ftrp(next_blkp(bp)), pack(size, false));
                    bp = prev_blkp(bp);
                }
            }
            if self.rover > bp && self.rover < next_blkp(bp) {
                self.rover = bp;
            }
            bp
        }
    }

    /// `mm_malloc(size)`: a payload, or null when the heap cannot grow.
    pub fn malloc(&mut self, size: usize) -> *mut u8 {
        if size == 0 {
            return ptr::null_mut();
        }
        let asize = if size <= DSIZE {
            2 * DSIZE
        } else {
            DSIZE * (size + DSIZE).div_ceil(DSIZE)
        };
        let bp = match self.find_fit(asize) {
            Some(bp) => bp,
            None => match self.extend_heap(asize.max(CHUNKSIZE) / WSIZE) {
                Some(bp) => bp,
                None => return ptr::null_mut(),
            },
        };
        // SAFETY: `bp` is a free block of at least `asize` bytes.
        unsafe { self.place(bp, asize) };
        bp
    }

    /// `find_fit(asize)` by the placement policy.
    fn find_fit(&mut self, asize: usize) -> Option<*mut u8> {
        let fits = |bp: *mut u8| {
            // SAFETY: the walks below visit block payloads only.
            unsafe { !get_alloc(hdrp(bp)) && asize <= get_size(hdrp(bp)) }
        };
        // SAFETY: every walk goes from block to block by their sizes and
        // stops at the epilogue (size 0).
        unsafe {
            match self.placement {
                Placement::FirstFit => {
                    let mut bp = self.heap_listp;
                    while get_size(hdrp(bp)) > 0 {
                        if fits(bp) {
                            return Some(bp);
                        }
                        bp = next_blkp(bp);
                    }
                    None
                }
                Placement::NextFit => {
                    let oldrover = self.rover;
                    while get_size(hdrp(self.rover)) > 0 {
                        if fits(self.rover) {
                            return Some(self.rover);
                        }
                        self.rover = next_blkp(self.rover);
                    }
                    self.rover = self.heap_listp;
                    while self.rover < oldrover {
                        if fits(self.rover) {
                            return Some(self.rover);
                        }
                        self.rover = next_blkp(self.rover);
                    }
                    None
                }
                Placement::BestFit => {
                    let mut best: Option<*mut u8> = None;
                    let mut bp = self.heap_listp;
                    while get_size(hdrp(bp)) > 0 {
                        if fits(bp) && best.is_none_or(|b| get_size(hdrp(bp)) < get_size(hdrp(b))) {
                            best = Some(bp);
                        }
                        bp = next_blkp(bp);
                    }
                    best
                }
            }
        }
    }

    /// `place(bp, asize)`: allocate, splitting off a remainder of 16 bytes
    /// or more.
    ///
    /// # Safety
    /// `bp` is a free block of at least `asize` bytes.
    unsafe fn place(&mut self, bp: *mut u8, asize: usize) {
        // SAFETY: the caller's contract; a split's two blocks tile the old.
        unsafe {
            let csize = get_size(hdrp(bp));
            if csize - asize >= 2 * DSIZE {
                put(hdrp(bp), pack(asize, true));
                put(ftrp(bp), pack(asize, true));
                let rest = next_blkp(bp);
                put(hdrp(rest), pack(csize - asize, false));
                put(ftrp(rest), pack(csize - asize, false));
            } else {
                put(hdrp(bp), pack(csize, true));
                put(ftrp(bp), pack(csize, true));
            }
        }
    }

    /// `mm_free(bp)`.
    ///
    /// # Safety
    /// `bp` came from [`malloc`](Self::malloc) or [`realloc`](Self::realloc)
    /// and was not freed since.
    pub unsafe fn free(&mut self, bp: *mut u8) {
        // SAFETY: the caller's contract.
        unsafe {
            let size = get_size(hdrp(bp));
            put(hdrp(bp), pack(size, false));
            put(ftrp(bp), pack(size, false));
            self.coalesce(bp);
        }
    }

    /// `mm_realloc(bp, size)`, the naive one: `malloc`, copy, `free`. Null,
    /// with the old block kept, when `malloc` fails.
    ///
    /// # Safety
    /// As [`free`](Self::free), and `size` is not zero.
    pub unsafe fn realloc(&mut self, bp: *mut u8, size: usize) -> *mut u8 {
        let new = self.malloc(size);
        if new.is_null() {
            return new;
        }
        // SAFETY: the caller's contract; the blocks are distinct, and the
        // copy is no longer than either payload.
        unsafe {
            let old = get_size(hdrp(bp)) - DSIZE;
            ptr::copy_nonoverlapping(bp, new, old.min(size));
            self.free(bp);
        }
        new
    }

    /// Every block from the one after the prologue to the epilogue, read
    /// from the tags: (payload offset, size, allocated). Panics if a
    /// header and its footer differ.
    pub fn blocks(&self) -> Vec<(usize, usize, bool)> {
        let mut blocks = Vec::new();
        // SAFETY: the walk of `find_fit`, from the prologue.
        unsafe {
            let mut bp = next_blkp(self.heap_listp);
            while get_size(hdrp(bp)) > 0 {
                assert_eq!(get(hdrp(bp)), get(ftrp(bp)), "header and footer differ");
                blocks.push((
                    bp as usize - self.start() as usize,
                    get_size(hdrp(bp)),
                    get_alloc(hdrp(bp)),
                ));
                bp = next_blkp(bp);
            }
        }
        blocks
    }
}
