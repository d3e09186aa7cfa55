//! The lesson pages: the index, a lesson, and the live blocks inside one.

pub mod exercise;
pub mod index;
pub mod layout_view;
pub mod live_scenario;
pub mod page;
pub mod prose;
pub mod quiz;

use std::rc::Rc;

use lessons::{Lesson, LessonError};

thread_local! {
    /// Every lesson, read once from the files embedded at build time.
    static COURSE: Rc<Vec<Result<Lesson, LessonError>>> = Rc::new(lessons::all());
}

/// Every lesson (or the error of a file that does not read), in order.
pub fn course() -> Rc<Vec<Result<Lesson, LessonError>>> {
    COURSE.with(Rc::clone)
}
