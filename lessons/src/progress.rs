//! A learner's progress in one lesson: quiz answers, exercises solved, and
//! the code typed into each exercise, kept as text (the app puts it in
//! localStorage under the lesson's slug).
//!
//! The text is a line per fact, so that it stays readable and a damaged
//! entry loses only itself:
//!
//! ```text
//! answer 0 0x1010
//! solved 1
//! code 1 fn main() {\n    let v = Vec::with_capacity(8);\n}
//! drill 0 1234 7 3 5 6 7 0x1248
//! ```
//!
//! Quizzes, exercises and drill blocks are numbered separately, in lesson
//! order, from 0. A drill block's line holds its set's seed, the number of
//! the drill on screen, the streak, the best streak, the drills answered
//! right and in all, and the answer given to the one on screen, if any.

/// What a learner did in one lesson. Each list is sorted by number, each
/// number once (a lesson has a handful: plain vectors keep the page's code
/// small where maps would each bring their own copy of a B-tree).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Quiz number → the answer given.
    answers: Vec<(usize, String)>,
    /// Exercises whose goals all held.
    solved: Vec<usize>,
    /// Exercise number → the code last typed.
    code: Vec<(usize, String)>,
    /// Drill block number → where the learner is in its drills.
    drills: Vec<(usize, Drills)>,
}

/// Where a learner is in a block of drills (see [`crate::drill`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drills {
    /// The set: drills are made from it and their number.
    pub seed: u64,
    /// The drill on screen.
    pub number: u32,
    /// Right answers in a row, up to the last one.
    pub streak: u32,
    /// The longest streak.
    pub best: u32,
    /// Drills answered right.
    pub right: u32,
    /// Drills answered.
    pub tried: u32,
    /// The answer given to the drill on screen, once given.
    pub answer: Option<String>,
}

impl Drills {
    /// A fresh start on the set `seed`.
    pub fn new(seed: u64) -> Drills {
        Drills {
            seed,
            ..Drills::default()
        }
    }

    /// The learner answered the drill on screen: the streak grows or ends.
    /// A drill counts once; a second answer to it changes nothing.
    pub fn answer(&mut self, answer: String, right: bool) {
        if self.answer.is_some() {
            return;
        }
        self.tried += 1;
        if right {
            self.right += 1;
            self.streak += 1;
            self.best = self.best.max(self.streak);
        } else {
            self.streak = 0;
        }
        self.answer = Some(answer);
    }

    /// On to the next drill of the set.
    pub fn next(&mut self) {
        self.number = self.number.saturating_add(1);
        self.answer = None;
    }

    /// Another set (a teacher's link): from its first drill; the streaks
    /// and counts go on.
    pub fn reseed(&mut self, seed: u64) {
        if seed != self.seed {
            self.seed = seed;
            self.number = 0;
            self.answer = None;
        }
    }

    fn to_line(&self) -> String {
        let mut line = format!(
            "{} {} {} {} {} {}",
            self.seed, self.number, self.streak, self.best, self.right, self.tried
        );
        if let Some(a) = &self.answer {
            line.push(' ');
            line.push_str(&escape(a));
        }
        line
    }

    fn from_line(text: &str) -> Option<Drills> {
        let mut parts = text.splitn(7, ' ');
        let mut number = || parts.next()?.parse::<u64>().ok();
        let seed = number()?;
        let small = |n: u64| u32::try_from(n).ok();
        let d = Drills {
            seed,
            number: small(number()?)?,
            streak: small(number()?)?,
            best: small(number()?)?,
            right: small(number()?)?,
            tried: small(number()?)?,
            answer: None,
        };
        Some(Drills {
            answer: parts.next().map(unescape),
            ..d
        })
    }
}

/// Sets `n`'s entry of a sorted list to `value`.
fn put(list: &mut Vec<(usize, String)>, n: usize, value: String) {
    match list.binary_search_by_key(&n, |(k, _)| *k) {
        Ok(i) => list[i].1 = value,
        Err(i) => list.insert(i, (n, value)),
    }
}

/// `n`'s entry of a sorted list.
fn get(list: &[(usize, String)], n: usize) -> Option<&String> {
    list.binary_search_by_key(&n, |(k, _)| *k)
        .ok()
        .map(|i| &list[i].1)
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "")
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

impl Progress {
    /// The answer given to quiz `n`.
    pub fn answer(&self, n: usize) -> Option<&String> {
        get(&self.answers, n)
    }

    /// Records the answer to quiz `n`.
    pub fn set_answer(&mut self, n: usize, answer: String) {
        put(&mut self.answers, n, answer);
    }

    /// Forgets the answer to quiz `n`: the learner tries it again.
    pub fn forget_answer(&mut self, n: usize) {
        self.answers.retain(|(k, _)| *k != n);
    }

    /// How many quizzes have an answer.
    pub fn answered(&self) -> usize {
        self.answers.len()
    }

    /// The code last typed into exercise `n`.
    pub fn code(&self, n: usize) -> Option<&String> {
        get(&self.code, n)
    }

    /// Records the code of exercise `n`.
    pub fn set_code(&mut self, n: usize, code: String) {
        put(&mut self.code, n, code);
    }

    /// Whether exercise `n` was solved.
    pub fn is_solved(&self, n: usize) -> bool {
        self.solved.binary_search(&n).is_ok()
    }

    /// Records that exercise `n` was solved.
    pub fn mark_solved(&mut self, n: usize) {
        if let Err(i) = self.solved.binary_search(&n) {
            self.solved.insert(i, n);
        }
    }

    /// How many exercises were solved.
    pub fn solved_count(&self) -> usize {
        self.solved.len()
    }

    /// Where the learner is in drill block `n`.
    pub fn drills(&self, n: usize) -> Option<&Drills> {
        self.drills
            .binary_search_by_key(&n, |(k, _)| *k)
            .ok()
            .map(|i| &self.drills[i].1)
    }

    /// Records where the learner is in drill block `n`.
    pub fn set_drills(&mut self, n: usize, drills: Drills) {
        match self.drills.binary_search_by_key(&n, |(k, _)| *k) {
            Ok(i) => self.drills[i].1 = drills,
            Err(i) => self.drills.insert(i, (n, drills)),
        }
    }

    /// The text to store.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (i, a) in &self.answers {
            out.push_str(&format!("answer {i} {}\n", escape(a)));
        }
        for i in &self.solved {
            out.push_str(&format!("solved {i}\n"));
        }
        for (i, c) in &self.code {
            out.push_str(&format!("code {i} {}\n", escape(c)));
        }
        for (i, d) in &self.drills {
            out.push_str(&format!("drill {i} {}\n", d.to_line()));
        }
        out
    }

    /// Reads stored text; lines it cannot read are skipped and counted.
    pub fn from_text(text: &str) -> (Progress, usize) {
        let mut p = Progress::default();
        let mut skipped = 0;
        for line in text.lines().filter(|l| !l.is_empty()) {
            let mut parts = line.splitn(3, ' ');
            let (kind, index, rest) = (parts.next(), parts.next(), parts.next());
            let Some(index) = index.and_then(|i| i.parse::<usize>().ok()) else {
                skipped += 1;
                continue;
            };
            match (kind, rest) {
                (Some("answer"), Some(a)) => p.set_answer(index, unescape(a)),
                (Some("solved"), None) => p.mark_solved(index),
                (Some("code"), Some(c)) => p.set_code(index, unescape(c)),
                (Some("drill"), Some(d)) => match Drills::from_line(d) {
                    Some(d) => p.set_drills(index, d),
                    None => skipped += 1,
                },
                _ => skipped += 1,
            }
        }
        (p, skipped)
    }

    /// Whether nothing was done yet.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
            && self.solved.is_empty()
            && self.code.is_empty()
            && self.drills.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn progress_reads_back_what_it_wrote() {
        let mut p = Progress::default();
        p.set_answer(0, "0x1010".into());
        p.mark_solved(1);
        p.set_code(1, "fn main() {\n    let s = \"a\\nb\";\n}".into());
        let text = p.to_text();
        assert_eq!(text.lines().count(), 3);
        assert_eq!(Progress::from_text(&text), (p, 0));
    }

    #[test]
    fn drills_keep_their_set_streak_and_answer() {
        let mut d = Drills::new(1234);
        d.answer("0x1248".into(), true);
        // A second answer to the same drill counts for nothing.
        d.answer("0x1300".into(), false);
        assert_eq!((d.streak, d.best, d.right, d.tried), (1, 1, 1, 1));
        d.next();
        d.answer("0x1010 (16 B), 0x1300 (96 B)".into(), true);
        d.next();
        d.answer("first fit".into(), false);
        assert_eq!(
            (d.number, d.streak, d.best, d.right, d.tried),
            (2, 0, 2, 2, 3)
        );
        let mut p = Progress::default();
        p.set_drills(0, d.clone());
        assert!(!p.is_empty());
        let (back, skipped) = Progress::from_text(&p.to_text());
        assert_eq!((back.drills(0), skipped), (Some(&d), 0));
        // A teacher's set starts from its first drill, the streaks kept.
        d.reseed(77);
        assert_eq!(
            (d.seed, d.number, d.answer.as_deref(), d.best),
            (77, 0, None, 2)
        );
        assert_eq!(Progress::from_text("drill 0 12 x\n").1, 1);
    }

    #[test]
    fn damaged_lines_are_skipped_and_counted() {
        let (p, skipped) = Progress::from_text("solved 2\nsolved x\nwhatever\nanswer 1\n");
        assert_eq!(p.solved, vec![2]);
        assert_eq!(skipped, 3);
    }

    proptest! {
        #[test]
        fn any_code_survives_the_round_trip(code in "\\PC{0,200}", answer in "[ -~]{0,20}") {
            let mut p = Progress::default();
            let code = code.replace('\r', "");
            p.set_code(3, code);
            p.set_answer(0, answer.replace(['\n', '\r'], ""));
            prop_assert_eq!(Progress::from_text(&p.to_text()), (p, 0));
        }
    }
}
