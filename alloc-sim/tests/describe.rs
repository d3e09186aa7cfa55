//! Strategies describe themselves: what they declare (names, settings,
//! the roles they paint, their marks) is what they do.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use alloc_sim::strategy::{SettingKind, SettingValue};
use alloc_sim::{ops, HeapConfig, RoleClass, Settings, Simulation, StrategyKind};

/// Every combination of the values a learner can pick for `kind`'s
/// settings (menus' values; counts at their ends).
fn setting_combinations(kind: StrategyKind) -> Vec<Settings> {
    let mut all = vec![Settings::new()];
    for spec in kind.settings() {
        let values: Vec<SettingValue> = match spec.kind {
            SettingKind::Bytes { offered, .. } => {
                offered.iter().map(|&b| SettingValue::Bytes(b)).collect()
            }
            SettingKind::Count { min, max, .. } => {
                vec![SettingValue::Count(min), SettingValue::Count(max)]
            }
            SettingKind::Flag { .. } => vec![SettingValue::Flag(false), SettingValue::Flag(true)],
            SettingKind::Choice { options, .. } => {
                options.iter().map(|o| SettingValue::Choice(o)).collect()
            }
        };
        all = all
            .into_iter()
            .flat_map(|s| {
                values
                    .iter()
                    .map(move |&v| s.clone().with(spec, v).expect("an offered value"))
            })
            .collect();
    }
    all
}

#[test]
fn names_are_unique_and_read_back() {
    let names: BTreeSet<_> = StrategyKind::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(names.len(), StrategyKind::ALL.len());
    for kind in StrategyKind::ALL {
        assert_eq!(StrategyKind::from_name(kind.name()), Some(kind));
        assert!(!kind.summary().is_empty());
        assert_eq!(kind.build().kind(), kind);
    }
}

#[test]
fn a_setting_shared_by_key_means_the_same_everywhere() {
    for a in StrategyKind::ALL {
        for spec in a.settings() {
            assert_ne!(spec.key, "heap", "`heap` is every pane's own");
            for b in StrategyKind::ALL {
                if let Some(other) = b.setting(spec.key) {
                    assert_eq!(spec, other, "{a} and {b} both have `{}`", spec.key);
                }
            }
            assert_eq!(spec.check(spec.default_value()), Ok(spec.default_value()));
        }
    }
}

#[test]
fn every_choice_a_learner_can_make_builds_the_strategy() {
    for kind in StrategyKind::ALL {
        for settings in setting_combinations(kind) {
            let built = kind.build_with(&settings);
            assert!(built.is_ok(), "{kind} with {settings:?}: {built:?}");
        }
    }
}

#[test]
fn each_strategy_paints_exactly_the_roles_it_declares() {
    // Over random programs on several heap sizes and every combination of
    // settings, the role classes painted are the ones declared for the
    // legend: none missing from it, none claimed and never drawn.
    let mut wrong = Vec::new();
    for kind in StrategyKind::ALL {
        let mut painted = BTreeSet::new();
        for settings in setting_combinations(kind) {
            for (seed, heap) in [(1, 1024), (2, 4096), (3, 65536), (4, 1 << 20)] {
                for threads in [false, true] {
                    // Some blocks over-aligned (padding), some from other
                    // threads (caches, arenas).
                    let mut list = ops::random_program(seed, 400, 60);
                    for op in &mut list.ops {
                        if let ops::OpKind::Alloc { align, .. } = &mut op.kind {
                            *align = (op.id % 3 == 0).then(|| 1 << (op.id % 8));
                        }
                        if threads {
                            op.thread = alloc_sim::ThreadId((op.id % 3) as u32);
                        }
                    }
                    // And one block of every size up to 2 KiB, in size order,
                    // for the classes whose slabs leave a tail.
                    let sizes: String = (1..=2048)
                        .step_by(7)
                        .map(|n| format!("a {} {n}\n", 100_000 + n))
                        .collect();
                    list.ops.extend(ops::parse(&sizes).unwrap().ops);
                    let strategy = kind.build_with(&settings).unwrap();
                    let mut sim =
                        Simulation::with_strategy(HeapConfig::new(heap), strategy).unwrap();
                    let mut replayer = ops::Replayer::default();
                    let mut recording = alloc_sim::Recording::start(&mut sim, false);
                    for op in &list.ops {
                        replayer.step(&mut sim, &mut recording, op).unwrap();
                        for class in RoleClass::ALL {
                            if sim.heap().roles().total(class) > 0 {
                                painted.insert(class.name());
                            }
                        }
                    }
                }
            }
        }
        let declared: BTreeSet<_> = kind.roles().iter().map(|c| c.name()).collect();
        if painted != declared {
            wrong.push(format!("{kind}: paints {painted:?}, declares {declared:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_mark_is_inside_the_heap_at_every_step() {
    for kind in StrategyKind::ALL {
        for mark in kind.marks() {
            let mut sim = Simulation::new(HeapConfig::new(65536), kind).unwrap();
            let run = ops::replay(&ops::random_program(5, 300, 40), &mut sim).unwrap();
            for k in 0..=run.calls.len() {
                let at = (mark.offset)(&run.metrics_at(k));
                assert!(at <= sim.heap().len(), "{kind}: {} at {at}", mark.name);
            }
        }
    }
}
