fn main() {
    web_ui::app::install_panic_hook();
    yew::Renderer::<web_ui::App>::new().render();
}
