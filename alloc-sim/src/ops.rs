//! Op lists: allocator calls written one per line, in CS:APP malloc-lab's
//! trace format with an optional alignment and thread.
//!
//! ```text
//! a ID SIZE [ALIGN] [@THREAD]   alloc SIZE bytes at ALIGN as ID (without
//!                               ALIGN: what the allocator's malloc promises)
//! f ID [@THREAD]                free the block ID
//! r ID NEW_SIZE [@THREAD]       realloc ID to NEW_SIZE
//! ```
//!
//! As malloc lab's driver reads them: a leading header of four numbers
//! (suggested heap size, number of ids, number of ops, weight), or of two
//! (ids, ops) as some course copies have it, may come first, and its op
//! count must match; lines may end in CRLF; `r ID 0` frees, and `r` on an id not
//! yet allocated allocates. Blank lines and `#` comments are skipped.

use std::collections::HashMap;
use std::fmt;

use crate::addr::Addr;
use crate::error::LayoutSpec;
use crate::record::Call;
use crate::record::{CallRecord, Outcome, Run, Span};
use crate::recording::{Origin, Recording};
use crate::sim::Simulation;
use crate::strategy::ThreadId;

mod ids;

/// What one line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    /// `a ID SIZE [ALIGN]`.
    Alloc {
        /// Bytes.
        size: u64,
        /// A power of two; `None` is `malloc`'s own alignment.
        align: Option<u64>,
    },
    /// `f ID`.
    Free,
    /// `r ID NEW_SIZE`.
    Realloc {
        /// The new size.
        new_size: u64,
    },
}

/// One line of an op list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    /// The line it came from, counting from 1.
    pub line: usize,
    /// The block's name in the list.
    pub id: u64,
    /// What to do.
    pub kind: OpKind,
    /// The thread making the call.
    pub thread: ThreadId,
}

/// A malformed op list: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpsError {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for OpsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for OpsError {}

/// The header of a malloc-lab trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceHeader {
    /// Suggested heap size (ignored, as by the driver), if given.
    pub suggested_heap: Option<u64>,
    /// Number of distinct ids.
    pub ids: u64,
    /// Number of op lines.
    pub ops: u64,
    /// Weight (ignored, as by the driver), if given.
    pub weight: Option<u64>,
}

/// A parsed op list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpList {
    /// The header, if the list had one.
    pub header: Option<TraceHeader>,
    /// The ops in order.
    pub ops: Vec<Op>,
}

impl OpList {
    /// The most bytes the list asks to hold at once, as it asks for them
    /// (before any allocator rounds them; a `realloc` that moves holds the
    /// old block and the new one together): the least a heap must hold to
    /// replay it. Ops naming blocks that are not live count for nothing.
    pub fn peak_live(&self) -> u64 {
        let mut peak = PeakLive::default();
        self.ops.iter().for_each(|op| peak.add(op));
        peak.peak
    }
}

/// The most bytes live at once, counted op by op (see
/// [`OpList::peak_live`]).
#[derive(Debug, Default)]
struct PeakLive {
    live: HashMap<u64, u64>,
    now: u64,
    peak: u64,
}

impl PeakLive {
    fn add(&mut self, op: &Op) {
        match op.kind {
            OpKind::Alloc { size, .. } => {
                self.now += size;
                self.peak = self.peak.max(self.now);
                if let Some(old) = self.live.insert(op.id, size) {
                    self.now -= old;
                }
            }
            OpKind::Free => self.now -= self.live.remove(&op.id).unwrap_or(0),
            OpKind::Realloc { new_size } => {
                if let Some(old) = self.live.get_mut(&op.id) {
                    self.peak = self.peak.max(self.now + new_size);
                    self.now = self.now - *old + new_size;
                    *old = new_size;
                }
            }
        }
    }
}

/// What a viewer needs of a trace before it is replayed: how many ops it
/// has and the most bytes live at once, read without keeping the ops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outline {
    /// Ops in the trace.
    pub ops: usize,
    /// [`OpList::peak_live`].
    pub peak_live: u64,
}

/// Reads `text` as [`parse`] does, with the same errors, keeping only its
/// [`Outline`]: a million-op trace read in the memory of its live blocks.
pub fn outline(text: &str) -> Result<Outline, OpsError> {
    let mut reader = OutlineReader::default();
    reader.read(text)?;
    reader.finish()
}

/// [`outline`] a piece at a time: the page reads a large trace in slices,
/// so that no slice holds its thread for long. The pieces are the text's
/// lines in order, cut after a newline; the errors are [`outline`]'s.
#[derive(Debug, Default)]
pub struct OutlineReader {
    reader: Reader,
    peak: PeakLive,
}

impl OutlineReader {
    /// Reads the next piece of the text: whole lines (each piece but the
    /// last ends with a newline).
    pub fn read(&mut self, lines: &str) -> Result<(), OpsError> {
        let peak = &mut self.peak;
        for raw in lines.lines() {
            self.reader.line(raw, &mut |op| peak.add(&op))?;
        }
        Ok(())
    }

    /// The outline, once every piece is read.
    pub fn finish(self) -> Result<Outline, OpsError> {
        let (_, ops) = self.reader.end()?;
        Ok(Outline {
            ops,
            peak_live: self.peak.peak,
        })
    }
}

/// A word of a line and the column it starts at (from 1).
fn words(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((line[..s].chars().count() + 1, &line[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((line[..s].chars().count() + 1, &line[s..]));
    }
    out
}

fn number(line: usize, (column, word): (usize, &str), what: &str) -> Result<u64, OpsError> {
    word.parse::<u64>().map_err(|_| OpsError {
        line,
        column,
        message: format!("expected {what} (a whole number), found `{word}`"),
    })
}

/// Parses an op list. Every error names its line and column.
pub fn parse(text: &str) -> Result<OpList, OpsError> {
    let mut ops = Vec::new();
    let (header, _) = read(text, |op| ops.push(op))?;
    Ok(OpList { header, ops })
}

/// Reads `text` op by op, handing each to `each`; the header, if any, and
/// how many ops there were.
fn read(text: &str, mut each: impl FnMut(Op)) -> Result<(Option<TraceHeader>, usize), OpsError> {
    let mut reader = Reader::default();
    for raw in text.lines() {
        reader.line(raw, &mut each)?;
    }
    reader.end()
}

/// A trace's reading so far, one line at a time: what the lines before
/// said (the header's numbers, the ops counted).
#[derive(Debug, Default)]
struct Reader {
    header: Option<TraceHeader>,
    count: usize,
    last_op_line: Option<usize>,
    header_numbers: Vec<(usize, u64)>,
    seen_op: bool,
    last_line: usize,
}

impl Reader {
    /// Reads the next line, handing its op, if it has one, to `each`.
    fn line(&mut self, raw: &str, each: &mut dyn FnMut(Op)) -> Result<(), OpsError> {
        let line = self.last_line + 1;
        self.last_line = line;
        let content = raw.split('#').next().unwrap_or("").trim_end_matches('\r');
        let w = words(content);
        let Some(&(column, first)) = w.first() else {
            return Ok(());
        };
        if !self.seen_op && w.len() == 1 && first.bytes().all(|b| b.is_ascii_digit()) {
            self.header_numbers
                .push((line, number(line, (column, first), "a header number")?));
            return Ok(());
        }
        self.seen_op = true;
        if !self.header_numbers.is_empty() && self.header.is_none() {
            self.header = Some(header_from(&self.header_numbers, line)?);
        }
        let (args, thread) = match w.last() {
            Some(&(col, t)) if t.starts_with('@') && w.len() > 1 => {
                let n = number(line, (col + 1, &t[1..]), "a thread number after @")?;
                let n = u32::try_from(n).map_err(|_| OpsError {
                    line,
                    column: col,
                    message: "thread number too large".into(),
                })?;
                (&w[1..w.len() - 1], ThreadId(n))
            }
            _ => (&w[1..], ThreadId::MAIN),
        };
        let arity = |range: std::ops::RangeInclusive<usize>, usage: &str| {
            if range.contains(&args.len()) {
                Ok(())
            } else {
                Err(OpsError {
                    line,
                    column,
                    message: format!("expected `{usage}`, found {} argument(s)", args.len()),
                })
            }
        };
        let id = |args: &[(usize, &str)]| number(line, args[0], "an id");
        let kind = match first {
            "a" => {
                arity(2..=3, "a ID SIZE [ALIGN] [@THREAD]")?;
                let size = number(line, args[1], "a size")?;
                let align = match args.get(2) {
                    Some(&arg) => {
                        let align = number(line, arg, "an alignment")?;
                        if !align.is_power_of_two() {
                            return Err(OpsError {
                                line,
                                column: arg.0,
                                message: format!("alignment {align} is not a power of two"),
                            });
                        }
                        Some(align)
                    }
                    None => None,
                };
                OpKind::Alloc { size, align }
            }
            "f" => {
                arity(1..=1, "f ID [@THREAD]")?;
                OpKind::Free
            }
            "r" => {
                arity(2..=2, "r ID NEW_SIZE [@THREAD]")?;
                OpKind::Realloc {
                    new_size: number(line, args[1], "a size")?,
                }
            }
            other => {
                return Err(OpsError {
                    line,
                    column,
                    message: format!(
                        "unknown operation `{other}`: expected a (alloc), f (free) or r (realloc)"
                    ),
                })
            }
        };
        each(Op {
            line,
            id: id(args)?,
            kind,
            thread,
        });
        self.count += 1;
        self.last_op_line = Some(line);
        Ok(())
    }

    /// The header, if any, and how many ops there were, once every line
    /// is read: the header must announce that many.
    fn end(mut self) -> Result<(Option<TraceHeader>, usize), OpsError> {
        let (count, last_line) = (self.count, self.last_line);
        if !self.header_numbers.is_empty() && self.header.is_none() {
            self.header = Some(header_from(&self.header_numbers, last_line.max(1))?);
        }
        if let Some(header) = &self.header {
            if header.ops != count as u64 {
                return Err(OpsError {
                    line: self.last_op_line.unwrap_or(last_line.max(1)),
                    column: 1,
                    message: format!(
                        "the header announces {} ops, the list has {count}",
                        header.ops
                    ),
                });
            }
        }
        Ok((self.header, count))
    }
}

fn header_from(numbers: &[(usize, u64)], line: usize) -> Result<TraceHeader, OpsError> {
    match numbers {
        [(_, heap), (_, ids), (_, ops), (_, weight)] => Ok(TraceHeader {
            suggested_heap: Some(*heap),
            ids: *ids,
            ops: *ops,
            weight: Some(*weight),
        }),
        [(_, ids), (_, ops)] => Ok(TraceHeader {
            suggested_heap: None,
            ids: *ids,
            ops: *ops,
            weight: None,
        }),
        _ => Err(OpsError {
            line: numbers.last().map_or(line, |n| n.0),
            column: 1,
            message: format!(
                "a trace header has four numbers (heap size, ids, ops, weight) or two (ids, ops), found {}",
                numbers.len()
            ),
        }),
    }
}

/// Replays `list` on `sim`, one call per op, into a run. An op that names
/// an id that is not allocated (and was never freed) is an input error at
/// its line.
pub fn replay(list: &OpList, sim: &mut Simulation) -> Result<Run, OpsError> {
    let mut recording = Recording::start(sim, false);
    recording.reserve(list.ops.len());
    replay_into(list, sim, recording)
}

/// Replays `list` on `sim` without recording the calls: the run has no
/// call records, and `sim` is the heap it leaves. For a summary of a long
/// trace, at the allocator's own pace.
pub fn replay_unrecorded(list: &OpList, sim: &mut Simulation) -> Result<Run, OpsError> {
    let recording = Recording::start(sim, false).without_records();
    replay_into(list, sim, recording)
}

/// Replays `list` on `sim`, handing each call's record to `each` as it is
/// made instead of keeping it: a million-call trace listed in the memory
/// of one record. The run returned has no call records.
pub fn replay_streamed(
    list: &OpList,
    sim: &mut Simulation,
    mut each: impl FnMut(CallRecord),
) -> Result<Run, OpsError> {
    let mut recording = Recording::start(sim, false);
    let mut replayer = Replayer::default();
    for op in &list.ops {
        replayer.step(sim, &mut recording, op)?;
        recording.drain_calls().for_each(&mut each);
    }
    Ok(recording.finish(sim, Outcome::Ok, Vec::new(), Vec::new()))
}

fn replay_into(
    list: &OpList,
    sim: &mut Simulation,
    mut recording: Recording,
) -> Result<Run, OpsError> {
    let mut replayer = Replayer::default();
    for op in &list.ops {
        replayer.step(sim, &mut recording, op)?;
    }
    Ok(recording.finish(sim, Outcome::Ok, Vec::new(), Vec::new()))
}

/// What a replay remembers between ops: what each id names now.
#[derive(Debug, Clone, Default)]
pub struct Replayer {
    ids: ids::Ids<Slot>,
}

/// What an op list's id names.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// A block allocated now: its address and layout.
    Live(Addr, LayoutSpec),
    /// A block freed: where it was (freeing it again is a double free).
    Freed(Addr, LayoutSpec),
    /// An allocation that failed: its pointer is null.
    Null(LayoutSpec),
}

impl Replayer {
    /// Where the block of `id` is now, if it is allocated.
    pub fn addr_of(&self, id: u64) -> Option<Addr> {
        match self.ids.get(id) {
            Some(Slot::Live(addr, _)) => Some(addr),
            _ => None,
        }
    }

    /// The allocator call `op` means, as malloc lab's driver reads it;
    /// `malloc_align` is the alignment of an `a` line that gives none.
    pub fn call_for(&self, malloc_align: u64, op: &Op) -> Result<Call, OpsError> {
        call_from(malloc_align, op, self.ids.get(op.id))
    }

    /// Replays one op on `sim`, recording its call in `recording`. A
    /// replay has no call limit; an op past one is not made.
    pub fn step(
        &mut self,
        sim: &mut Simulation,
        recording: &mut Recording,
        op: &Op,
    ) -> Result<(), OpsError> {
        let align = sim.malloc_align();
        let origin = Origin {
            thread: op.thread,
            span: Some(Span {
                line: op.line,
                column: 1,
            }),
            block: Some(op.id),
            reason: String::new(),
            implicit: false,
        };
        let call = call_from(align, op, self.ids.get(op.id))?;
        if let Ok(result) = recording.call(sim, call, origin) {
            if let Some(now) = names(call, &result) {
                self.ids.insert(op.id, now);
            }
        }
        Ok(())
    }

    /// Remembers what `call`, made for `op`, gave.
    pub fn made(&mut self, op: &Op, call: Call, result: &Result<Addr, crate::error::CallError>) {
        if let Some(now) = names(call, result) {
            self.ids.insert(op.id, now);
        }
    }
}

/// The call `op` means when its id names `slot` (see [`Replayer::call_for`]).
fn call_from(malloc_align: u64, op: &Op, slot: Option<Slot>) -> Result<Call, OpsError> {
    let unknown = |what: &str| OpsError {
        line: op.line,
        column: 1,
        message: format!("{what} of id {}, which was never allocated", op.id),
    };
    Ok(match (op.kind, slot) {
        (OpKind::Alloc { .. }, Some(Slot::Live(..))) => {
            return Err(OpsError {
                line: op.line,
                column: 1,
                message: format!(
                    "id {} is already allocated; free it first or use another id",
                    op.id
                ),
            });
        }
        (OpKind::Alloc { size, align }, _) => {
            let align = align.unwrap_or(malloc_align);
            Call::Alloc {
                layout: LayoutSpec { size, align },
                zeroed: false,
            }
        }
        // The driver's reading: realloc of nothing is malloc.
        (OpKind::Realloc { new_size }, None | Some(Slot::Null(_))) if new_size > 0 => Call::Alloc {
            layout: LayoutSpec {
                size: new_size,
                align: malloc_align,
            },
            zeroed: false,
        },
        (OpKind::Free | OpKind::Realloc { new_size: 0 }, slot) => {
            let (addr, layout) = match slot {
                Some(Slot::Live(addr, layout) | Slot::Freed(addr, layout)) => (addr, layout),
                Some(Slot::Null(layout)) => (Addr(0), layout),
                None => return Err(unknown("free")),
            };
            Call::Dealloc { addr, layout }
        }
        (OpKind::Realloc { new_size }, slot) => {
            let Some(Slot::Live(addr, layout) | Slot::Freed(addr, layout)) = slot else {
                return Err(unknown("realloc"));
            };
            Call::Realloc {
                addr,
                layout,
                new_size,
            }
        }
    })
}

/// What an op's id names after `call` gave `result`; `None` where that
/// does not change.
fn names(call: Call, result: &Result<Addr, crate::error::CallError>) -> Option<Slot> {
    match (call, result) {
        (Call::Alloc { layout, .. }, Ok(addr)) => Some(Slot::Live(*addr, layout)),
        // The id's pointer is null now, whatever block it named before:
        // freeing it again is `free(NULL)`, not a double free of the old
        // block.
        (Call::Alloc { layout, .. }, Err(_)) => Some(Slot::Null(layout)),
        (Call::Dealloc { addr, layout }, Ok(_)) => Some(Slot::Freed(addr, layout)),
        (
            Call::Realloc {
                layout, new_size, ..
            },
            Ok(new),
        ) => Some(Slot::Live(
            *new,
            LayoutSpec {
                size: new_size,
                align: layout.align,
            },
        )),
        _ => None,
    }
}

/// A seeded random op list of `len` calls: allocations of 8 B to 4 KiB
/// (log-uniform, so small ones dominate as in real programs), frees of a
/// random live block, and reallocs, with at most `max_live` blocks alive.
/// The same seed always gives the same list.
pub fn random_program(seed: u64, len: usize, max_live: usize) -> OpList {
    // xorshift64*: tiny, seedable, good enough to shuffle a workload.
    let mut state = seed.max(1);
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    let mut live: Vec<u64> = Vec::new();
    let mut next_id = 0;
    let mut ops = Vec::with_capacity(len);
    for line in 1..=len {
        let roll = next() % 100;
        let size = |r: u64| (8u64 << (r % 10)) | ((r >> 10) % 8);
        let kind = if live.is_empty() || (roll < 50 && live.len() < max_live) {
            let id = next_id;
            next_id += 1;
            live.push(id);
            ops.push(Op {
                line,
                id,
                kind: OpKind::Alloc {
                    size: size(next()),
                    align: None,
                },
                thread: ThreadId::MAIN,
            });
            continue;
        } else if roll < 85 {
            OpKind::Free
        } else {
            OpKind::Realloc {
                new_size: size(next()),
            }
        };
        let index = (next() % live.len() as u64) as usize;
        let id = if kind == OpKind::Free {
            live.swap_remove(index)
        } else {
            live[index]
        };
        ops.push(Op {
            line,
            id,
            kind,
            thread: ThreadId::MAIN,
        });
    }
    OpList { header: None, ops }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peak_counts_what_is_live_at_once_and_a_moving_realloc_holds_both() {
        let list = parse("a 0 100\na 1 50\nf 0\na 2 30\nr 1 200\nf 7\n").unwrap();
        // 150 live after the second alloc; the realloc holds 50 and 200
        // beside the other 30: 280.
        assert_eq!(list.peak_live(), 280);
        assert_eq!(parse("").unwrap().peak_live(), 0);
    }
    use crate::{HeapConfig, StrategyKind};

    #[test]
    fn an_outline_is_what_the_parsed_list_says_and_errs_where_it_does() {
        for text in [
            "a 0 100\na 1 50\nf 0\na 2 30\nr 1 200\nf 7\n",
            "20000\n2\n3\n1\na 0 512\na 1 128\nf 0\n",
            &crate::traces::to_rep(&random_program(5, 4000, 300)),
        ] {
            let list = parse(text).unwrap();
            assert_eq!(
                outline(text).unwrap(),
                Outline {
                    ops: list.ops.len(),
                    peak_live: list.peak_live()
                }
            );
        }
        for bad in ["a 0 16\nq 1\n", "20000\n2\n5\n1\na 0 512\n", "a 0 16 3\n"] {
            assert_eq!(outline(bad).unwrap_err(), parse(bad).unwrap_err());
        }
    }

    /// `text` cut after a newline every `every` lines, as the page cuts it.
    fn pieces(text: &str, every: usize) -> Vec<&str> {
        let mut out = Vec::new();
        let (mut start, mut lines) = (0, 0);
        for (i, _) in text.match_indices('\n') {
            lines += 1;
            if lines % every == 0 {
                out.push(&text[start..=i]);
                start = i + 1;
            }
        }
        out.push(&text[start..]);
        out
    }

    #[test]
    fn an_outline_read_in_pieces_is_the_outline_read_whole() {
        let long = crate::traces::to_rep(&random_program(9, 3000, 200));
        let texts = [
            "a 0 100\na 1 50\nf 0\na 2 30\nr 1 200\nf 7\n",
            "20000\n2\n3\n1\na 0 512\na 1 128\nf 0\n",
            "20000\n2\n3\n1\na 0 512\na 1 128\nf 0",
            "a 0 16\n\n\nq 1\n",
            "20000\n2\n5\n1\na 0 512\r\nf 0\r\n",
            "a 0 16 3\n",
            "",
            &long,
        ];
        for text in texts {
            for every in [1, 2, 3, 7, 1000] {
                let mut reader = OutlineReader::default();
                let read = pieces(text, every)
                    .into_iter()
                    .try_for_each(|piece| reader.read(piece))
                    .and_then(|()| reader.finish());
                assert_eq!(read, outline(text), "{text:?} in pieces of {every} lines");
            }
        }
    }

    #[test]
    fn lines_with_alignment_thread_and_comments() {
        let list = parse("# a comment\na 1 16 8 @2\nr 1 32\nf 1\n\n").unwrap();
        assert_eq!(list.ops.len(), 3);
        assert_eq!(
            list.ops[0].kind,
            OpKind::Alloc {
                size: 16,
                align: Some(8)
            }
        );
        assert_eq!(list.ops[0].thread, ThreadId(2));
        assert_eq!(list.ops[1].kind, OpKind::Realloc { new_size: 32 });
        assert_eq!(list.ops[2].line, 4);
    }

    #[test]
    fn malloc_lab_header_is_read_and_its_count_checked() {
        let list = parse("20000\n2\n3\n1\na 0 512\na 1 128\nf 0\n").unwrap();
        assert_eq!(list.header.unwrap().ops, 3);
        let err = parse("20000\n2\n5\n1\na 0 512\r\nf 0\r\n").unwrap_err();
        assert_eq!(err.line, 6);
        assert!(err.message.contains("announces 5 ops"));
    }

    #[test]
    fn every_header_form_reads_as_the_driver_reads_it() {
        // Four lines: heap size, ids, ops, weight.
        let four = parse("20000\r\n2\r\n3\r\n1\r\na 0 512\r\na 1 128\r\nf 0\r\n").unwrap();
        let h = four.header.unwrap();
        assert_eq!(
            (h.suggested_heap, h.ids, h.ops, h.weight),
            (Some(20000), 2, 3, Some(1))
        );
        // Two lines: ids and ops.
        let two = parse("2\n3\na 0 512\na 1 128\nf 0\n").unwrap();
        let h = two.header.unwrap();
        assert_eq!(
            (h.suggested_heap, h.ids, h.ops, h.weight),
            (None, 2, 3, None)
        );
        assert_eq!(
            two.ops,
            four.ops
                .iter()
                .map(|o| Op {
                    line: o.line - 2,
                    ..*o
                })
                .collect::<Vec<_>>()
        );
        // No header at all, and a header with a count that disagrees.
        assert!(parse("a 0 8\n").unwrap().header.is_none());
        let err = parse("2\n9\na 0 512\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.message.contains("announces 9 ops, the list has 1"));
        // Three numbers are no header the driver knows.
        let err = parse("1\n2\n3\na 0 8\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("four numbers"));
        // An a-line without alignment takes the allocator's own.
        assert_eq!(
            four.ops[0].kind,
            OpKind::Alloc {
                size: 512,
                align: None
            }
        );
    }

    #[test]
    fn malformed_lines_name_line_and_column() {
        let err = parse("a 1 16\na 2 sixteen\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 5));
        let err = parse("a 1 16 3\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 8));
        assert!(err.message.contains("power of two"));
        let err = parse("x 1\n").unwrap_err();
        assert!(err.message.contains("unknown operation `x`"));
        let err = parse("f\n").unwrap_err();
        assert!(err.message.contains("f ID"));
        let err = parse("a 1\n").unwrap_err();
        assert!(err.message.contains("a ID SIZE"));
        let err = parse("r 1 8 9\n").unwrap_err();
        assert!(err.message.contains("r ID NEW_SIZE"));
        let err = parse("a 1 16 @x\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 9));
        let err = parse("a -1 16\n").unwrap_err();
        assert!(err.message.contains("an id"));
        let err = parse("a 1 99999999999999999999999\n").unwrap_err();
        assert_eq!(err.column, 5);
    }

    #[test]
    fn replay_reports_unknown_ids_at_their_line() {
        let list = parse("a 1 16\nf 2\n").unwrap();
        let mut sim = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
        let err = replay(&list, &mut sim).unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn a_free_after_the_ids_allocation_failed_frees_null_not_its_old_block() {
        // p = malloc(16); free(p); p = malloc(huge) fails, so p is NULL;
        // free(p) is free(NULL), and realloc(p, 32) is malloc(32).
        let list = parse("a 1 16\nf 1\na 1 999999\nf 1\nr 1 32\n").unwrap();
        let mut sim = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
        let run = replay(&list, &mut sim).unwrap();
        assert!(run.calls[2].error.is_some());
        let free = &run.calls[3];
        assert_eq!(free.addr, Some(Addr(0)));
        assert!(
            matches!(
                free.error,
                Some(crate::CallError::Misuse(crate::Misuse::NotAllocated {
                    addr: Addr(0),
                    ..
                }))
            ),
            "{:?}",
            free.error
        );
        assert!(free
            .error
            .as_ref()
            .unwrap()
            .to_string()
            .contains("null pointer"));
        assert_eq!(run.calls[4].op, crate::CallOp::Alloc);
        assert!(run.calls[4].succeeded());
    }

    #[test]
    fn double_free_is_a_misuse_call_not_an_input_error() {
        let list = parse("a 1 16\nf 1\nf 1\n").unwrap();
        let mut sim = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
        let run = replay(&list, &mut sim).unwrap();
        assert!(matches!(
            run.calls[2].error,
            Some(crate::CallError::Misuse(crate::Misuse::DoubleFree { .. }))
        ));
        // The call names the pointer the program passed, as its error does.
        assert_eq!(run.calls[2].addr, run.calls[0].addr);
        let text = run.calls[2].error.as_ref().unwrap().to_string();
        assert!(
            text.contains(&run.calls[0].addr.unwrap().to_string()),
            "{text}"
        );
        assert!(run.calls[2]
            .signature()
            .starts_with(&format!("dealloc({}, ", run.calls[0].addr.unwrap())));
        sim.check().unwrap();
    }

    #[test]
    fn realloc_to_zero_frees_and_of_nothing_allocates() {
        let list = parse("r 1 64\nr 1 0\n").unwrap();
        let mut sim = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
        let run = replay(&list, &mut sim).unwrap();
        assert_eq!(run.calls[0].op, crate::CallOp::Alloc);
        assert_eq!(run.calls[1].op, crate::CallOp::Dealloc);
        assert_eq!(sim.metrics().live_bytes, 0);
    }
}
