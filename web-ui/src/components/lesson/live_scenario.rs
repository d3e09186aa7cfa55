//! A ```` ```scenario ```` block: the visualiser inside a lesson, with its
//! own state — code (editable, with a way back to the lesson's), stepper,
//! heap maps, inspector, call log and metrics, as the block asks.

use gloo::timers::callback::Timeout;
use lessons::blocks::ScenarioBlock;
use yew::prelude::*;

use crate::app::{banner, debounced_edit, inspection, legend, oom_marker};
use crate::components::call_log::CallLog;
use crate::components::code_pane::CodePane;
use crate::components::heap_map::HeapMap;
use crate::components::inspector::Inspector;
use crate::components::metrics_table::MetricsTable;
use crate::components::stepper::Stepper;
use crate::state::{Action, Playground, Setup};

/// Props of [`LiveScenario`].
#[derive(Properties, PartialEq, Debug)]
pub struct LiveScenarioProps {
    /// The block.
    pub block: ScenarioBlock,
    /// Prefixed to element ids (`s0-`), for more than one on a page.
    pub id_prefix: AttrValue,
}

/// The setup of every pane of a lesson block.
pub fn setup(heap: u64) -> Setup {
    Setup {
        heap,
        settings: lessons::check::settings(),
    }
}

/// A scenario to step through, inside a lesson.
#[function_component]
pub fn LiveScenario(props: &LiveScenarioProps) -> Html {
    let block = &props.block;
    let state = use_reducer(|| {
        Playground::with_source(
            &block.code,
            &block.strategies,
            setup(block.heap),
            block.step,
        )
    });
    let draft = use_state(|| block.code.clone());
    let pending = use_mut_ref(|| None::<Timeout>);
    let player = crate::player::use_player(&state);
    let on_edit = debounced_edit(&state, &draft, &pending);
    let p = props.id_prefix.clone();
    let first = &state.panes[0];
    let current_line = state
        .cursor
        .checked_sub(1)
        .and_then(|i| first.run.calls.get(i))
        .and_then(|c| c.line());
    let error_line = match state.problem() {
        Some((_, alloc_sim::scenario::Outcome::Error(e))) => Some(e.line),
        _ => None,
    };
    let restore = {
        let (state, draft, code) = (state.clone(), draft.clone(), block.code.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(code.clone());
            state.dispatch(Action::Edit(code.clone()));
        })
    };
    let share = format!("#{}", crate::share::encode(&state.shared()));
    html! {
        <section class="live" id={format!("{p}live")} aria-label="Live scenario">
            if block.panes.code {
                <CodePane id_prefix={p.clone()} source={(*draft).clone()} current_line={current_line} error_line={error_line} on_edit={on_edit} />
                <p class="live-actions">
                    if *draft != block.code { <button class="restore" onclick={restore}>{ "Back to the lesson's code" }</button> }
                    <a href={share}>{ "Open in the playground" }</a>
                </p>
            }
            { banner(&state) }
            <Stepper id_prefix={p.clone()} cursor={state.cursor} steps={state.steps()}
                on_seek={{ let state = state.clone(); Callback::from(move |seek| state.dispatch(Action::Seek(seek))) }}
                playing={*player.playing} on_play={player.on_play()}
                speed={*player.speed} on_speed={player.on_speed()} />
            if block.panes.map {
                <div class={classes!("panes", format!("n{}", state.panes.len()))}>
                    { for state.panes.iter().map(|pane| html! {
                        <section class="pane" aria-label={format!("Heap under {}", pane.kind.name())}>
                            <h3>{ pane.kind.name() }</h3>
                            <p class="summary">{ pane.kind.summary() }</p>
                            <HeapMap heap={pane.at_cursor.clone()} label={format!("heap map of {}", pane.kind.name())} hex={true}
                                marker={oom_marker(&state, pane)} brk={crate::app::break_of(pane)}
                                on_pick={{
                                    let (state, kind) = (state.clone(), pane.kind);
                                    Callback::from(move |addr| state.dispatch(Action::Inspect(Some((kind, addr)))))
                                }} />
                        </section>
                    }) }
                </div>
                { legend(&state.panes) }
                <Inspector id_prefix={p.clone()} inspection={inspection(&state)} />
            }
            if block.panes.metrics {
                <MetricsTable id_prefix={p.clone()} panes={state.panes.clone()} />
            }
            if block.panes.log {
                <details class="log" open={true}>
                    <summary>{ format!("Calls under {}", first.kind.name()) }</summary>
                    <CallLog id_prefix={p.clone()} run={first.run.clone()} cursor={state.cursor}
                        on_jump={{ let state = state.clone(); Callback::from(move |n| state.dispatch(Action::Seek(crate::state::Seek::To(n)))) }} />
                </details>
            }
        </section>
    }
}
