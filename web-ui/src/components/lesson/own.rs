//! A teacher's own lesson: a file in the course's format, dropped on the
//! page, picked, or named by a URL on the same site
//! (`#own-lesson?url=lessons/mine.md`, a link a teacher hands a class).
//! The lesson reader (a worker of its own, see [`crate::reader`]) reads it
//! and checks it by the rules the course's lessons meet; a file that
//! passes is shown as any lesson is, its progress kept in this browser
//! under its own name, and one that does not shows every problem at its
//! line and column. The last file opened is kept, so a reload brings it
//! back.

use gloo::file::callbacks::FileReader;
use gloo::file::File;
use lessons::LessonError;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::page::LessonBody;
use crate::reader::Read;
use crate::route::Route;

/// Where the last file opened is kept: its name, a newline, its text.
pub const KEY: &str = "allocscope.own-lesson";

/// Props of [`OwnLesson`].
#[derive(Properties, PartialEq, Debug)]
pub struct OwnLessonProps {
    /// What follows `#own-lesson` in the address: empty, or `?url=…`.
    pub query: String,
}

/// Where the file is on its way.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    /// No file yet.
    Empty,
    /// Fetching the URL.
    Fetching(String),
    /// The reader has the file.
    Reading(String),
    /// Read: the file's name and what it gave.
    Read(String, Read),
    /// The file could not be had at all.
    Failed(String),
}

/// The URL a query names, refused unless it is on this site.
pub fn url_of(query: &str) -> Option<Result<String, String>> {
    let raw = query
        .strip_prefix('?')?
        .split('&')
        .find_map(|kv| kv.strip_prefix("url="))?;
    let url = js_sys::decode_uri_component(raw)
        .ok()
        .and_then(|u| u.as_string())
        .unwrap_or_else(|| raw.to_string());
    Some(if url.trim().is_empty() {
        Err("the link's url= is empty: it names the lesson file's path on this site, like ?url=lessons/mine.md".into())
    } else if url.contains("://") || url.starts_with("//") || url.contains('\\') {
        Err(format!(
            "“{url}” is on another site: only a lesson file served beside this page opens by its address (give its path, like ?url=lessons/mine.md), but any file can be opened or dropped here"
        ))
    } else {
        Ok(url)
    })
}

/// The last part of a path: the file's name.
fn file_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/').next().unwrap_or(path).to_string()
}

/// A lesson of the teacher's own, and how to open one.
#[function_component]
pub fn OwnLesson(props: &OwnLessonProps) -> Html {
    let status = use_state(|| Status::Empty);
    let reading = use_mut_ref(|| None::<FileReader>);
    let dragging = use_state(|| false);
    // Reads a file's text (and keeps it, so a reload opens it again).
    let open = {
        let status = status.clone();
        Callback::from(move |(name, text): (String, String)| {
            crate::storage::save(KEY, &format!("{name}\n{text}"));
            status.set(Status::Reading(name.clone()));
            let status = status.clone();
            crate::reader::read(
                &name.clone(),
                &text,
                Callback::from(move |read| status.set(Status::Read(name.clone(), read))),
            );
        })
    };
    {
        let (status, open) = (status.clone(), open.clone());
        use_effect_with(props.query.clone(), move |query| match url_of(query) {
            Some(Ok(url)) => {
                status.set(Status::Fetching(url.clone()));
                wasm_bindgen_futures::spawn_local(async move {
                    match crate::fetch::fetch_text(&url).await {
                            Ok(text) => open.emit((file_name(&url), text)),
                            Err(e) => status.set(Status::Failed(format!(
                                "The lesson file “{url}” could not be fetched ({e}). Is it served beside this page?"
                            ))),
                        }
                });
            }
            Some(Err(why)) => status.set(Status::Failed(why)),
            None => {
                if let Some((name, text)) = crate::storage::load(KEY)
                    .as_deref()
                    .and_then(|kept| kept.split_once('\n'))
                {
                    open.emit((name.to_string(), text.to_string()));
                }
            }
        });
    }
    // A file picked or dropped: read its text, then the lesson.
    let take = {
        let (open, reading, status) = (open.clone(), reading.clone(), status.clone());
        move |file: File| {
            let name = file.name();
            let (open, status) = (open.clone(), status.clone());
            *reading.borrow_mut() =
                Some(gloo::file::callbacks::read_as_text(
                    &file,
                    move |text| match text {
                        Ok(text) => open.emit((name.clone(), text)),
                        Err(e) => status.set(Status::Failed(format!(
                            "“{name}” could not be read as text ({e})."
                        ))),
                    },
                ));
            // An address that named a URL now names the file opened here.
            if url_of(&current_query()).is_some() {
                set_hash(&Route::OwnLesson(String::new()).hash());
            }
        }
    };
    let on_pick = {
        let take = take.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                take(File::from(file));
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let (take, dragging) = (take.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                take(File::from(file));
            }
        })
    };
    let on_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_example = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.emit(("your-own-lesson.md".into(), lessons::EXAMPLE.into()));
        })
    };
    let example_href = format!(
        "data:text/markdown;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(lessons::EXAMPLE))
    );
    let (state, body) = match &*status {
        Status::Empty => (html! {}, html! {}),
        Status::Fetching(url) => (
            html! { <p class="loading" id="own-status" aria-busy="true">{ format!("Fetching {url}…") }</p> },
            html! {},
        ),
        Status::Reading(name) => (
            html! {
                <p class="loading" id="own-status" aria-busy="true">{ format!("Reading and checking “{name}”: every scenario, quiz and exercise is run…") }</p>
            },
            html! {},
        ),
        Status::Failed(why) => (
            html! { <p class="banner error" role="alert" id="own-status">{ why.clone() }</p> },
            html! {},
        ),
        Status::Read(name, Err(problems)) => (problems_view(name, problems), html! {}),
        Status::Read(name, Ok(lesson)) => (
            html! {
                <p class="banner ok" role="status" id="own-status">
                    { format!("“{name}” passes every check the course's lessons pass: {} scenario(s) run, {} quiz(zes) each with one right answer, {} exercise(s) whose start misses and whose solution meets its goals.",
                        lesson.scenarios().count(), lesson.quizzes().count(), lesson.exercises().count()) }
                </p>
            },
            html! {
                <LessonBody key={format!("own-{}", lesson.id())} lesson={lesson.clone()} neighbours={(None, None)} of={0}
                    url_seed={None} own={Some(name.clone())} />
            },
        ),
    };
    html! {
        <>
        <section class="lesson own-opener" aria-labelledby="own-title">
            // A lesson shown below has the way back in its own crumbs.
            if !matches!(&*status, Status::Read(_, Ok(_))) {
                <p class="crumbs"><a href={Route::Lessons.hash()}>{ "All lessons" }</a></p>
            }
            // One h1 on a page: the lesson's, once one is shown.
            if matches!(&*status, Status::Read(_, Ok(_))) {
                <h2 id="own-title">{ "A lesson of your own" }</h2>
            } else {
                <h1 id="own-title">{ "A lesson of your own" }</h1>
            }
            <p>{ "Write a lesson in the course's format — Markdown with scenario, quiz and exercise blocks — and open it here. It is checked as the course's lessons are: every scenario runs, every quiz has exactly one right answer by the simulation, every exercise's start misses its goals and its solution meets them. Nothing leaves this browser." }</p>
            <div class={classes!("drop-zone", dragging.then_some("dragging"))} id="own-drop"
                ondragover={on_over} ondragleave={on_leave} ondrop={on_drop}>
                <label>{ "Drop a lesson file here, or pick one: " }
                    <input id="own-lesson-file" type="file" accept=".md,.markdown,text/markdown,text/plain" onchange={on_pick} />
                </label>
                { " " }<button id="own-example" onclick={on_example}>{ "Open the example" }</button>
                { " " }<a id="own-example-download" href={example_href} download="your-own-lesson.md">{ "Download the example to start from" }</a>
            </div>
            <p class="hint">{ "To hand it to a class, serve the file beside this page and share its address, as this example is: " }
                <a id="own-example-link" href={Route::OwnLesson("?url=your-own-lesson.md".into()).hash()}><code>{ "#own-lesson?url=your-own-lesson.md" }</code></a></p>
            { state }
        </section>
        { body }
        </>
    }
}

/// Every problem of a file that did not pass, at its line and column.
fn problems_view(name: &str, problems: &[LessonError]) -> Html {
    html! {
        <section class="banner error" role="alert" id="own-status">
            <p>{ format!("“{name}” does not pass yet: {} problem(s), each at its line and column.", problems.len()) }</p>
            <ul id="own-problems">
                { for problems.iter().map(|p| html! { <li><code>{ format!("{}:{}:{}", p.file, p.line, p.column) }</code>{ format!(" {}", p.message) }</li> }) }
            </ul>
        </section>
    }
}

fn current_query() -> String {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    match Route::from_hash(&hash) {
        Route::OwnLesson(query) => query,
        _ => String::new(),
    }
}

fn set_hash(hash: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(hash);
    }
}
