//! `strata examples [DIR]`: the main job in one command. Compiles every example kernel
//! for PTX in one batch (assembling each with `ptxas -arch=sm_90` when it is on the
//! PATH), runs a few on the CPU through the native back-end and checks their results
//! against Rust, and prints a short table.

use super::compile::render_error;
use super::{report, Table};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use strata::driver::run::{ArgValue, Scalar};
use strata::driver::{backend_for, Compiler, CompilerJob, EmitKind, Target};
use strata::runtime::host::Grid;
use strata::session::{LoadOptions, Session};

fn f32_array(v: &[f32]) -> ArgValue {
    ArgValue::Array {
        elem: Scalar::Float32,
        dims: vec![v.len()],
        data: v.iter().flat_map(|x| x.to_le_bytes()).collect(),
    }
}

fn f32s(a: &ArgValue) -> Vec<f32> {
    match a {
        ArgValue::Array { data, .. } => data
            .chunks(4)
            .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect(),
        ArgValue::Scalar { .. } | ArgValue::Function { .. } => Vec::new(),
    }
}

fn scalar_f32(x: f32) -> ArgValue {
    ArgValue::Scalar {
        ty: Scalar::Float32,
        bits: u64::from(x.to_bits()),
    }
}

fn grid(blocks: u32, threads: u32) -> Grid {
    Grid {
        blocks: [blocks, 1, 1],
        threads: [threads, 1, 1],
    }
}

/// `strata examples`.
pub fn examples(dir: &Path, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let session = match Session::with_prelude() {
        Ok(s) => s,
        Err(e) => {
            report(&e);
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jl"))
        .collect();
    paths.sort();
    let mut kernels = Vec::new();
    for p in &paths {
        match session.load_path(p, &LoadOptions::default()) {
            Ok(loaded) => kernels.extend(
                loaded
                    .methods
                    .iter()
                    .copied()
                    .filter(|&m| session.engine().method_source(m).is_some_and(|s| s.kernel)),
            ),
            Err(e) => {
                report(&e);
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    let front_end = start.elapsed();
    let engine = session.engine();
    let store = engine.types();
    let ptx = backend_for(Target::parse("ptx", None).map_err(anyhow::Error::msg)?);
    let mut jobs = Vec::new();
    for m in kernels {
        let Some(info) = engine.method_info(m) else {
            continue;
        };
        let argtypes = if store.is_dispatch_tuple(info.sig) {
            store.sig_args(info.sig).to_vec()
        } else if info.func == "vadd" {
            let v = store.parse("DeviceArray{Float32,1}").expect("a known type");
            vec![v, v, v]
        } else {
            continue;
        };
        let mut job = CompilerJob::kernel(&info.func, argtypes, ptx.clone(), engine.world());
        job.emit = EmitKind::Asm;
        jobs.push(job);
    }
    let compiler = Compiler::new(&session);
    let batch = Instant::now();
    let results = compiler.compile_batch(&jobs, 0, &|_| {});
    let batch_time = batch.elapsed();
    let ptxas_path = strata::codegen::ptx::find_ptxas();
    let ptxas = ptxas_path.as_ref().is_some_and(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let scratch = std::env::temp_dir().join(format!("strata-examples-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;

    let mut table = Table::new(&[
        "kernel",
        "PTX",
        "ptxas sm_90",
        "native (compile + run)",
        "check",
    ]);
    let mut failed = false;
    for (job, r) in jobs.iter().zip(&results) {
        let (size, assembled) = match r {
            Ok(art) => {
                let assembled = if ptxas {
                    let path = scratch.join(format!("{}.ptx", job.func));
                    std::fs::write(&path, &art.bytes)?;
                    let ok = std::process::Command::new(ptxas_path.as_ref().expect("found"))
                        .args(["-arch=sm_90", "-o"])
                        .arg(scratch.join("k.cubin"))
                        .arg(&path)
                        .status()
                        .is_ok_and(|s| s.success());
                    failed |= !ok;
                    if ok {
                        "ok"
                    } else {
                        "FAILED"
                    }
                } else {
                    "(no ptxas)"
                };
                (
                    format!(
                        "{} lines",
                        String::from_utf8_lossy(&art.bytes).lines().count()
                    ),
                    assembled,
                )
            }
            Err(e) => {
                let text = render_error(engine, e);
                let first = text.lines().next().unwrap_or("").to_string();
                // Without libdevice, `exp` on PTX (`__nv_expf`, src/codegen/math.rs) stays undefined.
                let libdevice = text.contains("__nv_");
                failed |= !libdevice;
                (
                    if libdevice {
                        "needs libdevice".into()
                    } else {
                        format!("error: {first}")
                    },
                    "-",
                )
            }
        };
        let (run, check) = run_one(&compiler, &job.func);
        failed |= check == "MISMATCH" || check.starts_with("error");
        table.row(vec![job.func.clone(), size, assembled.into(), run, check]);
    }
    let _ = std::fs::remove_dir_all(&scratch);
    writeln!(
        out,
        "{} example kernels compiled for PTX (sm_90) in {:.0} ms on {} threads (front end {:.0} ms):\n",
        jobs.len(),
        batch_time.as_secs_f64() * 1e3,
        rayon::current_num_threads(),
        front_end.as_secs_f64() * 1e3
    )?;
    table.write(out)?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Runs a few kernels natively on fixed inputs: `(time, check)`.
fn run_one(c: &Compiler, func: &str) -> (String, String) {
    let n = 1000;
    let x: Vec<f32> = (0..n).map(|i| (i as f32 * 0.37).sin()).collect();
    let y: Vec<f32> = (0..n).map(|i| (i as f32 * 0.11).cos()).collect();
    let (mut args, g, want, out): (Vec<ArgValue>, Grid, Vec<f32>, usize) = match func {
        "saxpy" => (
            vec![scalar_f32(2.5), f32_array(&x), f32_array(&y)],
            grid(4, 256),
            x.iter()
                .zip(&y)
                .map(|(x, y)| 2.5f32.mul_add(*x, *y))
                .collect(),
            2,
        ),
        "vadd" => (
            vec![f32_array(&x), f32_array(&y), f32_array(&vec![0.0; n])],
            grid(2, 128),
            x.iter().zip(&y).map(|(a, b)| a + b).collect(),
            2,
        ),
        "block_sum" => {
            let blocks = n.div_ceil(256);
            let sums = (0..blocks)
                .map(|b| {
                    let mut v: Vec<f32> = (0..256)
                        .map(|t| x.get(b * 256 + t).copied().unwrap_or(0.0))
                        .collect();
                    let mut s = 128;
                    while s > 0 {
                        for t in 0..s {
                            v[t] += v[t + s];
                        }
                        s /= 2;
                    }
                    v[0]
                })
                .collect();
            (
                vec![
                    f32_array(&x),
                    f32_array(&vec![0.0; blocks * 256]),
                    f32_array(&vec![0.0; blocks]),
                ],
                grid(blocks as u32, 256),
                sums,
                2,
            )
        }
        _ => return ("-".into(), "-".into()),
    };
    let start = Instant::now();
    match c.run_native(func, &mut args, g) {
        Ok(_) => {
            let time = format!("{:.1} ms", start.elapsed().as_secs_f64() * 1e3);
            let got = f32s(&args[out]);
            let ok = got.len() == want.len()
                && got
                    .iter()
                    .zip(&want)
                    .all(|(g, w)| (g - w).abs() <= 1e-5 * w.abs().max(1.0));
            (
                time,
                if ok {
                    format!("ok ({} values)", want.len())
                } else {
                    "MISMATCH".into()
                },
            )
        }
        Err(e) => (
            "-".into(),
            format!("error: {}", e.to_string().lines().next().unwrap_or("")),
        ),
    }
}
