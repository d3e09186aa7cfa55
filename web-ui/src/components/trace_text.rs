//! An opened trace's text, a window of lines around the current call, read
//! only: a million-line file is never put in the page whole.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::LoadedTrace;

/// Lines shown around the current one.
const WINDOW: usize = 30;

/// Props of [`trace_text`].
#[derive(PartialEq, Debug)]
pub struct TraceTextProps {
    /// The trace.
    pub trace: Rc<LoadedTrace>,
    /// The line of the current call, if any.
    pub current_line: Option<usize>,
}

/// The lines of the trace around the current call.
pub fn trace_text(props: &TraceTextProps) -> Html {
    let t = &props.trace;
    let current = props.current_line.unwrap_or(1);
    let from = current.saturating_sub(WINDOW / 3).max(1);
    html! {
        <section class="trace-text" aria-label="Trace">
            <p class="trace-name"><strong>{ &t.name }</strong>{ format!(" — {} ops, {} lines", t.outline.ops, t.line_starts.len()) }</p>
            <pre id="trace-lines">
                { for t.lines(from, from + WINDOW).map(|(n, text)| {
                    let here = Some(n) == props.current_line;
                    html! { <span class={classes!(here.then_some("current"))}>{ format!("{}{n:>7}  {text}\n", if here { "▶" } else { " " }) }</span> }
                }) }
            </pre>
        </section>
    }
}
