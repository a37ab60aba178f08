# An overlay table whose method shadows the global one inside the GPU stack.
@MethodTable GPU
twice(x::Int64) = x + x
@overlay GPU twice(x::Int64) = x * 2
