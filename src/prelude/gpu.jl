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

# AMDGPU.jl's names for the same (`AMDGPU.Device`): a work-item is a thread, a
# workgroup a block; `gridItemDim()` counts work-items (blockDim × gridDim per axis),
# `gridGroupDim()` workgroups. Each calls the function above, so each back end's
# overlay applies.
@inline workitemIdx() = threadIdx()
@inline workgroupIdx() = blockIdx()
@inline workgroupDim() = blockDim()
@inline gridGroupDim() = gridDim()
@inline function gridItemDim()
    b = blockDim()
    g = gridDim()
    return Dim3(b.x * g.x, b.y * g.y, b.z * g.z)
end
@inline sync_workgroup() = sync_threads()

# Shared memory (CUDA.jl's names): `CuStaticSharedArray(T, dims)` is an array of the
# block's shared memory (address space 3 on PTX, LDS on AMDGPU, one buffer per block
# shared by the block's host threads natively), with the usual indexing, `size` and
# bounds checks. Each call site is its own allocation: the extern below is replaced,
# before linking, by a module global of that many bytes (`src/codegen/shared.rs`), so
# `dims` must be known at compile time (literals, or constants after inlining).
# Deviation: CUDA.jl makes one allocation per method specialization; here, one per call
# site after inlining.
@inline function CuStaticSharedArray(::Type{T}, n::Integer) where {T}
    len = convert(Int64, n)
    p = ccall("extern strata_static_shared", llvmcall, Ptr{Nothing}, (Int64, Int64), len * sizeof(T), sizeof(T))
    DeviceArray{T,1}(Core.Intrinsics.bitcast(Ptr{T}, p), (len,))
end
@inline function CuStaticSharedArray(::Type{T}, dims::Tuple{Integer}) where {T}
    CuStaticSharedArray(T, dims[1])
end
@inline function CuStaticSharedArray(::Type{T}, dims::Tuple{Integer,Integer}) where {T}
    m = convert(Int64, dims[1])
    n = convert(Int64, dims[2])
    p = ccall("extern strata_static_shared", llvmcall, Ptr{Nothing}, (Int64, Int64), m * n * sizeof(T), sizeof(T))
    DeviceArray{T,2}(Core.Intrinsics.bitcast(Ptr{T}, p), (m, n))
end

# Dynamic shared memory: `CuDynamicSharedArray(T, dims[, offset])` views the launch's
# dynamic shared memory (CUDA's `shmem=` launch parameter; `strata run --shmem BYTES`),
# from byte `offset`. On PTX and AMDGPU it is the external, zero-length address-space-3
# array `strata_dynamic_shmem` (`src/codegen/shared.rs`); natively, the launch's buffer
# (the Native overlay of `dynamic_shared_base`, which throws a BoundsError when the
# view ends past the launch's size; GPUs do not check that).
dynamic_shared_base(bytes::Int64) = ccall("extern strata_dynamic_shared", llvmcall, Ptr{Nothing}, ())
@inline function CuDynamicSharedArray(::Type{T}, n::Integer, offset::Integer) where {T}
    len = convert(Int64, n)
    off = convert(Int64, offset)
    p = dynamic_shared_base(off + len * sizeof(T)) + off
    DeviceArray{T,1}(Core.Intrinsics.bitcast(Ptr{T}, p), (len,))
end
@inline CuDynamicSharedArray(::Type{T}, n::Integer) where {T} = CuDynamicSharedArray(T, n, 0)
@inline function CuDynamicSharedArray(::Type{T}, dims::Tuple{Integer,Integer}, offset::Integer) where {T}
    m = convert(Int64, dims[1])
    n = convert(Int64, dims[2])
    off = convert(Int64, offset)
    p = dynamic_shared_base(off + m * n * sizeof(T)) + off
    DeviceArray{T,2}(Core.Intrinsics.bitcast(Ptr{T}, p), (m, n))
end
@inline CuDynamicSharedArray(::Type{T}, dims::Tuple{Integer,Integer}) where {T} = CuDynamicSharedArray(T, dims, 0)
@inline CuDynamicSharedArray(::Type{T}, dims::Tuple{Integer}) where {T} = CuDynamicSharedArray(T, dims[1], 0)

# Device printf: `@cuprintf("fmt", args…)` is `cuprintf("fmt", args…)` (CUDA.jl's
# @cuprintf; the format is C's, checked by nobody, as in CUDA.jl). Arguments are
# promoted as C's variadic calls promote them (Float32 → Float64, Bool and 8/16-bit
# integers → Int32). PTX prints through `vprintf`, natively through the host's `printf`
# (`src/codegen/printf.rs`), on AMDGPU through ROCm's hostcall printf (OCKL). Up to 6 arguments.
printf_arg(x::Float32) = convert(Float64, x)
printf_arg(x::Float16) = convert(Float64, x)
printf_arg(x::Union{Bool,Int8,Int16}) = convert(Int32, x)
printf_arg(x::Union{UInt8,UInt16}) = convert(UInt32, x)
printf_arg(x::Union{Int32,Int64,UInt32,UInt64,Float64}) = x
printf_arg(x::Ptr{T}) where {T} = x
strata_printf(fmt::String) = ccall("extern strata_printf", llvmcall, Int32, (String,), fmt)
strata_printf(fmt::String, a::A) where {A} = ccall("extern strata_printf", llvmcall, Int32, (String, A), fmt, a)
strata_printf(fmt::String, a::A, b::B) where {A, B} =
    ccall("extern strata_printf", llvmcall, Int32, (String, A, B), fmt, a, b)
strata_printf(fmt::String, a::A, b::B, c::C) where {A, B, C} =
    ccall("extern strata_printf", llvmcall, Int32, (String, A, B, C), fmt, a, b, c)
strata_printf(fmt::String, a::A, b::B, c::C, d::D) where {A, B, C, D} =
    ccall("extern strata_printf", llvmcall, Int32, (String, A, B, C, D), fmt, a, b, c, d)
strata_printf(fmt::String, a::A, b::B, c::C, d::D, e::E) where {A, B, C, D, E} =
    ccall("extern strata_printf", llvmcall, Int32, (String, A, B, C, D, E), fmt, a, b, c, d, e)
strata_printf(fmt::String, a::A, b::B, c::C, d::D, e::E, f::F) where {A, B, C, D, E, F} =
    ccall("extern strata_printf", llvmcall, Int32, (String, A, B, C, D, E, F), fmt, a, b, c, d, e, f)
# `@cuprint(items…)`, `@cuprintln(items…)` (with `$name` interpolation in string
# literals) and KernelAbstractions' `@print(items…)` are `cuprint_interp(fmt, values…)`
# (the parser's `print_macro`): `fmt` marks where each value goes, and
# `src/codegen/printf.rs` writes there the C conversion of the value's type after
# `printf_interp`: signed integers print as Int64 (`%ld`), unsigned ones as UInt64
# (`%lu`), floats as Float64 with `%f` (CUDA.jl's @cuprintln: `1.5` prints
# `1.500000`, a deviation from Julia's `print`), Bool as `true`/`false`, pointers with
# `%p`, strings with `%s`. Up to 6 values.
struct PrintfUnsigned
    x::UInt64
end
struct PrintfPointer
    p::Ptr{Nothing}
end
@inline printf_interp(x::Signed) = convert(Int64, x)
@inline printf_interp(x::Unsigned) = PrintfUnsigned(convert(UInt64, x))
@inline printf_interp(x::Bool) = x ? "true" : "false"
@inline printf_interp(x::AbstractFloat) = convert(Float64, x)
@inline printf_interp(x::String) = x
@inline printf_interp(x::Ptr{T}) where {T} = PrintfPointer(Core.Intrinsics.bitcast(Ptr{Nothing}, x))
@inline strata_printf_interp(fmt::String) = ccall("extern strata_printf_interp", llvmcall, Int32, (String,), fmt)
@inline strata_printf_interp(fmt::String, a::A) where {A} =
    ccall("extern strata_printf_interp", llvmcall, Int32, (String, A), fmt, a)
@inline strata_printf_interp(fmt::String, a::A, b::B) where {A, B} =
    ccall("extern strata_printf_interp", llvmcall, Int32, (String, A, B), fmt, a, b)
@inline strata_printf_interp(fmt::String, a::A, b::B, c::C) where {A, B, C} =
    ccall("extern strata_printf_interp", llvmcall, Int32, (String, A, B, C), fmt, a, b, c)
@inline strata_printf_interp(fmt::String, a::A, b::B, c::C, d::D) where {A, B, C, D} =
    ccall("extern strata_printf_interp", llvmcall, Int32, (String, A, B, C, D), fmt, a, b, c, d)
@inline strata_printf_interp(fmt::String, a::A, b::B, c::C, d::D, e::E) where {A, B, C, D, E} =
    ccall("extern strata_printf_interp", llvmcall, Int32, (String, A, B, C, D, E), fmt, a, b, c, d, e)
@inline strata_printf_interp(fmt::String, a::A, b::B, c::C, d::D, e::E, f::F) where {A, B, C, D, E, F} =
    ccall("extern strata_printf_interp", llvmcall, Int32, (String, A, B, C, D, E, F), fmt, a, b, c, d, e, f)
@inline function cuprint_interp(fmt::String)
    strata_printf_interp(fmt)
    nothing
end
@inline function cuprint_interp(fmt::String, a)
    strata_printf_interp(fmt, printf_interp(a))
    nothing
end
@inline function cuprint_interp(fmt::String, a, b)
    strata_printf_interp(fmt, printf_interp(a), printf_interp(b))
    nothing
end
@inline function cuprint_interp(fmt::String, a, b, c)
    strata_printf_interp(fmt, printf_interp(a), printf_interp(b), printf_interp(c))
    nothing
end
@inline function cuprint_interp(fmt::String, a, b, c, d)
    strata_printf_interp(fmt, printf_interp(a), printf_interp(b), printf_interp(c), printf_interp(d))
    nothing
end
@inline function cuprint_interp(fmt::String, a, b, c, d, e)
    strata_printf_interp(fmt, printf_interp(a), printf_interp(b), printf_interp(c), printf_interp(d), printf_interp(e))
    nothing
end
@inline function cuprint_interp(fmt::String, a, b, c, d, e, f)
    strata_printf_interp(fmt, printf_interp(a), printf_interp(b), printf_interp(c), printf_interp(d), printf_interp(e), printf_interp(f))
    nothing
end

# `@cuassert cond ["msg"]` (the parser's `assert_macro`) calls `cuassert_fail(msg,
# file, line)` when `cond` is false, then throws an `AssertionError` (which ends the
# launch natively, with the exception report, and traps on AMDGPU). The extern prints
# CUDA's message, `file:line: Assertion `msg` failed.`: on PTX through CUDA's
# `__assertfail` (which also stops the thread), on AMDGPU through hostcall printf,
# natively on the host's stderr (`src/codegen/printf.rs`).
@inline cuassert_fail(msg::String, file::String, line::Int64) =
    ccall("extern strata_assertfail", llvmcall, Nothing, (String, String, Int32), msg, file, convert(Int32, line))

@inline function cuprintf(fmt::String)
    strata_printf(fmt)
    nothing
end
@inline function cuprintf(fmt::String, a)
    strata_printf(fmt, printf_arg(a))
    nothing
end
@inline function cuprintf(fmt::String, a, b)
    strata_printf(fmt, printf_arg(a), printf_arg(b))
    nothing
end
@inline function cuprintf(fmt::String, a, b, c)
    strata_printf(fmt, printf_arg(a), printf_arg(b), printf_arg(c))
    nothing
end
@inline function cuprintf(fmt::String, a, b, c, d)
    strata_printf(fmt, printf_arg(a), printf_arg(b), printf_arg(c), printf_arg(d))
    nothing
end
@inline function cuprintf(fmt::String, a, b, c, d, e)
    strata_printf(fmt, printf_arg(a), printf_arg(b), printf_arg(c), printf_arg(d), printf_arg(e))
    nothing
end
@inline function cuprintf(fmt::String, a, b, c, d, e, f)
    strata_printf(fmt, printf_arg(a), printf_arg(b), printf_arg(c), printf_arg(d), printf_arg(e), printf_arg(f))
    nothing
end
