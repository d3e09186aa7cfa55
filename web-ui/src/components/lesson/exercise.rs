//! An ```` ```exercise ````: starting code to change until every goal
//! holds. Check asks the engine to run the code on the exercise's
//! strategies and shows each goal with the values it read, and under them
//! the run itself (map, call log, metrics, output) on the first strategy;
//! hints come one at a time; the reference solution stays folded away.

use lessons::blocks::Exercise;
use lessons::check::Checked;
use yew::prelude::*;

use super::live_scenario::LiveScenario;
use super::prose::prose;
use crate::components::code_pane::CodePane;

/// Props of [`ExerciseView`].
#[derive(Properties, PartialEq, Debug)]
pub struct ExerciseViewProps {
    /// The exercise.
    pub exercise: Exercise,
    /// Prefixed to element ids (`e0-`).
    pub id_prefix: AttrValue,
    /// The code the learner last typed, if any.
    pub saved: Option<String>,
    /// Whether it was solved before.
    pub solved: bool,
    /// The learner typed.
    pub on_code: Callback<String>,
    /// The learner pressed Check: whether every goal held.
    pub on_checked: Callback<bool>,
}

/// The task, the code, Check, and the goals.
#[function_component]
pub fn ExerciseView(props: &ExerciseViewProps) -> Html {
    let ex = &props.exercise;
    let code = use_state(|| props.saved.clone().unwrap_or_else(|| ex.start.clone()));
    let checked = use_state(|| None::<Checked>);
    // The code last checked, and how many checks were made: its run is
    // shown under the goals, anew for each check.
    let ran = use_state(|| None::<(usize, String)>);
    // The check asked of the engine and not yet answered.
    let checking = use_state(|| None::<u64>);
    let hints = use_state(|| 0usize);
    let p = &props.id_prefix;
    let on_edit = {
        let (code, checked, checking, on_code) = (
            code.clone(),
            checked.clone(),
            checking.clone(),
            props.on_code.clone(),
        );
        Callback::from(move |text: String| {
            if let Some(id) = *checking {
                crate::engine::cancel(id);
                checking.set(None);
            }
            code.set(text.clone());
            checked.set(None);
            on_code.emit(text);
        })
    };
    let on_check = {
        let (code, checked, checking, on_checked, ex, ran) = (
            code.clone(),
            checked.clone(),
            checking.clone(),
            props.on_checked.clone(),
            ex.clone(),
            ran.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if checking.is_some() {
                return;
            }
            let job = engine::Job {
                id: crate::state::next_id(),
                work: engine::Work::Exercise {
                    exercise: ex.clone(),
                    code: (*code).clone(),
                },
                panes: Vec::new(),
            };
            let (checked, checking2, on_checked) =
                (checked.clone(), checking.clone(), on_checked.clone());
            let (ran, source) = (ran.clone(), (*code).clone());
            checking.set(Some(job.id));
            crate::engine::submit(
                &job,
                Callback::from(move |reply| {
                    let result = match reply {
                        engine::Reply::Checked { checked, .. } => checked,
                        engine::Reply::Failed { message, .. } => Checked {
                            problem: Some(message),
                            goals: Vec::new(),
                        },
                        engine::Reply::Progress { .. }
                        | engine::Reply::Panes { .. }
                        | engine::Reply::ScoreRow { .. }
                        | engine::Reply::Scored { .. }
                        | engine::Reply::Drilled { .. }
                        | engine::Reply::Lesson { .. } => return,
                    };
                    checking2.set(None);
                    on_checked.emit(result.solved());
                    let runs = ran.as_ref().map_or(1, |(n, _)| n + 1);
                    ran.set(Some((runs, source.clone())));
                    checked.set(Some(result));
                }),
            );
        })
    };
    let start_over = {
        let (on_edit, start) = (on_edit.clone(), ex.start.clone());
        Callback::from(move |_: MouseEvent| on_edit.emit(start.clone()))
    };
    // The last check's error, where it is, while the code is what was checked.
    let error = checked
        .as_ref()
        .zip(ran.as_ref())
        .filter(|(_, (_, source))| *source == *code)
        .and_then(|(c, _)| c.problem.as_deref())
        .and_then(crate::view::code_error_in);
    let strategies: Vec<&str> = ex.strategies.iter().map(|k| k.name()).collect();
    let result = checked.as_ref().map(|c| {
        html! {
            <div class={classes!("goals-result", if c.solved() { "right" } else { "wrong" })} id={format!("{p}result")} role="status">
                if let Some(problem) = &c.problem { <p class="banner error">{ problem }{ crate::view::what_runs_here(problem) }</p> }
                <p><strong>{ if c.solved() { "Solved: every goal holds." } else { "Not yet." } }</strong></p>
                <ul>
                    { for c.goals.iter().map(|g| html! {
                        <li class={if g.holds { "holds" } else { "fails" }}>
                            { if g.holds { "✓ " } else { "✗ " } }<code>{ &g.goal }</code>
                            { format!(" — {}", g.why.join(", ")) }
                        </li>
                    }) }
                </ul>
            </div>
        }
    });
    // The learner's own run, as checked: map, log, metrics and output.
    let own_run = checked.as_ref().zip(ran.as_ref()).map(|(_, (n, source))| {
        let block = lessons::blocks::ScenarioBlock {
            line: ex.line,
            code: source.clone(),
            strategies: ex.strategies.clone(),
            heap: ex.heap,
            step: None,
            panes: lessons::blocks::Panes {
                code: false,
                map: true,
                log: true,
                metrics: true,
                score: false,
            },
            settings: ex.settings.clone(),
        };
        html! {
            <details class="own-run" id={format!("{p}run")} open={true}>
                <summary>{ "Your run, as checked" }</summary>
                <LiveScenario key={*n} block={block} id_prefix={format!("{p}run-")} output={true} />
            </details>
        }
    });
    html! {
        <section class={classes!("exercise", props.solved.then_some("solved"))} id={format!("{p}exercise")} aria-label={format!("Exercise: {}", ex.title)} aria-busy={checking.is_some().to_string()}>
            <h3>{ format!("Exercise: {}", ex.title) }{ if props.solved { " ✓" } else { "" } }</h3>
            { prose(&ex.task) }
            <p class="goals">{ "Goals (on " }{ strategies.join(", ") }
                { for ex.settings.iter().map(|(k, v)| format!(", {k} {v}")) }
                { format!(", a {} heap): ", alloc_sim::units::Bytes(ex.heap)) }
                { for ex.goals.iter().map(|g| html! { <code class="goal">{ &g.text }</code> }) }
            </p>
            <CodePane id_prefix={p.clone()} source={(*code).clone()} {error} {on_edit} />
            <p class="exercise-actions">
                <button id={format!("{p}check")} class="primary" onclick={on_check} disabled={checking.is_some()}>
                    { if checking.is_some() { "Checking…" } else { "Check" } }
                </button>
                if *hints < ex.hints.len() {
                    <button id={format!("{p}hint")} onclick={{ let hints = hints.clone(); Callback::from(move |_: MouseEvent| hints.set(*hints + 1)) }}>
                        { format!("Show a hint ({} left)", ex.hints.len() - *hints) }
                    </button>
                }
                if *code != ex.start { <button onclick={start_over}>{ "Start over" }</button> }
            </p>
            if *hints > 0 {
                <ol class="hints">{ for ex.hints[..*hints].iter().map(|h| html! { <li>{ prose(h) }</li> }) }</ol>
            }
            // One node each, there or not: Yew matches a list's unkeyed
            // children from its end, and the code pane before them must
            // stay the same component (its editor, its focus).
            { result.unwrap_or_default() }
            { own_run.unwrap_or_default() }
            <details class="solution">
                <summary>{ "Reference solution (try first)" }</summary>
                <pre><code>{ &ex.solution }</code></pre>
            </details>
        </section>
    }
}
