//! The allocator calls of one pane around the cursor, each with its
//! Rust-level reason and the strategy's narration; a click jumps to that
//! call.
//!
//! A run may make a million calls; the log shows a window of them that
//! follows the cursor, so a step costs the same however long the run.
//!
//! Calls the program didn't write (the runtime's before `main`, stdout's
//! buffer, a thread's blocks) are shown in their place, marked and not
//! numbered: the numbers count the program's own calls, as a lesson's
//! `call(n)` does.

use std::rc::Rc;

use alloc_sim::scenario::{CallRecord, Run};
use yew::prelude::*;

/// Props of [`call_log`].
#[derive(PartialEq, Debug)]
pub struct CallLogProps {
    /// The run whose calls are shown.
    pub run: Rc<Run>,
    /// Calls made at the cursor: the last of them is highlighted.
    pub cursor: usize,
    /// Jump to just after call `n`.
    pub on_jump: Callback<usize>,
    /// Prefixed to element ids, for more than one on a page.
    pub id_prefix: AttrValue,
    /// Only the first this many calls are shown: a quiz below asks about
    /// the next one and has not been answered.
    pub held: Option<usize>,
}

/// The most calls the log shows at once: a few more than its box shows,
/// so the current call and those after it are in view without scrolling,
/// and a seek rewrites no more rows than that.
pub const WINDOW: usize = 24;

/// The calls shown for a cursor: up to [`WINDOW`] of them, the current call
/// a quarter of the way down, so that what comes next is in view.
pub fn window(calls: usize, cursor: usize) -> std::ops::Range<usize> {
    let start = cursor
        .saturating_sub(WINDOW / 4)
        .min(calls.saturating_sub(WINDOW));
    start..(start + WINDOW).min(calls)
}

/// A call as the log writes it: where in the code, the call, what it
/// returned (or why it failed), and who made it when that is not `main`.
pub fn line(call: &CallRecord) -> String {
    let result = match (&call.error, call.op.allocates(), call.addr) {
        (Some(e), _, _) => format!(" ✗ {e}"),
        (None, true, Some(a)) => format!(" → {a}"),
        (None, _, _) => String::new(),
    };
    let who = match (call.arena, call.thread.0) {
        (true, _) => " [bump]".to_string(),
        (false, 0) => String::new(),
        (false, t) => format!(" [thread {t}]"),
    };
    let place = call.span.map_or_else(String::new, |s| format!("{s} "));
    format!("{place}{}{result}{who}", call.signature())
}

/// An ordered list of calls.
pub fn call_log(props: &CallLogProps) -> Html {
    let all = &props.run.calls;
    let calls = &all[..props.held.unwrap_or(all.len()).min(all.len())];
    let shown = window(calls.len(), props.cursor);
    let mut own = calls[..shown.start].iter().filter(|c| !c.implicit).count();
    let note = (shown.len() < calls.len()).then(|| {
        html! {
            <p class="log-window">{ format!("Calls {}–{} of {}: the log follows the cursor.", shown.start + 1, shown.end, calls.len()) }</p>
        }
    });
    // Room for the longest number the list shows (a trace's 5937., a
    // long run's 100014.), which a fixed indent would clip.
    let digits = calls.len().max(1).ilog10() as usize + 1;
    html! {
        <>
        { for note }
        <ol id={format!("{}call-log", props.id_prefix)} class="call-log" style={format!("padding-left: {}ch", digits + 3)}>
            { for calls[shown.clone()].iter().zip(shown.clone()).map(|(call, i)| {
                let number = (!call.implicit).then(|| {
                    own += 1;
                    own.to_string()
                });
                let mut class = vec![if call.error.is_some() { "failed" } else { "ok" }];
                if call.implicit {
                    class.push("implicit");
                }
                let tag = call.implicit.then(|| html! {
                    <span class="implicit-tag" title="a call the program didn't write: real Rust makes it, and a counting allocator counts it">{ "runtime" }</span>
                });
                if i + 1 == props.cursor {
                    class.push("current");
                }
                if i >= props.cursor {
                    class.push("later");
                }
                let on_jump = props.on_jump.clone();
                html! {
                    <li class={classes!(class)} value={number} onclick={Callback::from(move |_| on_jump.emit(i + 1))}>
                        { for tag }
                        <code>{ line(call) }</code>
                        <div class="reason">{ &call.reason }</div>
                        <ul class="events">{ for call.events.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }</ul>
                    </li>
                }
            }) }
        </ol>
        if calls.len() < all.len() {
            <p class="held" id={format!("{}held", props.id_prefix)}>{ "The calls after this one are hidden until you answer the quiz below." }</p>
        }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_the_cursor_and_stays_inside_the_run() {
        assert_eq!(window(10, 0), 0..10);
        assert_eq!(window(10, 10), 0..10);
        assert_eq!(window(100_000, 0), 0..WINDOW);
        let mid = window(100_000, 50_000);
        assert_eq!(mid.len(), WINDOW);
        assert!(mid.contains(&49_999) && mid.start + WINDOW / 4 == 50_000);
        assert_eq!(window(100_000, 100_000), 100_000 - WINDOW..100_000);
    }
}
