//! What a byte of the heap is, in words: the inspector's content, computed
//! from the simulation and the run, testable without a browser.

use alloc_sim::scenario::{CallOp, CallRecord, Run};
use alloc_sim::{Addr, AllocId, Event, Heap, Metadata, Role};

/// The inspector's text for one byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// One line: what the byte is.
    pub title: String,
    /// Details: the allocation's reason and layout, the run's extent, …
    pub lines: Vec<String>,
    /// Hex rows of the 48 bytes around it, 16 a row: `0x1040  07 00 00 00 …`.
    pub hex: Vec<String>,
}

/// The call that made (or last moved) the block holding `addr`, among the
/// first `cursor` calls of `run`.
fn made_by(run: &Run, cursor: usize, addr: Addr) -> Option<&CallRecord> {
    run.calls[..cursor.min(run.calls.len())]
        .iter()
        .rev()
        .find(|c| {
            matches!(c.op, CallOp::Alloc | CallOp::AllocZeroed | CallOp::Realloc)
                && c.addr.is_some_and(|a| {
                    let size = c.new_size.unwrap_or(c.layout.size);
                    a <= addr && addr < a.add(size.max(1))
                })
        })
}

/// For a byte the program's own allocator wrote: the line of its code
/// that last wrote it, and the call it was answering.
fn written_by(run: &Run, cursor: usize, addr: Addr) -> Option<String> {
    run.calls[..cursor.min(run.calls.len())]
        .iter()
        .rev()
        .find_map(|c| {
            c.events.iter().rev().find_map(|e| match *e {
                Event::Wrote {
                    addr: at,
                    len,
                    line,
                } if at <= addr && addr < at.add(len) => Some(format!(
                    "written by your allocator's code at line {line}, in its {} for: {}",
                    c.op.name(),
                    c.reason
                )),
                _ => None,
            })
        })
}

/// What a byte of allocation `id` adds: its layout and the code that made it.
fn allocation_lines(run: &Run, cursor: usize, addr: Addr, id: AllocId) -> Vec<String> {
    let Some(call) = made_by(run, cursor, addr) else {
        return vec![format!("allocation {id}")];
    };
    let size = call.new_size.unwrap_or(call.layout.size);
    vec![
        format!(
            "allocation {id}: Layout {{ size: {size}, align: {} }} at {}",
            call.layout.align,
            call.addr.unwrap_or_default()
        ),
        match call.line() {
            Some(line) => format!("made at line {line}: {}", call.reason),
            None => format!("made by: {}", call.reason),
        },
    ]
}

/// Describes the byte at `addr` after `cursor` calls of `run`. The title
/// names the byte's role as the legend does (`RoleClass::legend`), or, for
/// metadata, the structure it is part of (`Metadata::describe`).
pub fn inspect(heap: &Heap, run: &Run, cursor: usize, addr: Addr) -> Option<Inspection> {
    let (start, end, role) = heap.region_at(addr)?;
    let title = match role {
        Role::Metadata(m) => format!("{addr}: allocator metadata — {}", m.describe()),
        _ => format!("{addr}: {}", role.class().legend()),
    };
    let mut lines = vec![format!(
        "{start}..{end} ({} bytes of this kind here)",
        end.since(start)
    )];
    if let Some(id) = role.alloc_id() {
        lines.extend(allocation_lines(run, cursor, addr, id));
    }
    if matches!(role, Role::Metadata(Metadata::Yours)) {
        lines.extend(written_by(run, cursor, addr));
    }
    if matches!(role, Role::Metadata(Metadata::HoleNode)) {
        let word = heap.word_size();
        let node = start;
        lines.push(format!(
            "hole size {} B, next hole at {}",
            heap.read_word(node),
            Addr(heap.read_word(node.add(word)))
        ));
    }
    let row_start = addr.align_down(16).0.saturating_sub(16).max(heap.base().0);
    let hex = (0..3)
        .map(|r| Addr(row_start + r * 16))
        .filter(|&a| heap.contains(a, 16))
        .map(|a| {
            let bytes: Vec<String> = heap
                .read(a, 16)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let mark = if a <= addr && addr < a.add(16) {
                "▶"
            } else {
                " "
            };
            format!("{mark}{a}  {}", bytes.join(" "))
        })
        .collect();
    Some(Inspection { title, lines, hex })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc_sim::scenario::{self, Limits};
    use alloc_sim::{HeapConfig, Simulation, StrategyKind};

    fn run(source: &str) -> (Run, Simulation) {
        let mut sim = Simulation::new(HeapConfig::new(1024), StrategyKind::FirstFit).unwrap();
        let run = scenario::run(source, &mut sim, Limits::default());
        (run, sim)
    }

    #[test]
    fn a_payload_byte_names_its_allocation_and_the_code_that_made_it() {
        let (run, sim) =
            run("fn main() { let mut v: Vec<u32> = Vec::new(); v.push(7); std::mem::forget(v); }");
        // The program's block, after the runtime's two.
        let block = run.own_calls().next().unwrap().addr.unwrap();
        let i = inspect(sim.heap(), &run, run.calls.len(), block.add(1)).unwrap();
        assert_eq!(
            i.title,
            format!(
                "{}: {}",
                block.add(1),
                alloc_sim::RoleClass::Payload.legend()
            )
        );
        assert!(
            i.lines
                .iter()
                .any(|l| l.contains(&format!("Layout {{ size: 16, align: 4 }} at {block}"))),
            "{:?}",
            i.lines
        );
        assert!(
            i.lines.iter().any(|l| l.contains("v.push(7)")),
            "{:?}",
            i.lines
        );
        assert!(
            i.hex
                .iter()
                .any(|l| l.starts_with(&format!("▶{block}  07 00 00 00"))),
            "{:?}",
            i.hex
        );
        // The runtime's own block says where it came from.
        let first = run.calls[0].addr.unwrap();
        let i = inspect(sim.heap(), &run, run.calls.len(), first).unwrap();
        assert!(
            i.lines.iter().any(|l| l.contains("before `main`")),
            "{:?}",
            i.lines
        );
    }

    #[test]
    fn a_free_list_node_says_where_the_next_hole_is() {
        let (run, sim) = run("fn main() { let b = Box::new(1u64); std::mem::forget(b); }");
        // First fit gives the box 16 bytes; the rest of the heap is one hole.
        let hole = run.own_calls().next().unwrap().addr.unwrap().add(16);
        let size = sim.heap().base().add(1024).since(hole);
        let i = inspect(sim.heap(), &run, run.calls.len(), hole).unwrap();
        assert!(i.title.contains("free-list node"), "{}", i.title);
        assert!(
            i.lines
                .iter()
                .any(|l| l.contains(&format!("hole size {size} B, next hole at 0x0"))),
            "{:?}",
            i.lines
        );
    }

    #[test]
    fn every_byte_is_named_in_the_legend_s_words_for_its_role_or_as_the_metadata_it_is() {
        let source = "fn main() { let a = Box::new(1u8); let b = Box::new([0u64; 3]); drop(a); std::mem::forget(b); }";
        for kind in StrategyKind::ALL {
            let mut sim = Simulation::new(HeapConfig::new(4096), kind).unwrap();
            let run = scenario::run(source, &mut sim, Limits::default());
            let heap = sim.heap();
            for region in heap.roles().regions() {
                let addr = heap.base().add(region.start);
                let i = inspect(heap, &run, run.calls.len(), addr).unwrap();
                let named = match region.role {
                    Role::Metadata(m) => m.describe(),
                    role => role.class().legend(),
                };
                assert!(
                    i.title.ends_with(named),
                    "{kind}: {} for {:?}",
                    i.title,
                    region.role
                );
            }
        }
    }

    #[test]
    fn a_byte_the_program_s_allocator_wrote_names_the_line_that_wrote_it() {
        let source = alloc_sim::scenario::examples::example("allocators/free_list.rs").unwrap();
        let mut sim = Simulation::new(HeapConfig::new(4096), StrategyKind::FirstFit).unwrap();
        let limits = Limits {
            stop_after_calls: Some(1),
            ..Limits::default()
        };
        let run = scenario::run(source, &mut sim, limits);
        // After the runtime's first block (16 bytes at 0x1000), the free
        // list's node of the rest: written by the split in `alloc`.
        let line = source
            .lines()
            .position(|l| l.contains("rest.write(Node"))
            .unwrap()
            + 1;
        let i = inspect(sim.heap(), &run, 1, Addr(0x1010)).unwrap();
        assert!(i.title.contains("your allocator's data"), "{}", i.title);
        assert!(
            i.lines.iter().any(|l| l.starts_with(&format!(
                "written by your allocator's code at line {line}, in its alloc for: the Rust runtime"
            ))),
            "{:?}",
            i.lines
        );
    }

    #[test]
    fn outside_the_heap_there_is_nothing_to_say() {
        let (run, sim) = run("fn main() {}");
        assert_eq!(inspect(sim.heap(), &run, 0, Addr(0x9999)), None);
    }
}
