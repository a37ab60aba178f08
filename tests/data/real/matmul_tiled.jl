# Ported from JuliaGPU/KernelAbstractions.jl, examples/performant_matmul.jl (commit eb17a404ddf51ea2a51f1f8277c85d4f8cbf83ad):
# tiled matrix multiply through shared memory (tiles padded by one column against bank conflicts).
# Mechanical changes (KernelAbstractions → CUDA.jl's spelling): `@index(Group, NTuple)`
# and `@index(Local, NTuple)` are blockIdx/threadIdx, `TILE_DIM` (16) and `BANK` (1)
# are literals, `@localmem` is `CuStaticSharedArray(Float32, (17, 16))`, `@private`'s
# one-element array is a local variable, `@synchronize` is `sync_threads()`, `@simd`
# dropped, `@Const` dropped, `@kernel` and typed arguments, `return` added.
# run: threads=16,16 blocks=3,2

@kernel function coalesced_matmul_kernel!(output::DeviceArray{Float32,2}, input1::DeviceArray{Float32,2},
                                          input2::DeviceArray{Float32,2}, N::Int64, R::Int64, M::Int64)
    gi = blockIdx().x
    gj = blockIdx().y
    i = threadIdx().x
    j = threadIdx().y

    TILE_DIM = 16

    # +1 to avoid bank conflicts on shared memory
    tile1 = CuStaticSharedArray(Float32, (17, 16))
    tile2 = CuStaticSharedArray(Float32, (17, 16))

    # private variable for tile output
    outval = -0f0

    N = size(output, 1)
    # number of tiles depends on inner dimension
    NUM_TILES = div(R + TILE_DIM - 1, TILE_DIM)

    # loop over all tiles needed for this calculation
    for t in 0:(NUM_TILES - 1)
        I = (gi - 1) * TILE_DIM + i
        J = (gj - 1) * TILE_DIM + j

        # load inputs into tiles, with bounds checking for non-square matrices
        if I <= N && t * TILE_DIM + j <= R
            @inbounds tile1[i, j] = input1[I, t * TILE_DIM + j]
        else
            @inbounds tile1[i, j] = 0.0f0
        end
        if t * TILE_DIM + i <= R && J <= M
            @inbounds tile2[i, j] = input2[t * TILE_DIM + i, J]
        else
            @inbounds tile2[i, j] = 0.0f0
        end

        # wait for all tiles to be loaded
        sync_threads()

        # calculate value of spot in output, use temporary value to allow for vectorization
        out = 0f0
        for k in 1:TILE_DIM
            @inbounds out += tile1[i, k] * tile2[k, j]
        end
        outval += out

        sync_threads()
    end

    # get global indices again
    I = (gi - 1) * TILE_DIM + i
    J = (gj - 1) * TILE_DIM + j

    # save if inbounds
    if I <= N && J <= M
        @inbounds output[I, J] = outval
    end
    return
end
