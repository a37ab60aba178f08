//! The GPU runtime library: per target, the definitions of every `gpu_*` symbol the
//! runtime overlays (`src/prelude/runtime.jl`) call. GPUCompiler.jl's `runtime.jl`.
//!
//! ```text
//! library(spec) ─(first use per target configuration)→ build in a scratch LLVM context
//!               → bitcode bytes, cached process-wide
//! driver: parse the bytes into the worker's context → link into the kernel module
//!         → internalize → check the remaining undefined symbols
//! ```
//!
//! The library is cached as bitcode, not as a module, because an LLVM module belongs
//! to one context and every batch worker has its own.
//!
//! What each target's functions do (signatures: codegen's representation of the
//! `@device_function` declarations: `String` → `ptr`, `Int32` → `i32`, `UInt64` → `i64`,
//! `Nothing` → `void`, `Ptr{Nothing}` → `ptr`):
//! - PTX (`ptx.rs` in this folder): `gpu_signal_exception` sets the global
//!   `strata_exception_flag` (a host launcher reads it with `cuModuleGetGlobal`) and
//!   traps, as GPUCompiler does; the `report_*` functions print CUDA.jl's messages with
//!   `vprintf`; `gpu_malloc` calls the device runtime's `malloc`.
//! - AMDGPU (`amdgpu.rs`): the flag and `llvm.trap` likewise; the reports record the
//!   exception's name and the failed allocation size in globals (device `printf` needs
//!   ROCm's hostcall buffer, which strata does not set up); `gpu_malloc` returns null
//!   (FIXME: no device allocator). The library also defines the two ROCm device-library
//!   functions the `AMDGPU` overlay table calls, so code objects are self-contained.
//! - native (`native.rs`): each `gpu_*` calls a `strata_native_*` host function in
//!   Rust (`host.rs`), which the JIT maps; `gpu_signal_exception` records the exception
//!   and ends the emulated GPU thread with `longjmp` to its launcher.

use crate::codegen::{TargetKind, TargetSpec};
use inkwell::context::Context;
use inkwell::module::Module;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

mod amdgpu;
pub mod host;
pub mod native;
mod ptx;

/// The runtime functions, `(name, signature)` in codegen's representation (see the
/// module docs).
pub const FUNCTIONS: &[&str] = &[
    "gpu_signal_exception",
    "gpu_report_exception",
    "gpu_report_oom",
    "gpu_report_exception_frame",
    "gpu_report_exception_name",
    "gpu_malloc",
];

/// The global a GPU kernel sets when it throws (a host launcher reads it).
pub const EXCEPTION_FLAG: &str = "strata_exception_flag";

/// Globals of the runtime library that stay visible after internalization.
pub fn is_exported_global(name: &str) -> bool {
    name.starts_with("strata_exception")
}

/// The runtime library of one target configuration, as cached.
#[derive(Debug)]
pub struct Library {
    /// The whole library, as bitcode.
    pub bitcode: Arc<[u8]>,
    /// The functions the library defines, sorted.
    pub defines: Vec<String>,
}

impl Library {
    /// Whether the library defines function `name`.
    pub fn defines(&self, name: &str) -> bool {
        self.defines
            .binary_search_by(|d| d.as_str().cmp(name))
            .is_ok()
    }
}

/// The runtime library for a target configuration (built once per configuration, then
/// shared). `Err` is an internal error.
pub fn library(spec: &TargetSpec) -> Result<Arc<Library>, String> {
    static CACHE: OnceLock<Mutex<HashMap<TargetSpec, Arc<Library>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(b) = cache.lock().get(spec) {
        return Ok(b.clone());
    }
    // Built outside the lock; two threads racing build the same bytes.
    let ctx = Context::create();
    let module = build(&ctx, spec)?;
    let bitcode: Arc<[u8]> = Arc::from(module.write_bitcode_to_memory().as_slice());
    let mut defines: Vec<String> = module
        .get_functions()
        .filter(|f| f.count_basic_blocks() > 0)
        .map(|f| f.get_name().to_string_lossy().into_owned())
        .collect();
    defines.sort();
    let lib = Arc::new(Library { bitcode, defines });
    Ok(cache.lock().entry(spec.clone()).or_insert(lib).clone())
}

/// Defines the runtime library's exported globals for `kind` in `module` (the
/// exception flag…; those already there are left alone). The library's build starts
/// with them; a module that calls no runtime function gets them alone instead of the
/// whole library, so every module of a target exports the same globals.
pub fn define_exports<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, kind: TargetKind) {
    let rt = Builder::new(ctx, module);
    let ptr = ctx.ptr_type(inkwell::AddressSpace::default());
    let globals: &[(&str, inkwell::types::BasicTypeEnum<'ctx>)] = match kind {
        TargetKind::Ptx => &[(EXCEPTION_FLAG, ctx.i32_type().into())],
        TargetKind::Amdgpu => &[
            (EXCEPTION_FLAG, ctx.i32_type().into()),
            ("strata_exception_reason", ptr.into()),
            ("strata_exception_oom_size", ctx.i64_type().into()),
        ],
        TargetKind::Native => &[],
    };
    for &(name, ty) in globals {
        if module.get_global(name).is_none() {
            rt.zero_global(name, ty, 1);
        }
    }
}

/// Builds the runtime library for `spec` in `ctx` and verifies it.
pub fn build<'ctx>(ctx: &'ctx Context, spec: &TargetSpec) -> Result<Module<'ctx>, String> {
    let module = ctx.create_module("strata_runtime");
    module.set_triple(&inkwell::targets::TargetTriple::create(&spec.triple));
    module.set_data_layout(
        &inkwell::targets::TargetData::create(&spec.data_layout).get_data_layout(),
    );
    define_exports(ctx, &module, spec.kind);
    let rt = Builder::new(ctx, &module);
    match spec.kind {
        TargetKind::Ptx => ptx::build(&rt),
        TargetKind::Amdgpu => amdgpu::build(&rt),
        TargetKind::Native => native::build(&rt),
    }
    .map_err(|e| format!("building the runtime library: {e}"))?;
    module.verify().map_err(|e| {
        format!(
            "the runtime library does not verify: {e}\n{}",
            module.to_string()
        )
    })?;
    Ok(module)
}

/// The pieces every target's builder uses.
pub(crate) struct Builder<'a, 'ctx> {
    pub ctx: &'ctx Context,
    pub module: &'a Module<'ctx>,
    pub b: inkwell::builder::Builder<'ctx>,
}

type BuildResult = Result<(), inkwell::builder::BuilderError>;

impl<'a, 'ctx> Builder<'a, 'ctx> {
    fn new(ctx: &'ctx Context, module: &'a Module<'ctx>) -> Self {
        Builder {
            ctx,
            module,
            b: ctx.create_builder(),
        }
    }

    /// Declares (or finds) the runtime function `name` with its signature and positions
    /// the builder at the start of its new body.
    pub fn define(&self, name: &str) -> inkwell::values::FunctionValue<'ctx> {
        let f = self.declare_runtime(name);
        let entry = self.ctx.append_basic_block(f, "entry");
        self.b.position_at_end(entry);
        f
    }

    /// The declaration of runtime function `name`.
    pub fn declare_runtime(&self, name: &str) -> inkwell::values::FunctionValue<'ctx> {
        let ty = self.runtime_type(name);
        self.module
            .get_function(name)
            .unwrap_or_else(|| self.module.add_function(name, ty, None))
    }

    /// The LLVM type of runtime function `name` (one of [`FUNCTIONS`]).
    pub fn runtime_type(&self, name: &str) -> inkwell::types::FunctionType<'ctx> {
        let c = self.ctx;
        let void = c.void_type();
        let ptr = c.ptr_type(inkwell::AddressSpace::default());
        let (i32t, i64t) = (c.i32_type(), c.i64_type());
        match name {
            "gpu_signal_exception" => void.fn_type(&[], false),
            "gpu_report_exception" | "gpu_report_exception_name" => {
                void.fn_type(&[ptr.into()], false)
            }
            "gpu_report_oom" => void.fn_type(&[i64t.into()], false),
            "gpu_report_exception_frame" => {
                void.fn_type(&[i32t.into(), ptr.into(), ptr.into(), i32t.into()], false)
            }
            "gpu_malloc" => ptr.fn_type(&[i64t.into()], false),
            other => unreachable!("not a runtime function: {other}"),
        }
    }

    /// An external, externally initialized global of type `ty`, zero-initialized, in
    /// `addrspace`.
    fn zero_global(
        &self,
        name: &str,
        ty: inkwell::types::BasicTypeEnum<'ctx>,
        addrspace: u16,
    ) -> inkwell::values::GlobalValue<'ctx> {
        let g = self
            .module
            .add_global(ty, Some(inkwell::AddressSpace::from(addrspace)), name);
        g.set_initializer(&ty.const_zero());
        g.set_externally_initialized(true);
        g
    }

    /// One of the exported globals [`define_exports`] defined.
    pub fn export(&self, name: &str) -> inkwell::values::GlobalValue<'ctx> {
        self.module
            .get_global(name)
            .unwrap_or_else(|| unreachable!("`{name}` is defined by define_exports"))
    }

    /// `llvm.trap(); unreachable`.
    pub fn trap(&self) -> BuildResult {
        let trap = self.module.get_function("llvm.trap").unwrap_or_else(|| {
            self.module
                .add_function("llvm.trap", self.ctx.void_type().fn_type(&[], false), None)
        });
        self.b.build_call(trap, &[], "")?;
        self.b.build_unreachable()?;
        Ok(())
    }
}
