//! Small line charts of the metrics over the calls, the cursor marked.

use alloc_sim::scenario::Run;
use alloc_sim::Metrics;
use yew::prelude::*;

/// The points of a polyline for `values` in a `w × h` box, scaled to `max`
/// (values above it are clipped): "x,y x,y …".
pub fn points(values: &[f64], max: f64, w: f64, h: f64) -> String {
    let n = values.len().max(2) - 1;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = w * i as f64 / n as f64;
            let y = h - h * (v / max.max(f64::MIN_POSITIVE)).clamp(0.0, 1.0);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A metric before any call, then after each call.
pub fn series(start: &Metrics, run: &Run, get: fn(&Metrics) -> f64) -> Vec<f64> {
    std::iter::once(get(start))
        .chain(run.calls.iter().map(|c| get(&c.metrics)))
        .collect()
}

/// Props of [`Chart`].
#[derive(Properties, PartialEq, Debug)]
pub struct ChartProps {
    /// The run whose calls carry the metrics.
    pub run: std::rc::Rc<Run>,
    /// The metrics before any call.
    pub start: Metrics,
    /// Calls made at the cursor.
    pub cursor: usize,
}

/// A line of the chart: its name, colour, and the metric it draws.
type Line = (&'static str, &'static str, fn(&Metrics) -> f64);

const LINES: [Line; 3] = [
    ("live bytes", "#0072b2", |m| m.live_bytes as f64),
    ("peak live bytes", "#e69f00", |m| m.peak_live_bytes as f64),
    ("footprint", "#009e73", |m| m.footprint as f64),
];

/// Bytes over the calls, and external fragmentation (0 to 1) below.
#[function_component]
pub fn Chart(props: &ChartProps) -> Html {
    let (w, h) = (400.0, 90.0);
    let steps = props.run.calls.len().max(1) as f64;
    let x = w * props.cursor as f64 / steps;
    let bytes_max = LINES
        .iter()
        .flat_map(|(_, _, get)| series(&props.start, &props.run, *get))
        .fold(1.0, f64::max);
    let frag = series(&props.start, &props.run, Metrics::external_fragmentation);
    html! {
        <figure class="chart" aria-label="Metrics over the calls">
            <svg viewBox={format!("0 0 {w} {h}")} preserveAspectRatio="none" role="img">
                { for LINES.iter().map(|(name, colour, get)| html! {
                    <polyline points={points(&series(&props.start, &props.run, *get), bytes_max, w, h)} fill="none" stroke={*colour} stroke-width="2"><title>{ *name }</title></polyline>
                }) }
                <line x1={x.to_string()} x2={x.to_string()} y1="0" y2={h.to_string()} stroke="currentColor" stroke-dasharray="3 3" />
            </svg>
            <svg viewBox={format!("0 0 {w} 30")} preserveAspectRatio="none" role="img">
                <polyline points={points(&frag, 1.0, w, 30.0)} fill="none" stroke="#cc79a7" stroke-width="2"><title>{ "external fragmentation" }</title></polyline>
                <line x1={x.to_string()} x2={x.to_string()} y1="0" y2="30" stroke="currentColor" stroke-dasharray="3 3" />
            </svg>
            <figcaption>
                { for LINES.iter().map(|(name, colour, _)| html! { <span class="key" style={format!("color:{colour}")}>{ format!("— {name} ") }</span> }) }
                <span class="key" style="color:#cc79a7">{ "— external fragmentation (0–1, lower chart)" }</span>
                                { format!(" · bytes from 0 to {}", bytes_max as u64) }
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_span_the_box_and_clip_to_it() {
        assert_eq!(
            points(&[0.0, 5.0, 20.0], 10.0, 100.0, 50.0),
            "0.0,50.0 50.0,25.0 100.0,0.0"
        );
        assert_eq!(points(&[1.0], 1.0, 10.0, 10.0), "0.0,0.0");
    }
}
