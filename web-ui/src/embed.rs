//! The embeddable player: a lesson's live scenario in someone else's page.
//!
//! A course page or an mdBook chapter writes
//!
//! ```html
//! <script type="module" src="allocscope/player.js"></script>
//! <allocscope-player strategies="first-fit,jemalloc" heap="4KiB">fn main() {
//!     let v: Vec<u32> = Vec::with_capacity(4);
//! }</allocscope-player>
//! ```
//!
//! and gets the view a lesson's ```` ```scenario ```` block gets: the code
//! (editable, unless the element says `readonly`), the stepper, the heap
//! maps side by side, the call log, the metrics and what the program
//! printed. `web-ui/player/player.js` defines the element: for each one it
//! makes a shadow root (the host page's styles and ours stay apart), and
//! calls the player wasm's `mount` (`src/bin/player.rs`) with the
//! element's text and attributes. Everything else is here.
//!
//! The attributes are a scenario block's options, with the same names,
//! values and defaults (`strategies`, `heap`, `step`, `panes`, and the
//! strategies' settings as `settings="placement=best"`), read by the
//! lessons' own reader of scenario fences, so a block moves between a
//! lesson and a book unchanged. A wrong one is shown in the player, naming
//! the attribute, instead of a heap.

use lessons::blocks::ScenarioBlock;
use yew::prelude::*;

use crate::components::lesson::live_scenario::LiveScenario;

/// What an `<allocscope-player>` element says, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    /// `strategies="first-fit,jemalloc"`: one to four.
    pub strategies: Option<String>,
    /// `heap="4KiB"`.
    pub heap: Option<String>,
    /// `step="3"` (or `end`).
    pub step: Option<String>,
    /// `panes="code,map,log"`.
    pub panes: Option<String>,
    /// `settings="placement=best page-size=1KiB"`.
    pub settings: Option<String>,
    /// `readonly`: the code cannot be edited.
    pub readonly: bool,
}

impl Attributes {
    /// The scenario `code` makes with these attributes, read as a lesson's
    /// ```` ```scenario ```` fence is; or what is wrong, naming the
    /// attribute.
    pub fn block(&self, code: &str) -> Result<ScenarioBlock, String> {
        // The attributes as a fence's info string, remembering which
        // columns each one spans, to name it in an error.
        let column_of_info = "```scenario ".len() + 1;
        let mut info = String::new();
        let mut spans: Vec<(usize, &str)> = Vec::new();
        let named = [
            ("strategies", &self.strategies),
            ("heap", &self.heap),
            ("step", &self.step),
            ("panes", &self.panes),
        ];
        for (name, value) in named {
            if let Some(value) = value {
                spans.push((column_of_info + info.len(), name));
                info.push_str(&format!("{name}={} ", value.trim()));
            }
        }
        if let Some(settings) = &self.settings {
            spans.push((column_of_info + info.len(), "settings"));
            info.push_str(settings.trim());
        }
        lessons::outline::blocks::scenario(info.trim_end(), code, 1).map_err(|e| {
            let name = spans
                .iter()
                .rev()
                .find(|(from, _)| *from <= e.column)
                .map_or("strategies", |(_, name)| name);
            format!("attribute `{name}`: {}", e.message)
        })
    }
}

/// The code as an element holds it: the text between its tags, without
/// the line break that usually follows the opening tag, and with its
/// common indentation removed (the HTML around it is indented).
pub fn code_of(text: &str) -> String {
    let text = text
        .strip_prefix("\r\n")
        .or_else(|| text.strip_prefix('\n'))
        .unwrap_or(text);
    let text = text.trim_end();
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A bug in a player is said on the console of the page around it: the
/// page is someone else's, so nothing is written into it.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("allocscope's player hit a bug and stopped: {info}");
        web_sys::console::error_1(&message.into());
    }));
}

/// Props of [`Player`].
#[derive(Properties, PartialEq, Debug)]
pub struct PlayerProps {
    /// The element's code, as written.
    pub code: AttrValue,
    /// The element's attributes.
    pub attributes: Attributes,
    /// Prefixed to element ids (`p0-`).
    pub id_prefix: AttrValue,
}

/// One embedded player.
#[function_component]
pub fn Player(props: &PlayerProps) -> Html {
    let code = code_of(&props.code);
    match props.attributes.block(&code) {
        Ok(block) => html! {
            <div class="player">
                <LiveScenario block={block} id_prefix={props.id_prefix.clone()} output={true}
                    readonly={props.attributes.readonly} playground={false} />
            </div>
        },
        Err(why) => html! {
            <div class="player">
                <p class="banner error" role="alert">{ format!("This allocscope player cannot start: {why}.") }</p>
                <pre class="code-print">{ code }</pre>
            </div>
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc_sim::StrategyKind;

    #[test]
    fn no_attributes_is_a_lessons_default_block() {
        let block = Attributes::default().block("fn main() {}").unwrap();
        let fence = lessons::outline::blocks::scenario("", "fn main() {}", 1).unwrap();
        assert_eq!(block, fence);
    }

    #[test]
    fn attributes_read_as_a_fences_options() {
        let attributes = Attributes {
            strategies: Some("implicit-list,buddy".into()),
            heap: Some("2KiB".into()),
            step: Some("3".into()),
            panes: Some("code,map".into()),
            settings: Some("placement=best".into()),
            readonly: true,
        };
        let block = attributes.block("fn main() {}").unwrap();
        assert_eq!(
            block.strategies,
            [StrategyKind::ImplicitList, StrategyKind::Buddy]
        );
        assert_eq!(block.heap, 2048);
        assert_eq!(block.step, Some(3));
        assert!(block.panes.code && block.panes.map && !block.panes.log);
        assert_eq!(
            block.settings,
            [("placement".to_string(), "best".to_string())]
        );
    }

    #[test]
    fn a_wrong_attribute_is_named() {
        let wrong = |a: Attributes| a.block("fn main() {}").unwrap_err();
        let e = wrong(Attributes {
            heap: Some("12".into()),
            ..Attributes::default()
        });
        assert!(e.starts_with("attribute `heap`: "), "{e}");
        let e = wrong(Attributes {
            strategies: Some("bump".into()),
            step: Some("soon".into()),
            ..Attributes::default()
        });
        assert!(e.starts_with("attribute `step`: "), "{e}");
        let e = wrong(Attributes {
            strategies: Some("worst-fit".into()),
            ..Attributes::default()
        });
        assert!(e.starts_with("attribute `strategies`: "), "{e}");
        let e = wrong(Attributes {
            strategies: Some("bump".into()),
            settings: Some("placement=best".into()),
            ..Attributes::default()
        });
        assert!(e.starts_with("attribute `settings`: "), "{e}");
    }

    #[test]
    fn the_code_loses_the_html_around_it() {
        let text = "\n    fn main() {\n        let b = Box::new(1u8);\n    }\n  ";
        assert_eq!(code_of(text), "fn main() {\n    let b = Box::new(1u8);\n}");
        assert_eq!(code_of("fn main() {}"), "fn main() {}");
    }
}
