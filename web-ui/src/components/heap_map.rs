//! The heap drawn on a canvas, from pixels computed in Rust.

use std::rc::Rc;

use alloc_sim::Simulation;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

use crate::pixels::{self, Geometry};

/// Props of [`HeapMap`].
#[derive(Properties, PartialEq, Debug)]
pub struct HeapMapProps {
    /// The heap to draw.
    pub sim: Rc<Simulation>,
    /// A label for screen readers and tests.
    pub label: String,
    /// A byte was clicked.
    pub on_pick: Callback<alloc_sim::Addr>,
    /// Addresses in hex (`0x1000`) or decimal (`4096`).
    pub hex: bool,
    /// A region to outline: (address, bytes).
    #[prop_or_default]
    pub marker: Option<(alloc_sim::Addr, u64)>,
}

/// A row's address as the learner chose to see it.
pub fn address_label(addr: alloc_sim::Addr, hex: bool) -> String {
    if hex {
        addr.to_string()
    } else {
        addr.0.to_string()
    }
}

/// 64 cells a row, 8 pixels a cell.
pub fn geometry(heap_len: u64) -> Geometry {
    Geometry::fit(heap_len, 64, 64, 8)
}

/// A canvas showing every cell of the heap in its role's colour and pattern.
#[function_component]
pub fn HeapMap(props: &HeapMapProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let sim = props.sim.clone();
        use_effect_with((sim, props.marker), move |(sim, marker)| {
            draw(&canvas, sim, *marker);
        });
    }
    let on_save = {
        let (canvas, name) = (canvas.clone(), props.label.replace(' ', "-"));
        Callback::from(move |_: web_sys::MouseEvent| {
            save_png(&canvas, &name);
        })
    };
    let heap = props.sim.heap();
    let g = geometry(heap.len());
    let (w, h) = g.size(heap.len());
    let rows = g.rows(heap.len());
    let on_click = {
        let (canvas, on_pick) = (canvas.clone(), props.on_pick.clone());
        let (base, len) = (heap.base(), heap.len());
        Callback::from(move |e: web_sys::MouseEvent| {
            let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            // The canvas may be drawn smaller or larger than its pixels.
            let scale = f64::from(el.width()) / f64::from(el.client_width().max(1));
            let x = (f64::from(e.offset_x()) * scale).max(0.0) as u64;
            let y = (f64::from(e.offset_y()) * scale).max(0.0) as u64;
            if let Some(offset) = g.offset_at(x, y, len) {
                on_pick.emit(base.add(offset));
            }
        })
    };
    // Hovering inspects too; a click pins nothing more than hovering does.
    let on_move = on_click.clone();
    html! {
        <figure class="heap-map">
                                    <div class="map-row">
                <div class="addresses" aria-hidden="true">
                    { for (0..rows).step_by(8).map(|r| html! {
                        <span style={format!("top:{:.3}%", 100.0 * r as f64 / rows as f64)}>
                            { address_label(heap.base().add(r * g.columns * g.bytes_per_cell), props.hex) }
                        </span>
                    }) }
                </div>
                <canvas ref={canvas} width={w.to_string()} height={h.to_string()} role="img" aria-label={props.label.clone()} onclick={on_click} onmousemove={on_move} title="Point at a byte to inspect it" />
            </div>
                        <button class="save" title="Save this heap map as a PNG image, for slides" onclick={on_save}>{ "Save PNG" }</button>
            <figcaption>{ format!("{} at {}: {} byte(s) per cell, 64 cells a row", alloc_sim::units::Bytes(heap.len()), heap.base(), g.bytes_per_cell) }</figcaption>
        </figure>
    }
}

/// Downloads the canvas as `allocscope-<name>.png`.
fn save_png(canvas: &NodeRef, name: &str) -> Option<()> {
    let canvas = canvas.cast::<HtmlCanvasElement>()?;
    let url = canvas.to_data_url().ok()?;
    let document = web_sys::window()?.document()?;
    let link = document
        .create_element("a")
        .ok()?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    link.set_href(&url);
    link.set_download(&format!("allocscope-{name}.png"));
    link.click();
    Some(())
}

fn draw(canvas: &NodeRef, sim: &Simulation, marker: Option<(alloc_sim::Addr, u64)>) -> Option<()> {
    let canvas = canvas.cast::<HtmlCanvasElement>()?;
    let performance = web_sys::window()?.performance()?;
    let started = performance.now();
    let ctx = canvas
        .get_context("2d")
        .ok()??
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    let base = sim.heap().base();
    let marker = marker.map(|(at, len)| (at.since(base), len));
    let (w, h, data) = pixels::render_marked(sim.heap(), geometry(sim.heap().len()), marker);
    let image =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&data), w as u32, h as u32).ok()?;
    ctx.put_image_data(&image, 0.0, 0.0).ok()?;
    // How long the map took, for the budget check in the e2e suite.
    let ms = performance.now() - started;
    canvas
        .set_attribute("data-draw-ms", &format!("{ms:.2}"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_hex_or_decimal() {
        assert_eq!(address_label(alloc_sim::Addr(0x1000), true), "0x1000");
        assert_eq!(address_label(alloc_sim::Addr(0x1000), false), "4096");
    }
}
