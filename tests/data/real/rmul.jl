# Ported from JuliaGPU/GPUArrays.jl, src/host/linalg.jl (commit ad7a4614a2b920372246e140b78c11d4a2bf921d): `rmul_kernel!` of
# `LinearAlgebra.rmul!`, scaling a matrix in place through its linear index (`X[i] *= s`).
# Mechanical changes (KernelAbstractions → CUDA.jl's spelling): the kernel is lifted out of
# `generic_rmul!` (it captures nothing), `@index(Global, Linear)` is written with
# blockIdx/blockDim/threadIdx and the ndrange bound is an explicit `if`, `@kernel` and `return`.
# run: threads=16 blocks=3

@kernel function rmul_kernel!(X, s)
    i = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    if i <= length(X)
    @inbounds X[i] *= s
    end
    return
end
