//! The example scenarios, built in, so the browser and the tests share them.

/// (file name, source), in teaching order.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("box.rs", include_str!("../../examples/scenarios/box.rs")),
    (
        "vec_growth.rs",
        include_str!("../../examples/scenarios/vec_growth.rs"),
    ),
    (
        "vec_with_capacity.rs",
        include_str!("../../examples/scenarios/vec_with_capacity.rs"),
    ),
    (
        "string_growth.rs",
        include_str!("../../examples/scenarios/string_growth.rs"),
    ),
    (
        "try_reserve.rs",
        include_str!("../../examples/scenarios/try_reserve.rs"),
    ),
    (
        "oom_abort.rs",
        include_str!("../../examples/scenarios/oom_abort.rs"),
    ),
    (
        "fragmentation.rs",
        include_str!("../../examples/scenarios/fragmentation.rs"),
    ),
    (
        "raw_global_alloc.rs",
        include_str!("../../examples/scenarios/raw_global_alloc.rs"),
    ),
    (
        "repr_c_layout.rs",
        include_str!("../../examples/scenarios/repr_c_layout.rs"),
    ),
    (
        "struct_methods.rs",
        include_str!("../../examples/scenarios/struct_methods.rs"),
    ),
    (
        "linked_list.rs",
        include_str!("../../examples/scenarios/linked_list.rs"),
    ),
    (
        "drop_order.rs",
        include_str!("../../examples/scenarios/drop_order.rs"),
    ),
    (
        "trait_objects.rs",
        include_str!("../../examples/scenarios/trait_objects.rs"),
    ),
    (
        "hashmap_word_count.rs",
        include_str!("../../examples/scenarios/hashmap_word_count.rs"),
    ),
    (
        "misuse_wrong_layout.rs",
        include_str!("../../examples/scenarios/misuse_wrong_layout.rs"),
    ),
    (
        "bump_new_in.rs",
        include_str!("../../examples/scenarios/bump_new_in.rs"),
    ),
    (
        "threads_arenas.rs",
        include_str!("../../examples/scenarios/threads_arenas.rs"),
    ),
];

/// Allocators of the learner's own kind (the "Allocators" group): the seed
/// article's counting wrapper over `System`, then a `#[global_allocator]`
/// over a static array for each design.
pub const ALLOCATORS: &[(&str, &str)] = &[
    (
        "allocators/meter.rs",
        include_str!("../../examples/allocators/meter.rs"),
    ),
    (
        "allocators/bump.rs",
        include_str!("../../examples/allocators/bump.rs"),
    ),
    (
        "allocators/linked_list.rs",
        include_str!("../../examples/allocators/linked_list.rs"),
    ),
    (
        "allocators/free_list.rs",
        include_str!("../../examples/allocators/free_list.rs"),
    ),
    (
        "allocators/fixed_size_blocks.rs",
        include_str!("../../examples/allocators/fixed_size_blocks.rs"),
    ),
    (
        "allocators/segregated_fits.rs",
        include_str!("../../examples/allocators/segregated_fits.rs"),
    ),
];

/// Every example, the allocators after the scenarios.
pub fn all() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    EXAMPLES.iter().chain(ALLOCATORS)
}

/// The example named `name`.
pub fn example(name: &str) -> Option<&'static str> {
    all().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// How an example asks to be shown, from a line of its opening comment:
///
/// ```text
/// // allocscope: heap=1KiB strategies=first-fit step=4
/// ```
///
/// `heap` is a size as the CLI reads it, `strategies` a comma-separated
/// list of names, `step` the call the stepper opens at. Each is optional;
/// the playground takes them when the example is loaded, and a share link
/// keeps them as it keeps any setting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shown {
    /// The heap's size in bytes.
    pub heap: Option<u64>,
    /// The strategies side by side (none: those already shown).
    pub strategies: Vec<crate::StrategyKind>,
    /// After how many calls the stepper opens (none: at the start).
    pub step: Option<usize>,
}

/// What marks the settings line of an example.
pub const SHOWN_MARK: &str = "// allocscope:";

/// Reads an example's settings line, if it has one; a malformed one is an
/// error with its line and column.
pub fn shown(source: &str) -> Result<Shown, String> {
    let mut shown = Shown::default();
    let Some((n, line)) = source
        .lines()
        .enumerate()
        .take_while(|(_, l)| l.starts_with("//"))
        .find(|(_, l)| l.starts_with(SHOWN_MARK))
    else {
        return Ok(shown);
    };
    let mut column = SHOWN_MARK.len() + 1;
    for word in line[SHOWN_MARK.len()..].split(' ') {
        let at = format!("{}:{column}", n + 1);
        column += word.chars().count() + 1;
        if word.is_empty() {
            continue;
        }
        let (key, value) = word
            .split_once('=')
            .ok_or_else(|| format!("{at}: expected key=value, found `{word}`"))?;
        match key {
            "heap" => {
                shown.heap =
                    Some(crate::units::parse_size(value).map_err(|e| format!("{at}: {e}"))?)
            }
            "strategies" => {
                shown.strategies = value
                    .split(',')
                    .map(|name| {
                        crate::StrategyKind::from_name(name)
                            .ok_or_else(|| format!("{at}: no strategy is called `{name}`"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "step" => {
                shown.step = Some(
                    value
                        .parse()
                        .map_err(|_| format!("{at}: `{value}` is not a number of calls"))?,
                );
            }
            other => {
                return Err(format!(
                    "{at}: unknown setting `{other}`: heap, strategies, step"
                ))
            }
        }
    }
    Ok(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StrategyKind;

    #[test]
    fn a_settings_line_is_read_and_a_wrong_one_says_where() {
        let source = "// A comment.\n// allocscope: heap=1KiB strategies=first-fit,bump step=4\nfn main() {}\n";
        assert_eq!(
            shown(source),
            Ok(Shown {
                heap: Some(1024),
                strategies: vec![StrategyKind::FirstFit, StrategyKind::Bump],
                step: Some(4),
            })
        );
        assert_eq!(shown("fn main() {}\n"), Ok(Shown::default()));
        assert_eq!(
            shown("// allocscope: heap=1KiB colour=red\n"),
            Err("1:26: unknown setting `colour`: heap, strategies, step".to_string())
        );
        assert!(shown("// allocscope: strategies=best-fit\n")
            .unwrap_err()
            .starts_with("1:16: no strategy is called `best-fit`"));
    }

    #[test]
    fn every_example_s_settings_read_and_show_what_it_says() {
        use crate::scenario::{run, Limits, Outcome};
        use crate::{HeapConfig, Simulation};
        for (name, source) in all() {
            let shown = shown(source).unwrap_or_else(|e| panic!("{name}:{e}"));
            let kinds = match shown.strategies.as_slice() {
                [] => vec![StrategyKind::FirstFit],
                some => some.to_vec(),
            };
            for kind in kinds {
                let heap = shown.heap.unwrap_or(4096);
                let mut sim = Simulation::new(HeapConfig::new(heap), kind).unwrap();
                let r = run(source, &mut sim, Limits::default());
                assert!(
                    !matches!(r.outcome, Outcome::Error(_)),
                    "{name}: {:?}",
                    r.outcome
                );
                if let Some(step) = shown.step {
                    assert!(step <= r.calls.len(), "{name}: step {step} is past the end");
                }
                // What the examples say of themselves.
                match *name {
                    "fragmentation.rs" => {
                        assert!(
                            matches!(r.outcome, Outcome::Abort { .. }),
                            "{name}: {:?}",
                            r.outcome
                        );
                    }
                    "vec_growth.rs" => {
                        let step = shown.step.unwrap();
                        let first_realloc =
                            r.calls.iter().position(|c| c.op == crate::CallOp::Realloc);
                        assert_eq!(
                            first_realloc,
                            Some(step - 1),
                            "{name} opens at its first realloc"
                        );
                    }
                    _ => {}
                }
            }
        }
    }
}
