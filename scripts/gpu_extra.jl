# Two tiny kernels for the GPU check (scripts/gpu_check.py), which need what no example
# kernel has: indexing WITHOUT @inbounds, so the prelude's bounds checks and the
# runtime's exception reporting are in the PTX.
#
# checked_copy: every index is in range (the guard), so it runs to the end on the GPU
# with the bounds-check branches present.
# oob_write: thread t writes a[t + 1], so the last thread of a launch with length(a)
# threads is out of bounds: natively a BoundsError report; on the GPU the runtime's
# `gpu_report_exception` prints CUDA.jl's message through vprintf and traps.

@kernel function checked_copy(src::DeviceArray{Float32,1}, dst::DeviceArray{Float32,1})
    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    if i <= length(dst)
        dst[i] = 2f0 * src[i]
    end
    return
end

@kernel function oob_write(a::DeviceArray{Float32,1})
    i = threadIdx().x
    a[i + Int32(1)] = 1f0
    return
end
