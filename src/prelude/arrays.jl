# Tuples and device arrays.
#
# `DeviceArray{T,N}` is a view of N-dimensional, column-major memory the kernel's
# caller owns (CUDA.jl's CuDeviceArray without address spaces): a pointer and the
# dimensions. Indexing is 1-based and bounds-checked inside `@boundscheck` blocks, so
# `@inbounds` at the call site (with the method inlined) removes the check. Any integer
# index works; indices are converted to Int64.

## Tuples

getindex(t::Tuple, i::Int64) = getfield(t, i)
getindex(t::Tuple, i::Integer) = getfield(t, convert(Int64, i))
length(t::NTuple{N,T}) where {N, T} = N

## DeviceArray

struct DeviceArray{T,N} <: DenseArray{T,N}
    ptr::Ptr{T}
    dims::NTuple{N,Int64}
end

pointer(a::DeviceArray{T,N}) where {T, N} = a.ptr
# The address of element `i` (linear, 1-based).
pointer(a::DeviceArray{T,N}, i::Integer) where {T, N} = a.ptr + (convert(Int64, i) - 1) * sizeof(T)
eltype(a::DeviceArray{T,N}) where {T, N} = T
ndims(a::DeviceArray{T,N}) where {T, N} = N

size(a::DeviceArray{T,N}) where {T, N} = a.dims
# Dimensions past N are 1, as in Julia.
size(a::DeviceArray{T,N}, d::Integer) where {T, N} = d <= N ? a.dims[d] : 1

length(a::DeviceArray{T,1}) where {T} = a.dims[1]
length(a::DeviceArray{T,2}) where {T} = a.dims[1] * a.dims[2]
length(a::DeviceArray{T,3}) where {T} = a.dims[1] * a.dims[2] * a.dims[3]
function length(a::DeviceArray{T,N}) where {T, N}
    n = 1
    for d in 1:N
        n *= a.dims[d]
    end
    n
end
isempty(a::DeviceArray{T,N}) where {T, N} = length(a) == 0

# BoundsError unless 1 <= i <= length(a).
@inline function checkbounds(a::DeviceArray{T,N}, i::Int64) where {T, N}
    if (i < 1) | (i > length(a))
        throw(BoundsError())
    end
    nothing
end
@inline function checkbounds(a::DeviceArray{T,2}, i::Int64, j::Int64) where {T}
    if (i < 1) | (i > a.dims[1]) | (j < 1) | (j > a.dims[2])
        throw(BoundsError())
    end
    nothing
end

# Linear indexing (any N). Elements are read and written at their natural alignment
# (alignment argument 0), as CUDA.jl's `arrayref` does: device arrays are allocated
# aligned, and `unsafe_load`'s alignment 1 (Julia's, for arbitrary pointers) would make
# NVPTX split every access into byte loads.
@inline function getindex(a::DeviceArray{T,N}, i::Integer) where {T, N}
    k = convert(Int64, i)
    @boundscheck checkbounds(a, k)
    Core.Intrinsics.pointerref(a.ptr, k, 0)
end
@inline function setindex!(a::DeviceArray{T,N}, v, i::Integer) where {T, N}
    k = convert(Int64, i)
    @boundscheck checkbounds(a, k)
    Core.Intrinsics.pointerset(a.ptr, convert(T, v), k, 0)
    a
end

# `a[]` and `a[] = v`: the element of a one-element array (Julia's `getindex(A)`; any
# other length is a BoundsError), as CUDA.jl's tests write results (`x[] = val`).
@inline function checkbounds(a::DeviceArray{T,N}) where {T, N}
    if length(a) != 1
        throw(BoundsError())
    end
    nothing
end
@inline function getindex(a::DeviceArray{T,N}) where {T, N}
    @boundscheck checkbounds(a)
    Core.Intrinsics.pointerref(a.ptr, 1, 0)
end
@inline function setindex!(a::DeviceArray{T,N}, v) where {T, N}
    @boundscheck checkbounds(a)
    Core.Intrinsics.pointerset(a.ptr, convert(T, v), 1, 0)
    a
end

# Cartesian indexing of matrices (column-major).
@inline function getindex(a::DeviceArray{T,2}, i::Integer, j::Integer) where {T}
    r = convert(Int64, i)
    c = convert(Int64, j)
    @boundscheck checkbounds(a, r, c)
    Core.Intrinsics.pointerref(a.ptr, r + (c - 1) * a.dims[1], 0)
end
@inline function setindex!(a::DeviceArray{T,2}, v, i::Integer, j::Integer) where {T}
    r = convert(Int64, i)
    c = convert(Int64, j)
    @boundscheck checkbounds(a, r, c)
    Core.Intrinsics.pointerset(a.ptr, convert(T, v), r + (c - 1) * a.dims[1], 0)
    a
end

# Element iteration: `for x in a` (the protocol `for` lowers to; see ranges.jl).
start(a::DeviceArray{T,N}) where {T, N} = 1
done(a::DeviceArray{T,N}, k::Int64) where {T, N} = k > length(a)
@inline function next(a::DeviceArray{T,N}, k::Int64) where {T, N}
    x = @inbounds a[k]
    (x, k + 1)
end
