# Kernels for the optimize stage beyond the examples (tests/all/driver.rs,
# `optimize_stage_beyond_the_examples`): loops over tuples that full unrolling turns
# into straight-line code (LLVM 19's `instcombine` from a textual pipeline aborted the
# process on them when it did not reach a fixpoint in one iteration), a run-time tuple
# index, a union split, a bounds-checked store, a while loop, partial redundancies.

struct Particle
    pos::NTuple{3,Float32}
    mass::Float32
    alive::Bool
end

@inline function kinetic(p::Particle, v::NTuple{3,Float32})
    s = 0f0
    for d in 1:3
        s += v[d] * v[d]
    end
    0.5f0 * p.mass * s
end

@kernel function energies(out::DeviceArray{Float32,1}, vx::Float32, vy::Float32, vz::Float32, m::Float32)
    i = threadIdx().x
    p = Particle((vx, vy, vz), m, true)
    if p.alive
        @inbounds out[i] = kinetic(p, p.pos)
    end
    return
end

@kernel function horner(a::DeviceArray{Float32,1}, c::NTuple{4,Float32})
    i = threadIdx().x
    x = a[i]
    s = 0f0
    for d in 1:4
        s = s * x + c[d]
    end
    a[i] = s
    return
end

@kernel function pickmixed(a::DeviceArray{Float32,1}, i::Int64)
    t = (1f0, 2.0, Int32(3))
    @inbounds a[1] = Float32(t[i])
    return
end

widen_real(x::Real) = x
@kernel function usplit(a::DeviceArray{Float32,1})
    x = a[1] > 0f0 ? 1 : 2.0
    a[2] = Float32(widen_real(x))
    return
end

@kernel function oob(a::DeviceArray{Float32,1})
    i = threadIdx().x
    a[i + Int32(1)] = 1f0
    return
end

@kernel function rowsum(a::DeviceArray{Float32,2}, out::DeviceArray{Float32,1})
    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    if i <= size(a, 1)
        s = 0f0
        j = 1
        while j <= size(a, 2)
            @inbounds s += a[i, j]
            j += 1
        end
        @inbounds out[i] = s
    end
    return
end

# Partial redundancies in loop-free kernels (the straight-line pipeline runs no GVN):
# a load in one arm reloaded after the join, loads around stores in both arms, a
# guarded stencil.
@kernel function reload_after_join(a::DeviceArray{Float32,1}, b::DeviceArray{Float32,1}, c::Int32)
    i = threadIdx().x
    x = 0f0
    if c > Int32(0)
        @inbounds x = a[i] * 2f0
    end
    @inbounds b[i] = x + a[i]
    return
end

@kernel function loads_around_stores(a::DeviceArray{Float32,1}, b::DeviceArray{Float32,1}, c::Int32)
    i = threadIdx().x
    if c > Int32(0)
        @inbounds b[i] = a[i] + 1f0
    else
        @inbounds b[i] = a[i] - 1f0
    end
    @inbounds b[i + Int32(1)] = a[i] * a[i + Int32(1)]
    return
end

@kernel function guarded_stencil(a::DeviceArray{Float32,2}, b::DeviceArray{Float32,2})
    i = threadIdx().x
    j = blockIdx().x
    if i > Int32(1) && j > Int32(1) && i < size(a, 1) && j < size(a, 2)
        @inbounds b[i, j] = a[i-Int32(1), j] + a[i+Int32(1), j] + a[i, j-Int32(1)] + a[i, j+Int32(1)] - 4f0 * a[i, j]
    elseif i <= size(a, 1) && j <= size(a, 2)
        @inbounds b[i, j] = a[i, j]
    end
    return
end
