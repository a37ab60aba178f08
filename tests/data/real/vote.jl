# Ported from JuliaGPU/CUDA.jl, test/core/device/intrinsics.jl (commit fd1008df7adde63bd46e078d075e6180c783f9cc), testsets
# "any", "all" and "ballot" under "voting": warp votes on `threadIdx().x >= i` / `== i`.
# Mechanical changes: the three `kernel`s are named `vote_any_kernel`,
# `vote_all_kernel` and `vote_ballot_kernel`, `@kernel` marks them.
# run: threads=4 blocks=1

@kernel function vote_any_kernel(a, i)
    vote = vote_any_sync(FULL_MASK, threadIdx().x >= i)
    if threadIdx().x == 1
        a[1] = vote
    end
    return
end

@kernel function vote_all_kernel(a, i)
    vote = vote_all_sync(FULL_MASK, threadIdx().x >= i)
    if threadIdx().x == 1
        a[1] = vote
    end
    return
end

@kernel function vote_ballot_kernel(a, i)
    vote = vote_ballot_sync(FULL_MASK, threadIdx().x == i)
    if threadIdx().x == 1
        a[1] = vote
    end
    return
end
