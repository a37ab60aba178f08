# Base for indices: integer division helpers, `in`, first and last indices, axes,
# N-dimensional (3-D, 4-D) indexing of device arrays, Cartesian and linear indices,
# sorted search, and the float constants (`eps`, `floatmax`, `floatmin`).
#
# Julia's definitions (base/int.jl, base/div.jl, base/multidimensional.jl,
# base/sort.jl) written without varargs: each arity up to 4 dimensions has its own
# method. Iteration uses the `start`/`done`/`next` protocol (ranges.jl) and follows
# Julia's order: the first index varies fastest (column-major).

## Iterating tuples (of one element type): `for x in (a, b, c)`

start(t::NTuple{N,T}) where {N, T} = 1
done(t::NTuple{N,T}, i::Int64) where {N, T} = i > N
next(t::NTuple{N,T}, i::Int64) where {N, T} = (getfield(t, i), i + 1)

# The length of any tuple (arrays.jl has the one of `NTuple{N,T}`).
length(t::Tuple{Vararg{Any,N}}) where {N} = N

## Integer division

function fld(a::T, b::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128}}
    d = div(a, b)
    (((a < zero(T)) != (b < zero(T))) & (d * b != a)) ? d - one(T) : d
end
fld(a::T, b::T) where {T<:Union{Bool,UInt8,UInt16,UInt32,UInt64,UInt128}} = div(a, b)
function cld(a::T, b::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128}}
    d = div(a, b)
    (((a > zero(T)) == (b > zero(T))) & (d * b != a)) ? d + one(T) : d
end
function cld(a::T, b::T) where {T<:Union{UInt8,UInt16,UInt32,UInt64,UInt128}}
    d = div(a, b)
    d * b != a ? d + one(T) : d
end
function fld(a::Integer, b::Integer)
    x, y = promote(a, b)
    fld(x, y)
end
function cld(a::Integer, b::Integer)
    x, y = promote(a, b)
    cld(x, y)
end

function mod1(x::T, y::T) where {T<:Integer}
    m = mod(x, y)
    m == zero(T) ? y : m
end
function fld1(x::T, y::T) where {T<:Integer}
    m = mod1(x, y)
    fld(x + y - m, y)
end
function mod1(a::Integer, b::Integer)
    x, y = promote(a, b)
    mod1(x, y)
end
function fld1(a::Integer, b::Integer)
    x, y = promote(a, b)
    fld1(x, y)
end
fldmod1(x::Integer, y::Integer) = (fld1(x, y), mod1(x, y))
divrem(x::Integer, y::Integer) = (div(x, y), rem(x, y))
fldmod(x::Integer, y::Integer) = (fld(x, y), mod(x, y))

## Membership and type tests

in(x::Integer, r::UnitRange{T}) where {T} = (r.start <= x) & (x <= r.stop)
function in(x::Integer, r::StepRange{T,S}) where {T, S}
    if isempty(r)
        return false
    end
    lo = r.step > zero(S) ? r.start : r.stop
    hi = r.step > zero(S) ? r.stop : r.start
    (lo <= x) & (x <= hi) & (rem(x - r.start, r.step) == 0)
end
∉(x, r) = !in(x, r)

isa(x::S, ::Type{T}) where {T, S<:T} = true
isa(x, ::Type) = false

## First and last indices, axes

firstindex(a::DeviceArray{T,N}) where {T, N} = 1
lastindex(a::DeviceArray{T,N}) where {T, N} = length(a)
firstindex(a::DeviceArray{T,N}, d::Integer) where {T, N} = 1
lastindex(a::DeviceArray{T,N}, d::Integer) where {T, N} = size(a, d)
firstindex(r::Union{UnitRange,StepRange}) = 1
lastindex(r::Union{UnitRange,StepRange}) = length(r)
firstindex(t::Tuple) = 1
lastindex(t::NTuple{N,T}) where {N, T} = N
eachindex(a::DeviceArray{T,N}) where {T, N} = 1:length(a)
axes(a::DeviceArray{T,N}, d::Integer) where {T, N} = 1:size(a, d)
axes(a::DeviceArray{T,1}) where {T} = (1:a.dims[1],)
axes(a::DeviceArray{T,2}) where {T} = (1:a.dims[1], 1:a.dims[2])
axes(a::DeviceArray{T,3}) where {T} = (1:a.dims[1], 1:a.dims[2], 1:a.dims[3])
axes(a::DeviceArray{T,4}) where {T} = (1:a.dims[1], 1:a.dims[2], 1:a.dims[3], 1:a.dims[4])
eltype(r::UnitRange{T}) where {T} = T

## 3-D and 4-D indexing (column-major)

@inline function checkbounds(a::DeviceArray{T,3}, i::Int64, j::Int64, k::Int64) where {T}
    if (i < 1) | (i > a.dims[1]) | (j < 1) | (j > a.dims[2]) | (k < 1) | (k > a.dims[3])
        throw(BoundsError())
    end
    nothing
end
@inline function checkbounds(a::DeviceArray{T,4}, i::Int64, j::Int64, k::Int64, l::Int64) where {T}
    if (i < 1) | (i > a.dims[1]) | (j < 1) | (j > a.dims[2]) | (k < 1) | (k > a.dims[3]) | (l < 1) | (l > a.dims[4])
        throw(BoundsError())
    end
    nothing
end
@inline function getindex(a::DeviceArray{T,3}, i::Integer, j::Integer, k::Integer) where {T}
    x = convert(Int64, i)
    y = convert(Int64, j)
    z = convert(Int64, k)
    @boundscheck checkbounds(a, x, y, z)
    Core.Intrinsics.pointerref(a.ptr, x + a.dims[1] * ((y - 1) + a.dims[2] * (z - 1)), 0)
end
@inline function setindex!(a::DeviceArray{T,3}, v, i::Integer, j::Integer, k::Integer) where {T}
    x = convert(Int64, i)
    y = convert(Int64, j)
    z = convert(Int64, k)
    @boundscheck checkbounds(a, x, y, z)
    Core.Intrinsics.pointerset(a.ptr, convert(T, v), x + a.dims[1] * ((y - 1) + a.dims[2] * (z - 1)), 0)
    a
end
@inline function getindex(a::DeviceArray{T,4}, i::Integer, j::Integer, k::Integer, l::Integer) where {T}
    x = convert(Int64, i)
    y = convert(Int64, j)
    z = convert(Int64, k)
    w = convert(Int64, l)
    @boundscheck checkbounds(a, x, y, z, w)
    Core.Intrinsics.pointerref(a.ptr, x + a.dims[1] * ((y - 1) + a.dims[2] * ((z - 1) + a.dims[3] * (w - 1))), 0)
end
@inline function setindex!(a::DeviceArray{T,4}, v, i::Integer, j::Integer, k::Integer, l::Integer) where {T}
    x = convert(Int64, i)
    y = convert(Int64, j)
    z = convert(Int64, k)
    w = convert(Int64, l)
    @boundscheck checkbounds(a, x, y, z, w)
    Core.Intrinsics.pointerset(a.ptr, convert(T, v), x + a.dims[1] * ((y - 1) + a.dims[2] * ((z - 1) + a.dims[3] * (w - 1))), 0)
    a
end

## Cartesian indices

struct CartesianIndex{N}
    I::NTuple{N,Int64}
end
CartesianIndex(i::Integer) = CartesianIndex((convert(Int64, i),))
CartesianIndex(i::Integer, j::Integer) = CartesianIndex((convert(Int64, i), convert(Int64, j)))
CartesianIndex(i::Integer, j::Integer, k::Integer) =
    CartesianIndex((convert(Int64, i), convert(Int64, j), convert(Int64, k)))
getindex(c::CartesianIndex{N}, d::Integer) where {N} = c.I[d]
length(c::CartesianIndex{N}) where {N} = N
Tuple(c::CartesianIndex{N}) where {N} = c.I
==(a::CartesianIndex{N}, b::CartesianIndex{N}) where {N} = a.I == b.I
==(a::Tuple{}, b::Tuple{}) = true
==(a::NTuple{1,T}, b::NTuple{1,T}) where {T} = a[1] == b[1]
==(a::NTuple{2,T}, b::NTuple{2,T}) where {T} = (a[1] == b[1]) & (a[2] == b[2])
==(a::NTuple{3,T}, b::NTuple{3,T}) where {T} = (a[1] == b[1]) & (a[2] == b[2]) & (a[3] == b[3])

@inline getindex(a::DeviceArray{T,1}, c::CartesianIndex{1}) where {T} = a[c.I[1]]
@inline getindex(a::DeviceArray{T,2}, c::CartesianIndex{2}) where {T} = a[c.I[1], c.I[2]]
@inline getindex(a::DeviceArray{T,3}, c::CartesianIndex{3}) where {T} = a[c.I[1], c.I[2], c.I[3]]
@inline setindex!(a::DeviceArray{T,1}, v, c::CartesianIndex{1}) where {T} = setindex!(a, v, c.I[1])
@inline setindex!(a::DeviceArray{T,2}, v, c::CartesianIndex{2}) where {T} = setindex!(a, v, c.I[1], c.I[2])
@inline setindex!(a::DeviceArray{T,3}, v, c::CartesianIndex{3}) where {T} = setindex!(a, v, c.I[1], c.I[2], c.I[3])

# The indices of an array of size `dims`, first index fastest.
struct CartesianIndices{N}
    dims::NTuple{N,Int64}
end
CartesianIndices(a::DeviceArray{T,N}) where {T, N} = CartesianIndices(a.dims)
size(c::CartesianIndices{N}) where {N} = c.dims
length(c::CartesianIndices{1}) = c.dims[1]
length(c::CartesianIndices{2}) = c.dims[1] * c.dims[2]
length(c::CartesianIndices{3}) = c.dims[1] * c.dims[2] * c.dims[3]
getindex(c::CartesianIndices{1}, k::Int64) = CartesianIndex(k)
function getindex(c::CartesianIndices{2}, k::Int64)
    q = k - 1
    CartesianIndex(rem(q, c.dims[1]) + 1, div(q, c.dims[1]) + 1)
end
function getindex(c::CartesianIndices{3}, k::Int64)
    q = k - 1
    r = div(q, c.dims[1])
    CartesianIndex(rem(q, c.dims[1]) + 1, rem(r, c.dims[2]) + 1, div(r, c.dims[2]) + 1)
end
getindex(c::CartesianIndices{2}, i::Integer, j::Integer) = CartesianIndex(i, j)
getindex(c::CartesianIndices{3}, i::Integer, j::Integer, k::Integer) = CartesianIndex(i, j, k)
start(c::CartesianIndices{N}) where {N} = 1
done(c::CartesianIndices{N}, k::Int64) where {N} = k > length(c)
next(c::CartesianIndices{N}, k::Int64) where {N} = (c[k], k + 1)

# Linear indices of an array of size `dims`: `LinearIndices(a)[i, j]` is the linear
# index of `a[i, j]`; iterating gives 1, 2, …, length.
struct LinearIndices{N}
    dims::NTuple{N,Int64}
end
LinearIndices(a::DeviceArray{T,N}) where {T, N} = LinearIndices(a.dims)
length(l::LinearIndices{1}) = l.dims[1]
length(l::LinearIndices{2}) = l.dims[1] * l.dims[2]
length(l::LinearIndices{3}) = l.dims[1] * l.dims[2] * l.dims[3]
getindex(l::LinearIndices{N}, k::Integer) where {N} = convert(Int64, k)
getindex(l::LinearIndices{2}, i::Integer, j::Integer) = convert(Int64, i) + l.dims[1] * (convert(Int64, j) - 1)
getindex(l::LinearIndices{3}, i::Integer, j::Integer, k::Integer) =
    convert(Int64, i) + l.dims[1] * ((convert(Int64, j) - 1) + l.dims[2] * (convert(Int64, k) - 1))
getindex(l::LinearIndices{N}, c::CartesianIndex{2}) where {N} = l[c.I[1], c.I[2]]
getindex(l::LinearIndices{N}, c::CartesianIndex{3}) where {N} = l[c.I[1], c.I[2], c.I[3]]
start(l::LinearIndices{N}) where {N} = 1
done(l::LinearIndices{N}, k::Int64) where {N} = k > length(l)
next(l::LinearIndices{N}, k::Int64) where {N} = (k, k + 1)

## Sorted search (a vector sorted ascending)

# The first index whose element is not less than `x` (length + 1 when none).
function searchsortedfirst(v::DeviceArray{T,1}, x) where {T}
    lo = 0
    hi = length(v) + 1
    while lo < hi - 1
        m = (lo + hi) >>> 1
        if @inbounds(v[m]) < x
            lo = m
        else
            hi = m
        end
    end
    hi
end
# The last index whose element is not greater than `x` (0 when none).
function searchsortedlast(v::DeviceArray{T,1}, x) where {T}
    lo = 0
    hi = length(v) + 1
    while lo < hi - 1
        m = (lo + hi) >>> 1
        if x < @inbounds(v[m])
            hi = m
        else
            lo = m
        end
    end
    lo
end

## Float constants

eps(::Type{Float32}) = Core.Intrinsics.bitcast(Float32, 0x34000000)
eps(::Type{Float64}) = Core.Intrinsics.bitcast(Float64, 0x3cb0000000000000)
floatmax(::Type{Float32}) = Core.Intrinsics.bitcast(Float32, 0x7f7fffff)
floatmax(::Type{Float64}) = Core.Intrinsics.bitcast(Float64, 0x7fefffffffffffff)
floatmin(::Type{Float32}) = Core.Intrinsics.bitcast(Float32, 0x00800000)
floatmin(::Type{Float64}) = Core.Intrinsics.bitcast(Float64, 0x0010000000000000)
floatmax(x::T) where {T<:Union{Float32,Float64}} = floatmax(T)
floatmin(x::T) where {T<:Union{Float32,Float64}} = floatmin(T)

## CUDA.jl's typed literals: `1i32` is `1 * i32`, an `Int32` (juxtaposition multiplies).

struct Literal{T} end
*(x::Number, ::Type{Literal{T}}) where {T} = convert(T, x)
const i8 = Literal{Int8}
const i16 = Literal{Int16}
const i32 = Literal{Int32}
const i64 = Literal{Int64}
const u8 = Literal{UInt8}
const u16 = Literal{UInt16}
const u32 = Literal{UInt32}
const u64 = Literal{UInt64}

## Keyword arguments (see `Parser::push_keyword_method`): a call `f(x; a = 1)` passes
## `(kwarg(KwName{:a}(), 1),)` to `#kw#f`, which reads each keyword with `kwget`: the
## value of the element named `S`, picked by dispatch (type-stable), or the default.

struct KwName{S} end
struct Kw{S,T}
    value::T
end
struct KwMissing end
kwarg(::KwName{S}, v::T) where {S, T} = Kw{S,T}(v)
kwpick(k::Kw{S,T}, ::KwName{S}, other) where {S, T} = k.value
kwpick(k::Kw, ::KwName, other) = other
kwget(t::Tuple{}, v::KwName, d) = d
kwget(t::Tuple{A}, v::KwName, d) where {A} = kwpick(t[1], v, d)
kwget(t::Tuple{A,B}, v::KwName, d) where {A, B} = kwpick(t[1], v, kwpick(t[2], v, d))
kwget(t::Tuple{A,B,C}, v::KwName, d) where {A, B, C} = kwpick(t[1], v, kwpick(t[2], v, kwpick(t[3], v, d)))
kwget(t::Tuple{A,B,C,D}, v::KwName, d) where {A, B, C, D} =
    kwpick(t[1], v, kwpick(t[2], v, kwpick(t[3], v, kwpick(t[4], v, d))))
kwget(t::Tuple{A,B,C,D,E}, v::KwName, d) where {A, B, C, D, E} =
    kwpick(t[1], v, kwpick(t[2], v, kwpick(t[3], v, kwpick(t[4], v, kwpick(t[5], v, d)))))
# A required keyword that was not passed (Julia's `UndefKeywordError`).
kwrequired(x) = x
kwrequired(x::KwMissing) = throw(ArgumentError())

## `@fastmath` (Julia's Base.FastMath): float operations with LLVM's fast-math flags;
## other numbers compute as usual.

add_fast(x::T, y::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.add_float_fast(x, y)
sub_fast(x::T, y::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.sub_float_fast(x, y)
mul_fast(x::T, y::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.mul_float_fast(x, y)
div_fast(x::T, y::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.div_float_fast(x, y)
add_fast(x::T, y::T) where {T<:Number} = x + y
sub_fast(x::T, y::T) where {T<:Number} = x - y
mul_fast(x::T, y::T) where {T<:Number} = x * y
div_fast(x::T, y::T) where {T<:Number} = x / y
function add_fast(a::Number, b::Number)
    x, y = promote(a, b)
    add_fast(x, y)
end
function sub_fast(a::Number, b::Number)
    x, y = promote(a, b)
    sub_fast(x, y)
end
function mul_fast(a::Number, b::Number)
    x, y = promote(a, b)
    mul_fast(x, y)
end
function div_fast(a::Number, b::Number)
    x, y = promote(a, b)
    div_fast(x, y)
end
