//! The heap maps side by side, one pane per strategy, with the legend
//! under them: the playground's (with each pane's own settings) and every
//! live scenario's in a lesson.

use alloc_sim::scenario::Outcome;
use alloc_sim::{Addr, RoleClass, StrategyKind};
use yew::prelude::*;

use crate::components::call_log;
use crate::components::heap_diagram::{heap_diagram, HeapDiagramProps};
use crate::components::heap_map::HeapMap;
use crate::components::legend::{legend, LegendProps};
use crate::components::settings_bar::{pane_settings, PaneSettingsProps};
use crate::diagram::{self, Scale};
use crate::setup::Setup;
use crate::state::{MapView, Pane};

/// The level of the panes' headings, under the page's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Heading {
    /// On the playground, where the panes are a top-level part.
    #[default]
    H2,
    /// Inside a lesson, under its sections.
    H3,
}

/// Each pane's own settings row: what it runs with, and where a change goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Configure {
    /// The setup of each shown strategy (its own, or the shared one).
    pub setups: crate::setup::Setups,
    /// A strategy was given a new setup.
    pub on_change: Callback<(StrategyKind, Setup)>,
}

/// Props of [`heap_panes`].
#[derive(PartialEq, Debug)]
pub struct HeapPanesProps {
    /// One pane per strategy, at the cursor.
    pub panes: Vec<Pane>,
    /// Whether the cursor is after the last call: where an abort's
    /// largest free block is outlined.
    pub at_end: bool,
    /// Addresses in hex (`0x1000`) or decimal.
    pub hex: bool,
    /// How the heaps are drawn.
    pub map: MapView,
    /// The id of what describes the heaps in words (the call log), for
    /// screen readers.
    pub described_by: Option<String>,
    /// Makes the ids of the diagrams' parts unique on a page with more
    /// than one set of panes (a lesson's scenarios).
    pub id_prefix: AttrValue,
    /// How wide each pane is on screen, in CSS pixels (see
    /// [`crate::viewport::pane_px`]): the diagrams' rows are laid out for it.
    pub pane_px: f64,
    /// The panes' heading level.
    pub heading: Heading,
    /// A byte of a strategy's heap was picked.
    pub on_inspect: Callback<(StrategyKind, Addr)>,
    /// Show each pane's settings, to change them (`None`: fixed, as in a
    /// lesson).
    pub configure: Option<Configure>,
    /// Show the switch to a pane's sibling strategy (first fit with or
    /// without headers), and switch from the first to the second.
    pub on_swap: Option<Callback<(StrategyKind, StrategyKind)>>,
}

/// Where the strategy's mark (the implicit list's break) is at the cursor,
/// from the metrics recorded there.
fn break_of(pane: &Pane) -> Option<u64> {
    let metrics = pane.metrics();
    pane.kind
        .marks()
        .first()
        .map(|mark| (mark.offset)(&metrics))
}

/// After an abort, at the last call, the largest free block is outlined:
/// where the failed request would have had to fit.
fn oom_marker(pane: &Pane, at_end: bool) -> Option<(Addr, u64)> {
    let aborted = matches!(pane.run.outcome, Outcome::Abort { .. });
    if !aborted || !at_end {
        return None;
    }
    let free = pane.end.free;
    free.largest_at.map(|at| (at, free.largest))
}

/// Classes painted on a shown heap whether or not its strategy declares
/// them (a bump arena's chunks inside a block).
fn painted(panes: &[Pane]) -> Vec<RoleClass> {
    RoleClass::ALL
        .into_iter()
        .filter(|&c| panes.iter().any(|p| p.at_cursor.roles().total(c) > 0))
        .collect()
}

/// The one scale of the panes' diagrams: its bytes a row from what the
/// furthest-reaching run ever touches (or the largest heap, for the whole
/// heap), so the same allocation is as wide in every pane and rows never
/// reflow from step to step; its rows those any pane has reached so far.
fn shared_scale(panes: &[Pane], map: MapView, pane_px: f64) -> Scale {
    let heap_len = panes.iter().map(|p| p.at_cursor.len()).max().unwrap_or(0);
    let units = Scale::row_units_for(pane_px);
    if map == MapView::Whole {
        return Scale::fit(heap_len, heap_len, units);
    }
    let reach = |heap: fn(&Pane) -> &alloc_sim::Heap| {
        panes
            .iter()
            .map(|p| diagram::extent(heap(p)))
            .max()
            .unwrap_or(0)
    };
    let at_end = reach(|p| &p.end.heap);
    let now = reach(|p| &p.at_cursor);
    Scale::fit(at_end.max(now), heap_len, units).showing(now, heap_len)
}

/// The heap of a pane, drawn as the learner chose: a diagram, or every
/// byte (also when the heap has too many runs for a diagram).
fn map_view(props: &HeapPanesProps, pane: &Pane, scale: Scale) -> Html {
    let (kind, name) = (pane.kind, pane.kind.name());
    let on_pick = props.on_inspect.reform(move |addr| (kind, addr));
    let marker = oom_marker(pane, props.at_end);
    let zoom = match props.map {
        MapView::Bytes(zoom) => zoom,
        MapView::Used | MapView::Whole => {
            let drawn = heap_diagram(&HeapDiagramProps {
                heap: &pane.at_cursor,
                run: &pane.run,
                cursor: pane.cursor(),
                layout: if props.map == MapView::Whole {
                    diagram::Rows::all(scale)
                } else {
                    diagram::Rows::reached(scale, &pane.end.heap)
                },
                id: format!("{}dia-{name}", props.id_prefix),
                label: format!("heap diagram of {name}"),
                described_by: props.described_by.clone(),
                hex: props.hex,
                marker,
                brk: break_of(pane),
                on_pick: on_pick.clone(),
                headline: headline(pane),
                file: format!("allocscope-{name}-after-call-{}", pane.cursor()),
            });
            if let Some(drawn) = drawn {
                return drawn;
            }
            None
        }
    };
    html! {
        <>
            if zoom.is_none() && props.map != MapView::Bytes(None) {
                <p class="summary">{ format!(
                    "More than {} runs of bytes: too many to draw as blocks, so every byte is drawn.",
                    diagram::MAX_PIECES
                ) }</p>
            }
            <HeapMap heap={pane.at_cursor.clone()} label={format!("heap map of {name}")}
                hex={props.hex} zoom={zoom} marker={marker} brk={break_of(pane)} on_pick={on_pick} />
        </>
    }
}

fn pane_view(props: &HeapPanesProps, pane: &Pane, kinds: &[StrategyKind], scale: Scale) -> Html {
    let (kind, name) = (pane.kind, pane.kind.name());
    let heading = match props.heading {
        Heading::H2 => html! { <h2>{ name }</h2> },
        Heading::H3 => html! { <h3>{ name }</h3> },
    };
    // The program's own allocator has no settings: its code is its setup.
    let configure = props
        .configure
        .as_ref()
        .filter(|_| kind != StrategyKind::Yours);
    let settings = configure.map(|c| {
        pane_settings(&PaneSettingsProps {
            kind,
            setup: c.setups.get(&kind).cloned().unwrap_or_default(),
            on_change: c.on_change.reform(move |setup| (kind, setup)),
            shown: kinds.to_vec(),
            on_swap: (props.on_swap.as_ref()).map(|on_swap| on_swap.reform(move |to| (kind, to))),
        })
    });
    html! {
        <section class="pane" aria-label={format!("Heap under {name}")}>
            { heading }
            <p class="summary">{ kind.summary() }</p>
            if kind == StrategyKind::Yours {
                <p class="summary heap-array">{ heap_array_line(pane) }</p>
                if let Some(steps) = pane.end.steps {
                    <p class="summary cost">{ format!(
                        "its code's cost on the trace: {steps} interpreter steps, {:.1} per call",
                        steps as f64 / pane.run.calls.len().max(1) as f64
                    ) }</p>
                }
            }
            { for settings }
            { now(pane) }
            { map_view(props, pane, scale) }
        </section>
    }
}

/// What a saved picture of a pane says above its diagram.
fn headline(pane: &Pane) -> Vec<String> {
    let mut lines = vec![format!("{} · {}", pane.kind.name(), pane.kind.summary())];
    match pane
        .cursor()
        .checked_sub(1)
        .and_then(|i| pane.run.calls.get(i))
    {
        Some(call) => {
            lines.push(format!(
                "after call {}: {}",
                pane.cursor(),
                call_log::line(call)
            ));
            lines.push(call.reason.clone());
        }
        None => lines.push("before the first call".into()),
    }
    lines
}

/// The call the map shows the heap after, explained beside it: what was
/// asked and returned, why, and what this strategy did.
fn now(pane: &Pane) -> Html {
    let Some(call) = pane
        .cursor()
        .checked_sub(1)
        .and_then(|i| pane.run.calls.get(i))
    else {
        return html! { <p class="now">{ "Before the first call: the heap as the strategy set it up." }</p> };
    };
    html! {
        <div class="now">
            <code>{ call_log::line(call) }</code>
            <div class="reason">{ &call.reason }</div>
            <ul class="events">{ for call.events.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }</ul>
        </div>
    }
}

/// Where the program's own allocator's heap is: the static that holds
/// the array, its size and address.
fn heap_array_line(pane: &Pane) -> String {
    let heap = &pane.at_cursor;
    let (base, len) = (heap.base(), heap.len());
    let holder = pane
        .run
        .statics
        .iter()
        .find(|s| s.addr.0 <= base.0 && base.0 < s.addr.0 + s.size)
        .map_or_else(String::new, |s| format!("in `{}`, ", s.name));
    format!(
        "its heap array: {holder}{} at {base}",
        alloc_sim::units::Bytes(len)
    )
}

/// The panes, and the legend for what they show.
pub fn heap_panes(props: &HeapPanesProps) -> Html {
    let kinds: Vec<StrategyKind> = props.panes.iter().map(|p| p.kind).collect();
    let scale = shared_scale(&props.panes, props.map, props.pane_px);
    html! {
        <>
            <div class={classes!("panes", format!("n{}", props.panes.len()))}>
                { for props.panes.iter().map(|pane| pane_view(props, pane, &kinds, scale)) }
            </div>
            { legend(&LegendProps { kinds: kinds.clone(), also: painted(&props.panes) }) }
        </>
    }
}
