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

# Warp operations (warp.jl), emulated exactly: the kernel's block runs one host thread
# per GPU thread, and each group of 32 consecutive threads exchanges values through its
# warp's slots between two barriers (`src/runtime/host.rs`). Deviation: a shuffle that
# only part of a warp reaches waits for the other lanes until they reach one too or
# exit, so divergent shuffles that a GPU runs with a partial mask can deadlock here.

# This thread's lane, 0-based, in the block's linear thread order.
@inline function lane0()
    t = threadIdx()
    d = blockDim()
    l = (t.x - Int32(1)) + (t.y - Int32(1)) * d.x + (t.z - Int32(1)) * d.x * d.y
    convert(UInt32, l % Int32(32))
end
@overlay Native @inline laneid() = convert(Int32, lane0()) + Int32(1)
# Lane `src` (0-based) of this warp's value `v`; this lane's own value when `src` is
# outside the warp or that lane has exited.
@inline native_shfl(v::UInt32, src::UInt32) =
    ccall("extern strata_native_warp_shfl", llvmcall, UInt32, (UInt32, UInt32), v, src)
# The segment's width from shfl.sync's c operand.
@inline shfl_width(c::UInt32) = UInt32(32) - (c >> 8)
@overlay Native @inline function shfl_word_idx(mask::UInt32, v::UInt32, lane::UInt32, c::UInt32)
    w = shfl_width(c)
    l = lane0()
    native_shfl(v, (l - l % w) + lane % w)
end
@overlay Native @inline function shfl_word_up(mask::UInt32, v::UInt32, delta::UInt32, c::UInt32)
    l = lane0()
    native_shfl(v, l % shfl_width(c) >= delta ? l - delta : l)
end
@overlay Native @inline function shfl_word_down(mask::UInt32, v::UInt32, delta::UInt32, c::UInt32)
    w = shfl_width(c)
    l = lane0()
    native_shfl(v, l % w + delta < w ? l + delta : l)
end
@overlay Native @inline function shfl_word_bfly(mask::UInt32, v::UInt32, lanemask::UInt32, c::UInt32)
    w = shfl_width(c)
    l = lane0()
    s = l ⊻ lanemask
    native_shfl(v, s - s % w == l - l % w ? s : l)
end
@overlay Native @inline vote_ballot_word(mask::UInt32, p::Bool) =
    ccall("extern strata_native_warp_ballot", llvmcall, UInt32, (UInt32,), p ? 0x00000001 : 0x00000000) & mask
@overlay Native @inline function sync_warp(mask::UInt32)
    ccall("extern strata_native_warp_sync", llvmcall, Nothing, ())
    nothing
end
# The lanes of this warp that exist in the block (the last warp may be partial).
@overlay Native @inline function active_mask()
    d = blockDim()
    n = d.x * d.y * d.z
    t = threadIdx()
    l = (t.x - Int32(1)) + (t.y - Int32(1)) * d.x + (t.z - Int32(1)) * d.x * d.y
    rest = n - (l - l % Int32(32))
    rest >= Int32(32) ? 0xffffffff : (0x00000001 << convert(UInt32, rest)) - 0x00000001
end
