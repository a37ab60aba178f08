//! The module-level half of codegen: [`emit_module`] and the state shared by every
//! function of one module ([`ModuleCx`]).
//!
//! ```text
//! check(entry) ─→ declare entry ─worklist→ emit each body (body.rs), declaring callees
//!   on first use ─→ kernel wrapper (abi.rs) or external entry ─→ LLVM verifier
//! ```
//!
//! - A call is either inlined, its callee's body emitted at the call site (body.rs,
//!   `FnCx::invoke`; the rule is in `optimize.rs`: small, `@inline` or an
//!   `always_inline` job, never recursive or `@noinline`), or a call of one LLVM
//!   function per (method instance, constant arguments, bounds-check variant):
//!   `julia_<name>` (sanitized, made unique), internal linkage, `alwaysinline` for
//!   `@inline` methods and `always_inline` jobs, `noinline` for `@noinline` ones (an
//!   explicit `@noinline` wins over the job's `always_inline`). A kernel's body is
//!   emitted into its ABI wrapper. The variant with
//!   bounds checks off is compiled for a call under `@inbounds` of a method that may be
//!   inlined and has `@boundscheck` blocks (Julia elides the `@boundscheck` blocks of a
//!   callee inlined into an `@inbounds` call site).
//! - Functions are declared when first called and their bodies emitted from a
//!   worklist, so only code reachable from the entry (after folding branches on
//!   constants and on `@boundscheck` flags) is compiled, and every extern symbol
//!   recorded in [`Emitted::externs`] is really called.
//! - A call with constant arguments whose result inference proved constant is replaced
//!   by the constant when the callee computes it purely (`consteval.rs`), so `Int32(1)`
//!   brings no `InexactError` path into a kernel. A call whose result constant
//!   propagation sharpened (`CallInfo::Invoke`'s `consts`) calls a function compiled
//!   from the constant frame's typed code (keyed by the constant arguments too), as
//!   Julia's optimizer inlines the const-propagated result: `(1, 2.0)[2]` is a
//!   `Float64`.
//! - Bodies: `body.rs`; intrinsics: `intrinsics.rs`; the kernel ABI: `abi.rs`; the type
//!   mapping: `types.rs`.

use super::types::{Layout, Layouts};
use super::{CodegenError, TargetSpec};
use crate::engine::show_call;
use crate::infer::cache::CodeCache;
use crate::infer::lattice::widenconst;
use crate::infer::{Frame, InferredCode, Job, Lattice, MethodInstance};
use crate::ir::{Const, Stmt};
use crate::syntax::SourceFile;
use crate::types::TypeId;
use crate::Engine;
use hashbrown::{HashMap, HashSet};
use inkwell::attributes::AttributeLoc;
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::data_layout::DataLayout;
use inkwell::module::{Linkage, Module};
use inkwell::targets::{TargetData, TargetTriple};
use inkwell::types::{BasicMetadataTypeEnum, BasicType};
use inkwell::values::{FunctionValue, PointerValue};
use inkwell::AddressSpace;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

/// One module to generate.
pub struct Request<'a> {
    /// The engine methods and types come from.
    pub engine: &'a Engine,
    /// Inference results are taken from (and added to) this cache.
    pub cache: &'a CodeCache,
    /// The job's view, world and cache token.
    pub job: &'a Job,
    /// The entry method instance.
    pub entry: &'a MethodInstance,
    /// `true`: emit the kernel-ABI wrapper (the entry is a kernel); `false`: the
    /// entry is an external function with the C calling convention and its
    /// arguments as codegen represents them (the host/AOT path).
    pub kernel: bool,
    /// The target.
    pub spec: &'a TargetSpec,
}

/// A generated, verified, unoptimized module.
pub struct Emitted<'ctx> {
    /// The module.
    pub module: Module<'ctx>,
    /// The symbol of the entry (the kernel wrapper or the external function).
    pub entry_symbol: String,
    /// Every external symbol the module calls but does not define (`gpu_*`
    /// runtime functions, other externs; not LLVM intrinsics), each with the call
    /// chain that first reached it (outermost first).
    pub externs: Vec<(String, Vec<Frame>)>,
}

/// Generates the module for `req` in `ctx`: one internal function per method
/// instance reached from the entry, then the entry. Runs LLVM's verifier.
///
/// Errors: [`CodegenError::Infer`] when inference or the checks of
/// [`crate::infer::check`] reject the call tree (for a kernel, GPUCompiler's
/// `InvalidIRError`); [`CodegenError::Unsupported`] for code that inference accepted
/// but codegen cannot compile (a non-isbits or large union value, a run-time field
/// index into a struct, an unproven type assertion…); [`CodegenError::Verify`] if LLVM's verifier
/// rejects the module (a codegen bug).
pub fn emit_module<'ctx>(
    ctx: &'ctx Context,
    req: &Request<'_>,
) -> Result<Emitted<'ctx>, CodegenError> {
    emit_module_in(ctx, req, &[])
}

/// [`emit_module`], with the loaded source files (`Session::files`): the kernel checks'
/// frames and the call chains of [`Emitted::externs`] then carry the lines of the call
/// sites (else each frame has its method's first line).
pub fn emit_module_in<'ctx>(
    ctx: &'ctx Context,
    req: &Request<'_>,
    files: &[SourceFile],
) -> Result<Emitted<'ctx>, CodegenError> {
    let emitted = emit_unverified(ctx, req, files)?;
    if let Err(message) = emitted.module.verify() {
        return Err(CodegenError::Verify {
            message: message.to_string(),
            module: emitted.module.print_to_string().to_string(),
        });
    }
    Ok(emitted)
}

/// [`emit_module_in`] without LLVM's verifier, for a caller that verifies the module
/// itself later (the driver does, after linking the runtime library).
pub fn emit_unverified<'ctx>(
    ctx: &'ctx Context,
    req: &Request<'_>,
    files: &[SourceFile],
) -> Result<Emitted<'ctx>, CodegenError> {
    crate::infer::check::check_in(req.engine, req.cache, req.job, req.entry, req.kernel, files)?;
    let mut cx = ModuleCx::new(ctx, req, files);
    // A kernel's body is inlined into its wrapper; a plain entry is a function.
    let entry_symbol = if req.kernel {
        let entry = cx.info_for(req.entry, None, false, None)?;
        super::abi::kernel_wrapper(&mut cx, entry)?
    } else {
        let entry = cx.function_for(req.entry, None, false, None)?;
        cx.external_entry(entry)?
    };
    while let Some(f) = cx.queue.pop_front() {
        super::body::emit_body(&mut cx, f)?;
    }
    let ModuleCx {
        module, externs, ..
    } = cx;
    Ok(Emitted {
        module,
        entry_symbol,
        externs,
    })
}

/// A function of the module: one method instance in one bounds-check variant.
pub(crate) struct FnInfo<'ctx> {
    /// The LLVM function, once declared (a method instance whose every call was
    /// inlined by codegen has none).
    pub value: Option<FunctionValue<'ctx>>,
    pub code: Arc<InferredCode>,
    /// Whether `@boundscheck` blocks are elided (`Expr(:boundscheck)` is `false`).
    pub inbounds: bool,
    /// The layouts of the method's arguments (not `#self#`), in order.
    pub params: Vec<Rc<Layout<'ctx>>>,
    /// The layout of the return value (ghost for `Nothing` and for `Union{}`).
    pub ret: Rc<Layout<'ctx>>,
    /// The function whose call first reached this one, and the calling statement
    /// (`None` for the entry).
    pub caller: Option<(usize, usize)>,
}

/// The state of one module being generated.
pub(crate) struct ModuleCx<'a, 'ctx> {
    pub ctx: &'ctx Context,
    pub req: &'a Request<'a>,
    pub module: Module<'ctx>,
    pub builder: Builder<'ctx>,
    pub layouts: Layouts<'ctx>,
    /// The target's data layout (for natural alignments), created on first use
    /// ([`Self::target_data`]). Never shared between modules: LLVM caches struct
    /// layouts in it by type address, and a context dropped on this thread may leave
    /// its addresses to another's types.
    target_data: std::cell::OnceCell<TargetData>,
    pub funcs: Vec<FnInfo<'ctx>>,
    /// (instance, constant-propagation arguments, bounds checks elided) → function.
    by_key: HashMap<(MethodInstance, Option<Vec<Lattice>>, bool), usize>,
    /// Functions declared whose bodies are still to be emitted.
    pub queue: VecDeque<usize>,
    names: HashSet<String>,
    strings: HashMap<Arc<str>, PointerValue<'ctx>>,
    /// Whether (instance, constant-propagation arguments) has `@boundscheck` blocks.
    boundschecks: HashMap<(MethodInstance, Option<Vec<Lattice>>), bool>,
    /// Concrete evaluations of calls with constant arguments (consteval.rs).
    folds: HashMap<(MethodInstance, Vec<Const>), Option<Const>>,
    files: &'a [SourceFile],
    pub externs: Vec<(String, Vec<Frame>)>,
    /// The functions whose bodies are being emitted into the current LLVM function:
    /// the function itself, then each body inlined into it (body.rs), innermost last.
    pub inline_stack: Vec<usize>,
    /// Statements inlined into the current LLVM function so far.
    pub inlined_stmts: usize,
}

impl<'a, 'ctx> ModuleCx<'a, 'ctx> {
    fn new(ctx: &'ctx Context, req: &'a Request<'a>, files: &'a [SourceFile]) -> Self {
        let name = req
            .engine
            .method_info(req.entry.method)
            .map_or_else(|| "module".to_string(), |i| i.func.to_string());
        let module = ctx.create_module(&name);
        module.set_triple(&TargetTriple::create(&req.spec.triple));
        module.set_data_layout(&data_layout(&req.spec.data_layout));
        ModuleCx {
            ctx,
            req,
            module,
            builder: ctx.create_builder(),
            layouts: Layouts::new(ctx),
            target_data: std::cell::OnceCell::new(),
            funcs: Vec::new(),
            by_key: HashMap::new(),
            queue: VecDeque::new(),
            names: HashSet::new(),
            strings: HashMap::new(),
            folds: HashMap::new(),
            boundschecks: HashMap::new(),
            files,
            externs: Vec::new(),
            inline_stack: Vec::new(),
            inlined_stmts: 0,
        }
    }

    /// The target's data layout, for sizes and alignments.
    pub fn target_data(&self) -> &TargetData {
        self.target_data
            .get_or_init(|| TargetData::create(&self.req.spec.data_layout))
    }

    pub fn store(&self) -> &'a crate::types::TypeStore {
        self.req.engine.types()
    }

    /// The layout of `ty`, or an `Unsupported` error at `location`.
    pub fn layout(
        &mut self,
        ty: TypeId,
        location: &dyn Fn() -> String,
    ) -> Result<Rc<Layout<'ctx>>, CodegenError> {
        let store = self.req.engine.types();
        self.layouts
            .layout(store, ty)
            .map_err(|what| CodegenError::Unsupported {
                what,
                location: location(),
            })
    }

    /// The function for `mi` in the given bounds-check variant, declared (and queued
    /// for emission) on first use: its general inferred code, or with `consts` the
    /// constant-propagation frame inferred with that argument lattice (a specialization
    /// of the same parameters whose body reads the constant arguments as constants).
    /// `caller` is the calling function and statement (`None` for the entry).
    pub fn function_for(
        &mut self,
        mi: &MethodInstance,
        consts: Option<&[Lattice]>,
        inbounds: bool,
        caller: Option<(usize, usize)>,
    ) -> Result<usize, CodegenError> {
        let f = self.info_for(mi, consts, inbounds, caller)?;
        self.declared(f, mi);
        Ok(f)
    }

    /// The function record for `mi` (with `consts`, as in [`Self::function_for`]) in
    /// the given bounds-check variant (its typed code and layouts), created on first
    /// use without declaring an LLVM function: a call that codegen inlines needs only
    /// this.
    pub fn info_for(
        &mut self,
        mi: &MethodInstance,
        consts: Option<&[Lattice]>,
        inbounds: bool,
        caller: Option<(usize, usize)>,
    ) -> Result<usize, CodegenError> {
        let key = (mi.clone(), consts.map(<[Lattice]>::to_vec), inbounds);
        if let Some(&f) = self.by_key.get(&key) {
            return Ok(f);
        }
        let req = self.req;
        let store = req.engine.types();
        let code = match consts {
            Some(c) => crate::infer::interp::infer_const(req.engine, req.cache, req.job, mi, c),
            None => crate::infer::interp::infer(req.engine, req.cache, req.job, mi).0,
        };
        let location = || location_of(store, &code, None);
        if code.code.stmts.is_empty() {
            return Err(CodegenError::Unsupported {
                what: "a call of a method without a body".into(),
                location: location(),
            });
        }
        // Generic functions' `typeof(f)` callee is a ghost: the arguments after it (a
        // callable object's callee is its first parameter).
        let argtypes: Vec<TypeId> = super::body::llvm_params(store, mi.spec_types).to_vec();
        let mut params = Vec::with_capacity(argtypes.len());
        for &t in &argtypes {
            params.push(self.layout(t, &location)?);
        }
        let ret = match &code.rettype {
            Lattice::Bottom => Rc::new(Layout {
                ty: None,
                kind: super::types::LayoutKind::Ghost,
            }),
            l => {
                let t = widenconst(store, l);
                self.layout(t, &location)?
            }
        };
        let f = self.funcs.len();
        self.funcs.push(FnInfo {
            value: None,
            code,
            inbounds,
            params,
            ret,
            caller,
        });
        self.by_key.insert(key, f);
        Ok(f)
    }

    /// Whether `mi`'s inferred code (with `consts`, its constant-propagation frame)
    /// has `@boundscheck` blocks, so that a call under `@inbounds` compiles the variant
    /// without them; once per module and instance (a body inlined at every call site
    /// would otherwise be looked up in the code cache and scanned at each).
    pub fn has_boundscheck(&mut self, mi: &MethodInstance, consts: Option<&[Lattice]>) -> bool {
        let key = (mi.clone(), consts.map(<[Lattice]>::to_vec));
        if let Some(&b) = self.boundschecks.get(&key) {
            return b;
        }
        let req = self.req;
        let code = match consts {
            Some(c) => crate::infer::interp::infer_const(req.engine, req.cache, req.job, mi, c),
            None => crate::infer::interp::infer(req.engine, req.cache, req.job, mi).0,
        };
        let b = has_boundscheck(&code);
        self.boundschecks.insert(key, b);
        b
    }

    /// Function `f`'s LLVM function, declared (and its body queued) on first use.
    pub fn declared(&mut self, f: usize, mi: &MethodInstance) -> FunctionValue<'ctx> {
        if self.funcs[f].value.is_none() {
            self.declare(f, mi);
        }
        self.funcs[f].value.expect("declared")
    }

    /// Declares function `f`'s LLVM function and queues its body.
    fn declare(&mut self, f: usize, mi: &MethodInstance) {
        let info = &self.funcs[f];
        let llvm_params: Vec<BasicMetadataTypeEnum> = info
            .params
            .iter()
            .filter_map(|l| l.ty)
            .map(Into::into)
            .collect();
        let fn_type = match info.ret.ty {
            Some(t) => t.fn_type(&llvm_params, false),
            None => self.ctx.void_type().fn_type(&llvm_params, false),
        };
        let code = info.code.clone();
        let params = info.params.clone();
        let name = self.unique_name(&format!("julia_{}", sanitize(&code.code.name)));
        let value = self
            .module
            .add_function(&name, fn_type, Some(Linkage::Internal));
        self.set_inline_attributes(value, mi);
        // Name the parameters after the method's arguments.
        let mut k = 0;
        for (i, l) in params.iter().enumerate() {
            if l.is_ghost() {
                continue;
            }
            if let (Some(p), Some(slot)) = (value.get_nth_param(k), code.code.slots.get(i + 1)) {
                p.set_name(&slot.name);
            }
            k += 1;
        }
        self.funcs[f].value = Some(value);
        self.queue.push_back(f);
    }

    fn set_inline_attributes(&self, value: FunctionValue<'ctx>, mi: &MethodInstance) {
        let declared = self
            .req
            .engine
            .method_source(mi.method)
            .and_then(|s| s.inline);
        let attr = match declared {
            Some(false) => Some("noinline"),
            Some(true) => Some("alwaysinline"),
            None if self.req.job.always_inline => Some("alwaysinline"),
            None => None,
        };
        if let Some(name) = attr {
            let kind = inkwell::attributes::Attribute::get_named_enum_kind_id(name);
            value.add_attribute(
                AttributeLoc::Function,
                self.ctx.create_enum_attribute(kind, 0),
            );
        }
    }

    /// `base`, or `base_1`, `base_2`… if taken.
    pub fn unique_name(&mut self, base: &str) -> String {
        let mut name = base.to_string();
        let mut n = 0;
        while self.names.contains(&name) || self.module.get_function(&name).is_some() {
            n += 1;
            name = format!("{base}_{n}");
        }
        self.names.insert(name.clone());
        name
    }

    /// A pointer (generic address space) to `s`'s NUL-terminated bytes in a private
    /// constant global, one per distinct string.
    pub fn string_constant(&mut self, s: &Arc<str>) -> PointerValue<'ctx> {
        if let Some(&p) = self.strings.get(s) {
            return p;
        }
        let bytes = self.ctx.const_string(s.as_bytes(), true);
        let name = if self.strings.is_empty() {
            ".str".to_string()
        } else {
            format!(".str.{}", self.strings.len())
        };
        let global = self.module.add_global(bytes.get_type(), None, &name);
        global.set_initializer(&bytes);
        global.set_constant(true);
        global.set_linkage(Linkage::Private);
        global.set_unnamed_address(inkwell::values::UnnamedAddress::Global);
        global.set_alignment(1);
        let mut p = global.as_pointer_value();
        // Targets whose data layout puts globals in another address space (AMDGPU's
        // `G1`): the value codegen passes around is a generic pointer.
        if p.get_type().get_address_space() != AddressSpace::default() {
            p = p.const_address_space_cast(self.ctx.ptr_type(AddressSpace::default()));
        }
        self.strings.insert(s.clone(), p);
        p
    }

    /// The value `mi` computes purely for the constant arguments `args`, if it does.
    pub fn fold(&mut self, mi: &MethodInstance, args: Vec<Const>) -> Option<Const> {
        let key = (mi.clone(), args);
        if let Some(r) = self.folds.get(&key) {
            return r.clone();
        }
        let req = self.req;
        let r = super::consteval::concrete_eval(req.engine, req.cache, req.job, mi, &key.1);
        self.folds.insert(key, r.clone());
        r
    }

    /// Records a call of the external symbol `name` from function `f` (first call
    /// wins the chain).
    pub fn record_extern(&mut self, name: &str, f: usize, stmt: usize) {
        if self.externs.iter().any(|(n, _)| n == name) {
            return;
        }
        let chain = self.chain(f, stmt);
        self.externs.push((name.to_string(), chain));
    }

    /// How the entry reached statement `stmt` of function `f`, outermost first: each
    /// frame is a function with its argument types and the line of the call it makes
    /// (the method's first line when its source file is not known).
    pub fn chain(&self, f: usize, stmt: usize) -> Vec<Frame> {
        let mut out = Vec::new();
        let mut cur = Some((f, stmt));
        while let Some((k, i)) = cur {
            let code = &self.funcs[k].code;
            out.push(Frame {
                func: code.code.name.clone(),
                sig: self.store().drop_callee(code.mi.spec_types),
                file: code.code.file.clone(),
                line: self.line_of(code, i),
            });
            cur = self.funcs[k].caller;
        }
        out.reverse();
        out
    }

    /// The source line of statement `i` of `code`, or the method's first line.
    pub fn line_of(&self, code: &InferredCode, i: usize) -> u32 {
        let ci = &code.code;
        ci.spans
            .get(i)
            .and_then(|span| {
                let file = self.files.iter().find(|f| *f.name == *ci.file)?;
                Some(file.line_col(span.start).0 as u32)
            })
            .unwrap_or(ci.line)
    }

    /// The host/AOT entry: the entry function itself, made external under the
    /// function's own (sanitized) name, with the C calling convention.
    fn external_entry(&mut self, entry: usize) -> Result<String, CodegenError> {
        let info = &self.funcs[entry];
        let value = info.value.expect("the entry is declared");
        let base = sanitize(&info.code.code.name);
        let name = self.unique_name(&base);
        value.as_global_value().set_name(&name);
        value.set_linkage(Linkage::External);
        Ok(name)
    }
}

/// The data layout `layout` as a module takes it (its text), made once per worker
/// thread and layout rather than once per module (a `TargetData` parses it).
fn data_layout(layout: &str) -> Rc<DataLayout> {
    thread_local! {
        static CACHE: std::cell::RefCell<Vec<(String, Rc<DataLayout>)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    CACHE.with(|c| {
        if let Some((_, dl)) = c.borrow().iter().find(|(l, _)| l == layout) {
            return dl.clone();
        }
        let dl = Rc::new(TargetData::create(layout).get_data_layout());
        c.borrow_mut().push((layout.to_string(), dl.clone()));
        dl
    })
}

/// Whether a body has `@boundscheck` blocks (so a bounds-check-free variant differs).
fn has_boundscheck(code: &InferredCode) -> bool {
    code.code
        .stmts
        .iter()
        .any(|s| matches!(s, Stmt::BoundsCheck))
}

/// `f(::Int64) at file.jl:3` (the method's first line), with the statement if known.
pub(crate) fn location_of(
    store: &crate::types::TypeStore,
    code: &InferredCode,
    stmt: Option<usize>,
) -> String {
    let call = show_call(
        store,
        &code.code.name,
        store.drop_callee(code.mi.spec_types),
    );
    let file = &code.code.file;
    let line = code.code.line;
    match stmt {
        Some(i) => format!("{call} at {file}:{line}, statement %{}", i + 1),
        None => format!("{call} at {file}:{line}"),
    }
}

/// A Julia function name as an LLVM symbol: operators spelled out (`+` → `plus`),
/// other characters outside `[A-Za-z0-9_]` replaced by `_`.
pub(crate) fn sanitize(name: &str) -> String {
    let spelled = match name {
        "+" => "plus",
        "-" => "minus",
        "*" => "times",
        "/" => "div",
        "\\" => "ldiv",
        "^" => "pow",
        "%" => "rem",
        "÷" => "idiv",
        "<" => "lt",
        "<=" => "le",
        ">" => "gt",
        ">=" => "ge",
        "==" => "eq",
        "!=" => "ne",
        "===" => "egal",
        "!" => "not",
        "~" => "bitnot",
        "&" => "and",
        "|" => "or",
        "⊻" => "xor",
        "<<" => "shl",
        ">>" => "shr",
        ">>>" => "lshr",
        ":" => "colon",
        _ => "",
    };
    if !spelled.is_empty() {
        return spelled.to_string();
    }
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn sanitized_names() {
        for (name, expect) in [
            ("saxpy", "saxpy"),
            ("+", "plus"),
            ("setindex!", "setindex_"),
            ("<=", "le"),
            ("Float32", "Float32"),
            ("2x", "_2x"),
        ] {
            assert_eq!(sanitize(name), expect, "{name}");
        }
    }
}
