//! The GPU programming model (issue 15): math on every target through the target's own
//! library (libm, libdevice, OCML; `src/codegen/math.rs`), typed errors where LLVM used
//! to abort, Julia's `no_op_err` for numbers without arithmetic.
//!
//! Each kernel compiles for PTX (assembled with `ptxas -arch=sm_90` when it is on the
//! PATH), AMDGPU (GCN assembly) and the native target, where it runs against a Rust
//! reference. The real-kernel corpus has its own data-driven test below.

use std::sync::Arc;
use strata::driver::run::{ArgValue, Scalar};
use strata::driver::{backend_for, CompileError, Compiler, CompilerJob, EmitKind, Target};
use strata::runtime::host::Grid;
use strata::session::Session;

fn compiler_for(name: &str, src: &str) -> Compiler {
    let session = Session::with_prelude().expect("prelude loads");
    session
        .load_source(name, src, &Default::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    Compiler::new(&session)
}

fn on_path(tool: &str) -> bool {
    crate::tools::on_path(tool)
}

/// Compiles kernel `func` with `argtypes` to assembly for `target`.
fn compile(
    c: &Compiler,
    func: &str,
    argtypes: &[&str],
    target: &str,
) -> Result<Vec<u8>, CompileError> {
    let store = c.engine().types();
    let tys = argtypes
        .iter()
        .map(|t| store.parse(t).expect("type"))
        .collect();
    let backend = backend_for(Target::parse(target, None).expect("target"));
    let mut job = CompilerJob::kernel(func, tys, backend, c.engine().world());
    job.emit = EmitKind::Asm;
    c.compile(&job).map(|a| a.bytes)
}

/// Compiles for PTX (and assembles it with ptxas when available) and AMDGPU; panics with
/// the error otherwise.
fn compiles_for_gpus(c: &Compiler, func: &str, argtypes: &[&str]) {
    for target in ["ptx", "amdgpu"] {
        let asm = match compile(c, func, argtypes, target) {
            Ok(asm) => asm,
            // Without libdevice (found next to ptxas), PTX math is an undefined-symbol
            // error that names libdevice; scripts/test puts ptxas on the PATH.
            Err(CompileError::UndefinedSymbols { symbols, .. })
                if target == "ptx"
                    && !crate::tools::libdevice()
                    && symbols.iter().all(|s| s.symbol.starts_with("__nv_")) =>
            {
                assert!(
                    !symbols[0].chain.is_empty(),
                    "{func}: the chain to {}",
                    symbols[0].symbol
                );
                continue;
            }
            Err(e) => panic!("{func} for {target}: {e}"),
        };
        if target == "ptx" {
            let text = String::from_utf8_lossy(&asm);
            assert!(
                !text.contains(".extern .func") || !text.contains("__nv_"),
                "{func}: unresolved libdevice call"
            );
            if on_path("ptxas") {
                let dir = std::env::temp_dir()
                    .join(format!("strata-gpumodel-{}-{func}", std::process::id()));
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join("k.ptx");
                std::fs::write(&path, &asm).unwrap();
                let out = std::process::Command::new("ptxas")
                    .args(["-arch=sm_90", "-o"])
                    .arg(dir.join("k.cubin"))
                    .arg(&path)
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "ptxas {func}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
    }
}

fn f32_array(dims: &[usize], v: &[f32]) -> ArgValue {
    ArgValue::Array {
        elem: Scalar::Float32,
        dims: dims.to_vec(),
        data: v.iter().flat_map(|x| x.to_le_bytes()).collect(),
    }
}

fn f64_array(dims: &[usize], v: &[f64]) -> ArgValue {
    ArgValue::Array {
        elem: Scalar::Float64,
        dims: dims.to_vec(),
        data: v.iter().flat_map(|x| x.to_le_bytes()).collect(),
    }
}

fn data(a: &ArgValue) -> &[u8] {
    match a {
        ArgValue::Array { data, .. } => data,
        _ => panic!("not an array"),
    }
}

fn grid(blocks: u32, threads: u32) -> Grid {
    Grid {
        blocks: [blocks, 1, 1],
        threads: [threads, 1, 1],
    }
}

/// erf by its Taylor series (|x| < 1), for the reference.
fn erf(x: f64) -> f64 {
    let (mut term, mut sum) = (x, x);
    for n in 1..60 {
        term *= -x * x / n as f64;
        sum += term / (2 * n + 1) as f64;
    }
    sum * 2.0 / std::f64::consts::PI.sqrt()
}

/// One math function: the Julia expression of `v` and its reference.
type MathCase = (&'static str, fn(f64) -> f64);

/// Every function the prelude computes through the target's math library, on inputs
/// in (0.1, 0.9), so that each is inside its domain.
const MATH: &[MathCase] = &[
    ("sin(v)", f64::sin),
    ("cos(v)", f64::cos),
    ("tan(v)", f64::tan),
    ("asin(v)", f64::asin),
    ("acos(v)", f64::acos),
    ("atan(v)", f64::atan),
    ("atan(v, 0.5 + v)", |v| v.atan2(0.5 + v)),
    ("sinh(v)", f64::sinh),
    ("cosh(v)", f64::cosh),
    ("tanh(v)", f64::tanh),
    ("asinh(v)", f64::asinh),
    ("acosh(v + 1)", |v| (v + 1.0).acosh()),
    ("atanh(v)", f64::atanh),
    ("exp(v)", f64::exp),
    ("exp2(v)", f64::exp2),
    ("exp10(v)", |v| 10f64.powf(v)),
    ("expm1(v)", f64::exp_m1),
    ("log(v)", f64::ln),
    ("log2(v)", f64::log2),
    ("log10(v)", f64::log10),
    ("log1p(v)", f64::ln_1p),
    ("cbrt(v)", f64::cbrt),
    ("sqrt(v)", f64::sqrt),
    ("erf(v)", erf),
    ("erfc(v)", |v| 1.0 - erf(v)),
    ("sinpi(v)", |v| (std::f64::consts::PI * v).sin()),
    ("cospi(v)", |v| (std::f64::consts::PI * v).cos()),
    ("v ^ v", |v| v.powf(v)),
    ("v ^ 3", |v| v * v * v),
    ("hypot(v, 2 * v)", |v| v.hypot(2.0 * v)),
    ("2 ^ v", |v| 2f64.powf(v)),
];

/// The kernel `name` that writes `MATH[k]` of `x[i]` to `y[i, k]`.
fn math_kernel(name: &str, ty: &str) -> String {
    let mut src = format!(
        "@kernel function {name}(x::DeviceArray{{{ty},1}}, y::DeviceArray{{{ty},2}})\n    i = threadIdx().x\n    v = x[i]\n"
    );
    for (k, (expr, _)) in MATH.iter().enumerate() {
        // Literals in the expressions are Int64 or Float64: convert back to the type.
        src.push_str(&format!("    y[i, {}] = convert({ty}, {expr})\n", k + 1));
    }
    src.push_str("    return\nend\n");
    src
}

#[test]
fn math_on_every_target() {
    let src = format!(
        "{}{}",
        math_kernel("math32", "Float32"),
        math_kernel("math64", "Float64")
    );
    let c = compiler_for("math.jl", &src);
    let inputs: Vec<f64> = (0..8).map(|i| 0.1 + 0.1 * i as f64).collect();
    let n = inputs.len();
    for (func, ty, rel) in [("math32", "Float32", 2e-6), ("math64", "Float64", 1e-13)] {
        let argtypes = [
            format!("DeviceArray{{{ty},1}}"),
            format!("DeviceArray{{{ty},2}}"),
        ];
        let argtypes: Vec<&str> = argtypes.iter().map(String::as_str).collect();
        compiles_for_gpus(&c, func, &argtypes);
        let zeros = vec![0.0; n * MATH.len()];
        let mut args = if ty == "Float32" {
            let x: Vec<f32> = inputs.iter().map(|&v| v as f32).collect();
            vec![
                f32_array(&[n], &x),
                f32_array(
                    &[n, MATH.len()],
                    &zeros.iter().map(|&z| z as f32).collect::<Vec<_>>(),
                ),
            ]
        } else {
            vec![
                f64_array(&[n], &inputs),
                f64_array(&[n, MATH.len()], &zeros),
            ]
        };
        c.run_native(func, &mut args, grid(1, n as u32))
            .unwrap_or_else(|e| panic!("{func}: {e}"));
        let got: Vec<f64> = if ty == "Float32" {
            data(&args[1])
                .chunks(4)
                .map(|b| f64::from(f32::from_le_bytes(b.try_into().unwrap())))
                .collect()
        } else {
            data(&args[1])
                .chunks(8)
                .map(|b| f64::from_le_bytes(b.try_into().unwrap()))
                .collect()
        };
        for (k, (expr, reference)) in MATH.iter().enumerate() {
            for (i, &v) in inputs.iter().enumerate() {
                // The Float32 kernel computes from the rounded input.
                let v = if ty == "Float32" {
                    f64::from(v as f32)
                } else {
                    v
                };
                let want = reference(v);
                let g = got[i + k * n];
                assert!(
                    (g - want).abs() <= rel * want.abs().max(1.0),
                    "{func}: {expr} at v = {v}: got {g}, want {want}"
                );
            }
        }
    }
}

/// Kernels that must not compile, with the text of their error, on `targets`.
#[test]
fn rejected_with_a_typed_error() {
    let cases: &[(&str, &[&str], &str)] = &[
        // Julia's no_op_err: promotion to the same type without a method.
        (
            "struct MyNum <: Number\n    v::Float32\nend\n@kernel function k(a::DeviceArray{Float32,1})\n    x = MyNum(a[1]) * MyNum(a[2])\n    a[1] = x.v\n    return\nend",
            &["ptx", "amdgpu", "native"],
            "no method matching *(::MyNum, ::MyNum)",
        ),
        (
            "struct MyNum <: Number\n    v::Float32\nend\n@kernel function k(a::DeviceArray{Float32,1})\n    if MyNum(a[1]) < MyNum(a[2])\n        a[1] = 0f0\n    end\n    return\nend",
            &["ptx"],
            "no method matching <(::MyNum, ::MyNum)",
        ),
        // LLVM math intrinsics the GPU targets cannot select (these aborted LLVM).
        (
            "@kernel function k(a::DeviceArray{Float64,1})\n    a[1] = ccall(\"llvm.sin.f64\", llvmcall, Float64, (Float64,), a[1])\n    return\nend",
            &["ptx", "amdgpu"],
            "the LLVM intrinsic `llvm.sin.f64` has no instruction on this target",
        ),
        (
            "@kernel function k(a::DeviceArray{Float32,1})\n    a[1] = ccall(\"llvm.pow.f32\", llvmcall, Float32, (Float32, Float32), a[1], a[2])\n    return\nend",
            &["ptx", "amdgpu"],
            "call `^` from the prelude instead",
        ),
        (
            "@kernel function k(a::DeviceArray{Float32,1})\n    a[1] = ccall(\"llvm.log.f32\", llvmcall, Float32, (Float32,), a[1])\n    return\nend",
            &["ptx"],
            "the LLVM intrinsic `llvm.log.f32`",
        ),
    ];
    for (src, targets, want) in cases {
        let c = compiler_for("bad.jl", src);
        for target in *targets {
            let arg = if src.contains("Float64,1}") {
                "DeviceArray{Float64,1}"
            } else {
                "DeviceArray{Float32,1}"
            };
            let err = compile(&c, "k", &[arg], target);
            let err = match err {
                Ok(_) => panic!("{target}: compiled, want {want:?}:\n{src}"),
                Err(e) => e.to_string(),
            };
            assert!(err.contains(want), "{target}: want {want:?}, got:\n{err}");
        }
    }
}

/// Domain errors are Julia's: the kernel throws DomainError.
#[test]
fn math_domain_errors_throw() {
    let src = "@kernel function k(a::DeviceArray{Float64,1})\n    a[1] = log(a[1]) + asin(a[2]) + a[3] ^ 0.5 + sin(a[4])\n    return\nend";
    let c = compiler_for("dom.jl", src);
    for bad in [
        [-1.0, 0.0, 1.0, 0.0],
        [1.0, 2.0, 1.0, 0.0],
        [1.0, 0.0, -1.0, 0.0],
        [1.0, 0.0, 1.0, f64::INFINITY],
    ] {
        let mut args = vec![f64_array(&[4], &bad)];
        let err = c
            .run_native("k", &mut args, grid(1, 1))
            .unwrap_err()
            .to_string();
        assert!(err.contains("DomainError"), "{bad:?}: {err}");
    }
    let mut args = vec![f64_array(&[4], &[1.0, 0.5, 4.0, f64::NAN])];
    c.run_native("k", &mut args, grid(1, 1)).unwrap();
    assert!(f64::from_le_bytes(data(&args[0])[..8].try_into().unwrap()).is_nan());
}

#[allow(dead_code)]
fn keep(_: Arc<()>) {}

/// The `# run: threads=… blocks=…` line of a corpus file, as a grid.
fn corpus_grid(src: &str) -> Grid {
    let line = src
        .lines()
        .find_map(|l| l.strip_prefix("# run: "))
        .expect("a `# run:` line");
    let dims = |key: &str| -> [u32; 3] {
        let mut d = [1u32; 3];
        if let Some(v) = line.split_whitespace().find_map(|w| w.strip_prefix(key)) {
            for (k, x) in v.split(',').enumerate() {
                d[k] = x.parse().expect("a number");
            }
        }
        d
    };
    Grid {
        threads: dims("threads="),
        blocks: dims("blocks="),
    }
}

/// A small deterministic generator for the corpus inputs.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn f32(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * ((self.next() >> 40) as f32 / (1u64 << 24) as f32)
    }
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

fn i64_array(dims: &[usize], v: &[i64]) -> ArgValue {
    ArgValue::Array {
        elem: Scalar::Int64,
        dims: dims.to_vec(),
        data: v.iter().flat_map(|x| x.to_le_bytes()).collect(),
    }
}

fn scalar_i64(x: i64) -> ArgValue {
    ArgValue::Scalar {
        ty: Scalar::Int64,
        bits: x as u64,
    }
}

fn f32s(a: &ArgValue) -> Vec<f32> {
    data(a)
        .chunks(4)
        .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
        .collect()
}

fn i64s(a: &ArgValue) -> Vec<i64> {
    data(a)
        .chunks(8)
        .map(|b| i64::from_le_bytes(b.try_into().unwrap()))
        .collect()
}

fn assert_close(name: &str, got: &[f32], want: &[f64], rel: f64) {
    assert_eq!(got.len(), want.len(), "{name}");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(
            (f64::from(g) - w).abs() <= rel * w.abs().max(1.0),
            "{name}[{i}]: got {g}, want {w}"
        );
    }
}

fn array_of(elem: Scalar, dims: &[usize], data: Vec<u8>) -> ArgValue {
    assert_eq!(
        data.len(),
        dims.iter().product::<usize>() * elem.size(),
        "{dims:?}"
    );
    ArgValue::Array {
        elem,
        dims: dims.to_vec(),
        data,
    }
}

fn i32_array(dims: &[usize], v: &[i32]) -> ArgValue {
    array_of(
        Scalar::Int32,
        dims,
        v.iter().flat_map(|x| x.to_le_bytes()).collect(),
    )
}

fn f32_scalar(x: f32) -> ArgValue {
    ArgValue::Scalar {
        ty: Scalar::Float32,
        bits: u64::from(x.to_bits()),
    }
}

fn f64_scalar(x: f64) -> ArgValue {
    ArgValue::Scalar {
        ty: Scalar::Float64,
        bits: x.to_bits(),
    }
}

fn function(name: &str) -> ArgValue {
    ArgValue::Function {
        name: name.to_string(),
    }
}

fn f64s(a: &ArgValue) -> Vec<f64> {
    data(a)
        .chunks(8)
        .map(|b| f64::from_le_bytes(b.try_into().unwrap()))
        .collect()
}

fn i32s(a: &ArgValue) -> Vec<i32> {
    data(a)
        .chunks(4)
        .map(|b| i32::from_le_bytes(b.try_into().unwrap()))
        .collect()
}

fn rand_f32(rng: &mut Rng, n: usize, lo: f32, hi: f32) -> Vec<f32> {
    (0..n).map(|_| rng.f32(lo, hi)).collect()
}

fn rand_f64(rng: &mut Rng, n: usize, lo: f32, hi: f32) -> Vec<f64> {
    (0..n).map(|_| f64::from(rng.f32(lo, hi))).collect()
}

/// One corpus kernel: its file, its kernel, the inputs, and the check of the outputs
/// against a Rust reference.
struct RealKernel {
    file: &'static str,
    kernel: &'static str,
    args: fn(&mut Rng) -> Vec<ArgValue>,
    check: fn(&[ArgValue], &[ArgValue]),
}

const REAL: &[RealKernel] = &[
    RealKernel {
        file: "scan.jl",
        kernel: "gpu_accumulate!",
        args: |rng| {
            let v: Vec<i64> = (0..64 * 4).map(|_| rng.int(-1000, 1000)).collect();
            vec![i64_array(&[64, 4], &v)]
        },
        check: |before, after| {
            let mut want = i64s(&before[0]);
            for col in want.chunks_mut(64) {
                for r in 1..64 {
                    col[r] += col[r - 1];
                }
            }
            assert_eq!(i64s(&after[0]), want, "scan");
        },
    },
    RealKernel {
        file: "reduce_grid.jl",
        kernel: "reduce_grid",
        args: |rng| {
            let v: Vec<f32> = (0..1000).map(|_| rng.f32(-1.0, 1.0)).collect();
            vec![
                f32_array(&[1000], &v),
                f32_array(&[3], &[0.0; 3]),
                scalar_i64(1000),
            ]
        },
        check: |before, after| {
            let x = f32s(&before[0]);
            let step = 256 * 3;
            let mut want = vec![0f64; 3];
            for (k, &v) in x.iter().enumerate() {
                want[(k % step) / 256] += f64::from(v);
            }
            assert_close("reduce_grid", &f32s(&after[1]), &want, 1e-5);
        },
    },
    RealKernel {
        file: "histogram.jl",
        kernel: "histogram_kernel!",
        args: |rng| {
            let v: Vec<i64> = (0..1024).map(|_| rng.int(1, 128)).collect();
            vec![i64_array(&[128], &[0; 128]), i64_array(&[1024], &v)]
        },
        check: |before, after| {
            let mut want = vec![0i64; 128];
            for b in i64s(&before[1]) {
                want[(b - 1) as usize] += 1;
            }
            assert_eq!(i64s(&after[0]), want, "histogram");
        },
    },
    RealKernel {
        file: "pairwise.jl",
        kernel: "pairwise_dist_kernel",
        args: |rng| {
            let lat: Vec<f32> = (0..20).map(|_| rng.f32(0.0, 45.0)).collect();
            let lon: Vec<f32> = (0..20).map(|_| rng.f32(-120.0, 0.0)).collect();
            vec![
                f32_array(&[20], &lat),
                f32_array(&[20], &lon),
                f32_array(&[20, 20], &[0.0; 400]),
                scalar_i64(20),
            ]
        },
        check: |before, after| {
            let (lat, lon) = (f32s(&before[0]), f32s(&before[1]));
            let pi = std::f64::consts::PI;
            let mut want = vec![0f64; 400];
            for j in 0..20 {
                for i in 0..20 {
                    let (la1, lo1, la2, lo2) = (
                        f64::from(lat[i]),
                        f64::from(lon[i]),
                        f64::from(lat[j]),
                        f64::from(lon[j]),
                    );
                    let (c1, c2) = ((pi * la1 / 180.0).cos(), (pi * la2 / 180.0).cos());
                    let (d1, d2) = (
                        (pi * (la2 - la1) / 360.0).sin(),
                        (pi * (lo2 - lo1) / 360.0).sin(),
                    );
                    let a = d1 * d1 + d2 * d2 * c1 * c2;
                    want[i + 20 * j] = 6372.8 * 2.0 * a.sqrt().min(1.0).asin();
                }
            }
            // Float32 arithmetic against a Float64 reference (the distances are ~1e3 km).
            assert_close("pairwise", &f32s(&after[2]), &want, 1e-3);
        },
    },
    RealKernel {
        file: "matmul_tiled.jl",
        kernel: "coalesced_matmul_kernel!",
        args: |rng| {
            let a: Vec<f32> = (0..40 * 20).map(|_| rng.f32(-1.0, 1.0)).collect();
            let b: Vec<f32> = (0..20 * 30).map(|_| rng.f32(-1.0, 1.0)).collect();
            vec![
                f32_array(&[40, 30], &[0.0; 1200]),
                f32_array(&[40, 20], &a),
                f32_array(&[20, 30], &b),
                scalar_i64(40),
                scalar_i64(20),
                scalar_i64(30),
            ]
        },
        check: |before, after| {
            let (a, b) = (f32s(&before[1]), f32s(&before[2]));
            let mut want = vec![0f64; 1200];
            for j in 0..30 {
                for i in 0..40 {
                    want[i + 40 * j] = (0..20)
                        .map(|k| f64::from(a[i + 40 * k]) * f64::from(b[k + 20 * j]))
                        .sum();
                }
            }
            assert_close("matmul_tiled", &f32s(&after[0]), &want, 1e-5);
        },
    },
    // CUDA.jl's examples/vadd.jl: untyped arguments, `1i32`.
    RealKernel {
        file: "vadd.jl",
        kernel: "vadd",
        args: |rng| {
            let (a, b) = (
                rand_f32(rng, 12, -100.0, 100.0),
                rand_f32(rng, 12, -100.0, 100.0),
            );
            vec![
                f32_array(&[12], &a),
                f32_array(&[12], &b),
                f32_array(&[12], &[0.0; 12]),
            ]
        },
        check: |before, after| {
            let (a, b) = (f32s(&before[0]), f32s(&before[1]));
            let want: Vec<f32> = a.iter().zip(&b).map(|(x, y)| x + y).collect();
            assert_eq!(f32s(&after[2]), want, "vadd");
        },
    },
    // CUDA.jl's examples/peakflops.jl: `CUDA.fma` chains, a docstring, `@inbounds if`.
    RealKernel {
        file: "peakflops.jl",
        kernel: "kernel_100fma",
        args: |rng| {
            let n = 200;
            vec![
                f32_array(&[n], &rand_f32(rng, n, -0.5, 0.5)),
                f32_array(&[n], &rand_f32(rng, n, -0.5, 0.5)),
                f32_array(&[n], &rand_f32(rng, n, -0.5, 0.5)),
                f32_array(&[n], &vec![0.0; n]),
            ]
        },
        check: |before, after| {
            let (a, b, c) = (f32s(&before[0]), f32s(&before[1]), f32s(&before[2]));
            let want: Vec<f32> = (0..a.len())
                .map(|i| {
                    let (mut x, mut y, mut z) = (a[i], b[i], c[i]);
                    for _ in 0..33 {
                        x = x.mul_add(y, z);
                        y = x.mul_add(y, z);
                        z = x.mul_add(y, z);
                    }
                    x.mul_add(y, z)
                })
                .collect();
            // Fused (llvm.fma) natively, as Rust's mul_add: bit-exact.
            assert_eq!(f32s(&after[3]), want, "peakflops");
        },
    },
    // CUDA.jl's examples/reduce/reduce.jl with `op` as a function argument (here `max`).
    RealKernel {
        file: "reduce_op.jl",
        kernel: "reduce_grid",
        args: |rng| {
            let v: Vec<i64> = (0..1000).map(|_| rng.int(-1_000_000, 1_000_000)).collect();
            vec![
                function("max"),
                i64_array(&[1000], &v),
                i64_array(&[3], &[0; 3]),
                scalar_i64(1000),
            ]
        },
        check: |before, after| {
            let x = i64s(&before[1]);
            let step = 256 * 3;
            // Each block starts from zero(T) (the original's "neutral element" TODO).
            let mut want = vec![0i64; 3];
            for (k, &v) in x.iter().enumerate() {
                let b = (k % step) / 256;
                want[b] = want[b].max(v);
            }
            assert_eq!(i64s(&after[2]), want, "reduce_op");
        },
    },
    // KernelAbstractions' examples/matmul.jl.
    RealKernel {
        file: "matmul_naive.jl",
        kernel: "matmul_kernel!",
        args: |rng| {
            vec![
                f32_array(&[20, 13], &[0.0; 260]),
                f32_array(&[20, 7], &rand_f32(rng, 140, -1.0, 1.0)),
                f32_array(&[7, 13], &rand_f32(rng, 91, -1.0, 1.0)),
            ]
        },
        check: |before, after| {
            let (a, b) = (f32s(&before[1]), f32s(&before[2]));
            let mut want = vec![0f64; 260];
            for j in 0..13 {
                for i in 0..20 {
                    want[i + 20 * j] = (0..7)
                        .map(|k| f64::from(a[i + 20 * k]) * f64::from(b[k + 7 * j]))
                        .sum();
                }
            }
            assert_close("matmul_naive", &f32s(&after[0]), &want, 1e-5);
        },
    },
    // KernelAbstractions' examples/naive_transpose.jl.
    RealKernel {
        file: "naive_transpose.jl",
        kernel: "naive_transpose_kernel!",
        args: |rng| {
            vec![
                f32_array(&[20, 30], &[0.0; 600]),
                f32_array(&[30, 20], &rand_f32(rng, 600, -1.0, 1.0)),
            ]
        },
        check: |before, after| {
            let b = f32s(&before[1]);
            let mut want = vec![0f32; 600];
            for j in 0..30 {
                for i in 0..20 {
                    want[i + 20 * j] = b[j + 30 * i];
                }
            }
            assert_eq!(f32s(&after[0]), want, "naive_transpose");
        },
    },
    // KernelAbstractions' examples/memcopy.jl: linear indexing of a matrix.
    RealKernel {
        file: "memcopy.jl",
        kernel: "copy_kernel!",
        args: |rng| {
            vec![
                f64_array(&[15, 13], &[0.0; 195]),
                f64_array(&[15, 13], &rand_f64(rng, 195, -1.0, 1.0)),
            ]
        },
        check: |before, after| assert_eq!(f64s(&after[0]), f64s(&before[1]), "memcopy"),
    },
    // CUDA.jl's atomics test: `CUDA.atomic_add!(pointer(a), b)` on Float32.
    RealKernel {
        file: "atomic_add.jl",
        kernel: "atomic_add_kernel",
        args: |_| vec![f32_array(&[1], &[0.0]), f32_scalar(1.0)],
        check: |_, after| assert_eq!(f32s(&after[0]), vec![1024.0], "atomic_add"),
    },
    // CUDA.jl's tutorial gpu_add3!: a grid-stride `for` over a StepRange.
    RealKernel {
        file: "gpu_add_stride.jl",
        kernel: "gpu_add3!",
        args: |rng| {
            vec![
                f32_array(&[1000], &rand_f32(rng, 1000, -1.0, 1.0)),
                f32_array(&[1000], &rand_f32(rng, 1000, -1.0, 1.0)),
            ]
        },
        check: |before, after| {
            let (y, x) = (f32s(&before[0]), f32s(&before[1]));
            let want: Vec<f32> = y.iter().zip(&x).map(|(a, b)| a + b).collect();
            assert_eq!(f32s(&after[0]), want, "gpu_add3!");
        },
    },
    // CUDA.jl's performance tutorial gpu_add5!: Int32 indices, a `while` grid-stride loop.
    RealKernel {
        file: "gpu_add_while.jl",
        kernel: "gpu_add5!",
        args: |rng| {
            vec![
                f64_array(&[1000], &rand_f64(rng, 1000, -1.0, 1.0)),
                f64_array(&[1000], &rand_f64(rng, 1000, -1.0, 1.0)),
            ]
        },
        check: |before, after| {
            let (y, x) = (f64s(&before[0]), f64s(&before[1]));
            let want: Vec<f64> = y.iter().zip(&x).map(|(a, b)| a + b).collect();
            assert_eq!(f64s(&after[0]), want, "gpu_add5!");
        },
    },
    // CUDA.jl's docs: `a::CuDeviceArray{T}` (a UnionAll parameter) and static shared memory.
    RealKernel {
        file: "reverse_static.jl",
        kernel: "reverse_kernel",
        args: |_| vec![i64_array(&[2], &[7, -3])],
        check: |_, after| assert_eq!(i64s(&after[0]), vec![-3, 7], "reverse_kernel"),
    },
    // CUDA.jl's docs: dynamic shared memory sized by `length(a)`.
    RealKernel {
        file: "reverse_dynamic.jl",
        kernel: "reverse_dynamic_kernel",
        args: |rng| {
            let v: Vec<i64> = (0..37).map(|_| rng.int(-99, 99)).collect();
            vec![i64_array(&[37], &v)]
        },
        check: |before, after| {
            let mut want = i64s(&before[0]);
            want.reverse();
            assert_eq!(i64s(&after[0]), want, "reverse_dynamic_kernel");
        },
    },
    // CUDA.jl's docs, "Atomics": the low-level call and `CUDA.@atomic`.
    RealKernel {
        file: "atomic_doc.jl",
        kernel: "atomic_kernel_low",
        args: |_| vec![i32_array(&[1], &[1])],
        check: |_, after| assert_eq!(i32s(&after[0]), vec![301], "atomic_kernel_low"),
    },
    RealKernel {
        file: "atomic_doc.jl",
        kernel: "atomic_kernel_high",
        args: |_| vec![i32_array(&[1], &[1])],
        check: |_, after| assert_eq!(i32s(&after[0]), vec![301], "atomic_kernel_high"),
    },
    // AMDGPU.jl's test/device/vadd.jl in AMDGPU.jl's names.
    RealKernel {
        file: "amdgpu_vadd.jl",
        kernel: "vadd",
        args: |rng| {
            vec![
                f32_array(&[8], &rand_f32(rng, 8, 0.0, 100.0)),
                f32_array(&[8], &rand_f32(rng, 8, 0.0, 100.0)),
                f32_array(&[8], &[0.0; 8]),
            ]
        },
        check: |before, after| {
            let (a, b) = (f32s(&before[0]), f32s(&before[1]));
            let want: Vec<f32> = a.iter().zip(&b).map(|(x, y)| x + y).collect();
            assert_eq!(f32s(&after[2]), want, "amdgpu vadd");
        },
    },
    // CUDA.jl's intrinsics test "shuffle idx": `FULL_MASK`, a warp reverses Float64s.
    RealKernel {
        file: "shfl_idx.jl",
        kernel: "shfl_idx_kernel",
        args: |rng| vec![f64_array(&[32], &rand_f64(rng, 32, -1.0, 1.0))],
        check: |before, after| {
            let mut want = f64s(&before[0]);
            want.reverse();
            assert_eq!(f64s(&after[0]), want, "shfl_idx");
        },
    },
    // CUDA.jl's intrinsics test "shuffle down", n = 14 of 32 lanes, with a width.
    RealKernel {
        file: "shfl_down.jl",
        kernel: "shfl_down_kernel",
        args: |_| {
            let v: Vec<i32> = (1..=14).collect();
            vec![i32_array(&[14], &v), scalar_i64(14)]
        },
        check: |_, after| {
            // The test's `a[1:n÷2] += a[n÷2+1:end]`. Lanes 8..14 read lanes 15..21, which
            // do not take part (t > n): undefined in CUDA, not checked.
            let got = i32s(&after[0]);
            let want: Vec<i32> = (1..=7).map(|k| k + k + 7).collect();
            assert_eq!(&got[..7], &want[..], "shfl_down");
        },
    },
    // CUDA.jl's intrinsics tests "any", "all", "ballot".
    RealKernel {
        file: "vote.jl",
        kernel: "vote_any_kernel",
        args: |_| vec![array_of(Scalar::Bool, &[1], vec![0]), scalar_i64(4)],
        check: |_, after| assert_eq!(data(&after[0]), &[1], "vote_any"),
    },
    RealKernel {
        file: "vote.jl",
        kernel: "vote_all_kernel",
        args: |_| vec![array_of(Scalar::Bool, &[1], vec![1]), scalar_i64(2)],
        check: |_, after| assert_eq!(data(&after[0]), &[0], "vote_all"),
    },
    RealKernel {
        file: "vote.jl",
        kernel: "vote_ballot_kernel",
        args: |_| vec![array_of(Scalar::UInt32, &[1], vec![0; 4]), scalar_i64(3)],
        check: |_, after| assert_eq!(i32s(&after[0]), vec![4], "vote_ballot"),
    },
    // A 3-D kernel on 3-D arrays (luraess' JuliaCon21 workshop, memcopy3D_noPS.jl).
    RealKernel {
        file: "copy3d.jl",
        kernel: "copy3D!",
        args: |rng| {
            vec![
                f64_array(&[7, 6, 5], &[0.0; 210]),
                f64_array(&[7, 6, 5], &rand_f64(rng, 210, -1.0, 1.0)),
                f64_array(&[7, 6, 5], &rand_f64(rng, 210, -1.0, 1.0)),
            ]
        },
        check: |before, after| {
            let (t, ci) = (f64s(&before[1]), f64s(&before[2]));
            let want: Vec<f64> = t.iter().zip(&ci).map(|(a, b)| a + b).collect();
            assert_eq!(f64s(&after[0]), want, "copy3D!");
        },
    },
    // AMDGPU.jl's test/device/indexing.jl `dim_kern`, a 3-D launch.
    RealKernel {
        file: "amdgpu_indexing.jl",
        kernel: "dim_kern",
        args: |_| vec![i64_array(&[9], &[0; 9])],
        check: |_, after| {
            assert_eq!(
                i64s(&after[0]),
                vec![1, 2, 3, 4, 8, 18, 4, 4, 6],
                "dim_kern"
            );
        },
    },
    // CUDA.jl's examples/scan.jl with `op::Function` kept (here `max`).
    RealKernel {
        file: "scan_op.jl",
        kernel: "gpu_accumulate_op!",
        args: |rng| {
            let v: Vec<i64> = (0..64 * 4).map(|_| rng.int(-1000, 1000)).collect();
            vec![function("max"), i64_array(&[64, 4], &v)]
        },
        check: |before, after| {
            let mut want = i64s(&before[1]);
            for col in want.chunks_mut(64) {
                for r in 1..64 {
                    col[r] = col[r].max(col[r - 1]);
                }
            }
            assert_eq!(i64s(&after[1]), want, "scan_op");
        },
    },
    // KernelAbstractions' test/localmem.jl `localmem2`: a barrier inside a loop.
    RealKernel {
        file: "localmem_sync_loop.jl",
        kernel: "localmem2",
        args: |_| vec![i64_array(&[64], &[0; 64])],
        check: |_, after| {
            let want: Vec<i64> = (0..64).map(|k| 16 - (k % 16)).collect();
            assert_eq!(i64s(&after[0]), want, "localmem2");
        },
    },
    // KernelAbstractions' test/convert.jl: ceil/floor/round to every integer type.
    RealKernel {
        file: "convert_round.jl",
        kernel: "convert_kernel!",
        args: |rng| {
            let mut a = rand_f64(rng, 32, 0.0, 3.0);
            // Ties round to even, as Julia's `round`.
            a[..4].copy_from_slice(&[0.5, 1.5, 2.5, 2.0]);
            vec![f64_array(&[32], &a), f64_array(&[32, 30], &[0.0; 960])]
        },
        check: |before, after| {
            let a = f64s(&before[0]);
            let b = f64s(&after[1]);
            for (c, f) in [
                (0, f64::ceil as fn(f64) -> f64),
                (10, f64::floor),
                (20, f64::round_ties_even),
            ] {
                for col in 0..10 {
                    for (t, &x) in a.iter().enumerate() {
                        // Columns 5, 10 (Int128/UInt128) are commented out in the original.
                        let want = if col == 4 || col == 9 { 0.0 } else { f(x) };
                        assert_eq!(
                            b[t + 32 * (c + col)],
                            want,
                            "column {} row {t}",
                            c + col + 1
                        );
                    }
                }
            }
        },
    },
    // KernelAbstractions' test/test.jl `unaliased_accumulate_local!`.
    RealKernel {
        file: "accumulate_rows.jl",
        kernel: "unaliased_accumulate_local!",
        args: |rng| {
            vec![
                f32_array(&[8, 8], &[0.0; 64]),
                f32_array(&[8, 8], &rand_f32(rng, 64, -1.0, 1.0)),
                scalar_i64(8),
            ]
        },
        check: |before, after| {
            let x = f32s(&before[1]);
            let mut want = vec![0f64; 64];
            for i in 0..8 {
                for j in 0..8 {
                    want[i + 8 * j] = (j..8).map(|k| f64::from(x[i + 8 * k])).sum();
                }
            }
            assert_close("accumulate", &f32s(&after[0]), &want, 1e-5);
        },
    },
    // GPUArrays' rotate_kernel! (`conj` of a real).
    RealKernel {
        file: "rotate.jl",
        kernel: "rotate_kernel!",
        args: |rng| {
            vec![
                f32_array(&[50], &rand_f32(rng, 50, -1.0, 1.0)),
                f32_array(&[50], &rand_f32(rng, 50, -1.0, 1.0)),
                f32_scalar(0.6),
                f32_scalar(0.8),
            ]
        },
        check: |before, after| {
            let (x, y) = (f32s(&before[0]), f32s(&before[1]));
            let (c, s) = (0.6f32, 0.8f32);
            let wx: Vec<f64> = (0..50).map(|i| f64::from(s * y[i] + c * x[i])).collect();
            let wy: Vec<f64> = (0..50).map(|i| f64::from(c * y[i] - s * x[i])).collect();
            assert_close("rotate x", &f32s(&after[0]), &wx, 1e-6);
            assert_close("rotate y", &f32s(&after[1]), &wy, 1e-6);
        },
    },
    // GPUArrays' identity_kernel (`res::AbstractArray{T}` with `where T`).
    RealKernel {
        file: "identity_matrix.jl",
        kernel: "identity_kernel",
        args: |_| {
            vec![
                f32_array(&[5, 5], &[0.0; 25]),
                scalar_i64(5),
                f32_scalar(2.5),
            ]
        },
        check: |_, after| {
            let want: Vec<f32> = (0..25)
                .map(|k| if k % 6 == 0 { 2.5 } else { 0.0 })
                .collect();
            assert_eq!(f32s(&after[0]), want, "identity_kernel");
        },
    },
    // GPUArrays' rmul_kernel!: `X[i] *= s` through a matrix's linear index.
    RealKernel {
        file: "rmul.jl",
        kernel: "rmul_kernel!",
        args: |rng| {
            vec![
                f64_array(&[7, 6], &rand_f64(rng, 42, -1.0, 1.0)),
                f64_scalar(-1.5),
            ]
        },
        check: |before, after| {
            let want: Vec<f64> = f64s(&before[0]).iter().map(|x| x * -1.5).collect();
            assert_eq!(f64s(&after[0]), want, "rmul_kernel!");
        },
    },
    // CUDA.jl's math test fastpow_kernel (CUDA.jl#3065): `@inbounds @fastmath A[i]^y`, y::Int32.
    RealKernel {
        file: "fastpow.jl",
        kernel: "fastpow_kernel",
        args: |_| {
            vec![
                f32_array(&[4], &[1.0, -2.0, 1.5, 0.5]),
                ArgValue::Scalar {
                    ty: Scalar::Int32,
                    bits: 3,
                },
            ]
        },
        check: |_, after| {
            assert_close(
                "fastpow",
                &f32s(&after[0]),
                &[1.0, -8.0, 3.375, 0.125],
                1e-6,
            );
        },
    },
    // CUDA.jl's execution test: a `@noinline` device function and `x[] = v`.
    RealKernel {
        file: "device_function.jl",
        kernel: "parent",
        args: |rng| {
            vec![
                f32_array(&[256], &rand_f32(rng, 256, 0.0, 100.0)),
                f32_array(&[1], &[0.0]),
            ]
        },
        check: |before, after| {
            assert_eq!(f32s(&after[1]), vec![f32s(&before[0])[255]], "parent");
        },
    },
    RealKernel {
        file: "fnarg_partial_accumulate.jl",
        kernel: "_partial_accumulate!",
        args: |rng| {
            let v: Vec<i64> = (0..1000).map(|_| rng.int(-50, 50)).collect();
            vec![
                ArgValue::Function { name: "max".into() },
                i64_array(&[1000], &[0; 1000]),
                i64_array(&[1000], &v),
                scalar_i64(3),
            ]
        },
        check: |before, after| {
            let vin = i64s(&before[2]);
            let want: Vec<i64> = (0..vin.len())
                .map(|k| {
                    if k >= 3 {
                        vin[k - 3].max(vin[k])
                    } else {
                        vin[k]
                    }
                })
                .collect();
            assert_eq!(i64s(&after[1]), want, "partial_accumulate");
        },
    },
    RealKernel {
        file: "closure_mapreduce_block.jl",
        kernel: "sum_scaled_squares",
        args: |rng| {
            let v: Vec<f32> = (0..1000).map(|_| rng.f32(-1.0, 1.0)).collect();
            vec![
                f32_array(&[4], &[0.0; 4]),
                f32_array(&[1000], &v),
                scalar_i64(1000),
                ArgValue::Scalar {
                    ty: Scalar::Float32,
                    bits: u64::from(0.5f32.to_bits()),
                },
            ]
        },
        check: |before, after| {
            let a = f32s(&before[1]);
            let mut want = vec![0f64; 4];
            for (k, &x) in a.iter().enumerate() {
                want[k / 256] += 0.5 * f64::from(x) * f64::from(x);
            }
            assert_close("mapreduce_block", &f32s(&after[0]), &want, 1e-5);
        },
    },
];

/// The real-kernel corpus (`tests/data/real/`, each file's header names its source):
/// every kernel compiles for PTX (ptxas-checked when available) and AMDGPU, and runs
/// natively against its Rust reference.
#[test]
fn real_kernels_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jl"))
        .collect();
    files.sort();
    let listed: Vec<&str> = REAL.iter().map(|k| k.file).collect();
    for f in &files {
        assert!(
            listed.contains(&f.as_str()),
            "tests/data/real/{f} has no entry in REAL"
        );
    }
    let mut rng = Rng(0x5eed_0015_abcd_ef01);
    for k in REAL {
        let src = std::fs::read_to_string(dir.join(k.file)).unwrap();
        assert!(
            src.starts_with("# Ported from "),
            "{}: the header names the source",
            k.file
        );
        let c = compiler_for(k.file, &src);
        let before = (k.args)(&mut rng);
        let argtypes: Vec<String> = before.iter().map(|a| a.type_name()).collect();
        let argtypes: Vec<&str> = argtypes.iter().map(String::as_str).collect();
        compiles_for_gpus(&c, k.kernel, &argtypes);
        let mut after = before.clone();
        c.run_native(k.kernel, &mut after, corpus_grid(&src))
            .unwrap_or_else(|e| panic!("{}: {e}", k.file));
        (k.check)(&before, &after);
    }
}

/// `@cuprintf`: natively through the host's printf (the output comes before the
/// launcher's JSON), on PTX through vprintf (ptxas-checked), on AMDGPU through ROCm's
/// hostcall printf (OCKL linked; checked in the code object with llvm-objdump-19).
#[test]
fn device_printf() {
    let path = format!(
        "{}/tests/data/gpumodel/printf.jl",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = strata_run(
        &path,
        "hello",
        2,
        r#"[{"DeviceArray{Float32,1}":[1.5,2.5]}]"#,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "thread 1 of 2: 1.500000\nplain\nthread 2 of 2: 2.500000\nplain\n{\"args\":[{\"DeviceArray{Float32,1}\":[1.5,2.5]}]}\n"
    );
    let c = compiler_for("printf.jl", &std::fs::read_to_string(&path).unwrap());
    compiles_for_gpus(&c, "hello", &["DeviceArray{Float32,1}"]);
    let ptx = compile(&c, "hello", &["DeviceArray{Float32,1}"], "ptx").unwrap();
    assert!(String::from_utf8_lossy(&ptx).contains("vprintf"));
    amdgpu_hostcall_printf(&c, "hello", &["DeviceArray{Float32,1}"]);
}

/// `strata run FILE KERNEL --threads N --args-json ARGS`.
fn strata_run(path: &str, kernel: &str, threads: u32, args: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_strata"))
        .args([
            "run",
            path,
            kernel,
            "--threads",
            &threads.to_string(),
            "--args-json",
            args,
        ])
        .output()
        .unwrap()
}

/// The AMDGPU code object of `func` calls OCKL's hostcall (the printf buffer protocol:
/// `__ockl_printf_begin` and the appends, inlined, call `__ockl_hostcall_internal`) and
/// its kernel asks for the hostcall buffer argument; read back with llvm-objdump-19.
fn amdgpu_hostcall_printf(c: &Compiler, func: &str, argtypes: &[&str]) {
    if strata::codegen::amdgpu::find_device_lib("ockl").is_none() {
        let err = compile(c, func, argtypes, "amdgpu")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("__ockl_printf_begin") && err.contains("OCKL"),
            "{err}"
        );
        return;
    }
    let asm = compile(c, func, argtypes, "amdgpu").unwrap();
    let asm = String::from_utf8_lossy(&asm);
    assert!(
        asm.contains("hidden_hostcall_buffer"),
        "{func}: no hostcall buffer"
    );
    let store = c.engine().types();
    let tys = argtypes.iter().map(|t| store.parse(t).unwrap()).collect();
    let backend = backend_for(Target::parse("amdgpu", None).unwrap());
    let mut job = CompilerJob::kernel(func, tys, backend, c.engine().world());
    job.emit = EmitKind::Obj;
    let obj = c.compile(&job).unwrap().bytes;
    if !on_path("llvm-objdump-19") {
        return;
    }
    let path =
        std::env::temp_dir().join(format!("strata-hostcall-{}-{func}.o", std::process::id()));
    std::fs::write(&path, &obj).unwrap();
    let out = std::process::Command::new("llvm-objdump-19")
        .args(["-d", "-t", "-r"])
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("__ockl_hostcall_internal"), "{func}: {text}");
    assert!(text.contains("s_swappc_b64"), "{func}: no call");
}

/// The print macros (`@cuprintln` with `$name` interpolation, `@cuprint`, `@print`)
/// and `@cuassert`: natively through `strata run` (stdout and stderr compared), on PTX
/// through vprintf and `__assertfail` (ptxas-checked), on AMDGPU through hostcall printf.
#[test]
fn print_macros_and_assert() {
    let path = format!(
        "{}/tests/data/gpumodel/print_macros.jl",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = strata_run(
        &path,
        "interp",
        2,
        r#"[{"DeviceArray{Float32,1}":[1.5,2.5]},{"UInt8":7},{"Bool":true}]"#,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "thread 1: x = 1.500000, n = 7, flag = true, 100%\nno newline 1|ka 3.000000\n\
         thread 2: x = 2.500000, n = 7, flag = true, 100%\nno newline 2|ka 5.000000\n\
         {\"args\":[{\"DeviceArray{Float32,1}\":[1.5,2.5]},{\"UInt8\":7},{\"Bool\":true}]}\n"
    );
    let ok = strata_run(&path, "checked", 2, r#"[{"DeviceArray{Int64,1}":[5,7]}]"#);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("[6,8]"));
    for (args, message, line) in [
        (
            r#"[{"DeviceArray{Int64,1}":[5,-1]}]"#,
            "a must be positive",
            15,
        ),
        (r#"[{"DeviceArray{Int64,1}":[5,100]}]"#, "a[i] < 100", 16),
    ] {
        let bad = strata_run(&path, "checked", 2, args);
        let err = String::from_utf8_lossy(&bad.stderr);
        assert!(!bad.status.success());
        assert!(
            err.contains(&format!(
                "print_macros.jl:{line}: Assertion `{message}` failed."
            )),
            "{err}"
        );
        assert!(
            err.contains("a AssertionError was thrown") && err.contains(&format!("checked at ")),
            "{err}"
        );
    }
    let c = compiler_for("print_macros.jl", &std::fs::read_to_string(&path).unwrap());
    let interp = ["DeviceArray{Float32,1}", "UInt8", "Bool"];
    compiles_for_gpus(&c, "interp", &interp);
    compiles_for_gpus(&c, "checked", &["DeviceArray{Int64,1}"]);
    let ptx = compile(&c, "checked", &["DeviceArray{Int64,1}"], "ptx").unwrap();
    assert!(String::from_utf8_lossy(&ptx).contains("__assertfail"));
    let ptx = String::from_utf8_lossy(&compile(&c, "interp", &interp, "ptx").unwrap()).into_owned();
    assert!(ptx.contains("vprintf"));
    amdgpu_hostcall_printf(&c, "interp", &interp);
    amdgpu_hostcall_printf(&c, "checked", &["DeviceArray{Int64,1}"]);
    // `@localmem` is static shared memory.
    compiles_for_gpus(&c, "localmem", &["DeviceArray{Float32,1}"]);
    let ptx = compile(&c, "localmem", &["DeviceArray{Float32,1}"], "ptx").unwrap();
    assert_eq!(
        String::from_utf8_lossy(&ptx)
            .matches(".shared .align")
            .count(),
        2
    );
    let mut args = vec![f32_array(&[4], &[1.0, 2.0, 3.0, 4.0])];
    c.run_native("localmem", &mut args, grid(1, 4)).unwrap();
    assert_eq!(f32s(&args[0]), [5.0, 5.0, 5.0, 5.0]);
}

/// The print macros' and `@cuassert`'s syntax errors.
#[test]
fn print_macro_errors() {
    for (src, want) in [
        (
            "@kernel function k(x::Int64)\n    @cuprintln(\"x = $(x + 1)\")\n    return\nend",
            "interpolates names only",
        ),
        (
            "@kernel function k(x::Int64)\n    @cuprintln(x, x, x, x, x, x, x)\n    return\nend",
            "at most 6 values",
        ),
        (
            "@kernel function k(x::Int64)\n    @cuassert(x > 0, x)\n    return\nend",
            "message is a string literal",
        ),
        (
            "@kernel function k(x::Int64)\n    @cuassert(x > 0, \"a\", \"b\")\n    return\nend",
            "a condition and an optional message",
        ),
    ] {
        let session = Session::with_prelude().expect("prelude loads");
        let err = session
            .load_source("bad.jl", src, &Default::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains(want), "{src}: {err}");
    }
}

/// `@atomic a[i] op= v` and `@atomic a[i] = op(a[i], v)` (also `CUDA.@atomic`); other
/// forms are a syntax error that names the calls to write.
#[test]
fn atomic_statement_forms() {
    let session = Session::with_prelude().expect("prelude loads");
    for bad in [
        "@atomic a[1] *= 2f0",
        "@atomic a[1] = a[2] + 2f0",
        "@atomic a[1] = atan(a[1], 2f0)",
    ] {
        let err = session
            .load_source(
                "bad.jl",
                &format!(
                    "@kernel function k(a::DeviceArray{{Float32,1}})\n    {bad}\n    return\nend"
                ),
                &Default::default(),
            )
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("`@atomic` here supports `a[i] op= v` and `a[i] = op(a[i], v)`"),
            "{bad}: {err}"
        );
    }
    let c = compiler_for(
        "ok.jl",
        "@kernel function k(a::DeviceArray{Int64,1}, b::DeviceArray{Int64,1})\n    i = threadIdx().x\n    @atomic a[b[i]] += 2\n    @atomic a[4] ⊻= 1\n    @atomic a[5] -= b[i]\n    @atomic a[1] = a[1] + 1\n    CUDA.@atomic a[3] = max(a[3], b[i] + 5)\n    return\nend",
    );
    compiles_for_gpus(&c, "k", &["DeviceArray{Int64,1}", "DeviceArray{Int64,1}"]);
    let mut args = vec![
        i64_array(&[5], &[0; 5]),
        i64_array(&[6], &[1, 2, 2, 3, 3, 3]),
    ];
    c.run_native("k", &mut args, grid(2, 3)).unwrap();
    // Two blocks of three threads, each thread i reading b[i] (1, 2, 2).
    assert_eq!(i64s(&args[0]), vec![4 + 6, 8, 7, 0, -10]);
}
