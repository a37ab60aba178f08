//! Errors as values: the checks run over an inferred call tree.
//!
//! [`check`] walks the tree of method instances reachable from an entry (each callee's
//! code comes from [`super::interp::infer`], so from the cache when warm), each at most
//! once, and collects:
//! - every call that matches no method, or is ambiguous: the first one found (depth
//!   first, in statement order) is the error, as Julia's `MethodError` wording with
//!   the call chain that reaches it;
//! - for kernels, GPUCompiler's `InvalidIRError` problems: every dynamic call
//!   ("dynamic function invocation") and every non-isbits value crossing a call (a
//!   kernel argument, a call argument or a call's return value: "non-isbits value"),
//!   each with its chain. Constants (strings in error messages, types, functions) are
//!   compiled in and never count; isbits unions (`Union{Int64, Nothing}`) are allowed,
//!   as union-split values are on GPUs.
//!
//! Call chains are innermost first, like a Julia stack trace: the frame where the
//! problem is, then its caller's call site, up to the entry. A frame's line is the
//! call site's line when the method's source file is known (see [`check_in`]), else
//! the method's first line.

use super::cache::CodeCache;
use super::lattice::{is_isbits, widenconst};
use super::{CallInfo, Frame, InferError, InferredCode, InvalidIrProblem, Job, Lattice};
use super::{MethodInstance, MAX_UNION};
use crate::engine::{show_call, Engine, EngineError};
use crate::ir::{Foreign, Operand, Stmt};
use crate::syntax::SourceFile;
use crate::types::{TypeId, TypeStore};
use hashbrown::HashSet;
use std::sync::Arc;

/// Checks the call tree of `mi` for `job` (see the module docs); `kernel` adds the
/// GPU checks.
pub fn check(
    engine: &Engine,
    cache: &CodeCache,
    job: &Job,
    mi: &MethodInstance,
    kernel: bool,
) -> Result<(), InferError> {
    check_in(engine, cache, job, mi, kernel, &[])
}

/// [`check`], with the loaded source files, so frames carry call sites' lines.
pub fn check_in(
    engine: &Engine,
    cache: &CodeCache,
    job: &Job,
    mi: &MethodInstance,
    kernel: bool,
    files: &[SourceFile],
) -> Result<(), InferError> {
    let root = super::interp::infer(engine, cache, job, mi).0;
    let mut w = Walker {
        engine,
        store: engine.types(),
        job,
        kernel,
        files,
        visited: HashSet::new(),
        path: Vec::new(),
        first_error: None,
        problems: Vec::new(),
        fetch: &|callee: &MethodInstance| super::interp::infer(engine, cache, job, callee).0,
    };
    w.run(root)
}

/// Where callees' inferred code comes from (the interpreter, or a test's table).
type Fetch<'a> = &'a dyn Fn(&MethodInstance) -> Arc<InferredCode>;

struct Walker<'a> {
    engine: &'a Engine,
    store: &'a TypeStore,
    job: &'a Job,
    kernel: bool,
    files: &'a [SourceFile],
    visited: HashSet<MethodInstance>,
    /// The callers of the code being walked, with the statement that calls down.
    path: Vec<(Arc<InferredCode>, usize)>,
    first_error: Option<InferError>,
    problems: Vec<InvalidIrProblem>,
    fetch: Fetch<'a>,
}

impl Walker<'_> {
    fn run(&mut self, root: Arc<InferredCode>) -> Result<(), InferError> {
        let kernel_name =
            crate::engine::show_method_call(self.store, &root.code.name, root.mi.spec_types);
        if self.kernel {
            self.kernel_arguments(&root);
        }
        self.walk(root);
        if let Some(e) = self.first_error.take() {
            return Err(e);
        }
        if !self.problems.is_empty() {
            return Err(InferError::InvalidIr {
                kernel: kernel_name,
                problems: std::mem::take(&mut self.problems),
            });
        }
        Ok(())
    }

    /// A kernel's own arguments must be isbits (GPUCompiler's "passing non-bitstype
    /// argument").
    fn kernel_arguments(&mut self, root: &Arc<InferredCode>) {
        let params = self.store.sig_args(root.mi.spec_types).to_vec();
        for (i, t) in params.into_iter().enumerate() {
            if !self.value_ok(&Lattice::Type(t)) {
                let name = root
                    .code
                    .slots
                    .get(i + 1)
                    .map_or_else(|| format!("#{}", i + 1), |s| s.name.to_string());
                let chain = vec![self.frame(root, None)];
                self.problems.push(InvalidIrProblem {
                    kind: "non-isbits value".into(),
                    what: format!("kernel argument {name}::{}", self.store.show(t)),
                    chain,
                });
            }
        }
    }

    fn walk(&mut self, code: Arc<InferredCode>) {
        if !self.visited.insert(code.mi.clone()) {
            return;
        }
        for i in 0..code.code.stmts.len() {
            let Some(Some(info)) = code.calls.get(i) else {
                continue;
            };
            let info = info.clone();
            match &info {
                CallInfo::Invoke { mi, rettype, .. } => {
                    self.crossing(&code, i, Some(rettype));
                    self.descend(&code, i, mi);
                }
                CallInfo::Split { targets } => {
                    self.crossing(&code, i, None);
                    for (mi, _) in targets {
                        self.descend(&code, i, mi);
                    }
                }
                CallInfo::Builtin => {}
                CallInfo::Dynamic { argtypes } => {
                    if self.kernel {
                        let what = self.call_text(&code, i, argtypes);
                        let chain = self.chain(&code, i);
                        self.problems.push(InvalidIrProblem {
                            kind: "dynamic function invocation".into(),
                            what,
                            chain,
                        });
                    }
                }
                CallInfo::NoMethod { argtypes } | CallInfo::Ambiguous { argtypes } => {
                    if self.first_error.is_none() {
                        let ambiguous = matches!(info, CallInfo::Ambiguous { .. });
                        self.first_error = Some(self.method_error(&code, i, argtypes, ambiguous));
                    }
                }
            }
        }
    }

    fn descend(&mut self, code: &Arc<InferredCode>, i: usize, callee: &MethodInstance) {
        if self.visited.contains(callee) {
            return;
        }
        let callee_code = (self.fetch)(callee);
        self.path.push((code.clone(), i));
        self.walk(callee_code);
        self.path.pop();
    }

    /// Kernel check of the values crossing call `i`: its arguments and its result.
    fn crossing(&mut self, code: &Arc<InferredCode>, i: usize, ret: Option<&Lattice>) {
        if !self.kernel {
            return;
        }
        let (func, args) = match code.code.stmts.get(i) {
            Some(Stmt::Call { func, args, .. }) => (func.to_string(), args),
            Some(Stmt::CallValue { args, .. }) => (stmt_func(self.store, code, i), args),
            _ => return,
        };
        let mut bad = Vec::new();
        for a in args {
            let l = operand_type(code, a);
            if !self.value_ok(&l) {
                let shown = crate::ir::print::show_operand(self.store, &code.code, a);
                bad.push(format!(
                    "argument {shown}::{} of {func}",
                    self.store.show(widenconst(self.store, &l))
                ));
            }
        }
        if let Some(r) = ret {
            if !self.value_ok(r) {
                bad.push(format!(
                    "result of {func}::{}",
                    self.store.show(widenconst(self.store, r))
                ));
            }
        }
        for what in bad {
            let chain = self.chain(code, i);
            self.problems.push(InvalidIrProblem {
                kind: "non-isbits value".into(),
                what,
                chain,
            });
        }
    }

    /// Whether a value may live on a GPU: a constant, no value, an isbits type, a
    /// `Type{T}`, or a small union of isbits types.
    fn value_ok(&self, l: &Lattice) -> bool {
        let st = self.store;
        match l {
            Lattice::Bottom | Lattice::Const(_) => true,
            Lattice::Type(t) => {
                if is_isbits(st, *t) || (st.is_type_type(*t) && !st.has_free_vars(*t)) {
                    return true;
                }
                let ms = st.union_members(t);
                ms.len() > 1 && ms.len() <= MAX_UNION && ms.iter().all(|&m| is_isbits(st, m))
            }
        }
    }

    /// `f(::Int64, ::String)` for statement `i` with these argument types.
    fn call_text(&self, code: &InferredCode, i: usize, argtypes: &[Lattice]) -> String {
        let tys: Vec<TypeId> = argtypes.iter().map(|l| widenconst(self.store, l)).collect();
        let func = stmt_func(self.store, code, i);
        show_call(self.store, &func, self.store.tuple(&tys))
    }

    fn method_error(
        &self,
        code: &InferredCode,
        i: usize,
        argtypes: &[Lattice],
        ambiguous: bool,
    ) -> InferError {
        let chain = self.chain(code, i);
        let call = self.call_text(code, i, argtypes);
        let st = self.store;
        let tys: Vec<TypeId> = argtypes.iter().map(|l| widenconst(st, l)).collect();
        // The engine's own wording (closest candidates, the ambiguity's fix) when the
        // call is a generic function's with concrete arguments.
        let func = match &code.code.stmts[i] {
            Stmt::Call { func, .. } => Some(func.to_string()),
            Stmt::CallValue { callee, .. } => st
                .function_of(widenconst(st, &operand_type(code, callee)))
                .map(str::to_string),
            _ => None,
        };
        let from_engine = match func {
            Some(func) if st.is_dispatch_tuple(st.tuple(&tys)) => self
                .engine
                .dispatch(&func, &tys, &self.job.view_tables(), Some(self.job.world))
                .err(),
            _ => None,
        };
        match (ambiguous, from_engine) {
            (false, Some(EngineError::NoMethod { call, detail })) => InferError::NoMethod {
                call,
                candidates: detail,
                chain,
            },
            (
                true,
                Some(EngineError::Ambiguous {
                    call,
                    candidates,
                    fix,
                }),
            ) => InferError::Ambiguous {
                call,
                candidates,
                fix,
                chain,
            },
            (false, _) => InferError::NoMethod {
                call,
                candidates: String::new(),
                chain,
            },
            (true, _) => InferError::Ambiguous {
                fix: format!("{call} where the methods overlap"),
                call,
                candidates: Vec::new(),
                chain,
            },
        }
    }

    /// The chain to statement `i` of `code`: innermost first.
    fn chain(&self, code: &InferredCode, i: usize) -> Vec<Frame> {
        let mut out = vec![self.frame(code, Some(i))];
        for (c, j) in self.path.iter().rev() {
            out.push(self.frame(c, Some(*j)));
        }
        out
    }

    fn frame(&self, code: &InferredCode, stmt: Option<usize>) -> Frame {
        let ci = &code.code;
        let line = stmt
            .and_then(|i| ci.spans.get(i))
            .and_then(|span| {
                let file = self.files.iter().find(|f| *f.name == *ci.file)?;
                Some(file.line_col(span.start).0 as u32)
            })
            .unwrap_or(ci.line);
        Frame {
            func: ci.name.clone(),
            sig: self.store.drop_callee(code.mi.spec_types),
            file: ci.file.clone(),
            line,
        }
    }
}

/// The abstract value of an operand in inferred code.
fn operand_type(code: &InferredCode, op: &Operand) -> Lattice {
    match op {
        Operand::Ssa(s) => code.ssa_types.get(s.index()).cloned(),
        Operand::Slot(s) => code.slot_types.get(s.index()).cloned(),
        Operand::Const(c) => Some(Lattice::Const(c.clone())),
        // Static parameters are types, compiled in.
        Operand::SParam(_) => Some(Lattice::Bottom),
    }
    .unwrap_or(Lattice::Bottom)
}

/// The name a statement calls, as a call site prints it.
fn stmt_func(store: &TypeStore, code: &InferredCode, i: usize) -> String {
    match &code.code.stmts[i] {
        Stmt::Call { func, .. } => func.to_string(),
        // A function value calls that function; any other callee prints as its type
        // (`(::Int64)(…)`, Julia's way of naming a call of a non-function object).
        Stmt::CallValue { callee, .. } => {
            let t = widenconst(store, &operand_type(code, callee));
            match store.function_of(t) {
                Some(f) => f.to_string(),
                None => format!("(::{})", store.show(t)),
            }
        }
        Stmt::Intrinsic { op, .. } => format!("Core.Intrinsics.{}", op.name()),
        Stmt::Foreign { target, .. } => match target {
            Foreign::Extern(n) | Foreign::LlvmIntrinsic(n) => format!("ccall({n:?})"),
        },
        Stmt::New { .. } => "new".into(),
        Stmt::GetField { .. } => "getfield".into(),
        Stmt::Tuple(_) => "tuple".into(),
        Stmt::TypeAssert { .. } => "typeassert".into(),
        _ => "?".into(),
    }
}

/// Renders an error with its call chain, GPUCompiler style:
/// `InvalidIRError: …\nReason: unsupported dynamic function invocation (call to f(::Any))\nStacktrace:\n [1] g at t.jl:3`.
pub fn render(store: &TypeStore, e: &InferError) -> String {
    let frames = |out: &mut String, chain: &[Frame]| {
        if chain.is_empty() {
            return;
        }
        out.push_str("\nStacktrace:");
        for (k, f) in chain.iter().enumerate() {
            out.push_str(&format!(
                "\n [{}] {} at {}:{}",
                k + 1,
                show_call(store, &f.func, f.sig),
                f.file,
                f.line
            ));
        }
    };
    let mut out = e.to_string();
    match e {
        InferError::NoMethod { chain, .. } | InferError::Ambiguous { chain, .. } => {
            frames(&mut out, chain)
        }
        InferError::InvalidIr { problems, .. } => {
            for p in problems {
                out.push_str(&format!("\nReason: unsupported {} ({})", p.kind, p.what));
                frames(&mut out, &p.chain);
            }
        }
        InferError::Entry(_) => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infer::interp::entry;
    use crate::session::{LoadOptions, Session};

    /// Loads `src` (as `t.jl`) over the prelude, checks `call` (`"f(Int64)"`), and
    /// compares the rendered error (or `ok`) with `expect`.
    fn check_call(src: &str, call: &str, kernel: bool, expect: &str) {
        let s = Session::with_prelude().expect("prelude loads");
        s.load_source("t.jl", src, &LoadOptions::default())
            .unwrap_or_else(|e| panic!("load: {e:?}"));
        let engine = s.engine();
        let store = engine.types();
        let open = call.find('(').expect("call");
        let t = store
            .parse(&format!("Tuple{{{}}}", &call[open + 1..call.len() - 1]))
            .expect("types");
        let args = store.params(t).to_vec();
        let job = Job::host(engine.world());
        let mi = entry(engine, &job, &call[..open], &args).expect("entry");
        let cache = CodeCache::new();
        let got = match check_in(engine, &cache, &job, &mi, kernel, &s.files()) {
            Ok(()) => "ok".to_string(),
            Err(e) => render(store, &e),
        };
        assert_eq!(got.trim(), expect.trim(), "\n{got}");
    }

    #[test]
    fn host_ok() {
        check_call("f(x) = x + 1\n", "f(Int64)", false, "ok");
        check_call("f(x) = x + 1\n", "f(Int64)", true, "ok");
    }

    #[test]
    fn no_method_chain() {
        check_call(
            "struct S end\nh(x::Int64) = x\ng(x) = h(x)\nf(x) = g(x)\n",
            "f(S)",
            false,
            "
no method matching h(::S)

Closest candidates are:
  h(::Int64)
Stacktrace:
 [1] g(::S) at t.jl:3
 [2] f(::S) at t.jl:4",
        );
    }

    #[test]
    fn kernel_invalid_ir() {
        check_call(
            "mutable struct M\n x::Int64\nend\ng(m) = m.x\nk(x) = g(M(x))\n",
            "k(Int64)",
            true,
            "
InvalidIRError: compiling k(::Int64) resulted in invalid LLVM IR: 2 problem(s)
Reason: unsupported non-isbits value (result of M::M)
Stacktrace:
 [1] k(::Int64) at t.jl:5
Reason: unsupported non-isbits value (argument %1::M of g)
Stacktrace:
 [1] k(::Int64) at t.jl:5",
        );
        check_call(
            "mutable struct M\n x::Int64\nend\ng(m) = m.x\nk(x) = g(M(x))\n",
            "k(Int64)",
            false,
            "ok",
        );
        check_call(
            "k(x::String) = 1\n",
            "k(String)",
            true,
            "
InvalidIRError: compiling k(::String) resulted in invalid LLVM IR: 1 problem(s)
Reason: unsupported non-isbits value (kernel argument x::String)
Stacktrace:
 [1] k(::String) at t.jl:1",
        );
    }

    #[test]
    fn kernel_dynamic_call() {
        check_call(
            "h(x) = x + 1\nk(p::Ptr{Real}) = h(unsafe_load(p))\n",
            "k(Ptr{Real})",
            true,
            "
InvalidIRError: compiling k(::Ptr{Real}) resulted in invalid LLVM IR: 4 problem(s)
Reason: unsupported non-isbits value (result of unsafe_load::Real)
Stacktrace:
 [1] k(::Ptr{Real}) at t.jl:2
Reason: unsupported non-isbits value (argument %1::Real of h)
Stacktrace:
 [1] k(::Ptr{Real}) at t.jl:2
Reason: unsupported non-isbits value (result of h::Any)
Stacktrace:
 [1] k(::Ptr{Real}) at t.jl:2
Reason: unsupported dynamic function invocation (+(::Real, ::Int64))
Stacktrace:
 [1] h(::Real) at t.jl:1
 [2] k(::Ptr{Real}) at t.jl:2",
        );
    }
}
