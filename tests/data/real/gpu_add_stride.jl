# Ported from JuliaGPU/CUDA.jl, docs/src/tutorials/introduction.jl (commit fd1008df7adde63bd46e078d075e6180c783f9cc):
# `gpu_add3!`, in-place vector addition with a grid-stride `for` loop over a StepRange.
# Mechanical changes: `@kernel` marks the kernel; the host code dropped.
# run: threads=32 blocks=3

@kernel function gpu_add3!(y, x)
    index = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    stride = gridDim().x * blockDim().x
    for i = index:stride:length(y)
        @inbounds y[i] += x[i]
    end
    return
end
