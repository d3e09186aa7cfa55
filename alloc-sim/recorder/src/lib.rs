//! Record every allocator call a real Rust program makes, as a trace that
//! allocscope replays (`alloc-sim ops`, or open it in the app).
//!
//! ```no_run
//! use std::alloc::System;
//! use alloc_sim_record::Recorder;
//!
//! #[global_allocator]
//! static A: Recorder<System> = Recorder::new(System);
//!
//! fn main() {
//!     let v: Vec<u32> = (0..100).collect();
//!     alloc_sim_record::write_trace("vec.rep").unwrap();
//! }
//! ```
//!
//! [`Recorder`] wraps any `GlobalAlloc` and passes every call through;
//! on the way it notes the call with its `Layout` and the thread that
//! made it. The trace it writes is malloc lab's format with an alignment
//! and a thread on every line: `a ID SIZE ALIGN @THREAD`,
//! `f ID @THREAD`, `r ID NEW_SIZE @THREAD` (`alloc_zeroed` is an `a`: the
//! format has no zeroing).
//!
//! Code inside an allocator must not allocate: a `Vec` or a `format!` in
//! there would call the allocator again, forever. So the recorder keeps
//! its notes in fixed tables reserved up front (static, zero-filled, paged
//! in only as they are used): room for [`CAPACITY`] calls and for the
//! addresses of [`LIVE_CAPACITY`] live blocks. When the calls fill the
//! table, recording stops and the trace ends with a `# truncated after N
//! ops` line; a free of a block allocated before recording began (or
//! after the table filled) is skipped, and counted in a comment.
//!
//! This crate uses `unsafe` — `GlobalAlloc` is an `unsafe` trait — so it
//! lives apart from `alloc-sim`, which forbids it.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering::Relaxed};

/// The most calls one recording holds.
pub const CAPACITY: usize = 1 << 21;
/// The most blocks alive at once whose ids the recorder can track.
pub const LIVE_CAPACITY: usize = 1 << 20;

const ALLOC: u64 = 0;
const FREE: u64 = 1;
const REALLOC: u64 = 2;

/// One noted call: `kind | log2(align) << 2 | thread << 8`, the id, and
/// the size (for `realloc`, the new size).
struct Entry {
    head: AtomicU64,
    id: AtomicU64,
    size: AtomicU64,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY_ENTRY: Entry = Entry {
    head: AtomicU64::new(0),
    id: AtomicU64::new(0),
    size: AtomicU64::new(0),
};

static ENTRIES: [Entry; CAPACITY] = [EMPTY_ENTRY; CAPACITY];
static NEXT_ENTRY: AtomicUsize = AtomicUsize::new(0);
static TRUNCATED: AtomicBool = AtomicBool::new(false);
static SKIPPED_FREES: AtomicU64 = AtomicU64::new(0);
static RECORDING: AtomicBool = AtomicBool::new(true);

/// Open addressing, address → id + 1 (0: empty). A freed slot keeps a
/// tombstone so that probes go on past it.
#[allow(clippy::declare_interior_mutable_const)]
const EMPTY_SLOT: (AtomicUsize, AtomicU64) = (AtomicUsize::new(0), AtomicU64::new(0));
static LIVE: [(AtomicUsize, AtomicU64); LIVE_CAPACITY] = [EMPTY_SLOT; LIVE_CAPACITY];
const TOMBSTONE: usize = usize::MAX;
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

static NEXT_THREAD: AtomicU32 = AtomicU32::new(0);
thread_local! {
    // A const-initialised Cell with no destructor: reading it never allocates.
    static THREAD: Cell<u32> = const { Cell::new(u32::MAX) };
}

fn thread() -> u32 {
    THREAD
        .try_with(|t| {
            if t.get() == u32::MAX {
                t.set(NEXT_THREAD.fetch_add(1, Relaxed));
            }
            t.get()
        })
        .unwrap_or(u32::MAX - 1)
}

fn slot_of(addr: usize) -> usize {
    // Fibonacci hashing of the address.
    (addr.wrapping_mul(0x9e37_79b9_7f4a_7c15_u64 as usize) >> 7) % LIVE_CAPACITY
}

fn remember(addr: usize, id: u64) -> bool {
    let start = slot_of(addr);
    for i in 0..LIVE_CAPACITY {
        let (key, value) = &LIVE[(start + i) % LIVE_CAPACITY];
        let current = key.load(Relaxed);
        if (current == 0 || current == TOMBSTONE)
            && key
                .compare_exchange(current, addr, Relaxed, Relaxed)
                .is_ok()
        {
            value.store(id + 1, Relaxed);
            return true;
        }
    }
    false
}

fn forget(addr: usize) -> Option<u64> {
    let start = slot_of(addr);
    for i in 0..LIVE_CAPACITY {
        let (key, value) = &LIVE[(start + i) % LIVE_CAPACITY];
        match key.load(Relaxed) {
            0 => return None,
            k if k == addr => {
                let id = value.load(Relaxed).checked_sub(1);
                key.store(TOMBSTONE, Relaxed);
                return id;
            }
            _ => {}
        }
    }
    None
}

fn note(kind: u64, align: usize, id: u64, size: u64) {
    if !RECORDING.load(Relaxed) {
        return;
    }
    let i = NEXT_ENTRY.fetch_add(1, Relaxed);
    if i >= CAPACITY {
        TRUNCATED.store(true, Relaxed);
        return;
    }
    let head = kind | u64::from(align.trailing_zeros()) << 2 | u64::from(thread()) << 8;
    let e = &ENTRIES[i];
    e.id.store(id, Relaxed);
    e.size.store(size, Relaxed);
    e.head.store(head | 1 << 63, Relaxed);
}

fn note_alloc(ptr: *mut u8, layout: Layout) {
    if ptr.is_null() || !RECORDING.load(Relaxed) {
        return;
    }
    let id = NEXT_ID.fetch_add(1, Relaxed);
    if remember(ptr as usize, id) {
        note(ALLOC, layout.align(), id, layout.size() as u64);
    }
}

/// A `GlobalAlloc` that records every call, then passes it to `A`.
#[derive(Debug)]
pub struct Recorder<A> {
    inner: A,
}

impl<A> Recorder<A> {
    /// Records the calls made through `inner`.
    pub const fn new(inner: A) -> Recorder<A> {
        Recorder { inner }
    }
}

// SAFETY: every call is forwarded unchanged to `inner`, a `GlobalAlloc`,
// and the pointer it returns is returned as is. The bookkeeping around it
// touches only atomics and const thread-locals, so it never allocates and
// never unwinds.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Recorder<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc`'s contract for `layout`.
        let ptr = unsafe { self.inner.alloc(layout) };
        note_alloc(ptr, layout);
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { self.inner.alloc_zeroed(layout) };
        note_alloc(ptr, layout);
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if RECORDING.load(Relaxed) {
            match forget(ptr as usize) {
                Some(id) => note(FREE, layout.align(), id, 0),
                None => {
                    SKIPPED_FREES.fetch_add(1, Relaxed);
                }
            }
        }
        // SAFETY: `ptr` came from this allocator with `layout`.
        unsafe { self.inner.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`, and
        // `new_size` meets `realloc`'s contract.
        let new = unsafe { self.inner.realloc(ptr, layout, new_size) };
        if !new.is_null() && RECORDING.load(Relaxed) {
            match forget(ptr as usize) {
                Some(id) => {
                    if remember(new as usize, id) {
                        note(REALLOC, layout.align(), id, new_size as u64);
                    }
                }
                None => {
                    let new_layout = Layout::from_size_align(new_size, layout.align());
                    if let Ok(l) = new_layout {
                        note_alloc(new, l);
                    }
                }
            }
        }
        new
    }
}

/// Starts a fresh recording: the calls so far are dropped, and blocks
/// alive now are no longer tracked (their frees are skipped).
pub fn reset() {
    RECORDING.store(false, Relaxed);
    let used = NEXT_ENTRY.swap(0, Relaxed).min(CAPACITY);
    for e in &ENTRIES[..used] {
        e.head.store(0, Relaxed);
    }
    for (key, value) in &LIVE {
        if key.load(Relaxed) != 0 {
            key.store(0, Relaxed);
            value.store(0, Relaxed);
        }
    }
    TRUNCATED.store(false, Relaxed);
    SKIPPED_FREES.store(0, Relaxed);
    NEXT_ID.store(0, Relaxed);
    RECORDING.store(true, Relaxed);
}

/// The thread number this thread's calls are recorded under.
pub fn current_thread() -> u32 {
    thread()
}

/// Stops recording and returns the trace: a four-line header (suggested
/// heap size 0, ids, ops, weight 1), then one line per call. Recording
/// stays off, so that writing the trace does not record itself; call
/// [`reset`] to record again.
pub fn take_trace() -> String {
    RECORDING.store(false, Relaxed);
    let used = NEXT_ENTRY.load(Relaxed).min(CAPACITY);
    let mut body = String::with_capacity(used * 16);
    let mut ops = 0u64;
    let mut ids = 0u64;
    for e in &ENTRIES[..used] {
        let head = e.head.load(Relaxed);
        if head & 1 << 63 == 0 {
            continue;
        }
        let (kind, align, thread) = (
            head & 3,
            1u64 << ((head >> 2) & 63),
            (head >> 8) as u32 & 0xff_ffff,
        );
        let (id, size) = (e.id.load(Relaxed), e.size.load(Relaxed));
        ids = ids.max(id + 1);
        ops += 1;
        let _ = match kind {
            ALLOC => writeln!(body, "a {id} {size} {align} @{thread}"),
            FREE => writeln!(body, "f {id} @{thread}"),
            _ => writeln!(body, "r {id} {size} @{thread}"),
        };
    }
    let mut out = format!("0\n{ids}\n{ops}\n1\n");
    out.push_str(&body);
    if TRUNCATED.load(Relaxed) {
        let _ = writeln!(
            out,
            "# truncated after {ops} ops: the recorder holds {CAPACITY}"
        );
    }
    let skipped = SKIPPED_FREES.load(Relaxed);
    if skipped > 0 {
        let _ = writeln!(
            out,
            "# {skipped} free(s) of blocks allocated before recording began were skipped"
        );
    }
    out
}

/// Stops recording and writes the trace to `path` (see [`take_trace`]).
pub fn write_trace(path: impl AsRef<std::path::Path>) -> std::io::Result<()> {
    let trace = take_trace();
    std::fs::write(path, trace)
}
