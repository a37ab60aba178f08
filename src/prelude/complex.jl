# Complex numbers (Base's complex.jl, the parts kernels use): `Complex{T<:Real}` is declared
# in types.jl. Constructors promote their parts; `real`, `imag`, `conj`, `abs2`, `abs`
# (`hypot`), `+ - * /` between complex numbers and with real numbers, unary `-`, `==`,
# `zero`/`one`, `exp`. Deviations: `/` is the textbook formula (Julia scales the
# operands, Smith/Baudin-Petitjean, to avoid overflow and underflow near the extremes of
# the exponent range), and there is no `im` (Julia's `Complex{Bool}` constant).
Complex(re::T, im::T) where {T<:Real} = Complex{T}(re, im)
Complex(re::Real, im::Real) = Complex(promote(re, im)...)
Complex(x::Real) = Complex(x, zero(x))
Complex(z::Complex) = z
complex(re::Real, im::Real) = Complex(re, im)
complex(x::Real) = Complex(x)
complex(z::Complex) = z

real(z::Complex) = z.re
imag(z::Complex) = z.im
real(x::Real) = x
imag(x::Real) = zero(x)
conj(z::Complex) = Complex(z.re, -z.im)
conj(x::Real) = x
abs2(z::Complex) = z.re * z.re + z.im * z.im
abs(z::Complex) = hypot(z.re, z.im)
isreal(z::Complex) = iszero(z.im)

zero(::Type{Complex{T}}) where {T<:Real} = Complex{T}(zero(T), zero(T))
one(::Type{Complex{T}}) where {T<:Real} = Complex{T}(one(T), zero(T))
zero(z::Complex{T}) where {T<:Real} = zero(Complex{T})
one(z::Complex{T}) where {T<:Real} = one(Complex{T})

-(z::Complex) = Complex(-z.re, -z.im)
+(z::Complex) = z
+(z::Complex, w::Complex) = Complex(z.re + w.re, z.im + w.im)
-(z::Complex, w::Complex) = Complex(z.re - w.re, z.im - w.im)
*(z::Complex, w::Complex) = Complex(z.re * w.re - z.im * w.im, z.re * w.im + z.im * w.re)
function /(z::Complex, w::Complex)
    d = w.re * w.re + w.im * w.im
    Complex((z.re * w.re + z.im * w.im) / d, (z.im * w.re - z.re * w.im) / d)
end
==(z::Complex, w::Complex) = (z.re == w.re) & (z.im == w.im)

+(z::Complex, x::Real) = Complex(z.re + x, z.im + zero(x))
+(x::Real, z::Complex) = Complex(x + z.re, zero(x) + z.im)
-(z::Complex, x::Real) = Complex(z.re - x, z.im - zero(x))
-(x::Real, z::Complex) = Complex(x - z.re, zero(x) - z.im)
*(z::Complex, x::Real) = Complex(z.re * x, z.im * x)
*(x::Real, z::Complex) = Complex(x * z.re, x * z.im)
/(z::Complex, x::Real) = Complex(z.re / x, z.im / x)
/(x::Real, z::Complex) = Complex(x) / z
==(z::Complex, x::Real) = (z.re == x) & iszero(z.im)
==(x::Real, z::Complex) = z == x

function exp(z::Complex)
    r = exp(z.re)
    Complex(r * cos(z.im), r * sin(z.im))
end
