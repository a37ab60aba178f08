# 1-D three-point stencil (a smoothing step of the heat equation):
#     out[i] = u[i] + alpha * (u[i-1] - 2 u[i] + u[i+1])
# Boundary points are copied unchanged.

@kernel function heat1d(u::DeviceArray{Float32,1}, out::DeviceArray{Float32,1}, alpha::Float32)
    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    n = length(u)
    if i == Int32(1) || i == n
        @inbounds out[i] = u[i]
    elseif i < n
        @inbounds begin
            left = u[i - 1]
            mid = u[i]
            right = u[i + 1]
            out[i] = mid + alpha * (left - 2f0 * mid + right)
        end
    end
    return
end
