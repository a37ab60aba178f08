# Runtime intrinsics (runtime.jl's `@device_function`s): the host stubs in the global
# table reference no `gpu_*` symbol; the GPU jobs see the runtime overlays, which call
# the extern `gpu_<name>`.

function checked_alloc(n::UInt64)
    if n == 0x0000000000000000
        report_exception("zero-size allocation")
    end
    malloc(n)
end

# Bounds-checked indexing (no @inbounds): a BoundsError reports through the runtime.
@kernel function copy_first(a::DeviceArray{Float32,1}, out::DeviceArray{Float32,1})
    out[1] = a[1]
    return
end
