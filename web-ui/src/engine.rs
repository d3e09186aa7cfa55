//! The door to the engine: jobs go out, replies come back as callbacks.
//!
//! The engine (the `engine` crate: the interpreter and the strategies) runs
//! in a Web Worker, loaded from [`WORKER_URL`] beside the page (started by
//! `index.html` as the page loads, or when the first job is asked for).
//! The page's first job may be answered without it, by the reply made for
//! it when the site was built ([`crate::first_run`]): it is held until
//! that file has come, and goes to the engine, after any job asked for
//! meanwhile, if the file does not answer it. The worker works one job at
//! a time, in the order asked; the door keeps every job it has not
//! finished, so that:
//!
//! - **cancelling** the job being worked ends the worker (a run cannot be
//!   interrupted otherwise) and starts a fresh one for the jobs after it;
//!   cancelling a job still queued only forgets it;
//! - **a worker that dies** (a trap in its wasm: a bug, but a program must
//!   never take the page down with it) fails the job it was working with
//!   a message, and the jobs after it go to a fresh worker.
//!
//! Each side of the page's work is a task of its own, so that a large job
//! or reply (a million-op trace is 11 MB one way, a grown heap megabytes
//! the other) never holds the page's thread for as long as both together:
//! a job is posted in the task after the one that asked for it, and a
//! reply is copied in, read and handed over (where the page draws it) in
//! three tasks one after the other.
//!
//! With the `inline-engine` feature (the browser tests, which serve no
//! worker) the same jobs are worked on the page's own thread, one per
//! turn of the event loop, with the same replies in the same order.

use std::cell::RefCell;
use std::rc::Rc;

use engine::{Job, Reply};
use yew::Callback;

/// The engine's loader, beside the page (trunk writes it: see `index.html`),
/// or under an embedded player's folder ([`crate::assets`]).
pub const WORKER_URL: &str = "engine_loader.js";

/// A job asked for and not yet answered.
struct Waiting {
    id: u64,
    bytes: Vec<u8>,
    on_reply: Callback<Reply>,
    /// Posted to the worker working now.
    #[cfg_attr(feature = "inline-engine", allow(dead_code))]
    posted: bool,
}

/// Work to do once, whichever of its moments comes first.
type Once = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

/// Does `once`'s work if nothing has yet.
fn fire(once: &Once) {
    let work = once.borrow_mut().take();
    if let Some(work) = work {
        work();
    }
}

/// The jobs not yet answered, in the order asked, and the worker.
#[derive(Default)]
struct Door {
    /// Jobs for the engine; the first is the one being worked.
    waiting: Vec<Waiting>,
    /// The page's first job, held while the page's first run made when the
    /// site was built comes ([`crate::first_run`]): answered from it, or
    /// sent on to the engine.
    held: Vec<Waiting>,
    /// Work waiting for no job to be waiting (see [`after_runs_shown`]).
    on_idle: Vec<Once>,
    #[cfg(not(feature = "inline-engine"))]
    worker: Option<worker::Running>,
}

thread_local! {
    static DOOR: RefCell<Door> = RefCell::new(Door::default());
}

/// Asks the engine for `job`; `on_reply` hears each of its replies (any
/// progress, then one answer). The page's first job may be answered by the
/// run made for it when the site was built ([`crate::first_run`]): it is
/// held until that has come, at most [`crate::first_run::WAIT_AT_MOST_MS`].
pub fn submit(job: &Job, on_reply: Callback<Reply>) {
    let waiting = Waiting {
        id: job.id,
        bytes: engine::encode(job),
        on_reply,
        posted: false,
    };
    let Some(fetching) = crate::first_run::take() else {
        DOOR.with(|door| door.borrow_mut().waiting.push(waiting));
        gloo::timers::callback::Timeout::new(0, start).forget();
        return;
    };
    DOOR.with(|door| door.borrow_mut().held.push(waiting));
    // Whichever comes first, the file or the time, settles the job.
    let settled = Rc::new(std::cell::Cell::new(false));
    let late = settled.clone();
    let id = job.id;
    gloo::timers::callback::Timeout::new(crate::first_run::WAIT_AT_MOST_MS, move || {
        if !late.replace(true) {
            to_engine(id);
        }
    })
    .forget();
    let job = job.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = fetching
            .await
            .and_then(|bytes| crate::first_run::answer(&bytes, &job));
        if settled.replace(true) {
            return;
        }
        match answer {
            Some(reply) => deliver(reply),
            None => to_engine(job.id),
        }
    });
}

/// A held job the file did not answer goes to the engine, if it is still
/// asked for.
fn to_engine(id: u64) {
    let moved = DOOR.with(|door| {
        let mut door = door.borrow_mut();
        let at = door.held.iter().position(|w| w.id == id)?;
        let job = door.held.remove(at);
        door.waiting.push(job);
        Some(())
    });
    if moved.is_some() {
        start();
    }
}

/// Does `then` once no job is waiting, that is once every run asked for
/// so far has been answered and handed over (looked at in the task after
/// this one, so that the jobs this render asks for count), or after
/// `at_most` ms, whichever comes first. For work that would hold up the
/// page's first runs on its thread: the code editor's bundle takes a
/// quarter of a second to start, while the page's own textarea stands in.
pub fn after_runs_shown(at_most: u32, then: impl FnOnce() + 'static) {
    let once: Once = Rc::new(RefCell::new(Some(Box::new(then))));
    let late = once.clone();
    gloo::timers::callback::Timeout::new(at_most, move || fire(&late)).forget();
    gloo::timers::callback::Timeout::new(0, move || {
        let idle = DOOR.with(|door| {
            let mut door = door.borrow_mut();
            let idle = door.waiting.is_empty() && door.held.is_empty();
            if !idle {
                door.on_idle.push(once.clone());
            }
            idle
        });
        if idle {
            fire(&once);
        }
    })
    .forget();
}

/// Forgets job `id`: no reply of it will be heard.
pub fn cancel(id: u64) {
    let working = DOOR.with(|door| {
        let mut door = door.borrow_mut();
        door.held.retain(|w| w.id != id);
        let at = door.waiting.iter().position(|w| w.id == id)?;
        door.waiting.remove(at);
        Some(at == 0)
    });
    if working == Some(true) {
        restart();
    }
}

/// Hands `reply` to its job's callback, outside the door's borrow (the
/// callback may ask for another job).
fn deliver(reply: Reply) {
    let last = !matches!(reply, Reply::Progress { .. } | Reply::ScoreRow { .. });
    let to = DOOR.with(|door| {
        let mut door = door.borrow_mut();
        let door = &mut *door;
        let of = |w: &Waiting| w.id == reply.id();
        let list = if door.held.iter().any(of) {
            &mut door.held
        } else {
            &mut door.waiting
        };
        let at = list.iter().position(of)?;
        let callback = list[at].on_reply.clone();
        if last {
            list.remove(at);
        }
        Some(callback)
    });
    if let Some(callback) = to {
        callback.emit(reply);
    }
    let idle = DOOR.with(|door| {
        let mut door = door.borrow_mut();
        if door.waiting.is_empty() && door.held.is_empty() {
            std::mem::take(&mut door.on_idle)
        } else {
            Vec::new()
        }
    });
    if !idle.is_empty() {
        // In a task of its own, after the one that handed the answer over.
        gloo::timers::callback::Timeout::new(0, move || idle.iter().for_each(fire)).forget();
    }
}

#[cfg(not(feature = "inline-engine"))]
use worker::{restart, start};

#[cfg(not(feature = "inline-engine"))]
mod worker {
    use gloo::timers::callback::Timeout;

    use super::{deliver, Reply, DOOR, WORKER_URL};

    pub use crate::worker::Running;

    /// Where `index.html` leaves the engine's worker it starts before the
    /// page's wasm has loaded (see [`crate::worker`]): the first job goes
    /// to it.
    const EARLY_WORKER: &str = "allocscopeEarlyEngine";

    /// The job being worked failed without an answer: tell it so.
    fn fail_current(why: &str) {
        let id = DOOR.with(|door| door.borrow().waiting.first().map(|w| w.id));
        if let Some(id) = id {
            deliver(Reply::Failed {
                id,
                message: format!(
                    "The engine stopped while running this ({why}). This is a bug in allocscope, not in your \
                     program; the page is fine, and changing the code runs it again."
                ),
            });
        }
    }

    /// What the worker posted: a reply, or the failure of a job it could
    /// not read (the one it was given). Copied into the page in the task
    /// that heard it, it is read in the next and acted on in the one
    /// after; replies keep the order they came in.
    fn heard(bytes: Vec<u8>) {
        Timeout::new(0, move || {
            let reply = engine::decode::<engine::Reply>(&bytes);
            drop(bytes);
            Timeout::new(0, move || act_on(reply)).forget();
        })
        .forget();
    }

    /// The worker died: the job it was working fails and a fresh worker
    /// takes the rest. Acted on as late as a reply heard just before it
    /// (two tasks on), so that a reply on its way is handed over first
    /// and the failure goes to the job that was being worked.
    fn died(why: String) {
        Timeout::new(0, move || {
            Timeout::new(0, move || {
                fail_current(&why);
                restart();
            })
            .forget();
        })
        .forget();
    }

    /// A reply read, or why it did not read, acted on.
    fn act_on(reply: Result<Reply, String>) {
        match reply {
            Ok(Reply::Failed {
                id: engine::UNREAD,
                message,
            }) => fail_current(&message),
            Ok(reply) => deliver(reply),
            Err(why) => {
                fail_current(&why);
                restart();
            }
        }
    }

    /// A worker for the jobs waiting, if there is none yet; once it
    /// listens, every job waiting it has not been given.
    pub fn start() {
        let posted = DOOR.with(|door| {
            let mut door = door.borrow_mut();
            let door = &mut *door;
            if door.worker.is_none() {
                door.worker = Some(Running::start(
                    "engine",
                    &crate::assets::url(WORKER_URL),
                    Some(EARLY_WORKER),
                    engine::READY,
                    ready,
                    heard,
                    died,
                )?);
            }
            // Before it is ready (a worker adopted from the page's HTML may
            // be already), every job waiting goes when it is.
            if let Some(running) = door.worker.as_ref().filter(|r| r.ready) {
                post_unposted(running, &mut door.waiting);
            }
            Ok::<(), wasm_bindgen::JsValue>(())
        });
        if let Err(e) = posted {
            web_sys::console::error_2(&"allocscope: the engine would not start".into(), &e);
            fail_current("its worker would not start; is the page served over http?");
        }
    }

    /// The worker listens: every job waiting goes to it, in order.
    fn ready() {
        DOOR.with(|door| {
            let mut door = door.borrow_mut();
            let door = &mut *door;
            if let Some(running) = &mut door.worker {
                running.ready = true;
                post_unposted(running, &mut door.waiting);
            }
        });
    }

    /// Posts to `running`, in order, each job waiting it does not have.
    fn post_unposted(running: &Running, waiting: &mut [super::Waiting]) {
        for job in waiting.iter_mut().filter(|w| !w.posted) {
            running.post(&job.bytes);
            job.posted = true;
        }
    }

    /// Ends the worker (whatever it is doing) and starts a fresh one for
    /// the jobs still waiting.
    pub fn restart() {
        let dead = DOOR.with(|door| {
            let mut door = door.borrow_mut();
            for job in &mut door.waiting {
                job.posted = false;
            }
            door.worker.take()
        });
        drop(dead);
        let more = DOOR.with(|door| !door.borrow().waiting.is_empty());
        if more {
            start();
        }
    }
}

#[cfg(feature = "inline-engine")]
use inline::{restart, start};

#[cfg(feature = "inline-engine")]
mod inline {
    use gloo::timers::callback::Timeout;

    use super::{deliver, DOOR};

    /// Works the first job waiting on the next turn of the event loop.
    pub fn start() {
        Timeout::new(0, || {
            let next = DOOR.with(|door| {
                let door = door.borrow();
                let first = door.waiting.first()?;
                engine::decode::<engine::Job>(&first.bytes).ok()
            });
            if let Some(job) = next {
                let reply = engine::work(&job, &mut |progress| deliver(progress));
                deliver(reply);
                start();
            }
        })
        .forget();
    }

    /// Nothing runs between turns: the next job simply comes next.
    pub fn restart() {
        start();
    }
}
