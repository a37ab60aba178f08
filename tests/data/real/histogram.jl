# Ported from JuliaGPU/KernelAbstractions.jl, examples/histogram.jl (commit 1de79aae2aa471e8007abf88fe9bc34a15ade817):
# a histogram built in shared memory with atomics, then added to the global one.
# Mechanical changes (KernelAbstractions → CUDA.jl's spelling): `@index(Global, Linear)`
# and `@index(Local, Linear)` are written with blockIdx/threadIdx, `@groupsize()[1]` is
# `blockDim().x`, `@uniform` is dropped, `@localmem Int (gs)` is a static
# `CuStaticSharedArray(Int64, 256)` (the example launches groups of 256),
# `@synchronize()` is `sync_threads()`, `@kernel` and typed arguments, `return` added.
# run: threads=256 blocks=4

@kernel function histogram_kernel!(histogram_output::DeviceArray{Int64,1}, input::DeviceArray{Int64,1})
    tid = (blockIdx().x - 1) * blockDim().x + threadIdx().x
    lid = threadIdx().x

    gs = blockDim().x
    N = length(histogram_output)

    shared_histogram = CuStaticSharedArray(Int64, 256)

    # This will go through all input elements and assign them to a location in
    # shmem. Note that if there is not enough shem, we create different shmem
    # blocks to write to.
    max_element = 1
    for min_element in 1:gs:N

        # Setting shared_histogram to 0
        @inbounds shared_histogram[lid] = 0
        sync_threads()

        max_element = min_element + gs
        if max_element > N
            max_element = N + 1
        end

        # Defining bin on shared memory and writing to it if possible
        bin = input[tid]
        if bin >= min_element && bin < max_element
            bin -= min_element - 1
            @atomic shared_histogram[bin] += 1
        end

        sync_threads()

        if ((lid + min_element - 1) <= N)
            @atomic histogram_output[lid + min_element - 1] += shared_histogram[lid]
        end

    end
    return
end
