//! A stretch of a lesson's prose (see [`crate::markdown`]).

use lessons::node::Markdown;
use yew::prelude::*;

/// Props of [`Prose`].
#[derive(Properties, PartialEq, Debug)]
pub struct ProseProps {
    /// The prose, as read when the app was built.
    pub nodes: Markdown,
}

/// Paragraphs, lists, code and links.
#[function_component]
pub fn Prose(props: &ProseProps) -> Html {
    html! { <div class="prose">{ crate::markdown::render(&props.nodes) }</div> }
}
