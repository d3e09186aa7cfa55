//! A stretch of a lesson's prose (see [`crate::markdown`]).

use lessons::node::Markdown;
use yew::prelude::*;

/// Paragraphs, lists, code and links.
pub fn prose(nodes: &Markdown) -> Html {
    html! { <div class="prose">{ crate::markdown::render(nodes) }</div> }
}
