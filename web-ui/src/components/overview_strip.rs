//! The whole run at a glance: every allocation a band from its `alloc` to
//! its free, at its addresses (time across, the heap down), the cursor
//! marked. Clicking a band jumps to the call that made it.

use std::rc::Rc;

use alloc_sim::scenario::Run;
use alloc_sim::Addr;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

use crate::overview::{band_at, bands, render, Strip};

const WIDTH: usize = 800;
const HEIGHT: usize = 96;

/// Props of [`OverviewStrip`].
#[derive(Properties, PartialEq, Debug)]
pub struct OverviewStripProps {
    /// The run.
    pub run: Rc<Run>,
    /// The heap's first address.
    pub base: Addr,
    /// The heap's size.
    pub len: u64,
    /// Calls made at the cursor.
    pub cursor: usize,
    /// Jump to just after call `n`.
    pub on_jump: Callback<usize>,
}

/// An address × time strip of the run.
#[function_component]
pub fn OverviewStrip(props: &OverviewStripProps) -> Html {
    let canvas = use_node_ref();
    let strip = Strip {
        width: WIDTH,
        height: HEIGHT,
        calls: props.run.calls.len(),
        base: props.base,
        len: props.len,
    };
    let all = use_memo((props.run.clone(), props.base, props.len), |(run, _, _)| {
        bands(run)
    });
    {
        let (canvas, all) = (canvas.clone(), all.clone());
        use_effect_with((all, strip), move |(all, strip)| {
            let pixels = render(all, *strip);
            let draw = || -> Option<()> {
                let c = canvas.cast::<HtmlCanvasElement>()?;
                let ctx = c
                    .get_context("2d")
                    .ok()??
                    .dyn_into::<CanvasRenderingContext2d>()
                    .ok()?;
                let image = ImageData::new_with_u8_clamped_array_and_sh(
                    Clamped(&pixels),
                    WIDTH as u32,
                    HEIGHT as u32,
                )
                .ok()?;
                ctx.put_image_data(&image, 0.0, 0.0).ok()
            };
            draw();
        });
    }
    let onclick = {
        let (all, on_jump, canvas) = (all.clone(), props.on_jump.clone(), canvas.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            let (w, h) = (
                f64::from(c.client_width().max(1)),
                f64::from(c.client_height().max(1)),
            );
            let x = (f64::from(e.offset_x()) / w * WIDTH as f64) as usize;
            let y = (f64::from(e.offset_y()) / h * HEIGHT as f64) as usize;
            let (call, addr) = strip.at(x.min(WIDTH - 1), y.min(HEIGHT - 1));
            let to = band_at(&all, call, addr).map_or(call, |b| b.from + 1);
            on_jump.emit(to);
        })
    };
    let at = 100.0 * props.cursor as f64 / props.run.calls.len().max(1) as f64;
    html! {
        <figure class="overview" aria-label="Overview: every allocation from its alloc to its free, time across, addresses down">
            <div class="overview-frame">
                <canvas ref={canvas} id="overview" width={WIDTH.to_string()} height={HEIGHT.to_string()} {onclick}
                    data-bands={all.len().to_string()} title="Click an allocation to jump to the call that made it" />
                <div class="overview-cursor" style={format!("left:{at:.3}%")} aria-hidden="true"></div>
            </div>
            <figcaption>{ format!("{} allocations over {} calls: time across, {} of heap down; click one to jump to it", all.len(), props.run.calls.len(), alloc_sim::units::Bytes(props.len)) }</figcaption>
        </figure>
    }
}
