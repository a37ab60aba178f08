# Ported from JuliaGPU/CUDA.jl, examples/reduce/reduce.jl (commit 04d7b9edda992d1a5706d1bf847d9b130faa1bbb):
# fast parallel reduction: warp shuffles, then the warps' partial sums through shared memory.
# Mechanical changes: `op` is `+` and `T` is Float32 (function arguments are not kernel
# arguments here), `shfl_down(val, offset)` is `shfl_down_sync(0xffffffff, val, offset)`
# (CUDA.jl's current name), `@cuStaticSharedMem` is `CuStaticSharedArray`,
# `fldmod1(threadIdx().x, warpsize())` is written out, `offset ÷= 2` is
# `offset = offset ÷ 2`, `@kernel` and typed arguments.
# run: threads=256 blocks=3

# Reduce a value across a warp
@inline function reduce_warp(val::Float32)
    offset = warpsize() ÷ Int32(2)
    while offset > 0
        val = val + shfl_down_sync(0xffffffff, val, offset)
        offset = offset ÷ Int32(2)
    end
    return val
end

# Reduce a value across a block, using shared memory for communication
@inline function reduce_block(val::Float32)
    # shared mem for 32 partial sums
    shared = CuStaticSharedArray(Float32, 32)

    wid = (threadIdx().x - Int32(1)) ÷ warpsize() + Int32(1)
    lane = (threadIdx().x - Int32(1)) % warpsize() + Int32(1)

    # each warp performs partial reduction
    val = reduce_warp(val)

    # write reduced value to shared memory
    if lane == 1
        @inbounds shared[wid] = val
    end

    # wait for all partial reductions
    sync_threads()

    # read from shared memory only if that warp existed
    @inbounds val = (threadIdx().x <= blockDim().x ÷ warpsize()) ? shared[lane] : 0f0

    # final reduce within first warp
    if wid == 1
        val = reduce_warp(val)
    end

    return val
end

# Reduce an array across a complete grid
@kernel function reduce_grid(input::DeviceArray{Float32,1}, output::DeviceArray{Float32,1}, len::Int64)
    val = 0f0

    # reduce multiple elements per thread (grid-stride loop)
    i = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    step = blockDim().x * gridDim().x
    while i <= len
        @inbounds val = val + input[i]
        i += step
    end

    val = reduce_block(val)

    if threadIdx().x == 1
        @inbounds output[blockIdx().x] = val
    end

    return
end
