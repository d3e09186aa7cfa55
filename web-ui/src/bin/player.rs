//! The embeddable player's wasm: `mount` puts one player in an element
//! (`web-ui/player/player.js` calls it for each `<allocscope-player>`);
//! what a player shows is `web_ui::embed`.

use wasm_bindgen::prelude::*;
use web_ui::embed::{Attributes, Player, PlayerProps};

/// A mounted player; `unmount` takes it off the page.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Mounted(Option<yew::AppHandle<Player>>);

#[wasm_bindgen]
impl Mounted {
    /// Takes the player off the page (its element left it).
    pub fn unmount(&mut self) {
        if let Some(app) = self.0.take() {
            app.destroy();
        }
    }
}

/// Mounts a player of `code` with the element's attributes in `host`;
/// `base` is the folder of the player's files (an absolute URL ending in
/// `/`), where the engine's worker and the code editor are found;
/// `id_prefix` keeps its element ids apart from the other players'.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn mount(
    host: web_sys::Element,
    code: String,
    strategies: Option<String>,
    heap: Option<String>,
    step: Option<String>,
    panes: Option<String>,
    settings: Option<String>,
    readonly: bool,
    base: String,
    id_prefix: String,
) -> Mounted {
    web_ui::assets::set_base(&base);
    let props = PlayerProps {
        code: code.into(),
        attributes: Attributes {
            strategies,
            heap,
            step,
            panes,
            settings,
            readonly,
        },
        id_prefix: id_prefix.into(),
    };
    Mounted(Some(
        yew::Renderer::<Player>::with_root_and_props(host, props).render(),
    ))
}

fn main() {
    web_ui::embed::install_panic_hook();
}
