# The print macros (`@cuprintln` with `$name` interpolation, `@cuprint`, KernelAbstractions'
# `@print`) and `@cuassert`: run by tests/all/gpumodel.rs through `strata run`, whose
# stdout/stderr are compared, and compiled for PTX and AMDGPU.
@kernel function interp(a::DeviceArray{Float32,1}, n::UInt8, flag::Bool)
    i = threadIdx().x
    x = a[i]
    @cuprintln("thread $i: x = $x, n = $n, flag = $flag, 100%")
    @cuprint("no newline ", i, "|")
    @print("ka ", x * 2f0, "\n")
    return
end

@kernel function checked(a::DeviceArray{Int64,1})
    i = threadIdx().x
    @cuassert a[i] > 0 "a must be positive"
    @cuassert(a[i] < 100)
    a[i] += 1
    return
end
