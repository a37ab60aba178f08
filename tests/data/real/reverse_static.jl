# Ported from JuliaGPU/CUDA.jl, docs/src/development/kernel.md (commit fd1008df7adde63bd46e078d075e6180c783f9cc), section
# "Shared memory": reverse a 2-element array through `CuStaticSharedArray`.
# Mechanical changes: `CuDeviceArray{T}` is `DeviceArray{T}` (strata's device array),
# `@kernel` marks the kernel.
# run: threads=2 blocks=1

@kernel function reverse_kernel(a::DeviceArray{T}) where T
    i = threadIdx().x
    b = CuStaticSharedArray(T, 2)
    b[2-i+1] = a[i]
    sync_threads()
    a[i] = b[i]
    return
end
