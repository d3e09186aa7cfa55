//! The scenario's code: editable, with line numbers and the line of the
//! current call marked.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`code_pane`].
#[derive(PartialEq, Debug)]
pub struct CodePaneProps {
    /// The code.
    pub source: String,
    /// The line of the current call, if any.
    pub current_line: Option<usize>,
    /// The line of an error, if any.
    pub error_line: Option<usize>,
    /// The learner typed.
    pub on_edit: Callback<String>,
    /// Prefixed to element ids, for more than one on a page.
    pub id_prefix: AttrValue,
}

/// A textarea with a gutter of line numbers.
pub fn code_pane(props: &CodePaneProps) -> Html {
    let on_input = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            on_edit.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let lines = props.source.lines().count().max(1);
    html! {
        <section class="code" aria-label="Scenario code">
            <pre class="gutter" aria-hidden="true">
                { for (1..=lines).map(|n| {
                    let mark = if Some(n) == props.error_line { "✗" } else if Some(n) == props.current_line { "▶" } else { " " };
                    let class = if Some(n) == props.current_line { "current" } else { "" };
                    html! { <span class={class}>{ format!("{mark}{n:>3}\n") }</span> }
                }) }
            </pre>
                        <div class="editor">
                <pre class="highlight" aria-hidden="true">
                    { for crate::highlight::highlight(&props.source).into_iter().map(|(class, text)| html! { <span class={class.css()}>{ text }</span> }) }
                    { "\n" }
                </pre>
                <textarea id={format!("{}code", props.id_prefix)} spellcheck="false" rows={lines.max(12).to_string()}
                    aria-label="Rust code of the scenario" value={props.source.clone()} oninput={on_input} />
            </div>
        </section>
    }
}
