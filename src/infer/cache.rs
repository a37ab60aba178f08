//! The code cache: inferred code by (method instance, [`CacheToken`]), each entry valid
//! over a world range, with in-flight deduplication and invalidation through edges and
//! backedges.
//!
//! Layout:
//! - Entries live in sharded maps (`RwLock<HashMap<(mi, token), Vec<Slot>>>`): the
//!   results for one key have disjoint world ranges, sorted by `min`. Readers take one
//!   shard's read lock for a probe; writers hold a shard's write lock only to push or
//!   replace one slot.
//! - The dependency graph (`Graph`, one mutex) holds only the *open* entries (valid
//!   until invalidated): an index from function name to the entries with an edge on
//!   it, and the backedges from a callee key `(mi, token)` to the open entries calling
//!   it. Closed entries can never be affected by a later edit, so they leave the graph.
//! - In-flight computations (`get_or_compute`) are registered in a mutex-protected map
//!   with a condition variable each.
//!
//! Invariants:
//! - An entry is never revived: once its range is ended it stays ended; a later result
//!   for the same key gets a range that starts after it.
//! - An entry is served for world `w` only if no published edit up to `w` affects it:
//!   the observer ends affected entries (at `edit.world - 1`) before the edit's world is
//!   published, and an insert that raced an invalidation pass is capped at the world it
//!   was computed in (the pass's epoch moved, or a pass for a later world already ran).
//! - Lock order: graph, then a shard. Readers take a shard only. The engine is queried
//!   (names) before any cache lock is taken.
//! - A panicking computation leaves nothing behind: its result was never inserted, and
//!   a drop guard wakes the waiters, who compute it themselves.
//!
//! Read `invalidation.rs` for the matching rule and the invalidation records.

use super::invalidation::{self, EditName, EditNames, InvalidationRecord};
use super::{CacheToken, InferredCode, MethodInstance};
use crate::engine::{ChangeObserver, Engine};
use crate::table::registry::Edit;
use crate::world::{World, WorldRange};
use hashbrown::{DefaultHashBuilder, HashMap, HashSet};
use parking_lot::{Condvar, Mutex, RwLock};
use std::collections::VecDeque;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::ThreadId;

#[cfg(test)]
mod tests;

const SHARDS: usize = 16;
/// How many invalidation records the cache keeps (the oldest are dropped).
const LOG_LIMIT: usize = 4096;

type Key = (MethodInstance, CacheToken);
type EntryId = u64;

/// A borrowed key, to probe the maps without cloning (hashes like [`Key`]).
#[derive(Hash)]
struct KeyRef<'a>(&'a MethodInstance, &'a CacheToken);

impl hashbrown::Equivalent<Key> for KeyRef<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        *self.0 == key.0 && *self.1 == key.1
    }
}

/// One stored result.
#[derive(Clone)]
struct Slot {
    id: EntryId,
    /// `code.valid` is the entry's range.
    code: Arc<InferredCode>,
    /// Ended by an invalidation (as opposed to inserted with a closed range).
    ended: bool,
}

/// An open entry, as the invalidation graph knows it.
struct Node {
    key: Key,
    /// Function names of its edges (deduplicated), for the name index.
    funcs: Vec<Arc<str>>,
    /// Callee keys (deduplicated), for the backedges.
    callees: Vec<Key>,
}

#[derive(Default)]
struct Graph {
    /// The latest world an invalidation pass ran for.
    last_world: u64,
    nodes: HashMap<EntryId, Node>,
    by_func: HashMap<Arc<str>, HashSet<EntryId>>,
    backedges: HashMap<Key, HashSet<EntryId>>,
    log: VecDeque<InvalidationRecord>,
}

enum JobState {
    Running,
    Done(Arc<InferredCode>),
    Failed,
}

/// A computation in flight.
struct InFlight {
    owner: ThreadId,
    state: Mutex<JobState>,
    done: Condvar,
}

type FlightKey = (MethodInstance, CacheToken, World);

#[derive(Default)]
struct Flights {
    jobs: HashMap<FlightKey, Arc<InFlight>>,
    /// What each blocked thread waits for (to detect cycles across threads).
    waiting: HashMap<ThreadId, FlightKey>,
}

/// Counters for tests and benchmarks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Stored results (every world range of every key).
    pub entries: usize,
    /// Results valid until invalidated (open range).
    pub live: usize,
    /// Results whose range an invalidation ended.
    pub ended: usize,
    /// Lookups answered from the cache (or from another thread's computation).
    pub hits: u64,
    /// Lookups that found nothing (through `get_or_compute`: computations run).
    pub misses: u64,
    /// Invalidation passes run (one per published edit).
    pub passes: u64,
    /// Entries ended by each pass, oldest first (the last [`LOG_LIMIT`] passes); see
    /// [`CodeCache::invalidations`] for which.
    pub ended_per_pass: Vec<usize>,
}

/// Inferred code by (method instance, cache token), each entry valid over a world range.
pub struct CodeCache {
    shards: Box<[RwLock<HashMap<Key, Vec<Slot>>>]>,
    hasher: DefaultHashBuilder,
    graph: Mutex<Graph>,
    epoch: AtomicU64,
    next_id: AtomicU64,
    flights: Mutex<Flights>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl Default for CodeCache {
    fn default() -> Self {
        CodeCache {
            shards: (0..SHARDS).map(|_| RwLock::new(HashMap::new())).collect(),
            hasher: DefaultHashBuilder::default(),
            graph: Mutex::new(Graph::default()),
            epoch: AtomicU64::new(0),
            next_id: AtomicU64::new(0),
            flights: Mutex::new(Flights::default()),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }
}

/// The observer registered with an engine: forwards every edit to the cache.
struct Observer(std::sync::Weak<CodeCache>);

impl ChangeObserver for Observer {
    fn before_publish(&self, engine: &Engine, edits: &[Edit], world: World) {
        if let Some(cache) = self.0.upgrade() {
            cache.invalidate(engine, edits, world);
        }
    }
}

impl CodeCache {
    pub fn new() -> Arc<CodeCache> {
        Arc::new(CodeCache::default())
    }

    /// Registers the cache with `engine` so that definitions and deletions invalidate
    /// the entries they affect before the new world is published. (The engine holds
    /// the cache weakly: dropping the cache detaches it.)
    pub fn attach(self: &Arc<Self>, engine: &Engine) {
        engine.add_observer(Arc::new(Observer(Arc::downgrade(self))));
    }

    /// A counter bumped by every invalidation pass; an inference records it before
    /// it starts and hands it to [`CodeCache::insert`].
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    fn shard(&self, mi: &MethodInstance, token: &CacheToken) -> &RwLock<HashMap<Key, Vec<Slot>>> {
        let h = self.hasher.hash_one((mi, token));
        &self.shards[(h as usize) % SHARDS]
    }

    fn lookup(
        &self,
        mi: &MethodInstance,
        token: &CacheToken,
        world: World,
    ) -> Option<Arc<InferredCode>> {
        let shard = self.shard(mi, token).read();
        let slots = shard.get(&KeyRef(mi, token))?;
        slots
            .iter()
            .find(|s| s.code.valid.contains(world))
            .map(|s| s.code.clone())
    }

    /// The entry for `mi` under `token` whose world range contains `world`.
    pub fn get(
        &self,
        mi: &MethodInstance,
        token: &CacheToken,
        world: World,
    ) -> Option<Arc<InferredCode>> {
        let r = self.lookup(mi, token, world);
        let counter = if r.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        r
    }

    /// Inserts a result computed at `world` by an inference that started at `epoch`.
    /// If any invalidation ran since (the epoch moved), an open-ended range is capped
    /// at `world`, so a result that may have missed an invalidation is never served for
    /// later worlds. Returns the entry as stored: an entry already stored for `world`
    /// wins over the new one, and the new range is trimmed so as not to overlap the
    /// key's other entries. A result whose range does not contain `world` is returned
    /// unstored.
    pub fn insert(
        &self,
        token: &CacheToken,
        mut code: InferredCode,
        world: World,
        epoch: u64,
    ) -> Arc<InferredCode> {
        if !code.valid.contains(world) {
            return Arc::new(code);
        }
        let mut graph = self.graph.lock();
        if code.valid.max.is_none()
            && (self.epoch.load(Ordering::Acquire) != epoch || graph.last_world > world.0)
        {
            code.valid.max = Some(world);
        }
        let key: Key = (code.mi.clone(), token.clone());
        let mut shard = self.shard(&key.0, &key.1).write();
        let slots = shard.entry(key.clone()).or_default();
        if let Some(s) = slots.iter().find(|s| s.code.valid.contains(world)) {
            return s.code.clone();
        }
        // Trim to the gap around `world` between the neighbouring entries.
        let mut range = code.valid;
        for s in slots.iter() {
            let r = s.code.valid;
            match r.max {
                Some(max) if max < world => range.min = range.min.max(World(max.0 + 1)),
                _ => {
                    // r lies after world (r.min > world, as r does not contain it).
                    let cap = World(r.min.0 - 1);
                    range.max = Some(range.max.map_or(cap, |m| m.min(cap)));
                }
            }
        }
        code.valid = range;
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let code = Arc::new(code);
        let pos = slots.partition_point(|s| s.code.valid.min < range.min);
        slots.insert(
            pos,
            Slot {
                id,
                code: code.clone(),
                ended: false,
            },
        );
        drop(shard);
        if range.max.is_none() {
            let mut funcs: Vec<Arc<str>> = code.edges.iter().map(|e| e.func.clone()).collect();
            funcs.sort();
            funcs.dedup();
            let mut callees: Vec<Key> = Vec::new();
            for c in &code.callees {
                let k = (c.clone(), token.clone());
                if !callees.contains(&k) {
                    callees.push(k);
                }
            }
            for f in &funcs {
                graph.by_func.entry(f.clone()).or_default().insert(id);
            }
            for k in &callees {
                graph.backedges.entry(k.clone()).or_default().insert(id);
            }
            graph.nodes.insert(
                id,
                Node {
                    key,
                    funcs,
                    callees,
                },
            );
        }
        code
    }

    /// The entry for `mi` at `world`, or `compute()`'s result, inserted; when several
    /// threads ask for the same missing key at once, one computes and the others wait
    /// for its result. The flag says whether the answer came from the cache (a waiter
    /// served by another thread's computation counts as a hit).
    ///
    /// If the computing thread panics, nothing is inserted and the waiters compute the
    /// result themselves (one of them, the others wait again). A thread that would wait
    /// on itself, directly or through other waiting threads (mutual recursion inferred
    /// on two threads), computes instead of waiting.
    pub fn get_or_compute(
        &self,
        mi: &MethodInstance,
        token: &CacheToken,
        world: World,
        compute: impl FnOnce() -> InferredCode,
    ) -> (Arc<InferredCode>, bool) {
        let me = std::thread::current().id();
        let fkey: FlightKey = (mi.clone(), token.clone(), world);
        loop {
            if let Some(hit) = self.lookup(mi, token, world) {
                self.hits.fetch_add(1, Ordering::Relaxed);
                return (hit, true);
            }
            let mut flights = self.flights.lock();
            if let Some(job) = flights.jobs.get(&fkey).cloned() {
                if flights.would_cycle(&job, me) {
                    drop(flights);
                    self.misses.fetch_add(1, Ordering::Relaxed);
                    let epoch = self.epoch();
                    return (self.insert(token, compute(), world, epoch), false);
                }
                flights.waiting.insert(me, fkey.clone());
                drop(flights);
                let outcome = {
                    let mut st = job.state.lock();
                    while matches!(*st, JobState::Running) {
                        job.done.wait(&mut st);
                    }
                    match &*st {
                        JobState::Done(code) => Some(code.clone()),
                        _ => None,
                    }
                };
                self.flights.lock().waiting.remove(&me);
                match outcome {
                    Some(code) => {
                        self.hits.fetch_add(1, Ordering::Relaxed);
                        return (code, true);
                    }
                    None => continue,
                }
            }
            // Re-check under the flights lock: a computation that finished between the
            // probe above and the lock has inserted its result already.
            if let Some(hit) = self.lookup(mi, token, world) {
                self.hits.fetch_add(1, Ordering::Relaxed);
                return (hit, true);
            }
            let job = Arc::new(InFlight {
                owner: me,
                state: Mutex::new(JobState::Running),
                done: Condvar::new(),
            });
            flights.jobs.insert(fkey.clone(), job.clone());
            drop(flights);
            let guard = FlightGuard {
                cache: self,
                key: &fkey,
                job,
                finished: false,
            };
            self.misses.fetch_add(1, Ordering::Relaxed);
            let epoch = self.epoch();
            let code = self.insert(token, compute(), world, epoch);
            guard.finish(JobState::Done(code.clone()));
            return (code, false);
        }
    }

    /// Ends the entries `edits` affect (see [`invalidation`]) and, transitively, their
    /// callers; runs before `world` is published.
    fn invalidate(&self, engine: &Engine, edits: &[Edit], world: World) {
        let names = EditNames::resolve(engine, edits);
        let store = engine.types();
        let mut graph = self.graph.lock();
        self.epoch.fetch_add(1, Ordering::AcqRel);
        graph.last_world = graph.last_world.max(world.0);

        // Direct hits: entries with an edge on an edited function, in the edit's view.
        let mut ends: HashMap<EntryId, World> = HashMap::new();
        let mut direct: Vec<(EntryId, World)> = Vec::new();
        for (i, edit) in edits.iter().enumerate() {
            let end = World(edit.world.0.saturating_sub(1));
            let funcs: Vec<Arc<str>> = match &names.funcs[i] {
                EditName::Known(f) => vec![f.clone()],
                EditName::New => graph
                    .by_func
                    .keys()
                    .filter(|f| !names.known_funcs.contains(&***f))
                    .cloned()
                    .collect(),
            };
            for f in funcs {
                let Some(ids) = graph.by_func.get(&f) else {
                    continue;
                };
                for &id in ids {
                    if ends.contains_key(&id) {
                        continue;
                    }
                    let node = &graph.nodes[&id];
                    if !invalidation::view_includes(
                        &node.key.1,
                        edit.table,
                        &names.tables[i],
                        &names.known_tables,
                    ) {
                        continue;
                    }
                    let Some(code) = self.lookup_id(&node.key, id) else {
                        continue;
                    };
                    if code
                        .edges
                        .iter()
                        .any(|e| invalidation::edge_hit(store, e, &f, edit.sig))
                    {
                        ends.insert(id, end);
                        direct.push((id, end));
                    }
                }
            }
        }

        // Backedges: callers of an ended entry end at the same world, the earliest
        // source first so every caller gets the earliest end that reaches it.
        direct.sort_by_key(|&(_, w)| w);
        let mut transitive: Vec<EntryId> = Vec::new();
        let mut queue: VecDeque<(EntryId, World)> = direct.iter().copied().collect();
        while let Some((id, end)) = queue.pop_front() {
            let key = graph.nodes[&id].key.clone();
            if let Some(callers) = graph.backedges.get(&key) {
                for &c in callers {
                    if let hashbrown::hash_map::Entry::Vacant(v) = ends.entry(c) {
                        v.insert(end);
                        transitive.push(c);
                        queue.push_back((c, end));
                    }
                }
            }
        }

        let mut record = InvalidationRecord {
            world,
            edits: edits.len(),
            direct: Vec::with_capacity(direct.len()),
            transitive: Vec::with_capacity(transitive.len()),
        };
        let direct_ids: Vec<EntryId> = direct.iter().map(|&(id, _)| id).collect();
        for (ids, out) in [
            (&direct_ids, &mut record.direct),
            (&transitive, &mut record.transitive),
        ] {
            for &id in ids {
                let node = graph.remove_node(id);
                self.end_slot(&node.key, id, ends[&id]);
                out.push(node.key);
            }
        }
        graph.log.push_back(record);
        if graph.log.len() > LOG_LIMIT {
            graph.log.pop_front();
        }
    }

    fn lookup_id(&self, key: &Key, id: EntryId) -> Option<Arc<InferredCode>> {
        let shard = self.shard(&key.0, &key.1).read();
        shard
            .get(key)?
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.code.clone())
    }

    /// Ends entry `id` of `key` at `end` (its result is re-published with the closed
    /// range; an entry that would become empty is dropped).
    fn end_slot(&self, key: &Key, id: EntryId, end: World) {
        let mut shard = self.shard(&key.0, &key.1).write();
        let Some(slots) = shard.get_mut(key) else {
            return;
        };
        let Some(pos) = slots.iter().position(|s| s.id == id) else {
            return;
        };
        let slot = &mut slots[pos];
        if slot.code.valid.min > end {
            slots.remove(pos);
            return;
        }
        let mut code = (*slot.code).clone();
        code.valid = WorldRange::new(code.valid.min, Some(end));
        slot.code = Arc::new(code);
        slot.ended = true;
    }

    /// What every invalidation pass ended, oldest first (the last few thousand passes).
    pub fn invalidations(&self) -> Vec<InvalidationRecord> {
        self.graph.lock().log.iter().cloned().collect()
    }

    /// Counters for tests and benchmarks.
    pub fn stats(&self) -> CacheStats {
        let mut s = CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            ..CacheStats::default()
        };
        {
            let graph = self.graph.lock();
            s.passes = self.epoch();
            s.ended_per_pass = graph.log.iter().map(|r| r.ended()).collect();
        }
        for shard in self.shards.iter() {
            for slot in shard.read().values().flatten() {
                s.entries += 1;
                s.live += usize::from(slot.code.valid.max.is_none());
                s.ended += usize::from(slot.ended);
            }
        }
        s
    }
}

impl Graph {
    fn remove_node(&mut self, id: EntryId) -> Node {
        let node = self
            .nodes
            .remove(&id)
            .expect("an ended entry is in the graph");
        for f in &node.funcs {
            if let Some(set) = self.by_func.get_mut(f) {
                set.remove(&id);
                if set.is_empty() {
                    self.by_func.remove(f);
                }
            }
        }
        for k in &node.callees {
            if let Some(set) = self.backedges.get_mut(k) {
                set.remove(&id);
                if set.is_empty() {
                    self.backedges.remove(k);
                }
            }
        }
        node
    }
}

impl Flights {
    /// Whether `me` waiting for `job` would close a cycle of waiting threads.
    fn would_cycle(&self, job: &InFlight, me: ThreadId) -> bool {
        let mut owner = job.owner;
        for _ in 0..=self.waiting.len() {
            if owner == me {
                return true;
            }
            match self.waiting.get(&owner).and_then(|k| self.jobs.get(k)) {
                Some(next) => owner = next.owner,
                None => return false,
            }
        }
        false
    }
}

/// Removes an in-flight computation and wakes its waiters, with its result or, when
/// dropped without one (the computation panicked), with a failure.
struct FlightGuard<'a> {
    cache: &'a CodeCache,
    key: &'a FlightKey,
    job: Arc<InFlight>,
    finished: bool,
}

impl FlightGuard<'_> {
    fn finish(mut self, state: JobState) {
        self.settle(state);
        self.finished = true;
    }

    fn settle(&self, state: JobState) {
        {
            let mut flights = self.cache.flights.lock();
            if flights
                .jobs
                .get(self.key)
                .is_some_and(|j| Arc::ptr_eq(j, &self.job))
            {
                flights.jobs.remove(self.key);
            }
        }
        *self.job.state.lock() = state;
        self.job.done.notify_all();
    }
}

impl Drop for FlightGuard<'_> {
    fn drop(&mut self) {
        if !self.finished {
            self.settle(JobState::Failed);
        }
    }
}
