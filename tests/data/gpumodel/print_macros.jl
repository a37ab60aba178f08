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

# `@localmem` (KernelAbstractions) in both spellings.
@kernel function localmem(a::DeviceArray{Float32,1})
    i = threadIdx().x
    tile = @localmem Float32 (64,)
    tile2 = @localmem(Int32, (2, 32))
    tile[i] = a[i]
    tile2[1, i] = Int32(i)
    sync_threads()
    a[i] = tile[length(a) + 1 - i] + Float32(tile2[1, i])
    return
end
