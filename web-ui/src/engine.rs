//! The door to the engine: jobs go out, replies come back as callbacks.
//!
//! The engine (the `engine` crate: the interpreter and the strategies) runs
//! in a Web Worker, loaded from [`WORKER_URL`] beside the page when the
//! first job is asked for. The worker works one job at a time, in the order
//! asked; the door keeps every job it has not finished, so that:
//!
//! - **cancelling** the job being worked ends the worker (a run cannot be
//!   interrupted otherwise) and starts a fresh one for the jobs after it;
//!   cancelling a job still queued only forgets it;
//! - **a worker that dies** (a trap in its wasm: a bug, but a program must
//!   never take the page down with it) fails the job it was working with
//!   a message, and the jobs after it go to a fresh worker.
//!
//! With the `inline-engine` feature (the browser tests, which serve no
//! worker) the same jobs are worked on the page's own thread, one per
//! turn of the event loop, with the same replies in the same order.

use std::cell::RefCell;

use engine::{Job, Reply};
use yew::Callback;

/// The engine's loader, beside the page (trunk writes it: see `index.html`).
pub const WORKER_URL: &str = "engine_loader.js";

/// A job asked for and not yet answered.
struct Waiting {
    id: u64,
    bytes: Vec<u8>,
    on_reply: Callback<Reply>,
}

/// The jobs not yet answered, in the order asked, and the worker.
#[derive(Default)]
struct Door {
    waiting: Vec<Waiting>,
    #[cfg(not(feature = "inline-engine"))]
    worker: Option<worker::Running>,
}

thread_local! {
    static DOOR: RefCell<Door> = RefCell::new(Door::default());
}

/// Asks the engine for `job`; `on_reply` hears each of its replies (any
/// progress, then one answer).
pub fn submit(job: &Job, on_reply: Callback<Reply>) {
    let waiting = Waiting {
        id: job.id,
        bytes: engine::encode(job),
        on_reply,
    };
    DOOR.with(|door| door.borrow_mut().waiting.push(waiting));
    start();
}

/// Forgets job `id`: no reply of it will be heard.
pub fn cancel(id: u64) {
    let working = DOOR.with(|door| {
        let mut door = door.borrow_mut();
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
        let at = door.waiting.iter().position(|w| w.id == reply.id())?;
        let callback = door.waiting[at].on_reply.clone();
        if last {
            door.waiting.remove(at);
        }
        Some(callback)
    });
    if let Some(callback) = to {
        callback.emit(reply);
    }
}

#[cfg(not(feature = "inline-engine"))]
use worker::{restart, start};

#[cfg(not(feature = "inline-engine"))]
mod worker {
    use gloo::events::EventListener;
    use wasm_bindgen::JsCast;

    use super::{deliver, Reply, DOOR, WORKER_URL};

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

    /// A worker with its listeners.
    pub struct Running {
        worker: web_sys::Worker,
        /// It said it listens: jobs can be posted.
        ready: bool,
        _listeners: [EventListener; 2],
    }

    impl Drop for Running {
        fn drop(&mut self) {
            self.worker.terminate();
        }
    }

    /// Posts a job's bytes.
    fn post(worker: &web_sys::Worker, bytes: &[u8]) {
        let array = js_sys::Uint8Array::from(bytes);
        if let Err(e) = worker.post_message(&array) {
            web_sys::console::error_2(&"allocscope: the engine refused a job".into(), &e);
        }
    }

    /// A worker for the jobs waiting, if there is none yet.
    pub fn start() {
        let posted = DOOR.with(|door| {
            let mut door = door.borrow_mut();
            if let Some(running) = &door.worker {
                // Before it is ready, every job waiting goes when it is.
                if let (true, Some(last)) = (running.ready, door.waiting.last()) {
                    post(&running.worker, &last.bytes);
                }
                return Ok(());
            }
            let worker = web_sys::Worker::new(WORKER_URL)?;
            let on_message = EventListener::new(&worker, "message", |event| {
                let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                    return;
                };
                if event.data().as_string().as_deref() == Some(engine::READY) {
                    ready();
                    return;
                }
                let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
                match engine::decode::<engine::Reply>(&bytes) {
                    // A job the worker could not read: the one it was given.
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
            });
            let on_error = EventListener::new(&worker, "error", |event| {
                let why = event
                    .dyn_ref::<web_sys::ErrorEvent>()
                    .map_or_else(|| "it failed".to_string(), |e| e.message());
                web_sys::console::error_1(&format!("allocscope's engine: {why}").into());
                fail_current(&why);
                restart();
            });
            door.worker = Some(Running {
                worker,
                ready: false,
                _listeners: [on_message, on_error],
            });
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
                for waiting in &door.waiting {
                    post(&running.worker, &waiting.bytes);
                }
            }
        });
    }

    /// Ends the worker (whatever it is doing) and starts a fresh one for
    /// the jobs still waiting.
    pub fn restart() {
        let dead = DOOR.with(|door| door.borrow_mut().worker.take());
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
