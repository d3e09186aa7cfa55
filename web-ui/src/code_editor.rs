//! The bridge to the code editor, CodeMirror 6 (`web-ui/editor/`, bundled
//! into `editor.js` beside the page by Trunk's hook): [`use_code_editor`]
//! loads the bundle once, after the page's first runs are shown (its start
//! takes a quarter of a second of the page's thread: before them, it held
//! them up), mounts an editor in a host element and keeps it in step with
//! the page.
//!
//! Invariants:
//! - The page never waits for the bundle: until it has loaded (or if it
//!   fails to), the caller shows its own textarea; the hook says which.
//! - Text goes into the editor only when the page's text differs from
//!   both the editor's and the last text the learner typed there, so a
//!   re-render behind the keyboard never moves the cursor or drops a key.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(inline_js = r#"
let loading = null;
let editor = null;
export function load_editor(url) {
  loading ??= import(new URL(url, document.baseURI).href).then((m) => { editor = m; });
  return loading;
}
export function mount_editor(parent, text, onChange, id, label) {
  return editor.mount(parent, text, onChange, { id, label });
}
"#)]
extern "C" {
    /// Loads `editor.js` from `url` (once; later calls share the first
    /// load).
    #[wasm_bindgen(catch)]
    async fn load_editor(url: &str) -> Result<JsValue, JsValue>;

    /// An editor in the page, as `editor.js`'s `mount` returns it.
    type EditorHandle;

    /// Mounts an editor of `text` in `parent`; `on_change` hears the
    /// learner's edits. Only after [`load_editor`] has succeeded.
    fn mount_editor(
        parent: &web_sys::HtmlElement,
        text: &str,
        on_change: &Closure<dyn FnMut(String)>,
        id: &str,
        label: &str,
    ) -> EditorHandle;

    #[wasm_bindgen(method)]
    fn text(this: &EditorHandle) -> String;

    #[wasm_bindgen(method)]
    fn set(this: &EditorHandle, text: &str);

    #[wasm_bindgen(method, js_name = setError)]
    fn set_error(this: &EditorHandle, from: u32, to: u32, message: Option<String>);

    #[wasm_bindgen(method, js_name = setCurrentLine)]
    fn set_current_line(this: &EditorHandle, line: Option<u32>);

    #[wasm_bindgen(method)]
    fn destroy(this: &EditorHandle);
}

/// How long the editor waits at most for the page's first runs: a long
/// run does not keep it away.
const EDITOR_AT_THE_LATEST_MS: u32 = 1500;

/// An error to show in the editor: characters `from..to` of the text
/// (counted in `char`s from 0) underlined, `message` on hover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorMark {
    pub from: usize,
    pub to: usize,
    pub message: String,
}

/// What the editor should show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The text.
    pub source: String,
    /// The error, if any.
    pub error: Option<ErrorMark>,
    /// The current call's line (from 1), if any.
    pub current_line: Option<usize>,
    /// The editable element's id.
    pub id: String,
    /// The editable element's accessible name.
    pub label: &'static str,
}

/// A mounted editor and the closure it calls, which lives as long as it.
struct Mounted {
    handle: EditorHandle,
    _on_change: Closure<dyn FnMut(String)>,
}

impl Mounted {
    fn show_error(&self, error: Option<&ErrorMark>) {
        match error {
            Some(e) => {
                self.handle
                    .set_error(js_count(e.from), js_count(e.to), Some(e.message.clone()))
            }
            None => self.handle.set_error(0, 0, None),
        }
    }

    fn show_current_line(&self, line: Option<usize>) {
        self.handle.set_current_line(line.map(js_count));
    }
}

/// A count for JavaScript (which reads larger ones as the largest).
fn js_count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Mounts the code editor in `host` once its bundle has loaded, shows
/// `shown` in it and sends the learner's edits to `on_edit`. Returns
/// whether it is mounted (until then, the caller shows its textarea).
#[hook]
pub fn use_code_editor(host: NodeRef, shown: Shown, on_edit: Callback<String>) -> bool {
    let mounted = use_state(|| false);
    let editor = use_mut_ref(|| None::<Mounted>);
    // What the page wants now and where edits go now: read when the
    // bundle arrives and on each edit, which may be renders later.
    let latest = use_mut_ref(|| shown.clone());
    *latest.borrow_mut() = shown.clone();
    let on_edit_now = use_mut_ref(|| on_edit.clone());
    *on_edit_now.borrow_mut() = on_edit;
    let typed = use_mut_ref(String::new);

    {
        let (mounted, editor, latest, typed) = (
            mounted.clone(),
            editor.clone(),
            latest.clone(),
            typed.clone(),
        );
        use_effect_with((), move |_| {
            let alive = Rc::new(Cell::new(true));
            let still = alive.clone();
            let slot = editor.clone();
            let load = async move {
                if load_editor(&crate::assets::url("editor.js")).await.is_err() || !still.get() {
                    return;
                }
                let Some(parent) = host.cast::<web_sys::HtmlElement>() else {
                    return;
                };
                let now = latest.borrow().clone();
                let on_change = Closure::<dyn FnMut(String)>::new(move |text: String| {
                    typed.borrow_mut().clone_from(&text);
                    let on_edit = on_edit_now.borrow().clone();
                    on_edit.emit(text);
                });
                let handle = mount_editor(&parent, &now.source, &on_change, &now.id, now.label);
                let new = Mounted {
                    handle,
                    _on_change: on_change,
                };
                new.show_error(now.error.as_ref());
                new.show_current_line(now.current_line);
                *slot.borrow_mut() = Some(new);
                mounted.set(true);
            };
            crate::engine::after_runs_shown(EDITOR_AT_THE_LATEST_MS, move || {
                wasm_bindgen_futures::spawn_local(load);
            });
            move || {
                alive.set(false);
                if let Some(old) = editor.borrow_mut().take() {
                    old.handle.destroy();
                }
            }
        });
    }
    {
        let (editor, typed) = (editor.clone(), typed.clone());
        use_effect_with((shown.source.clone(), *mounted), move |(source, _)| {
            if let Some(m) = editor.borrow().as_ref() {
                if *source != *typed.borrow() && *source != m.handle.text() {
                    m.handle.set(source);
                    typed.borrow_mut().clone_from(source);
                }
            }
        });
    }
    {
        let editor = editor.clone();
        use_effect_with((shown.error.clone(), *mounted), move |(error, _)| {
            if let Some(m) = editor.borrow().as_ref() {
                m.show_error(error.as_ref());
            }
        });
    }
    use_effect_with((shown.current_line, *mounted), move |(line, _)| {
        if let Some(m) = editor.borrow().as_ref() {
            m.show_current_line(*line);
        }
    });
    *mounted
}
