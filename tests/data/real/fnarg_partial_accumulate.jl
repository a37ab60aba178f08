# Ported from JuliaGPU/CUDA.jl, src/accumulate.jl (commit 06949158038874bd1c6b37027d9f43e2edf30259):
# one pass of the Hillis–Steele scan in global memory; the kernel takes the scan's operator
# `op` as a function argument (zero bytes in the kernel ABI, called by dispatch on its type).
# Mechanical changes: `@kernel` and typed arrays; the pass combines with `op`, where the
# original wrote `+` although it takes `op` (the host loop launches one pass per offset `Δ`).
# run: threads=256 blocks=4

@kernel function _partial_accumulate!(op, vout::DeviceArray{Int64,1}, vin::DeviceArray{Int64,1}, Δ::Int64)
    @inbounds begin

        k = threadIdx().x + (blockIdx().x-1)*blockDim().x

        if k <= length(vin)
            if k > Δ
                vout[k] = op(vin[k - Δ], vin[k])
            else
                vout[k] = vin[k]
            end
        end
    end

    return nothing

end
