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

use std::collections::{BTreeMap, BTreeSet};

/// What a learner did in one lesson.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Quiz number → the answer given.
    pub answers: BTreeMap<usize, String>,
    /// Exercises whose goals all held.
    pub solved: BTreeSet<usize>,
    /// Exercise number → the code last typed.
    pub code: BTreeMap<usize, String>,
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
                (Some("answer"), Some(a)) => {
                    p.answers.insert(index, unescape(a));
                }
                (Some("solved"), None) => {
                    p.solved.insert(index);
                }
                (Some("code"), Some(c)) => {
                    p.code.insert(index, unescape(c));
                }
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
        p.answers.insert(0, "0x1010".into());
        p.solved.insert(1);
        p.code
            .insert(1, "fn main() {\n    let s = \"a\\nb\";\n}".into());
        let text = p.to_text();
        assert_eq!(text.lines().count(), 3);
        assert_eq!(Progress::from_text(&text), (p, 0));
    }

    #[test]
    fn damaged_lines_are_skipped_and_counted() {
        let (p, skipped) = Progress::from_text("solved 2\nsolved x\nwhatever\nanswer 1\n");
        assert_eq!(p.solved.iter().copied().collect::<Vec<_>>(), vec![2]);
        assert_eq!(skipped, 3);
    }

    proptest! {
        #[test]
        fn any_code_survives_the_round_trip(code in "\\PC{0,200}", answer in "[ -~]{0,20}") {
            let mut p = Progress::default();
            let code = code.replace('\r', "");
            p.code.insert(3, code);
            p.answers.insert(0, answer.replace(['\n', '\r'], ""));
            prop_assert_eq!(Progress::from_text(&p.to_text()), (p, 0));
        }
    }
}
