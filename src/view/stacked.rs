//! Lookup through a stack of tables, with GPUCompiler's `StackedMethodTable` semantics.
//!
//! - `findall`: the first table answers alone when its last (least specific) match fully
//!   covers the query; otherwise its matches are followed by the parent's. World ranges
//!   intersect and `ambig` is or-ed. The limit applies to each table's answer (as in
//!   GPUCompiler, the parent is asked with the same limit).
//! - `findsup`: the first table with an answer answers; ranges of the tables consulted
//!   intersect.
//! - `dispatch` (leaf queries): the first table with an applicable method answers; in
//!   it, one maximal method is the match and several are an ambiguity.
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
) -> Lookup {
    match func {
        Some(func) => findall_stack(store, state, &view.stack, func, sig, world, limit),
        None => Lookup {
            matches: Some(Vec::new()),
            ambig: false,
            range: WorldRange::ALL,
        },
    }
}

fn findall_stack(
    store: &TypeStore,
    state: &State,
    stack: &[TableId],
    func: FuncId,
    sig: TypeId,
    world: World,
    limit: Option<usize>,
) -> Lookup {
    let Some((&table, parent)) = stack.split_first() else {
        return Lookup {
            matches: Some(Vec::new()),
            ambig: false,
            range: WorldRange::ALL,
        };
    };
    let own = findall_table(store, state, table, func, sig, world, limit);
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
    let up = findall_stack(store, state, parent, func, sig, world, limit);
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
    NoMethod,
    /// The maximal applicable methods of the answering table, most specific first.
    Ambiguous(Vec<MethodId>),
}

/// The answer of a dispatch through a view, and the worlds over which it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DispatchLookup {
    pub result: Result<(MethodId, TableId), DispatchMiss>,
    pub range: WorldRange,
}

/// Dispatch of a leaf signature (a dispatch tuple) through a view.
pub fn dispatch(
    store: &TypeStore,
    state: &State,
    view: &View,
    func: Option<FuncId>,
    sig: TypeId,
    world: World,
) -> DispatchLookup {
    let mut range = WorldRange::ALL;
    if let Some(func) = func {
        for &table in &view.stack {
            let r = findall_table(store, state, table, func, sig, world, None);
            range = range.intersect(&r.range);
            let matches = r.matches.unwrap_or_default();
            match matches.as_slice() {
                [] => continue,
                [one] => {
                    return DispatchLookup {
                        result: Ok((one.method, table)),
                        range,
                    }
                }
                many => {
                    let ms = many.iter().map(|m| m.method).collect();
                    return DispatchLookup {
                        result: Err(DispatchMiss::Ambiguous(ms)),
                        range,
                    };
                }
            }
        }
    }
    DispatchLookup {
        result: Err(DispatchMiss::NoMethod),
        range,
    }
}
