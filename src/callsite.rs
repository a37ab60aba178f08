//! Call-site caches: a [`CallSite`] is a handle an embedder keeps per call site of its
//! generated code (Julia's per-call-site cache, a JIT's polymorphic inline cache).
//!
//! A site is bound to one engine, one function and one view. It remembers the calls it
//! has seen: first one entry (monomorphic), then up to [`SITE_ENTRIES`] (polymorphic,
//! replaced round-robin). An entry is "these argument types → this method and payload,
//! for worlds `[lo, hi]`", where `hi` is never later than the world that was current
//! when the entry was filled. Like the per-thread cache in `dispatch.rs` it needs no
//! invalidation: the answer for a world that has already been published never changes,
//! so a hit is validated by one atomic load of the current world and compares of the
//! packed key and bounds. A miss (a new call, or a world published after the entry was
//! filled) goes to the shared caches ([`Engine::try_dispatch`]'s path) and refills the
//! entry with the bounds the shared cache reports, so after a definition elsewhere each
//! site pays one shared-cache probe, not a lookup.
//!
//! Calls with more than [`SITE_ARGS`] arguments are not kept at the site (the key is
//! packed into registers); they go to the shared caches every time. Read `dispatch.rs`
//! for the shared caches.

use crate::engine::{DispatchError, Dispatched, Engine, EngineError};
use crate::table::{FuncId, MethodId, Payload};
use crate::types::TypeId;
use crate::view::View;
use crate::world::World;

/// Entries of a polymorphic site.
pub const SITE_ENTRIES: usize = 4;
/// Argument counts a site keeps (longer calls go to the shared caches).
pub const SITE_ARGS: usize = 4;

/// The packed argument types of a call: the count and four 32-bit ids in two words.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
struct SiteKey {
    n: u64,
    args: [u64; 2],
}

impl SiteKey {
    #[inline]
    fn new(args: &[TypeId]) -> Option<SiteKey> {
        if args.len() > SITE_ARGS {
            return None;
        }
        let a = |i: usize| args.get(i).map_or(u32::MAX, |t| t.as_u32()) as u64;
        Some(SiteKey {
            n: args.len() as u64,
            args: [a(0) | a(1) << 32, a(2) | a(3) << 32],
        })
    }
}

#[derive(Copy, Clone, Debug)]
struct SiteEntry<'e> {
    key: SiteKey,
    lo: u64,
    hi: u64,
    method: MethodId,
    payload: Option<&'e Payload>,
}

/// A per-call-site dispatch cache (see the module docs). Keep one per call site of the
/// embedder's code; it is `Send` but not shared (calls take `&mut self`).
#[derive(Debug)]
pub struct CallSite<'e> {
    engine: &'e Engine,
    func: FuncId,
    view: View,
    entries: [Option<SiteEntry<'e>>; SITE_ENTRIES],
    /// The entry the next fill replaces once all are used.
    next: usize,
    misses: u64,
}

impl Engine {
    /// A call site for calls of `func` through the overlay stack `tables` (first wins)
    /// above the global table. The function must have a method (in any table) so that
    /// it has an id.
    pub fn call_site(&self, func: &str, tables: &[&str]) -> Result<CallSite<'_>, EngineError> {
        let view = self.view(tables)?;
        let func_id = self.func_id(func).ok_or_else(|| EngineError::NoMethod {
            call: format!("{func}(…)"),
            detail: ": the function has no methods in any table, so a call site cannot be made for it; define a method first".into(),
        })?;
        Ok(CallSite::new(self, func_id, view))
    }
}

impl<'e> CallSite<'e> {
    /// A site for `func` through `view` (see [`Engine::view`]).
    pub fn new(engine: &'e Engine, func: FuncId, view: View) -> Self {
        CallSite {
            engine,
            func,
            view,
            entries: [None; SITE_ENTRIES],
            next: 0,
            misses: 0,
        }
    }

    /// The method and payload a call with leaf argument types `args` runs in the
    /// current world. A hit is one atomic load and at most [`SITE_ENTRIES`] key
    /// compares; it allocates nothing.
    #[inline]
    pub fn call(&mut self, args: &[TypeId]) -> Result<Dispatched<'e>, DispatchError> {
        let w = self.engine.world().0;
        if let Some(key) = SiteKey::new(args) {
            for e in self.entries.iter().flatten() {
                if e.key == key && e.lo <= w && w <= e.hi {
                    return Ok(Dispatched {
                        method: e.method,
                        payload: e.payload,
                    });
                }
            }
            return self.fill(key, args, World(w));
        }
        self.engine.try_dispatch(self.func, &self.view, args, None)
    }

    #[cold]
    #[inline(never)]
    fn fill(
        &mut self,
        key: SiteKey,
        args: &[TypeId],
        current: World,
    ) -> Result<Dispatched<'e>, DispatchError> {
        self.misses += 1;
        let engine = self.engine;
        let (method, lo, hi) = engine.dispatch_range(self.func, &self.view, args, current)?;
        let payload = engine.payload(method);
        let entry = SiteEntry {
            key,
            lo,
            hi,
            method,
            payload,
        };
        // The same key at an older range is refreshed in place; else a free entry;
        // else round-robin.
        let slot = self
            .entries
            .iter()
            .position(|e| e.is_some_and(|e| e.key == key))
            .or_else(|| self.entries.iter().position(Option::is_none))
            .unwrap_or_else(|| {
                let s = self.next;
                self.next = (self.next + 1) % SITE_ENTRIES;
                s
            });
        self.entries[slot] = Some(entry);
        Ok(Dispatched { method, payload })
    }

    /// How many entries are filled (1 = monomorphic).
    pub fn len(&self) -> usize {
        self.entries.iter().flatten().count()
    }

    /// Whether no call has been cached yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many calls missed the site (went to the shared caches).
    pub fn misses(&self) -> u64 {
        self.misses
    }

    /// The site's function.
    pub fn func(&self) -> FuncId {
        self.func
    }

    /// The full error (Julia's message) for an error this site returned for `args`.
    pub fn explain(&self, err: DispatchError, args: &[TypeId]) -> EngineError {
        self.engine
            .explain_dispatch(err, self.func, &self.view, args, None)
    }
}
