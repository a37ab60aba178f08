# Conversion and promotion of numbers, as in Julia's base/promotion.jl, int.jl and
# float.jl: `convert(T, x)` changes the representation (throwing `InexactError` when the
# value does not fit), `promote_rule` says which type two types meet in, `promote_type`
# asks both orders, and `promote` converts the values.
#
# Deviation: Julia's `promote_rule` answers `Union{}` when it knows no rule; here the
# answer is `Nothing`, so every answer is a plain type that `promote_result` can
# dispatch on. There is no `typejoin` fallback: promoting two types without a rule is a
# no-method error.
#
# The unions spelled out below are Julia's BitSigned, BitUnsigned, BitInteger and
# IEEEFloat.

## promote_rule: which type a pair of number types meets in

promote_rule(::Type, ::Type) = Nothing

# Integers: the wider type wins; at equal width the unsigned one does.
promote_rule(::Type{UInt8}, ::Type{Int8}) = UInt8
promote_rule(::Type{Int16}, ::Union{Type{Int8}, Type{UInt8}}) = Int16
promote_rule(::Type{UInt16}, ::Union{Type{Int8}, Type{Int16}, Type{UInt8}}) = UInt16
promote_rule(::Type{Int32}, ::Union{Type{Int8}, Type{Int16}, Type{UInt8}, Type{UInt16}}) = Int32
promote_rule(::Type{UInt32}, ::Union{Type{Int8}, Type{Int16}, Type{Int32}, Type{UInt8}, Type{UInt16}}) = UInt32
promote_rule(::Type{Int64}, ::Union{Type{Int8}, Type{Int16}, Type{Int32}, Type{UInt8}, Type{UInt16}, Type{UInt32}}) = Int64
promote_rule(::Type{UInt64}, ::Union{Type{Int8}, Type{Int16}, Type{Int32}, Type{Int64}, Type{UInt8}, Type{UInt16}, Type{UInt32}}) = UInt64
promote_rule(::Type{Int128}, ::Union{Type{Int8}, Type{Int16}, Type{Int32}, Type{Int64}, Type{UInt8}, Type{UInt16}, Type{UInt32}, Type{UInt64}}) = Int128
promote_rule(::Type{UInt128}, ::Union{Type{Int8}, Type{Int16}, Type{Int32}, Type{Int64}, Type{Int128}, Type{UInt8}, Type{UInt16}, Type{UInt32}, Type{UInt64}}) = UInt128

# Bool meets any number in that number's type.
promote_rule(::Type{Bool}, ::Type{T}) where {T<:Number} = T

# Floats: the wider float wins, and a float beats any integer.
promote_rule(::Type{Float32}, ::Type{Float16}) = Float32
promote_rule(::Type{Float64}, ::Union{Type{Float16}, Type{Float32}}) = Float64
promote_rule(::Type{F}, ::Type{I}) where {F<:Union{Float16,Float32,Float64}, I<:Integer} = F

## promote_type, promote

promote_type(::Type{T}, ::Type{T}) where {T} = T
promote_type(::Type{T}, ::Type{S}) where {T, S} = promote_result(promote_rule(T, S), promote_rule(S, T))
promote_type(::Type{T}, ::Type{S}, ::Type{U}) where {T, S, U} = promote_type(promote_type(T, S), U)

# Combines the answers of both orders: one rule known, or both agreeing.
promote_result(::Type{R}, ::Type{Nothing}) where {R<:Number} = R
promote_result(::Type{Nothing}, ::Type{R}) where {R<:Number} = R
promote_result(::Type{R}, ::Type{R}) where {R<:Number} = R

promote(a::T, b::T) where {T} = (a, b)
promote(a::T, b::S) where {T, S} = (convert(promote_type(T, S), a), convert(promote_type(T, S), b))
promote(a::T, b::S, c::U) where {T, S, U} =
    (convert(promote_type(T, S, U), a), convert(promote_type(T, S, U), b), convert(promote_type(T, S, U), c))

## convert

convert(::Type{T}, x::T) where {T} = x

# Integer to integer. Each method names its target; the sources are grouped by how the
# bits change: sign- or zero-extension (always exact), reinterpretation at equal width
# (exact when the sign bit is clear), truncation (exact when converting back gives x).
convert(::Type{Int8}, x::UInt8) = check_nonnegative(Core.Intrinsics.bitcast(Int8, x))
convert(::Type{Int8}, x::Union{Int16,Int32,Int64,Int128,UInt16,UInt32,UInt64,UInt128}) = trunc_exact(Int8, x)
convert(::Type{Int16}, x::Int8) = Core.Intrinsics.sext_int(Int16, x)
convert(::Type{Int16}, x::UInt8) = Core.Intrinsics.zext_int(Int16, x)
convert(::Type{Int16}, x::UInt16) = check_nonnegative(Core.Intrinsics.bitcast(Int16, x))
convert(::Type{Int16}, x::Union{Int32,Int64,Int128,UInt32,UInt64,UInt128}) = trunc_exact(Int16, x)
convert(::Type{Int32}, x::Union{Int8,Int16}) = Core.Intrinsics.sext_int(Int32, x)
convert(::Type{Int32}, x::Union{UInt8,UInt16}) = Core.Intrinsics.zext_int(Int32, x)
convert(::Type{Int32}, x::UInt32) = check_nonnegative(Core.Intrinsics.bitcast(Int32, x))
convert(::Type{Int32}, x::Union{Int64,Int128,UInt64,UInt128}) = trunc_exact(Int32, x)
convert(::Type{Int64}, x::Union{Int8,Int16,Int32}) = Core.Intrinsics.sext_int(Int64, x)
convert(::Type{Int64}, x::Union{UInt8,UInt16,UInt32}) = Core.Intrinsics.zext_int(Int64, x)
convert(::Type{Int64}, x::UInt64) = check_nonnegative(Core.Intrinsics.bitcast(Int64, x))
convert(::Type{Int64}, x::Union{Int128,UInt128}) = trunc_exact(Int64, x)
convert(::Type{Int128}, x::Union{Int8,Int16,Int32,Int64}) = Core.Intrinsics.sext_int(Int128, x)
convert(::Type{Int128}, x::Union{UInt8,UInt16,UInt32,UInt64}) = Core.Intrinsics.zext_int(Int128, x)
convert(::Type{Int128}, x::UInt128) = check_nonnegative(Core.Intrinsics.bitcast(Int128, x))

convert(::Type{UInt8}, x::Int8) = Core.Intrinsics.bitcast(UInt8, check_nonnegative(x))
convert(::Type{UInt8}, x::Union{Int16,Int32,Int64,Int128,UInt16,UInt32,UInt64,UInt128}) = trunc_exact(UInt8, x)
convert(::Type{UInt16}, x::UInt8) = Core.Intrinsics.zext_int(UInt16, x)
convert(::Type{UInt16}, x::Int8) = Core.Intrinsics.sext_int(UInt16, check_nonnegative(x))
convert(::Type{UInt16}, x::Int16) = Core.Intrinsics.bitcast(UInt16, check_nonnegative(x))
convert(::Type{UInt16}, x::Union{Int32,Int64,Int128,UInt32,UInt64,UInt128}) = trunc_exact(UInt16, x)
convert(::Type{UInt32}, x::Union{UInt8,UInt16}) = Core.Intrinsics.zext_int(UInt32, x)
convert(::Type{UInt32}, x::Union{Int8,Int16}) = Core.Intrinsics.sext_int(UInt32, check_nonnegative(x))
convert(::Type{UInt32}, x::Int32) = Core.Intrinsics.bitcast(UInt32, check_nonnegative(x))
convert(::Type{UInt32}, x::Union{Int64,Int128,UInt64,UInt128}) = trunc_exact(UInt32, x)
convert(::Type{UInt64}, x::Union{UInt8,UInt16,UInt32}) = Core.Intrinsics.zext_int(UInt64, x)
convert(::Type{UInt64}, x::Union{Int8,Int16,Int32}) = Core.Intrinsics.sext_int(UInt64, check_nonnegative(x))
convert(::Type{UInt64}, x::Int64) = Core.Intrinsics.bitcast(UInt64, check_nonnegative(x))
convert(::Type{UInt64}, x::Union{Int128,UInt128}) = trunc_exact(UInt64, x)
convert(::Type{UInt128}, x::Union{UInt8,UInt16,UInt32,UInt64}) = Core.Intrinsics.zext_int(UInt128, x)
convert(::Type{UInt128}, x::Union{Int8,Int16,Int32,Int64}) = Core.Intrinsics.sext_int(UInt128, check_nonnegative(x))
convert(::Type{UInt128}, x::Int128) = Core.Intrinsics.bitcast(UInt128, check_nonnegative(x))

# `x` itself, or InexactError when it is negative.
function check_nonnegative(x::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128}}
    if x < zero(T)
        throw(InexactError())
    end
    x
end

# Truncates `x` to the narrower `T`; exact when widening the result back gives `x`
# (the widening is one of the exact conversions above, or InexactError itself).
function trunc_exact(::Type{T}, x::S) where {T, S}
    y = Core.Intrinsics.trunc_int(T, x)
    if convert(S, y) != x
        throw(InexactError())
    end
    y
end

# Bool: integers 0 and 1 only; other numbers from Bool give 0 or 1.
function convert(::Type{Bool}, x::Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128,Float16,Float32,Float64})
    if x == zero(x)
        return false
    elseif x == one(x)
        return true
    end
    throw(InexactError())
end
convert(::Type{T}, x::Bool) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128,Float16,Float32,Float64}} =
    x ? one(T) : zero(T)

# Integer to float rounds to nearest (never throws), as in Julia.
convert(::Type{F}, x::T) where {F<:Union{Float16,Float32,Float64}, T<:Union{Int8,Int16,Int32,Int64,Int128}} =
    Core.Intrinsics.sitofp(F, x)
convert(::Type{F}, x::T) where {F<:Union{Float16,Float32,Float64}, T<:Union{UInt8,UInt16,UInt32,UInt64,UInt128}} =
    Core.Intrinsics.uitofp(F, x)

# Float to float.
convert(::Type{Float64}, x::Union{Float16,Float32}) = Core.Intrinsics.fpext(Float64, x)
convert(::Type{Float32}, x::Float16) = Core.Intrinsics.fpext(Float32, x)
convert(::Type{Float32}, x::Float64) = Core.Intrinsics.fptrunc(Float32, x)
convert(::Type{Float16}, x::Union{Float32,Float64}) = Core.Intrinsics.fptrunc(Float16, x)

# Float to integer: exact only for integral values in range (NaN and Inf throw).
function convert(::Type{T}, x::F) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}, F<:Union{Float16,Float32,Float64}}
    if !(float_fits(zero(T), x) && trunc(x) == x)
        throw(InexactError())
    end
    float_to_int(zero(T), x)
end

# Whether the float `x` lies in the range of the integer type of `z` (after truncation).
# The witness `z` (a zero of the target type) selects the method; bounds are powers of
# two, so they are exact in every float type (or round to Inf, which is still right).
function float_fits(z::T, x::F) where {T<:Union{Int8,Int16,Int32,Int64,Int128}, F<:Union{Float16,Float32,Float64}}
    lo = convert(F, typemin(T))
    (lo <= x) & (x < -lo)
end
float_fits(z::T, x::F) where {T<:Union{UInt8,UInt16,UInt32,UInt64,UInt128}, F<:Union{Float16,Float32,Float64}} =
    (x > -one(F)) & (x < convert(F, typemax(T)) + one(F))

float_to_int(z::T, x::Union{Float16,Float32,Float64}) where {T<:Union{Int8,Int16,Int32,Int64,Int128}} =
    Core.Intrinsics.fptosi(T, x)
float_to_int(z::T, x::Union{Float16,Float32,Float64}) where {T<:Union{UInt8,UInt16,UInt32,UInt64,UInt128}} =
    Core.Intrinsics.fptoui(T, x)

## Conversion constructors of the primitive number types: `Int32(x)` is `convert(Int32, x)`.

Bool(x::Number) = convert(Bool, x)
Int8(x::Number) = convert(Int8, x)
Int16(x::Number) = convert(Int16, x)
Int32(x::Number) = convert(Int32, x)
Int64(x::Number) = convert(Int64, x)
Int128(x::Number) = convert(Int128, x)
UInt8(x::Number) = convert(UInt8, x)
UInt16(x::Number) = convert(UInt16, x)
UInt32(x::Number) = convert(UInt32, x)
UInt64(x::Number) = convert(UInt64, x)
UInt128(x::Number) = convert(UInt128, x)
Float16(x::Number) = convert(Float16, x)
Float32(x::Number) = convert(Float32, x)
Float64(x::Number) = convert(Float64, x)

# `float(x)`: the float type Julia computes in for `x`.
float(x::Union{Float16,Float32,Float64}) = x
float(x::Integer) = convert(Float64, x)

# Reinterpretation between signed and unsigned of equal width (never throws).
signed(x::Union{Int8,Int16,Int32,Int64,Int128}) = x
signed(x::UInt8) = Core.Intrinsics.bitcast(Int8, x)
signed(x::UInt16) = Core.Intrinsics.bitcast(Int16, x)
signed(x::UInt32) = Core.Intrinsics.bitcast(Int32, x)
signed(x::UInt64) = Core.Intrinsics.bitcast(Int64, x)
signed(x::UInt128) = Core.Intrinsics.bitcast(Int128, x)
unsigned(x::Union{UInt8,UInt16,UInt32,UInt64,UInt128}) = x
unsigned(x::Int8) = Core.Intrinsics.bitcast(UInt8, x)
unsigned(x::Int16) = Core.Intrinsics.bitcast(UInt16, x)
unsigned(x::Int32) = Core.Intrinsics.bitcast(UInt32, x)
unsigned(x::Int64) = Core.Intrinsics.bitcast(UInt64, x)
unsigned(x::Int128) = Core.Intrinsics.bitcast(UInt128, x)
