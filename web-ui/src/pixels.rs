//! The heap map as pixels, computed in Rust; the canvas only shows them.
//!
//! Each cell of the map is `bytes_per_cell` bytes of the heap, drawn as a
//! square of `cell_px` pixels, in rows of `columns` cells. A cell takes the
//! colour of the role that covers most of its bytes. Every live allocation
//! gets its own hue; slack and padding are hatched in their allocation's
//! hue and metadata is dark, so that roles differ by pattern, not by colour
//! alone.

use alloc_sim::{Heap, Metadata, Role};

/// How the map is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// Heap bytes per cell (a power of two).
    pub bytes_per_cell: u64,
    /// Cells per row.
    pub columns: u64,
    /// Pixels per cell side.
    pub cell_px: u64,
}

impl Geometry {
    /// The smallest power-of-two cell that fits `heap_len` bytes in
    /// `columns × max_rows` cells.
    pub fn fit(heap_len: u64, columns: u64, max_rows: u64, cell_px: u64) -> Geometry {
        let cells = (columns * max_rows).max(1);
        let bytes_per_cell = heap_len.div_ceil(cells).next_power_of_two();
        Geometry {
            bytes_per_cell,
            columns,
            cell_px,
        }
    }

    /// Rows needed for the heap.
    pub fn rows(&self, heap_len: u64) -> u64 {
        heap_len
            .div_ceil(self.bytes_per_cell)
            .div_ceil(self.columns)
    }

    /// Canvas size in pixels.
    pub fn size(&self, heap_len: u64) -> (u64, u64) {
        (
            self.columns * self.cell_px,
            self.rows(heap_len) * self.cell_px,
        )
    }

    /// The heap offset of the byte drawn at pixel `(x, y)`, if any.
    pub fn offset_at(&self, x: u64, y: u64, heap_len: u64) -> Option<u64> {
        let (col, row) = (x / self.cell_px, y / self.cell_px);
        if col >= self.columns {
            return None;
        }
        let offset = (row * self.columns + col) * self.bytes_per_cell;
        (offset < heap_len).then_some(offset)
    }

    /// The pixel of the top-left corner of the cell holding heap offset `offset`.
    pub fn pixel_of(&self, offset: u64) -> (u64, u64) {
        let cell = offset / self.bytes_per_cell;
        (
            (cell % self.columns) * self.cell_px,
            (cell / self.columns) * self.cell_px,
        )
    }
}

/// An RGB colour.
pub type Rgb = [u8; 3];

/// Colours chosen to stay apart for common colour-vision deficiencies
/// (the Okabe–Ito palette), cycled over allocations.
pub const ALLOCATION_HUES: [Rgb; 7] = [
    [0xe6, 0x9f, 0x00],
    [0x56, 0xb4, 0xe9],
    [0x00, 0x9e, 0x73],
    [0xf0, 0xe4, 0x42],
    [0x00, 0x72, 0xb2],
    [0xd5, 0x5e, 0x00],
    [0xcc, 0x79, 0xa7],
];

const FREE: Rgb = [0xf2, 0xf2, 0xee];
const UNTOUCHED: Rgb = [0xff, 0xff, 0xff];
const METADATA: Rgb = [0x33, 0x33, 0x3a];
const FREE_METADATA: Rgb = [0x70, 0x70, 0x7a];
/// What the program's own allocator wrote: a violet apart from every
/// built-in strategy's bookkeeping.
const YOURS: Rgb = [0x7a, 0x3f, 0xb0];
const STRANDED: Rgb = [0xb0, 0x30, 0x30];
const SLAB_TAIL: Rgb = [0x70, 0x70, 0x70];

fn hue(id: u32) -> Rgb {
    ALLOCATION_HUES[(id.saturating_sub(1) as usize) % ALLOCATION_HUES.len()]
}

fn lighten(c: Rgb) -> Rgb {
    c.map(|v| v + (255 - v) / 2)
}

/// Which pixels of a cell take a role's first colour; the others take its
/// second. Patterns run across cell borders, so they are functions of the
/// pixel's place on the whole map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    /// Every pixel.
    Solid,
    /// Diagonal hatching, two pixels on and two off.
    Stripes,
    /// A dot every third pixel each way.
    Dots,
    /// A sparse diagonal, every sixth pixel.
    Sparse,
}

/// Every pattern repeats across the map every this many pixels.
const PATTERN_PERIOD: usize = 12;

/// How a role looks: its pattern and its two colours, worked out once a
/// cell rather than once a pixel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Paint {
    pattern: Pattern,
    on: Rgb,
    off: Rgb,
}

impl Paint {
    fn solid(c: Rgb) -> Paint {
        Paint {
            pattern: Pattern::Solid,
            on: c,
            off: c,
        }
    }

    fn of(role: Role) -> Paint {
        let two = |pattern, on, off| Paint { pattern, on, off };
        match role {
            Role::Untouched => Paint::solid(UNTOUCHED),
            Role::Free => Paint::solid(FREE),
            Role::Payload(id) => Paint::solid(hue(id.0)),
            Role::Slack(id) | Role::Padding(id) => {
                two(Pattern::Stripes, hue(id.0), lighten(lighten(hue(id.0))))
            }
            Role::Metadata(Metadata::HoleNode | Metadata::FreeLink) => Paint::solid(FREE_METADATA),
            Role::Metadata(Metadata::Yours) => Paint::solid(YOURS),
            Role::Metadata(_) => Paint::solid(METADATA),
            Role::Stranded(_) => two(Pattern::Stripes, STRANDED, FREE),
            Role::SlabTail => Paint::solid(SLAB_TAIL),
            Role::Cached => two(Pattern::Dots, METADATA, FREE),
            Role::ArenaFree => two(Pattern::Sparse, FREE_METADATA, FREE),
        }
    }

    fn at(&self, x: usize, y: usize) -> Rgb {
        let on = match self.pattern {
            Pattern::Solid => true,
            Pattern::Stripes => (x + y) % 4 < 2,
            Pattern::Dots => x.is_multiple_of(3) && y.is_multiple_of(3),
            Pattern::Sparse => (x + y).is_multiple_of(6),
        };
        if on {
            self.on
        } else {
            self.off
        }
    }
}

/// How a role is filled in the diagram: its colour, and for a hatched or
/// dotted role the colour between the marks (`None` when solid). The same
/// paint as the byte map's, so the legend explains both.
pub fn fill(role: Role) -> (Rgb, Option<(Rgb, &'static str)>) {
    let p = Paint::of(role);
    let pattern = match p.pattern {
        Pattern::Solid => None,
        Pattern::Stripes => Some("stripes"),
        Pattern::Dots => Some("dots"),
        Pattern::Sparse => Some("sparse"),
    };
    (p.on, pattern.map(|name| (p.off, name)))
}

/// The colour of pixel `(x, y)` of the map inside a cell of role `role`:
/// solid for payload, diagonal hatching for slack and padding, dots for
/// cached.
pub fn pixel(role: Role, x: u64, y: u64) -> Rgb {
    Paint::of(role).at(x as usize, y as usize)
}

/// The one-pixel gap between cells, when cells are big enough to see it.
const GAP: Rgb = [0xe0, 0xe0, 0xdc];

/// The role drawn for each cell: the one covering most of its bytes.
pub fn cell_roles(heap: &Heap, g: Geometry) -> Vec<Role> {
    let len = heap.len();
    let cells = len.div_ceil(g.bytes_per_cell);
    let mut out = Vec::with_capacity(cells as usize);
    for cell in 0..cells {
        let start = cell * g.bytes_per_cell;
        let end = (start + g.bytes_per_cell).min(len);
        let role = heap
            .roles()
            .regions_in(start..end)
            .max_by_key(|r| r.len())
            .map_or(Role::Untouched, |r| r.role);
        out.push(role);
    }
    out
}

/// RGBA pixels for the whole map, row by row, ready for `ImageData`.
pub fn render(heap: &Heap, g: Geometry) -> (u64, u64, Vec<u8>) {
    render_marked(heap, g, None)
}

/// Like [`render`], with the cells of `marker` (heap offset and length)
/// outlined in black-and-white dashes that show on any colour.
pub fn render_marked(heap: &Heap, g: Geometry, marker: Option<(u64, u64)>) -> (u64, u64, Vec<u8>) {
    let (w, h) = g.size(heap.len());
    let mut data = vec![255u8; (w * h * 4) as usize];
    let (cell_px, columns) = (g.cell_px.max(1) as usize, g.columns.max(1) as usize);
    let gapped = cell_px >= 6;
    let roles = cell_roles(heap, g);
    // Row by row of cells, then line by line of pixels: each cell's paint
    // is worked out once, and each line is written left to right, a cell's
    // span at a time. A span depends only on the paint, the line and the
    // span's column modulo [`PATTERN_PERIOD`], so neighbours painted alike
    // (a run of free memory, one large block) copy the span before them
    // rather than work it out pixel by pixel: a 512 by 512 map is a
    // quarter of a million pixels, drawn on the page's thread. Cells past
    // the heap's end (in a last row that is not full) stay white.
    let line_bytes = (w as usize * 4).max(1);
    let mut span = vec![[255u8; 4]; cell_px];
    for (r, (row, roles)) in data
        .chunks_exact_mut(line_bytes * cell_px)
        .zip(roles.chunks(columns))
        .enumerate()
    {
        let paints: Vec<Paint> = roles.iter().map(|&role| Paint::of(role)).collect();
        for (dy, line) in row.chunks_exact_mut(line_bytes).enumerate() {
            let y = r * cell_px + dy;
            let mut drawn: Option<(Paint, usize)> = None;
            for (c, (cell, paint)) in line.chunks_exact_mut(4 * cell_px).zip(&paints).enumerate() {
                let x0 = c * cell_px;
                let key = (*paint, x0 % PATTERN_PERIOD);
                if drawn != Some(key) {
                    for (dx, px) in span.iter_mut().enumerate() {
                        let [red, green, blue] =
                            if gapped && (dx == cell_px - 1 || dy == cell_px - 1) {
                                GAP
                            } else {
                                paint.at(x0 + dx, y)
                            };
                        *px = [red, green, blue, 255];
                    }
                    drawn = Some(key);
                }
                cell.copy_from_slice(span.as_flattened());
            }
        }
    }
    if let Some((start, len)) = marker.filter(|m| m.1 > 0) {
        outline(&mut data, g, w, heap.len(), start, len);
    }
    (w, h, data)
}

/// The dark theme's colours for the map's greys: untouched bytes, free
/// memory and the gaps between cells go dark, and the allocators' own
/// bookkeeping, dark on a light page, goes light. Allocations keep their
/// hues, which read on either background.
pub const DARK: [(Rgb, Rgb); 4] = [
    (UNTOUCHED, [0x1d, 0x1d, 0x21]),
    (FREE, [0x35, 0x35, 0x3d]),
    (GAP, [0x26, 0x26, 0x2b]),
    (METADATA, [0xc8, 0xc8, 0xd0]),
];

/// A colour as the dark theme draws it (see [`DARK`]).
pub fn themed(c: Rgb, dark: bool) -> Rgb {
    DARK.iter()
        .find(|(light, _)| dark && *light == c)
        .map_or(c, |(_, d)| *d)
}

/// Repaints rendered pixels for the dark theme (see [`DARK`]).
pub fn darken(data: &mut [u8]) {
    for px in data.as_chunks_mut::<4>().0 {
        let [red, green, blue, alpha] = *px;
        if let Some((_, [r, g, b])) = DARK.iter().find(|(light, _)| *light == [red, green, blue]) {
            *px = [*r, *g, *b, alpha];
        }
    }
}

/// The colour of the break's mark: a magenta no role and no allocation has.
pub const BREAK: Rgb = [0xe0, 0x00, 0xe0];

/// Marks the break (`sbrk`'s end of the heap, at heap offset `brk`): a
/// bar two pixels wide down the left edge of the cell it falls in, so the
/// bytes the allocator has obtained end where the bar is.
pub fn mark_break(data: &mut [u8], g: Geometry, w: u64, heap_len: u64, brk: u64) {
    if brk >= heap_len {
        return;
    }
    let (x0, y0) = g.pixel_of(brk);
    for dy in 0..g.cell_px {
        for dx in 0..2.min(g.cell_px) {
            let i = (((y0 + dy) * w + x0 + dx) * 4) as usize;
            if let Some(px) = data.get_mut(i..i + 3) {
                px.copy_from_slice(&BREAK);
            }
        }
    }
}

/// Draws the border of the cells covering `start..start + len`: every edge
/// of a marked cell whose neighbour is not marked.
fn outline(data: &mut [u8], g: Geometry, w: u64, heap_len: u64, start: u64, len: u64) {
    let first = start / g.bytes_per_cell;
    let last = (start + len - 1).min(heap_len - 1) / g.bytes_per_cell;
    let marked = |cell: i64| cell >= first as i64 && cell <= last as i64;
    let cols = g.columns as i64;
    for cell in first..=last {
        let (x0, y0) = g.pixel_of(cell * g.bytes_per_cell);
        let c = cell as i64;
        let edges = [
            (
                !marked(c - cols),
                (0..g.cell_px).map(|d| (d, 0)).collect::<Vec<_>>(),
            ),
            (
                !marked(c + cols),
                (0..g.cell_px).map(|d| (d, g.cell_px - 1)).collect(),
            ),
            (
                c % cols == 0 || !marked(c - 1),
                (0..g.cell_px).map(|d| (0, d)).collect(),
            ),
            (
                c % cols == cols - 1 || !marked(c + 1),
                (0..g.cell_px).map(|d| (g.cell_px - 1, d)).collect(),
            ),
        ];
        for (draw, pixels) in edges {
            if !draw {
                continue;
            }
            for (dx, dy) in pixels {
                let (x, y) = (x0 + dx, y0 + dy);
                let shade = if (x + y) % 4 < 2 { 0 } else { 255 };
                let i = ((y * w + x) * 4) as usize;
                data[i..i + 3].copy_from_slice(&[shade, shade, shade]);
            }
        }
    }
}

/// WCAG's relative luminance, for checking contrast.
pub fn luminance(c: Rgb) -> f64 {
    let channel = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.039_28 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
}

/// WCAG's contrast ratio between two colours.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc_sim::{AllocId, HeapConfig, Simulation, StrategyKind};

    /// A colour as seen with a colour-vision deficiency: Machado, Oliveira
    /// and Fernandes (2009)'s matrices at full severity, in linear RGB.
    fn as_seen(c: Rgb, m: [[f64; 3]; 3]) -> [f64; 3] {
        let lin = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.040_45 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = c.map(lin);
        m.map(|row| (row[0] * l[0] + row[1] * l[1] + row[2] * l[2]).clamp(0.0, 1.0))
    }

    /// CIELAB of a linear sRGB colour (D65).
    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
        let f = |t: f64| {
            if t > 0.008_856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    #[test]
    fn allocation_hues_stay_apart_for_the_common_colour_vision_deficiencies() {
        const VISIONS: [(&str, [[f64; 3]; 3]); 4] = [
            (
                "typical",
                [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            ),
            (
                "protanopia",
                [
                    [0.152_286, 1.052_583, -0.204_868],
                    [0.114_503, 0.786_281, 0.099_216],
                    [-0.003_882, -0.048_116, 1.051_998],
                ],
            ),
            (
                "deuteranopia",
                [
                    [0.367_322, 0.860_646, -0.227_968],
                    [0.280_085, 0.672_501, 0.047_413],
                    [-0.011_820, 0.042_940, 0.968_881],
                ],
            ),
            (
                "tritanopia",
                [
                    [1.255_528, -0.076_749, -0.178_779],
                    [-0.078_411, 0.930_809, 0.147_602],
                    [0.004_733, 0.691_367, 0.303_900],
                ],
            ),
        ];
        // Beside the hues: what a block sits next to in either theme.
        let backgrounds = [UNTOUCHED, FREE, METADATA, FREE_METADATA]
            .into_iter()
            .chain(DARK.map(|(_, d)| d));
        let backgrounds: Vec<Rgb> = backgrounds.collect();
        for (vision, m) in VISIONS {
            let seen = |c: Rgb| lab(as_seen(c, m));
            let distance = |a: Rgb, b: Rgb| {
                let (a, b) = (seen(a), seen(b));
                ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
            };
            // ΔE*ab above 10 is a difference seen at a glance; the Okabe–Ito
            // hues keep more than 15 between any two, for every vision.
            for (i, &a) in ALLOCATION_HUES.iter().enumerate() {
                for &b in &ALLOCATION_HUES[i + 1..] {
                    assert!(distance(a, b) > 15.0, "{vision}: {a:?} and {b:?}");
                }
                for &b in &backgrounds {
                    assert!(distance(a, b) > 15.0, "{vision}: {a:?} on {b:?}");
                }
            }
        }
    }

    #[test]
    fn the_dark_theme_repaints_only_the_light_background_colours() {
        let mut sim = Simulation::new(HeapConfig::new(1024), StrategyKind::FirstFit).unwrap();
        let a = sim.alloc(Layout::from_size_align(40, 8).unwrap()).unwrap();
        sim.alloc(Layout::from_size_align(8, 8).unwrap()).unwrap();
        sim.dealloc(a, Layout::from_size_align(40, 8).unwrap())
            .unwrap();
        let g = Geometry::fit(1024, 16, 64, 8);
        let (_, _, light) = render(sim.heap(), g);
        let mut dark = light.clone();
        darken(&mut dark);
        let mut changed = 0;
        for (l, d) in light.chunks_exact(4).zip(dark.chunks_exact(4)) {
            match DARK.iter().find(|(from, _)| l[..3] == from[..]) {
                Some((_, to)) => {
                    assert_eq!(&d[..3], &to[..]);
                    changed += 1;
                }
                None => assert_eq!(l, d, "an allocation's or the metadata's pixel changed"),
            }
        }
        assert!(changed > 0);
        // No allocation hue is one of the colours repainted.
        for hue in ALLOCATION_HUES {
            for c in [hue, lighten(hue), lighten(lighten(hue))] {
                assert!(DARK.iter().all(|(light, _)| *light != c), "{c:?}");
            }
        }
        // The greys of the dark theme stay apart from each other and from
        // the free-list nodes' grey, which both themes share.
        let greys: Vec<Rgb> = [UNTOUCHED, FREE, METADATA]
            .iter()
            .map(|c| DARK.iter().find(|(l, _)| l == c).unwrap().1)
            .chain([FREE_METADATA])
            .collect();
        for (i, a) in greys.iter().enumerate() {
            for b in &greys[i + 1..] {
                assert!(contrast(*a, *b) > 1.25, "{a:?} and {b:?} look alike");
            }
        }
    }
    use core::alloc::Layout;

    #[test]
    fn the_break_has_a_colour_of_its_own() {
        assert!(!ALLOCATION_HUES.contains(&BREAK));
        for c in [
            FREE,
            UNTOUCHED,
            METADATA,
            FREE_METADATA,
            STRANDED,
            SLAB_TAIL,
        ] {
            assert_ne!(c, BREAK);
        }
    }

    #[test]
    fn byte_to_cell_to_pixel_and_back() {
        let g = Geometry::fit(1 << 20, 256, 256, 2);
        assert_eq!(g.bytes_per_cell, 16);
        for offset in [0u64, 16, 4096, (1 << 20) - 16] {
            let (x, y) = g.pixel_of(offset);
            assert_eq!(g.offset_at(x + 1, y + 1, 1 << 20), Some(offset));
        }
        assert_eq!(g.offset_at(256 * 2, 0, 1 << 20), None);
        assert_eq!(g.size(1 << 20), (512, 512));
    }

    #[test]
    fn a_small_heap_gets_one_byte_per_cell() {
        let g = Geometry::fit(1024, 32, 32, 12);
        assert_eq!(g.bytes_per_cell, 1);
        assert_eq!(g.rows(1024), 32);
    }

    #[test]
    fn cells_take_their_majority_role() {
        let mut sim = Simulation::new(HeapConfig::new(256), StrategyKind::FirstFit).unwrap();
        sim.alloc(Layout::from_size_align(20, 8).unwrap()).unwrap();
        let roles = cell_roles(
            sim.heap(),
            Geometry {
                bytes_per_cell: 8,
                columns: 8,
                cell_px: 1,
            },
        );
        assert_eq!(roles[0], Role::Payload(AllocId(1)));
        assert_eq!(
            roles[2],
            Role::Slack(AllocId(1)),
            "bytes 16..24: 4 payload, 4 slack; a tie goes to the later role"
        );
        assert_eq!(roles[3], Role::Metadata(Metadata::HoleNode));
    }

    #[test]
    fn the_palette_stands_out_from_free_memory_and_from_itself() {
        for c in ALLOCATION_HUES {
            assert!(contrast(c, FREE) > 1.15, "{c:?} vs free");
        }
        assert!(contrast(METADATA, FREE) > 7.0);
        for (i, a) in ALLOCATION_HUES.iter().enumerate() {
            for b in &ALLOCATION_HUES[i + 1..] {
                let distance: i32 = a
                    .iter()
                    .zip(b)
                    .map(|(x, y)| (i32::from(*x) - i32::from(*y)).abs())
                    .sum();
                assert!(distance > 80, "{a:?} and {b:?} are too alike");
            }
        }
    }

    #[test]
    fn a_marker_outlines_its_cells_and_nothing_else() {
        let sim = Simulation::new(HeapConfig::new(256), StrategyKind::FirstFit).unwrap();
        let g = Geometry {
            bytes_per_cell: 16,
            columns: 4,
            cell_px: 4,
        };
        let (w, _, plain) = render(sim.heap(), g);
        let (_, _, marked) = render_marked(sim.heap(), g, Some((16, 32)));
        // The break's bar lands on the left edge of its cell.
        let mut with_break = plain.clone();
        mark_break(&mut with_break, g, w, 256, 40);
        let (x, y) = g.pixel_of(40);
        let at = ((y * w + x) * 4) as usize;
        assert_eq!(with_break[at..at + 3], BREAK);
        assert_eq!(with_break.len(), plain.len());
        let changed: Vec<(u64, u64)> = (0..plain.len() / 4)
            .filter(|i| plain[i * 4..i * 4 + 3] != marked[i * 4..i * 4 + 3])
            .map(|i| (i as u64 % w, i as u64 / w))
            .collect();
        assert!(!changed.is_empty());
        // Cells 1 and 2 of row 0: pixels x 4..12, y 0..4 only.
        assert!(
            changed.iter().all(|&(x, y)| (4..12).contains(&x) && y < 4),
            "{changed:?}"
        );
    }

    /// The map pixel by pixel, straight from the definition: each cell's
    /// majority role, [`pixel`] at each point, the gap on the cell's last
    /// line and column.
    fn reference(heap: &Heap, g: Geometry) -> Vec<u8> {
        let (w, h) = g.size(heap.len());
        let roles = cell_roles(heap, g);
        let mut data = vec![255u8; (w * h * 4) as usize];
        for y in 0..h {
            for x in 0..w {
                let Some(offset) = g.offset_at(x, y, heap.len()) else {
                    continue;
                };
                let (dx, dy) = (x % g.cell_px, y % g.cell_px);
                let rgb = if g.cell_px >= 6 && (dx == g.cell_px - 1 || dy == g.cell_px - 1) {
                    GAP
                } else {
                    pixel(roles[(offset / g.bytes_per_cell) as usize], x, y)
                };
                let i = ((y * w + x) * 4) as usize;
                data[i..i + 3].copy_from_slice(&rgb);
            }
        }
        data
    }

    #[test]
    fn the_map_is_its_cells_painted_pixel_by_pixel() {
        let sizes = [(20, 8), (100, 16), (3, 1), (40, 8), (7, 4)];
        let geometries = [
            Geometry {
                bytes_per_cell: 1,
                columns: 64,
                cell_px: 8,
            },
            Geometry {
                bytes_per_cell: 4,
                columns: 24,
                cell_px: 5,
            },
            Geometry {
                bytes_per_cell: 16,
                columns: 7,
                cell_px: 1,
            },
        ];
        for kind in StrategyKind::ALL {
            // Allocate, then free every other block: live, free, slack,
            // padding and metadata side by side.
            let mut sim = Simulation::new(HeapConfig::new(16 << 10), kind).unwrap();
            // (A strategy that refuses a size leaves the heap as it was.)
            let live: Vec<_> = sizes
                .iter()
                .filter_map(|&(size, align)| {
                    let layout = Layout::from_size_align(size, align).unwrap();
                    Some((sim.alloc(layout).ok()?, layout))
                })
                .collect();
            assert!(!live.is_empty(), "{kind}");
            for &(addr, layout) in live.iter().step_by(2) {
                sim.dealloc(addr, layout).unwrap();
            }
            for g in geometries {
                let (_, _, drawn) = render(sim.heap(), g);
                assert_eq!(drawn, reference(sim.heap(), g), "{kind}, {g:?}");
            }
        }
    }

    #[test]
    fn every_pattern_repeats_within_its_period_across_the_map() {
        let id = AllocId(3);
        let roles = [
            Role::Payload(id),
            Role::Slack(id),
            Role::Stranded(id),
            Role::Cached,
            Role::ArenaFree,
        ];
        for role in roles {
            let paint = Paint::of(role);
            for (x, y) in (0..48).flat_map(|x| (0..24).map(move |y| (x, y))) {
                assert_eq!(
                    paint.at(x, y),
                    paint.at(x + PATTERN_PERIOD, y),
                    "{role:?} at {x},{y}"
                );
            }
        }
    }

    #[test]
    fn slack_is_hatched_not_just_recoloured() {
        let id = AllocId(1);
        assert_ne!(pixel(Role::Slack(id), 0, 0), pixel(Role::Slack(id), 2, 0));
        assert_eq!(
            pixel(Role::Payload(id), 0, 0),
            pixel(Role::Payload(id), 2, 0)
        );
    }
}
