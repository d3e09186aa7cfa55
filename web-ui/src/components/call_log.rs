//! Every allocator call of one pane, with its Rust-level reason and the
//! strategy's narration; a click jumps to that call.

use std::rc::Rc;

use alloc_sim::scenario::Run;
use yew::prelude::*;

/// Props of [`CallLog`].
#[derive(Properties, PartialEq, Debug)]
pub struct CallLogProps {
    /// The run whose calls are shown.
    pub run: Rc<Run>,
    /// Calls made at the cursor: the last of them is highlighted.
    pub cursor: usize,
    /// Jump to just after call `n`.
    pub on_jump: Callback<usize>,
}

/// An ordered list of calls.
#[function_component]
pub fn CallLog(props: &CallLogProps) -> Html {
    html! {
        <ol id="call-log" class="call-log">
            { for props.run.calls.iter().enumerate().map(|(i, call)| {
                let args = match call.new_size {
                    Some(n) => format!("{}, {n}", call.layout),
                    None if call.op == alloc_sim::scenario::CallOp::Dealloc => format!("{}, {}", call.addr.unwrap_or_default(), call.layout),
                    None => call.layout.to_string(),
                };
                let result = match (&call.error, call.addr, call.op) {
                    (Some(e), _, _) => format!(" ✗ {e}"),
                    (None, _, alloc_sim::scenario::CallOp::Dealloc) => String::new(),
                    (None, Some(a), _) => format!(" → {a}"),
                    (None, None, _) => String::new(),
                };
                let who = match (call.arena, call.thread) {
                    (true, _) => " [bump]".to_string(),
                    (false, 0) => String::new(),
                    (false, t) => format!(" [thread {t}]"),
                };
                let mut class = vec![if call.error.is_some() { "failed" } else { "ok" }];
                if i + 1 == props.cursor {
                    class.push("current");
                }
                if i >= props.cursor {
                    class.push("later");
                }
                let on_jump = props.on_jump.clone();
                html! {
                    <li class={classes!(class)} onclick={Callback::from(move |_| on_jump.emit(i + 1))}>
                        <code>{ format!("{}:{} {}({args}){result}{who}", call.line, call.column, call.op.name()) }</code>
                        <div class="reason">{ &call.reason }</div>
                        <ul class="events">{ for call.events.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }</ul>
                    </li>
                }
            }) }
        </ol>
    }
}
