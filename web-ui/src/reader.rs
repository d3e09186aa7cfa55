//! The door to the lesson reader: a teacher's file goes out, the lesson
//! (or every problem in it) comes back.
//!
//! Reading takes two workers (see `lessons::outline`): the reader (the
//! `reader` crate: pulldown-cmark), loaded from [`WORKER_URL`] the first
//! time a file is opened, reads the Markdown into an outline, so neither
//! the page's download nor the engine's carries a Markdown reader; the
//! engine, which holds the simulation, reads the outline's blocks and
//! checks every quiz and exercise (`engine::Work::Lesson`). One file is
//! read at a time: reading another forgets the one before (and cancels
//! its check). A worker that dies (a trap: a bug, but a file must never
//! take the page down) answers with a problem that says so, and the next
//! file gets a fresh worker.
//!
//! With the `inline-engine` feature (the browser tests, which serve no
//! worker) the file is read on the page's own thread, on the next turn of
//! the event loop.

use std::cell::RefCell;

use lessons::{Lesson, LessonError};
use yew::Callback;

/// The reader's loader, beside the page (trunk writes it: see `index.html`).
pub const WORKER_URL: &str = "reader_loader.js";

/// What reading a file gives: the lesson, or every problem found.
pub type Read = Result<Lesson, Vec<LessonError>>;

/// The file being read.
struct Asked {
    job: reader::Job,
    on_read: Callback<Read>,
    /// The engine's job checking its outline, once the reader gave one.
    checking: Option<u64>,
}

#[derive(Default)]
struct Door {
    asked: Option<Asked>,
    next_id: u64,
    #[cfg(not(feature = "inline-engine"))]
    worker: Option<worker::Running>,
}

thread_local! {
    static DOOR: RefCell<Door> = RefCell::new(Door::default());
}

/// Reads the file `name` with `text`; `on_read` hears the lesson or its
/// problems, unless another file is read first.
pub fn read(name: &str, text: &str, on_read: Callback<Read>) {
    let forgotten = DOOR.with(|door| {
        let mut door = door.borrow_mut();
        door.next_id += 1;
        let id = door.next_id;
        let before = door.asked.replace(Asked {
            job: reader::Job {
                id,
                name: name.to_string(),
                text: text.to_string(),
            },
            on_read,
            checking: None,
        });
        before.and_then(|a| a.checking)
    });
    if let Some(job) = forgotten {
        crate::engine::cancel(job);
    }
    start();
}

/// The reader's reply: its problems go to the file's callback, its
/// outline to the engine, when it is the file asked for.
fn deliver(reply: reader::Reply) {
    let current = DOOR.with(|door| {
        door.borrow()
            .asked
            .as_ref()
            .is_some_and(|a| a.job.id == reply.id && a.checking.is_none())
    });
    if !current {
        return;
    }
    match reply.read {
        Err(problems) => answer(None, Err(problems)),
        Ok(outline) => check(outline),
    }
}

/// Asks the engine to read the outline's blocks and check the lesson.
fn check(outline: lessons::outline::Outline) {
    let job = engine::Job {
        id: crate::state::next_id(),
        work: engine::Work::Lesson { outline },
        panes: Vec::new(),
    };
    let id = job.id;
    DOOR.with(|door| {
        if let Some(asked) = &mut door.borrow_mut().asked {
            asked.checking = Some(id);
        }
    });
    crate::engine::submit(
        &job,
        Callback::from(move |reply| match reply {
            engine::Reply::Lesson { read, .. } => answer(Some(id), read),
            engine::Reply::Failed { message, .. } => {
                let file =
                    DOOR.with(|door| door.borrow().asked.as_ref().map(|a| a.job.name.clone()));
                let problem = LessonError {
                    file: file.unwrap_or_default(),
                    line: 1,
                    column: 1,
                    message: format!("the lesson could not be checked: {message}"),
                };
                answer(Some(id), Err(vec![problem]));
            }
            _ => {}
        }),
    );
}

/// Hands `read` to the file's callback, when the file asked for is still
/// at the stage `checking` names (`None`: at the reader).
fn answer(checking: Option<u64>, read: Read) {
    let to = DOOR.with(|door| {
        let mut door = door.borrow_mut();
        let current = door.asked.as_ref().is_some_and(|a| a.checking == checking);
        current
            .then(|| door.asked.take())
            .flatten()
            .map(|a| a.on_read)
    });
    if let Some(on_read) = to {
        on_read.emit(read);
    }
}

/// The file being read could not be: say why, as its one problem.
#[cfg_attr(feature = "inline-engine", allow(dead_code))]
fn fail(why: &str) {
    let asked = DOOR.with(|door| {
        door.borrow()
            .asked
            .as_ref()
            .map(|a| (a.job.id, a.job.name.clone()))
    });
    if let Some((id, name)) = asked {
        deliver(reader::Reply {
            id,
            read: Err(vec![LessonError {
                file: name,
                line: 1,
                column: 1,
                message: format!(
                    "the lesson reader stopped ({why}): this is a bug in allocscope, not in your file; the page is fine, and opening the file again reads it afresh"
                ),
            }]),
        });
    }
}

#[cfg(not(feature = "inline-engine"))]
use worker::start;

#[cfg(not(feature = "inline-engine"))]
mod worker {
    use super::{deliver, fail, DOOR, WORKER_URL};

    pub use crate::worker::Running;

    /// Posts the file asked for, once the worker listens.
    fn post() {
        DOOR.with(|door| {
            let door = door.borrow();
            if let (Some(running), Some(asked)) = (&door.worker, &door.asked) {
                if running.ready {
                    running.post(&reader::encode(&asked.job));
                }
            }
        });
    }

    /// What the worker posted: the file read, or why it could not be.
    fn heard(bytes: Vec<u8>) {
        match reader::decode::<reader::Reply>(&bytes) {
            Ok(reply) if reply.id != reader::UNREAD => deliver(reply),
            Ok(_) => fail("it could not read the message the page sent"),
            Err(why) => fail(&why),
        }
    }

    /// The worker that reads the file asked for, started if there is none.
    pub fn start() {
        let started = DOOR.with(|door| {
            let mut door = door.borrow_mut();
            if door.worker.is_none() {
                door.worker = Some(Running::start(
                    "lesson reader",
                    WORKER_URL,
                    None,
                    reader::READY,
                    || {
                        DOOR.with(|door| {
                            if let Some(running) = &mut door.borrow_mut().worker {
                                running.ready = true;
                            }
                        });
                        post();
                    },
                    heard,
                    |why| {
                        fail(&why);
                        // A fresh worker for the next file.
                        let dead = DOOR.with(|door| door.borrow_mut().worker.take());
                        drop(dead);
                    },
                )?);
            }
            Ok::<(), wasm_bindgen::JsValue>(())
        });
        match started {
            Ok(()) => post(),
            Err(e) => {
                web_sys::console::error_2(
                    &"allocscope: the lesson reader would not start".into(),
                    &e,
                );
                fail("its worker would not start; is the page served over http?");
            }
        }
    }
}

#[cfg(feature = "inline-engine")]
fn start() {
    gloo::timers::callback::Timeout::new(0, || {
        let job = DOOR.with(|door| door.borrow().asked.as_ref().map(|a| a.job.clone()));
        if let Some(job) = job {
            deliver(reader::work(&job));
        }
    })
    .forget();
}
