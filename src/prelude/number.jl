# Generic number methods: mixed-type operations promote both sides to one type first
# (Julia's `+(x::Number, y::Number) = +(promote(x, y)...)`, written without splatting),
# and the comparison operators derived from ==, < and <=.
#
# Every same-type method (int.jl, float.jl) is more specific than these, so a call with
# two values of one type never comes back here; `promote` of two equal types is the
# identity, and every number type used in kernels has its same-type methods.

function +(a::Number, b::Number)
    x, y = promote(a, b)
    x + y
end
function -(a::Number, b::Number)
    x, y = promote(a, b)
    x - y
end
function *(a::Number, b::Number)
    x, y = promote(a, b)
    x * y
end
function /(a::Number, b::Number)
    x, y = promote(a, b)
    x / y
end
function div(a::Real, b::Real)
    x, y = promote(a, b)
    div(x, y)
end
function rem(a::Real, b::Real)
    x, y = promote(a, b)
    rem(x, y)
end
function mod(a::Real, b::Real)
    x, y = promote(a, b)
    mod(x, y)
end
÷(a::Real, b::Real) = div(a, b)
%(a::Real, b::Real) = rem(a, b)

function ==(a::Number, b::Number)
    x, y = promote(a, b)
    x == y
end
function <(a::Real, b::Real)
    x, y = promote(a, b)
    x < y
end
function <=(a::Real, b::Real)
    x, y = promote(a, b)
    x <= y
end

!=(a, b) = !(a == b)
>(a, b) = b < a
>=(a, b) = b <= a
≠(a, b) = !(a == b)
≤(a, b) = a <= b
≥(a, b) = b <= a

==(a::Nothing, b::Nothing) = true

inv(x::Number) = one(x) / x

# Julia's `no_op_err`: when promotion leaves both values of one type that has no method
# of its own for the operator (a `Complex` without `*`, a user's `Number` subtype), the
# fallbacks above would call themselves forever. These diagonal methods catch that case
# instead; the kernel checks (`src/infer/check.rs`) report a call to `no_op_err` as the
# compile-time MethodError `no method matching *(::T, ::T)` with its call chain.
# Deviation: Julia raises `ErrorException("* not defined for T")` at run time, and
# defines `==` on equal types as `===`.
no_op_err(f::Function) = f
+(x::T, y::T) where {T<:Number} = no_op_err(+, x, y)
-(x::T, y::T) where {T<:Number} = no_op_err(-, x, y)
*(x::T, y::T) where {T<:Number} = no_op_err(*, x, y)
/(x::T, y::T) where {T<:Number} = no_op_err(/, x, y)
==(x::T, y::T) where {T<:Number} = no_op_err(==, x, y)
<(x::T, y::T) where {T<:Real} = no_op_err(<, x, y)
<=(x::T, y::T) where {T<:Real} = no_op_err(<=, x, y)
div(x::T, y::T) where {T<:Real} = no_op_err(div, x, y)
rem(x::T, y::T) where {T<:Real} = no_op_err(rem, x, y)
mod(x::T, y::T) where {T<:Real} = no_op_err(mod, x, y)
