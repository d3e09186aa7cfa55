//! The embedded player as a page meets it: a good element runs its program
//! and steps; a wrong attribute is named in the player instead of a heap;
//! `readonly` shows the code without an editor.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_ui::embed::{Attributes, Player, PlayerProps};

mod common;

use common::{appeared, click, root, text};

wasm_bindgen_test_configure!(run_in_browser);

const PROGRAM: &str = "\n  fn main() {\n      let a = Box::new(1u64);\n      drop(a);\n  }\n";

fn mount(attributes: Attributes) -> web_sys::Element {
    let root = root();
    yew::Renderer::<Player>::with_root_and_props(
        root.clone(),
        PlayerProps {
            code: PROGRAM.into(),
            attributes,
            id_prefix: "e-".into(),
        },
    )
    .render();
    root
}

#[wasm_bindgen_test]
async fn a_player_runs_its_program_and_steps() {
    let root = mount(Attributes {
        strategies: Some("bump,first-fit".into()),
        heap: Some("1KiB".into()),
        step: Some("0".into()),
        ..Attributes::default()
    });
    appeared(&root, "#e-position").await;
    let at_start = text(&root, "#e-position");
    assert!(at_start.starts_with("call 0 of "), "{at_start}");
    // The runtime's two calls, then the box's alloc and dealloc.
    let total: usize = at_start.rsplit(' ').next().unwrap().parse().unwrap();
    assert_eq!(total, 4, "{at_start}");
    assert_eq!(root.query_selector_all(".pane").unwrap().length(), 2);
    click(&root, "#e-last").await;
    assert_eq!(text(&root, "#e-position"), "call 4 of 4");
    // No playground beside an embedded player.
    assert!(root.query_selector(".live-actions a").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_wrong_attribute_is_named_in_the_player() {
    let root = mount(Attributes {
        heap: Some("12".into()),
        ..Attributes::default()
    });
    appeared(&root, "[role=alert]").await;
    let said = text(&root, "[role=alert]");
    assert!(said.contains("attribute `heap`"), "{said}");
    assert!(root.query_selector(".pane").unwrap().is_none());
    assert!(text(&root, "pre").starts_with("fn main() {"));
}

#[wasm_bindgen_test]
async fn a_readonly_player_shows_its_code_without_an_editor() {
    let root = mount(Attributes {
        readonly: true,
        ..Attributes::default()
    });
    appeared(&root, "#e-position").await;
    assert!(root.query_selector("textarea").unwrap().is_none());
    assert_eq!(
        text(&root, "#e-code"),
        "fn main() {\n    let a = Box::new(1u64);\n    drop(a);\n}"
    );
}
