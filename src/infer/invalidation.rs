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
//! This is conservative (Julia's rule too): a new method that the view shadows (an
//! overlay method above it covers the same signature), or one less specific than the
//! current match, changes no answer, yet ends the entry. [`edges_changed`] computes the
//! exact answer (do the edges' lookups differ between two worlds?) so tests can measure
//! the over-invalidation against the [`InvalidationRecord`]s the cache keeps.
//!
//! Names: the observer runs before the new world is published, so the engine still
//! answers names from the previous state; a function or table created by the edit itself
//! has no name there. Such an edit is matched against every name the previous state did
//! not know ([`EditNames`]), which is exact for functions that never had a method
//! (their edges are the only ones on unknown names) and conservative otherwise.
//! Read `cache.rs` next.

use super::{CacheToken, Edge, MethodInstance, MAX_METHODS};
use crate::engine::Engine;
use crate::table::registry::Edit;
use crate::table::{TableId, GLOBAL_NAME, RUNTIME_NAME};
use crate::types::TypeStore;
use crate::world::World;
use hashbrown::HashSet;
use std::sync::Arc;

/// What one invalidation pass (one published edit, possibly of several methods) ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidationRecord {
    /// The world published by the edit.
    pub world: World,
    /// How many methods the edit defined, replaced or deleted.
    pub edits: usize,
    /// Entries ended because one of their own edges matched an edit.
    pub direct: Vec<(MethodInstance, CacheToken)>,
    /// Entries ended because they call an ended entry (through backedges).
    pub transitive: Vec<(MethodInstance, CacheToken)>,
}

impl InvalidationRecord {
    /// Every entry the pass ended.
    pub fn ended(&self) -> usize {
        self.direct.len() + self.transitive.len()
    }
}

/// The name of an edit's function or table, as the previous state knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum EditName {
    Known(Arc<str>),
    /// Created by the edit itself: matches any name the previous state did not know.
    New,
}

/// Names resolved from the previous (still published) state, before the cache locks
/// anything.
pub(crate) struct EditNames {
    pub funcs: Vec<EditName>,
    pub tables: Vec<EditName>,
    pub known_funcs: HashSet<Arc<str>>,
    pub known_tables: HashSet<Arc<str>>,
}

impl EditNames {
    pub(crate) fn resolve(engine: &Engine, edits: &[Edit]) -> EditNames {
        let state = engine.registry().load();
        let funcs = edits
            .iter()
            .map(|e| match state.funcs.get(e.func.index()) {
                Some(name) => EditName::Known(name.clone()),
                None => EditName::New,
            })
            .collect();
        let tables = edits
            .iter()
            .map(|e| match state.tables.get(e.table.index()) {
                Some(t) => EditName::Known(Arc::from(&*t.name)),
                None => EditName::New,
            })
            .collect();
        EditNames {
            funcs,
            tables,
            known_funcs: state.funcs.iter().cloned().collect(),
            known_tables: state.tables.iter().map(|t| Arc::from(&*t.name)).collect(),
        }
    }
}

/// Whether a change in `table` is visible through `token`'s view.
pub(crate) fn view_includes(
    token: &CacheToken,
    table: TableId,
    name: &EditName,
    known_tables: &HashSet<Arc<str>>,
) -> bool {
    if table == TableId::GLOBAL {
        return true;
    }
    if table == TableId::RUNTIME {
        return !token.tables.is_empty();
    }
    match name {
        EditName::Known(n) => {
            &**n == GLOBAL_NAME
                || (&**n == RUNTIME_NAME && !token.tables.is_empty())
                || token.tables.iter().any(|t| t == &**n)
        }
        EditName::New => token
            .tables
            .iter()
            .any(|t| !known_tables.contains(t.as_str())),
    }
}

/// Whether `edge` (on function `func`) may see a method with signature `sig`.
pub(crate) fn edge_hit(store: &TypeStore, edge: &Edge, func: &str, sig: crate::TypeId) -> bool {
    &*edge.func == func && !store.is_bottom(store.intersect(edge.sig, sig))
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
    let answer = |e: &Edge, w: World| {
        engine
            .findall(&e.func, e.sig, &tables, Some(w), Some(MAX_METHODS))
            .map(|r| {
                (
                    r.matches
                        .map(|ms| ms.iter().map(|m| m.method).collect::<Vec<_>>()),
                    r.ambig,
                )
            })
            .ok()
    };
    edges.iter().any(|e| answer(e, before) != answer(e, after))
}
