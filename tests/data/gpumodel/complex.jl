# Complex arithmetic (src/prelude/complex.jl): run natively by tests/all/gpumodel.rs against
# a Rust reference, compiled for PTX and AMDGPU.
@kernel function complex_ops(re::DeviceArray{Float32,1}, im::DeviceArray{Float32,1}, a2::DeviceArray{Float32,1}, x::DeviceArray{Float32,1})
    i = threadIdx().x
    z = Complex(x[i], 1f0)
    w = z * conj(z) + exp(Complex(0f0, x[i])) / Complex(2f0, 1f0) - 3 * z
    re[i] = real(w)
    im[i] = imag(w)
    a2[i] = abs2(w) + abs(Complex(3f0, 4f0)) + (z == Complex(x[i], 1f0) ? 100f0 : 0f0)
    return
end

@kernel function complex_mixed(out::DeviceArray{Float64,1})
    z = Complex(1, 2.5) + Complex(2f0)
    out[1] = real(z)
    out[2] = imag(-z)
    out[3] = real(z / 2)
    return
end
