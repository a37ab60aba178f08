# Fixture with an error on line 3: an undefined type.
good(x::Int64) = x
bad(x::NoSuchType) = x
