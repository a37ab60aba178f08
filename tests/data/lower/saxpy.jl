# y = a*x + y with a grid-stride loop and a typed accumulator index.
@kernel function saxpy(a::Float32, x::Vector{Float32}, y::Vector{Float32})
    index::Int64 = threadIdx_x()
    stride = blockDim_x() * gridDim_x()
    n = length(y)
    while index <= n
        @inbounds y[index] = a * x[index] + y[index]
        index += stride
    end
end
