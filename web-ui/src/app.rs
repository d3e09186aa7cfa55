//! The first screen: pick a strategy, allocate and free, watch the bytes.

use alloc_sim::{ascii_map, LayoutSpec, StrategyKind};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::{parse_request_size, Action, Playground, HEAP_SIZE, PAGE_SIZE};

/// The whole app.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(Playground::default);
    let size_text = use_state(|| "24".to_string());
    let size_error = use_state(|| None::<String>);

    let on_strategy = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let name = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(kind) = StrategyKind::from_name(&name) {
                state.dispatch(Action::Choose(kind));
            }
        })
    };
    let on_size = {
        let size_text = size_text.clone();
        Callback::from(move |e: InputEvent| {
            size_text.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_alloc = {
        let (state, size_text, size_error) = (state.clone(), size_text.clone(), size_error.clone());
        Callback::from(move |_| match parse_request_size(&size_text) {
            Ok(size) => {
                size_error.set(None);
                state.dispatch(Action::Alloc(LayoutSpec { size, align: 8 }));
            }
            Err(e) => size_error.set(Some(e)),
        })
    };
    let on_free = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::FreeOldest))
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Reset))
    };

    let map = ascii_map::render(state.sim.heap(), 32, 32).join("\n");
    let m = state.sim.metrics();
    let rows = [
        (
            "live bytes",
            m.live_bytes.to_string(),
            "requested bytes of live allocations",
        ),
        (
            "peak live bytes",
            m.peak_live_bytes.to_string(),
            "max of live bytes so far",
        ),
        ("free", m.total_free.to_string(), "bytes in all holes"),
        (
            "largest hole",
            m.largest_free.to_string(),
            "the biggest block that can still be allocated",
        ),
        (
            "external fragmentation",
            format!("{:.2}", m.external_fragmentation()),
            "1 − largest hole / free",
        ),
        (
            "padding + slack + metadata",
            m.internal_fragmentation().to_string(),
            "bytes used but not asked for",
        ),
        (
            "holes examined",
            m.search_steps.to_string(),
            "search steps over all calls",
        ),
    ];

    html! {
        <main class="app">
            <header>
                <h1>{ "allocscope" }</h1>
                <p class="tagline">{ "Watch a memory allocator manage a heap, byte by byte." }</p>
            </header>
            <section class="controls" aria-label="Allocator controls">
                <label>{ "Strategy " }
                    <select id="strategy" onchange={on_strategy} aria-label="Allocation strategy">
                        { for StrategyKind::ALL.iter().map(|k| html! {
                            <option value={k.name()} selected={*k == state.kind}>{ k.name() }</option>
                        }) }
                    </select>
                </label>
                <label>{ "Size (bytes) " }
                    <input id="size" type="number" min="1" max={HEAP_SIZE.to_string()} value={(*size_text).clone()} oninput={on_size} aria-label="Request size in bytes" />
                </label>
                <button id="alloc" onclick={on_alloc}>{ "alloc" }</button>
                <button id="free" onclick={on_free}>{ "free oldest" }</button>
                <button id="reset" onclick={on_reset}>{ "reset" }</button>
                if let Some(e) = (*size_error).clone() { <p class="error" role="alert">{ e }</p> }
                <p class="summary">{ state.kind.summary() }</p>
            </section>
            <section class="heap" aria-label="Heap map">
                <h2>{ format!("Heap: {HEAP_SIZE} bytes at 0x1000, one byte per character") }</h2>
                <p class="note">{ format!("Strategies that work in pages use {PAGE_SIZE}-byte pages here, so that this small heap holds several; real ones use 4 KiB.") }</p>
                <pre id="heap-map">{ map }</pre>
                <p class="legend">{ ascii_map::LEGEND }</p>
            </section>
            <section class="metrics" aria-label="Metrics">
                <table id="metrics">
                    { for rows.iter().map(|(name, value, formula)| html! {
                        <tr title={*formula}><th>{ *name }</th><td>{ value.clone() }</td></tr>
                    }) }
                </table>
            </section>
            <section class="log" aria-label="Call log">
                <h2>{ "Calls" }</h2>
                <ol id="call-log">
                    { for state.log.iter().map(|line| html! {
                        <li class={if line.ok { "ok" } else { "failed" }}>
                            <code>{ &line.call }</code>
                            <ul>{ for line.events.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
                        </li>
                    }) }
                </ol>
            </section>
        </main>
    }
}
