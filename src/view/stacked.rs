//! Lookup through a stack of tables, with GPUCompiler's `StackedMethodTable` semantics.
//!
//! - `findall`: the first table answers alone when its last match (Julia's `ml_matches`
//!   puts the most specific fully covering method last) fully covers the query;
//!   otherwise its matches are followed by the parent's. World ranges intersect and
//!   `ambig` is or-ed. The limit applies to each table's answer (as in GPUCompiler, the
//!   parent is asked with the same limit).
//! - `findsup`: the first table with an answer answers; ranges of the tables consulted
//!   intersect.
//! - `dispatch` (leaf queries) is derived from `findall` through the same stack, so the
//!   two cannot disagree: an ambiguous answer is an ambiguity error (a cycle of
//!   specificity included), a last match that fully covers is the method, anything
//!   else is "no method".
//!
//! Read `cached.rs` next.

use super::{findall_table, findsup_table, Lookup, SupLookup, View};
use crate::table::registry::State;
use crate::table::{FuncId, MethodId, TableId};
use crate::types::{TypeId, TypeStore};
use crate::world::{World, WorldRange};

/// `findall` through a view. `func: None` (never defined) finds nothing.
pub fn findall(
    store: &TypeStore,
    state: &State,
    view: &View,
    func: Option<FuncId>,
    sig: TypeId,
    world: World,
    limit: Option<usize>,
    include_ambiguous: bool,
) -> Lookup {
    match func {
        Some(func) => findall_stack(
            store,
            state,
            &view.stack,
            func,
            sig,
            world,
            limit,
            include_ambiguous,
        ),
        None => Lookup {
            matches: Some(Vec::new()),
            ambig: false,
            range: WorldRange::ALL,
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn findall_stack(
    store: &TypeStore,
    state: &State,
    stack: &[TableId],
    func: FuncId,
    sig: TypeId,
    world: World,
    limit: Option<usize>,
    include_ambiguous: bool,
) -> Lookup {
    let Some((&table, parent)) = stack.split_first() else {
        return Lookup {
            matches: Some(Vec::new()),
            ambig: false,
            range: WorldRange::ALL,
        };
    };
    let own = findall_table(
        store,
        state,
        table,
        func,
        sig,
        world,
        limit,
        include_ambiguous,
    );
    if parent.is_empty() {
        return own;
    }
    let Some(matches) = own.matches else {
        return own;
    };
    if matches.last().is_some_and(|m| m.fully_covers) {
        return Lookup {
            matches: Some(matches),
            ..own
        };
    }
    let up = findall_stack(
        store,
        state,
        parent,
        func,
        sig,
        world,
        limit,
        include_ambiguous,
    );
    let range = own.range.intersect(&up.range);
    let ambig = own.ambig | up.ambig;
    match up.matches {
        None => Lookup {
            matches: None,
            ambig,
            range,
        },
        Some(more) => {
            let mut all = matches;
            all.extend(more);
            Lookup {
                matches: Some(all),
                ambig,
                range,
            }
        }
    }
}

/// `findsup` through a view.
pub fn findsup(
    store: &TypeStore,
    state: &State,
    view: &View,
    func: Option<FuncId>,
    sig: TypeId,
    world: World,
) -> SupLookup {
    let mut range = WorldRange::ALL;
    if let Some(func) = func {
        for &table in &view.stack {
            let r = findsup_table(store, state, table, func, sig, world);
            range = range.intersect(&r.range);
            if r.method.is_some() {
                return SupLookup {
                    method: r.method,
                    range,
                };
            }
        }
    }
    SupLookup {
        method: None,
        range,
    }
}

/// Why a dispatch found no single method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DispatchMiss {
    /// No method applies.
    NoMethod,
    /// The maximal applicable methods of the answering table, most specific first.
    Ambiguous(Vec<MethodId>),
}

/// The answer of a dispatch through a view, and the worlds over which it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DispatchLookup {
    /// The method and its table, or why there is none.
    pub result: Result<(MethodId, TableId), DispatchMiss>,
    /// The worlds over which this answer holds.
    pub range: WorldRange,
}

/// Dispatch of a leaf signature (a dispatch tuple) through a view: derived from
/// [`findall`] (no ambiguous matches, no limit), as Julia's dispatch derives from
/// `ml_matches`. The candidates of an ambiguity come from the same lookup with the
/// ambiguous matches included.
pub fn dispatch(
    store: &TypeStore,
    state: &State,
    view: &View,
    func: Option<FuncId>,
    sig: TypeId,
    world: World,
) -> DispatchLookup {
    let r = findall(store, state, view, func, sig, world, None, false);
    let range = r.range;
    let matches = r.matches.unwrap_or_default();
    if r.ambig {
        let all = findall(store, state, view, func, sig, world, None, true);
        let mut ms: Vec<MethodId> = all
            .matches
            .unwrap_or_default()
            .iter()
            .filter(|m| m.fully_covers)
            .map(|m| m.method)
            .collect();
        ms.dedup();
        return DispatchLookup {
            result: Err(DispatchMiss::Ambiguous(ms)),
            range,
        };
    }
    match matches.last() {
        Some(last) if last.fully_covers => DispatchLookup {
            result: Ok((last.method, last.table)),
            range,
        },
        _ => DispatchLookup {
            result: Err(DispatchMiss::NoMethod),
            range,
        },
    }
}
