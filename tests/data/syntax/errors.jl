# Several independent errors in one file; the well-formed items survive.
abstract type Shape end

struct Circle <: Shape
    r::Float32
end

area(c::Circle) = 3.14f0 * c.r^2 +

function perimeter(c::Circle)
    x = [c.r]
    return x
end

@overlay PTX @inline function sin(x::Float32)
    ccall("llvm.sin.f32", llvmcall, Float32, Float32, x)
end

println("hello")

function unclosed(x)
    if x > 0
        1
    end
