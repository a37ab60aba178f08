//! The key schema of the kernel cache (version [`SCHEMA_VERSION`]).
//!
//! An artifact is stored under `sha256("strata-kernel-cache" ‖ schema ‖ the five part
//! digests)`, written as 64 hex digits. The parts, each a digest of a text that is also
//! kept in the entry (so `strata cache why-miss` can name the part that changed):
//!
//! 1. **toolchain**: strata's version and source hash (`STRATA_SOURCE_HASH`, set by
//!    `build.rs` from every file under `src/` and `Cargo.lock`: another build of the
//!    code generator is another toolchain), LLVM's version, and on PTX libdevice's
//!    identity (the SHA-256 of the file that would be linked, or `none`);
//! 2. **token**: the cache token (back-end name, `always_inline`, the method-tables
//!    tuple) and the target machine (triple, CPU/architecture, features, PTX version;
//!    the data layout follows from these and LLVM's version);
//! 3. **config**: the codegen configuration: kernel ABI or plain function, optimize or
//!    not, the pass pipeline, the emit kind;
//! 4. **entry**: the entry method instance, as a call `f(::T1, ::T2)` in Julia syntax;
//! 5. **fingerprint**: what inference used (`fingerprint.rs`).
//!
//! Nothing session-specific enters a part: no ids, pointers, worlds or paths of the
//! process; types are printed in Julia syntax, methods hashed by content. Changing what
//! a part covers, or how it is printed, must bump [`SCHEMA_VERSION`] (old entries are
//! then simply never found, and age out by LRU).

use super::fingerprint::Fingerprint;
use super::hex;
use crate::driver::{CompilerJob, Target};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// The version of the key schema and of the entry format; part of every key.
pub const SCHEMA_VERSION: u32 = 1;

/// One part of a key: what it covers, in words, and its digest (hex).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// What the part covers, in words.
    pub text: String,
    /// The part's SHA-256 digest (hex).
    pub digest: String,
}

impl Part {
    fn new(text: String) -> Part {
        let digest = hex(&Sha256::digest(text.as_bytes()));
        Part { text, digest }
    }
}

/// The five parts of a key, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyParts {
    /// The compiler build and LLVM version.
    pub toolchain: Part,
    /// The cache token (back-end, tables, inference parameters).
    pub token: Part,
    /// The target configuration.
    pub config: Part,
    /// The entry function and argument types.
    pub entry: Part,
    /// The fingerprint of every method and type the kernel depends on.
    pub fingerprint: Part,
}

/// The parts' names, in key order.
pub const PART_NAMES: [&str; 5] = ["toolchain", "token", "config", "entry", "fingerprint"];

impl KeyParts {
    /// The parts in key order, with their names.
    pub fn parts(&self) -> [(&'static str, &Part); 5] {
        [
            ("toolchain", &self.toolchain),
            ("token", &self.token),
            ("config", &self.config),
            ("entry", &self.entry),
            ("fingerprint", &self.fingerprint),
        ]
    }

    /// The key: 64 hex digits.
    pub fn key(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"strata-kernel-cache\0");
        h.update(SCHEMA_VERSION.to_le_bytes());
        for (_, p) in self.parts() {
            h.update(p.digest.as_bytes());
        }
        hex(&h.finalize())
    }
}

/// The target machine as the key sees it: triple, CPU or architecture, features (and
/// the PTX version). The data layout follows from these and LLVM's version (in the
/// toolchain part), so no target machine is created to compute a key.
pub fn machine(target: &Target) -> String {
    match target {
        Target::Ptx(c) => format!(
            "triple={} cpu={} features={} ptx_version={}",
            crate::codegen::ptx::TRIPLE,
            c.arch,
            c.features(),
            c.ptx_version
        ),
        Target::Amdgpu(c) => format!("triple={} cpu={}", crate::codegen::amdgpu::TRIPLE, c.arch),
        Target::Native => {
            static HOST: OnceLock<String> = OnceLock::new();
            HOST.get_or_init(|| {
                let (triple, cpu, features) = crate::codegen::native::host();
                format!("triple={triple} cpu={cpu} features={features}")
            })
            .clone()
        }
    }
}

/// The key parts of `job`, whose entry is `entry` (`f(::T…)`) with fingerprint `fp`.
pub fn key_parts(job: &CompilerJob, entry: String, fp: &Fingerprint) -> KeyParts {
    let target = job.backend.target();
    let token = job.token();
    KeyParts {
        toolchain: Part::new(toolchain(target)),
        token: Part::new(format!(
            "backend={} always_inline={} tables=[{}] target={} {}",
            token.target,
            token.always_inline,
            token.tables.join(", "),
            target.name(),
            machine(target),
        )),
        config: Part::new(format!(
            "kernel={} optimize={} pipeline={:?} emit={:?}",
            job.kernel, job.optimize, job.pipeline, job.emit
        )),
        entry: Part::new(entry),
        fingerprint: Part {
            text: format!(
                "{} lookups, {} type declarations",
                fp.edges.len(),
                fp.n_types
            ),
            digest: hex(&fp.digest),
        },
    }
}

/// The toolchain part's text for `target` (computed once per process and target kind).
pub fn toolchain(target: &Target) -> String {
    static BASE: OnceLock<String> = OnceLock::new();
    static LIBDEVICE: OnceLock<String> = OnceLock::new();
    let base = BASE.get_or_init(|| {
        let (major, minor, patch) = inkwell::support::get_llvm_version();
        format!(
            "strata {} (source {}) LLVM {major}.{minor}.{patch}",
            env!("CARGO_PKG_VERSION"),
            env!("STRATA_SOURCE_HASH"),
        )
    });
    match target {
        Target::Ptx(_) => {
            let libdevice = LIBDEVICE.get_or_init(|| {
                match crate::codegen::ptx::find_libdevice().and_then(|p| std::fs::read(p).ok()) {
                    Some(bytes) => format!("libdevice sha256:{}", hex(&Sha256::digest(&bytes))),
                    None => "libdevice none".into(),
                }
            });
            format!("{base} {libdevice}")
        }
        _ => base.clone(),
    }
}
