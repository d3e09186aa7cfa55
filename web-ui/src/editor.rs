//! The code editor's hook, shared by the playground and every live
//! scenario of a lesson: typing shows at once, and the scenario re-runs
//! only once the learner pauses, so a long run does not lag every key.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::state::{Action, Playground};

/// How long after the last key the scenario re-runs.
pub const PAUSE_MS: u32 = 300;

/// The editor's text and what typing does.
#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    /// The text in the editor: the scenario's source, or ahead of it while
    /// the learner types.
    pub draft: UseStateHandle<String>,
    /// Typing: updates the draft now and re-runs the scenario
    /// [`PAUSE_MS`] after the last key.
    pub on_edit: Callback<String>,
}

/// The editor of `state`'s source, starting from it.
#[hook]
pub fn use_editor(state: &UseReducerHandle<Playground>) -> Editor {
    let draft = use_state(|| state.source.clone());
    // Only the last key's timeout is kept: replacing it cancels the one
    // before (gloo's `Timeout` cancels when dropped).
    let pending = use_mut_ref(|| None::<Timeout>);
    let on_edit = {
        let (dispatcher, draft) = (state.dispatcher(), draft.clone());
        Callback::from(move |text: String| {
            draft.set(text.clone());
            let dispatcher = dispatcher.clone();
            let timeout = Timeout::new(PAUSE_MS, move || dispatcher.dispatch(Action::Edit(text)));
            pending.borrow_mut().replace(timeout);
        })
    };
    Editor { draft, on_edit }
}
