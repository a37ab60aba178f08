//! `strata doctor`: what this machine has of what strata can use (LLVM, ptxas,
//! libdevice, ROCm's device libraries, the kernel cache's directory, a shared Redis
//! cache), where each was found, and for every gap what it costs and how to fill it.
//! It only looks: nothing is installed or written.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// One line of the report.
struct Check {
    what: &'static str,
    found: Result<String, String>,
}

fn file(path: Option<std::path::PathBuf>, missing: &str) -> Result<String, String> {
    path.map(|p| p.display().to_string())
        .ok_or_else(|| missing.to_string())
}

/// Whether `dir` (or its nearest existing ancestor) can be written.
fn writable(dir: &Path) -> bool {
    let mut d = Some(dir);
    while let Some(p) = d {
        if p.exists() {
            return std::fs::metadata(p).is_ok_and(|m| !m.permissions().readonly());
        }
        d = p.parent();
    }
    false
}

fn redis_reachable(url: &str) -> Result<String, String> {
    let shown = strata::store::remote::redact(url);
    let client =
        redis::Client::open(url).map_err(|e| format!("{shown}: not a valid Redis URL ({e})"))?;
    let mut con = client
        .get_connection_with_timeout(std::time::Duration::from_secs(2))
        .map_err(|e| format!("{shown}: cannot connect ({e}); is redis-server running there?"))?;
    let pong: String = redis::cmd("PING")
        .query(&mut con)
        .map_err(|e| format!("{shown}: connected, but PING failed ({e})"))?;
    Ok(format!("{shown} answers {pong}"))
}

/// Runs the checks and prints the report; `remote` is `--cache-remote`, if given.
pub fn doctor(remote: Option<&str>, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let (major, minor, patch) = strata::codegen::inkwell::support::get_llvm_version();
    let mut checks = vec![
        Check {
            what: "LLVM (linked)",
            found: Ok(format!("{major}.{minor}.{patch}")),
        },
        Check {
            what: "ptxas",
            found: file(
                strata::codegen::ptx::find_ptxas(),
                "not found: PTX is emitted but not assembled or checked; `bash scripts/setup` \
                 installs it into target/cuda-venv (or set STRATA_PTXAS)",
            ),
        },
        Check {
            what: "libdevice",
            found: file(
                strata::codegen::ptx::find_libdevice(),
                "not found: math functions (sin, exp, …) cannot be compiled for PTX; \
                 `bash scripts/setup` installs it (or set STRATA_LIBDEVICE)",
            ),
        },
        Check {
            what: "AMD OCML",
            found: file(
                strata::codegen::amdgpu::find_ocml(),
                "not found: math functions cannot be compiled for AMDGPU; \
                 apt-get install rocm-device-libs (or set STRATA_ROCM_DEVICE_LIBS)",
            ),
        },
        Check {
            what: "AMD OCKL",
            found: file(
                strata::codegen::amdgpu::find_device_lib("ockl"),
                "not found: @cuprintf cannot be compiled for AMDGPU; \
                 apt-get install rocm-device-libs (or set STRATA_ROCM_DEVICE_LIBS)",
            ),
        },
    ];
    let cache = match strata::store::CacheConfig::default_dir() {
        Some(dir) if writable(&dir) => Ok(format!("{} (writable)", dir.display())),
        Some(dir) => Err(format!(
            "{} is not writable: kernels are not cached across runs; set STRATA_CACHE_DIR \
             to a writable directory, or pass --no-cache",
            dir.display()
        )),
        None => Err(
            "no directory (no STRATA_CACHE_DIR, XDG_CACHE_HOME or HOME): kernels are \
                     not cached across runs; set STRATA_CACHE_DIR"
                .into(),
        ),
    };
    checks.push(Check {
        what: "kernel cache",
        found: cache,
    });
    checks.push(Check {
        what: "shared cache",
        found: match remote {
            Some(url) => redis_reachable(url),
            None => {
                Ok("none configured (pass --cache-remote redis://host:port to check one)".into())
            }
        },
    });
    let mut gaps = 0;
    for c in &checks {
        match &c.found {
            Ok(s) => writeln!(out, "ok       {:<14} {s}", c.what)?,
            Err(s) => {
                gaps += 1;
                writeln!(out, "MISSING  {:<14} {s}", c.what)?;
            }
        }
    }
    writeln!(
        out,
        "{}",
        if gaps == 0 {
            "everything strata can use was found".to_string()
        } else {
            format!(
                "{gaps} gap(s): strata still runs; each line says what is lost and how to fill it"
            )
        }
    )?;
    Ok(ExitCode::SUCCESS)
}
