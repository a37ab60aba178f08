# Structs and tuples in a kernel: a struct with a tuple field and a Bool, a
# heterogeneous tuple taken apart by destructuring, and a homogeneous tuple indexed at
# run time (`v[d]` in a loop: a GEP into a stack copy).

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
    pair = (i, p)
    j, q = pair
    if q.alive
        @inbounds out[j] = kinetic(q, p.pos)
    end
    return
end
