# Warp operations (CUDA.jl's names): shuffles, votes, `sync_warp`, `laneid()` (1-based),
# `warpsize()`, `active_mask()`, `FULL_MASK`, and the memory fences `threadfence()`,
# `threadfence_block()`. A warp is 32 threads, lanes numbered in the block's linear
# thread order (x fastest).
#
# Every shuffle moves 32-bit words: `shfl_word_idx/up/down/bfly(mask, word, lane, c)`
# (lane and c as PTX's `shfl.sync`: 0-based lane, or the delta, and
# c = ((32 - width) << 8) | clamp). The definitions here are the host's (a single
# thread: every shuffle returns the thread's own value); back ends overlay the word
# functions: PTX with `llvm.nvvm.shfl.sync.*` (backends/ptx.jl), the native back end with
# an exact emulation of lockstep lanes (backends/native.jl, `src/runtime/host.rs`).
# AMDGPU overlays them with `ds_bpermute` and `ballot` (backends/amdgpu.jl). Values of
# 64 bits are split into two words.

# CUDA.jl's `FULL_MASK`: every lane of the warp.
const FULL_MASK = 0xffffffff

warpsize() = Int32(32)
laneid() = Int32(1)
active_mask() = 0x00000001
sync_warp(mask::UInt32) = nothing
sync_warp() = sync_warp(0xffffffff)
threadfence() = nothing
threadfence_block() = nothing

shfl_word_idx(mask::UInt32, v::UInt32, lane::UInt32, c::UInt32) = v
shfl_word_up(mask::UInt32, v::UInt32, delta::UInt32, c::UInt32) = v
shfl_word_down(mask::UInt32, v::UInt32, delta::UInt32, c::UInt32) = v
shfl_word_bfly(mask::UInt32, v::UInt32, lanemask::UInt32, c::UInt32) = v
# The lanes of `mask` whose predicate is true (the host: this thread, lane 1).
vote_ballot_word(mask::UInt32, p::Bool) = p ? (mask & 0x00000001) : 0x00000000

# The segment size `width` (a power of two up to 32) as shfl.sync's c operand.
shfl_c(width::Integer, clamp::UInt32) = (convert(UInt32, 32 - width) << 8) | clamp

# A value as words and back: 32-bit types are one word, 64-bit types two.
to_word(v::Int32) = Core.Intrinsics.bitcast(UInt32, v)
to_word(v::UInt32) = v
to_word(v::Float32) = Core.Intrinsics.bitcast(UInt32, v)
from_word(::Type{T}, w::UInt32) where {T<:Union{Int32,UInt32,Float32}} = Core.Intrinsics.bitcast(T, w)
to_bits64(v::Int64) = Core.Intrinsics.bitcast(UInt64, v)
to_bits64(v::UInt64) = v
to_bits64(v::Float64) = Core.Intrinsics.bitcast(UInt64, v)
lo_word(b::UInt64) = Core.Intrinsics.trunc_int(UInt32, b)
hi_word(b::UInt64) = Core.Intrinsics.trunc_int(UInt32, b >> 32)
from_words(::Type{T}, lo::UInt32, hi::UInt32) where {T<:Union{Int64,UInt64,Float64}} =
    Core.Intrinsics.bitcast(T, Core.Intrinsics.zext_int(UInt64, lo) | (Core.Intrinsics.zext_int(UInt64, hi) << 32))

# shfl_sync(mask, v, lane[, width]): the value of lane `lane` (1-based) of this thread's
# segment of `width` lanes.
shfl_sync(mask::UInt32, v::T, lane::Integer, width::Integer) where {T<:Union{Int32,UInt32,Float32}} =
    from_word(T, shfl_word_idx(mask, to_word(v), convert(UInt32, lane - 1), shfl_c(width, 0x0000001f)))
function shfl_sync(mask::UInt32, v::T, lane::Integer, width::Integer) where {T<:Union{Int64,UInt64,Float64}}
    b = to_bits64(v)
    l = convert(UInt32, lane - 1)
    c = shfl_c(width, 0x0000001f)
    from_words(T, shfl_word_idx(mask, lo_word(b), l, c), shfl_word_idx(mask, hi_word(b), l, c))
end
# shfl_up_sync(mask, v, delta[, width]): the value of the lane `delta` below; lanes
# below `delta` in their segment keep their own.
shfl_up_sync(mask::UInt32, v::T, delta::Integer, width::Integer) where {T<:Union{Int32,UInt32,Float32}} =
    from_word(T, shfl_word_up(mask, to_word(v), convert(UInt32, delta), shfl_c(width, 0x00000000)))
function shfl_up_sync(mask::UInt32, v::T, delta::Integer, width::Integer) where {T<:Union{Int64,UInt64,Float64}}
    b = to_bits64(v)
    d = convert(UInt32, delta)
    c = shfl_c(width, 0x00000000)
    from_words(T, shfl_word_up(mask, lo_word(b), d, c), shfl_word_up(mask, hi_word(b), d, c))
end
# shfl_down_sync(mask, v, delta[, width]): the value of the lane `delta` above.
shfl_down_sync(mask::UInt32, v::T, delta::Integer, width::Integer) where {T<:Union{Int32,UInt32,Float32}} =
    from_word(T, shfl_word_down(mask, to_word(v), convert(UInt32, delta), shfl_c(width, 0x0000001f)))
function shfl_down_sync(mask::UInt32, v::T, delta::Integer, width::Integer) where {T<:Union{Int64,UInt64,Float64}}
    b = to_bits64(v)
    d = convert(UInt32, delta)
    c = shfl_c(width, 0x0000001f)
    from_words(T, shfl_word_down(mask, lo_word(b), d, c), shfl_word_down(mask, hi_word(b), d, c))
end
# shfl_xor_sync(mask, v, lanemask[, width]): the value of lane (laneid - 1) ⊻ lanemask.
shfl_xor_sync(mask::UInt32, v::T, lanemask::Integer, width::Integer) where {T<:Union{Int32,UInt32,Float32}} =
    from_word(T, shfl_word_bfly(mask, to_word(v), convert(UInt32, lanemask), shfl_c(width, 0x0000001f)))
function shfl_xor_sync(mask::UInt32, v::T, lanemask::Integer, width::Integer) where {T<:Union{Int64,UInt64,Float64}}
    b = to_bits64(v)
    m = convert(UInt32, lanemask)
    c = shfl_c(width, 0x0000001f)
    from_words(T, shfl_word_bfly(mask, lo_word(b), m, c), shfl_word_bfly(mask, hi_word(b), m, c))
end
shfl_sync(mask::UInt32, v, lane::Integer) = shfl_sync(mask, v, lane, 32)
shfl_up_sync(mask::UInt32, v, delta::Integer) = shfl_up_sync(mask, v, delta, 32)
shfl_down_sync(mask::UInt32, v, delta::Integer) = shfl_down_sync(mask, v, delta, 32)
shfl_xor_sync(mask::UInt32, v, lanemask::Integer) = shfl_xor_sync(mask, v, lanemask, 32)

# Votes over the lanes of `mask`.
vote_ballot_sync(mask::UInt32, p::Bool) = vote_ballot_word(mask, p)
vote_any_sync(mask::UInt32, p::Bool) = vote_ballot_word(mask, p) != 0x00000000
vote_all_sync(mask::UInt32, p::Bool) = vote_ballot_word(mask, !p) == 0x00000000
