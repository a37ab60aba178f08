# Functions as values: Base's function objects and higher-order functions over tuples.
#
# A generic function is a value of its singleton type `typeof(f)`, so `map(f, t)` or
# `foldl(op, t)` is specialized on `f` and every call through it is static. `Fix1` and
# `Fix2` are callable structs (Julia's `Base.Fix1`/`Base.Fix2`), as closures are.
#
# Deviations (no splatting or `Vararg` recursion here yet): `map`, `foldl`, `reduce` and
# `ntuple` are written out for tuples of up to 8 elements; `reduce` folds from the left
# (Julia leaves the association of `reduce` unspecified).

identity(x) = x

# Julia's `ifelse` is a builtin that evaluates both arguments; here they are evaluated
# at the call like any arguments, which is the same thing.
ifelse(c::Bool, x, y) = c ? x : y

# The total order of `sort`: numbers by `<`, with floats ordered -0.0 < 0.0 and every
# NaN after everything else (Julia's `isless`).
isless(x::Real, y::Real) = x < y
function isless(x::T, y::T) where {T<:Union{Float16,Float32,Float64}}
    if isnan(x)
        return false
    end
    if isnan(y)
        return true
    end
    return x < y || (x == y && signbit(x) && !signbit(y))
end
function isless(a::AbstractFloat, b::AbstractFloat)
    x, y = promote(a, b)
    isless(x, y)
end
function isless(a::Real, b::AbstractFloat)
    x, y = promote(a, b)
    isless(x, y)
end
function isless(a::AbstractFloat, b::Real)
    x, y = promote(a, b)
    isless(x, y)
end

struct Fix1{F,T} <: Function
    f::F
    x::T
end
(f::Fix1)(y) = f.f(f.x, y)

struct Fix2{F,T} <: Function
    f::F
    x::T
end
(f::Fix2)(y) = f.f(y, f.x)

ntuple(f, ::Val{0}) = ()
ntuple(f, ::Val{1}) = (f(1),)
ntuple(f, ::Val{2}) = (f(1), f(2))
ntuple(f, ::Val{3}) = (f(1), f(2), f(3))
ntuple(f, ::Val{4}) = (f(1), f(2), f(3), f(4))
ntuple(f, ::Val{5}) = (f(1), f(2), f(3), f(4), f(5))
ntuple(f, ::Val{6}) = (f(1), f(2), f(3), f(4), f(5), f(6))
ntuple(f, ::Val{7}) = (f(1), f(2), f(3), f(4), f(5), f(6), f(7))
ntuple(f, ::Val{8}) = (f(1), f(2), f(3), f(4), f(5), f(6), f(7), f(8))

map(f, t::Tuple{}) = ()
map(f, t::Tuple{Any}) = (f(t[1]),)
map(f, t::Tuple{Any,Any}) = (f(t[1]), f(t[2]))
map(f, t::Tuple{Any,Any,Any}) = (f(t[1]), f(t[2]), f(t[3]))
map(f, t::Tuple{Any,Any,Any,Any}) = (f(t[1]), f(t[2]), f(t[3]), f(t[4]))
map(f, t::Tuple{Any,Any,Any,Any,Any}) = (f(t[1]), f(t[2]), f(t[3]), f(t[4]), f(t[5]))
map(f, t::Tuple{Any,Any,Any,Any,Any,Any}) = (f(t[1]), f(t[2]), f(t[3]), f(t[4]), f(t[5]), f(t[6]))
map(f, t::Tuple{Any,Any,Any,Any,Any,Any,Any}) = (f(t[1]), f(t[2]), f(t[3]), f(t[4]), f(t[5]), f(t[6]), f(t[7]))
map(f, t::Tuple{Any,Any,Any,Any,Any,Any,Any,Any}) = (f(t[1]), f(t[2]), f(t[3]), f(t[4]), f(t[5]), f(t[6]), f(t[7]), f(t[8]))
map(f, a::Tuple{Any}, b::Tuple{Any}) = (f(a[1], b[1]),)
map(f, a::Tuple{Any,Any}, b::Tuple{Any,Any}) = (f(a[1], b[1]), f(a[2], b[2]))
map(f, a::Tuple{Any,Any,Any}, b::Tuple{Any,Any,Any}) = (f(a[1], b[1]), f(a[2], b[2]), f(a[3], b[3]))
map(f, a::Tuple{Any,Any,Any,Any}, b::Tuple{Any,Any,Any,Any}) = (f(a[1], b[1]), f(a[2], b[2]), f(a[3], b[3]), f(a[4], b[4]))

foldl(op, t::Tuple{Any}) = t[1]
foldl(op, t::Tuple{Any,Any}) = op(t[1], t[2])
foldl(op, t::Tuple{Any,Any,Any}) = op(op(t[1], t[2]), t[3])
foldl(op, t::Tuple{Any,Any,Any,Any}) = op(op(op(t[1], t[2]), t[3]), t[4])
foldl(op, t::Tuple{Any,Any,Any,Any,Any}) = op(foldl(op, (t[1], t[2], t[3], t[4])), t[5])
foldl(op, t::Tuple{Any,Any,Any,Any,Any,Any}) = op(foldl(op, (t[1], t[2], t[3], t[4], t[5])), t[6])
foldl(op, t::Tuple{Any,Any,Any,Any,Any,Any,Any}) = op(foldl(op, (t[1], t[2], t[3], t[4], t[5], t[6])), t[7])
foldl(op, t::Tuple{Any,Any,Any,Any,Any,Any,Any,Any}) = op(foldl(op, (t[1], t[2], t[3], t[4], t[5], t[6], t[7])), t[8])
reduce(op, t::Tuple) = foldl(op, t)
