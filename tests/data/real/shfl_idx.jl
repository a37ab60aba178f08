# Ported from JuliaGPU/CUDA.jl, test/core/device/intrinsics.jl (commit fd1008df7adde63bd46e078d075e6180c783f9cc), testset
# "shuffle idx": a warp reverses an array with `shfl_sync(FULL_MASK, d[i], j)`.
# Mechanical changes: the kernel is renamed `shfl_idx_kernel`, `@kernel` marks it.
# run: threads=32 blocks=1

@kernel function shfl_idx_kernel(d)
    i = threadIdx().x
    j = 32 - i + 1

    d[i] = shfl_sync(FULL_MASK, d[i], j)

    return
end
