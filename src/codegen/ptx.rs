//! The NVPTX target: `nvptx64-nvidia-cuda`, a configurable `sm_XX` (default `sm_90`) and
//! PTX ISA version (a `+ptxNN` feature, default `+ptx80`), FMA contraction on.
//!
//! What lives here is what only NVPTX needs: the configuration and its validation, the
//! target machine, the externs a PTX module may keep undefined (the CUDA system calls
//! `vprintf`/`malloc`/`free`, which the driver's JIT linker resolves), the module
//! rewrite that turns on FMA contraction, and finding and linking `libdevice` for the
//! `__nv_*` math functions. The driver (`src/driver/target.rs`) dispatches to these
//! per [`super::TargetKind`]; the runtime library is in `src/runtime/`.

use super::{TargetKind, TargetSpec};
use inkwell::module::Module;
use inkwell::targets::TargetMachine;
use inkwell::OptimizationLevel;
use std::path::PathBuf;

/// The PTX target's triple.
pub const TRIPLE: &str = "nvptx64-nvidia-cuda";

/// The processors LLVM 19's NVPTX back end knows (an unknown one would only get a
/// warning on stderr and generic code).
pub const ARCHS: &[&str] = &[
    "sm_30", "sm_32", "sm_35", "sm_37", "sm_50", "sm_52", "sm_53", "sm_60", "sm_61", "sm_62",
    "sm_70", "sm_72", "sm_75", "sm_80", "sm_86", "sm_87", "sm_89", "sm_90", "sm_90a",
];

/// The PTX target's configuration.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PtxConfig {
    /// `sm_XX` (compute capability).
    pub arch: String,
    /// The PTX ISA version times ten (`80` → `+ptx80`).
    pub ptx_version: u32,
}

impl Default for PtxConfig {
    fn default() -> Self {
        PtxConfig {
            arch: "sm_90".into(),
            ptx_version: 80,
        }
    }
}

impl PtxConfig {
    /// A configuration for `arch`, one of the processors LLVM 19's NVPTX back end
    /// knows ([`ARCHS`]), with PTX ISA 8.0 (enough for all of them).
    pub fn new(arch: &str) -> Result<PtxConfig, String> {
        if !ARCHS.contains(&arch) {
            return Err(format!(
                "bad PTX architecture `{arch}`: expected `sm_XX`, one of {}",
                ARCHS.join(", ")
            ));
        }
        Ok(PtxConfig {
            arch: arch.to_string(),
            ptx_version: 80,
        })
    }

    /// The LLVM feature string.
    pub fn features(&self) -> String {
        format!("+ptx{}", self.ptx_version)
    }
}

/// Codegen's view of the target before LLVM fills in the data layout.
fn bare_spec(cfg: &PtxConfig) -> TargetSpec {
    TargetSpec {
        kind: TargetKind::Ptx,
        triple: TRIPLE.into(),
        cpu: cfg.arch.clone(),
        features: cfg.features(),
        data_layout: String::new(),
        global_addrspace: 1,
    }
}

/// The target machine (optimization level O2, as the driver's pipeline).
pub fn target_machine(cfg: &PtxConfig) -> Result<TargetMachine, String> {
    super::spec::target_machine(&bare_spec(cfg), OptimizationLevel::Default)
        .map_err(|e| e.to_string())
}

/// What codegen needs to know.
pub fn spec(cfg: &PtxConfig, tm: &TargetMachine) -> TargetSpec {
    super::spec::with_data_layout(bare_spec(cfg), tm)
}

/// Externs a PTX module may leave undefined: the CUDA device runtime's system calls.
pub fn allows_extern(name: &str) -> bool {
    matches!(name, "vprintf" | "__assertfail" | "malloc" | "free")
}

/// The functions PTX text declares `.extern .func` (defined elsewhere: by the CUDA
/// driver for its system calls, or by nothing), in order.
pub fn extern_functions(ptx: &str) -> Vec<String> {
    ptx.lines()
        .filter_map(|l| l.trim_start().strip_prefix(".extern .func"))
        .filter_map(|rest| {
            // `.extern .func __assertfail` / `.extern .func  (.param .b32 r) vprintf`,
            // the parameter list on the next lines.
            let name = rest.rsplit_once(')').map_or(rest, |(_, name)| name);
            let name = name.trim().trim_end_matches('(').trim_end();
            (!name.is_empty()).then(|| name.to_string())
        })
        .collect()
}

/// Before optimization: FMA contraction on, as CUDA's default `-fmad=true` (clang's
/// `-ffp-contract=fast` for CUDA): every floating-point add, subtract and multiply gets
/// the `contract` flag, which NVPTX's instruction selection fuses into `fma.rn`.
pub fn finish_module(module: &Module<'_>) {
    use inkwell::values::{FastMathFlags, InstructionOpcode as Op};
    for f in module.get_functions() {
        for bb in f.get_basic_block_iter() {
            let mut inst = bb.get_first_instruction();
            while let Some(i) = inst {
                if matches!(i.get_opcode(), Op::FAdd | Op::FSub | Op::FMul) {
                    let flags = i.get_fast_math_flags().unwrap_or(FastMathFlags::empty());
                    let _ = i.set_fast_math_flags(flags | FastMathFlags::AllowContract);
                }
                inst = i.get_next_instruction();
            }
        }
    }
}

/// Where `libdevice.10.bc` is: `$STRATA_LIBDEVICE`, else next to the `ptxas` that
/// [`find_ptxas`] finds (the CUDA toolkit's `nvvm/libdevice/`, or the
/// `nvidia-cuda-nvcc-cu12` wheel's).
pub fn find_libdevice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("STRATA_LIBDEVICE") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    ptxas_candidates().into_iter().find_map(|ptxas| {
        // …/bin/ptxas → …/nvvm/libdevice/libdevice.10.bc
        let root = ptxas.parent()?.parent()?;
        let cand = root.join("nvvm/libdevice/libdevice.10.bc");
        cand.is_file().then_some(cand)
    })
}

/// The `ptxas` to assemble PTX with: `$STRATA_PTXAS`, else the first on the `PATH`, else
/// the one the project's set-up installed (`scripts/setup`: the `nvidia-cuda-nvcc-cu12`
/// wheel in `target/cuda-venv`, looked for under the current directory and above the
/// running executable, so `target/release/strata` finds it from anywhere).
pub fn find_ptxas() -> Option<PathBuf> {
    ptxas_candidates().into_iter().next()
}

fn ptxas_candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(p) = std::env::var_os("STRATA_PTXAS") {
        out.push(PathBuf::from(p));
    }
    if let Some(path) = std::env::var_os("PATH") {
        out.extend(std::env::split_paths(&path).map(|d| d.join("ptxas")));
    }
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        roots.push(cwd.join("target"));
    }
    if let Ok(exe) = std::env::current_exe() {
        roots.extend(exe.ancestors().skip(1).take(3).map(PathBuf::from));
    }
    for root in roots {
        let lib = root.join("cuda-venv/lib");
        let Ok(entries) = std::fs::read_dir(&lib) else {
            continue;
        };
        let mut pythons: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        pythons.sort();
        for py in pythons {
            out.push(py.join("site-packages/nvidia/cuda_nvcc/bin/ptxas"));
        }
    }
    out.retain(|p| p.is_file());
    out
}

/// Makes PTX text independent of what the process compiled before: LLVM's NVPTX back
/// end numbers call sites with a process-wide counter (`// callseq N` comments and
/// `prototype_N` names of indirect calls), so the same module would print differently
/// in a batch. The numbers are renumbered by first appearance, per module.
pub fn normalize_asm(text: &str) -> String {
    let mut map: Vec<(u64, u64)> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = ["callseq ", "prototype_"]
            .iter()
            .filter_map(|p| rest.find(p).map(|i| (i, p.len())))
            .min();
        let Some((i, plen)) = next else {
            out.push_str(rest);
            break;
        };
        let digits_at = i + plen;
        let n_len = rest[digits_at..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        out.push_str(&rest[..digits_at]);
        match rest[digits_at..digits_at + n_len].parse::<u64>() {
            Ok(n) => {
                let id = match map.iter().find(|(k, _)| *k == n) {
                    Some(&(_, v)) => v,
                    None => {
                        map.push((n, map.len() as u64));
                        map.len() as u64 - 1
                    }
                };
                out.push_str(&id.to_string());
            }
            Err(_) => out.push_str(&rest[digits_at..digits_at + n_len]),
        }
        rest = &rest[digits_at + n_len..];
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn call_sites_are_renumbered_by_first_appearance() {
        let text = "{ // callseq 8, 0\nprototype_8 : .callprototype\n} // callseq 8\n{ // callseq 12, 0\n} // callseq 12\ncallseq x";
        let want = "{ // callseq 0, 0\nprototype_0 : .callprototype\n} // callseq 0\n{ // callseq 1, 0\n} // callseq 1\ncallseq x";
        assert_eq!(super::normalize_asm(text), want);
    }

    #[test]
    fn extern_functions() {
        let ptx = ".version 8.0\n.extern .func  (.param .b32 func_retval0) vprintf\n(\n\t.param .b64 a\n);\n\
                   .extern .func __assertfail\n(\n);\n.extern .func sinf(\n.visible .entry k()\n";
        assert_eq!(
            super::extern_functions(ptx),
            ["vprintf", "__assertfail", "sinf"]
        );
        assert!(super::extern_functions(".visible .func f()\n").is_empty());
    }
}
