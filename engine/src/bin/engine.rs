//! The engine's Web Worker: reads a [`engine::Job`] from each message,
//! works it, and posts every [`engine::Reply`] back as bytes (their buffers
//! transferred, not copied). It says [`engine::READY`] first, once it
//! listens: a message posted to a worker before it listens is lost.

#[cfg(target_arch = "wasm32")]
fn main() {
    use engine::{decode, encode, work, Job, Reply};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    // A panic is a bug: its message goes to the console before the wasm
    // traps (the page then fails the job and starts a fresh worker).
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = {
        let scope = scope.clone();
        move |reply: &Reply| {
            let bytes = js_sys::Uint8Array::from(encode(reply).as_slice());
            let transfer = js_sys::Array::of1(&bytes.buffer());
            // Posting only fails for values that cannot be cloned; bytes can.
            let _ = scope.post_message_with_transfer(&bytes, &transfer);
        }
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
        let reply = match decode::<Job>(&bytes) {
            Ok(job) => work(&job, &mut |progress| post(&progress)),
            Err(message) => Reply::Failed {
                id: engine::UNREAD,
                message,
            },
        };
        post(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&engine::READY.into());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the engine runs in the browser, in a Web Worker; natively, call engine::work");
    std::process::exit(2);
}
