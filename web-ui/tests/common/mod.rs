//! What the browser tests share: a root to mount into, reading an
//! element's text, and clicking one.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// A fresh `<div>` in the page's body.
pub fn root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// The text of the first element matching `selector` under `root`.
pub fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap()
}

/// Clicks the first element matching `selector`, then lets Yew render and
/// the engine answer any run the click asked for.
#[allow(dead_code)]
pub async fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    settled(root).await;
}

/// Lets Yew render, then waits (turn by turn of the event loop) until no
/// element under `root` is busy: every run asked of the engine has arrived.
pub async fn settled(root: &Element) {
    for _ in 0..1000 {
        yew::scheduler::flush().await;
        if root
            .query_selector("[aria-busy=\"true\"]")
            .unwrap()
            .is_none()
        {
            return;
        }
        next_turn().await;
    }
    panic!("the engine never answered");
}

/// Waits (turn by turn of the event loop) until an element matches
/// `selector` under `root` and nothing is busy: for work started by an
/// effect after the first render, which [`settled`] alone may not see.
#[allow(dead_code)]
pub async fn appeared(root: &Element, selector: &str) {
    for _ in 0..1000 {
        settled(root).await;
        if root.query_selector(selector).unwrap().is_some() {
            return;
        }
        next_turn().await;
    }
    panic!("{selector} never appeared");
}

/// Waits one turn of the event loop (5 ms).
pub async fn next_turn() {
    let turn = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 5)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(turn).await.unwrap();
}
