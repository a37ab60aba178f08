//! Compiler jobs and the back-end trait (GPUCompiler.jl's `CompilerJob` and
//! `AbstractCompilerTarget` interface).
//!
//! A [`CompilerJob`] names an entry (a function and concrete argument types), whether
//! it is a kernel, the world, what to emit, and its [`Backend`]. The back-end decides
//! the job's view through [`Backend::method_tables`]: its own overlay tables, first
//! wins. The driver turns that into an [`infer::Job`](crate::infer::Job), whose view
//! stacks the tables on the private runtime table on the global table
//! (`infer::Job::view_tables`), so every back-end inherits the runtime overlays
//! without naming them. A back-end with no tables is the host path: the global view
//! alone, no runtime library, and code that never references a `gpu_*` symbol.
//!
//! The cache token (what partitions the code cache) is (back-end name, `always_inline`,
//! the method-tables tuple): see [`CompilerJob::token`].

use super::target::Target;
use crate::codegen::ptx::PtxConfig;
use crate::infer::{CacheToken, Job};
use crate::types::TypeId;
use crate::world::World;
use inkwell::module::Module;
use std::sync::Arc;

/// A compiler back-end. Hooks are named after the stage they run at; each says what
/// it may depend on.
pub trait Backend: Send + Sync + std::fmt::Debug {
    /// The target machine's target and configuration. Read when the job is validated;
    /// must depend only on the back-end's configuration.
    fn target(&self) -> &Target;

    /// The back-end's name in the cache token (`ptx`, `amdgpu`, `native`, `host`…).
    /// Back-ends that compile differently must have different names.
    fn name(&self) -> &str;

    /// Runs when the job's view is built, before inference; may depend only on the
    /// back-end's configuration and the job. Returns the back-end's own overlay tables,
    /// first wins. Never name the runtime table: it is stacked below these by
    /// `infer::Job::view_tables`. No tables means the host path (the global view
    /// alone, no runtime library).
    fn method_tables(&self, job: &CompilerJob) -> Vec<String> {
        let _ = job;
        Vec::new()
    }

    /// Runs after the runtime library is linked, once per symbol the module still
    /// declares but does not define (LLVM intrinsics excluded): whether it may stay
    /// undefined. Defaults: the target's list for GPU/native jobs; anything but the
    /// `gpu_*` and `strata_native_*` symbols for the host path.
    fn allows_extern(&self, job: &CompilerJob, name: &str) -> bool {
        if self.method_tables(job).is_empty() {
            crate::codegen::native::host_allows_extern(name)
        } else {
            self.target().allows_extern(name)
        }
    }

    /// Runs after linking, before IR validation and optimization: target-specific
    /// rewriting of the module (PTX: FMA contraction flags).
    fn finish_module(&self, job: &CompilerJob, module: &Module<'_>) {
        let _ = job;
        self.target().finish_module(module)
    }
}

/// The PTX back-end: overlay table `PTX`.
#[derive(Clone, Debug)]
pub struct PtxBackend(pub Target);

impl PtxBackend {
    /// The PTX back-end for a PTX configuration (architecture, features).
    pub fn new(config: PtxConfig) -> Self {
        PtxBackend(Target::Ptx(config))
    }
}

impl Backend for PtxBackend {
    fn target(&self) -> &Target {
        &self.0
    }
    fn name(&self) -> &str {
        "ptx"
    }
    fn method_tables(&self, _job: &CompilerJob) -> Vec<String> {
        vec!["PTX".into()]
    }
}

/// The AMDGPU back-end: overlay table `AMDGPU`.
#[derive(Clone, Debug)]
pub struct AmdgpuBackend(pub Target);

impl Backend for AmdgpuBackend {
    fn target(&self) -> &Target {
        &self.0
    }
    fn name(&self) -> &str {
        "amdgpu"
    }
    fn method_tables(&self, _job: &CompilerJob) -> Vec<String> {
        vec!["AMDGPU".into()]
    }
}

/// The native back-end (kernels run by the JIT on an emulated grid): overlay table
/// `Native`.
#[derive(Clone, Debug)]
pub struct NativeBackend(pub Target);

impl Default for NativeBackend {
    fn default() -> Self {
        NativeBackend(Target::Native)
    }
}

impl Backend for NativeBackend {
    fn target(&self) -> &Target {
        &self.0
    }
    fn name(&self) -> &str {
        "native"
    }
    fn method_tables(&self, _job: &CompilerJob) -> Vec<String> {
        vec!["Native".into()]
    }
}

/// The host path: the host CPU through the global table alone (ahead-of-time objects
/// that link into ordinary programs).
#[derive(Clone, Debug)]
pub struct HostBackend(pub Target);

impl Default for HostBackend {
    fn default() -> Self {
        HostBackend(Target::Native)
    }
}

impl Backend for HostBackend {
    fn target(&self) -> &Target {
        &self.0
    }
    fn name(&self) -> &str {
        "host"
    }
}

/// The built-in back-end for a target.
pub fn backend_for(target: Target) -> Arc<dyn Backend> {
    match target {
        Target::Ptx(_) => Arc::new(PtxBackend(target)),
        Target::Amdgpu(_) => Arc::new(AmdgpuBackend(target)),
        Target::Native => Arc::new(NativeBackend(target)),
    }
}

/// What a job emits.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum EmitKind {
    /// LLVM IR text.
    #[default]
    Llvm,
    /// Target assembly (PTX, GCN).
    Asm,
    /// An object file (not for PTX).
    Obj,
}

impl EmitKind {
    /// The output file's extension for a target.
    pub fn extension(self, target: &Target) -> &'static str {
        match (self, target) {
            (EmitKind::Llvm, _) => "ll",
            (EmitKind::Asm, Target::Ptx(_)) => "ptx",
            (EmitKind::Asm, _) => "s",
            (EmitKind::Obj, _) => "o",
        }
    }
}

/// One compilation.
#[derive(Clone, Debug)]
pub struct CompilerJob {
    /// The entry's function name.
    pub func: String,
    /// The entry's concrete argument types.
    pub argtypes: Vec<TypeId>,
    /// Compile as a kernel (kernel ABI, kernel checks) or as a plain external function.
    pub kernel: bool,
    /// The back-end: its target and its overlay tables.
    pub backend: Arc<dyn Backend>,
    /// The world inference looks methods up in.
    pub world: World,
    /// Inline every call (the `always_inline` codegen parameter).
    pub always_inline: bool,
    /// Run the optimize stage.
    pub optimize: bool,
    /// Which pipeline the optimize stage runs (strata's inlining and pipeline, or
    /// LLVM's `default<O2>`; see `codegen::optimize`).
    pub pipeline: crate::codegen::optimize::Pipeline,
    /// What to emit.
    pub emit: EmitKind,
}

impl CompilerJob {
    /// A kernel job with the defaults: optimized, LLVM IR.
    pub fn kernel(
        func: &str,
        argtypes: Vec<TypeId>,
        backend: Arc<dyn Backend>,
        world: World,
    ) -> Self {
        CompilerJob {
            func: func.to_string(),
            argtypes,
            kernel: true,
            backend,
            world,
            always_inline: false,
            optimize: true,
            pipeline: Default::default(),
            emit: EmitKind::Llvm,
        }
    }

    /// The job as inference sees it: the back-end's tables (stacked on the runtime
    /// table by `view_tables`), the world, the back-end's name.
    pub fn infer_job(&self) -> Job {
        Job {
            tables: self.backend.method_tables(self).into(),
            world: self.world,
            target: Arc::from(self.backend.name()),
            always_inline: self.always_inline,
        }
    }

    /// The cache token: (back-end name, `always_inline`, the method-tables tuple).
    pub fn token(&self) -> CacheToken {
        self.infer_job().token()
    }

    /// Whether this is the host path (no method tables).
    pub fn is_host(&self) -> bool {
        self.backend.method_tables(self).is_empty()
    }
}
