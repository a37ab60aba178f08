# Element-wise vector addition, one thread per element.
@kernel function vadd(a::Vector{Float32}, b::Vector{Float32}, c::Vector{Float32})
    i = (blockIdx_x() - Int32(1)) * blockDim_x() + threadIdx_x()
    if i <= length(c)
        @inbounds c[i] = a[i] + b[i]
    end
    return nothing
end
