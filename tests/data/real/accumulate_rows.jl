# Ported from JuliaGPU/KernelAbstractions.jl, test/test.jl (commit 9bf8fd59ff1296dd5175e25687ae0691ce02e988):
# `unaliased_accumulate_local!` (from KernelAbstractions.jl#652), suffix sums of each row
# with a local accumulator, `for k in j:n` and `zero(eltype(output))`.
# Mechanical changes (KernelAbstractions → CUDA.jl's spelling): `@index(Global, NTuple)`
# is written with blockIdx/blockDim/threadIdx, `@kernel` and `return` as strata writes them.
# run: threads=4,4 blocks=2,2

@kernel function unaliased_accumulate_local!(output, input, n)
    i = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    j = (blockIdx().y - 1) * blockDim().y + threadIdx().y

    # Use local accumulator
    sum_val = zero(eltype(output))
    for k in j:n
        sum_val += input[i, k]
    end
    output[i, j] = sum_val
    return
end
