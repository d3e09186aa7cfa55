// The recorder that `tests/corpus.rs` pastes in front of every corpus
// program. Not a module of this crate: it is text, compiled by rustc into
// each program's own binary.
//
// A `#[global_allocator]` over `System` that notes every call from the
// program's very first one — the runtime's calls before `main` included:
// recording is on from the start (a static flag), and nothing here
// allocates (fixed static tables of atomics, a const thread-local without a
// destructor for the thread's number). `finish` stops recording and writes
// one line per call, `op size align new_size thread`, to the file named by
// `ALLOCSCOPE_CORPUS_CALLS`.
#[allow(dead_code)]
mod __corpus_recorder {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};

    const SLOTS: usize = 1 << 16;
    static OPS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
    static SIZES: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
    static ALIGNS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
    static NEW_SIZES: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
    static THREADS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
    // What each call returned (or freed), as an offset from the program's
    // own heap array; written only for a program that has one.
    static OFFSETS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
    static WITH_OFFSETS: AtomicBool = AtomicBool::new(false);
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    static RECORDING: AtomicBool = AtomicBool::new(true);
    // Set while `dump` writes the calls so far: its own allocations are
    // not the program's (the own-heap forwarder sends them to `System`).
    static DUMPING: AtomicBool = AtomicBool::new(false);
    static NEXT_THREAD: AtomicUsize = AtomicUsize::new(0);

    thread_local! {
        // The thread's number, in the order threads first call the
        // allocator (`usize::MAX`: none yet). Const, with no destructor, so
        // reading it never allocates and works while a thread exits.
        static THREAD: Cell<usize> = const { Cell::new(usize::MAX) };
    }

    fn thread() -> usize {
        THREAD
            .try_with(|t| {
                if t.get() == usize::MAX {
                    t.set(NEXT_THREAD.fetch_add(1, SeqCst));
                }
                t.get()
            })
            .unwrap_or(usize::MAX)
    }

    fn note(op: usize, layout: Layout, new_size: usize) {
        let _ = note_slot(op, layout, new_size);
    }

    /// Notes a call; the slot it took, if recording.
    fn note_slot(op: usize, layout: Layout, new_size: usize) -> Option<usize> {
        if !recording() {
            return None;
        }
        let i = COUNT.fetch_add(1, SeqCst);
        if i < SLOTS {
            OPS[i].store(op, SeqCst);
            SIZES[i].store(layout.size(), SeqCst);
            ALIGNS[i].store(layout.align(), SeqCst);
            NEW_SIZES[i].store(new_size, SeqCst);
            THREADS[i].store(thread(), SeqCst);
        }
        Some(i)
    }

    /// Whether calls are being recorded (not after `finish` began, nor
    /// while `dump` writes).
    pub fn recording() -> bool {
        RECORDING.load(SeqCst) && !DUMPING.load(SeqCst)
    }

    /// Notes a call of the program's own allocator over its heap array:
    /// what it returned or freed, as an offset from the array's start
    /// (`usize::MAX` for null).
    pub fn note_at(op: usize, layout: Layout, new_size: usize, offset: usize) {
        WITH_OFFSETS.store(true, SeqCst);
        if let Some(i) = note_slot(op, layout, new_size).filter(|&i| i < SLOTS) {
            OFFSETS[i].store(offset, SeqCst);
        }
    }

    pub struct Recorder;

    // SAFETY: every call is forwarded to `System` unchanged; recording only
    // stores numbers into atomics.
    unsafe impl GlobalAlloc for Recorder {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            note(0, layout, 0);
            // SAFETY: same contract as ours.
            unsafe { System.alloc(layout) }
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            note(1, layout, 0);
            // SAFETY: same contract as ours.
            unsafe { System.alloc_zeroed(layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            note(2, layout, new_size);
            // SAFETY: same contract as ours.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            note(3, layout, 0);
            // SAFETY: same contract as ours.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[global_allocator]
    static GLOBAL: Recorder = Recorder;

    /// The operating system's random bytes, as std asks for them: all
    /// zeros. std looks `getrandom` up as a weak symbol so that it can be
    /// replaced ("e.g. for perf measurements that want to disable
    /// randomness"); its only use in these programs is `RandomState`'s
    /// keys, so every `HashMap` gets the keys the simulation gives it
    /// (`std_rules::raw_table::random_state`), and its order and growth
    /// are the same from run to run.
    #[no_mangle]
    pub unsafe extern "C" fn getrandom(buf: *mut u8, len: usize, _flags: u32) -> isize {
        for i in 0..len {
            // SAFETY: std passes a buffer of `len` bytes.
            unsafe { buf.add(i).write(0) };
        }
        len as isize
    }

    /// Stops recording and writes the calls.
    pub fn finish() {
        RECORDING.store(false, SeqCst);
        write_calls();
    }

    /// Writes the calls so far and goes on recording: the program's own
    /// allocator just returned null, and an infallible caller aborts the
    /// process now (`handle_alloc_error`), before `finish` could run.
    pub fn dump() {
        DUMPING.store(true, SeqCst);
        write_calls();
        DUMPING.store(false, SeqCst);
    }

    fn write_calls() {
        let n = COUNT.load(SeqCst);
        let mut text = String::new();
        if n > SLOTS {
            text.push_str(&format!("overflow {n}\n"));
        }
        for i in 0..n.min(SLOTS) {
            let op = ["alloc", "alloc_zeroed", "realloc", "dealloc"][OPS[i].load(SeqCst)];
            text.push_str(&format!(
                "{op} {} {} {} {}",
                SIZES[i].load(SeqCst),
                ALIGNS[i].load(SeqCst),
                NEW_SIZES[i].load(SeqCst),
                THREADS[i].load(SeqCst) as isize,
            ));
            if WITH_OFFSETS.load(SeqCst) {
                match OFFSETS[i].load(SeqCst) {
                    usize::MAX => text.push_str(" null"),
                    offset => text.push_str(&format!(" {offset}")),
                }
            }
            text.push('\n');
        }
        let path = std::env::var_os("ALLOCSCOPE_CORPUS_CALLS").expect("ALLOCSCOPE_CORPUS_CALLS");
        std::fs::write(path, text).expect("writing the recorded calls");
    }
}
