//! The targets a back-end can compile for, and what the driver asks of each: a target
//! machine (one per worker thread and configuration, reused), its code-generation
//! pipelines (one [`Emitter`] per worker thread, configuration and file type, reused;
//! see `src/codegen/emitter.rs`), codegen's [`TargetSpec`], the externs a module may
//! keep, and the module rewrite before optimization. The per-target details live in
//! `src/codegen/{ptx,amdgpu,native}.rs`.

use crate::codegen::amdgpu::{self, AmdgpuConfig};
use crate::codegen::emitter::Emitter;
use crate::codegen::native;
use crate::codegen::ptx::{self, PtxConfig};
use crate::codegen::{TargetKind, TargetSpec};
use inkwell::module::Module;
use inkwell::targets::{FileType, TargetMachine};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

thread_local! {
    /// The worker's target machines.
    static MACHINES: RefCell<HashMap<Target, Rc<TargetMachine>>> = RefCell::new(HashMap::new());
    /// The worker's code-generation pipelines, by target and whether they emit objects.
    /// Each keeps its target machine alive, so thread-local destruction order does not
    /// matter.
    static EMITTERS: RefCell<HashMap<(Target, bool), Emitter>> = RefCell::new(HashMap::new());
}

/// A target and its configuration.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// NVIDIA PTX with its configuration.
    Ptx(PtxConfig),
    /// AMDGPU (GCN) with its configuration.
    Amdgpu(AmdgpuConfig),
    /// The host CPU.
    Native,
}

impl Target {
    /// The target's kind, as codegen sees it.
    pub fn kind(&self) -> TargetKind {
        match self {
            Target::Ptx(_) => TargetKind::Ptx,
            Target::Amdgpu(_) => TargetKind::Amdgpu,
            Target::Native => TargetKind::Native,
        }
    }

    /// `ptx`, `amdgpu`, `native`.
    pub fn name(&self) -> &'static str {
        match self {
            Target::Ptx(_) => "ptx",
            Target::Amdgpu(_) => "amdgpu",
            Target::Native => "native",
        }
    }

    /// The target from the CLI's `--target` and `--arch` (the default architecture when
    /// `None`).
    pub fn parse(name: &str, arch: Option<&str>) -> Result<Target, String> {
        match (name, arch) {
            ("ptx", None) => Ok(Target::Ptx(PtxConfig::default())),
            ("ptx", Some(a)) => PtxConfig::new(a).map(Target::Ptx),
            ("amdgpu", None) => Ok(Target::Amdgpu(AmdgpuConfig::default())),
            ("amdgpu", Some(a)) => AmdgpuConfig::new(a).map(Target::Amdgpu),
            ("native", None) => Ok(Target::Native),
            ("native", Some(a)) => Err(format!(
                "--arch {a}: the native target always compiles for the host CPU"
            )),
            (other, _) => Err(format!(
                "unknown target `{other}`: expected ptx, amdgpu or native"
            )),
        }
    }

    /// The worker thread's target machine for this target (created on first use).
    pub fn with_machine<R>(&self, f: impl FnOnce(&TargetMachine) -> R) -> Result<R, String> {
        let tm = self.machine()?;
        Ok(f(&tm))
    }

    fn machine(&self) -> Result<Rc<TargetMachine>, String> {
        MACHINES.with(|m| {
            if let Some(tm) = m.borrow().get(self) {
                return Ok(tm.clone());
            }
            let tm = Rc::new(match self {
                Target::Ptx(c) => ptx::target_machine(c)?,
                Target::Amdgpu(c) => amdgpu::target_machine(c)?,
                Target::Native => native::target_machine()?,
            });
            m.borrow_mut().insert(self.clone(), tm.clone());
            Ok(tm)
        })
    }

    /// Whether the driver emits `file_type` for this target through a reused
    /// [`Emitter`] rather than the C API's `write_to_memory_buffer` (a fresh pipeline per
    /// module): wherever `tests/all/driver.rs`'s `reused_emitter_matches_the_c_api` shows
    /// byte-identical output on every example, in any order: PTX assembly (the hot
    /// path), AMDGPU and native assembly and objects. (PTX has no object format.)
    pub fn reuses_emitter(&self, file_type: FileType) -> bool {
        !matches!((self, file_type), (Target::Ptx(_), FileType::Object))
    }

    /// Runs `f` with the worker thread's code-generation pipeline for this target and
    /// `file_type` (built on first use over [`Target::with_machine`]'s target machine,
    /// which it keeps alive).
    pub fn with_emitter<R>(
        &self,
        file_type: FileType,
        f: impl FnOnce(&mut Emitter) -> R,
    ) -> Result<R, String> {
        let key = (self.clone(), file_type == FileType::Object);
        // Taken out of the cache while `f` runs, so no `RefCell` borrow spans LLVM's
        // code generation; put back after (a panic in `f` drops it: rebuilt next time).
        let cached = EMITTERS.with(|m| m.borrow_mut().remove(&key));
        let mut emitter = match cached {
            Some(e) => e,
            None => Emitter::new(self.machine()?, file_type).map_err(|e| e.to_string())?,
        };
        let r = f(&mut emitter);
        EMITTERS.with(|m| m.borrow_mut().insert(key, emitter));
        Ok(r)
    }

    /// Codegen's view of the target.
    pub fn spec(&self, tm: &TargetMachine) -> TargetSpec {
        match self {
            Target::Ptx(c) => ptx::spec(c, tm),
            Target::Amdgpu(c) => amdgpu::spec(c, tm),
            Target::Native => native::spec(tm),
        }
    }

    /// Whether a GPU/native job's module may keep `name` undefined after linking the
    /// runtime library.
    pub fn allows_extern(&self, name: &str) -> bool {
        match self {
            Target::Ptx(_) => ptx::allows_extern(name) || name == "__nvvm_reflect",
            Target::Amdgpu(_) => amdgpu::allows_extern(name),
            Target::Native => native::allows_extern(name),
        }
    }

    /// Whether the module may call LLVM intrinsic `name` (`llvm.…`): another target's
    /// intrinsics (`llvm.nvvm.*` on AMDGPU, `llvm.amdgcn.*` on the host…) would abort
    /// LLVM's instruction selection, so they are rejected first.
    pub fn allows_intrinsic(&self, name: &str) -> bool {
        const FAMILIES: &[&str] = &[
            "nvvm",
            "amdgcn",
            "r600",
            "x86",
            "aarch64",
            "arm",
            "ppc",
            "wasm",
            "riscv",
            "hexagon",
            "mips",
            "s390",
            "spv",
            "loongarch",
            "bpf",
            "ve",
        ];
        let Some(family) = name
            .strip_prefix("llvm.")
            .and_then(|rest| rest.split('.').next())
            .filter(|f| FAMILIES.contains(f))
        else {
            return true;
        };
        match self {
            Target::Ptx(_) => family == "nvvm",
            Target::Amdgpu(_) => matches!(family, "amdgcn" | "r600"),
            Target::Native => {
                let arch = std::env::consts::ARCH;
                match family {
                    "x86" => arch == "x86_64" || arch == "x86",
                    "aarch64" => arch == "aarch64",
                    "arm" => arch == "arm" || arch == "aarch64",
                    "riscv" => arch.starts_with("riscv"),
                    "ppc" => arch.starts_with("powerpc"),
                    _ => false,
                }
            }
        }
    }

    /// Runs after linking, before validation and optimization.
    pub fn finish_module(&self, module: &Module<'_>) {
        if let Target::Ptx(_) = self {
            ptx::finish_module(module)
        }
    }

    /// Whether the target can emit an object file.
    pub fn has_object_format(&self) -> bool {
        !matches!(self, Target::Ptx(_))
    }
}
