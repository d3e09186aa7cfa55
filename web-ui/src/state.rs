//! The playground's state and every change to it, as one reducer.
//!
//! Changing the code or the strategies asks the engine (see
//! [`crate::engine`]) to run the scenario on each chosen strategy: the
//! state holds the job it is [`Running`], and the engine's answer comes
//! back as [`Action::Ran`], with each run's calls and its heap's
//! [`Timeline`](alloc_sim::Timeline). Until then the panes shown stay (a
//! new strategy's pane shows its empty heap). Moving the cursor only takes
//! each heap as it was after that many calls from its timeline, as fast
//! backwards as forwards and without running anything again. No allocator
//! logic lives here: it all happens in the engine.

use std::cell::Cell;
use std::rc::Rc;

use alloc_sim::ops::Outline;
use alloc_sim::scenario::{examples, Outcome, Run};
use alloc_sim::{Heap, HeapConfig, Metrics, StrategyKind};
use engine::{End, Finished, Job, PaneSetup, Work};
use yew::Reducible;

pub use crate::setup::{Setup, HEAP_SIZE, HEAP_SIZES, MAX_PANES};

/// Statements and loop turns a scenario may take in the browser before it
/// stops with an error: enough for 100,000 calls and more.
pub const MAX_STEPS: u64 = 1_000_000;

/// One strategy's run of the scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pane {
    /// The strategy.
    pub kind: StrategyKind,
    /// The whole run: every call, the outcome, the output, and the heap
    /// after every call (its timeline), to seek to any of them.
    pub run: Rc<Run>,
    /// Where its simulation ended.
    pub end: Rc<End>,
    /// The heap after `cursor` calls.
    pub at_cursor: Rc<Heap>,
    /// The cursor `at_cursor` was built for.
    built_at: usize,
}

/// How the heaps are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapView {
    /// A diagram of labelled blocks, of the part of the heap in use.
    #[default]
    Used,
    /// The same diagram of the whole heap.
    Whole,
    /// Every byte a cell, `Some(n)` bytes a cell or fitted to the pane.
    Bytes(Option<u64>),
}

impl MapView {
    /// Every choice the menu offers, with the value its `<option>` has.
    pub const CHOICES: [(MapView, &'static str, &'static str); 8] = [
        (MapView::Used, "used", "blocks, the part in use"),
        (MapView::Whole, "whole", "blocks, the whole heap"),
        (MapView::Bytes(None), "fit", "every byte, fitted"),
        (MapView::Bytes(Some(1)), "1", "every byte, 1 B a cell"),
        (MapView::Bytes(Some(4)), "4", "every byte, 4 B a cell"),
        (MapView::Bytes(Some(16)), "16", "every byte, 16 B a cell"),
        (MapView::Bytes(Some(64)), "64", "every byte, 64 B a cell"),
        (MapView::Bytes(Some(256)), "256", "every byte, 256 B a cell"),
    ];

    /// The choice an `<option>`'s value names.
    pub fn parse(value: &str) -> Option<MapView> {
        Self::CHOICES.iter().find(|c| c.1 == value).map(|c| c.0)
    }
}

/// A trace the learner opened: its name, its text (shown beside the
/// heaps) and its ops.
#[derive(Debug)]
pub struct LoadedTrace {
    /// The file's name.
    pub name: String,
    /// The file's text.
    pub text: Rc<str>,
    /// Where each line starts in `text`.
    pub line_starts: Vec<usize>,
    /// How many ops it has and the most bytes live at once: all the page
    /// needs of them (the engine reads the ops again to replay them, so a
    /// million-op trace is not held here as ops too).
    pub outline: Outline,
}

impl LoadedTrace {
    /// Reads a trace file; the error names the line and column.
    pub fn parse(name: &str, bytes: Vec<u8>) -> Result<LoadedTrace, String> {
        let mut reading = TraceReading::new(name, bytes);
        loop {
            if let Some(read) = reading.step(usize::MAX) {
                return read;
            }
        }
    }

    /// Lines `from..to` (counting from 1) of the text.
    pub fn lines(&self, from: usize, to: usize) -> impl Iterator<Item = (usize, &str)> {
        let last = self.line_starts.len();
        (from.max(1)..to.min(last + 1)).map(move |n| {
            let start = self.line_starts[n - 1];
            let end = self.line_starts.get(n).map_or(self.text.len(), |e| e - 1);
            (n, self.text[start..end].trim_end_matches('\r'))
        })
    }
}

/// A trace file being read a slice at a time ([`TraceReading::step`]), so
/// that a million-op trace never holds the page's thread for long: that
/// its bytes are text, its outline and where each line starts, as
/// [`LoadedTrace::parse`] reads them in one go.
#[derive(Debug)]
pub struct TraceReading {
    name: String,
    bytes: Vec<u8>,
    /// The bytes read so far, as text.
    text: String,
    /// How far it is read: always just after a newline, or 0.
    at: usize,
    reader: alloc_sim::ops::OutlineReader,
    line_starts: Vec<usize>,
}

impl TraceReading {
    /// Starts reading `bytes`, the file `name`.
    pub fn new(name: &str, bytes: Vec<u8>) -> TraceReading {
        TraceReading {
            name: name.to_string(),
            text: String::with_capacity(bytes.len()),
            bytes,
            at: 0,
            reader: alloc_sim::ops::OutlineReader::default(),
            line_starts: vec![0],
        }
    }

    /// How much of the file is read, from 0 to 1.
    pub fn done(&self) -> f64 {
        if self.bytes.is_empty() {
            1.0
        } else {
            self.at as f64 / self.bytes.len() as f64
        }
    }

    /// Reads about `bytes` more (to the end of the line that slice ends
    /// in); once every line is read, the trace, or what is wrong with it
    /// and where.
    pub fn step(&mut self, bytes: usize) -> Option<Result<LoadedTrace, String>> {
        let all = &self.bytes;
        let name = &self.name;
        // Cut after a newline (a byte that is never inside a character).
        let mut end = self.at.saturating_add(bytes).min(all.len());
        if end < all.len() {
            end = all[end..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(all.len(), |i| end + i + 1);
        }
        let piece = match std::str::from_utf8(&all[self.at..end]) {
            Ok(piece) => piece,
            Err(e) => {
                let piece = &all[self.at..end];
                let line = self.line_starts.len();
                return Some(Err(format!("{name}:{}", not_text(piece, e, line))));
            }
        };
        let at = self.at;
        self.line_starts
            .extend(piece.match_indices('\n').map(|(i, _)| at + i + 1));
        if let Err(e) = self.reader.read(piece) {
            return Some(Err(format!("{name}:{e}")));
        }
        self.text.push_str(piece);
        self.at = end;
        if end < all.len() {
            return None;
        }
        // The bytes go before the text is shared: the trace is held once.
        self.bytes = Vec::new();
        let reader = std::mem::take(&mut self.reader);
        Some(match reader.finish() {
            Err(e) => Err(format!("{name}:{e}")),
            Ok(outline) if outline.ops == 0 => Err(format!("{name}: the trace has no ops")),
            Ok(outline) => Ok(LoadedTrace {
                name: name.clone(),
                text: std::mem::take(&mut self.text).into(),
                line_starts: std::mem::take(&mut self.line_starts),
                outline,
            }),
        })
    }
}

/// Where `piece`, whose first line is line `first_line` of its file, stops
/// being UTF-8: `line:column:` and what is there, as the trace reader's
/// errors say it.
fn not_text(piece: &[u8], e: std::str::Utf8Error, first_line: usize) -> String {
    let good = e.valid_up_to();
    let before = &piece[..good];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = first_line + before.iter().filter(|&&b| b == b'\n').count();
    // Everything before the bad byte is UTF-8: count its characters.
    let column = std::str::from_utf8(&before[line_start..]).map_or(1, |s| s.chars().count() + 1);
    format!(
        "{line}:{column}: byte 0x{:02x} is not text (a trace is UTF-8 text)",
        piece[good]
    )
}

impl PartialEq for LoadedTrace {
    /// The same trace is the same opened file: compared by its text's
    /// identity (a million-op trace is never compared line by line).
    fn eq(&self, other: &LoadedTrace) -> bool {
        Rc::ptr_eq(&self.text, &other.text)
    }
}

impl Eq for LoadedTrace {}

impl Pane {
    /// A pane for a finished run.
    pub fn finished(finished: Finished) -> Pane {
        let calls = finished.run.calls.len();
        Pane {
            kind: finished.kind,
            run: Rc::new(finished.run),
            at_cursor: Rc::new(finished.end.heap.clone()),
            end: Rc::new(finished.end),
            built_at: calls,
        }
    }

    /// A pane whose first run is on its way: its heap, empty.
    fn waiting(kind: StrategyKind, setup: &Setup) -> Pane {
        let config = HeapConfig::new(setup.heap);
        let heap = Heap::new(if config.validate().is_ok() {
            config
        } else {
            HeapConfig::new(HEAP_SIZE)
        });
        Pane::finished(Finished {
            kind,
            run: Run::empty(Metrics::default()),
            end: End {
                heap,
                metrics: Metrics::default(),
                free: alloc_sim::FreeSpace::default(),
                steps: None,
            },
        })
    }

    /// The calls made at the cursor `at_cursor` shows.
    pub fn cursor(&self) -> usize {
        self.built_at
    }

    /// The metrics at the cursor.
    pub fn metrics(&self) -> Metrics {
        self.metrics_at(self.built_at)
    }

    /// The metrics after `cursor` calls.
    pub fn metrics_at(&self, cursor: usize) -> Metrics {
        match cursor.min(self.run.calls.len()) {
            n if n == self.run.calls.len() => self.end.metrics,
            n => self.run.metrics_at(n),
        }
    }

    /// Moves `at_cursor` to the heap after `cursor` calls: the end of the
    /// run as it finished, or the timeline's heap for that step (from the
    /// current one when stepping forward).
    fn seek(&mut self, cursor: usize) {
        let calls = self.run.calls.len();
        let cursor = cursor.min(calls);
        if cursor == self.built_at {
            return;
        }
        // Every pane's run is recorded for seeking; one that was not
        // (never built here) stays at its end.
        let Some(timeline) = &self.run.timeline else {
            return;
        };
        let heap = if cursor == calls {
            self.end.heap.clone()
        } else if self.built_at < calls {
            timeline.advance(&self.at_cursor, self.built_at, cursor)
        } else {
            timeline.heap_at(cursor)
        };
        self.at_cursor = Rc::new(heap);
        self.built_at = cursor;
    }
}

/// Everything the playground shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Playground {
    /// The scenario's source.
    pub source: String,
    /// The example it was loaded from, if unchanged since.
    pub example: Option<&'static str>,
    /// One pane per chosen strategy, in the order of `StrategyKind::ALL`.
    pub panes: Vec<Pane>,
    /// How many calls have happened at the cursor.
    pub cursor: usize,
    /// The byte being inspected, in which pane.
    pub inspected: Option<(StrategyKind, alloc_sim::Addr)>,
    /// Something to tell the learner once, such as a link that could not be read.
    pub notice: Option<String>,
    /// Heap size and strategy settings for panes without their own.
    pub setup: Setup,
    /// Settings of single strategies, overriding `setup`.
    pub overrides: crate::setup::Setups,
    /// How the heaps are drawn.
    pub map: MapView,
    /// The trace shown instead of the scenario, if one was opened.
    pub trace: Option<Rc<LoadedTrace>>,
    /// The job the engine is running for these panes, if any.
    pub running: Option<Running>,
    /// Why the last job ended without runs (the engine stopped), until the
    /// next runs arrive.
    pub failure: Option<String>,
}

/// A job asked of the engine, and what to do with its answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Running {
    /// The job.
    pub job: Rc<Job>,
    /// Where the cursor goes when the runs arrive.
    pub cursor: After,
    /// The trace the job replays (shown once it is done), if it is one.
    pub trace: Option<Rc<LoadedTrace>>,
    /// What to tell the learner when it is done (the heap a trace was
    /// given).
    pub note: Option<String>,
}

/// Where the cursor goes when new runs arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Before the first call (a new example, a trace).
    Start,
    /// After the last call (the code changed).
    End,
    /// Where it was, if the runs are that long (other strategies or settings).
    Keep,
    /// After this many calls (a lesson's block, a share link).
    At(usize),
}

/// A fresh id for each job, unique on the page.
pub fn next_id() -> u64 {
    thread_local! {
        static NEXT: Cell<u64> = const { Cell::new(1) };
    }
    NEXT.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// What the learner can do, and what the engine answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Replace the code (typing); re-runs.
    Edit(String),
    /// Load a built-in example; re-runs.
    Load(&'static str),
    /// Add or remove a strategy (keeping at least one, at most four).
    Toggle(StrategyKind),
    /// Show only this strategy.
    Only(StrategyKind),
    /// Show the second strategy in place of the first (a variant: first fit
    /// with headers or without), keeping its own settings.
    Swap(StrategyKind, StrategyKind),
    /// Move the cursor.
    Seek(Seek),
    /// Change the heap size or the strategies' settings for every pane; re-runs.
    Configure(Setup),
    /// Change them for one strategy only; re-runs.
    ConfigureOne(StrategyKind, Setup),
    /// Draw the heaps another way.
    Map(MapView),
    /// Inspect the byte at an address in a pane (or stop inspecting).
    Inspect(Option<(StrategyKind, alloc_sim::Addr)>),
    /// Replay a trace the learner opened on the strategies shown.
    OpenTrace(Rc<LoadedTrace>),
    /// The engine ran job `id`: one run per pane asked.
    Ran {
        /// The job.
        id: u64,
        /// Its runs.
        panes: Rc<Vec<Finished>>,
    },
    /// The engine could not do job `id`.
    Failed {
        /// The job.
        id: u64,
        /// Why, and where.
        message: String,
    },
    /// Stop the job running, keeping what is shown.
    Cancel,
    /// Tell the learner something once (a trace that would not read).
    Notice(String),
    /// Leave the trace and show the scenario again.
    CloseTrace,
}

impl Action {
    /// The action an engine's answer is (progress is not one).
    pub fn of_reply(reply: engine::Reply) -> Option<Action> {
        match reply {
            engine::Reply::Panes { id, panes } => Some(Action::Ran {
                id,
                panes: Rc::new(panes),
            }),
            engine::Reply::Failed { id, message } => Some(Action::Failed { id, message }),
            engine::Reply::Progress { .. }
            | engine::Reply::Checked { .. }
            | engine::Reply::ScoreRow { .. }
            | engine::Reply::Scored { .. }
            | engine::Reply::Drilled { .. }
            | engine::Reply::Lesson { .. } => None,
        }
    }
}

/// Where the cursor goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seek {
    /// Before the first call.
    First,
    /// One call back.
    Back,
    /// One call on.
    Forward,
    /// After the last call.
    Last,
    /// After exactly this many calls.
    To(usize),
}

impl Playground {
    /// Nothing shown yet, with this code and setup.
    fn blank(source: String, example: Option<&'static str>, setup: Setup) -> Playground {
        Playground {
            source,
            example,
            panes: Vec::new(),
            cursor: 0,
            inspected: None,
            notice: None,
            setup,
            overrides: crate::setup::Setups::new(),
            map: MapView::default(),
            trace: None,
            running: None,
            failure: None,
        }
    }

    /// The playground with an example loaded on `kinds` (or the
    /// strategies it asks for), its run asked for.
    pub fn new(example: &'static str, kinds: &[StrategyKind]) -> Playground {
        let mut p = Playground::blank(String::new(), None, Setup::default());
        p.load(example, kinds);
        p
    }

    /// Loads an example with what it asks to be shown with (its heap, its
    /// strategies, the call to open at: see [`examples::shown`]). An
    /// example that names no heap gets the default one back if the last
    /// example had its own.
    fn load(&mut self, name: &'static str, kinds: &[StrategyKind]) -> bool {
        let Some(source) = examples::example(name) else {
            return false;
        };
        let shown = examples::shown(source).unwrap_or_default();
        let had_own_heap = self
            .example
            .and_then(examples::example)
            .is_some_and(|s| examples::shown(s).is_ok_and(|s| s.heap.is_some()));
        match shown.heap {
            Some(heap) => {
                self.setup.heap = heap;
                self.overrides.clear();
            }
            None if had_own_heap => {
                self.setup.heap = HEAP_SIZE;
                self.overrides.clear();
            }
            None => {}
        }
        self.trace = None;
        self.source = source.to_string();
        self.example = Some(name);
        let kinds = if shown.strategies.is_empty() {
            kinds.to_vec()
        } else {
            shown.strategies
        };
        self.rerun(&kinds, shown.step.map_or(After::Start, After::At));
        true
    }

    /// `source` on `kinds`, each with `setup`, the cursor after `cursor`
    /// calls (`None`: at the end): a lesson's scenario block.
    pub fn with_source(
        source: &str,
        kinds: &[StrategyKind],
        setup: Setup,
        cursor: Option<usize>,
    ) -> Playground {
        let mut p = Playground::blank(source.to_string(), None, setup);
        p.rerun(kinds, cursor.map_or(After::End, After::At));
        p
    }

    /// The state a share link describes.
    pub fn from_shared(shared: &crate::share::Shared) -> Playground {
        let mut p = Playground::blank(shared.source.clone(), None, Setup::default());
        // The first pane's setup is the shared one; a pane that reads it
        // differently has its own.
        p.setup = shared
            .setups
            .first()
            .map_or_else(Setup::default, |(k, s)| Setup::default().with_own(*k, s));
        p.overrides = shared
            .setups
            .iter()
            .filter(|(k, s)| *s != Setup::for_kind(*k, &p.setup))
            .cloned()
            .collect();
        p.example = alloc_sim::scenario::examples::all()
            .find(|(_, s)| *s == p.source)
            .map(|(n, _)| *n);
        p.rerun(&shared.kinds(), After::At(shared.cursor));
        p
    }

    /// What a share link of this state holds.
    pub fn shared(&self) -> crate::share::Shared {
        crate::share::Shared {
            source: self.source.clone(),
            // The program's own allocator's pane comes with its code.
            setups: self
                .kinds()
                .into_iter()
                .filter(|k| *k != StrategyKind::Yours)
                .map(|k| (k, Setup::for_kind(k, &self.setup_of(k))))
                .collect(),
            cursor: self.cursor,
        }
    }

    /// The most calls any pane's run made: the end of the scrubber.
    pub fn steps(&self) -> usize {
        self.panes
            .iter()
            .map(|p| p.run.calls.len())
            .max()
            .unwrap_or(0)
    }

    /// The strategies shown.
    pub fn kinds(&self) -> Vec<StrategyKind> {
        self.panes.iter().map(|p| p.kind).collect()
    }

    /// Asks for the scenario (or the trace shown) to run again on `kinds`,
    /// each with its setup. The panes of strategies still shown stay until
    /// the runs arrive; a new strategy's pane shows its empty heap.
    fn rerun(&mut self, kinds: &[StrategyKind], cursor: After) {
        // A trace replayed again starts over, as when it was opened.
        let cursor = if self.trace.is_some() {
            After::Start
        } else {
            cursor
        };
        self.rerun_on(kinds, cursor, self.trace.clone());
    }

    fn rerun_on(&mut self, kinds: &[StrategyKind], cursor: After, trace: Option<Rc<LoadedTrace>>) {
        // In the registry's order, as the panes are.
        let kinds: Vec<StrategyKind> = StrategyKind::ALL
            .into_iter()
            .filter(|k| kinds.contains(k))
            .collect();
        let panes = kinds
            .iter()
            .map(|&kind| {
                let setup = self.setup_of(kind);
                PaneSetup {
                    kind,
                    heap: setup.heap,
                    settings: setup.settings,
                }
            })
            .collect();
        let work = match &trace {
            // The program in the editor replays the trace too, in a pane
            // of its own, when it has an allocator over its own heap.
            Some(trace) => Work::Trace {
                text: trace.text.clone(),
                program: Some(self.source.clone()),
            },
            None => Work::Scenario {
                source: self.source.clone(),
                max_steps: MAX_STEPS,
            },
        };
        let old = std::mem::take(&mut self.panes);
        // The program's own allocator's pane, which the engine adds when
        // the code has one, stays in front until the runs arrive.
        let yours = old
            .iter()
            .find(|p| p.kind == StrategyKind::Yours && trace.is_none())
            .cloned();
        self.panes = yours
            .into_iter()
            .chain(kinds.iter().map(|&kind| {
                old.iter()
                    .find(|p| p.kind == kind)
                    .cloned()
                    .unwrap_or_else(|| Pane::waiting(kind, &self.setup_of(kind)))
            }))
            .collect();
        self.running = Some(Running {
            job: Rc::new(Job {
                id: next_id(),
                work,
                panes,
            }),
            cursor,
            trace,
            note: None,
        });
    }

    /// Grows the heaps too small for `trace`'s peak to the smallest size
    /// in the menu that holds twice it (room for each allocator's rounding,
    /// headers and fragmentation), and says so; heaps big enough stay.
    fn fit_heap_to(&mut self, trace: &LoadedTrace) -> Option<String> {
        let peak = trace.outline.peak_live;
        let room = peak.saturating_mul(2);
        let fits = |heap: u64| heap >= room;
        let grown = HEAP_SIZES
            .iter()
            .copied()
            .find(|&h| fits(h))
            .unwrap_or(HEAP_SIZES[HEAP_SIZES.len() - 1]);
        let mut changed = false;
        if !fits(self.setup.heap) && grown > self.setup.heap {
            self.setup.heap = grown;
            changed = true;
        }
        for kind in self.kinds() {
            if let Some(own) = self
                .overrides
                .get(&kind)
                .filter(|s| !fits(s.heap) && grown > s.heap)
            {
                let own = Setup {
                    heap: grown,
                    ..own.clone()
                };
                self.overrides.insert(kind, own);
                changed = true;
            }
        }
        let about = alloc_sim::units::About(peak);
        changed.then(|| {
            format!(
                "{} holds up to {about} live at once, so it was opened on a {} heap (room for each allocator's own overhead); pick another size under Heap.",
                trace.name,
                alloc_sim::units::Bytes(grown)
            )
        })
    }

    /// The runs of the job running arrived.
    fn ran(&mut self, finished: Vec<Finished>) {
        let Some(running) = self.running.take() else {
            return;
        };
        self.panes = finished.into_iter().map(Pane::finished).collect();
        self.failure = None;
        if let Some(trace) = running.trace {
            // A trace longer than the page keeps for stepping was replayed
            // to its end: its panes have no calls to step through.
            let at_end = trace.outline.ops > 0
                && self
                    .panes
                    .iter()
                    .any(|p| p.run.calls.is_empty() && p.run.timeline.is_none());
            let why = at_end.then(|| {
                format!(
                    "{} has {} ops: more than the page keeps for stepping ({} calls over every pane), so it was replayed to its end and is shown there, without stepping; `alloc-sim ops {} --summary` gives the same numbers.",
                    trace.name,
                    trace.outline.ops,
                    engine::STEPPED_CALLS,
                    trace.name
                )
            });
            self.notice = match (running.note, why) {
                (Some(note), Some(why)) => Some(format!("{note} {why}")),
                (note, why) => note.or(why),
            };
            self.trace = Some(trace);
            self.example = None;
        }
        self.cursor = match running.cursor {
            After::Start => 0,
            After::End => self.steps(),
            After::Keep => self.cursor.min(self.steps()),
            After::At(n) => n.min(self.steps()),
        };
    }

    fn rebuild(&mut self) {
        for pane in &mut self.panes {
            pane.seek(self.cursor);
        }
    }

    /// The setup `kind` runs with: its own, or the shared one.
    pub fn setup_of(&self, kind: StrategyKind) -> Setup {
        self.overrides
            .get(&kind)
            .cloned()
            .unwrap_or_else(|| self.setup.clone())
    }

    /// The first error or abort of any pane, to show as a banner.
    pub fn problem(&self) -> Option<(StrategyKind, Outcome)> {
        self.panes.iter().find_map(|p| match &p.run.outcome {
            Outcome::Ok | Outcome::Stopped => None,
            other => Some((p.kind, other.clone())),
        })
    }
}

/// For tests and tools, a job worked on the spot (the page's own build
/// never calls this, so the engine's code stays out of it).
impl Playground {
    /// The state once the engine has answered the job running (and any
    /// job that answer asks for), applied as the page's runner applies it.
    pub fn settled(state: Rc<Playground>) -> Rc<Playground> {
        let mut state = state;
        while let Some(running) = state.running.clone() {
            let reply = engine::work(&running.job, &mut |_| {});
            let action = Action::of_reply(reply).expect("a run's answer is runs or a failure");
            state = state.reduce(action);
        }
        state
    }
}

impl Default for Playground {
    fn default() -> Playground {
        Playground::new("vec_growth.rs", &[StrategyKind::FirstFit])
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(source) if source == self.source => return self,
            Action::Edit(source) => {
                next.trace = None;
                next.source = source;
                next.example = None;
                next.rerun(&self.kinds(), After::End);
            }
            Action::Load(name) => {
                if !next.load(name, &self.kinds()) {
                    return self;
                }
            }
            Action::Toggle(kind) => {
                let mut kinds = self.kinds();
                if kinds.contains(&kind) {
                    // One built-in strategy at least stays.
                    if kinds.iter().filter(|k| **k != StrategyKind::Yours).count() == 1 {
                        return self;
                    }
                    kinds.retain(|k| *k != kind);
                } else {
                    if kinds.len() >= MAX_PANES {
                        return self;
                    }
                    kinds.push(kind);
                }
                next.rerun(&kinds, After::Keep);
            }
            Action::Swap(from, to) => {
                let mut kinds = self.kinds();
                if !kinds.contains(&from) || kinds.contains(&to) {
                    return self;
                }
                kinds.retain(|k| *k != from);
                kinds.push(to);
                if let Some(own) = next.overrides.remove(&from) {
                    next.overrides.insert(to, own);
                }
                if next.inspected.is_some_and(|(k, _)| k == from) {
                    next.inspected = None;
                }
                next.rerun(&kinds, After::Keep);
            }
            Action::Only(kind) if self.kinds() == [kind] => return self,
            Action::Only(kind) => next.rerun(&[kind], After::Keep),
            Action::Map(map) if map == self.map => return self,
            Action::Map(map) => {
                next.map = map;
                return Rc::new(next);
            }
            Action::ConfigureOne(kind, setup) => {
                let same =
                    Setup::for_kind(kind, &setup) == Setup::for_kind(kind, &self.setup_of(kind));
                if !setup.fits(&[kind]) || same {
                    return self;
                }
                next.overrides.insert(kind, setup);
                next.inspected = None;
                next.rerun(&self.kinds(), After::Keep);
            }
            Action::Configure(setup) if setup == self.setup && self.overrides.is_empty() => {
                return self
            }
            Action::Configure(setup) => {
                if !setup.fits(&StrategyKind::ALL) {
                    return self;
                }
                next.setup = setup;
                next.overrides.clear();
                next.inspected = None;
                next.rerun(&self.kinds(), After::Keep);
            }
            Action::OpenTrace(trace) => {
                next.inspected = None;
                let note = next.fit_heap_to(&trace);
                next.rerun_on(&self.kinds(), After::Start, Some(trace));
                if let Some(running) = &mut next.running {
                    running.note = note;
                }
            }
            Action::Ran { id, .. } | Action::Failed { id, .. }
                if self.running.as_ref().is_none_or(|r| r.job.id != id) =>
            {
                // The answer to a job since replaced or cancelled.
                return self;
            }
            Action::Ran { panes, .. } => {
                // Moved, not copied, when the action is the only holder.
                next.ran(Rc::try_unwrap(panes).unwrap_or_else(|shared| (*shared).clone()));
                if next
                    .inspected
                    .is_some_and(|(k, _)| !next.kinds().contains(&k))
                {
                    next.inspected = None;
                }
            }
            Action::Failed { message, .. } => match next.running.take().and_then(|r| r.trace) {
                Some(t) if next.trace.as_ref() != Some(&t) => {
                    next.notice = Some(format!(
                        "{}:{message} The trace was not opened; what was shown before is kept.",
                        t.name
                    ));
                }
                _ => next.failure = Some(message),
            },
            Action::Cancel if self.running.is_none() => return self,
            Action::Cancel => {
                next.running = None;
            }
            Action::CloseTrace if self.trace.is_none() => return self,
            Action::CloseTrace => {
                next.trace = None;
                next.rerun(&self.kinds(), After::End);
            }
            Action::Notice(text) => {
                next.notice = Some(text);
                return Rc::new(next);
            }
            Action::Inspect(what) if what == self.inspected => return self,
            Action::Inspect(what) => {
                next.inspected = what;
                return Rc::new(next);
            }
            Action::Seek(seek) => {
                let to = match seek {
                    Seek::First => 0,
                    Seek::Back => self.cursor.saturating_sub(1),
                    Seek::Forward => (self.cursor + 1).min(self.steps()),
                    Seek::Last => self.steps(),
                    Seek::To(n) => n.min(self.steps()),
                };
                if to == self.cursor {
                    return self;
                }
                next.cursor = to;
            }
        }
        next.rebuild();
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc_sim::scenario::{self, Limits};

    fn jemalloc_settings(pairs: &[(&str, &str)]) -> alloc_sim::Settings {
        let mut settings = alloc_sim::Settings::new();
        for (key, value) in pairs {
            let spec = StrategyKind::Jemalloc.setting(key).unwrap();
            settings.parse(spec, value).unwrap();
        }
        settings
    }

    fn settle(state: Rc<Playground>) -> Rc<Playground> {
        Playground::settled(state)
    }

    fn reduce(state: Rc<Playground>, action: Action) -> Rc<Playground> {
        settle(state.reduce(action))
    }

    fn start() -> Rc<Playground> {
        settle(Rc::new(Playground::default()))
    }

    #[test]
    fn a_run_is_asked_of_the_engine_and_its_answer_shown_once() {
        let asked = Rc::new(Playground::default());
        let running = asked
            .running
            .clone()
            .expect("the example's run is asked for");
        // Until it arrives, the pane shows its strategy's empty heap.
        assert_eq!(asked.kinds(), vec![StrategyKind::FirstFit]);
        assert_eq!(
            (asked.steps(), asked.panes[0].at_cursor.len()),
            (0, HEAP_SIZE)
        );
        let reply = engine::work(&running.job, &mut |_| {});
        let answer = Action::of_reply(reply).unwrap();
        let shown = asked.clone().reduce(answer.clone());
        assert!(shown.running.is_none());
        // At the call the example asks to open at.
        let step = examples::shown(&shown.source).unwrap().step;
        assert_eq!(Some(shown.cursor), step);
        assert!(shown.steps() > shown.cursor);
        // An answer to a job no longer running changes nothing.
        assert!(Rc::ptr_eq(&shown, &shown.clone().reduce(answer.clone())));
        let edited = shown.clone().reduce(Action::Edit("fn main() {}".into()));
        assert!(Rc::ptr_eq(&edited, &edited.clone().reduce(answer)));
        assert_eq!(
            edited.panes, shown.panes,
            "the panes stay until the new runs arrive"
        );
        // Cancelling keeps what is shown; the engine stopping says so.
        let cancelled = edited.clone().reduce(Action::Cancel);
        assert!(cancelled.running.is_none());
        assert_eq!(cancelled.panes, shown.panes);
        let id = edited.running.as_ref().unwrap().job.id;
        let stopped = edited.reduce(Action::Failed {
            id,
            message: "The engine stopped".into(),
        });
        assert_eq!(stopped.failure.as_deref(), Some("The engine stopped"));
        let again = reduce(
            stopped,
            Action::Edit("fn main() { let b = Box::new(1); }".into()),
        );
        assert_eq!(again.failure, None);
    }

    #[test]
    fn loading_an_example_runs_it_and_puts_the_cursor_at_the_start() {
        let s = reduce(start(), Action::Load("box.rs"));
        assert_eq!(s.example, Some("box.rs"));
        assert_eq!(s.cursor, 0);
        assert!(s.steps() > 0);
        assert_eq!(s.panes[0].metrics().allocs, 0);
    }

    #[test]
    fn an_example_opens_with_the_heap_strategies_and_step_it_asks_for() {
        // The page opens on the Vec example at its first realloc.
        let s = start();
        let c = s.cursor;
        assert_eq!(s.panes[0].run.calls[c - 1].op, alloc_sim::CallOp::Realloc);
        assert!(s.panes[0].run.calls[..c - 1]
            .iter()
            .all(|c| c.op != alloc_sim::CallOp::Realloc));
        // Fragmentation wants first fit on 1 KiB, where it aborts; the
        // next example without a heap of its own gets the default back.
        let s = reduce(s, Action::Toggle(StrategyKind::Jemalloc));
        let f = reduce(s, Action::Load("fragmentation.rs"));
        assert_eq!(
            (f.kinds(), f.setup.heap),
            (vec![StrategyKind::FirstFit], 1024)
        );
        assert!(matches!(f.problem(), Some((_, Outcome::Abort { .. }))));
        let b = reduce(f, Action::Load("box.rs"));
        assert_eq!((b.setup.heap, b.cursor), (HEAP_SIZE, 0));
        // A heap the learner chose stays for examples that name none.
        let big = reduce(
            b,
            Action::Configure(Setup {
                heap: 1 << 20,
                ..Setup::default()
            }),
        );
        let v = reduce(big, Action::Load("string_growth.rs"));
        assert_eq!(v.setup.heap, 1 << 20);
    }

    #[test]
    fn seeking_rebuilds_the_heap_as_it_was_after_that_call() {
        let s = reduce(start(), Action::Load("vec_growth.rs"));
        // The runtime's two calls come first, before `main`.
        let run = s.panes[0].run.clone();
        let runtime: u64 = run.calls[..2].iter().map(|c| c.layout.size).sum();
        let rt = reduce(s.clone(), Action::Seek(Seek::To(2)));
        assert_eq!(rt.panes[0].metrics().live_bytes, runtime);
        let one = reduce(rt, Action::Seek(Seek::Forward));
        assert_eq!(one.cursor, 3);
        assert_eq!(one.panes[0].metrics().live_bytes, runtime + 16);
        let two = reduce(one, Action::Seek(Seek::Forward));
        assert_eq!(two.panes[0].metrics().live_bytes, runtime + 32);
        let back = reduce(two, Action::Seek(Seek::Back));
        assert_eq!(back.panes[0].metrics().live_bytes, runtime + 16);
        let end = reduce(back, Action::Seek(Seek::Last));
        assert_eq!(end.cursor, end.steps());
        // What stays is what the program didn't write: the runtime's
        // blocks and stdout's buffer.
        let never_freed: u64 = run
            .calls
            .iter()
            .filter(|c| c.implicit)
            .map(|c| c.layout.size)
            .sum();
        assert_eq!(end.panes[0].metrics().live_bytes, never_freed);
        // Seeking where the cursor already is changes nothing.
        assert!(Rc::ptr_eq(
            &end,
            &reduce(end.clone(), Action::Seek(Seek::Forward))
        ));
    }

    #[test]
    fn side_by_side_keeps_one_to_four_strategies_in_a_fixed_order() {
        let mut s = start();
        for kind in [
            StrategyKind::Jemalloc,
            StrategyKind::Bump,
            StrategyKind::SizeClass,
            StrategyKind::FirstFitHeaders,
        ] {
            s = reduce(s, Action::Toggle(kind));
        }
        assert_eq!(
            s.kinds(),
            vec![
                StrategyKind::Bump,
                StrategyKind::FirstFit,
                StrategyKind::SizeClass,
                StrategyKind::Jemalloc
            ]
        );
        let only = reduce(s, Action::Only(StrategyKind::Bump));
        assert_eq!(only.kinds(), vec![StrategyKind::Bump]);
        assert!(Rc::ptr_eq(
            &only,
            &reduce(only.clone(), Action::Toggle(StrategyKind::Bump))
        ));
    }

    #[test]
    fn first_fit_swaps_to_its_variant_with_headers_and_back() {
        let s = start();
        let headers = reduce(
            s.clone(),
            Action::Swap(StrategyKind::FirstFit, StrategyKind::FirstFitHeaders),
        );
        assert_eq!(headers.kinds(), vec![StrategyKind::FirstFitHeaders]);
        // With headers, the first block starts after its chunk's header.
        let first = |p: &Playground| p.panes[0].run.calls[0].addr.unwrap();
        assert!(first(&headers) > first(&s));
        let back = reduce(
            headers,
            Action::Swap(StrategyKind::FirstFitHeaders, StrategyKind::FirstFit),
        );
        assert_eq!(back.kinds(), s.kinds());
        assert_eq!(back.panes[0].run, s.panes[0].run);
        // Not when the variant is already beside it.
        let both = reduce(back, Action::Toggle(StrategyKind::FirstFitHeaders));
        assert!(Rc::ptr_eq(
            &both,
            &reduce(
                both.clone(),
                Action::Swap(StrategyKind::FirstFit, StrategyKind::FirstFitHeaders)
            )
        ));
    }

    #[test]
    fn seeking_a_long_run_gives_the_heap_of_a_run_stopped_there() {
        let source = "fn main() { let mut v: Vec<u32> = Vec::new(); for i in 0..200u32 { let b = Box::new(i); v.push(i); } }";
        let s = reduce(start(), Action::Edit(source.into()));
        assert!(s.steps() > 400, "{:?}", s.panes[0].run.outcome);
        let mut at = s;
        for to in [300, 3, 250, 251, 129, 128, 0, 399] {
            at = reduce(at, Action::Seek(Seek::To(to)));
            let setup = PaneSetup {
                kind: StrategyKind::FirstFit,
                heap: at.setup.heap,
                settings: at.setup.settings.clone(),
            };
            let mut sim = setup.simulation();
            let limits = Limits {
                stop_after_calls: Some(to),
                ..Limits::default()
            };
            scenario::run(source, &mut sim, limits);
            assert!(*at.panes[0].at_cursor == *sim.heap(), "at call {to}");
            assert_eq!(at.panes[0].metrics(), sim.metrics(), "at call {to}");
        }
    }

    #[test]
    fn a_trace_read_in_slices_is_the_trace_read_whole() {
        let long = alloc_sim::traces::to_rep(&alloc_sim::ops::random_program(3, 2000, 100));
        let texts = [
            long.as_str(),
            "# é ünïcode comments\na 0 16\r\nf 0\r\n",
            "a 0 16\nf 0",
            "a 0 16\nq 1\n",
            "# only a comment\n",
            "",
        ];
        for text in texts {
            let whole = LoadedTrace::parse("t.rep", text.into());
            for bytes in [1, 5, 64, 4096] {
                let mut reading = TraceReading::new("t.rep", text.into());
                let mut steps = 0;
                let read = loop {
                    steps += 1;
                    if let Some(read) = reading.step(bytes) {
                        break read;
                    }
                    assert!(reading.done() < 1.0 || text.is_empty());
                };
                match (&whole, &read) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!(
                            (&a.line_starts, &a.outline, &*a.text),
                            (&b.line_starts, &b.outline, &*b.text),
                            "{text:?} in slices of {bytes}"
                        );
                    }
                    (a, b) => assert_eq!(a.as_ref().err(), b.as_ref().err()),
                }
                // A slice ends at a line's end: one step a line or fewer.
                assert!(steps <= text.lines().count().max(1) + 1, "{steps}");
            }
        }
    }

    #[test]
    fn a_file_that_is_not_utf8_says_where_in_any_slicing() {
        let cases: [(&[u8], &str); 3] = [
            (
                b"a 0 16\n# \xc3\xa9t\xe9\na 1 8\nf 0\nf 1\n",
                "2:5: byte 0xe9 is not text",
            ),
            (b"\xff", "1:1: byte 0xff is not text"),
            (b"a 0 16\nf 0\n# ok\n# \xc3\n", "4:3: byte 0xc3 is not text"),
        ];
        for (bytes, said) in cases {
            for slice in [1, 3, 64, usize::MAX] {
                let mut reading = TraceReading::new("x.rep", bytes.to_vec());
                let e = loop {
                    if let Some(read) = reading.step(slice) {
                        break read.unwrap_err();
                    }
                };
                assert_eq!(
                    e,
                    format!("x.rep:{said} (a trace is UTF-8 text)"),
                    "in slices of {slice}"
                );
            }
        }
    }

    #[test]
    fn a_trace_replaces_the_scenario_and_strategies_rerun_on_it() {
        let text = "2\n4\na 0 24\na 1 100\nf 0\nr 1 300\n".to_string();
        let trace = Rc::new(LoadedTrace::parse("t.rep", text.into()).unwrap());
        assert_eq!(
            trace.lines(3, 5).collect::<Vec<_>>(),
            vec![(3, "a 0 24"), (4, "a 1 100")]
        );
        let s = reduce(start(), Action::Toggle(StrategyKind::ImplicitList));
        let asked = s.clone().reduce(Action::OpenTrace(trace.clone()));
        assert!(asked.trace.is_none(), "the trace shows once it is replayed");
        assert_eq!(
            asked.panes, s.panes,
            "the panes stay until the replay is done"
        );
        let t = settle(asked);
        assert_eq!(t.trace, Some(trace.clone()));
        assert_eq!(t.steps(), 4);
        assert_eq!(t.cursor, 0);
        // The implicit list scores as malloc lab's driver does.
        let end = reduce(t.clone(), Action::Seek(Seek::Last));
        let m = end.panes[1].metrics();
        assert_eq!(m.peak_live_bytes, 300);
        assert!(m.peak_utilisation() > 0.0);
        // Adding a strategy asks for the trace to be replayed on it too.
        let asked = end.reduce(Action::Toggle(StrategyKind::Jemalloc));
        assert!(matches!(
            &asked.running.as_ref().unwrap().job.work,
            Work::Trace { text, .. } if Rc::ptr_eq(text, &trace.text)
        ));
        let three = settle(asked);
        assert_eq!(three.panes.len(), 3);
        assert!(three.panes.iter().all(|p| p.run.calls.len() == 4));
        // A bad file is refused with its line, and loading an example
        // leaves trace mode.
        let bad = LoadedTrace::parse("bad.rep", "a 0 24\nf x\n".into()).unwrap_err();
        assert_eq!(
            bad,
            "bad.rep:2:3: expected an id (a whole number), found `x`"
        );
        let back = reduce(three, Action::Load("box.rs"));
        assert!(back.trace.is_none());
    }

    #[test]
    fn a_trace_longer_than_the_page_keeps_is_shown_at_its_end_and_says_why() {
        // Two panes of a trace just past the limit between them.
        let ops = engine::STEPPED_CALLS / 2 + 1;
        let list = alloc_sim::ops::random_program(3, ops, 100);
        let text = alloc_sim::traces::to_rep(&list);
        let trace = Rc::new(LoadedTrace::parse("long.rep", text.into()).unwrap());
        let s = reduce(start(), Action::Toggle(StrategyKind::Buddy));
        let t = reduce(s, Action::OpenTrace(trace));
        assert_eq!(t.panes.len(), 2);
        assert!(t.panes.iter().all(|p| p.run.calls.is_empty()));
        assert!(t.panes.iter().all(|p| p.metrics().allocs > 0));
        let notice = t.notice.as_deref().unwrap();
        assert!(
            notice.contains(&format!(
                "long.rep has {ops} ops: more than the page keeps for stepping"
            )),
            "{notice}"
        );
        // The same trace on one pane is within the limit: every call kept.
        let one = reduce(t, Action::Toggle(StrategyKind::Buddy));
        assert_eq!(one.panes.len(), 1);
        assert_eq!(one.panes[0].run.calls.len(), ops);
    }

    #[test]
    fn a_trace_too_big_for_the_heap_opens_on_one_that_holds_it_and_says_so() {
        // 6,000 bytes live at once: a 4 KiB heap would fail half the calls.
        let text = "a 0 3000\na 1 3000\nf 0\nf 1\n".to_string();
        let trace = Rc::new(LoadedTrace::parse("big.rep", text.into()).unwrap());
        let s = reduce(start(), Action::Toggle(StrategyKind::Jemalloc));
        let own = Setup {
            heap: 8192,
            ..s.setup_of(StrategyKind::Jemalloc)
        };
        let s = reduce(s, Action::ConfigureOne(StrategyKind::Jemalloc, own));
        let t = reduce(s, Action::OpenTrace(trace));
        // Twice the peak, in the menu: 16 KiB, for every pane.
        assert_eq!(t.setup.heap, 16 << 10);
        assert!(t.panes.iter().all(|p| p.at_cursor.len() == 16 << 10));
        assert_eq!(
            t.notice.as_deref(),
            Some("big.rep holds up to 5.9 KiB live at once, so it was opened on a 16 KiB heap (room for each allocator's own overhead); pick another size under Heap.")
        );
        let end = reduce(t, Action::Seek(Seek::Last));
        assert!(end
            .panes
            .iter()
            .all(|p| p.run.calls.iter().all(|c| c.error.is_none())));
        // A heap that holds it already is kept, without a word.
        let big = Setup {
            heap: 1 << 20,
            ..Setup::default()
        };
        let small = Rc::new(LoadedTrace::parse("small.rep", "a 0 16\nf 0\n".into()).unwrap());
        let kept = reduce(
            reduce(start(), Action::Configure(big)),
            Action::OpenTrace(small),
        );
        assert_eq!((kept.setup.heap, kept.notice.clone()), (1 << 20, None));
    }

    #[test]
    fn inspecting_a_byte_keeps_the_run_and_the_cursor() {
        let s = start();
        let pick = Some((StrategyKind::FirstFit, alloc_sim::Addr(0x1004)));
        let i = reduce(s.clone(), Action::Inspect(pick));
        assert_eq!(i.inspected, pick);
        assert_eq!((i.cursor, i.steps()), (s.cursor, s.steps()));
        assert!(Rc::ptr_eq(&i, &reduce(i.clone(), Action::Inspect(pick))));
    }

    #[test]
    fn a_bigger_heap_and_other_settings_rerun_every_pane() {
        let s = reduce(start(), Action::Toggle(StrategyKind::Jemalloc));
        let setup = Setup {
            heap: 1 << 20,
            settings: jemalloc_settings(&[("page-size", "4096"), ("tcache", "on")]),
        };
        let big = reduce(s, Action::Configure(setup.clone()));
        assert_eq!(big.setup, setup);
        assert!(big.panes.iter().all(|p| p.at_cursor.len() == 1 << 20));
        // Settings no strategy accepts are refused, and nothing changes.
        let bad = Setup {
            heap: 100,
            ..Setup::default()
        };
        assert!(Rc::ptr_eq(
            &big,
            &reduce(big.clone(), Action::Configure(bad))
        ));
    }

    #[test]
    fn one_strategy_can_have_its_own_settings() {
        let s = reduce(start(), Action::Toggle(StrategyKind::Jemalloc));
        let own = Setup {
            heap: 65536,
            settings: jemalloc_settings(&[("page-size", "4096"), ("tcache", "on")]),
        };
        let t = reduce(
            s.clone(),
            Action::ConfigureOne(StrategyKind::Jemalloc, own.clone()),
        );
        assert_eq!(t.setup_of(StrategyKind::Jemalloc), own);
        assert_eq!(t.setup_of(StrategyKind::FirstFit), s.setup);
        let heaps: Vec<u64> = t.panes.iter().map(|p| p.at_cursor.len()).collect();
        assert_eq!(heaps, vec![4096, 65536]);
        // Settings for all panes replace every strategy's own.
        let all = reduce(
            t,
            Action::Configure(Setup {
                heap: 1024,
                ..Setup::default()
            }),
        );
        assert!(all.panes.iter().all(|p| p.at_cursor.len() == 1024));
        // The share link keeps each strategy's setup.
        let own_link =
            reduce(s, Action::ConfigureOne(StrategyKind::Jemalloc, own.clone())).shared();
        let back = settle(Rc::new(Playground::from_shared(&own_link)));
        assert_eq!(
            Setup::for_kind(
                StrategyKind::Jemalloc,
                &back.setup_of(StrategyKind::Jemalloc)
            ),
            Setup::for_kind(StrategyKind::Jemalloc, &own)
        );
        assert_eq!(back.setup_of(StrategyKind::FirstFit).heap, 4096);
    }

    #[test]
    fn editing_reruns_and_reports_errors_with_their_place() {
        let s = reduce(start(), Action::Edit("fn main() {\n  let v = ;\n}".into()));
        assert_eq!(s.example, None);
        match s.problem() {
            Some((_, Outcome::Error(e))) => assert_eq!(e.line, 2),
            other => panic!("{other:?}"),
        }
        let same = reduce(s.clone(), Action::Edit(s.source.clone()));
        assert!(Rc::ptr_eq(&s, &same));
    }

    #[test]
    fn every_example_runs_on_every_strategy_in_the_browser_heap() {
        for (name, source) in examples::all() {
            let s = settle(Rc::new(Playground::new(name, &StrategyKind::ALL[..4])));
            // On the four, or on the strategies the example asks for; an
            // allocator of the program's own in front, in a pane of its own.
            let asked = examples::shown(source).unwrap().strategies;
            let mut kinds = if asked.is_empty() {
                StrategyKind::ALL[..4].to_vec()
            } else {
                asked
            };
            if alloc_sim::scenario::heap_array(source).is_some() {
                kinds.truncate(MAX_PANES - 1);
                kinds.insert(0, StrategyKind::Yours);
            }
            assert_eq!(s.kinds(), kinds, "{name}");
            for pane in &s.panes {
                assert!(
                    !matches!(pane.run.outcome, Outcome::Error(_)),
                    "{name} on {}: {:?}",
                    pane.kind,
                    pane.run.outcome
                );
            }
        }
    }
}
