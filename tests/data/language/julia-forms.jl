# Julia syntax forms (issue 16, item 4) with their parse in julia-forms.out: one statement
# per line, parsed inside a method body; `⏎` stands for a newline.
lo <= i < hi
a < b <= c != d
x in r
x ∈ r
x ∉ r
x isa Int64
isa(x, T)
!in(x, r)
a[end]
a[end - 1, begin]
a[i, end] = v
a[end] += 1
a[b[end], end]
2x
2x^2
2(x + 1)
1i32
-2x
1.5f0y
∇f = 1
x′ = x₁ + x₂′
x̂ = 1
fill! = 2
for i in a, j in b⏎end
for (i, x) in t⏎end
for i ∈ 1:n⏎end
@simd for i in 1:n⏎end
@simd ivdep for i in 1:n⏎end
@inbounds for i in 1:n⏎end
@fastmath a * b + c
@inline f(x)
(x + 1)::Int64
let a = 1⏎let b = 2⏎a + b⏎end⏎end
CUDA.fma(a, b, c)
KI.max(a, b)
f = x -> 2x
g = (x, y::Int64) -> x + y
h = () -> c + 1
a -> b -> a + b
k = function (x)⏎    x + 1⏎end
map(t) do x⏎    x + 1⏎end
foldl(t; init = 0) do a, b⏎    a + b⏎end
apply() do⏎    1⏎end
ntuple(i -> i * 2, Val(3))
