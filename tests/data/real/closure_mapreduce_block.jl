# Ported from JuliaGPU/CUDA.jl, src/mapreduce.jl (commit 017cf14335f6ddb82d52b584aa193c580d321118):
# `reduce_block(arr, op)`, the tree reduction of a block's values in shared memory with the
# reduction's operator `op` as a function argument, under a map-reduce kernel in the style
# of that file's `mapreducedim_kernel_parallel(f, op, R, A, …)` (each block maps `f` over its
# slice of `A`, reduces with `op`, and writes its partial result to `R`).
# Mechanical changes: the kernel entry passes a closure over its `scale` argument as `f`
# (as `Base._mapreducedim!` passes the user's function), `@cuStaticSharedMem` is
# `CuStaticSharedArray`, the neutral element `zero(T)` fills the threads past the end, the
# Cartesian indexing of `R`/`A` is linear, `@kernel` and typed arguments.
# run: threads=256 blocks=4

@inline function reduce_block(arr, op)
    sync_threads()
    len = blockDim().x
    while len != 1
        sync_threads()
        skip = (len + 1) >> 1
        reduce_to = threadIdx().x - skip
        if 0 < reduce_to <= (len >> 1)
            arr[reduce_to] = op(arr[reduce_to], arr[threadIdx().x])
        end
        len = skip
    end
    sync_threads()
end

function mapreduce_kernel_block(f, op, R::DeviceArray{T,1}, A::DeviceArray{T,1}, len) where {T}
    S = CuStaticSharedArray(T, 256)
    i = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    S[threadIdx().x] = i <= len ? f(A[i]) : zero(T)
    reduce_block(S, op)
    threadIdx().x == 1 && (R[blockIdx().x] = S[1])
    return
end

@kernel function sum_scaled_squares(R::DeviceArray{Float32,1}, A::DeviceArray{Float32,1}, len::Int64, scale::Float32)
    mapreduce_kernel_block(x -> scale * x * x, +, R, A, len)
    return
end
