# Ported from JuliaGPU/GPUArrays.jl, src/host/construction.jl (commit ad7a4614a2b920372246e140b78c11d4a2bf921d):
# `identity_kernel`, writing `val` on the diagonal of a column-major matrix
# (`res::AbstractArray{T}` with a `where T`).
# Mechanical changes (KernelAbstractions → CUDA.jl's spelling): `@index(Global, Linear)` is
# written with blockIdx/blockDim/threadIdx, `@kernel` and `return` as strata writes them.
# run: threads=8 blocks=2

@kernel function identity_kernel(res::AbstractArray{T}, stride, val) where T
    i = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    ilin = (stride * (i - 1)) + i
    if ilin <= length(res)
        @inbounds res[ilin] = val
    end
    return
end
