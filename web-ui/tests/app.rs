//! The app mounted in headless Chromium: it renders, and a click reaches
//! the simulation and comes back as text.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn mount() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<web_ui::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap()
}

async fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn app_renders_an_untouched_heap() {
    let root = mount().await;
    assert_eq!(text(&root, "h1"), "allocscope");
    let map = text(&root, "#heap-map");
    assert!(map.starts_with("0x1000 ~~~~~~~~~~~~~~~~...."), "{map}");
    assert_eq!(map.lines().count(), 32);
}

#[wasm_bindgen_test]
async fn alloc_button_allocates_and_logs_the_address() {
    let root = mount().await;
    click(&root, "#alloc").await;
    click(&root, "#alloc").await;
    let log = text(&root, "#call-log");
    assert!(
        log.contains("alloc(Layout { size: 24, align: 8 }) → 0x1000"),
        "{log}"
    );
    assert!(log.contains("→ 0x1018"), "{log}");
    assert!(text(&root, "#metrics").contains("48"));
    assert!(text(&root, "#heap-map").starts_with("0x1000 AAAAAAAAAAAAAAAAAAAAAAAABBBBBBBB"));
    click(&root, "#free").await;
    assert!(text(&root, "#call-log").contains("dealloc(0x1000, Layout { size: 24, align: 8 })"));
}
