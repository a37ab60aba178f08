# Fixture for `strata check`/`methods`/`code-lowered`: a type hierarchy and methods.
abstract type Shape end
struct Square <: Shape
    side::Float64
end
area(s::Square) = s.side * s.side
area(s::Shape) = 0.0
scale(x::Int64, y::Float32) = x * y
