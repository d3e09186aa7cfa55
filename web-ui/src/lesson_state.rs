//! A lesson page's state: the learner's progress (quiz answers, exercises
//! solved, code typed), changed only through [`LessonAction`]s. The page
//! stores it in localStorage after every change; see [`storage_key`].

use std::rc::Rc;

use lessons::progress::Progress;
use yew::Reducible;

/// Where a lesson's progress is kept in localStorage.
pub fn storage_key(lesson_id: &str) -> String {
    format!("allocscope.lesson.{lesson_id}")
}

/// One lesson's progress.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LessonState {
    /// What the learner did.
    pub progress: Progress,
    /// How many times the lesson was reset: widgets are keyed by it, so a
    /// reset starts them afresh.
    pub generation: u32,
}

/// What the learner can do on a lesson page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LessonAction {
    /// Answered quiz `n`.
    Answer(usize, String),
    /// Asked to try quiz `n` again: its answer is forgotten.
    Retry(usize),
    /// Typed into exercise `n`.
    Code(usize, String),
    /// Pressed Check on exercise `n`; `true` if every goal held.
    Checked(usize, bool),
    /// Moved in drill block `n`: answered its drill, or went on.
    Drills(usize, lessons::progress::Drills),
    /// Start the lesson over.
    Reset,
}

impl Reducible for LessonState {
    type Action = LessonAction;

    fn reduce(self: Rc<Self>, action: LessonAction) -> Rc<Self> {
        let mut next = (*self).clone();
        let p = &mut next.progress;
        match action {
            LessonAction::Answer(n, a) if p.answer(n) == Some(&a) => return self,
            LessonAction::Answer(n, a) => {
                p.set_answer(n, a);
            }
            LessonAction::Retry(n) if p.answer(n).is_none() => return self,
            LessonAction::Retry(n) => {
                p.forget_answer(n);
            }
            LessonAction::Code(n, c) if p.code(n) == Some(&c) => return self,
            LessonAction::Code(n, c) => {
                p.set_code(n, c);
            }
            // Once solved, an exercise stays solved: later experiments in
            // the same box do not take the tick away.
            LessonAction::Checked(n, true) if !p.is_solved(n) => {
                p.mark_solved(n);
            }
            LessonAction::Checked(..) => return self,
            LessonAction::Drills(n, d) if p.drills(n) == Some(&d) => return self,
            LessonAction::Drills(n, d) => {
                p.set_drills(n, d);
            }
            LessonAction::Reset if p.is_empty() => return self,
            LessonAction::Reset => {
                next.progress = Progress::default();
                next.generation += 1;
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_changes_only_what_it_names() {
        let s = Rc::new(LessonState::default());
        let s = s.reduce(LessonAction::Answer(0, "0x1010".into()));
        let s = s.reduce(LessonAction::Code(1, "fn main() {}".into()));
        let s = s.reduce(LessonAction::Checked(1, false));
        assert_eq!(s.progress.solved_count(), 0);
        let s = s.reduce(LessonAction::Checked(1, true));
        assert!(s.progress.is_solved(1));
        // Still solved after a failing check of a later edit.
        let same = s.clone().reduce(LessonAction::Checked(1, false));
        assert!(Rc::ptr_eq(&s, &same));
        assert_eq!(s.progress.answer(0).map(String::as_str), Some("0x1010"));
        // Trying a quiz again forgets its answer and nothing else.
        let again = s.clone().reduce(LessonAction::Retry(0));
        assert_eq!(again.progress.answer(0), None);
        assert_eq!(again.progress.answered(), 0);
        assert!(again.progress.is_solved(1));
        assert!(Rc::ptr_eq(
            &again,
            &again.clone().reduce(LessonAction::Retry(0))
        ));
        // A drill answered is kept, and kept once.
        let mut d = lessons::progress::Drills::new(7);
        d.answer("first fit".into(), true);
        let s = s.reduce(LessonAction::Drills(0, d.clone()));
        assert_eq!(s.progress.drills(0), Some(&d));
        assert!(Rc::ptr_eq(
            &s,
            &s.clone().reduce(LessonAction::Drills(0, d))
        ));
        let fresh = s.reduce(LessonAction::Reset);
        assert!(fresh.progress.is_empty());
        assert_eq!(fresh.generation, 1);
        assert!(Rc::ptr_eq(
            &fresh,
            &fresh.clone().reduce(LessonAction::Reset)
        ));
    }

    #[test]
    fn keys_are_per_lesson() {
        assert_eq!(
            storage_key("03-box-and-vec"),
            "allocscope.lesson.03-box-and-vec"
        );
    }
}
