# Ported from JuliaGPU/CUDA.jl, examples/pairwise.jl (commit 0e014118eca11e0a06722cbff352e07782fa4033):
# pairwise great-circle distances, the points staged in dynamic shared memory.
# Mechanical changes: the kernel takes device arrays instead of pointers wrapped in
# `CuDeviceArray`, `CUDAnative.` prefixes dropped, `@cuDynamicSharedMem` is
# `CuDynamicSharedArray`, `@kernel`, `return` added.
# run: threads=8,8 blocks=3,3 shmem=4096

function haversine_gpu(lat1::Float32, lon1::Float32, lat2::Float32, lon2::Float32, radius::Float32)
    c1 = cospi(lat1 / 180.0f0)
    c2 = cospi(lat2 / 180.0f0)
    dlat = lat2 - lat1
    dlon = lon2 - lon1
    d1 = sinpi(dlat / 360.0f0)
    d2 = sinpi(dlon / 360.0f0)
    t = d2 * d2 * c1 * c2
    a = d1 * d1 + t
    c = 2.0f0 * asin(min(1.0f0, sqrt(a)))
    return radius * c
end

@kernel function pairwise_dist_kernel(lat::DeviceArray{Float32,1}, lon::DeviceArray{Float32,1},
                                      rowresult::DeviceArray{Float32,2}, n::Int64)
    i = (blockIdx().x-1) * blockDim().x + threadIdx().x
    j = (blockIdx().y-1) * blockDim().y + threadIdx().y

    if i <= n && j <= n
        # store to shared memory
        shmem = CuDynamicSharedArray(Float32, 2*blockDim().x + 2*2*blockDim().x)
        if threadIdx().y == 1
            shmem[threadIdx().x] = lat[i]
            shmem[blockDim().x + threadIdx().x] = lon[i]
        end
        if threadIdx().x == 1
            shmem[2*blockDim().x + threadIdx().y] = lat[j]
            shmem[2*blockDim().x + blockDim().y + threadIdx().y] = lon[j]
        end
        sync_threads()

        # load from shared memory
        lat_i = shmem[threadIdx().x]
        lon_i = shmem[blockDim().x + threadIdx().x]
        lat_j = shmem[2*blockDim().x + threadIdx().y]
        lon_j = shmem[2*blockDim().x + blockDim().y + threadIdx().y]

        @inbounds rowresult[i, j] = haversine_gpu(lat_i, lon_i, lat_j, lon_j, 6372.8f0)
    end
    return
end
