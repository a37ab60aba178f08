//! Builds the C++ half of the reused code-generation pipeline
//! (`src/codegen/emit_shim.cpp`, wrapped by `src/codegen/emitter.rs`) when the `llvm`
//! feature is on. It compiles against LLVM 19's headers, found through
//! `LLVM_SYS_191_PREFIX` (set in `.cargo/config.toml`, as llvm-sys uses it) or else
//! `llvm-config-19`/`llvm-config`, with LLVM's own flags (C++17, no RTTI, no
//! exceptions), and links against the libLLVM-19 that llvm-sys already links (it
//! exports LLVM's C++ symbols). Without the feature nothing is compiled.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/codegen/emit_shim.cpp");
    println!("cargo:rerun-if-env-changed=LLVM_SYS_191_PREFIX");
    if std::env::var_os("CARGO_FEATURE_LLVM").is_none() {
        return;
    }
    let (include, libdir) = llvm_dirs();
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
