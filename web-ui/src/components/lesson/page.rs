//! One lesson: its prose and live blocks in order, the learner's progress
//! kept in localStorage after every change, and a reset.

use lessons::progress::Progress;
use lessons::{Course, Lesson, Part};
use yew::prelude::*;

use super::exercise::ExerciseView;
use super::layout_view::{layout_view, LayoutViewProps};
use super::live_scenario::LiveScenario;
use super::prose::prose;
use super::quiz::QuizView;
use crate::lesson_state::{storage_key, LessonAction, LessonState};
use crate::route::Route;

/// The progress kept for a lesson, and how many damaged lines were skipped.
pub fn load(id: &str) -> (Progress, usize) {
    match crate::storage::load(&storage_key(id)) {
        Some(text) => Progress::from_text(&text),
        None => (Progress::default(), 0),
    }
}

/// The lesson `id`, or a note that there is none by that name (a plain
/// view: the app holds the course; each lesson's body keeps its state).
pub fn lesson_page(course: Option<&Course>, id: &str) -> Html {
    let Some(course) = course else {
        return super::loading();
    };
    let position = course
        .iter()
        .position(|l| l.as_ref().is_ok_and(|l| l.id() == id));
    let Some(index) = position else {
        let broken = course
            .iter()
            .filter_map(|l| l.as_ref().err())
            .find(|e| e.file.starts_with(id));
        return html! {
            <main class="lesson">
                <h1>{ "No such lesson" }</h1>
                if let Some(e) = broken { <p class="banner error">{ e.to_string() }</p> }
                else { <p>{ format!("There is no lesson called “{id}”.") }</p> }
                <p><a href={Route::Lessons.hash()}>{ "All lessons" }</a></p>
            </main>
        };
    };
    let Some(Ok(lesson)) = course.get(index) else {
        return html! {};
    };
    html! { <LessonBody key={lesson.id()} lesson={lesson.clone()} neighbours={neighbours(course, index)} of={course.len()} /> }
}

type Neighbour = Option<(String, String)>;

fn neighbours(
    course: &[Result<Lesson, lessons::LessonError>],
    index: usize,
) -> (Neighbour, Neighbour) {
    let at = |i: Option<usize>| {
        i.and_then(|i| course.get(i))
            .and_then(|l| l.as_ref().ok())
            .map(|l| (l.id(), format!("{}. {}", l.number, l.title)))
    };
    (at(index.checked_sub(1)), at(Some(index + 1)))
}

#[derive(Properties, PartialEq, Debug)]
struct LessonBodyProps {
    lesson: Lesson,
    neighbours: (Neighbour, Neighbour),
    /// How many lessons the course has.
    of: usize,
}

#[function_component]
fn LessonBody(props: &LessonBodyProps) -> Html {
    let lesson = &props.lesson;
    let id = lesson.id();
    let loaded = use_memo(id.clone(), |id| load(id));
    let state = use_reducer(|| LessonState {
        progress: loaded.0.clone(),
        generation: 0,
    });
    {
        let id = id.clone();
        use_effect_with(state.progress.clone(), move |progress| {
            crate::storage::save(&storage_key(&id), &progress.to_text());
        });
    }
    let quizzes = lesson.quizzes().count();
    let exercises = lesson.exercises().count();
    let (mut qi, mut ei, mut si) = (0, 0, 0);
    let generation = state.generation;
    let parts = lesson.parts.iter().map(|part| match part {
        Part::Prose(text) => prose(text),
        Part::Layout(block) => layout_view(&LayoutViewProps { block: block.clone() }),
        Part::Scenario(block) => {
            si += 1;
            html! { <LiveScenario key={format!("{generation}-s{si}")} block={block.clone()} id_prefix={format!("s{}-", si - 1)} /> }
        }
        Part::Quiz(quiz) => {
            let n = qi;
            qi += 1;
            let (state, retry) = (state.clone(), state.clone());
            html! {
                <QuizView key={format!("{generation}-q{n}")} quiz={quiz.clone()} id_prefix={format!("q{n}-")}
                    answer={state.progress.answer(n).cloned()}
                    on_answer={Callback::from(move |a| state.dispatch(LessonAction::Answer(n, a)))}
                    on_retry={Callback::from(move |()| retry.dispatch(LessonAction::Retry(n)))} />
            }
        }
        Part::Exercise(exercise) => {
            let n = ei;
            ei += 1;
            let (on_code, on_checked) = {
                let (a, b) = (state.clone(), state.clone());
                (
                    Callback::from(move |c| a.dispatch(LessonAction::Code(n, c))),
                    Callback::from(move |ok| b.dispatch(LessonAction::Checked(n, ok))),
                )
            };
            html! {
                <ExerciseView key={format!("{generation}-e{n}")} exercise={exercise.clone()} id_prefix={format!("e{n}-")}
                    saved={state.progress.code(n).cloned()} solved={state.progress.is_solved(n)}
                    on_code={on_code} on_checked={on_checked} />
            }
        }
    });
    let link = |n: &Neighbour, rel: &str, arrow: &str| match n {
        Some((id, title)) => {
            html! { <a rel={rel.to_string()} href={Route::Lesson(id.clone()).hash()}>{ format!("{arrow} {title}") }</a> }
        }
        None => html! { <span></span> },
    };
    let reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(LessonAction::Reset))
    };
    html! {
        <main class="lesson" aria-labelledby="lesson-title">
            <p class="crumbs"><a href={Route::Lessons.hash()}>{ "All lessons" }</a>{ format!(" · lesson {} of {}", lesson.number, props.of) }</p>
            <h1 id="lesson-title">{ format!("{}. {}", lesson.number, lesson.title) }</h1>
            <p class="progress" id="lesson-progress">
                { format!("Quizzes answered: {} of {quizzes} · exercises solved: {} of {exercises}", state.progress.answered(), state.progress.solved_count()) }
                { " " }<button id="reset-lesson" onclick={reset} disabled={state.progress.is_empty()}>{ "Reset this lesson" }</button>
            </p>
            if loaded.1 > 0 {
                <p class="banner notice" role="status">{ format!("{} damaged line(s) of your saved progress could not be read and were skipped.", loaded.1) }</p>
            }
            { for parts }
            <nav class="lesson-nav" aria-label="Other lessons">
                { link(&props.neighbours.0, "prev", "←") }
                { link(&props.neighbours.1, "next", "→") }
            </nav>
        </main>
    }
}
