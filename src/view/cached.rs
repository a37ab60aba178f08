//! A world-aware memo table: answers keyed by query, each tagged with the worlds over
//! which it holds. It backs both the cached view (memoized `findall` per signature and
//! world range) and the dispatch cache (`../dispatch.rs`).
//!
//! Protocol (checked by the loom models in `loom_tests.rs`):
//! - Readers load one immutable map snapshot and never lock. An entry answers for world
//!   `w` when `min <= w <= max`; an open entry (`max` unbounded) answers for every world
//!   up to the latest one published, because writers close it first.
//! - A writer, still holding the writer lock and *before* publishing the new world,
//!   closes every open entry of the changed function whose key may overlap a changed
//!   signature (at the world before the change), and records the new world in the map.
//! - An insert computed at world `w0` that finds the map already at a later world may
//!   be stale past `w0` (a definition landed meanwhile): it is inserted closed at `w0`.
//!   So a racing insert never serves a stale answer.
//!
//! Read `../dispatch.rs` next.

use crate::sync::SnapshotCell;
use crate::table::index::{sig_shape, Query};
use crate::table::FuncId;
use crate::table::PMap;
use crate::types::{TypeId, TypeStore};
use crate::world::{World, WorldRange, OPEN};
use std::hash::Hash;
use std::sync::Arc;

/// One memoized answer.
#[derive(Clone, Debug)]
pub struct CacheEntry<V> {
    /// The answer.
    pub value: V,
    /// The first world the answer holds for.
    pub min: u64,
    /// The last world the answer holds for (`u64::MAX`: open).
    pub max: u64,
    /// The function and query signature, for invalidation.
    pub func: FuncId,
    /// The query signature.
    pub sig: TypeId,
}

/// A persistent hash set (see [`PMap`]).
type PSet<K> =
    imbl::GenericHashSet<K, hashbrown::DefaultHashBuilder, imbl::shared_ptr::DefaultSharedPtr>;

/// One snapshot. The maps are persistent ([`PMap`]): a writer's copy of the snapshot
/// costs O(1) and its insert or update O(log n), so an insert no longer copies every
/// entry (which made filling a cache of n entries O(n²)).
///
/// Bounded by first-in-first-out eviction: at capacity, an insert of a new key evicts
/// the oldest key (O(log n), from the entries and its function's key set), so a
/// working set larger than the capacity costs a miss per call (the uncached lookup),
/// never a flush of everything (the old cliff: 66 ns → 2.1 µs above 16,384 calls).
#[derive(Clone, Debug)]
struct CacheMap<K: Hash + Eq + Clone, V: Clone> {
    /// The latest world whose changes have been applied to the entries.
    world: u64,
    entries: PMap<K, CacheEntry<V>>,
    /// The keys of each function's entries, so a change visits only its function's.
    by_func: PMap<FuncId, PSet<K>>,
    /// Every key of `entries`, oldest first (the eviction order).
    order: imbl::Vector<K>,
}

impl<K: Hash + Eq + Clone, V: Clone> CacheMap<K, V> {
    fn empty(world: u64) -> Self {
        CacheMap {
            world,
            entries: PMap::default(),
            by_func: PMap::default(),
            order: imbl::Vector::new(),
        }
    }

    /// Evicts the oldest entries until fewer than `capacity` remain.
    fn evict_to(&mut self, capacity: usize) {
        while self.entries.len() >= capacity.max(1) {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some(e) = self.entries.remove(&old) {
                if let Some(keys) = self.by_func.get_mut(&e.func) {
                    keys.remove(&old);
                }
            }
        }
    }
}

/// Counters for tests and benchmarks.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// The number of entries.
    pub entries: usize,
    /// The world the cache was last brought up to.
    pub world: u64,
}

/// A lock-free-read memo table of world-tagged answers.
pub struct WorldCache<K: Hash + Eq + Clone, V: Clone> {
    cell: SnapshotCell<CacheMap<K, V>>,
    capacity: usize,
}

impl<K: Hash + Eq + Clone, V: Clone> WorldCache<K, V> {
    /// A cache holding at most `capacity` entries (the oldest is evicted first).
    pub fn new(capacity: usize) -> Self {
        WorldCache {
            cell: SnapshotCell::new(CacheMap::empty(0)),
            capacity,
        }
    }

    /// The answer for `key` at `world`, if one is cached for that world.
    #[inline]
    pub fn get<R>(&self, key: &K, world: World, f: impl FnOnce(&V) -> R) -> Option<R> {
        let map = self.cell.load();
        let e = map.entries.get(key)?;
        if e.min <= world.0 && world.0 <= e.max {
            Some(f(&e.value))
        } else {
            None
        }
    }

    /// [`WorldCache::get_with_range`] with a borrowed form of the key (a slice for a
    /// boxed-slice key), so a probe need not allocate a key.
    #[inline]
    pub fn get_with_range_by<Q, R>(
        &self,
        key: &Q,
        world: World,
        f: impl FnOnce(&V) -> R,
    ) -> Option<(R, u64, u64)>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let map = self.cell.load();
        let e = map.entries.get(key)?;
        if e.min <= world.0 && world.0 <= e.max {
            Some((f(&e.value), e.min, e.max))
        } else {
            None
        }
    }

    /// Like [`WorldCache::get`], also returning the entry's world bounds `[min, max]`
    /// (`max` is `OPEN` (`u64::MAX`) while no change has closed it).
    #[inline]
    pub fn get_with_range<R>(
        &self,
        key: &K,
        world: World,
        f: impl FnOnce(&V) -> R,
    ) -> Option<(R, u64, u64)> {
        let map = self.cell.load();
        let e = map.entries.get(key)?;
        if e.min <= world.0 && world.0 <= e.max {
            Some((f(&e.value), e.min, e.max))
        } else {
            None
        }
    }

    /// Memoizes `value`, valid over `range`, computed from the state of world
    /// `computed_at`.
    pub fn insert(
        &self,
        key: K,
        value: V,
        range: WorldRange,
        computed_at: World,
        func: FuncId,
        sig: TypeId,
    ) {
        self.cell.rcu(|cur| {
            let mut max = range.max_raw();
            if max == OPEN && cur.world > computed_at.0 {
                // A change landed after the answer was computed: trust it only up to
                // the world it was computed in.
                max = computed_at.0;
            }
            if let Some(old) = cur.entries.get(&key) {
                if old.max == OPEN && max != OPEN {
                    return Arc::clone(cur);
                }
            }
            let mut next = (**cur).clone();
            if !next.entries.contains_key(&key) {
                next.evict_to(self.capacity);
                next.by_func.entry(func).or_default().insert(key.clone());
                next.order.push_back(key.clone());
            }
            next.entries.insert(
                key.clone(),
                CacheEntry {
                    value: value.clone(),
                    min: range.min.0,
                    max,
                    func,
                    sig,
                },
            );
            Arc::new(next)
        });
    }

    /// Applies committed changes: closes every open entry that a change may affect, at
    /// the world before that change, and advances the map to `world`. Called by the
    /// writer before it publishes `world`.
    pub fn invalidate(&self, store: &TypeStore, changes: &[(FuncId, TypeId, World)], world: World) {
        self.cell.rcu(|cur| {
            let mut next = (**cur).clone();
            next.world = next.world.max(world.0);
            for &(func, sig, at) in changes {
                let Some(keys) = next.by_func.get(&func).cloned() else {
                    continue;
                };
                // (Changes come in world order: an entry closed by an earlier one
                // keeps that earlier end.)
                for key in keys.iter() {
                    let hit = next
                        .entries
                        .get(key)
                        .is_some_and(|e| e.max == OPEN && may_overlap(store, e.sig, sig));
                    if hit {
                        if let Some(e) = next.entries.get_mut(key) {
                            e.max = at.0.saturating_sub(1);
                        }
                    }
                }
            }
            Arc::new(next)
        });
    }

    /// Drops every entry.
    pub fn clear(&self) {
        self.cell.rcu(|cur| Arc::new(CacheMap::empty(cur.world)));
    }

    /// Counters for tests and benchmarks.
    pub fn stats(&self) -> CacheStats {
        let m = self.cell.load();
        CacheStats {
            entries: m.entries.len(),
            world: m.world,
        }
    }
}

/// Whether two signatures may intersect, by the index's nominal prefilter
/// (conservative: `false` only when they certainly do not).
pub fn may_overlap(store: &TypeStore, query: TypeId, sig: TypeId) -> bool {
    let Some(shape) = sig_shape(store, sig) else {
        return true;
    };
    let q = Query::new(store, query);
    shape.nreq <= q.hi
        && q.lo <= shape.nmax
        && q.args
            .iter()
            .zip(shape.keys.iter())
            .all(|(a, k)| a.admits(k.name, k.depth))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Argument tuples `query` and `sig`, as the signatures `Tuple{typeof(f), …}`.
    fn check(query: &str, sig: &str, expect: bool) {
        let store = TypeStore::new();
        let f = store.function_type("f");
        let full = |s: &str| store.with_callee(f, store.parse(s).unwrap());
        let (q, s) = (full(query), full(sig));
        assert_eq!(may_overlap(&store, q, s), expect, "{query} vs {sig}");
    }

    #[test]
    fn overlap() {
        check("Tuple{Int64}", "Tuple{Integer}", true);
        check("Tuple{Int64}", "Tuple{Float64}", false);
        check("Tuple{Int64, Int64}", "Tuple{Any, Int64}", true);
        check("Tuple{Int64, Int64}", "Tuple{Any, Float64}", false);
        check("Tuple{Int64}", "Tuple{Int64, Int64}", false);
        check("Tuple{Real}", "Tuple{Int64}", true);
    }

    /// At capacity the oldest entry goes (no flush of everything), and invalidation
    /// still reaches the entries that remain.
    #[test]
    fn bounded_by_evicting_the_oldest() {
        let store = TypeStore::new();
        let sig = store.parse("Tuple{Int64}").unwrap();
        let f = FuncId::from_index(0);
        let cache: WorldCache<u32, u32> = WorldCache::new(4);
        for k in 0..10 {
            cache.insert(k, k * 10, WorldRange::ALL, World(0), f, sig);
            assert!(cache.stats().entries <= 4);
        }
        let hits: Vec<u32> = (0..10)
            .filter(|k| cache.get(k, World(0), |v| *v).is_some())
            .collect();
        assert_eq!(hits, vec![6, 7, 8, 9]);
        // Re-inserting a cached key does not evict anything.
        cache.insert(9, 90, WorldRange::ALL, World(0), f, sig);
        assert_eq!(cache.stats().entries, 4);
        cache.invalidate(&store, &[(f, sig, World(1))], World(1));
        assert_eq!(cache.get(&7, World(1), |v| *v), None);
        assert_eq!(cache.get(&7, World(0), |v| *v), Some(70));
    }

    #[test]
    fn entries_answer_only_their_worlds() {
        let store = TypeStore::new();
        let sig = store.parse("Tuple{Int64}").unwrap();
        let f = FuncId::from_index(0);
        let cache: WorldCache<u32, u32> = WorldCache::new(16);
        cache.invalidate(&store, &[], World(3));
        cache.insert(1, 10, WorldRange::new(World(2), None), World(3), f, sig);
        assert_eq!(cache.get(&1, World(3), |v| *v), Some(10));
        assert_eq!(cache.get(&1, World(1), |v| *v), None);
        // A change to the same function at world 4 closes it at 3.
        cache.invalidate(
            &store,
            &[(f, store.parse("Tuple{Integer}").unwrap(), World(4))],
            World(4),
        );
        assert_eq!(cache.get(&1, World(4), |v| *v), None);
        assert_eq!(cache.get(&1, World(3), |v| *v), Some(10));
        // An insert computed at world 3 after the map moved to 4 is closed at 3.
        cache.insert(2, 20, WorldRange::new(World(1), None), World(3), f, sig);
        assert_eq!(cache.get(&2, World(4), |v| *v), None);
        assert_eq!(cache.get(&2, World(3), |v| *v), Some(20));
    }
}
