# Ported from JuliaGPU/KernelAbstractions.jl, test/localmem.jl (commit 9bf8fd59ff1296dd5175e25687ae0691ce02e988): `localmem2`,
# local memory updated in a loop with a barrier in the loop body, then read reversed.
# Mechanical changes (KernelAbstractions → CUDA.jl's spelling): `@uniform prod(@groupsize())`
# is `blockDim().x`, `@index(Global, Linear)` / `@index(Local, Linear)` are written with
# blockIdx/blockDim/threadIdx, `@localmem Int (N,)` ("Ok iff groupsize is static") is
# `CuStaticSharedArray(Int, 16)` for the test's static group size 16, `@synchronize`
# is `sync_threads()`, `@kernel` and `return` as strata writes them.
# run: threads=16 blocks=4

@kernel function localmem2(A)
    N = blockDim().x
    N2 = blockDim().x
    I = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    i = threadIdx().x
    lmem = CuStaticSharedArray(Int, 16) # Ok iff groupsize is static
    @inbounds begin
        lmem[i] = i + 3
        for j in 1:2
            lmem[i] -= j
            sync_threads()
        end
        A[I] = lmem[N2 - i + 1]
    end
    return
end
