# An overlay table file: on NVPTX, route Float32 (and Float64) math through libdevice
# (`__nv_*`, which the PTX back end links) instead of LLVM intrinsics that NVPTX cannot
# lower. Load after the prelude; the methods go into the back end's table `PTX`
# (declared in src/prelude/backends/ptx.jl), so host code keeps the LLVM versions.

@overlay PTX @inline sin(x::Float32) = ccall("extern __nv_sinf", llvmcall, Float32, (Float32,), x)
@overlay PTX @inline cos(x::Float32) = ccall("extern __nv_cosf", llvmcall, Float32, (Float32,), x)
@overlay PTX @inline exp(x::Float32) = ccall("extern __nv_expf", llvmcall, Float32, (Float32,), x)

@overlay PTX @inline sin(x::Float64) = ccall("extern __nv_sin", llvmcall, Float64, (Float64,), x)
@overlay PTX @inline cos(x::Float64) = ccall("extern __nv_cos", llvmcall, Float64, (Float64,), x)
@overlay PTX @inline exp(x::Float64) = ccall("extern __nv_exp", llvmcall, Float64, (Float64,), x)

# log keeps the prelude's domain check and overlays only the computation.
@overlay PTX @inline log_nonneg(x::Float32) = ccall("extern __nv_logf", llvmcall, Float32, (Float32,), x)
@overlay PTX @inline log_nonneg(x::Float64) = ccall("extern __nv_log", llvmcall, Float64, (Float64,), x)
