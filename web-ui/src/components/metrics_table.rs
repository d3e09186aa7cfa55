//! The metrics of every pane side by side, the best value marked.

use alloc_sim::Metrics;
use yew::prelude::*;

use crate::state::Pane;

/// Props of [`metrics_table`].
#[derive(PartialEq, Debug)]
pub struct MetricsTableProps {
    /// The panes, each with its heap at the cursor.
    pub panes: Vec<Pane>,
    /// Prefixed to element ids, for more than one on a page.
    pub id_prefix: AttrValue,
}

/// Which way is better for a metric.
#[derive(Clone, Copy, PartialEq)]
enum Better {
    Lower,
    Higher,
    Neither,
}

type Row = (&'static str, &'static str, Better, fn(&Metrics) -> f64);

const ROWS: &[Row] = &[
    (
        "live bytes",
        "requested bytes of live allocations",
        Better::Neither,
        |m| m.live_bytes as f64,
    ),
    (
        "peak live bytes",
        "the most live bytes at once",
        Better::Neither,
        |m| m.peak_live_bytes as f64,
    ),
    (
        "footprint",
        "lowest to highest byte ever touched",
        Better::Lower,
        |m| m.footprint as f64,
    ),
    (
        "internal fragmentation",
        "padding + slack + metadata + slab tails",
        Better::Lower,
        |m| m.internal_fragmentation() as f64,
    ),
    (
        "free",
        "bytes the allocator can still hand out",
        Better::Neither,
        |m| m.total_free as f64,
    ),
    (
        "largest free block",
        "the biggest block that can still be allocated",
        Better::Higher,
        |m| m.largest_free as f64,
    ),
    (
        "external fragmentation",
        "1 − largest free / free",
        Better::Lower,
        Metrics::external_fragmentation,
    ),
    (
        "peak utilisation",
        "peak live bytes / heap size (from the heap's start to its highest byte used, or the break), as malloc lab's driver scores it",
        Better::Higher,
        Metrics::peak_utilisation,
    ),
    (
        "blocks examined",
        "search steps over all calls",
        Better::Lower,
        |m| m.search_steps as f64,
    ),
    (
        "failed calls",
        "allocations that found no room",
        Better::Lower,
        |m| m.failed as f64,
    ),
];

fn show(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}")
    }
}

/// A table: a row per metric (its formula as a tooltip), a column per pane.
pub fn metrics_table(props: &MetricsTableProps) -> Html {
    let metrics: Vec<Metrics> = props.panes.iter().map(|p| p.metrics()).collect();
    html! {
        <table id={format!("{}metrics", props.id_prefix)} class="metrics">
            <thead><tr><th>{ "metric" }</th>{ for props.panes.iter().map(|p| html! { <th>{ p.kind.name() }</th> }) }</tr></thead>
            <tbody>
            { for ROWS.iter().map(|(name, formula, better, get)| {
                let values: Vec<f64> = metrics.iter().map(get).collect();
                let best = match better {
                    Better::Lower => values.iter().copied().reduce(f64::min),
                    Better::Higher => values.iter().copied().reduce(f64::max),
                    Better::Neither => None,
                };
                html! {
                    <tr title={*formula}>
                        <th>{ *name }</th>
                        { for values.iter().map(|&v| {
                            let is_best = values.len() > 1 && best == Some(v);
                            html! { <td class={if is_best { "best" } else { "" }}>{ show(v) }{ if is_best { " ★" } else { "" } }</td> }
                        }) }
                    </tr>
                }
            }) }
            </tbody>
        </table>
    }
}
