//! The heap drawn as a diagram: the bytes laid out in rows, each run of one
//! role a rectangle, each allocation a labelled block (its number, size and
//! `Layout` when the block is wide enough to hold them), each free-list
//! link an arrow to the node it names. Computed here, in plain Rust the
//! native tests can read; `components/heap_diagram.rs` only draws it.
//!
//! Coordinates are the SVG's own units: a gutter of [`GUTTER`] for the row
//! addresses, then up to [`WIDTH`] units for a row's bytes. The picture
//! scales as a whole with its pane, text included, so what fits here fits
//! on screen; a narrow pane (a phone, four panes side by side) gets fewer
//! units a row and more rows, so that its labels are still read at
//! [`MIN_TEXT_PX`] ([`Scale::row_units_for`]).
//!
//! What is shown is the part of the heap in use (up to the last byte any
//! allocator ever touched, which only grows during a run), or the whole
//! heap: the learner chooses. Panes side by side share one scale, taken
//! from their runs' ends, so the same allocation is as wide in every pane
//! and the rows do not reflow from step to step.

use alloc_sim::scenario::{CallOp, Run};
use alloc_sim::{Addr, AllocId, FreeLink, Heap, Metadata, Role};

/// Units of a row's bytes, at most.
pub const WIDTH: f64 = 1000.0;
/// The fewest units of a row's bytes.
pub const MIN_WIDTH: f64 = 400.0;
/// The labels' smallest size on screen, in CSS pixels.
pub const MIN_TEXT_PX: f64 = 12.0;
/// Units left of the rows, for their addresses.
pub const GUTTER: f64 = 150.0;
/// A row's height.
pub const ROW_H: f64 = 56.0;
/// The gap above each row, where links arc.
pub const ROW_GAP: f64 = 30.0;
/// The labels' font size.
pub const FONT: f64 = 22.0;
/// A monospace character's advance at [`FONT`].
const CHAR_W: f64 = FONT * 0.6;
/// At most this many rows when the heap is fitted at [`WIDTH`] units a row
/// (more when rows are narrower: the same area).
const MAX_ROWS: u64 = 16;
/// Beyond this many rectangles a diagram helps no one (and costs the page
/// a frame): the byte map is drawn instead.
pub const MAX_PIECES: usize = 2000;

/// How many bytes a row holds and how many rows there are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Bytes per row: a power of two, at least 16.
    pub bytes_per_row: u64,
    /// Rows drawn.
    pub rows: u64,
    /// Bytes drawn: the rows' bytes, but never past the heap's end.
    pub shown: u64,
    /// Units a row's bytes take.
    pub row_units: f64,
}

impl Scale {
    /// The scale that shows `extent` bytes of a heap of `heap_len` in rows
    /// of `row_units` (see [`Scale::row_units_for`]): at most [`MAX_ROWS`]
    /// rows of [`WIDTH`], or proportionally more of fewer units.
    pub fn fit(extent: u64, heap_len: u64, row_units: f64) -> Scale {
        let row_units = row_units.clamp(MIN_WIDTH, WIDTH);
        let max_rows = (MAX_ROWS as f64 * WIDTH / row_units).floor() as u64;
        let extent = extent.clamp(1, heap_len.max(1));
        let bytes_per_row = extent.div_ceil(max_rows).next_power_of_two().max(16);
        let rows = extent.div_ceil(bytes_per_row);
        Scale {
            bytes_per_row,
            rows,
            shown: (rows * bytes_per_row).min(heap_len),
            row_units,
        }
    }

    /// The units a row can have in a pane `pane_px` CSS pixels wide with
    /// its labels at least [`MIN_TEXT_PX`] on screen.
    pub fn row_units_for(pane_px: f64) -> f64 {
        let units = pane_px * FONT / MIN_TEXT_PX;
        (units - GUTTER - 4.0).clamp(MIN_WIDTH, WIDTH)
    }

    /// The same bytes a row, with only the rows that reach `extent` (at
    /// least one): a run's rows appear as it reaches them, and never
    /// reflow.
    pub fn showing(self, extent: u64, heap_len: u64) -> Scale {
        let rows = extent
            .div_ceil(self.bytes_per_row)
            .clamp(1, self.rows.max(1));
        Scale {
            rows,
            shown: (rows * self.bytes_per_row).min(heap_len),
            ..self
        }
    }

    /// The x of heap offset `offset` within its row.
    fn x(&self, offset: u64) -> f64 {
        GUTTER + self.row_units * (offset % self.bytes_per_row) as f64 / self.bytes_per_row as f64
    }
}

/// How tall the band is that stands for rows left out.
pub const GAP_H: f64 = 44.0;

/// Rows left out of a picture: `len` bytes from `start`, none of them ever
/// touched, drawn as one thin band at `y`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    /// The band's top.
    pub y: f64,
    /// The first offset left out.
    pub start: u64,
    /// Bytes left out.
    pub len: u64,
}

/// Where each row of a pane's picture is. Two or more rows in a row that
/// the run never touches (a bump allocator's untouched bottom, the pages
/// between a size class's slabs) are left out, a band in their place, so
/// the picture shows what is in use; rows touched only later in the run
/// are kept from the start, so nothing shifts as the run steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    /// The scale, shared by the panes side by side.
    pub scale: Scale,
    /// Each row's top, or `None` when it is left out.
    tops: Vec<Option<f64>>,
    /// The bands standing for rows left out.
    pub gaps: Vec<Gap>,
    /// The picture's height.
    pub height: f64,
}

impl Rows {
    /// Every row of `scale`, none left out.
    pub fn all(scale: Scale) -> Rows {
        Rows::new(scale, |_| true)
    }

    /// The rows of `scale`, leaving out runs of two or more for which
    /// `touched` is false.
    pub fn new(scale: Scale, touched: impl Fn(u64) -> bool) -> Rows {
        let n = scale.rows;
        let touched: Vec<bool> = (0..n).map(&touched).collect();
        let mut tops = vec![None; n as usize];
        let mut gaps = Vec::new();
        let mut y = 0.0;
        let mut row = 0;
        while row < n {
            let run = touched[row as usize..].iter().take_while(|t| !**t).count() as u64;
            if run >= 2 {
                let start = row * scale.bytes_per_row;
                let end = ((row + run) * scale.bytes_per_row).min(scale.shown);
                gaps.push(Gap {
                    y,
                    start,
                    len: end - start,
                });
                y += GAP_H;
                row += run;
                continue;
            }
            tops[row as usize] = Some(y + ROW_GAP);
            y += ROW_GAP + ROW_H;
            row += 1;
        }
        Rows {
            scale,
            tops,
            gaps,
            height: y + ROW_GAP / 2.0,
        }
    }

    /// The rows of `scale` for a heap that reaches `reach` at most: what
    /// the run will have touched by its end (see [`Rows`]).
    pub fn reached(scale: Scale, reach: &Heap) -> Rows {
        let bpr = scale.bytes_per_row;
        let len = reach.len();
        Rows::new(scale, |r| {
            let (start, end) = (r * bpr, ((r + 1) * bpr).min(len));
            start < end
                && reach
                    .roles()
                    .regions_in(start..end)
                    .any(|g| g.role != Role::Untouched)
        })
    }

    /// The top of row `row`, if it is drawn.
    pub fn top(&self, row: u64) -> Option<f64> {
        self.tops.get(row as usize).copied().flatten()
    }

    /// Where heap offset `offset` is drawn: (x, y of its row's top), if
    /// its row is.
    pub fn point(&self, offset: u64) -> Option<(f64, f64)> {
        let y = self.top(offset / self.scale.bytes_per_row)?;
        Some((self.scale.x(offset), y))
    }

    /// The whole picture's size: (width, height).
    pub fn size(&self) -> (f64, f64) {
        (GUTTER + self.scale.row_units + 4.0, self.height)
    }

    /// The rectangles of `start..end` (offsets), one per drawn row it
    /// crosses.
    pub fn segments(&self, start: u64, end: u64) -> Vec<Seg> {
        let scale = &self.scale;
        let end = end.min(scale.shown);
        let mut segs = Vec::new();
        let mut at = start;
        while at < end {
            let row_end = (at / scale.bytes_per_row + 1) * scale.bytes_per_row;
            let stop = end.min(row_end);
            if let Some((x, y)) = self.point(at) {
                let w = scale.row_units * (stop - at) as f64 / scale.bytes_per_row as f64;
                segs.push(Seg { x, y, w });
            }
            at = stop;
        }
        segs
    }
}

/// How far into the heap anything was ever written: one past the last
/// byte that is not untouched (0 for a fresh heap).
pub fn extent(heap: &Heap) -> u64 {
    heap.regions()
        .rev()
        .find(|r| r.role != Role::Untouched)
        .map_or(0, |r| r.end)
}

/// One rectangle, a row high.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seg {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
}

/// A run of bytes with one role, as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// What the bytes are for.
    pub role: Role,
    /// First offset.
    pub start: u64,
    /// One past the last.
    pub end: u64,
    /// Its rectangles.
    pub segs: Vec<Seg>,
}

/// A short text drawn centred at a point.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Centre.
    pub x: f64,
    /// Baseline's height: the middle of the row.
    pub y: f64,
    /// The words.
    pub text: String,
}

/// What a live allocation is, as the call that made it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    /// Its size now (a `realloc`'s new size).
    pub size: u64,
    /// Its alignment.
    pub align: u64,
}

/// One live allocation: its padding, payload and slack together.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Its number.
    pub id: AllocId,
    /// Where its payload starts (the address the program holds).
    pub addr: Addr,
    /// First offset of the block (its padding, if any).
    pub start: u64,
    /// One past its last byte (its slack's end).
    pub end: u64,
    /// Its layout, if a call of the run made it.
    pub made: Option<Made>,
    /// Its label, if the block is wide enough for one.
    pub label: Option<Label>,
    /// Everything it is, for a tooltip and for screen readers.
    pub title: String,
}

/// A free-list link, drawn as an arrow.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// The link.
    pub link: FreeLink,
    /// SVG path data.
    pub path: String,
}

/// A row's address, at the row's left.
#[derive(Debug, Clone, PartialEq)]
pub struct RowLabel {
    /// The row's top.
    pub y: f64,
    /// Its first byte's address.
    pub addr: Addr,
}

/// The whole picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    /// Where its rows are.
    pub layout: Rows,
    /// Every run of bytes shown, lowest first.
    pub pieces: Vec<Piece>,
    /// Every live allocation shown, lowest first.
    pub blocks: Vec<Block>,
    /// Labels of free memory and bookkeeping wide enough for one, with
    /// the role of what they label.
    pub notes: Vec<(Role, Label)>,
    /// The free lists' links, when there are at most [`MAX_ARROWS`].
    pub arrows: Vec<Arrow>,
    /// Links not drawn because there are too many to follow.
    pub links_not_drawn: usize,
    /// The rows' addresses.
    pub rows: Vec<RowLabel>,
    /// What is not drawn: (first offset, bytes), all of it untouched or
    /// past the rows shown.
    pub rest: Option<(u64, u64)>,
}

/// The allocation a role belongs to, for the roles drawn as its block.
fn owner(role: Role) -> Option<AllocId> {
    match role {
        Role::Payload(id) | Role::Slack(id) | Role::Padding(id) => Some(id),
        _ => None,
    }
}

/// The label of the widest of `segs` that holds one of `texts` (tried in
/// order, longest first), if any does.
fn fit_label(segs: &[Seg], texts: &[String]) -> Option<Label> {
    let seg = segs.iter().max_by(|a, b| a.w.total_cmp(&b.w))?;
    let room = seg.w - 8.0;
    let text = texts
        .iter()
        .find(|t| t.chars().count() as f64 * CHAR_W <= room)?;
    Some(Label {
        x: seg.x + seg.w / 2.0,
        y: seg.y + ROW_H / 2.0,
        text: text.clone(),
    })
}

/// What each live block of `heap` was made by, among the first `cursor`
/// calls of `run`: the latest call that returned its address, which is
/// the one that made the block live there.
pub fn made_by(run: &Run, cursor: usize, addrs: &[Addr]) -> Vec<Option<Made>> {
    let mut out = vec![None; addrs.len()];
    let mut left = addrs.len();
    for call in run.calls[..cursor.min(run.calls.len())].iter().rev() {
        if left == 0 {
            break;
        }
        if !matches!(
            call.op,
            CallOp::Alloc | CallOp::AllocZeroed | CallOp::Realloc
        ) {
            continue;
        }
        let Some(addr) = call.addr.filter(|_| call.succeeded()) else {
            continue;
        };
        if let Some(i) = addrs.iter().position(|&a| a == addr) {
            if out[i].is_none() {
                out[i] = Some(Made {
                    size: call.new_size.unwrap_or(call.layout.size),
                    align: call.layout.align,
                });
                left -= 1;
            }
        }
    }
    out
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The texts a block may be labelled with, longest first.
fn block_texts(id: AllocId, payload: u64, made: Option<Made>) -> Vec<String> {
    let size = thousands(payload);
    let mut texts = Vec::new();
    if let Some(m) = made {
        texts.push(format!(
            "{id} Layout {{ size: {}, align: {} }}",
            thousands(m.size),
            m.align
        ));
        texts.push(format!("{id} · {size} B, align {}", m.align));
    }
    texts.push(format!("{id} · {size} B"));
    texts.push(id.to_string());
    texts
}

/// The texts a run of free memory or bookkeeping may be labelled with.
fn note_texts(role: Role, len: u64) -> Vec<String> {
    match role {
        Role::Free => vec![format!("free {} B", thousands(len)), "free".into()],
        Role::Metadata(Metadata::Header) => vec!["header".into(), "hdr".into()],
        Role::Metadata(Metadata::HoleNode) => vec!["size · next".into(), "node".into()],
        Role::Metadata(Metadata::FreeLink) => vec!["next".into()],
        Role::Metadata(Metadata::BoundaryTag) => vec!["tag".into()],
        Role::Metadata(Metadata::ChunkFooter) => vec!["footer".into()],
        Role::Stranded(_) => vec![format!("stranded {} B", thousands(len))],
        _ => Vec::new(),
    }
}

/// More links than this are a tangle, not a chain to follow: none is
/// drawn, and the caption says how many there are.
pub const MAX_ARROWS: usize = 32;

/// The arc of a link from the node at `from` to the node at `to`, above
/// their rows, if both rows are drawn.
fn arc(rows: &Rows, from: u64, to: u64) -> Option<String> {
    let (x1, y1) = rows.point(from)?;
    let (x2, y2) = rows.point(to)?;
    let (x1, x2) = (x1 + 6.0, x2 + 4.0);
    let lift = ROW_GAP * 0.9;
    Some(format!(
        "M{x1:.1} {y1:.1} C{x1:.1} {:.1} {x2:.1} {:.1} {x2:.1} {y2:.1}",
        y1 - lift,
        y2 - lift
    ))
}

/// The diagram of `heap` in `layout`'s rows, with each block's layout from
/// `made` (see [`made_by`]), or `None` when it would have more than
/// [`MAX_PIECES`] rectangles.
pub fn diagram(
    heap: &Heap,
    layout: Rows,
    made: impl FnOnce(&[Addr]) -> Vec<Option<Made>>,
    links: &[FreeLink],
) -> Option<Diagram> {
    let base = heap.base();
    let scale = layout.scale;
    let regions: Vec<_> = heap.roles().regions_in(0..scale.shown).collect();
    if regions.len() > MAX_PIECES {
        return None;
    }
    let pieces: Vec<Piece> = regions
        .iter()
        .map(|r| Piece {
            role: r.role,
            start: r.start,
            end: r.end,
            segs: layout.segments(r.start, r.end),
        })
        .collect();

    // Blocks: maximal runs of pieces of one allocation.
    let mut spans: Vec<(AllocId, u64, u64, u64, u64)> = Vec::new(); // id, start, end, payload start, payload bytes
    for p in &pieces {
        let Some(id) = owner(p.role) else {
            continue;
        };
        let payload = matches!(p.role, Role::Payload(_));
        match spans.last_mut() {
            Some(s) if s.0 == id && s.2 == p.start => {
                s.2 = p.end;
                if payload {
                    if s.4 == 0 {
                        s.3 = p.start;
                    }
                    s.4 += p.end - p.start;
                }
            }
            _ => spans.push((
                id,
                p.start,
                p.end,
                p.start,
                if payload { p.end - p.start } else { 0 },
            )),
        }
    }
    let addrs: Vec<Addr> = spans.iter().map(|s| base.add(s.3)).collect();
    let layouts = made(&addrs);
    let blocks = spans
        .iter()
        .zip(addrs)
        .zip(layouts)
        .map(|((&(id, start, end, _, payload), addr), made)| {
            let segs = layout.segments(start, end);
            let extra = (end - start) - payload;
            let layout = made.map_or(String::new(), |m| {
                format!(": Layout {{ size: {}, align: {} }}", m.size, m.align)
            });
            let title = format!(
                "allocation {id}{layout} at {addr}, {} B{}",
                thousands(payload),
                if extra > 0 {
                    format!(" (+{} B of padding and slack)", thousands(extra))
                } else {
                    String::new()
                }
            );
            Block {
                id,
                addr,
                start,
                end,
                made,
                label: fit_label(&segs, &block_texts(id, payload, made)),
                title,
            }
        })
        .collect();

    let notes = pieces
        .iter()
        .filter_map(|p| {
            let label = fit_label(&p.segs, &note_texts(p.role, p.end - p.start))?;
            Some((p.role, label))
        })
        .collect();
    let shown: Vec<(FreeLink, u64, u64)> = links
        .iter()
        .map(|&link| (link, link.from.since(base), link.to.since(base)))
        .filter(|&(_, from, to)| from < scale.shown && to < scale.shown)
        .collect();
    let (arrows, links_not_drawn) = if shown.len() > MAX_ARROWS {
        (Vec::new(), shown.len())
    } else {
        let arrows = shown
            .iter()
            .filter_map(|&(link, from, to)| {
                Some(Arrow {
                    link,
                    path: arc(&layout, from, to)?,
                })
            })
            .collect();
        (arrows, 0)
    };
    let rows = (0..scale.rows)
        .filter_map(|r| {
            Some(RowLabel {
                y: layout.top(r)?,
                addr: base.add(r * scale.bytes_per_row),
            })
        })
        .collect();
    let rest = (scale.shown < heap.len()).then(|| (scale.shown, heap.len() - scale.shown));
    Some(Diagram {
        layout,
        pieces,
        blocks,
        notes,
        arrows,
        links_not_drawn,
        rows,
        rest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc_sim::scenario::{self, Limits};
    use alloc_sim::{free_links, HeapConfig, Simulation, StrategyKind};

    fn run_vec(kind: StrategyKind) -> Run {
        let src = include_str!("../../alloc-sim/examples/scenarios/vec_growth.rs");
        let mut sim = Simulation::new(HeapConfig::new(4096), kind).unwrap();
        scenario::run_recorded(src, &mut sim, Limits::default())
    }

    #[test]
    fn a_fitted_scale_holds_the_extent_in_at_most_sixteen_rows() {
        for (extent, heap) in [
            (1, 4096),
            (548, 4096),
            (1700, 4096),
            (4096, 4096),
            (900_000, 1 << 20),
        ] {
            for units in [WIDTH, 700.0, MIN_WIDTH] {
                let s = Scale::fit(extent, heap, units);
                let max_rows = (MAX_ROWS as f64 * WIDTH / units) as u64;
                assert!(s.rows <= max_rows, "{extent}: {s:?}");
                assert!(s.rows * s.bytes_per_row >= extent.min(heap));
                assert!(s.bytes_per_row.is_power_of_two() && s.bytes_per_row >= 16);
                // Not needlessly coarse: half the row would not have done.
                assert!(s.bytes_per_row == 16 || extent.div_ceil(s.bytes_per_row / 2) > max_rows);
            }
        }
        // The narrowest rows fit in about the same area as the widest.
        let (wide, narrow) = (
            Scale::fit(4096, 4096, WIDTH),
            Scale::fit(4096, 4096, MIN_WIDTH),
        );
        assert!(narrow.rows > wide.rows);
        assert!(narrow.bytes_per_row < wide.bytes_per_row);
    }

    #[test]
    fn segments_cover_a_range_row_by_row_and_stop_at_what_is_shown() {
        let s = Rows::all(Scale::fit(256, 4096, WIDTH)); // 16 B a row
        let segs = s.segments(8, 40);
        let widths: f64 = segs.iter().map(|g| g.w).sum();
        assert_eq!(segs.len(), 3);
        assert!((widths - WIDTH * 32.0 / 16.0).abs() < 1e-9);
        assert_eq!(segs[1].x, GUTTER);
        assert!(s.segments(300, 400).is_empty());
    }

    #[test]
    fn labels_are_read_at_twelve_pixels_in_any_pane_wide_enough() {
        for pane_px in [330.0, 440.0, 700.0, 1400.0] {
            let units = Scale::row_units_for(pane_px);
            let (w, _) = Rows::all(Scale::fit(4096, 4096, units)).size();
            let text_px = FONT * pane_px / w;
            // The narrowest rows are for panes as narrow as a phone's.
            assert!(
                text_px >= MIN_TEXT_PX - 1e-9 || units == MIN_WIDTH,
                "{pane_px}: {text_px}"
            );
            assert!(units <= WIDTH);
        }
        assert_eq!(Scale::row_units_for(2000.0), WIDTH);
    }

    #[test]
    fn showing_less_keeps_the_bytes_a_row_and_drops_the_rows_not_reached() {
        let end = Scale::fit(1700, 4096, WIDTH);
        let now = end.showing(300, 4096);
        assert_eq!(now.bytes_per_row, end.bytes_per_row);
        assert_eq!(now.rows, 300u64.div_ceil(end.bytes_per_row));
        assert_eq!(end.showing(0, 4096).rows, 1);
        assert_eq!(end.showing(1 << 20, 4096), end);
    }

    #[test]
    fn every_live_allocation_of_a_run_is_a_block_with_the_layout_its_call_asked() {
        for kind in StrategyKind::ALL {
            let run = run_vec(kind);
            let timeline = run.timeline.as_ref().unwrap();
            for cursor in 0..=run.calls.len() {
                let heap = timeline.heap_at(cursor);
                let scale = Scale::fit(extent(&heap), heap.len(), WIDTH);
                let d = diagram(
                    &heap,
                    Rows::reached(scale, &heap),
                    |a| made_by(&run, cursor, a),
                    &free_links(&heap),
                )
                .unwrap();
                // The blocks are the heap's payload, byte for byte.
                let payload: u64 = d
                    .pieces
                    .iter()
                    .filter(|p| matches!(p.role, Role::Payload(_)))
                    .map(|p| p.end - p.start)
                    .sum();
                assert_eq!(payload, heap.roles().total(alloc_sim::RoleClass::Payload));
                for b in &d.blocks {
                    let made = b.made.unwrap_or_else(|| panic!("{kind:?} {cursor}: {b:?}"));
                    // The payload drawn is the size the call asked for.
                    let drawn: u64 = d
                        .pieces
                        .iter()
                        .filter(|p| p.role == Role::Payload(b.id))
                        .map(|p| p.end - p.start)
                        .sum();
                    assert_eq!(drawn, made.size, "{kind:?} at call {cursor}: {}", b.title);
                    assert_eq!(b.addr.0 % made.align, 0);
                    if let Some(label) = &b.label {
                        assert!(label.text.starts_with(&b.id.to_string()));
                    }
                }
            }
        }
    }

    #[test]
    fn labels_fit_their_rectangles_and_say_the_layout_when_there_is_room() {
        let run = run_vec(StrategyKind::FirstFit);
        let cursor = run.calls.len() - 1;
        let heap = run.timeline.as_ref().unwrap().heap_at(cursor);
        let rows = Rows::all(Scale::fit(extent(&heap), heap.len(), WIDTH));
        let d = diagram(&heap, rows.clone(), |a| made_by(&run, cursor, a), &[]).unwrap();
        let stdout = d
            .blocks
            .iter()
            .find(|b| b.made.is_some_and(|m| m.size == 1024))
            .expect("stdout's buffer is live");
        let label = stdout.label.as_ref().unwrap();
        assert!(
            label.text.ends_with("Layout { size: 1,024, align: 1 }"),
            "{label:?}"
        );
        for b in &d.blocks {
            let Some(label) = &b.label else { continue };
            let widest = rows
                .segments(b.start, b.end)
                .into_iter()
                .map(|s| s.w)
                .fold(0.0, f64::max);
            assert!(label.text.chars().count() as f64 * CHAR_W <= widest);
        }
    }

    #[test]
    fn the_free_list_is_drawn_as_a_chain_of_arrows() {
        let run = run_vec(StrategyKind::FirstFit);
        // After the second realloc the buffer left two holes behind it.
        let heap = run.timeline.as_ref().unwrap().heap_at(run.calls.len());
        let links = free_links(&heap);
        let rows = Rows::all(Scale::fit(4096, 4096, WIDTH));
        let d = diagram(&heap, rows, |a| vec![None; a.len()], &links).unwrap();
        assert_eq!(d.arrows.len(), links.len());
        assert!(!d.arrows.is_empty());
        for a in &d.arrows {
            assert!(a.path.starts_with('M'));
        }
    }

    #[test]
    fn the_unused_end_of_the_heap_is_summarised_not_drawn() {
        let run = run_vec(StrategyKind::FirstFit);
        let heap = run.timeline.as_ref().unwrap().heap_at(3);
        let rows = Rows::all(Scale::fit(extent(&heap), heap.len(), WIDTH));
        let d = diagram(&heap, rows, |a| vec![None; a.len()], &[]).unwrap();
        let (start, len) = d.rest.unwrap();
        assert_eq!(start + len, heap.len());
        assert!(start >= extent(&heap));
        assert!(heap
            .roles()
            .regions_in(start..heap.len())
            .all(|r| r.role == Role::Untouched));
        let whole = Rows::all(Scale::fit(heap.len(), heap.len(), WIDTH));
        let whole = diagram(&heap, whole, |a| vec![None; a.len()], &[]).unwrap();
        assert_eq!(whole.rest, None);
    }

    #[test]
    fn rows_nothing_touches_are_left_out_and_the_rest_keep_their_bytes() {
        // Bump allocates from the top down: its bottom is never touched.
        let run = run_vec(StrategyKind::Bump);
        let end = run.timeline.as_ref().unwrap().heap_at(run.calls.len());
        let scale = Scale::fit(extent(&end), end.len(), WIDTH);
        let rows = Rows::reached(scale, &end);
        assert_eq!(rows.gaps.len(), 1);
        let gap = rows.gaps[0];
        assert_eq!(gap.start, 0);
        assert!(end
            .roles()
            .regions_in(0..gap.len)
            .all(|r| r.role == Role::Untouched));
        assert!(rows.height < Rows::all(scale).height);
        // Every byte drawn is where the scale says, and every touched byte
        // is drawn.
        let d = diagram(&end, rows.clone(), |a| vec![None; a.len()], &[]).unwrap();
        for p in d.pieces.iter().filter(|p| p.role != Role::Untouched) {
            let drawn: f64 = p.segs.iter().map(|s| s.w).sum();
            let bytes = (p.end - p.start) as f64 * scale.row_units / scale.bytes_per_row as f64;
            assert!((drawn - bytes).abs() < 1e-6, "{p:?}");
        }
        // A single untouched row between touched ones stays: a band would
        // save nothing.
        let one = Rows::new(Scale::fit(4096, 4096, WIDTH), |r| r != 3);
        assert!(one.gaps.is_empty() && one.top(3).is_some());
    }

    #[test]
    fn a_tangle_of_links_is_counted_not_drawn() {
        let base = alloc_sim::Addr(0x1000);
        let mut heap = alloc_sim::Heap::new(HeapConfig::new(4096));
        let links: Vec<FreeLink> = (0..40)
            .map(|i| FreeLink {
                from: base.add(16 * i),
                to: base.add(16 * i + 16),
            })
            .collect();
        heap.paint(base, 1024, Role::Free);
        let rows = Rows::all(Scale::fit(4096, 4096, WIDTH));
        let d = diagram(&heap, rows.clone(), |a| vec![None; a.len()], &links).unwrap();
        assert!(d.arrows.is_empty());
        assert_eq!(d.links_not_drawn, 40);
        let d = diagram(&heap, rows, |a| vec![None; a.len()], &links[..MAX_ARROWS]).unwrap();
        assert_eq!((d.arrows.len(), d.links_not_drawn), (MAX_ARROWS, 0));
    }
}
