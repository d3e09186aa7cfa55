//! A ```` ```scenario ```` block: the visualiser inside a lesson, with its
//! own state — code (editable, with a way back to the lesson's), stepper,
//! heap maps, inspector, call log and metrics, as the block asks.
//!
//! A quiz below it that is not yet answered holds it: the stepper, map and
//! log stop before the call the quiz asks about (and the metrics table,
//! when the quiz asks a metric, stays folded), so the page does not show
//! the answer before the learner commits to one; answering moves it to
//! that call. The same view shows a quiz's own program, and an exercise's
//! run after Check.

use lessons::blocks::ScenarioBlock;
use yew::prelude::*;

use crate::components::call_log::{call_log, CallLogProps};
use crate::components::code_pane::CodePane;
use crate::components::heap_panes::{heap_panes, Heading, HeapPanesProps};
use crate::components::inspector::{inspector, InspectorProps};
use crate::components::metrics_table::{metrics_table, MetricsTableProps};
use crate::components::stepper::{stepper, StepperProps};
use crate::editor::use_editor;
use crate::setup::Setup;
use crate::state::{Action, MapView, Playground, Seek};
use crate::view::{banner, current_line, error_at, inspection};

/// Props of [`LiveScenario`].
#[derive(Properties, PartialEq, Debug)]
pub struct LiveScenarioProps {
    /// The block.
    pub block: ScenarioBlock,
    /// Prefixed to element ids (`s0-`), for more than one on a page.
    pub id_prefix: AttrValue,
    /// Calls shown at most, until the quiz below is answered.
    #[prop_or_default]
    pub hold: Option<usize>,
    /// The metrics table and the output stay folded (a quiz below asks a
    /// metric and is not answered).
    #[prop_or_default]
    pub hide_metrics: bool,
    /// What the program printed is shown under the log.
    #[prop_or_default]
    pub output: bool,
    /// The code is shown, not edited (an embedded player that says
    /// `readonly`).
    #[prop_or_default]
    pub readonly: bool,
    /// A link opens the scenario in the playground (not from an embedded
    /// player, which has no playground beside it).
    #[prop_or(true)]
    pub playground: bool,
}

/// The setup of every pane of a lesson block: its heap, the lessons'
/// settings and the block's own (read when the lesson was built; one that
/// does not read leaves the lessons').
pub fn setup(block: &ScenarioBlock) -> Setup {
    Setup {
        heap: block.heap,
        settings: lessons::check::settings_with(&block.settings)
            .unwrap_or_else(|_| lessons::check::settings()),
    }
}

/// A scenario to step through, inside a lesson.
#[function_component]
pub fn LiveScenario(props: &LiveScenarioProps) -> Html {
    let block = &props.block;
    let hold = props.hold;
    let state = use_reducer(|| {
        let step = match hold {
            Some(h) => Some(block.step.unwrap_or(usize::MAX).min(h)),
            None => block.step,
        };
        Playground::with_source(&block.code, &block.strategies, setup(block), step)
    });
    {
        // Held: never past the asked call; answered: on it.
        let dispatcher = state.dispatcher();
        let was = use_mut_ref(|| hold);
        use_effect_with((hold, state.cursor), move |&(hold, cursor)| {
            let before = std::mem::replace(&mut *was.borrow_mut(), hold);
            match (before, hold) {
                (_, Some(h)) if cursor > h => dispatcher.dispatch(Action::Seek(Seek::To(h))),
                (Some(h), None) => dispatcher.dispatch(Action::Seek(Seek::To(h + 1))),
                _ => {}
            }
        });
    }
    let steps = hold.map_or(state.steps(), |h| state.steps().min(h));
    let runner = crate::runner::use_runner(&state);
    let editor = use_editor(&state);
    let player = crate::player::use_player(&state);
    let p = props.id_prefix.clone();
    let viewport = crate::viewport::use_viewport_width();
    let first = &state.panes[0];
    let restore = {
        let (state, draft, code) = (state.clone(), editor.draft.clone(), block.code.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(code.clone());
            state.dispatch(Action::Edit(code.clone()));
        })
    };
    let dispatcher = state.dispatcher();
    let on_seek = Callback::from(move |seek| dispatcher.dispatch(Action::Seek(seek)));
    let dispatcher = state.dispatcher();
    let on_inspect = Callback::from(move |at| dispatcher.dispatch(Action::Inspect(Some(at))));
    let share = format!("#{}", crate::share::encode(&state.shared()));
    html! {
        <section class="live" id={format!("{p}live")} aria-label="Live scenario" aria-busy={state.running.is_some().to_string()}>
            if block.panes.code && props.readonly {
                <section class="code" aria-label="Scenario code">
                    <pre class="highlight code-readonly" id={format!("{p}code")}>
                        { for crate::highlight::highlight(&block.code).into_iter().map(|(class, text)| html! { <span class={class.css()}>{ text }</span> }) }
                    </pre>
                </section>
            } else if block.panes.code {
                <CodePane id_prefix={p.clone()} source={(*editor.draft).clone()}
                    current_line={current_line(&state)} error={error_at(&state)} on_edit={editor.on_edit} />
                <p class="live-actions">
                    if *editor.draft != block.code { <button class="restore" onclick={restore}>{ "Back to the lesson's code" }</button> }
                    // Held, the playground would show the calls the quiz asks about.
                    if hold.is_none() && props.playground { <a href={share}>{ "Open in the playground" }</a> }
                </p>
            }
            { banner(state.problem()) }
            if let Some(failure) = &state.failure {
                <p class="banner error" role="alert">{ failure }</p>
            }
            if runner.progress.is_some() {
                <p class="banner notice" role="status">{ "Running… " }
                    <button onclick={runner.cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button></p>
            }
            if block.panes.map || block.panes.log {
                { stepper(&StepperProps { id_prefix: p.clone(), cursor: state.cursor, steps, on_seek: on_seek.clone(),
                    playing: *player.playing, on_play: player.on_play(),
                    speed: *player.speed, on_speed: player.on_speed() }) }
            }
            if block.panes.map {
                { heap_panes(&HeapPanesProps { panes: state.panes.clone(), at_end: hold.is_none() && state.cursor >= state.steps(),
                    hex: true, map: MapView::default(), described_by: Some(format!("{p}call-log")), id_prefix: p.clone(), pane_px: crate::viewport::pane_px(crate::viewport::lesson_room(viewport), state.panes.len(), 4), heading: Heading::H3, on_inspect, configure: None, on_swap: None }) }
                { inspector(&InspectorProps { id_prefix: p.clone(), inspection: inspection(&state) }) }
            }
            if block.panes.metrics {
                if props.hide_metrics {
                    <p class="held" id={format!("{p}metrics-held")}>{ "The metrics table appears when you have answered the quiz below." }</p>
                } else {
                    { metrics_table(&MetricsTableProps { id_prefix: p.clone(), panes: state.panes.clone() }) }
                }
            }
            if block.panes.score {
                <crate::components::score_panel::ScorePanel program={std::rc::Rc::<str>::from(editor.draft.as_str())} open={None} />
            }
            if block.panes.log {
                <details class="log" open={true}>
                    <summary>{ format!("Calls under {}", first.kind.name()) }</summary>
                    { call_log(&CallLogProps { id_prefix: p.clone(), run: first.run.clone(), cursor: state.cursor,
                        on_jump: on_seek.reform(Seek::To), held: hold }) }
                </details>
            }
            if props.output && !props.hide_metrics && hold.is_none() && !first.run.output.is_empty() {
                <section class="output" aria-label="Program output">
                    <h3>{ "Output" }</h3>
                    <pre id={format!("{p}output")}>{ first.run.output.join("\n") }</pre>
                </section>
            }
        </section>
    }
}
