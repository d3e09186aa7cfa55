//! The window's width, kept as the window is resized: the heap diagrams
//! lay their rows out for the width their panes will have
//! ([`pane_px`]).

use gloo::events::EventListener;
use yew::prelude::*;

fn inner_width() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .unwrap_or(1280.0)
}

/// The window's inner width in CSS pixels, updated on resize.
#[hook]
pub fn use_viewport_width() -> f64 {
    let width = use_state(inner_width);
    {
        let width = width.clone();
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "resize", move |_| {
                    let now = inner_width();
                    if (now - *width).abs() >= 1.0 {
                        width.set(now);
                    }
                })
            });
            move || drop(listener)
        });
    }
    *width
}

/// The CSS grid's gap between panes (`.panes`), and the narrowest pane
/// (`minmax(16rem, 1fr)`), in CSS pixels.
const GAP: f64 = 16.0;
const MIN_PANE: f64 = 256.0;

/// How wide each of `panes` panes is in `room` pixels, as `style.css`
/// lays them out: as many columns as fit (at most `max_columns`), the
/// room shared between them.
pub fn pane_px(room: f64, panes: usize, max_columns: usize) -> f64 {
    let fit = ((room + GAP) / (MIN_PANE + GAP)).floor().max(1.0) as usize;
    let columns = fit.min(panes.max(1)).min(max_columns.max(1));
    (room - GAP * (columns - 1) as f64) / columns as f64
}

/// The room the playground gives its panes in a window `viewport` wide:
/// the page's width less its padding, and, beside the code (wider than
/// 60rem, when not presenting), the right column's three fifths.
pub fn playground_room(viewport: f64, presenting: bool) -> f64 {
    let padding = if viewport <= 576.0 {
        2.0 * 11.2
    } else {
        2.0 * 24.0
    };
    let app = viewport.min(1536.0) - padding;
    if presenting || viewport <= 960.0 {
        app
    } else {
        (app - 24.0) * 3.0 / 5.0
    }
}

/// The room a lesson's live block gives its panes: the lesson's column
/// (at most 60rem, less its padding) less the block's padding and border.
pub fn lesson_room(viewport: f64) -> f64 {
    let padding = if viewport <= 576.0 {
        2.0 * 11.2
    } else {
        2.0 * 24.0
    };
    viewport.min(960.0) - padding - 2.0 * 17.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_share_the_room_as_the_grid_shares_it() {
        // One pane takes it all; four in 600 px go two a row.
        assert_eq!(pane_px(600.0, 1, 4), 600.0);
        assert_eq!(pane_px(600.0, 4, 4), (600.0 - 16.0) / 2.0);
        // Presenting: never more than two a row.
        assert_eq!(pane_px(1400.0, 4, 2), (1400.0 - 16.0) / 2.0);
        // A phone: one column, however many panes.
        assert_eq!(pane_px(340.0, 3, 4), 340.0);
    }

    #[test]
    fn the_playgrounds_panes_sit_right_of_the_code_on_a_wide_screen() {
        let wide = playground_room(1280.0, false);
        assert!((wide - (1280.0 - 48.0 - 24.0) * 0.6).abs() < 1e-9);
        assert_eq!(playground_room(1280.0, true), 1280.0 - 48.0);
        assert!(playground_room(390.0, false) > 360.0);
    }
}
