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

/// The example named `name`.
pub fn example(name: &str) -> Option<&'static str> {
    EXAMPLES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}
