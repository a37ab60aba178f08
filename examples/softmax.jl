# Row-wise softmax of a matrix (column-major): Y[r, :] = exp(X[r, :] - m) / sum, with
# m the row's maximum for numerical stability. One thread per row.

@kernel function softmax_rows(X::DeviceArray{Float32,2}, Y::DeviceArray{Float32,2})
    r = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    if r > size(X, 1)
        return
    end
    ncols = size(X, 2)

    m = typemin(Float32)
    for c in 1:ncols
        @inbounds m = max(m, X[r, c])
    end

    total = 0f0
    for c in 1:ncols
        @inbounds e = exp(X[r, c] - m)
        @inbounds Y[r, c] = e
        total += e
    end

    for c in 1:ncols
        @inbounds Y[r, c] = Y[r, c] / total
    end
    return
end
