//! Lesson prose after Markdown: a small tree of elements from a fixed set
//! of tags, and text.
//!
//! Lessons are read into this tree when the app is built (see
//! `compile::markdown`), so the browser needs no Markdown parser. The tree
//! cannot carry markup: raw HTML in a lesson arrives here as text, and a
//! link keeps only a web or in-app target. It is stored compactly: text
//! as a string, an element as `[tag, [children]]` or `[tag, [children], href]`.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

/// Every tag a node may have.
pub const TAGS: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "pre",
    "code",
    "ol",
    "ul",
    "li",
    "em",
    "strong",
    "del",
    "table",
    "thead",
    "tr",
    "td",
    "a",
    "span",
    "br",
    "hr",
];

/// Markdown, as a list of nodes.
pub type Markdown = Vec<Node>;

/// An element or a run of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Text, shown as is.
    Text(String),
    /// An element: one of [`TAGS`], its link target if it is an `a`, and
    /// its children.
    Element {
        /// `p`, `h2`, `em`, `code`, …
        tag: &'static str,
        /// For `a`: where it goes.
        href: Option<String>,
        /// What it holds.
        children: Vec<Node>,
    },
}

impl Node {
    /// An element with no link and no children yet.
    pub fn element(tag: &'static str) -> Node {
        Node::Element {
            tag,
            href: None,
            children: Vec::new(),
        }
    }
}

/// The visible text of nodes.
pub fn text(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text(t) => t.clone(),
            Node::Element { children, .. } => text(children),
        })
        .collect()
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Text(t) => s.serialize_str(t),
            Node::Element {
                tag,
                href,
                children,
            } => {
                let mut seq = s.serialize_seq(Some(if href.is_some() { 3 } else { 2 }))?;
                seq.serialize_element(tag)?;
                seq.serialize_element(children)?;
                if let Some(h) = href {
                    seq.serialize_element(h)?;
                }
                seq.end()
            }
        }
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("text, or [tag, children] or [tag, children, href]")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let tag: String = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let tag = TAGS
            .iter()
            .find(|t| **t == tag)
            .ok_or_else(|| de::Error::custom(format!("unknown tag {tag}")))?;
        let children = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?;
        let href = seq.next_element()?;
        Ok(Node::Element {
            tag,
            href,
            children,
        })
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_are_stored_compactly_and_read_back() {
        let nodes = vec![
            Node::Element {
                tag: "p",
                href: None,
                children: vec![
                    Node::Text("See ".into()),
                    Node::Element {
                        tag: "a",
                        href: Some("#lessons".into()),
                        children: vec![Node::Text("the lessons".into())],
                    },
                ],
            },
            Node::element("hr"),
        ];
        let json = serde_json::to_string(&nodes).unwrap();
        assert_eq!(
            json,
            r##"[["p",["See ",["a",["the lessons"],"#lessons"]]],["hr",[]]]"##
        );
        assert_eq!(serde_json::from_str::<Vec<Node>>(&json).unwrap(), nodes);
        assert!(serde_json::from_str::<Vec<Node>>(r#"[["script",[]]]"#).is_err());
        assert_eq!(text(&nodes), "See the lessons");
    }
}
