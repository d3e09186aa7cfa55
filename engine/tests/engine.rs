//! The engine gives what running in the page gave: the same runs, the same
//! end states, the same checks, and every message reads back as written.

use std::rc::Rc;

use alloc_sim::scenario::{self, examples, Limits};
use alloc_sim::score::{self, Contestant};
use alloc_sim::{Settings, StrategyKind, TraceRun};
use engine::{decode, encode, work, End, Finished, Job, PaneSetup, Reply, ScoreRow, Work};

fn setups(heap: u64) -> Vec<PaneSetup> {
    StrategyKind::ALL
        .into_iter()
        .map(|kind| PaneSetup {
            kind,
            heap,
            settings: Settings::new(),
        })
        .collect()
}

fn answer(job: &Job) -> (Reply, Vec<Reply>) {
    let mut progress = Vec::new();
    let reply = work(job, &mut |p| progress.push(p));
    // What the worker posts is what the page reads.
    let bytes = encode(&reply);
    assert_eq!(decode::<Reply>(&bytes).unwrap(), reply);
    (reply, progress)
}

#[test]
fn every_example_runs_on_every_strategy_as_it_runs_directly() {
    for (name, source) in examples::all() {
        let job = Job {
            id: 7,
            work: Work::Scenario {
                source: source.to_string(),
                max_steps: 1_000_000,
            },
            panes: setups(65536),
        };
        // An allocator over its own heap array gets a pane of its own, in
        // front of three of the strategies asked for.
        let own = scenario::heap_array(source).is_some();
        let expected = engine::scenario_panes(source, &job.panes);
        let kinds: Vec<StrategyKind> = expected.iter().map(|p| p.kind).collect();
        if own {
            assert_eq!(
                kinds,
                [StrategyKind::Yours]
                    .into_iter()
                    .chain(StrategyKind::ALL.into_iter().take(3))
                    .collect::<Vec<_>>(),
                "{name}"
            );
        } else {
            assert_eq!(kinds, StrategyKind::ALL, "{name}");
        }
        assert_eq!(decode::<Job>(&encode(&job)).unwrap(), job);
        let (reply, progress) = answer(&job);
        assert!(progress.is_empty());
        let Reply::Panes { id: 7, panes } = reply else {
            panic!("{name}: {reply:?}");
        };
        assert_eq!(panes.len(), expected.len());
        for (pane, setup) in panes.iter().zip(&expected) {
            let limits = Limits {
                max_steps: 1_000_000,
                stop_after_calls: None,
                own_heap: setup.kind == StrategyKind::Yours,
                ..Limits::default()
            };
            let mut sim = setup.simulation();
            let run = scenario::run_recorded(source, &mut sim, limits);
            let direct = Finished {
                kind: setup.kind,
                run,
                end: End::of(&sim),
            };
            assert!(*pane == direct, "{name} on {}", setup.kind);
            assert!(pane.run.timeline.is_some(), "{name}: recorded for seeking");
        }
    }
}

#[test]
fn a_trace_replays_in_slices_with_progress_and_ends_as_a_direct_replay() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../alloc-sim/traces/realloc.rep"
    ))
    .unwrap();
    let panes = setups(1 << 16);
    let job = Job {
        id: 3,
        work: Work::Trace {
            text: text.as_str().into(),
            program: None,
        },
        panes: panes.clone(),
    };
    let (reply, progress) = answer(&job);
    let Reply::Panes { id: 3, panes: got } = reply else {
        panic!("{reply:?}");
    };
    let list = Rc::new(alloc_sim::ops::parse(&text).unwrap());
    let total = list.ops.len() * panes.len();
    let dones: Vec<usize> = progress
        .iter()
        .map(|p| match p {
            Reply::Progress {
                id: 3,
                done,
                total: t,
            } if *t == total => *done,
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(dones.windows(2).all(|w| w[0] < w[1]), "{dones:?}");
    assert_eq!(dones.last(), Some(&total));
    for (pane, setup) in got.iter().zip(&panes) {
        let mut replay = TraceRun::new(list.clone(), setup.simulation());
        replay.advance(usize::MAX).unwrap();
        let (run, sim) = replay.finish();
        assert!(
            pane.run == run && pane.end == End::of(&sim),
            "{}",
            setup.kind
        );
    }
}

#[test]
fn a_trace_replays_through_the_program_s_own_allocator_in_a_pane_in_front() {
    let program = examples::example("allocators/free_list.rs").unwrap();
    let text = "a 0 24 8\na 1 100 8\nf 0\na 2 16 8\nf 1\n".to_string();
    let job = Job {
        id: 11,
        work: Work::Trace {
            text: text.as_str().into(),
            program: Some(program.to_string()),
        },
        panes: setups(65536),
    };
    let (reply, _) = answer(&job);
    let Reply::Panes { id: 11, panes } = reply else {
        panic!("{reply:?}");
    };
    // Its pane, then three of the strategies asked for.
    let kinds: Vec<StrategyKind> = panes.iter().map(|p| p.kind).collect();
    assert_eq!(kinds[0], StrategyKind::Yours);
    assert_eq!(kinds[1..], StrategyKind::ALL[..3]);
    // The same replay as the library's, with its cost.
    let list = alloc_sim::ops::parse(&text).unwrap();
    let mut sim = PaneSetup {
        kind: StrategyKind::Yours,
        heap: 4096,
        settings: Settings::new(),
    }
    .simulation();
    let direct = scenario::replay_with_allocator_recorded(
        program,
        &list,
        &mut sim,
        Limits {
            max_steps: u64::MAX,
            ..Limits::default()
        },
    )
    .unwrap();
    assert!(panes[0].run == direct.run);
    assert_eq!(panes[0].end.steps, Some(direct.steps));
    assert_eq!(panes[0].run.calls.len(), 5);
}

#[test]
fn a_trace_that_frees_what_it_never_allocated_fails_at_its_line() {
    let job = Job {
        id: 9,
        work: Work::Trace {
            text: "a 0 16\nf 0\nf 5\n".into(),
            program: None,
        },
        panes: setups(4096)[..1].to_vec(),
    };
    let (reply, _) = answer(&job);
    let Reply::Failed { id: 9, message } = reply else {
        panic!("{reply:?}");
    };
    assert!(message.starts_with("3:"), "{message}");
}

#[test]
fn an_exercise_is_checked_as_the_lesson_checks_it() {
    let course = lessons::all();
    let lesson = course.iter().flatten().next().unwrap();
    let exercise = lesson.exercises().next().unwrap();
    for code in [&exercise.start, &exercise.solution] {
        let job = Job {
            id: 1,
            work: Work::Exercise {
                exercise: exercise.clone(),
                code: code.clone(),
            },
            panes: Vec::new(),
        };
        let (reply, _) = answer(&job);
        let Reply::Checked { id: 1, checked } = reply else {
            panic!("{reply:?}");
        };
        assert_eq!(checked, lessons::check::check_exercise(exercise, code));
    }
}

#[test]
fn bytes_that_are_no_job_are_an_error_not_a_panic() {
    for bytes in [&[][..], &[0xff; 3][..], &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9][..]] {
        assert!(decode::<Job>(bytes).is_err(), "{bytes:?}");
    }
}

#[test]
fn a_score_job_scores_each_trace_as_the_simulation_does_and_says_how_far_it_is() {
    let program = include_str!("../../alloc-sim/examples/allocators/free_list.rs");
    let coalescing = include_str!("../../alloc-sim/traces/coalescing.rep");
    let strategies = vec![StrategyKind::FirstFit, StrategyKind::ImplicitList];
    let job = Job {
        id: 11,
        work: Work::Score {
            program: program.to_string(),
            traces: vec![
                ("coalescing.rep".into(), coalescing.into()),
                ("broken.rep".into(), "a 0 16\nf 7\n".into()),
            ],
            heap: 1 << 20,
            strategies: strategies.clone(),
        },
        panes: Vec::new(),
    };
    let (reply, progress) = answer(&job);
    let Reply::Scored { id: 11, rows } = reply else {
        panic!("{reply:?}");
    };
    assert_eq!(rows.len(), 2);
    // The program's allocator first, then the strategies asked.
    let list = alloc_sim::ops::parse(coalescing).unwrap();
    let row = &rows[0];
    assert_eq!(
        (row.trace.as_str(), row.ops),
        ("coalescing.rep", list.ops.len())
    );
    let who = [
        (StrategyKind::Yours, Contestant::Yours),
        (
            StrategyKind::FirstFit,
            Contestant::Strategy(StrategyKind::FirstFit),
        ),
        (
            StrategyKind::ImplicitList,
            Contestant::Strategy(StrategyKind::ImplicitList),
        ),
    ];
    for ((kind, scored), (want_kind, contestant)) in row.scores.iter().zip(who) {
        assert_eq!(*kind, want_kind);
        let direct = score::score(contestant, program, &list, 1 << 20).unwrap();
        assert_eq!(scored.as_ref().unwrap(), &direct);
        assert_eq!(direct.heap, 1 << 20, "{kind:?} ran on the heap asked for");
    }
    // A trace that frees a block it never allocated scores nothing.
    assert!(rows[1]
        .scores
        .iter()
        .all(|(_, s)| s.as_ref().is_err_and(|e| e.starts_with("2:"))));
    // One progress reply per allocator per trace, then each row.
    let counts: Vec<(usize, usize)> = progress
        .iter()
        .filter_map(|p| match p {
            Reply::Progress { done, total, .. } => Some((*done, *total)),
            _ => None,
        })
        .collect();
    assert_eq!(counts, (1..=6).map(|d| (d, 6)).collect::<Vec<_>>());
    let shown: Vec<&ScoreRow> = progress
        .iter()
        .filter_map(|p| match p {
            Reply::ScoreRow { row, .. } => Some(row),
            _ => None,
        })
        .collect();
    assert_eq!(shown, rows.iter().collect::<Vec<_>>());
}

#[test]
fn a_teacher_s_lesson_outlined_by_the_reader_is_read_and_checked_here() {
    let sound = lessons::compile::outline("00-mine.md", lessons::EXAMPLE).unwrap();
    let job = Job {
        id: 11,
        work: Work::Lesson {
            outline: sound.clone(),
        },
        panes: Vec::new(),
    };
    let (reply, progress) = answer(&job);
    assert!(progress.is_empty());
    let Reply::Lesson { id: 11, read } = reply else {
        panic!("{reply:?}")
    };
    assert_eq!(
        read,
        Ok(lessons::compile::parse_lesson("00-mine.md", lessons::EXAMPLE).unwrap())
    );
    // A quiz none of whose choices is right: the problem at its line, in
    // the file the teacher named.
    let text = "# T\n\n```scenario heap=1KiB\nfn main() { let b = Box::new(1u64); }\n```\n\n```quiz\nask: call(1).size\nchoices: 4, 16\n--- question\nHow big?\n--- explain\nEight.\n```\n";
    let mut wrong = lessons::compile::outline("00-t.md", text).unwrap();
    wrong.file = "My quiz.md".into();
    let job = Job {
        work: Work::Lesson { outline: wrong },
        ..job
    };
    let (
        Reply::Lesson {
            read: Err(problems),
            ..
        },
        _,
    ) = answer(&job)
    else {
        panic!("a wrong quiz is refused")
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].file.as_str(), problems[0].line),
        ("My quiz.md", 7)
    );
    assert!(
        problems[0].message.contains("0 of its choices"),
        "{problems:?}"
    );
}
