//! The playground: code on the left, the heaps of up to four strategies on
//! the right, the calls below. This file wires the page's parts
//! ([`crate::components::playground`], the heap panes) to one reducer and
//! holds its effects, at the edge only: the keyboard, localStorage, the
//! address bar, a dropped trace file, and the panic hook.

use std::rc::Rc;

use alloc_sim::units::Bytes;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::call_log::{call_log, CallLogProps};
use crate::components::heap_panes::{heap_panes, Configure, Heading, HeapPanesProps};
use crate::components::inspector::{inspector, InspectorProps};
use crate::components::metrics_table::{metrics_table, MetricsTableProps};
use crate::components::playground::run::{run_view, RunViewProps};
use crate::components::playground::source::{source, SourceProps};
use crate::components::score_panel::ScorePanel;
use crate::components::settings_bar::{settings_bar, SettingsBarProps};
use crate::components::toolbar::{toolbar, ToolbarProps};
use crate::components::trace_open::{trace_open, TraceOpenProps};
use crate::editor::use_editor;
use crate::runner::use_runner;
use crate::setup::Setup;
use crate::state::{Action, Playground, Seek, TraceReading};
use crate::view::{current_line, error_at, inspection};

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
    match crate::storage::load(STORAGE_KEY) {
        Some(saved) if saved != start.source => {
            Rc::unwrap_or_clone(start.reduce(Action::Edit(saved)))
        }
        _ => Rc::unwrap_or_clone(start),
    }
}

/// A callback that sends the action `to` makes of its argument.
fn send<T: 'static>(
    state: &UseReducerHandle<Playground>,
    to: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |value| dispatcher.dispatch(to(value)))
}

/// A callback that sets a piece of the page's own state.
fn set<T: 'static>(handle: &UseStateHandle<T>) -> Callback<T> {
    let handle = handle.clone();
    Callback::from(move |value| handle.set(value))
}

/// The address bar always holds a link to what is on screen (a trace is
/// too big for a link: it keeps the last scenario's). A new program or new
/// settings are written at once, so a reload never loses them; a move of
/// the cursor once it has held still for [`SHARE_LINK_DELAY_MS`]: seeking,
/// playing or holding an arrow key move it many times a second, and each
/// write of the address costs milliseconds (browsers also throttle a page
/// that writes it too often).
#[hook]
fn use_share_link(state: &Playground) {
    let in_trace = state.trace.is_some();
    let written = use_mut_ref(|| None::<crate::share::Shared>);
    use_effect_with((state.shared(), in_trace), move |(shared, in_trace)| {
        let mut pending = None;
        if !*in_trace {
            let moved_only = written
                .borrow()
                .as_ref()
                .is_some_and(|w| w.source == shared.source && w.setups == shared.setups);
            let write = {
                let shared = shared.clone();
                move || {
                    let fragment = format!("#{}", crate::share::encode(&shared));
                    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                        let _ = history.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some(&fragment),
                        );
                    }
                    *written.borrow_mut() = Some(shared);
                }
            };
            if moved_only {
                pending = Some(Timeout::new(SHARE_LINK_DELAY_MS, write));
            } else {
                write();
            }
        }
        // Dropping the timeout, when the state changes again first, cancels it.
        move || drop(pending)
    });
}

/// How long the state holds still before the address bar follows it.
pub const SHARE_LINK_DELAY_MS: u32 = 200;

/// The code is kept for the next visit, and the editor follows when an
/// example replaces it.
#[hook]
fn use_saved_source(state: &Playground, draft: &UseStateHandle<String>) {
    let draft = draft.clone();
    use_effect_with(state.source.clone(), move |source| {
        draft.set(source.clone());
        crate::storage::save(STORAGE_KEY, source);
    });
}

/// ← → Home End step through the calls, Space plays, P presents and Esc
/// stops presenting, except while typing.
#[hook]
fn use_step_keys(
    state: &UseReducerHandle<Playground>,
    playing: &UseStateHandle<bool>,
    present: &UseStateHandle<bool>,
) {
    let dispatcher = state.dispatcher();
    let (playing, present) = (playing.clone(), present.clone());
    use_effect_with((*playing, *present), move |_| {
        let listener = web_sys::window().map(|window| {
            // Not passive: the arrow keys must not also scroll the page.
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&window, "keydown", options, move |event| {
                let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let target = key
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                let tag = target.as_ref().map(|el| el.tag_name());
                let kind = target.as_ref().and_then(|el| el.get_attribute("type"));
                // Typing: where keys are text or choose (a checkbox or a
                // button takes arrows from no one: they step).
                // The code editor is a contenteditable element.
                let editing = target.as_ref().is_some_and(|el| {
                    el.closest("[contenteditable='true']")
                        .is_ok_and(|found| found.is_some())
                });
                let typing = match tag.as_deref() {
                    _ if editing => true,
                    Some("TEXTAREA" | "SELECT") => true,
                    Some("INPUT") => !matches!(
                        kind.as_deref(),
                        Some("checkbox" | "radio" | "button" | "submit" | "reset" | "file")
                    ),
                    _ => false,
                };
                // Space presses what has the focus, if that can be pressed.
                let pressable =
                    matches!(tag.as_deref(), Some("BUTTON" | "A" | "INPUT" | "SUMMARY"))
                        || target.as_ref().is_some_and(|el| {
                            el.get_attribute("role").as_deref() == Some("button")
                        });
                let seek = match key.key().as_str() {
                    _ if typing => return,
                    " " if pressable => return,
                    "ArrowLeft" => Seek::Back,
                    "ArrowRight" => Seek::Forward,
                    "Home" => Seek::First,
                    "End" => Seek::Last,
                    " " => {
                        key.prevent_default();
                        playing.set(!*playing);
                        return;
                    }
                    "p" | "P" if !(key.ctrl_key() || key.meta_key() || key.alt_key()) => {
                        present.set(!*present);
                        return;
                    }
                    "Escape" if *present => {
                        present.set(false);
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

/// A trace file dropped anywhere on the page is opened like a chosen one.
fn on_dropped_trace(open: &TraceOpenProps) -> Callback<DragEvent> {
    let open = open.clone();
    Callback::from(move |e: DragEvent| {
        e.prevent_default();
        let file = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            crate::components::trace_open::read(gloo::file::File::from(file), &open);
        }
    })
}

/// How much of a trace file is read between looks at the clock: about
/// 1.5 ms in headless Chromium once the code is warm.
const TRACE_PIECE: usize = 32 << 10;

/// How long one slice of the page's thread reads before it lets the page
/// draw and answer: well inside the 50 ms of a long task on a slow
/// machine, and long enough that the 4 ms the browser waits between
/// slices is a small part of the whole. Measured by the clock, not in
/// bytes: the first slices run before the browser has optimised the
/// reader, several times slower than the later ones.
const TRACE_SLICE_MS: f64 = 12.0;

thread_local! {
    /// The trace file being read: a file opened later makes an earlier
    /// one's reading stop.
    static READING: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Opening a trace: read here a slice at a time (its outline and lines),
/// replayed by the engine on the strategies shown; one that does not read
/// leaves what was shown, with a notice.
fn open_trace(state: &UseReducerHandle<Playground>) -> TraceOpenProps {
    let on_open = {
        let state = state.clone();
        Callback::from(move |(name, bytes): (String, Vec<u8>)| {
            let id = READING.with(|r| {
                r.set(r.get() + 1);
                r.get()
            });
            let mut reading = TraceReading::new(&name, bytes);
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Let the page draw and answer between slices; a file
                // opened since stops this one.
                let yielded = || async {
                    gloo::timers::future::TimeoutFuture::new(0).await;
                    READING.with(|r| r.get()) == id
                };
                // The first slice waits too: the file's bytes came in this
                // task.
                let mut until = 0.0;
                let read = loop {
                    if js_sys::Date::now() >= until {
                        if !yielded().await {
                            return;
                        }
                        until = js_sys::Date::now() + TRACE_SLICE_MS;
                    }
                    if let Some(read) = reading.step(TRACE_PIECE) {
                        break read;
                    }
                };
                // Sending it to the engine is a task of its own.
                if !yielded().await {
                    return;
                }
                match read {
                    Ok(trace) => state.dispatch(Action::OpenTrace(Rc::new(trace))),
                    Err(e) => state.dispatch(Action::Notice(format!(
                        "{e}. The trace was not opened; what was shown before is kept."
                    ))),
                }
            });
        })
    };
    TraceOpenProps {
        on_open,
        on_error: send(state, Action::Notice),
    }
}

/// What the footer says about the heaps.
fn footnote(setup: &Setup) -> String {
    let spec = &alloc_sim::strategy::PAGE_SIZE;
    let paged: Vec<&str> = alloc_sim::StrategyKind::ALL
        .iter()
        .filter(|k| k.setting(spec.key).is_some())
        .map(|k| k.name())
        .collect();
    format!(
        "Each strategy gets a {} heap; {} use {} pages here (real ones use 4 KiB). The picture is a simulation: see each strategy's line for what it simplifies.",
        Bytes(setup.heap),
        paged.join(" and "),
        Bytes(setup.settings.bytes(spec))
    )
}

/// The playground page.
#[function_component]
pub fn PlaygroundPage() -> Html {
    let state = use_reducer(initial);
    let editor = use_editor(&state);
    let player = crate::player::use_player(&state);
    let large = use_state(|| false);
    let present = use_state(|| false);
    let hex = use_state(|| true);
    let viewport = crate::viewport::use_viewport_width();
    let runner = use_runner(&state);
    use_share_link(&state);
    use_saved_source(&state, &editor.draft);
    use_step_keys(&state, &player.playing, &present);
    let open = open_trace(&state);
    let on_drop = on_dropped_trace(&open);

    let first = &state.panes[0];
    let kinds = state.kinds();
    let configure = Configure {
        setups: kinds.iter().map(|&k| (k, state.setup_of(k))).collect(),
        on_change: send(&state, |(kind, setup)| Action::ConfigureOne(kind, setup)),
    };
    html! {
        <main class={classes!("app", large.then_some("large"), present.then_some("present"))} aria-busy={state.running.is_some().to_string()}
            ondragover={Callback::from(|e: DragEvent| e.prevent_default())} ondrop={on_drop}>
            <header>
                <h1>{ "allocscope" }</h1>
                <p class="tagline">{ "Write a little Rust; watch every alloc, realloc and dealloc land in the heap." }</p>
            </header>
            { toolbar(&ToolbarProps {
                example: state.example,
                kinds: kinds.clone(),
                on_load: send(&state, Action::Load),
                on_toggle: send(&state, Action::Toggle),
            }) }
            <p class="traces-bar">
                { trace_open(&open) }
                <span class="hint">{ " or drop a trace file (malloc lab's format) anywhere on the page" }</span>
            </p>
            { settings_bar(&SettingsBarProps {
                setup: state.setup.clone(),
                on_change: send(&state, Action::Configure),
                large: *large,
                on_large: set(&large),
                hex: *hex,
                on_hex: set(&hex),
                map: state.map,
                on_map: send(&state, Action::Map),
                on_present: {
                    let present = present.clone();
                    Callback::from(move |()| present.set(true))
                },
            }) }
            if *present {
                <p class="presenting" id="presenting">
                    <span>{ format!("call {} of {}", state.cursor, state.steps()) }</span>
                    <span class="keys">{ "← → step · Space plays · P or Esc ends the presentation" }</span>
                    <button id="present-end" onclick={{
                        let present = present.clone();
                        Callback::from(move |_| present.set(false))
                    }}>{ "End presentation" }</button>
                </p>
            }
            <div class="work">
                <div class="left">
                    { source(&SourceProps { source: (*editor.draft).clone(), on_edit: editor.on_edit.clone(),
                        trace: state.trace.clone(), on_close_trace: send(&state, |()| Action::CloseTrace),
                        progress: runner.progress.clone(), strategies: kinds.len(), on_cancel: runner.cancel.clone(),
                        failure: state.failure.clone(),
                        current_line: current_line(&state), error: error_at(&state),
                        notice: state.notice.clone(), problem: state.problem() }) }
                    if state.example.is_some() && state.trace.is_none() {
                        <p class="try" id="try">{ "Try: ← and → step through the calls (Space plays them), tick another strategy to compare, or change the code." }</p>
                    }
                    { run_view(&RunViewProps { pane: first.clone(), cursor: state.cursor, steps: state.steps(),
                        on_seek: send(&state, Action::Seek),
                        playing: *player.playing, on_play: player.on_play(),
                        speed: *player.speed, on_speed: player.on_speed() }) }
                </div>
                <div class="right">
                    { heap_panes(&HeapPanesProps { panes: state.panes.clone(), at_end: state.cursor >= state.steps(),
                        hex: *hex, map: state.map, described_by: Some("call-log".into()), id_prefix: AttrValue::default(), heading: Heading::default(),
                        pane_px: crate::viewport::pane_px(crate::viewport::playground_room(viewport, *present),
                            state.panes.len(), if *present { 2 } else { 4 }),
                        on_inspect: send(&state, |at| Action::Inspect(Some(at))),
                        configure: Some(configure),
                        on_swap: Some(send(&state, |(kind, to)| Action::Swap(kind, to))) }) }
                    { inspector(&InspectorProps { inspection: inspection(&state), id_prefix: AttrValue::default() }) }
                    { metrics_table(&MetricsTableProps { panes: state.panes.clone(), id_prefix: AttrValue::default() }) }
                    // The program's own allocator, scored as malloc lab scores one.
                    if first.kind == alloc_sim::StrategyKind::Yours {
                        <ScorePanel program={Rc::<str>::from(state.source.as_str())} open={state.trace.clone()} />
                    }
                </div>
            </div>
            <section class="log" aria-label="Allocator calls">
                <h2>{ format!("Calls under {} (click one to jump there)", first.kind.name()) }</h2>
                { call_log(&CallLogProps { run: first.run.clone(), cursor: state.cursor, held: None,
                    on_jump: send(&state, |n| Action::Seek(Seek::To(n))), id_prefix: AttrValue::default() }) }
            </section>
            <footer>{ footnote(&state.setup) }</footer>
        </main>
    }
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
