//! The code cache (contract; placeholder implementation that never caches).

use super::{CacheToken, InferredCode, MethodInstance};
use crate::engine::Engine;
use crate::world::World;
use std::sync::Arc;

/// Inferred code by (method instance, cache token), each entry valid over a world range.
#[derive(Default)]
pub struct CodeCache {}

impl CodeCache {
    pub fn new() -> Arc<CodeCache> {
        Arc::new(CodeCache::default())
    }

    /// Registers the cache with `engine` so that definitions and deletions invalidate
    /// the entries they affect before the new world is published.
    pub fn attach(self: &Arc<Self>, _engine: &Engine) {}

    /// A counter bumped by every invalidation pass; an inference records it before
    /// it starts and hands it to [`CodeCache::insert`].
    pub fn epoch(&self) -> u64 {
        0
    }

    /// The entry for `mi` under `token` whose world range contains `world`.
    pub fn get(
        &self,
        _mi: &MethodInstance,
        _token: &CacheToken,
        _world: World,
    ) -> Option<Arc<InferredCode>> {
        None
    }

    /// Inserts a result computed at `world` by an inference that started at `epoch`.
    /// If any invalidation ran since (the epoch moved), an open-ended range is capped
    /// at `world`, so a result that may have missed an invalidation is never served for
    /// later worlds. Returns the entry as stored.
    pub fn insert(
        &self,
        _token: &CacheToken,
        code: InferredCode,
        _world: World,
        _epoch: u64,
    ) -> Arc<InferredCode> {
        Arc::new(code)
    }

    /// The entry for `mi` at `world`, or `compute()`'s result, inserted; when several
    /// threads ask for the same missing key at once, one computes and the others wait
    /// for its result. The flag says whether the answer came from the cache.
    pub fn get_or_compute(
        &self,
        mi: &MethodInstance,
        token: &CacheToken,
        world: World,
        compute: impl FnOnce() -> InferredCode,
    ) -> (Arc<InferredCode>, bool) {
        if let Some(hit) = self.get(mi, token, world) {
            return (hit, true);
        }
        let epoch = self.epoch();
        (self.insert(token, compute(), world, epoch), false)
    }
}
