# GPU index functions, CUDA.jl-style and 1-based: `threadIdx().x` is the thread's index
# in its block, `blockIdx().x` the block's index in the grid, `blockDim().x` the
# threads per block, `gridDim().x` the blocks per grid; `sync_threads()` waits for every
# thread of the block.
#
# These are the host-visible definitions in the global table: a single thread in a
# single block. Each back end overlays the real ones in its own table
# (backends/ptx.jl: `PTX`, backends/amdgpu.jl: `AMDGPU`); nothing here refers to a
# target's intrinsics, so host code that calls them compiles and links anywhere.

struct Dim3
    x::Int32
    y::Int32
    z::Int32
end

threadIdx() = Dim3(Int32(1), Int32(1), Int32(1))
blockIdx() = Dim3(Int32(1), Int32(1), Int32(1))
blockDim() = Dim3(Int32(1), Int32(1), Int32(1))
gridDim() = Dim3(Int32(1), Int32(1), Int32(1))
sync_threads() = nothing
