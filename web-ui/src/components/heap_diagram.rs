//! The heap as a diagram (see [`crate::diagram`]): an SVG of labelled
//! blocks, free memory, bookkeeping and the free lists' arrows.
//!
//! Every rectangle is keyed by what it is (an allocation by its number,
//! anything else by where it starts), so between two steps the browser
//! moves the same element: a block appears, a buffer slides to where a
//! `realloc` moved it, a hole widens as it merges. The motion is CSS
//! (`style.css`, off under `prefers-reduced-motion`); where it ends is
//! exactly the still picture.

use std::rc::Rc;

use alloc_sim::scenario::std_rules::dec2flt::parse_float;
use alloc_sim::scenario::Run;
use alloc_sim::{free_links, Addr, Heap, Role};
use yew::prelude::*;

use crate::components::heap_map::address_label;
use crate::diagram::{self, Diagram, Rows, FONT, GAP_H, GUTTER, ROW_H};
use crate::pixels::{self, Rgb};

/// What [`heap_diagram`] draws.
#[derive(PartialEq, Debug)]
pub struct HeapDiagramProps<'a> {
    /// The heap at the cursor.
    pub heap: &'a Rc<Heap>,
    /// The run, for each block's `Layout`.
    pub run: &'a Rc<Run>,
    /// Calls made.
    pub cursor: usize,
    /// Its rows: the bytes a row shared by the panes side by side, and
    /// which rows this pane leaves out.
    pub layout: Rows,
    /// Unique among the page's diagrams: its patterns' ids start with it.
    pub id: String,
    /// For screen readers.
    pub label: String,
    /// The id of the text that describes the heap in words (the call log).
    pub described_by: Option<String>,
    /// Addresses in hex or decimal.
    pub hex: bool,
    /// A region to outline (the largest free block after an abort).
    pub marker: Option<(Addr, u64)>,
    /// The break of an `sbrk` allocator (heap offset), to mark.
    pub brk: Option<u64>,
    /// A byte was picked (clicked, hovered, or a block focused).
    pub on_pick: Callback<Addr>,
    /// What a saved picture says above the diagram: the strategy, and the
    /// call it shows the heap after.
    pub headline: Vec<String>,
    /// The saved picture's file name, without `.png`.
    pub file: String,
}

/// The light theme's colours, written on the elements themselves so that a
/// saved picture (a standalone SVG) has them; `style.css` overrides them
/// for the dark theme on screen.
struct Theme {
    untouched: &'static str,
    edge: &'static str,
    ink: &'static str,
    muted: &'static str,
    bad: &'static str,
}

const LIGHT: Theme = Theme {
    untouched: "#ffffff",
    edge: "#fafaf7",
    ink: "#3a3a42",
    muted: "#5c5c66",
    bad: "#b3261e",
};

/// The labels' face: monospace, so that what fits is known in advance.
const MONO: &str = "ui-monospace, DejaVu Sans Mono, monospace";

fn rgb(c: Rgb) -> String {
    format!("rgb({},{},{})", c[0], c[1], c[2])
}

/// The text colour that reads best on `c`.
fn ink(c: Rgb) -> &'static str {
    if pixels::contrast(c, [0, 0, 0]) >= pixels::contrast(c, [255, 255, 255]) {
        "#000"
    } else {
        "#fff"
    }
}

/// A pattern's id within the page.
fn pattern_id(prefix: &str, on: Rgb, off: Rgb, name: &str) -> String {
    format!(
        "{prefix}-{name}-{:02x}{:02x}{:02x}-{:02x}{:02x}{:02x}",
        on[0], on[1], on[2], off[0], off[1], off[2]
    )
}

fn pattern(prefix: &str, on: Rgb, off: Rgb, name: &'static str) -> Html {
    let id = pattern_id(prefix, on, off, name);
    let (on, off) = (rgb(on), rgb(off));
    match name {
        "dots" => html! {
            <pattern id={id} patternUnits="userSpaceOnUse" width="9" height="9">
                <rect width="9" height="9" fill={off} />
                <circle cx="3" cy="3" r="1.8" fill={on} />
            </pattern>
        },
        // Stripes, and the sparse diagonal: thinner, farther apart.
        _ => {
            let (period, mark) = if name == "sparse" {
                ("14", "2.5")
            } else {
                ("10", "5")
            };
            html! {
                <pattern id={id} patternUnits="userSpaceOnUse" width={period} height={period}
                    patternTransform="rotate(45)">
                    <rect width={period} height={period} fill={off} />
                    <rect width={mark} height={period} fill={on} />
                </pattern>
            }
        }
    }
}

/// What a piece is keyed by: an allocation's pieces by its number and part,
/// anything else by where it starts.
fn key_of(role: Role, start: u64, seg: usize) -> String {
    match role {
        Role::Payload(id) => format!("p{}-{seg}", id.0),
        Role::Slack(id) => format!("s{}-{seg}", id.0),
        Role::Padding(id) => format!("d{}-{seg}", id.0),
        _ => format!("o{start}-{seg}"),
    }
}

/// The CSS class of a piece: free memory, untouched bytes and the
/// bookkeeping drawn dark follow the page's theme (`pixels::DARK`).
fn class_of(role: Role) -> &'static str {
    use alloc_sim::Metadata;
    match role {
        Role::Untouched => "piece untouched",
        Role::Free => "piece free",
        Role::Metadata(Metadata::HoleNode | Metadata::FreeLink | Metadata::Yours) => "piece",
        Role::Metadata(_) => "piece meta",
        _ => "piece",
    }
}

/// The role classes painted on `heap`, for a saved picture's legend.
fn painted(heap: &Heap) -> Vec<alloc_sim::RoleClass> {
    alloc_sim::RoleClass::ALL
        .into_iter()
        .filter(|&c| heap.roles().total(c) > 0)
        .collect()
}

/// A standalone SVG for a saved picture: `headline` above the diagram
/// (`inner`, the live SVG's content, with its `view_box`), the legend of
/// `classes` under it, on white, `width` pixels wide. Returns the SVG and
/// its height.
pub fn picture(
    inner: &str,
    view_box: (f64, f64),
    headline: &[String],
    classes: &[alloc_sim::RoleClass],
    width: f64,
) -> (String, f64) {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let scale = width / view_box.0;
    let mut y = 20.0;
    let mut out = String::new();
    for (i, line) in headline.iter().enumerate() {
        let (size, weight) = if i == 0 { (30.0, "700") } else { (22.0, "400") };
        y += size * 1.35;
        out += &format!(
            r##"<text x="24" y="{y:.0}" font-size="{size}" font-weight="{weight}" font-family="{MONO}" fill="#1b1b1f">{}</text>"##,
            escape(line)
        );
    }
    y += 16.0;
    let diagram_h = view_box.1 * scale;
    out += &format!(
        r#"<svg x="0" y="{y:.0}" width="{width:.0}" height="{diagram_h:.0}" viewBox="0 0 {} {}" font-size="{FONT}" font-family="{MONO}">{inner}</svg>"#,
        view_box.0, view_box.1
    );
    y += diagram_h + 30.0;
    // The legend, as many swatches a line as fit.
    let mut x = 24.0;
    for class in classes {
        let text = class.legend();
        let item = 36.0 + text.chars().count() as f64 * 11.0 + 28.0;
        if x + item > width && x > 24.0 {
            x = 24.0;
            y += 36.0;
        }
        let (on, hatch) = pixels::fill(class.example());
        out += &format!(
            r##"<rect x="{x:.0}" y="{:.0}" width="24" height="24" fill="{}" stroke="#999"/>"##,
            y - 18.0,
            rgb(on)
        );
        if let Some((off, _)) = hatch {
            out += &format!(
                r#"<rect x="{:.0}" y="{:.0}" width="12" height="24" fill="{}"/>"#,
                x + 12.0,
                y - 18.0,
                rgb(off)
            );
        }
        out += &format!(
            r##"<text x="{:.0}" y="{y:.0}" font-size="20" font-family="system-ui, sans-serif" fill="#1b1b1f">{}</text>"##,
            x + 34.0,
            escape(text)
        );
        x += item;
    }
    let height = y + 30.0;
    (
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}"><rect width="100%" height="100%" fill="#ffffff"/>{out}</svg>"##
        ),
        height,
    )
}

/// Draws the diagram's picture on a canvas and downloads it as
/// `file.png`. The browser renders the SVG as an image first, so the PNG
/// is exactly what a slide would show.
fn save_png(
    svg: &NodeRef,
    file: &str,
    headline: &[String],
    classes: &[alloc_sim::RoleClass],
) -> Option<()> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let svg = svg.cast::<web_sys::Element>()?;
    let view_box: Vec<f64> = svg
        .get_attribute("viewBox")?
        .split_whitespace()
        // Through the scenarios' parser, not core's: the page carries one.
        .filter_map(|n| parse_float(n, true).ok())
        .collect();
    let (&vw, &vh) = (view_box.get(2)?, view_box.get(3)?);
    let width = 1600.0;
    let (doc, height) = picture(&svg.inner_html(), (vw, vh), headline, classes, width);
    let document = web_sys::window()?.document()?;
    let image = web_sys::HtmlImageElement::new().ok()?;
    let canvas = document
        .create_element("canvas")
        .ok()?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .ok()?;
    canvas.set_width(width as u32);
    canvas.set_height(height.ceil() as u32);
    let file = format!("{file}.png");
    let drawn = image.clone();
    let on_load = Closure::once_into_js(move || {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        let Some(ctx) = ctx else { return };
        if ctx
            .draw_image_with_html_image_element(&drawn, 0.0, 0.0)
            .is_err()
        {
            return;
        }
        let Ok(url) = canvas.to_data_url() else {
            return;
        };
        let link = document
            .create_element("a")
            .ok()
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(link) = link {
            link.set_href(&url);
            link.set_download(&file);
            link.click();
        }
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_src(&format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(&doc)
    ));
    Some(())
}

/// The diagram, or `None` when the heap has too many runs to draw as one
/// (the byte map is drawn instead).
pub fn heap_diagram(props: &HeapDiagramProps<'_>) -> Option<Html> {
    let heap = props.heap;
    let links = free_links(heap);
    let d = diagram::diagram(
        heap,
        props.layout.clone(),
        |addrs| diagram::made_by(props.run, props.cursor, addrs),
        &links,
    )?;
    Some(draw(props, &d))
}

fn draw(props: &HeapDiagramProps<'_>, d: &Diagram) -> Html {
    let heap = props.heap;
    let base = heap.base();
    let prefix = &props.id;
    let (w, h) = d.layout.size();
    let mut patterns: Vec<(Rgb, Rgb, &'static str)> = Vec::new();
    let pieces = d.pieces.iter().flat_map(|p| {
        let (on, hatch) = pixels::fill(p.role);
        let fill = match hatch {
            None => rgb(on),
            Some((off, name)) => {
                if !patterns.contains(&(on, off, name)) {
                    patterns.push((on, off, name));
                }
                format!("url(#{})", pattern_id(prefix, on, off, name))
            }
        };
        let title = format!(
            "{}: {} B at {}",
            p.role.class().legend(),
            p.end - p.start,
            base.add(p.start)
        );
        let addr = base.add(p.start);
        let payload = match p.role {
            Role::Payload(id) => Some(id.0.to_string()),
            _ => None,
        };
        p.segs
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let pick = props.on_pick.reform(move |_: MouseEvent| addr);
                html! {
                    <rect key={key_of(p.role, p.start, i)} class={class_of(p.role)}
                        x={format!("{:.2}", s.x)} y={format!("{:.2}", s.y)}
                        width={format!("{:.2}", s.w)} height={format!("{ROW_H}")}
                        fill={fill.clone()} stroke={LIGHT.edge} stroke-width="1.5" data-payload={payload.clone()}
                        onclick={pick.clone()} onmouseenter={pick}>
                        <title>{ title.clone() }</title>
                    </rect>
                }
            })
            .collect::<Vec<_>>()
    });
    let pieces: Vec<Html> = pieces.collect();
    let focusable = d.blocks.len() <= 64;
    let blocks = d.blocks.iter().map(|b| {
        let addr = b.addr;
        let on_pick = props.on_pick.clone();
        let keys = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_pick.emit(addr);
            }
        });
        let on_focus = props.on_pick.reform(move |_: FocusEvent| addr);
        let on_click = props.on_pick.reform(move |_: MouseEvent| addr);
        let on_hover = on_click.clone();
        let (hue, _) = pixels::fill(Role::Payload(b.id));
        // One outline a row the block crosses, over its pieces: the
        // block's edge, its focus ring, and what a click picks.
        let outline = d.layout.segments(b.start, b.end);
        html! {
            <g key={format!("b{}", b.id.0)} class="block" role={focusable.then_some("button")}
                tabindex={focusable.then_some("0")} aria-label={b.title.clone()}
                onkeydown={keys} onfocus={on_focus} onclick={on_click} onmouseenter={on_hover}>
                <title>{ b.title.clone() }</title>
                { for outline.iter().map(|s| html! {
                    <rect class="edge" x={format!("{:.2}", s.x)} y={format!("{:.2}", s.y)}
                        width={format!("{:.2}", s.w)} height={format!("{ROW_H}")}
                        fill="transparent" stroke="rgba(0,0,0,0.35)" stroke-width="1.5" />
                }) }
                if let Some(l) = &b.label {
                    <text class="label" fill={ink(hue)} text-anchor="middle" dominant-baseline="central"
                        style={format!("transform: translate({:.2}px, {:.2}px)", l.x, l.y)}>
                        { l.text.clone() }
                    </text>
                }
            </g>
        }
    });
    let notes = d.notes.iter().map(|(role, l)| {
        // On free memory the page's ink (the theme's); on bookkeeping, the
        // ink that reads on its colour.
        let (class, fill) = match (role, class_of(*role)) {
            (Role::Free | Role::Untouched, _) => ("note on-free", LIGHT.ink),
            (_, "piece meta") => ("note on-meta", ink(pixels::fill(*role).0)),
            _ => ("note", ink(pixels::fill(*role).0)),
        };
        html! {
            <text key={format!("n{:.0}-{:.0}", l.x, l.y)} class={class} fill={fill}
                text-anchor="middle" dominant-baseline="central"
                style={format!("transform: translate({:.2}px, {:.2}px)", l.x, l.y)}>{ l.text.clone() }</text>
        }
    });
    let arrows = d.arrows.iter().map(|a| {
        html! {
            <path key={format!("l{}", a.link.from.0)} class="link" d={a.path.clone()}
                fill="none" stroke={LIGHT.ink} stroke-width="2.5"
                marker-end={format!("url(#{prefix}-arrow)")}>
                <title>{ format!("free-list link: the node at {} names the next, at {}", a.link.from, a.link.to) }</title>
            </path>
        }
    });
    let rows = d.rows.iter().map(|r| {
        html! {
            <text class="addr" x={format!("{:.0}", GUTTER - 12.0)} y={format!("{:.2}", r.y + ROW_H / 2.0)}
                fill={LIGHT.muted} text-anchor="end" dominant-baseline="central" font-size="20">
                { address_label(r.addr, props.hex) }
            </text>
        }
    });
    let marker = props.marker.into_iter().flat_map(|(at, len)| {
        let start = at.since(base);
        d.layout.segments(start, start + len).into_iter().map(|s| {
            html! {
                <rect class="marker" x={format!("{:.2}", s.x)} y={format!("{:.2}", s.y)}
                    width={format!("{:.2}", s.w)} height={format!("{ROW_H}")}
                    fill="none" stroke={LIGHT.bad} stroke-width="4" stroke-dasharray="10 6" />
            }
        })
    });
    let brk = props.brk.and_then(|b| d.layout.point(b)).map(|(x, y)| {
        html! {
            <g class="brk">
                <line x1={format!("{x:.2}")} x2={format!("{x:.2}")} y1={format!("{:.2}", y - 6.0)} y2={format!("{:.2}", y + ROW_H + 6.0)}
                    stroke={rgb(pixels::BREAK)} stroke-width="5" />
                <text x={format!("{:.2}", x + 4.0)} y={format!("{:.2}", y - 8.0)} fill={rgb(pixels::BREAK)}>{ "break" }</text>
            </g>
        }
    });
    let caption = {
        let shown = alloc_sim::units::Bytes(d.layout.scale.shown);
        let per_row = alloc_sim::units::Bytes(d.layout.scale.bytes_per_row);
        let rest = d.rest.map_or(String::new(), |(start, len)| {
            format!(
                "; the other {} from {} are untouched so far",
                alloc_sim::units::Bytes(len),
                address_label(base.add(start), props.hex)
            )
        });
        let links = match d.links_not_drawn {
            0 => String::new(),
            n => format!("; {n} free-list links, too many to draw as arrows"),
        };
        format!(
            "{shown} of {} at {}, {per_row} a row{rest}{links}",
            alloc_sim::units::Bytes(heap.len()),
            address_label(base, props.hex)
        )
    };
    let gaps = d.layout.gaps.iter().map(|g| {
        let text = format!("⋯ {} never touched ⋯", alloc_sim::units::Bytes(g.len));
        let title = format!(
            "{} to {}: {} never touched, left out",
            address_label(base.add(g.start), props.hex),
            address_label(base.add(g.start + g.len), props.hex),
            alloc_sim::units::Bytes(g.len)
        );
        html! {
            <g class="gap">
                <title>{ title }</title>
                <text class="note on-free" x={format!("{:.1}", GUTTER + (w - GUTTER) / 2.0)} y={format!("{:.1}", g.y + GAP_H / 2.0)}
                    fill={LIGHT.ink} text-anchor="middle" dominant-baseline="central">{ text }</text>
            </g>
        }
    });
    let svg = NodeRef::default();
    let on_save = {
        let svg = svg.clone();
        let (file, headline) = (props.file.clone(), props.headline.clone());
        let legend = painted(heap);
        Callback::from(move |_: MouseEvent| {
            save_png(&svg, &file, &headline, &legend);
        })
    };
    html! {
        <figure class="heap-diagram">
            <svg ref={svg} class="dia" viewBox={format!("0 0 {w:.0} {h:.0}")} role="img"
                aria-label={props.label.clone()} aria-describedby={props.described_by.clone()}
                font-size={format!("{FONT}")} font-family={MONO} style={format!("background:{}", LIGHT.untouched)}>
                <defs>
                    <marker id={format!("{prefix}-arrow")} viewBox="0 0 10 10" refX="9" refY="5"
                        markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path class="arrowhead" d="M0 0 L10 5 L0 10 z" fill={LIGHT.ink} />
                    </marker>
                    { for patterns.iter().map(|&(on, off, name)| pattern(prefix, on, off, name)) }
                </defs>
                <g class="rows">{ for rows }</g>
                <g class="gaps">{ for gaps }</g>
                <g class="pieces">{ for pieces }</g>
                <g class="blocks">{ for blocks }</g>
                <g class="notes">{ for notes }</g>
                <g class="links">{ for arrows }</g>
                <g class="marks">{ for marker }{ for brk }</g>
            </svg>
            <button class="save" title="Save this diagram as a PNG image, for slides: with the strategy, the call it shows and its legend" onclick={on_save}>{ "Save PNG" }</button>
            <figcaption>{ caption }</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc_sim::RoleClass;

    #[test]
    fn a_saved_picture_holds_the_headline_the_diagram_and_the_legend() {
        let headline = [
            "first-fit".to_string(),
            "8:9 realloc(0x1230, …) → 0x1240 <moved>".to_string(),
        ];
        let classes = [RoleClass::Free, RoleClass::Payload, RoleClass::Slack];
        let (svg, height) = picture(
            "<rect id=\"inner\"/>",
            (1154.0, 500.0),
            &headline,
            &classes,
            1600.0,
        );
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(">first-fit</text>"));
        // Text is escaped: the picture stays well-formed.
        assert!(svg.contains("→ 0x1240 &lt;moved&gt;</text>"));
        assert!(svg.contains("<rect id=\"inner\"/>"));
        for class in classes {
            assert!(
                svg.contains(&format!(">{}</text>", class.legend())),
                "{class:?}"
            );
        }
        // The diagram keeps its proportions at the picture's width.
        assert!(svg.contains(&format!(
            "height=\"{:.0}\" viewBox=\"0 0 1154 500\"",
            500.0 * 1600.0 / 1154.0
        )));
        assert!(height > 500.0 * 1600.0 / 1154.0 + 2.0 * 30.0);
    }
}
