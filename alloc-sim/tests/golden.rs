//! One program, one trace, on every host: the same op lists replayed on
//! every strategy and both targets must give exactly the trace recorded in
//! `golden/replays.txt`, natively and in headless Chromium (wasm32).
//!
//! After a deliberate change to a strategy, regenerate the file natively
//! with `UPDATE_GOLDEN=1 cargo test -p alloc-sim --test golden`, and review
//! the diff: it is the change's effect on every address.

use alloc_sim::ops::{self, OpList};
use alloc_sim::{HeapConfig, Simulation, StrategyKind, Target};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const GOLDEN: &str = include_str!("golden/replays.txt");

fn programs() -> Vec<(String, OpList)> {
    let mut out = vec![
        (
            "fragmentation.ops".to_string(),
            ops::parse(include_str!("../examples/ops/fragmentation.ops")).unwrap(),
        ),
        (
            "realloc_growth.ops".to_string(),
            ops::parse(include_str!("../examples/ops/realloc_growth.ops")).unwrap(),
        ),
    ];
    for seed in [1, 2, 3] {
        out.push((
            format!("random seed {seed}"),
            ops::random_program(seed, 400, 60),
        ));
    }
    out
}

/// FNV-1a: a small, stable hash for the heap's bytes.
fn fnv(data: impl IntoIterator<Item = u8>) -> u64 {
    data.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Scenarios too: the interpreter (and syn) give the same calls in wasm32.
fn scenario_trace(out: &mut String) {
    use alloc_sim::scenario::{self, Limits};
    let examples = [
        (
            "vec_growth.rs",
            include_str!("../examples/scenarios/vec_growth.rs"),
        ),
        (
            "string_growth.rs",
            include_str!("../examples/scenarios/string_growth.rs"),
        ),
        (
            "try_reserve.rs",
            include_str!("../examples/scenarios/try_reserve.rs"),
        ),
        (
            "repr_c_layout.rs",
            include_str!("../examples/scenarios/repr_c_layout.rs"),
        ),
    ];
    for (name, source) in examples {
        for kind in StrategyKind::ALL {
            for target in [Target::Bits64, Target::Bits32] {
                let mut sim = Simulation::new(HeapConfig::new(65536).on(target), kind).unwrap();
                let run = scenario::run(source, &mut sim, Limits::default());
                let calls: Vec<String> = run
                    .calls
                    .iter()
                    .map(|c| {
                        format!(
                            "{}:{}:{:x}",
                            c.op.name(),
                            c.layout.size,
                            c.addr.map_or(0, |a| a.0)
                        )
                    })
                    .collect();
                out.push_str(&format!(
                    "{name} | {kind} | {target}\n  calls {}\n  outcome {:?}\n  output {:?}\n",
                    calls.join(" "),
                    run.outcome,
                    run.output
                ));
            }
        }
    }
}

fn trace() -> String {
    let mut out = String::new();
    scenario_trace(&mut out);
    for (name, list) in programs() {
        for kind in StrategyKind::ALL {
            for target in [Target::Bits64, Target::Bits32] {
                let mut sim = Simulation::new(HeapConfig::new(16384).on(target), kind).unwrap();
                let calls = ops::replay(&list, &mut sim).unwrap().calls;
                let addrs: Vec<String> = calls
                    .iter()
                    .map(|c| c.addr.map_or("-".to_string(), |a| format!("{:x}", a.0)))
                    .collect();
                let events: usize = calls.iter().map(|c| c.events.len()).sum();
                let roles = fnv(sim.heap().regions().flat_map(|r| {
                    let tag = format!("{}:{}:{:?};", r.start, r.end, r.role);
                    tag.into_bytes()
                }));
                let m = sim.metrics();
                out.push_str(&format!(
                    "{name} | {kind} | {target}\n  addrs {}\n  events {events} bytes {:016x} roles {roles:016x}\n  metrics {:?}\n",
                    addrs.join(" "),
                    fnv(sim.heap().bytes().iter().copied()),
                    m.fields().map(|(_, v)| v),
                ));
            }
        }
    }
    out
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn replays_match_the_golden_trace() {
    let now = trace();
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/replays.txt"),
            &now,
        )
        .unwrap();
        return;
    }
    if now != GOLDEN {
        let first = now
            .lines()
            .zip(GOLDEN.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "replays differ from golden/replays.txt at line {}:\n  now:    {}\n  golden: {}",
            first + 1,
            now.lines().nth(first).unwrap_or(""),
            GOLDEN.lines().nth(first).unwrap_or("")
        );
    }
}
