# The type declarations of the dispatch core: the numeric tower, strings, arrays,
# pointers. The type store declares this file at startup (src/types/builtins.rs
# includes it); the loader skips it. Aliases (Int, UInt, Vector, NTuple, …) are in
# BUILTIN_ALIASES in src/types/builtins.rs.
abstract type Number end
abstract type Real <: Number end
abstract type AbstractFloat <: Real end
abstract type Integer <: Real end
abstract type Signed <: Integer end
abstract type Unsigned <: Integer end
primitive type Float16 <: AbstractFloat 16 end
primitive type Float32 <: AbstractFloat 32 end
primitive type Float64 <: AbstractFloat 64 end
primitive type Bool <: Integer 8 end
primitive type Int8 <: Signed 8 end
primitive type Int16 <: Signed 16 end
primitive type Int32 <: Signed 32 end
primitive type Int64 <: Signed 64 end
primitive type Int128 <: Signed 128 end
primitive type UInt8 <: Unsigned 8 end
primitive type UInt16 <: Unsigned 16 end
primitive type UInt32 <: Unsigned 32 end
primitive type UInt64 <: Unsigned 64 end
primitive type UInt128 <: Unsigned 128 end
abstract type AbstractChar end
primitive type Char <: AbstractChar 32 end
abstract type AbstractString end
struct String <: AbstractString end
struct Symbol end
struct Nothing end
abstract type Function end
struct Complex{T<:Real} <: Number
    re::T
    im::T
end
struct Rational{T<:Integer} <: Real
    num::T
    den::T
end
abstract type AbstractArray{T,N} end
abstract type DenseArray{T,N} <: AbstractArray{T,N} end
mutable struct Array{T,N} <: DenseArray{T,N} end
abstract type Ref{T} end
primitive type Ptr{T} <: Ref{T} 64 end
struct Val{x} end
