//! Every lesson, with what the learner has done in each.

use std::rc::Rc;

use lessons::Course;
use yew::prelude::*;

use super::class_panel::ClassPanel;

use crate::route::Route;

/// The course at a glance (a plain view: the app holds the course).
pub fn lesson_index(course: Option<&Rc<Course>>) -> Html {
    let Some(course) = course else {
        return super::loading();
    };
    html! {
        <main class="lessons-index">
            <h1>{ "Lessons" }</h1>
            <p class="tagline">{ "GlobalAlloc and Layout, taught live: every claim runs in the heap beside it, and the exercises check themselves. Your answers and code stay in this browser." }</p>
            <ol class="lesson-list">
                { for course.iter().map(|lesson| match lesson {
                    Ok(l) => {
                        let (progress, _) = super::page::load(l);
                        let (quizzes, exercises) = (l.quizzes().count(), l.exercises().count());
                        let solved = progress.solved_count();
                        let done = solved == exercises && progress.answered() == quizzes;
                        html! {
                            <li class={classes!(done.then_some("done"))}>
                                <a href={Route::Lesson(l.id()).hash()}>{ format!("{}. {}", l.number, l.title) }</a>
                                <span class="lesson-progress">
                                    { format!("{solved} of {exercises} exercises solved · {} of {quizzes} quizzes answered", progress.answered()) }
                                    { if done { " ✓" } else { "" } }
                                </span>
                            </li>
                        }
                    }
                    Err(e) => html! { <li class="broken"><span class="banner error">{ e.to_string() }</span></li> },
                }) }
            </ol>
            <p class="own-link">{ "Teachers: a lesson of your own, in the same format, opens here and is checked the same way. " }
                <a id="open-own-lesson" href={Route::OwnLesson(String::new()).hash()}>{ "Open your own lesson" }</a></p>
            <ClassPanel course={Rc::clone(course)} />
        </main>
    }
}
