# Ported from JuliaGPU/AMDGPU.jl, test/device/vadd.jl (commit 58dd394ac5763e742ca1900460f5cf4656038b54):
# AMDGPU.jl's original vector-addition test kernel, in AMDGPU.jl's own names
# (`workitemIdx`, `sync_workgroup`).
# Mechanical changes: `@kernel` marks the kernel; the host code dropped.
# run: threads=8 blocks=1

using AMDGPU
using AMDGPU: Device, ROCArray, @roc
using AMDGPU.Device: workitemIdx, sync_workgroup

@kernel function vadd(a,b,c)
    i = workitemIdx().x
    c[i] = a[i] + b[i]
    sync_workgroup()
    return nothing
end
