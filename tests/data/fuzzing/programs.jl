# program 0
@inline function h0_0(p0::Int32)
    v0 = (false | false)
    v1 = (abs((UInt32(2), Int32(1))[1]),)
    v2 = Int32(0)
    while v2 < 7
        v2 += Int32(1)
        v3 = ((false || div(v0, v0)) ? (sign(typemax(Int64)) + leading_zeros((-1))) : typemax(Int64))
        v4 = (min(0x06, (0x00, 0x02)[1]) != v3)
        v5 = ((blockDim().z ⊻ v2), (2.5f0 ^ -1), max(UInt32(4), max(0x03, UInt32(2))))
        v6 = v5[3]
        v7 = (-(threadIdx().x))
        v8 = mod(v4, false)
    end
    return min(rem(mod(p0, p0), (UInt32(1), p0)[2]), max((-(UInt32(3))), (-1)))
end

function h1_0()
    for v0 in 1:(2 * 1)
        v1 = typemax(Float32)
        v2 = (UInt32(2), (v0 * (0x03 * 0x06)))[2]
    end
    for v3 in 1:2:(-2)
    end
    local v4::Int64 = (-2)
    local v5::Int64 = v4
    local v6::Int64 = v4
    return Int32(-2)
end

@kernel function k_0(a0::DeviceArray{Int32,1}, s0::UInt8, s1::Float32, s2::Bool)
    v0 = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    if v0 <= length(a0)
        @inbounds a0[v0] = 2.25
    end
    v1 = (UInt32(3),)
    v2 = Float64(((2 * (-1)) + (s0 + 2)))
    v3 = (convert(Float64, (0.5f0 ^ 2)) - a0[max(2, 4)])
    return
end

# program 1
@noinline function h0_1(p0::Float64)
    v0 = 0
    while v0 < 1
        v0 += 1
        v1 = p0
    end
    v2 = (-(((false, 0x01)[2] | (6.5f0, 0x01)[2])))
    if false
        v3 = ((true ? (typemax(Int32) - Int32(0)) : (Int32(3) - gridDim().z)) ≠ 4.5f0)
        v4 = ((min(0x01, v2) ÷ (-(0x06))) * (v3 ? (0x01 | v2) : UInt8((v3 ? UInt32(1) : UInt32(1)))))
        v5 = (-((UInt8(0) * v4)))
        v6 = Float64(6)
        v7 = ((Int32(0) >> (Int32(1) >> Int32(0))) % (clamp(Int32(-1), Int32(5), Int32(6)), Int32(6))[1])
    elseif div(((p0 + 0.25) < 0x05), mod(false, (6 ≠ 4.5f0)))
        v8 = ((false ? 0x05 : UInt8(UInt32(4))) + ((v2 + v2), abs(typemax(Int32)))[1])
        v9 = p0
        v10 = 4.5f0
        v11 = ((v2 + v8) - v8)
        v12 = Int32((isnan(Float32(false)) ? (ceil(v10) * Float32((false ? 5 : true))) : v10))
    else
    end
    local v13::Int64 = (-2)
    local v14::Int64 = v13
    return (-2)
end

@kernel function k_1(a0::DeviceArray{Float32,1}, a1::DeviceArray{UInt8,2}, a2::DeviceArray{Int32,1})
    @inbounds a2[abs((typemin(Int64) % 6))] = ceil(UInt8, 0.25)
    a1[length(a2), (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x] = ((sqrt(abs(3.25)) != typemax(Int32)) ? ((false ? 0x03 : 0x03) * sign(0x00)) : 0x05)
    v0 = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    if v0 <= length(a0)
        a0[v0] = 0.5f0
    end
    return
end

# program 2
struct S_2
    f0::Int32
end

@kernel function k_2(a0::DeviceArray{Int64,1}, a1::DeviceArray{Int64,1}, s0::Bool, s1::Int32, s2::Float64, st::S_2)
    local v0::Int64 = ((divrem((-2), 6)[1] ^ 3) ÷ ((UInt32(6) + 6), typemax(Int64))[1])
    if false
    end
    v1::UInt8 = length(a1)
    return
end

# program 3
struct S_3
    f0::Int64
    f1::Bool
end

@kernel function k_3(a0::DeviceArray{Float32,1}, a1::DeviceArray{Int64,1})
    if true
    end
    local v0::Int32 = (((false ? false : false) ? false : false) ? Int32(-2) : Int32(-2))
    local v1::Int64 = (-2)
    return
end

# program 4
@kernel function k_4(a0::DeviceArray{Float64,1}, a1::DeviceArray{Int32,1}, a2::DeviceArray{Float64,1}, s0::UInt8, s1::UInt32, s2::Float32)
    return
end

