# Naive matrix multiply C = A * B (column-major, Float32): one thread per element of C,
# on a 2-D grid of 2-D blocks (x runs over rows, y over columns).

# The dot product of row `i` of A and column `j` of B.
@inline function rowcol(A::DeviceArray{Float32,2}, B::DeviceArray{Float32,2}, i::Int32, j::Int32)
    acc = 0f0
    for k in 1:size(A, 2)
        @inbounds acc = muladd(A[i, k], B[k, j], acc)
    end
    acc
end

@kernel function matmul(A::DeviceArray{Float32,2}, B::DeviceArray{Float32,2}, C::DeviceArray{Float32,2})
    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    j = (blockIdx().y - Int32(1)) * blockDim().y + threadIdx().y
    if i <= size(C, 1) && j <= size(C, 2)
        @inbounds C[i, j] = rowcol(A, B, i, j)
    end
    return
end
