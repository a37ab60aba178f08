# Integer and Bool arithmetic, comparison, bitwise operations and shifts, through
# intrinsics (Julia's base/int.jl and bool.jl). Operations on two values of one type
# are defined here; mixed types promote (the `Number` fallbacks at the end), so
# Int32 + Int64 is Int64 and UInt8 + Int64 is Int64, as in Julia. Arithmetic wraps on
# overflow; division by zero throws DivideError.

## zero, one, typemin, typemax, sizeof

zero(::Type{T}) where {T<:Number} = convert(T, 0)
one(::Type{T}) where {T<:Number} = convert(T, 1)
zero(x::T) where {T<:Number} = zero(T)
one(x::T) where {T<:Number} = one(T)
iszero(x::Number) = x == zero(x)

typemin(::Type{Bool}) = false
typemax(::Type{Bool}) = true
typemin(::Type{Int8}) = Core.Intrinsics.bitcast(Int8, 0x80)
typemax(::Type{Int8}) = Core.Intrinsics.bitcast(Int8, 0x7f)
typemin(::Type{Int16}) = Core.Intrinsics.bitcast(Int16, 0x8000)
typemax(::Type{Int16}) = Core.Intrinsics.bitcast(Int16, 0x7fff)
typemin(::Type{Int32}) = Core.Intrinsics.bitcast(Int32, 0x80000000)
typemax(::Type{Int32}) = Core.Intrinsics.bitcast(Int32, 0x7fffffff)
typemin(::Type{Int64}) = Core.Intrinsics.bitcast(Int64, 0x8000000000000000)
typemax(::Type{Int64}) = Core.Intrinsics.bitcast(Int64, 0x7fffffffffffffff)
typemin(::Type{Int128}) = Core.Intrinsics.bitcast(Int128, 0x80000000000000000000000000000000)
typemax(::Type{Int128}) = Core.Intrinsics.bitcast(Int128, 0x7fffffffffffffffffffffffffffffff)
typemin(::Type{T}) where {T<:Union{UInt8,UInt16,UInt32,UInt64,UInt128}} = zero(T)
typemax(::Type{UInt8}) = 0xff
typemax(::Type{UInt16}) = 0xffff
typemax(::Type{UInt32}) = 0xffffffff
typemax(::Type{UInt64}) = 0xffffffffffffffff
typemax(::Type{UInt128}) = 0xffffffffffffffffffffffffffffffff

# Size in bytes of the primitive types (Julia's `sizeof` on a type).
sizeof(::Type{Bool}) = 1
sizeof(::Type{Int8}) = 1
sizeof(::Type{UInt8}) = 1
sizeof(::Type{Int16}) = 2
sizeof(::Type{UInt16}) = 2
sizeof(::Type{Int32}) = 4
sizeof(::Type{UInt32}) = 4
sizeof(::Type{Int64}) = 8
sizeof(::Type{UInt64}) = 8
sizeof(::Type{Int128}) = 16
sizeof(::Type{UInt128}) = 16
sizeof(::Type{Char}) = 4
sizeof(x::T) where {T<:Number} = sizeof(T)

## Arithmetic on one integer type

+(a::T, b::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = Core.Intrinsics.add_int(a, b)
-(a::T, b::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = Core.Intrinsics.sub_int(a, b)
*(a::T, b::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = Core.Intrinsics.mul_int(a, b)
-(x::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = Core.Intrinsics.neg_int(x)
+(x::Number) = x

# `/` on integers computes in Float64, as in Julia.
/(a::T, b::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} =
    convert(Float64, a) / convert(Float64, b)

# Truncated division. typemin(T) ÷ -1 overflows: DivideError, as Julia's checked_sdiv_int.
function div(a::T, b::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128}}
    if (b == zero(T)) | ((b == -one(T)) & (a == typemin(T)))
        throw(DivideError())
    end
    Core.Intrinsics.sdiv_int(a, b)
end
function div(a::T, b::T) where {T<:Union{UInt8,UInt16,UInt32,UInt64,UInt128}}
    if b == zero(T)
        throw(DivideError())
    end
    Core.Intrinsics.udiv_int(a, b)
end

# Remainder with the sign of the dividend; x % -1 is 0 (LLVM's srem would overflow).
function rem(a::T, b::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128}}
    if b == zero(T)
        throw(DivideError())
    elseif b == -one(T)
        return zero(T)
    end
    Core.Intrinsics.srem_int(a, b)
end
function rem(a::T, b::T) where {T<:Union{UInt8,UInt16,UInt32,UInt64,UInt128}}
    if b == zero(T)
        throw(DivideError())
    end
    Core.Intrinsics.urem_int(a, b)
end

# Modulus with the sign of the divisor.
function mod(a::T, b::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}}
    r = rem(a, b)
    if (r != zero(T)) & ((r < zero(T)) != (b < zero(T)))
        return r + b
    end
    r
end

## Bool arithmetic (Julia's bool.jl: + and - compute in Int64)

+(a::Bool, b::Bool) = convert(Int64, a) + convert(Int64, b)
-(a::Bool, b::Bool) = convert(Int64, a) - convert(Int64, b)
*(a::Bool, b::Bool) = a & b
-(x::Bool) = -convert(Int64, x)
/(a::Bool, b::Bool) = convert(Float64, a) / convert(Float64, b)
function div(a::Bool, b::Bool)
    if !b
        throw(DivideError())
    end
    a
end
function rem(a::Bool, b::Bool)
    if !b
        throw(DivideError())
    end
    false
end
mod(a::Bool, b::Bool) = rem(a, b)

## Comparison

==(a::T, b::T) where {T<:Union{Bool,Char,Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = Core.Intrinsics.eq_int(a, b)
<(a::T, b::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128}} = Core.Intrinsics.slt_int(a, b)
<(a::T, b::T) where {T<:Union{Bool,Char,UInt8,UInt16,UInt32,UInt64,UInt128}} = Core.Intrinsics.ult_int(a, b)
<=(a::T, b::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128}} = Core.Intrinsics.sle_int(a, b)
<=(a::T, b::T) where {T<:Union{Bool,Char,UInt8,UInt16,UInt32,UInt64,UInt128}} = Core.Intrinsics.ule_int(a, b)

# Signed against unsigned compares the values exactly (promotion could throw
# InexactError: Int64 and UInt64 meet in UInt64), as Julia does.
==(a::Union{Int8,Int16,Int32,Int64,Int128}, b::Union{UInt8,UInt16,UInt32,UInt64,UInt128}) = (a >= zero(a)) & (unsigned(a) == b)
==(a::Union{UInt8,UInt16,UInt32,UInt64,UInt128}, b::Union{Int8,Int16,Int32,Int64,Int128}) = b == a
<(a::Union{Int8,Int16,Int32,Int64,Int128}, b::Union{UInt8,UInt16,UInt32,UInt64,UInt128}) = (a < zero(a)) | (unsigned(a) < b)
<(a::Union{UInt8,UInt16,UInt32,UInt64,UInt128}, b::Union{Int8,Int16,Int32,Int64,Int128}) = (b >= zero(b)) & (a < unsigned(b))
<=(a::Union{Int8,Int16,Int32,Int64,Int128}, b::Union{UInt8,UInt16,UInt32,UInt64,UInt128}) = (a < zero(a)) | (unsigned(a) <= b)
<=(a::Union{UInt8,UInt16,UInt32,UInt64,UInt128}, b::Union{Int8,Int16,Int32,Int64,Int128}) = (b >= zero(b)) & (a <= unsigned(b))

## Bitwise operations

&(a::T, b::T) where {T<:Union{Bool,Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = Core.Intrinsics.and_int(a, b)
|(a::T, b::T) where {T<:Union{Bool,Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = Core.Intrinsics.or_int(a, b)
⊻(a::T, b::T) where {T<:Union{Bool,Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = Core.Intrinsics.xor_int(a, b)
~(x::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = Core.Intrinsics.not_int(x)
# xor with true rather than not_int: correct whether Bool is one bit or a full byte.
!(x::Bool) = Core.Intrinsics.xor_int(x, true)
~(x::Bool) = !x
xor(a::Integer, b::Integer) = a ⊻ b

function &(a::Integer, b::Integer)
    x, y = promote(a, b)
    x & y
end
function |(a::Integer, b::Integer)
    x, y = promote(a, b)
    x | y
end
function ⊻(a::Integer, b::Integer)
    x, y = promote(a, b)
    x ⊻ y
end

count_ones(x::Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}) = convert(Int64, Core.Intrinsics.ctpop_int(x))
leading_zeros(x::Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}) = convert(Int64, Core.Intrinsics.ctlz_int(x))
trailing_zeros(x::Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}) = convert(Int64, Core.Intrinsics.cttz_int(x))

## Shifts

# Julia's semantics for any count: shifting by the bit width or more gives 0 (or the
# sign for >> of a signed value), a negative count shifts the other way. The checks
# are explicit, so the intrinsics only ever see counts below the width.
bitwidth(x::T) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} = 8 * sizeof(T)

<<(x::T, n::Union{UInt8,UInt16,UInt32,UInt64,UInt128}) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} =
    n < bitwidth(x) ? Core.Intrinsics.shl_int(x, n) : zero(T)
>>>(x::T, n::Union{UInt8,UInt16,UInt32,UInt64,UInt128}) where {T<:Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}} =
    n < bitwidth(x) ? Core.Intrinsics.lshr_int(x, n) : zero(T)
>>(x::T, n::Union{UInt8,UInt16,UInt32,UInt64,UInt128}) where {T<:Union{UInt8,UInt16,UInt32,UInt64,UInt128}} = x >>> n
>>(x::T, n::Union{UInt8,UInt16,UInt32,UInt64,UInt128}) where {T<:Union{Int8,Int16,Int32,Int64,Int128}} =
    n < bitwidth(x) ? Core.Intrinsics.ashr_int(x, n) : Core.Intrinsics.ashr_int(x, bitwidth(x) - 1)

<<(x::Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}, n::Union{Int8,Int16,Int32,Int64,Int128}) =
    n >= zero(n) ? x << unsigned(n) : x >> unsigned(-n)
>>(x::Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}, n::Union{Int8,Int16,Int32,Int64,Int128}) =
    n >= zero(n) ? x >> unsigned(n) : x << unsigned(-n)
>>>(x::Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}, n::Union{Int8,Int16,Int32,Int64,Int128}) =
    n >= zero(n) ? x >>> unsigned(n) : x << unsigned(-n)

## Powers: repeated squaring (the result has the type of `x`, as in Julia)

function power_by_squaring(x::T, n::Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}) where {T<:Number}
    result = one(T)
    base = x
    e = n
    while e > zero(e)
        if (e & one(e)) == one(e)
            result = result * base
        end
        e = e >>> 1
        base = base * base
    end
    result
end

# Deviation: Julia gives (-1)^n = ±1 for negative n; here every base but 1 throws.
function ^(x::T, n::Union{Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}) where {T<:Union{Bool,Int8,Int16,Int32,Int64,Int128,UInt8,UInt16,UInt32,UInt64,UInt128}}
    if n < zero(n)
        if x == one(T)
            return x
        end
        throw(DomainError())
    end
    power_by_squaring(x, n)
end
