//! The playground's source: the code in its editor, or an opened trace's
//! text while one is shown (with the replay's progress before that), and
//! any notice or error about them.

use std::rc::Rc;

use alloc_sim::scenario::Outcome;
use alloc_sim::StrategyKind;
use yew::prelude::*;

use crate::components::code_pane::CodePane;
use crate::components::trace_text::{trace_text, TraceTextProps};
use crate::runner::Progress;
use crate::state::LoadedTrace;

/// Props of [`source`].
#[derive(PartialEq, Debug)]
pub struct SourceProps {
    /// The code in the editor.
    pub source: String,
    /// The learner typed.
    pub on_edit: Callback<String>,
    /// The trace shown instead of the code, if one is open.
    pub trace: Option<Rc<LoadedTrace>>,
    /// Back from the trace to the code.
    pub on_close_trace: Callback<()>,
    /// A trace being replayed, and how far, or a program running long.
    pub progress: Option<Progress>,
    /// How many strategies it runs on.
    pub strategies: usize,
    /// Stop the run, keeping what was shown.
    pub on_cancel: Callback<()>,
    /// Why the last run ended without results, if it did.
    pub failure: Option<String>,
    /// The line of the last call made.
    pub current_line: Option<usize>,
    /// The error that stopped the code.
    pub error: Option<crate::view::CodeError>,
    /// Something to tell the learner once.
    pub notice: Option<String>,
    /// The first error or abort of any strategy.
    pub problem: Option<(StrategyKind, Outcome)>,
}

/// A trace's progress bar, or a long run's notice, with a way to cancel.
fn progress_bar(progress: &Progress, strategies: usize, on_cancel: &Callback<()>) -> Html {
    let plural = if strategies == 1 { "y" } else { "ies" };
    let cancel = on_cancel.reform(|_: MouseEvent| ());
    match &progress.name {
        Some(name) => html! {
            <div id="trace-progress" class="banner notice" role="status">
                { format!("Replaying {name} on {strategies} strateg{plural}: ") }
                <progress max={progress.total.to_string()} value={progress.done.to_string()}></progress>
                { format!(" {} of {} ops ", progress.done, progress.total) }
                <button id="trace-cancel" onclick={cancel}>{ "Cancel" }</button>
            </div>
        },
        None => html! {
            <div id="run-progress" class="banner notice" role="status">
                { format!("Running the program on {strategies} strateg{plural} (the page stays usable) ") }
                <progress></progress>{ " " }
                <button id="run-cancel" onclick={cancel}>{ "Cancel" }</button>
            </div>
        },
    }
}

/// The code or the trace, and what to say about them.
pub fn source(props: &SourceProps) -> Html {
    html! {
        <>
            if let Some(progress) = &props.progress {
                { progress_bar(progress, props.strategies.max(1), &props.on_cancel) }
            }
            if let Some(trace) = &props.trace {
                { trace_text(&TraceTextProps { trace: trace.clone(), current_line: props.current_line }) }
                <p>
                    <button id="close-trace" onclick={props.on_close_trace.reform(|_: MouseEvent| ())}>
                        { "Back to the scenario" }
                    </button>
                </p>
            } else {
                <CodePane source={props.source.clone()} current_line={props.current_line}
                    error={props.error.clone()} on_edit={props.on_edit.clone()} id_prefix={AttrValue::default()} />
            }
            if let Some(notice) = &props.notice {
                <div id="notice" class="banner notice" role="status">{ notice }</div>
            }
            if let Some(failure) = &props.failure {
                <div id="failure" class="banner error" role="alert">{ failure }</div>
            }
            { crate::view::banner(props.problem.clone()) }
        </>
    }
}
