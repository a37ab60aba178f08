# The Mandelbrot set: for each pixel, the number of iterations of z = z^2 + c before
# |z| > 2 (at most maxiter). The image covers [x0, x0 + width) × [y0, y0 + height) of
# the complex plane; one thread per pixel on a 2-D grid.

# Escape time of c = cr + ci*im, in real arithmetic.
@inline function escape_time(cr::Float32, ci::Float32, maxiter::Int32)
    zr = 0f0
    zi = 0f0
    n = Int32(0)
    while n < maxiter && zr * zr + zi * zi <= 4f0
        zr, zi = zr * zr - zi * zi + cr, 2f0 * zr * zi + ci
        n += Int32(1)
    end
    n
end

@kernel function mandelbrot(img::DeviceArray{Int32,2}, x0::Float32, y0::Float32,
                            width::Float32, height::Float32, maxiter::Int32)
    px = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    py = (blockIdx().y - Int32(1)) * blockDim().y + threadIdx().y
    w = size(img, 1)
    h = size(img, 2)
    if px <= w && py <= h
        # Pixel centres: mixed Int32/Int64/Float32 arithmetic promotes to Float32.
        cr = x0 + (px - 0.5f0) * width / w
        ci = y0 + (py - 0.5f0) * height / h
        @inbounds img[px, py] = escape_time(cr, ci, maxiter)
    end
    return
end
