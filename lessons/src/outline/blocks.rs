//! Reading a lesson's live blocks: the `key: value` lines, `--- name`
//! sections and fence attributes described in [`crate::blocks`], with every
//! problem at its line and column of the lesson file.
//!
//! The prose inside a block (a quiz's question and explanation, an
//! exercise's task and hints) is Markdown, rendered by whoever holds the
//! Markdown reader: each function here takes it as `prose`, and
//! [`prose_texts`] lists the texts it will be asked for, so that they can
//! be rendered beforehand, where the Markdown reader is (see
//! [`crate::outline`]).

use alloc_sim::{StrategyKind, Target};

use crate::blocks::{
    CompareBlock, CompareRow, DrillBlock, Exercise, LayoutBlock, Panes, Quiz, ScenarioBlock,
    DEFAULT_HEAP,
};
use crate::goal::Goal;
use crate::node::Node;

/// Markdown to nodes: the Markdown reader itself, or its renderings made
/// beforehand.
pub type Prose<'a> = &'a dyn Fn(&str) -> Vec<Node>;

/// A problem in a block: the line in the lesson file (column from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockError {
    /// Line in the lesson file.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

fn fail<T>(line: usize, column: usize, message: impl Into<String>) -> Result<T, BlockError> {
    Err(BlockError {
        line,
        column,
        message: message.into(),
    })
}

fn strategies(text: &str, line: usize, column: usize) -> Result<Vec<StrategyKind>, BlockError> {
    let mut out = Vec::new();
    for name in text.split(',').map(str::trim) {
        match StrategyKind::from_name(name) {
            Some(k) if !out.contains(&k) => out.push(k),
            Some(_) => return fail(line, column, format!("`{name}` is listed twice")),
            None => {
                let known: Vec<&str> = StrategyKind::ALL.iter().map(|k| k.name()).collect();
                return fail(
                    line,
                    column,
                    format!(
                        "no strategy is called `{name}`; there are {}",
                        known.join(", ")
                    ),
                );
            }
        }
    }
    if out.is_empty() || out.len() > 4 {
        return fail(line, column, "one to four strategies");
    }
    Ok(out)
}

fn heap(text: &str, line: usize, column: usize) -> Result<u64, BlockError> {
    let size = alloc_sim::units::parse_size(text).or_else(|e| fail(line, column, e))?;
    if !(alloc_sim::MIN_HEAP_SIZE..=(1 << 20)).contains(&size) {
        return fail(line, column, "a lesson's heap is 256 B to 1 MiB");
    }
    Ok(size)
}

/// Reads a ```` ```scenario ```` block: `info` is the rest of its fence line.
pub fn scenario(info: &str, code: &str, line: usize) -> Result<ScenarioBlock, BlockError> {
    let mut block = ScenarioBlock {
        line,
        code: code.to_string(),
        strategies: vec![StrategyKind::FirstFit],
        heap: DEFAULT_HEAP,
        step: None,
        panes: Panes::default(),
        settings: Vec::new(),
    };
    let mut settings = Vec::new();
    // Columns count from the fence: three backticks, `scenario` and a space.
    let mut column = "```scenario ".len() + 1;
    for attr in info.split(' ') {
        let at = column;
        column += attr.len() + 1;
        if attr.is_empty() {
            continue;
        }
        let Some((key, value)) = attr.split_once('=') else {
            return fail(line, at, format!("expected key=value, found `{attr}`"));
        };
        match key {
            "strategies" => block.strategies = strategies(value, line, at)?,
            "heap" => block.heap = heap(value, line, at)?,
            "step" => match value {
                "end" => block.step = None,
                n => match n.parse() {
                    Ok(n) => block.step = Some(n),
                    Err(_) => return fail(line, at, "step is a number of calls, or `end`"),
                },
            },
            "panes" => {
                let mut panes = Panes {
                    code: false,
                    map: false,
                    log: false,
                    metrics: false,
                    score: false,
                };
                for p in value.split(',') {
                    match p {
                        "code" => panes.code = true,
                        "map" => panes.map = true,
                        "log" => panes.log = true,
                        "metrics" => panes.metrics = true,
                        "score" => panes.score = true,
                        other => {
                            return fail(
                                line,
                                at,
                                format!("no pane `{other}`: code, map, log, metrics, score"),
                            )
                        }
                    }
                }
                block.panes = panes;
            }
            other => settings.push((at, other, value)),
        }
    }
    // A setting must belong to one of the block's strategies, read once
    // they are all known.
    for (at, key, value) in settings {
        let known: Vec<&str> = block
            .strategies
            .iter()
            .flat_map(|k| k.settings())
            .map(|s| s.key)
            .collect();
        if !known.contains(&key) {
            let also = if known.is_empty() {
                String::new()
            } else {
                format!(", or a setting of its strategies: {}", known.join(", "))
            };
            return fail(
                line,
                at,
                format!("unknown attribute `{key}`: strategies, heap, step, panes{also}"),
            );
        }
        let pair = (key.to_string(), value.to_string());
        crate::check::settings_with(std::slice::from_ref(&pair)).or_else(|e| fail(line, at, e))?;
        block.settings.push(pair);
    }
    Ok(block)
}

/// Reads a ```` ```drill ```` block: it takes nothing yet.
pub fn drill(text: &str, line: usize) -> Result<DrillBlock, BlockError> {
    if let Some((i, l)) = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty()) {
        return fail(
            line + 1 + i,
            1 + l.len() - l.trim_start().len(),
            "a drill block is empty: its drills are made by the page",
        );
    }
    Ok(DrillBlock { line })
}

/// Reads a ```` ```compare ```` block, and runs its program on every row.
pub fn compare(text: &str, line: usize) -> Result<CompareBlock, BlockError> {
    let s = sections(text, line + 1)?;
    s.check_names(&["heap", "row"], &["code"])?;
    let code = s.required("code", "compare block", line)?;
    let mut block = CompareBlock {
        line,
        code,
        heap: DEFAULT_HEAP,
        rows: Vec::new(),
    };
    let mut rows = Vec::new();
    for &(l, key, value) in &s.keys {
        match key {
            "heap" => block.heap = heap(value, l, 7)?,
            _ => rows.push((l, value)),
        }
    }
    for (l, value) in rows {
        let mut words = value.split(' ').filter(|w| !w.is_empty());
        let strategy = strategies(words.next().unwrap_or(""), l, 6)?[0];
        let mut settings = Vec::new();
        for word in words {
            let column = 6 + value.find(word).unwrap_or(0);
            let Some((key, val)) = word.split_once('=') else {
                return fail(l, column, format!("expected key=value, found `{word}`"));
            };
            if !strategy.settings().iter().any(|s| s.key == key) {
                return fail(l, column, format!("{strategy} has no setting `{key}`"));
            }
            settings.push((key.to_string(), val.to_string()));
        }
        let figures = crate::check::figures(&block.code, strategy, block.heap, &settings)
            .or_else(|e| fail(l, 6, e))?;
        block.rows.push(CompareRow {
            strategy,
            settings,
            figures,
        });
    }
    if block.rows.len() < 2 {
        return fail(line, 1, "a compare block compares at least two `row: …`");
    }
    Ok(block)
}

/// Reads a ```` ```layout ```` block.
pub fn layout(source: &str, line: usize) -> Result<LayoutBlock, BlockError> {
    let structs = alloc_sim::scenario::struct_layouts(source, Target::Bits64)
        .or_else(|e| fail(line + e.line, e.column, e.message))?;
    if structs.is_empty() {
        return fail(line, 1, "a layout block defines at least one struct");
    }
    Ok(LayoutBlock {
        line,
        source: source.to_string(),
        structs,
    })
}

/// The `key: value` lines and `--- name` sections of a quiz or exercise.
struct Sections<'a> {
    keys: Vec<(usize, &'a str, &'a str)>,
    sections: Vec<(usize, &'a str, String)>,
}

fn sections(text: &str, first_line: usize) -> Result<Sections<'_>, BlockError> {
    let mut out = Sections {
        keys: Vec::new(),
        sections: Vec::new(),
    };
    for (i, l) in text.lines().enumerate() {
        let line = first_line + i;
        if let Some(name) = l.strip_prefix("--- ") {
            out.sections.push((line, name.trim(), String::new()));
        } else if let Some((_, _, body)) = out.sections.last_mut() {
            body.push_str(l);
            body.push('\n');
        } else if l.trim().is_empty() {
        } else if let Some((key, value)) = l.split_once(": ") {
            out.keys.push((line, key.trim(), value.trim()));
        } else {
            return fail(
                line,
                1,
                format!("expected `key: value` or `--- section`, found `{l}`"),
            );
        }
    }
    for (_, _, body) in &mut out.sections {
        *body = body.trim_matches('\n').to_string();
    }
    Ok(out)
}

impl Sections<'_> {
    fn section(&self, name: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(_, _, b)| b.as_str())
    }

    fn required(&self, name: &str, block: &str, line: usize) -> Result<String, BlockError> {
        match self.section(name) {
            Some(text) if !text.trim().is_empty() => Ok(text.to_string()),
            _ => fail(line, 1, format!("a {block} needs a `--- {name}` section")),
        }
    }

    fn check_names(&self, keys: &[&str], sections: &[&str]) -> Result<(), BlockError> {
        for (line, key, _) in &self.keys {
            if !keys.contains(key) {
                return fail(
                    *line,
                    1,
                    format!("unknown key `{key}`: {}", keys.join(", ")),
                );
            }
        }
        for (line, name, _) in &self.sections {
            if !sections.contains(name) {
                return fail(
                    *line,
                    5,
                    format!("unknown section `{name}`: {}", sections.join(", ")),
                );
            }
        }
        Ok(())
    }

    fn goal(line: usize, key: &str, text: &str) -> Result<Goal, BlockError> {
        // The value starts after `key: `.
        Goal::parse(text).or_else(|e| fail(line, key.len() + 2 + e.column, e.message))
    }
}

/// The prose of a block of kind `widget` (its text `text`) that its
/// reading will render: a quiz's question and explanation, an exercise's
/// task and hints. A block that does not read lists none (its reading says
/// why).
pub fn prose_texts(widget: &str, text: &str) -> Vec<String> {
    let (names, keys): (&[&str], &[&str]) = match widget {
        "quiz" => (&["question", "explain"], &[]),
        "exercise" => (&["task"], &["hint"]),
        _ => return Vec::new(),
    };
    let Ok(s) = sections(text, 1) else {
        return Vec::new();
    };
    let bodies = s.sections.iter().filter(|(_, n, _)| names.contains(n));
    let values = s.keys.iter().filter(|(_, k, _)| keys.contains(k));
    bodies
        .map(|(_, _, body)| body.clone())
        .chain(values.map(|(_, _, value)| value.to_string()))
        .collect()
}

/// Reads a ```` ```quiz ````; `above` is the scenario block before it, if any.
pub fn quiz(
    text: &str,
    line: usize,
    above: Option<&ScenarioBlock>,
    prose: Prose,
) -> Result<Quiz, BlockError> {
    let s = sections(text, line + 1)?;
    s.check_names(
        &["ask", "choices", "strategy", "heap", "placement"],
        &["question", "explain", "code"],
    )?;
    let mut ask = None;
    let mut choices = Vec::new();
    let mut strategy = above.map_or(StrategyKind::FirstFit, |b| b.strategies[0]);
    let mut heap_size = above.map_or(DEFAULT_HEAP, |b| b.heap);
    let mut settings = above.map_or_else(Vec::new, |b| b.settings.clone());
    for &(l, key, value) in &s.keys {
        match key {
            "ask" => ask = Some(Sections::goal(l, key, value)?),
            "choices" => choices = value.split(',').map(|c| c.trim().to_string()).collect(),
            "strategy" => strategy = strategies(value, l, 11)?[0],
            "placement" => {
                let pair = (key.to_string(), value.to_string());
                crate::check::settings_with(std::slice::from_ref(&pair))
                    .or_else(|e| fail(l, key.len() + 3, e))?;
                settings.retain(|(k, _)| k != key);
                settings.push(pair);
            }
            _ => heap_size = heap(value, l, 7)?,
        }
    }
    let Some(ask) = ask else {
        return fail(
            line,
            1,
            "a quiz needs `ask: …`: what the simulation computes",
        );
    };
    let own_code = s.section("code").is_some();
    let code = match (s.section("code"), above) {
        (Some(code), _) => code.to_string(),
        (None, Some(block)) => block.code.clone(),
        (None, None) => {
            return fail(
                line,
                1,
                "a quiz needs a `--- code` section or a scenario above it",
            )
        }
    };
    let mut quiz = Quiz {
        line,
        question: prose(&s.required("question", "quiz", line)?),
        ask,
        choices,
        explain: prose(&s.required("explain", "quiz", line)?),
        code,
        own_code,
        stop: None,
        strategy,
        heap: heap_size,
        settings,
        truth: crate::goal::Value::Bool(false),
    };
    (quiz.truth, quiz.stop) = crate::check::quiz_facts(&quiz).or_else(|e| fail(line, 1, e))?;
    Ok(quiz)
}

/// Reads an ```` ```exercise ````.
pub fn exercise(text: &str, line: usize, prose: Prose) -> Result<Exercise, BlockError> {
    let s = sections(text, line + 1)?;
    s.check_names(
        &["title", "goal", "hint", "strategies", "heap", "placement"],
        &["task", "start", "solution"],
    )?;
    let mut ex = Exercise {
        line,
        title: String::new(),
        task: prose(&s.required("task", "exercise", line)?),
        goals: Vec::new(),
        hints: Vec::new(),
        start: s.required("start", "exercise", line)?,
        solution: s.required("solution", "exercise", line)?,
        strategies: vec![StrategyKind::FirstFit],
        heap: DEFAULT_HEAP,
        settings: Vec::new(),
    };
    for &(l, key, value) in &s.keys {
        match key {
            "title" => ex.title = value.to_string(),
            "goal" => ex.goals.push(Sections::goal(l, key, value)?),
            "hint" => ex.hints.push(prose(value)),
            "strategies" => ex.strategies = strategies(value, l, 13)?,
            "placement" => {
                let pair = (key.to_string(), value.to_string());
                crate::check::settings_with(std::slice::from_ref(&pair))
                    .or_else(|e| fail(l, key.len() + 3, e))?;
                ex.settings = vec![pair];
            }
            _ => ex.heap = heap(value, l, 7)?,
        }
    }
    if ex.title.is_empty() {
        return fail(line, 1, "an exercise needs `title: …`");
    }
    if ex.goals.is_empty() {
        return fail(line, 1, "an exercise needs at least one `goal: …`");
    }
    Ok(ex)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Vec<Node> {
        crate::compile::markdown::parse(text)
    }

    #[test]
    fn a_scenario_fence_carries_its_attributes() {
        let b = scenario(
            "strategies=first-fit,bump heap=1KiB step=2 panes=map,log",
            "fn main() {}",
            7,
        )
        .unwrap();
        assert_eq!(
            b.strategies,
            vec![StrategyKind::FirstFit, StrategyKind::Bump]
        );
        assert_eq!((b.heap, b.step, b.line), (1024, Some(2), 7));
        assert!(b.panes.map && b.panes.log && !b.panes.code);
        let e = scenario("heap=4096 strategies=firstfit", "", 3).unwrap_err();
        assert_eq!((e.line, e.column), (3, 23));
        assert!(e.message.contains("no strategy is called `firstfit`"));
        assert!(scenario("colour=red", "", 1)
            .unwrap_err()
            .message
            .contains("unknown attribute"));
        assert!(scenario("heap=64", "", 1)
            .unwrap_err()
            .message
            .contains("256 B"));
    }

    #[test]
    fn a_scenario_sets_its_strategies_settings_and_its_quiz_inherits_them() {
        // Two holes, the bigger first: first fit takes it, best fit the other.
        let code = "fn main() { let a = vec![1u8; 64]; let s = vec![0u8; 8]; let b = vec![2u8; 16]; let t = vec![0u8; 8]; drop(a); drop(b); let c = vec![3u8; 16]; }";
        let b = scenario("strategies=implicit-list placement=best", code, 1).unwrap();
        assert_eq!(
            b.settings,
            vec![("placement".to_string(), "best".to_string())]
        );
        // The value is one the setting takes, at its column.
        let e = scenario("strategies=implicit-list placement=worst", code, 1).unwrap_err();
        assert_eq!(e.column, 1 + "```scenario strategies=implicit-list ".len());
        assert!(e.message.contains("placement=worst"), "{}", e.message);
        // A setting of none of the block's strategies is not an attribute.
        let e = scenario("strategies=first-fit placement=best", code, 1).unwrap_err();
        assert!(
            e.message.contains("unknown attribute `placement`"),
            "{}",
            e.message
        );
        // The quiz below runs with the block's settings unless it sets its own.
        let ask = "ask: call(7).addr\nchoices: 0x1, 0x2\n--- question\nQ\n--- explain\nE";
        let best = quiz(ask, 5, Some(&b), &md).unwrap();
        let first = quiz(
            &ask.replace("ask:", "placement: first\nask:"),
            5,
            Some(&b),
            &md,
        )
        .unwrap();
        assert_eq!(best.settings, b.settings);
        assert_ne!(best.truth, first.truth);
        for (q, policy) in [(&best, "best"), (&first, "first")] {
            let settings =
                crate::check::settings_with(&[("placement".into(), policy.into())]).unwrap();
            let mut sim =
                crate::check::simulation_with(StrategyKind::ImplicitList, q.heap, &settings)
                    .unwrap();
            let run =
                alloc_sim::scenario::run(code, &mut sim, alloc_sim::scenario::Limits::default());
            let addr = run.own_calls().nth(6).and_then(|c| c.addr).unwrap();
            assert_eq!(q.truth, crate::goal::Value::Addr(addr.0));
        }
    }

    #[test]
    fn a_quiz_asks_about_the_scenario_above_unless_it_has_code() {
        let above = scenario("", "fn main() { let b = Box::new(1u8); }", 2).unwrap();
        let q = quiz(
            "ask: call(1).addr\nchoices: 0x1000, 0x1008\n--- question\nWhere?\n--- explain\nThere.\n",
            10,
            Some(&above),
            &md,
        )
        .unwrap();
        assert_eq!(q.code, above.code);
        assert!(!q.own_code);
        // Held before call 1: the runtime's two calls come first.
        let run = alloc_sim::scenario::run(
            &q.code,
            &mut crate::check::simulation(q.strategy, q.heap).unwrap(),
            alloc_sim::scenario::Limits::default(),
        );
        let first_own = run.calls.iter().position(|c| !c.implicit);
        assert_eq!(q.stop, first_own);
        assert!(q.stop.is_some_and(|s| s > 0));
        assert_eq!(q.choices, vec!["0x1000", "0x1008"]);
        assert_eq!(crate::node::text(&q.question), "Where?");
        assert_eq!(crate::node::text(&q.explain), "There.");
        let e = quiz(
            "ask: call(1).adr\n--- question\nQ\n--- explain\nE",
            10,
            Some(&above),
            &md,
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (11, 14));
        let own = quiz(
            "ask: peak_live\n--- question\nQ\n--- explain\nE\n--- code\nfn main() { let v = vec![1u8; 9]; }",
            10,
            Some(&above),
            &md,
        )
        .unwrap();
        assert!(own.own_code);
        assert_eq!(own.stop, None, "a quiz on no call is not held");
        let e = quiz("ask: calls\n--- question\nQ\n--- explain\nE", 10, None, &md).unwrap_err();
        assert!(e.message.contains("--- code"));
    }

    #[test]
    fn an_exercise_needs_its_task_code_solution_and_goals() {
        let text = "title: Once\ngoal: allocations == 1\nhint: with_capacity\nheap: 8KiB\n--- task\nDo it.\n--- start\nfn main() {}\n--- solution\nfn main() { let b = Box::new(1u8); }\n";
        let ex = exercise(text, 20, &md).unwrap();
        assert_eq!(
            (ex.title.as_str(), ex.heap, ex.hints.len()),
            ("Once", 8192, 1)
        );
        assert_eq!(ex.goals[0].text, "allocations == 1");
        let missing = exercise(&text.replace("--- solution", "--- answer"), 20, &md).unwrap_err();
        assert_eq!(missing.line, 29);
        assert!(missing.message.contains("unknown section `answer`"));
        let bad_goal =
            exercise(&text.replace("allocations ==", "alocations =="), 20, &md).unwrap_err();
        assert_eq!((bad_goal.line, bad_goal.column), (22, 7));
    }

    #[test]
    fn a_compare_block_runs_its_program_on_every_row_and_says_where_a_row_is_wrong() {
        let code = "fn main() { let a = Box::new([1u8; 100]); let s = Box::new(1u64); let c = Box::new([3u8; 40]); let t = Box::new(2u64); drop(a); drop(c); let x = Box::new([7u8; 30]); }";
        let text = format!(
            "heap: 4KiB\nrow: implicit-list placement=first\nrow: implicit-list placement=best\n--- code\n{code}"
        );
        let b = compare(&text, 3).unwrap();
        assert_eq!(b.heap, 4096);
        assert_eq!(b.rows.len(), 2);
        assert_eq!(
            b.rows[1].settings,
            vec![("placement".to_string(), "best".to_string())]
        );
        // First fit stops at `a`'s hole; best fit looks at every free
        // block to find `c`'s, the smaller: more steps.
        let (first, best) = (b.rows[0].figures, b.rows[1].figures);
        assert!(best.search_steps > first.search_steps, "{first:?} {best:?}");
        // A setting the strategy does not have, at its column.
        let e = compare(
            "row: buddy placement=best\nrow: first-fit\n--- code\nfn main() {}",
            3,
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (4, 12));
        assert!(
            e.message.contains("buddy has no setting `placement`"),
            "{}",
            e.message
        );
        // A value the setting does not take.
        let e = compare(
            "row: implicit-list placement=worst\nrow: buddy\n--- code\nfn main() {}",
            3,
        )
        .unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.message.contains("worst"), "{}", e.message);
        // One row compares nothing.
        let e = compare("row: buddy\n--- code\nfn main() {}", 3).unwrap_err();
        assert!(e.message.contains("at least two"), "{}", e.message);
    }

    #[test]
    fn a_layout_block_is_computed_and_its_errors_point_into_the_lesson() {
        let b = layout("#[repr(C)]\nstruct H { tag: u8, len: u32 }", 5).unwrap();
        assert_eq!(b.structs[0].layout.size, 8);
        assert_eq!(b.structs[0].fields[1].offset, 4);
        let e = layout("struct H { tag: u8 }\nfn main() {}", 5).unwrap_err();
        assert_eq!(e.line, 7);
    }
}
