//! A ```` ```layout ```` block: each struct drawn as a row of bytes, a hue
//! per field and padding hatched, with the `Layout` the compiler computes.

use alloc_sim::scenario::StructLayout;
use lessons::blocks::LayoutBlock;
use yew::prelude::*;

use crate::pixels::ALLOCATION_HUES;

/// A run of bytes of a struct: a field's, or padding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// First byte.
    pub offset: u64,
    /// Bytes.
    pub len: u64,
    /// The field's index, or `None` for padding.
    pub field: Option<usize>,
}

/// The struct's bytes from first to last as fields and padding.
pub fn runs(s: &StructLayout) -> Vec<Run> {
    let mut fields: Vec<(usize, u64, u64)> = s
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| (i, f.offset, f.size))
        .collect();
    alloc_sim::stable_sort::sort_by_key(&mut fields, |f| (f.1, f.0));
    let mut out = Vec::new();
    let mut at = 0;
    for (i, offset, size) in fields {
        if offset > at {
            out.push(Run {
                offset: at,
                len: offset - at,
                field: None,
            });
        }
        if size > 0 {
            out.push(Run {
                offset,
                len: size,
                field: Some(i),
            });
        }
        at = at.max(offset + size);
    }
    if s.layout.size > at {
        out.push(Run {
            offset: at,
            len: s.layout.size - at,
            field: None,
        });
    }
    out
}

/// Props of [`layout_view`].
#[derive(PartialEq, Debug)]
pub struct LayoutViewProps {
    /// The block.
    pub block: LayoutBlock,
}

/// Every struct of the block, byte by byte.
pub fn layout_view(props: &LayoutViewProps) -> Html {
    html! {
        <section class="layout-block" aria-label="Struct layouts">
            { for props.block.structs.iter().map(|s| {
                let padding: u64 = runs(s).iter().filter(|r| r.field.is_none()).map(|r| r.len).sum();
                html! {
                    <figure class="struct-layout">
                        <figcaption>
                            <code>{ format!("{}{}", if s.repr_c { "#[repr(C)] " } else { "" }, s.name) }</code>
                            { format!(": Layout {{ size: {}, align: {} }}, {padding} byte(s) of padding", s.layout.size, s.layout.align) }
                        </figcaption>
                        <div class="bytes" role="img" aria-label={format!("{} bytes of {}", s.layout.size, s.name)}>
                            { for runs(s).into_iter().map(|r| {
                                let (label, style, class) = match r.field {
                                    Some(i) => {
                                        let [red, green, blue] = ALLOCATION_HUES[i % ALLOCATION_HUES.len()];
                                        let f = &s.fields[i];
                                        (format!("{}: {}", f.name, f.ty), format!("background:rgb({red},{green},{blue});flex-grow:{}", r.len), "field")
                                    }
                                    None => ("padding".to_string(), format!("flex-grow:{}", r.len), "padding"),
                                };
                                html! {
                                    <span class={classes!("run", class)} style={style} title={format!("{label} — bytes {}..{}", r.offset, r.offset + r.len)}>
                                        <span class="run-label">{ label }</span>
                                        <span class="run-range">{ format!("{}..{}", r.offset, r.offset + r.len) }</span>
                                    </span>
                                }
                            }) }
                        </div>
                    </figure>
                }
            }) }
            <p class="simplified">{ "Offsets as rustc lays the structs out on a 64-bit target; without #[repr(C)], the field order is the compiler's choice and not a promise of the language." }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc_sim::scenario::struct_layouts;
    use alloc_sim::Target;

    #[test]
    fn padding_fills_every_gap_and_the_tail() {
        let s = &struct_layouts(
            "#[repr(C)] struct H { tag: u8, len: u32, next: u64, flags: u8 }",
            Target::Bits64,
        )
        .unwrap()[0];
        let got: Vec<(u64, u64, Option<usize>)> =
            runs(s).iter().map(|r| (r.offset, r.len, r.field)).collect();
        assert_eq!(
            got,
            vec![
                (0, 1, Some(0)),
                (1, 3, None),
                (4, 4, Some(1)),
                (8, 8, Some(2)),
                (16, 1, Some(3)),
                (17, 7, None)
            ]
        );
        assert_eq!(runs(s).iter().map(|r| r.len).sum::<u64>(), s.layout.size);
    }
}
