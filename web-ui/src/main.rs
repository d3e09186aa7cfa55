fn main() {
    yew::Renderer::<web_ui::App>::new().render();
}
