//! The app mounted in headless Chromium: it renders the playground, and
//! stepping, jumping and comparing reach the simulation and come back as
//! text and pixels.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

mod common;

use common::{click, root, settled, text};

wasm_bindgen_test_configure!(run_in_browser);

/// The opening example run as the app runs it: the truth the page must
/// show.
fn opening_run() -> alloc_sim::Run {
    let playground = web_ui::state::Playground::settled(std::rc::Rc::default());
    (*playground.panes[0].run).clone()
}

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
    settled(&root).await;
    root
}

#[wasm_bindgen_test]
async fn the_playground_opens_on_vec_growth_at_its_first_realloc() {
    let root = mount().await;
    assert_eq!(text(&root, "h1"), "allocscope");
    let run = opening_run();
    let n = run.calls.len();
    let first_realloc = 1 + run
        .calls
        .iter()
        .position(|c| c.op == alloc_sim::CallOp::Realloc)
        .unwrap();
    assert_eq!(
        text(&root, "#position"),
        format!("call {first_realloc} of {n}")
    );
    let log = text(&root, "#call-log");
    let first = run.own_calls().next().unwrap().addr.unwrap();
    assert!(
        log.contains(&format!("alloc(Layout {{ size: 16, align: 4 }}) → {first}")),
        "{log}"
    );
    // The runtime's calls before `main` are there, marked.
    assert!(
        log.contains("before `main`") && log.contains("runtime"),
        "{log}"
    );
    assert!(log.contains("is full at 4, grows to 8"), "{log}");
    assert!(text(&root, "#output").contains("v[3] = 30"));
    // The heap is drawn as blocks: one for each allocation live after the
    // first realloc, labelled by the call that made it (in the first pane,
    // the run's).
    let live = run.timeline.as_ref().unwrap().heap_at(first_realloc);
    let ids: std::collections::BTreeSet<_> = live
        .regions()
        .filter_map(|r| match r.role {
            alloc_sim::Role::Payload(id) => Some(id),
            _ => None,
        })
        .collect();
    let first_pane = root.query_selector(".pane").unwrap().unwrap();
    let blocks = first_pane.query_selector_all(".dia .block").unwrap();
    assert_eq!(blocks.length() as usize, ids.len());
    for (i, id) in ids.iter().enumerate() {
        let label = blocks
            .item(i as u32)
            .unwrap()
            .dyn_into::<web_sys::Element>()
            .unwrap()
            .get_attribute("aria-label")
            .unwrap();
        assert!(
            label.starts_with(&format!("allocation {id}: Layout {{")),
            "{label}"
        );
    }
}

#[wasm_bindgen_test]
async fn stepping_moves_through_the_calls_and_the_metrics_follow() {
    let root = mount().await;
    let run = opening_run();
    let n = run.calls.len();
    click(&root, "#first").await;
    assert_eq!(text(&root, "#position"), format!("call 0 of {n}"));
    // The runtime's two calls, the Vec's first buffer, its realloc to 8.
    for _ in 0..4 {
        click(&root, "#forward").await;
    }
    assert_eq!(text(&root, "#position"), format!("call 4 of {n}"));
    let live = run.metrics_at(4).live_bytes;
    assert!(
        text(&root, "#metrics").contains(&format!("live bytes{live}")),
        "{}",
        text(&root, "#metrics")
    );
    click(&root, "#call-log > li:nth-child(1)").await;
    assert_eq!(text(&root, "#position"), format!("call 1 of {n}"));
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
