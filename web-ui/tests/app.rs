//! The app mounted in headless Chromium: it renders the playground, and
//! stepping, jumping and comparing reach the simulation and come back as
//! text and pixels.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlCanvasElement};

mod common;

use common::{click, root, text};

wasm_bindgen_test_configure!(run_in_browser);

async fn mount() -> Element {
    // Start from the built-in example, not from code saved by another test.
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item(web_ui::app::STORAGE_KEY);
    let root = root();
    yew::Renderer::<web_ui::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

#[wasm_bindgen_test]
async fn the_playground_opens_on_vec_growth_run_to_the_end() {
    let root = mount().await;
    assert_eq!(text(&root, "h1"), "allocscope");
    assert_eq!(text(&root, "#position"), "call 4 of 4");
    let log = text(&root, "#call-log");
    assert!(
        log.contains("alloc(Layout { size: 16, align: 4 }) → 0x1000"),
        "{log}"
    );
    assert!(log.contains("is full at 4, grows to 8"), "{log}");
    assert!(text(&root, "#output").contains("v[3] = 30"));
    let canvas = root
        .query_selector(".pane canvas")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlCanvasElement>()
        .unwrap();
    assert_eq!((canvas.width(), canvas.height()), (512, 512));
}

#[wasm_bindgen_test]
async fn stepping_moves_through_the_calls_and_the_metrics_follow() {
    let root = mount().await;
    click(&root, "#first").await;
    assert_eq!(text(&root, "#position"), "call 0 of 4");
    click(&root, "#forward").await;
    click(&root, "#forward").await;
    assert_eq!(text(&root, "#position"), "call 2 of 4");
    // After the realloc to 8 elements: 32 live bytes.
    assert!(
        text(&root, "#metrics").contains("live bytes32"),
        "{}",
        text(&root, "#metrics")
    );
    click(&root, "#call-log > li:nth-child(1)").await;
    assert_eq!(text(&root, "#position"), "call 1 of 4");
}

#[wasm_bindgen_test]
async fn ticking_a_strategy_adds_a_pane_and_a_column() {
    let root = mount().await;
    click(&root, "#strategy-jemalloc").await;
    assert_eq!(root.query_selector_all(".pane").unwrap().length(), 2);
    let header = text(&root, "#metrics thead");
    assert!(
        header.contains("first-fit") && header.contains("jemalloc"),
        "{header}"
    );
}
