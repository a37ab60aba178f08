"""
    twice(x)

Doubles `x`.
"""
twice(x, k = 2) = k * x
