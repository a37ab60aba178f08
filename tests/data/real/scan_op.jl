# Ported from JuliaGPU/CUDA.jl, examples/scan.jl (commit 1044666b76c2d880cf740a8a0875d701f086e41e):
# work-inefficient inclusive scan of each column in dynamic shared memory, with the
# operator as a function argument (`op::Function`), as in the original.
# Mechanical changes: `using CUDAdrv, CUDAnative` and the host code dropped,
# `CuDeviceMatrix{T}` is `DeviceArray{T,2}`, `@cuDynamicSharedMem` is its current name
# `CuDynamicSharedArray`, the kernel is renamed `gpu_accumulate_op!` (the corpus has
# the `+`-only port as `gpu_accumulate!`), `@kernel` marks it.
# run: threads=64 blocks=4 shmem=1024

@kernel function gpu_accumulate_op!(op::Function, data::DeviceArray{T,2}) where {T}
    col = blockIdx().x
    cols = gridDim().x

    row = threadIdx().x
    rows = blockDim().x

    if col <= cols && row <= rows
        shmem = CuDynamicSharedArray(T, 2*rows)
        shmem[row] = data[row,col]
        sync_threads()

        # parallel reduction
        pin, pout = 1, 0
        offset = 1
        while offset < rows
            pout = 1 - pout
            pin = 1 - pin
            if row > offset
                shmem[pout * rows + row] =
                    op(shmem[pin * rows + row],
                       shmem[pin * rows + row - offset])
            else
                 shmem[pout * rows + row] =
                    shmem[pin * rows + row]
            end
            sync_threads()
            offset *= UInt32(2)
        end
        shmem[pin * rows + row] = shmem[pout * rows + row]
        sync_threads()

        # write back results
        data[row,col] = shmem[row]
    end

    return
end
