//! Builds the C++ half of the reused code-generation pipeline
//! (`src/codegen/emit_shim.cpp`, wrapped by `src/codegen/emitter.rs`) when the `llvm`
//! feature is on. It compiles against LLVM 19's headers, found through
//! `LLVM_SYS_191_PREFIX` (set in `.cargo/config.toml`, as llvm-sys uses it) or else
//! `llvm-config-19`/`llvm-config`, with LLVM's own flags (C++17, no RTTI, no
//! exceptions), and links against the libLLVM-19 that llvm-sys already links (it
//! exports LLVM's C++ symbols). Without the feature nothing is compiled.
//!
//! It also sets `STRATA_SOURCE_HASH`, a hash of every file under `src/` and of
//! `Cargo.lock`: the kernel cache (`src/store/key.rs`) puts it in the toolchain part of
//! every key, so a build whose code generator differs never serves another build's
//! artifacts. Because that makes this script run again whenever a source file changes,
//! the C++ shim is compiled only when its source or the LLVM prefix changed (a stamp in
//! `OUT_DIR`).

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/codegen/emit_shim.cpp");
    println!("cargo:rerun-if-env-changed=LLVM_SYS_191_PREFIX");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rustc-env=STRATA_SOURCE_HASH={}", source_hash());
    if std::env::var_os("CARGO_FEATURE_LLVM").is_none() {
        return;
    }
    let (include, libdir) = llvm_dirs();
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let stamp = out_dir.join("strata_emit_shim.stamp");
    let want = format!(
        "{:016x} {}",
        fnv(&std::fs::read("src/codegen/emit_shim.cpp").unwrap_or_default()),
        include.display()
    );
    let built = out_dir.join("libstrata_emit_shim.a").is_file()
        && std::fs::read_to_string(&stamp).is_ok_and(|s| s == want);
    if built {
        println!("cargo:rustc-link-search=native={}", out_dir.display());
        println!("cargo:rustc-link-lib=static=strata_emit_shim");
        println!("cargo:rustc-link-lib=stdc++");
        println!("cargo:rustc-link-search=native={}", libdir.display());
        println!("cargo:rustc-link-lib=dylib=LLVM-19");
        return;
    }
    cc::Build::new()
        .cpp(true)
        .file("src/codegen/emit_shim.cpp")
        .include(&include)
        .std("c++17")
        .flag("-fno-rtti")
        .flag("-fno-exceptions")
        .flag_if_supported("-funwind-tables")
        .flag_if_supported("-Wno-unused-parameter")
        .define("_GNU_SOURCE", None)
        .define("__STDC_CONSTANT_MACROS", None)
        .define("__STDC_FORMAT_MACROS", None)
        .define("__STDC_LIMIT_MACROS", None)
        .compile("strata_emit_shim");
    let _ = std::fs::write(&stamp, want);
    // After the static library, so the linker resolves the shim's LLVM symbols (llvm-sys
    // links the same library).
    println!("cargo:rustc-link-search=native={}", libdir.display());
    println!("cargo:rustc-link-lib=dylib=LLVM-19");
}

/// LLVM 19's include and library directories.
fn llvm_dirs() -> (PathBuf, PathBuf) {
    if let Some(prefix) = std::env::var_os("LLVM_SYS_191_PREFIX") {
        let prefix = PathBuf::from(prefix);
        if prefix.join("include/llvm/Target/TargetMachine.h").exists() {
            return (prefix.join("include"), prefix.join("lib"));
        }
    }
    let debian = PathBuf::from("/usr/lib/llvm-19");
    if debian.join("include/llvm/Target/TargetMachine.h").exists() {
        return (debian.join("include"), debian.join("lib"));
    }
    for tool in ["llvm-config-19", "llvm-config"] {
        let ask = |arg: &str| -> Option<PathBuf> {
            let out = Command::new(tool).arg(arg).output().ok()?;
            out.status
                .success()
                .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        };
        if let (Some(include), Some(lib)) = (ask("--includedir"), ask("--libdir")) {
            return (include, lib);
        }
    }
    panic!(
        "strata's `llvm` feature needs LLVM 19 (headers and libLLVM-19): on Debian or \
         Ubuntu run `sudo apt-get install -y llvm-19-dev` (or `bash scripts/setup` in \
         strata's repository); elsewhere set LLVM_SYS_191_PREFIX to an LLVM 19 \
         installation's prefix (the directory holding bin/llvm-config). To build the \
         library without code generation, depend on strata with \
         `default-features = false`."
    );
}

/// FNV-1a, 64 bits: a stable hash with no dependency (not for security).
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A hash of every file under `src/` (paths and contents, in sorted order) and of
/// `Cargo.lock`, as 32 hex digits (two FNV-1a halves over different seeds' inputs).
fn source_hash() -> String {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(std::path::Path::new("src"), &mut files);
    files.push(PathBuf::from("Cargo.lock"));
    files.sort();
    let mut all = Vec::new();
    for f in &files {
        all.extend_from_slice(f.to_string_lossy().as_bytes());
        all.push(0);
        all.extend_from_slice(&std::fs::read(f).unwrap_or_default());
        all.push(0);
    }
    let a = fnv(&all);
    all.reverse();
    let b = fnv(&all);
    format!("{a:016x}{b:016x}")
}
