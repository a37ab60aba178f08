# Julia's classic ambiguity: pick(1, 2) matches both, neither is more specific.
pick(x::Int64, y) = 1
pick(x, y::Int64) = 2
