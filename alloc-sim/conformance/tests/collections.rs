//! The collection rules of `alloc_sim::scenario::std_rules` against the
//! real standard library.
//!
//! Every case runs a real std operation under a recording
//! `#[global_allocator]` and compares the calls it made (`alloc`,
//! `realloc`, `dealloc`, with layouts and new sizes) with what the rule
//! functions predict for the same inputs. The expectation always comes
//! from a rule, the truth from the run; no numbers are typed in here. The
//! recorder must not allocate: fixed arrays of atomics, on only for the
//! current thread, one recording at a time.
//!
//! The rules describe Linux x86_64 (16-byte hashbrown groups), so that is
//! where this runs.
#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};
use std::fmt::Debug;
use std::hash::{BuildHasherDefault, Hash};
use std::hint::black_box;
use std::mem::MaybeUninit;
use std::ptr::NonNull;
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use alloc_sim::scenario::std_rules::btree::{
    edges_offset, internal_node_layout, leaf_fields, leaf_node_layout, BTreeShadow,
};
use alloc_sim::scenario::std_rules::format::{
    display_to_string, exact_string, format_calls, integer_display_writes, integer_to_string,
    write_strings, Built, Piece,
};
use alloc_sim::scenario::std_rules::hash_table::HashTable;
use alloc_sim::scenario::std_rules::raw_table::{self, RawTable};
use alloc_sim::scenario::std_rules::rc::{rc_slice_from_vec, rc_slice_layout, RcBlock};
use alloc_sim::scenario::std_rules::sort::{cached_key_indices, stable_sort_scratch};
use alloc_sim::scenario::std_rules::vec_deque::VecDequeShadow;
use alloc_sim::scenario::std_rules::vec_methods::{
    append_call, clone_call, collect_by_one, collect_exact, collect_in_place, extend_by_one,
    extend_exact, into_boxed_slice_call, split_off_call,
};
use alloc_sim::scenario::std_rules::{binary_heap, pair_layout, RawBuf, StdCall};
use alloc_sim::scenario::ty::IntTy;
use alloc_sim::{LayoutSpec, Target};

// ---------------------------------------------------------------------------
// The recorder.

const SLOTS: usize = 1 << 14;
static OPS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static SIZES: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static ALIGNS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static NEW_SIZES: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static COUNT: AtomicUsize = AtomicUsize::new(0);
/// One recording at a time: the slots are shared by all test threads.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

thread_local! {
    static RECORDING: Cell<bool> = const { Cell::new(false) };
}

const ALLOC: usize = 0;
const ALLOC_ZEROED: usize = 1;
const REALLOC: usize = 2;
const DEALLOC: usize = 3;

fn note(op: usize, layout: Layout, new_size: usize) {
    if RECORDING.with(Cell::get) {
        let i = COUNT.fetch_add(1, Ordering::SeqCst);
        if i < SLOTS {
            OPS[i].store(op, Ordering::SeqCst);
            SIZES[i].store(layout.size(), Ordering::SeqCst);
            ALIGNS[i].store(layout.align(), Ordering::SeqCst);
            NEW_SIZES[i].store(new_size, Ordering::SeqCst);
        }
    }
}

struct Recorder;

// SAFETY: every call is forwarded to `System` unchanged; recording only
// stores numbers into atomics.
unsafe impl GlobalAlloc for Recorder {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(ALLOC, layout, 0);
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(ALLOC_ZEROED, layout, 0);
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(REALLOC, layout, new_size);
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(DEALLOC, layout, 0);
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Recorder = Recorder;

/// The calls `f` makes on this thread.
fn record(f: impl FnOnce()) -> Vec<StdCall> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    COUNT.store(0, Ordering::SeqCst);
    RECORDING.with(|r| r.set(true));
    f();
    RECORDING.with(|r| r.set(false));
    let n = COUNT.load(Ordering::SeqCst);
    assert!(n <= SLOTS, "more than {SLOTS} calls to record");
    (0..n)
        .map(|i| {
            let layout = LayoutSpec {
                size: SIZES[i].load(Ordering::SeqCst) as u64,
                align: ALIGNS[i].load(Ordering::SeqCst) as u64,
            };
            match OPS[i].load(Ordering::SeqCst) {
                ALLOC => StdCall::Alloc(layout),
                REALLOC => StdCall::Realloc {
                    layout,
                    new_size: NEW_SIZES[i].load(Ordering::SeqCst) as u64,
                },
                DEALLOC => StdCall::Dealloc(layout),
                ALLOC_ZEROED => panic!("alloc_zeroed({layout}): no rule here zeroes"),
                op => unreachable!("op {op}"),
            }
        })
        .collect()
}

/// Runs cases, keeps the failures, and reports them all at the end.
#[derive(Default)]
struct Checker {
    cases: usize,
    failures: Vec<String>,
}

impl Checker {
    /// Runs `run` for real and compares its calls with `expected`.
    fn check(&mut self, name: impl FnOnce() -> String, expected: &[StdCall], run: impl FnOnce()) {
        let real = record(run);
        self.cases += 1;
        if real != expected {
            self.failures.push(format!(
                "{}:\n    std:  {real:?}\n    rule: {expected:?}",
                name()
            ));
        }
    }

    /// A fact checked without recording (a layout measured natively).
    fn same<T: PartialEq + Debug>(&mut self, name: impl FnOnce() -> String, rule: T, real: T) {
        self.cases += 1;
        if rule != real {
            self.failures.push(format!(
                "{}:\n    std:  {real:?}\n    rule: {rule:?}",
                name()
            ));
        }
    }

    fn finish(self, what: &str) {
        eprintln!("{what}: {} cases", self.cases);
        let shown: Vec<&str> = self.failures.iter().take(25).map(String::as_str).collect();
        assert!(
            self.failures.is_empty(),
            "{what}: {} of {} cases differ from std:\n{}",
            self.failures.len(),
            self.cases,
            shown.join("\n")
        );
    }
}

const T64: Target = Target::Bits64;

fn lay<T>() -> LayoutSpec {
    LayoutSpec::from(Layout::new::<T>())
}

fn dealloc_of(layout: Option<LayoutSpec>) -> Option<StdCall> {
    layout.map(StdCall::Dealloc)
}

/// A value type for every layout we want: `gen(i)` makes the `i`-th value,
/// `rank(i)` is where it sorts (equal ranks are equal values), and
/// `DISTINCT` is how many different values there are.
trait Gen: Ord + Hash + Clone + Debug + 'static {
    const DISTINCT: u64;
    fn gen(i: u32) -> Self;
    fn rank(i: u32) -> u64;
}

macro_rules! gen_int {
    ($($t:ty),*) => {$(
        impl Gen for $t {
            const DISTINCT: u64 = if <$t>::BITS >= 32 { 1 << 32 } else { 1 << <$t>::BITS };
            fn gen(i: u32) -> $t {
                i as $t
            }
            fn rank(i: u32) -> u64 {
                (i as $t) as u64
            }
        }
    )*};
}
gen_int!(u8, u16, u32, u64, u128);

impl Gen for () {
    const DISTINCT: u64 = 1;
    fn gen(_: u32) {}
    fn rank(_: u32) -> u64 {
        0
    }
}

impl Gen for [u8; 3] {
    const DISTINCT: u64 = 1 << 24;
    fn gen(i: u32) -> [u8; 3] {
        let b = i.to_be_bytes();
        [b[1], b[2], b[3]]
    }
    fn rank(i: u32) -> u64 {
        u64::from(i & 0xff_ffff)
    }
}

impl Gen for [u8; 2] {
    const DISTINCT: u64 = 1 << 16;
    fn gen(i: u32) -> [u8; 2] {
        (i as u16).to_be_bytes()
    }
    fn rank(i: u32) -> u64 {
        u64::from(i as u16)
    }
}

impl Gen for [u8; 24] {
    const DISTINCT: u64 = 1 << 32;
    fn gen(i: u32) -> [u8; 24] {
        let mut a = [7u8; 24];
        a[..4].copy_from_slice(&i.to_be_bytes());
        a
    }
    fn rank(i: u32) -> u64 {
        u64::from(i)
    }
}

/// A 32-byte-aligned value.
#[repr(align(32))]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct A32(u32);

impl Gen for A32 {
    const DISTINCT: u64 = 1 << 32;
    fn gen(i: u32) -> A32 {
        A32(i)
    }
    fn rank(i: u32) -> u64 {
        u64::from(i)
    }
}

/// A deterministic stream of pseudo-random numbers (a 64-bit LCG).
fn lcg(seed: u64, n: usize) -> Vec<u32> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) as u32
        })
        .collect()
}

// ---------------------------------------------------------------------------
// HashMap and HashSet.

type Fixed = BuildHasherDefault<DefaultHasher>;

fn hash_cases<K: Gen, V: Gen>(c: &mut Checker) {
    let name = || {
        format!(
            "HashMap<{}, {}>",
            std::any::type_name::<K>(),
            std::any::type_name::<V>()
        )
    };
    let elem = pair_layout(lay::<K>(), lay::<V>());
    c.same(
        || format!("{} bucket layout", name()),
        elem,
        lay::<(K, V)>(),
    );
    let distinct = K::DISTINCT.min(120) as u32;

    // Inserting 0..n distinct keys, then dropping the map.
    for n in 0..=distinct {
        let mut table = HashTable::new(elem, T64);
        let mut expected = Vec::new();
        for _ in 0..n {
            expected.extend(table.insert(false).unwrap());
        }
        expected.extend(table.free());
        c.check(
            || format!("{}: {n} inserts", name()),
            &expected,
            move || {
                let mut map: HashMap<K, V, Fixed> = HashMap::default();
                for i in 0..n {
                    map.insert(K::gen(i), V::gen(i));
                }
                black_box(&map);
            },
        );
    }

    // Keys that repeat: every insert reserves first, present or not.
    for n in [5u32, 17, 40] {
        let keys: Vec<u32> = lcg(u64::from(n), n as usize)
            .iter()
            .map(|x| x % 6)
            .collect();
        let mut table = HashTable::new(elem, T64);
        let mut seen = BTreeSet::new();
        let mut expected = Vec::new();
        for &k in &keys {
            expected.extend(table.insert(!seen.insert(K::rank(k))).unwrap());
        }
        expected.extend(table.free());
        c.check(
            || format!("{}: {n} inserts of 6 keys", name()),
            &expected,
            || {
                let mut map: HashMap<K, V, Fixed> = HashMap::default();
                for &k in &keys {
                    map.insert(K::gen(k), V::gen(k));
                }
                black_box(&map);
            },
        );
    }

    // with_capacity, then inserts past it.
    for cap in 0..=40u64 {
        for extra in [0u64, 1, 9] {
            let n = (cap + extra).min(u64::from(distinct));
            let (mut table, first) = HashTable::with_capacity(elem, cap, T64).unwrap();
            let mut expected: Vec<StdCall> = first.into_iter().collect();
            for _ in 0..n {
                expected.extend(table.insert(false).unwrap());
            }
            expected.extend(table.free());
            c.check(
                || format!("{}: with_capacity({cap}), {n} inserts", name()),
                &expected,
                move || {
                    let mut map: HashMap<K, V, Fixed> =
                        HashMap::with_capacity_and_hasher(cap as usize, Fixed::default());
                    for i in 0..n as u32 {
                        map.insert(K::gen(i), V::gen(i));
                    }
                    black_box(&map);
                },
            );
        }
    }

    // reserve after some inserts.
    for k in [0u32, 1, 3, 7, 14] {
        for r in [0u64, 1, 2, 5, 20, 100] {
            let k = k.min(distinct);
            let mut table = HashTable::new(elem, T64);
            let mut expected = Vec::new();
            for _ in 0..k {
                expected.extend(table.insert(false).unwrap());
            }
            expected.extend(table.reserve(r).unwrap());
            expected.extend(table.free());
            c.check(
                || format!("{}: {k} inserts, reserve({r})", name()),
                &expected,
                move || {
                    let mut map: HashMap<K, V, Fixed> = HashMap::default();
                    for i in 0..k {
                        map.insert(K::gen(i), V::gen(i));
                    }
                    map.reserve(r as usize);
                    black_box(&map);
                },
            );
        }
    }

    // shrink_to_fit / shrink_to, clear, and inserting again.
    for cap in [0u64, 3, 20, 100] {
        for k in [0u32, 1, 5, 20] {
            for min in [0u64, 2, 30] {
                let k = k.min(distinct);
                let (mut table, first) = HashTable::with_capacity(elem, cap, T64).unwrap();
                let mut expected: Vec<StdCall> = first.into_iter().collect();
                for _ in 0..k {
                    expected.extend(table.insert(false).unwrap());
                }
                expected.extend(table.shrink_to(min));
                table.clear();
                expected.extend(table.shrink_to_fit());
                expected.extend(table.insert(false).unwrap());
                expected.extend(table.free());
                c.check(
                    || format!("{}: with_capacity({cap}), {k} inserts, shrink_to({min}), clear, shrink_to_fit, insert", name()),
                    &expected,
                    move || {
                        let mut map: HashMap<K, V, Fixed> =
                            HashMap::with_capacity_and_hasher(cap as usize, Fixed::default());
                        for i in 0..k {
                            map.insert(K::gen(i), V::gen(i));
                        }
                        map.shrink_to(min as usize);
                        map.clear();
                        map.shrink_to_fit();
                        map.insert(K::gen(0), V::gen(0));
                        black_box(&map);
                    },
                );
            }
        }
    }

    // A full table: entry() of a present key, entry() of an absent one
    // left empty, insert of a present key; then clone.
    for fill in [3u32, 7, 14, 28] {
        if fill + 1 > distinct {
            continue;
        }
        let mut table = HashTable::new(elem, T64);
        let mut expected = Vec::new();
        for _ in 0..fill {
            expected.extend(table.insert(false).unwrap());
        }
        expected.extend(table.entry(true).unwrap());
        expected.extend(table.entry(false).unwrap());
        expected.extend(table.insert(true).unwrap());
        expected.extend(table.entry(false).unwrap());
        table.fill_entry();
        let mut copy = table;
        expected.extend(table.clone_call());
        expected.extend(copy.free());
        expected.extend(table.free());
        c.check(
            || format!("{}: {fill} inserts, entry/insert at full, clone", name()),
            &expected,
            move || {
                let mut map: HashMap<K, V, Fixed> = HashMap::default();
                for i in 0..fill {
                    map.insert(K::gen(i), V::gen(i));
                }
                let _ = map.entry(K::gen(0));
                let _ = map.entry(K::gen(fill));
                map.insert(K::gen(1), V::gen(1));
                map.entry(K::gen(fill)).or_insert(V::gen(0));
                let copy = map.clone();
                black_box(&copy);
                drop(copy);
                black_box(&map);
            },
        );
    }

    // collect, and extend into a map that already has keys.
    for n in [0u32, 1, 3, 10, 30] {
        for start in [0u32, 2] {
            let n = n.min(distinct);
            let start = start.min(distinct - n);
            let mut table = HashTable::new(elem, T64);
            let mut expected = Vec::new();
            let mut seen = BTreeSet::new();
            // `collect()` of 0..n, then `extend` with start..start + n.
            expected.extend(table.reserve(table.extend_reserve(u64::from(n))).unwrap());
            for i in 0..n {
                expected.extend(table.insert(!seen.insert(K::rank(i))).unwrap());
            }
            expected.extend(table.reserve(table.extend_reserve(u64::from(n))).unwrap());
            for i in start..start + n {
                expected.extend(table.insert(!seen.insert(K::rank(i))).unwrap());
            }
            expected.extend(table.free());
            c.check(
                || format!("{}: collect {n}, extend {start}..+{n}", name()),
                &expected,
                move || {
                    let mut map: HashMap<K, V, Fixed> =
                        (0..n).map(|i| (K::gen(i), V::gen(i))).collect();
                    map.extend((start..start + n).map(|i| (K::gen(i), V::gen(i))));
                    black_box(&map);
                },
            );
        }
    }
}

fn hash_set_cases<K: Gen>(c: &mut Checker) {
    let elem = lay::<K>();
    let distinct = K::DISTINCT.min(100) as u32;
    for n in 0..=100u32 {
        let mut table = HashTable::new(elem, T64);
        let mut seen = BTreeSet::new();
        let mut expected = Vec::new();
        for i in 0..n {
            expected.extend(table.insert(!seen.insert(K::rank(i % distinct))).unwrap());
        }
        expected.extend(table.free());
        c.check(
            || format!("HashSet<{}>: {n} inserts", std::any::type_name::<K>()),
            &expected,
            move || {
                let mut set: HashSet<K, Fixed> = HashSet::default();
                for i in 0..n {
                    set.insert(K::gen(i % distinct));
                }
                black_box(&set);
            },
        );
    }
}

#[test]
fn hash_tables_allocate_as_hashbrown_does() {
    let mut c = Checker::default();
    hash_cases::<u32, u32>(&mut c);
    hash_cases::<u8, ()>(&mut c);
    hash_cases::<u16, u8>(&mut c);
    hash_cases::<u64, u64>(&mut c);
    hash_cases::<[u8; 3], u8>(&mut c);
    hash_cases::<u64, [u8; 24]>(&mut c);
    hash_cases::<u32, A32>(&mut c);
    hash_cases::<u128, ()>(&mut c);
    hash_cases::<(), ()>(&mut c);
    hash_set_cases::<u8>(&mut c);
    hash_set_cases::<u16>(&mut c);
    hash_set_cases::<[u8; 3]>(&mut c);
    hash_set_cases::<u32>(&mut c);
    hash_set_cases::<()>(&mut c);
    hash_set_cases::<A32>(&mut c);
    c.finish("hash tables");
}

/// Runs `script` (key number, insert or remove) on a real `HashMap` with
/// `RandomState`'s zero keys (`DefaultHasher::new()` is SipHash-1-3 keyed
/// (0, 0)) and on the `RawTable` model fed the same keys' hashes: after
/// every step, the calls, the capacity and the order the map iterates in
/// (its buckets' order) must be std's. Removals make tombstones, so this
/// checks where each element sits, not only when the table grows.
fn placement_case<K: Gen>(c: &mut Checker, label: &str, script: &[(u32, bool)]) -> usize {
    let elem = pair_layout(lay::<K>(), lay::<u32>());
    let hash = |k: &K| {
        let mut h = raw_table::key_hasher(raw_table::random_state(0));
        k.hash(&mut h);
        std::hash::Hasher::finish(&h)
    };
    let mut model = RawTable::new(elem, T64);
    let mut keys: Vec<K> = Vec::new();
    let mut real: HashMap<K, u32, Fixed> = HashMap::default();
    let mut rehashed_in_place = 0;
    for (step, &(x, insert)) in script.iter().enumerate() {
        let k = K::gen(x);
        let name = || format!("{} {label} step {step}", std::any::type_name::<K>());
        let mut expected = Vec::new();
        if insert {
            let buckets = (model.buckets(), model.capacity() - model.len());
            expected.extend(model.reserve(1).unwrap());
            if buckets.1 == 0 && model.buckets() == buckets.0 && buckets.0 > 0 {
                rehashed_in_place += 1;
            }
            if model.find(hash(&k), |h| keys[h] == k).is_none() {
                keys.push(k.clone());
                model.insert(hash(&k), keys.len() - 1);
            }
        } else if let Some(b) = model.find(hash(&k), |h| keys[h] == k) {
            model.erase(b);
        }
        let (kk, real_ref) = (k.clone(), &mut real);
        c.check(name, &expected, move || {
            if insert {
                real_ref.insert(kk, x);
            } else {
                real_ref.remove(&kk);
            }
        });
        if let Err(e) = model.check() {
            c.same(name, e, String::new());
        }
        c.same(name, model.capacity() as usize, real.capacity());
        let order: Vec<&K> = model.iter().map(|(_, h)| &keys[h]).collect();
        c.same(name, order, real.keys().collect::<Vec<_>>());
    }
    rehashed_in_place
}

#[test]
fn hash_tables_place_each_element_as_hashbrown_does() {
    let mut c = Checker::default();
    let mut in_place = 0;
    // Seeded mixes: five inserts to three removals over a few keys.
    for seed in 1..=12 {
        for (spread, steps) in [(60, 400), (25, 300), (200, 200)] {
            let script: Vec<(u32, bool)> = lcg(seed * 1000 + spread, steps)
                .into_iter()
                .map(|x| (x % spread as u32, x % 8 < 5))
                .collect();
            let label = format!("mix {seed}/{spread}");
            in_place += placement_case::<u64>(&mut c, &label, &script);
            in_place += placement_case::<[u8; 24]>(&mut c, &label, &script);
        }
    }
    // Fill a table, empty most of it (tombstones where runs were long),
    // then fill it with new keys: it runs out of room with few elements
    // and clears its tombstones in place, without an allocator call.
    for (n, keep, more) in [
        (56u32, 10u32, 200u32),
        (112, 20, 400),
        (28, 4, 100),
        (224, 30, 800),
    ] {
        let mut script: Vec<(u32, bool)> = (0..n).map(|k| (k, true)).collect();
        script.extend((keep..n).map(|k| (k, false)));
        script.extend((n..n + more).flat_map(|k| [(k, true), (k - 1, false)]));
        let label = format!("fill {n}, keep {keep}");
        in_place += placement_case::<u64>(&mut c, &label, &script);
        in_place += placement_case::<u32>(&mut c, &label, &script);
    }
    c.same(|| "some case rehashes in place".into(), true, in_place > 0);
    c.finish("hash table placement");
}

// ---------------------------------------------------------------------------
// VecDeque and BinaryHeap.

fn deque_cases<E: Gen>(c: &mut Checker) {
    let elem = lay::<E>();
    let name = || format!("VecDeque<{}>", std::any::type_name::<E>());
    for n in 0..=40u32 {
        for front in [false, true] {
            let mut d = VecDequeShadow::new(elem, T64);
            let mut expected = Vec::new();
            for _ in 0..n {
                expected.extend(d.push().unwrap());
            }
            for _ in 0..n / 3 {
                d.pop();
            }
            expected.extend(d.shrink_to_fit());
            expected.extend(d.free());
            c.check(
                || {
                    format!(
                        "{}: {n} pushes (front: {front}), pop a third, shrink_to_fit",
                        name()
                    )
                },
                &expected,
                move || {
                    let mut d: VecDeque<E> = VecDeque::new();
                    for i in 0..n {
                        if front && i % 2 == 0 {
                            d.push_front(E::gen(i));
                        } else {
                            d.push_back(E::gen(i));
                        }
                    }
                    for i in 0..n / 3 {
                        if i % 2 == 0 {
                            d.pop_front();
                        } else {
                            d.pop_back();
                        }
                    }
                    d.shrink_to_fit();
                    black_box(&d);
                },
            );
        }
    }
    for cap in [0u64, 1, 3, 5, 16] {
        for (reserve, exact) in [(0u64, false), (7, false), (7, true), (40, false)] {
            let (mut d, first) = VecDequeShadow::with_capacity(elem, cap, T64).unwrap();
            let mut expected: Vec<StdCall> = first.into_iter().collect();
            expected.extend(d.extend_exact(3).unwrap());
            if exact {
                expected.extend(d.reserve_exact(reserve).unwrap());
            } else {
                expected.extend(d.reserve(reserve).unwrap());
            }
            expected.extend(d.extend_by_one(9, |_| 0).unwrap());
            expected.extend(d.shrink_to(5));
            expected.extend(d.free());
            c.check(
                || format!("{}: with_capacity({cap}), extend 3, reserve({reserve}, exact {exact}), extend filter 9, shrink_to(5)", name()),
                &expected,
                move || {
                    let mut d: VecDeque<E> = VecDeque::with_capacity(cap as usize);
                    d.extend([E::gen(1), E::gen(2), E::gen(3)]);
                    if exact {
                        d.reserve_exact(reserve as usize);
                    } else {
                        d.reserve(reserve as usize);
                    }
                    d.extend((0..18).filter(|i| i % 2 == 0).map(E::gen));
                    d.shrink_to(5);
                    black_box(&d);
                },
            );
        }
    }
    // From a Vec and back: the block moves, no call.
    for len in [0u32, 3, 9] {
        let v: Vec<E> = (0..len).map(E::gen).collect();
        let buf = RawBuf::with_capacity(elem, v.capacity() as u64, T64)
            .unwrap()
            .0;
        let mut d = VecDequeShadow::from_vec(buf, u64::from(len));
        let expected: Vec<StdCall> = d.free().into_iter().collect();
        c.check(
            || format!("{}: from a Vec of {len}", name()),
            &expected,
            move || {
                let d = VecDeque::from(v);
                let v: Vec<E> = d.into();
                black_box(&v);
            },
        );
    }
}

fn heap_cases<E: Gen>(c: &mut Checker) {
    let elem = lay::<E>();
    let name = || format!("BinaryHeap<{}>", std::any::type_name::<E>());
    for cap in [None, Some(0u64), Some(3), Some(10)] {
        for n in 0..=30u32 {
            let (mut buf, first) = match cap {
                None => (RawBuf::new(elem, T64), None),
                Some(cap) => RawBuf::with_capacity(elem, cap, T64).unwrap(),
            };
            let mut expected: Vec<StdCall> = first.into_iter().collect();
            for len in 0..u64::from(n) {
                expected.extend(binary_heap::push(&mut buf, len).unwrap());
            }
            expected.extend(buf.free());
            c.check(
                || {
                    format!(
                        "{}: {cap:?} capacity, {n} pushes, pops, into_sorted_vec",
                        name()
                    )
                },
                &expected,
                move || {
                    let mut h: BinaryHeap<E> = match cap {
                        None => BinaryHeap::new(),
                        Some(cap) => BinaryHeap::with_capacity(cap as usize),
                    };
                    for i in 0..n {
                        h.push(E::gen(i.wrapping_mul(7919)));
                    }
                    black_box(h.pop());
                    if let Some(top) = h.peek() {
                        black_box(top);
                    }
                    let v = h.into_sorted_vec();
                    let h = BinaryHeap::from(v);
                    black_box(&h);
                },
            );
        }
    }
}

#[test]
fn deques_and_heaps_grow_like_vec() {
    let mut c = Checker::default();
    deque_cases::<u8>(&mut c);
    deque_cases::<u16>(&mut c);
    deque_cases::<u32>(&mut c);
    deque_cases::<[u8; 3]>(&mut c);
    deque_cases::<[u8; 24]>(&mut c);
    deque_cases::<A32>(&mut c);
    deque_cases::<()>(&mut c);
    heap_cases::<u8>(&mut c);
    heap_cases::<u64>(&mut c);
    heap_cases::<[u8; 24]>(&mut c);
    heap_cases::<A32>(&mut c);
    heap_cases::<()>(&mut c);
    c.finish("VecDeque and BinaryHeap");
}

// ---------------------------------------------------------------------------
// BTreeMap and BTreeSet.

/// std's `LeafNode<K, V>`, field for field, to measure how rustc lays it
/// out.
#[allow(dead_code)]
struct MirrorLeaf<K, V> {
    parent: Option<NonNull<()>>,
    parent_idx: MaybeUninit<u16>,
    len: u16,
    keys: [MaybeUninit<K>; 11],
    vals: [MaybeUninit<V>; 11],
}

/// std's `InternalNode<K, V>`.
#[allow(dead_code)]
#[repr(C)]
struct MirrorInternal<K, V> {
    data: MirrorLeaf<K, V>,
    edges: [MaybeUninit<NonNull<()>>; 12],
}

fn node_layouts<K, V>(c: &mut Checker) {
    let name = || {
        format!(
            "<{}, {}>",
            std::any::type_name::<K>(),
            std::any::type_name::<V>()
        )
    };
    c.same(
        || format!("LeafNode{}", name()),
        leaf_node_layout(lay::<K>(), lay::<V>(), T64),
        lay::<MirrorLeaf<K, V>>(),
    );
    c.same(
        || format!("InternalNode{}", name()),
        internal_node_layout(lay::<K>(), lay::<V>(), T64),
        lay::<MirrorInternal<K, V>>(),
    );
}

fn btree_case<K: Gen, V: Gen>(c: &mut Checker, label: &str, keys: &[u32], clone: bool) {
    let mut tree = BTreeShadow::new(lay::<K>(), lay::<V>(), T64);
    let mut expected = Vec::new();
    for &k in keys {
        expected.extend(tree.insert(K::rank(k)));
    }
    let copy_calls = if clone {
        tree.clone_calls()
    } else {
        Vec::new()
    };
    expected.extend(copy_calls.iter().copied());
    if clone {
        // The copy has the same shape: it is dropped first, then the map.
        expected.extend(tree.clone().free());
    }
    expected.extend(tree.free());
    let n = keys.len();
    c.check(
        || {
            format!(
                "BTreeMap<{}, {}>: {n} {label} inserts (clone: {clone})",
                std::any::type_name::<K>(),
                std::any::type_name::<V>()
            )
        },
        &expected,
        || {
            let mut map: BTreeMap<K, V> = BTreeMap::new();
            for &k in keys {
                map.insert(K::gen(k), V::gen(k));
            }
            if clone {
                let copy = map.clone();
                black_box(&copy);
            }
            black_box(&map);
        },
    );
}

fn btree_cases<K: Gen, V: Gen>(c: &mut Checker) {
    node_layouts::<K, V>(c);
    for n in 0..=40u32 {
        btree_case::<K, V>(c, "increasing", &(0..n).collect::<Vec<_>>(), n % 5 == 0);
    }
    for n in [100u32, 300, 1000, 3000] {
        btree_case::<K, V>(c, "increasing", &(0..n).collect::<Vec<_>>(), n == 300);
        btree_case::<K, V>(c, "decreasing", &(0..n).rev().collect::<Vec<_>>(), n == 100);
    }
    for (seed, n) in [(1u64, 10usize), (2, 100), (3, 1000), (4, 3000), (5, 700)] {
        btree_case::<K, V>(c, "random", &lcg(seed, n), seed % 2 == 1);
    }
    // Keys from a small range: most inserts find their key already there.
    btree_case::<K, V>(
        c,
        "repeating",
        &lcg(9, 500).iter().map(|x| x % 40).collect::<Vec<_>>(),
        true,
    );
    // clear, then insert again.
    let keys: Vec<u32> = lcg(11, 200);
    let mut tree = BTreeShadow::new(lay::<K>(), lay::<V>(), T64);
    let mut expected = Vec::new();
    for &k in &keys {
        expected.extend(tree.insert(K::rank(k)));
    }
    expected.extend(tree.free());
    for k in 0..20 {
        expected.extend(tree.insert(K::rank(k)));
    }
    expected.extend(tree.free());
    c.check(
        || {
            format!(
                "BTreeMap<{}, _>: 200 inserts, clear, 20 inserts",
                std::any::type_name::<K>()
            )
        },
        &expected,
        || {
            let mut map: BTreeMap<K, V> = BTreeMap::new();
            for &k in &keys {
                map.insert(K::gen(k), V::gen(k));
            }
            map.clear();
            for k in 0..20 {
                map.insert(K::gen(k), V::gen(k));
            }
            black_box(&map);
        },
    );
}

fn btree_set_cases<K: Gen>(c: &mut Checker) {
    for (seed, n) in [(21u64, 0usize), (22, 11), (23, 12), (24, 200), (25, 2000)] {
        let keys = lcg(seed, n);
        let mut tree = BTreeShadow::new(lay::<K>(), LayoutSpec { size: 0, align: 1 }, T64);
        let mut expected = Vec::new();
        for &k in &keys {
            expected.extend(tree.insert(K::rank(k)));
        }
        expected.extend(tree.free());
        c.check(
            || {
                format!(
                    "BTreeSet<{}>: {n} random inserts",
                    std::any::type_name::<K>()
                )
            },
            &expected,
            || {
                let mut set: BTreeSet<K> = BTreeSet::new();
                for &k in &keys {
                    set.insert(K::gen(k));
                }
                black_box(&set);
            },
        );
    }
}

/// One operation on a B-tree, for the removal cases.
#[derive(Debug, Clone, Copy)]
enum TreeOp {
    Insert(u32),
    Remove(u32),
    PopFirst,
    PopLast,
    /// `clone()` the map, and drop the copy at once.
    Clone,
}

fn btree_ops_case<K: Gen, V: Gen>(c: &mut Checker, label: &str, ops: &[TreeOp]) {
    let mut tree = BTreeShadow::new(lay::<K>(), lay::<V>(), T64);
    let mut expected = Vec::new();
    for op in ops {
        match *op {
            TreeOp::Insert(k) => expected.extend(tree.insert(K::rank(k))),
            TreeOp::Remove(k) => expected.extend(tree.remove(&K::rank(k))),
            TreeOp::PopFirst => expected.extend(tree.pop_first()),
            TreeOp::PopLast => expected.extend(tree.pop_last()),
            TreeOp::Clone => {
                expected.extend(tree.clone_calls());
                expected.extend(tree.clone().free());
            }
        }
    }
    expected.extend(tree.free());
    c.check(
        || {
            format!(
                "BTreeMap<{}, {}>: {label}",
                std::any::type_name::<K>(),
                std::any::type_name::<V>()
            )
        },
        &expected,
        || {
            let mut map: BTreeMap<K, V> = BTreeMap::new();
            for op in ops {
                match *op {
                    TreeOp::Insert(k) => {
                        map.insert(K::gen(k), V::gen(k));
                    }
                    TreeOp::Remove(k) => {
                        map.remove(&K::gen(k));
                    }
                    TreeOp::PopFirst => {
                        map.pop_first();
                    }
                    TreeOp::PopLast => {
                        map.pop_last();
                    }
                    TreeOp::Clone => {
                        let copy = map.clone();
                        black_box(&copy);
                    }
                }
                black_box(&map);
            }
        },
    );
}

fn btree_removal_cases<K: Gen, V: Gen>(c: &mut Checker) {
    // Fill, then remove every key: in order, in reverse, at random.
    for n in [12u32, 40, 200, 1500] {
        let fill = (0..n).map(TreeOp::Insert);
        let up: Vec<TreeOp> = fill.clone().chain((0..n).map(TreeOp::Remove)).collect();
        btree_ops_case::<K, V>(c, &format!("{n} inserts, removed in order"), &up);
        let down: Vec<TreeOp> = fill
            .clone()
            .chain((0..n).rev().map(TreeOp::Remove))
            .collect();
        btree_ops_case::<K, V>(c, &format!("{n} inserts, removed in reverse"), &down);
        let mut random: Vec<TreeOp> = fill.clone().collect();
        random.extend(
            lcg(u64::from(n), n as usize * 2)
                .iter()
                .map(|k| TreeOp::Remove(k % n)),
        );
        random.push(TreeOp::Clone);
        btree_ops_case::<K, V>(c, &format!("{n} inserts, random removes"), &random);
        let mut pops: Vec<TreeOp> = fill.clone().collect();
        pops.extend((0..n).map(|i| {
            if i % 3 == 0 {
                TreeOp::PopLast
            } else {
                TreeOp::PopFirst
            }
        }));
        pops.extend((0..20).map(TreeOp::Insert));
        btree_ops_case::<K, V>(c, &format!("{n} inserts, popped, 20 more"), &pops);
    }
    // Inserts and removes interleaved, with clones along the way.
    for seed in 1..=6u64 {
        let ops: Vec<TreeOp> = lcg(seed * 31, 3000)
            .iter()
            .enumerate()
            .map(|(i, &x)| match (i % 7, x % 600) {
                (0 | 3 | 5, k) => TreeOp::Remove(k),
                (6, _) if i % 700 == 6 => TreeOp::Clone,
                (_, k) => TreeOp::Insert(k),
            })
            .collect();
        btree_ops_case::<K, V>(c, &format!("3000 mixed operations, seed {seed}"), &ops);
    }
}

/// `collect()` into a map from `n` keys in a scrambled order (every
/// `dups`-th one given twice): std sorts its `Vec` (scratch as `sort`
/// asks), builds the tree from it left to right, then frees the `Vec`.
/// Removals and inserts afterwards show the built shape (what
/// `fix_right_border_of_plentiful` left), node by node.
fn btree_bulk_case<K: Gen, V: Gen>(c: &mut Checker, n: u32, dups: u32, set: bool) {
    let mut order: Vec<u32> = (0..n).collect();
    let mix = lcg(u64::from(n) + 7, n as usize);
    for i in (1..order.len()).rev() {
        order.swap(i, mix[i] as usize % (i + 1));
    }
    let input: Vec<u32> = order
        .iter()
        .flat_map(|&k| {
            if dups > 0 && k % dups == 0 {
                vec![k, k]
            } else {
                vec![k]
            }
        })
        .collect();
    let (k, v) = (lay::<K>(), lay::<V>());
    let elem = if set { k } else { lay::<(K, V)>() };
    let zst = LayoutSpec { size: 0, align: 1 };
    let mut tree = BTreeShadow::new(k, if set { zst } else { v }, T64);
    let len = input.len() as u64;
    let mut expected: Vec<StdCall> = stable_sort_scratch(elem, len, T64)
        .unwrap()
        .map(|l| vec![StdCall::Alloc(l), StdCall::Dealloc(l)])
        .unwrap_or_default();
    let mut ranks: Vec<u64> = input.iter().map(|&i| K::rank(i)).collect();
    ranks.sort_unstable();
    ranks.dedup();
    if !input.is_empty() {
        expected.extend(tree.bulk_build(ranks));
        let buffer = LayoutSpec {
            size: elem.size * len,
            align: elem.align,
        };
        expected.extend((buffer.size > 0).then_some(StdCall::Dealloc(buffer)));
    }
    let after: Vec<TreeOp> = lcg(u64::from(n) * 3 + 1, 60)
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let key = x % (n + 10);
            if i % 3 == 2 {
                TreeOp::Insert(key)
            } else {
                TreeOp::Remove(key)
            }
        })
        .collect();
    for op in &after {
        expected.extend(match *op {
            TreeOp::Insert(key) => tree.insert(K::rank(key)),
            TreeOp::Remove(key) => tree.remove(&K::rank(key)),
            _ => Vec::new(),
        });
    }
    expected.extend(tree.free());
    let what = if set { "BTreeSet" } else { "BTreeMap" };
    let name = || {
        format!(
            "{what}<{}, {}>: collect {len} keys ({n} distinct), then 60 removes and inserts",
            std::any::type_name::<K>(),
            std::any::type_name::<V>()
        )
    };
    if set {
        let input: Vec<K> = input.iter().map(|&i| K::gen(i)).collect();
        c.check(name, &expected, || {
            let mut set: BTreeSet<K> = input.into_iter().collect();
            for op in &after {
                match *op {
                    TreeOp::Insert(key) => set.insert(K::gen(key)),
                    _ => set.remove(&K::gen(key_of(op))),
                };
                black_box(&set);
            }
        });
    } else {
        let input: Vec<(K, V)> = input.iter().map(|&i| (K::gen(i), V::gen(i))).collect();
        c.check(name, &expected, || {
            let mut map: BTreeMap<K, V> = input.into_iter().collect();
            for op in &after {
                match *op {
                    TreeOp::Insert(key) => {
                        map.insert(K::gen(key), V::gen(key));
                    }
                    _ => {
                        map.remove(&K::gen(key_of(op)));
                    }
                }
                black_box(&map);
            }
        });
    }
}

/// The key a removal names.
fn key_of(op: &TreeOp) -> u32 {
    match *op {
        TreeOp::Insert(k) | TreeOp::Remove(k) => k,
        _ => 0,
    }
}

#[test]
fn btrees_collected_are_built_left_to_right() {
    let mut c = Checker::default();
    for n in [
        0, 1, 5, 11, 12, 16, 17, 22, 23, 60, 66, 67, 100, 121, 132, 133, 500, 1452, 1453, 3000,
    ] {
        for dups in [0, 3] {
            btree_bulk_case::<u32, u32>(&mut c, n, dups, false);
            btree_bulk_case::<u64, [u8; 24]>(&mut c, n, dups, false);
            btree_bulk_case::<[u8; 3], u16>(&mut c, n, dups, false);
            btree_bulk_case::<u32, ()>(&mut c, n, dups, true);
        }
    }
    c.finish("BTreeMap and BTreeSet from collect");
}

/// The map's handle is `[root, height, length]`, and each node's fields
/// sit at [`leaf_fields`]' offsets: read from real maps' memory.
fn btree_memory(c: &mut Checker) {
    let fields = leaf_fields(lay::<u32>(), lay::<u64>(), T64);
    let edges = edges_offset(lay::<u32>(), lay::<u64>(), T64);
    let empty: BTreeMap<u32, u64> = BTreeMap::new();
    assert_eq!(size_of::<BTreeMap<u32, u64>>(), 24);
    // SAFETY: the map is three words (checked above); a word read is
    // initialised memory of a live value (an empty map's height is not,
    // so it is not read).
    let word = |m: &BTreeMap<u32, u64>, i: usize| -> usize {
        unsafe {
            (m as *const BTreeMap<u32, u64>)
                .cast::<usize>()
                .add(i)
                .read()
        }
    };
    let words = |m| [word(m, 0), word(m, 1), word(m, 2)];
    c.same(
        || "an empty BTreeMap's root word".into(),
        0,
        word(&empty, 0),
    );
    c.same(
        || "an empty BTreeMap's length word".into(),
        0,
        word(&empty, 2),
    );
    let mut map = BTreeMap::new();
    for k in 0..12u32 {
        map.insert(k * 10, u64::from(k) + 1000);
    }
    // What the model says of the same map: its nodes, by rank.
    let mut shadow = BTreeShadow::new(lay::<u32>(), lay::<u64>(), T64);
    for k in 0..12u32 {
        shadow.insert(k);
    }
    let views = shadow.shape().views();
    let key_of = |rank: u64| rank as u32 * 10;
    let [root, height, length] = words(&map);
    c.same(
        || "a BTreeMap's height word".into(),
        shadow.height(),
        height,
    );
    c.same(
        || "a BTreeMap's length word".into(),
        shadow.len() as usize,
        length,
    );
    // SAFETY: `root` is the root node of a live map of height 1; its
    // children are leaves. Every read is of a field std initialised:
    // `len` keys and values, `len + 1` edges, each child's parent link.
    unsafe {
        let at = |node: usize, offset: u64| (node as *const u8).add(offset as usize);
        let u16_at = |node, offset| std::ptr::read_unaligned(at(node, offset).cast::<u16>());
        let model_root = &views[0];
        let root_len = u16_at(root, fields.len);
        c.same(
            || "the root's len field".into(),
            model_root.keys.len() as u16,
            root_len,
        );
        let root_key = std::ptr::read_unaligned(at(root, fields.keys).cast::<u32>());
        c.same(
            || "the root's key 0".into(),
            key_of(model_root.keys[0]),
            root_key,
        );
        let root_val = std::ptr::read_unaligned(at(root, fields.vals).cast::<u64>());
        c.same(
            || "the root's value 0".into(),
            u64::from(key_of(model_root.keys[0]) / 10) + 1000,
            root_val,
        );
        for (i, &child_id) in model_root.edges.iter().enumerate() {
            let model = views
                .iter()
                .find(|v| v.id == child_id)
                .expect("a child's view");
            let node = std::ptr::read_unaligned(at(root, edges + 8 * i as u64).cast::<usize>());
            let parent = std::ptr::read_unaligned(at(node, fields.parent).cast::<usize>());
            c.same(|| format!("child {i}'s parent link"), root, parent);
            let idx = u16_at(node, fields.parent_idx);
            c.same(|| format!("child {i}'s parent_idx"), i as u16, idx);
            let len = u16_at(node, fields.len);
            c.same(|| format!("child {i}'s len"), model.keys.len() as u16, len);
            let first = std::ptr::read_unaligned(at(node, fields.keys).cast::<u32>());
            c.same(
                || format!("child {i}'s first key"),
                key_of(model.keys[0]),
                first,
            );
        }
    }
}

#[test]
fn btrees_free_the_nodes_removals_merge() {
    let mut c = Checker::default();
    btree_removal_cases::<u32, u32>(&mut c);
    btree_removal_cases::<u64, [u8; 24]>(&mut c);
    btree_removal_cases::<[u8; 3], ()>(&mut c);
    btree_removal_cases::<A32, u8>(&mut c);
    btree_memory(&mut c);
    c.finish("BTreeMap removals");
}

#[test]
fn btrees_allocate_a_node_per_split() {
    let mut c = Checker::default();
    btree_cases::<u32, u32>(&mut c);
    btree_cases::<u8, ()>(&mut c);
    btree_cases::<u64, [u8; 24]>(&mut c);
    btree_cases::<[u8; 3], u16>(&mut c);
    btree_cases::<A32, u8>(&mut c);
    btree_cases::<u128, u64>(&mut c);
    btree_cases::<[u8; 24], A32>(&mut c);
    btree_cases::<(), ()>(&mut c);
    btree_set_cases::<u32>(&mut c);
    btree_set_cases::<u8>(&mut c);
    btree_set_cases::<[u8; 24]>(&mut c);
    // Layouts alone, for more pairs.
    node_layouts::<u16, u8>(&mut c);
    node_layouts::<u8, u16>(&mut c);
    node_layouts::<[u8; 5], ()>(&mut c);
    node_layouts::<(u8, u32), [u16; 3]>(&mut c);
    node_layouts::<String, Vec<u8>>(&mut c);
    node_layouts::<u128, A32>(&mut c);
    node_layouts::<[u8; 1000], u8>(&mut c);
    c.finish("BTreeMap and BTreeSet");
}

// ---------------------------------------------------------------------------
// Rc, Arc, Weak.

fn rc_slice_cases<E: Gen + Copy>(c: &mut Checker) {
    let elem = lay::<E>();
    let name = std::any::type_name::<E>();
    for len in 0..=12u32 {
        for spare in [0u32, 3] {
            let make = || {
                let mut v: Vec<E> = Vec::with_capacity((len + spare) as usize);
                v.extend((0..len).map(E::gen));
                v
            };
            let (v, w) = (make(), make());
            let cap = v.capacity() as u64;
            let mut expected = rc_slice_from_vec(elem, u64::from(len), cap, T64).unwrap();
            let block = rc_slice_layout(elem, u64::from(len), T64).unwrap();
            expected.push(StdCall::Dealloc(block));
            c.check(
                || format!("Rc<[{name}]>::from(Vec) of {len} (cap {cap})"),
                &expected,
                move || {
                    let r: Rc<[E]> = v.into();
                    black_box(&r);
                },
            );
            let expected2 = expected.clone();
            c.check(
                || format!("Arc<[{name}]>::from(Vec) of {len} (cap {cap})"),
                &expected2,
                move || {
                    let r: Arc<[E]> = w.into();
                    black_box(&r);
                },
            );
        }
        // From a slice: the block only. From an exact iterator: the same.
        let block = rc_slice_layout(elem, u64::from(len), T64).unwrap();
        let expected = [StdCall::Alloc(block), StdCall::Dealloc(block)];
        let v: Vec<E> = (0..len).map(E::gen).collect();
        c.check(
            || format!("Rc<[{name}]>::from(&[_]) of {len}"),
            &expected,
            || {
                let r: Rc<[E]> = Rc::from(&v[..]);
                black_box(&r);
                black_box(&v);
            },
        );
        c.check(
            || format!("Rc<[{name}]> collected from 0..{len}"),
            &expected,
            move || {
                let r: Rc<[E]> = (0..len).map(E::gen).collect();
                black_box(&r);
            },
        );
        // From a filter: a Vec first.
        let (buf, mut expected) = collect_by_one(elem, u64::from(len), |_| 0, T64).unwrap();
        expected.extend(rc_slice_from_vec(elem, u64::from(len), buf.capacity(), T64).unwrap());
        expected.push(StdCall::Dealloc(block));
        c.check(
            || format!("Rc<[{name}]> collected from a filter of {len}"),
            &expected,
            move || {
                let r: Rc<[E]> = (0..len * 2).filter(|i| i % 2 == 0).map(E::gen).collect();
                black_box(&r);
            },
        );
    }
}

#[test]
fn rc_blocks_live_until_the_last_weak() {
    let mut c = Checker::default();
    rc_slice_cases::<u8>(&mut c);
    rc_slice_cases::<u16>(&mut c);
    rc_slice_cases::<u64>(&mut c);
    rc_slice_cases::<[u8; 3]>(&mut c);
    rc_slice_cases::<A32>(&mut c);
    rc_slice_cases::<()>(&mut c);

    // Rc<str> / Arc<str> from a String, and from a &str.
    for len in 0..=40usize {
        for spare in [0usize, 5] {
            let make = || {
                let mut s = String::with_capacity(len + spare);
                s.extend(std::iter::repeat_n('x', len));
                s
            };
            let (s, t) = (make(), make());
            let cap = s.capacity() as u64;
            let byte = LayoutSpec { size: 1, align: 1 };
            let mut expected = rc_slice_from_vec(byte, len as u64, cap, T64).unwrap();
            expected.push(StdCall::Dealloc(
                rc_slice_layout(byte, len as u64, T64).unwrap(),
            ));
            c.check(
                || format!("Rc<str>::from(String) of {len} (cap {cap})"),
                &expected,
                move || {
                    let r: Rc<str> = s.into();
                    black_box(&r);
                },
            );
            c.check(
                || format!("Arc<str>::from(String) of {len} (cap {cap})"),
                &expected,
                move || {
                    let r: Arc<str> = t.into();
                    black_box(&r);
                },
            );
        }
    }

    // Strong and weak references dropped in every order.
    #[derive(Clone, Copy, Debug)]
    enum Step {
        Strong,
        Weak,
    }
    let value = lay::<[u8; 5]>();
    for strong in 1..=3usize {
        for weak in 0..=3usize {
            for weak_first in [false, true] {
                let mut order: Vec<Step> = Vec::new();
                let (s, w) = (vec![Step::Strong; strong], vec![Step::Weak; weak]);
                if weak_first {
                    order.extend(w.iter().chain(&s));
                } else {
                    order.extend(s.iter().chain(&w));
                }
                let (mut block, first) = RcBlock::new(value, T64);
                let mut expected = vec![first];
                (1..strong).for_each(|_| block.clone_strong());
                (0..weak).for_each(|_| block.downgrade());
                for step in &order {
                    expected.extend(match step {
                        Step::Strong => block.drop_strong(),
                        Step::Weak => block.drop_weak(),
                    });
                }
                c.check(
                    || format!("Rc: {strong} strong, {weak} weak, dropped {order:?}"),
                    &expected,
                    || {
                        let first = Rc::new([1u8; 5]);
                        // Keep the references in arrays on the stack, not in a Vec.
                        let mut s: [Option<Rc<[u8; 5]>>; 3] = [None, None, None];
                        let mut w: [Option<Weak<[u8; 5]>>; 3] = [None, None, None];
                        for slot in w.iter_mut().take(weak) {
                            *slot = Some(Rc::downgrade(&first));
                        }
                        for slot in s.iter_mut().take(strong).skip(1) {
                            *slot = Some(Rc::clone(&first));
                        }
                        s[0] = Some(first);
                        let (mut si, mut wi) = (0, 0);
                        for &step in &order {
                            match step {
                                Step::Strong => {
                                    drop(s[si].take());
                                    si += 1;
                                }
                                Step::Weak => {
                                    if let Some(weak) = w[wi].take() {
                                        black_box(weak.upgrade().is_some());
                                    }
                                    wi += 1;
                                }
                            }
                        }
                    },
                );
            }
        }
    }
    // Arc: the same block, freed by the last Weak.
    for weak_last in [false, true] {
        let (mut block, first) = RcBlock::new(lay::<A32>(), T64);
        let mut expected = vec![first];
        if weak_last {
            block.downgrade();
        }
        expected.extend(block.drop_strong());
        if weak_last {
            expected.extend(block.drop_weak());
        }
        c.check(
            || format!("Arc<A32>, a Weak dropped last: {weak_last}"),
            &expected,
            || {
                let arc = Arc::new(A32(7));
                let weak = weak_last.then(|| Arc::downgrade(&arc));
                drop(arc);
                black_box(weak.map(|w| w.upgrade().is_none()));
            },
        );
    }
    c.check(
        || "Weak::new() and drop".into(),
        &[],
        || {
            let w: Weak<u64> = Weak::new();
            black_box(w.upgrade().is_none());
            let a: std::sync::Weak<[u8; 100]> = std::sync::Weak::new();
            black_box(&a);
        },
    );
    c.finish("Rc and Arc");
}

// ---------------------------------------------------------------------------
// Sorting.

fn sort_cases<E: Gen + Copy>(c: &mut Checker, extra_lens: &[u64]) {
    let elem = lay::<E>();
    let name = std::any::type_name::<E>();
    let stack = 4096u64.checked_div(elem.size).unwrap_or(0);
    let mut lens: Vec<u64> = (0..=70).collect();
    for around in [stack, 2 * stack] {
        lens.extend(around.saturating_sub(2)..=around + 2);
    }
    lens.extend_from_slice(extra_lens);
    lens.sort_unstable();
    lens.dedup();
    for len in lens {
        let scratch = stable_sort_scratch(elem, len, T64).unwrap();
        let expected: Vec<StdCall> = scratch
            .map(|l| vec![StdCall::Alloc(l), StdCall::Dealloc(l)])
            .unwrap_or_default();
        // Descending values, so that the sort has work to do; all equal for
        // the big ones, to keep them quick (the scratch is taken first).
        let mut v: Vec<E> = if len > 100_000 {
            vec![E::gen(0); len as usize]
        } else {
            (0..len as u32).rev().map(E::gen).collect()
        };
        let mut w = v.clone();
        c.check(
            || format!("[{name}; {len}].sort()"),
            &expected,
            || {
                v.sort();
                black_box(&v);
            },
        );
        c.check(
            || format!("[{name}; {len}].sort_unstable()"),
            &[],
            || {
                w.sort_unstable();
                black_box(&w);
            },
        );
        if len <= 600 {
            let mut v: Vec<E> = (0..len as u32).map(E::gen).collect();
            c.check(
                || format!("[{name}; {len}].sort_by_key()"),
                &expected,
                || {
                    v.sort_by_key(|x| std::cmp::Reverse(*x));
                    black_box(&v);
                },
            );
            let indices = cached_key_indices(elem, len, T64).unwrap();
            let expected: Vec<StdCall> = indices
                .map(|l| vec![StdCall::Alloc(l), StdCall::Dealloc(l)])
                .unwrap_or_default();
            c.check(
                || format!("[{name}; {len}].sort_by_cached_key()"),
                &expected,
                || {
                    v.sort_by_cached_key(|x| *x);
                    black_box(&v);
                },
            );
        }
    }
}

#[test]
fn sort_allocates_scratch_and_sort_unstable_never() {
    let mut c = Checker::default();
    sort_cases::<u8>(&mut c, &[8_000_001, 9_000_000]);
    sort_cases::<u16>(&mut c, &[]);
    sort_cases::<u32>(&mut c, &[]);
    sort_cases::<u64>(&mut c, &[999_999, 1_000_001, 2_000_001, 2_000_003]);
    sort_cases::<u128>(&mut c, &[]);
    sort_cases::<[u8; 3]>(&mut c, &[]);
    sort_cases::<[u8; 24]>(&mut c, &[]);
    sort_cases::<A32>(&mut c, &[]);
    sort_cases::<()>(&mut c, &[1000]);
    // Big elements: the 48-element floor and the 8 MB cap.
    sort_bytes::<85>(&mut c, &[]);
    sort_bytes::<100>(&mut c, &[]);
    sort_bytes::<1000>(&mut c, &[7999, 8000, 8001, 16_001, 16_003]);
    sort_bytes::<5000>(&mut c, &[1599, 1600, 1601, 3201, 3203]);
    c.finish("sorting");
}

/// `sort` of `[u8; N]` arrays: like [`sort_cases`], for sizes without a
/// `Gen` impl.
fn sort_bytes<const N: usize>(c: &mut Checker, extra_lens: &[u64]) {
    let elem = lay::<[u8; N]>();
    let mut lens: Vec<u64> = (0..=60).collect();
    lens.extend_from_slice(extra_lens);
    for len in lens {
        let scratch = stable_sort_scratch(elem, len, T64).unwrap();
        let expected: Vec<StdCall> = scratch
            .map(|l| vec![StdCall::Alloc(l), StdCall::Dealloc(l)])
            .unwrap_or_default();
        let mut v: Vec<[u8; N]> = (0..len).map(|i| [(len - i) as u8; N]).collect();
        let mut w = v.clone();
        c.check(
            || format!("[[u8; {N}]; {len}].sort()"),
            &expected,
            || {
                v.sort();
                black_box(&v);
            },
        );
        c.check(
            || format!("[[u8; {N}]; {len}].sort_unstable()"),
            &[],
            || {
                w.sort_unstable();
                black_box(&w);
            },
        );
    }
}

// ---------------------------------------------------------------------------
// format!, to_string, String.

/// The writes an argument's `Display` makes, for the types used below.
trait Writes {
    fn writes(&self) -> Vec<u64>;
}

impl Writes for &str {
    fn writes(&self) -> Vec<u64> {
        vec![self.len() as u64]
    }
}

impl Writes for u32 {
    fn writes(&self) -> Vec<u64> {
        integer_display_writes(u128::from(*self), false)
    }
}

impl Writes for i64 {
    fn writes(&self) -> Vec<u64> {
        integer_display_writes(u128::from(self.unsigned_abs()), *self < 0)
    }
}

/// The pieces of a format string: literal runs (`{{` and `}}` count one
/// byte) and placeholders, each given its argument's writes in order.
fn pieces_of<'a>(fmt: &str, args: &'a [Vec<u64>]) -> Vec<Piece<'a>> {
    let mut pieces = Vec::new();
    let mut literal = 0u64;
    let mut next_arg = 0;
    let mut chars = fmt.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal += 1;
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal += 1;
            }
            '{' => {
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                }
                if literal > 0 {
                    pieces.push(Piece::Literal(literal));
                    literal = 0;
                }
                pieces.push(Piece::Argument(&args[next_arg]));
                next_arg += 1;
            }
            other => literal += other.len_utf8() as u64,
        }
    }
    if literal > 0 {
        pieces.push(Piece::Literal(literal));
    }
    pieces
}

fn freed(built: &Built) -> Vec<StdCall> {
    let mut calls = built.calls.clone();
    calls.extend(dealloc_of(built.buf.layout()));
    calls
}

macro_rules! format_case {
    ($c:expr, $fmt:literal $(, $arg:expr)*) => {{
        let args: Vec<Vec<u64>> = vec![$(Writes::writes(&$arg)),*];
        let expected = freed(&format_calls(&pieces_of($fmt, &args), T64).unwrap());
        let name = || format!("format!({:?}, {:?})", $fmt, args);
        $c.check(name, &expected, || {
            let s = format!($fmt $(, black_box($arg))*);
            black_box(&s);
        });
    }};
}

#[test]
#[allow(clippy::useless_format, clippy::unnecessary_cast)]
fn formatting_estimates_then_grows() {
    let mut c = Checker::default();
    for n in 0..=70usize {
        let text = "abcdefghij".repeat(8);
        let arg: &str = &text[..n];
        format_case!(c, "{}", arg);
        format_case!(c, "{}!", arg);
        format_case!(c, "x{}", arg);
        format_case!(c, "{}{}", arg, arg);
        format_case!(c, "{} apples and {} pears", arg, n as u32);
        format_case!(c, "0123456789abcdef{}", arg);
        format_case!(c, "{} is sixteen bytes", arg);
        format_case!(c, "{} fifteen bytes", arg);
        format_case!(c, "{}0123456789abcde", arg);
        format_case!(c, "{}0123456789abcdef", arg);
        format_case!(c, "{{{}}}", arg);
        format_case!(c, "total: {}, {}", n as u32, -(n as i64));
        format_case!(c, "{}", -(n as i64) * 1_000_000_007);
    }
    format_case!(c, "no placeholders");
    format_case!(c, "");
    format_case!(c, "{{}}");
    // Literal arguments are folded into the string at compile time.
    let folded = format!("{}!", "abcdefghij").len() as u64;
    c.check(
        || "format!(\"{}!\", \"abcdefghij\")".into(),
        &freed(&exact_string(folded, T64)),
        || {
            let s = format!("{}!", "abcdefghij");
            black_box(&s);
        },
    );

    // to_string of integers: exact for unsigned, the type's widest for
    // signed.
    macro_rules! int_cases {
        ($($t:ty => $ty:expr),*) => {$(
            let mut values: Vec<$t> = vec![<$t>::MIN, <$t>::MAX, 0, 1];
            let mut p: $t = 1;
            while let Some(next) = p.checked_mul(10) {
                values.extend([p - 1, p, next - 1]);
                if <$t>::MIN != 0 {
                    values.extend([(-(p as i128)) as $t, (1 - p as i128) as $t]);
                }
                p = next;
            }
            for v in values {
                let negative = (v as i128) < 0;
                let magnitude = (v as i128).unsigned_abs();
                let expected = freed(&integer_to_string($ty, magnitude, negative, T64));
                c.check(|| format!("{v}{}.to_string()", stringify!($t)), &expected, || {
                    let s = black_box(v).to_string();
                    black_box(&s);
                });
            }
        )*};
    }
    int_cases!(
        u8 => IntTy::Fixed(false, 1), i8 => IntTy::Fixed(true, 1),
        u16 => IntTy::Fixed(false, 2), i16 => IntTy::Fixed(true, 2),
        u32 => IntTy::Fixed(false, 4), i32 => IntTy::Fixed(true, 4),
        u64 => IntTy::Fixed(false, 8), i64 => IntTy::Fixed(true, 8),
        usize => IntTy::Word(false), isize => IntTy::Word(true),
        i128 => IntTy::Fixed(true, 16)
    );
    for v in [0u128, 9, u128::MAX, u128::MAX / 3] {
        let expected = freed(&integer_to_string(IntTy::Fixed(false, 16), v, false, T64));
        c.check(
            || format!("{v}u128.to_string()"),
            &expected,
            || {
                black_box(black_box(v).to_string());
            },
        );
    }

    // to_string of text: exactly its bytes.
    for ch in ['a', 'é', '€', '🦀'] {
        let expected = freed(&exact_string(ch.len_utf8() as u64, T64));
        c.check(
            || format!("{ch:?}.to_string()"),
            &expected,
            || {
                black_box(black_box(ch).to_string());
            },
        );
    }
    for b in [true, false] {
        let expected = freed(&exact_string(b.to_string().len() as u64, T64));
        c.check(
            || format!("{b}.to_string()"),
            &expected,
            || {
                black_box(black_box(b).to_string());
            },
        );
    }
    for n in 0..=40usize {
        let text = "y".repeat(n);
        let expected = freed(&exact_string(n as u64, T64));
        c.check(
            || format!("&str of {n}.to_string()"),
            &expected,
            || {
                black_box(black_box(text.as_str()).to_string());
            },
        );
    }
    // Through Display: a type that writes three pieces.
    struct Three;
    impl std::fmt::Display for Three {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("abc")?;
            f.write_str("defghij")?;
            f.write_str("klmnopqrstuvwxyz")
        }
    }
    let expected = freed(&display_to_string(&[3, 7, 16], T64).unwrap());
    c.check(
        || "Display of three writes, to_string()".into(),
        &expected,
        || {
            black_box(black_box(Three).to_string());
        },
    );

    // String + &str, push, push_str on strings of every fill.
    for len in 0..=12u64 {
        for spare in [0u64, 1, 6] {
            for add in [0u64, 1, 5, 13, 40] {
                let cap = len + spare;
                let byte = LayoutSpec { size: 1, align: 1 };
                let (buf, _) = RawBuf::with_capacity(byte, cap, T64).unwrap();
                let mut built = Built {
                    buf,
                    len,
                    calls: Vec::new(),
                };
                write_strings(&mut built, &[add, 1, 2]).unwrap();
                let expected = freed(&built);
                let mut s = String::with_capacity(cap as usize);
                s.extend(std::iter::repeat_n('s', len as usize));
                let tail = "t".repeat(add as usize);
                c.check(
                    || format!("String({len}/{cap}) + &str of {add}, push, push"),
                    &expected,
                    || {
                        let mut t = s + black_box(tail.as_str());
                        t.push('u');
                        t.push('é');
                        black_box(&t);
                    },
                );
            }
        }
    }
    c.finish("formatting");
}

// ---------------------------------------------------------------------------
// Vec methods.

fn vec_method_cases<E: Gen + Copy>(c: &mut Checker) {
    let elem = lay::<E>();
    let name = std::any::type_name::<E>();
    let make = |len: u64, cap: u64| -> Vec<E> {
        let mut v = Vec::with_capacity(cap as usize);
        v.extend((0..len as u32).map(E::gen));
        v
    };
    let buf_of = |v: &Vec<E>| {
        RawBuf::with_capacity(elem, v.capacity() as u64, T64)
            .unwrap()
            .0
    };

    for n in 0..=20u64 {
        // collect: exact, filter, a HashMap's iterator, a chain of both.
        let (mut buf, first) = collect_exact(elem, n, T64).unwrap();
        let mut expected: Vec<StdCall> = first.into_iter().collect();
        expected.extend(buf.free());
        c.check(
            || format!("Vec<{name}> collected from 0..{n}"),
            &expected,
            || {
                let v: Vec<E> = (0..n as u32).map(E::gen).collect();
                black_box(&v);
            },
        );
        let (mut buf, mut expected) = collect_by_one(elem, n, |_| 0, T64).unwrap();
        expected.extend(buf.free());
        c.check(
            || format!("Vec<{name}> collected from a filter of {n}"),
            &expected,
            || {
                let v: Vec<E> = (0..2 * n as u32)
                    .filter(|i| i % 2 == 1)
                    .map(E::gen)
                    .collect();
                black_box(&v);
            },
        );
        let map: HashMap<u32, u32, Fixed> = (0..n as u32).map(|i| (i, i)).collect();
        let (mut buf, mut expected) = collect_by_one(elem, n, |i| n - 1 - i, T64).unwrap();
        expected.extend(buf.free());
        c.check(
            || format!("Vec<{name}> collected from a HashMap of {n}"),
            &expected,
            || {
                let v: Vec<E> = map.keys().map(|&k| E::gen(k)).collect();
                black_box(&v);
            },
        );
        let a = n / 2;
        let (mut buf, mut expected) =
            collect_by_one(elem, n, |i| a.saturating_sub(i + 1), T64).unwrap();
        expected.extend(buf.free());
        c.check(
            || format!("Vec<{name}> collected from 0..{a} chained with a filter"),
            &expected,
            || {
                let v: Vec<E> = (0..a as u32)
                    .chain((a as u32..2 * n as u32 - a as u32).filter(|i| i % 2 == 0))
                    .map(E::gen)
                    .collect();
                black_box(&v);
            },
        );

        for spare in [0u64, 2, 5] {
            let cap = n + spare;
            // into_boxed_slice.
            let v = make(n, cap);
            let mut buf = buf_of(&v);
            let mut expected: Vec<StdCall> =
                into_boxed_slice_call(&mut buf, n).into_iter().collect();
            expected.extend(buf.free());
            c.check(
                || format!("Vec<{name}>({n}/{cap}).into_boxed_slice()"),
                &expected,
                move || {
                    black_box(v.into_boxed_slice());
                },
            );
            // clone and split_off.
            for at in [0, n / 2, n] {
                let mut v = make(n, cap);
                let clone = clone_call(elem, n, T64).unwrap();
                let mut expected: Vec<StdCall> = clone.into_iter().collect();
                expected.extend(dealloc_of(clone.and_then(|c| c.resulting_layout())));
                let split = split_off_call(elem, n, at, T64).unwrap();
                expected.extend(split);
                expected.extend(dealloc_of(split.and_then(|c| c.resulting_layout())));
                let mut buf = buf_of(&v);
                expected.extend(buf.free());
                c.check(
                    || format!("Vec<{name}>({n}/{cap}): clone, split_off({at})"),
                    &expected,
                    move || {
                        black_box(v.clone());
                        black_box(v.split_off(at as usize));
                        black_box(&v);
                    },
                );
            }
            // append, extend: exact then by one.
            for other_len in [0u64, 1, 7] {
                let mut v = make(n, cap);
                let mut other = make(other_len, other_len);
                let mut buf = buf_of(&v);
                let mut other_buf = buf_of(&other);
                let mut expected: Vec<StdCall> = append_call(&mut buf, n, other_len)
                    .unwrap()
                    .into_iter()
                    .collect();
                let len = n + other_len;
                expected.extend(extend_exact(&mut buf, len, 3).unwrap());
                expected.extend(extend_by_one(&mut buf, len + 3, 6, |_| 0).unwrap());
                expected.extend(other_buf.free());
                expected.extend(buf.free());
                c.check(|| format!("Vec<{name}>({n}/{cap}): append {other_len}, extend 3 exact, extend 6 by filter"), &expected, move || {
                    v.append(&mut other);
                    v.extend([E::gen(1), E::gen(2), E::gen(3)]);
                    v.extend((0..12).filter(|i| i % 2 == 0).map(E::gen));
                    drop(other);
                    black_box(&v);
                });
            }
            // The methods that never allocate.
            let mut v = make(n, cap);
            let mut buf = buf_of(&v);
            let expected: Vec<StdCall> = buf.free().into_iter().collect();
            c.check(
                || format!("Vec<{name}>({n}/{cap}): drain, retain, dedup, truncate, pop, clear"),
                &expected,
                move || {
                    v.dedup();
                    v.retain(|x| *x != E::gen(1));
                    for x in v.drain(..v.len() / 2) {
                        black_box(x);
                    }
                    v.truncate(3);
                    black_box(v.pop());
                    v.clear();
                    black_box(&v);
                },
            );
        }
    }
}

/// `v.into_iter().map(f).collect::<Vec<D>>()` and the same through a
/// filter, from a vector of `len` elements and capacity `cap`.
fn in_place_cases<S: Gen + Copy, D: Gen + Copy>(c: &mut Checker, convert: fn(S) -> D) {
    let (src, dst) = (lay::<S>(), lay::<D>());
    let name = || {
        format!(
            "Vec<{}> into Vec<{}>",
            std::any::type_name::<S>(),
            std::any::type_name::<D>()
        )
    };
    for len in 0..=9u64 {
        for spare in [0u64, 1, 3] {
            for filter in [false, true] {
                let cap = len + spare;
                let kept = if filter { len.div_ceil(2) } else { len };
                let mut v: Vec<S> = Vec::with_capacity(cap as usize);
                v.extend((0..len as u32).map(S::gen));
                let src_buf = RawBuf::with_capacity(src, v.capacity() as u64, T64)
                    .unwrap()
                    .0;
                let expected: Vec<StdCall> = match collect_in_place(src, src_buf.capacity(), dst) {
                    Some(in_place) => {
                        let mut calls: Vec<StdCall> = in_place.call.into_iter().collect();
                        let bytes = in_place.capacity * dst.size;
                        if bytes > 0 {
                            calls.push(StdCall::Dealloc(LayoutSpec {
                                size: bytes,
                                align: dst.align,
                            }));
                        }
                        calls
                    }
                    None => {
                        let (mut new_buf, mut calls) = if filter {
                            collect_by_one(dst, kept, |_| 0, T64).unwrap()
                        } else {
                            let (buf, call) = collect_exact(dst, kept, T64).unwrap();
                            (buf, call.into_iter().collect())
                        };
                        let mut src_buf = src_buf;
                        calls.extend(src_buf.free());
                        calls.extend(new_buf.free());
                        calls
                    }
                };
                c.check(
                    || format!("{}: {len}/{cap} (filter: {filter})", name()),
                    &expected,
                    move || {
                        let w: Vec<D> = if filter {
                            v.into_iter()
                                .enumerate()
                                .filter(|(i, _)| i % 2 == 0)
                                .map(|(_, x)| convert(x))
                                .collect()
                        } else {
                            v.into_iter().map(convert).collect()
                        };
                        black_box(&w);
                    },
                );
            }
        }
    }
}

#[test]
fn vec_methods_allocate_what_they_copy() {
    let mut c = Checker::default();
    vec_method_cases::<u8>(&mut c);
    vec_method_cases::<u32>(&mut c);
    vec_method_cases::<[u8; 3]>(&mut c);
    vec_method_cases::<A32>(&mut c);
    vec_method_cases::<()>(&mut c);
    in_place_cases::<u32, u32>(&mut c, |x| x + 1);
    in_place_cases::<[u8; 3], [u8; 2]>(&mut c, |a| [a[0], a[1]]);
    in_place_cases::<[u8; 24], [u8; 3]>(&mut c, |a| [a[0], a[1], a[2]]);
    in_place_cases::<[u8; 3], [u8; 24]>(&mut c, |a| <[u8; 24]>::gen(u32::from(a[2])));
    in_place_cases::<u64, u32>(&mut c, |x| x as u32);
    in_place_cases::<u32, u16>(&mut c, |x| x as u16);
    in_place_cases::<u16, [u8; 3]>(&mut c, |x| <[u8; 3]>::gen(u32::from(x)));
    in_place_cases::<u32, ()>(&mut c, |_| ());
    in_place_cases::<A32, u128>(&mut c, |a| u128::from(a.0));
    c.finish("Vec methods");
}
