//! The playground: code on the left, the heaps of up to four strategies on
//! the right, the calls below. Effects at the edge only: the keyboard, the
//! debounced editor, and localStorage, so that work is never lost.

use std::cell::RefCell;
use std::rc::Rc;

use alloc_sim::scenario::Outcome;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::storage::{LocalStorage, Storage};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::call_log::CallLog;
use crate::components::chart::Chart;
use crate::components::code_pane::CodePane;
use crate::components::heap_map::HeapMap;
use crate::components::inspector::Inspector;
use crate::components::legend::Legend;
use crate::components::metrics_table::MetricsTable;
use crate::components::overview_strip::OverviewStrip;
use crate::components::settings_bar::{PaneSettings, SettingsBar};
use crate::components::stepper::Stepper;
use crate::components::toolbar::Toolbar;
use crate::components::trace_open::TraceOpen;
use crate::components::trace_text::TraceText;
use crate::state::{Action, Playground, Seek};

/// Where the learner's code is kept between visits.
pub const STORAGE_KEY: &str = "allocscope.source";

fn initial() -> Playground {
    // A share link wins over the code kept from the last visit.
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if !matches!(hash.as_str(), "" | "#" | "#playground") {
        match crate::share::decode(&hash) {
            Ok(shared) => return Playground::from_shared(&shared),
            Err(why) => {
                return Playground {
                    notice: Some(format!(
                        "This link could not be read ({why}), so the default example is shown."
                    )),
                    ..Playground::default()
                };
            }
        }
    }
    let start = Rc::new(Playground::default());
    match LocalStorage::get::<String>(STORAGE_KEY) {
        Ok(saved) if saved != start.source => {
            Rc::unwrap_or_clone(start.reduce(Action::Edit(saved)))
        }
        _ => Rc::unwrap_or_clone(start),
    }
}

/// The playground page.
#[function_component]
pub fn PlaygroundPage() -> Html {
    let state = use_reducer(initial);
    let draft = use_state(|| state.source.clone());
    let player = crate::player::use_player(&state);
    let playing = player.playing.clone();
    let large = use_state(|| false);
    let hex = use_state(|| true);
    let pending = use_mut_ref(|| None::<Timeout>);

    let loader = crate::trace_loader::use_trace_loader(&state);
    // A trace whose strategies or settings changed is replayed again, in
    // slices.
    {
        let (start, state2) = (loader.start.clone(), state.clone());
        use_effect_with(state.pending_trace.clone(), move |pending| {
            if let (Some(kinds), Some(trace)) = (pending, state2.trace.clone()) {
                start.emit(crate::trace_loader::Request {
                    trace,
                    kinds: kinds.clone(),
                    setup: state2.setup.clone(),
                    overrides: state2.overrides.clone(),
                });
            }
        });
    }
    // The address bar always holds a link to what is on screen (a trace
    // is too big for a link: it keeps the last scenario's).
    let in_trace = state.trace.is_some();
    use_effect_with((state.shared(), in_trace), |(shared, in_trace)| {
        if *in_trace {
            return;
        }
        let fragment = format!("#{}", crate::share::encode(shared));
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ =
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment));
        }
    });
    // Keep the editor in step when an example replaces the code.
    {
        let draft = draft.clone();
        use_effect_with(state.source.clone(), move |source| {
            draft.set(source.clone());
            let _ = LocalStorage::set(STORAGE_KEY, source);
        });
    }
    // ← → Home End step through the calls, except while typing.
    {
        let dispatcher = state.dispatcher();
        let play_toggle = {
            let playing = playing.clone();
            Callback::from(move |()| playing.set(!*playing))
        };
        use_effect_with(*playing, move |_| {
            let listener = web_sys::window().map(|window| {
                // Not passive: the arrow keys must not also scroll the page.
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&window, "keydown", options, move |event| {
                    let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let typing = key
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT")
                        });
                    let seek = match key.key().as_str() {
                        _ if typing => return,
                        "ArrowLeft" => Seek::Back,
                        "ArrowRight" => Seek::Forward,
                        "Home" => Seek::First,
                        "End" => Seek::Last,
                        " " => {
                            key.prevent_default();
                            play_toggle.emit(());
                            return;
                        }
                        _ => return,
                    };
                    key.prevent_default();
                    dispatcher.dispatch(Action::Seek(seek));
                })
            });
            move || drop(listener)
        });
    }

    let on_edit = debounced_edit(&state, &draft, &pending);
    let on_trace =
        {
            let (state, start) = (state.clone(), loader.start.clone());
            Callback::from(move |(name, text): (String, String)| {
                match crate::state::LoadedTrace::parse(&name, text) {
                    Ok(trace) => start.emit(crate::trace_loader::Request {
                        trace: Rc::new(trace),
                        kinds: state.kinds(),
                        setup: state.setup.clone(),
                        overrides: state.overrides.clone(),
                    }),
                    Err(e) => state.dispatch(Action::Notice(format!(
                        "{e}. The trace was not opened; what was shown before is kept."
                    ))),
                }
            })
        };
    let on_trace_error = {
        let state = state.clone();
        Callback::from(move |e: String| state.dispatch(Action::Notice(e)))
    };
    let drop_reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let on_drop = {
        let (reader, on_open, on_error) = (
            drop_reader.clone(),
            on_trace.clone(),
            on_trace_error.clone(),
        );
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                let props = crate::components::trace_open::TraceOpenProps {
                    on_open: on_open.clone(),
                    on_error: on_error.clone(),
                };
                crate::components::trace_open::read(
                    gloo::file::File::from(file),
                    reader.clone(),
                    &props,
                );
            }
        })
    };
    let on_load = {
        let state = state.clone();
        Callback::from(move |name: &'static str| state.dispatch(Action::Load(name)))
    };
    let on_toggle = {
        let state = state.clone();
        Callback::from(move |kind| state.dispatch(Action::Toggle(kind)))
    };
    let on_seek = {
        let state = state.clone();
        Callback::from(move |seek| state.dispatch(Action::Seek(seek)))
    };
    let on_jump = {
        let state = state.clone();
        Callback::from(move |n| state.dispatch(Action::Seek(Seek::To(n))))
    };

    let first = &state.panes[0];
    let current_line = state
        .cursor
        .checked_sub(1)
        .and_then(|i| first.run.calls.get(i))
        .and_then(|c| c.line());
    let error_line = match state.problem() {
        Some((_, Outcome::Error(e))) => Some(e.line),
        _ => None,
    };

    html! {
                <main class={classes!("app", large.then_some("large"))}
                    ondragover={Callback::from(|e: DragEvent| e.prevent_default())} ondrop={on_drop}>
            <header>
                <h1>{ "allocscope" }</h1>
                <p class="tagline">{ "Write a little Rust; watch every alloc, realloc and dealloc land in the heap." }</p>
            </header>
                        <Toolbar example={state.example} kinds={state.kinds()} on_load={on_load} on_toggle={on_toggle} />
            <p class="traces-bar"><TraceOpen on_open={on_trace} on_error={on_trace_error} />
                <span class="hint">{ " or drop a trace file (malloc lab's format) anywhere on the page" }</span></p>
            <SettingsBar setup={state.setup.clone()} large={*large}
                on_change={{ let state = state.clone(); Callback::from(move |setup| state.dispatch(Action::Configure(setup))) }}
                                on_large={{ let large = large.clone(); Callback::from(move |on| large.set(on)) }}
                                hex={*hex} on_hex={{ let hex = hex.clone(); Callback::from(move |on| hex.set(on)) }}
                zoom={state.zoom} on_zoom={{ let state = state.clone(); Callback::from(move |z| state.dispatch(Action::Zoom(z))) }} />
            <div class="work">
                <div class="left">
                    if let Some(progress) = &loader.progress {
                        <div id="trace-progress" class="banner notice" role="status">
                            { format!("Replaying {} on {} strateg{}: ", progress.name, state.kinds().len().max(1), if state.kinds().len() == 1 { "y" } else { "ies" }) }
                            <progress max={progress.total.to_string()} value={progress.done.to_string()}></progress>
                            { format!(" {} of {} ops ", progress.done, progress.total) }
                            <button id="trace-cancel" onclick={{ let cancel = loader.cancel.clone(); Callback::from(move |_: MouseEvent| cancel.emit(())) }}>{ "Cancel" }</button>
                        </div>
                    }
                    if let Some(trace) = &state.trace {
                        <TraceText trace={trace.clone()} current_line={current_line} />
                        <p><button id="close-trace" onclick={{ let state = state.clone(); Callback::from(move |_: MouseEvent| state.dispatch(Action::CloseTrace)) }}>{ "Back to the scenario" }</button></p>
                    } else {
                        <CodePane source={(*draft).clone()} current_line={current_line} error_line={error_line} on_edit={on_edit} />
                    }
                                        if let Some(notice) = &state.notice { <div id="notice" class="banner notice" role="status">{ notice }</div> }
                    { banner(&state) }
                                                            <Stepper cursor={state.cursor} steps={state.steps()} on_seek={on_seek}
                        playing={*playing} on_play={player.on_play()}
                        speed={*player.speed} on_speed={player.on_speed()} />
                    <Chart run={first.run.clone()} cursor={state.cursor} />
                    <OverviewStrip run={first.run.clone()} base={first.end.heap().base()} len={first.end.heap().len()} cursor={state.cursor}
                        on_jump={{ let state = state.clone(); Callback::from(move |n| state.dispatch(Action::Seek(Seek::To(n)))) }} />
                    if !first.run.output.is_empty() {
                        <section class="output" aria-label="Program output">
                            <h2>{ "Output" }</h2>
                            <pre id="output">{ first.run.output.join("\n") }</pre>
                        </section>
                    }
                </div>
                <div class="right">
                    <div class={classes!("panes", format!("n{}", state.panes.len()))}>
                        { for state.panes.iter().map(|pane| html! {
                            <section class="pane" aria-label={format!("Heap under {}", pane.kind.name())}>
                                <h2>{ pane.kind.name() }</h2>
                                                                <p class="summary">{ pane.kind.summary() }</p>
                                <PaneSettings kind={pane.kind} setup={state.setup_of(pane.kind)} on_change={{
                                    let (state, kind) = (state.clone(), pane.kind);
                                    Callback::from(move |setup| state.dispatch(Action::ConfigureOne(kind, setup)))
                                }} shown={state.kinds()} on_swap={{
                                    let (state, kind) = (state.clone(), pane.kind);
                                    Callback::from(move |to| state.dispatch(Action::Swap(kind, to)))
                                }} />
                                                                <HeapMap heap={pane.at_cursor.clone()} label={format!("heap map of {}", pane.kind.name())} hex={*hex} marker={oom_marker(&state, pane)} zoom={state.zoom} brk={break_of(pane)} on_pick={{
                                    let (state, kind) = (state.clone(), pane.kind);
                                    Callback::from(move |addr| state.dispatch(Action::Inspect(Some((kind, addr)))))
                                }} />
                            </section>
                        }) }
                    </div>
                                        { legend(&state.panes) }
                    <Inspector inspection={inspection(&state)} />
                    <MetricsTable panes={state.panes.clone()} />
                </div>
            </div>
            <section class="log" aria-label="Allocator calls">
                <h2>{ format!("Calls under {} (click one to jump there)", first.kind.name()) }</h2>
                <CallLog run={first.run.clone()} cursor={state.cursor} on_jump={on_jump} />
            </section>
            <footer>
                { format!("Each strategy gets a {} heap; size-class and jemalloc use {} pages here (real ones use 4 KiB). The picture is a simulation: see each strategy's line for what it simplifies.", alloc_sim::units::Bytes(state.setup.heap), alloc_sim::units::Bytes(state.setup.settings.bytes(&alloc_sim::strategy::PAGE_SIZE))) }
            </footer>
        </main>
    }
}

/// Typing updates the editor at once and re-runs the scenario 300 ms after
/// the last key.
pub(crate) fn debounced_edit(
    state: &UseReducerHandle<Playground>,
    draft: &UseStateHandle<String>,
    pending: &Rc<RefCell<Option<Timeout>>>,
) -> Callback<String> {
    let (dispatcher, draft, pending) = (state.dispatcher(), draft.clone(), pending.clone());
    Callback::from(move |text: String| {
        draft.set(text.clone());
        let dispatcher = dispatcher.clone();
        let timeout = Timeout::new(300, move || dispatcher.dispatch(Action::Edit(text)));
        pending.borrow_mut().replace(timeout);
    })
}

pub(crate) fn inspection(state: &Playground) -> Option<crate::inspect::Inspection> {
    let (kind, addr) = state.inspected?;
    let pane = state.panes.iter().find(|p| p.kind == kind)?;
    let mut i = crate::inspect::inspect(&pane.at_cursor, &pane.run, state.cursor, addr)?;
    i.title = format!("{kind} · {}", i.title);
    Some(i)
}

/// Where an `sbrk` allocator's heap ends at the cursor (its heap size is
/// the break), to mark on its map.
/// Where the strategy's mark (the implicit list's break) is at the cursor,
/// from the metrics recorded there.
pub(crate) fn break_of(pane: &crate::state::Pane) -> Option<u64> {
    let metrics = pane.metrics();
    pane.kind
        .marks()
        .first()
        .map(|mark| (mark.offset)(&metrics))
}

/// After an abort, the largest free block is outlined: where the failed
/// request would have had to fit.
pub(crate) fn oom_marker(
    state: &Playground,
    pane: &crate::state::Pane,
) -> Option<(alloc_sim::Addr, u64)> {
    use alloc_sim::Strategy;
    let aborted = matches!(pane.run.outcome, Outcome::Abort { .. });
    if !aborted || state.cursor < state.steps() {
        return None;
    }
    let free = pane.end.strategy().free_space(pane.end.heap());
    free.largest_at.map(|at| (at, free.largest))
}

pub(crate) fn banner(state: &Playground) -> Html {
    match state.problem() {
        Some((
            kind,
            Outcome::Abort {
                message,
                line,
                column,
            },
        )) => html! {
            <div id="banner" class="banner abort" role="alert">
                <strong>{ "Aborted" }</strong>{ format!(" under {kind} at {line}:{column}: {message}. ") }
                                { "An infallible allocation failed, so std called handle_alloc_error, which aborts the process. At the last call, the largest free block is outlined on the map: the request had to fit there, and did not." }
            </div>
        },
        Some((_, Outcome::Error(e))) => html! {
            <div id="banner" class="banner error" role="alert"><strong>{ format!("{}:{}", e.line, e.column) }</strong>{ format!(" {}", e.message) }</div>
        },
        _ => html! {},
    }
}

/// The legend for the panes: what their strategies declare, and any class
/// painted on their heaps by a client (a bump arena's chunks).
pub(crate) fn legend(panes: &[crate::state::Pane]) -> Html {
    let kinds: Vec<_> = panes.iter().map(|p| p.kind).collect();
    let also: Vec<_> = alloc_sim::RoleClass::ALL
        .into_iter()
        .filter(|&c| panes.iter().any(|p| p.at_cursor.roles().total(c) > 0))
        .collect();
    html! { <Legend kinds={kinds} also={also} /> }
}

/// Shows a banner instead of dying silently if allocscope itself panics
/// (a bug: every learner input is meant to end in an error message).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!(
            "allocscope hit a bug and stopped: {info}. Please report it with the code you ran; your code is kept, so reloading the page brings it back."
        );
        web_sys::console::error_1(&message.clone().into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let (Ok(div), Some(body)) = (document.create_element("div"), document.body()) {
            div.set_id("panic");
            div.set_class_name("banner error");
            div.set_attribute("role", "alert").ok();
            div.set_text_content(Some(&message));
            body.prepend_with_node_1(&div).ok();
        }
    }));
}
