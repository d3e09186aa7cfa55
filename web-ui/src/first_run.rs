//! The page's first run, made when the site was built.
//!
//! Opening the page, a learner sees the default example run on the
//! default strategy. The engine runs in a worker that takes half a second
//! or more to start and load its wasm on a slow machine, and then has the
//! page's two cores to share with the page itself: left to it, the first
//! run would be shown well after the page is drawn. So the site's build
//! asks the same engine code, natively, for that run ([`bake`], written
//! beside the page as [`FILE`] by the `first-run` binary, a trunk hook),
//! and `index.html` fetches the file while the page's wasm loads. The
//! page's first job waits for it ([`take`]) and, if it is that job (the
//! same program, strategies, heap and settings: a share link or code kept
//! from the last visit is not), is answered from it ([`answer`]); every
//! other job goes to the engine.
//!
//! # Invariants
//! - A baked reply is shown only for the very job it answers: the job is
//!   in the file, and compared whole (all but its id) with the page's.
//! - It is the engine's answer: the file is `engine::work` on the page's
//!   default job, made natively (the end-to-end suite checks the page
//!   shows the same with and without the file).
//! - The file is read once, by the page's first job; a file missing,
//!   later than [`WAIT_AT_MOST_MS`] or unreadable only means the engine
//!   answers that job too.

use engine::{Job, Reply};

use crate::state::Playground;

/// The file beside the page.
pub const FILE: &str = "first-run.bin";

/// Where `index.html` leaves its fetch of the file: a promise of its bytes
/// (an `ArrayBuffer`, or `null` if it could not be had).
#[cfg(not(feature = "inline-engine"))]
const ON_WINDOW: &str = "allocscopeFirstRun";

/// How long the page's first job waits for the file, at most, before the
/// engine is asked instead (it is fetched as the page starts, and is a
/// few kilobytes: it is almost always here before it is asked for).
pub const WAIT_AT_MOST_MS: u32 = 1_000;

/// The page's first job (the default playground's) and the engine's
/// answer to it, as the file holds them.
pub fn bake() -> Vec<u8> {
    let job = Playground::default()
        .running
        .expect("the default playground asks for its run")
        .job;
    let reply = engine::work(&job, &mut |_| {});
    engine::encode(&(job.as_ref(), reply))
}

/// The reply in `baked` (the file's bytes), if it answers `job`, made to
/// answer it.
pub fn answer(baked: &[u8], job: &Job) -> Option<Reply> {
    let (made_for, reply) = engine::decode::<(Job, Reply)>(baked).ok()?;
    let same = Job {
        id: job.id,
        ..made_for
    } == *job;
    same.then(|| reply.answering(job.id))
}

/// The file's bytes as `index.html` fetches them, taken (the first time
/// only: the page's first job is the one they may answer).
#[cfg(not(feature = "inline-engine"))]
pub fn take() -> Option<impl std::future::Future<Output = Option<Vec<u8>>>> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str(ON_WINDOW);
    let fetching: js_sys::Promise = js_sys::Reflect::get(&window, &key).ok()?.dyn_into().ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    Some(async move {
        let bytes = wasm_bindgen_futures::JsFuture::from(fetching).await.ok()?;
        let buffer: js_sys::ArrayBuffer = bytes.dyn_into().ok()?;
        Some(js_sys::Uint8Array::new(&buffer).to_vec())
    })
}

/// The browser tests work jobs on the page's thread and serve no file.
#[cfg(feature = "inline-engine")]
pub fn take() -> Option<std::future::Ready<Option<Vec<u8>>>> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Action;
    use yew::Reducible;

    fn first_job() -> Job {
        let job = Playground::default().running.unwrap().job;
        Job::clone(&job)
    }

    #[test]
    fn the_baked_reply_is_the_engines_answer_to_the_pages_first_job() {
        let baked = bake();
        // The page numbers its jobs its own way.
        let job = Job {
            id: 41,
            ..first_job()
        };
        let answer = answer(&baked, &job).expect("the page's first job is the baked one");
        assert_eq!(answer, engine::work(&job, &mut |_| {}));
        assert_eq!(answer.id(), 41);
        assert!(
            matches!(&answer, Reply::Panes { panes, .. } if !panes.is_empty() && !panes[0].run.calls.is_empty()),
            "the first run shows calls"
        );
    }

    #[test]
    fn any_other_job_is_left_to_the_engine() {
        let baked = bake();
        let start = std::rc::Rc::new(Playground::default());
        let others = [
            start
                .clone()
                .reduce(Action::Edit("fn main() { let b = Box::new(1u8); }".into())),
            start.clone().reduce(Action::Load("box.rs")),
            start
                .clone()
                .reduce(Action::Toggle(alloc_sim::StrategyKind::Bump)),
        ];
        for other in others {
            let job = &other.running.as_ref().expect("each reruns").job;
            assert!(answer(&baked, job).is_none(), "{:?}", job.work);
        }
    }

    #[test]
    fn a_file_that_does_not_read_answers_nothing() {
        let baked = bake();
        let job = first_job();
        for broken in [&[][..], &baked[..baked.len() / 2], b"<!doctype html>"] {
            assert_eq!(answer(broken, &job), None);
        }
    }
}
