//! What each byte of the heap is for, kept as a map of regions.
//!
//! The picture a learner sees is drawn from this map: every byte has
//! exactly one [`Role`], and a strategy repaints the bytes it hands out or
//! takes back. The map is a set of maximal runs of equal role, so a heap
//! of 64 MiB with a few hundred blocks costs a few hundred entries.
//!
//! Invariants (checked by [`RoleMap::check`]):
//! - the runs tile `0..len` exactly: each starts where the previous ends;
//! - no run is empty, and neighbours never have the same role;
//! - `totals[class]` = Σ length of the runs of that class.

use std::fmt;
use std::ops::Range;

use crate::chunk_map::{Chunk, ChunkMap, Place};

/// Which allocation a byte belongs to: numbered from 1 in the order the
/// allocations were made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AllocId(pub u32);

impl fmt::Display for AllocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// The kinds of bookkeeping an allocator keeps inside the heap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Metadata {
    /// A free-list node written into a hole: its size and the link to the
    /// next hole.
    HoleNode,
    /// A header in front of a live block holding its size (C's `malloc`).
    Header,
    /// A bump chunk's footer: where the chunk starts, its layout, the link
    /// to the previous chunk and the bump pointer.
    ChunkFooter,
    /// The link in a free block of a size class to the next free block of
    /// the same class.
    FreeLink,
    /// A boundary tag: a block's size and allocated bit, in its header and
    /// again in its footer (CS:APP's implicit list).
    BoundaryTag,
    /// The implicit list's fixed tags at the heap's edges: the alignment
    /// word, the prologue block and the epilogue header.
    Sentinel,
    /// What the program's own allocator wrote into its heap array through
    /// a pointer (its free-list nodes, headers, counters): the bytes its
    /// code keeps there, whatever it means by them.
    Yours,
}

impl Metadata {
    /// How the UI names it.
    pub const fn describe(self) -> &'static str {
        match self {
            Metadata::HoleNode => "free-list node (hole size, link to next hole)",
            Metadata::Header => "block header (size of the block)",
            Metadata::ChunkFooter => "chunk footer (chunk start, layout, bump pointer)",
            Metadata::FreeLink => "free-list link (next free block of this size class)",
            Metadata::BoundaryTag => "boundary tag (block size | allocated bit, header or footer)",
            Metadata::Sentinel => "prologue / epilogue tag (fixed blocks at the heap's edges)",
            Metadata::Yours => "your allocator's data (written by its code through a pointer)",
        }
    }
}

/// What one byte of the heap is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Role {
    /// Never written by anyone since the heap was created.
    #[default]
    Untouched,
    /// Free memory the allocator can hand out again.
    Free,
    /// Requested bytes of a live allocation.
    Payload(AllocId),
    /// Usable bytes beyond the request: the block was rounded up.
    Slack(AllocId),
    /// Bytes skipped so that a block starts at its alignment.
    Padding(AllocId),
    /// Allocator bookkeeping kept inside the heap.
    Metadata(Metadata),
    /// Freed, but the allocator cannot reuse it (a bump allocator frees
    /// only its most recent block) until the whole region is reset.
    Stranded(AllocId),
    /// The end of a slab too small for another region: never usable.
    SlabTail,
    /// A freed region held in a thread's cache: free, but only for that
    /// thread and that size class.
    Cached,
    /// Free inside an arena's chunk: the arena can bump into it, but the
    /// heap's strategy sees the whole chunk as allocated.
    ArenaFree,
}

/// Roles grouped for counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RoleClass {
    /// [`Role::Untouched`].
    Untouched,
    /// [`Role::Free`].
    Free,
    /// [`Role::Payload`].
    Payload,
    /// [`Role::Slack`].
    Slack,
    /// [`Role::Padding`].
    Padding,
    /// [`Role::Metadata`] of a live structure (headers, footers).
    Metadata,
    /// [`Role::Metadata`] that lives inside free memory (hole nodes).
    FreeMetadata,
    /// [`Role::Stranded`].
    Stranded,
    /// [`Role::SlabTail`].
    SlabTail,
    /// [`Role::Cached`].
    Cached,
    /// [`Role::ArenaFree`].
    ArenaFree,
    /// [`Metadata::Yours`]: what the program's own allocator wrote.
    Yours,
}

impl RoleClass {
    /// Every class, in a fixed order.
    pub const ALL: [RoleClass; 12] = [
        RoleClass::Untouched,
        RoleClass::Free,
        RoleClass::Payload,
        RoleClass::Slack,
        RoleClass::Padding,
        RoleClass::Metadata,
        RoleClass::FreeMetadata,
        RoleClass::Stranded,
        RoleClass::SlabTail,
        RoleClass::Cached,
        RoleClass::ArenaFree,
        RoleClass::Yours,
    ];

    const fn index(self) -> usize {
        self as usize
    }

    /// The class's name in JSON: `payload`, `free_metadata`, ...
    pub const fn name(self) -> &'static str {
        match self {
            RoleClass::Untouched => "untouched",
            RoleClass::Free => "free",
            RoleClass::Payload => "payload",
            RoleClass::Slack => "slack",
            RoleClass::Padding => "padding",
            RoleClass::Metadata => "metadata",
            RoleClass::FreeMetadata => "free_metadata",
            RoleClass::Stranded => "stranded",
            RoleClass::SlabTail => "slab_tail",
            RoleClass::Cached => "cached",
            RoleClass::ArenaFree => "arena_free",
            RoleClass::Yours => "your_data",
        }
    }

    /// What the class means, for a legend.
    pub const fn legend(self) -> &'static str {
        match self {
            RoleClass::Untouched => "never touched",
            RoleClass::Free => "free",
            RoleClass::Payload => "payload (one colour or letter per allocation)",
            RoleClass::Slack => "slack: rounded up past the request",
            RoleClass::Padding => "padding: skipped to align",
            RoleClass::Metadata => "header / footer",
            RoleClass::FreeMetadata => "free-list node or link",
            RoleClass::Stranded => "stranded: free, but unusable",
            RoleClass::SlabTail => "slab tail: left over after the last region",
            RoleClass::Cached => "cached by a thread",
            RoleClass::ArenaFree => "free in a bump arena's chunk",
            RoleClass::Yours => "your allocator's data (written by its code)",
        }
    }

    /// A role of this class, to draw its swatch.
    pub const fn example(self) -> Role {
        let id = AllocId(1);
        match self {
            RoleClass::Untouched => Role::Untouched,
            RoleClass::Free => Role::Free,
            RoleClass::Payload => Role::Payload(id),
            RoleClass::Slack => Role::Slack(id),
            RoleClass::Padding => Role::Padding(id),
            RoleClass::Metadata => Role::Metadata(Metadata::Header),
            RoleClass::FreeMetadata => Role::Metadata(Metadata::HoleNode),
            RoleClass::Stranded => Role::Stranded(id),
            RoleClass::SlabTail => Role::SlabTail,
            RoleClass::Cached => Role::Cached,
            RoleClass::ArenaFree => Role::ArenaFree,
            RoleClass::Yours => Role::Metadata(Metadata::Yours),
        }
    }
}

impl Role {
    /// The class this role is counted under.
    pub const fn class(self) -> RoleClass {
        match self {
            Role::Untouched => RoleClass::Untouched,
            Role::Free => RoleClass::Free,
            Role::Payload(_) => RoleClass::Payload,
            Role::Slack(_) => RoleClass::Slack,
            Role::Padding(_) => RoleClass::Padding,
            Role::Metadata(Metadata::HoleNode | Metadata::FreeLink) => RoleClass::FreeMetadata,
            Role::Metadata(Metadata::Yours) => RoleClass::Yours,
            Role::Metadata(_) => RoleClass::Metadata,
            Role::Stranded(_) => RoleClass::Stranded,
            Role::SlabTail => RoleClass::SlabTail,
            Role::Cached => RoleClass::Cached,
            Role::ArenaFree => RoleClass::ArenaFree,
        }
    }

    /// The role's name in JSON and URLs: `payload`, `free_list_node`, ...
    pub const fn name(self) -> &'static str {
        match self {
            Role::Untouched => "untouched",
            Role::Free => "free",
            Role::Payload(_) => "payload",
            Role::Slack(_) => "slack",
            Role::Padding(_) => "padding",
            Role::Metadata(Metadata::HoleNode) => "free_list_node",
            Role::Metadata(Metadata::Header) => "header",
            Role::Metadata(Metadata::ChunkFooter) => "chunk_footer",
            Role::Metadata(Metadata::FreeLink) => "free_list_link",
            Role::Metadata(Metadata::BoundaryTag) => "boundary_tag",
            Role::Metadata(Metadata::Sentinel) => "sentinel",
            Role::Metadata(Metadata::Yours) => "your_data",
            Role::Stranded(_) => "stranded",
            Role::SlabTail => "slab_tail",
            Role::Cached => "cached",
            Role::ArenaFree => "arena_free",
        }
    }

    /// Whether the byte belongs to memory the heap's strategy has handed
    /// out: a live block, its padding, slack or header, or what a client
    /// (a bump arena) does inside a block it was given.
    pub const fn in_use(self) -> bool {
        matches!(
            self,
            Role::Payload(_)
                | Role::Slack(_)
                | Role::Padding(_)
                | Role::Stranded(_)
                | Role::ArenaFree
                | Role::Metadata(Metadata::Header | Metadata::ChunkFooter)
        )
    }

    /// The allocation this byte belongs to, if any.
    pub const fn alloc_id(self) -> Option<AllocId> {
        match self {
            Role::Payload(id) | Role::Slack(id) | Role::Padding(id) | Role::Stranded(id) => {
                Some(id)
            }
            _ => None,
        }
    }
}

/// One maximal run of bytes with the same role, as offsets from the start
/// of the heap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Region {
    /// First offset of the run.
    pub start: u64,
    /// One past the last offset.
    pub end: u64,
    /// What the bytes are for.
    pub role: Role,
}

impl Region {
    /// Number of bytes in the run.
    pub const fn len(&self) -> u64 {
        self.end - self.start
    }

    /// Whether the run is empty (never true of a run in a [`RoleMap`]).
    pub const fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The role of every byte of a heap, as maximal runs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RoleMap {
    len: u64,
    /// start → (end, role), lowest first.
    runs: ChunkMap<u64, (u64, Role)>,
    totals: [u64; RoleClass::ALL.len()],
}

/// The most parts a [`RoleMap::paint_parts`] takes: a block's header,
/// padding, payload and slack.
pub(crate) const MAX_PARTS: usize = 4;

/// [`RoleMap::paint_parts`] when the runs it changes, with the neighbours
/// they may merge with, all lie in one chunk of the map: the same result,
/// as one rewrite of that chunk. `false`, with nothing changed, when they
/// do not. `parts` are non-empty, each `(end, role)`, from `start` on.
fn paint_in_chunk(
    runs: &mut Chunk<u64, (u64, Role)>,
    place: Place<'_, u64, (u64, Role)>,
    totals: &mut [u64; RoleClass::ALL.len()],
    start: u64,
    parts: &[(u64, Role)],
) -> bool {
    let (Some(&(_, first_new)), Some(&(end, last_new))) = (parts.first(), parts.last()) else {
        return true;
    };
    // The run holding `start`, and the first run from `end` on.
    let starts = runs.keys();
    let Some(i) = starts.partition_point(|&s| s <= start).checked_sub(1) else {
        return false;
    };
    // A paint covers a run or a few: walk on from `i` rather than bisect.
    let j = i + 1 + starts[i + 1..].iter().take_while(|&&s| s < end).count();
    if j == runs.len() {
        // The range reaches the chunk's last run: it must end inside it,
        // and not merge with the next chunk's first run.
        let chunk_end = runs.value(j - 1).0;
        let merges = place.after.is_some_and(|(_, &(_, r))| r == last_new);
        if end > chunk_end || end == chunk_end && merges {
            return false;
        }
    }
    let (first, (first_end, first_role)) = (starts[i], *runs.value(i));
    if parts.len() == 1 && first_role == first_new && end <= first_end {
        return true;
    }
    let (last_end, last_role) = *runs.value(j - 1);
    // What is taken out is runs[lo..hi], grown by a neighbour that merges.
    let (mut lo, mut hi) = (i, j);
    let mut new = [(0, (0, Role::Untouched)); MAX_PARTS + 2];
    let mut n: usize = 0;
    // The run the first part starts: what is left of the first run on its
    // left joins it if their roles agree, or stays as it was.
    let mut from = start;
    if first < start {
        if first_role == first_new {
            from = first;
        } else {
            new[0] = (first, (start, first_role));
            n = 1;
        }
    } else if i > 0 {
        let (before, (_, before_role)) = (starts[i - 1], *runs.value(i - 1));
        if before_role == first_new {
            from = before;
            lo = i - 1;
        }
    } else if place.before.is_some_and(|(_, &(_, r))| r == first_new) {
        // The run before, of the first part's role, is in the chunk before.
        return false;
    }
    let mut at = start;
    for &(part_end, role) in parts {
        totals[role.class().index()] += part_end - at;
        match n.checked_sub(1).map(|k| &mut new[k]) {
            Some((_, (e, r))) if *r == role => *e = part_end,
            _ => {
                new[n] = (from, (part_end, role));
                n += 1;
            }
        }
        at = part_end;
        from = part_end;
    }
    // What is left of the last run on the right joins the last part, or
    // stays; a run of its role just after joins it.
    if end < last_end {
        if last_role == last_new {
            new[n - 1].1 .0 = last_end;
        } else {
            new[n] = (end, (last_end, last_role));
            n += 1;
        }
    } else if let Some((_, &(after_end, after_role))) = runs.get(j) {
        if after_role == last_new {
            new[n - 1].1 .0 = after_end;
            hi = j + 1;
        }
    }
    for (k, &s) in (i..j).zip(&starts[i..j]) {
        let (e, old) = *runs.value(k);
        totals[old.class().index()] -= e - s;
    }
    if first < start {
        totals[first_role.class().index()] += start - first;
    }
    if end < last_end {
        totals[last_role.class().index()] += last_end - end;
    }
    // Most paints put back as many runs as they take out (a block freed
    // into a neighbour of its new role, a slot handed out again): written
    // over in place, and the chunk shifts only by the difference.
    runs.replace(lo..hi, &new[..n]);
    true
}

impl RoleMap {
    /// A map of `len` untouched bytes.
    pub fn new(len: u64) -> RoleMap {
        let mut runs = ChunkMap::new();
        let mut totals = [0; RoleClass::ALL.len()];
        if len > 0 {
            runs.insert(0, (len, Role::Untouched));
            totals[RoleClass::Untouched.index()] = len;
        }
        RoleMap { len, runs, totals }
    }

    /// The role of the byte at `offset`.
    pub fn role_at(&self, offset: u64) -> Role {
        self.region_at(offset).map_or(Role::Untouched, |r| r.role)
    }

    /// The run containing `offset`.
    pub fn region_at(&self, offset: u64) -> Option<Region> {
        let (&start, &(end, role)) = self.runs.at_or_below(&offset)?;
        (offset < end).then_some(Region { start, end, role })
    }

    /// Total bytes of one class.
    pub fn total(&self, class: RoleClass) -> u64 {
        self.totals[class.index()]
    }

    /// Every run, lowest offset first.
    pub fn regions(&self) -> impl DoubleEndedIterator<Item = Region> + '_ {
        self.runs
            .iter()
            .map(|(&start, &(end, role))| Region { start, end, role })
    }

    /// The runs that overlap `range`, clipped to it.
    pub fn regions_in(&self, range: Range<u64>) -> impl Iterator<Item = Region> + '_ {
        let first = self
            .runs
            .at_or_below(&range.start)
            .map_or(range.start, |(&s, _)| s);
        // A range that ends before the run it starts in is a caller's bug:
        // panic, as a B-tree's `range(first..range.end)` would.
        assert!(
            first <= range.end,
            "regions_in: the range ends before it starts"
        );
        self.runs
            .iter_from(&first)
            .take_while(move |&(&s, _)| s < range.end)
            .filter(move |(_, &(end, _))| end > range.start)
            .map(move |(&start, &(end, role))| Region {
                start: start.max(range.start),
                end: end.min(range.end),
                role,
            })
            // An empty range holds no byte, so no region (the run that
            // starts where it stands is not in it).
            .filter(|region| region.start < region.end)
    }

    /// Gives every byte of `range` the role `role`.
    ///
    /// The runs the range meets are taken out in one sweep; what is left of
    /// the first on the left and of the last on the right goes back with
    /// its old role, or joins the new run where the role is the same; a
    /// neighbour of the new role just outside the range joins it too. So
    /// the runs stay maximal, in a handful of look-ups whatever the range
    /// covers.
    pub fn paint(&mut self, range: Range<u64>, role: Role) {
        let Range { start, end } = range;
        assert!(
            start <= end,
            "paint {start}..{end}: the range ends before it starts"
        );
        self.paint_parts(start, &[(end - start, role)]);
    }

    /// Gives consecutive parts their roles, from `start` on: each
    /// `(len, role)` in turn, empty ones skipped (a block's header, padding,
    /// payload and slack). The same as painting each in turn, in one edit
    /// of the map where they lie in one chunk.
    pub(crate) fn paint_parts(&mut self, start: u64, parts: &[(u64, Role)]) {
        let mut ends = [(0, Role::Untouched); MAX_PARTS];
        let mut n = 0;
        let mut end = start;
        for &(len, role) in parts.iter().filter(|(len, _)| *len > 0) {
            end += len;
            ends[n] = (end, role);
            n += 1;
        }
        assert!(
            end <= self.len,
            "paint {start}..{end} outside 0..{}",
            self.len
        );
        let totals = &mut self.totals;
        let in_one_chunk = self.runs.edit_chunk(&start, |runs, place| {
            paint_in_chunk(runs, place, totals, start, &ends[..n])
        });
        if in_one_chunk != Some(true) {
            let mut at = start;
            for &(part_end, role) in &ends[..n] {
                self.paint_across(at..part_end, role);
                at = part_end;
            }
        }
    }

    /// [`RoleMap::paint`] of a non-empty range whose runs may lie in
    /// several chunks.
    fn paint_across(&mut self, range: Range<u64>, role: Role) {
        let Range { start, end } = range;
        let (&first, &(first_end, first_role)) = self
            .runs
            .at_or_below(&start)
            .expect("the runs cover the heap from offset 0");
        if first_role == role && end <= first_end {
            return;
        }
        let totals = &mut self.totals;
        let mut last = (first_end, first_role);
        self.runs.drain_range(&first, &end, |s, (e, old)| {
            totals[old.class().index()] -= e - s;
            last = (e, old);
        });
        let (last_end, last_role) = last;
        self.totals[role.class().index()] += end - start;
        let mut new_start = start;
        if first < start {
            self.totals[first_role.class().index()] += start - first;
            if first_role == role {
                new_start = first;
            } else {
                self.runs.insert(first, (start, first_role));
            }
        } else if let Some((&before, &(_, before_role))) = self.runs.below(&start) {
            if before_role == role {
                new_start = before;
            }
        }
        let mut new_end = end;
        if end < last_end {
            self.totals[last_role.class().index()] += last_end - end;
            if last_role == role {
                new_end = last_end;
            } else {
                self.runs.insert(end, (last_end, last_role));
            }
        } else if let Some(&(after_end, after_role)) = self.runs.get(&end) {
            if after_role == role {
                self.runs.remove(&end);
                new_end = after_end;
            }
        }
        self.runs.insert(new_start, (new_end, role));
    }

    /// Verifies the invariants written at the top of this module.
    pub fn check(&self) -> Result<(), String> {
        let mut expect = 0;
        let mut totals = [0; RoleClass::ALL.len()];
        let mut previous: Option<Role> = None;
        for r in self.regions() {
            if r.start != expect {
                return Err(format!(
                    "role runs leave a gap or overlap at offset {expect}"
                ));
            }
            if r.is_empty() {
                return Err(format!("empty role run at offset {}", r.start));
            }
            if previous == Some(r.role) {
                return Err(format!(
                    "two runs of {:?} meet at offset {}",
                    r.role, r.start
                ));
            }
            totals[r.role.class().index()] += r.len();
            previous = Some(r.role);
            expect = r.end;
        }
        if expect != self.len {
            return Err(format!(
                "role runs end at {expect}, heap ends at {}",
                self.len
            ));
        }
        if totals != self.totals {
            return Err("role totals disagree with the runs".to_string());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_map_is_one_untouched_run() {
        let map = RoleMap::new(256);
        assert_eq!(map.regions().count(), 1);
        assert_eq!(map.total(RoleClass::Untouched), 256);
        map.check().unwrap();
    }

    #[test]
    fn painting_the_middle_splits_in_three_and_counts() {
        let mut map = RoleMap::new(100);
        map.paint(10..20, Role::Payload(AllocId(1)));
        let runs: Vec<_> = map.regions().map(|r| (r.start, r.end)).collect();
        assert_eq!(runs, vec![(0, 10), (10, 20), (20, 100)]);
        assert_eq!(map.total(RoleClass::Payload), 10);
        assert_eq!(map.total(RoleClass::Untouched), 90);
        map.check().unwrap();
    }

    #[test]
    fn painting_back_merges_neighbours() {
        let mut map = RoleMap::new(100);
        map.paint(10..20, Role::Free);
        map.paint(30..40, Role::Free);
        map.paint(20..30, Role::Free);
        assert_eq!(
            map.region_at(15).unwrap(),
            Region {
                start: 10,
                end: 40,
                role: Role::Free
            }
        );
        map.paint(0..100, Role::Untouched);
        assert_eq!(map.regions().count(), 1);
        map.check().unwrap();
    }

    #[test]
    fn regions_in_clips_to_the_range() {
        let mut map = RoleMap::new(64);
        map.paint(8..24, Role::Metadata(Metadata::Header));
        let clipped: Vec<_> = map.regions_in(4..12).map(|r| (r.start, r.end)).collect();
        assert_eq!(clipped, vec![(4, 8), (8, 12)]);
    }

    /// Painting checked against a role kept per byte (proptest runs on
    /// the host only).
    #[cfg(not(target_arch = "wasm32"))]
    mod against_bytes {
        use super::super::*;

        /// A role per byte: what the runs must describe.
        fn runs_of(bytes: &[Role]) -> Vec<(u64, u64, Role)> {
            let mut runs: Vec<(u64, u64, Role)> = Vec::new();
            for (i, &role) in bytes.iter().enumerate() {
                match runs.last_mut() {
                    Some((_, end, r)) if *r == role => *end = i as u64 + 1,
                    _ => runs.push((i as u64, i as u64 + 1, role)),
                }
            }
            runs
        }

        const PALETTE: [Role; 6] = [
            Role::Untouched,
            Role::Free,
            Role::Payload(AllocId(1)),
            Role::Payload(AllocId(2)),
            Role::Slack(AllocId(1)),
            Role::Metadata(Metadata::Header),
        ];

        proptest::proptest! {
            /// Painting ranges and runs of parts keeps the runs maximal, equal
            /// to a role kept per byte, with the right totals, across chunks
            /// (maps of hundreds of runs) and at the map's ends.
            #[test]
            fn painting_agrees_with_a_role_per_byte(
                len in 1u64..1500,
                paints in proptest::collection::vec(
                    (0u64..1500, proptest::collection::vec((0u64..24, 0usize..6), 1..=MAX_PARTS)),
                    1..300,
                ),
            ) {
                let mut map = RoleMap::new(len);
                let mut bytes = vec![Role::Untouched; len as usize];
                for (start, parts) in paints {
                    let start = start % len;
                    let mut at = start;
                    let mut fitted = Vec::new();
                    for (part, role) in parts {
                        let part = part.min(len - at);
                        fitted.push((part, PALETTE[role]));
                        for b in &mut bytes[at as usize..(at + part) as usize] {
                            *b = PALETTE[role];
                        }
                        at += part;
                    }
                    if let [(part, role)] = fitted[..] {
                        map.paint(start..start + part, role);
                    } else {
                        map.paint_parts(start, &fitted);
                    }
                    let runs: Vec<_> = map.regions().map(|r| (r.start, r.end, r.role)).collect();
                    proptest::prop_assert_eq!(&runs, &runs_of(&bytes));
                    for class in RoleClass::ALL {
                        let counted = bytes.iter().filter(|r| r.class() == class).count() as u64;
                        proptest::prop_assert_eq!(map.total(class), counted, "{:?}", class);
                    }
                    map.check().map_err(proptest::test_runner::TestCaseError::fail)?;
                }
            }
        }
    }
}
