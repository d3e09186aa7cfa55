//! First, back, forward, last, and a scrubber over every call.

use yew::prelude::*;

use crate::state::Seek;

/// Props of [`stepper`].
#[derive(PartialEq, Debug)]
pub struct StepperProps {
    /// Calls made at the cursor.
    pub cursor: usize,
    /// Calls in all.
    pub steps: usize,
    /// Move the cursor.
    pub on_seek: Callback<Seek>,
    /// Whether the calls are playing by themselves.
    pub playing: bool,
    /// Start or stop playing.
    pub on_play: Callback<bool>,
    /// Milliseconds per call while playing.
    pub speed: u32,
    /// Change the speed.
    pub on_speed: Callback<u32>,
    /// Prefixed to element ids, for more than one on a page.
    pub id_prefix: AttrValue,
}

/// The stepper; the keys ←, →, Home and End do the same (see `App`).
pub fn stepper(props: &StepperProps) -> Html {
    let p = &props.id_prefix;
    // Playing stops at the last call: the button says so at once, not a
    // render later, when the player notices.
    let playing = props.playing && props.cursor < props.steps;
    let button = |id: &str, label: &str, title: &str, seek: Seek| {
        let on_seek = props.on_seek.clone();
        html! {
            <button id={format!("{p}{id}")} title={title.to_string()} aria-label={title.to_string()}
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
            <button id={format!("{p}play")} title="Play or pause (Space)" aria-label="Play or pause (Space)" onclick={{
                let on_play = props.on_play.clone();
                Callback::from(move |_: MouseEvent| on_play.emit(!playing))
            }}>{ if playing { "Pause" } else { "Play" } }</button>
            <select id={format!("{p}speed")} aria-label="Speed" onchange={{
                let on_speed = props.on_speed.clone();
                Callback::from(move |e: Event| {
                    if let Ok(ms) = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value().parse() {
                        on_speed.emit(ms);
                    }
                })
            }}>
                { for [(1000u32, "slow"), (400, "normal"), (100, "fast")].iter().map(|(ms, name)| html! {
                    <option value={ms.to_string()} selected={*ms == props.speed}>{ *name }</option>
                }) }
            </select>
            <input id={format!("{p}scrubber")} type="range" min="0" max={props.steps.to_string()} value={props.cursor.to_string()}
                oninput={on_scrub} aria-label="Call number" />
            <span id={format!("{p}position")}>{ format!("call {} of {}", props.cursor, props.steps) }</span>
        </section>
    }
}
