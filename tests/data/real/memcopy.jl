# Ported from JuliaGPU/KernelAbstractions.jl, examples/memcopy.jl (commit 9bf8fd59ff1296dd5175e25687ae0691ce02e988):
# copy of a 2-D array with linear indexing (`A[I]` on a matrix).
# Mechanical changes (KernelAbstractions → CUDA.jl's spelling): `@index(Global)` (linear)
# is written with blockIdx/blockDim/threadIdx, the implicit ndrange bound is an explicit
# `if`, `@Const` dropped, `return` added, the host code dropped.
# run: threads=128 blocks=2

@kernel function copy_kernel!(A, B)
    I = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    if I <= length(A)
    @inbounds A[I] = B[I]
    end
    return
end
