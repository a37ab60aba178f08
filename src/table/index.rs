//! The columnar signature index of one function in one table.
//!
//! A signature is `Tuple{callee, args…}` (Julia's `Tuple{typeof(f), args…}`); the
//! index of one function already fixes the callee, so the prefilter looks at the
//! arguments after it only ("position 0" below is the first argument, not the callee).
//! Methods are grouped by the nominal key of their first argument (Julia's typemap also
//! splits on the first argument's type name), and each group stores its methods as
//! parallel columns: method id, signature, world bounds, arity bounds, and for the first
//! [`KEYED`] argument positions a nominal key (a type-name id) with its depth in the
//! ancestor display. A query is reduced to the same shape: for each position, the
//! ancestor display of its argument's type name, padded to [`DISPLAY`] entries.
//!
//! The prefilter is then a pure function of columns: a method may match position `j`
//! when `anc_q[depth[i]] == key[i]` (the query's argument is nominally below the
//! method's), or, for an abstract query argument, when the method's key is deeper than
//! the query's (it may lie below it). Both tests are branch-free over blocks of
//! [`BLOCK`] methods, so the compiler vectorizes the loads, compares and masks. The
//! prefilter is conservative: anything it cannot key (unions, `Type{…}`, kinds, deep
//! names) becomes the wildcard `Any`, and every candidate it leaves is checked exactly
//! (subtype / intersection) by the view. Read `registry.rs` next.
//!
//! Architecture invariant: a [`FuncIndex`] is immutable once published; a writer builds
//! a new one aside (copying only the group it touches) and publishes it with the table
//! snapshot.

use crate::table::MethodId;
use crate::types::{NameId, TypeId, TypeKind, TypeStore};
use crate::world::OPEN;
use hashbrown::HashMap;
use std::sync::Arc;

/// Argument positions with nominal key columns.
pub const KEYED: usize = 4;
/// Length of a padded ancestor display; names deeper than this are keyed as `Any`.
pub const DISPLAY: usize = 32;
/// Methods checked per prefilter block.
pub const BLOCK: usize = 64;
/// Padding in a query's ancestor display: never equal to a name id.
const NO_NAME: u32 = u32::MAX;
/// `deep_ok` of a leaf query argument: no method key is deeper than this.
const LEAF: u8 = u8::MAX;
/// Arity bound of a method or query ending in an unbounded `Vararg`.
pub const ANY_ARITY: u32 = u32::MAX;

/// The nominal key of one argument position: a type-name id and its depth. `Any` (id 0,
/// depth 0) is the wildcard: every query's display starts with it.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct ArgKey {
    /// The type name's id (0: `Any`).
    pub name: u32,
    /// The name's depth below `Any` in the supertype chain.
    pub depth: u8,
}

impl ArgKey {
    /// The wildcard key (`Any`).
    pub const ANY: ArgKey = ArgKey { name: 0, depth: 0 };
}

/// Whether a type name is `Type` or one of the kinds (`DataType`, `Union`, `UnionAll`,
/// `TypeofBottom`): values of these are types, and their subtyping is not nominal, so
/// the prefilter treats them as wildcards.
fn is_kind_name(store: &TypeStore, name: NameId) -> bool {
    let c = store.common();
    name == c.type_name
        || [c.datatype, c.union_kind, c.unionall_kind, c.typeofbottom]
            .iter()
            .any(|&k| store.data_name(k) == Some(name))
}

/// The nominal name an argument type is keyed by, if any: a DataType's name, a
/// variable's upper bound's name, a `where` body's name.
fn key_name(store: &TypeStore, mut ty: TypeId) -> Option<NameId> {
    for _ in 0..16 {
        match store.kind(ty) {
            TypeKind::Data { name, .. } => {
                let name = *name;
                if is_kind_name(store, name) || store.name(name).depth() >= DISPLAY {
                    return None;
                }
                return Some(name);
            }
            TypeKind::Var(v) => ty = store.var(*v).ub,
            TypeKind::UnionAll { body, .. } => ty = *body,
            TypeKind::Vararg { elem, .. } => ty = *elem,
            _ => return None,
        }
    }
    None
}

/// The key of a method's argument type.
pub fn arg_key(store: &TypeStore, ty: TypeId) -> ArgKey {
    match key_name(store, ty) {
        Some(name) => ArgKey {
            name: name.as_u32(),
            depth: store.name(name).depth() as u8,
        },
        None => ArgKey::ANY,
    }
}

/// The prefilter shape of a method signature: arity bounds and per-position keys.
#[derive(Copy, Clone, Debug)]
pub struct SigShape {
    /// The number of required arguments.
    pub nreq: u32,
    /// The largest number of arguments (`ANY_ARITY` for a Vararg tail).
    pub nmax: u32,
    /// The keys of the first `KEYED` argument positions.
    pub keys: [ArgKey; KEYED],
}

/// The parameters after the callee of a signature body (all of them when the first is
/// a `Vararg`, which no method signature has but a query may).
fn after_callee<'s>(store: &TypeStore, params: &'s [TypeId]) -> &'s [TypeId] {
    match params.first() {
        Some(&p) if !store.is_vararg(p) => &params[1..],
        _ => params,
    }
}

/// The shape of a Tuple signature (possibly under `where`); `None` if it is not one.
pub fn sig_shape(store: &TypeStore, sig: TypeId) -> Option<SigShape> {
    let (body, _) = store.unwrap_unionall(sig);
    if !store.is_tuple(body) {
        return None;
    }
    let params = after_callee(store, store.params(body));
    let (fixed, tail) = match params.last().map(|&p| store.kind(p)) {
        Some(TypeKind::Vararg { elem, .. }) => (&params[..params.len() - 1], Some(*elem)),
        _ => (params, None),
    };
    let nreq = fixed.len() as u32;
    let nmax = if tail.is_some() { ANY_ARITY } else { nreq };
    let mut keys = [ArgKey::ANY; KEYED];
    for (j, key) in keys.iter_mut().enumerate() {
        *key = match (fixed.get(j), tail) {
            (Some(&t), _) => arg_key(store, t),
            (None, Some(e)) => arg_key(store, e),
            (None, None) => ArgKey::ANY,
        };
    }
    Some(SigShape { nreq, nmax, keys })
}

/// One query position: the padded ancestor display of its argument's name.
#[derive(Clone, Debug)]
pub struct QueryArg {
    /// The position matches every method key (an abstract or non-nominal argument).
    pub wild: bool,
    /// The supertype chain of the argument's name, padded with its last entry.
    pub anc: [u32; DISPLAY],
    /// Method keys deeper than this may lie below an abstract query argument.
    pub deep_ok: u8,
    /// The argument name's depth below `Any`.
    pub depth: u8,
}

impl QueryArg {
    const WILD: QueryArg = QueryArg {
        wild: true,
        anc: [NO_NAME; DISPLAY],
        deep_ok: 0,
        depth: 0,
    };

    fn new(store: &TypeStore, ty: TypeId) -> QueryArg {
        let Some(name) = key_name(store, ty) else {
            return QueryArg::WILD;
        };
        let nd = store.name(name);
        let mut anc = [NO_NAME; DISPLAY];
        for (slot, a) in anc.iter_mut().zip(nd.ancestors.iter()) {
            *slot = a.as_u32();
        }
        let depth = nd.depth() as u8;
        // A concrete argument has no strict subtypes, so only its ancestors can match.
        let deep_ok = if store.is_concrete(ty) { LEAF } else { depth };
        QueryArg {
            wild: false,
            anc,
            deep_ok,
            depth,
        }
    }

    /// Whether a method key passes this position's prefilter.
    #[inline]
    pub fn admits(&self, key: u32, depth: u8) -> bool {
        self.wild || self.anc[depth as usize % DISPLAY] == key || depth > self.deep_ok
    }
}

/// A query reduced to prefilter form.
#[derive(Clone, Debug)]
pub struct Query {
    /// Arity interval of the query: `[lo, hi]` (`hi = ANY_ARITY` for a Vararg tail).
    pub lo: u32,
    /// The largest arity of the query.
    pub hi: u32,
    /// The per-position prefilter data of the first `KEYED` arguments.
    pub args: [QueryArg; KEYED],
}

impl Query {
    /// The prefilter form of a query signature; non-tuples (a union of tuples, say) get
    /// the all-wildcard query, which scans everything.
    pub fn new(store: &TypeStore, sig: TypeId) -> Query {
        let mut q = Query {
            lo: 0,
            hi: ANY_ARITY,
            args: std::array::from_fn(|_| QueryArg::WILD),
        };
        let (body, _) = store.unwrap_unionall(sig);
        if !store.is_tuple(body) {
            return q;
        }
        let params = store.params(body);
        if params.first().is_some_and(|&p| store.is_vararg(p)) {
            // `Tuple{Vararg{…}}`: the callee and the arguments are all open.
            return q;
        }
        let params = after_callee(store, params);
        let (fixed, tail) = match params.last().map(|&p| store.kind(p)) {
            Some(TypeKind::Vararg { elem, .. }) => (&params[..params.len() - 1], Some(*elem)),
            _ => (params, None),
        };
        q.lo = fixed.len() as u32;
        q.hi = if tail.is_some() { ANY_ARITY } else { q.lo };
        for (j, arg) in q.args.iter_mut().enumerate() {
            *arg = match (fixed.get(j), tail) {
                (Some(&t), _) => QueryArg::new(store, t),
                (None, Some(e)) => QueryArg::new(store, e),
                (None, None) => QueryArg::WILD,
            };
        }
        q
    }
}

/// The methods of one function in one table whose first argument has one key.
#[derive(Clone, Default, Debug)]
pub struct Group {
    /// The methods, in definition order (one column per field below).
    pub methods: Vec<MethodId>,
    /// Each method's signature.
    pub sigs: Vec<TypeId>,
    /// Each method's first world.
    pub min_world: Vec<u64>,
    /// Each method's last world (`u64::MAX` while live).
    pub max_world: Vec<u64>,
    /// Each method's number of required arguments.
    pub nreq: Vec<u32>,
    /// Each method's largest arity.
    pub nmax: Vec<u32>,
    /// Each keyed position's name key, per method.
    pub keys: [Vec<u32>; KEYED],
    /// Each keyed position's key depth, per method.
    pub depths: [Vec<u8>; KEYED],
}

impl Group {
    /// The number of methods.
    pub fn len(&self) -> usize {
        self.methods.len()
    }
    /// Whether the group has no method.
    pub fn is_empty(&self) -> bool {
        self.methods.is_empty()
    }

    fn push(&mut self, method: MethodId, sig: TypeId, shape: &SigShape, min_world: u64) -> usize {
        self.methods.push(method);
        self.sigs.push(sig);
        self.min_world.push(min_world);
        self.max_world.push(OPEN);
        self.nreq.push(shape.nreq);
        self.nmax.push(shape.nmax);
        for j in 0..KEYED {
            self.keys[j].push(shape.keys[j].name);
            self.depths[j].push(shape.keys[j].depth);
        }
        self.methods.len() - 1
    }

    /// Calls `f(pos)` for every method of the group that passes the prefilter for `q`
    /// (positions 1.. of the keys; position 0 was matched by choosing the group). The
    /// inner loops are straight-line over blocks so they vectorize.
    #[inline]
    pub fn scan(&self, q: &Query, mut f: impl FnMut(usize)) {
        let len = self.len();
        let mut start = 0;
        let mut ok = [false; BLOCK];
        while start < len {
            let n = BLOCK.min(len - start);
            let nreq = &self.nreq[start..start + n];
            let nmax = &self.nmax[start..start + n];
            for k in 0..n {
                ok[k] = (nreq[k] <= q.hi) & (q.lo <= nmax[k]);
            }
            for j in 1..KEYED {
                let qa = &q.args[j];
                if qa.wild {
                    continue;
                }
                let keys = &self.keys[j][start..start + n];
                let depths = &self.depths[j][start..start + n];
                let deep_ok = qa.deep_ok;
                for k in 0..n {
                    let d = depths[k];
                    ok[k] &= (qa.anc[d as usize % DISPLAY] == keys[k]) | (d > deep_ok);
                }
            }
            for (k, &hit) in ok[..n].iter().enumerate() {
                if hit {
                    f(start + k);
                }
            }
            start += n;
        }
    }
}

/// Where a method lives inside its function's index.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct Slot {
    /// The key of the method's group.
    pub key0: u32,
    /// The method's position in its group.
    pub pos: u32,
}

/// Every method of one function in one table, grouped by first-argument key.
#[derive(Clone, Default, Debug)]
pub struct FuncIndex {
    /// The groups by first-argument key.
    pub groups: HashMap<u32, Arc<Group>>,
    /// Group key depth by key (for abstract first-argument queries).
    pub group_depth: HashMap<u32, u8>,
    /// The number of methods, over all groups.
    pub n_methods: usize,
}

impl FuncIndex {
    /// Adds a method (copy-on-write of its group) and returns its slot.
    pub fn push(
        &mut self,
        method: MethodId,
        sig: TypeId,
        shape: &SigShape,
        min_world: u64,
    ) -> Slot {
        let key0 = shape.keys[0];
        self.group_depth.insert(key0.name, key0.depth);
        let group = Arc::make_mut(self.groups.entry(key0.name).or_default());
        let pos = group.push(method, sig, shape, min_world);
        self.n_methods += 1;
        Slot {
            key0: key0.name,
            pos: pos as u32,
        }
    }

    /// Ends a method's world range (copy-on-write of its group).
    pub fn set_max_world(&mut self, slot: Slot, max_world: u64) {
        if let Some(group) = self.groups.get_mut(&slot.key0) {
            let group = Arc::make_mut(group);
            if let Some(m) = group.max_world.get_mut(slot.pos as usize) {
                *m = max_world;
            }
        }
    }

    /// The `[min, max]` world bounds of `method` at `slot` (`None` if the slot does not
    /// hold that method).
    pub fn worlds(&self, method: MethodId, slot: Slot) -> Option<(u64, u64)> {
        let g = self.groups.get(&slot.key0)?;
        let i = slot.pos as usize;
        if *g.methods.get(i)? != method {
            return None;
        }
        Some((*g.min_world.get(i)?, *g.max_world.get(i)?))
    }

    /// Calls `f(group, pos)` for every prefilter candidate of `q`, whatever its worlds.
    pub fn candidates(&self, q: &Query, mut f: impl FnMut(&Group, usize)) {
        let a0 = &q.args[0];
        if a0.wild {
            for g in self.groups.values() {
                g.scan(q, |i| f(g, i));
            }
        } else if a0.deep_ok == LEAF && self.groups.len() > a0.depth as usize + 1 {
            // A leaf first argument: only the groups of its ancestors can match.
            for &name in a0.anc[..=a0.depth as usize].iter() {
                if let Some(g) = self.groups.get(&name) {
                    g.scan(q, |i| f(g, i));
                }
            }
        } else {
            for (key, g) in self.groups.iter() {
                let depth = self.group_depth.get(key).copied().unwrap_or(0);
                if a0.admits(*key, depth) {
                    g.scan(q, |i| f(g, i));
                }
            }
        }
    }

    /// Every method, in group order (for oracles and diagnostics).
    pub fn all(&self, mut f: impl FnMut(&Group, usize)) {
        for g in self.groups.values() {
            for i in 0..g.len() {
                f(g, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the prefilter admits method signature `method` for query `query` (both
    /// written `Tuple{typeof(f), args…}`).
    fn check(method: &str, query: &str, expect: bool) {
        let store = TypeStore::new();
        let m = store.parse(method).unwrap();
        let q = store.parse(query).unwrap();
        let mut index = FuncIndex::default();
        let shape = sig_shape(&store, m).unwrap();
        index.push(MethodId::from_index(0), m, &shape, 1);
        let mut hit = false;
        index.candidates(&Query::new(&store, q), |_, _| hit = true);
        assert_eq!(hit, expect, "method {method} query {query}");
    }

    #[test]
    fn prefilter() {
        check(
            "Tuple{typeof(f), Int64, Int64}",
            "Tuple{typeof(f), Int64, Int64}",
            true,
        );
        check(
            "Tuple{typeof(f), Integer, Real}",
            "Tuple{typeof(f), Int64, Float64}",
            true,
        );
        check(
            "Tuple{typeof(f), Int64, Int64}",
            "Tuple{typeof(f), Int64, Float64}",
            false,
        );
        check(
            "Tuple{typeof(f), Float64, Int64}",
            "Tuple{typeof(f), Int64, Int64}",
            false,
        );
        check(
            "Tuple{typeof(f), Any, Any}",
            "Tuple{typeof(f), Int64, String}",
            true,
        );
        check(
            "Tuple{typeof(f), Int64}",
            "Tuple{typeof(f), Int64, Int64}",
            false,
        );
        check(
            "Tuple{typeof(f), Int64, Vararg{Any}}",
            "Tuple{typeof(f), Int64, Int64, Int64}",
            true,
        );
        check(
            "Tuple{typeof(f), Int64, Vararg{Float64}}",
            "Tuple{typeof(f), Int64, Float64, Int64}",
            false,
        );
        check(
            "Tuple{typeof(f), Int64, Vararg{Float64}}",
            "Tuple{typeof(f), Int64, Float64, Float64}",
            true,
        );
        check(
            "Tuple{typeof(f), Int64, Vararg{Float64}}",
            "Tuple{typeof(f), Int64, Int64}",
            false,
        );
        check(
            "Tuple{typeof(f), Int64, Int64}",
            "Tuple{typeof(f), Integer, Number}",
            true,
        );
        check(
            "Tuple{typeof(f), Int64, String}",
            "Tuple{typeof(f), Integer, Real}",
            false,
        );
        // Conservative: a key deeper than an abstract query argument may lie below it.
        check(
            "Tuple{typeof(f), Int64, String}",
            "Tuple{typeof(f), Integer, Number}",
            true,
        );
        check(
            "Tuple{typeof(f), T, T} where T<:Real",
            "Tuple{typeof(f), Int64, Float64}",
            true,
        );
        check(
            "Tuple{typeof(f), T, T} where T<:Real",
            "Tuple{typeof(f), Int64, String}",
            false,
        );
        check(
            "Tuple{typeof(f), Union{Int64, String}}",
            "Tuple{typeof(f), Float64}",
            true,
        );
        check(
            "Tuple{typeof(f), Vector{T}} where T",
            "Tuple{typeof(f), Array{Int64,1}}",
            true,
        );
        check(
            "Tuple{typeof(f), Type{T}} where T",
            "Tuple{typeof(f), DataType}",
            true,
        );
        check(
            "Tuple{typeof(f), Int64}",
            "Union{Tuple{typeof(f), Float64}, Tuple{typeof(f), String}}",
            true,
        );
        check(
            "Tuple{typeof(f), Int64}",
            "Tuple{typeof(f), Vararg{Float64}}",
            false,
        );
        check(
            "Tuple{typeof(f), Int64}",
            "Tuple{typeof(f), Vararg{Integer}}",
            true,
        );
    }
}
