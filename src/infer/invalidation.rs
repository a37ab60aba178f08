//! Which cached inference results a change to the method tables affects, and the record
//! of what each invalidation pass ended.
//!
//! A cached result depends on the lookups in its edges (`findall(func, sig)` through
//! its token's view at its worlds). A definition or deletion of a method of `func` with
//! signature `s` in table `t` affects a result when:
//! - `t` is in the result's view: the token's tables, then the runtime table (only when
//!   the token names tables: a host job does not see it), then the global table; and
//! - one of its edges is on `func` with a signature that intersects `s`.
//!
//! Such an edge is only a *candidate*: the pass then asks the edge's lookup again in the
//! state about to be published, at the world before the edit and at the edit's world
//! (`edge_answer`), and ends the entry only if the answer (the matched methods, their
//! order, the ambiguity flag) differs. So a new method that the view shadows (an
//! overlay above it covers the same signature) or one that a more specific method hides
//! ends nothing. (Julia's rule is the conservative one: any intersecting method
//! invalidates.)
//!
//! Callers of an ended entry (through backedges, transitively) are not ended at once:
//! their own lookups still answer the same, and only a callee's *result* may have
//! changed. They are marked *suspect* from the edit's world on, and re-checked when
//! first asked for at such a world: re-inferred at the suspect world; if the typed code
//! is identical, the entry keeps serving, otherwise it is ended at the world before
//! (Salsa's red-green validation; `interp::revalidate` does it for every suspect at
//! once). Either way an answer is served for world `w` only if it equals what inference
//! at `w` gives.
//!
//! Read `cache.rs` next.

use super::{CacheToken, Edge, MethodInstance, MAX_METHODS};
use crate::engine::Engine;
use crate::table::registry::{Edit, State};
use crate::table::{MethodId, TableId, GLOBAL_NAME, RUNTIME_NAME};
use crate::types::TypeStore;
use crate::view::{stacked, View};
use crate::world::World;
use std::sync::Arc;

/// What one invalidation pass (one published edit, possibly of several methods) did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidationRecord {
    /// The world published by the edit.
    pub world: World,
    /// How many methods the edit defined, replaced or deleted.
    pub edits: usize,
    /// Entries ended because one of their own lookups answers differently.
    pub direct: Vec<(MethodInstance, CacheToken)>,
    /// Entries marked suspect because they call an ended entry, directly or through
    /// other callers (backedges): re-checked when next asked for.
    pub transitive: Vec<(MethodInstance, CacheToken)>,
}

impl InvalidationRecord {
    /// The entries the pass ended.
    pub fn ended(&self) -> usize {
        self.direct.len()
    }
}

/// The names of each edit's function and table, from the state about to be published.
pub(crate) struct EditNames {
    pub funcs: Vec<Arc<str>>,
    pub tables: Vec<Arc<str>>,
}

impl EditNames {
    pub(crate) fn resolve(next: &State, edits: &[Edit]) -> EditNames {
        EditNames {
            funcs: edits
                .iter()
                .map(|e| next.funcs.get(e.func.index()).cloned().unwrap_or_default())
                .collect(),
            tables: edits
                .iter()
                .map(|e| {
                    next.tables
                        .get(e.table.index())
                        .map_or_else(|| Arc::from(""), |t| Arc::from(&*t.name))
                })
                .collect(),
        }
    }
}

/// Whether a change in `table` (named `name`) is visible through `token`'s view.
pub(crate) fn view_includes(token: &CacheToken, table: TableId, name: &str) -> bool {
    if table == TableId::GLOBAL || name == GLOBAL_NAME {
        return true;
    }
    if table == TableId::RUNTIME || name == RUNTIME_NAME {
        return !token.tables.is_empty();
    }
    token.tables.iter().any(|t| t == name)
}

/// Whether `edge` (on function `func`) may see a method with signature `sig`.
pub(crate) fn edge_hit(store: &TypeStore, edge: &Edge, func: &str, sig: crate::TypeId) -> bool {
    &*edge.func == func && !store.is_bottom(store.intersect(edge.sig, sig))
}

/// What an edge's lookup answers through `token`'s view in `state` at `world`: the
/// matched methods in order (`None` past the limit), the ambiguity flag, and whether a
/// lattice budget ran out (then the answer is unknown and the caller must treat the
/// edge as changed: invalidating too much is safe, serving a stale entry is not);
/// `None` when the view cannot be built (a table the state does not know).
pub(crate) type EdgeAnswer = Option<(Option<Vec<MethodId>>, bool, bool)>;

/// Whether two answers of one edge differ, a limited answer counting as different.
pub(crate) fn answers_differ(a: &EdgeAnswer, b: &EdgeAnswer) -> bool {
    a != b || a.as_ref().is_some_and(|x| x.2) || b.as_ref().is_some_and(|x| x.2)
}

pub(crate) fn edge_answer(
    store: &TypeStore,
    state: &State,
    token: &CacheToken,
    edge: &Edge,
    world: World,
) -> EdgeAnswer {
    let mut ids = Vec::with_capacity(token.tables.len() + 1);
    for t in token.tables.iter() {
        ids.push(state.table_id(t)?);
    }
    if !ids.is_empty() {
        ids.push(TableId::RUNTIME);
    }
    let view = View::stacked(&ids);
    let r = crate::types::limit::checked(|| {
        stacked::findall(
            store,
            state,
            &view,
            state.func_id(&edge.func),
            edge.sig,
            world,
            Some(MAX_METHODS),
            false,
        )
    });
    Some(match r {
        Ok(r) => (
            r.matches
                .map(|ms| ms.iter().map(|m| m.method).collect::<Vec<_>>()),
            r.ambig,
            false,
        ),
        Err(_) => (None, false, true),
    })
}

/// Whether any of `edges`' lookups through `token`'s view answers differently at
/// `before` and at `after` (the matched methods, their order, or the ambiguity flag):
/// the exact test of whether an edit really changed a cached result's inputs.
pub fn edges_changed(
    engine: &Engine,
    token: &CacheToken,
    edges: &[Edge],
    before: World,
    after: World,
) -> bool {
    let mut tables: Vec<&str> = token.tables.iter().map(|s| s.as_str()).collect();
    if !tables.is_empty() {
        tables.push(RUNTIME_NAME);
    }
    let answer = |e: &Edge, w: World| -> EdgeAnswer {
        match engine.findall_sig(&e.func, e.sig, &tables, Some(w), Some(MAX_METHODS)) {
            Ok(r) => Some((
                r.matches
                    .map(|ms| ms.iter().map(|m| m.method).collect::<Vec<_>>()),
                r.ambig,
                false,
            )),
            // A budget that ran out: unknown, so changed.
            Err(crate::EngineError::Limit(_)) => Some((None, false, true)),
            Err(_) => None,
        }
    };
    edges
        .iter()
        .any(|e| answers_differ(&answer(e, before), &answer(e, after)))
}
