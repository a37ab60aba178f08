# Device printf (`@cuprintf`): run by tests/all/gpumodel.rs through `strata run`, whose stdout is compared.
@kernel function hello(a::DeviceArray{Float32,1})
    i = threadIdx().x
    @cuprintf("thread %d of %ld: %f\n", i, Int64(blockDim().x), a[i])
    @cuprintf("plain\n")
    return
end
