# Math functions. On the host they go through LLVM intrinsics (`llvm.sin.f32`…), which
# LLVM lowers to libm; back-ends may overlay them (examples/ptx_math.jl uses libdevice).
# Float16 computes in Float32, integers in Float64 (`float(x)`), as in Julia.

## abs, sign, min, max, clamp

abs(x::Union{Int8,Int16,Int32,Int64,Int128}) = Core.Intrinsics.flipsign_int(x, x)
abs(x::Union{Bool,UInt8,UInt16,UInt32,UInt64,UInt128}) = x
abs(x::Union{Float16,Float32,Float64}) = Core.Intrinsics.abs_float(x)

# -1, 0 or 1 in the type of `x`; NaN stays NaN and ±0.0 stays itself.
sign(x::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128,Float16,Float32,Float64}} =
    x > zero(T) ? one(T) : (x < zero(T) ? -one(T) : x)
sign(x::T) where {T<:Union{Bool,UInt8,UInt16,UInt32,UInt64,UInt128}} = x == zero(T) ? zero(T) : one(T)

min(x::T, y::T) where {T<:Union{Bool,Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = y < x ? y : x
max(x::T, y::T) where {T<:Union{Bool,Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = y < x ? x : y
# NaN wins, as in Julia. Deviation: min(0.0, -0.0) is 0.0 here (Julia: -0.0).
min(x::T, y::T) where {T<:Union{Float16,Float32,Float64}} = x != x ? x : (y != y ? y : (y < x ? y : x))
max(x::T, y::T) where {T<:Union{Float16,Float32,Float64}} = x != x ? x : (y != y ? y : (y > x ? y : x))
function min(a::Real, b::Real)
    x, y = promote(a, b)
    min(x, y)
end
function max(a::Real, b::Real)
    x, y = promote(a, b)
    max(x, y)
end
min(a::Real, b::Real, c::Real) = min(min(a, b), c)
max(a::Real, b::Real, c::Real) = max(max(a, b), c)

# `x` limited to [lo, hi], in the promoted type of the three.
function clamp(x::Real, lo::Real, hi::Real)
    v, l, h = promote(x, lo, hi)
    v > h ? h : (v < l ? l : v)
end

## fma, muladd

fma(x::T, y::T, z::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.fma_float(x, y, z)
function fma(x::Real, y::Real, z::Real)
    a, b, c = promote(float(x), float(y), float(z))
    fma(a, b, c)
end
# x * y + z, fused where the target finds it faster.
muladd(x::T, y::T, z::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.muladd_float(x, y, z)
muladd(x::Number, y::Number, z::Number) = x * y + z

## Rounding to integral values (same float type); integers are already integral.

floor(x::Union{Float16,Float32,Float64}) = Core.Intrinsics.floor_llvm(x)
ceil(x::Union{Float16,Float32,Float64}) = Core.Intrinsics.ceil_llvm(x)
trunc(x::Union{Float16,Float32,Float64}) = Core.Intrinsics.trunc_llvm(x)
# Round to nearest, ties to even (Julia's RoundNearest).
round(x::Union{Float16,Float32,Float64}) = Core.Intrinsics.rint_llvm(x)
floor(x::Integer) = x
ceil(x::Integer) = x
trunc(x::Integer) = x
round(x::Integer) = x

# Rounding to an integer type: InexactError when the result does not fit.
floor(::Type{T}, x::Real) where {T<:Integer} = convert(T, floor(x))
ceil(::Type{T}, x::Real) where {T<:Integer} = convert(T, ceil(x))
trunc(::Type{T}, x::Real) where {T<:Integer} = convert(T, trunc(x))
round(::Type{T}, x::Real) where {T<:Integer} = convert(T, round(x))

## sqrt, sin, cos, exp, log

function sqrt(x::T) where {T<:Union{Float32,Float64}}
    if x < zero(T)
        throw(DomainError())
    end
    Core.Intrinsics.sqrt_llvm(x)
end

sin(x::Float32) = ccall("llvm.sin.f32", llvmcall, Float32, (Float32,), x)
sin(x::Float64) = ccall("llvm.sin.f64", llvmcall, Float64, (Float64,), x)
cos(x::Float32) = ccall("llvm.cos.f32", llvmcall, Float32, (Float32,), x)
cos(x::Float64) = ccall("llvm.cos.f64", llvmcall, Float64, (Float64,), x)
exp(x::Float32) = ccall("llvm.exp.f32", llvmcall, Float32, (Float32,), x)
exp(x::Float64) = ccall("llvm.exp.f64", llvmcall, Float64, (Float64,), x)

function log(x::T) where {T<:Union{Float32,Float64}}
    if x < zero(T)
        throw(DomainError())
    end
    log_nonneg(x)
end
log_nonneg(x::Float32) = ccall("llvm.log.f32", llvmcall, Float32, (Float32,), x)
log_nonneg(x::Float64) = ccall("llvm.log.f64", llvmcall, Float64, (Float64,), x)

# Float16 through Float32; integers (any Real) through float(x).
sqrt(x::Float16) = convert(Float16, sqrt(convert(Float32, x)))
sin(x::Float16) = convert(Float16, sin(convert(Float32, x)))
cos(x::Float16) = convert(Float16, cos(convert(Float32, x)))
exp(x::Float16) = convert(Float16, exp(convert(Float32, x)))
log(x::Float16) = convert(Float16, log(convert(Float32, x)))
sqrt(x::Real) = sqrt(float(x))
sin(x::Real) = sin(float(x))
cos(x::Real) = cos(float(x))
exp(x::Real) = exp(float(x))
log(x::Real) = log(float(x))

## Powers

^(x::Float32, y::Float32) = ccall("llvm.pow.f32", llvmcall, Float32, (Float32, Float32), x, y)
^(x::Float64, y::Float64) = ccall("llvm.pow.f64", llvmcall, Float64, (Float64, Float64), x, y)
^(x::Float16, y::Float16) = convert(Float16, convert(Float32, x) ^ convert(Float32, y))

# A float to an integer power keeps the float type, by repeated squaring.
function ^(x::T, n::Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}) where {T<:Union{Float16,Float32,Float64}}
    if n < zero(n)
        return one(T) / power_by_squaring(x, -n)
    end
    power_by_squaring(x, n)
end

# Anything else promotes: 2^0.5 and 2f0^0.5 are Float64, 2^1f0 is Float32.
function ^(a::Real, b::Real)
    x, y = promote(a, b)
    x ^ y
end
