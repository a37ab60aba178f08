# Ported from JuliaGPU/CUDA.jl, test/core/execution.jl (commit fd1008df7adde63bd46e078d075e6180c783f9cc), testset "scalar
# through single-value array, using device function": a `@noinline` device function and
# `x[] = v` on a one-element array.
# Mechanical changes: `@kernel` marks `parent`; the host code dropped.
# run: threads=16 blocks=16

using CUDA: i32

@noinline child(a, i) = a[i]
@kernel function parent(a, x)
    i = (blockIdx().x-1i32) * blockDim().x + threadIdx().x
    max = gridDim().x * blockDim().x
    if i == max
        _val = child(a, i)
        x[] = _val
    end
    return
end
