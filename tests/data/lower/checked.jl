# Bounds checks, exceptions through the runtime, and intrinsics as the prelude uses them.
struct BoundsError
    len::Int64
    index::Int64
end

function getindex_checked(a::Vector{Float32}, i::Int64)
    @boundscheck (1 <= i && i <= length(a)) || throw(BoundsError(length(a), i))
    return unsafe_load(pointer(a), i)
end

+(x::Int64, y::Int64) = Core.Intrinsics.add_int(x, y)
<(x::Int64, y::Int64) = Core.Intrinsics.slt_int(x, y)
sqrt(x::Float64) = ccall("llvm.sqrt.f64", llvmcall, Float64, (Float64,), x)

@device_function report_exception(ex::Ptr{UInt8})::Nothing
