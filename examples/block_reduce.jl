# Per-block sum: block b writes the sum of its slice of x into partial[b].
#
# A tree reduction through a global scratch array with one slot per thread of the grid
# (length(scratch) == gridDim().x * blockDim().x; shared memory is out of scope), with a
# barrier between the levels. blockDim().x must be a power of two. Summing `partial`
# (on the host, or by a second launch with one block) gives the total.

@kernel function block_sum(x::DeviceArray{Float32,1}, scratch::DeviceArray{Float32,1},
                           partial::DeviceArray{Float32,1})
    tid = threadIdx().x
    i = (blockIdx().x - Int32(1)) * blockDim().x + tid
    # Threads past the end of x contribute zero.
    v = 0f0
    if i <= length(x)
        v = @inbounds x[i]
    end
    @inbounds scratch[i] = v
    sync_threads()

    # Halve the number of active threads each step: thread t adds slot t + s into t.
    s = blockDim().x >> 1
    while s > Int32(0)
        if tid <= s
            @inbounds scratch[i] += scratch[i + s]
        end
        sync_threads()
        s = s >> 1
    end

    if tid == Int32(1)
        @inbounds partial[blockIdx().x] = scratch[i]
    end
    return
end
