//! The registry of method tables and its publication protocol.
//!
//! All shared state readers need is one immutable [`State`]: the world, every table
//! (by [`TableId`]) and the interned function and table names. Readers load it from a
//! [`SnapshotCell`] without locking. Writers take the writer lock, copy the state
//! (tables and function indices are `Arc`s, so a copy shares everything it does not
//! change), apply their edits in an [`Editor`], and publish the new state in one store.
//! The method arena ([`MethodDef`] by [`MethodId`]) is append-only (`boxcar`): an id is
//! only handed out, and only reachable from a published state, after its entry is
//! written. Read `../view/mod.rs` next for lookups.

use super::index::{sig_shape, Query};
use super::{FuncId, MethodDef, MethodId, PMap, Table, TableId, GLOBAL_NAME, RUNTIME_NAME};
use crate::sync::{AtomicU64, Mutex, MutexGuard, Ordering, Snapshot, SnapshotCell};
use crate::types::{TypeId, TypeStore};
use crate::world::{World, OPEN};
use hashbrown::HashMap;
use std::sync::Arc;

/// Whether `old` is type-equal to `sig`, where `sample` is [`sample_below`]`(sig)`:
/// exactly [`TypeStore::typeequal`], with a cheap way to say no first.
///
/// Why the shortcut never rejects an equal pair: `sample <: sig` was checked when the
/// sample was made, and `sig == old` implies `sig <: old`, so by transitivity of `<:`
/// (a law the subtype property tests check) `sample <: old`. Hence `!(sample <: old)`
/// implies `sig != old`. The sample is closed, so this check is much cheaper than the
/// full one, whose `forall` side enumerates every union choice of `sig`'s variables.
pub(crate) fn same_signature(
    store: &TypeStore,
    sig: TypeId,
    sample: Option<TypeId>,
    old: TypeId,
) -> bool {
    if old == sig {
        return true;
    }
    if let Some(w) = sample {
        if !store.subtype(w, old) {
            return false;
        }
    }
    store.typeequal(old, sig)
}

/// A closed type below `sig` (checked with `subtype`), for [`same_signature`]: every
/// `where` variable replaced by its (substituted) upper bound, or the bound's first
/// member when it is a union. `None` when a bound is not closed after substitution or
/// the instance is not below `sig` (a diagonal variable with an abstract bound, say).
pub(crate) fn sample_below(store: &TypeStore, sig: TypeId) -> Option<TypeId> {
    let (body, vars) = store.unwrap_unionall(sig);
    if vars.is_empty() {
        return Some(sig);
    }
    let mut vals = Vec::with_capacity(vars.len());
    for (i, &v) in vars.iter().enumerate() {
        let ub = store.subst_all(store.var(v).ub, &vars[..i], &vals);
        if store.has_free_vars(ub) {
            return None;
        }
        let pick = match store.kind(ub) {
            crate::types::TypeKind::Union(ms) => ms.first().copied().unwrap_or(ub),
            _ => ub,
        };
        vals.push(pick);
    }
    let w = store.subst_all(body, &vars, &vals);
    (!store.has_free_vars(w) && store.subtype(w, sig)).then_some(w)
}

/// Everything a reader sees, as of one world.
#[derive(Clone, Debug)]
pub struct State {
    /// The world this state is of.
    pub world: World,
    /// The tables, by [`TableId`].
    pub tables: Vec<Arc<Table>>,
    /// Table ids by name.
    pub table_names: Arc<HashMap<Arc<str>, TableId>>,
    /// Persistent, like the tables: adding a function does not copy the others.
    pub func_names: PMap<Arc<str>, FuncId>,
    /// Function names, by [`FuncId`].
    pub funcs: imbl::Vector<Arc<str>>,
}

impl State {
    fn new() -> Self {
        let tables = vec![
            Arc::new(Table::new(GLOBAL_NAME)),
            Arc::new(Table::new(RUNTIME_NAME)),
        ];
        let mut names = HashMap::new();
        names.insert(Arc::from(GLOBAL_NAME), TableId::GLOBAL);
        names.insert(Arc::from(RUNTIME_NAME), TableId::RUNTIME);
        State {
            world: World(0),
            tables,
            table_names: Arc::new(names),
            func_names: PMap::default(),
            funcs: imbl::Vector::new(),
        }
    }
    #[inline]
    /// The table with this id.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables.get(id.index()).map(|t| &**t)
    }
    #[inline]
    /// The id of the table with this name.
    pub fn table_id(&self, name: &str) -> Option<TableId> {
        self.table_names.get(name).copied()
    }
    #[inline]
    /// The id of the function with this name.
    pub fn func_id(&self, name: &str) -> Option<FuncId> {
        self.func_names.get(name).copied()
    }
    /// A function's name (`?` for an unknown id).
    pub fn func_name(&self, func: FuncId) -> &str {
        self.funcs.get(func.index()).map_or("?", |s| s)
    }
    /// A table's name (`?` for an unknown id).
    pub fn table_name(&self, table: TableId) -> &str {
        self.table(table).map_or("?", |t| &t.name)
    }
    /// The world bounds of a method (as of this state).
    pub fn method_worlds(&self, id: MethodId, def: &MethodDef) -> Option<(u64, u64)> {
        self.table(def.table)?.func(def.func)?.worlds(id, def.slot)
    }
}

/// The method tables of one engine.
pub struct Registry {
    state: SnapshotCell<State>,
    writer: Mutex<()>,
    methods: boxcar::Vec<MethodDef>,
    /// The world of the latest published state, readable with one atomic load. It is
    /// stored after the state is published, so it never runs ahead of the snapshot.
    current: AtomicU64,
}

impl Default for Registry {
    fn default() -> Self {
        Self::new()
    }
}

/// What a committed edit changed, for cache invalidation: `(function, signature)` of
/// every method defined, replaced or deleted, with the world of the change.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// `(function, signature, world)` of every change.
    pub touched: Vec<(FuncId, TypeId, World)>,
    /// The same changes with the table each happened in (for observers that care
    /// which stacks a change is visible through, such as the code cache).
    pub edits: Vec<Edit>,
}

/// What one definition did: the new method, the first world in which it exists, and
/// the method it replaced (a visible method of the same function in the same table
/// with an equal signature, whose range ended at the world before), if any.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Defined {
    /// The new method.
    pub method: MethodId,
    /// The first world in which it exists.
    pub world: World,
    /// The method it replaced, if any.
    pub replaced: Option<MethodId>,
}

/// One method defined, replaced or deleted: its function, signature and table, and the
/// first world in which the change is visible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The function.
    pub func: FuncId,
    /// The method's full signature.
    pub sig: TypeId,
    /// The table.
    pub table: TableId,
    /// The first world in which the change is visible.
    pub world: World,
}

impl Registry {
    /// A registry with the `global` and `runtime` tables, in world 0.
    pub fn new() -> Self {
        Registry {
            state: SnapshotCell::new(State::new()),
            writer: Mutex::new(()),
            methods: boxcar::Vec::new(),
            current: AtomicU64::new(0),
        }
    }

    /// The current state (lock-free).
    #[inline]
    pub fn load(&self) -> Snapshot<State> {
        self.state.load()
    }

    /// The world of the latest published state (one atomic load).
    #[inline]
    pub fn current_world(&self) -> World {
        World(self.current.load(Ordering::Acquire))
    }

    /// The immutable facts of a method, if the id was handed out.
    pub fn method(&self, id: MethodId) -> Option<&MethodDef> {
        self.methods.get(id.index())
    }

    /// Starts an edit: takes the writer lock and copies the current state.
    /// Crate-internal: only the engine, which closes its caches' entries before each
    /// publication (see `Engine::commit`), may publish.
    pub(crate) fn edit(&self) -> Editor<'_> {
        let guard = self.writer.lock();
        let state = (*self.state.load_full()).clone();
        Editor {
            registry: self,
            _guard: guard,
            state,
            changes: Changes::default(),
        }
    }
}

/// An edit in progress: changes are made to a private copy of the state and become
/// visible only at [`Editor::commit`]. Dropping an editor discards its changes.
pub struct Editor<'a> {
    registry: &'a Registry,
    _guard: MutexGuard<'a, ()>,
    state: State,
    changes: Changes,
}

impl<'a> Editor<'a> {
    /// The state being edited.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// What this edit has changed so far.
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    /// The id of a table, creating an overlay table named `name` if needed.
    pub fn table_or_create(&mut self, name: &str) -> TableId {
        if let Some(id) = self.state.table_id(name) {
            return id;
        }
        let id = TableId::from_index(self.state.tables.len());
        self.state.tables.push(Arc::new(Table::new(name)));
        Arc::make_mut(&mut self.state.table_names).insert(Arc::from(name), id);
        id
    }

    fn func_or_create(&mut self, name: &str) -> FuncId {
        if let Some(id) = self.state.func_id(name) {
            return id;
        }
        let id = FuncId::from_index(self.state.funcs.len());
        let name: Arc<str> = Arc::from(name);
        self.state.funcs.push_back(name.clone());
        self.state.func_names.insert(name, id);
        id
    }

    /// Defines a method. The caller has validated `sig` (a closed Tuple type, see
    /// [`sig_shape`]) and `table`; this cannot fail. Returns the method and the world in
    /// which it first exists. A visible method of the same function in the same table
    /// with an equal signature ends at the world before.
    pub fn define(
        &mut self,
        store: &TypeStore,
        func: &str,
        sig: TypeId,
        table: TableId,
    ) -> (MethodId, World) {
        let d = self.define_full(store, func, sig, table, None, None);
        (d.method, d.world)
    }

    /// [`Editor::define`] for a method with a lowered body and/or an embedder payload;
    /// also reports the method it replaced.
    ///
    /// Publication order: the method's facts (payload included) are pushed into the
    /// append-only arena here, before [`Editor::commit`] publishes the state that makes
    /// the method reachable, so a reader that finds the method finds its payload.
    pub fn define_full(
        &mut self,
        store: &TypeStore,
        func: &str,
        sig: TypeId,
        table: TableId,
        source: Option<Arc<crate::ir::MethodSource>>,
        payload: Option<super::Payload>,
    ) -> Defined {
        let func = self.func_or_create(func);
        let world = World(self.state.world.0 + 1);
        let shape = sig_shape(store, sig).unwrap_or(super::index::SigShape {
            nreq: 0,
            nmax: super::index::ANY_ARITY,
            keys: [super::index::ArgKey::ANY; super::index::KEYED],
        });
        let tbl = Arc::make_mut(&mut self.state.tables[table.index()]);
        let index = Arc::make_mut(tbl.funcs.entry(func).or_default());
        // Replacement: an open method whose signature is equal to the new one.
        let mut replaced = Vec::new();
        let sample = sample_below(store, sig);
        index.candidates(&Query::new(store, sig), |g, i| {
            if g.max_world[i] == OPEN && same_signature(store, sig, sample, g.sigs[i]) {
                replaced.push((g.methods[i], g.sigs[i]));
            }
        });
        for &(old, old_sig) in &replaced {
            if let Some(def) = self.registry.methods.get(old.index()) {
                index.set_max_world(def.slot, world.0 - 1);
                self.changes.touched.push((func, old_sig, world));
                self.changes.edits.push(Edit {
                    func,
                    sig: old_sig,
                    table,
                    world,
                });
            }
        }
        let id = MethodId::from_index(self.registry.methods.count());
        let slot = index.push(id, sig, &shape, world.0);
        let pushed = self.registry.methods.push(MethodDef {
            func,
            table,
            sig,
            slot,
            source,
            payload,
        });
        debug_assert_eq!(pushed, id.index(), "only the writer pushes methods");
        self.state.world = world;
        self.changes.touched.push((func, sig, world));
        self.changes.edits.push(Edit {
            func,
            sig,
            table,
            world,
        });
        Defined {
            method: id,
            world,
            replaced: replaced.first().map(|r| r.0),
        }
    }

    /// Whether `method` is visible at the edited state's world (defined and not deleted).
    pub fn is_live(&self, method: MethodId) -> Option<bool> {
        let def = self.registry.methods.get(method.index())?;
        let (_, max) = self.state.method_worlds(method, def)?;
        Some(max == OPEN)
    }

    /// Deletes a live method: its range ends at the current world, and the returned
    /// world (the next one) is the first in which it is gone. The caller has checked
    /// [`Editor::is_live`].
    pub fn delete(&mut self, method: MethodId) -> World {
        let world = World(self.state.world.0 + 1);
        if let Some(def) = self.registry.methods.get(method.index()).cloned() {
            let tbl = Arc::make_mut(&mut self.state.tables[def.table.index()]);
            if let Some(index) = tbl.funcs.get_mut(&def.func) {
                Arc::make_mut(index).set_max_world(def.slot, world.0 - 1);
            }
            self.changes.touched.push((def.func, def.sig, world));
            self.changes.edits.push(Edit {
                func: def.func,
                sig: def.sig,
                table: def.table,
                world,
            });
        }
        self.state.world = world;
        world
    }

    /// Publishes the edited state. `before_publish` runs first, still under the writer
    /// lock, with the state about to be published and the changes (the engine closes
    /// cache entries there, so no reader can see the new world while a stale cache
    /// entry is still open).
    pub fn commit(self, before_publish: impl FnOnce(&State, &Changes, World)) -> World {
        let world = self.state.world;
        before_publish(&self.state, &self.changes, world);
        self.registry.state.store(Arc::new(self.state));
        self.registry.current.store(world.0, Ordering::Release);
        world
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Method signatures as source text: a Tuple of arguments drawn from leaves,
    /// `where` variables (bounded by a leaf or a union of leaves, used once, twice
    /// (diagonal) or inside an invariant `Ref`), unions, and a `Vararg` tail.
    fn arb_sig() -> impl Strategy<Value = String> {
        const LEAVES: &[&str] = &[
            "Int8", "Int64", "Float32", "Float64", "Integer", "Real", "Any", "Union{}", "Nothing",
            "Bool",
        ];
        let leaf = (0..LEAVES.len()).prop_map(|i| LEAVES[i].to_string());
        let bound = prop_oneof![
            leaf.clone(),
            (leaf.clone(), leaf.clone()).prop_map(|(a, b)| format!("Union{{{a},{b}}}")),
        ];
        let arg = prop_oneof![
            leaf.clone(),
            Just("T".to_string()),
            Just("Ref{T}".to_string()),
            (leaf.clone(), leaf.clone()).prop_map(|(a, b)| format!("Union{{{a},{b}}}")),
            leaf.clone().prop_map(|a| format!("Ref{{{a}}}")),
        ];
        (
            prop::collection::vec(arg, 0..4),
            prop::option::of(leaf),
            prop::option::of(bound),
        )
            .prop_map(|(args, tail, var)| {
                let mut args = args;
                if let Some(t) = tail {
                    args.push(format!("Vararg{{{t}}}"));
                }
                let body = format!("Tuple{{{}}}", args.join(","));
                match var {
                    // A variable nobody mentions would be rejected by lowering.
                    Some(ub) if body.contains('T') => format!("{body} where T<:{ub}"),
                    _ => body.replace("Ref{T}", "Ref{Int8}").replace('T', "Int64"),
                }
            })
    }

    /// The second signature: another one, the same text parsed again (new variables,
    /// so a new id), or a rewriting Julia considers equal.
    fn arb_pair() -> impl Strategy<Value = (String, String)> {
        (arb_sig(), arb_sig(), 0..4u8).prop_map(|(a, b, how)| match how {
            0 => (a.clone(), a),
            1 => (a.clone(), a.replace("Int8", "Union{Int8,Int8}")),
            _ => (a, b),
        })
    }

    fn parse(st: &TypeStore, s: &str) -> Option<TypeId> {
        st.parse(s).ok()
    }

    proptest! {
        #![proptest_config(crate::test_support::proptest_config(400, "table/registry"))]

        /// The replacement check agrees with plain `typeequal` on every pair, and the
        /// sample is below its signature.
        #[test]
        fn same_signature_is_typeequal((a, b) in arb_pair()) {
            let st = TypeStore::new();
            let (Some(x), Some(y)) = (parse(&st, &a), parse(&st, &b)) else {
                return Ok(());
            };
            let sample = sample_below(&st, x);
            if let Some(w) = sample {
                prop_assert!(!st.has_free_vars(w) && st.subtype(w, x), "sample of {}", a);
            }
            prop_assert_eq!(
                same_signature(&st, x, sample, y),
                st.typeequal(y, x),
                "{} vs {}", a, b
            );
        }
    }

    #[test]
    fn samples_of_prelude_like_signatures() {
        let st = TypeStore::new();
        let check = |sig: &str, sample: Option<&str>| {
            let t = st.parse(sig).unwrap();
            let want = sample.map(|s| st.parse(s).unwrap());
            assert_eq!(sample_below(&st, t), want, "{sig}");
        };
        check(
            "Tuple{T,T} where T<:Union{Int8,Int16,Int32}",
            Some("Tuple{Int8,Int8}"),
        );
        check(
            "Tuple{T,Float32} where T<:Real",
            Some("Tuple{Real,Float32}"),
        );
        // Diagonal with an abstract bound: `Tuple{Real,Real}` is not below it.
        check("Tuple{T,T} where T<:Real", None);
        check("Tuple{Int64}", Some("Tuple{Int64}"));
        // Equal signatures with different ids are still found equal.
        let a = st.parse("Tuple{T,T} where T<:Union{Int8,Int16}").unwrap();
        let b = st.parse("Tuple{T,T} where T<:Union{Int16,Int8}").unwrap();
        let c = st.parse("Tuple{T,T} where T<:Union{Int16,Int32}").unwrap();
        assert!(same_signature(&st, a, sample_below(&st, a), b));
        assert!(!same_signature(&st, a, sample_below(&st, a), c));
    }
}
