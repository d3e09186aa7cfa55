//! Components generated from what the strategies declare, mounted in
//! headless Chromium: each pane's settings row has a control for every
//! setting its strategy declares, the legend explains exactly the classes
//! and marks of the strategies shown, and the heap panes show settings
//! only where the learner may change them.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use alloc_sim::{Addr, RoleClass, StrategyKind};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use web_ui::components::heap_panes::{
    heap_panes as heap_panes_view, Configure, Heading, HeapPanesProps,
};
use web_ui::components::legend::{legend as legend_view, LegendProps};
use web_ui::components::settings_bar::{pane_settings as pane_settings_view, PaneSettingsProps};
use web_ui::setup::Setup;
use web_ui::state::{MapView, Playground};
use yew::Callback;

mod common;

use common::{click, root, text};

wasm_bindgen_test_configure!(run_in_browser);

/// How many elements under `root` match `selector`.
fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

/// An attribute of each element matching `selector` under `root`.
fn attributes(root: &Element, selector: &str, name: &str) -> Vec<String> {
    let found = root.query_selector_all(selector).unwrap();
    (0..found.length())
        .map(|i| {
            let node = found.item(i).unwrap();
            let element = wasm_bindgen::JsCast::dyn_into::<Element>(node).unwrap();
            element.get_attribute(name).unwrap_or_default()
        })
        .collect()
}

/// The texts of the elements matching `selector` under `root`, in order.
fn texts(root: &Element, selector: &str) -> Vec<String> {
    let found = root.query_selector_all(selector).unwrap();
    (0..found.length())
        .map(|i| found.item(i).unwrap().text_content().unwrap())
        .collect()
}

/// A pane's settings row, mounted as the heap panes mount it.
#[derive(yew::Properties, PartialEq)]
struct Settings {
    props: Rc<PaneSettingsProps>,
}

#[yew::function_component]
fn PaneSettings(settings: &Settings) -> yew::Html {
    pane_settings_view(&settings.props)
}

async fn pane_settings(kind: StrategyKind, on_swap: Option<Callback<StrategyKind>>) -> Element {
    let root = root();
    yew::Renderer::<PaneSettings>::with_root_and_props(
        root.clone(),
        Settings {
            props: Rc::new(PaneSettingsProps {
                kind,
                setup: Setup::for_kind(kind, &Setup::default()),
                on_change: Callback::noop(),
                shown: vec![kind],
                on_swap,
            }),
        },
    )
    .render();
    yew::scheduler::flush().await;
    root
}

#[wasm_bindgen_test]
async fn every_strategy_s_settings_row_has_one_control_per_setting_it_declares() {
    for kind in StrategyKind::ALL {
        let root = pane_settings(kind, None).await;
        let name = kind.name();
        // Its heap first, then each declared setting, `<key>-<strategy>`.
        let mut expected = vec![format!("heap-{name}")];
        expected.extend(kind.settings().iter().map(|s| format!("{}-{name}", s.key)));
        assert_eq!(
            attributes(&root, ".pane-settings select, .pane-settings input", "id"),
            expected,
            "{kind}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_strategy_with_a_sibling_gets_its_switch_only_where_switching_is_offered() {
    for kind in StrategyKind::ALL {
        let Some(toggle) = kind.toggle() else {
            continue;
        };
        let switch = format!("#{}-{}", toggle.label, kind.name());
        let with = pane_settings(kind, Some(Callback::noop())).await;
        assert!(with.query_selector(&switch).unwrap().is_some(), "{kind}");
        let without = pane_settings(kind, None).await;
        assert!(without.query_selector(&switch).unwrap().is_none(), "{kind}");
    }
}

/// The legend's view, mounted as the heap panes mount it.
#[derive(yew::Properties, PartialEq)]
struct Shown {
    kinds: Vec<StrategyKind>,
    also: Vec<RoleClass>,
}

#[yew::function_component]
fn Legend(props: &Shown) -> yew::Html {
    legend_view(&LegendProps {
        kinds: props.kinds.clone(),
        also: props.also.clone(),
    })
}

async fn legend(kinds: Vec<StrategyKind>, also: Vec<RoleClass>) -> Vec<String> {
    let root = root();
    yew::Renderer::<Legend>::with_root_and_props(root.clone(), Shown { kinds, also }).render();
    yew::scheduler::flush().await;
    texts(&root, ".legend .swatch-item")
}

/// What the legend must say for `kinds`: the classes they declare, in the
/// role map's order, then their marks.
fn declared(kinds: &[StrategyKind], also: &[RoleClass]) -> Vec<String> {
    let classes = RoleClass::ALL
        .into_iter()
        .filter(|c| also.contains(c) || kinds.iter().any(|k| k.roles().contains(c)));
    let marks = kinds
        .iter()
        .flat_map(|k| k.marks().iter().map(|m| m.legend));
    classes
        .map(|c| c.legend())
        .chain(marks)
        .map(String::from)
        .collect()
}

#[wasm_bindgen_test]
async fn the_legend_lists_exactly_the_classes_and_marks_of_the_strategies_shown() {
    for kind in StrategyKind::ALL {
        assert_eq!(
            legend(vec![kind], vec![]).await,
            declared(&[kind], &[]),
            "{kind}"
        );
    }
    // Side by side, a class two strategies declare is explained once.
    let all = StrategyKind::ALL.to_vec();
    assert_eq!(legend(all.clone(), vec![]).await, declared(&all, &[]));
    // A class painted by a client (a bump arena's chunk) is added.
    let with_arena = legend(vec![StrategyKind::Bump], vec![RoleClass::ArenaFree]).await;
    assert!(with_arena.contains(&RoleClass::ArenaFree.legend().to_string()));
}

/// The heap panes' view, mounted as the playground and lessons mount it.
#[derive(yew::Properties, PartialEq)]
struct Panes {
    props: Rc<HeapPanesProps>,
}

#[yew::function_component]
fn HeapPanes(panes: &Panes) -> yew::Html {
    heap_panes_view(&panes.props)
}

async fn heap_panes(
    configure: bool,
    heading: Heading,
    on_inspect: Callback<(StrategyKind, Addr)>,
) -> Element {
    let kinds = [StrategyKind::FirstFit, StrategyKind::Jemalloc];
    let state = Playground::settled(Rc::new(Playground::new("vec_growth.rs", &kinds)));
    let root = root();
    let props = HeapPanesProps {
        panes: state.panes.clone(),
        at_end: true,
        hex: true,
        map: MapView::Bytes(None),
        described_by: None,
        id_prefix: yew::AttrValue::default(),
        pane_px: 600.0,
        heading,
        on_inspect,
        configure: configure.then(|| Configure {
            setups: kinds.iter().map(|&k| (k, state.setup_of(k))).collect(),
            on_change: Callback::noop(),
        }),
        on_swap: configure.then(Callback::noop),
    };
    yew::Renderer::<HeapPanes>::with_root_and_props(
        root.clone(),
        Panes {
            props: Rc::new(props),
        },
    )
    .render();
    yew::scheduler::flush().await;
    root
}

#[wasm_bindgen_test]
async fn the_playground_s_panes_have_settings_and_a_lesson_s_do_not() {
    let picked = Rc::new(RefCell::new(Vec::new()));
    let on_inspect = {
        let picked = picked.clone();
        Callback::from(move |at| picked.borrow_mut().push(at))
    };
    let playground = heap_panes(true, Heading::H2, on_inspect).await;
    assert_eq!(texts(&playground, ".pane h2"), ["first-fit", "jemalloc"]);
    assert_eq!(
        text(&playground, ".pane .summary"),
        StrategyKind::FirstFit.summary()
    );
    assert_eq!(count(&playground, ".pane .pane-settings"), 2);
    assert_eq!(count(&playground, "#heap-jemalloc"), 1);
    assert_eq!(count(&playground, ".pane canvas"), 2);
    assert_eq!(count(&playground, ".legend"), 1);
    // Picking a byte of a map inspects it in that pane's strategy.
    click(&playground, "[aria-label='Heap under jemalloc'] canvas").await;
    let base = Playground::new("vec_growth.rs", &[StrategyKind::Jemalloc]).panes[0]
        .at_cursor
        .base();
    assert_eq!(picked.borrow().as_slice(), [(StrategyKind::Jemalloc, base)]);

    let lesson = heap_panes(false, Heading::H3, Callback::noop()).await;
    assert_eq!(texts(&lesson, ".pane h3"), ["first-fit", "jemalloc"]);
    assert_eq!(count(&lesson, ".pane-settings"), 0);
    assert_eq!(count(&lesson, ".pane canvas"), 2);
    assert_eq!(count(&lesson, ".legend"), 1);
    assert_eq!(
        attributes(&lesson, ".pane", "aria-label"),
        ["Heap under first-fit", "Heap under jemalloc"]
    );
}
