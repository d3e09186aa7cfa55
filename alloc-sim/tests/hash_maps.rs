//! `HashMap` and `HashSet` in scenarios: the table is drawn as hashbrown
//! lays it out (derived here from `std_rules::raw_table`, which
//! `conformance/tests/collections.rs` checks against real std), and a
//! learner's mistakes get rustc's or std's words at their place.

use std::hash::Hasher;

use alloc_sim::scenario::std_rules::hash_table::table_layout;
use alloc_sim::scenario::std_rules::raw_table::{self, RawTable, EMPTY};
use alloc_sim::scenario::std_rules::{pair_layout, StdCall};
use alloc_sim::scenario::{self, Limits, Outcome};
use alloc_sim::{CallOp, HeapConfig, LayoutSpec, Simulation, StrategyKind, Target};

fn run(source: &str) -> (scenario::Run, Simulation) {
    let mut sim = Simulation::new(HeapConfig::new(65536), StrategyKind::FirstFit).unwrap();
    let run = scenario::run(source, &mut sim, Limits::default());
    (run, sim)
}

fn error_of(source: &str) -> (usize, usize, String) {
    match run(source).0.outcome {
        Outcome::Error(e) => (e.line, e.column, e.message),
        other => panic!("expected an error, got {other:?}"),
    }
}

/// The hash std gives a `u64` key in the thread's first map.
fn hash_u64(k: u64) -> u64 {
    let mut h = raw_table::key_hasher(raw_table::random_state(0));
    h.write(&k.to_le_bytes());
    h.finish()
}

#[test]
fn the_table_is_its_elements_in_their_buckets_under_the_control_bytes() {
    let keys = [7u64, 1000, 3, 42, 99];
    let mut source = String::from("use std::collections::HashMap;\nfn main() {\n    let mut m: HashMap<u64, u64> = HashMap::new();\n");
    for k in keys {
        source += &format!("    m.insert({k}, {});\n", k * 2);
    }
    source += "    std::mem::forget(m);\n}\n";
    let (run, sim) = run(&source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);

    // The same inserts on the model give the block and every bucket.
    let elem = pair_layout(
        LayoutSpec { size: 8, align: 8 },
        LayoutSpec { size: 8, align: 8 },
    );
    let mut table = RawTable::new(elem, Target::Bits64);
    let mut expected = Vec::new();
    for (h, k) in keys.iter().enumerate() {
        expected.extend(table.reserve(1).unwrap());
        table.insert(hash_u64(*k), h);
    }
    let own: Vec<_> = run.calls.iter().filter(|c| !c.implicit).collect();
    let made: Vec<StdCall> = own
        .iter()
        .map(|c| match c.op {
            CallOp::Alloc => StdCall::Alloc(c.layout),
            _ => StdCall::Dealloc(c.layout),
        })
        .collect();
    assert_eq!(made, expected);

    let block = own.iter().rev().find(|c| c.op == CallOp::Alloc).unwrap();
    let base = block.addr.unwrap();
    let (_, ctrl_offset) = table_layout(elem, table.buckets(), 16, Target::Bits64).unwrap();
    let ctrl = sim
        .heap()
        .read(base.add(ctrl_offset), table.ctrl().len() as u64);
    assert_eq!(ctrl, table.ctrl(), "the control bytes, mirror included");
    assert_eq!(ctrl.iter().filter(|&&c| c != EMPTY).count(), 2 * keys.len());
    for (bucket, h) in table.iter() {
        let at = base.add(ctrl_offset - (bucket as u64 + 1) * 16);
        let bytes = sim.heap().read(at, 16);
        assert_eq!(
            &bytes[..8],
            &keys[h].to_le_bytes(),
            "key of bucket {bucket}"
        );
        assert_eq!(
            &bytes[8..],
            &(keys[h] * 2).to_le_bytes(),
            "value of bucket {bucket}"
        );
    }
}

#[test]
fn a_for_loop_walks_the_buckets_in_order() {
    let source = "use std::collections::HashMap;\nfn main() {\n    let mut m: HashMap<u64, u64> = HashMap::new();\n    for k in 0..10 {\n        m.insert(k * 7, k);\n    }\n    for (k, _) in &m {\n        print!(\"{k} \");\n    }\n    println!();\n}\n";
    let (run, _) = run(source);
    assert!(matches!(run.outcome, Outcome::Ok), "{:?}", run.outcome);
    let elem = pair_layout(
        LayoutSpec { size: 8, align: 8 },
        LayoutSpec { size: 8, align: 8 },
    );
    let mut table = RawTable::new(elem, Target::Bits64);
    for k in 0..10u64 {
        table.reserve(1).unwrap();
        table.insert(hash_u64(k * 7), k as usize);
    }
    let order: Vec<String> = table.iter().map(|(_, h)| (h * 7).to_string()).collect();
    assert_eq!(run.output[0].trim_end(), order.join(" "));
}

#[test]
fn mistakes_are_reported_where_they_are() {
    let head = "use std::collections::HashMap;\nfn main() {\n    let mut m: HashMap<String, u32> = HashMap::new();\n";
    let (line, column, message) = error_of(&format!(
        "{head}    m.insert(String::from(\"a\"), 1);\n    m[\"a\"] = 2;\n}}\n"
    ));
    assert_eq!((line, column), (5, 5));
    assert!(
        message.contains("cannot assign to data in an index of `HashMap<String, u32>`"),
        "{message}"
    );

    let (line, _, message) = error_of(&format!("{head}    println!(\"{{}}\", m[\"b\"]);\n}}\n"));
    assert_eq!(line, 4);
    assert_eq!(message, "panicked: no entry found for key");

    let (line, _, message) = error_of(&format!("{head}    m.insert(5, 1);\n}}\n"));
    assert_eq!(line, 4);
    assert!(message.contains("mismatched types"), "{message}");

    let (line, _, message) = error_of("use std::collections::HashSet;\nfn main() {\n    let mut s = HashSet::new();\n    s.insert(1.5);\n}\n");
    assert_eq!(line, 4);
    assert!(message.contains("`f64: Hash`"), "{message}");
}
