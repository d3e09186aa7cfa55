//! The code pane where CodeMirror's bundle cannot load (the test server
//! has no `editor.js`): its textarea stays the editor, with the id, the
//! error and the typing the pages rely on.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, EventInit, HtmlTextAreaElement};
use web_ui::components::code_pane::{CodePane, CodePaneProps};
use web_ui::view::CodeError;
use yew::Callback;

mod common;

use common::{root, text};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the failed import of `editor.js` come back (a local 404).
async fn a_while() {
    for _ in 0..40 {
        common::next_turn().await;
        yew::scheduler::flush().await;
    }
}

#[wasm_bindgen_test]
async fn without_its_bundle_the_editor_is_a_textarea_that_shows_the_error_and_takes_typing() {
    let root = root();
    let typed = Rc::new(RefCell::new(Vec::<String>::new()));
    let seen = typed.clone();
    yew::Renderer::<CodePane>::with_root_and_props(
        root.clone(),
        CodePaneProps {
            source: "fn main() {\n    let v = undefined_thing;\n}".into(),
            current_line: None,
            error: Some(CodeError {
                line: 2,
                column: 13,
                message: "cannot find value `undefined_thing`".into(),
            }),
            on_edit: Callback::from(move |text| seen.borrow_mut().push(text)),
            id_prefix: "t-".into(),
        },
    )
    .render();
    a_while().await;
    assert!(root.query_selector(".cm-editor").unwrap().is_none());
    let area = root
        .query_selector("textarea#t-code")
        .unwrap()
        .expect("the textarea stays")
        .dyn_into::<HtmlTextAreaElement>()
        .unwrap();
    assert_eq!(area.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(text(&root, ".highlight .wrong"), "undefined_thing;");
    area.set_value("fn main() {}");
    // As typing sends it: bubbling, to where Yew listens.
    let init = EventInit::new();
    init.set_bubbles(true);
    let input = Event::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&input).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(*typed.borrow(), ["fn main() {}"]);
}
