//! Method-table views: lookup of a function's methods in one table, and the result types
//! shared by every view.
//!
//! A [`View`] is a stack of tables, first wins, ending in the global table: the global
//! view is `[global]`, an overlay view `[overlay, global]`, a back-end's view its own
//! tables stacked on the runtime table on the global one (see [`View::for_backend`]). This file
//! holds the single-table algorithms, after Julia's `ml_matches` in `src/gf.c`:
//!
//! - `findall`: every method whose signature intersects the query, each with
//!   `spec_types` (the intersection), static parameters and `fully_covers`; methods
//!   shadowed by a more specific fully-covering match are dropped; the rest sorted most
//!   specific first; `ambig` when two returned matches are ambiguous; `None` past the
//!   limit; and the range of worlds over which the answer stays true, narrowed by every
//!   method consulted (visible ones by their own range, invisible ones that would have
//!   matched by the world they appear or disappear).
//! - `findsup`: the most specific method whose signature is a supertype of the query.
//!
//! `stacked.rs` combines tables (GPUCompiler's `StackedMethodTable`), `cached.rs`
//! memoizes answers per signature and world range. Read `stacked.rs` next.

pub mod ambiguities;
pub mod cached;
pub mod select;
pub mod stacked;

use crate::table::index::Query;
use crate::table::registry::State;
use crate::table::{FuncId, MethodId, TableId};
use crate::types::{TypeId, TypeKind, TypeStore, VarId};
use crate::world::{World, WorldRange, OPEN};

/// A stack of method tables, first wins; the last entry is the table everything else
/// is stacked on (normally the global table).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct View {
    /// The tables, first wins.
    pub stack: Vec<TableId>,
}

impl View {
    /// The global table alone.
    pub fn global() -> View {
        View {
            stack: vec![TableId::GLOBAL],
        }
    }
    /// One overlay table over the global table.
    pub fn overlay(table: TableId) -> View {
        View {
            stack: vec![table, TableId::GLOBAL],
        }
    }
    /// `tables` (first wins) stacked on the global table.
    pub fn stacked(tables: &[TableId]) -> View {
        let mut stack = tables.to_vec();
        stack.push(TableId::GLOBAL);
        View { stack }
    }
    /// The view a back-end compiles through: its own tables `backend_tables` (first
    /// wins; what [`crate::driver::Backend::method_tables`] names), then the runtime
    /// table, then the global table. Back-ends inherit the runtime overlays without
    /// naming them.
    pub fn for_backend(backend_tables: &[TableId]) -> View {
        let mut stack = backend_tables.to_vec();
        stack.push(TableId::RUNTIME);
        stack.push(TableId::GLOBAL);
        View { stack }
    }
}

/// One method returned by `findall`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawMatch {
    /// The method.
    pub method: MethodId,
    /// The table that owns it.
    pub table: TableId,
    /// The method's full signature.
    pub sig: TypeId,
    /// `intersect(query, sig)`.
    pub spec_types: TypeId,
    /// The values bound to the method's `where` variables (the variable itself when
    /// the query does not determine it), outermost first.
    pub sparams: Vec<TypeId>,
    /// `query <: sig`.
    pub fully_covers: bool,
}

/// The answer of `findall` on a view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookup {
    /// `None` when more than `limit` matches remain.
    pub matches: Option<Vec<RawMatch>>,
    /// Julia's `ambig`: some call within the query has no single most specific method.
    pub ambig: bool,
    /// The worlds over which this answer holds.
    pub range: WorldRange,
}

/// The answer of `findsup` on a view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupLookup {
    /// The most specific method whose signature covers the whole query, and its table.
    pub method: Option<(MethodId, TableId)>,
    /// The worlds over which this answer holds.
    pub range: WorldRange,
}

/// Accumulates the world range of an answer as methods are consulted.
#[derive(Copy, Clone, Debug)]
struct RangeAcc {
    min: u64,
    max: u64,
}

impl RangeAcc {
    fn new() -> Self {
        RangeAcc { min: 0, max: OPEN }
    }
    /// Narrows by a method that would be part of the answer if visible.
    fn consult(&mut self, world: u64, lo: u64, hi: u64) -> bool {
        if world < lo {
            self.max = self.max.min(lo - 1);
            false
        } else if world > hi {
            self.min = self.min.max(hi.saturating_add(1));
            false
        } else {
            self.min = self.min.max(lo);
            self.max = self.max.min(hi);
            true
        }
    }
    fn range(&self) -> WorldRange {
        WorldRange::from_raw(self.min, self.max)
    }
}

/// `findall` in one table (Julia's `ml_matches`, see [`select`]): every visible method
/// whose signature intersects `sig`, selected and ordered as Julia does. Without
/// `include_ambiguous` (Julia's `_methods_by_ftype(…, include_ambiguous=false)`, the
/// default of `findall`), methods whose whole intersection is ambiguous are dropped.
#[allow(clippy::too_many_arguments)]
pub fn findall_table(
    store: &TypeStore,
    state: &State,
    table: TableId,
    func: FuncId,
    sig: TypeId,
    world: World,
    limit: Option<usize>,
    include_ambiguous: bool,
) -> Lookup {
    let (found, range) = collect(store, state, table, func, sig, world, true);
    let cands = candidates(&found);
    let chosen = select::select(store, &cands, limit, include_ambiguous);
    let Some(order) = chosen.order else {
        return Lookup {
            matches: None,
            ambig: chosen.ambig,
            range,
        };
    };
    let matches = order
        .iter()
        .map(|&i| {
            let (method, msig, spec, covers) = found[i];
            RawMatch {
                method,
                table,
                sig: msig,
                spec_types: spec,
                sparams: sparams(store, msig, spec),
                fully_covers: covers,
            }
        })
        .collect();
    Lookup {
        matches: Some(matches),
        ambig: chosen.ambig,
        range,
    }
}

/// The visible methods of `func` in `table` whose signature intersects `sig` (with
/// `intersections`; else only those whose signature is a supertype of `sig`), in
/// definition order, as `(method, signature, spec_types, fully_covers)`, and the world
/// range over which that set stays the same (Julia's `ml_matches_visitor`).
#[allow(clippy::type_complexity)]
fn collect(
    store: &TypeStore,
    state: &State,
    table: TableId,
    func: FuncId,
    sig: TypeId,
    world: World,
    intersections: bool,
) -> (Vec<(MethodId, TypeId, TypeId, bool)>, WorldRange) {
    let mut acc = RangeAcc::new();
    let mut found: Vec<(MethodId, TypeId, TypeId, bool)> = Vec::new();
    let index = state.table(table).and_then(|t| t.func(func));
    if let (Some(index), false) = (index, store.is_bottom(sig)) {
        let leaf = store.is_dispatch_tuple(sig);
        let q = Query::new(store, sig);
        index.candidates(&q, |g, i| {
            let msig = g.sigs[i];
            let (spec, covers) = if leaf || !intersections {
                // For a dispatch tuple, intersecting is being a subtype.
                let c = store.subtype(sig, msig);
                (if c { sig } else { store.common().bottom }, c)
            } else {
                let spec = store.intersect(sig, msig);
                (spec, !store.is_bottom(spec) && store.subtype(sig, msig))
            };
            if store.is_bottom(spec) {
                return;
            }
            if acc.consult(world.0, g.min_world[i], g.max_world[i]) {
                found.push((g.methods[i], msig, spec, covers));
            }
        });
    }
    found.sort_by_key(|f| f.0);
    (found, acc.range())
}

/// The collected methods as [`select`]'s candidates.
fn candidates(found: &[(MethodId, TypeId, TypeId, bool)]) -> Vec<select::Candidate> {
    found
        .iter()
        .map(|f| select::Candidate {
            sig: f.1,
            spec: f.2,
            fully_covers: f.3,
        })
        .collect()
}

/// `findsup` in one table (Julia's `_gf_invoke_lookup`: `ml_matches` with limit 1, no
/// ambiguous matches, supertypes only): the one method every other method whose
/// signature is a supertype of `sig` loses to, directly. When several tie (an
/// ambiguity or a specificity cycle), there is no answer.
pub fn findsup_table(
    store: &TypeStore,
    state: &State,
    table: TableId,
    func: FuncId,
    sig: TypeId,
    world: World,
) -> SupLookup {
    let (found, range) = collect(store, state, table, func, sig, world, false);
    let cands = candidates(&found);
    let chosen = select::select(store, &cands, Some(1), false);
    let method = match chosen.order.as_deref() {
        Some([one]) => Some((found[*one].0, table)),
        _ => None,
    };
    SupLookup { method, range }
}

/// The static parameters of a method for a match: each `where` variable of `msig`
/// (outermost first) bound to what `spec` has in its place, or left as the variable.
pub fn sparams(store: &TypeStore, msig: TypeId, spec: TypeId) -> Vec<TypeId> {
    let (mbody, vars) = store.unwrap_unionall(msig);
    if vars.is_empty() {
        return Vec::new();
    }
    let (sbody, _) = store.unwrap_unionall(spec);
    let mut vals: Vec<Option<TypeId>> = vec![None; vars.len()];
    bind(store, &vars, &mut vals, mbody, sbody, 0);
    vars.iter()
        .zip(vals)
        .map(|(&v, val)| val.unwrap_or_else(|| store.var_type(v)))
        .collect()
}

fn bind(
    store: &TypeStore,
    vars: &[VarId],
    vals: &mut [Option<TypeId>],
    pat: TypeId,
    ty: TypeId,
    depth: usize,
) {
    if depth > crate::types::limit::MATCH_DEPTH {
        // A budget that ran out is reported, never an answer (see `types/limit.rs`).
        crate::types::limit::hit(crate::types::Budget::MatchDepth);
        return;
    }
    match store.kind(pat) {
        TypeKind::Var(v) => {
            // A variable is bound only to a closed type: a part of `spec` under its own
            // `where` (a Vararg count, a parameter left free by the intersection) leaves
            // the variable unbound, as Julia leaves a `TypeVar` in `sparams`. Other
            // parts of a spec with free variables still bind (`Tuple{Type{U}, V{P}}
            // where P` binds `T` in `Tuple{Type{T}, V} where T<:U` to `U`).
            if store.has_free_vars(ty) {
                return;
            }
            if let Some(i) = vars.iter().position(|x| x == v) {
                if vals[i].is_none() {
                    vals[i] = Some(ty);
                }
            }
        }
        TypeKind::Data { name, params } => {
            let TypeKind::Data {
                name: tn,
                params: tps,
            } = store.kind(ty)
            else {
                return;
            };
            if name != tn {
                return;
            }
            let is_tuple = store.is_tuple(pat);
            for (k, &p) in params.iter().enumerate() {
                match store.kind(p) {
                    TypeKind::Vararg { elem, count } if is_tuple => {
                        let rest = tps.get(k..).unwrap_or(&[]);
                        if let Some(&first) = rest.first() {
                            let first = match store.kind(first) {
                                TypeKind::Vararg { elem: e, .. } => *e,
                                _ => first,
                            };
                            bind(store, vars, vals, *elem, first, depth + 1);
                        }
                        let fixed = rest.iter().all(|&t| !store.is_vararg(t));
                        if let (Some(c), true) = (count, fixed) {
                            bind(
                                store,
                                vars,
                                vals,
                                *c,
                                store.int_value(rest.len() as i64),
                                depth + 1,
                            );
                        }
                        return;
                    }
                    _ => {
                        if let Some(&t) = tps.get(k) {
                            bind(store, vars, vals, p, t, depth + 1);
                        }
                    }
                }
            }
        }
        TypeKind::Vararg { elem, .. } => {
            if let TypeKind::Vararg { elem: e, .. } = store.kind(ty) {
                bind(store, vars, vals, *elem, *e, depth + 1);
            }
        }
        // A parameter that is itself a UnionAll (`a::DeviceArray{T}` is
        // `DeviceArray{T, N} where N`): its own variable is not a `where` variable of the
        // method, the outer ones inside it still bind (Julia's `reverse_kernel(a::CuDeviceArray{T}) where T`).
        TypeKind::UnionAll { body, .. } => bind(store, vars, vals, *body, ty, depth + 1),
        _ => {}
    }
}
