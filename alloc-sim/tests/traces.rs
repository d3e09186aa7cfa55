//! The shipped traces: each synthetic one is exactly what its line in
//! `traces/README.md` makes, and every shipped trace replays on every
//! strategy with all invariants holding afterwards.
#![cfg(not(target_arch = "wasm32"))]

use alloc_sim::{ops, traces, HeapConfig, Simulation, StrategyKind};

fn dir() -> String {
    format!("{}/traces", env!("CARGO_MANIFEST_DIR"))
}

/// `(file, kind, seed, scale)` from the README's table of synthetic traces.
fn synthetic() -> Vec<(String, traces::Kind, u64, u64)> {
    let readme = std::fs::read_to_string(format!("{}/README.md", dir())).unwrap();
    readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let command = cells
                .get(2)?
                .strip_prefix("`alloc-sim gen ")?
                .strip_suffix('`')?;
            let words: Vec<&str> = command.split_whitespace().collect();
            let kind = traces::Kind::from_name(words[0])?;
            let value = |flag: &str| {
                let i = words.iter().position(|w| *w == flag)?;
                words.get(i + 1)?.parse().ok()
            };
            let file = cells[1].trim_matches('`').to_string();
            Some((file, kind, value("--seed")?, value("--scale")?))
        })
        .collect()
}

#[test]
fn every_synthetic_trace_is_what_its_generator_line_makes() {
    let listed = synthetic();
    assert_eq!(listed.len(), traces::Kind::ALL.len());
    for (file, kind, seed, scale) in listed {
        let shipped = std::fs::read_to_string(format!("{}/{file}", dir())).unwrap();
        let made = traces::to_rep(&traces::generate(kind, seed, scale));
        assert!(
            shipped == made,
            "{file} differs from `alloc-sim gen` output"
        );
    }
}

#[test]
fn every_shipped_trace_replays_on_every_strategy_and_the_heap_checks_out() {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".rep"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(format!("{}/{file}", dir())).unwrap();
        let list = ops::parse(&text).unwrap_or_else(|e| panic!("{file}:{e}"));
        for kind in StrategyKind::ALL {
            let mut sim = Simulation::new(HeapConfig::new(8 << 20), kind).unwrap();
            ops::replay(&list, &mut sim).unwrap_or_else(|e| panic!("{file} on {kind}: {e}"));
            sim.check()
                .unwrap_or_else(|e| panic!("{file} on {kind}: {e}"));
            let m = sim.metrics();
            assert!(
                m.peak_utilisation() > 0.0 && m.peak_utilisation() <= 1.0,
                "{file} on {kind}"
            );
        }
    }
}
