//! For lesson authors: prints each lesson's quiz answers as the simulation
//! computes them, each comparison's figures, and what each exercise's
//! start and solution give.
//!
//! `cargo run -p lessons --example answers [NN]`

use lessons::check;

fn main() {
    let only: Option<u32> = std::env::args().nth(1).and_then(|a| a.parse().ok());
    for lesson in lessons::all() {
        let lesson = match lesson {
            Ok(l) => l,
            Err(e) => {
                println!("{e}");
                continue;
            }
        };
        if only.is_some_and(|n| n != lesson.number) {
            continue;
        }
        println!("{} — {}", lesson.id(), lesson.title);
        for q in lesson.quizzes() {
            match check::quiz_answer(q) {
                Ok(v) => println!("  quiz at line {}: {} = {v}", q.line, q.ask.text),
                Err(e) => println!("  quiz at line {}: {e}", q.line),
            }
        }
        for part in &lesson.parts {
            if let lessons::Part::Compare(c) = part {
                println!("  compare at line {}:", c.line);
                for row in &c.rows {
                    println!("    {} {:?}: {:?}", row.strategy, row.settings, row.figures);
                }
            }
        }
        for e in lesson.exercises() {
            for (which, code) in [("start", &e.start), ("solution", &e.solution)] {
                let c = check::check_exercise(e, code);
                println!("  exercise `{}` {which}: solved {}", e.title, c.solved());
                if let Some(p) = &c.problem {
                    println!("    {p}");
                }
                for g in &c.goals {
                    println!(
                        "    {} {} ({})",
                        if g.holds { "✓" } else { "✗" },
                        g.goal,
                        g.why.join(", ")
                    );
                }
            }
        }
    }
}
