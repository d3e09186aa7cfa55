//! A playground's runs: the job its state is running goes to the engine,
//! and the answer comes back as an action. Shared by the playground and
//! every live scenario of a lesson.
//!
//! A job replaced before it is answered (the learner typed again) is
//! cancelled, so the engine is never busy with code nobody will see; a
//! trace's replay reports its progress, and any run that takes long says
//! so, both with a way to cancel.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::state::{Action, Playground};

/// A run that is taking a while: what, and how far.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// What runs: the trace's name, or `None` for the program.
    pub name: Option<String>,
    /// Ops replayed over all strategies (a trace only).
    pub done: usize,
    /// Ops to replay over all strategies (0 for a program).
    pub total: usize,
}

/// The runner's handle: its progress, and how to cancel.
#[derive(Clone, Debug)]
pub struct Runner {
    /// Set while a trace replays, or a program has run for more than
    /// [`SLOW_MS`].
    pub progress: Option<Progress>,
    /// Stop, keeping what was shown before.
    pub cancel: Callback<()>,
}

/// How long a program runs before the page says it is running.
pub const SLOW_MS: u32 = 400;

/// Sends the state's job to the engine whenever it changes.
#[hook]
pub fn use_runner(state: &UseReducerHandle<Playground>) -> Runner {
    let progress = use_state(|| None::<Progress>);
    let running = state.running.clone();
    let (dispatcher, shown) = (state.dispatcher(), progress.clone());
    use_effect_with(running.as_ref().map(|r| r.job.id), move |_| {
        let mut slow = None;
        let id = running.as_ref().map(|r| r.job.id);
        match &running {
            Some(r) => {
                let name = r.trace.as_ref().map(|t| t.name.clone());
                let total = r.trace.as_ref().map_or(0, |t| t.outline.ops) * r.job.panes.len();
                let first = Progress {
                    name: name.clone(),
                    done: 0,
                    total,
                };
                if name.is_some() {
                    shown.set(Some(first));
                } else {
                    let shown = shown.clone();
                    slow = Some(Timeout::new(SLOW_MS, move || shown.set(Some(first))));
                }
                let shown = shown.clone();
                let on_reply = Callback::from(move |reply| match reply {
                    engine::Reply::Progress { done, total, .. } => shown.set(Some(Progress {
                        name: name.clone(),
                        done,
                        total,
                    })),
                    answer => {
                        shown.set(None);
                        if let Some(action) = Action::of_reply(answer) {
                            dispatcher.dispatch(action);
                        }
                    }
                });
                crate::engine::submit(&r.job, on_reply);
            }
            None => shown.set(None),
        }
        move || {
            drop(slow);
            if let Some(id) = id {
                // Nothing happens if it was answered.
                crate::engine::cancel(id);
            }
        }
    });
    let dispatcher = state.dispatcher();
    Runner {
        progress: (*progress).clone(),
        cancel: Callback::from(move |()| dispatcher.dispatch(Action::Cancel)),
    }
}
