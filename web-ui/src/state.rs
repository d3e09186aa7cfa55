//! The playground's state and every change to it, as one reducer.
//!
//! Changing the code or the strategies re-runs the scenario on each chosen
//! strategy and records its calls and its heap's [`Timeline`]; moving the
//! cursor only takes each heap as it was after that many calls from its
//! timeline, as fast backwards as forwards and without running anything
//! again. No allocator logic lives here: it all happens in `alloc-sim`.

use std::rc::Rc;

use alloc_sim::ops::OpList;
use alloc_sim::scenario::{self, examples, Limits, Outcome, Run};
use alloc_sim::{Heap, HeapConfig, Metrics, Simulation, StrategyKind, TraceRun};
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
    /// The simulation when the run ended.
    pub end: Rc<Simulation>,
    /// The heap after `cursor` calls.
    pub at_cursor: Rc<Heap>,
    /// The cursor `at_cursor` was built for.
    built_at: usize,
}

/// A trace the learner opened: its name, its text (shown beside the
/// heaps) and its ops.
#[derive(Debug)]
pub struct LoadedTrace {
    /// The file's name.
    pub name: String,
    /// The file's text.
    pub text: String,
    /// Where each line starts in `text`.
    pub line_starts: Vec<usize>,
    /// The ops.
    pub list: Rc<OpList>,
}

impl LoadedTrace {
    /// Reads a trace file; the error names the line and column.
    pub fn parse(name: &str, text: String) -> Result<LoadedTrace, String> {
        let list = alloc_sim::ops::parse(&text).map_err(|e| format!("{name}:{e}"))?;
        if list.ops.is_empty() {
            return Err(format!("{name}: the trace has no ops"));
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Ok(LoadedTrace {
            name: name.to_string(),
            text,
            line_starts,
            list: Rc::new(list),
        })
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

impl PartialEq for LoadedTrace {
    /// The same trace is the same opened file: compared by its ops' identity.
    fn eq(&self, other: &LoadedTrace) -> bool {
        Rc::ptr_eq(&self.list, &other.list)
    }
}

impl Eq for LoadedTrace {}

impl Pane {
    /// A pane for a finished replay of a trace.
    pub fn from_trace(kind: StrategyKind, replay: TraceRun) -> Pane {
        let (run, end) = replay.finish();
        Pane::finished(kind, run, end)
    }

    /// A pane at the end of a finished run.
    fn finished(kind: StrategyKind, run: Run, end: Simulation) -> Pane {
        let calls = run.calls.len();
        Pane {
            kind,
            run: Rc::new(run),
            at_cursor: Rc::new(end.heap().clone()),
            end: Rc::new(end),
            built_at: calls,
        }
    }

    /// Runs `source` on `kind`, recording every call.
    fn new(source: &str, kind: StrategyKind, setup: Setup) -> Pane {
        let mut sim = fresh(kind, &setup);
        let limits = Limits {
            max_steps: MAX_STEPS,
            stop_after_calls: None,
        };
        let run = scenario::run_recorded(source, &mut sim, limits);
        Pane::finished(kind, run, sim)
    }

    /// The metrics at the cursor.
    pub fn metrics(&self) -> Metrics {
        self.metrics_at(self.built_at)
    }

    /// The metrics after `cursor` calls.
    pub fn metrics_at(&self, cursor: usize) -> Metrics {
        match cursor.min(self.run.calls.len()) {
            n if n == self.run.calls.len() => self.end.metrics(),
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
            self.end.heap().clone()
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
    /// Bytes per cell of the heap maps; `None` fits the heap in 64 rows.
    pub zoom: Option<u64>,
    /// The trace shown instead of the scenario, if one was opened.
    pub trace: Option<Rc<LoadedTrace>>,
    /// With a trace: the strategies it must be replayed on next, because
    /// they or their settings changed. The app replays it in slices (see
    /// `trace_loader`) and sends [`Action::TraceReplayed`].
    pub pending_trace: Option<Vec<StrategyKind>>,
}

/// What the learner can do.
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
    /// Bytes per cell of the heap maps (`None`: fit the heap).
    Zoom(Option<u64>),
    /// Inspect the byte at an address in a pane (or stop inspecting).
    Inspect(Option<(StrategyKind, alloc_sim::Addr)>),
    /// A trace was replayed on these strategies, with these setups: show it.
    TraceReplayed {
        /// The trace.
        trace: Rc<LoadedTrace>,
        /// One pane per strategy.
        panes: Vec<Pane>,
        /// The setup of panes without their own.
        setup: Setup,
        /// Strategies with their own setup.
        overrides: crate::setup::Setups,
    },
    /// Tell the learner something once (a trace that would not read).
    Notice(String),
    /// Leave the trace and show the scenario again.
    CloseTrace,
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

/// A fresh simulation of `kind` with `setup` (falling back to defaults).
pub fn fresh(kind: StrategyKind, setup: &Setup) -> Simulation {
    // Settings are checked where they are chosen; fall back rather than fail.
    let strategy = kind
        .build_with(&setup.settings)
        .unwrap_or_else(|_| kind.build());
    Simulation::with_strategy(HeapConfig::new(setup.heap), strategy).unwrap_or_else(|_| {
        Simulation::new(HeapConfig::new(HEAP_SIZE), kind).expect("the default heap is valid")
    })
}

impl Playground {
    /// The playground with an example loaded on `kinds`.
    pub fn new(example: &'static str, kinds: &[StrategyKind]) -> Playground {
        let source = examples::example(example).unwrap_or_default().to_string();
        let mut p = Playground {
            source,
            example: Some(example),
            panes: Vec::new(),
            cursor: 0,
            inspected: None,
            notice: None,
            setup: Setup::default(),
            overrides: crate::setup::Setups::new(),
            zoom: None,
            trace: None,
            pending_trace: None,
        };
        p.rerun(kinds);
        p.cursor = p.steps();
        p.rebuild();
        p
    }

    /// `source` on `kinds`, each with `setup`, the cursor after `cursor`
    /// calls (`None`: at the end): a lesson's scenario block.
    pub fn with_source(
        source: &str,
        kinds: &[StrategyKind],
        setup: Setup,
        cursor: Option<usize>,
    ) -> Playground {
        let mut p = Playground {
            source: source.to_string(),
            example: None,
            panes: Vec::new(),
            cursor: 0,
            inspected: None,
            notice: None,
            setup,
            overrides: crate::setup::Setups::new(),
            zoom: None,
            trace: None,
            pending_trace: None,
        };
        p.rerun(kinds);
        p.cursor = cursor.unwrap_or(usize::MAX).min(p.steps());
        p.rebuild();
        p
    }

    /// The state a share link describes.
    pub fn from_shared(shared: &crate::share::Shared) -> Playground {
        let mut p = Playground::new("vec_growth.rs", &shared.kinds());
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
        p.source = shared.source.clone();
        p.example = alloc_sim::scenario::examples::EXAMPLES
            .iter()
            .find(|(_, s)| *s == p.source)
            .map(|(n, _)| *n);
        p.rerun(&shared.kinds());
        p.cursor = shared.cursor.min(p.steps());
        p.rebuild();
        p
    }

    /// What a share link of this state holds.
    pub fn shared(&self) -> crate::share::Shared {
        crate::share::Shared {
            source: self.source.clone(),
            setups: self
                .kinds()
                .into_iter()
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

    fn rerun(&mut self, kinds: &[StrategyKind]) {
        if self.trace.is_some() {
            // Replaying a trace can take seconds: ask for it, keep the
            // panes shown until it is done.
            // In the registry's order, as the panes are.
            let kinds = StrategyKind::ALL
                .into_iter()
                .filter(|k| kinds.contains(k))
                .collect();
            self.pending_trace = Some(kinds);
            return;
        }
        self.panes = StrategyKind::ALL
            .into_iter()
            .filter(|k| kinds.contains(k))
            .map(|kind| Pane::new(&self.source, kind, self.setup_of(kind)))
            .collect();
        self.cursor = self.cursor.min(self.steps());
    }

    fn rebuild(&mut self) {
        for pane in &mut self.panes {
            pane.seek(self.cursor);
        }
    }

    /// A replay of `list` on `kind` with `setup`, not yet run.
    pub fn start_replay(kind: StrategyKind, setup: Setup, list: Rc<OpList>) -> TraceRun {
        TraceRun::new(list, fresh(kind, &setup))
    }

    /// The pending trace replay done at once, as the action the app's
    /// loader would send when it finishes (for tests, and small traces).
    pub fn replay_pending(&self) -> Option<Action> {
        let trace = self.trace.clone()?;
        let kinds = self.pending_trace.clone()?;
        let panes = kinds
            .into_iter()
            .map(|kind| {
                let mut replay =
                    Playground::start_replay(kind, self.setup_of(kind), trace.list.clone());
                let _ = replay.advance(usize::MAX);
                Pane::from_trace(kind, replay)
            })
            .collect();
        Some(Action::TraceReplayed {
            trace,
            panes,
            setup: self.setup.clone(),
            overrides: self.overrides.clone(),
        })
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
                next.pending_trace = None;
                next.source = source;
                next.example = None;
                next.rerun(&self.kinds());
                next.cursor = next.steps();
            }
            Action::Load(name) => {
                let Some(source) = examples::example(name) else {
                    return self;
                };
                next.trace = None;
                next.pending_trace = None;
                next.source = source.to_string();
                next.example = Some(name);
                next.rerun(&self.kinds());
                next.cursor = 0;
            }
            Action::Toggle(kind) => {
                let mut kinds = self.kinds();
                if kinds.contains(&kind) {
                    if kinds.len() == 1 {
                        return self;
                    }
                    kinds.retain(|k| *k != kind);
                } else {
                    if kinds.len() >= MAX_PANES {
                        return self;
                    }
                    kinds.push(kind);
                }
                next.rerun(&kinds);
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
                next.rerun(&kinds);
            }
            Action::Only(kind) if self.kinds() == [kind] => return self,
            Action::Only(kind) => next.rerun(&[kind]),
            Action::Zoom(zoom) if zoom == self.zoom => return self,
            Action::Zoom(zoom) => {
                next.zoom = zoom;
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
                next.rerun(&self.kinds());
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
                next.rerun(&self.kinds());
            }
            Action::TraceReplayed {
                trace,
                panes,
                setup,
                overrides,
            } => {
                next.trace = Some(trace);
                next.pending_trace = None;
                next.example = None;
                next.panes = panes;
                next.setup = setup;
                next.overrides = overrides;
                next.inspected = None;
                next.notice = None;
                next.cursor = 0;
            }
            Action::CloseTrace if self.trace.is_none() => return self,
            Action::CloseTrace => {
                next.trace = None;
                next.pending_trace = None;
                next.rerun(&self.kinds());
                next.cursor = next.steps();
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

    fn jemalloc_settings(pairs: &[(&str, &str)]) -> alloc_sim::Settings {
        let mut settings = alloc_sim::Settings::new();
        for (key, value) in pairs {
            let spec = StrategyKind::Jemalloc.setting(key).unwrap();
            settings.parse(spec, value).unwrap();
        }
        settings
    }

    fn reduce(state: Rc<Playground>, action: Action) -> Rc<Playground> {
        state.reduce(action)
    }

    #[test]
    fn loading_an_example_runs_it_and_puts_the_cursor_at_the_start() {
        let s = reduce(Rc::new(Playground::default()), Action::Load("box.rs"));
        assert_eq!(s.example, Some("box.rs"));
        assert_eq!(s.cursor, 0);
        assert!(s.steps() > 0);
        assert_eq!(s.panes[0].metrics().allocs, 0);
    }

    #[test]
    fn seeking_rebuilds_the_heap_as_it_was_after_that_call() {
        let s = reduce(
            Rc::new(Playground::default()),
            Action::Load("vec_growth.rs"),
        );
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
        let mut s = Rc::new(Playground::default());
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
        let s = Rc::new(Playground::default());
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
        let s = reduce(Rc::new(Playground::default()), Action::Edit(source.into()));
        assert!(s.steps() > 400, "{:?}", s.panes[0].run.outcome);
        let mut at = s;
        for to in [300, 3, 250, 251, 129, 128, 0, 399] {
            at = reduce(at, Action::Seek(Seek::To(to)));
            let mut sim = fresh(StrategyKind::FirstFit, &at.setup);
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
    fn a_trace_replaces_the_scenario_and_strategies_rerun_on_it() {
        let text = "2\n4\na 0 24\na 1 100\nf 0\nr 1 300\n".to_string();
        let trace = Rc::new(LoadedTrace::parse("t.rep", text).unwrap());
        assert_eq!(
            trace.lines(3, 5).collect::<Vec<_>>(),
            vec![(3, "a 0 24"), (4, "a 1 100")]
        );
        let s = Rc::new(Playground::default());
        let mut p = (*s).clone();
        p.trace = Some(trace.clone());
        p.rerun(&[StrategyKind::FirstFit, StrategyKind::ImplicitList]);
        assert_eq!(p.panes, s.panes, "the panes stay until the replay is done");
        let t = reduce(s, p.replay_pending().unwrap());
        assert!(t.pending_trace.is_none());
        assert_eq!(t.steps(), 4);
        assert_eq!(t.cursor, 0);
        // The implicit list scores as malloc lab's driver does.
        let end = reduce(t.clone(), Action::Seek(Seek::Last));
        let m = end.panes[1].metrics();
        assert_eq!(m.peak_live_bytes, 300);
        assert!(m.peak_utilisation() > 0.0);
        // Adding a strategy asks for the trace to be replayed on it too.
        let asked = reduce(end, Action::Toggle(StrategyKind::Jemalloc));
        assert_eq!(asked.pending_trace.as_ref().map(Vec::len), Some(3));
        let three = reduce(asked.clone(), asked.replay_pending().unwrap());
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
    fn inspecting_a_byte_keeps_the_run_and_the_cursor() {
        let s = Rc::new(Playground::default());
        let pick = Some((StrategyKind::FirstFit, alloc_sim::Addr(0x1004)));
        let i = reduce(s.clone(), Action::Inspect(pick));
        assert_eq!(i.inspected, pick);
        assert_eq!((i.cursor, i.steps()), (s.cursor, s.steps()));
        assert!(Rc::ptr_eq(&i, &reduce(i.clone(), Action::Inspect(pick))));
    }

    #[test]
    fn a_bigger_heap_and_other_settings_rerun_every_pane() {
        let s = reduce(
            Rc::new(Playground::default()),
            Action::Toggle(StrategyKind::Jemalloc),
        );
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
        let s = reduce(
            Rc::new(Playground::default()),
            Action::Toggle(StrategyKind::Jemalloc),
        );
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
        let back = Playground::from_shared(&own_link);
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
        let s = reduce(
            Rc::new(Playground::default()),
            Action::Edit("fn main() {\n  let v = ;\n}".into()),
        );
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
        for (name, _) in examples::EXAMPLES {
            let s = Playground::new(name, &StrategyKind::ALL[..4]);
            assert_eq!(s.panes.len(), 4, "{name}");
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
