# The native back end's overlay table: the GPU index functions of gpu.jl on the host,
# where the grid is emulated by the launcher (src/runtime/host.rs). Each index is read
# from the emulated thread's state through a `strata_native_*` function that the JIT
# maps to the launcher's Rust function; the indices are already 1-based.
# `sync_threads` waits on the block's barrier (the launcher then runs each thread of a
# block on its own host thread).

@MethodTable Native

@overlay Native @inline threadIdx() = Dim3(
    ccall("extern strata_native_thread_idx_x", llvmcall, Int32, ()),
    ccall("extern strata_native_thread_idx_y", llvmcall, Int32, ()),
    ccall("extern strata_native_thread_idx_z", llvmcall, Int32, ()))

@overlay Native @inline blockIdx() = Dim3(
    ccall("extern strata_native_block_idx_x", llvmcall, Int32, ()),
    ccall("extern strata_native_block_idx_y", llvmcall, Int32, ()),
    ccall("extern strata_native_block_idx_z", llvmcall, Int32, ()))

@overlay Native @inline blockDim() = Dim3(
    ccall("extern strata_native_block_dim_x", llvmcall, Int32, ()),
    ccall("extern strata_native_block_dim_y", llvmcall, Int32, ()),
    ccall("extern strata_native_block_dim_z", llvmcall, Int32, ()))

@overlay Native @inline gridDim() = Dim3(
    ccall("extern strata_native_grid_dim_x", llvmcall, Int32, ()),
    ccall("extern strata_native_grid_dim_y", llvmcall, Int32, ()),
    ccall("extern strata_native_grid_dim_z", llvmcall, Int32, ()))

@overlay Native @inline function sync_threads()
    ccall("extern strata_native_sync_threads", llvmcall, Nothing, ())
    nothing
end

# The launch's dynamic shared memory (`src/runtime/host.rs`), null when `bytes` do not fit.
@overlay Native @inline function dynamic_shared_base(bytes::Int64)
    p = ccall("extern strata_native_dynamic_shared", llvmcall, Ptr{Nothing}, (Int64,), bytes)
    if UInt64(p) == 0x0000000000000000
        throw(BoundsError())
    end
    p
end
