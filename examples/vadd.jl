# Vector addition c = a + b with a grid-stride loop: any launch size covers the whole
# vector, each thread taking every stride-th element.

@kernel function vadd(a::DeviceArray{T,1}, b::DeviceArray{T,1}, c::DeviceArray{T,1}) where {T<:Number}
    index = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    stride = gridDim().x * blockDim().x
    for i in index:stride:length(c)
        @inbounds c[i] = a[i] + b[i]
    end
    return
end
