//! Heap size and the strategies' settings: the shared row for every pane,
//! and each pane's own, generated from what the strategy declares
//! (`alloc_sim::strategy::Described`), so a new setting needs nothing here.

use alloc_sim::strategy::{SettingKind, SettingSpec, SettingValue};
use alloc_sim::units::Bytes;
use alloc_sim::StrategyKind;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::setup::{Setup, HEAP_SIZES};
use crate::state::MapView;

/// What [`settings_bar`] draws.
#[derive(PartialEq, Debug)]
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
    /// How the heaps are drawn.
    pub map: MapView,
    /// Draw them another way.
    pub on_map: Callback<MapView>,
    /// Start presenting: the heaps, their calls and legend, large.
    pub on_present: Callback<()>,
}

/// What [`pane_settings`] draws.
#[derive(PartialEq, Debug)]
pub struct PaneSettingsProps {
    /// The strategy whose settings these are.
    pub kind: StrategyKind,
    /// Its setup.
    pub setup: Setup,
    /// A new setup was chosen for it.
    pub on_change: Callback<Setup>,
    /// The strategies shown, to know whether a sibling is already beside it.
    pub shown: Vec<StrategyKind>,
    /// Switch this pane to its sibling (first fit with or without C-style
    /// headers); `None` offers no switch.
    pub on_swap: Option<Callback<StrategyKind>>,
}

/// The values a menu offers for a setting, the current one among them.
pub fn offered(spec: &SettingSpec, current: SettingValue) -> Vec<SettingValue> {
    let mut values: Vec<SettingValue> = match spec.kind {
        SettingKind::Bytes { offered, .. } => {
            offered.iter().map(|&b| SettingValue::Bytes(b)).collect()
        }
        SettingKind::Count { min, max, .. } => {
            (min..=max.min(min + 7)).map(SettingValue::Count).collect()
        }
        SettingKind::Flag { .. } => vec![SettingValue::Flag(false), SettingValue::Flag(true)],
        SettingKind::Choice { options, .. } => {
            options.iter().map(|o| SettingValue::Choice(o)).collect()
        }
    };
    if !values.contains(&current) {
        let at = values.partition_point(|v| *v < current);
        values.insert(at, current);
    }
    values
}

/// A value as a menu shows it.
fn shown(value: SettingValue) -> String {
    match value {
        SettingValue::Bytes(b) => Bytes(b).to_string(),
        SettingValue::Count(n) => n.to_string(),
        SettingValue::Flag(on) => if on { "on" } else { "off" }.to_string(),
        SettingValue::Choice(name) => name.to_string(),
    }
}

/// One setting's control, for `kind`'s pane: a checkbox for a flag, a menu
/// for the rest. Its id is `<key>-<strategy>`.
fn control(
    kind: StrategyKind,
    spec: &'static SettingSpec,
    setup: &Setup,
    on_change: &Callback<Setup>,
) -> Html {
    let current = setup.settings.get(spec);
    let id = format!("{}-{}", spec.key, kind.name());
    let apply = {
        let (setup, on_change) = (setup.clone(), on_change.clone());
        move |value: SettingValue| {
            let mut next = setup.clone();
            if next.settings.set(spec, value).is_ok() {
                on_change.emit(next);
            }
        }
    };
    if let SettingKind::Flag { .. } = spec.kind {
        let onchange = Callback::from(move |e: Event| {
            apply(SettingValue::Flag(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        });
        return html! {
            <label title={spec.help}>{ format!(" {} ", spec.label) }
                <input type="checkbox" id={id} checked={current == SettingValue::Flag(true)} {onchange} />
            </label>
        };
    }
    let onchange = Callback::from(move |e: Event| {
        let text = e.target_unchecked_into::<HtmlSelectElement>().value();
        if let Ok(value) = spec.parse(&text) {
            apply(value);
        }
    });
    html! {
        <label title={spec.help}>{ format!(" {} ", spec.label) }
            <select id={id} aria-label={format!("{} for {}", spec.label, kind.name())} {onchange}>
                { for offered(spec, current).into_iter().map(|v| html! {
                    <option value={spec.format(v)} selected={v == current}>{ shown(v) }</option>
                }) }
            </select>
        </label>
    }
}

/// A menu of heap sizes that sends `setup` with the size picked.
fn heap_select(id: &str, label: &str, setup: &Setup, on_change: &Callback<Setup>) -> Html {
    let onchange = {
        let (setup, on_change) = (setup.clone(), on_change.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Ok(heap) = value.parse::<u64>() {
                on_change.emit(Setup {
                    heap,
                    ..setup.clone()
                });
            }
        })
    };
    // A size from a share link or a lesson that the menu lacks is shown too.
    let mut sizes = HEAP_SIZES.to_vec();
    if !sizes.contains(&setup.heap) {
        let at = sizes.partition_point(|&v| v < setup.heap);
        sizes.insert(at, setup.heap);
    }
    html! {
        <select id={id.to_string()} aria-label={label.to_string()} {onchange}>
            { for sizes.iter().map(|&v| html! { <option value={v.to_string()} selected={v == setup.heap}>{ Bytes(v).to_string() }</option> }) }
        </select>
    }
}

/// One strategy's own heap size and the settings it declares: a plain
/// view, redrawn with its pane.
pub fn pane_settings(props: &PaneSettingsProps) -> Html {
    let (setup, kind) = (&props.setup, props.kind);
    let toggle = props.on_swap.as_ref().and_then(|on_swap| {
        let toggle = kind.toggle()?;
        Some((
            toggle,
            StrategyKind::from_name(toggle.other)?,
            on_swap.clone(),
        ))
    });
    html! {
        <>
        <p class="pane-settings">
            { "heap " }
            { heap_select(&format!("heap-{}", kind.name()), &format!("heap for {}", kind.name()), setup, &props.on_change) }
            { for kind.settings().iter().map(|spec| control(kind, spec, setup, &props.on_change)) }
            if let Some((toggle, other, on_swap)) = toggle {
                <label title={toggle.help}>{ format!(" {} ", toggle.label) }
                    <input type="checkbox" id={format!("{}-{}", toggle.label, kind.name())} checked={toggle.checked}
                        disabled={props.shown.contains(&other)}
                        onchange={on_swap.reform(move |_: Event| other)} />
                </label>
            }
        </p>
        <details class="settings-help">
            <summary>{ "What these settings mean" }</summary>
            <ul>
                { for help_lines(kind).into_iter().map(|(label, help)| html! {
                    <li><strong>{ label }</strong>{ ": " }{ help }</li>
                }) }
            </ul>
        </details>
        </>
    }
}

/// One line of help for each setting a strategy's pane shows: its heap,
/// each setting it declares, and its sibling's checkbox.
pub fn help_lines(kind: StrategyKind) -> Vec<(&'static str, &'static str)> {
    let mut lines = vec![(
        "heap",
        "the bytes this strategy manages: the same program runs in each pane, each on its own heap",
    )];
    lines.extend(kind.settings().iter().map(|spec| (spec.label, spec.help)));
    if let Some(toggle) = kind.toggle() {
        lines.push((toggle.label, toggle.help));
    }
    lines
}

/// The heap size for every pane, and how the maps are drawn: a plain view,
/// as [`toolbar`](super::toolbar::toolbar) is.
pub fn settings_bar(props: &SettingsBarProps) -> Html {
    let on_large = {
        let on_large = props.on_large.clone();
        Callback::from(move |e: Event| {
            on_large.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    html! {
        <section class="settings" aria-label="Heap and strategy settings">
            <label title="The bytes each strategy manages: every pane runs the same program on a heap of this size (a pane can pick its own)">{ "Heap " }
                { heap_select("heap-size", "heap for every strategy", &props.setup, &props.on_change) }
            </label>
            <label title="Blocks: each allocation a labelled rectangle, free-list links as arrows. Every byte: one cell a byte (or a few), to see exactly where each lies.">{ "Draw " }
                <select id="map" onchange={{
                    let on_map = props.on_map.clone();
                    Callback::from(move |e: Event| {
                        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                        if let Some(map) = MapView::parse(&value) {
                            on_map.emit(map);
                        }
                    })
                }}>
                    { for MapView::CHOICES.iter().map(|&(map, value, text)| html! {
                        <option value={value} selected={props.map == map}>{ text }</option>
                    }) }
                </select>
            </label>
            <label title="Larger text everywhere, for the back of a room"><input type="checkbox" id="large-type" checked={props.large} onchange={on_large} />{ " large type" }</label>
            <button id="present" title="For a projector: only the heaps, the call each shows and the legend, large; ← and → step (the P key does the same)"
                onclick={props.on_present.reform(|_| ())}>{ "Present (P)" }</button>
            <label title="Addresses in hexadecimal (0x1040), as debuggers print them, or in decimal (4160)"><input type="checkbox" id="hex" checked={props.hex} onchange={{
                let on_hex = props.on_hex.clone();
                Callback::from(move |e: Event| on_hex.emit(e.target_unchecked_into::<HtmlInputElement>().checked()))
            }} />{ " hex addresses" }</label>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_a_pane_shows_has_a_line_of_help() {
        for kind in StrategyKind::ALL {
            let lines = help_lines(kind);
            assert_eq!(
                lines.len(),
                1 + kind.settings().len() + usize::from(kind.toggle().is_some())
            );
            for (label, help) in lines {
                assert!(!help.is_empty() && !help.contains('\n'), "{kind} {label}");
            }
        }
    }

    #[test]
    fn every_setting_of_every_strategy_offers_its_default_and_only_valid_values() {
        for kind in StrategyKind::ALL {
            for spec in kind.settings() {
                let values = offered(spec, spec.default_value());
                assert!(
                    values.contains(&spec.default_value()),
                    "{kind} {}",
                    spec.key
                );
                for v in values {
                    assert_eq!(spec.check(v), Ok(v), "{kind} {}", spec.key);
                    assert_eq!(spec.parse(&spec.format(v)), Ok(v), "{kind} {}", spec.key);
                }
            }
        }
    }
}
