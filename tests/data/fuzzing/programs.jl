# program 0
function h0_0(p0::Int32)
    v0 = 0
    while v0 < 4 && true
        v0 += 1
        v1 = 5.25
        v2 = 0x05
        v3 = (abs((UInt32(2), Int32(1))[1]), min(sign(v2), (false ? UInt32(1) : UInt32(2))))[1]
        v4 = false
        v5 = (0x02,)
        if ((gridDim().x < v2) | (!(v4)))
            break
        end
    end
    v6 = 0
    while v6 < 4 && (round(6.5f0) > UInt32(1))
        v6 += 1
        v7 = ((~(UInt32(6))),)
        v8 = v7[1]
        if div(true, false)
            continue
        end
        v9 = Int32(5)
        v10 = 2.5f0
        v11 = v7[1]
    end
    v12 = (-(threadIdx().x))
    if (mod(true, false) ? (false && mod(true, false)) : true)
        v13 = UInt32(2)
        v14 = ((-1), (-2.25), (abs(0x05), copysign(2.25, 5.25))[2])
        v15 = typemax(Float32)
        v16 = ((6 * (0x03 - 0x03)), v13)[1]
        v17 = true
    else
    end
    local v18::Int64 = (-2)
    local v19::Int64 = v18
    return (-2)
end

function h1_0()
    return Int32(-2)
end

@kernel function k_0(a0::DeviceArray{Int32,1}, s0::UInt8, s1::Float32, s2::Bool)
    v0 = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    if v0 <= length(a0)
        @inbounds a0[v0] = 2.25
    end
    v1 = (UInt32(3),)
    v2 = convert(Float64, (0 + (Int32(3), (-1))[2]))
    v3 = ((convert(UInt8, s1) - (false ? s0 : s0)), v1[1])[1]
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
    a1[length(a2), (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x] = ((round(3.25) != typemax(Int32)) ? ((false ? 0x03 : 0x03) * sign(0x00)) : 0x05)
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
    v0::Int64 = s1
    v1 = (length(a0) - (v0 * min(v0, v0)))
    v2 = ((0x04 + min(0x00, 0x06)), (div(length(a0), v1) + (UInt32(3) ÷ UInt32(2))))[1]
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

