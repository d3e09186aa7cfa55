//! The `alloc-sim` command line, as scripts use it: its flags, its JSON,
//! its errors and exit codes.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_alloc-sim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The binary may exit before reading its input (a bad flag).
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn json(args: &[&str], stdin: &str) -> Value {
    let out = run(args, stdin);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

const PROGRAM: &str = "a 1 24 8\na 2 5000 8\nr 1 100\nf 1\na 3 8 8 @1\n";

#[test]
fn ops_json_has_one_call_per_line_with_the_documented_fields() {
    let v = json(
        &[
            "ops",
            "-",
            "--strategy",
            "first-fit",
            "--heap",
            "4KiB",
            "--json",
        ],
        PROGRAM,
    );
    let calls = v["calls"].as_array().unwrap();
    assert_eq!(calls.len(), 5);
    let first = &calls[0];
    for field in ["op", "id", "size", "align", "addr", "ok", "error"] {
        assert!(first.get(field).is_some(), "missing {field}");
    }
    assert_eq!(first["op"], "alloc");
    assert_eq!(first["addr"], 0x1000);
    assert_eq!(first["ok"], true);
    assert!(first["error"].is_null());
    // 5000 bytes do not fit a 4 KiB heap: addr null, ok false, the reason.
    assert_eq!(calls[1]["ok"], false);
    assert!(calls[1]["addr"].is_null());
    assert!(calls[1]["error"]
        .as_str()
        .unwrap()
        .contains("out of memory"));
    assert_eq!(calls[2]["op"], "realloc");
    assert_eq!(calls[2]["new_size"], 100);
    assert_eq!(calls[3]["op"], "dealloc");
    assert_eq!(calls[4]["thread"], 1);
    assert!(v["metrics"]["peak_utilisation"].is_f64());
    assert_eq!(v["metrics"]["failed"], 1);
    assert_eq!(v["map"]["base"], 0x1000);
    let regions = v["map"]["regions"].as_array().unwrap();
    let total: u64 = regions.iter().map(|r| r["len"].as_u64().unwrap()).sum();
    assert_eq!(total, 4096);
}

#[test]
fn base_moves_every_address() {
    let v = json(
        &[
            "ops",
            "-",
            "-s",
            "first-fit",
            "--heap",
            "4096",
            "--base",
            "0x20000",
            "--json",
        ],
        PROGRAM,
    );
    assert_eq!(v["calls"][0]["addr"], 0x20000);
}

#[test]
fn text_output_shows_calls_map_and_metrics() {
    let out = run(
        &["ops", "-", "--strategy", "bump", "--heap", "1KiB"],
        "a 1 16 8\nf 1\n",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("alloc(Layout { size: 16, align: 8 })  → 0x13c0"),
        "{text}"
    );
    assert!(text.contains("heap map"));
    assert!(text.contains("peak_utilisation"));
}

#[test]
fn every_strategy_replays_the_examples() {
    for strategy in [
        "bump",
        "first-fit",
        "first-fit-headers",
        "size-class",
        "jemalloc",
    ] {
        for file in [
            "examples/ops/fragmentation.ops",
            "examples/ops/realloc_growth.ops",
        ] {
            let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
            let out = run(
                &["ops", &path, "-s", strategy, "--heap", "1KiB", "--json"],
                "",
            );
            assert!(
                out.status.success(),
                "{strategy} {file}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn freeing_an_allocation_that_failed_is_explained_not_rejected() {
    let v = json(
        &["ops", "-", "-s", "first-fit", "--heap", "256", "--json"],
        "a 1 1000\nf 1\nr 1 8\n",
    );
    let calls = v["calls"].as_array().unwrap();
    assert_eq!(calls[1]["op"], "dealloc");
    assert_eq!(calls[1]["ok"], false);
    assert!(
        calls[1]["error"].as_str().unwrap().contains("null"),
        "{}",
        calls[1]
    );
    // realloc of a null pointer allocates, as C's does.
    assert_eq!(calls[2]["op"], "alloc");
    assert_eq!(calls[2]["ok"], true);
}

#[test]
fn bad_input_names_the_line_and_exits_non_zero() {
    let cases = [
        (
            "a 1 16\na 2 16 3\n",
            ":2:8: alignment 3 is not a power of two",
        ),
        ("a 1 16\nq 2\n", ":2:1: unknown operation `q`"),
        (
            "a 1 16\nf 9\n",
            ":2:1: free of id 9, which was never allocated",
        ),
        ("a 1 x\n", ":1:5: expected a size"),
        ("a 1 99999999999999999999\n", ":1:5: expected a size"),
    ];
    for (input, expected) in cases {
        let out = run(&["ops", "-", "-s", "first-fit"], input);
        assert_eq!(out.status.code(), Some(2), "{input:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(expected), "{input:?}: {err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn a_size_past_isize_max_is_a_failed_call_with_its_reason() {
    let v = json(
        &["ops", "-", "-s", "first-fit", "--json"],
        "a 1 9223372036854775807 16\n",
    );
    let err = v["calls"][0]["error"].as_str().unwrap();
    assert!(err.contains("isize::MAX"), "{err}");
    // On a 32-bit target the limit is 2^31 - 1.
    let v = json(
        &["ops", "-", "-s", "first-fit", "--target", "32", "--json"],
        "a 1 3000000000 8\n",
    );
    assert!(v["calls"][0]["error"]
        .as_str()
        .unwrap()
        .contains("2147483647"));
}

#[test]
fn bad_flags_are_refused_with_the_choices() {
    let out = run(&["ops", "-", "-s", "best-fit"], "");
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("first-fit"));
    let out = run(&["ops", "-", "-s", "bump", "--heap", "100"], "a 1 8\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("256 B to 64 MiB"));
}

#[test]
fn classes_prints_a_csv_of_usable_sizes() {
    let out = run(&["classes", "first-fit", "--max", "40"], "");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines[0], "request,usable");
    assert_eq!(lines.len(), 41);
    // linked_list_allocator: at least two words, rounded to a word.
    assert_eq!(lines[1], "1,16");
    assert_eq!(lines[17], "17,24");
    let out = run(&["classes", "first-fit-headers", "--max", "30"], "");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\n24,24\n25,40\n"), "{text}");
}

#[test]
fn classes_of_jemalloc_follow_its_groups_and_the_options() {
    let out = run(&["classes", "jemalloc", "--max", "20000"], "");
    let text = String::from_utf8(out.stdout).unwrap();
    // One tiny class (8), then the quantum (16), then 32: four per doubling.
    assert!(text.contains("\n8,8\n9,16\n"), "{text}");
    assert!(text.contains("\n17,32\n"));
    // Large sizes round to the page by default, to classic classes on request.
    assert!(text.contains("\n16385,20480\n"));
    let classic = run(
        &[
            "classes",
            "jemalloc",
            "--max",
            "40000",
            "--classic-large-classes",
        ],
        "",
    );
    let classic = String::from_utf8(classic.stdout).unwrap();
    assert!(classic.contains("\n33000,40960\n"));
    let paged = run(&["classes", "jemalloc", "--max", "40000"], "");
    assert!(String::from_utf8(paged.stdout)
        .unwrap()
        .contains("\n33000,36864\n"));
}

#[test]
fn jemalloc_threads_go_to_their_arenas_in_json() {
    let v = json(
        &["ops", "-", "-s", "jemalloc", "--heap", "1MiB", "--json"],
        "a 1 16 8\na 2 16 8 @1\na 3 16 8 @2\n",
    );
    let calls = v["calls"].as_array().unwrap();
    assert!(
        calls[1]["events"][0]
            .as_str()
            .unwrap()
            .contains("thread 1 bound to arena 1"),
        "{}",
        calls[1]
    );
    // Different arenas, different slabs: far apart.
    let (a, b) = (
        calls[0]["addr"].as_u64().unwrap(),
        calls[1]["addr"].as_u64().unwrap(),
    );
    assert!(b.abs_diff(a) >= 4096);
}

#[test]
fn settings_that_do_not_fit_are_refused() {
    let out = run(&["ops", "-", "-s", "jemalloc", "--arenas", "0"], "a 1 8\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("arenas must be from 1 to 64"));
    let out = run(
        &["ops", "-", "-s", "size-class", "--page-size", "100"],
        "a 1 8\n",
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("power of two"));
}

#[test]
fn run_json_has_calls_with_line_and_reason_then_outcome_metrics_output() {
    let path = format!(
        "{}/examples/scenarios/vec_growth.rs",
        env!("CARGO_MANIFEST_DIR")
    );
    let v = json(
        &[
            "run",
            &path,
            "--strategy",
            "first-fit",
            "--heap",
            "4KiB",
            "--json",
        ],
        "",
    );
    let all = v["calls"].as_array().unwrap();
    // The runtime's two calls before `main`, and stdout's buffer at the
    // first print, are calls like the others, marked `implicit`.
    assert_eq!(all.len(), 7);
    assert_eq!(
        (all[0]["size"].as_u64(), all[1]["size"].as_u64()),
        (Some(4), Some(544))
    );
    assert!(all[0]["reason"].as_str().unwrap().contains("before `main`"));
    let calls: Vec<&serde_json::Value> = all.iter().filter(|c| c["implicit"] == false).collect();
    assert_eq!(calls.len(), 4);
    for field in [
        "op", "size", "align", "addr", "ok", "error", "line", "reason", "implicit",
    ] {
        assert!(calls[0].get(field).is_some(), "missing {field}");
    }
    assert_eq!(calls[0]["op"], "alloc");
    assert_eq!(
        (calls[0]["size"].as_u64(), calls[0]["align"].as_u64()),
        (Some(16), Some(4))
    );
    assert_eq!(calls[1]["op"], "realloc");
    assert_eq!(calls[1]["new_size"], 32);
    assert!(calls[1]["reason"]
        .as_str()
        .unwrap()
        .contains("is full at 4, grows to 8"));
    assert_eq!(calls[3]["op"], "dealloc");
    assert_eq!(v["outcome"]["kind"], "ok");
    assert_eq!(v["output"][1], "v[3] = 30");
    assert!(v["metrics"]["peak_live_bytes"].as_u64().unwrap() >= 64);
}

#[test]
fn run_stops_at_a_step_and_reports_aborts_with_their_place() {
    let path = format!(
        "{}/examples/scenarios/vec_growth.rs",
        env!("CARGO_MANIFEST_DIR")
    );
    let v = json(&["run", &path, "-s", "bump", "--step", "1", "--json"], "");
    assert_eq!(v["calls"].as_array().unwrap().len(), 1);
    assert_eq!(v["outcome"]["kind"], "stopped");
    let oom = format!(
        "{}/examples/scenarios/oom_abort.rs",
        env!("CARGO_MANIFEST_DIR")
    );
    let v = json(
        &["run", &oom, "-s", "first-fit", "--heap", "4KiB", "--json"],
        "",
    );
    assert_eq!(v["outcome"]["kind"], "abort");
    assert_eq!(v["outcome"]["line"], 6);
    assert!(v["outcome"]["message"]
        .as_str()
        .unwrap()
        .starts_with("memory allocation of "));
    let bad = run(&["run", "-", "-s", "first-fit"], "fn main() { let = 3; }");
    assert!(
        bad.status.success(),
        "a scenario error is a result, not a crash"
    );
    assert!(String::from_utf8_lossy(&bad.stdout).contains("outcome: error at -:1:"));
}

#[test]
fn malloc_lab_traces_with_a_header_replay() {
    let trace = "20000\n2\n4\n1\na 0 2040\na 1 2040\nf 1\nf 0\n";
    let v = json(&["ops", "-", "-s", "first-fit-headers", "--json"], trace);
    assert_eq!(v["calls"].as_array().unwrap().len(), 4);
    assert_eq!(v["metrics"]["live_bytes"], 0);
}

#[test]
fn every_strategy_in_the_registry_runs_from_the_command_line() {
    let scenario = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/scenarios/vec_growth.rs"
    );
    for kind in alloc_sim::StrategyKind::ALL {
        let name = kind.name();
        let v = json(&["ops", "-", "-s", name, "--json"], PROGRAM);
        assert_eq!(v["strategy"], name);
        assert_eq!(v["calls"].as_array().unwrap().len(), 5, "{name}");
        let v = json(&["run", scenario, "-s", name, "--json"], "");
        assert_eq!(v["outcome"]["kind"], "ok", "{name}");
        let out = run(&["classes", name, "--max", "8"], "");
        assert!(out.status.success(), "{name}");
    }
    // buddy rounds a request to a power of two, at least a word.
    let out = run(&["classes", "buddy", "--max", "20"], "");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\n1,8\n") && text.contains("\n9,16\n") && text.contains("\n17,32\n"),
        "{text}"
    );
}

#[test]
fn every_setting_a_strategy_declares_is_a_flag() {
    let out = run(&["run", "--help"], "");
    let help = String::from_utf8(out.stdout).unwrap();
    for kind in alloc_sim::StrategyKind::ALL {
        for spec in kind.settings() {
            assert!(
                help.contains(&format!("--{}", spec.key)),
                "{}: {help}",
                spec.key
            );
        }
    }
    // And a flag reaches the strategy: best fit places differently.
    let trace = "a 1 100\na 2 8\na 3 40\na 4 8\nf 1\nf 3\na 5 32\n";
    let addr = |placement: &str| {
        let v = json(
            &[
                "ops",
                "-",
                "-s",
                "implicit-list",
                "--placement",
                placement,
                "--json",
            ],
            trace,
        );
        v["calls"][6]["addr"].as_u64().unwrap()
    };
    assert_ne!(addr("first"), addr("best"));
}

#[test]
fn run_takes_first_fit_when_no_strategy_is_named() {
    let scenario = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenarios/box.rs");
    let v = json(&["run", scenario, "--json"], "");
    assert_eq!(v["strategy"], "first-fit");
    assert_eq!(v["outcome"]["kind"], "ok");
}

const FREE_LIST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/allocators/free_list.rs"
);

#[test]
fn run_json_lists_the_statics_and_the_heap_the_program_s_allocator_served_from() {
    let v = json(&["run", FREE_LIST, "--json"], "");
    assert_eq!(v["allocator"], "program");
    // The heap is its array: 4 KiB at 0x1000, inside the static ALLOCATOR.
    assert_eq!(v["heap"]["size"], 4096);
    assert_eq!(v["heap"]["base"], 0x1000);
    let statics = v["statics"].as_array().unwrap();
    assert_eq!(statics.len(), 1);
    assert_eq!(statics[0]["name"], "ALLOCATOR");
    assert_eq!(statics[0]["addr"], 0x1000);
    // Calls keep their shape: `addr` is a simulated address in the array.
    let first = &v["calls"][0];
    assert_eq!(first["addr"], 0x1000);
}

#[test]
fn ops_with_an_allocator_replays_the_trace_through_it_and_counts_its_steps() {
    let trace = "a 0 24 8\na 1 100 8\nf 0\na 2 16 8\nf 1\n";
    let v = json(&["ops", "-", "--allocator", FREE_LIST, "--json"], trace);
    let addrs: Vec<u64> = v["calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["addr"].as_u64().unwrap())
        .collect();
    assert_eq!(addrs, [0x1000, 0x1020, 0x1000, 0x1000, 0x1020]);
    assert_eq!(v["allocator"], "program");
    let steps = &v["steps"];
    assert!(steps["total"].as_u64().unwrap() > 0);
    let per_call = steps["per_call"].as_f64().unwrap();
    assert_eq!(per_call, steps["total"].as_f64().unwrap() / 5.0);
}

#[test]
fn score_tables_the_program_s_allocator_beside_the_strategies() {
    let dir = std::env::temp_dir().join(format!("allocscope-score-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fits = dir.join("fits.rep");
    std::fs::write(&fits, "a 0 24 8\na 1 100 8\nf 0\na 2 16 8\nf 1\nf 2\n").unwrap();
    let too_big = dir.join("too_big.rep");
    std::fs::write(&too_big, "a 0 5000 8\n").unwrap();
    let v = json(
        &[
            "score",
            FREE_LIST,
            fits.to_str().unwrap(),
            too_big.to_str().unwrap(),
            "--strategies",
            "implicit-list,first-fit",
            "--json",
        ],
        "",
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(v["heap_array"]["size"], 4096);
    let rows = v["traces"].as_array().unwrap();
    let names: Vec<&str> = rows[0]["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["allocator"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["yours", "implicit-list", "first-fit"]);
    // On the trace that fits, every allocator is valid; the free list's
    // peak is 124 bytes live (24 + 100) over the 160 it touched (its
    // blocks of 32 and 112 and the 16-byte node of the free tail after
    // them), malloc lab's utilisation.
    for s in rows[0]["scores"].as_array().unwrap() {
        assert_eq!(s["valid"], true, "{s}");
    }
    let yours = &rows[0]["scores"][0];
    assert_eq!(yours["utilisation"].as_f64().unwrap(), 124.0 / 160.0);
    assert!(yours["steps_per_call"].as_f64().unwrap() > 1.0);
    // 5,000 bytes fit no 4 KiB heap: invalid, with the reason.
    for s in rows[1]["scores"].as_array().unwrap() {
        assert_eq!(s["valid"], false, "{s}");
        assert_eq!(s["heap"], 4096, "{s}");
        assert!(s["error"].as_str().unwrap().contains("trace line 1"), "{s}");
    }
    // With `--heap`, the array's length const takes it too (as malloc
    // lab's heap grows): every allocator has room for the 5,000 bytes.
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        &too_big,
        "a 0 5000 8
",
    )
    .unwrap();
    let v = json(
        &[
            "score",
            FREE_LIST,
            too_big.to_str().unwrap(),
            "--strategies",
            "first-fit",
            "--heap",
            "64KiB",
            "--json",
        ],
        "",
    );
    let _ = std::fs::remove_dir_all(&dir);
    for s in v["traces"][0]["scores"].as_array().unwrap() {
        assert_eq!(
            (&s["valid"], &s["heap"]),
            (&true.into(), &65536.into()),
            "{s}"
        );
    }
}

#[test]
fn score_refuses_a_heap_no_allocator_can_take_and_says_the_range() {
    let dir = std::env::temp_dir().join(format!("allocscope-score-heap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let trace = dir.join("one.rep");
    std::fs::write(&trace, "a 0 24 8\nf 0\n").unwrap();
    for heap in ["100", "128MiB"] {
        let out = run(
            &["score", FREE_LIST, trace.to_str().unwrap(), "--heap", heap],
            "",
        );
        assert!(!out.status.success(), "--heap {heap} ran");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--heap: heap size") && err.contains("256 B to 64 MiB"),
            "{err}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
