//! The heap drawn as text, for the terminal and for tests: one character
//! per cell of bytes, rows labelled with their address.

use crate::heap::Heap;
use crate::role::{Metadata, Role, RoleClass};

const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The character for a role.
pub fn glyph(role: Role) -> char {
    match role {
        Role::Untouched => '.',
        Role::Free => '_',
        Role::Payload(id) => LETTERS[(id.0.saturating_sub(1) as usize) % LETTERS.len()] as char,
        Role::Slack(_) => '+',
        Role::Padding(_) => '-',
        Role::Metadata(Metadata::HoleNode | Metadata::FreeLink) => '~',
        Role::Metadata(Metadata::Yours) => '$',
        Role::Metadata(_) => '#',
        Role::Stranded(_) => 'x',
        Role::SlabTail => '=',
        Role::Cached => 'c',
        Role::ArenaFree => ',',
    }
}

/// What each character of `classes` means, in one line.
pub fn legend(classes: &[RoleClass]) -> String {
    let entries: Vec<String> = classes
        .iter()
        .map(|&class| match class {
            RoleClass::Payload => "A-Z a-z payload (one letter per allocation)".to_string(),
            _ => format!("{} {}", glyph(class.example()), class.legend()),
        })
        .collect();
    entries.join("  ")
}

/// The smallest power-of-two cell size that fits the heap in `columns × max_rows`.
pub fn cell_size(heap_len: u64, columns: usize, max_rows: usize) -> u64 {
    let cells = (columns * max_rows).max(1) as u64;
    heap_len.div_ceil(cells).next_power_of_two()
}

/// Draws the heap: each row starts with its address, each character is
/// `cell` bytes showing the role that covers most of them.
pub fn render(heap: &Heap, columns: usize, max_rows: usize) -> Vec<String> {
    let cell = cell_size(heap.len(), columns, max_rows);
    let row_bytes = cell * columns as u64;
    let width = format!("{:#x}", heap.end().0).len();
    let mut rows = Vec::new();
    let mut row_start = 0;
    while row_start < heap.len() {
        let mut line = format!("{:>width$} ", format!("{:#x}", heap.base().0 + row_start));
        let row_end = (row_start + row_bytes).min(heap.len());
        let mut at = row_start;
        while at < row_end {
            let end = (at + cell).min(heap.len());
            let dominant = heap
                .roles()
                .regions_in(at..end)
                .max_by_key(|r| r.len())
                .map_or(Role::Untouched, |r| r.role);
            line.push(glyph(dominant));
            at = end;
        }
        rows.push(line);
        row_start = row_end;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{HeapConfig, Simulation, StrategyKind};
    use core::alloc::Layout;

    #[test]
    fn one_byte_per_cell_shows_every_role() {
        let mut sim = Simulation::new(HeapConfig::new(256), StrategyKind::FirstFitHeaders).unwrap();
        sim.alloc(Layout::from_size_align(4, 4).unwrap()).unwrap();
        let rows = render(sim.heap(), 32, 8);
        assert_eq!(rows.len(), 8);
        // 8 untouched bytes, an 8-byte header, 4 payload, 20 slack.
        assert_eq!(&rows[0][7..], "........########AAAA++++++++++++");
        // The rest of the slack (32 - 8 - 4 - 12 = 8 bytes), then the hole node.
        assert!(
            rows[1].starts_with("0x1020 ++++++++~~~~~~~~~~~~~~~~...."),
            "{}",
            rows[1]
        );
    }

    #[test]
    fn big_heaps_use_bigger_cells() {
        assert_eq!(cell_size(1 << 20, 64, 32), 512);
        assert_eq!(cell_size(256, 64, 32), 1);
    }
}
