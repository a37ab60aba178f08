# Ported from JuliaGPU/CUDA.jl, test/core/device/intrinsics/atomics.jl (commit fd1008df7adde63bd46e078d075e6180c783f9cc),
# testset "atomic_add": every thread adds `b` to `a[1]` through `CUDA.atomic_add!(pointer(a), b)`.
# Mechanical changes: the kernel (named `kernel` inside a testset) is renamed
# `atomic_add_kernel`, `@kernel` marks it; the host code dropped.
# run: threads=1024 blocks=1

using CUDA

@kernel function atomic_add_kernel(a, b)
    CUDA.atomic_add!(pointer(a), b)
    return
end
