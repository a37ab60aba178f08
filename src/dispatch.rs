//! The dispatch cache: the runtime fast path from a leaf signature to its method.
//!
//! Keys are `(function, view, argument types)` for up to [`MAX_CACHED_ARGS`] arguments
//! and views of up to four tables; values are the method (and its table) tagged with the
//! worlds over which the answer holds. Reads are one snapshot load and one hash probe,
//! never a lock. Only single-method answers are cached: a no-method or ambiguity result
//! is recomputed every time, so a definition that creates an ambiguity invalidates the
//! entries it overlaps (through [`WorldCache::invalidate`]) and a definition that
//! resolves one has nothing stale to clear. Read `engine.rs` next.

use crate::table::{FuncId, MethodId, TableId};
use crate::types::{TypeId, TypeStore};
use crate::view::cached::{CacheStats, WorldCache};
use crate::view::View;
use crate::world::{World, WorldRange};

/// Argument counts the cache keys directly (longer calls take the slow path).
pub const MAX_CACHED_ARGS: usize = 4;
/// Entries kept before the cache starts over.
pub const CAPACITY: usize = 1 << 14;

/// A dispatch cache key.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct DispatchKey {
    func: FuncId,
    /// The view's tables as 16-bit `index + 1`s, first table lowest.
    view: u64,
    n_args: u8,
    args: [u32; MAX_CACHED_ARGS],
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
        let mut key = DispatchKey {
            func,
            view: packed,
            n_args: args.len() as u8,
            args: [u32::MAX; MAX_CACHED_ARGS],
        };
        for (slot, a) in key.args.iter_mut().zip(args) {
            *slot = a.as_u32();
        }
        Some(key)
    }
}

/// Leaf signature → method, world-tagged.
pub struct DispatchCache {
    cache: WorldCache<DispatchKey, (MethodId, TableId)>,
}

impl Default for DispatchCache {
    fn default() -> Self {
        Self::new()
    }
}

impl DispatchCache {
    pub fn new() -> Self {
        DispatchCache {
            cache: WorldCache::new(CAPACITY),
        }
    }

    /// The cached method for `key` at `world`.
    #[inline]
    pub fn get(&self, key: &DispatchKey, world: World) -> Option<(MethodId, TableId)> {
        self.cache.get(key, world, |v| *v)
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

    /// Closes entries a committed change may affect (see `view/cached.rs`).
    pub fn invalidate(&self, store: &TypeStore, changes: &[(FuncId, TypeId, World)], world: World) {
        self.cache.invalidate(store, changes, world);
    }

    pub fn clear(&self) {
        self.cache.clear();
    }

    pub fn stats(&self) -> CacheStats {
        self.cache.stats()
    }
}
