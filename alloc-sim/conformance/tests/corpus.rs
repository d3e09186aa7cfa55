//! The conformance corpus: real Rust programs, each run twice — built by
//! rustc and run natively under a recording `#[global_allocator]`, and
//! interpreted as a scenario — and compared: what they print, and every
//! allocator call (op, size, align, new size, thread) in order, from the
//! program's very first call (the runtime's calls before `main`
//! included). The native run is the specification; nothing here is typed
//! in by hand.
//!
//! The programs: every built-in example (`scenario::examples::all()`),
//! every program of the lessons (scenario blocks, quiz code, exercise
//! starts and solutions), and the files of `corpus/*.rs`. A program the
//! interpreter cannot run exactly yet is listed in `corpus/GAPS`, and must
//! then *not* match, so that the list stays exact: a program that starts
//! matching has to leave it (a panic of the interpreter counts as not
//! matching, and says so in the report). A program that cannot be run
//! natively is in [`EXCLUDED`], with the reason; one whose threads run
//! alongside `main` is compared on the main thread only
//! ([`MAIN_THREAD_ONLY`]).
//!
//! Each program is wrapped (`wrap`): the recorder of
//! `src/corpus_recorder.rs`, the program with its `fn main(` renamed, and
//! a `main` that calls it and writes the calls down. It is compiled with
//! `rustc -C opt-level=0` — optimised, LLVM may delete an allocation and
//! its free, and scenarios model the unoptimised abstract machine — on two
//! threads at most, in a temporary directory that is removed afterwards.
//!
//! Run with `-- --nocapture` to see every program's verdict and timings;
//! with `ALLOCSCOPE_CORPUS_SHOW=box` also set, every call of the programs
//! whose id contains `box` is shown, native and simulated side by side;
//! with `ALLOCSCOPE_CORPUS_ONLY=box`, only those programs run.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use alloc_sim::scenario::{self, examples, CallOp, Limits, Outcome, Run};
use alloc_sim::{HeapConfig, Simulation, StrategyKind};

/// The recorder pasted in front of every program.
const RECORDER: &str = include_str!("../src/corpus_recorder.rs");

/// What `fn main(` becomes in the wrapped program.
const RENAMED_MAIN: &str = "fn __corpus_main(";

/// The environment variable naming the file the recorder writes.
const CALLS_VAR: &str = "ALLOCSCOPE_CORPUS_CALLS";

/// How many programs compile at once (the CI machines have two cores).
const WORKERS: usize = 2;

/// A native run that takes longer than this is killed.
const NATIVE_TIMEOUT: Duration = Duration::from_secs(30);

/// Programs that are not built or run natively, by id, with the reason.
/// Every id must name a program (the list stays exact), and none may be
/// in GAPS: they are never compared.
const EXCLUDED: &[(&str, &str)] = &[
    (
        "examples/misuse_wrong_layout.rs",
        "frees with the wrong Layout and twice: undefined behaviour natively",
    ),
    (
        "lessons/01-the-trait-at-the-bottom/scenario-2",
        "frees with the wrong Layout: undefined behaviour natively",
    ),
    (
        "lessons/01-the-trait-at-the-bottom/exercise-1-start",
        "frees with the wrong Layout: undefined behaviour natively",
    ),
    (
        "examples/bump_new_in.rs",
        "`Vec::new_in` is std's unstable allocator_api: does not compile on stable Rust",
    ),
    (
        "lessons/08-allocator-api-and-arenas/scenario-1",
        "`Vec::new_in` is std's unstable allocator_api: does not compile on stable Rust",
    ),
];

/// Programs whose threads run at the same time as `main`, by id, with
/// why: natively, the order in which their calls interleave, the order of
/// the lines they print and which thread makes stdout's buffer vary from
/// one run to the next. They are compared on the main thread's calls only
/// (the same in every run), and on the lines printed as a multiset. Every
/// id must name a program; they may be in GAPS.
const MAIN_THREAD_ONLY: &[(&str, &str)] = &[
    (
        "examples/threads_arenas.rs",
        "main and two threads that print run at once",
    ),
    (
        "lessons/05-the-default-and-why-people-swap-it/scenario-1",
        "main and two threads run at once",
    ),
    (
        "lessons/05-the-default-and-why-people-swap-it/exercise-1-solution",
        "main and three threads that print run at once",
    ),
];

/// A marker a corpus program may carry: its runs of consecutive `dealloc`
/// calls (on one thread) are compared as multisets, because it drops a
/// `HashMap` or `HashSet`, whose drop order follows `RandomState`'s seed
/// and differs from one run to the next. A tolerance, used only where
/// needed.
const UNORDERED_FREES: &str = "// conformance: dealloc order varies";

/// One program of the corpus.
#[derive(Debug)]
struct Program {
    /// `examples/box.rs`, `lessons/03-box-and-vec/scenario-1`,
    /// `corpus/01_helper_fn.rs`.
    id: String,
    source: String,
}

/// One allocator call: op, size, align, new size (0 unless `realloc`),
/// thread. Natively threads are numbered in the order they first call the
/// allocator (main, which allocates before `main`, is 0; a spawned thread
/// calls it as it starts); the simulation numbers them in the order they
/// are spawned. The two agree when each thread starts before the next is
/// spawned; programs whose threads overlap are in [`MAIN_THREAD_ONLY`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Call {
    op: &'static str,
    size: u64,
    align: u64,
    new_size: u64,
    thread: i64,
    /// For a program with its own heap array: what the call returned (or
    /// freed), as an offset from the array's start; `u64::MAX` for null.
    offset: Option<u64>,
}

impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {}", self.op, self.size, self.align)?;
        if self.op == "realloc" {
            write!(f, " → {}", self.new_size)?;
        }
        if self.thread != 0 {
            write!(f, " @{}", self.thread)?;
        }
        match self.offset {
            Some(u64::MAX) => write!(f, " = null")?,
            Some(offset) => write!(f, " = +{offset:#x}")?,
            None => {}
        }
        Ok(())
    }
}

/// What a native run gave.
#[derive(Debug)]
struct Native {
    calls: Vec<Call>,
    stdout: String,
    /// What the program printed as it aborted (its own allocator over its
    /// heap array returned null to an infallible caller), if it did; or
    /// [`scenario::PROCESS_ABORT`] when it called `std::process::abort()`.
    aborted: Option<String>,
    /// Compile and run, for the report.
    took: Duration,
}

fn op_name(op: CallOp) -> &'static str {
    match op {
        CallOp::Alloc => "alloc",
        CallOp::AllocZeroed => "alloc_zeroed",
        CallOp::Realloc => "realloc",
        CallOp::Dealloc => "dealloc",
    }
}

// ----- the programs -----

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every program a lesson shows: its scenarios', quizzes' and exercises'.
fn lesson_programs(lesson: &lessons::Lesson, prefix: &str, programs: &mut Vec<Program>) {
    let (mut scenarios, mut quizzes, mut exercises, mut compares) = (0, 0, 0, 0);
    for part in &lesson.parts {
        let id = |what: String| format!("{prefix}/{what}");
        match part {
            lessons::Part::Scenario(s) => {
                scenarios += 1;
                programs.push(Program {
                    id: id(format!("scenario-{scenarios}")),
                    source: s.code.clone(),
                });
            }
            lessons::Part::Quiz(q) => {
                quizzes += 1;
                programs.push(Program {
                    id: id(format!("quiz-{quizzes}")),
                    source: q.code.clone(),
                });
            }
            lessons::Part::Exercise(e) => {
                exercises += 1;
                programs.push(Program {
                    id: id(format!("exercise-{exercises}-start")),
                    source: e.start.clone(),
                });
                programs.push(Program {
                    id: id(format!("exercise-{exercises}-solution")),
                    source: e.solution.clone(),
                });
            }
            lessons::Part::Compare(c) => {
                compares += 1;
                programs.push(Program {
                    id: id(format!("compare-{compares}")),
                    source: c.code.clone(),
                });
            }
            lessons::Part::Prose(_) | lessons::Part::Layout(_) | lessons::Part::Drill(_) => {}
        }
    }
}

fn programs() -> Vec<Program> {
    let mut programs = Vec::new();
    for (name, source) in examples::all() {
        programs.push(Program {
            id: format!("examples/{name}"),
            source: source.to_string(),
        });
    }
    for lesson in lessons::all() {
        let lesson = lesson.unwrap_or_else(|e| panic!("a lesson does not read: {e:?}"));
        lesson_programs(&lesson, &format!("lessons/{}", lesson.id()), &mut programs);
    }
    // The example a teacher starts their own lesson from, shown in the app.
    let example = lessons::compile::parse_lesson("00-your-own-lesson.md", lessons::EXAMPLE)
        .unwrap_or_else(|e| panic!("the example lesson does not read: {e}"));
    lesson_programs(&example, "lessons/example", &mut programs);
    // The drills' programs are made from a seed: the first set's first
    // nine, three of each kind, stand for the rest (boxes made and
    // dropped, the calls the same whatever the sizes).
    for number in 0..9 {
        let drill = lessons::drill::drill(1, number);
        programs.push(Program {
            id: format!("drills/seed-1/{number}"),
            source: drill.code,
        });
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("reading corpus/")
        .map(|e| e.expect("reading corpus/").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        programs.push(Program {
            id: format!("corpus/{name}"),
            source: std::fs::read_to_string(&path).expect("reading a corpus program"),
        });
    }
    // A quiz without code of its own asks about the scenario above it, and
    // a lesson may show an example again: each program is run once, under
    // the id it first had.
    let mut seen = BTreeSet::new();
    programs.retain(|p| seen.insert(p.source.trim().to_string()));
    programs
}

/// `corpus/GAPS`: id → why.
fn gaps() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(corpus_dir().join("GAPS")).expect("reading corpus/GAPS");
    let mut gaps = BTreeMap::new();
    for line in text.lines() {
        let (id, why) = line.split_once('#').unwrap_or((line, ""));
        let id = id.trim();
        if id.is_empty() {
            continue;
        }
        assert!(
            !why.trim().is_empty(),
            "corpus/GAPS: `{id}` needs a `# why` comment"
        );
        let id = if id.contains('/') {
            id.to_string()
        } else {
            format!("corpus/{id}")
        };
        assert!(
            gaps.insert(id.clone(), why.trim().to_string()).is_none(),
            "corpus/GAPS lists `{id}` twice"
        );
    }
    gaps
}

// ----- native -----

/// The program with the recorder in front and a `main` that writes the
/// calls down after the program's own `main` returned.
fn wrap(source: &str, heap: Option<&OwnHeap>) -> Result<String, String> {
    if source.matches("fn main(").count() != 1 {
        return Err("needs exactly one `fn main(`".into());
    }
    let program = source.replacen("fn main(", RENAMED_MAIN, 1);
    let program = writes_calls_before_abort(&program);
    if let Some(heap) = heap {
        return own_heap_wrapped(&program, heap);
    }
    // A program with its own `#[global_allocator]` keeps it: the recorder
    // then stands for `System` under it, so that what is recorded is what
    // the program's allocator asks of `System`, which is what the
    // simulation's strategy is asked.
    let (recorder, program) = if source.contains("#[global_allocator]") {
        if !RECORDER.contains(RECORDER_INSTALLED) {
            return Err("the recorder no longer installs itself as written here".into());
        }
        (
            RECORDER.replace(RECORDER_INSTALLED, ""),
            under_recorder(&program)?,
        )
    } else {
        (RECORDER.to_string(), program)
    };
    Ok(format!(
        "{recorder}\n{program}\n\
         fn main() -> std::process::ExitCode {{\n    \
             let code = std::process::Termination::report(__corpus_main());\n    \
             __corpus_recorder::finish();\n    \
             code\n\
         }}\n"
    ))
}

/// What `std::process::abort()` (or `process::abort()`) becomes: the
/// calls so far written down, then the abort, which ends the process
/// before `finish` could run. The native run then ends by `SIGABRT` with
/// its calls written, and is compared with a simulation that ended with
/// [`scenario::PROCESS_ABORT`].
fn writes_calls_before_abort(program: &str) -> String {
    const HELD: &str = "\u{0}abort";
    program
        .replace("std::process::abort()", HELD)
        .replace("process::abort()", HELD)
        .replace(
            HELD,
            "{ __corpus_recorder::dump(); ::std::process::abort() }",
        )
}

/// Where a program's own heap array is, as the simulation found it: the
/// static that holds it and the array's offset inside that static (the
/// same natively: rustc lays the static out as the simulation does, which
/// `struct_layouts.rs` checks).
#[derive(Debug, Clone)]
struct OwnHeap {
    static_name: String,
    offset: u64,
    len: u64,
}

/// A program with its own allocator over its own heap array: its
/// `#[global_allocator]` becomes a plain static, and a forwarder is the
/// global allocator instead: each call goes to the program's allocator,
/// and what it returned (or the pointer freed) is recorded as an offset
/// from the array, so that the two runs' addresses can be compared
/// wherever the linker put the static.
fn own_heap_wrapped(program: &str, heap: &OwnHeap) -> Result<String, String> {
    if program.matches("#[global_allocator]").count() != 1 {
        return Err("needs exactly one `#[global_allocator]`".into());
    }
    // The allocator's static: the name after `static` (and `mut`) that
    // follows the attribute. The array may be in another static.
    let after = program
        .split("#[global_allocator]")
        .nth(1)
        .unwrap_or_default();
    let words: Vec<&str> = after
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let allocator = match words.as_slice() {
        ["static", "mut", name, ..] | ["static", name, ..] => name.to_string(),
        _ => return Err("cannot find the static after `#[global_allocator]`".into()),
    };
    let program = program.replacen("#[global_allocator]", "", 1);
    let recorder = RECORDER.replace(RECORDER_INSTALLED, "");
    let (array, offset, len) = (&heap.static_name, heap.offset, heap.len);
    Ok(format!(
        "{recorder}\n{program}\n\
         struct __CorpusOwn;\n\
         fn __corpus_base() -> usize {{ (&raw const {array}) as usize + {offset} }}\n\
         fn __corpus_offset(p: *mut u8) -> usize {{\n    \
             if p.is_null() {{ usize::MAX }} else {{ (p as usize).wrapping_sub(__corpus_base()) }}\n\
         }}\n\
         fn __corpus_in_array(p: *mut u8) -> bool {{ (p as usize).wrapping_sub(__corpus_base()) < {len} }}\n\
         // Once recording stops (the harness writing the calls down, after\n\
         // the program's `main`), new blocks come from `System`, so that a\n\
         // full heap array does not stop it.\n\
         unsafe impl std::alloc::GlobalAlloc for __CorpusOwn {{\n    \
             unsafe fn alloc(&self, l: std::alloc::Layout) -> *mut u8 {{\n        \
                 if !__corpus_recorder::recording() {{ return unsafe {{ std::alloc::GlobalAlloc::alloc(&std::alloc::System, l) }}; }}\n        \
                 let p = unsafe {{ std::alloc::GlobalAlloc::alloc(&{allocator}, l) }};\n        \
                 __corpus_recorder::note_at(0, l, 0, __corpus_offset(p));\n        \
                 if p.is_null() {{ __corpus_recorder::dump(); }}\n        \
                 p\n    \
             }}\n    \
             unsafe fn alloc_zeroed(&self, l: std::alloc::Layout) -> *mut u8 {{\n        \
                 if !__corpus_recorder::recording() {{ return unsafe {{ std::alloc::GlobalAlloc::alloc_zeroed(&std::alloc::System, l) }}; }}\n        \
                 let p = unsafe {{ std::alloc::GlobalAlloc::alloc_zeroed(&{allocator}, l) }};\n        \
                 __corpus_recorder::note_at(1, l, 0, __corpus_offset(p));\n        \
                 if p.is_null() {{ __corpus_recorder::dump(); }}\n        \
                 p\n    \
             }}\n    \
             unsafe fn realloc(&self, old: *mut u8, l: std::alloc::Layout, n: usize) -> *mut u8 {{\n        \
                 if !__corpus_recorder::recording() || !__corpus_in_array(old) {{\n            \
                     if !__corpus_in_array(old) {{ return unsafe {{ std::alloc::GlobalAlloc::realloc(&std::alloc::System, old, l, n) }}; }}\n            \
                     let new_layout = unsafe {{ std::alloc::Layout::from_size_align_unchecked(n, l.align()) }};\n            \
                     let p = unsafe {{ std::alloc::GlobalAlloc::alloc(&std::alloc::System, new_layout) }};\n            \
                     if !p.is_null() {{ unsafe {{ std::ptr::copy_nonoverlapping(old, p, l.size().min(n)); std::alloc::GlobalAlloc::dealloc(&{allocator}, old, l) }}; }}\n            \
                     return p;\n        \
                 }}\n        \
                 let p = unsafe {{ std::alloc::GlobalAlloc::realloc(&{allocator}, old, l, n) }};\n        \
                 __corpus_recorder::note_at(2, l, n, __corpus_offset(p));\n        \
                 if p.is_null() {{ __corpus_recorder::dump(); }}\n        \
                 p\n    \
             }}\n    \
             unsafe fn dealloc(&self, p: *mut u8, l: std::alloc::Layout) {{\n        \
                 if !__corpus_in_array(p) {{ return unsafe {{ std::alloc::GlobalAlloc::dealloc(&std::alloc::System, p, l) }}; }}\n        \
                 unsafe {{ std::alloc::GlobalAlloc::dealloc(&{allocator}, p, l) }};\n        \
                 __corpus_recorder::note_at(3, l, 0, __corpus_offset(p));\n    \
             }}\n\
         }}\n\
         #[global_allocator]\n\
         static __CORPUS_OWN: __CorpusOwn = __CorpusOwn;\n\
         fn main() -> std::process::ExitCode {{\n    \
             let code = std::process::Termination::report(__corpus_main());\n    \
             __corpus_recorder::finish();\n    \
             code\n\
         }}\n"
    ))
}

/// How the recorder installs itself as the global allocator.
const RECORDER_INSTALLED: &str =
    "    #[global_allocator]\n    static GLOBAL: Recorder = Recorder;\n";

/// A program whose `System` is the recorder: `System` left out of its
/// `use std::alloc::…` lines, `std::alloc::System` written `System`, and
/// `System` brought in as the recorder.
fn under_recorder(program: &str) -> Result<String, String> {
    let mut out = String::from("use __corpus_recorder::Recorder as System;\n");
    for line in program.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("use std::alloc::") && line.contains("System") {
            if trimmed == "use std::alloc::System;" {
                continue;
            }
            let (Some(open), Some(close)) = (line.find('{'), line.rfind('}')) else {
                return Err(format!("cannot take `System` out of `{line}`"));
            };
            let kept: Vec<&str> = line[open + 1..close]
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty() && *item != "System")
                .collect();
            out.push_str(&format!(
                "{}{{{}}}{}\n",
                &line[..open],
                kept.join(", "),
                &line[close + 1..]
            ));
            continue;
        }
        out.push_str(&line.replace("std::alloc::System", "System"));
        out.push('\n');
    }
    Ok(out)
}

/// `--extern bumpalo=…` for a program that uses it: cargo built bumpalo
/// for this crate's tests into `deps/`, next to the test binary. There may
/// be several builds (other feature sets); the newest is taken, and any
/// of them would do.
fn bumpalo_args() -> Result<Vec<String>, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let deps = exe.parent().ok_or("the test binary has no directory")?;
    let newest = std::fs::read_dir(deps)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("libbumpalo-") && name.ends_with(".rlib")
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .ok_or("no libbumpalo-*.rlib next to the test binary")?;
    Ok(vec![
        "--extern".into(),
        format!("bumpalo={}", newest.path().display()),
        "-L".into(),
        format!("dependency={}", deps.display()),
    ])
}

/// Builds and runs one program natively, in `dir`.
fn native(
    program: &Program,
    heap: Option<&OwnHeap>,
    dir: &Path,
    slot: usize,
) -> Result<Native, String> {
    let start = Instant::now();
    let stem = format!("p{slot}");
    let src = dir.join(format!("{stem}.rs"));
    let bin = dir.join(&stem);
    let calls_file = dir.join(format!("{stem}.calls"));
    let out_file = dir.join(format!("{stem}.out"));
    let err_file = dir.join(format!("{stem}.err"));
    std::fs::write(&src, wrap(&program.source, heap)?).map_err(|e| e.to_string())?;
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let mut cmd = Command::new(rustc);
    cmd.args(["--edition", "2021", "-C", "opt-level=0", "-o"])
        .arg(&bin)
        .arg(&src);
    if program.source.contains("bumpalo") {
        cmd.args(bumpalo_args()?);
    }
    let built = cmd.output().map_err(|e| format!("running rustc: {e}"))?;
    if !built.status.success() {
        return Err(format!(
            "rustc failed:\n{}",
            String::from_utf8_lossy(&built.stderr)
        ));
    }
    let file = |p: &Path| std::fs::File::create(p).map_err(|e| e.to_string());
    // As a learner runs it: with no backtrace asked for (the hook for an
    // allocation that failed reads `RUST_BACKTRACE`, an allocation of its
    // value's length when it is set).
    let mut child = Command::new(&bin)
        .env(CALLS_VAR, &calls_file)
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(file(&out_file)?)
        .stderr(file(&err_file)?)
        .spawn()
        .map_err(|e| format!("running the program: {e}"))?;
    let began = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if began.elapsed() > NATIVE_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {NATIVE_TIMEOUT:?}: killed"));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = std::fs::read_to_string(&out_file).map_err(|e| e.to_string())?;
    let mut aborted = None;
    if !status.success() {
        let stderr = std::fs::read_to_string(&err_file).unwrap_or_default();
        // Out of memory in the program's own heap array: Rust's
        // `handle_alloc_error` says so and aborts; the calls up to the
        // null were written when it was returned.
        let oom = stderr
            .lines()
            .find(|l| l.starts_with("memory allocation of"))
            .filter(|_| heap.is_some() && calls_file.exists());
        // `std::process::abort()`: killed by `SIGABRT`, printing nothing,
        // the calls written just before.
        let abort = {
            use std::os::unix::process::ExitStatusExt;
            status.signal() == Some(6)
                && program.source.contains("process::abort()")
                && calls_file.exists()
        };
        match oom {
            Some(line) => aborted = Some(line.to_string()),
            None if abort => aborted = Some(scenario::PROCESS_ABORT.to_string()),
            None => {
                return Err(format!(
                    "the program failed ({status}):\nstdout:\n{stdout}\nstderr:\n{stderr}"
                ))
            }
        }
    }
    let text = std::fs::read_to_string(&calls_file).map_err(|e| e.to_string())?;
    let calls = parse_calls(&text)?;
    for p in [&src, &bin, &calls_file, &out_file, &err_file] {
        let _ = std::fs::remove_file(p);
    }
    Ok(Native {
        calls,
        stdout,
        aborted,
        took: start.elapsed(),
    })
}

fn parse_calls(text: &str) -> Result<Vec<Call>, String> {
    let mut calls = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let op = match words.first().copied() {
            Some("alloc") => "alloc",
            Some("alloc_zeroed") => "alloc_zeroed",
            Some("realloc") => "realloc",
            Some("dealloc") => "dealloc",
            Some("overflow") => return Err(format!("the recorder's table overflowed: {line}")),
            _ => return Err(format!("a recorded line does not read: {line:?}")),
        };
        let n = |i: usize| -> Result<i64, String> {
            words
                .get(i)
                .and_then(|w| w.parse().ok())
                .ok_or_else(|| format!("a recorded line does not read: {line:?}"))
        };
        calls.push(Call {
            op,
            size: n(1)? as u64,
            align: n(2)? as u64,
            new_size: n(3)? as u64,
            thread: n(4)?,
            offset: match words.get(5) {
                None => None,
                Some(&"null") => Some(u64::MAX),
                Some(_) => Some(n(5)? as u64),
            },
        });
    }
    Ok(calls)
}

/// A temporary directory, removed when dropped (also when the test fails).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let base = option_env!("CARGO_TARGET_TMPDIR")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        let dir = base.join(format!("allocscope-corpus-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("creating the temporary directory");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Builds and runs the programs natively, `WORKERS` at a time.
fn run_natively(programs: &[&Program], heaps: &[Option<OwnHeap>]) -> Vec<Result<Native, String>> {
    let dir = TempDir::new();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Native, String>>>> =
        Mutex::new((0..programs.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(program) = programs.get(i) else {
                    break;
                };
                let result = native(program, heaps[i].as_ref(), &dir.0, i);
                results.lock().unwrap()[i] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every program was run"))
        .collect()
}

// ----- simulated -----

/// Interprets the program on a 4 MiB first-fit heap. The interpreter
/// promises to report every problem as an outcome, never to panic; a
/// panic is caught here (quietly: its message and place become the error)
/// so that the other programs still run.
fn simulate(source: &str) -> Result<Run, String> {
    simulate_own(source).map(|(run, _)| run)
}

/// [`simulate`], and the start and length of the program's own heap
/// array, if its allocator serves from one.
fn simulate_own(source: &str) -> Result<(Run, Option<(u64, u64)>), String> {
    static PANIC: Mutex<Option<String>> = Mutex::new(None);
    let mut sim = Simulation::new(HeapConfig::new(4 << 20), StrategyKind::FirstFit).unwrap();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        *PANIC.lock().unwrap() = Some(info.to_string().replace('\n', " "));
    }));
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        scenario::run(source, &mut sim, Limits::default())
    }));
    std::panic::set_hook(previous);
    let own = (sim.strategy().kind() == StrategyKind::Yours)
        .then(|| (sim.heap().base().0, sim.heap().len()));
    run.map(|run| (run, own)).map_err(|_| {
        PANIC
            .lock()
            .unwrap()
            .take()
            .unwrap_or_else(|| "a panic".into())
    })
}

/// The global allocator's calls of a run (a bump arena's calls inside its
/// chunks are not the global allocator's), each with why it was made and
/// the line it came from.
fn simulated_calls(run: &Run, own: Option<u64>) -> Vec<(Call, String)> {
    run.calls
        .iter()
        .filter(|c| !c.arena)
        .map(|c| {
            let offset = own.map(|base| match (c.addr, &c.error) {
                (Some(a), None) => a.0.wrapping_sub(base),
                _ => u64::MAX,
            });
            let call = Call {
                op: op_name(c.op),
                size: c.layout.size,
                align: c.layout.align,
                new_size: c.new_size.unwrap_or(0),
                thread: i64::from(c.thread.0),
                offset,
            };
            let line = c
                .line()
                .map_or_else(String::new, |l| format!(" (line {l})"));
            (call, format!("{}{line}", c.reason))
        })
        .collect()
}

/// What the run printed, as stdout would hold it: the interpreter keeps
/// each line without its newline, and whether `print!` left the last one
/// open.
fn simulated_stdout(run: &Run) -> String {
    let mut out: String = run.output.iter().map(|line| format!("{line}\n")).collect();
    if run.output_open {
        out.pop();
    }
    out
}

// ----- comparing -----

/// Sorts each run of consecutive `dealloc` calls of one thread (each call
/// keeps its reason).
fn unordered_frees(calls: &mut [(Call, String)]) {
    let mut start = 0;
    for end in 1..=calls.len() {
        let continues = calls.get(end).is_some_and(|(call, _)| {
            let last = &calls[end - 1].0;
            last.op == "dealloc" && call.op == "dealloc" && last.thread == call.thread
        });
        if !continues {
            calls[start..end].sort();
            start = end;
        }
    }
}

/// Where two call lists first differ (`None`: they are equal).
fn first_difference(a: &[Call], b: &[Call]) -> Option<usize> {
    (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i))
}

/// The calls `from..to` side by side, with each simulated call's reason
/// and line; `!` marks a row that differs.
fn side_by_side(
    native: &[Call],
    sim: &[Call],
    reasons: &[String],
    from: usize,
    to: usize,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "      {:>4}  {:<28} {:<28} reason (line)",
        "#", "native", "simulated"
    );
    for i in from..to {
        let show = |c: Option<&Call>| c.map_or_else(|| "—".to_string(), Call::to_string);
        let (n, s) = (native.get(i), sim.get(i));
        let why = reasons.get(i).map_or("", String::as_str);
        let mark = if n == s { " " } else { "!" };
        let _ = writeln!(
            out,
            "    {mark} {i:>4}  {:<28} {:<28} {why}",
            show(n),
            show(s)
        );
    }
    if to < native.len().max(sim.len()) {
        let _ = writeln!(out, "      …");
    }
    out
}

/// The calls around the first difference side by side, and the outputs
/// when they differ.
fn diff(
    native: &Native,
    native_calls: &[Call],
    run: &Run,
    sim_calls: &[Call],
    reasons: &[String],
) -> String {
    let mut out = String::new();
    if let Some(first) = first_difference(native_calls, sim_calls) {
        let _ = writeln!(
            out,
            "  calls: {} native, {} simulated; first difference at #{first}",
            native_calls.len(),
            sim_calls.len()
        );
        let to = (first + 20).min(native_calls.len().max(sim_calls.len()));
        out += &side_by_side(
            native_calls,
            sim_calls,
            reasons,
            first.saturating_sub(3),
            to,
        );
    }
    let sim_out = simulated_stdout(run);
    if native.stdout != sim_out {
        let _ = writeln!(out, "  native stdout:\n{}", indent(&native.stdout));
        let _ = writeln!(out, "  simulated output:\n{}", indent(&sim_out));
    }
    if run.outcome != Outcome::Ok {
        let _ = writeln!(out, "  simulation ended: {:?}", run.outcome);
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    | {l}\n")).collect()
}

/// One line saying why a program does not match.
fn summary(native: &Native, native_calls: &[Call], run: &Run, sim_calls: &[Call]) -> String {
    if let Outcome::Error(e) = &run.outcome {
        return format!("simulation stopped: {e}");
    }
    if let Some(i) = first_difference(native_calls, sim_calls) {
        let show = |c: Option<&Call>| c.map_or_else(|| "nothing".to_string(), Call::to_string);
        return format!(
            "call #{i}: native {}, simulated {}",
            show(native_calls.get(i)),
            show(sim_calls.get(i))
        );
    }
    if native.stdout != simulated_stdout(run) {
        return "the output differs".into();
    }
    format!("simulation ended: {:?}", run.outcome)
}

/// How a program is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Every call in order, and stdout byte for byte.
    Exact,
    /// The main thread's calls in order, and the printed lines as a
    /// multiset ([`MAIN_THREAD_ONLY`]).
    MainThread,
}

/// The printed lines, sorted.
fn sorted_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

/// Simulates a program and compares it with its native run: `Ok` when
/// they agree (the simulation ended normally, made the same calls and
/// printed the same text), else a one-line summary and the details. A
/// panic of the interpreter counts as not agreeing. With `show`, every
/// call is written there side by side.
fn compare(
    program: &Program,
    native: &Native,
    mode: Mode,
    show: Option<&mut String>,
) -> Result<(), (String, String)> {
    let (run, own) = match simulate_own(&program.source) {
        Ok(ran) => ran,
        Err(panic) => {
            if let Some(out) = show {
                let calls: String = native
                    .calls
                    .iter()
                    .map(|c| format!("      {c}\n"))
                    .collect();
                let _ = writeln!(out, "  {} natively:\n{calls}", program.id);
            }
            return Err((format!("the interpreter panicked: {panic}"), String::new()));
        }
    };
    let mut native_rows: Vec<(Call, String)> = native
        .calls
        .iter()
        .map(|c| (c.clone(), String::new()))
        .collect();
    let mut sim_rows = simulated_calls(&run, own.map(|(base, _)| base));
    if mode == Mode::MainThread {
        native_rows.retain(|(c, _)| c.thread == 0);
        sim_rows.retain(|(c, _)| c.thread == 0);
    }
    if program.source.contains(UNORDERED_FREES) {
        unordered_frees(&mut native_rows);
        unordered_frees(&mut sim_rows);
    }
    let native_calls: Vec<Call> = native_rows.into_iter().map(|(c, _)| c).collect();
    let (sim_calls, reasons): (Vec<Call>, Vec<String>) = sim_rows.into_iter().unzip();
    if let Some(out) = show {
        let rows = native_calls.len().max(sim_calls.len());
        let _ = writeln!(
            out,
            "  {}:\n{}",
            program.id,
            side_by_side(&native_calls, &sim_calls, &reasons, 0, rows)
        );
    }
    let sim_stdout = simulated_stdout(&run);
    let same_output = match mode {
        Mode::Exact => native.stdout == sim_stdout,
        Mode::MainThread => sorted_lines(&native.stdout) == sorted_lines(&sim_stdout),
    };
    // Both end the same way: normally, or aborting with the same message.
    let same_end = match (&run.outcome, &native.aborted) {
        (Outcome::Ok, None) => true,
        (Outcome::Abort { message, .. }, Some(native)) => native == message,
        _ => false,
    };
    if same_end && native_calls == sim_calls && same_output {
        return Ok(());
    }
    Err((
        summary(native, &native_calls, &run, &sim_calls),
        diff(native, &native_calls, &run, &sim_calls, &reasons),
    ))
}

#[test]
fn the_interpreter_makes_the_calls_real_rust_makes() {
    // `ALLOCSCOPE_CORPUS_ONLY=hash`: only the programs whose id holds it
    // (to work on a few; the whole corpus is the test).
    let only = std::env::var("ALLOCSCOPE_CORPUS_ONLY").ok();
    let mut all = programs();
    let mut gaps = gaps();
    if let Some(only) = &only {
        all.retain(|p| p.id.contains(only.as_str()));
        gaps.retain(|id, _| id.contains(only.as_str()));
    }
    let excluded: BTreeMap<&str, &str> = EXCLUDED.iter().copied().collect();
    let main_only: BTreeMap<&str, &str> = MAIN_THREAD_ONLY.iter().copied().collect();
    let ids: BTreeSet<&str> = all.iter().map(|p| p.id.as_str()).collect();
    let mut failures = Vec::new();
    for id in gaps.keys() {
        if !ids.contains(id.as_str()) {
            failures.push(format!("corpus/GAPS lists `{id}`, which names no program"));
        }
        if excluded.contains_key(id.as_str()) {
            failures.push(format!(
                "`{id}` is both in EXCLUDED and in corpus/GAPS: an excluded program is never compared"
            ));
        }
    }
    for id in excluded.keys().chain(main_only.keys()) {
        if !ids.contains(id) && only.is_none() {
            failures.push(format!("the test names `{id}`, which is no program"));
        }
    }

    let to_run: Vec<&Program> = all
        .iter()
        .filter(|p| !excluded.contains_key(p.id.as_str()))
        .collect();
    // A program with its own heap array is recorded against it: where the
    // simulation found the array tells the native run where to look.
    let heaps: Vec<Option<OwnHeap>> = to_run
        .iter()
        .map(|p| {
            if !p.source.contains("#[global_allocator]") {
                return None;
            }
            let (run, array) = simulate_own(&p.source).ok()?;
            let (base, len) = array?;
            let holder = run
                .statics
                .iter()
                .find(|s| s.addr.0 <= base && base < s.addr.0 + s.size)?;
            Some(OwnHeap {
                static_name: holder.name.clone(),
                offset: base - holder.addr.0,
                len,
            })
        })
        .collect();
    let began = Instant::now();
    let natives = run_natively(&to_run, &heaps);
    let native_time = began.elapsed();
    let natives: BTreeMap<&str, Result<Native, String>> =
        to_run.iter().map(|p| p.id.as_str()).zip(natives).collect();

    let began = Instant::now();
    let mut report = String::new();
    let show = std::env::var("ALLOCSCOPE_CORPUS_SHOW").ok();
    let (mut matched, mut gapped, mut skipped) = (0, 0, 0);
    let (mut examples, mut lessons, mut corpus) = (0, 0, 0);
    for program in &all {
        let id = program.id.as_str();
        match id.split('/').next() {
            Some("examples") => examples += 1,
            Some("lessons" | "drills") => lessons += 1,
            _ => corpus += 1,
        }
        let native = match natives.get(id) {
            None => {
                // Not run natively, but still simulated: whatever the
                // program, the interpreter must not panic.
                if let Err(panic) = simulate(&program.source) {
                    failures.push(format!("{id}: the interpreter panicked: {panic}"));
                }
                skipped += 1;
                let _ = writeln!(report, "  skip   {id}: {}", excluded[id]);
                continue;
            }
            Some(Err(e)) => {
                failures.push(format!("{id}: the native run failed: {e}"));
                continue;
            }
            Some(Ok(native)) => native,
        };
        let (mode, note) = match main_only.get(id) {
            Some(why) => (Mode::MainThread, format!(", main thread only: {why}")),
            None => (Mode::Exact, String::new()),
        };
        let shown = show.as_deref().is_some_and(|s| id.contains(s));
        let verdict = compare(program, native, mode, shown.then_some(&mut report));
        let took = format!("{:.2}s", native.took.as_secs_f64());
        match (verdict, gaps.get(id)) {
            (Ok(()), None) => {
                matched += 1;
                let _ = writeln!(
                    report,
                    "  match  {id} ({} calls, {took}{note})",
                    native.calls.len()
                );
            }
            (Err((summary, _)), Some(why)) => {
                gapped += 1;
                let _ = writeln!(
                    report,
                    "  gap    {id} ({took}{note}): {why}\n           {summary}"
                );
            }
            (Ok(()), Some(_)) => {
                failures.push(format!("{id} matches now: take it out of corpus/GAPS"))
            }
            (Err((summary, detail)), None) => {
                failures.push(format!("{id} does not match{note}: {summary}\n{detail}"));
            }
        }
    }
    let sim_time = began.elapsed();
    println!("{report}");
    println!(
        "{} programs ({examples} examples, {lessons} from the lessons and drills, {corpus} in corpus/): \
         {matched} match, {gapped} gaps, {skipped} not run natively; \
         native build and run {:.1}s on {WORKERS} threads, simulation {:.1}s",
        all.len(),
        native_time.as_secs_f64(),
        sim_time.as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} problems:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
