# Ported from JuliaGPU/CUDA.jl, test/core/device/intrinsics.jl (commit fd1008df7adde63bd46e078d075e6180c783f9cc), testset
# "shuffle down": `shfl_down_sync` with an explicit width (32) over the first n lanes.
# Mechanical changes: `d::CuDeviceArray` is `d::DeviceArray`, the kernel is renamed
# `shfl_down_kernel`, `@kernel` marks it.
# run: threads=32 blocks=1

@kernel function shfl_down_kernel(d::DeviceArray, n)
    t = threadIdx().x
    if t <= n
        d[t] += shfl_down_sync(FULL_MASK, d[t], n÷2, 32)
    end
    return
end
