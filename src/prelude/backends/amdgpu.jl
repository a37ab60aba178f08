# The AMDGPU back end's overlay table: the GPU index functions of gpu.jl. Work-item
# and work-group ids come from LLVM intrinsics (0-based, made 1-based here); sizes come
# from the ROCm device library (ockl), as AMDGPU.jl does, and are truncated to Int32.

@MethodTable AMDGPU

@overlay AMDGPU @inline threadIdx() = Dim3(
    ccall("llvm.amdgcn.workitem.id.x", llvmcall, Int32, ()) + Int32(1),
    ccall("llvm.amdgcn.workitem.id.y", llvmcall, Int32, ()) + Int32(1),
    ccall("llvm.amdgcn.workitem.id.z", llvmcall, Int32, ()) + Int32(1))

@overlay AMDGPU @inline blockIdx() = Dim3(
    ccall("llvm.amdgcn.workgroup.id.x", llvmcall, Int32, ()) + Int32(1),
    ccall("llvm.amdgcn.workgroup.id.y", llvmcall, Int32, ()) + Int32(1),
    ccall("llvm.amdgcn.workgroup.id.z", llvmcall, Int32, ()) + Int32(1))

# Threads per work-group in dimension `d` (0, 1, 2).
@overlay AMDGPU @inline ockl_local_size(d::UInt32) =
    Core.Intrinsics.trunc_int(Int32, ccall("extern __ockl_get_local_size", llvmcall, UInt64, (UInt32,), d))
# Work-groups per grid in dimension `d`.
@overlay AMDGPU @inline ockl_num_groups(d::UInt32) =
    Core.Intrinsics.trunc_int(Int32, ccall("extern __ockl_get_num_groups", llvmcall, UInt64, (UInt32,), d))

@overlay AMDGPU @inline blockDim() =
    Dim3(ockl_local_size(0x00000000), ockl_local_size(0x00000001), ockl_local_size(0x00000002))
@overlay AMDGPU @inline gridDim() =
    Dim3(ockl_num_groups(0x00000000), ockl_num_groups(0x00000001), ockl_num_groups(0x00000002))

@overlay AMDGPU @inline function sync_threads()
    ccall("llvm.amdgcn.s.barrier", llvmcall, Nothing, ())
    nothing
end

# Warp operations (warp.jl) with CUDA's 32-lane warps: a wave64 holds two of them (lanes
# 0-31 and 32-63 of the wave), a wave32 one. Shuffles read the source lane through
# `ds_bpermute` (a source lane that is inactive reads 0, where CUDA leaves the value
# undefined); votes take this warp's half of `llvm.amdgcn.ballot`; `sync_warp` is a
# wave barrier (the wave runs in lockstep). Deviation: `threadfence` is not implemented
# here yet (a no-op).
@inline function amdgpu_lane()
    lo = ccall("llvm.amdgcn.mbcnt.lo", llvmcall, UInt32, (UInt32, UInt32), 0xffffffff, 0x00000000)
    ccall("llvm.amdgcn.mbcnt.hi", llvmcall, UInt32, (UInt32, UInt32), 0xffffffff, lo)
end
@inline amdgpu_bpermute(v::UInt32, src::UInt32) =
    ccall("llvm.amdgcn.ds.bpermute", llvmcall, UInt32, (UInt32, UInt32), src << 2, v)
@inline amdgpu_width(c::UInt32) = UInt32(32) - (c >> 8)
@overlay AMDGPU @inline laneid() = convert(Int32, amdgpu_lane() % 0x00000020) + Int32(1)
@overlay AMDGPU @inline function shfl_word_idx(mask::UInt32, v::UInt32, lane::UInt32, c::UInt32)
    w = amdgpu_width(c)
    l = amdgpu_lane()
    amdgpu_bpermute(v, (l - l % w) + lane % w)
end
@overlay AMDGPU @inline function shfl_word_up(mask::UInt32, v::UInt32, delta::UInt32, c::UInt32)
    l = amdgpu_lane()
    amdgpu_bpermute(v, l % amdgpu_width(c) >= delta ? l - delta : l)
end
@overlay AMDGPU @inline function shfl_word_down(mask::UInt32, v::UInt32, delta::UInt32, c::UInt32)
    w = amdgpu_width(c)
    l = amdgpu_lane()
    amdgpu_bpermute(v, l % w + delta < w ? l + delta : l)
end
@overlay AMDGPU @inline function shfl_word_bfly(mask::UInt32, v::UInt32, lanemask::UInt32, c::UInt32)
    w = amdgpu_width(c)
    l = amdgpu_lane()
    s = l ⊻ lanemask
    amdgpu_bpermute(v, s - s % w == l - l % w ? s : l)
end
@overlay AMDGPU @inline function vote_ballot_word(mask::UInt32, p::Bool)
    b = ccall("llvm.amdgcn.ballot.i64", llvmcall, UInt64, (Bool,), p)
    half = Core.Intrinsics.zext_int(UInt64, amdgpu_lane() & 0x00000020)
    Core.Intrinsics.trunc_int(UInt32, b >> half) & mask
end
@overlay AMDGPU @inline active_mask() = vote_ballot_word(0xffffffff, true)
@overlay AMDGPU @inline function sync_warp(mask::UInt32)
    ccall("llvm.amdgcn.wave.barrier", llvmcall, Nothing, ())
    nothing
end
