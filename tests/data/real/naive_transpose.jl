# Ported from JuliaGPU/KernelAbstractions.jl, examples/naive_transpose.jl (commit 9bf8fd59ff1296dd5175e25687ae0691ce02e988):
# out-of-place transpose, one element per thread.
# Mechanical changes (KernelAbstractions → CUDA.jl's spelling): `@index(Global, NTuple)`
# is written with blockIdx/blockDim/threadIdx, the implicit ndrange bound is an explicit
# `if`, `return` added, the host code dropped; the arguments stay untyped.
# run: threads=8,8 blocks=3,4

@kernel function naive_transpose_kernel!(a, b)
    i = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    j = (blockIdx().y - 1) * blockDim().y + threadIdx().y
    if i <= size(a, 1) && j <= size(a, 2)
    @inbounds a[i, j] = b[j, i]
    end
    return
end
