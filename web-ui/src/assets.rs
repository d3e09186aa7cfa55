//! Where the page's own files are: the engine's worker, the code editor's
//! bundle.
//!
//! In the app they sit beside the page, so a bare name is enough: the
//! browser resolves it against the page's address. An embedded player
//! (see [`crate::embed`]) runs inside someone else's page, with its files
//! in a folder of their own (`allocscope/` in an mdBook book): it sets that
//! folder as the base once, before it mounts anything, and every file is
//! then found there.

use std::cell::RefCell;

thread_local! {
    static BASE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Every file is looked for under `base` (an absolute URL ending in `/`)
/// from now on.
pub fn set_base(base: &str) {
    BASE.with(|b| *b.borrow_mut() = base.to_string());
}

/// The address of the file `name`: under the base, if one was set;
/// otherwise `name` itself, beside the page.
pub fn url(name: &str) -> String {
    BASE.with(|b| format!("{}{name}", b.borrow()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_stays_beside_the_page_until_a_base_is_set() {
        assert_eq!(url("engine_loader.js"), "engine_loader.js");
        set_base("https://example.org/book/allocscope/");
        assert_eq!(
            url("editor.js"),
            "https://example.org/book/allocscope/editor.js"
        );
        set_base("");
    }
}
