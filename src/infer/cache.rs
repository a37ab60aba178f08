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
//!   the observer ends entries whose lookups answer differently (at `edit.world - 1`)
//!   and marks their callers suspect (from `edit.world`) before the edit's world is
//!   published; a suspect entry is served for a world at or past its mark only after
//!   inference re-checked it there ([`Probe::Suspect`], `interp`); an insert that raced
//!   an invalidation pass is capped at the world it was computed in (the pass's epoch
//!   moved, or a pass for a later world already ran).
//! - Lock order: graph, then a shard. Readers take a shard only. The engine is queried
//!   (names) before any cache lock is taken.
//! - A panicking computation leaves nothing behind: its result was never inserted, and
//!   a drop guard wakes the waiters, who compute it themselves.
//!
//! Read `invalidation.rs` for the matching rule and the invalidation records.

use super::invalidation::{self, EdgeAnswer, EditNames, InvalidationRecord};
use super::{CacheToken, InferredCode, MethodInstance};
use crate::engine::{ChangeObserver, Engine};
use crate::table::registry::{Edit, State};
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
/// How many constant-propagation keys the cache keeps before it starts over.
const CONST_LIMIT: usize = 1 << 14;

type Key = (MethodInstance, CacheToken);
/// An entry's identity (stable while it lives; never reused).
pub type EntryId = u64;
type Shard = RwLock<HashMap<Key, Vec<Slot>>>;

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
    /// Worlds (sorted) from which the entry must be re-checked before it is served: a
    /// callee's result may have changed there.
    suspects: Vec<World>,
}

/// What the cache holds for a key at a world.
pub enum Probe {
    /// An entry valid at the world.
    Hit(Arc<InferredCode>),
    /// An entry whose range contains the world but which is suspect from `since` (at or
    /// before the world): re-check it at `since` ([`CodeCache::confirm`] or
    /// [`CodeCache::end`]) before serving it.
    Suspect {
        /// The cached inference result.
        code: Arc<InferredCode>,
        /// The entry's id (to confirm or end it).
        id: EntryId,
        /// The first world from which the entry is suspect.
        since: World,
    },
    /// No entry covers the world.
    Miss,
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
    /// Open entries currently marked suspect.
    pub suspect: usize,
    /// Suspect marks re-checked and found unchanged (the entry kept serving).
    pub confirmed: u64,
    /// Entries ended by each pass, oldest first (the last `LOG_LIMIT` passes); see
    /// [`CodeCache::invalidations`] for which.
    pub ended_per_pass: Vec<usize>,
}

/// Inferred code by (method instance, cache token), each entry valid over a world range.
pub struct CodeCache {
    shards: Box<[Shard]>,
    hasher: DefaultHashBuilder,
    graph: Mutex<Graph>,
    epoch: AtomicU64,
    next_id: AtomicU64,
    flights: Mutex<Flights>,
    hits: AtomicU64,
    misses: AtomicU64,
    confirmed: AtomicU64,
    /// This cache's identity in per-thread memos (`interp::lookup`).
    id: u64,
    /// Constant-propagation results (see [`ConstEntry`]).
    consts: Mutex<HashMap<ConstKey, Vec<ConstEntry>>>,
}

type ConstKey = (MethodInstance, Vec<super::Lattice>, CacheToken);

/// A constant-propagation result: `mi` re-inferred with constant arguments. It is not an
/// entry of its own (callers absorb its edges and callees), so it stays out of the
/// graph; each pass instead closes the results that one of its own lookups may see
/// (intersection, conservative) or that call an entry the pass ended or marked
/// suspect.
struct ConstEntry {
    code: Arc<InferredCode>,
    valid: WorldRange,
    /// Closed before it began (dropped at the end of the pass).
    dead: bool,
}

static NEXT_CACHE_ID: AtomicU64 = AtomicU64::new(1);

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
            confirmed: AtomicU64::new(0),
            id: NEXT_CACHE_ID.fetch_add(1, Ordering::Relaxed),
            consts: Mutex::new(HashMap::new()),
        }
    }
}

/// The observer registered with an engine: forwards every edit to the cache.
struct Observer(std::sync::Weak<CodeCache>);

impl ChangeObserver for Observer {
    fn before_publish(&self, engine: &Engine, next: &State, edits: &[Edit], world: World) {
        if let Some(cache) = self.0.upgrade() {
            cache.invalidate(engine, next, edits, world);
        }
    }

    fn is_detached(&self) -> bool {
        self.0.strong_count() == 0
    }
}

impl CodeCache {
    /// An empty cache (attach it to an engine with [`CodeCache::attach`]).
    pub fn new() -> Arc<CodeCache> {
        Arc::new(CodeCache::default())
    }

    /// Registers the cache with `engine` so that definitions and deletions invalidate
    /// the entries they affect before the new world is published. (The engine holds
    /// the cache weakly: dropping the cache detaches it.)
    pub fn attach(self: &Arc<Self>, engine: &Engine) {
        engine.add_observer(Arc::new(Observer(Arc::downgrade(self))));
    }

    /// A number no other cache of this process has (for per-thread memos).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// A counter bumped by every invalidation pass; an inference records it before
    /// it starts and hands it to [`CodeCache::insert`].
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    fn shard(&self, mi: &MethodInstance, token: &CacheToken) -> &Shard {
        let h = self.hasher.hash_one((mi, token));
        &self.shards[(h as usize) % SHARDS]
    }

    /// What the cache holds for `mi` under `token` at `world`, suspect marks included.
    pub fn probe(&self, mi: &MethodInstance, token: &CacheToken, world: World) -> Probe {
        let shard = self.shard(mi, token).read();
        let Some(slots) = shard.get(&KeyRef(mi, token)) else {
            return Probe::Miss;
        };
        let Some(s) = slots.iter().find(|s| s.code.valid.contains(world)) else {
            return Probe::Miss;
        };
        match s.suspects.first() {
            Some(&since) if since <= world => Probe::Suspect {
                code: s.code.clone(),
                id: s.id,
                since,
            },
            _ => Probe::Hit(s.code.clone()),
        }
    }

    fn lookup(
        &self,
        mi: &MethodInstance,
        token: &CacheToken,
        world: World,
    ) -> Option<Arc<InferredCode>> {
        match self.probe(mi, token, world) {
            Probe::Hit(code) => Some(code),
            _ => None,
        }
    }

    /// The entry for `mi` under `token` whose world range contains `world`, unless it is
    /// suspect there (inference re-checks suspect entries; see [`CodeCache::probe`]).
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

    /// Counts a probe answered by the cache (`hit`) or not, for [`CacheStats`].
    pub fn note(&self, hit: bool) {
        let counter = if hit { &self.hits } else { &self.misses };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The constant-propagation result for `mi` with constant arguments `consts` under
    /// `token` valid at `world`.
    pub fn const_get(
        &self,
        mi: &MethodInstance,
        consts: &[super::Lattice],
        token: &CacheToken,
        world: World,
    ) -> Option<Arc<InferredCode>> {
        let map = self.consts.lock();
        let key = (mi.clone(), consts.to_vec(), token.clone());
        map.get(&key)?
            .iter()
            .find(|e| e.valid.contains(world))
            .map(|e| e.code.clone())
    }

    /// Stores a constant-propagation result computed at `world` by an inference that
    /// started at `epoch` (capped at `world` if a pass ran since, as [`Self::insert`]).
    pub fn const_insert(
        &self,
        consts: Vec<super::Lattice>,
        token: &CacheToken,
        code: Arc<InferredCode>,
        world: World,
        epoch: u64,
    ) {
        // A result computed while a lattice budget ran out is not an answer to keep.
        if !code.valid.contains(world) || crate::types::limit::pending().is_some() {
            return;
        }
        // Hold the graph lock so no pass runs between the epoch check and the insert.
        let graph = self.graph.lock();
        let mut valid = code.valid;
        if valid.max.is_none()
            && (self.epoch.load(Ordering::Acquire) != epoch || graph.last_world > world.0)
        {
            valid.max = Some(world);
        }
        let mut map = self.consts.lock();
        if map.len() > CONST_LIMIT {
            map.clear();
        }
        let slots = map
            .entry((code.mi.clone(), consts, token.clone()))
            .or_default();
        if slots.iter().any(|e| e.valid.contains(world)) {
            return;
        }
        for e in slots.iter() {
            match e.valid.max {
                Some(max) if max < world => valid.min = valid.min.max(World(max.0 + 1)),
                _ => {
                    let cap = World(e.valid.min.0 - 1);
                    valid.max = Some(valid.max.map_or(cap, |m| m.min(cap)));
                }
            }
        }
        slots.push(ConstEntry {
            code,
            valid,
            dead: false,
        });
        drop(graph);
    }

    /// Closes the open constant-propagation results a pass affects: those with a
    /// lookup that may see an edit, or calling an entry the pass ended or marked.
    fn invalidate_consts(
        &self,
        store: &crate::types::TypeStore,
        names: &EditNames,
        edits: &[Edit],
        touched: &HashMap<Key, World>,
    ) {
        let mut map = self.consts.lock();
        for ((_, _, token), slots) in map.iter_mut() {
            for e in slots.iter_mut().filter(|e| e.valid.max.is_none()) {
                let mut end: Option<World> = None;
                let mut close = |at: World| {
                    let w = World(at.0.saturating_sub(1));
                    end = Some(end.map_or(w, |e: World| e.min(w)));
                };
                for (i, edit) in edits.iter().enumerate() {
                    if invalidation::view_includes(token, edit.table, &names.tables[i])
                        && e.code
                            .edges
                            .iter()
                            .any(|x| invalidation::edge_hit(store, x, &names.funcs[i], edit.sig))
                    {
                        close(edit.world);
                    }
                }
                for c in &e.code.callees {
                    if let Some(&since) = touched.get(&KeyRef(c, token)) {
                        close(since);
                    }
                }
                if let Some(end) = end {
                    // An entry that would become empty is dropped below.
                    e.valid = WorldRange::new(e.valid.min, Some(end.max(e.valid.min)));
                    e.dead = end < e.valid.min;
                }
            }
            slots.retain(|e| !e.dead);
        }
    }

    /// A suspect entry re-checked at `since` and found unchanged: the mark is dropped
    /// (later marks stay).
    pub fn confirm(&self, mi: &MethodInstance, token: &CacheToken, id: EntryId, since: World) {
        let mut shard = self.shard(mi, token).write();
        if let Some(slot) = shard
            .get_mut(&KeyRef(mi, token))
            .and_then(|slots| slots.iter_mut().find(|s| s.id == id))
        {
            if let Some(pos) = slot.suspects.iter().position(|&w| w == since) {
                slot.suspects.remove(pos);
                self.confirmed.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// A suspect entry re-checked at `since` and found changed: it ends at the world
    /// before.
    pub fn end(&self, mi: &MethodInstance, token: &CacheToken, id: EntryId, since: World) {
        let key: Key = (mi.clone(), token.clone());
        let mut graph = self.graph.lock();
        if graph.nodes.contains_key(&id) {
            graph.remove_node(id);
        }
        self.end_slot(&key, id, World(since.0.saturating_sub(1)));
    }

    /// Every suspect mark: the entry's key and id and the earliest world it is suspect
    /// from (for `interp::revalidate`).
    pub fn suspects(&self) -> Vec<(MethodInstance, CacheToken, EntryId, World)> {
        let mut out = Vec::new();
        for shard in self.shards.iter() {
            for ((mi, token), slots) in shard.read().iter() {
                for s in slots {
                    if let Some(&w) = s.suspects.first() {
                        out.push((mi.clone(), token.clone(), s.id, w));
                    }
                }
            }
        }
        out.sort_by_key(|e| e.3);
        out
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
        // A result computed while a lattice budget ran out (inside `interp::lookup`'s
        // `checked` region) is not stored: the caller turns it into an error.
        if !code.valid.contains(world) || crate::types::limit::pending().is_some() {
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
        if let Some(pos) = slots.iter().position(|s| s.code.valid.contains(world)) {
            let s = &mut slots[pos];
            match s.suspects.first() {
                Some(&since) if since <= world => {
                    // Suspect where the new result was computed (an invalidation pass
                    // ran between the caller's re-check and this insert): end it
                    // before the mark (conservative) and store the new result after.
                    let id = s.id;
                    if since <= s.code.valid.min {
                        slots.remove(pos);
                    } else {
                        let mut old = (*s.code).clone();
                        old.valid = WorldRange::new(old.valid.min, Some(World(since.0 - 1)));
                        s.code = Arc::new(old);
                        s.ended = true;
                        s.suspects.clear();
                    }
                    if graph.nodes.contains_key(&id) {
                        graph.remove_node(id);
                    }
                }
                _ => return s.code.clone(),
            }
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
                suspects: Vec::new(),
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

    /// Ends the entries whose lookups `edits` change (see [`invalidation`]) and marks
    /// their callers, transitively, suspect; runs before `world` is published, with
    /// `next` the state about to be published.
    fn invalidate(&self, engine: &Engine, next: &State, edits: &[Edit], world: World) {
        let names = EditNames::resolve(next, edits);
        let store = engine.types();
        let mut graph = self.graph.lock();
        self.epoch.fetch_add(1, Ordering::AcqRel);
        graph.last_world = graph.last_world.max(world.0);

        // Edits in world order: an entry ends at the first one that changes one of its
        // lookups.
        let mut order: Vec<usize> = (0..edits.len()).collect();
        order.sort_by_key(|&i| edits[i].world);
        // Lookups asked in this pass: (token, edge, world) → answer.
        let mut answers: HashMap<(CacheToken, super::Edge, World), EdgeAnswer> = HashMap::new();
        let mut ask = |token: &CacheToken, edge: &super::Edge, w: World| -> EdgeAnswer {
            answers
                .entry((token.clone(), edge.clone(), w))
                .or_insert_with(|| invalidation::edge_answer(store, next, token, edge, w))
                .clone()
        };
        let mut ends: HashMap<EntryId, World> = HashMap::new();
        let mut direct: Vec<(EntryId, World)> = Vec::new();
        for &i in &order {
            let edit = &edits[i];
            let f = &names.funcs[i];
            let Some(ids) = graph.by_func.get(f) else {
                continue;
            };
            let before = World(edit.world.0.saturating_sub(1));
            for &id in ids {
                if ends.contains_key(&id) {
                    continue;
                }
                let node = &graph.nodes[&id];
                let token = &node.key.1;
                if !invalidation::view_includes(token, edit.table, &names.tables[i]) {
                    continue;
                }
                let Some(code) = self.lookup_id(&node.key, id) else {
                    continue;
                };
                let changed = code.edges.iter().any(|e| {
                    invalidation::edge_hit(store, e, f, edit.sig)
                        && invalidation::answers_differ(
                            &ask(token, e, before),
                            &ask(token, e, edit.world),
                        )
                });
                if changed {
                    ends.insert(id, before);
                    direct.push((id, before));
                }
            }
        }

        // Backedges: callers of an ended entry are suspect from the edit's world on
        // (the earliest such world when several reach them).
        let mut suspect: HashMap<EntryId, World> = HashMap::new();
        let mut queue: VecDeque<(EntryId, World)> = direct
            .iter()
            .map(|&(id, end)| (id, World(end.0 + 1)))
            .collect();
        while let Some((id, since)) = queue.pop_front() {
            let key = &graph.nodes[&id].key;
            let Some(callers) = graph.backedges.get(key) else {
                continue;
            };
            for &c in callers {
                if ends.contains_key(&c) {
                    continue;
                }
                match suspect.entry(c) {
                    hashbrown::hash_map::Entry::Occupied(mut o) => {
                        if since < *o.get() {
                            o.insert(since);
                            queue.push_back((c, since));
                        }
                    }
                    hashbrown::hash_map::Entry::Vacant(v) => {
                        v.insert(since);
                        queue.push_back((c, since));
                    }
                }
            }
        }

        let mut touched: HashMap<Key, World> = HashMap::new();
        for &(id, end) in &direct {
            touched.insert(graph.nodes[&id].key.clone(), World(end.0 + 1));
        }
        for (&id, &since) in &suspect {
            touched.insert(graph.nodes[&id].key.clone(), since);
        }
        self.invalidate_consts(store, &names, edits, &touched);

        let mut record = InvalidationRecord {
            world,
            edits: edits.len(),
            direct: Vec::with_capacity(direct.len()),
            transitive: Vec::with_capacity(suspect.len()),
        };
        for &(id, end) in &direct {
            let node = graph.remove_node(id);
            self.end_slot(&node.key, id, end);
            record.direct.push(node.key);
        }
        for (&id, &since) in &suspect {
            let key = graph.nodes[&id].key.clone();
            self.mark_suspect(&key, id, since);
            record.transitive.push(key);
        }
        graph.log.push_back(record);
        if graph.log.len() > LOG_LIMIT {
            graph.log.pop_front();
        }
    }

    fn mark_suspect(&self, key: &Key, id: EntryId, since: World) {
        let mut shard = self.shard(&key.0, &key.1).write();
        if let Some(slot) = shard
            .get_mut(key)
            .and_then(|slots| slots.iter_mut().find(|s| s.id == id))
        {
            if let Err(pos) = slot.suspects.binary_search(&since) {
                slot.suspects.insert(pos, since);
            }
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
        slot.suspects.clear();
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
            confirmed: self.confirmed.load(Ordering::Relaxed),
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
                s.suspect += usize::from(!slot.suspects.is_empty());
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
