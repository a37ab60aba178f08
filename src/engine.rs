//! The engine facade: one type store, the method tables, the caches, and the API that
//! the `strata query` protocol (and embedders) code against.
//!
//! - Definitions and deletions go through one writer at a time (`Registry::edit`, crate-internal);
//!   each bumps the world by one; everything is validated before anything changes, so a
//!   failed definition leaves the tables as they were.
//! - Lookups (`findall`, `findsup`, `dispatch`, `method_info`, `world`) never lock and
//!   never wait for writers: they read one published snapshot.
//! - Before a new world is published, the dispatch cache and the cached view close
//!   every entry the change may affect (`view/cached.rs`), so no cache ever answers for
//!   a world in which the answer differs.
//!
//! Signatures are Julia's: a method of `f` is stored, compared and reported with the
//! signature `Tuple{typeof(f), args…}`, so a function-valued argument is a type like
//! any other. The API takes the argument tuple alone as a shorthand (`define("f",
//! Tuple{Int64})` defines `Tuple{typeof(f), Int64}`, and lookups likewise); a
//! callable object's methods (function names `(::S)`, see [`callee_function`]) are
//! written with their callee, `Tuple{S, args…}`, since the callee type is not fixed by
//! the name. Every answer (`Match::sig`, `spec_types`, `MethodInfo::sig`) is the full
//! signature; [`show_call`]-style text prints `f(::Int64)` as Julia's `methods` does.
//!
//! Errors are typed ([`EngineError`]) and say what went wrong, where, and what to do;
//! no-method and ambiguity errors read like Julia's. Read `oracle.rs` next for the
//! brute-force reference the tests compare against.

use crate::dispatch::{DispatchCache, DispatchKey};
use crate::table::registry::{Defined, Registry, State};
use crate::table::{FuncId, MethodId, Payload, TableId, GLOBAL_NAME, RUNTIME_NAME};
use crate::types::{TypeId, TypeKind, TypeStore};
use crate::view::cached::WorldCache;
use crate::view::stacked::{self, DispatchMiss};
use crate::view::{Lookup, RawMatch, View};
use crate::world::{World, WorldRange, OPEN};
use std::sync::Arc;

/// One method returned by [`Engine::findall`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// The method.
    pub method: MethodId,
    /// The name of the table that owns the method.
    pub table: String,
    /// The method's full signature (`Tuple{typeof(f), args…}`).
    pub sig: TypeId,
    /// `intersect(query, sig)`.
    pub spec_types: TypeId,
    /// Values bound to the method's `where` variables (the variable itself when the
    /// query leaves it undetermined), outermost first.
    pub sparams: Vec<TypeId>,
    /// `query <: sig`.
    pub fully_covers: bool,
}

/// The answer of [`Engine::findall`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindAll {
    /// In Julia's `ml_matches` order (every method before those it is more specific
    /// than; a table's most specific fully covering method last); `None` when more than
    /// `limit` matches remain.
    pub matches: Option<Vec<Match>>,
    /// Julia's `ambig`: some call within the query has no single most specific method.
    pub ambig: bool,
    /// The worlds over which this answer holds.
    pub range: WorldRange,
}

/// The answer of [`Engine::findsup`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindSup {
    /// The most specific method whose signature covers the whole query (`query <: sig`), if any.
    pub method: Option<MethodId>,
    /// The worlds over which this answer holds.
    pub range: WorldRange,
}

/// What [`Engine::method_info`] tells about a method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodInfo {
    /// The method.
    pub method: MethodId,
    /// The function's name.
    pub func: String,
    /// The name of the table that owns the method.
    pub table: String,
    /// The method's full signature (`Tuple{typeof(f), args…}`).
    pub sig: TypeId,
    /// The first world in which the method is visible.
    pub min_world: World,
    /// `None` while the method is live.
    pub max_world: Option<World>,
}

/// Everything that can go wrong in an engine call.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error("unknown method table `{name}`: no method was ever defined in it (known tables: {known}); define a method with table `{name}` to create it")]
    /// A lookup named a table that does not exist.
    UnknownTable {
        /// The table asked for.
        name: String,
        /// The tables that exist, comma-separated.
        known: String,
    },
    #[error("the `runtime` method table is private to the engine: users cannot define or delete methods in it; define the method in an overlay table of your own instead")]
    /// A definition or deletion named the engine's private `runtime` table.
    RuntimeTableReserved,
    #[error("the `global` table is always the bottom of a lookup stack: list only overlay tables in `tables`")]
    /// A lookup listed `global` among the overlay tables.
    GlobalInStack,
    #[error("invalid function name `{name}`: a function name must be non-empty and contain no whitespace")]
    /// A function name is empty or contains whitespace.
    InvalidFunctionName {
        /// The name given.
        name: String,
    },
    #[error("invalid signature for method of `{func}`: `{sig}` is not a Tuple type; write the argument types as Tuple{{A, B, ...}} (optionally with `where`)")]
    /// A method signature is not a `Tuple` type.
    NotATuple {
        /// The function being defined.
        func: String,
        /// The signature given, as Julia text.
        sig: String,
    },
    #[error("invalid signature for method of `{func}`: `{sig}` {problem}")]
    /// A method signature is a tuple that cannot be a method's (a `Vararg` not last, a free variable, …).
    InvalidSignature {
        /// The function being defined.
        func: String,
        /// The signature given, as Julia text.
        sig: String,
        /// What is wrong with it.
        problem: String,
    },
    #[error("unknown method {method}: no method with this id was defined")]
    /// No method with this id was ever defined.
    UnknownMethod {
        /// The id given.
        method: MethodId,
    },
    #[error("method {method} ({desc}) is already deleted: it is gone since world {since}")]
    /// The method was deleted before.
    AlreadyDeleted {
        /// The method.
        method: MethodId,
        /// The method, as Julia's `methods` shows it.
        desc: String,
        /// The world of its deletion.
        since: World,
    },
    #[error("world {world} is in the future: the current world is {current}; pass a world <= {current} or none for the current one")]
    /// A lookup asked for a world after the current one.
    FutureWorld {
        /// The world asked for.
        world: World,
        /// The current world.
        current: World,
    },
    #[error("dispatch needs leaf (concrete) argument types, got {call}; use findall for abstract signatures")]
    /// `dispatch` was given abstract argument types.
    NotLeaf {
        /// The call, as Julia text (`f(::Number)`).
        call: String,
    },
    #[error("no method matching {call}{detail}")]
    /// No method applies to the call (Julia's `MethodError`).
    NoMethod {
        /// The call, as Julia text.
        call: String,
        /// Extra context (closest candidates), empty or starting with a newline.
        detail: String,
    },
    /// A lattice budget ran out while answering (see `types/limit.rs`): no answer is
    /// given rather than one a budget produced. For a definition, nothing was defined.
    #[error("{0}")]
    Limit(crate::types::LatticeLimit),
    #[error("{call} is ambiguous.\n\nCandidates:\n{}\n\nPossible fix, define\n  {fix}", .candidates.iter().map(|c| format!("  {c}")).collect::<Vec<_>>().join("\n"))]
    /// More than one method applies and none is most specific.
    Ambiguous {
        /// The call, as Julia text.
        call: String,
        /// The maximal applicable methods, as Julia's `methods` shows them.
        candidates: Vec<String>,
        /// A signature whose definition would resolve the ambiguity.
        fix: String,
    },
}

type FindAllKey = (FuncId, View, TypeId, Option<usize>);

/// The dispatch engine. `Send + Sync`: share it by reference or `Arc`.
pub struct Engine {
    types: Arc<TypeStore>,
    registry: Registry,
    dispatch_cache: DispatchCache,
    findall_cache: WorldCache<FindAllKey, Arc<Lookup>>,
    observers: parking_lot::RwLock<Vec<Arc<dyn ChangeObserver>>>,
}

/// Something that must hear of every change to the tables before it becomes visible
/// (the code cache ends the world ranges of entries a change affects).
pub trait ChangeObserver: Send + Sync {
    /// Runs under the writer lock, before the new world is published: after it
    /// returns, readers may see `world`. `next` is the state about to be published
    /// (the engine itself still answers from the previous one); `edits` are every
    /// method defined, replaced or deleted by the edit (`world` is the last of their
    /// worlds).
    fn before_publish(
        &self,
        engine: &Engine,
        next: &crate::table::registry::State,
        edits: &[crate::table::registry::Edit],
        world: World,
    );

    /// Whether what the observer forwards to is gone (a dropped code cache): the
    /// engine then drops the observer when it next registers one, so a long-lived
    /// engine does not accumulate the observers of short-lived caches.
    fn is_detached(&self) -> bool {
        false
    }
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Engine(world {})", self.world())
    }
}

/// A definition with a body, for the loader ([`Engine::define_sourced`]).
#[derive(Clone, Debug)]
pub(crate) struct SourcedDef<'a> {
    pub func: &'a str,
    pub sig: TypeId,
    pub table: &'a str,
    pub source: Option<Arc<crate::ir::MethodSource>>,
}

/// A definition for [`Engine::define_batch`]: function, signature, table (`None` =
/// global).
pub type Definition<'a> = (&'a str, TypeId, Option<&'a str>);

/// A definition for [`Engine::define_batch_with`]: function, signature, table (`None`
/// = global) and the method's payload.
pub type DefinitionWith<'a> = (&'a str, TypeId, Option<&'a str>, Option<Payload>);

/// Why [`Engine::try_dispatch`] found no single method: a `Copy` code, built without
/// allocating or formatting. [`Engine::explain_dispatch`] renders the full Julia-style
/// message (closest candidates, the ambiguity's candidates and fix) only when asked.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum DispatchError {
    /// No method matches the call.
    NoMethod,
    /// Several methods match and none is most specific.
    Ambiguous,
    /// An argument type is not a leaf (concrete) type.
    NotLeaf,
    /// The requested world is later than the current one.
    FutureWorld,
    /// A lattice budget ran out while answering (see `types/limit.rs`).
    Limit(crate::types::limit::Budget),
}

impl std::fmt::Display for DispatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DispatchError::NoMethod => "no method matching the call",
            DispatchError::Ambiguous => "the call is ambiguous",
            DispatchError::NotLeaf => "dispatch needs leaf (concrete) argument types",
            DispatchError::FutureWorld => "the requested world is in the future",
            DispatchError::Limit(_) => "a lattice budget ran out during dispatch",
        })
    }
}

impl std::error::Error for DispatchError {}

/// The answer of [`Engine::try_dispatch`]: the method and the payload it was defined
/// with (borrowed from the engine's append-only method arena; no reference count is
/// touched).
#[derive(Copy, Clone, Debug)]
pub struct Dispatched<'a> {
    /// The method the call dispatches to.
    pub method: MethodId,
    /// The payload it was defined with, if any.
    pub payload: Option<&'a Payload>,
}

impl Engine {
    /// An engine with a fresh type store (Julia's built-in types), an empty global table
    /// and an empty runtime table, at world 0.
    pub fn new() -> Engine {
        Engine::with_types(Arc::new(TypeStore::new()))
    }

    /// An engine over an existing type store.
    pub fn with_types(types: Arc<TypeStore>) -> Engine {
        Engine {
            types,
            registry: Registry::new(),
            dispatch_cache: DispatchCache::new(),
            findall_cache: WorldCache::new(1 << 12),
            observers: parking_lot::RwLock::new(Vec::new()),
        }
    }

    /// The engine's type store (declare, parse and show types through it).
    pub fn types(&self) -> &TypeStore {
        &self.types
    }

    /// The shared type store.
    pub fn types_arc(&self) -> &Arc<TypeStore> {
        &self.types
    }

    /// The current world.
    #[inline]
    pub fn world(&self) -> World {
        self.registry.current_world()
    }

    /// The table registry. Crate-internal: its editor publishes without closing the
    /// engine's cache entries and can write the private runtime table, so embedders
    /// read through [`Engine::snapshot`] and [`Engine::method_def`] instead.
    pub(crate) fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The current published state (read-only; lock-free): every table's index as of
    /// [`State::world`], for advanced readers such as the benchmarks and the oracle.
    pub fn snapshot(&self) -> crate::sync::Snapshot<State> {
        self.registry.load()
    }

    /// The immutable facts of a method (function, table, signature, body, payload).
    #[inline]
    pub fn method_def(&self, method: MethodId) -> Option<&crate::table::MethodDef> {
        self.registry.method(method)
    }

    // ----- definitions -----------------------------------------------------------------

    /// Defines a method of `func` with signature `sig` (a closed Tuple type, possibly
    /// under `where`) in `table` (`None` = global; an unknown name creates an overlay
    /// table). Returns the method and the world in which it first exists.
    pub fn define(
        &self,
        func: &str,
        sig: TypeId,
        table: Option<&str>,
    ) -> Result<(MethodId, World), EngineError> {
        let mut out = self.define_batch(&[(func, sig, table)])?;
        Ok(out.remove(0))
    }

    /// Defines several methods in one edit: each gets its own world, all become visible
    /// together, and if any is invalid none is defined.
    pub fn define_batch(
        &self,
        defs: &[Definition<'_>],
    ) -> Result<Vec<(MethodId, World)>, EngineError> {
        for &(func, sig, table) in defs {
            if table == Some(RUNTIME_NAME) {
                return Err(EngineError::RuntimeTableReserved);
            }
            self.validate(func, sig)?;
        }
        let out = self.apply_defs(
            defs.iter()
                .map(|&(f, s, t)| (f, self.method_sig(f, s), t.unwrap_or(GLOBAL_NAME), None)),
        )?;
        Ok(out.into_iter().map(|d| (d.method, d.world)).collect())
    }

    /// Defines a method carrying an embedder payload (see [`Payload`]) and reports the
    /// method it replaced, if any. The payload is stored before the method becomes
    /// visible: any dispatch that returns the method returns its payload.
    pub fn define_with(
        &self,
        func: &str,
        sig: TypeId,
        table: Option<&str>,
        payload: Option<Payload>,
    ) -> Result<Defined, EngineError> {
        let mut out = self.define_batch_with(vec![(func, sig, table, payload)])?;
        Ok(out.remove(0))
    }

    /// [`Engine::define_batch`] with a payload per method, reporting what each
    /// definition replaced. One edit: all or nothing, visible together.
    pub fn define_batch_with<'a>(
        &self,
        defs: Vec<DefinitionWith<'a>>,
    ) -> Result<Vec<Defined>, EngineError> {
        for &(func, sig, table, _) in &defs {
            if table == Some(RUNTIME_NAME) {
                return Err(EngineError::RuntimeTableReserved);
            }
            self.validate(func, sig)?;
        }
        self.apply_defs(
            defs.into_iter()
                .map(|(f, s, t, p)| (f, self.method_sig(f, s), t.unwrap_or(GLOBAL_NAME), p)),
        )
    }

    /// The payload a method was defined with.
    #[inline]
    pub fn payload(&self, method: MethodId) -> Option<&Payload> {
        self.registry.method(method)?.payload.as_ref()
    }

    /// Defines a method in the private runtime table (engine-internal path).
    #[allow(dead_code)]
    pub(crate) fn define_runtime(
        &self,
        func: &str,
        sig: TypeId,
    ) -> Result<(MethodId, World), EngineError> {
        self.validate(func, sig)?;
        let sig = self.method_sig(func, sig);
        let out = self.apply_defs(std::iter::once((func, sig, RUNTIME_NAME, None)))?;
        Ok((out[0].method, out[0].world))
    }

    /// Defines methods with lowered bodies, and creates the tables in `tables` if they
    /// do not exist, in one edit (the loader's path; any table, the runtime table
    /// included, so the caller enforces who may write where). Everything is validated
    /// first: on error nothing changes. Each method gets its own world; all become
    /// visible together.
    pub(crate) fn define_sourced(
        &self,
        tables: &[&str],
        defs: &[SourcedDef<'_>],
    ) -> Result<Vec<(MethodId, World)>, EngineError> {
        for d in defs {
            self.validate(d.func, d.sig)?;
        }
        let mut ed = self.registry.edit();
        for &t in tables {
            ed.table_or_create(t);
        }
        let mut out = Vec::with_capacity(defs.len());
        for d in defs {
            let table = ed.table_or_create(d.table);
            let sig = self.method_sig(d.func, d.sig);
            let defined = crate::types::limit::checked(|| {
                ed.define_full(&self.types, d.func, sig, table, d.source.clone(), None)
            })
            .map_err(|limit| self.definition_limit(limit, d.func, sig))?;
            out.push((defined.method, defined.world));
        }
        self.commit(ed);
        Ok(out)
    }

    /// Checks that a method could be defined (a valid name and a closed Tuple
    /// signature), without defining it.
    pub(crate) fn check_definition(&self, func: &str, sig: TypeId) -> Result<(), EngineError> {
        self.validate(func, sig)
    }

    /// The full signature `Tuple{typeof(func), args…}` of a method or query written as
    /// its argument tuple `sig` (a callable object's, `(::S)`, is already full).
    pub fn method_sig(&self, func: &str, sig: TypeId) -> TypeId {
        match callee_function(func) {
            Some(f) => self.types.with_callee(self.types.function_type(f), sig),
            None => sig,
        }
    }

    /// Registers an observer of every later change (see [`ChangeObserver`]).
    /// Detached observers ([`ChangeObserver::is_detached`]) are dropped here.
    pub fn add_observer(&self, observer: Arc<dyn ChangeObserver>) {
        let mut observers = self.observers.write();
        observers.retain(|o| !o.is_detached());
        observers.push(observer);
    }

    /// How many observers are registered (detached ones not yet dropped included).
    pub fn observer_count(&self) -> usize {
        self.observers.read().len()
    }

    /// The name of a function id.
    pub fn func_name(&self, func: FuncId) -> String {
        self.registry.load().func_name(func).to_string()
    }

    /// The lowered body of a method defined from source.
    pub fn method_source(&self, method: MethodId) -> Option<&Arc<crate::ir::MethodSource>> {
        self.registry.method(method)?.source.as_ref()
    }

    /// Every method ever defined for `func` (live or not), in definition order.
    pub fn methods_of(&self, func: &str) -> Vec<MethodInfo> {
        let state = self.registry.load();
        let Some(func_id) = state.func_id(func) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(def) = self.registry.method(MethodId::from_index(i)) {
            if def.func == func_id {
                if let Some(info) = self.method_info(MethodId::from_index(i)) {
                    out.push(info);
                }
            }
            i += 1;
        }
        out
    }

    /// The names of every function that has ever had a method, by id.
    pub fn function_names(&self) -> Vec<String> {
        self.registry
            .load()
            .funcs
            .iter()
            .map(|f| f.to_string())
            .collect()
    }

    fn apply_defs<'a>(
        &self,
        defs: impl Iterator<Item = (&'a str, TypeId, &'a str, Option<Payload>)>,
    ) -> Result<Vec<Defined>, EngineError> {
        let mut ed = self.registry.edit();
        let mut out = Vec::new();
        for (func, sig, table, payload) in defs {
            let table = ed.table_or_create(table);
            let defined = crate::types::limit::checked(|| {
                ed.define_full(&self.types, func, sig, table, None, payload)
            })
            .map_err(|limit| self.definition_limit(limit, func, sig))?;
            out.push(defined);
        }
        self.commit(ed);
        Ok(out)
    }

    /// Runs lattice work `f` inside [`crate::types::limit::checked`]: a budget that ran
    /// out becomes [`EngineError::Limit`] naming `what`, never an answer (and callers
    /// return before caching anything).
    fn lattice<T>(
        &self,
        what: impl FnOnce() -> String,
        f: impl FnOnce() -> T,
    ) -> Result<T, EngineError> {
        crate::types::limit::checked(f).map_err(|limit| EngineError::Limit(limit.during(what())))
    }

    /// The error for a definition whose replacement check (signature equality against
    /// the methods it may replace) ran out of a lattice budget. The editor is dropped
    /// unpublished, so the tables stay as they were.
    fn definition_limit(
        &self,
        limit: crate::types::LatticeLimit,
        func: &str,
        sig: TypeId,
    ) -> EngineError {
        let size = self.types.type_size(sig, 1_000_000);
        EngineError::Limit(limit.during(format!(
            "the replacement check of a new method `{func}` with signature {} ({size} nodes); \
             nothing was defined",
            self.types.show(sig)
        )))
    }

    fn commit(&self, ed: crate::table::registry::Editor<'_>) -> World {
        ed.commit(|next, changes, world| {
            for o in self.observers.read().iter() {
                o.before_publish(self, next, &changes.edits, world);
            }
            self.dispatch_cache
                .invalidate(&self.types, &changes.touched, world);
            self.findall_cache
                .invalidate(&self.types, &changes.touched, world);
        })
    }

    fn validate(&self, func: &str, sig: TypeId) -> Result<(), EngineError> {
        if func.is_empty() || func.chars().any(char::is_whitespace) {
            return Err(EngineError::InvalidFunctionName {
                name: func.to_string(),
            });
        }
        let store = &*self.types;
        let (body, _) = store.unwrap_unionall(sig);
        if !store.is_tuple(body) {
            return Err(EngineError::NotATuple {
                func: func.to_string(),
                sig: store.show(sig),
            });
        }
        let invalid = |problem: &str| EngineError::InvalidSignature {
            func: func.to_string(),
            sig: store.show(sig),
            problem: problem.to_string(),
        };
        if store.has_free_vars(sig) {
            return Err(invalid(
                "mentions a type variable that no `where` binds; add `where T` for each variable",
            ));
        }
        let params = store.params(body);
        if params.iter().rev().skip(1).any(|&p| store.is_vararg(p)) {
            return Err(invalid("has a Vararg that is not the last argument"));
        }
        Ok(())
    }

    /// Deletes a method. Returns the first world in which it is gone.
    pub fn delete(&self, method: MethodId) -> Result<World, EngineError> {
        let def = self
            .registry
            .method(method)
            .ok_or(EngineError::UnknownMethod { method })?
            .clone();
        if def.table == TableId::RUNTIME {
            return Err(EngineError::RuntimeTableReserved);
        }
        let mut ed = self.registry.edit();
        match ed.is_live(method) {
            None => return Err(EngineError::UnknownMethod { method }),
            Some(false) => {
                let since = ed
                    .state()
                    .method_worlds(method, &def)
                    .map_or(World(0), |(_, max)| World(max + 1));
                let desc = show_method(&self.types, ed.state(), def.func, def.sig, def.table);
                return Err(EngineError::AlreadyDeleted {
                    method,
                    desc,
                    since,
                });
            }
            Some(true) => {}
        }
        let world = ed.delete(method);
        self.commit(ed);
        Ok(world)
    }

    // ----- lookups ---------------------------------------------------------------------

    /// The id of a function name, if it ever had a method.
    pub fn func_id(&self, func: &str) -> Option<FuncId> {
        self.registry.load().func_id(func)
    }

    /// The id of a table name.
    pub fn table_id(&self, name: &str) -> Option<TableId> {
        self.registry.load().table_id(name)
    }

    /// The names of every table, by id.
    pub fn table_names(&self) -> Vec<String> {
        self.registry
            .load()
            .tables
            .iter()
            .map(|t| t.name.to_string())
            .collect()
    }

    /// The view for an overlay stack (first wins) above the global table.
    pub fn view(&self, tables: &[&str]) -> Result<View, EngineError> {
        resolve_view(&self.registry.load(), tables)
    }

    /// Every method of `func` whose signature intersects `sig`, through the overlay
    /// stack `tables` (first wins) above the global table, at `world` (`None` = now).
    ///
    /// Julia's `ml_matches` with `include_ambiguous=false` (the default of Julia's
    /// `findall` and `methods`): matches whose whole intersection is ambiguous are left
    /// out. [`Engine::findall_including_ambiguous`] keeps them.
    pub fn findall(
        &self,
        func: &str,
        sig: TypeId,
        tables: &[&str],
        world: Option<World>,
        limit: Option<usize>,
    ) -> Result<FindAll, EngineError> {
        self.findall_sig_with(
            func,
            self.method_sig(func, sig),
            tables,
            world,
            limit,
            false,
        )
    }

    /// [`Engine::findall`] with ambiguous matches included (Julia's
    /// `Base.methods_including_ambiguous`, `_methods_by_ftype(…, true, …)`).
    pub fn findall_including_ambiguous(
        &self,
        func: &str,
        sig: TypeId,
        tables: &[&str],
        world: Option<World>,
        limit: Option<usize>,
    ) -> Result<FindAll, EngineError> {
        self.findall_sig_with(func, self.method_sig(func, sig), tables, world, limit, true)
    }

    /// [`Engine::findall`] with the full query signature `Tuple{typeof(func), args…}`
    /// (what inference's edges record).
    pub fn findall_sig(
        &self,
        func: &str,
        sig: TypeId,
        tables: &[&str],
        world: Option<World>,
        limit: Option<usize>,
    ) -> Result<FindAll, EngineError> {
        self.findall_sig_with(func, sig, tables, world, limit, false)
    }

    /// `findall` of a full signature, with or without the ambiguous matches.
    pub fn findall_sig_with(
        &self,
        func: &str,
        sig: TypeId,
        tables: &[&str],
        world: Option<World>,
        limit: Option<usize>,
        include_ambiguous: bool,
    ) -> Result<FindAll, EngineError> {
        let state = self.registry.load();
        let view = resolve_view(&state, tables)?;
        let world = resolve_world(&state, world)?;
        let r = self.lattice(
            || format!("findall for {}", show_call(&self.types, func, sig)),
            || {
                stacked::findall(
                    &self.types,
                    &state,
                    &view,
                    state.func_id(func),
                    sig,
                    world,
                    limit,
                    include_ambiguous,
                )
            },
        )?;
        Ok(to_findall(&state, &r))
    }

    /// [`Engine::findall`] through the cached view: memoized per signature and world
    /// range; answers equal the uncached ones.
    pub fn findall_cached(
        &self,
        func: &str,
        sig: TypeId,
        tables: &[&str],
        world: Option<World>,
        limit: Option<usize>,
    ) -> Result<FindAll, EngineError> {
        self.findall_sig_cached(func, self.method_sig(func, sig), tables, world, limit)
    }

    /// [`Engine::findall_cached`] with the full query signature `Tuple{typeof(func),
    /// args…}` (what inference's edges record).
    pub fn findall_sig_cached(
        &self,
        func: &str,
        sig: TypeId,
        tables: &[&str],
        world: Option<World>,
        limit: Option<usize>,
    ) -> Result<FindAll, EngineError> {
        let state = self.registry.load();
        let view = resolve_view(&state, tables)?;
        let world = resolve_world(&state, world)?;
        let Some(func_id) = state.func_id(func) else {
            return self.findall_sig(func, sig, tables, Some(world), limit);
        };
        let key = (func_id, view, sig, limit);
        if let Some(hit) = self
            .findall_cache
            .get(&key, world, |v| to_findall(&state, v))
        {
            return Ok(hit);
        }
        // A limit is an error and nothing is cached.
        let r = self.lattice(
            || format!("findall for {}", show_call(&self.types, func, sig)),
            || {
                stacked::findall(
                    &self.types,
                    &state,
                    &key.1,
                    Some(func_id),
                    sig,
                    world,
                    limit,
                    false,
                )
            },
        )?;
        let out = to_findall(&state, &r);
        let range = r.range;
        self.findall_cache
            .insert(key, Arc::new(r), range, state.world, func_id, sig);
        Ok(out)
    }

    /// The most specific method of `func` whose signature is a supertype of `sig`.
    pub fn findsup(
        &self,
        func: &str,
        sig: TypeId,
        tables: &[&str],
        world: Option<World>,
    ) -> Result<FindSup, EngineError> {
        let state = self.registry.load();
        let view = resolve_view(&state, tables)?;
        let world = resolve_world(&state, world)?;
        let sig = self.method_sig(func, sig);
        let r = self.lattice(
            || format!("findsup for {}", show_call(&self.types, func, sig)),
            || stacked::findsup(&self.types, &state, &view, state.func_id(func), sig, world),
        )?;
        Ok(FindSup {
            method: r.method.map(|m| m.0),
            range: r.range,
        })
    }

    /// The method a call with leaf argument types `args` runs, or a Julia-style
    /// no-method / ambiguity error.
    pub fn dispatch(
        &self,
        func: &str,
        args: &[TypeId],
        tables: &[&str],
        world: Option<World>,
    ) -> Result<MethodId, EngineError> {
        let state = self.registry.load();
        let view = resolve_view(&state, tables)?;
        match state.func_id(func) {
            Some(id) => self.dispatch_in(id, &view, args, world),
            None => {
                let world = resolve_world(&state, world)?;
                self.dispatch_slow(&state, func, None, &view, args, world)
            }
        }
    }

    /// [`Engine::dispatch`] with the function and view already resolved: the hot path
    /// (one atomic load, one snapshot load and one hash probe on a cache hit).
    #[inline]
    pub fn dispatch_in(
        &self,
        func: FuncId,
        view: &View,
        args: &[TypeId],
        world: Option<World>,
    ) -> Result<MethodId, EngineError> {
        self.dispatch_method(func, view, args, world)
            .map_err(|e| self.explain_dispatch(e, func, view, args, world))
    }

    /// The method and payload a call runs, or a `Copy` error code (see
    /// [`DispatchError`]). A cache hit allocates nothing and formats nothing; a miss
    /// runs the uncached lookup (whose scratch allocates) and fills the caches. Render
    /// an error with [`Engine::explain_dispatch`].
    #[inline]
    pub fn try_dispatch(
        &self,
        func: FuncId,
        view: &View,
        args: &[TypeId],
        world: Option<World>,
    ) -> Result<Dispatched<'_>, DispatchError> {
        let method = self.dispatch_method(func, view, args, world)?;
        Ok(Dispatched {
            method,
            payload: self.payload(method),
        })
    }

    /// The full error (Julia's message) for a [`DispatchError`] of the same call.
    #[cold]
    pub fn explain_dispatch(
        &self,
        err: DispatchError,
        func: FuncId,
        view: &View,
        args: &[TypeId],
        world: Option<World>,
    ) -> EngineError {
        let state = self.registry.load();
        let world = match resolve_world(&state, world) {
            Ok(w) => w,
            Err(e) => return e,
        };
        let name = state.func_name(func).to_string();
        match self.dispatch_slow(&state, &name, Some(func), view, args, world) {
            Err(e) => e,
            // The tables moved between the two calls (a method was defined meanwhile):
            // report the code alone.
            Ok(_) => EngineError::NoMethod {
                call: format!("{name}(…)"),
                detail: format!(" ({err}; the method tables changed since)"),
            },
        }
    }

    #[inline]
    fn dispatch_method(
        &self,
        func: FuncId,
        view: &View,
        args: &[TypeId],
        world: Option<World>,
    ) -> Result<MethodId, DispatchError> {
        let current = self.registry.current_world();
        let w = world.unwrap_or(current);
        let key = DispatchKey::new(func, view, args);
        if w <= current {
            match &key {
                Some(key) => {
                    if let Some(m) = self.dispatch_cache.get_current(key, w, current) {
                        return Ok(m);
                    }
                }
                None => {
                    let mut buf = [0u32; 64];
                    if let Some(long) = crate::dispatch::long_key(&mut buf, func, view, args) {
                        if let Some((m, _, _)) = self.dispatch_cache.get_long(long, w) {
                            return Ok(m);
                        }
                    }
                }
            }
        }
        self.dispatch_miss(func, view, args, world, key)
    }

    #[cold]
    #[inline(never)]
    fn dispatch_miss(
        &self,
        func: FuncId,
        view: &View,
        args: &[TypeId],
        world: Option<World>,
        key: Option<DispatchKey>,
    ) -> Result<MethodId, DispatchError> {
        self.dispatch_uncached(func, view, args, world, key)
            .map(|(m, _, _)| m)
    }

    /// The method a call runs at `world` (no later than the current world) with the
    /// worlds `[lo, hi]` over which that answer holds, `hi` no later than `world`'s
    /// successor worlds known now (so the pair stays true forever): for call-site
    /// caches (`callsite.rs`).
    pub(crate) fn dispatch_range(
        &self,
        func: FuncId,
        view: &View,
        args: &[TypeId],
        world: World,
    ) -> Result<(MethodId, u64, u64), DispatchError> {
        let key = DispatchKey::new(func, view, args);
        if let Some(key) = &key {
            if let Some(hit) = self.dispatch_cache.get_range(key, world, world) {
                return Ok(hit);
            }
        } else {
            let mut buf = [0u32; 64];
            if let Some(long) = crate::dispatch::long_key(&mut buf, func, view, args) {
                if let Some((m, lo, hi)) = self.dispatch_cache.get_long(long, world) {
                    return Ok((m, lo, hi.min(world.0)));
                }
            }
        }
        let (m, lo, hi) = self.dispatch_uncached(func, view, args, Some(world), key)?;
        Ok((m, lo, hi.min(world.0)))
    }

    /// Uncached dispatch returning a code (no message) and the answer's world bounds
    /// (`hi` may be `OPEN`); fills the shared cache.
    fn dispatch_uncached(
        &self,
        func: FuncId,
        view: &View,
        args: &[TypeId],
        world: Option<World>,
        key: Option<DispatchKey>,
    ) -> Result<(MethodId, u64, u64), DispatchError> {
        let state = self.registry.load();
        let world = resolve_world(&state, world).map_err(|_| DispatchError::FutureWorld)?;
        let name = state.func_name(func);
        let store = &*self.types;
        let args_sig = store.tuple(args);
        if !store.is_dispatch_tuple(args_sig) {
            return Err(DispatchError::NotLeaf);
        }
        let sig = self.method_sig(name, args_sig);
        // A limit is an error and nothing is cached.
        let r = crate::types::limit::checked(|| {
            stacked::dispatch(store, &state, view, Some(func), sig, world)
        })
        .map_err(|limit| DispatchError::Limit(limit.budget))?;
        let (lo, hi) = (r.range.min.0, r.range.max_raw());
        match (r.result, key) {
            (Ok((m, t)), Some(key)) => {
                self.dispatch_cache
                    .insert(key, (m, t), r.range, state.world, sig);
                Ok((m, lo, hi))
            }
            (Ok((m, t)), None) => {
                let mut buf = [0u32; 64];
                if let Some(long) = crate::dispatch::long_key(&mut buf, func, view, args) {
                    self.dispatch_cache
                        .insert_long(long, (m, t), r.range, state.world, func, sig);
                }
                Ok((m, lo, hi))
            }
            (Err(DispatchMiss::NoMethod), _) => Err(DispatchError::NoMethod),
            (Err(DispatchMiss::Ambiguous(_)), _) => Err(DispatchError::Ambiguous),
        }
    }

    /// Uncached dispatch with full error reporting.
    fn dispatch_slow(
        &self,
        state: &State,
        name: &str,
        func: Option<FuncId>,
        view: &View,
        args: &[TypeId],
        world: World,
    ) -> Result<MethodId, EngineError> {
        let store = &*self.types;
        let args_sig = store.tuple(args);
        let call = show_call(store, name, args_sig);
        if !store.is_dispatch_tuple(args_sig) {
            return Err(EngineError::NotLeaf { call });
        }
        let sig = self.method_sig(name, args_sig);
        let r = self.lattice(
            || format!("dispatch of {call}"),
            || stacked::dispatch(store, state, view, func, sig, world),
        )?;
        match r.result {
            Ok((m, _)) => Ok(m),
            Err(DispatchMiss::NoMethod) => Err(EngineError::NoMethod {
                call,
                detail: self.no_method_detail(state, func, view, sig, world),
            }),
            Err(DispatchMiss::Ambiguous(ms)) => {
                let sigs: Vec<(MethodId, TypeId, TableId)> = ms
                    .iter()
                    .filter_map(|&m| self.registry.method(m).map(|d| (m, d.sig, d.table)))
                    .collect();
                let candidates = sigs
                    .iter()
                    .map(|&(_, s, t)| {
                        show_method(store, state, func.unwrap_or(FuncId::from_index(0)), s, t)
                    })
                    .collect();
                let fix_sig = match sigs.as_slice() {
                    [a, b, ..] => {
                        let i = store.intersect(a.1, b.1);
                        if store.is_bottom(i) || store.has_free_vars(i) {
                            sig
                        } else {
                            i
                        }
                    }
                    _ => sig,
                };
                Err(EngineError::Ambiguous {
                    call,
                    candidates,
                    fix: show_method_call(store, name, fix_sig),
                })
            }
        }
    }

    /// "Closest candidates" and "may be too new" notes for a no-method error.
    fn no_method_detail(
        &self,
        state: &State,
        func: Option<FuncId>,
        view: &View,
        sig: TypeId,
        world: World,
    ) -> String {
        let Some(func) = func else {
            return String::new();
        };
        let store = &*self.types;
        // Score the arguments only: the callee matches every method of `func`.
        let args = store.params(sig).get(1..).unwrap_or(&[]);
        let mut scored: Vec<(usize, MethodId, TypeId, TableId)> = Vec::new();
        let mut too_new = false;
        for &table in &view.stack {
            let Some(index) = state.table(table).and_then(|t| t.func(func)) else {
                continue;
            };
            index.all(|g, i| {
                let (lo, hi, msig) = (g.min_world[i], g.max_world[i], g.sigs[i]);
                if world.0 < lo && hi == OPEN && store.subtype(sig, msig) {
                    too_new = true;
                }
                if world.0 < lo || world.0 > hi {
                    return;
                }
                let (body, _) = store.unwrap_unionall(msig);
                let params = store.params(body).get(1..).unwrap_or(&[]);
                let score = args
                    .iter()
                    .zip(params)
                    .filter(|(&a, &p)| {
                        let p = match store.kind(p) {
                            TypeKind::Vararg { elem, .. } => *elem,
                            _ => p,
                        };
                        store.subtype(a, p)
                    })
                    .count();
                if score > 0 || params.len() == args.len() {
                    scored.push((score, g.methods[i], msig, table));
                }
            });
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out = String::new();
        if !scored.is_empty() {
            out.push_str("\n\nClosest candidates are:");
            for &(_, _, msig, table) in scored.iter().take(3) {
                out.push_str("\n  ");
                out.push_str(&show_method(store, state, func, msig, table));
            }
        }
        if too_new {
            out.push_str(&format!(
                "\n\nThe applicable method may be too new: running in world age {}, while current world is {}.",
                world, state.world
            ));
        }
        out
    }

    /// What is known about a method.
    pub fn method_info(&self, method: MethodId) -> Option<MethodInfo> {
        let def = self.registry.method(method)?;
        let state = self.registry.load();
        let (min, max) = state.method_worlds(method, def)?;
        Some(MethodInfo {
            method,
            func: state.func_name(def.func).to_string(),
            table: state.table_name(def.table).to_string(),
            sig: def.sig,
            min_world: World(min),
            max_world: if max == OPEN { None } else { Some(World(max)) },
        })
    }

    /// `f(::Int64, ::Any)` for a method, with its table when not global.
    pub fn show_method(&self, method: MethodId) -> Option<String> {
        let def = self.registry.method(method)?;
        Some(show_method(
            &self.types,
            &self.registry.load(),
            def.func,
            def.sig,
            def.table,
        ))
    }

    /// Drops every cached answer (for benchmarks and tests).
    pub fn clear_caches(&self) {
        self.dispatch_cache.clear();
        self.findall_cache.clear();
    }
}

fn resolve_view(state: &State, tables: &[&str]) -> Result<View, EngineError> {
    let mut ids = Vec::with_capacity(tables.len());
    for &name in tables {
        if name == GLOBAL_NAME {
            return Err(EngineError::GlobalInStack);
        }
        match state.table_id(name) {
            Some(id) => ids.push(id),
            None => {
                let known = state
                    .tables
                    .iter()
                    .map(|t| format!("`{}`", t.name))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(EngineError::UnknownTable {
                    name: name.to_string(),
                    known,
                });
            }
        }
    }
    Ok(View::stacked(&ids))
}

fn resolve_world(state: &State, world: Option<World>) -> Result<World, EngineError> {
    match world {
        None => Ok(state.world),
        Some(w) if w <= state.world => Ok(w),
        Some(w) => Err(EngineError::FutureWorld {
            world: w,
            current: state.world,
        }),
    }
}

fn to_findall(state: &State, r: &Lookup) -> FindAll {
    let conv = |m: &RawMatch| Match {
        method: m.method,
        table: state.table_name(m.table).to_string(),
        sig: m.sig,
        spec_types: m.spec_types,
        sparams: m.sparams.clone(),
        fully_covers: m.fully_covers,
    };
    FindAll {
        matches: r.matches.as_ref().map(|ms| ms.iter().map(conv).collect()),
        ambig: r.ambig,
        range: r.range,
    }
}

/// `f(::Int64, ::Float32)` for a call or a signature (`where` clauses appended).
pub fn show_call(store: &TypeStore, func: &str, sig: TypeId) -> String {
    let (body, vars) = store.unwrap_unionall(sig);
    if !store.is_tuple(body) {
        return format!("{func}(::{})", store.show(sig));
    }
    let args: Vec<String> = store
        .params(body)
        .iter()
        .map(|&p| format!("::{}", store.show(p)))
        .collect();
    let mut out = format!("{func}({})", args.join(", "));
    if !vars.is_empty() {
        let full = store.show(sig);
        let b = store.show(body);
        if let Some(rest) = full.strip_prefix(&b) {
            out.push_str(rest);
        }
    }
    out
}

/// `f(::Int64)` for a full method signature `Tuple{typeof(f), Int64}`, as Julia's
/// `methods` prints it; a callable object's method prints as `(::S)(::Int64)`.
pub fn show_method_call(store: &TypeStore, func: &str, sig: TypeId) -> String {
    show_call(store, func, store.drop_callee(sig))
}

/// The function a method-table function name stands for: `Some(f)` for a generic
/// function `f`, whose methods' callee is `typeof(f)`; `None` for the methods of a
/// callable object (the names `(::S)`, Julia's call of a value of type `S`), whose
/// signatures carry their callee themselves.
pub fn callee_function(func: &str) -> Option<&str> {
    if func.starts_with("(::") {
        None
    } else {
        Some(func)
    }
}

/// The method-table function whose methods a call of a value of type `callee` runs:
/// `f` for `typeof(f)`; `(::S)` for any other DataType named `S` (a callable object:
/// Julia keeps these in one table for all non-function callees; here they are grouped
/// by the callee's type name, and their signatures include the callee). `None` for a
/// callee that is not a DataType (a union, a type variable).
pub fn callee_function_name(store: &TypeStore, callee: TypeId) -> Option<String> {
    if let Some(f) = store.function_of(callee) {
        return Some(f.to_string());
    }
    let (body, _) = store.unwrap_unionall(callee);
    let name = store.data_name(body)?;
    Some(format!("(::{})", store.name_str(name)))
}

fn show_method(
    store: &TypeStore,
    state: &State,
    func: FuncId,
    sig: TypeId,
    table: TableId,
) -> String {
    let s = show_method_call(store, state.func_name(func), sig);
    if table == TableId::GLOBAL {
        s
    } else {
        format!("{s} (in table `{}`)", state.table_name(table))
    }
}
