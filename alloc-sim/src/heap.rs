//! The simulated heap: a byte array at a display address, with a role for
//! every byte.
//!
//! Strategies keep all of their bookkeeping in these bytes, as real
//! allocators do, so that what a learner sees in the hex view is what the
//! algorithm reads. Words are little-endian and as wide as the simulated
//! [`Target`]'s pointers.

use std::ops::Range;

use crate::addr::Addr;
use crate::role::{Region, Role, RoleMap};
use crate::target::Target;

/// The smallest heap a learner may ask for.
pub const MIN_HEAP_SIZE: u64 = 256;
/// The largest heap a learner may ask for (64 MiB).
pub const MAX_HEAP_SIZE: u64 = 64 << 20;
/// The address the heap starts at unless the learner chooses another.
pub const DEFAULT_BASE: Addr = Addr(0x1000);

/// A heap's size, address and target, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HeapConfig {
    /// Number of bytes.
    pub size: u64,
    /// Address of the first byte.
    pub base: Addr,
    /// The simulated machine.
    pub target: Target,
}

impl HeapConfig {
    /// A heap of `size` bytes at [`DEFAULT_BASE`] on a 64-bit target.
    pub fn new(size: u64) -> HeapConfig {
        HeapConfig {
            size,
            base: DEFAULT_BASE,
            target: Target::Bits64,
        }
    }

    /// The same heap at another address.
    #[must_use]
    pub fn at(self, base: Addr) -> HeapConfig {
        HeapConfig { base, ..self }
    }

    /// The same heap on another target.
    #[must_use]
    pub fn on(self, target: Target) -> HeapConfig {
        HeapConfig { target, ..self }
    }

    /// Checks the size and address limits.
    pub fn validate(&self) -> Result<(), HeapConfigError> {
        if !(MIN_HEAP_SIZE..=MAX_HEAP_SIZE).contains(&self.size) {
            return Err(HeapConfigError::Size(self.size));
        }
        if self.base.0 == 0 || !self.base.0.is_multiple_of(16) {
            return Err(HeapConfigError::BaseAlignment(self.base));
        }
        let limit = match self.target {
            Target::Bits64 => u64::MAX,
            Target::Bits32 => u64::from(u32::MAX),
        };
        if self
            .base
            .0
            .checked_add(self.size)
            .is_none_or(|end| end - 1 > limit)
        {
            return Err(HeapConfigError::BaseTooHigh {
                base: self.base,
                target: self.target,
            });
        }
        Ok(())
    }
}

/// Why a heap cannot be made as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum HeapConfigError {
    /// The size is outside 256 B..=64 MiB.
    Size(u64),
    /// The base address is zero or not a multiple of 16.
    BaseAlignment(Addr),
    /// The heap would run past the top of the target's address space.
    BaseTooHigh {
        /// The base asked for.
        base: Addr,
        /// The target whose address space is too small.
        target: Target,
    },
}

impl std::fmt::Display for HeapConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeapConfigError::Size(size) => write!(
                f,
                "heap size {size} B is outside the supported range {MIN_HEAP_SIZE} B to 64 MiB"
            ),
            HeapConfigError::BaseAlignment(base) => write!(
                f,
                "heap base {base} must be a non-zero multiple of 16, as memory from an OS is"
            ),
            HeapConfigError::BaseTooHigh { base, target } => {
                write!(f, "a heap at {base} does not fit a {target} address space")
            }
        }
    }
}

impl std::error::Error for HeapConfigError {}

/// The bytes of the simulated heap.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Heap {
    base: Addr,
    target: Target,
    #[cfg_attr(feature = "serde", serde(with = "serde_bytes"))]
    bytes: Vec<u8>,
    roles: RoleMap,
    /// Offsets `lo..hi` spanning every byte ever written or given a role.
    touched: Option<(u64, u64)>,
    /// What changed since it was last read, while a timeline records.
    #[cfg_attr(feature = "serde", serde(skip))]
    journal: Journal,
}

/// The spans of a heap written or painted since the journal was last
/// taken, kept only while a [`crate::Timeline`] records the heap.
///
/// Whether someone is recording is not part of what a heap holds: two
/// heaps with the same bytes and roles are equal whatever their journals.
#[derive(Debug, Clone, Default)]
struct Journal(Option<Vec<Range<u64>>>);

impl PartialEq for Journal {
    fn eq(&self, _: &Journal) -> bool {
        true
    }
}

impl Eq for Journal {}

impl Heap {
    /// A heap of zero bytes, all untouched. Panics on an invalid config:
    /// validate user input with [`HeapConfig::validate`] first.
    pub fn new(config: HeapConfig) -> Heap {
        if let Err(e) = config.validate() {
            panic!("invalid heap config: {e}");
        }
        // Not `expect`, which would link the error's `Debug` into the wasm.
        let Ok(len) = usize::try_from(config.size) else {
            unreachable!("64 MiB fits every host")
        };
        Heap {
            base: config.base,
            target: config.target,
            bytes: vec![0; len],
            roles: RoleMap::new(config.size),
            touched: None,
            journal: Journal::default(),
        }
    }

    /// The address of the first byte.
    pub fn base(&self) -> Addr {
        self.base
    }

    /// One past the address of the last byte.
    pub fn end(&self) -> Addr {
        self.base.add(self.len())
    }

    /// Number of bytes.
    pub fn len(&self) -> u64 {
        self.bytes.len() as u64
    }

    /// Whether the heap has no bytes (never, for a validated config).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The simulated machine.
    pub fn target(&self) -> Target {
        self.target
    }

    /// Pointer width on the target.
    pub fn word_size(&self) -> u64 {
        self.target.word_size()
    }

    /// Whether `addr..addr + len` lies inside the heap.
    pub fn contains(&self, addr: Addr, len: u64) -> bool {
        addr >= self.base && addr.0.saturating_add(len) <= self.end().0
    }

    /// Where `addr..addr + len` is in the bytes. Every read and write
    /// goes through here: the check is inline, its message out of line.
    #[inline]
    fn index(&self, addr: Addr, len: u64) -> Range<usize> {
        if !self.contains(addr, len) {
            self.outside(addr, len);
        }
        let start = (addr.0 - self.base.0) as usize;
        start..start + len as usize
    }

    #[cold]
    #[inline(never)]
    fn outside(&self, addr: Addr, len: u64) -> ! {
        panic!(
            "{len} bytes at {addr} are outside the heap {}..{}",
            self.base,
            self.end()
        )
    }

    fn offset(&self, addr: Addr) -> u64 {
        addr.0 - self.base.0
    }

    /// The bytes at `addr..addr + len`.
    pub fn read(&self, addr: Addr, len: u64) -> &[u8] {
        &self.bytes[self.index(addr, len)]
    }

    /// Every byte of the heap, first to last.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Writes `data` at `addr`.
    pub fn write(&mut self, addr: Addr, data: &[u8]) {
        let range = self.index(addr, data.len() as u64);
        self.bytes[range.clone()].copy_from_slice(data);
        self.note(range);
        self.touch(addr, data.len() as u64);
    }

    /// Sets `len` bytes at `addr` to `value`.
    pub fn fill(&mut self, addr: Addr, len: u64, value: u8) {
        let range = self.index(addr, len);
        self.bytes[range.clone()].fill(value);
        self.note(range);
        self.touch(addr, len);
    }

    /// Copies `len` bytes from `from` to `to`; the ranges may overlap, as
    /// with `ptr::copy`.
    pub fn copy(&mut self, from: Addr, to: Addr, len: u64) {
        let src = self.index(from, len);
        let dst = self.index(to, len);
        self.bytes.copy_within(src, dst.start);
        self.note(dst);
        self.touch(to, len);
    }

    /// Reads a target-width little-endian word.
    pub fn read_word(&self, addr: Addr) -> u64 {
        if self.word_size() == 8 {
            u64::from_le_bytes(self.read_array(addr))
        } else {
            u64::from(u32::from_le_bytes(self.read_array(addr)))
        }
    }

    /// The `N` bytes at `addr`, with one bounds check: the list walks read
    /// a word or two per block visited.
    #[inline]
    pub fn read_array<const N: usize>(&self, addr: Addr) -> [u8; N] {
        let bytes = usize::try_from(addr.0.wrapping_sub(self.base.0))
            .ok()
            .and_then(|at| self.bytes.get(at..at.checked_add(N)?))
            .and_then(|b| <[u8; N]>::try_from(b).ok());
        match bytes {
            Some(bytes) => bytes,
            None => self.outside(addr, N as u64),
        }
    }

    /// Writes a target-width little-endian word. On a 32-bit target the
    /// value must fit 32 bits.
    pub fn write_word(&mut self, addr: Addr, value: u64) {
        let width = self.word_size() as usize;
        debug_assert!(
            width == 8 || value <= u64::from(u32::MAX),
            "{value} does not fit a word"
        );
        // A word of known width is one store, not a `memcpy`.
        match width {
            8 => self.write_array(addr, value.to_le_bytes()),
            _ => self.write_array(addr, (value as u32).to_le_bytes()),
        }
    }

    /// [`Heap::write`] of a fixed number of bytes.
    fn write_array<const N: usize>(&mut self, addr: Addr, data: [u8; N]) {
        let range = self.index(addr, N as u64);
        self.bytes[range.clone()].copy_from_slice(&data);
        self.note(range);
        self.touch(addr, N as u64);
    }

    /// Gives the bytes `addr..addr + len` the role `role`.
    pub fn paint(&mut self, addr: Addr, len: u64, role: Role) {
        let range = self.index(addr, len);
        self.roles.paint(range.start as u64..range.end as u64, role);
        self.note(range);
        if role != Role::Untouched {
            self.touch(addr, len);
        }
    }

    /// Gives consecutive parts from `addr` on their roles, each `(len,
    /// role)` in turn (at most [`MAX_PARTS`](crate::role::MAX_PARTS), none
    /// untouched): a block's header, padding, payload and slack in one
    /// edit of the role map.
    pub(crate) fn paint_parts(&mut self, addr: Addr, parts: &[(u64, Role)]) {
        debug_assert!(parts.iter().all(|&(_, r)| r != Role::Untouched));
        let len = parts.iter().map(|&(len, _)| len).sum();
        let range = self.index(addr, len);
        self.roles.paint_parts(range.start as u64, parts);
        self.note(range);
        self.touch(addr, len);
    }

    /// The role of the byte at `addr`.
    pub fn role_at(&self, addr: Addr) -> Role {
        self.roles.role_at(self.offset(addr))
    }

    /// The run of equal role containing `addr`, in addresses.
    pub fn region_at(&self, addr: Addr) -> Option<(Addr, Addr, Role)> {
        if !self.contains(addr, 1) {
            return None;
        }
        self.roles
            .region_at(self.offset(addr))
            .map(|r| (self.base.add(r.start), self.base.add(r.end), r.role))
    }

    /// The map of roles, in offsets from [`Heap::base`].
    pub fn roles(&self) -> &RoleMap {
        &self.roles
    }

    /// Every run of equal role, as offsets.
    pub fn regions(&self) -> impl DoubleEndedIterator<Item = Region> + '_ {
        self.roles.regions()
    }

    fn note(&mut self, range: Range<usize>) {
        if let Some(spans) = &mut self.journal.0 {
            if !range.is_empty() {
                spans.push(range.start as u64..range.end as u64);
            }
        }
    }

    /// Starts noting which spans change (for [`crate::Timeline`]).
    pub(crate) fn start_journal(&mut self) {
        self.journal.0 = Some(Vec::new());
    }

    /// The spans changed since the journal started or was last taken,
    /// sorted and merged; the journal goes on, empty.
    pub(crate) fn take_journal(&mut self) -> Vec<Range<u64>> {
        let Some(spans) = &mut self.journal.0 else {
            return Vec::new();
        };
        let mut spans = std::mem::take(spans);
        crate::stable_sort::sort_by_key(&mut spans, |r| r.start);
        let mut merged: Vec<Range<u64>> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        merged
    }

    /// Stops noting changes.
    pub(crate) fn stop_journal(&mut self) {
        self.journal.0 = None;
    }

    /// Stops noting changes: a copy kept as a snapshot records nothing.
    pub(crate) fn without_journal(&self) -> Heap {
        Heap {
            journal: Journal::default(),
            ..self.clone()
        }
    }

    /// The span of bytes ever touched, as offsets (for [`crate::Timeline`]).
    pub(crate) fn touched(&self) -> Option<(u64, u64)> {
        self.touched
    }

    /// Puts back a span's bytes and roles and the touched span, as a
    /// timeline recorded them; roles are painted run by run.
    pub(crate) fn restore(
        &mut self,
        offset: u64,
        bytes: &[u8],
        roles: &[Region],
        touched: Option<(u64, u64)>,
    ) {
        let start = offset as usize;
        self.bytes[start..start + bytes.len()].copy_from_slice(bytes);
        for r in roles {
            self.roles.paint(r.start..r.end, r.role);
        }
        self.touched = touched;
    }

    fn touch(&mut self, addr: Addr, len: u64) {
        if len == 0 {
            return;
        }
        let lo = self.offset(addr);
        let hi = lo + len;
        self.touched = Some(match self.touched {
            None => (lo, hi),
            Some((a, b)) => (a.min(lo), b.max(hi)),
        });
    }

    /// Bytes from the lowest to the highest byte ever written or given a
    /// role: the heap's footprint, what it would have asked the OS for.
    pub fn footprint(&self) -> u64 {
        self.touched.map_or(0, |(lo, hi)| hi - lo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::{AllocId, RoleClass};

    fn heap() -> Heap {
        Heap::new(HeapConfig::new(256))
    }

    #[test]
    fn words_are_little_endian_and_target_wide() {
        let mut h = heap();
        h.write_word(Addr(0x1008), 0x0102_0304_0506_0708);
        assert_eq!(h.read(Addr(0x1008), 8), &[8, 7, 6, 5, 4, 3, 2, 1]);
        assert_eq!(h.read_word(Addr(0x1008)), 0x0102_0304_0506_0708);

        let mut h32 = Heap::new(HeapConfig::new(256).on(Target::Bits32));
        h32.write_word(Addr(0x1000), 0xdead_beef);
        assert_eq!(h32.read(Addr(0x1000), 5), &[0xef, 0xbe, 0xad, 0xde, 0]);
    }

    #[test]
    fn overlapping_copy_behaves_like_memmove() {
        let mut h = heap();
        h.write(Addr(0x1000), &[1, 2, 3, 4]);
        h.copy(Addr(0x1000), Addr(0x1002), 4);
        assert_eq!(h.read(Addr(0x1000), 6), &[1, 2, 1, 2, 3, 4]);
    }

    #[test]
    fn footprint_spans_the_touched_bytes() {
        let mut h = heap();
        assert_eq!(h.footprint(), 0);
        h.paint(Addr(0x1010), 16, Role::Payload(AllocId(1)));
        h.write(Addr(0x1040), &[0]);
        assert_eq!(h.footprint(), 0x41 - 0x10);
        assert_eq!(h.roles().total(RoleClass::Payload), 16);
    }

    #[test]
    fn configs_outside_the_limits_are_refused_with_a_reason() {
        assert!(matches!(
            HeapConfig::new(100).validate(),
            Err(HeapConfigError::Size(100))
        ));
        assert!(HeapConfig::new(MAX_HEAP_SIZE + 1).validate().is_err());
        assert!(HeapConfig::new(4096).at(Addr(0x1001)).validate().is_err());
        let high = HeapConfig::new(4096)
            .at(Addr(0xffff_f000))
            .on(Target::Bits32);
        assert!(high.validate().is_ok());
        let too_high = HeapConfig::new(8192)
            .at(Addr(0xffff_f000))
            .on(Target::Bits32);
        assert!(matches!(
            too_high.validate(),
            Err(HeapConfigError::BaseTooHigh { .. })
        ));
    }
}
