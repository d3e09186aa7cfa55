//! Opening a trace: a file from disk (the picker, or dropped on the page),
//! or one of those shipped with allocscope (served beside the app).

use std::cell::Cell;

use gloo::file::File;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The traces in `alloc-sim/traces/`, copied beside the app by Trunk.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "binary.rep",
        "synthetic: small and large blocks, the large freed, bigger asked for",
    ),
    (
        "coalescing.rep",
        "synthetic: two neighbours freed, both asked for at once",
    ),
    ("random.rep", "synthetic: random sizes, frees and reallocs"),
    (
        "realloc.rep",
        "synthetic: buffers growing by realloc around small blocks",
    ),
    ("json.rep", "recorded: serde_json parsing 2,000 records"),
    (
        "hashmap.rep",
        "recorded: a HashMap of 10,000 strings, built and drained",
    ),
    ("sort.rep", "recorded: 10,000 strings sorted"),
    ("regex.rep", "recorded: a regex over 5,000 log lines"),
];

/// What [`trace_open`] draws, and where what it reads goes.
#[derive(Clone, PartialEq, Debug)]
pub struct TraceOpenProps {
    /// A file's name and bytes were read.
    pub on_open: Callback<(String, Vec<u8>)>,
    /// A file could not be read.
    pub on_error: Callback<String>,
}

/// The largest trace the page opens: about three million ops, three
/// times the largest the e2e suite replays. A file past it (a wrong file
/// picked, most likely) is refused before any of it is read, as a page
/// that read it whole could run out of memory.
pub const MAX_TRACE_BYTES: u64 = 32 << 20;

/// A file's bytes are copied into the page a slice of this size at a
/// time, each in a task of its own: one copy of an 11 MB trace held the
/// page's thread for a long task.
const READ_SLICE: u64 = 1 << 20;

thread_local! {
    /// How many files have been chosen: a read stops at its next slice
    /// once a later file is chosen.
    static CHOSEN: Cell<u64> = const { Cell::new(0) };
}

/// Why a file of `size` bytes is not opened, if it is too large.
pub fn too_large(name: &str, size: u64) -> Option<String> {
    (size > MAX_TRACE_BYTES).then(|| {
        format!(
            "{name}: the file is {} and the page opens traces up to {} (about three million ops); `alloc-sim ops {name} --summary` replays a trace of any size",
            alloc_sim::units::About(size),
            alloc_sim::units::Bytes(MAX_TRACE_BYTES)
        )
    })
}

/// Reads `file` and hands its bytes over: whether they are text is found
/// as they are read, a slice at a time, where reading it as text would
/// transcode an 11 MB trace in one long task of the page's thread.
pub fn read(file: File, props: &TraceOpenProps) {
    let (on_open, on_error) = (props.on_open.clone(), props.on_error.clone());
    let chosen = CHOSEN.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let name = file.name();
    let size = file.size();
    if let Some(why) = too_large(&name, size) {
        on_error.emit(why);
        return;
    }
    yew::platform::spawn_local(async move {
        let mut bytes = Vec::with_capacity(size as usize);
        let mut start = 0;
        while start < size {
            let end = (start + READ_SLICE).min(size);
            match gloo::file::futures::read_as_bytes(&file.slice(start, end)).await {
                Ok(slice) => bytes.extend_from_slice(&slice),
                Err(e) => return on_error.emit(format!("{name}: could not be read ({e})")),
            }
            if CHOSEN.with(Cell::get) != chosen {
                return;
            }
            start = end;
        }
        on_open.emit((name, bytes));
    });
}

/// A file picker and the shipped traces: a plain view.
pub fn trace_open(props: &TraceOpenProps) -> Html {
    let on_file = {
        let props = props.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read(File::from(file), &props);
            }
            input.set_value("");
        })
    };
    let on_shipped = {
        let (on_open, on_error) = (props.on_open.clone(), props.on_error.clone());
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            let name = select.value();
            select.set_value("");
            if name.is_empty() {
                return;
            }
            let (on_open, on_error) = (on_open.clone(), on_error.clone());
            yew::platform::spawn_local(async move {
                let text = crate::fetch::fetch_text(&format!("traces/{name}")).await;
                match text {
                    Ok(text) => on_open.emit((name, text.into_bytes())),
                    Err(e) => on_error.emit(format!("{name}: could not be loaded ({e})")),
                }
            });
        })
    };
    html! {
        <span class="trace-open">
            <label>{ "Open a trace " }
                <input type="file" id="trace-file" accept=".rep,.ops,.txt,text/plain" onchange={on_file} />
            </label>
            <select id="shipped-trace" aria-label="A shipped trace" onchange={on_shipped}>
                <option value="" selected={true}>{ "…or a shipped one" }</option>
                { for SHIPPED.iter().map(|(name, what)| html! { <option value={*name} title={*what}>{ format!("{name} — {what}") }</option> }) }
            </select>
        </span>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_past_the_limit_is_refused_with_its_size_and_what_opens_it() {
        assert_eq!(super::too_large("big.rep", super::MAX_TRACE_BYTES), None);
        let why = super::too_large("big.rep", 100 << 20).unwrap();
        assert_eq!(
            why,
            "big.rep: the file is 100.0 MiB and the page opens traces up to 32 MiB (about three million ops); `alloc-sim ops big.rep --summary` replays a trace of any size"
        );
    }

    #[test]
    fn every_shipped_trace_is_in_the_traces_folder_and_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../alloc-sim/traces");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".rep"))
            .collect();
        alloc_sim::stable_sort::sort(&mut on_disk);
        let mut listed: Vec<String> = super::SHIPPED.iter().map(|(n, _)| n.to_string()).collect();
        alloc_sim::stable_sort::sort(&mut listed);
        assert_eq!(on_disk, listed);
    }
}
