//! One lesson: its prose and live blocks in order, the learner's progress
//! kept in localStorage after every change, and a reset.

use lessons::progress::Progress;
use lessons::{Course, Lesson, Part};
use yew::prelude::*;

use super::compare_view::compare_view;
use super::drill::DrillView;
use super::exercise::ExerciseView;
use super::layout_view::{layout_view, LayoutViewProps};
use super::live_scenario::LiveScenario;
use super::prose::prose;
use super::quiz::QuizView;
use crate::lesson_state::{storage_key, LessonAction, LessonState};
use crate::route::Route;

/// The progress kept for a lesson, and how many damaged lines were skipped.
/// Progress kept under the lesson's slug with another number (the lesson
/// moved when others were added before it) is the lesson's too.
pub fn load(lesson: &Lesson) -> (Progress, usize) {
    let stored = crate::storage::load(&storage_key(&lesson.id())).or_else(|| {
        let moved = crate::storage::keys(&storage_key(""))
            .into_iter()
            .find(|key| same_slug(&key[storage_key("").len()..], lesson))?;
        crate::storage::load(&moved)
    });
    match stored {
        Some(text) => Progress::from_text(&text),
        None => (Progress::default(), 0),
    }
}

/// Whether `id` (`NN-slug`) names `lesson` under any number: links and
/// progress from before the lesson moved.
fn same_slug(id: &str, lesson: &Lesson) -> bool {
    id.split_once('-').is_some_and(|(number, slug)| {
        !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) && slug == lesson.slug
    })
}

/// The lesson `id`, or a note that there is none by that name (a plain
/// view: the app holds the course; each lesson's body keeps its state).
pub fn lesson_page(course: Option<&Course>, id: &str) -> Html {
    let Some(course) = course else {
        return super::loading();
    };
    // `03-box-and-vec?seed=1234`: the lesson, and the set of drills a
    // teacher's link names.
    let (id, query) = id.split_once('?').unwrap_or((id, ""));
    let seed = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("seed="))
        .map(|s| s.parse::<u64>().map_err(|_| s.to_string()));
    let position = course
        .iter()
        .position(|l| l.as_ref().is_ok_and(|l| l.id() == id))
        .or_else(|| {
            course
                .iter()
                .position(|l| l.as_ref().is_ok_and(|l| same_slug(id, l)))
        });
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
    let (url_seed, bad_seed) = match seed {
        Some(Ok(seed)) => (Some(seed), None),
        Some(Err(text)) => (None, Some(text)),
        None => (None, None),
    };
    html! {
        <>
        if let Some(text) = bad_seed {
            <p class="banner notice" role="status" id="bad-seed">
                { format!("The link's seed=“{text}” is not a whole number, so it names no set of drills: yours goes on.") }
            </p>
        }
        <LessonBody key={lesson.id()} lesson={lesson.clone()} neighbours={neighbours(course, index)} of={course.len()} url_seed={url_seed} />
        </>
    }
}

/// For each scenario block, in order: where a quiz below it that asks
/// about its program and is not yet answered holds it (the calls made
/// before the first call any such quiz asks about), and whether one of
/// them asks a metric, whose table then stays folded.
fn holds(lesson: &Lesson, progress: &Progress) -> Vec<(Option<usize>, bool)> {
    let mut out: Vec<(Option<usize>, bool)> = Vec::new();
    let mut qi = 0;
    for part in &lesson.parts {
        match part {
            Part::Scenario(_) => out.push((None, false)),
            Part::Quiz(q) => {
                let open = progress.answer(qi).is_none();
                qi += 1;
                let Some(above) = out.last_mut().filter(|_| open && !q.own_code) else {
                    continue;
                };
                match q.stop {
                    Some(stop) => above.0 = Some(above.0.map_or(stop, |h| h.min(stop))),
                    None => above.1 = true,
                }
            }
            _ => {}
        }
    }
    out
}

/// A quiz's own program as a scenario block: the code, and once answered
/// (or when the quiz asks about a call, held before it) the map and log;
/// the metrics once answered.
fn quiz_block(quiz: &lessons::blocks::Quiz, answered: bool) -> lessons::blocks::ScenarioBlock {
    let run = answered || quiz.stop.is_some();
    lessons::blocks::ScenarioBlock {
        line: quiz.line,
        code: quiz.code.clone(),
        strategies: vec![quiz.strategy],
        heap: quiz.heap,
        step: None,
        panes: lessons::blocks::Panes {
            code: true,
            map: run,
            log: run,
            metrics: answered,
            score: false,
        },
        settings: quiz.settings.clone(),
    }
}

/// Another lesson: its id and its title.
pub type Neighbour = Option<(String, String)>;

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

/// Props of [`LessonBody`].
#[derive(Properties, PartialEq, Debug)]
pub struct LessonBodyProps {
    /// The lesson.
    pub lesson: Lesson,
    /// The lessons before and after it: id and title.
    pub neighbours: (Neighbour, Neighbour),
    /// How many lessons the course has.
    pub of: usize,
    /// The set of drills the address names.
    pub url_seed: Option<u64>,
    /// A teacher's own lesson: the name of its file. Its progress is kept
    /// apart from the course's (`own/NN-slug`).
    #[prop_or_default]
    pub own: Option<String>,
}

/// A lesson's page: its parts in order, and the learner's progress in it.
#[function_component]
pub fn LessonBody(props: &LessonBodyProps) -> Html {
    let lesson = &props.lesson;
    let id = match &props.own {
        Some(_) => format!("own/{}", lesson.id()),
        None => lesson.id(),
    };
    let hash = match &props.own {
        Some(_) => Route::OwnLesson(String::new()).hash(),
        None => Route::Lesson(lesson.id()).hash(),
    };
    let loaded = use_memo(id.clone(), |id| match &props.own {
        Some(_) => crate::storage::load(&storage_key(id))
            .map_or((Progress::default(), 0), |text| Progress::from_text(&text)),
        None => load(lesson),
    });
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
    let (mut qi, mut ei, mut si, mut di, mut ci) = (0, 0, 0, 0, 0);
    let generation = state.generation;
    let held = holds(lesson, &state.progress);
    let parts = lesson.parts.iter().map(|part| match part {
        Part::Prose(text) => prose(text),
        Part::Layout(block) => layout_view(&LayoutViewProps { block: block.clone() }),
        Part::Compare(block) => {
            ci += 1;
            compare_view(block, &format!("c{}-", ci - 1))
        }
        Part::Scenario(block) => {
            si += 1;
            let (hold, hide_metrics) = held[si - 1];
            html! { <LiveScenario key={format!("{generation}-s{si}")} block={block.clone()} id_prefix={format!("s{}-", si - 1)}
                hold={hold} hide_metrics={hide_metrics} /> }
        }
        Part::Quiz(quiz) => {
            let n = qi;
            qi += 1;
            let answer = state.progress.answer(n).cloned();
            // A quiz's own program is shown above it, held as a scenario
            // above it is.
            let own = quiz.own_code.then(|| {
                let answered = answer.is_some();
                let block = quiz_block(quiz, answered);
                let hold = quiz.stop.filter(|_| !answered);
                html! { <LiveScenario key={format!("{generation}-q{n}-run")} block={block} id_prefix={format!("q{n}-s-")}
                    hold={hold} hide_metrics={!answered && quiz.stop.is_none()} output={answered} /> }
            });
            let (state, retry) = (state.clone(), state.clone());
            html! {
                <>
                { for own }
                <QuizView key={format!("{generation}-q{n}")} quiz={quiz.clone()} id_prefix={format!("q{n}-")}
                    answer={answer}
                    on_answer={Callback::from(move |a| state.dispatch(LessonAction::Answer(n, a)))}
                    on_retry={Callback::from(move |()| retry.dispatch(LessonAction::Retry(n)))} />
                </>
            }
        }
        Part::Drill(_) => {
            let n = di;
            di += 1;
            let state = state.clone();
            html! {
                <DrillView key={format!("{generation}-d{n}")} id_prefix={format!("d{n}-")}
                    saved={state.progress.drills(n).cloned()} url_seed={props.url_seed}
                    lesson_hash={hash.clone()}
                    on_change={Callback::from(move |d| state.dispatch(LessonAction::Drills(n, d)))} />
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
            <p class="crumbs"><a href={Route::Lessons.hash()}>{ "All lessons" }</a>{ match &props.own {
                Some(file) => format!(" · your own lesson, from {file}"),
                None => format!(" · lesson {} of {}", lesson.number, props.of),
            } }</p>
            <h1 id="lesson-title">{ match &props.own {
                Some(_) => lesson.title.clone(),
                None => format!("{}. {}", lesson.number, lesson.title),
            } }</h1>
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
