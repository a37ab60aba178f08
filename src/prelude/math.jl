# Math functions, for Float32 and Float64 on every target (see "The C math library's
# functions" below for how each target computes them).
# Float16 computes in Float32, integers in Float64 (`float(x)`), as in Julia.

## abs, sign, min, max, clamp

abs(x::Union{Int8,Int16,Int32,Int64,Int128}) = Core.Intrinsics.flipsign_int(x, x)
abs(x::Union{Bool,UInt8,UInt16,UInt32,UInt64,UInt128}) = x
abs(x::Union{Float16,Float32,Float64}) = Core.Intrinsics.abs_float(x)

# A real number as a complex one (Julia's `conj(x::Real) = x`, `real(x::Real) = x`,
# `imag(x::Real) = zero(x)`): GPUArrays' rotate!/reflect! kernels call `conj(s)` on reals.
conj(x::Real) = x
real(x::Real) = x
imag(x::Real) = zero(x)

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

## The C math library's functions

# Each float function computes through one extern per type, `strata_math_<name>_f32` or
# `_f64`, which the driver renames for the target before linking
# (`src/codegen/math.rs`): libm (`sinf`, `sin`) on the host and the native back end,
# libdevice (`__nv_sinf`, `__nv_sin`) on PTX, and ROCm's OCML (`__ocml_sin_f32`) on
# AMDGPU. So nothing here reaches an LLVM intrinsic that a GPU target would have to
# turn into a libcall it does not have. Arguments outside the domain throw DomainError
# as in Julia (`sin(Inf)`, `log(-1.0)`, `asin(2.0)`); NaN goes through.

function sqrt(x::T) where {T<:Union{Float32,Float64}}
    if x < zero(T)
        throw(DomainError())
    end
    Core.Intrinsics.sqrt_llvm(x)
end

libm_sin(x::Float32) = ccall("extern strata_math_sin_f32", llvmcall, Float32, (Float32,), x)
libm_sin(x::Float64) = ccall("extern strata_math_sin_f64", llvmcall, Float64, (Float64,), x)
function sin(x::T) where {T<:Union{Float32,Float64}}
    if isinf(x)
        throw(DomainError())
    end
    libm_sin(x)
end
libm_cos(x::Float32) = ccall("extern strata_math_cos_f32", llvmcall, Float32, (Float32,), x)
libm_cos(x::Float64) = ccall("extern strata_math_cos_f64", llvmcall, Float64, (Float64,), x)
function cos(x::T) where {T<:Union{Float32,Float64}}
    if isinf(x)
        throw(DomainError())
    end
    libm_cos(x)
end
libm_tan(x::Float32) = ccall("extern strata_math_tan_f32", llvmcall, Float32, (Float32,), x)
libm_tan(x::Float64) = ccall("extern strata_math_tan_f64", llvmcall, Float64, (Float64,), x)
function tan(x::T) where {T<:Union{Float32,Float64}}
    if isinf(x)
        throw(DomainError())
    end
    libm_tan(x)
end
libm_asin(x::Float32) = ccall("extern strata_math_asin_f32", llvmcall, Float32, (Float32,), x)
libm_asin(x::Float64) = ccall("extern strata_math_asin_f64", llvmcall, Float64, (Float64,), x)
function asin(x::T) where {T<:Union{Float32,Float64}}
    if abs(x) > one(T)
        throw(DomainError())
    end
    libm_asin(x)
end
libm_acos(x::Float32) = ccall("extern strata_math_acos_f32", llvmcall, Float32, (Float32,), x)
libm_acos(x::Float64) = ccall("extern strata_math_acos_f64", llvmcall, Float64, (Float64,), x)
function acos(x::T) where {T<:Union{Float32,Float64}}
    if abs(x) > one(T)
        throw(DomainError())
    end
    libm_acos(x)
end
atan(x::Float32) = ccall("extern strata_math_atan_f32", llvmcall, Float32, (Float32,), x)
atan(x::Float64) = ccall("extern strata_math_atan_f64", llvmcall, Float64, (Float64,), x)
sinh(x::Float32) = ccall("extern strata_math_sinh_f32", llvmcall, Float32, (Float32,), x)
sinh(x::Float64) = ccall("extern strata_math_sinh_f64", llvmcall, Float64, (Float64,), x)
cosh(x::Float32) = ccall("extern strata_math_cosh_f32", llvmcall, Float32, (Float32,), x)
cosh(x::Float64) = ccall("extern strata_math_cosh_f64", llvmcall, Float64, (Float64,), x)
tanh(x::Float32) = ccall("extern strata_math_tanh_f32", llvmcall, Float32, (Float32,), x)
tanh(x::Float64) = ccall("extern strata_math_tanh_f64", llvmcall, Float64, (Float64,), x)
asinh(x::Float32) = ccall("extern strata_math_asinh_f32", llvmcall, Float32, (Float32,), x)
asinh(x::Float64) = ccall("extern strata_math_asinh_f64", llvmcall, Float64, (Float64,), x)
libm_acosh(x::Float32) = ccall("extern strata_math_acosh_f32", llvmcall, Float32, (Float32,), x)
libm_acosh(x::Float64) = ccall("extern strata_math_acosh_f64", llvmcall, Float64, (Float64,), x)
function acosh(x::T) where {T<:Union{Float32,Float64}}
    if x < one(T)
        throw(DomainError())
    end
    libm_acosh(x)
end
libm_atanh(x::Float32) = ccall("extern strata_math_atanh_f32", llvmcall, Float32, (Float32,), x)
libm_atanh(x::Float64) = ccall("extern strata_math_atanh_f64", llvmcall, Float64, (Float64,), x)
function atanh(x::T) where {T<:Union{Float32,Float64}}
    if abs(x) > one(T)
        throw(DomainError())
    end
    libm_atanh(x)
end
exp(x::Float32) = ccall("extern strata_math_exp_f32", llvmcall, Float32, (Float32,), x)
exp(x::Float64) = ccall("extern strata_math_exp_f64", llvmcall, Float64, (Float64,), x)
exp2(x::Float32) = ccall("extern strata_math_exp2_f32", llvmcall, Float32, (Float32,), x)
exp2(x::Float64) = ccall("extern strata_math_exp2_f64", llvmcall, Float64, (Float64,), x)
exp10(x::Float32) = ccall("extern strata_math_exp10_f32", llvmcall, Float32, (Float32,), x)
exp10(x::Float64) = ccall("extern strata_math_exp10_f64", llvmcall, Float64, (Float64,), x)
expm1(x::Float32) = ccall("extern strata_math_expm1_f32", llvmcall, Float32, (Float32,), x)
expm1(x::Float64) = ccall("extern strata_math_expm1_f64", llvmcall, Float64, (Float64,), x)
libm_log(x::Float32) = ccall("extern strata_math_log_f32", llvmcall, Float32, (Float32,), x)
libm_log(x::Float64) = ccall("extern strata_math_log_f64", llvmcall, Float64, (Float64,), x)
function log(x::T) where {T<:Union{Float32,Float64}}
    if x < zero(T)
        throw(DomainError())
    end
    libm_log(x)
end
libm_log2(x::Float32) = ccall("extern strata_math_log2_f32", llvmcall, Float32, (Float32,), x)
libm_log2(x::Float64) = ccall("extern strata_math_log2_f64", llvmcall, Float64, (Float64,), x)
function log2(x::T) where {T<:Union{Float32,Float64}}
    if x < zero(T)
        throw(DomainError())
    end
    libm_log2(x)
end
libm_log10(x::Float32) = ccall("extern strata_math_log10_f32", llvmcall, Float32, (Float32,), x)
libm_log10(x::Float64) = ccall("extern strata_math_log10_f64", llvmcall, Float64, (Float64,), x)
function log10(x::T) where {T<:Union{Float32,Float64}}
    if x < zero(T)
        throw(DomainError())
    end
    libm_log10(x)
end
libm_log1p(x::Float32) = ccall("extern strata_math_log1p_f32", llvmcall, Float32, (Float32,), x)
libm_log1p(x::Float64) = ccall("extern strata_math_log1p_f64", llvmcall, Float64, (Float64,), x)
function log1p(x::T) where {T<:Union{Float32,Float64}}
    if x < -one(T)
        throw(DomainError())
    end
    libm_log1p(x)
end
cbrt(x::Float32) = ccall("extern strata_math_cbrt_f32", llvmcall, Float32, (Float32,), x)
cbrt(x::Float64) = ccall("extern strata_math_cbrt_f64", llvmcall, Float64, (Float64,), x)
erf(x::Float32) = ccall("extern strata_math_erf_f32", llvmcall, Float32, (Float32,), x)
erf(x::Float64) = ccall("extern strata_math_erf_f64", llvmcall, Float64, (Float64,), x)
erfc(x::Float32) = ccall("extern strata_math_erfc_f32", llvmcall, Float32, (Float32,), x)
erfc(x::Float64) = ccall("extern strata_math_erfc_f64", llvmcall, Float64, (Float64,), x)
libm_atan2(x::Float32, y::Float32) = ccall("extern strata_math_atan2_f32", llvmcall, Float32, (Float32, Float32), x, y)
libm_atan2(x::Float64, y::Float64) = ccall("extern strata_math_atan2_f64", llvmcall, Float64, (Float64, Float64), x, y)
libm_pow(x::Float32, y::Float32) = ccall("extern strata_math_pow_f32", llvmcall, Float32, (Float32, Float32), x, y)
libm_pow(x::Float64, y::Float64) = ccall("extern strata_math_pow_f64", llvmcall, Float64, (Float64, Float64), x, y)
libm_hypot(x::Float32, y::Float32) = ccall("extern strata_math_hypot_f32", llvmcall, Float32, (Float32, Float32), x, y)
libm_hypot(x::Float64, y::Float64) = ccall("extern strata_math_hypot_f64", llvmcall, Float64, (Float64, Float64), x, y)

# atan(y, x): the angle of the point (x, y), in (-π, π].
atan(y::T, x::T) where {T<:Union{Float32,Float64}} = libm_atan2(y, x)
hypot(x::T, y::T) where {T<:Union{Float32,Float64}} = libm_hypot(x, y)
function atan(y::Real, x::Real)
    a, b = promote(float(y), float(x))
    atan(a, b)
end
function hypot(x::Real, y::Real)
    a, b = promote(float(x), float(y))
    hypot(a, b)
end
sincos(x::Real) = (sin(x), cos(x))

sqrt(x::Float16) = convert(Float16, sqrt(convert(Float32, x)))
sin(x::Float16) = convert(Float16, sin(convert(Float32, x)))
cos(x::Float16) = convert(Float16, cos(convert(Float32, x)))
tan(x::Float16) = convert(Float16, tan(convert(Float32, x)))
asin(x::Float16) = convert(Float16, asin(convert(Float32, x)))
acos(x::Float16) = convert(Float16, acos(convert(Float32, x)))
atan(x::Float16) = convert(Float16, atan(convert(Float32, x)))
sinh(x::Float16) = convert(Float16, sinh(convert(Float32, x)))
cosh(x::Float16) = convert(Float16, cosh(convert(Float32, x)))
tanh(x::Float16) = convert(Float16, tanh(convert(Float32, x)))
asinh(x::Float16) = convert(Float16, asinh(convert(Float32, x)))
acosh(x::Float16) = convert(Float16, acosh(convert(Float32, x)))
atanh(x::Float16) = convert(Float16, atanh(convert(Float32, x)))
exp(x::Float16) = convert(Float16, exp(convert(Float32, x)))
exp2(x::Float16) = convert(Float16, exp2(convert(Float32, x)))
exp10(x::Float16) = convert(Float16, exp10(convert(Float32, x)))
expm1(x::Float16) = convert(Float16, expm1(convert(Float32, x)))
log(x::Float16) = convert(Float16, log(convert(Float32, x)))
log2(x::Float16) = convert(Float16, log2(convert(Float32, x)))
log10(x::Float16) = convert(Float16, log10(convert(Float32, x)))
log1p(x::Float16) = convert(Float16, log1p(convert(Float32, x)))
cbrt(x::Float16) = convert(Float16, cbrt(convert(Float32, x)))
erf(x::Float16) = convert(Float16, erf(convert(Float32, x)))
erfc(x::Float16) = convert(Float16, erfc(convert(Float32, x)))
sqrt(x::Real) = sqrt(float(x))
sin(x::Real) = sin(float(x))
cos(x::Real) = cos(float(x))
tan(x::Real) = tan(float(x))
asin(x::Real) = asin(float(x))
acos(x::Real) = acos(float(x))
atan(x::Real) = atan(float(x))
sinh(x::Real) = sinh(float(x))
cosh(x::Real) = cosh(float(x))
tanh(x::Real) = tanh(float(x))
asinh(x::Real) = asinh(float(x))
acosh(x::Real) = acosh(float(x))
atanh(x::Real) = atanh(float(x))
exp(x::Real) = exp(float(x))
exp2(x::Real) = exp2(float(x))
exp10(x::Real) = exp10(float(x))
expm1(x::Real) = expm1(float(x))
log(x::Real) = log(float(x))
log2(x::Real) = log2(float(x))
log10(x::Real) = log10(float(x))
log1p(x::Real) = log1p(float(x))
cbrt(x::Real) = cbrt(float(x))
erf(x::Real) = erf(float(x))
erfc(x::Real) = erfc(float(x))

# sinpi(x) = sin(πx) and cospi(x) = cos(πx), exact at integers and half-integers:
# the argument is reduced to r in [-1/4, 1/4] around the nearest half-integer n/2 and the
# quadrant picked from n mod 4; πr is computed in Float64. Infinite arguments throw
# DomainError, as in Julia. Deviation: Julia uses its own polynomial kernels, so the
# last bit can differ.
function sinpi(x::T) where {T<:Union{Float32,Float64}}
    if isinf(x)
        throw(DomainError())
    end
    ax = abs(x)
    n = round(ax + ax)
    r = ax - n / convert(T, 2)
    q = rem(n, convert(T, 4))
    s = quadrant(q, sin(pi_times(r)), cos(pi_times(r)))
    s == zero(T) ? copysign(zero(T), x) : (x < zero(T) ? -s : s)
end
function cospi(x::T) where {T<:Union{Float32,Float64}}
    if isinf(x)
        throw(DomainError())
    end
    ax = abs(x)
    n = round(ax + ax)
    r = ax - n / convert(T, 2)
    q = rem(n, convert(T, 4))
    c = quadrant(q, cos(pi_times(r)), -sin(pi_times(r)))
    c == zero(T) ? zero(T) : c
end
# s, c, -s or -c for the quadrant q = 0, 1, 2, 3 (sin(π(r + q/2)) from sin and cos of πr).
quadrant(q::T, s::T, c::T) where {T} = q == zero(T) ? s : (q == one(T) ? c : (q == convert(T, 2) ? -s : -c))
pi_times(r::Float64) = 3.141592653589793 * r
pi_times(r::Float32) = convert(Float32, 3.141592653589793 * convert(Float64, r))
sinpi(x::Float16) = convert(Float16, sinpi(convert(Float32, x)))
cospi(x::Float16) = convert(Float16, cospi(convert(Float32, x)))
sinpi(x::Real) = sinpi(float(x))
cospi(x::Real) = cospi(float(x))


## Powers

# A negative base to a non-integer power is a DomainError, as in Julia.
function ^(x::T, y::T) where {T<:Union{Float32,Float64}}
    if (x < zero(T)) & (trunc(y) != y) & isfinite(y)
        throw(DomainError())
    end
    libm_pow(x, y)
end
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
