# Ported from JuliaGPU/CUDA.jl, examples/vadd.jl (commit fd1008df7adde63bd46e078d075e6180c783f9cc):
# element-wise vector addition, indices with CUDA.jl's `1i32` typed literal.
# Mechanical changes: the host code (arrays, `@cuda`, `@test`) dropped, `@kernel` marks
# the entry point; the arguments stay untyped (compiled for the launch's types).
# run: threads=12 blocks=1

using CUDA
using CUDA: i32

@kernel function vadd(a, b, c)
    i = (blockIdx().x-1i32) * blockDim().x + threadIdx().x
    c[i] = a[i] + b[i]
    return
end
