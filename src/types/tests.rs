//! Unit tests for the type store itself: parsing, printing, normalization and
//! declarations. The lattice operations have their tests beside them
//! (`subtype.rs`, `intersect.rs`, `specificity.rs`).

use super::*;

/// Parses `src` and checks that it prints as `expect`.
fn check(src: &str, expect: &str) {
    let st = TypeStore::new();
    let t = st.parse(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    assert_eq!(st.show(t), expect, "printing {src}");
    let again = st
        .parse(&st.show(t))
        .unwrap_or_else(|e| panic!("reparse {expect}: {e}"));
    assert_eq!(st.show(again), expect, "round trip of {src}");
}

/// Parses `src` and checks that it fails with a message containing `needle`.
fn check_err(src: &str, needle: &str) {
    let st = TypeStore::new();
    match st.parse(src) {
        Ok(t) => panic!("{src} parsed as {}", st.show(t)),
        Err(e) => {
            assert!(e.message.contains(needle), "{src}: {e}");
            assert!(
                e.start <= src.len() && e.end <= src.len(),
                "{src}: span out of input"
            );
        }
    }
}

#[test]
fn prints_in_julia_syntax() {
    check("Int", "Int64");
    check("Tuple{Int,Float32}", "Tuple{Int64, Float32}");
    check("Vector{Int}", "Vector{Int64}");
    check("Array{Int,2}", "Matrix{Int64}");
    check("Array", "Array");
    check("Vector", "Vector{T} where T");
    check("Array{Int}", "Array{Int64, N} where N");
    check("Tuple", "Tuple");
    check("Tuple{}", "Tuple{}");
    check("Type", "Type");
    check("Union{}", "Union{}");
    check("Union{Int, String}", "Union{Int64, String}");
    check("Union{Int, Union{String, Int}}", "Union{Int64, String}");
    check("Union{Int}", "Int64");
    check("Val{3}", "Val{3}");
    check("Val{-3}", "Val{-3}");
    check("Val{:sym}", "Val{:sym}");
    check("Val{true}", "Val{true}");
    check("Tuple{Vararg{Int}}", "Tuple{Vararg{Int64}}");
    check("Tuple{Int, Vararg{Int,2}}", "Tuple{Int64, Int64, Int64}");
    check("NTuple{3,Int}", "Tuple{Int64, Int64, Int64}");
    check("NTuple{0}", "Tuple{}");
    check("NTuple{N,Int} where N", "Tuple{Vararg{Int64, N}} where N");
    check("Tuple{Union{}}", "Union{}");
    check("Tuple{Vararg{Union{}}}", "Tuple{}");
    check("T where T<:Integer", "Integer");
    check("Int where T", "Int64");
    check("Tuple{T,T} where T", "Tuple{T, T} where T");
    check("Tuple{T,S} where {T, S<:T}", "Tuple{T, S} where {T, S<:T}");
    check("Tuple{T} where T>:Int", "Tuple{T} where T>:Int64");
    check(
        "Vector{T} where Int<:T<:Real",
        "Vector{T} where Int64<:T<:Real",
    );
    check(
        "Ref{X} where X<:(Tuple{T,T} where T)",
        "Ref{X} where X<:(Tuple{T, T} where T)",
    );
    check(
        "Tuple{Vector{T} where T, T} where T",
        "Tuple{Vector{T} where T, T} where T",
    );
    check("Tuple{Ref{T} where T, T} where T", "Tuple{Ref, T} where T");
    check(
        "Tuple{Ref{S} where S<:Vector{T}, T} where T",
        "Tuple{Ref{S} where S<:Vector{T}, T} where T",
    );
    check("Type{Int}", "Type{Int64}");
    check("Ptr{Cvoid}", "Ptr{Nothing}");
    check("AbstractVector{Int}", "AbstractArray{Int64, 1}");
    check("Complex{Float64}", "Complex{Float64}");
}

#[test]
fn rejects_bad_types_with_spans() {
    check_err("Tuple{Int", "expected `,` or `}`");
    check_err("Foo", "undefined type or type variable `Foo`");
    check_err("Vector{T}", "undefined type or type variable `T`");
    check_err(
        "Tuple{Vararg{Int}, Int}",
        "Vararg is only allowed as the last",
    );
    check_err("Ref{Vararg{Int}}", "Vararg is only allowed");
    check_err("Vararg{Int}", "Vararg is only allowed");
    check_err("Tuple{1}", "Tuple parameters must be types");
    check_err("Int64{Int}", "takes no (more) parameters");
    check_err("Array{Int,1,2}", "too many parameters");
    check_err("Tuple{Int} where 3", "type variable name");
    check_err("Int $", "unexpected character");
    check_err("Tuple{Int}}", "after the type");
    check_err("Union{Int, 3}", "expected a type");
    check_err("Vararg{Int,-1}", "non-negative");
    check_err("Val{99999999999999999999}", "out of range");
    check_err(
        &format!("{}Int{}", "Ref{".repeat(300), "}".repeat(300)),
        "nested too deeply",
    );
}

#[test]
fn nominal_checks_are_o1_displays() {
    let st = TypeStore::new();
    let n = |s: &str| st.lookup_name(s).unwrap();
    assert!(st.is_subname(n("Int64"), n("Signed")));
    assert!(st.is_subname(n("Int64"), n("Number")));
    assert!(st.is_subname(n("Int64"), n("Any")));
    assert!(st.is_subname(n("Int64"), n("Int64")));
    assert!(!st.is_subname(n("Int64"), n("Unsigned")));
    assert!(!st.is_subname(n("Number"), n("Real")));
    assert!(st.is_subname(n("Array"), n("AbstractArray")));
    assert!(st.is_subname(n("Ptr"), n("Ref")));
    assert!(st.is_subname(n("DataType"), n("Type")));
}

#[test]
fn supertypes_are_instantiated() {
    let st = TypeStore::new();
    let t = st.parse("Vector{Int}").unwrap();
    let dense = st.supertype(t).unwrap();
    assert_eq!(st.show(dense), "DenseArray{Int64, 1}");
    let abs = st
        .super_at(t, st.lookup_name("AbstractArray").unwrap())
        .unwrap();
    assert_eq!(st.show(abs), "AbstractArray{Int64, 1}");
    assert!(st.is_concrete(t));
    assert!(!st.is_concrete(st.parse("AbstractVector{Int}").unwrap()));
    assert!(st.is_dispatch_tuple(st.parse("Tuple{Int, Vector{Float32}}").unwrap()));
    assert!(!st.is_dispatch_tuple(st.parse("Tuple{Int, Integer}").unwrap()));
}

#[test]
fn declarations_are_atomic() {
    let st = TypeStore::new();
    st.declare("abstract type Shape end\nstruct Circle <: Shape\n r::Float64\nend")
        .unwrap();
    let c = st.parse("Circle").unwrap();
    assert!(st.is_concrete(c));
    st.declare("struct Node{T}\n  v::T\n  next::Ptr{Node{T}}\nend")
        .unwrap();
    assert_eq!(st.show(st.parse("Node{Int}").unwrap()), "Node{Int64}");
    // The second declaration fails: neither name may become visible.
    let err = st
        .declare("abstract type A1 end\nstruct B1 <: Nope end")
        .unwrap_err();
    assert!(err.message.contains("Nope"), "{err}");
    assert!(st.binding("A1").is_none());
    assert!(st.binding("B1").is_none());
    let err = st.declare("abstract type Shape end").unwrap_err();
    assert!(err.message.contains("redefinition"), "{err}");
    let err = st.declare("struct Sq <: Circle end").unwrap_err();
    assert!(err.message.contains("can only subtype abstract"), "{err}");
    let err = st.declare("primitive type P 7 end").unwrap_err();
    assert!(err.message.contains("multiple of 8"), "{err}");
    let err = st.declare("struct Dup\n x::Int\n x::Int\nend").unwrap_err();
    assert!(err.message.contains("duplicate field"), "{err}");
    let err = st.declare("struct Unclosed\n x::Int\n").unwrap_err();
    assert!(
        err.message.contains("expected `end`") || err.message.contains("field name"),
        "{err}"
    );
}

/// `typeof(f)`: the singleton type of a generic function, printed as Julia prints it,
/// concrete, below `Function`, distinct per function, usable in any position.
#[test]
fn function_types_are_singletons() {
    check("typeof(sin)", "typeof(sin)");
    check("typeof( + )", "typeof(+)");
    check(
        "Tuple{typeof(f), typeof(<=), Int64}",
        "Tuple{typeof(f), typeof(<=), Int64}",
    );
    check("Val{typeof(max)}", "Val{typeof(max)}");
    check(
        "Union{typeof(sin), typeof(cos)}",
        "Union{typeof(sin), typeof(cos)}",
    );
    check(
        "Tuple{typeof(map), F} where F<:Function",
        "Tuple{typeof(map), F} where F<:Function",
    );
    check_err("typeof()", "is not a function type");
    check_err("typeof(Vector{Int})", "is not a function type");
    check_err("Tuple{typeof(sin", "unclosed `typeof(`");
    let st = TypeStore::new();
    let t = |s: &str| st.parse(s).unwrap();
    assert!(st.is_concrete(t("typeof(sin)")));
    assert_eq!(t("typeof(sin)"), st.function_type("sin"));
    assert_eq!(st.function_of(t("typeof(sin)")), Some("sin"));
    assert_eq!(st.function_of(t("Int64")), None);
    assert!(st.subtype(t("typeof(sin)"), t("Function")));
    assert!(!st.subtype(t("typeof(sin)"), t("typeof(cos)")));
    assert!(st.is_bottom(st.intersect(t("typeof(sin)"), t("typeof(cos)"))));
    assert!(st.morespecific(t("Tuple{typeof(sin)}"), t("Tuple{Function}")));
    // Method signatures: the callee first, under the argument tuple's `where`.
    let sig = st.with_callee(t("typeof(f)"), t("Tuple{Vector{T}, T} where T<:Real"));
    assert_eq!(st.show(sig), "Tuple{typeof(f), Vector{T}, T} where T<:Real");
    assert_eq!(
        st.show(st.drop_callee(sig)),
        "Tuple{Vector{T}, T} where T<:Real"
    );
    assert_eq!(st.sig_args(sig).len(), 2);
    assert_eq!(st.callee_of(sig), Some(t("typeof(f)")));
}
