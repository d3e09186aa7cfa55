//! Lesson prose as Yew elements, from the node tree the lessons were read
//! into when the app was built ([`lessons::node`]): a fixed set of tags,
//! so no lesson can inject markup.

use lessons::node::Node;
use yew::prelude::*;

/// The nodes as Yew elements.
pub fn render(nodes: &[Node]) -> Html {
    nodes.iter().map(render_node).collect()
}

fn render_node(node: &Node) -> Html {
    match node {
        Node::Text(t) => html! { { t.clone() } },
        Node::Element {
            tag,
            href,
            children,
        } => {
            let inner = render(children);
            match *tag {
                "a" => match href {
                    Some(h) => html! { <a href={h.clone()}>{ inner }</a> },
                    None => html! { <span>{ inner }</span> },
                },
                "br" => html! { <br /> },
                "hr" => html! { <hr /> },
                tag => html! { <@{tag}>{ inner }</@> },
            }
        }
    }
}
