//! Replaying a trace without freezing the page: each strategy's replay
//! runs in slices of a few milliseconds, and between slices the browser
//! draws the progress bar and handles the cancel button. When every
//! strategy is done, the panes go to the reducer in one action.

use std::cell::RefCell;
use std::rc::Rc;

use alloc_sim::{StrategyKind, TraceRun};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::state::{Action, LoadedTrace, Pane, Playground, Setup};

/// How long one slice may run before the browser gets the thread back.
const SLICE_MS: f64 = 12.0;

/// What a replay is doing, for the progress bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The trace's name.
    pub name: String,
    /// Ops replayed over all strategies.
    pub done: usize,
    /// Ops to replay over all strategies.
    pub total: usize,
}

/// A replay to start: the trace, and each strategy with its setup.
#[derive(Debug, Clone)]
pub struct Request {
    /// The trace.
    pub trace: Rc<LoadedTrace>,
    /// The strategies, in the order of the panes.
    pub kinds: Vec<StrategyKind>,
    /// The setup of panes without their own.
    pub setup: Setup,
    /// Strategies with their own setup.
    pub overrides: crate::setup::Setups,
}

struct Job {
    request: Request,
    runs: Vec<(StrategyKind, TraceRun)>,
}

/// The loader's handle: its progress, and how to start or cancel.
#[derive(Clone, Debug)]
pub struct TraceLoader {
    /// Set while a replay runs.
    pub progress: Option<Progress>,
    /// Start replaying (cancelling any replay running).
    pub start: Callback<Request>,
    /// Stop, keeping what was shown before.
    pub cancel: Callback<()>,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Runs slices until the job is done, then hands the panes over.
fn tick(
    job: Rc<RefCell<Option<Job>>>,
    progress: UseStateHandle<Option<Progress>>,
    state: UseReducerDispatcher<Playground>,
) {
    let started = now();
    let mut slot = job.borrow_mut();
    let Some(current) = slot.as_mut() else {
        return;
    };
    let mut failed = None;
    'slices: loop {
        for (_, run) in current.runs.iter_mut().filter(|r| !r.1.is_finished()) {
            if let Err(e) = run.advance(256) {
                failed = Some(e);
                break 'slices;
            }
        }
        if current.runs.iter().all(|r| r.1.is_finished()) || now() - started > SLICE_MS {
            break;
        }
    }
    let name = current.request.trace.name.clone();
    if let Some(e) = failed {
        *slot = None;
        drop(slot);
        progress.set(None);
        state.dispatch(Action::Notice(format!(
            "{name}:{e} The trace was not opened; what was shown before is kept."
        )));
        return;
    }
    let done: usize = current.runs.iter().map(|r| r.1.done()).sum();
    let total: usize = current.runs.iter().map(|r| r.1.total()).sum();
    if done < total {
        drop(slot);
        progress.set(Some(Progress { name, done, total }));
        // The next slice after the browser has drawn; a cancelled job is
        // gone by then, and the slice does nothing.
        let (job2, progress2, state2) = (job.clone(), progress.clone(), state.clone());
        Timeout::new(0, move || tick(job2, progress2, state2)).forget();
        return;
    }
    let finished = slot.take();
    drop(slot);
    progress.set(None);
    if let Some(job) = finished {
        let panes = job
            .runs
            .into_iter()
            .map(|(kind, run)| Pane::from_trace(kind, run))
            .collect();
        state.dispatch(Action::TraceReplayed {
            trace: job.request.trace,
            panes,
            setup: job.request.setup,
            overrides: job.request.overrides,
        });
    }
}

/// The trace loader of a playground.
#[hook]
pub fn use_trace_loader(state: &UseReducerHandle<Playground>) -> TraceLoader {
    let job = use_mut_ref(|| None::<Job>);
    let progress = use_state(|| None::<Progress>);
    let start = {
        let (job, progress, dispatcher) = (job.clone(), progress.clone(), state.dispatcher());
        Callback::from(move |request: Request| {
            // Each strategy once, in the registry's order.
            let runs = StrategyKind::ALL
                .into_iter()
                .filter(|k| request.kinds.contains(k))
                .map(|kind| {
                    let setup = request
                        .overrides
                        .get(&kind)
                        .cloned()
                        .unwrap_or_else(|| request.setup.clone());
                    let run = Playground::start_replay(kind, setup, request.trace.list.clone());
                    (kind, run)
                })
                .collect();
            *job.borrow_mut() = Some(Job { request, runs });
            tick(job.clone(), progress.clone(), dispatcher.clone());
        })
    };
    let cancel = {
        let (job, progress) = (job.clone(), progress.clone());
        Callback::from(move |()| {
            job.borrow_mut().take();
            progress.set(None);
        })
    };
    TraceLoader {
        progress: (*progress).clone(),
        start,
        cancel,
    }
}
