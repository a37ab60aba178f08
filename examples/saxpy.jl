# SAXPY: y = a * x + y, one element per thread.
#
# Launch with at least length(y) threads in total; the extra threads of the last block
# do nothing.

# The global, 1-based index of this thread along x.
@inline global_index() = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x

@kernel function saxpy(a::Float32, x::DeviceArray{Float32,1}, y::DeviceArray{Float32,1})
    i = global_index()
    if i <= length(y)
        @inbounds y[i] = a * x[i] + y[i]
    end
    return
end
