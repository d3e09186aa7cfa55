//! What the heap maps' colours and marks mean: the roles the shown
//! strategies paint and the marks they draw, as each strategy declares them
//! (`Described::ROLES`, `Described::MARKS`), with swatches taken from the
//! map's own palette.

use alloc_sim::{RoleClass, StrategyKind};
use yew::prelude::*;

use crate::pixels::{self, Rgb};

/// Props of [`legend`].
#[derive(PartialEq, Debug)]
pub struct LegendProps {
    /// The strategies shown.
    pub kinds: Vec<StrategyKind>,
    /// Role classes painted on a shown heap although no strategy declares
    /// them (a bump arena's chunks).
    pub also: Vec<RoleClass>,
}

/// The classes to explain for `kinds`: every one they declare, plus `also`,
/// in the role map's order.
pub fn classes(kinds: &[StrategyKind], also: &[RoleClass]) -> Vec<RoleClass> {
    RoleClass::ALL
        .into_iter()
        .filter(|c| also.contains(c) || kinds.iter().any(|k| k.roles().contains(c)))
        .collect()
}

/// A swatch's CSS: the class's colour, hatched as the map hatches it, in
/// the page's theme.
pub fn swatch_style(class: RoleClass, dark: bool) -> String {
    let rgb = |c: Rgb| {
        let c = pixels::themed(c, dark);
        format!("rgb({},{},{})", c[0], c[1], c[2])
    };
    let role = class.example();
    // The map hatches with a period of four pixels: two samples tell solid
    // from hatched.
    let (a, b) = (pixels::pixel(role, 0, 0), pixels::pixel(role, 2, 0));
    let border = if pixels::contrast(a, pixels::pixel(alloc_sim::Role::Untouched, 0, 0)) < 1.2 {
        ";border:1px solid #ccc"
    } else {
        ""
    };
    if a == b {
        format!("background:{}{border}", rgb(a))
    } else {
        format!(
            "background:repeating-linear-gradient(135deg,{} 0 2px,{} 2px 4px){border}",
            rgb(a),
            rgb(b)
        )
    }
}

fn swatch(style: String, name: &str) -> Html {
    html! { <span class="swatch-item"><span class="swatch" style={style}></span>{ name.to_string() }</span> }
}

/// The legend under the heap maps.
pub fn legend(props: &LegendProps) -> Html {
    let marks = props.kinds.iter().flat_map(|k| k.marks().iter());
    let dark = crate::components::heap_map::dark_theme();
    let rgb = |c: Rgb| format!("rgb({},{},{})", c[0], c[1], c[2]);
    html! {
        <p class="legend" aria-label="Legend">
            { for classes(&props.kinds, &props.also).into_iter().map(|c| swatch(swatch_style(c, dark), c.legend())) }
            { for marks.map(|m| swatch(format!("background:linear-gradient(90deg,{} 0 3px,#fff 3px)", rgb(pixels::BREAK)), m.legend)) }
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_explains_every_class_a_strategy_declares_and_no_other() {
        let shown = classes(&[StrategyKind::Jemalloc], &[]);
        assert_eq!(shown.len(), StrategyKind::Jemalloc.roles().len());
        assert!(shown.contains(&RoleClass::Cached));
        assert!(!shown.contains(&RoleClass::Metadata));
        let with_arena = classes(&[StrategyKind::Bump], &[RoleClass::ArenaFree]);
        assert!(with_arena.contains(&RoleClass::ArenaFree));
    }

    #[test]
    fn hatched_classes_get_hatched_swatches_from_the_palette() {
        assert!(swatch_style(RoleClass::Slack, false).contains("repeating-linear-gradient"));
        assert!(!swatch_style(RoleClass::Payload, false).contains("gradient"));
        let payload = pixels::pixel(RoleClass::Payload.example(), 0, 0);
        assert!(swatch_style(RoleClass::Payload, false).contains(&format!(
            "rgb({},{},{})",
            payload[0], payload[1], payload[2]
        )));
    }

    #[test]
    fn in_the_dark_theme_swatches_show_the_dark_maps_greys() {
        for (light, dark) in pixels::DARK {
            let class = RoleClass::ALL
                .into_iter()
                .find(|c| pixels::pixel(c.example(), 0, 0) == light);
            let Some(class) = class else { continue };
            let rgb = |c: Rgb| format!("rgb({},{},{})", c[0], c[1], c[2]);
            assert!(swatch_style(class, true).contains(&rgb(dark)), "{class:?}");
            assert!(
                swatch_style(class, false).contains(&rgb(light)),
                "{class:?}"
            );
        }
    }
}
