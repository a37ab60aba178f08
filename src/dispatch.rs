//! The dispatch cache: the runtime fast path from a leaf signature to its method.
//!
//! Keys are `(function, view, argument types)`: packed into registers
//! ([`DispatchKey`]) for up to [`MAX_CACHED_ARGS`] arguments and views of up to four
//! tables, else a [`LongKey`] in a second map (any arity, any stack depth); values are the method (and its table) tagged with the
//! worlds over which the answer holds. Reads are one snapshot load and one hash probe,
//! never a lock. Only single-method answers are cached: a no-method or ambiguity result
//! is recomputed every time, so a definition that creates an ambiguity invalidates the
//! entries it overlaps (through [`WorldCache::invalidate`]) and a definition that
//! resolves one has nothing stale to clear.
//!
//! In front of the shared cache sits a small per-thread, direct-mapped cache
//! (`ThreadCache`). It needs no invalidation at all: the answer for a world that has
//! already happened never changes (nothing is mutated in place for readers), so an entry
//! "key at worlds `[lo, hi]` → method", with `hi` no later than the world that was
//! current when it was filled, stays true forever. A query for a newer world misses and
//! refills from the shared cache. Read `engine.rs` next.

use crate::table::{FuncId, MethodId, TableId};
use crate::types::{TypeId, TypeStore};
use crate::view::cached::{CacheStats, WorldCache};
use crate::view::View;
use crate::world::{World, WorldRange};

/// Argument counts the packed key holds (longer calls, and views of more than four
/// tables, are keyed by a [`LongKey`] in a second map without the per-thread cache).
pub const MAX_CACHED_ARGS: usize = 4;
/// Entries kept (each map); beyond it the oldest are evicted (see `view/cached.rs`).
pub const CAPACITY: usize = 1 << 14;

/// The key of a call the packed [`DispatchKey`] cannot hold: `[func, tables…, u32::MAX,
/// args…]` as raw ids. Probed with a slice built on the stack ([`long_key`]), so a
/// lookup allocates nothing; only an insert boxes it.
pub type LongKey = Box<[u32]>;

/// Writes the [`LongKey`] of a call into `buf` and returns it (`None` when it does not
/// fit: more than 60 arguments and tables together, which then go uncached).
#[inline]
pub fn long_key<'b>(
    buf: &'b mut [u32; 64],
    func: FuncId,
    view: &View,
    args: &[TypeId],
) -> Option<&'b [u32]> {
    let n = 2 + view.stack.len() + args.len();
    if n > buf.len() {
        return None;
    }
    buf[0] = func.as_u32();
    let mut i = 1;
    for t in &view.stack {
        buf[i] = t.as_u32();
        i += 1;
    }
    buf[i] = u32::MAX;
    i += 1;
    for a in args {
        buf[i] = a.as_u32();
        i += 1;
    }
    Some(&buf[..n])
}

/// A dispatch cache key.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct DispatchKey {
    func: FuncId,
    /// The view's tables as 16-bit `index + 1`s, first table lowest.
    view: u64,
    n_args: u8,
    /// Argument type ids packed two per word (absent ones `u32::MAX`). Built in
    /// registers: writing four `u32`s and reading them back as words stalls store
    /// forwarding, which cost more than the rest of a cache hit.
    args: [u64; MAX_CACHED_ARGS / 2],
}

impl DispatchKey {
    /// The key of a call, if it is cacheable (few arguments, a short view).
    #[inline]
    pub fn new(func: FuncId, view: &View, args: &[TypeId]) -> Option<DispatchKey> {
        if args.len() > MAX_CACHED_ARGS || view.stack.len() > 4 {
            return None;
        }
        let mut packed = 0u64;
        for (i, t) in view.stack.iter().enumerate() {
            let id = t.index() as u64 + 1;
            if id > 0xffff {
                return None;
            }
            packed |= id << (16 * i);
        }
        let arg = |i: usize| args.get(i).map_or(u32::MAX, |a| a.as_u32()) as u64;
        Some(DispatchKey {
            func,
            view: packed,
            n_args: args.len() as u8,
            args: [arg(0) | arg(1) << 32, arg(2) | arg(3) << 32],
        })
    }
}

/// Slots of the per-thread cache (a power of two).
const THREAD_SLOTS: usize = 1024;

#[derive(Copy, Clone)]
struct ThreadEntry {
    /// The owning cache's id; 0 marks an empty slot.
    owner: u64,
    key: DispatchKey,
    lo: u64,
    hi: u64,
    method: MethodId,
}

const EMPTY_ENTRY: ThreadEntry = ThreadEntry {
    owner: 0,
    key: DispatchKey {
        func: FuncId::from_index(0),
        view: 0,
        n_args: 0,
        args: [0; MAX_CACHED_ARGS / 2],
    },
    lo: 1,
    hi: 0,
    method: MethodId::from_index(0),
};

thread_local! {
    static THREAD_CACHE: std::cell::RefCell<[ThreadEntry; THREAD_SLOTS]> =
        const { std::cell::RefCell::new([EMPTY_ENTRY; THREAD_SLOTS]) };
}

static NEXT_OWNER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[inline]
fn thread_slot(key: &DispatchKey) -> usize {
    let mut h = (key.func.as_u32() as u64) ^ key.view.rotate_left(17);
    for &a in &key.args {
        h = (h ^ a).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    (h >> (64 - THREAD_SLOTS.trailing_zeros())) as usize
}

/// Leaf signature → method, world-tagged.
pub struct DispatchCache {
    cache: WorldCache<DispatchKey, (MethodId, TableId)>,
    /// Calls with more than [`MAX_CACHED_ARGS`] arguments or more than four tables.
    long: WorldCache<LongKey, (MethodId, TableId)>,
    /// This cache's id in the per-thread caches (several engines may share a thread).
    owner: u64,
}

impl Default for DispatchCache {
    fn default() -> Self {
        Self::new()
    }
}

impl DispatchCache {
    /// An empty cache.
    pub fn new() -> Self {
        DispatchCache {
            cache: WorldCache::new(CAPACITY),
            long: WorldCache::new(CAPACITY),
            owner: NEXT_OWNER.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The cached method for `key` at `world`.
    #[inline]
    pub fn get(&self, key: &DispatchKey, world: World) -> Option<(MethodId, TableId)> {
        self.cache.get(key, world, |v| *v)
    }

    /// The cached method for `key` at `world`, where `current` is the current world
    /// loaded (with acquire) *before* this call: first the per-thread cache, then the
    /// shared one, whose hit refills the per-thread slot. `world <= current` is required.
    #[inline]
    pub fn get_current(&self, key: &DispatchKey, world: World, current: World) -> Option<MethodId> {
        debug_assert!(world <= current);
        let slot = thread_slot(key);
        let hit = THREAD_CACHE.with(|c| {
            let c = c.borrow();
            let e = &c[slot];
            (e.owner == self.owner && e.key == *key && e.lo <= world.0 && world.0 <= e.hi)
                .then_some(e.method)
        });
        if hit.is_some() {
            return hit;
        }
        let ((m, _), lo, max) = self.cache.get_with_range(key, world, |v| *v)?;
        // An open entry in a snapshot loaded after `current` was published holds at least
        // through `current`; beyond that, later definitions may change it.
        let hi = max.min(current.0);
        THREAD_CACHE.with(|c| {
            c.borrow_mut()[slot] = ThreadEntry {
                owner: self.owner,
                key: *key,
                lo,
                hi,
                method: m,
            };
        });
        Some(m)
    }

    /// Like [`DispatchCache::get_current`], also returning the answer's world bounds
    /// `[lo, hi]` with `hi <= current` (an answer that stays true forever).
    #[inline]
    pub fn get_range(
        &self,
        key: &DispatchKey,
        world: World,
        current: World,
    ) -> Option<(MethodId, u64, u64)> {
        debug_assert!(world <= current);
        let slot = thread_slot(key);
        let hit = THREAD_CACHE.with(|c| {
            let c = c.borrow();
            let e = &c[slot];
            (e.owner == self.owner && e.key == *key && e.lo <= world.0 && world.0 <= e.hi)
                .then_some((e.method, e.lo, e.hi))
        });
        if hit.is_some() {
            return hit;
        }
        let ((m, _), lo, max) = self.cache.get_with_range(key, world, |v| *v)?;
        Some((m, lo, max.min(current.0)))
    }

    /// Caches a single-method answer computed from the state of world `computed_at`.
    pub fn insert(
        &self,
        key: DispatchKey,
        value: (MethodId, TableId),
        range: WorldRange,
        computed_at: World,
        sig: TypeId,
    ) {
        self.cache
            .insert(key, value, range, computed_at, key.func, sig);
    }

    /// The cached answer for a call with a [`LongKey`] at `world` (`<=` the current
    /// world), with its bounds `[lo, hi]` (`hi` may be open).
    #[inline]
    pub fn get_long(&self, key: &[u32], world: World) -> Option<(MethodId, u64, u64)> {
        self.long.get_with_range_by(key, world, |v| v.0)
    }

    /// Caches a single-method answer for a call with a [`LongKey`].
    pub fn insert_long(
        &self,
        key: &[u32],
        value: (MethodId, TableId),
        range: WorldRange,
        computed_at: World,
        func: FuncId,
        sig: TypeId,
    ) {
        self.long
            .insert(key.into(), value, range, computed_at, func, sig);
    }

    /// Closes entries a committed change may affect (see `view/cached.rs`).
    pub fn invalidate(&self, store: &TypeStore, changes: &[(FuncId, TypeId, World)], world: World) {
        self.cache.invalidate(store, changes, world);
        self.long.invalidate(store, changes, world);
    }

    /// Drops every entry (answers are recomputed on demand).
    pub fn clear(&self) {
        self.cache.clear();
        self.long.clear();
    }

    /// Counters for tests and benchmarks.
    pub fn stats(&self) -> CacheStats {
        self.cache.stats()
    }
}
