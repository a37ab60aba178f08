//! [`Compiler::compile`]: one job through the whole pipeline, as straight-line code
//! (read it next to the diagram in `mod.rs`), and the linking stage.
//!
//! Every worker thread owns one LLVM [`Context`] (thread-local) and its target
//! machines (`target.rs`); the runtime library arrives as bitcode bytes
//! (`runtime::library`) and is parsed into the worker's context.

use super::job::{CompilerJob, EmitKind};
use super::target::Target;
use super::{CompileError, UndefinedSymbol};
use crate::codegen::optimize::{self, Pipeline};
use crate::codegen::{self, Emitted, Request, TargetKind, TargetSpec};
use crate::engine::{show_call, Engine};
use crate::infer::cache::CodeCache;
use crate::infer::{self, Frame};
use crate::session::Session;
use crate::syntax::SourceFile;
use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::FileType;
use inkwell::values::BasicValue;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// How many modules a worker compiles in one LLVM context before it starts a fresh one.
/// A context never frees what it uniques (constants, types, metadata nodes) while it
/// lives, so a worker that kept one context for the life of the process grew by about
/// 200 bytes per kernel (measured: 64-kernel batches in a loop, RSS up 5.4 MB over
/// 25,600 kernels, and slower batches as it grew). A fresh context costs well under a
/// millisecond once per this many modules.
pub const MODULES_PER_CONTEXT: u32 = 512;

/// A thread's LLVM context and how many modules it has compiled (see
/// [`MODULES_PER_CONTEXT`]); empty until first used.
type WorkerContext = std::cell::Cell<Option<(Context, u32)>>;

thread_local! {
    /// The worker's context for compiling.
    static CONTEXT: WorkerContext = const { std::cell::Cell::new(None) };
    /// A second context for native runs: a JIT execution engine keeps its module (and
    /// the context's types) alive while the kernel runs, so runs do not share the
    /// compile context.
    pub(super) static CONTEXT_FOR_RUN: WorkerContext = const { std::cell::Cell::new(None) };
}

/// Runs `f` with the thread's context from `cell`, which is taken out meanwhile (a
/// panic in `f` drops it rather than leave a half-used context behind) and put back
/// unless it has served [`MODULES_PER_CONTEXT`] modules (the next call starts afresh).
pub(super) fn with_context<R>(
    cell: &'static std::thread::LocalKey<WorkerContext>,
    f: impl FnOnce(&Context) -> R,
) -> R {
    let (ctx, used) = cell.take().unwrap_or_else(|| (Context::create(), 0));
    let r = f(&ctx);
    if used + 1 < MODULES_PER_CONTEXT {
        cell.set(Some((ctx, used + 1)));
    }
    r
}

/// Time spent per stage of the pipeline.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Timings {
    /// Dispatch of the entry and inference of its call tree.
    pub infer: Duration,
    /// The kernel checks over the inferred call tree, then typed IR → LLVM IR.
    pub codegen: Duration,
    /// Linking the runtime library, internalizing, the undefined-symbol check and the
    /// back-end's `finish_module`.
    pub link: Duration,
    /// LLVM's verifier.
    pub validate: Duration,
    /// Inlining decisions and the LLVM pass pipeline (`codegen::optimize`).
    pub optimize: Duration,
    /// Printing IR or running the code generator.
    pub emit: Duration,
}

impl Timings {
    /// `(stage, time)` in pipeline order.
    pub fn stages(&self) -> [(&'static str, Duration); 6] {
        [
            ("infer", self.infer),
            ("codegen", self.codegen),
            ("link", self.link),
            ("validate", self.validate),
            ("optimize", self.optimize),
            ("emit", self.emit),
        ]
    }

    /// The sum of every stage's time.
    pub fn total(&self) -> Duration {
        self.stages().iter().map(|(_, d)| *d).sum()
    }

    /// Adds another job's stage times to these.
    pub fn add(&mut self, other: &Timings) {
        self.infer += other.infer;
        self.codegen += other.codegen;
        self.link += other.link;
        self.validate += other.validate;
        self.optimize += other.optimize;
        self.emit += other.emit;
    }
}

/// A compiled job.
#[derive(Clone, Debug)]
pub struct Artifact {
    /// The entry function's name.
    pub func: String,
    /// The entry's symbol in the output.
    pub symbol: String,
    /// The target it was compiled for.
    pub target: Target,
    /// What was emitted.
    pub emit: EmitKind,
    /// The output: LLVM IR or assembly text, or an object file.
    pub bytes: Vec<u8>,
    /// How long each pipeline stage took.
    pub timings: Timings,
}

/// What compiling needs besides the job: the engine, the code cache shared by every job
/// (and every worker of a batch), and the loaded sources (for call chains' lines).
pub struct Compiler {
    pub(super) engine: Arc<Engine>,
    pub(super) cache: Arc<CodeCache>,
    pub(super) files: Vec<SourceFile>,
    /// The persistent kernel cache jobs go through (`crate::store`), if any.
    pub(super) store: Option<Arc<crate::store::Cache>>,
    /// Content hashes of this engine's methods and types, for cache keys.
    pub(super) memo: Arc<crate::store::fingerprint::Memo>,
}

impl Compiler {
    /// A compiler over a session's engine and sources, with a fresh code cache attached
    /// to the engine (later definitions invalidate it).
    pub fn new(session: &Session) -> Compiler {
        let cache = CodeCache::new();
        cache.attach(session.engine());
        Compiler {
            engine: session.engine_arc().clone(),
            cache,
            files: session.files(),
            store: None,
            memo: Default::default(),
        }
    }

    /// A compiler sharing an existing code cache.
    pub fn with_cache(
        engine: Arc<Engine>,
        cache: Arc<CodeCache>,
        files: Vec<SourceFile>,
    ) -> Compiler {
        Compiler {
            engine,
            cache,
            files,
            store: None,
            memo: Default::default(),
        }
    }

    /// The same compiler with jobs going through the persistent kernel cache `store`
    /// (`None`: compile everything).
    pub fn with_store(mut self, store: Option<Arc<crate::store::Cache>>) -> Compiler {
        self.store = store;
        self
    }

    /// The persistent kernel cache, if any.
    pub fn store(&self) -> Option<&Arc<crate::store::Cache>> {
        self.store.as_ref()
    }

    /// The loaded sources.
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    pub(crate) fn memo(&self) -> &crate::store::fingerprint::Memo {
        &self.memo
    }

    /// The engine jobs are compiled from.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The code cache jobs share.
    pub fn cache(&self) -> &Arc<CodeCache> {
        &self.cache
    }

    /// Compiles one job on the calling thread (with its thread's LLVM context).
    pub fn compile(&self, job: &CompilerJob) -> Result<Artifact, CompileError> {
        guard(|| with_context(&CONTEXT, |ctx| self.compile_in(ctx, job)))
    }

    fn compile_in(&self, ctx: &Context, job: &CompilerJob) -> Result<Artifact, CompileError> {
        match &self.store {
            Some(store) => store.compile_through(self, job, || self.compile_fresh(ctx, job)),
            None => self.compile_fresh(ctx, job),
        }
    }

    fn compile_fresh(&self, ctx: &Context, job: &CompilerJob) -> Result<Artifact, CompileError> {
        let mut timings = Timings::default();
        let (module, symbol) = self.build(ctx, job, &mut timings, |_, _| Ok(Vec::new()))?;
        emit(&module, job, symbol, timings)
    }

    /// The pipeline from linking on, for a module generated elsewhere (a test's
    /// hand-built module, a front end with its own code generator): link the runtime
    /// library → internalize → undefined symbols → validate IR → optimize → emit.
    pub fn compile_module<'ctx>(
        &self,
        ctx: &'ctx Context,
        emitted: Emitted<'ctx>,
        job: &CompilerJob,
    ) -> Result<Artifact, CompileError> {
        guard(|| {
            let target = job.backend.target();
            let spec = target
                .with_machine(|tm| target.spec(tm))
                .map_err(|e| CompileError::Job(format!("target {}: {e}", target.name())))?;
            let mut timings = Timings::default();
            let (module, symbol) = self.finish(
                ctx,
                emitted,
                job,
                &spec,
                &mut timings,
                |_, _| Ok(Vec::new()),
            )?;
            emit(&module, job, symbol, timings)
        })
    }

    /// The pipeline up to optimization: validate → infer → codegen → link → validate
    /// IR → optimize. `before_internalize` runs right after linking and returns extra
    /// symbols to keep external (the native launcher). Returns the module and the
    /// entry's symbol.
    pub(super) fn build<'ctx>(
        &self,
        ctx: &'ctx Context,
        job: &CompilerJob,
        timings: &mut Timings,
        before_internalize: impl FnOnce(&Module<'ctx>, &str) -> Result<Vec<String>, CompileError>,
    ) -> Result<(Module<'ctx>, String), CompileError> {
        let engine = &*self.engine;
        let target = job.backend.target();

        // Validate the job.
        let ijob = job.infer_job();
        self.validate(job, &ijob)?;
        let spec = target
            .with_machine(|tm| target.spec(tm))
            .map_err(|e| CompileError::Job(format!("target {}: {e}", target.name())))?;

        // Infer (through the job's view, filling the shared cache).
        let start = Instant::now();
        let mi = infer::interp::entry(engine, &ijob, &job.func, &job.argtypes)?;
        infer::interp::infer(engine, &self.cache, &ijob, &mi);
        timings.infer = start.elapsed();

        // Codegen: the kernel checks (no-method and ambiguous calls with their chains,
        // GPUCompiler's InvalidIRError), then the module.
        let start = Instant::now();
        let emitted = codegen::emit_unverified(
            ctx,
            &Request {
                engine,
                cache: &self.cache,
                job: &ijob,
                entry: &mi,
                kernel: job.kernel,
                spec: &spec,
            },
            &self.files,
        )?;
        timings.codegen = start.elapsed();

        self.finish(ctx, emitted, job, &spec, timings, before_internalize)
    }

    /// The pipeline after codegen: link → validate IR → optimize.
    pub(super) fn finish<'ctx>(
        &self,
        ctx: &'ctx Context,
        emitted: Emitted<'ctx>,
        job: &CompilerJob,
        spec: &TargetSpec,
        timings: &mut Timings,
        before_internalize: impl FnOnce(&Module<'ctx>, &str) -> Result<Vec<String>, CompileError>,
    ) -> Result<(Module<'ctx>, String), CompileError> {
        let target = job.backend.target();

        // Link the runtime library, internalize, check what is left undefined.
        let start = Instant::now();
        link(ctx, &emitted, job, spec)?;
        let mut keep = vec![emitted.entry_symbol.clone()];
        keep.extend(before_internalize(&emitted.module, &emitted.entry_symbol)?);
        internalize(&emitted.module, &keep);
        self.check_undefined(&emitted, job)?;
        job.backend.finish_module(job, &emitted.module);
        timings.link = start.elapsed();

        // Validate the IR.
        let start = Instant::now();
        let module = emitted.module;
        module.verify().map_err(|e| CompileError::Internal {
            stage: "IR validation",
            message: format!("LLVM verifier failed: {e}\n{}", module.print_to_string()),
        })?;
        timings.validate = start.elapsed();

        // Optimize.
        crate::codegen::fatal::set_stage(&job.func, "optimization");
        if job.optimize {
            let start = Instant::now();
            let passes = match job.pipeline {
                Pipeline::Strata => {
                    let shape = optimize::mark_inlining(&module);
                    optimize::pipeline(spec.kind, &shape)
                }
                Pipeline::O2 => "default<O2>".to_string(),
            };
            target
                .with_machine(|tm| module.run_passes(&passes, tm, PassBuilderOptions::create()))
                .and_then(|r| r.map_err(|e| e.to_string()))
                .map_err(internal("optimization"))?;
            timings.optimize = start.elapsed();
        }
        Ok((module, emitted.entry_symbol))
    }

    /// The job's own checks, before anything runs.
    fn validate(&self, job: &CompilerJob, ijob: &infer::Job) -> Result<(), CompileError> {
        let target = job.backend.target();
        if job.emit == EmitKind::Obj && !target.has_object_format() {
            return Err(no_object_format(target));
        }
        for t in ijob.tables.iter() {
            if t == crate::table::RUNTIME_NAME || t == crate::table::GLOBAL_NAME {
                return Err(CompileError::Job(format!(
                    "back-end `{}` names the `{t}` table in method_tables: a back-end names only \
                     its own overlay tables; the runtime and global tables are always stacked \
                     below them",
                    job.backend.name()
                )));
            }
            if self.engine.table_id(t).is_none() {
                return Err(CompileError::Job(format!(
                    "back-end `{}` names method table `{t}`, which does not exist; known tables: {}",
                    job.backend.name(),
                    self.engine.table_names().join(", ")
                )));
            }
        }
        if self.engine.methods_of(&job.func).is_empty() {
            return Err(CompileError::Job(format!(
                "no function named `{}` has methods",
                job.func
            )));
        }
        Ok(())
    }

    /// The symbols the module still declares and uses, that the back-end does not allow;
    /// and another target's LLVM intrinsics.
    fn check_undefined(
        &self,
        emitted: &Emitted<'_>,
        job: &CompilerJob,
    ) -> Result<(), CompileError> {
        let mut symbols = Vec::new();
        let target = job.backend.target();
        for f in emitted.module.get_functions() {
            let name = f.get_name().to_string_lossy();
            let used = f
                .as_global_value()
                .as_pointer_value()
                .get_first_use()
                .is_some();
            if used && f.count_basic_blocks() == 0 && !target.allows_intrinsic(&name) {
                return Err(CompileError::Unsupported {
                    target: target.name().into(),
                    what: format!(
                        "the LLVM intrinsic `{name}` belongs to another target (is an overlay \
                         table missing from the back-end's method_tables?)"
                    ),
                });
            }
            if used && f.count_basic_blocks() == 0 {
                if let Some(why) = crate::codegen::math::unlowerable_intrinsic(target.kind(), &name)
                {
                    return Err(CompileError::Unsupported {
                        target: target.name().into(),
                        what: why,
                    });
                }
            }
            if f.count_basic_blocks() > 0
                || !used
                || name.starts_with("llvm.")
                || job.backend.allows_extern(job, &name)
            {
                continue;
            }
            // A math library symbol was renamed from the prelude's extern (codegen/math.rs).
            let prelude_name = crate::codegen::math::prelude_name(target.kind(), &name);
            let chain = emitted
                .externs
                .iter()
                .find(|(s, _)| *s == name || prelude_name.as_deref() == Some(&**s))
                .map(|(_, chain)| chain.iter().map(|fr| self.show_frame(fr)).collect())
                .unwrap_or_default();
            symbols.push(UndefinedSymbol {
                symbol: name.into_owned(),
                chain,
            });
        }
        if symbols.is_empty() {
            Ok(())
        } else {
            let target = if job.is_host() {
                "the host".to_string()
            } else {
                job.backend.name().to_string()
            };
            Err(CompileError::UndefinedSymbols { target, symbols })
        }
    }

    fn show_frame(&self, fr: &Frame) -> String {
        let call = show_call(self.engine.types(), &fr.func, fr.sig);
        if fr.file.is_empty() {
            call
        } else {
            format!("{call} at {}:{}", fr.file, fr.line)
        }
    }
}

/// The emit stage: IR text, assembly or an object.
fn emit(
    module: &Module<'_>,
    job: &CompilerJob,
    symbol: String,
    mut timings: Timings,
) -> Result<Artifact, CompileError> {
    let start = Instant::now();
    let target = job.backend.target();
    if job.emit == EmitKind::Obj && !target.has_object_format() {
        return Err(no_object_format(target));
    }
    crate::codegen::fatal::set_stage(&job.func, "instruction selection and emission");
    let bytes = match job.emit {
        EmitKind::Llvm => module.print_to_string().to_bytes().to_vec(),
        EmitKind::Asm | EmitKind::Obj => {
            let file_type = if job.emit == EmitKind::Asm {
                FileType::Assembly
            } else {
                FileType::Object
            };
            // NVPTX numbers call sites process-wide; make the text depend on the module alone.
            let finish = |raw: &[u8]| match (target, job.emit) {
                (Target::Ptx(_), EmitKind::Asm) => {
                    crate::codegen::ptx::normalize_asm(&String::from_utf8_lossy(raw)).into_bytes()
                }
                _ => raw.to_vec(),
            };
            if target.reuses_emitter(file_type) {
                // The worker's pipeline, built once (`codegen::emitter`).
                target.with_emitter(file_type, |e| finish(e.emit(module)))
            } else {
                target
                    .with_machine(|tm| tm.write_to_memory_buffer(module, file_type))
                    .and_then(|r| r.map_err(|e| e.to_string()))
                    .map(|buf| finish(buf.as_slice()))
            }
            .map_err(internal("emit"))?
        }
    };
    if matches!(target, Target::Ptx(_)) && job.emit == EmitKind::Asm {
        // The LLVM-level check ran before optimization; instruction selection can still
        // bring calls (libcalls) that nothing defines, which ptxas or the driver would
        // reject later with less to go on.
        let text = String::from_utf8_lossy(&bytes);
        let symbols: Vec<UndefinedSymbol> = crate::codegen::ptx::extern_functions(&text)
            .into_iter()
            .filter(|f| !crate::codegen::ptx::allows_extern(f))
            .map(|symbol| UndefinedSymbol {
                symbol,
                chain: Vec::new(),
            })
            .collect();
        if !symbols.is_empty() {
            return Err(CompileError::UndefinedSymbols {
                target: format!("{} (in the emitted PTX)", target.name()),
                symbols,
            });
        }
    }
    timings.emit = start.elapsed();
    Ok(Artifact {
        func: job.func.clone(),
        symbol,
        target: target.clone(),
        emit: job.emit,
        bytes,
        timings,
    })
}

fn no_object_format(target: &Target) -> CompileError {
    CompileError::Job(format!(
        "{} has no object file format: emit assembly (`--emit asm`) and assemble it with ptxas",
        target.name()
    ))
}

/// Runs `f`, turning a panic into an internal error.
pub(super) fn guard<T>(f: impl FnOnce() -> Result<T, CompileError>) -> Result<T, CompileError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let message = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic".into());
        Err(CompileError::Internal {
            stage: "compile",
            message,
        })
    })
}

pub(super) fn internal(stage: &'static str) -> impl Fn(String) -> CompileError {
    move |message| CompileError::Internal { stage, message }
}

/// Links the target's runtime library into a GPU or native job's module (the host path
/// links nothing), and on PTX libdevice when the module calls `__nv_*` functions.
fn link<'ctx>(
    ctx: &'ctx Context,
    emitted: &Emitted<'ctx>,
    job: &CompilerJob,
    spec: &TargetSpec,
) -> Result<(), CompileError> {
    let module = &emitted.module;
    module.set_triple(&inkwell::targets::TargetTriple::create(&spec.triple));
    // Codegen's modules have the layout already (parsing it again is not free); a
    // module built elsewhere gets it here.
    let has_layout = module.get_data_layout().as_str().to_bytes() == spec.data_layout.as_bytes();
    if !has_layout {
        let layout = inkwell::targets::TargetData::create(&spec.data_layout);
        module.set_data_layout(&layout.get_data_layout());
    }
    crate::codegen::math::resolve(module, spec.kind);
    crate::codegen::atomics::resolve(module);
    crate::codegen::printf::resolve(module, spec.kind).map_err(|what| {
        CompileError::Unsupported {
            target: job.backend.target().name().into(),
            what,
        }
    })?;
    crate::codegen::shared::resolve(module, spec.kind).map_err(|what| {
        CompileError::Unsupported {
            target: job.backend.target().name().into(),
            what,
        }
    })?;
    if job.is_host() {
        return Ok(());
    }
    let lib = crate::runtime::library(spec).map_err(internal("runtime library"))?;
    // A module that calls no runtime function gets the library's exported globals
    // alone (parsing and linking the library is most of this stage's time).
    let calls_runtime = module.get_functions().any(|f| {
        f.count_basic_blocks() == 0
            && f.as_global_value()
                .as_pointer_value()
                .get_first_use()
                .is_some()
            && lib.defines(&f.get_name().to_string_lossy())
    });
    if calls_runtime {
        link_bitcode(ctx, module, &lib.bitcode, "strata_runtime", spec)?;
    } else {
        crate::runtime::define_exports(ctx, module, spec.kind);
    }
    if spec.kind == TargetKind::Ptx {
        let wants_libdevice = module
            .get_functions()
            .any(|f| f.count_basic_blocks() == 0 && f.get_name().to_bytes().starts_with(b"__nv_"));
        if wants_libdevice {
            if let Some(bytes) = libdevice() {
                link_bitcode(ctx, module, &bytes, "libdevice", spec)?;
            }
        }
    }
    if spec.kind == TargetKind::Amdgpu {
        // After the runtime library: what it defines (`__ockl_get_local_size`…) is no
        // longer a declaration here.
        let wants = |prefix: &[u8]| {
            module
                .get_functions()
                .any(|f| f.count_basic_blocks() == 0 && f.get_name().to_bytes().starts_with(prefix))
        };
        let libs = [(wants(b"__ocml_"), "ocml"), (wants(b"__ockl_"), "ockl")];
        if libs.iter().any(|(wanted, _)| *wanted) {
            crate::codegen::amdgpu::define_device_lib_controls(module, &spec.cpu);
        }
        for (_, name) in libs.iter().filter(|(wanted, _)| *wanted) {
            if let Some(bytes) = rocm_device_lib(name) {
                link_bitcode(ctx, module, &bytes, name, spec)?;
            }
        }
    }
    Ok(())
}

/// Links bitcode library `bytes` into `module`, bringing only the functions `module`
/// reaches. The library is loaded lazily (`LLVMGetBitcodeModuleInContext2`: the
/// module's globals and the index of its function bodies, no body parsed), and its
/// external functions become `linkonce_odr` before linking, so the IR linker
/// materializes and copies only the bodies a declaration of `module` (transitively)
/// references, as clang's `-mlink-builtin-bitcode` does. Parsing all of libdevice, OCML
/// or the runtime library for every kernel was most of the link stage.
fn link_bitcode<'ctx>(
    ctx: &'ctx Context,
    module: &Module<'ctx>,
    bytes: &[u8],
    name: &str,
    spec: &TargetSpec,
) -> Result<(), CompileError> {
    use inkwell::llvm_sys::bit_reader::LLVMGetBitcodeModuleInContext2;
    use inkwell::llvm_sys::core::LLVMCreateMemoryBufferWithMemoryRangeCopy;
    let cname = std::ffi::CString::new(name).unwrap_or_default();
    let mut raw = std::ptr::null_mut();
    // SAFETY: the buffer is a copy the lazy module takes ownership of (it reads function
    // bodies from it on demand); the context outlives the module, which the linker
    // consumes below or `Module`'s drop disposes.
    let lib = unsafe {
        let buf = LLVMCreateMemoryBufferWithMemoryRangeCopy(
            bytes.as_ptr().cast(),
            bytes.len(),
            cname.as_ptr(),
        );
        if LLVMGetBitcodeModuleInContext2(ctx.raw(), buf, &mut raw) != 0 || raw.is_null() {
            return Err(internal("linking")(format!("parsing {name}: bad bitcode")));
        }
        Module::new(raw)
    };
    lib.set_triple(&inkwell::targets::TargetTriple::create(&spec.triple));
    lib.set_data_layout(&module.get_data_layout());
    for f in lib.get_functions() {
        if f.as_global_value().is_declaration() {
            continue;
        }
        // A declaration whose type differs from the library's definition would link
        // into calls through the wrong signature (opaque pointers let that verify).
        let fname = f.get_name().to_string_lossy();
        if let Some(decl) = module.get_function(&fname) {
            let want = f.get_type().print_to_string().to_string();
            let got = decl.get_type().print_to_string().to_string();
            if want != got {
                return Err(internal("linking")(format!(
                    "the module declares `{fname}` as `{got}` but {name} defines it as `{want}`"
                )));
            }
        }
        if f.get_linkage() == Linkage::External {
            f.set_linkage(Linkage::LinkOnceODR);
        }
    }
    module
        .link_in_module(lib)
        .map_err(|e| internal("linking")(format!("linking {name}: {e}")))?;
    // Named struct types of the library get per-context suffixes (`%struct.uint2.11`):
    // unnamed, the IR text no longer depends on what the worker compiled before.
    crate::codegen::emitter::unname_struct_types(module, "struct.");
    Ok(())
}

/// libdevice's bitcode, read once (see `codegen::ptx::find_libdevice`).
fn libdevice() -> Option<Arc<[u8]>> {
    static LIBDEVICE: OnceLock<Option<Arc<[u8]>>> = OnceLock::new();
    LIBDEVICE
        .get_or_init(|| {
            let path = crate::codegen::ptx::find_libdevice()?;
            std::fs::read(path).ok().map(Arc::from)
        })
        .clone()
}

/// A bitcode file of ROCm's device libraries (`ocml`, `ockl`), read once each (see
/// `codegen::amdgpu::find_device_lib`).
fn rocm_device_lib(name: &str) -> Option<Arc<[u8]>> {
    type Cache = OnceLock<Option<Arc<[u8]>>>;
    static OCML: Cache = OnceLock::new();
    static OCKL: Cache = OnceLock::new();
    let cell = match name {
        "ocml" => &OCML,
        "ockl" => &OCKL,
        _ => return None,
    };
    cell.get_or_init(|| {
        let path = crate::codegen::amdgpu::find_device_lib(name)?;
        std::fs::read(path).ok().map(Arc::from)
    })
    .clone()
}

/// Gives every definition internal linkage except the symbols in `keep` and the
/// runtime's exported globals, so the optimizer may inline and drop them.
fn internalize(module: &Module<'_>, keep: &[String]) {
    for f in module.get_functions() {
        if f.count_basic_blocks() > 0
            && !keep.iter().any(|k| k.as_bytes() == f.get_name().to_bytes())
        {
            f.set_linkage(Linkage::Internal);
        }
    }
    for g in module.get_globals() {
        let name = g.get_name().to_string_lossy();
        if !g.is_declaration()
            && !crate::runtime::is_exported_global(&name)
            && !(g.get_linkage() == Linkage::External
                && crate::codegen::shared::is_static_shared(&name))
            && !matches!(g.get_linkage(), Linkage::Private | Linkage::Internal)
        {
            g.set_linkage(Linkage::Internal);
        }
    }
}
