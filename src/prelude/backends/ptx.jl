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

# Warp operations (warp.jl): NVVM's shfl.sync / vote.sync / bar.warp.sync.
@overlay PTX @inline shfl_word_idx(mask::UInt32, v::UInt32, lane::UInt32, c::UInt32) =
    ccall("llvm.nvvm.shfl.sync.idx.i32", llvmcall, UInt32, (UInt32, UInt32, UInt32, UInt32), mask, v, lane, c)
@overlay PTX @inline shfl_word_up(mask::UInt32, v::UInt32, delta::UInt32, c::UInt32) =
    ccall("llvm.nvvm.shfl.sync.up.i32", llvmcall, UInt32, (UInt32, UInt32, UInt32, UInt32), mask, v, delta, c)
@overlay PTX @inline shfl_word_down(mask::UInt32, v::UInt32, delta::UInt32, c::UInt32) =
    ccall("llvm.nvvm.shfl.sync.down.i32", llvmcall, UInt32, (UInt32, UInt32, UInt32, UInt32), mask, v, delta, c)
@overlay PTX @inline shfl_word_bfly(mask::UInt32, v::UInt32, lanemask::UInt32, c::UInt32) =
    ccall("llvm.nvvm.shfl.sync.bfly.i32", llvmcall, UInt32, (UInt32, UInt32, UInt32, UInt32), mask, v, lanemask, c)
@overlay PTX @inline vote_ballot_word(mask::UInt32, p::Bool) =
    ccall("llvm.nvvm.vote.ballot.sync", llvmcall, UInt32, (UInt32, Bool), mask, p)
@overlay PTX @inline function sync_warp(mask::UInt32)
    ccall("llvm.nvvm.bar.warp.sync", llvmcall, Nothing, (UInt32,), mask)
    nothing
end
@overlay PTX @inline laneid() = ccall("llvm.nvvm.read.ptx.sreg.laneid", llvmcall, Int32, ()) + Int32(1)
@overlay PTX @inline active_mask() = ccall("llvm.nvvm.activemask", llvmcall, UInt32, ())
@overlay PTX @inline function threadfence()
    ccall("llvm.nvvm.membar.gl", llvmcall, Nothing, ())
    nothing
end
@overlay PTX @inline function threadfence_block()
    ccall("llvm.nvvm.membar.cta", llvmcall, Nothing, ())
    nothing
end
