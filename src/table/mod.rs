//! World-versioned method tables.
//!
//! A method is a function name, a signature (a Tuple type from the
//! [`TypeStore`](crate::types::TypeStore), possibly under `where`), the table that owns
//! it and the worlds `[min_world, max_world]` in which it is visible. Tables are named:
//! the global table ([`TableId::GLOBAL`]), the private runtime table
//! ([`TableId::RUNTIME`], `"runtime"`), and any number of overlay tables. Every
//! definition or deletion bumps the world by one; defining a signature equal
//! (`typeequal`) to a visible one of the same function in the same table ends the old
//! method's range at the new world, and so does deleting it.
//!
//! Architecture invariants:
//! - Readers never lock and never wait: they load one immutable [`registry::State`]
//!   snapshot, which holds the world and every table as of that world.
//! - Nothing a reader can see is mutated: writers copy what they change and publish once.
//! - A failed definition leaves the tables unchanged (validate everything, then apply).
//!
//! Read `index.rs` (the columnar signature index) and `registry.rs` (publication) next.

pub mod index;
pub mod registry;

use crate::define_id;
use crate::types::TypeId;
use index::{FuncIndex, Slot};
use std::sync::Arc;

define_id!(
    /// A method: one definition of a function for one signature in one table.
    MethodId,
    "m"
);
define_id!(
    /// A method table: global, runtime, or an overlay.
    TableId,
    "tbl"
);
define_id!(
    /// A generic function name, interned by the registry.
    FuncId,
    "f"
);

impl TableId {
    /// The global (host-visible) table.
    pub const GLOBAL: TableId = TableId::from_index(0);
    /// The private runtime table: only the engine itself defines methods here.
    pub const RUNTIME: TableId = TableId::from_index(1);
}

/// The name of the global table.
pub const GLOBAL_NAME: &str = "global";
/// The name of the runtime table.
pub const RUNTIME_NAME: &str = "runtime";

/// An embedder's per-method payload (compiled code, a closure, a handle): supplied at
/// definition, stored with the method before the method becomes visible, and returned
/// with it by dispatch.
///
/// Why `Arc<dyn Any + Send + Sync>` and not a generic parameter `Engine<P>`: the engine
/// is shared by the front end, inference, the code cache, the query protocol and the
/// C API, none of which care what an embedder attaches; a type parameter would have to
/// be threaded through all of them (or fixed to `()` there, splitting the engine into
/// incompatible types). The cost is one pointer per method and a `downcast_ref` at the
/// embedder's side, which is a type-id compare; dispatch itself returns a `&Payload`
/// borrowed from the method arena, so the hot path clones nothing.
pub type Payload = Arc<dyn std::any::Any + Send + Sync>;

/// The immutable facts of a method (its worlds live in the table's index, because the
/// upper bound changes when it is replaced or deleted).
#[derive(Clone)]
pub struct MethodDef {
    /// The function the method belongs to.
    pub func: FuncId,
    /// The table the method lives in.
    pub table: TableId,
    /// The method's full signature.
    pub sig: TypeId,
    /// Where the method sits in its function's index.
    pub slot: Slot,
    /// The lowered body, for methods defined from source.
    pub source: Option<Arc<crate::ir::MethodSource>>,
    /// The embedder's payload (see [`Payload`]); written before the method is
    /// published, never changed afterwards.
    pub payload: Option<Payload>,
}

impl std::fmt::Debug for MethodDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MethodDef")
            .field("func", &self.func)
            .field("table", &self.table)
            .field("sig", &self.sig)
            .field("slot", &self.slot)
            .field("source", &self.source.is_some())
            .field("payload", &self.payload.is_some())
            .finish()
    }
}

/// A persistent (structurally shared) hash map: a copy costs O(1) and an update
/// O(log n), so each edit's new [`registry::State`] shares everything it does not
/// change with the previous one instead of copying every table (which made a
/// definition cost O(size of the tables)).
pub type PMap<K, V> =
    imbl::GenericHashMap<K, V, hashbrown::DefaultHashBuilder, imbl::shared_ptr::DefaultSharedPtr>;

/// One table as of one world: the index of each function that has methods in it.
#[derive(Clone, Debug)]
pub struct Table {
    /// The table's name (`global`, `runtime`, an overlay's).
    pub name: Arc<str>,
    /// The index of every function with methods in this table.
    pub funcs: PMap<FuncId, Arc<FuncIndex>>,
}

impl Table {
    /// An empty table.
    pub fn new(name: &str) -> Self {
        Table {
            name: name.into(),
            funcs: PMap::default(),
        }
    }
    /// The index of `func`, if it has methods here.
    #[inline]
    pub fn func(&self, func: FuncId) -> Option<&FuncIndex> {
        self.funcs.get(&func).map(|f| &**f)
    }
}
