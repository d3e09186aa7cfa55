//! What the clicked byte is: its allocation, layout, the code that made it,
//! or the hole or metadata it belongs to, and the bytes around it in hex.

use yew::prelude::*;

use crate::inspect::Inspection;

/// Props of [`inspector`].
#[derive(PartialEq, Debug)]
pub struct InspectorProps {
    /// What to show; `None` shows a hint.
    pub inspection: Option<Inspection>,
    /// Prefixed to element ids, for more than one on a page.
    pub id_prefix: AttrValue,
}

/// The inspector panel.
pub fn inspector(props: &InspectorProps) -> Html {
    let Some(i) = &props.inspection else {
        return html! { <section id={format!("{}inspector", props.id_prefix)} class="inspector hint">{ "Point at (or click) a byte of a heap map to see what it is." }</section> };
    };
    html! {
        <section id={format!("{}inspector", props.id_prefix)} class="inspector" aria-label="Inspector">
            <strong>{ &i.title }</strong>
            <ul>{ for i.lines.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            <pre class="hex">{ i.hex.join("\n") }</pre>
        </section>
    }
}
