//! Lesson prose after Markdown: a small tree of elements from a fixed set
//! of tags, and text.
//!
//! Lessons are read into this tree when the app is built (see
//! `compile::markdown`), so the browser needs no Markdown parser. The tree
//! cannot carry markup: raw HTML in a lesson arrives here as text, and a
//! link keeps only a web or in-app target. It is stored compactly: text
//! as a string, an element as its tag's index in [`TAGS`], its children
//! and its link.

use serde::{de, ser, Deserialize, Deserializer, Serialize, Serializer};

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

/// How a node is stored: an element's tag by index into [`TAGS`] (one
/// byte), so only the tags the app draws can be read back.
#[derive(Serialize, Deserialize)]
enum Stored {
    Text(String),
    Element(u8, Vec<Node>, Option<String>),
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let stored = match self {
            Node::Text(t) => Stored::Text(t.clone()),
            Node::Element {
                tag,
                href,
                children,
            } => {
                let index = TAGS
                    .iter()
                    .position(|t| t == tag)
                    .ok_or_else(|| ser::Error::custom(format!("unknown tag {tag}")))?;
                Stored::Element(index as u8, children.clone(), href.clone())
            }
        };
        stored.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        Ok(match Stored::deserialize(d)? {
            Stored::Text(t) => Node::Text(t),
            Stored::Element(index, children, href) => Node::Element {
                tag: TAGS
                    .get(usize::from(index))
                    .ok_or_else(|| de::Error::custom(format!("unknown tag #{index}")))?,
                href,
                children,
            },
        })
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
        let bytes = postcard::to_allocvec(&nodes).unwrap();
        assert_eq!(postcard::from_bytes::<Vec<Node>>(&bytes).unwrap(), nodes);
        // A tag is one byte: the element variant, its tag's index, then the
        // rest; an index past the known tags does not read.
        let p = TAGS.iter().position(|t| *t == "p").unwrap() as u8;
        assert_eq!(&bytes[..3], &[2, 1, p]);
        let unknown = [1u8, 1, TAGS.len() as u8, 0, 0];
        assert!(postcard::from_bytes::<Vec<Node>>(&unknown).is_err());
        assert_eq!(text(&nodes), "See the lessons");
    }
}
