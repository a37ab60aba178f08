# Ported from JuliaGPU/CUDA.jl, test/core/device/intrinsics/math.jl (commit fd1008df7adde63bd46e078d075e6180c783f9cc):
# `fastpow_kernel` (JuliaGPU/CUDA.jl#3065), `@inbounds @fastmath A[i] = A[i]^y` with an
# integer exponent.
# Mechanical changes: `@kernel` marks the kernel; the host code dropped.
# run: threads=4 blocks=1

@kernel function fastpow_kernel(A, y)
    i = threadIdx().x
    @inbounds @fastmath A[i] = A[i]^y
    return nothing
end
