# Integer ranges `a:b` and `a:s:b`, and the iteration protocol `for` loops use.
#
# `for i in r … end` is lowered to Julia 0.6's protocol:
#     st = start(r); while !done(r, st); (i, st) = next(r, st); … end
# so anything with `start`, `done` and `next` methods can be iterated.
#
# Julia normalizes the stop of a range in its inner constructor; structs here only have
# the default constructors, so `:` normalizes before constructing: `last(r)` is always
# the last element (or start - step for an empty range).

abstract type AbstractRange{T} <: AbstractArray{T,1} end

struct UnitRange{T<:Integer} <: AbstractRange{T}
    start::T
    stop::T
end

struct StepRange{T,S} <: AbstractRange{T}
    start::T
    step::S
    stop::T
end

## Construction

(:)(a::T, b::T) where {T<:Integer} = UnitRange(a, b >= a ? b : a - one(T))
function (:)(a::Integer, b::Integer)
    x, y = promote(a, b)
    x:y
end

(:)(a::T, s::T, b::T) where {T<:Integer} = StepRange(a, s, steprange_last(a, s, b))
function (:)(a::Integer, s::Integer, b::Integer)
    x, y, z = promote(a, s, b)
    x:y:z
end

# The last element of a:s:b (a - s when empty); a zero step is an ArgumentError.
function steprange_last(a::T, s::T, b::T) where {T<:Integer}
    if s == zero(T)
        throw(ArgumentError())
    end
    if b == a
        return b
    elseif (s > zero(T)) != (b > a)
        return a - s
    end
    b - rem(b - a, s)
end

## Queries

first(r::UnitRange{T}) where {T} = r.start
last(r::UnitRange{T}) where {T} = r.stop
step(r::UnitRange{T}) where {T} = one(T)
isempty(r::UnitRange{T}) where {T} = r.stop < r.start
length(r::UnitRange{T}) where {T} = convert(Int64, r.stop - r.start) + 1

first(r::StepRange{T,S}) where {T, S} = r.start
last(r::StepRange{T,S}) where {T, S} = r.stop
step(r::StepRange{T,S}) where {T, S} = r.step
isempty(r::StepRange{T,S}) where {T, S} = (r.start != r.stop) & ((r.step > zero(S)) != (r.stop > r.start))
length(r::StepRange{T,S}) where {T, S} = isempty(r) ? 0 : convert(Int64, div(r.stop - r.start, r.step)) + 1

@inline function getindex(r::UnitRange{T}, i::Integer) where {T}
    k = convert(Int64, i)
    @boundscheck if (k < 1) | (k > length(r))
        throw(BoundsError())
    end
    r.start + convert(T, k - 1)
end
@inline function getindex(r::StepRange{T,S}, i::Integer) where {T, S}
    k = convert(Int64, i)
    @boundscheck if (k < 1) | (k > length(r))
        throw(BoundsError())
    end
    convert(T, r.start + (k - 1) * r.step)
end

## Iteration (Julia 0.6's start/done/next)

# The state is the next value. Stopping at stop + 1 (rather than testing > stop) stays
# right when stop is typemax(T): both sides wrap around together.
start(r::UnitRange{T}) where {T} = r.start
done(r::UnitRange{T}, i::T) where {T} = i == r.stop + one(T)
next(r::UnitRange{T}, i::T) where {T} = (i, i + one(T))

start(r::StepRange{T,S}) where {T, S} = r.start + zero(r.step)
done(r::StepRange{T,S}, i) where {T, S} =
    isempty(r) | ((r.step > zero(S)) & (i > r.stop)) | ((r.step < zero(S)) & (i < r.stop))
next(r::StepRange{T,S}, i) where {T, S} = (convert(T, i), i + r.step)
