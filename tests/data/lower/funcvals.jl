# Calls through function values: a callee that is an argument, a field, an element or
# a call's result is evaluated first, then called by dispatch on its type.
struct Op{F}
    f::F
end
apply(op, x) = op(x)
field(o::Op, x) = o.f(x)
element(fs, x) = fs[1](x)
returned(x) = pick()(x, x)
typed(f::typeof(sin), x::Float64) = f(x)
# A callable object's method (Julia's functor): function `(::Affine)`, signature
# `Tuple{Affine, Any}`, the callee in slot 1 under its own name.
struct Affine
    a::Float32
    b::Float32
end
(f::Affine)(x) = f.a * x + f.b
(::Op)(x, y) = x
# The instance of a struct without fields: `Val{3}()`, and `Val(3)` of a literal.
vals(x) = (Val{3}(), Val(4), Val(:sym), Val(true))
