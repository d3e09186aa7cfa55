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
                        <label><input type="checkbox" id="large-type" checked={props.large} onchange={on_large} />{ " large type" }</label>
            <label><input type="checkbox" id="hex" checked={props.hex} onchange={{
                let on_hex = props.on_hex.clone();
                Callback::from(move |e: Event| on_hex.emit(e.target_unchecked_into::<HtmlInputElement>().checked()))
            }} />{ " hex addresses" }</label>
        </section>
    }
}
