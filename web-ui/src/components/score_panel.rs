//! Malloc lab in the page: the program's own allocator scored on traces,
//! beside every built-in strategy, as CS:APP's driver scores a learner's
//! `mm.c` (see `alloc_sim::score`).
//!
//! The learner picks traces (the shipped ones, and the one open in the
//! playground) and a heap; Score fetches the shipped traces' text and asks
//! the engine for one job. Rows fill in as each trace is scored, with the
//! progress and a Cancel that keeps the rows done; a row is valid or its
//! first failure, peak utilisation, and the program's cost in interpreter
//! steps per call. The panel keeps its own state: it reads the program and
//! the open trace, and changes nothing else on the page.

use std::rc::Rc;

use alloc_sim::units::Bytes;
use alloc_sim::StrategyKind;
use engine::{Reply, ScoreRow};
use yew::prelude::*;

use crate::components::trace_open::SHIPPED;
use crate::state::LoadedTrace;

/// The heaps offered: a growing malloc lab heap is megabytes.
const HEAPS: [u64; 4] = [64 << 10, 256 << 10, 1 << 20, 4 << 20];

/// Where the shipped traces all fit, on every built-in first fit.
const DEFAULT_HEAP: u64 = 4 << 20;

/// Props of [`ScorePanel`].
#[derive(Properties, PartialEq, Debug)]
pub struct ScorePanelProps {
    /// The program with its own allocator, as it is in the editor.
    pub program: Rc<str>,
    /// The trace open in the playground, offered beside the shipped ones.
    pub open: Option<Rc<LoadedTrace>>,
}

/// A score job under way: its id and how far it is.
#[derive(Debug, Clone, PartialEq)]
struct Scoring {
    id: u64,
    done: usize,
    total: usize,
}

/// What the table shows: the rows scored so far, for which program.
#[derive(Debug, Clone, PartialEq, Default)]
struct Table {
    program: Rc<str>,
    rows: Vec<ScoreRow>,
    heap: u64,
    /// Why the last score stopped short, if it did.
    problem: Option<String>,
}

/// The score panel.
#[function_component]
pub fn ScorePanel(props: &ScorePanelProps) -> Html {
    // Every shipped trace, then the open one, ticked.
    let ticked = use_state(|| vec![true; SHIPPED.len() + 1]);
    let heap = use_state(|| DEFAULT_HEAP);
    let scoring = use_state(|| None::<Scoring>);
    let table = use_state(Table::default);
    // A score still running when the panel goes (another example loaded)
    // is cancelled: nobody will see it.
    let current = use_mut_ref(|| None::<u64>);
    *current.borrow_mut() = scoring.as_ref().map(|s| s.id);
    {
        let current = current.clone();
        use_effect_with((), move |()| {
            move || {
                if let Some(id) = current.borrow_mut().take() {
                    crate::engine::cancel(id);
                }
            }
        });
    }

    let on_tick = |i: usize| {
        let ticked = ticked.clone();
        Callback::from(move |_: Event| {
            let mut now = (*ticked).clone();
            now[i] = !now[i];
            ticked.set(now);
        })
    };
    let on_heap = {
        let heap = heap.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
            if let Ok(bytes) = select.value().parse() {
                heap.set(bytes);
            }
        })
    };
    let on_score = {
        let (ticked, heap, scoring, table) =
            (ticked.clone(), heap.clone(), scoring.clone(), table.clone());
        let (program, open) = (props.program.clone(), props.open.clone());
        Callback::from(move |_: MouseEvent| {
            if scoring.is_some() {
                return;
            }
            let shipped: Vec<&'static str> = SHIPPED
                .iter()
                .zip(ticked.iter())
                .filter(|(_, on)| **on)
                .map(|((name, _), _)| *name)
                .collect();
            let open = open
                .clone()
                .filter(|_| ticked.get(SHIPPED.len()).copied().unwrap_or(false));
            let id = crate::state::next_id();
            let heap = *heap;
            // Until the engine says: each trace on yours and every strategy.
            let total =
                (shipped.len() + usize::from(open.is_some())) * (StrategyKind::ALL.len() + 1);
            scoring.set(Some(Scoring { id, done: 0, total }));
            table.set(Table {
                program: program.clone(),
                rows: Vec::new(),
                heap,
                problem: None,
            });
            let (program, scoring, table) = (program.clone(), scoring.clone(), table.clone());
            yew::platform::spawn_local(async move {
                let mut traces = Vec::new();
                for name in shipped {
                    match crate::fetch::fetch_text(&format!("traces/{name}")).await {
                        Ok(text) => traces.push((name.to_string(), text)),
                        Err(e) => {
                            scoring.set(None);
                            table.set(Table {
                                program,
                                rows: Vec::new(),
                                heap,
                                problem: Some(format!("{name} could not be loaded ({e})")),
                            });
                            return;
                        }
                    }
                }
                if let Some(trace) = open {
                    traces.push((trace.name.clone(), trace.text.to_string()));
                }
                let job = engine::Job {
                    id,
                    work: engine::Work::Score {
                        program: program.to_string(),
                        traces,
                        heap,
                        strategies: StrategyKind::ALL.to_vec(),
                    },
                    panes: Vec::new(),
                };
                let rows = std::cell::RefCell::new(Vec::new());
                let on_reply = Callback::from(move |reply| {
                    let mut rows = rows.borrow_mut();
                    let problem = match reply {
                        Reply::Progress { done, total, .. } => {
                            scoring.set(Some(Scoring { id, done, total }));
                            return;
                        }
                        Reply::ScoreRow { row, .. } => {
                            rows.push(row);
                            table.set(Table {
                                program: program.clone(),
                                rows: rows.clone(),
                                heap,
                                problem: None,
                            });
                            return;
                        }
                        Reply::Scored { rows: all, .. } => {
                            *rows = all;
                            None
                        }
                        Reply::Failed { message, .. } => Some(message),
                        Reply::Panes { .. }
                        | Reply::Checked { .. }
                        | Reply::Drilled { .. }
                        | Reply::Lesson { .. } => return,
                    };
                    scoring.set(None);
                    table.set(Table {
                        program: program.clone(),
                        rows: rows.clone(),
                        heap,
                        problem,
                    });
                });
                crate::engine::submit(&job, on_reply);
            });
        })
    };
    let on_cancel = {
        let (scoring, table) = (scoring.clone(), table.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = &*scoring {
                crate::engine::cancel(s.id);
                scoring.set(None);
                let mut now = (*table).clone();
                now.problem = Some("Cancelled: the rows above were scored before it.".into());
                table.set(now);
            }
        })
    };

    let open_name = props.open.as_ref().map(|t| t.name.clone());
    html! {
        <section class="score" id="score" aria-label="Score your allocator">
            <h2>{ "Score it as malloc lab does" }</h2>
            <p class="hint">
                { "Runs your allocator on each trace ticked, as CS:APP's malloc lab driver runs a learner's, beside every built-in strategy on a heap of the same size: each trace valid or its first failure, peak utilisation (the most payload live at once over the heap used), and your code's cost in interpreter steps per call (statements and loop turns, the same on every machine; the built-ins are models whose cost is not counted). Your heap array's length const takes the heap's size, as malloc lab's heap grows." }
            </p>
            <fieldset class="score-traces" disabled={scoring.is_some()}>
                <legend>{ "Traces" }</legend>
                { for SHIPPED.iter().enumerate().map(|(i, (name, what))| html! {
                    <label title={*what}>
                        <input type="checkbox" checked={ticked[i]} onchange={on_tick(i)} />
                        { format!(" {name}") }
                    </label>
                }) }
                if let Some(name) = &open_name {
                    <label>
                        <input type="checkbox" checked={ticked[SHIPPED.len()]} onchange={on_tick(SHIPPED.len())} />
                        { format!(" {name} (open)") }
                    </label>
                }
                <label>{ "Heap " }
                    <select id="score-heap" onchange={on_heap}>
                        { for HEAPS.iter().map(|&h| html! {
                            <option value={h.to_string()} selected={h == *heap}>{ Bytes(h).to_string() }</option>
                        }) }
                    </select>
                </label>
            </fieldset>
            if let Some(s) = &*scoring {
                <p class="score-progress" role="status">
                    <progress max={s.total.max(1).to_string()} value={s.done.to_string()} />
                    { format!(" {} of {} runs scored ", s.done, s.total) }
                    <button id="score-cancel" onclick={on_cancel}>{ "Cancel" }</button>
                </p>
            } else {
                <p><button id="score-run" onclick={on_score}>{ "Score" }</button></p>
            }
            { score_table(&table, &props.program) }
        </section>
    }
}

/// The rows scored, one column per allocator, and the failures under it.
fn score_table(table: &Table, program: &str) -> Html {
    if table.rows.is_empty() {
        return match &table.problem {
            Some(p) => html! { <p class="banner error">{ p }</p> },
            None => html! {},
        };
    }
    // The columns are the allocators the engine scored, in its order.
    let who: Vec<StrategyKind> = table.rows[0].scores.iter().map(|(k, _)| *k).collect();
    let mut failures: Vec<String> = Vec::new();
    let rows: Vec<Html> = table
        .rows
        .iter()
        .map(|row| {
            let best = row
                .scores
                .iter()
                .filter_map(|(_, s)| s.as_ref().ok().filter(|s| s.valid.is_ok()))
                .map(|s| s.utilisation)
                .fold(None, |best: Option<f64>, u| {
                    Some(best.map_or(u, |b| b.max(u)))
                });
            let cells = row.scores.iter().map(|(kind, scored)| {
                let failed = |why: &str, failures: &mut Vec<String>| {
                    failures.push(format!("{}, {}: {why}", row.trace, kind.name()));
                    html! { <td class="invalid">{ format!("invalid [{}]", failures.len()) }</td> }
                };
                match scored {
                    Err(e) => failed(e, &mut failures),
                    Ok(s) => match &s.valid {
                        Err(e) => failed(e, &mut failures),
                        Ok(()) => {
                            let steps = s
                                .steps_per_call
                                .map(|st| format!(" · {st:.0} steps/call"))
                                .unwrap_or_default();
                            let top = best.is_some_and(|b| (b - s.utilisation).abs() < 1e-9);
                            html! {
                                <td class={classes!(top.then_some("best"))}>
                                    { format!("{:.1}%{steps}", s.utilisation * 100.0) }
                                </td>
                            }
                        }
                    },
                }
            });
            let cells: Vec<Html> = cells.collect();
            html! {
                <tr>
                    <th scope="row">{ format!("{} ({} ops)", row.trace, row.ops) }</th>
                    { for cells }
                </tr>
            }
        })
        .collect();
    let yours_heap = table
        .rows
        .iter()
        .find_map(|r| r.scores.first().and_then(|(_, s)| s.as_ref().ok()))
        .map(|s| s.heap);
    html! {
        <>
            if program != &*table.program {
                <p class="hint">{ "Scored for the code as it was before your last change: Score again to see this code's." }</p>
            }
            if let Some(h) = yours_heap.filter(|h| *h != table.heap) {
                <p class="hint">{ format!("Your heap array's length is written as a number, not a const: it ran on its own {}, the strategies on {}.", Bytes(h), Bytes(table.heap)) }</p>
            }
            <table class="metrics score-table" id="score-table">
                <thead>
                    <tr>
                        <th scope="col">{ "trace" }</th>
                        { for who.iter().map(|k| html! { <th scope="col">{ k.name() }</th> }) }
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            if !failures.is_empty() {
                <ol class="score-failures">
                    { for failures.iter().map(|f| html! { <li>{ f }</li> }) }
                </ol>
            }
            if let Some(p) = &table.problem {
                <p class="hint">{ p }</p>
            }
        </>
    }
}
