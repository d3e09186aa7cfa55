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

/// The most points a line of the chart gets: more than a chart is wide.
pub const MAX_POINTS: usize = 600;

/// A metric before any call, then after each call; for long runs, the
/// highest value of each of [`MAX_POINTS`] equal stretches of calls, so
/// that no peak is lost.
pub fn series(run: &Run, get: fn(&Metrics) -> f64) -> Vec<f64> {
    let all = std::iter::once(get(&run.start)).chain(run.calls.iter().map(|c| get(&c.metrics)));
    let n = run.calls.len() + 1;
    if n <= MAX_POINTS {
        return all.collect();
    }
    let stretch = n.div_ceil(MAX_POINTS);
    let all: Vec<f64> = all.collect();
    all.chunks(stretch)
        .map(|c| c.iter().copied().fold(f64::MIN, f64::max))
        .collect()
}

/// Props of [`chart`].
#[derive(PartialEq, Debug)]
pub struct ChartProps {
    /// The run whose calls carry the metrics.
    pub run: std::rc::Rc<Run>,
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

const W: f64 = 400.0;
const H: f64 = 90.0;
const FRAG_H: f64 = 30.0;

/// Props of [`Lines`]: what the lines depend on, and not the cursor.
#[derive(Properties, PartialEq, Debug)]
struct LinesProps {
    run: std::rc::Rc<Run>,
}

/// The lines and their key; computed again only for a new run.
#[function_component]
fn Lines(props: &LinesProps) -> Html {
    let lines: Vec<Vec<f64>> = LINES
        .iter()
        .map(|(_, _, get)| series(&props.run, *get))
        .collect();
    let bytes_max = lines.iter().flatten().copied().fold(1.0, f64::max);
    let frag = series(&props.run, Metrics::external_fragmentation);
    html! {
        <>
            <svg viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="none" role="img">
                { for LINES.iter().zip(&lines).map(|((name, colour, _), values)| html! {
                    <polyline points={points(values, bytes_max, W, H)} fill="none" stroke={*colour} stroke-width="2"><title>{ *name }</title></polyline>
                }) }
            </svg>
            <svg viewBox={format!("0 0 {W} {FRAG_H}")} preserveAspectRatio="none" role="img">
                <polyline points={points(&frag, 1.0, W, FRAG_H)} fill="none" stroke="#cc79a7" stroke-width="2"><title>{ "external fragmentation" }</title></polyline>
            </svg>
            <figcaption>
                { for LINES.iter().map(|(name, colour, _)| html! { <span class="key" style={format!("color:{colour}")}>{ format!("— {name} ") }</span> }) }
                <span class="key" style="color:#cc79a7">{ "— external fragmentation (0–1, lower chart)" }</span>
                { format!(" · bytes from 0 to {}", bytes_max as u64) }
            </figcaption>
        </>
    }
}

/// Bytes over the calls, and external fragmentation (0 to 1) below, with
/// the cursor drawn over both.
pub fn chart(props: &ChartProps) -> Html {
    let steps = props.run.calls.len().max(1) as f64;
    let x = (W * props.cursor as f64 / steps).to_string();
    html! {
        <figure class="chart" aria-label="Metrics over the calls">
            <Lines run={props.run.clone()} />
            <svg class="chart-cursor" viewBox={format!("0 0 {W} {}", H + FRAG_H)} preserveAspectRatio="none" aria-hidden="true">
                <line x1={x.clone()} x2={x} y1="0" y2={(H + FRAG_H).to_string()} stroke="currentColor" stroke-dasharray="3 3" />
            </svg>
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

    #[test]
    fn long_runs_are_drawn_with_few_points_keeping_every_peak() {
        use alloc_sim::scenario::{self, Limits};
        use alloc_sim::{HeapConfig, Simulation, StrategyKind};
        let source = "fn main() { for i in 0..1000u64 { let b = Box::new(i); if i == 700 { let big = Box::new([0u64; 64]); } } }";
        let mut sim = Simulation::new(HeapConfig::new(8192), StrategyKind::FirstFit).unwrap();
        let run = scenario::run(source, &mut sim, Limits::default());
        assert!(run.calls.len() > MAX_POINTS);
        assert_eq!(run.start.live_bytes, 0);
        let live = series(&run, |m| m.live_bytes as f64);
        assert!(live.len() <= MAX_POINTS);
        let peak = run
            .calls
            .iter()
            .map(|c| c.metrics.live_bytes)
            .max()
            .unwrap();
        assert_eq!(live.iter().copied().fold(0.0, f64::max), peak as f64);
    }
}
