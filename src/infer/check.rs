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
use crate::ir::{Const, Foreign, Operand, Stmt};
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
            if !self.value_ok(&Lattice::Type(t)) || self.is_string(&Lattice::Type(t)) {
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
            if self.first_error.is_none() {
                self.first_error = self.undefined_name(&code, i);
            }
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
                        let what = format!(
                            "{}{}",
                            self.call_text(&code, i, argtypes),
                            self.callee_hint(&code, i, argtypes)
                        );
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

    /// Julia's `UndefVarError` for statement `i`: a call of a function that has no
    /// method in any table, or such a name used as a value (lowering reads every
    /// name it cannot resolve locally as a function, so this is where an undefined
    /// global is found).
    fn undefined_name(&self, code: &InferredCode, i: usize) -> Option<InferError> {
        let stmt = &code.code.stmts[i];
        let undefined = |name: &str| self.engine.func_id(name).is_none();
        let value = |op: &Operand| match op {
            Operand::Const(Const::Function(n)) if undefined(n) => Some(n.to_string()),
            _ => None,
        };
        let name = match stmt {
            Stmt::Call { func, .. } if undefined(func) => Some(func.to_string()),
            Stmt::Call { args, .. } | Stmt::Tuple(args) | Stmt::New { args, .. } => {
                args.iter().find_map(value)
            }
            Stmt::SlotSet { value: v, .. } | Stmt::Value(v) | Stmt::Return(v) => value(v),
            _ => None,
        }?;
        let called = matches!(stmt, Stmt::Call { func, .. } if **func == *name);
        Some(InferError::UndefVar {
            hint: undefined_hint(self.engine, &name, called),
            name,
            chain: self.chain(code, i),
        })
    }

    fn descend(&mut self, code: &Arc<InferredCode>, i: usize, callee: &MethodInstance) {
        // A call back into a method instance on the current chain: recursion, which a
        // kernel cannot do (GPU threads have small fixed stacks, and GPUCompiler
        // rejects it too).
        if self.kernel && (code.mi == *callee || self.path.iter().any(|(c, _)| c.mi == *callee)) {
            let what = format!(
                "{} calls itself (directly or through the calls above); recursion is not supported in kernels: \
                 GPU threads have small fixed stacks; write the recursion as a loop",
                show_call(self.store, &stmt_func(self.store, code, i), self.store.drop_callee(callee.spec_types))
            );
            let chain = self.chain(code, i);
            self.problems.push(InvalidIrProblem {
                kind: "device recursion".into(),
                what,
                chain,
            });
            return;
        }
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
    fn is_string(&self, l: &Lattice) -> bool {
        let st = self.store;
        matches!(l, Lattice::Type(t) if st.lookup_name("String").is_some_and(|n| st.name(n).wrapper() == *t))
    }

    fn value_ok(&self, l: &Lattice) -> bool {
        let st = self.store;
        match l {
            Lattice::Bottom | Lattice::Const(_) => true,
            Lattice::Type(t) => {
                if is_isbits(st, *t) || (st.is_type_type(*t) && !st.has_free_vars(*t)) {
                    return true;
                }
                // A `String` is a pointer to a literal's constant bytes (codegen/types.rs):
                // the language cannot build one at run time, so passing it between device
                // functions is safe (`@cuprintf`'s format goes through the prelude's
                // helpers this way); a kernel argument still cannot be one.
                // Deviation: GPUCompiler rejects a String value that is not a constant.
                if self.is_string(l) {
                    return true;
                }
                let ms = st.union_members(t);
                ms.len() > 1 && ms.len() <= MAX_UNION && ms.iter().all(|&m| is_isbits(st, m))
            }
        }
    }

    /// Why a call of a value (statement `i`) stays dynamic when its callee is not one
    /// callable type, and what to do: a union callee is split into one call per
    /// signature only up to [`MAX_UNION`] signatures (Julia's union-splitting limit);
    /// a value that may be one of more functions has the abstract type `Function`
    /// (inference widens unions past [`MAX_UNION`] members, as Julia's does).
    fn callee_hint(&self, code: &InferredCode, i: usize, argtypes: &[Lattice]) -> String {
        let st = self.store;
        let Some(Stmt::CallValue { callee, .. }) = code.code.stmts.get(i) else {
            return String::new();
        };
        let t = widenconst(st, &operand_type(code, callee));
        if st.function_of(t).is_some() || st.is_concrete(t) {
            return String::new();
        }
        let members = st.union_members(&t).len();
        let combos: usize = argtypes
            .iter()
            .map(|l| st.union_members(&widenconst(st, l)).len().max(1))
            .product();
        let fix = "call each function in its own branch (`c ? f(x) : g(x)`), or pass the \
                   function as an argument to a function, whose instances are then \
                   specialized on it";
        if members > 1 {
            if members.saturating_mul(combos) <= MAX_UNION {
                return String::new();
            }
            return format!(
                ": the callee may be any of {members} types and the arguments have {combos} \
                 type combinations, {} call signatures in all; a call is split into at most \
                 {MAX_UNION} (Julia's union-splitting limit), so this one would dispatch at \
                 run time, which kernels cannot; make the arguments' types concrete, or {fix}",
                members * combos
            );
        }
        format!(
            ": the callee's type `{}` is abstract (a value that may be one of more than \
             {MAX_UNION} functions widens to `Function`, as in Julia's inference), so the \
             call would dispatch at run time, which kernels cannot; {fix}",
            st.show(t)
        )
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
        // The prelude's `no_op_err(op, x, y)` (number.jl): promotion found no method of
        // `op` for the values' own type; report the operator's call, as Julia's MethodError.
        if !ambiguous && stmt_func(self.store, code, i) == "no_op_err" && tys.len() == 3 {
            let shown = match &code.code.stmts[i] {
                Stmt::Call { args, .. } if !args.is_empty() => {
                    crate::ir::print::show_operand(st, &code.code, &args[0])
                }
                _ => st.show(tys[0]),
            };
            let op = shown
                .strip_prefix("typeof(")
                .and_then(|s| s.strip_suffix(')'))
                .unwrap_or(&shown);
            let ty = st.show(tys[1]);
            return InferError::NoMethod {
                call: show_call(st, op, st.tuple(&tys[1..])),
                candidates: format!(
                    "\n\nthe promoting fallback `{op}(::Number, ::Number)` converted both arguments \
                     to `{ty}`, which has no `{op}` method of its own (Julia's `no_op_err`): \
                     define `{op}(x::{ty}, y::{ty})`"
                ),
                chain,
            };
        }
        // The engine's own wording (closest candidates, the ambiguity's fix) when the
        // call is a generic function's with concrete arguments.
        let func = match &code.code.stmts[i] {
            Stmt::Call { func, .. } => Some(func.to_string()),
            Stmt::CallValue { callee, .. } => st
                .called_function(widenconst(st, &operand_type(code, callee)))
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
            match store.called_function(t) {
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

/// What follows ``UndefVarError: `name` not defined``: why a kernel cannot have it
/// (for Julia functions that need what GPUs lack), or the closest defined names.
pub fn undefined_hint(engine: &Engine, name: &str, called: bool) -> String {
    let unsupported = match name {
        "println" | "print" | "string" | "repr" | "show" | "error" | "sprint" | "join" => Some(
            "strings at run time are not supported in kernels: a kernel cannot build or print \
             strings (string literals are compile-time constants only)",
        ),
        "zeros" | "ones" | "fill" | "similar" | "Vector" | "Matrix" | "Array" | "collect"
        | "push!" | "append!" | "resize!" | "copy" | "Dict" | "Set" => Some(
            "heap allocation is not supported in kernels: allocate arrays on the host and \
             pass them in as `DeviceArray` arguments",
        ),
        "rethrow" | "catch_backtrace" | "backtrace" => {
            Some("`try`/`catch` is not supported in kernels: GPU code cannot unwind")
        }
        _ => None,
    };
    if let Some(why) = unsupported {
        return format!("\n`{name}` is not available in kernels: {why}");
    }
    let mut close: Vec<(usize, String)> = engine
        .function_names()
        .into_iter()
        .filter_map(|n| {
            let d = edit_distance(name, &n);
            (d <= (name.chars().count() / 3).clamp(1, 3) && !n.starts_with('#')).then_some((d, n))
        })
        .collect();
    close.sort();
    close.truncate(3);
    let what = if called {
        format!("\nno function named `{name}` exists (this is not a `MethodError`: no method of any signature was defined)")
    } else {
        String::new()
    };
    match close.len() {
        0 => what,
        _ => format!(
            "{what}\nSuggestion: did you mean {}?",
            close
                .iter()
                .map(|(_, n)| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    }
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + (ca != cb) as usize)
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
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
        InferError::NoMethod { chain, .. }
        | InferError::Ambiguous { chain, .. }
        | InferError::UndefVar { chain, .. } => frames(&mut out, chain),
        InferError::InvalidIr { problems, .. } => {
            for p in problems {
                out.push_str(&format!("\nReason: unsupported {} ({})", p.kind, p.what));
                frames(&mut out, &p.chain);
            }
        }
        InferError::Entry(_) | InferError::Limit(_) => {}
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
