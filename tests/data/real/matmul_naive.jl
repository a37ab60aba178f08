# Ported from JuliaGPU/KernelAbstractions.jl, examples/matmul.jl (commit 9bf8fd59ff1296dd5175e25687ae0691ce02e988):
# naive matrix multiply, one output element per thread, `axes` and `zero(eltype(...))`.
# Mechanical changes (KernelAbstractions → CUDA.jl's spelling): `@index(Global, NTuple)`
# is written with blockIdx/blockDim/threadIdx, and the ndrange bound that
# KernelAbstractions adds implicitly is an explicit `if`; `return` added; the host code
# dropped; the arguments stay untyped.
# run: threads=8,8 blocks=3,2

@kernel function matmul_kernel!(output, a, b)
    i = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    j = (blockIdx().y - 1) * blockDim().y + threadIdx().y
    if i <= size(output, 1) && j <= size(output, 2)

    # creating a temporary sum variable for matrix multiplication
    tmp_sum = zero(eltype(output))
    for k in axes(a, 2)
        tmp_sum += a[i, k] * b[k, j]
    end

    output[i, j] = tmp_sum
    end
    return
end
