# Map raw Int32 sensor counts to calibrated Float32 values and to 8-bit levels:
#     value = clamp(count * gain + offset, lo, hi)
#     level = round(UInt8, 255 * (value - lo) / (hi - lo))
# The arithmetic mixes Int32, Int64 and Float32 and promotes as Julia does
# (Int32 * Float32 is Float32, Float32 + Int32 is Float32).

@inline function calibrate(count::Int32, gain::Float32, offset::Int32, lo::Float32, hi::Float32)
    clamp(count * gain + offset, lo, hi)
end

@kernel function clamp_map(counts::DeviceArray{Int32,1}, values::DeviceArray{Float32,1},
                           levels::DeviceArray{UInt8,1}, gain::Float32, offset::Int32,
                           lo::Float32, hi::Float32)
    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    if i > length(counts)
        return
    end
    @inbounds v = calibrate(counts[i], gain, offset, lo, hi)
    @inbounds values[i] = v
    @inbounds levels[i] = round(UInt8, 255 * (v - lo) / (hi - lo))
    return
end
