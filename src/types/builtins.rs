//! Julia's built-in types, declared with Julia's names and hierarchy.
//!
//! `Any`, `Tuple` and `Type` are made by hand first (their ids are fixed, see
//! `mod.rs`); the kinds `DataType`, `Union`, `UnionAll` and `TypeofBottom` are made by
//! hand because their supertype is `Type{T}` with `T` free, as in Julia's bootstrap;
//! everything else is ordinary declaration source run through `parse.rs`.

use super::{Common, NameKind, TypeKind, TypeStore, ANY_NAME, BOTTOM, TUPLE_NAME, TYPE_NAME};

/// The declarations of the numeric tower, arrays, strings and friends: the prelude's
/// `types.jl`, which the type store declares at startup (the loader skips that file).
pub const BUILTIN_DECLS: &str = include_str!("../prelude/types.jl");

/// Aliases: `name = type`, in Julia syntax.
pub const BUILTIN_ALIASES: &[(&str, &str)] = &[
    ("Int", "Int64"),
    ("UInt", "UInt64"),
    ("Cvoid", "Nothing"),
    ("Vector", "Array{T,1} where T"),
    ("Matrix", "Array{T,2} where T"),
    ("DenseVector", "DenseArray{T,1} where T"),
    ("DenseMatrix", "DenseArray{T,2} where T"),
    ("AbstractVector", "AbstractArray{T,1} where T"),
    ("AbstractMatrix", "AbstractArray{T,2} where T"),
    (
        "AbstractVecOrMat",
        "Union{AbstractVector{T}, AbstractMatrix{T}} where T",
    ),
    ("NTuple", "Tuple{Vararg{T,N}} where {N,T}"),
];

pub(super) fn install(store: &mut TypeStore) -> Common {
    let bottom = store.intern(TypeKind::Bottom);
    assert_eq!(bottom, BOTTOM);

    let any_name = store.add_name("Any", NameKind::Abstract, vec![], None);
    assert_eq!(any_name, ANY_NAME);
    let any = store.finish_name(any_name, None);

    let tuple_name = store.add_name(
        "Tuple",
        NameKind::Struct { mutable: false },
        vec![],
        Some(any),
    );
    assert_eq!(tuple_name, TUPLE_NAME);
    let vararg_any = store.vararg(any, None);
    let tuple_wrapper = store.intern(TypeKind::Data {
        name: tuple_name,
        params: Box::new([vararg_any]),
    });
    let tuple = store.finish_name(tuple_name, Some(tuple_wrapper));

    let t_var = store.new_var("T", bottom, any);
    let type_name = store.add_name("Type", NameKind::Abstract, vec![t_var], Some(any));
    assert_eq!(type_name, TYPE_NAME);
    let type_ = store.finish_name(type_name, None);

    // The kinds: `supertype(DataType) == Type{T}` with `T` free, as in Julia.
    let free_t = store.var_type(t_var);
    let type_t = store.type_of_type(free_t);
    let kind = |store: &TypeStore, name: &str, sup| {
        let n = store.add_name(name, NameKind::Struct { mutable: true }, vec![], Some(sup));
        store.finish_name(n, None)
    };
    let datatype = kind(store, "DataType", type_t);
    let union_kind = kind(store, "Union", type_t);
    let unionall_kind = kind(store, "UnionAll", type_t);
    let type_bottom = store.type_of_type(bottom);
    let typeofbottom = kind(store, "TypeofBottom", type_bottom);

    store
        .declare(BUILTIN_DECLS)
        .expect("built-in declarations parse");
    for (name, src) in BUILTIN_ALIASES {
        let ty = store.parse(src).expect("built-in alias parses");
        store.define_alias(name, ty).expect("built-in alias is new");
    }

    let get = |s: &str| store.parse(s).expect("built-in type");
    Common {
        bottom,
        any,
        any_name,
        tuple_name,
        type_name,
        datatype,
        union_kind,
        unionall_kind,
        typeofbottom,
        nothing: get("Nothing"),
        bool_: get("Bool"),
        int64: get("Int64"),
        float64: get("Float64"),
        float32: get("Float32"),
        int32: get("Int32"),
        empty_tuple: store.tuple(&[]),
        tuple,
        type_,
        vararg_any,
    }
}
