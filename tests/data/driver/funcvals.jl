# Functions as values (Julia's `typeof(f)` singletons): passed to kernels (zero ABI
# bytes), passed to helpers, stored in structs and tuples, returned, and called by
# dispatch on their type. Every call through a function value is static.

sq(x) = x * x
twice(f, x) = f(f(x))
apply2(op, a, b) = op(a, b)

struct Scaled{F}
    f::F
    k::Float32
end
run_scaled(s::Scaled, x) = s.k * s.f(x)

pick(useprod::Bool) = useprod ? (*) : (+)

# `op(a[i], b[i])` with the operator a kernel argument: `map!(op, out, a, b)`.
@kernel function kmap(op, out::DeviceArray{Float32,1}, a::DeviceArray{Float32,1}, b::DeviceArray{Float32,1})
    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    if i <= length(out)
        @inbounds out[i] = apply2(op, a[i], b[i])
    end
    return
end

# A function stored in a struct and in a tuple, and one applied twice.
@kernel function kstored(f, out::DeviceArray{Float32,1}, a::DeviceArray{Float32,1})
    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    if i <= length(out)
        s = Scaled(f, 2.0f0)
        fs = (f, sq)
        @inbounds out[i] = run_scaled(s, a[i]) + fs[2](a[i]) + twice(f, a[i])
    end
    return
end

# A reduction with the operator as an argument (the idiom of mapreduce kernels).
@kernel function kreduce(op, out::DeviceArray{Float32,1}, a::DeviceArray{Float32,1})
    acc = a[1]
    for i in 2:length(a)
        acc = op(acc, a[i])
    end
    out[1] = acc
    return
end

# A function returned from a call (a constant branch picks `+`).
@kernel function kreturned(out::DeviceArray{Int64,1}, a::DeviceArray{Int64,1})
    op = pick(false)
    out[1] = op(a[1], a[2])
    return
end

# Callable objects (Julia's functors): `(f::Affine)(x)`, a parametric one, one without
# fields, called directly and passed as a function argument (also to the kernel, by
# value: it has fields).
struct Affine
    a::Float32
    b::Float32
end
(f::Affine)(x) = f.a * x + f.b
struct Stepper{T}
    step::T
end
(c::Stepper{T})(x::T, n::Int64) where T = x + c.step * convert(T, n)
struct One end
(::One)(x) = one(x)

@kernel function kcallable(out::DeviceArray{Float32,1}, a::DeviceArray{Float32,1}, s::Float32)
    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    f = Affine(s, 1.0f0)
    c = Stepper(2.0f0)
    if i <= length(out)
        @inbounds out[i] = f(a[i]) + c(a[i], 3) + twice(One(), a[i]) + apply2(*, f(a[i]), 2.0f0)
    end
    return
end

# Base's higher-order functions over tuples and function objects (prelude/functional.jl).
@kernel function kbase(out::DeviceArray{Float32,1}, a::DeviceArray{Float32,1})
    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    if i <= length(out)
        x = a[i]
        t = ntuple(Base.Fix1(*, x), Val(3))          # (x, 2x, 3x)
        s = foldl(+, map(sq, t))                     # 14x²
        m = reduce(max, (x, 2.0f0, -x))              # max(|x|, 2)
        d = map(Base.Fix2(-, 1.0f0), (x,))[1]        # x - 1
        c = ifelse(isless(x, 0.0f0), 1.0f0, 0.0f0)   # x < 0
        @inbounds out[i] = identity(s) + m + d + c
    end
    return
end
