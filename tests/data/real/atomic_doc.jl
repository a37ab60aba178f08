# Ported from JuliaGPU/CUDA.jl, docs/src/development/kernel.md (commit fd1008df7adde63bd46e078d075e6180c783f9cc), section
# "Atomics": the low-level `CUDA.atomic_add!(pointer(a), Int32(1))` and the high-level
# `CUDA.@atomic a[1] += 1`, one kernel each.
# Mechanical changes: the two `atomic_kernel`s are named `atomic_kernel_low` and
# `atomic_kernel_high`, `@kernel` marks them.
# run: threads=100 blocks=3

@kernel function atomic_kernel_low(a)
    CUDA.atomic_add!(pointer(a), Int32(1))
    return
end

@kernel function atomic_kernel_high(a)
    CUDA.@atomic a[1] += 1
    return
end
