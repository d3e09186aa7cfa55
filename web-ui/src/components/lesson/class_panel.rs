//! Under the lessons index, for a class: a learner downloads their
//! progress in every lesson as one file to hand in (`lessons::class`), and
//! a teacher opens the files of a class and sees a table: per learner and
//! lesson, quizzes answered with the simulation's answer, exercises solved
//! and drills. Nothing leaves the browser; the files are read here.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use gloo::file::File;
use lessons::class::{self, Cell, Handed};
use lessons::{Course, Lesson};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Where the learner's name for their file is kept.
const NAME_KEY: &str = "allocscope.name";

/// Props of [`ClassPanel`].
#[derive(Properties, PartialEq, Debug)]
pub struct ClassPanelProps {
    /// The course.
    pub course: Rc<Course>,
}

/// A learner's file as opened: the file's name, and what it holds or why
/// it is not a progress file.
type Opened = (String, Result<Handed, String>);

/// Download, and the class table.
#[function_component]
pub fn ClassPanel(props: &ClassPanelProps) -> Html {
    let name = use_state(|| crate::storage::load(NAME_KEY).unwrap_or_default());
    let opened = use_state(Vec::<Opened>::new);
    // Readers in flight: dropping one cancels it.
    let reading = use_mut_ref(Vec::<FileReader>::new);
    let lessons: Vec<&Lesson> = props
        .course
        .iter()
        .filter_map(|l| l.as_ref().ok())
        .collect();
    let mine: Vec<(String, lessons::progress::Progress)> = lessons
        .iter()
        .map(|l| (l.id(), super::page::load(l).0))
        .collect();
    let file = class::write(Some(&name), &mine);
    let href = format!(
        "data:text/plain;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&file))
    );
    let file_name = {
        let who: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let who = who.trim_matches('-');
        if who.is_empty() {
            "allocscope-progress.txt".to_string()
        } else {
            format!("allocscope-progress-{who}.txt")
        }
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            crate::storage::save(NAME_KEY, &value);
            name.set(value);
        })
    };
    let on_files = {
        let (opened, reading) = (opened.clone(), reading.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(files) = input.files() else {
                return;
            };
            // Each file's text arrives on its own; the table fills in as
            // they do, in the order they were picked.
            let got: Rc<RefCell<Vec<Option<Opened>>>> =
                Rc::new(RefCell::new(vec![None; files.length() as usize]));
            reading.borrow_mut().clear();
            for i in 0..files.length() {
                let Some(file) = files.get(i).map(File::from) else {
                    continue;
                };
                let (got, opened, file_name) = (got.clone(), opened.clone(), file.name());
                let reader = gloo::file::callbacks::read_as_text(&file, move |text| {
                    let read = match text {
                        Ok(text) => class::read(&text)
                            .map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message)),
                        Err(e) => Err(format!("could not be read ({e})")),
                    };
                    got.borrow_mut()[i as usize] = Some((file_name.clone(), read));
                    opened.set(got.borrow().iter().flatten().cloned().collect());
                });
                reading.borrow_mut().push(reader);
            }
            input.set_value("");
        })
    };
    let rows = opened.iter().map(|(file, read)| match read {
        Ok(handed) => {
            let cells = class::row(&lessons, handed);
            let who = handed.name.clone().unwrap_or_else(|| file.clone());
            html! {
                <tr>
                    <th scope="row" title={file.clone()}>{ who }
                        if handed.skipped > 0 { <small>{ format!(" ({} damaged lines skipped)", handed.skipped) }</small> }
                    </th>
                    { for cells.iter().map(cell) }
                </tr>
            }
        }
        Err(e) => html! {
            <tr class="broken"><th scope="row">{ file.clone() }</th>
                <td colspan={lessons.len().to_string()} class="banner error">{ e.clone() }</td></tr>
        },
    });
    html! {
        <section class="class-panel" id="class" aria-label="For a class">
            <h2>{ "For a class" }</h2>
            <p>
                <label>{ "Your name, for your teacher: " }
                    <input id="learner-name" type="text" value={(*name).clone()} oninput={on_name} />
                </label>
                { " " }<a id="download-progress" class="button" href={href} download={file_name}>{ "Download my progress" }</a>
            </p>
            <p>
                <label>{ "Teachers: open the files your class handed in to see them side by side " }
                    <input id="class-files" type="file" multiple={true} accept=".txt,text/plain" onchange={on_files} />
                </label>
            </p>
            if !opened.is_empty() {
                <table class="class-table" id="class-table">
                    <caption>{ "Per lesson: quizzes answered as the simulation answers, of all its quizzes · exercises solved · drills right" }</caption>
                    <thead><tr><th scope="col">{ "Learner" }</th>
                        { for lessons.iter().map(|l| html! { <th scope="col" title={l.title.clone()}>{ l.number }</th> }) }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        </section>
    }
}

/// One lesson of one learner.
fn cell(c: &Cell) -> Html {
    let complete = c.right == c.quizzes && c.solved == c.exercises;
    let title = format!(
        "{} of {} quizzes answered, {} of them right; {} of {} exercises solved; {} of {} drills right, best streak {}",
        c.answered, c.quizzes, c.right, c.solved, c.exercises, c.drills.1, c.drills.0, c.best_streak
    );
    html! {
        <td class={classes!(complete.then_some("done"))} title={title}>
            { format!("{}/{} · {}/{}", c.right, c.quizzes, c.solved, c.exercises) }
            if c.drills.0 > 0 { <small>{ format!(" · {}/{} drills", c.drills.1, c.drills.0) }</small> }
        </td>
    }
}
