//! A ```` ```quiz ````: predict, then reveal. The right answer is what the
//! simulation computes for the quiz's question, never a value typed into
//! the lesson.

use lessons::blocks::Quiz;
use lessons::check;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::prose::prose;

/// Props of [`QuizView`].
#[derive(Properties, PartialEq, Debug)]
pub struct QuizViewProps {
    /// The quiz.
    pub quiz: Quiz,
    /// Prefixed to element ids (`q0-`).
    pub id_prefix: AttrValue,
    /// The answer given before, if any: the quiz is then revealed.
    pub answer: Option<String>,
    /// The learner committed to an answer.
    pub on_answer: Callback<String>,
    /// The learner asked to try again after the reveal.
    pub on_retry: Callback<()>,
}

/// A question, choices or a number box, and the reveal.
#[function_component]
pub fn QuizView(props: &QuizViewProps) -> Html {
    let choice = use_state(String::new);
    let p = &props.id_prefix;
    let q = &props.quiz;
    let on_retry = {
        let (choice, on_retry) = (choice.clone(), props.on_retry.clone());
        Callback::from(move |_: MouseEvent| {
            choice.set(String::new());
            on_retry.emit(());
        })
    };
    let reveal = match &props.answer {
        Some(answer) => {
            let truth = &q.truth;
            let right = check::is_right(answer, truth);
            html! {
                <div class={classes!("reveal", if right { "right" } else { "wrong" })} id={format!("{p}reveal")} role="status">
                    <p><strong>{ if right { "Right." } else { "Not quite." } }</strong>
                        { format!(" You said {answer}; the simulation gives {truth}.") }</p>
                    { prose(&q.explain) }
                    <button type="button" id={format!("{p}retry")} onclick={on_retry}>{ "Try again" }</button>
                </div>
            }
        }
        None => html! {},
    };
    let answered = props.answer.is_some();
    let on_choose = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            choice.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_type = {
        let choice = choice.clone();
        Callback::from(move |e: InputEvent| {
            choice.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_check = {
        let (choice, on_answer) = (choice.clone(), props.on_answer.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !choice.trim().is_empty() {
                on_answer.emit(choice.trim().to_string());
            }
        })
    };
    html! {
        <form class="quiz" id={format!("{p}quiz")} aria-label="Quiz" onsubmit={on_check}>
            <p class="kicker">{ "Predict, then check" }</p>
            { prose(&q.question) }
            if q.choices.is_empty() {
                <label>{ "Your answer: " }
                    <input id={format!("{p}number")} type="text" inputmode="numeric" disabled={answered}
                        value={props.answer.clone().unwrap_or_else(|| (*choice).clone())} oninput={on_type} />
                </label>
            } else {
                { choices(p, &q.choices, props.answer.as_ref(), &choice, &on_choose) }
            }
            if !answered {
                <button type="submit" id={format!("{p}check")} disabled={choice.trim().is_empty()}>{ "Check my answer" }</button>
            }
            { reveal }
        </form>
    }
}

/// A question's choices as radio buttons (`{p}choice-{i}`): the one picked,
/// or once answered the answer given, checked; all disabled once answered.
pub fn choices(
    p: &str,
    choices: &[String],
    answered: Option<&String>,
    choice: &str,
    on_choose: &Callback<Event>,
) -> Html {
    html! {
        <fieldset disabled={answered.is_some()}>
            { for choices.iter().enumerate().map(|(i, c)| {
                let checked = answered.map_or(choice == c, |a| a == c);
                html! {
                    <label class="choice">
                        <input type="radio" name={format!("{p}choice")} id={format!("{p}choice-{i}")} value={c.clone()}
                            checked={checked} onchange={on_choose.clone()} />
                        <code>{ c }</code>
                    </label>
                }
            }) }
        </fieldset>
    }
}
