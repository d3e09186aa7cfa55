//! Drills that never run out, in the manner of OSTEP's `malloc.py`: small
//! programs of boxes made and dropped on CS:APP's implicit free list, each
//! with one question the simulation answers.
//!
//! A drill is named by a seed and its number in the set: the same pair
//! always gives the same drill, so a teacher hands out a set as a link
//! (`#lesson/…?seed=1234`) and every learner meets the same questions.
//! Three kinds take turns:
//!
//! - **Address** — under a stated placement policy, where does the last
//!   box land? The run is held just before that call. The wrong choices
//!   are where the other policies would put it, or a hole too small.
//! - **Holes** — after the last `drop`, which free blocks does the heap
//!   hold? The run is held before the drop. The wrong choices are the
//!   blocks as they were before it, and as they would be if the freed
//!   block were not merged with its free neighbours (coalescing).
//! - **Policy** — which policy (first, next or best fit) made this heap?
//!   The run is shown to its end; every policy would have made another.
//!
//! Programs are drawn until one asks a question whose choices differ (a
//! drill where every policy agrees teaches nothing); the choices, the
//! answer and the explanation are all read from runs of the simulation,
//! never worked out here. No I/O, no clock: the page passes the seed.

use alloc_sim::scenario::{self, Limits, Outcome};
use alloc_sim::traces::Rng;
use alloc_sim::{Addr, AnyStrategy, Simulation, StrategyKind};
use serde::{Deserialize, Serialize};

use crate::node::{Markdown, Node};

/// Every drill's heap: the runtime's two blocks and a handful of boxes fit
/// with room to spare, and the map stays readable.
pub const HEAP: u64 = 2048;

/// The placement policies, by the names the setting takes.
pub const POLICIES: [&str; 3] = ["first", "next", "best"];

/// Box sizes a drill draws from: a few block sizes apart, so that holes
/// differ and a request fits some and not others.
const SIZES: [u64; 10] = [8, 16, 24, 32, 40, 48, 64, 80, 96, 120];

/// Programs drawn for one drill before the plainest is kept.
const ATTEMPTS: usize = 400;

/// What a drill asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DrillKind {
    /// Where does the last box land?
    Address,
    /// Which free blocks are left after the last drop?
    Holes,
    /// Which placement policy made this heap?
    Policy,
}

/// One drill: its program, its question, the choices and the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drill {
    /// The set it belongs to.
    pub seed: u64,
    /// Its place in the set, from 0.
    pub number: u32,
    /// What it asks.
    pub kind: DrillKind,
    /// The program.
    pub code: String,
    /// The heap it runs on (`implicit-list`).
    pub heap: u64,
    /// The placement policy the run shows (for a policy drill, the one to
    /// be found).
    pub placement: String,
    /// The question.
    pub question: Markdown,
    /// The choices, one of them the answer.
    pub choices: Vec<String>,
    /// The right choice.
    pub answer: String,
    /// Why, shown after answering.
    pub explain: Markdown,
    /// Calls made before the call it asks about (the runtime's included):
    /// the run is held there until the learner answers (`None`: shown to
    /// its end).
    pub stop: Option<usize>,
}

impl Drill {
    /// The strategy settings its run needs.
    pub fn settings(&self) -> Vec<(String, String)> {
        vec![("placement".to_string(), self.placement.clone())]
    }
}

/// A step of a drill's program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// `let x = Box::new([1u8; size]);`
    Make(usize, u64),
    /// `drop(x);`
    Drop(usize),
}

/// A variable's name: `a`, `b`, …
fn name(i: usize) -> char {
    (b'a' + i as u8) as char
}

fn program(steps: &[Step]) -> String {
    let mut out = String::from("fn main() {\n");
    for step in steps {
        out.push_str(&match *step {
            Step::Make(v, size) => format!("    let {} = Box::new([1u8; {size}]);\n", name(v)),
            Step::Drop(v) => format!("    drop({});\n", name(v)),
        });
    }
    out.push_str("}\n");
    out
}

/// A free block as the allocator's narration names it: where its payload
/// starts, and its size with its tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hole {
    at: Addr,
    size: u64,
}

fn holes_text(holes: &[Hole]) -> String {
    holes
        .iter()
        .map(|h| format!("{} ({} B)", h.at, h.size))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A run of `code` under `policy`: where the program's own calls are in
/// it and what they returned. `None` if a call failed or the run did not
/// end normally.
struct Ran {
    /// The address each own call returned or freed, in order.
    addrs: Vec<Option<Addr>>,
    /// Where each own call is among all calls (the runtime's included).
    at: Vec<usize>,
}

fn settings(policy: &str) -> Option<alloc_sim::Settings> {
    crate::check::settings_with(&[("placement".to_string(), policy.to_string())]).ok()
}

fn simulation(policy: &str) -> Option<Simulation> {
    crate::check::simulation_with(StrategyKind::ImplicitList, HEAP, &settings(policy)?).ok()
}

fn run(code: &str, policy: &str) -> Option<Ran> {
    let mut sim = simulation(policy)?;
    let run = scenario::run(code, &mut sim, Limits::default());
    if run.outcome != Outcome::Ok || run.calls.iter().any(|c| c.error.is_some()) {
        return None;
    }
    let own: Vec<(usize, Option<Addr>)> = run
        .calls
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.implicit)
        .map(|(i, c)| (i, c.addr))
        .collect();
    Some(Ran {
        addrs: own.iter().map(|&(_, a)| a).collect(),
        at: own.iter().map(|&(i, _)| i).collect(),
    })
}

/// Every block after the first `calls` calls of `code` under `policy`, as
/// the allocator walks them: payload address, size with tags, allocated.
fn blocks_after(code: &str, policy: &str, calls: usize) -> Option<Vec<(Addr, u64, bool)>> {
    let mut sim = simulation(policy)?;
    let limits = Limits {
        stop_after_calls: Some(calls),
        ..Limits::default()
    };
    scenario::run(code, &mut sim, limits);
    let AnyStrategy::ImplicitList(list) = sim.strategy() else {
        return None;
    };
    Some(list.blocks(sim.heap()))
}

/// The free blocks after the first `calls` calls.
fn holes_after(code: &str, policy: &str, calls: usize) -> Option<Vec<Hole>> {
    Some(
        blocks_after(code, policy, calls)?
            .into_iter()
            .filter(|&(_, _, allocated)| !allocated)
            .map(|(at, size, _)| Hole { at, size })
            .collect(),
    )
}

/// Text with `code` spans as a paragraph.
fn para(text: &str) -> Node {
    let mut p = Node::element("p");
    if let Node::Element { children, .. } = &mut p {
        for (i, piece) in text.split('`').enumerate() {
            if piece.is_empty() {
                continue;
            }
            children.push(if i % 2 == 1 {
                let mut code = Node::element("code");
                if let Node::Element { children, .. } = &mut code {
                    children.push(Node::Text(piece.to_string()));
                }
                code
            } else {
                Node::Text(piece.to_string())
            });
        }
    }
    p
}

/// Draws a program: four to six boxes, some dropped along the way, so that
/// the heap has holes of several sizes when the last step comes.
fn draw(rng: &mut Rng, kind: DrillKind) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut live: Vec<usize> = Vec::new();
    let boxes = 4 + rng.below(3) as usize;
    for v in 0..boxes {
        steps.push(Step::Make(v, SIZES[rng.below(SIZES.len() as u64) as usize]));
        live.push(v);
        // Drop an older box now and then; keep the newest, so that holes
        // open up between live blocks.
        if live.len() > 2 && rng.below(5) < 2 {
            let victim = live.remove(rng.below(live.len() as u64 - 1) as usize);
            steps.push(Step::Drop(victim));
        }
    }
    match kind {
        DrillKind::Address | DrillKind::Policy => {
            // At least one hole inside the heap, then a box that may fit it.
            if !steps.iter().any(|s| matches!(s, Step::Drop(_))) {
                let victim = live.remove(rng.below(live.len() as u64 - 1) as usize);
                steps.push(Step::Drop(victim));
            }
            let extra = if kind == DrillKind::Policy {
                1 + rng.below(2)
            } else {
                0
            };
            for k in 0..=extra {
                let v = boxes + k as usize;
                steps.push(Step::Make(v, SIZES[rng.below(5) as usize]));
            }
        }
        DrillKind::Holes => {
            let victim = live.remove(rng.below(live.len() as u64) as usize);
            steps.push(Step::Drop(victim));
        }
    }
    steps
}

/// The drill `number` of the set `seed`.
pub fn drill(seed: u64, number: u32) -> Drill {
    let kind = match number % 3 {
        0 => DrillKind::Address,
        1 => DrillKind::Holes,
        _ => DrillKind::Policy,
    };
    let mut rng = Rng::new(seed ^ (u64::from(number) + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let policy = POLICIES[rng.below(3) as usize];
    let mut last = None;
    for _ in 0..ATTEMPTS {
        let steps = draw(&mut rng, kind);
        let made = match kind {
            DrillKind::Address => address(&steps, policy),
            DrillKind::Holes => holes(&steps, policy),
            DrillKind::Policy => which_policy(&steps, policy),
        };
        match made {
            Some((d, true)) => return d.numbered(seed, number),
            Some((d, false)) => last = last.or(Some(d)),
            None => {}
        }
    }
    last.map(|d| d.numbered(seed, number))
        .unwrap_or_else(|| plain(seed, number))
}

impl Drill {
    fn numbered(mut self, seed: u64, number: u32) -> Drill {
        self.seed = seed;
        self.number = number;
        self
    }
}

/// The drill of last resort (no program drawn asked a fair question): one
/// box, and where it lands.
fn plain(seed: u64, number: u32) -> Drill {
    let steps = [Step::Make(0, 24)];
    let code = program(&steps);
    let ran = run(&code, "first").expect("one box fits any drill heap");
    let at = ran.addrs[0].map_or_else(String::new, |a| a.to_string());
    Drill {
        seed,
        number,
        kind: DrillKind::Address,
        code,
        heap: HEAP,
        placement: "first".into(),
        question: vec![para("Under first fit, where does `a` land?")],
        choices: vec![at.clone()],
        answer: at,
        explain: vec![para(
            "The only hole that fits is the one after the runtime's blocks.",
        )],
        stop: Some(ran.at[0]),
    }
}

/// `code` run under each of [`POLICIES`], in order.
fn every_policy(code: &str) -> Option<Vec<Ran>> {
    POLICIES.iter().map(|p| run(code, p)).collect()
}

/// Address: where the last box lands under `policy`. Fair when the three
/// policies put it in at least two places and there are three choices.
fn address(steps: &[Step], policy: &str) -> Option<(Drill, bool)> {
    let code = program(steps);
    let runs = every_policy(&code)?;
    let Some(&Step::Make(v, size)) = steps.last() else {
        return None;
    };
    let last = steps.len() - 1;
    let at = |r: &Ran| r.addrs.get(last).copied().flatten();
    let mine = &runs[POLICIES.iter().position(|p| *p == policy)?];
    let truth = at(mine)?;
    let stop = mine.at[last];
    let mut choices: Vec<Addr> = runs.iter().filter_map(at).collect();
    let distinct = {
        let mut d = choices.clone();
        alloc_sim::stable_sort::sort(&mut d);
        d.dedup();
        d.len()
    };
    // The free blocks there were before it came, which it did not take:
    // the mistake of forgetting a block's tags, or where the rover stood.
    let before = holes_after(&code, policy, stop)?;
    for h in &before {
        if choices.len() < 4 && !choices.contains(&h.at) {
            choices.push(h.at);
        }
    }
    alloc_sim::stable_sort::sort(&mut choices);
    choices.dedup();
    let fair = distinct >= 2 && choices.len() >= 3;
    let others: Vec<String> = POLICIES
        .iter()
        .zip(&runs)
        .filter(|(p, _)| **p != policy)
        .filter_map(|(p, r)| Some(format!("{p} fit at {}", at(r)?)))
        .collect();
    let question = vec![
        para(&format!(
            "The heap runs CS:APP's implicit free list with {policy} fit; the map shows it just before `{}` is made.",
            name(v)
        )),
        para(&format!(
            "Where does `{}`, a box of {size} bytes, land?",
            name(v)
        )),
    ];
    let explain = vec![
        para(&format!(
            "Before it, the free blocks were {}; a box of {size} bytes needs a block of its size plus 8 bytes of tags, rounded up to a multiple of 8, and at least 16.",
            holes_text(&before)
        )),
        para(&format!(
            "{} fit puts it at {truth}; {}.",
            capital(policy),
            others.join(", and ")
        )),
    ];
    Some((
        Drill {
            seed: 0,
            number: 0,
            kind: DrillKind::Address,
            code,
            heap: HEAP,
            placement: policy.into(),
            question,
            choices: choices.iter().map(|a| a.to_string()).collect(),
            answer: truth.to_string(),
            explain,
            stop: Some(stop),
        },
        fair,
    ))
}

/// Holes: the free blocks after the last drop. Fair when the freed block
/// merged with a free neighbour, so that merging and not merging differ.
fn holes(steps: &[Step], policy: &str) -> Option<(Drill, bool)> {
    let code = program(steps);
    let ran = run(&code, policy)?;
    let Some(&Step::Drop(v)) = steps.last() else {
        return None;
    };
    let stop = ran.at[steps.len() - 1];
    let before = blocks_after(&code, policy, stop)?;
    let after = holes_after(&code, policy, stop + 1)?;
    // The freed block as a free block of its own, where the map has it
    // (each step is one call, so a box's step is its call).
    let made = steps
        .iter()
        .position(|s| matches!(s, Step::Make(w, _) if *w == v))?;
    let freed_at = ran.addrs.get(made).copied().flatten()?;
    let &(_, freed, _) = before
        .iter()
        .find(|&&(bp, _, allocated)| bp == freed_at && allocated)?;
    let before_holes: Vec<Hole> = before
        .iter()
        .filter(|&&(_, _, allocated)| !allocated)
        .map(|&(at, size, _)| Hole { at, size })
        .collect();
    let mut unmerged = before_holes.clone();
    unmerged.push(Hole {
        at: freed_at,
        size: freed,
    });
    alloc_sim::stable_sort::sort_by_key(&mut unmerged, |h| h.at);
    let truth = holes_text(&after);
    let mut choices = vec![
        truth.clone(),
        holes_text(&unmerged),
        holes_text(&before_holes),
    ];
    alloc_sim::stable_sort::sort(&mut choices);
    choices.dedup();
    let fair = choices.len() == 3 && after.len() <= 4;
    let question = vec![
        para(&format!(
            "The heap runs CS:APP's implicit free list with {policy} fit; the map shows it just before `drop({})`.",
            name(v)
        )),
        para("After the drop, which free blocks does the heap hold? Each is written as the address of its payload and the block's size, tags included."),
    ];
    let explain = vec![para(&format!(
        "`{}`'s block ({freed} B at {freed_at}) becomes free, and freeing merges it at once with a free block right before or after it: the footer of the block before and the header of the block after say whether they are free. So the heap holds {truth}; without merging it would hold {}.",
        name(v),
        holes_text(&unmerged)
    ))];
    Some((
        Drill {
            seed: 0,
            number: 0,
            kind: DrillKind::Holes,
            code,
            heap: HEAP,
            placement: policy.into(),
            question,
            choices,
            answer: truth,
            explain,
            stop: Some(stop),
        },
        fair,
    ))
}

/// Policy: which policy made the heap. Fair when each policy puts the
/// boxes elsewhere.
fn which_policy(steps: &[Step], policy: &str) -> Option<(Drill, bool)> {
    let code = program(steps);
    let runs = every_policy(&code)?;
    let n = steps.len();
    let placed = |r: &Ran| r.addrs[..n].to_vec();
    let mine = &runs[POLICIES.iter().position(|p| *p == policy)?];
    let stop = mine.at[n - 1] + 1;
    // Each policy leaves another map, not only other boxes in the same
    // blocks: the map alone tells them apart.
    let maps: Vec<_> = POLICIES
        .iter()
        .zip(&runs)
        .map(|(p, r)| blocks_after(&code, p, r.at[n - 1] + 1))
        .collect::<Option<_>>()?;
    let fair = placed(&runs[0]) != placed(&runs[1])
        && placed(&runs[1]) != placed(&runs[2])
        && placed(&runs[0]) != placed(&runs[2])
        && maps[0] != maps[1]
        && maps[1] != maps[2]
        && maps[0] != maps[2];
    // Where the policies part ways: the boxes each puts elsewhere.
    let differ: Vec<String> = steps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match s {
            Step::Make(v, _) => Some((i, *v)),
            Step::Drop(_) => None,
        })
        .filter(|&(i, _)| {
            runs[0].addrs[i] != runs[1].addrs[i] || runs[1].addrs[i] != runs[2].addrs[i]
        })
        .map(|(i, v)| {
            let at: Vec<String> = POLICIES
                .iter()
                .zip(&runs)
                .map(|(p, r)| {
                    format!(
                        "{p} fit {}",
                        r.addrs[i].map_or("—".into(), |a| a.to_string())
                    )
                })
                .collect();
            format!("`{}`: {}", name(v), at.join(", "))
        })
        .collect();
    let question = vec![
        para("The heap runs CS:APP's implicit free list; the map shows it after the last line of `main`, before the boxes still alive are dropped at its closing brace, and the log every call so far."),
        para("Which placement policy made it?"),
    ];
    let explain = vec![
        para(&format!("Where the policies part ways — {}.", differ.join("; "))),
        para("First fit takes the lowest free block that fits; next fit goes on from where the last search stopped; best fit takes the smallest that fits."),
    ];
    Some((
        Drill {
            seed: 0,
            number: 0,
            kind: DrillKind::Policy,
            code,
            heap: HEAP,
            placement: policy.into(),
            question,
            choices: POLICIES.iter().map(|p| format!("{p} fit")).collect(),
            answer: format!("{policy} fit"),
            explain,
            // After the last line: the calls up to its own, and no more.
            stop: Some(stop),
        },
        fair,
    ))
}

fn capital(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(md: &Markdown) -> String {
        crate::node::text(md)
    }

    /// The answer, found again from a fresh run of the drill's program:
    /// the address its last call returned, the free blocks it ends with,
    /// or the one policy whose run puts every box where this one does.
    fn answer_again(d: &Drill) -> String {
        let policy = d.placement.as_str();
        let stop = d.stop.unwrap();
        match d.kind {
            DrillKind::Address => {
                let mut sim = simulation(policy).unwrap();
                let run = scenario::run(&d.code, &mut sim, Limits::default());
                run.calls[stop].addr.unwrap().to_string()
            }
            DrillKind::Holes => holes_text(&holes_after(&d.code, policy, stop + 1).unwrap()),
            DrillKind::Policy => {
                let shown = blocks_after(&d.code, policy, stop).unwrap();
                let same: Vec<&str> = POLICIES
                    .iter()
                    .copied()
                    .filter(|p| blocks_after(&d.code, p, stop).unwrap() == shown)
                    .collect();
                assert_eq!(same.len(), 1, "{}", d.code);
                format!("{} fit", same[0])
            }
        }
    }

    #[test]
    fn a_seed_and_a_number_always_give_the_same_drill() {
        for n in 0..6 {
            assert_eq!(drill(1234, n), drill(1234, n));
        }
        assert_ne!(drill(1234, 0).code, drill(1235, 0).code);
    }

    #[test]
    fn every_drill_asks_a_fair_question_the_simulation_answers() {
        for seed in 1..=20u64 {
            for number in 0..6 {
                let d = drill(seed * 7919, number);
                let place = format!("seed {} number {number}:\n{}", d.seed, d.code);
                assert_eq!(answer_again(&d), d.answer, "{place}");
                assert!(d.choices.contains(&d.answer), "{place}");
                assert!(d.choices.len() >= 3, "{place}: {:?}", d.choices);
                let mut unique = d.choices.clone();
                unique.sort();
                unique.dedup();
                assert_eq!(unique.len(), d.choices.len(), "{place}");
                // The question never gives the answer away.
                assert!(!text(&d.question).contains(&d.answer), "{place}");
                // Each drill is held at a call of the program's own, or
                // (a policy drill) just after its last line.
                let stop = d.stop.unwrap();
                let mut sim = simulation(&d.placement).unwrap();
                let run = scenario::run(&d.code, &mut sim, Limits::default());
                let own = run.calls.iter().position(|c| !c.implicit).unwrap();
                assert!(stop > own && stop < run.calls.len(), "{place}");
            }
        }
    }

    #[test]
    fn the_kinds_take_turns_and_each_policy_is_asked() {
        let set: Vec<Drill> = (0..30).map(|n| drill(42, n)).collect();
        assert!(set.iter().step_by(3).all(|d| d.kind == DrillKind::Address));
        assert!(set
            .iter()
            .skip(1)
            .step_by(3)
            .all(|d| d.kind == DrillKind::Holes));
        assert!(set
            .iter()
            .skip(2)
            .step_by(3)
            .all(|d| d.kind == DrillKind::Policy));
        for p in POLICIES {
            assert!(set.iter().any(|d| d.placement == p), "{p}");
        }
    }
}
