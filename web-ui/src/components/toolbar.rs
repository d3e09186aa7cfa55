//! The example menu and the strategies to compare.

use alloc_sim::scenario::examples::{self, ALLOCATORS, EXAMPLES};
use alloc_sim::StrategyKind;

use crate::setup::MAX_PANES;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Why a strategy cannot be added.
const FULL: &str = "Four are shown: untick one to compare another.";

/// What [`toolbar`] draws.
#[derive(PartialEq, Debug)]
pub struct ToolbarProps {
    /// The example loaded, if unchanged.
    pub example: Option<&'static str>,
    /// The strategies shown.
    pub kinds: Vec<StrategyKind>,
    /// Load an example.
    pub on_load: Callback<&'static str>,
    /// Add or remove a strategy.
    pub on_toggle: Callback<StrategyKind>,
}

/// The example menu and a checkbox per strategy: a plain view (it keeps
/// no state), drawn as part of the page rather than as a component of its
/// own, which would cost the page its own copy of Yew's component glue.
pub fn toolbar(props: &ToolbarProps) -> Html {
    let on_change = {
        let on_load = props.on_load.clone();
        Callback::from(move |e: Event| {
            let name = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some((n, _)) = examples::all().find(|(n, _)| *n == name) {
                on_load.emit(n);
            }
        })
    };
    html! {
        <section class="toolbar" aria-label="Example and strategies">
            <label>{ "Example " }
                <select id="example" onchange={on_change} aria-label="Example scenario">
                    if props.example.is_none() { <option selected=true value="">{ "(your code)" }</option> }
                    <optgroup label="Scenarios">
                        { for EXAMPLES.iter().map(|(name, _)| html! {
                            <option value={*name} selected={props.example == Some(*name)}>{ *name }</option>
                        }) }
                    </optgroup>
                    <optgroup label="Allocators">
                        { for ALLOCATORS.iter().map(|(name, _)| html! {
                            <option value={*name} selected={props.example == Some(*name)}>{ *name }</option>
                        }) }
                    </optgroup>
                </select>
            </label>
            <fieldset class="strategies">
                <legend>{ format!("Strategies (up to {MAX_PANES}, side by side)") }</legend>
                { for StrategyKind::ALL.iter().map(|&kind| {
                    let on_toggle = props.on_toggle.clone();
                    let shown = props.kinds.contains(&kind);
                    // A fifth cannot be ticked: the box says so rather than
                    // staying ticked with no pane.
                    let full = !shown && props.kinds.len() >= MAX_PANES;
                    html! {
                        <label title={if full { FULL } else { kind.summary() }} class={classes!(full.then_some("full"))}>
                            <input type="checkbox" id={format!("strategy-{}", kind.name())}
                                checked={shown} disabled={full}
                                onchange={Callback::from(move |_| on_toggle.emit(kind))} />
                            { kind.name() }
                        </label>
                    }
                }) }
                if props.kinds.len() >= MAX_PANES {
                    <span class="hint" id="strategies-full">{ FULL }</span>
                }
            </fieldset>
        </section>
    }
}
