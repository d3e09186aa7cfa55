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
//! ```
//!
//! Quizzes and exercises are numbered separately, in lesson order, from 0.

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
    /// The text to store.
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
                _ => skipped += 1,
            }
        }
        (p, skipped)
    }

    /// Whether nothing was done yet.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.solved.is_empty() && self.code.is_empty()
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
