# Ported from JuliaGPU/CUDA.jl, examples/peakflops.jl (commit fd1008df7adde63bd46e078d075e6180c783f9cc):
# 100 chained fused multiply-adds per element (`CUDA.fma`), with a docstring and `@inbounds if`.
# Mechanical changes: the host code (`peakflops`, timing) dropped, `@kernel` marks the
# entry point; the arguments stay untyped.
# run: threads=64 blocks=4

using CUDA
using CUDA: i32

"Dummy kernel doing 100 FMAs."
@kernel function kernel_100fma(a, b, c, out)
    i = (blockIdx().x-1i32) * blockDim().x + threadIdx().x
    @inbounds if i <= length(out)
        a_val = a[i]
        b_val = b[i]
        c_val = c[i]

        for j in 1:33
            a_val = CUDA.fma(a_val, b_val, c_val)
            b_val = CUDA.fma(a_val, b_val, c_val)
            c_val = CUDA.fma(a_val, b_val, c_val)
        end

        out[i] = CUDA.fma(a_val, b_val, c_val)
    end

    return
end
