//! The lesson pages: the index, a lesson, and the live blocks inside one.

pub mod class_panel;
pub mod compare_view;
pub mod drill;
pub mod exercise;
pub mod index;
pub mod layout_view;
pub mod live_scenario;
pub mod own;
pub mod page;
pub mod prose;
pub mod quiz;

use std::cell::RefCell;
use std::rc::Rc;

use lessons::{Course, LessonError};
use yew::prelude::*;

thread_local! {
    /// The course, once `course.bin` has been read (a failed fetch is not
    /// kept, so the next lesson page tries again).
    static COURSE: RefCell<Option<Rc<Course>>> = const { RefCell::new(None) };
}

/// The course the build wrote beside the page (`course.bin`), fetched the
/// first time it is `wanted` (a lesson page opens): `None` while it is on
/// its way. Every lesson (or the error of a file that does not read), in
/// order.
#[hook]
pub fn use_course(wanted: bool) -> Option<Rc<Course>> {
    let course = use_state(|| COURSE.with(|c| c.borrow().clone()));
    {
        let course = course.clone();
        use_effect_with(wanted, move |&wanted| {
            if wanted && course.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    let read = match crate::fetch::fetch_bytes("course.bin").await {
                        Ok(bytes) => {
                            let read = Rc::new(lessons::from_bytes(&bytes));
                            COURSE.with(|c| *c.borrow_mut() = Some(Rc::clone(&read)));
                            read
                        }
                        Err(e) => Rc::new(vec![Err(LessonError {
                            file: "course.bin".into(),
                            line: 1,
                            column: 1,
                            message: format!("the lessons could not be loaded ({e}); reload the page to try again"),
                        })]),
                    };
                    course.set(Some(read));
                });
            }
        });
    }
    (*course).clone()
}

/// Gives the lesson pages a course already read (the tests' embedded one,
/// or a page that has the JSON at hand): nothing is fetched after this.
pub fn provide_course(course: Course) {
    COURSE.with(|c| *c.borrow_mut() = Some(Rc::new(course)));
}

/// What a lesson page shows while the course is on its way.
pub fn loading() -> Html {
    html! { <main class="lesson"><p class="loading">{ "Loading the lessons…" }</p></main> }
}
