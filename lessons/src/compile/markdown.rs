//! Markdown to [`Node`]s with pulldown-cmark, when the lessons are read.
//!
//! Only the tags of [`crate::node::TAGS`] come out: raw HTML (a block or
//! inline) becomes text, shown as written, never injected; links keep only
//! `http`, `https`, `#` and relative targets.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::node::Node;

/// How deep prose elements nest at most.
pub const MAX_DEPTH: usize = 32;

fn element(tag: &'static str) -> Node {
    Node::element(tag)
}

/// A link target a lesson may use: the web, or a place in the app.
fn safe_href(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s);
    match scheme {
        None => Some(url.to_string()),
        Some("http" | "https") => Some(url.to_string()),
        Some(_) => None,
    }
}

/// Reads Markdown into nodes.
pub fn parse(markdown: &str) -> Vec<Node> {
    let mut stack: Vec<Node> = vec![element("div")];
    // Elements nested deeper than MAX_DEPTH (a quote in a quote in a quote…)
    // are flattened into the deepest one kept: the text stays, and the tree
    // stays shallow enough to store, draw and drop without deep recursion.
    let mut flattened = 0usize;
    let push = |stack: &mut Vec<Node>, node: Node| {
        if let Some(Node::Element { children, .. }) = stack.last_mut() {
            children.push(node);
        }
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(_) if stack.len() > MAX_DEPTH => flattened += 1,
            Event::End(_) if flattened > 0 => flattened -= 1,
            Event::Start(tag) => {
                let node = match tag {
                    Tag::Paragraph => element("p"),
                    // A lesson's own title is the h1; its headings start at h2.
                    Tag::Heading { level, .. } => element(match level {
                        HeadingLevel::H1 | HeadingLevel::H2 => "h2",
                        HeadingLevel::H3 => "h3",
                        _ => "h4",
                    }),
                    Tag::BlockQuote(_) => element("blockquote"),
                    Tag::CodeBlock(_) => element("pre"),
                    Tag::List(Some(_)) => element("ol"),
                    Tag::List(None) => element("ul"),
                    Tag::Item => element("li"),
                    Tag::Emphasis => element("em"),
                    Tag::Strong => element("strong"),
                    Tag::Strikethrough => element("del"),
                    Tag::Table(_) => element("table"),
                    Tag::TableHead => element("thead"),
                    Tag::TableRow => element("tr"),
                    Tag::TableCell => element("td"),
                    Tag::Link { dest_url, .. } => Node::Element {
                        tag: "a",
                        href: safe_href(&dest_url),
                        children: Vec::new(),
                    },
                    // Anything else (images, footnotes, HTML blocks) keeps
                    // its text in a plain span.
                    _ => element("span"),
                };
                stack.push(node);
            }
            Event::End(end) => {
                let node = stack.pop().unwrap_or_else(|| element("span"));
                let node = match (end, node) {
                    // Code blocks hold one `code` element of their text.
                    (
                        TagEnd::CodeBlock,
                        Node::Element {
                            tag,
                            href,
                            children,
                        },
                    ) => Node::Element {
                        tag,
                        href,
                        children: vec![Node::Element {
                            tag: "code",
                            href: None,
                            children,
                        }],
                    },
                    (_, node) => node,
                };
                if stack.is_empty() {
                    stack.push(element("div"));
                }
                push(&mut stack, node);
            }
            Event::Text(text) => push(&mut stack, Node::Text(text.to_string())),
            Event::Code(text) => push(
                &mut stack,
                Node::Element {
                    tag: "code",
                    href: None,
                    children: vec![Node::Text(text.to_string())],
                },
            ),
            // Raw HTML is shown as the text it is.
            Event::Html(text) | Event::InlineHtml(text) => {
                push(&mut stack, Node::Text(text.to_string()))
            }
            Event::SoftBreak => push(&mut stack, Node::Text(" ".into())),
            Event::HardBreak => push(&mut stack, element("br")),
            Event::Rule => push(&mut stack, element("hr")),
            _ => {}
        }
    }
    // Close whatever is left open, innermost first.
    while stack.len() > 1 {
        let node = stack.pop().unwrap_or_else(|| element("span"));
        push(&mut stack, node);
    }
    match stack.pop() {
        Some(Node::Element { children, .. }) => children,
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::text;

    fn tags(nodes: &[Node], out: &mut Vec<&'static str>) {
        for n in nodes {
            if let Node::Element { tag, children, .. } = n {
                out.push(tag);
                tags(children, out);
            }
        }
    }

    #[test]
    fn prose_becomes_paragraphs_code_emphasis_and_lists() {
        let nodes =
            parse("Hello `Layout` and *why*.\n\n- one\n- two\n\n```rust\nfn main() {}\n```\n");
        let mut seen = Vec::new();
        tags(&nodes, &mut seen);
        assert_eq!(
            seen,
            vec!["p", "code", "em", "ul", "li", "li", "pre", "code"]
        );
        assert_eq!(text(&nodes), "Hello Layout and why.onetwofn main() {}\n");
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_its_text() {
        fn depth(nodes: &[Node]) -> usize {
            nodes
                .iter()
                .map(|n| match n {
                    Node::Element { children, .. } => 1 + depth(children),
                    Node::Text(_) => 0,
                })
                .max()
                .unwrap_or(0)
        }
        let quotes = format!("{} deep", ">".repeat(50_000));
        let nodes = parse(&quotes);
        assert!(depth(&nodes) <= MAX_DEPTH + 1, "{}", depth(&nodes));
        assert_eq!(text(&nodes), "deep");
        let lists = (0..2_000)
            .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
            .collect::<String>();
        let nodes = parse(&lists);
        assert!(depth(&nodes) <= MAX_DEPTH + 1);
        assert!(text(&nodes).contains("item 1999"));
    }

    #[test]
    fn raw_html_is_text_never_markup() {
        let nodes = parse("<script>alert(1)</script>\n\nA <b onclick=\"x()\">bold</b> claim.\n");
        let mut seen = Vec::new();
        tags(&nodes, &mut seen);
        assert!(
            !seen.contains(&"script") && !seen.contains(&"b"),
            "{seen:?}"
        );
        assert!(text(&nodes).contains("<script>alert(1)</script>"));
        assert!(text(&nodes).contains("<b onclick=\"x()\">"));
    }

    #[test]
    fn links_keep_only_safe_targets() {
        let nodes = parse("[std](https://doc.rust-lang.org) [bad](javascript:alert(1)) [lesson](#lesson/02-layout)");
        let mut hrefs = Vec::new();
        fn walk(nodes: &[Node], out: &mut Vec<Option<String>>) {
            for n in nodes {
                if let Node::Element {
                    tag,
                    href,
                    children,
                } = n
                {
                    if *tag == "a" {
                        out.push(href.clone());
                    }
                    walk(children, out);
                }
            }
        }
        walk(&nodes, &mut hrefs);
        assert_eq!(
            hrefs,
            vec![
                Some("https://doc.rust-lang.org".to_string()),
                None,
                Some("#lesson/02-layout".to_string())
            ]
        );
    }

    #[test]
    fn headings_start_below_the_lesson_title() {
        let mut seen = Vec::new();
        tags(&parse("# A\n\n### B\n"), &mut seen);
        assert_eq!(seen, vec!["h2", "h3"]);
    }
}
