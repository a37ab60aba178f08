# Ported from luraess/parallel-gpu-workshop-JuliaCon21, extras/diffusion_2D_perf_tests/memcopy3D_noPS.jl
# (commit 4d4aa20aee45cf922d57670fc0be1846b9a71bbd; MIT): a 3-D kernel on 3-D arrays, one-line `if`.
# Mechanical changes: `@kernel` marks the kernel; the host code (`memcopy3D`) dropped.
# run: threads=4,4,2 blocks=2,2,3

using CUDA

@kernel function copy3D!(T2, T, Ci)
    ix = (blockIdx().x-1) * blockDim().x + threadIdx().x
    iy = (blockIdx().y-1) * blockDim().y + threadIdx().y
    iz = (blockIdx().z-1) * blockDim().z + threadIdx().z
    if (ix<=size(T2,1) && iy<=size(T2,2) && iz<=size(T2,3)) T2[ix,iy,iz] = T[ix,iy,iz] + Ci[ix,iy,iz] end
    return
end
