# Ported from JuliaGPU/CUDA.jl, examples/scan.jl (commit 1044666b76c2d880cf740a8a0875d701f086e41e):
# work-inefficient inclusive scan of each column, in dynamic shared memory.
# Mechanical changes: `op` is `+` (function arguments are not kernel arguments here),
# `@cuDynamicSharedMem` is its current name `CuDynamicSharedArray`, `@kernel`, `data`
# typed, the `UInt32(2)` multiplier is `2` (an Int64 offset).
# run: threads=64 blocks=4 shmem=1024

@kernel function gpu_accumulate!(data::DeviceArray{Int64,2})
    col = blockIdx().x
    cols = gridDim().x

    row = threadIdx().x
    rows = blockDim().x

    if col <= cols && row <= rows
        shmem = CuDynamicSharedArray(Int64, 2 * rows)
        shmem[row] = data[row, col]
        sync_threads()

        # parallel reduction
        pin, pout = 1, 0
        offset = 1
        while offset < rows
            pout = 1 - pout
            pin = 1 - pin
            if row > offset
                shmem[pout * rows + row] =
                    shmem[pin * rows + row] + shmem[pin * rows + row - offset]
            else
                shmem[pout * rows + row] =
                    shmem[pin * rows + row]
            end
            sync_threads()
            offset *= 2
        end
        shmem[pin * rows + row] = shmem[pout * rows + row]
        sync_threads()

        # write back results
        data[row, col] = shmem[row]
    end

    return
end
