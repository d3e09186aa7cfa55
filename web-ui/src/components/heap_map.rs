//! The heap drawn on a canvas, from pixels computed in Rust.

use std::rc::Rc;

use alloc_sim::Heap;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

use crate::pixels::{self, Geometry};

/// Props of [`HeapMap`].
#[derive(Properties, PartialEq, Debug)]
pub struct HeapMapProps {
    /// The heap to draw.
    pub heap: Rc<Heap>,
    /// A label for screen readers and tests.
    pub label: String,
    /// A byte was clicked.
    pub on_pick: Callback<alloc_sim::Addr>,
    /// Addresses in hex (`0x1000`) or decimal (`4096`).
    pub hex: bool,
    /// A region to outline: (address, bytes).
    #[prop_or_default]
    pub marker: Option<(alloc_sim::Addr, u64)>,
    /// Bytes per cell, if the learner zoomed; else the heap is fitted.
    #[prop_or_default]
    pub zoom: Option<u64>,
    /// The break (heap offset) of an `sbrk` allocator, to mark.
    #[prop_or_default]
    pub brk: Option<u64>,
}

/// A row's address as the learner chose to see it.
pub fn address_label(addr: alloc_sim::Addr, hex: bool) -> String {
    if hex {
        addr.to_string()
    } else {
        addr.0.to_string()
    }
}

/// 64 cells a row, 8 pixels a cell: fitted to 64 rows, or at the zoom the
/// learner chose as long as the map stays within 1024 rows.
pub fn geometry(heap_len: u64, zoom: Option<u64>) -> Geometry {
    let fit = Geometry::fit(heap_len, 64, 64, 8);
    match zoom {
        Some(bytes) if bytes.is_power_of_two() => {
            let zoomed = Geometry {
                bytes_per_cell: bytes,
                ..fit
            };
            if zoomed.rows(heap_len) <= 1024 {
                zoomed
            } else {
                Geometry::fit(heap_len, 64, 1024, 8)
            }
        }
        _ => fit,
    }
}

/// A canvas showing every cell of the heap in its role's colour and pattern.
#[function_component]
pub fn HeapMap(props: &HeapMapProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let heap = props.heap.clone();
        let zoom = props.zoom;
        use_effect_with(
            (heap, props.marker, zoom, props.brk),
            move |(heap, marker, _, brk)| {
                draw(&canvas, heap, *marker, zoom, *brk);
            },
        );
    }
    let on_save = {
        let (canvas, name) = (canvas.clone(), props.label.replace(' ', "-"));
        Callback::from(move |_: web_sys::MouseEvent| {
            save_png(&canvas, &name);
        })
    };
    let heap = &props.heap;
    let g = geometry(heap.len(), props.zoom);
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

/// Whether the page is in the dark theme (the system's preference, which
/// `style.css` follows).
pub fn dark_theme() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
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

fn draw(
    canvas: &NodeRef,
    heap: &Heap,
    marker: Option<(alloc_sim::Addr, u64)>,
    zoom: Option<u64>,
    brk: Option<u64>,
) -> Option<()> {
    let canvas = canvas.cast::<HtmlCanvasElement>()?;
    let performance = web_sys::window()?.performance()?;
    let started = performance.now();
    let ctx = canvas
        .get_context("2d")
        .ok()??
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    let base = heap.base();
    let marker = marker.map(|(at, len)| (at.since(base), len));
    let g = geometry(heap.len(), zoom);
    let (w, h, mut data) = pixels::render_marked(heap, g, marker);
    if dark_theme() {
        pixels::darken(&mut data);
    }
    if let Some(brk) = brk {
        pixels::mark_break(&mut data, g, w, heap.len(), brk);
    }
    let image =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&data), w as u32, h as u32).ok()?;
    ctx.put_image_data(&image, 0.0, 0.0).ok()?;
    // How long the map took, and when it was done, for the budget checks
    // in the e2e suite.
    let done = performance.now();
    canvas
        .set_attribute("data-draw-ms", &format!("{:.2}", done - started))
        .ok()?;
    canvas
        .set_attribute("data-drawn-at", &format!("{done:.2}"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_changes_bytes_per_cell_but_never_past_1024_rows() {
        assert_eq!(geometry(4096, None).bytes_per_cell, 1);
        assert_eq!(geometry(1 << 20, None).bytes_per_cell, 256);
        assert_eq!(geometry(1 << 20, Some(16)).bytes_per_cell, 16);
        assert_eq!(geometry(1 << 20, Some(16)).rows(1 << 20), 1024);
        // 1 byte a cell would need 16384 rows: the densest allowed instead.
        assert_eq!(geometry(1 << 20, Some(1)).bytes_per_cell, 16);
        assert_eq!(geometry(4096, Some(64)).rows(4096), 1);
    }

    #[test]
    fn addresses_in_hex_or_decimal() {
        assert_eq!(address_label(alloc_sim::Addr(0x1000), true), "0x1000");
        assert_eq!(address_label(alloc_sim::Addr(0x1000), false), "4096");
    }
}
