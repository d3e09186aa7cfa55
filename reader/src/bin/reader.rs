//! The reader's Web Worker: reads a [`reader::Job`] from each message,
//! reads and checks its file, and posts the [`reader::Reply`] back as
//! bytes. It says [`reader::READY`] first, once it listens.

#[cfg(target_arch = "wasm32")]
fn main() {
    use reader::{decode, encode, work, Job, Reply};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    // A panic is a bug: its message goes to the console before the wasm
    // traps (the page then says the file could not be read, and the next
    // file gets a fresh worker). A hook of one line is all it needs.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("the lesson reader: {info}").into());
    }));
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
            Ok(job) => work(&job),
            Err(message) => Reply {
                id: reader::UNREAD,
                read: Err(vec![lessons::LessonError {
                    file: String::new(),
                    line: 1,
                    column: 1,
                    message,
                }]),
            },
        };
        post(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&reader::READY.into());
}

/// The reader runs only as a Web Worker; natively there is nothing to do
/// (the tests call [`reader::read`] directly).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the reader runs in a browser's Web Worker; natively, call reader::read");
}
