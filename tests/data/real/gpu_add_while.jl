# Ported from JuliaGPU/CUDA.jl, docs/src/tutorials/performance.jl (commit fd1008df7adde63bd46e078d075e6180c783f9cc):
# `gpu_add5!`, in-place vector addition with 32-bit indices and a grid-stride `while` loop.
# Mechanical changes: `@kernel` marks the kernel; the host code dropped.
# run: threads=32 blocks=3

@kernel function gpu_add5!(y, x)
    index = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    stride = gridDim().x * blockDim().x

    i = index
    while i <= length(y)
        @inbounds y[i] += x[i]
        i += stride
    end
    return
end
