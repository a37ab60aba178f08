# Float16/Float32/Float64 arithmetic and comparison through intrinsics (Julia's
# base/float.jl). IEEE semantics: NaN compares unequal to everything, division by
# zero gives ±Inf.

sizeof(::Type{Float16}) = 2
sizeof(::Type{Float32}) = 4
sizeof(::Type{Float64}) = 8

# -Inf and Inf, from their bit patterns.
typemin(::Type{Float16}) = Core.Intrinsics.bitcast(Float16, 0xfc00)
typemax(::Type{Float16}) = Core.Intrinsics.bitcast(Float16, 0x7c00)
typemin(::Type{Float32}) = Core.Intrinsics.bitcast(Float32, 0xff800000)
typemax(::Type{Float32}) = Core.Intrinsics.bitcast(Float32, 0x7f800000)
typemin(::Type{Float64}) = Core.Intrinsics.bitcast(Float64, 0xfff0000000000000)
typemax(::Type{Float64}) = Core.Intrinsics.bitcast(Float64, 0x7ff0000000000000)

+(a::T, b::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.add_float(a, b)
-(a::T, b::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.sub_float(a, b)
*(a::T, b::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.mul_float(a, b)
/(a::T, b::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.div_float(a, b)
rem(a::T, b::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.rem_float(a, b)
-(x::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.neg_float(x)

# Truncated quotient, as Julia's div on floats.
div(a::T, b::T) where {T<:Union{Float16,Float32,Float64}} = trunc((a - rem(a, b)) / b)
function mod(a::T, b::T) where {T<:Union{Float16,Float32,Float64}}
    r = rem(a, b)
    if (r != zero(T)) & ((r < zero(T)) != (b < zero(T)))
        return r + b
    end
    r
end

==(a::T, b::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.eq_float(a, b)
<(a::T, b::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.lt_float(a, b)
<=(a::T, b::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.le_float(a, b)

isnan(x::Union{Float16,Float32,Float64}) = x != x
isinf(x::T) where {T<:Union{Float16,Float32,Float64}} = abs(x) == typemax(T)
isfinite(x::T) where {T<:Union{Float16,Float32,Float64}} = abs(x) < typemax(T)
isnan(x::Integer) = false
isinf(x::Integer) = false
isfinite(x::Integer) = true

copysign(x::T, y::T) where {T<:Union{Float16,Float32,Float64}} = Core.Intrinsics.copysign_float(x, y)
signbit(x::Union{Float16,Float32,Float64}) = signbit(signed(reinterpret_unsigned(x)))
signbit(x::Union{Int8,Int16,Int32,Int64,Int128}) = x < zero(x)
signbit(x::Union{Bool,UInt8,UInt16,UInt32,UInt64,UInt128}) = false

# The bits of a float as the unsigned integer of its width.
reinterpret_unsigned(x::Float16) = Core.Intrinsics.bitcast(UInt16, x)
reinterpret_unsigned(x::Float32) = Core.Intrinsics.bitcast(UInt32, x)
reinterpret_unsigned(x::Float64) = Core.Intrinsics.bitcast(UInt64, x)
