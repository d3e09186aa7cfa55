//! What a pane's heap and strategy are set to: the heap's size and the
//! strategy's settings, with the playground's defaults. Shared by the
//! reducer and share links, which both build on it.

use alloc_sim::strategy::{SettingValue, PAGE_SIZE};
use alloc_sim::{Settings, StrategyKind};

/// The heap each strategy gets by default: small enough to see every byte.
pub const HEAP_SIZE: u64 = 4096;

/// The default page size of the strategies that work in pages (size
/// classes, jemalloc): small, so the default heap holds several.
pub const PAGE_BYTES: u64 = 512;

/// Heap sizes the learner can pick, from the smallest a heap may be (a
/// lesson on fragmentation wants 512 B) to 4 MiB, for traces recorded from
/// real programs; bigger heaps draw more bytes per cell.
pub const HEAP_SIZES: [u64; 11] = [
    alloc_sim::MIN_HEAP_SIZE,
    512,
    1024,
    2048,
    4096,
    8 << 10,
    16 << 10,
    64 << 10,
    256 << 10,
    1 << 20,
    4 << 20,
];

/// The most strategies shown side by side (the program's own allocator's
/// pane counts as one).
pub const MAX_PANES: usize = engine::MAX_PANES;

/// A heap size and the strategies' settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Setup {
    /// Bytes in each heap.
    pub heap: u64,
    /// The strategies' settings, by key (see `alloc_sim::strategy::Settings`).
    pub settings: Settings,
}

impl Default for Setup {
    fn default() -> Setup {
        Setup {
            heap: HEAP_SIZE,
            settings: Settings::new()
                .with(&PAGE_SIZE, SettingValue::Bytes(PAGE_BYTES))
                .expect("512 B is a valid page size"),
        }
    }
}

impl Setup {
    /// `shared` as `kind` reads it: its heap, and only the settings `kind`
    /// declares. Two setups that give `kind` the same heap are equal here.
    pub fn for_kind(kind: StrategyKind, shared: &Setup) -> Setup {
        let mut settings = Settings::new();
        for spec in kind.settings() {
            // The value was valid where it was set; a spec shared by key is
            // the same spec.
            let _ = settings.set(spec, shared.settings.get(spec));
        }
        Setup {
            heap: shared.heap,
            settings,
        }
    }

    /// This setup with `kind`'s own settings taken from `own`.
    pub fn with_own(&self, kind: StrategyKind, own: &Setup) -> Setup {
        let mut next = Setup {
            heap: own.heap,
            settings: self.settings.clone(),
        };
        for spec in kind.settings() {
            let _ = next.settings.set(spec, own.settings.get(spec));
        }
        next
    }

    /// Whether every strategy in `kinds` can be built with this setup.
    pub fn fits(&self, kinds: &[StrategyKind]) -> bool {
        (alloc_sim::MIN_HEAP_SIZE..=alloc_sim::MAX_HEAP_SIZE).contains(&self.heap)
            && kinds.iter().all(|k| k.build_with(&self.settings).is_ok())
    }
}

/// Setups by strategy: a pane's own settings. A handful at most (one per
/// pane), kept in a list, which costs the page less code than a map.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Setups(Vec<(StrategyKind, Setup)>);

impl Setups {
    /// None yet.
    pub fn new() -> Setups {
        Setups::default()
    }

    /// `kind`'s setup, if it has one.
    pub fn get(&self, kind: &StrategyKind) -> Option<&Setup> {
        self.0.iter().find(|(k, _)| k == kind).map(|(_, s)| s)
    }

    /// Gives `kind` this setup (replacing one it had).
    pub fn insert(&mut self, kind: StrategyKind, setup: Setup) {
        match self.0.iter_mut().find(|(k, _)| *k == kind) {
            Some(slot) => slot.1 = setup,
            None => self.0.push((kind, setup)),
        }
    }

    /// Takes `kind`'s setup away.
    pub fn remove(&mut self, kind: &StrategyKind) -> Option<Setup> {
        let i = self.0.iter().position(|(k, _)| k == kind)?;
        Some(self.0.remove(i).1)
    }

    /// Whether no strategy has its own.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Forgets them all.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl FromIterator<(StrategyKind, Setup)> for Setups {
    fn from_iter<I: IntoIterator<Item = (StrategyKind, Setup)>>(iter: I) -> Setups {
        let mut setups = Setups::new();
        for (kind, setup) in iter {
            setups.insert(kind, setup);
        }
        setups
    }
}
