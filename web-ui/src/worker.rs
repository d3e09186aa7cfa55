//! A Web Worker the page talks to in bytes, as both doors do (the
//! engine's, [`crate::engine`], and the lesson reader's, [`crate::reader`]):
//! started from its loader beside the page, it says a ready word once it
//! listens (a message posted before that is lost), and every other message
//! either way is bytes. Dropping it ends the worker, whatever it is doing.
//!
//! A worker takes a few hundred milliseconds to start and load its wasm,
//! so the page's HTML may start one before the page's own wasm has loaded
//! (`index.html` does for the engine): [`Running::start`] adopts it, once,
//! with whether it has already said its ready word.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;

/// A worker with its listeners.
#[derive(Debug)]
pub struct Running {
    worker: web_sys::Worker,
    /// It said it listens: messages can be posted.
    pub ready: bool,
    _listeners: [EventListener; 2],
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl Running {
    /// Starts the worker `name` from the loader at `url`, or adopts the
    /// one the page's HTML started as `window[early]`: `on_ready` hears it
    /// say `ready_word` (an adopted worker that has said it already is
    /// returned `ready`, and `on_ready` is not called), `on_bytes` each
    /// message after, and `on_error` why it died (also written to the
    /// console).
    pub fn start(
        name: &'static str,
        url: &str,
        early: Option<&str>,
        ready_word: &'static str,
        on_ready: impl Fn() + 'static,
        on_bytes: impl Fn(Vec<u8>) + 'static,
        on_error: impl Fn(String) + 'static,
    ) -> Result<Running, wasm_bindgen::JsValue> {
        let (worker, ready) = match early.and_then(take_early) {
            Some(adopted) => adopted,
            None => (web_sys::Worker::new(url)?, false),
        };
        let on_message = EventListener::new(&worker, "message", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            if event.data().as_string().as_deref() == Some(ready_word) {
                on_ready();
            } else {
                on_bytes(js_sys::Uint8Array::new(&event.data()).to_vec());
            }
        });
        let on_failure = EventListener::new(&worker, "error", move |event| {
            let why = event
                .dyn_ref::<web_sys::ErrorEvent>()
                .map_or_else(|| "it failed".to_string(), |e| e.message());
            web_sys::console::error_1(&format!("allocscope's {name}: {why}").into());
            on_error(why);
        });
        Ok(Running {
            worker,
            ready,
            _listeners: [on_message, on_failure],
        })
    }

    /// Posts `bytes` (a copy: the page keeps its own). The copy's buffer
    /// is handed over rather than cloned again: a job that carries a
    /// million-op trace is 11 MB.
    pub fn post(&self, bytes: &[u8]) {
        let array = js_sys::Uint8Array::from(bytes);
        let transfer = js_sys::Array::of1(&array.buffer());
        if let Err(e) = self.worker.post_message_with_transfer(&array, &transfer) {
            web_sys::console::error_2(&"allocscope: a worker refused a message".into(), &e);
        }
    }
}

/// The worker the page's HTML started as `window[key]`, taken (once), with
/// whether it has said its ready word: its only message before it is given
/// work. One that failed to start is ended and not taken (a fresh one then
/// fails, or not, where its failure is heard).
///
/// Read in the task that listens to it: a message it posts after this is
/// heard by the new listeners.
fn take_early(key: &str) -> Option<(web_sys::Worker, bool)> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str(key);
    let early = js_sys::Reflect::get(&window, &key).ok()?;
    if early.is_undefined() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let field = |name: &str| js_sys::Reflect::get(&early, &name.into()).unwrap_or_default();
    let worker: web_sys::Worker = field("worker").dyn_into().ok()?;
    if field("failed").is_truthy() {
        worker.terminate();
        return None;
    }
    Some((worker, field("heard").is_truthy()))
}
