//! Julia types → LLVM types: the value representation of the contract in `mod.rs`.
//!
//! [`Layouts`] maps a concrete Julia type to its [`Layout`] once per module and caches
//! it: what LLVM type holds its values (none for a zero-size "ghost" type) and, for
//! structs and tuples, where each Julia field lives in the LLVM aggregate (ghost
//! fields take no slot). The rules:
//! - `Bool` → `i1`, `IntN`/`UIntN`/`Char` and other primitive types → `iN`,
//!   `Float16/32/64` → `half`/`float`/`double`, `Ptr{T}` → `ptr`;
//! - `String` → `ptr` (a string constant's NUL-terminated bytes); values of type
//!   `String` only ever come from constants;
//! - `Nothing`, zero-field structs, `Tuple{}`, `Type{T}`, `Function` and `Symbol` →
//!   ghost (no LLVM value; constants of these types are compiled in where used);
//! - a tuple whose elements all have the same non-ghost type (`NTuple{N,T}`) → the
//!   array `[N x T]` (so `DeviceArray{T,N}` is `{ ptr, [N x i64] }` and a run-time
//!   index into a homogeneous tuple is a GEP); other tuples and immutable structs → the
//!   literal struct of their non-ghost fields, in order;
//! - a small union of isbits types (at most `MAX_UNION` members, `Union{Int64,
//!   Float64}`, `Union{Int32, Nothing}`) → the tagged struct `{ i8, M1, M2… }`: the
//!   tag is the 0-based position of the value's type among the union's members (in
//!   the type store's order), followed by one field per non-ghost member, of which only
//!   the tagged one is defined. Deviation from Julia, which stores the largest member's
//!   bytes and a selector byte: one field per member needs no memory punning, and
//!   LLVM's scalar replacement splits it the same way;
//! - anything else (abstract types, other unions, mutable structs, `Vararg` tuples) is
//!   not a value codegen can hold: [`Layouts::layout`] answers `Err` with the type's
//!   name.
//!
//! Deviation from the contract's "`i8` in memory" for `Bool`: a `Bool` loaded or
//! stored through a pointer (`pointerref`/`pointerset`) and a `Bool` kernel argument
//! are `i8`, but a `Bool` field inside an aggregate stays `i1` (LLVM gives an `i1`
//! field a whole byte, so the size and offsets agree; the byte's upper bits are
//! unspecified when such an aggregate is stored). Read `emit.rs` next.

use crate::infer::lattice::field_types;
use crate::types::{NameKind, TypeId, TypeStore};
use hashbrown::HashMap;
use inkwell::context::Context;
use inkwell::types::{BasicType, BasicTypeEnum};
use inkwell::AddressSpace;
use std::rc::Rc;

/// How values of one Julia type are represented.
#[derive(Clone, Debug)]
pub(crate) struct Layout<'ctx> {
    /// The LLVM type of a value; `None` for a ghost (zero-size) type.
    pub ty: Option<BasicTypeEnum<'ctx>>,
    pub kind: LayoutKind,
}

/// The shape of a layout, as the instruction selection needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LayoutKind {
    Ghost,
    Bool,
    Int {
        bits: u32,
    },
    Float {
        bits: u32,
    },
    Ptr,
    /// `String`: a pointer to NUL-terminated bytes.
    Str,
    /// A struct or heterogeneous tuple: for each Julia field (0-based), its type and its
    /// index in the LLVM struct (`None` for a ghost field).
    Struct {
        fields: Vec<(TypeId, Option<u32>)>,
    },
    /// A homogeneous tuple `NTuple{n,elem}` as `[n x elem]`.
    Array {
        elem: TypeId,
        n: u32,
    },
    /// A small isbits union as `{ i8 tag, fields… }`: for each member (in the type
    /// store's order, the tag being its position), its type and its field in the LLVM
    /// struct (`None` for a ghost member such as `Nothing`).
    Union {
        members: Vec<(TypeId, Option<u32>)>,
    },
}

impl Layout<'_> {
    pub fn is_ghost(&self) -> bool {
        self.ty.is_none()
    }

    /// The number of Julia fields (structs and tuples), 0 otherwise.
    pub fn n_fields(&self) -> usize {
        match &self.kind {
            LayoutKind::Struct { fields } => fields.len(),
            LayoutKind::Array { n, .. } => *n as usize,
            _ => 0,
        }
    }

    /// The Julia type of field `k` (0-based) and its index in the LLVM aggregate.
    pub fn field(&self, k: usize) -> Option<(TypeId, Option<u32>)> {
        match &self.kind {
            LayoutKind::Struct { fields } => fields.get(k).copied(),
            LayoutKind::Array { elem, n } if k < *n as usize => Some((*elem, Some(k as u32))),
            _ => None,
        }
    }
}

/// The per-module cache of layouts.
pub(crate) struct Layouts<'ctx> {
    ctx: &'ctx Context,
    cache: HashMap<TypeId, Rc<Layout<'ctx>>>,
}

/// How deep struct nesting may go before a type is rejected (isbits types are finite,
/// so this only stops malformed input).
const MAX_DEPTH: usize = 64;

impl<'ctx> Layouts<'ctx> {
    pub fn new(ctx: &'ctx Context) -> Self {
        Layouts {
            ctx,
            cache: HashMap::new(),
        }
    }

    /// The layout of `ty`, or why it has none (the reason names the type).
    pub fn layout(&mut self, store: &TypeStore, ty: TypeId) -> Result<Rc<Layout<'ctx>>, String> {
        self.layout_at(store, ty, 0)
    }

    fn layout_at(
        &mut self,
        store: &TypeStore,
        ty: TypeId,
        depth: usize,
    ) -> Result<Rc<Layout<'ctx>>, String> {
        if let Some(l) = self.cache.get(&ty) {
            return Ok(l.clone());
        }
        if depth > MAX_DEPTH {
            return Err(format!("type {} is nested too deeply", store.show(ty)));
        }
        let l = Rc::new(self.compute(store, ty, depth)?);
        self.cache.insert(ty, l.clone());
        Ok(l)
    }

    fn compute(
        &mut self,
        store: &TypeStore,
        ty: TypeId,
        depth: usize,
    ) -> Result<Layout<'ctx>, String> {
        let ctx = self.ctx;
        let ghost = Layout {
            ty: None,
            kind: LayoutKind::Ghost,
        };
        let common = store.common();
        if ty == common.nothing || store.is_type_type(ty) {
            return Ok(ghost);
        }
        let not_a_value = || {
            format!(
                "a value of type {} (only isbits values can be compiled)",
                store.show(ty)
            )
        };
        if let crate::types::TypeKind::Union(members) = store.kind(ty) {
            return self.union(store, members, depth).ok_or_else(not_a_value);
        }
        let Some(name) = store.data_name(ty) else {
            return Err(not_a_value());
        };
        let name_str = store.name_str(name);
        match name_str {
            "Function" | "Symbol" => return Ok(ghost),
            "String" => {
                return Ok(Layout {
                    ty: Some(ctx.ptr_type(AddressSpace::default()).into()),
                    kind: LayoutKind::Str,
                })
            }
            _ => {}
        }
        if !store.is_concrete(ty) {
            return Err(not_a_value());
        }
        if ty == common.bool_ {
            return Ok(Layout {
                ty: Some(ctx.bool_type().into()),
                kind: LayoutKind::Bool,
            });
        }
        if name == common.tuple_name {
            let params = store.params(ty).to_vec();
            if params.iter().any(|&p| store.is_vararg(p)) {
                return Err(not_a_value());
            }
            return self.aggregate(store, &params, depth, true);
        }
        match store.name(name).kind {
            NameKind::Primitive { bits } => {
                let t: BasicTypeEnum = match (name_str, bits) {
                    ("Float16", 16) => ctx.f16_type().into(),
                    ("Float32", 32) => ctx.f32_type().into(),
                    ("Float64", 64) => ctx.f64_type().into(),
                    ("Ptr", _) => {
                        return Ok(Layout {
                            ty: Some(ctx.ptr_type(AddressSpace::default()).into()),
                            kind: LayoutKind::Ptr,
                        })
                    }
                    _ => {
                        let width = std::num::NonZeroU32::new(bits).ok_or_else(not_a_value)?;
                        let t = ctx
                            .custom_width_int_type(width)
                            .map_err(|_| not_a_value())?;
                        return Ok(Layout {
                            ty: Some(t.into()),
                            kind: LayoutKind::Int { bits },
                        });
                    }
                };
                Ok(Layout {
                    ty: Some(t),
                    kind: LayoutKind::Float { bits },
                })
            }
            NameKind::Struct { mutable: false } => {
                let fields: Vec<TypeId> = field_types(store, ty).into_iter().map(|f| f.1).collect();
                self.aggregate(store, &fields, depth, false)
            }
            _ => Err(not_a_value()),
        }
    }

    /// The tagged layout of a union of `members`, when it is small and every member
    /// is a value codegen can hold.
    fn union(
        &mut self,
        store: &TypeStore,
        members: &[TypeId],
        depth: usize,
    ) -> Option<Layout<'ctx>> {
        if members.len() > crate::infer::MAX_UNION {
            return None;
        }
        let mut llvm: Vec<BasicTypeEnum<'ctx>> = vec![self.ctx.i8_type().into()];
        let mut map = Vec::with_capacity(members.len());
        for &m in members {
            let l = self.layout_at(store, m, depth + 1).ok()?;
            if matches!(l.kind, LayoutKind::Union { .. }) {
                return None;
            }
            match l.ty {
                Some(t) => {
                    map.push((m, Some(llvm.len() as u32)));
                    llvm.push(t);
                }
                None => map.push((m, None)),
            }
        }
        Some(Layout {
            ty: Some(self.ctx.struct_type(&llvm, false).into()),
            kind: LayoutKind::Union { members: map },
        })
    }

    /// A struct or tuple of `fields`: ghost when every field is, an array when a tuple
    /// is homogeneous, else a literal struct of the non-ghost fields.
    fn aggregate(
        &mut self,
        store: &TypeStore,
        fields: &[TypeId],
        depth: usize,
        tuple: bool,
    ) -> Result<Layout<'ctx>, String> {
        let mut llvm = Vec::new();
        let mut map = Vec::with_capacity(fields.len());
        for &f in fields {
            let l = self.layout_at(store, f, depth + 1)?;
            match l.ty {
                Some(t) => {
                    map.push((f, Some(llvm.len() as u32)));
                    llvm.push(t);
                }
                None => map.push((f, None)),
            }
        }
        if llvm.is_empty() {
            return Ok(Layout {
                ty: None,
                kind: LayoutKind::Ghost,
            });
        }
        if tuple && llvm.len() == fields.len() && fields.iter().all(|&f| f == fields[0]) {
            return Ok(Layout {
                ty: Some(llvm[0].array_type(fields.len() as u32).into()),
                kind: LayoutKind::Array {
                    elem: fields[0],
                    n: fields.len() as u32,
                },
            });
        }
        Ok(Layout {
            ty: Some(self.ctx.struct_type(&llvm, false).into()),
            kind: LayoutKind::Struct { fields: map },
        })
    }
}
