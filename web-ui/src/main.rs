fn main() {
    web_ui::app::install_panic_hook();
    // The page's note for a browser that could not start the app.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    yew::Renderer::<web_ui::App>::new().render();
}
