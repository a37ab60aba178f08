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
