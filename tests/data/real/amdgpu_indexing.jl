# Ported from JuliaGPU/AMDGPU.jl, test/device/indexing.jl (commit 58dd394ac5763e742ca1900460f5cf4656038b54), testset "Kernel
# Indexing": `dim_kern` records the group size, the grid size in work-items and in
# groups of a 3-D launch, in AMDGPU.jl's names.
# Mechanical changes: `@kernel` marks the kernel; the host code dropped.
# run: threads=1,2,3 blocks=4,4,6

using AMDGPU
using AMDGPU: Device, ROCArray, @roc
using AMDGPU.Device: workitemIdx, workgroupIdx, workgroupDim, gridItemDim, gridGroupDim

@kernel function dim_kern(X)
    X[1] = workgroupDim().x
    X[2] = workgroupDim().y
    X[3] = workgroupDim().z

    X[4] = gridItemDim().x
    X[5] = gridItemDim().y
    X[6] = gridItemDim().z

    X[7] = gridGroupDim().x
    X[8] = gridGroupDim().y
    X[9] = gridGroupDim().z

    nothing
end
