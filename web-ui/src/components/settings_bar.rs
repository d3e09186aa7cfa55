//! Heap size and the strategies' settings, for every pane.

use alloc_sim::units::Bytes;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::{Setup, HEAP_SIZES};

/// Props of [`SettingsBar`].
#[derive(Properties, PartialEq, Debug)]
pub struct SettingsBarProps {
    /// The current setup.
    pub setup: Setup,
    /// A new setup was chosen.
    pub on_change: Callback<Setup>,
    /// Large type for projecting.
    pub large: bool,
    /// Toggle large type.
    pub on_large: Callback<bool>,
    /// Addresses in hex.
    pub hex: bool,
    /// Toggle hex addresses.
    pub on_hex: Callback<bool>,
    /// Bytes per cell of the maps (`None`: fit).
    pub zoom: Option<u64>,
    /// Change the zoom.
    pub on_zoom: Callback<Option<u64>>,
}

/// Props of [`PaneSettings`].
#[derive(Properties, PartialEq, Debug)]
pub struct PaneSettingsProps {
    /// The strategy whose settings these are.
    pub kind: alloc_sim::StrategyKind,
    /// Its setup.
    pub setup: Setup,
    /// A new setup was chosen for it.
    pub on_change: Callback<Setup>,
    /// The strategies shown, to know whether a variant is already beside it.
    pub shown: Vec<alloc_sim::StrategyKind>,
    /// Switch this pane to a variant of its strategy (first fit with or
    /// without C-style headers).
    pub on_swap: Callback<alloc_sim::StrategyKind>,
}

/// One strategy's own heap size and the settings that apply to it.
#[function_component]
pub fn PaneSettings(props: &PaneSettingsProps) -> Html {
    use alloc_sim::StrategyKind;
    let (setup, kind) = (props.setup, props.kind);
    let pick = |what: &str, options: Vec<u64>, current: u64, apply: fn(Setup, u64) -> Setup| {
        let on_change = props.on_change.clone();
        html! {
            <select id={format!("{what}-{}", kind.name())} aria-label={format!("{what} for {}", kind.name())}
                onchange={Callback::from(move |e: Event| {
                    if let Ok(v) = e.target_unchecked_into::<HtmlSelectElement>().value().parse::<u64>() {
                        on_change.emit(apply(setup, v));
                    }
                })}>
                { for options.into_iter().map(|v| html! { <option value={v.to_string()} selected={v == current}>{ Bytes(v).to_string() }</option> }) }
            </select>
        }
    };
    let paged = matches!(kind, StrategyKind::SizeClass | StrategyKind::Jemalloc);
    html! {
        <p class="pane-settings">
            { "heap " }{ pick("heap", HEAP_SIZES.to_vec(), setup.heap, |s, v| Setup { heap: v, ..s }) }
            if paged { { " page " }{ pick("page", vec![256, 512, 1024, 4096], setup.settings.page_size, |mut s, v| { s.settings.page_size = v; s }) } }
            if kind == StrategyKind::Jemalloc {
                <label>{ " tcache " }<input type="checkbox" id={format!("tcache-{}", kind.name())} checked={setup.settings.tcache} onchange={{
                    let on_change = props.on_change.clone();
                    Callback::from(move |e: Event| {
                        let mut next = setup;
                        next.settings.tcache = e.target_unchecked_into::<HtmlInputElement>().checked();
                        on_change.emit(next);
                    })
                }} /></label>
            }
            if kind == StrategyKind::ImplicitList {
                { " placement " }
                <select id={format!("placement-{}", kind.name())} aria-label="placement policy of implicit-list"
                    onchange={{
                        let on_change = props.on_change.clone();
                        Callback::from(move |e: Event| {
                            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                            if let Some(p) = alloc_sim::strategy::Placement::from_name(&value) {
                                let mut next = setup;
                                next.settings.placement = p;
                                on_change.emit(next);
                            }
                        })
                    }}>
                    { for alloc_sim::strategy::Placement::ALL.iter().map(|p| html! {
                        <option value={p.name()} selected={*p == setup.settings.placement}>{ format!("{} fit", p.name()) }</option>
                    }) }
                </select>
            }
            if let Some((other, headers)) = first_fit_variant(kind) {
                <label title="first fit with a header on each block, glibc-style, or linked_list_allocator's headerless blocks">{ " headers " }
                    <input type="checkbox" id={format!("headers-{}", kind.name())} checked={headers}
                        disabled={props.shown.contains(&other)}
                        onchange={{
                            let on_swap = props.on_swap.clone();
                            Callback::from(move |_: Event| on_swap.emit(other))
                        }} />
                </label>
            }
        </p>
    }
}

/// For the two first-fit strategies: the other one, and whether this one
/// keeps headers.
pub fn first_fit_variant(kind: alloc_sim::StrategyKind) -> Option<(alloc_sim::StrategyKind, bool)> {
    use alloc_sim::StrategyKind::{FirstFit, FirstFitHeaders};
    match kind {
        FirstFit => Some((FirstFitHeaders, false)),
        FirstFitHeaders => Some((FirstFit, true)),
        _ => None,
    }
}

/// Selects and checkboxes for the heap and the strategies.
#[function_component]
pub fn SettingsBar(props: &SettingsBarProps) -> Html {
    let setup = props.setup;
    let select = |id: &str,
                  label: &str,
                  options: Vec<(u64, String)>,
                  current: u64,
                  apply: fn(Setup, u64) -> Setup| {
        let on_change = props.on_change.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Ok(v) = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse::<u64>()
            {
                on_change.emit(apply(setup, v));
            }
        });
        html! {
            <label>{ format!("{label} ") }
                <select id={id.to_string()} onchange={onchange}>
                    { for options.into_iter().map(|(v, text)| html! { <option value={v.to_string()} selected={v == current}>{ text }</option> }) }
                </select>
            </label>
        }
    };
    let heaps = HEAP_SIZES
        .iter()
        .map(|&h| (h, Bytes(h).to_string()))
        .collect();
    let pages = [256u64, 512, 1024, 4096]
        .iter()
        .map(|&p| (p, Bytes(p).to_string()))
        .collect();
    let arenas = (1..=8u64).map(|n| (n, n.to_string())).collect();
    let on_tcache = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let mut next = setup;
            next.settings.tcache = e.target_unchecked_into::<HtmlInputElement>().checked();
            on_change.emit(next);
        })
    };
    let on_large = {
        let on_large = props.on_large.clone();
        Callback::from(move |e: Event| {
            on_large.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    html! {
        <section class="settings" aria-label="Heap and strategy settings">
            { select("heap-size", "Heap", heaps, setup.heap, |s, v| Setup { heap: v, ..s }) }
            { select("page-size", "Page (size-class, jemalloc)", pages, setup.settings.page_size, |mut s, v| { s.settings.page_size = v; s }) }
            { select("arenas", "Arenas (jemalloc)", arenas, u64::from(setup.settings.arenas), |mut s, v| { s.settings.arenas = v as u32; s }) }
            <label><input type="checkbox" id="tcache" checked={setup.settings.tcache} onchange={on_tcache} />{ " thread caches (jemalloc)" }</label>
                                    <label>{ "Cell " }
                <select id="zoom" onchange={{
                    let on_zoom = props.on_zoom.clone();
                    Callback::from(move |e: Event| {
                        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                        on_zoom.emit(value.parse::<u64>().ok());
                    })
                }}>
                    <option value="fit" selected={props.zoom.is_none()}>{ "fit the heap" }</option>
                    { for [1u64, 4, 16, 64, 256].iter().map(|&b| html! {
                        <option value={b.to_string()} selected={props.zoom == Some(b)}>{ format!("{b} B a cell") }</option>
                    }) }
                </select>
            </label>
            <label><input type="checkbox" id="large-type" checked={props.large} onchange={on_large} />{ " large type" }</label>
            <label><input type="checkbox" id="hex" checked={props.hex} onchange={{
                let on_hex = props.on_hex.clone();
                Callback::from(move |e: Event| on_hex.emit(e.target_unchecked_into::<HtmlInputElement>().checked()))
            }} />{ " hex addresses" }</label>
        </section>
    }
}
