# Ported from JuliaGPU/GPUArrays.jl, src/host/linalg.jl (commit ad7a4614a2b920372246e140b78c11d4a2bf921d): `rotate_kernel!`
# of `LinearAlgebra.rotate!`, a Givens rotation of two vectors (with `conj`).
# Mechanical changes (KernelAbstractions → CUDA.jl's spelling): the kernel is lifted out
# of `rotate!` (it captures nothing), `@index(Global, Linear)` is written with
# blockIdx/blockDim/threadIdx and the implicit ndrange bound is an explicit `if`,
# `@kernel` and `return` as strata writes them.
# run: threads=32 blocks=2

@kernel function rotate_kernel!(x, y, c, s)
    i = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    if i <= length(x)
    @inbounds xi = x[i]
    @inbounds yi = y[i]
    @inbounds x[i] = s*yi +      c *xi
    @inbounds y[i] = c*yi - conj(s)*xi
    end
    return
end
