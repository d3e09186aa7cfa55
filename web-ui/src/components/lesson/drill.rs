//! A ```` ```drill ````: drills that never run out. The engine makes drill
//! `n` of a set from the set's seed (`lessons::drill`); the page shows its
//! program held before the asked call, the question and the choices, and
//! after an answer the reveal, the run moved on, and the next drill. The
//! learner's place in the set, the streak and the best streak are kept
//! with the lesson's progress. A set is named in the address
//! (`#lesson/…?seed=1234`), so a teacher hands one out as a link.

use lessons::drill::Drill;
use lessons::progress::Drills;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::live_scenario::LiveScenario;
use super::prose::prose;
use super::quiz::choices;

/// Props of [`DrillView`].
#[derive(Properties, PartialEq, Debug)]
pub struct DrillViewProps {
    /// Prefixed to element ids (`d0-`).
    pub id_prefix: AttrValue,
    /// Where the learner is in the drills, if they answered one before.
    pub saved: Option<Drills>,
    /// The set the address names (`?seed=…`): it wins over the saved one.
    pub url_seed: Option<u64>,
    /// The lesson's address without a query: a set's link is made from it.
    pub lesson_hash: AttrValue,
    /// Where the learner is now, to be kept.
    pub on_change: Callback<Drills>,
}

/// A seed for a set nobody named: any will do, and it is kept once a
/// drill of it is answered.
fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 1_000_000.0) as u64 + 1
}

/// The drill on screen, its question, the choices and the reveal.
#[function_component]
pub fn DrillView(props: &DrillViewProps) -> Html {
    let p = &props.id_prefix;
    // A set for a learner who has none yet, not kept until answered.
    let fallback = use_state(fresh_seed);
    let mut drills = props
        .saved
        .clone()
        .unwrap_or_else(|| Drills::new(*fallback));
    if let Some(seed) = props.url_seed {
        drills.reseed(seed);
    }
    let drill = use_state(|| None::<Drill>);
    let failed = use_state(|| None::<String>);
    let choice = use_state(String::new);
    {
        let (drill, failed) = (drill.clone(), failed.clone());
        use_effect_with((drills.seed, drills.number), move |&(seed, number)| {
            let job = engine::Job {
                id: crate::state::next_id(),
                work: engine::Work::Drill { seed, number },
                panes: Vec::new(),
            };
            let id = job.id;
            drill.set(None);
            crate::engine::submit(
                &job,
                Callback::from(move |reply| match reply {
                    engine::Reply::Drilled { drill: made, .. } => drill.set(Some(made)),
                    engine::Reply::Failed { message, .. } => failed.set(Some(message)),
                    _ => {}
                }),
            );
            move || crate::engine::cancel(id)
        });
    }
    let link = format!("{}?seed={}", props.lesson_hash, drills.seed);
    let stats = html! {
        <p class="drill-stats" id={format!("{p}stats")}>
            { format!("Drill {} of set {} · streak {} · best {} · {} of {} right", drills.number + 1, drills.seed, drills.streak, drills.best, drills.right, drills.tried) }
            { " · " }<a id={format!("{p}link")} href={link.clone()} title="The same drills, in the same order, for whoever opens this link">{ "link to this set" }</a>
            { " · " }<a id={format!("{p}new-set")} href={format!("{}?seed={}", props.lesson_hash, fresh_seed())}>{ "a new set" }</a>
        </p>
    };
    let Some(d) = (*drill).clone() else {
        return html! {
            <section class="drill" id={format!("{p}drill")} aria-label="Drills" aria-busy="true">
                <p class="kicker">{ "Drills" }</p>
                { stats }
                if let Some(f) = &*failed { <p class="banner error">{ f }</p> } else { <p>{ "Making a drill…" }</p> }
            </section>
        };
    };
    let answered = drills.answer.clone();
    let block = lessons::blocks::ScenarioBlock {
        line: 0,
        code: d.code.clone(),
        strategies: vec![alloc_sim::StrategyKind::ImplicitList],
        heap: d.heap,
        step: None,
        panes: lessons::blocks::Panes {
            code: true,
            map: true,
            log: true,
            metrics: false,
            score: false,
        },
        settings: d.settings(),
    };
    let on_choose = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            choice.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_submit = {
        let (choice, on_change, drills, answer) = (
            choice.clone(),
            props.on_change.clone(),
            drills.clone(),
            d.answer.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if choice.is_empty() {
                return;
            }
            let mut next = drills.clone();
            next.answer((*choice).clone(), *choice == answer);
            on_change.emit(next);
        })
    };
    let on_next = {
        let (choice, on_change, drills) = (choice.clone(), props.on_change.clone(), drills.clone());
        Callback::from(move |_: MouseEvent| {
            choice.set(String::new());
            let mut next = drills.clone();
            next.next();
            on_change.emit(next);
        })
    };
    let reveal = answered.as_ref().map(|given| {
        let right = *given == d.answer;
        html! {
            <div class={classes!("reveal", if right { "right" } else { "wrong" })} id={format!("{p}reveal")} role="status">
                <p><strong>{ if right { "Right." } else { "Not quite." } }</strong>
                    { format!(" You said {given}; the simulation gives {}.", d.answer) }</p>
                { prose(&d.explain) }
                <button type="button" id={format!("{p}next")} class="primary" onclick={on_next}>{ "Next drill" }</button>
            </div>
        }
    });
    html! {
        <section class="drill" id={format!("{p}drill")} aria-label="Drills" aria-busy="false">
            <p class="kicker">{ "Drills" }</p>
            { stats }
            <LiveScenario key={format!("{}-{}", d.seed, d.number)} block={block} id_prefix={format!("{p}s-")}
                hold={d.stop.filter(|_| answered.is_none())} />
            <form class="quiz" id={format!("{p}quiz")} aria-label="Drill question" onsubmit={on_submit}>
                { prose(&d.question) }
                { choices(p, &d.choices, answered.as_ref(), &choice, &on_choose) }
                if answered.is_none() {
                    <button type="submit" id={format!("{p}check")} disabled={choice.is_empty()}>{ "Check my answer" }</button>
                }
                { for reveal }
            </form>
        </section>
    }
}
