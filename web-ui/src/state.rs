//! The app's state and every change to it, as one reducer.
//!
//! No allocator logic lives here: actions call `alloc-sim`, and the state
//! keeps what the view shows.

use std::rc::Rc;

use alloc_sim::{Addr, HeapConfig, LayoutSpec, Settings, Simulation, StrategyKind, ThreadId};
use yew::Reducible;

/// The heap the first screen works on: small enough to show every byte.
pub const HEAP_SIZE: u64 = 1024;

/// Pages of the strategies that work in pages (size classes, jemalloc):
/// small, so that the 1 KiB heap holds several.
pub const PAGE_SIZE: u64 = 256;

/// One allocator call as the log shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    /// `alloc(Layout { size: 24, align: 8 }) → 0x1000`
    pub call: String,
    /// Whether it succeeded.
    pub ok: bool,
    /// The strategy's narration.
    pub events: Vec<String>,
}

/// Everything the first screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Playground {
    /// The strategy managing the heap.
    pub kind: StrategyKind,
    /// The heap and its strategy.
    pub sim: Simulation,
    /// Live blocks, oldest first: (address, layout).
    pub blocks: Vec<(Addr, LayoutSpec)>,
    /// The calls made so far, oldest first.
    pub log: Vec<LogLine>,
}

/// What the learner can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Start over on another strategy.
    Choose(StrategyKind),
    /// `alloc` a block.
    Alloc(LayoutSpec),
    /// `dealloc` the oldest live block.
    FreeOldest,
    /// Start over on the same strategy.
    Reset,
}

impl Playground {
    /// A fresh heap managed by `kind`.
    pub fn new(kind: StrategyKind) -> Playground {
        let settings = Settings {
            page_size: PAGE_SIZE,
            ..Settings::default()
        };
        let strategy = kind
            .build_with(settings)
            .expect("the built-in settings are valid");
        let sim = Simulation::with_strategy(HeapConfig::new(HEAP_SIZE), strategy)
            .expect("the built-in heap size is valid");
        Playground {
            kind,
            sim,
            blocks: Vec::new(),
            log: Vec::new(),
        }
    }

    fn record(&mut self, call: String, ok: bool) {
        let events = self.sim.events().iter().map(ToString::to_string).collect();
        self.log.push(LogLine { call, ok, events });
    }
}

impl Default for Playground {
    fn default() -> Playground {
        Playground::new(StrategyKind::FirstFit)
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Choose(kind) if kind == self.kind => self,
            Action::Choose(kind) => Rc::new(Playground::new(kind)),
            Action::Reset => Rc::new(Playground::new(self.kind)),
            Action::FreeOldest if self.blocks.is_empty() => self,
            Action::FreeOldest => {
                let mut next = (*self).clone();
                let (addr, layout) = next.blocks.remove(0);
                let result = next.sim.dealloc_spec(ThreadId::MAIN, addr, layout);
                let call = format!("dealloc({addr}, {layout})");
                next.record(call, result.is_ok());
                Rc::new(next)
            }
            Action::Alloc(layout) => {
                let mut next = (*self).clone();
                let result = next.sim.alloc_spec(ThreadId::MAIN, layout, false);
                let call = match &result {
                    Ok(addr) => format!("alloc({layout}) → {addr}"),
                    Err(e) => format!("alloc({layout}) failed: {e}"),
                };
                if let Ok(addr) = result {
                    next.blocks.push((addr, layout));
                }
                next.record(call, result.is_ok());
                Rc::new(next)
            }
        }
    }
}

/// Reads the size box: a whole number of bytes, 1 to the heap's size.
pub fn parse_request_size(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if (1..=HEAP_SIZE).contains(&n) => Ok(n),
        Ok(_) => Err(format!("choose a size from 1 to {HEAP_SIZE} bytes")),
        Err(_) => Err(format!("`{}` is not a whole number of bytes", text.trim())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: Rc<Playground>, action: Action) -> Rc<Playground> {
        state.reduce(action)
    }

    const SMALL: LayoutSpec = LayoutSpec { size: 24, align: 8 };

    #[test]
    fn alloc_logs_the_call_with_its_address() {
        let s = reduce(Rc::new(Playground::default()), Action::Alloc(SMALL));
        assert_eq!(
            s.log[0].call,
            "alloc(Layout { size: 24, align: 8 }) → 0x1000"
        );
        assert!(s.log[0].ok);
        assert_eq!(s.sim.metrics().live_bytes, 24);
    }

    #[test]
    fn free_oldest_frees_in_allocation_order_and_does_nothing_when_empty() {
        let empty = Rc::new(Playground::default());
        assert!(Rc::ptr_eq(
            &empty,
            &reduce(empty.clone(), Action::FreeOldest)
        ));
        let s = reduce(
            reduce(reduce(empty, Action::Alloc(SMALL)), Action::Alloc(SMALL)),
            Action::FreeOldest,
        );
        assert_eq!(
            s.log[2].call,
            "dealloc(0x1000, Layout { size: 24, align: 8 })"
        );
        assert_eq!(s.blocks.len(), 1);
    }

    #[test]
    fn choosing_the_same_strategy_changes_nothing_and_another_starts_over() {
        let s = reduce(Rc::new(Playground::default()), Action::Alloc(SMALL));
        assert!(Rc::ptr_eq(
            &s,
            &reduce(s.clone(), Action::Choose(StrategyKind::FirstFit))
        ));
        let bump = reduce(s, Action::Choose(StrategyKind::Bump));
        assert_eq!(bump.kind, StrategyKind::Bump);
        assert!(bump.log.is_empty());
    }

    #[test]
    fn every_strategy_serves_a_small_request_on_the_small_heap() {
        for kind in StrategyKind::ALL {
            let s = reduce(Rc::new(Playground::new(kind)), Action::Alloc(SMALL));
            assert!(s.log[0].ok, "{kind}: {}", s.log[0].call);
        }
    }

    #[test]
    fn an_allocation_too_big_is_logged_as_failed() {
        let s = reduce(
            Rc::new(Playground::default()),
            Action::Alloc(LayoutSpec {
                size: 2000,
                align: 8,
            }),
        );
        assert!(!s.log[0].ok);
        assert!(s.log[0].call.contains("out of memory"));
    }

    #[test]
    fn request_sizes_are_checked_with_a_reason() {
        assert_eq!(parse_request_size(" 24 "), Ok(24));
        assert!(parse_request_size("0").unwrap_err().contains("from 1"));
        assert!(parse_request_size("lots")
            .unwrap_err()
            .contains("not a whole number"));
    }
}
