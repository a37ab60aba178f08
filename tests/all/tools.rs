//! External tools the integration tests use when they are installed (`llc-19`,
//! `llvm-objdump-19`, `ptxas`, libdevice, ROCm's device libraries): one place that says
//! whether each is there. Without `STRATA_REQUIRE_TOOLS` a missing tool narrows the
//! test to what runs without it and says so on stderr (`SKIPPED: …`); with it set (CI:
//! `scripts/test` sets it after installing them) a missing tool fails the test, so a
//! failed install can never turn into a quietly weaker suite.

/// Whether `$STRATA_REQUIRE_TOOLS` is set: every tool-gated test must find its tool.
pub fn required() -> bool {
    std::env::var_os("STRATA_REQUIRE_TOOLS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Reports `ok` for `tool`: a missing tool panics under [`required`], else is noted on
/// stderr with what the caller left out and how to install it.
pub fn available(ok: bool, tool: &str, install: &str) -> bool {
    if !ok {
        assert!(
            !required(),
            "{tool} is missing but STRATA_REQUIRE_TOOLS is set: {install}"
        );
        eprintln!(
            "SKIPPED: {tool} is not installed, so the checks that need it did not run ({install})"
        );
    }
    ok
}

/// Whether `tool --version` runs (found on the PATH).
pub fn on_path(tool: &str) -> bool {
    let ok = std::process::Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let install = match tool {
        "ptxas" => "bash scripts/setup installs it into target/cuda-venv; put target/cuda-venv/bin on the PATH",
        "llc-19" | "llvm-objdump-19" | "opt-19" => "apt-get install llvm-19",
        "redis-server" => "apt-get install redis-server",
        _ => "install it and put it on the PATH",
    };
    available(ok, tool, install)
}

/// Whether libdevice (`libdevice.10.bc`, next to ptxas or `$STRATA_LIBDEVICE`) is found.
pub fn libdevice() -> bool {
    available(
        strata::codegen::ptx::find_libdevice().is_some(),
        "libdevice",
        "bash scripts/setup installs nvidia-cuda-nvcc-cu12 into target/cuda-venv",
    )
}
