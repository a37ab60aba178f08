# The NVPTX back end's overlay table: the GPU index functions of gpu.jl through NVVM's
# special registers (0-based in hardware, 1-based here) and the block barrier.

@MethodTable PTX

@overlay PTX @inline threadIdx() = Dim3(
    ccall("llvm.nvvm.read.ptx.sreg.tid.x", llvmcall, Int32, ()) + Int32(1),
    ccall("llvm.nvvm.read.ptx.sreg.tid.y", llvmcall, Int32, ()) + Int32(1),
    ccall("llvm.nvvm.read.ptx.sreg.tid.z", llvmcall, Int32, ()) + Int32(1))

@overlay PTX @inline blockIdx() = Dim3(
    ccall("llvm.nvvm.read.ptx.sreg.ctaid.x", llvmcall, Int32, ()) + Int32(1),
    ccall("llvm.nvvm.read.ptx.sreg.ctaid.y", llvmcall, Int32, ()) + Int32(1),
    ccall("llvm.nvvm.read.ptx.sreg.ctaid.z", llvmcall, Int32, ()) + Int32(1))

@overlay PTX @inline blockDim() = Dim3(
    ccall("llvm.nvvm.read.ptx.sreg.ntid.x", llvmcall, Int32, ()),
    ccall("llvm.nvvm.read.ptx.sreg.ntid.y", llvmcall, Int32, ()),
    ccall("llvm.nvvm.read.ptx.sreg.ntid.z", llvmcall, Int32, ()))

@overlay PTX @inline gridDim() = Dim3(
    ccall("llvm.nvvm.read.ptx.sreg.nctaid.x", llvmcall, Int32, ()),
    ccall("llvm.nvvm.read.ptx.sreg.nctaid.y", llvmcall, Int32, ()),
    ccall("llvm.nvvm.read.ptx.sreg.nctaid.z", llvmcall, Int32, ()))

@overlay PTX @inline function sync_threads()
    ccall("llvm.nvvm.barrier0", llvmcall, Nothing, ())
    nothing
end
