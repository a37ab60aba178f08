# The GPU runtime intrinsics (GPUCompiler.jl's runtime library). Each declaration gives
# a host stub in the global table (returning a zero of the declared type, referencing
# no `gpu_*` symbol) and an overlay in the private runtime table calling the extern
# `gpu_<name>` that each target's runtime library defines.
#
# Lowering turns `throw(E())` into
#     report_exception_name("E"); report_exception_frame(Int32(1), "f", "file.jl", Int32(line))
#     signal_exception(); unreachable
# String arguments are declared `String`: a string literal has type String, and codegen
# passes it as a pointer to its NUL-terminated bytes (GPUCompiler's `Ptr{Cchar}`), so
# the externs keep GPUCompiler's C signatures.

@device_function signal_exception()::Nothing
@device_function report_exception(ex::String)::Nothing
@device_function report_oom(sz::UInt64)::Nothing
@device_function report_exception_frame(idx::Int32, func::String, file::String, line::Int32)::Nothing
@device_function report_exception_name(ex::String)::Nothing
@device_function malloc(sz::UInt64)::Ptr{Nothing}
