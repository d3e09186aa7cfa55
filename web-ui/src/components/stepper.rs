//! First, back, forward, last, and a scrubber over every call.

use yew::prelude::*;

use crate::state::Seek;

/// Props of [`Stepper`].
#[derive(Properties, PartialEq, Debug)]
pub struct StepperProps {
    /// Calls made at the cursor.
    pub cursor: usize,
    /// Calls in all.
    pub steps: usize,
    /// Move the cursor.
    pub on_seek: Callback<Seek>,
}

/// The stepper; the keys ←, →, Home and End do the same (see `App`).
#[function_component]
pub fn Stepper(props: &StepperProps) -> Html {
    let button = |id: &str, label: &str, title: &str, seek: Seek| {
        let on_seek = props.on_seek.clone();
        html! {
            <button id={id.to_string()} title={title.to_string()} aria-label={title.to_string()}
                onclick={Callback::from(move |_| on_seek.emit(seek))}>{ label }</button>
        }
    };
    let on_scrub = {
        let on_seek = props.on_seek.clone();
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            if let Ok(n) = value.parse::<usize>() {
                on_seek.emit(Seek::To(n));
            }
        })
    };
    html! {
        <section class="stepper" aria-label="Step through the calls">
            { button("first", "« First", "First (Home)", Seek::First) }
            { button("back", "‹ Back", "Back (←)", Seek::Back) }
            { button("forward", "Next ›", "Forward (→)", Seek::Forward) }
            { button("last", "Last »", "Last (End)", Seek::Last) }
            <input id="scrubber" type="range" min="0" max={props.steps.to_string()} value={props.cursor.to_string()}
                oninput={on_scrub} aria-label="Call number" />
            <span id="position">{ format!("call {} of {}", props.cursor, props.steps) }</span>
        </section>
    }
}
