//! A ```` ```compare ```` block: one program on several allocators (or one
//! allocator under several settings), their figures side by side, the
//! best of each column marked. The figures were worked out when the lesson
//! was read; the page runs nothing to show them.

use lessons::blocks::{CompareBlock, CompareRow, Figures};
use yew::prelude::*;

/// A row's name: the strategy, and its settings if it has any of its own.
pub fn label(row: &CompareRow) -> String {
    if row.settings.is_empty() {
        row.strategy.name().to_string()
    } else {
        let settings: Vec<String> = row
            .settings
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        format!("{} ({})", row.strategy.name(), settings.join(", "))
    }
}

/// A column: its heading, a figure as shown, and the figure compared
/// (lower is better: a column where higher is better gives it negated).
struct Column {
    heading: &'static str,
    show: fn(&Figures) -> String,
    rank: fn(&Figures) -> f64,
}

const COLUMNS: [Column; 5] = [
    Column {
        heading: "search steps",
        show: |f| f.search_steps.to_string(),
        rank: |f| f.search_steps as f64,
    },
    Column {
        heading: "peak utilisation",
        show: |f| format!("{:.1} %", f.peak_utilisation * 100.0),
        rank: |f| -f.peak_utilisation,
    },
    Column {
        heading: "heap used (bytes)",
        show: |f| f.heap_size.to_string(),
        rank: |f| f.heap_size as f64,
    },
    Column {
        heading: "largest free block at the end (bytes)",
        show: |f| f.largest_free.to_string(),
        rank: |f| -(f.largest_free as f64),
    },
    Column {
        heading: "failed calls",
        show: |f| f.failed.to_string(),
        rank: |f| f.failed as f64,
    },
];

/// The block: the program, folded, and the table.
pub fn compare_view(block: &CompareBlock, id_prefix: &str) -> Html {
    let best: Vec<f64> = COLUMNS
        .iter()
        .map(|c| {
            block
                .rows
                .iter()
                .map(|r| (c.rank)(&r.figures))
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    html! {
        <section class="compare-block" id={format!("{id_prefix}compare")} aria-label="The same program on each allocator">
            <details class="compare-code">
                <summary>{ "The program" }</summary>
                <pre class="highlight">
                    { for crate::highlight::highlight(&block.code).into_iter().map(|(class, text)| html! { <span class={class.css()}>{ text }</span> }) }
                </pre>
            </details>
            <table class="compare-table">
                <caption>{ format!("The same program on a {}-byte heap, on each allocator: the best of each column in bold", block.heap) }</caption>
                <thead><tr><th scope="col">{ "allocator" }</th>
                    { for COLUMNS.iter().map(|c| html! { <th scope="col">{ c.heading }</th> }) }
                </tr></thead>
                <tbody>
                    { for block.rows.iter().map(|row| html! {
                        <tr>
                            <th scope="row">{ label(row) }</th>
                            { for COLUMNS.iter().zip(&best).map(|(c, &b)| {
                                let is_best = (c.rank)(&row.figures) == b;
                                html! { <td class={classes!(is_best.then_some("best"))}>{ (c.show)(&row.figures) }</td> }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
