# Lowering errors: every one is reported, with its position.
function f(x::Missing)
    return x
end

function g(x::T) where {T, S}
    continue
end

function h(a)
    a(1)
    Core.Intrinsics.no_such_thing(a)
    (a + 1) = 2
end
