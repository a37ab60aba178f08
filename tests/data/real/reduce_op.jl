# Ported from JuliaGPU/CUDA.jl, examples/reduce/reduce.jl (commit 04d7b9edda992d1a5706d1bf847d9b130faa1bbb):
# fast parallel reduction with the operator as a function argument (`op`): warp shuffles,
# then the warps' partial sums through shared memory, then a grid-stride loop.
# Mechanical changes: `using CUDAdrv, CUDAnative` and the host code dropped,
# `CUDAnative.warpsize()` is `CUDA.warpsize()`, `shfl_down(val, offset)` is
# `shfl_down_sync(0xffffffff, val, offset)` (CUDA.jl's current name),
# `@cuStaticSharedMem` is `CuStaticSharedArray`, `CuDeviceVector{T}` is
# `DeviceArray{T,1}`, `@kernel` marks the entry point.
# run: threads=256 blocks=3

# Reduce a value across a warp
@inline function reduce_warp(op::F, val::T)::T where {F<:Function,T}
    offset = CUDA.warpsize() ÷ 2
    # TODO: this can be unrolled if warpsize is known...
    while offset > 0
        val = op(val, shfl_down_sync(0xffffffff, val, offset))
        offset ÷= 2
    end
    return val
end

# Reduce a value across a block, using shared memory for communication
@inline function reduce_block(op::F, val::T)::T where {F<:Function,T}
    # shared mem for 32 partial sums
    shared = CuStaticSharedArray(T, 32)

    wid, lane = fldmod1(threadIdx().x, CUDA.warpsize())

    # each warp performs partial reduction
    val = reduce_warp(op, val)

    # write reduced value to shared memory
    if lane == 1
        @inbounds shared[wid] = val
    end

    # wait for all partial reductions
    sync_threads()

    # read from shared memory only if that warp existed
    @inbounds val = (threadIdx().x <= fld(blockDim().x, CUDA.warpsize())) ? shared[lane] : zero(T)

    # final reduce within first warp
    if wid == 1
        val = reduce_warp(op, val)
    end

    return val
end

# Reduce an array across a complete grid
@kernel function reduce_grid(op::F, input::DeviceArray{T,1}, output::DeviceArray{T,1},
                     len::Integer) where {F<:Function,T}
    # TODO: neutral element depends on the operator (see Base's 2 and 3 argument `reduce`)
    val = zero(T)

    # reduce multiple elements per thread (grid-stride loop)
    # TODO: step range (see JuliaGPU/CUDAnative.jl#12)
    i = (blockIdx().x-1) * blockDim().x + threadIdx().x
    step = blockDim().x * gridDim().x
    while i <= len
        @inbounds val = op(val, input[i])
        i += step
    end

    val = reduce_block(op, val)

    if threadIdx().x == 1
        @inbounds output[blockIdx().x] = val
    end

    return
end
