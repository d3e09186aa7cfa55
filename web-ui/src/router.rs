//! The app: a bar to move between the playground and the lessons, and the
//! page the address bar names ([`Route`]). Following a link or the back
//! button changes the fragment, and the page with it.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::app::PlaygroundPage;
use crate::components::lesson::index::lesson_index;
use crate::components::lesson::own::OwnLesson;
use crate::components::lesson::page::lesson_page;
use crate::components::lesson::use_course;
use crate::route::Route;

fn current() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::from_hash(&hash)
}

/// The whole app.
#[function_component]
pub fn App() -> Html {
    let route = use_state(current);
    let course = use_course(*route != Route::Playground);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    let now = current();
                    // The playground rewrites its own fragment as it goes
                    // (its share link); only a change of page matters here.
                    if now != *route {
                        route.set(now);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let link = |to: Route, label: &str| {
        let here = match (&*route, &to) {
            (Route::Lesson(_) | Route::OwnLesson(_), Route::Lessons) => true,
            (a, b) => a == b,
        };
        html! {
            <a href={to.hash()} class={classes!(here.then_some("here"))} aria-current={here.then_some("page")}>{ label.to_string() }</a>
        }
    };
    html! {
        <>
            <nav class="site" aria-label="Pages">
                <span class="brand">{ "allocscope" }</span>
                { link(Route::Playground, "Playground") }
                { link(Route::Lessons, "Lessons") }
            </nav>
            { match &*route {
                Route::Playground => html! { <PlaygroundPage /> },
                Route::Lessons => lesson_index(course.as_ref()),
                Route::Lesson(id) => lesson_page(course.as_deref(), id),
                Route::OwnLesson(query) => html! { <OwnLesson query={query.clone()} /> },
            } }
        </>
    }
}
