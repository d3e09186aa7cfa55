//! The run of the first pane over time: the stepper to move through its
//! calls, the chart of its metrics, the address × time strip, and what the
//! program printed.

use yew::prelude::*;

use crate::components::chart::{chart, ChartProps};
use crate::components::overview_strip::OverviewStrip;
use crate::components::stepper::{stepper, StepperProps};
use crate::state::{Pane, Seek};

/// Props of [`run_view`].
#[derive(PartialEq, Debug)]
pub struct RunViewProps {
    /// The pane whose run is shown (the first).
    pub pane: Pane,
    /// Calls made at the cursor.
    pub cursor: usize,
    /// Calls in all (the longest run of any pane).
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
}

/// The stepper, the charts over time, and the output.
pub fn run_view(props: &RunViewProps) -> Html {
    let run = &props.pane.run;
    let heap = &props.pane.end.heap;
    html! {
        <>
            { stepper(&StepperProps { cursor: props.cursor, steps: props.steps, on_seek: props.on_seek.clone(),
                playing: props.playing, on_play: props.on_play.clone(),
                speed: props.speed, on_speed: props.on_speed.clone(), id_prefix: AttrValue::default() }) }
            { chart(&ChartProps { run: run.clone(), cursor: props.cursor }) }
            <OverviewStrip run={run.clone()} base={heap.base()} len={heap.len()} cursor={props.cursor}
                on_jump={props.on_seek.reform(Seek::To)} />
            if !run.output.is_empty() {
                <section class="output" aria-label="Program output">
                    <h2>{ "Output" }</h2>
                    <pre id="output">{ run.output.join("\n") }</pre>
                </section>
            }
        </>
    }
}
