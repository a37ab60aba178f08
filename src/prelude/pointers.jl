# Raw pointers (`Ptr{T}` is built in): loads and stores with a 1-based element index,
# and byte arithmetic, as in Julia. The alignment argument of pointerref/pointerset is
# 1, as Julia's `unsafe_load` passes; nothing is checked.

unsafe_load(p::Ptr{T}) where {T} = Core.Intrinsics.pointerref(p, 1, 1)
unsafe_load(p::Ptr{T}, i::Integer) where {T} = Core.Intrinsics.pointerref(p, convert(Int64, i), 1)

# Stores `x` converted to `T`; returns `p`.
unsafe_store!(p::Ptr{T}, x) where {T} = Core.Intrinsics.pointerset(p, convert(T, x), 1, 1)
unsafe_store!(p::Ptr{T}, x, i::Integer) where {T} =
    Core.Intrinsics.pointerset(p, convert(T, x), convert(Int64, i), 1)

# The address as an integer, and back.
UInt64(p::Ptr{T}) where {T} = Core.Intrinsics.bitcast(UInt64, p)
Ptr(::Type{Ptr{T}}, address::UInt64) where {T} = Core.Intrinsics.bitcast(Ptr{T}, address)

# Offsets are in bytes (negative offsets wrap around, as in Julia).
+(p::Ptr{T}, n::Integer) where {T} =
    Core.Intrinsics.bitcast(Ptr{T}, UInt64(p) + unsigned(convert(Int64, n)))
+(n::Integer, p::Ptr{T}) where {T} = p + n
-(p::Ptr{T}, n::Integer) where {T} =
    Core.Intrinsics.bitcast(Ptr{T}, UInt64(p) - unsigned(convert(Int64, n)))
-(p::Ptr{T}, q::Ptr{T}) where {T} = signed(UInt64(p) - UInt64(q))

==(p::Ptr{T}, q::Ptr{T}) where {T} = UInt64(p) == UInt64(q)
<(p::Ptr{T}, q::Ptr{T}) where {T} = UInt64(p) < UInt64(q)
<=(p::Ptr{T}, q::Ptr{T}) where {T} = UInt64(p) <= UInt64(q)
sizeof(::Type{Ptr{T}}) where {T} = 8
