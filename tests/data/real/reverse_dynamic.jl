# Ported from JuliaGPU/CUDA.jl, docs/src/development/kernel.md (commit fd1008df7adde63bd46e078d075e6180c783f9cc), section
# "Shared memory": reverse an array through `CuDynamicSharedArray` sized by `length(a)`.
# Mechanical changes: `CuDeviceArray{T}` is `DeviceArray{T}`, the kernel is renamed
# `reverse_dynamic_kernel` (the docs reuse the name), `@kernel` marks it.
# run: threads=37 blocks=1 shmem=296

@kernel function reverse_dynamic_kernel(a::DeviceArray{T}) where T
    i = threadIdx().x
    b = CuDynamicSharedArray(T, length(a))
    b[length(a)-i+1] = a[i]
    sync_threads()
    a[i] = b[i]
    return
end
