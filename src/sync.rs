//! The synchronization shim: every atomic, lock and published snapshot that the method
//! tables and caches share between threads goes through this file.
//!
//! Normally the snapshot cell is an `arc_swap::ArcSwap` (a lock-free load of an `Arc`),
//! the writer lock a `std::sync::Mutex` and atomics come from `std`. Under `cfg(strata_loom)`
//! the same names are loom-instrumented stand-ins (a loom `Mutex<Arc<T>>` plays the
//! snapshot cell), so the loom models in `loom_tests.rs` explore every interleaving of
//! the publication protocol. arc-swap is built on std atomics that loom cannot see, which
//! is why nothing outside this file names it. Read `world.rs` next.

#[cfg(strata_loom)]
pub use loom::sync::atomic::{AtomicU64, Ordering};
#[cfg(not(strata_loom))]
pub use std::sync::atomic::{AtomicU64, Ordering};

pub use std::sync::Arc;

/// A mutual-exclusion lock for writers (never taken by readers).
pub struct Mutex<T> {
    #[cfg(not(strata_loom))]
    inner: std::sync::Mutex<T>,
    #[cfg(strata_loom)]
    inner: loom::sync::Mutex<T>,
}

/// The guard of a [`Mutex`].
#[cfg(not(strata_loom))]
pub type MutexGuard<'a, T> = std::sync::MutexGuard<'a, T>;
#[cfg(strata_loom)]
pub type MutexGuard<'a, T> = loom::sync::MutexGuard<'a, T>;

impl<T> Mutex<T> {
    /// A mutex holding `value`.
    pub fn new(value: T) -> Self {
        Mutex {
            #[cfg(not(strata_loom))]
            inner: std::sync::Mutex::new(value),
            #[cfg(strata_loom)]
            inner: loom::sync::Mutex::new(value),
        }
    }

    /// Takes the lock. A poisoned lock (a writer panicked) is still usable: writers
    /// build new state aside and publish it in one store, so a panic never leaves a
    /// half-written snapshot behind.
    pub fn lock(&self) -> MutexGuard<'_, T> {
        #[cfg(not(strata_loom))]
        {
            self.inner.lock().unwrap_or_else(|e| e.into_inner())
        }
        #[cfg(strata_loom)]
        {
            self.inner.lock().unwrap_or_else(|e| e.into_inner())
        }
    }
}

/// A cell holding an immutable snapshot that readers load without locking and writers
/// replace as a whole.
pub struct SnapshotCell<T> {
    #[cfg(not(strata_loom))]
    inner: arc_swap::ArcSwap<T>,
    #[cfg(strata_loom)]
    inner: loom::sync::Mutex<Arc<T>>,
}

/// A loaded snapshot: derefs to `T` and keeps it alive while held.
#[cfg(not(strata_loom))]
pub type Snapshot<T> = arc_swap::Guard<Arc<T>>;
#[cfg(strata_loom)]
pub type Snapshot<T> = Arc<T>;

impl<T> SnapshotCell<T> {
    /// A cell publishing `value` as its first snapshot.
    pub fn new(value: T) -> Self {
        SnapshotCell {
            #[cfg(not(strata_loom))]
            inner: arc_swap::ArcSwap::from_pointee(value),
            #[cfg(strata_loom)]
            inner: loom::sync::Mutex::new(Arc::new(value)),
        }
    }

    /// The current snapshot (acquire: everything written before its publication is
    /// visible through it).
    #[inline]
    pub fn load(&self) -> Snapshot<T> {
        #[cfg(not(strata_loom))]
        {
            self.inner.load()
        }
        #[cfg(strata_loom)]
        {
            self.inner.lock().unwrap_or_else(|e| e.into_inner()).clone()
        }
    }

    /// The current snapshot as an owned `Arc`.
    pub fn load_full(&self) -> Arc<T> {
        #[cfg(not(strata_loom))]
        {
            self.inner.load_full()
        }
        #[cfg(strata_loom)]
        {
            self.inner.lock().unwrap_or_else(|e| e.into_inner()).clone()
        }
    }

    /// Publishes a new snapshot (release).
    pub fn store(&self, value: Arc<T>) {
        #[cfg(not(strata_loom))]
        {
            self.inner.store(value)
        }
        #[cfg(strata_loom)]
        {
            *self.inner.lock().unwrap_or_else(|e| e.into_inner()) = value;
        }
    }

    /// Replaces the snapshot with `f(current)`, retrying if another thread published in
    /// between (read-copy-update). `f` may run several times.
    pub fn rcu(&self, mut f: impl FnMut(&Arc<T>) -> Arc<T>) {
        #[cfg(not(strata_loom))]
        {
            self.inner.rcu(|cur| f(cur));
        }
        #[cfg(strata_loom)]
        {
            let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            let next = f(&guard);
            *guard = next;
        }
    }
}
