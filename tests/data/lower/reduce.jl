# A sum over a range with early exit, destructuring and a declared return type.
function partial_sum(a::Vector{T}, lo::Int64, hi::Int64)::T where {T<:Real}
    acc = zero(T)
    for i in lo:hi
        x = a[i]
        if x < zero(T)
            break
        end
        acc += x
    end
    acc
end

function minmax_pair(t::Tuple{Int32, Int32})
    a, b = t
    a < b ? (a, b) : (b, a)
end
