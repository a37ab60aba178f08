# One Jacobi step of the 2-D Laplace equation on an nx-by-ny grid: every interior point
# becomes the mean of its four neighbours; the boundary stays fixed. One thread per
# point, on a 2-D grid of 2-D blocks.

@inline function neighbour_mean(u::DeviceArray{Float64,2}, i::Int64, j::Int64)
    @inbounds s = u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1]
    0.25 * s
end

@kernel function jacobi2d(u::DeviceArray{Float64,2}, unew::DeviceArray{Float64,2})
    i = convert(Int64, (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x)
    j = convert(Int64, (blockIdx().y - Int32(1)) * blockDim().y + threadIdx().y)
    nx = size(u, 1)
    ny = size(u, 2)
    if i > nx || j > ny
        return
    end
    if i == 1 || j == 1 || i == nx || j == ny
        @inbounds unew[i, j] = u[i, j]
    else
        @inbounds unew[i, j] = neighbour_mean(u, i, j)
    end
    return
end
