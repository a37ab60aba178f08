# Every item form, and a method body with every statement form.
abstract type Number2 <: Any end
primitive type P32 <: Number2 32 end
struct S{T<:Real} <: Number2
    x::T
    y::Int32
end
mutable struct M; a; b::Int; end
@MethodTable PTX
const N = 3
@device_function report_oom(sz::Csize_t)::Nothing
f(x::T) where T = x + 1
function g(a, ::Int32, b::Vector{<:Real})::Int64 where {T<:Real, N}
    s = 0
    for i in 1:n
        s += a[i] * 2^-3
        if s > 3 && !done
            break
        elseif s < -2
            continue
        else
            s -= 1
        end
    end
    a, b = b, a
    x::Int = -2^2
    @inbounds a[i] = v
    local q::Int = 1
    let z = 1, w
        z
    end
    return c ? 1 : 2
end
@overlay PTX @inline function sin(x::Float32) ccall("llvm.sin.f32", llvmcall, Float32, (Float32,), x) end
+(a::Int64, b::Int64) = Core.Intrinsics.add_int(a, b)
function ==(a, b)
   a === b
end
(:)(a, b) = UnitRange(a, b)
h(x) where B where A = 1
