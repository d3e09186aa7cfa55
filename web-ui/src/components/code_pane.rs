//! The scenario's code: editable, with line numbers and the line of the
//! current call marked. CodeMirror (`crate::code_editor`) once its bundle
//! has loaded; until then, or if it cannot load, a textarea over a
//! highlighted copy of the text.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::code_editor::{use_code_editor, ErrorMark, Shown};
use crate::highlight;
use crate::view::CodeError;

/// The editable element's accessible name.
const LABEL: &str = "Rust code of the scenario";

/// What the editor's keys do that a keyboard user must know.
const KEYS: &str = "Tab indents; Esc, then Tab, moves on. Ctrl+Z undoes.";

/// Props of [`CodePane`].
#[derive(Properties, PartialEq, Debug)]
pub struct CodePaneProps {
    /// The code.
    pub source: String,
    /// The line of the current call, if any.
    #[prop_or_default]
    pub current_line: Option<usize>,
    /// An error in the code, if any: marked in the gutter, underlined where
    /// it is, its message on hover.
    #[prop_or_default]
    pub error: Option<CodeError>,
    /// The learner typed.
    pub on_edit: Callback<String>,
    /// Prefixed to element ids, for more than one on a page.
    pub id_prefix: AttrValue,
}

/// The code editor; its editable element has the id `{id_prefix}code`.
#[function_component(CodePane)]
pub fn code_pane(props: &CodePaneProps) -> Html {
    let host = use_node_ref();
    let error = props.error.as_ref();
    let under = error.and_then(|e| highlight::error_range(&props.source, e.line, e.column));
    let shown = Shown {
        source: props.source.clone(),
        error: error.zip(under.clone()).map(|(e, range)| ErrorMark {
            from: range.start,
            to: range.end,
            message: format!("{}:{}: {}", e.line, e.column, e.message),
        }),
        current_line: props.current_line,
        id: format!("{}code", props.id_prefix),
        label: LABEL,
    };
    let mounted = use_code_editor(host.clone(), shown, props.on_edit.clone());
    html! {
        <section class={classes!("code", mounted.then_some("mounted"))} aria-label="Scenario code">
            if mounted {
                // On paper: the editor draws only the lines in view.
                <pre class="code-print highlight" aria-hidden="true">
                    { for highlight::highlight(&props.source).into_iter().map(|(class, text)| html! { <span class={class.css()}>{ text }</span> }) }
                </pre>
            } else {
                { textarea_pane(props, under) }
            }
            <div class="cm-host" ref={host} />
            if mounted {
                <p class="code-keys" id={format!("{}code-keys", props.id_prefix)}>{ KEYS }</p>
            }
        </section>
    }
}

/// A textarea with a gutter of line numbers, as wide as its longest line
/// (the pane scrolls sideways, the highlighting with it, so what is typed
/// at the end of a long line is seen).
fn textarea_pane(props: &CodePaneProps, under: Option<std::ops::Range<usize>>) -> Html {
    let on_input = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            on_edit.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    // As the editor counts them: a last newline starts a line.
    let lines = props.source.split('\n').count();
    let longest = props
        .source
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let error = props.error.as_ref();
    let title = error.map(|e| format!("{}:{}: {}", e.line, e.column, e.message));
    html! {
        <>
            <pre class="gutter" aria-hidden="true">
                { for (1..=lines).map(|n| {
                    let wrong = error.is_some_and(|e| e.line == n);
                    let mark = if wrong { "✗" } else if Some(n) == props.current_line { "▶" } else { " " };
                    let class = classes!((Some(n) == props.current_line).then_some("current"), wrong.then_some("wrong"));
                    html! { <span class={class} title={wrong.then(|| title.clone()).flatten()}>{ format!("{mark}{n:>3}\n") }</span> }
                }) }
            </pre>
            <div class="editor">
                <pre class="highlight" aria-hidden="true">
                    { for highlight::mark(highlight::highlight(&props.source), under).into_iter().map(|(class, text, wrong)| html! {
                        <span class={classes!(class.css(), wrong.then_some("wrong"))}>{ text }</span>
                    }) }
                    { "\n" }
                </pre>
                <textarea id={format!("{}code", props.id_prefix)} spellcheck="false" rows={lines.max(12).to_string()}
                    cols={(longest + 2).to_string()} wrap="off" title={title.clone()}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-label={LABEL} value={props.source.clone()} oninput={on_input} />
            </div>
        </>
    }
}
