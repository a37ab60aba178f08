//! The abstract interpreter: Julia's type inference over the untyped IR.
//!
//! [`entry`] dispatches a call with concrete argument types to a method instance;
//! [`infer`] runs abstract interpretation over the instance's lowered body:
//!
//! - the body is cut into basic blocks at jump targets and after jumps; each block has
//!   the slot types on entry, joined at merges, and a worklist runs the blocks until
//!   nothing changes (joins widen past `MAX_UNION`, so this terminates);
//! - a call's argument types go to `findall` through the job's view at the job's world
//!   (limit `MAX_METHODS`); small `Union` arguments are split and each combination
//!   dispatched; every callee is inferred recursively, through the code cache, and the
//!   return types are joined; every lookup is recorded as an [`Edge`] and narrows the
//!   result's valid world range;
//! - constant propagation: a call whose arguments are all constants re-infers a small
//!   callee with the constants (uncached), which decides branches and field indices;
//!   intrinsics fold constants;
//! - recursion: a per-thread stack of instances being inferred; a call to an instance
//!   on the stack uses its current return-type approximation (first `Union{}`) and
//!   marks the cycle; the cycle's head re-infers until its return type is stable;
//!   results inside an unfinished cycle are never cached. Argument types that grow
//!   through recursion are widened to the method's signature (type complexity
//!   limiting), and the depth of the stack is bounded.
//!
//! Deviation from Julia: a call with non-concrete argument types matching several
//! methods is a dynamic call of type `Any` (Julia infers each match and joins).

use super::cache::{CodeCache, Probe};
use super::lattice::{
    foreign_tfunc, getfield_tfunc, intrinsic_tfunc, join, le, new_tfunc, sparam_subst, tuple_tfunc,
    typeassert_tfunc, widenconst,
};
use super::{
    CallInfo, Edge, InferError, InferredCode, Job, Lattice, MethodInstance, MAX_METHODS, MAX_UNION,
};
use crate::engine::{Engine, EngineError};
use crate::ir::{CodeInfo, Const, Field, Operand, Stmt, StmtId};
use crate::types::{TypeId, TypeKind, TypeStore};
use crate::world::{World, WorldRange};
use std::cell::RefCell;
use std::sync::Arc;

/// Most frames of nested inference on one thread before a call is left dynamic.
pub const MAX_INFER_DEPTH: usize = 256;
/// A callee whose argument types are deeper than this, while its method is already
/// being inferred, gets its argument types widened to the method's signature.
pub const MAX_TYPE_DEPTH: usize = 8;
/// Rounds a recursion cycle is re-inferred before its return type is widened.
const MAX_CYCLE_ROUNDS: usize = 8;
/// Bodies at most this long are re-inferred with constant arguments.
const CONST_PROP_MAX_STMTS: usize = 120;

/// The method instance a call `func(args…)` with concrete argument types runs in the
/// job's view at the job's world (Julia's dispatch), or a no-method / ambiguity error.
pub fn entry(
    engine: &Engine,
    job: &Job,
    func: &str,
    argtypes: &[TypeId],
) -> Result<MethodInstance, InferError> {
    let store = engine.types();
    let args_sig = store.tuple(argtypes);
    if !store.is_dispatch_tuple(args_sig) {
        return Err(InferError::Entry(format!(
            "inference needs concrete argument types, got {}",
            crate::engine::show_call(store, func, args_sig)
        )));
    }
    // The instance's `spec_types` is Julia's: `Tuple{typeof(func), argtypes…}`.
    let sig = engine.method_sig(func, args_sig);
    let tables = job.view_tables();
    let method = engine
        .dispatch(func, argtypes, &tables, Some(job.world))
        .map_err(|e| match e {
            EngineError::NoMethod { call, detail } => InferError::NoMethod {
                call,
                candidates: detail,
                chain: Vec::new(),
            },
            EngineError::Ambiguous {
                call,
                candidates,
                fix,
            } => InferError::Ambiguous {
                call,
                candidates,
                fix,
                chain: Vec::new(),
            },
            other => InferError::Entry(other.to_string()),
        })?;
    // The call's types are a leaf tuple below the method's signature, so the static
    // parameters are read off the signature (what `findall` would report).
    let msig = engine
        .registry()
        .method(method)
        .ok_or_else(|| InferError::Entry(format!("`{func}`: dispatch returned an unknown method")))?
        .sig;
    Ok(MethodInstance {
        method,
        spec_types: sig,
        sparams: crate::view::sparams(store, msig, sig).into(),
    })
}

/// A job lookup: the method instance a call `func(argtypes…)` runs in the job's view at
/// the job's world ([`entry`]) and its inferred code ([`infer`]) — GPUCompiler's
/// `methodinstance` followed by its code-cache lookup — with a small per-thread memo in
/// front. The memo needs no invalidation: what the cache serves for a published world
/// never changes afterwards (an edit ends entries at the world *before* its own, and
/// suspect marks start at a world that was not yet published), and neither does
/// dispatch at that world. The flag says whether the code came from a cache.
pub fn lookup(
    engine: &Engine,
    cache: &CodeCache,
    job: &Job,
    func: &str,
    argtypes: &[TypeId],
) -> Result<(MethodInstance, Arc<InferredCode>, bool), InferError> {
    let slot = memo_slot(cache.id(), job, func, argtypes);
    let hit = MEMO.with(|m| {
        let m = m.borrow();
        let e = m.get(slot)?.as_ref()?;
        e.matches(cache.id(), job, func, argtypes)
            .then(|| (e.mi.clone(), e.code.clone()))
    });
    if let Some((mi, code)) = hit {
        return Ok((mi, code, true));
    }
    // Lattice budgets: an inference during which one ran out is an error, and neither
    // the code cache nor the memo keeps what it computed.
    let (mi, code, cached) = crate::types::limit::checked(|| {
        let mi = entry(engine, job, func, argtypes)?;
        let (code, cached) = infer(engine, cache, job, &mi);
        Ok::<_, InferError>((mi, code, cached))
    })
    .map_err(|limit| {
        InferError::Limit(limit.during(format!(
            "inference of {}",
            crate::engine::show_call(engine.types(), func, engine.types().tuple(argtypes))
        )))
    })??;
    // Memoize only what is final for this world: an open-ended or closed range that
    // contains it (a result computed but not stored, e.g. `valid` not containing the
    // world, is not memoized).
    if code.valid.contains(job.world) {
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if m.is_empty() {
                m.resize_with(MEMO_SLOTS, || None);
            }
            m[slot] = Some(MemoEntry {
                cache: cache.id(),
                world: job.world,
                target: job.target.clone(),
                always_inline: job.always_inline,
                tables: job.tables.clone(),
                func: Arc::from(func),
                args: argtypes.to_vec().into_boxed_slice(),
                mi: mi.clone(),
                code: code.clone(),
            });
        });
    }
    Ok((mi, code, cached))
}

const MEMO_SLOTS: usize = 64;

/// One memoized job lookup.
struct MemoEntry {
    cache: u64,
    world: World,
    target: Arc<str>,
    always_inline: bool,
    tables: Arc<[String]>,
    func: Arc<str>,
    args: Box<[TypeId]>,
    mi: MethodInstance,
    code: Arc<InferredCode>,
}

impl MemoEntry {
    #[inline]
    fn matches(&self, cache: u64, job: &Job, func: &str, args: &[TypeId]) -> bool {
        self.cache == cache
            && self.world == job.world
            && self.always_inline == job.always_inline
            && *self.args == *args
            && *self.func == *func
            && (Arc::ptr_eq(&self.target, &job.target) || self.target == job.target)
            && (Arc::ptr_eq(&self.tables, &job.tables) || self.tables == job.tables)
    }
}

thread_local! {
    static MEMO: RefCell<Vec<Option<MemoEntry>>> = const { RefCell::new(Vec::new()) };
}

#[inline]
fn memo_slot(cache: u64, job: &Job, func: &str, args: &[TypeId]) -> usize {
    let mut h = cache ^ job.world.0.rotate_left(29) ^ (func.len() as u64).rotate_left(47);
    for &b in func.as_bytes().iter().take(16) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
    }
    for &a in args {
        h = (h ^ u64::from(a.as_u32())).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    (h >> (64 - MEMO_SLOTS.trailing_zeros())) as usize
}

/// Infers `mi` (and, transitively, the method instances it calls) for `job`, serving
/// and filling `cache`. The flag says whether `mi`'s own result came from the cache.
pub fn infer(
    engine: &Engine,
    cache: &CodeCache,
    job: &Job,
    mi: &MethodInstance,
) -> (Arc<InferredCode>, bool) {
    let cx = Cx {
        engine,
        cache,
        job,
        store: engine.types(),
    };
    if STACK.with(|s| s.borrow().is_empty()) {
        // The outermost frame: nothing below it, so its result is always cacheable.
        let token = job.token();
        if let Some(hit) = cx.cached(mi, &token) {
            return (hit, true);
        }
        cache.get_or_compute(mi, &token, job.world, || cx.solve(mi, None).0)
    } else {
        let r = cx.call_mi(mi);
        match r.code {
            Some(c) => (c, r.cached),
            None => (Arc::new(cx.solve(mi, None).0), false),
        }
    }
}

/// The constant-propagation frame of a call: `mi` inferred with the argument lattice
/// `consts` (what [`CallInfo::Invoke`] recorded), from the cache's constant memo, or
/// inferred again and stored. Codegen compiles it for that call.
pub fn infer_const(
    engine: &Engine,
    cache: &CodeCache,
    job: &Job,
    mi: &MethodInstance,
    consts: &[Lattice],
) -> Arc<InferredCode> {
    let cx = Cx {
        engine,
        cache,
        job,
        store: engine.types(),
    };
    let token = job.token();
    if let Some(hit) = cache.const_get(mi, consts, &token, job.world) {
        return hit;
    }
    let epoch = cache.epoch();
    let (code, independent) = cx.solve(mi, Some(consts.to_vec()));
    let code = Arc::new(code);
    if independent {
        cache.const_insert(consts.to_vec(), &token, code.clone(), job.world, epoch);
    }
    code
}

/// Why a call is re-inferred with its constant arguments.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum ConstProp {
    /// Every argument is a constant.
    AllConstant,
    /// The general result is not concrete: the constants may sharpen it.
    Sharpen,
    /// The callee selects a field at run time: codegen compiles the constant frame,
    /// whose field index is static, even when the result type is the same.
    FieldIndex,
}

/// One instance being inferred on this thread.
struct Active {
    mi: MethodInstance,
    job: Job,
    /// The constant arguments of a const-prop frame.
    consts: Option<Vec<Lattice>>,
    /// The current approximation of the return type (read by recursive calls).
    ret: Lattice,
    /// Someone on the stack called this frame recursively.
    head: bool,
    /// The lowest stack index this frame's result depends on.
    dep_min: usize,
}

thread_local! {
    static STACK: RefCell<Vec<Active>> = const { RefCell::new(Vec::new()) };
}

/// Pops the frame it pushed even if inference unwinds.
struct PopGuard;
impl Drop for PopGuard {
    fn drop(&mut self) {
        STACK.with(|s| {
            s.borrow_mut().pop();
        });
    }
}

struct Cx<'a> {
    engine: &'a Engine,
    cache: &'a CodeCache,
    job: &'a Job,
    store: &'a TypeStore,
}

/// What a call site learns about a callee.
struct CallResult {
    rettype: Lattice,
    valid: WorldRange,
    code: Option<Arc<InferredCode>>,
    cached: bool,
    /// The callee's result is not in the cache (inside an unfinished recursion cycle):
    /// the caller takes over its edges and callees, so that a change the callee depends
    /// on reaches the caller.
    absorb: bool,
}

/// Whether two results of one method instance are the same typed code (what a suspect
/// entry's re-check compares; the world range may differ).
fn same_typed(a: &InferredCode, b: &InferredCode) -> bool {
    a.rettype == b.rettype
        && a.ssa_types == b.ssa_types
        && a.slot_types == b.slot_types
        && a.calls == b.calls
        && a.edges == b.edges
        && a.callees == b.callees
}

/// Re-checks every suspect entry of `cache` now (see [`super::invalidation`]): each is
/// re-inferred at the world it is suspect from, and kept or ended there. Inference
/// does this lazily for the entries it asks for; this is the eager form (tests, or a
/// compiler that wants the cache settled after a batch of definitions). Returns how
/// many marks were re-checked.
pub fn revalidate(engine: &Engine, cache: &CodeCache) -> usize {
    let mut n = 0;
    loop {
        let suspects = cache.suspects();
        if suspects.is_empty() {
            return n;
        }
        for (mi, token, _, since) in suspects {
            let job = Job {
                tables: token.tables.clone(),
                world: since,
                target: token.target.clone(),
                always_inline: token.always_inline,
            };
            let cx = Cx {
                engine,
                cache,
                job: &job,
                store: engine.types(),
            };
            cx.cached(&mi, &token);
            n += 1;
        }
    }
}

impl<'a> Cx<'a> {
    /// The cached result for `mi` at the job's world, after re-checking the suspect
    /// marks that apply there (each at its own world, oldest first).
    fn cached(&self, mi: &MethodInstance, token: &super::CacheToken) -> Option<Arc<InferredCode>> {
        loop {
            match self.cache.probe(mi, token, self.job.world) {
                Probe::Hit(code) => {
                    self.cache.note(true);
                    return Some(code);
                }
                Probe::Miss => {
                    self.cache.note(false);
                    return None;
                }
                Probe::Suspect { code, id, since } => {
                    if self.recheck(mi, &code, since) {
                        self.cache.confirm(mi, token, id, since);
                    } else {
                        self.cache.end(mi, token, id, since);
                    }
                }
            }
        }
    }

    /// Whether `old` is still what inference of `mi` gives at world `since`. A result
    /// that depends on an unfinished cycle cannot be compared: it counts as changed.
    fn recheck(&self, mi: &MethodInstance, old: &InferredCode, since: World) -> bool {
        let job = Job {
            world: since,
            ..self.job.clone()
        };
        let cx = Cx {
            engine: self.engine,
            cache: self.cache,
            job: &job,
            store: self.store,
        };
        let (fresh, cacheable) = cx.solve(mi, None);
        cacheable && same_typed(old, &fresh)
    }

    /// The result of calling `mi`: from the stack (recursion), the cache, or inferred.
    fn call_mi(&self, mi: &MethodInstance) -> CallResult {
        let on_stack = STACK.with(|s| {
            let mut s = s.borrow_mut();
            let i = s
                .iter()
                .position(|a| a.consts.is_none() && a.mi == *mi && a.job == *self.job)?;
            s[i].head = true;
            let ret = s[i].ret.clone();
            if let Some(top) = s.last_mut() {
                top.dep_min = top.dep_min.min(i);
            }
            Some(ret)
        });
        if let Some(ret) = on_stack {
            return CallResult {
                rettype: ret,
                valid: WorldRange::ALL,
                code: None,
                cached: false,
                absorb: false,
            };
        }
        let token = self.job.token();
        if let Some(hit) = self.cached(mi, &token) {
            return CallResult {
                rettype: hit.rettype.clone(),
                valid: hit.valid,
                code: Some(hit),
                cached: true,
                absorb: false,
            };
        }
        if STACK.with(|s| s.borrow().len()) >= MAX_INFER_DEPTH {
            return CallResult {
                rettype: Lattice::Type(self.store.common().any),
                valid: WorldRange::ALL,
                code: None,
                cached: false,
                absorb: false,
            };
        }
        let epoch = self.cache.epoch();
        let (code, cacheable) = self.solve(mi, None);
        let rettype = code.rettype.clone();
        let valid = code.valid;
        let code = if cacheable {
            self.cache.insert(&token, code, self.job.world, epoch)
        } else {
            Arc::new(code)
        };
        CallResult {
            rettype,
            valid,
            code: Some(code),
            cached: false,
            absorb: !cacheable,
        }
    }

    /// Pushes `mi` and infers it, re-inferring while it heads a recursion cycle whose
    /// return type still changes. Returns the result and whether it may be cached.
    fn solve(&self, mi: &MethodInstance, consts: Option<Vec<Lattice>>) -> (InferredCode, bool) {
        let index = STACK.with(|s| {
            let mut s = s.borrow_mut();
            s.push(Active {
                mi: mi.clone(),
                job: self.job.clone(),
                consts: consts.clone(),
                ret: Lattice::Bottom,
                head: false,
                dep_min: usize::MAX,
            });
            s.len() - 1
        });
        let _guard = PopGuard;
        let mut rounds = 0;
        let mut code = loop {
            let code = self.run(mi, consts.as_deref());
            rounds += 1;
            let again = STACK.with(|s| {
                let mut s = s.borrow_mut();
                let a = &mut s[index];
                if a.head && a.ret != code.rettype && rounds < MAX_CYCLE_ROUNDS {
                    a.ret = join(self.store, &a.ret, &code.rettype);
                    true
                } else {
                    false
                }
            });
            if !again {
                break code;
            }
        };
        let (head, ret, dep_min) = STACK.with(|s| {
            let s = s.borrow();
            (s[index].head, s[index].ret.clone(), s[index].dep_min)
        });
        if head && ret != code.rettype && !le(self.store, &code.rettype, &ret) {
            // The cycle did not converge: widen (Julia widens to the declared type).
            code.rettype = Lattice::Type(
                code.code
                    .return_type
                    .filter(|t| !self.store.has_free_vars(*t))
                    .unwrap_or(self.store.common().any),
            );
        }
        // Independent of the frames below it (no unfinished cycle through them): a
        // result that may be stored (a constant frame's in the constant memo).
        let cacheable = dep_min >= index;
        if dep_min < index {
            STACK.with(|s| {
                let mut s = s.borrow_mut();
                if index > 0 {
                    let p = &mut s[index - 1];
                    p.dep_min = p.dep_min.min(dep_min);
                }
            });
        }
        (code, cacheable)
    }

    /// One pass of abstract interpretation over `mi`'s body to a fixpoint.
    fn run(&self, mi: &MethodInstance, consts: Option<&[Lattice]>) -> InferredCode {
        let store = self.store;
        let Some(src) = self.engine.method_source(mi.method) else {
            return self.bodiless(mi);
        };
        let code = src.code.clone();
        let mut fr = FrameState::new(self, mi, code.clone());
        // Arguments.
        // `spec_types` is `Tuple{callee, args…}`: the callee is `#self#` (slot 1).
        let (spec, _) = store.unwrap_unionall(mi.spec_types);
        let params: Vec<TypeId> = store.params(spec).to_vec();
        let mut entry = vec![Lattice::Bottom; code.slots.len()];
        // A generic function's callee is the constant function; a callable object's
        // is the object, and its call's constants (`consts`) include it.
        let callable = params
            .first()
            .is_some_and(|&c| store.function_of(c).is_none());
        if !entry.is_empty() {
            entry[0] = match (params.first(), consts.and_then(|c| c.first())) {
                (Some(_), Some(c)) if callable => c.clone(),
                (Some(&callee), _) if callable => self.type_lattice(widen_free(store, callee)),
                _ => Lattice::Const(Const::Function(code.name.clone())),
            };
        }
        let off = usize::from(!callable);
        let nargs = code.nargs.min(code.slots.len());
        for (i, slot) in entry.iter_mut().enumerate().take(nargs).skip(1) {
            *slot = match (consts.and_then(|c| c.get(i - off)), params.get(i)) {
                (Some(c), _) => c.clone(),
                (None, Some(&p)) => self.type_lattice(widen_free(store, p)),
                (None, None) => Lattice::Type(store.common().any),
            };
        }
        fr.run(entry);
        fr.finish()
    }

    fn bodiless(&self, mi: &MethodInstance) -> InferredCode {
        let name: Arc<str> = Arc::from(
            self.engine
                .method_info(mi.method)
                .map(|i| i.func)
                .unwrap_or_default()
                .as_str(),
        );
        InferredCode {
            mi: mi.clone(),
            code: Arc::new(CodeInfo {
                name,
                stmts: Vec::new(),
                spans: Vec::new(),
                slots: Vec::new(),
                nargs: 0,
                sparams: Vec::new(),
                return_type: None,
                file: Arc::from(""),
                line: 0,
            }),
            ssa_types: Vec::new(),
            slot_types: Vec::new(),
            calls: Vec::new(),
            rettype: Lattice::Type(self.store.common().any),
            valid: WorldRange::ALL,
            edges: Vec::new(),
            callees: Vec::new(),
        }
    }

    /// The lattice element for a value of type `t`: singleton types are constants.
    fn type_lattice(&self, t: TypeId) -> Lattice {
        let store = self.store;
        if t == store.common().nothing {
            return Lattice::Const(Const::Nothing);
        }
        if store.is_type_type(t) {
            if let Some(&p) = store.params(t).first() {
                if !store.has_free_vars(p) && !matches!(store.kind(p), TypeKind::Var(_)) {
                    return Lattice::Const(Const::Type(p));
                }
            }
        }
        Lattice::Type(t)
    }
}

/// Free type variables replaced by their upper bounds.
fn widen_free(store: &TypeStore, t: TypeId) -> TypeId {
    let fv: Vec<_> = store.data(t).free_vars.to_vec();
    if fv.is_empty() {
        return t;
    }
    let ubs: Vec<TypeId> = fv.iter().map(|&v| store.var(v).ub).collect();
    store.subst_all(t, &fv, &ubs)
}

fn type_depth(store: &TypeStore, t: TypeId) -> usize {
    match store.kind(t) {
        TypeKind::Data { params, .. } => {
            1 + params
                .iter()
                .map(|&p| type_depth(store, p))
                .max()
                .unwrap_or(0)
        }
        TypeKind::Union(ms) => ms.iter().map(|&p| type_depth(store, p)).max().unwrap_or(0),
        TypeKind::UnionAll { body, .. } => type_depth(store, *body),
        TypeKind::Vararg { elem, .. } => type_depth(store, *elem),
        _ => 0,
    }
}

/// The per-body state of one inference pass.
struct FrameState<'c, 'a> {
    cx: &'c Cx<'a>,
    mi: MethodInstance,
    code: Arc<CodeInfo>,
    /// Statement index → block.
    block_of: Vec<usize>,
    /// Block → (first statement, one past the last).
    blocks: Vec<(usize, usize)>,
    /// Blocks that read each statement's value.
    users: Vec<Vec<usize>>,
    entry_states: Vec<Option<Vec<Lattice>>>,
    ssa: Vec<Lattice>,
    calls: Vec<Option<CallInfo>>,
    slot_types: Vec<Lattice>,
    rettype: Lattice,
    valid: WorldRange,
    edges: Vec<Edge>,
    callees: Vec<MethodInstance>,
}

fn operand_ssa(op: &Operand, out: &mut Vec<usize>) {
    if let Operand::Ssa(s) = op {
        out.push(s.index());
    }
}

fn stmt_operands(stmt: &Stmt) -> Vec<&Operand> {
    match stmt {
        Stmt::CallValue { callee, args, .. } => std::iter::once(callee).chain(args).collect(),
        Stmt::Call { args, .. }
        | Stmt::Intrinsic { args, .. }
        | Stmt::Foreign { args, .. }
        | Stmt::New { args, .. }
        | Stmt::Tuple(args) => args.iter().collect(),
        Stmt::GetField { value, field } => match field {
            Field::Dynamic(f) => vec![value, f],
            _ => vec![value],
        },
        Stmt::TypeAssert { value, .. } => vec![value],
        Stmt::Value(v) | Stmt::SlotSet { value: v, .. } | Stmt::Return(v) => vec![v],
        Stmt::GotoIfNot { cond, .. } => vec![cond],
        Stmt::BoundsCheck | Stmt::Goto(_) | Stmt::Unreachable => vec![],
    }
}

impl<'c, 'a> FrameState<'c, 'a> {
    fn new(cx: &'c Cx<'a>, mi: &MethodInstance, code: Arc<CodeInfo>) -> Self {
        let n = code.stmts.len();
        let (blocks, block_of) = crate::ir::basic_blocks(&code.stmts);
        let mut users = vec![Vec::new(); n];
        for (i, s) in code.stmts.iter().enumerate() {
            let mut used = Vec::new();
            for op in stmt_operands(s) {
                operand_ssa(op, &mut used);
            }
            for u in used {
                if u < n && !users[u].contains(&block_of[i]) {
                    users[u].push(block_of[i]);
                }
            }
        }
        let nb = blocks.len();
        // Julia's `InferenceState` starts from the method's own world range: a result
        // holds only while the method it infers exists.
        let valid = cx
            .engine
            .method_info(mi.method)
            .map_or(WorldRange::ALL, |info| {
                WorldRange::new(info.min_world, info.max_world)
            });
        FrameState {
            cx,
            mi: mi.clone(),
            block_of,
            blocks,
            users,
            entry_states: vec![None; nb],
            ssa: vec![Lattice::Bottom; n],
            calls: vec![None; n],
            slot_types: vec![Lattice::Bottom; code.slots.len()],
            rettype: Lattice::Bottom,
            valid,
            edges: Vec::new(),
            callees: Vec::new(),
            code,
        }
    }

    fn store(&self) -> &'a TypeStore {
        self.cx.store
    }

    fn run(&mut self, entry: Vec<Lattice>) {
        if self.blocks.is_empty() {
            return;
        }
        let mut work = std::collections::BTreeSet::new();
        self.entry_states[0] = Some(entry);
        work.insert(0usize);
        let mut steps = 0usize;
        while let Some(b) = work.pop_first() {
            steps += 1;
            if steps > 100_000 {
                break;
            }
            let mut state = self.entry_states[b]
                .clone()
                .expect("queued blocks have a state");
            for (s, l) in state.iter().enumerate() {
                self.slot_types[s] = join(self.store(), &self.slot_types[s], l);
            }
            let (start, end) = self.blocks[b];
            let mut succs: Vec<usize> = Vec::new();
            let mut falls = true;
            for i in start..end {
                let stmt = self.code.stmts[i].clone();
                match &stmt {
                    Stmt::SlotSet { slot, value } => {
                        let v = self.eval(&state, value);
                        let s = slot.index();
                        if s < state.len() {
                            self.slot_types[s] = join(self.store(), &self.slot_types[s], &v);
                            state[s] = v;
                        }
                    }
                    Stmt::Goto(t) => {
                        succs.push(self.target(*t));
                        falls = false;
                    }
                    Stmt::GotoIfNot { cond, dest } => {
                        let c = self.eval(&state, cond);
                        match c {
                            Lattice::Const(Const::Bits { ty, bits })
                                if ty == self.store().common().bool_ =>
                            {
                                if bits == 0 {
                                    succs.push(self.target(*dest));
                                    falls = false;
                                }
                            }
                            Lattice::Bottom => falls = false,
                            _ => succs.push(self.target(*dest)),
                        }
                    }
                    Stmt::Return(v) => {
                        let v = self.eval(&state, v);
                        self.rettype = join(self.store(), &self.rettype, &v);
                        falls = false;
                    }
                    Stmt::Unreachable => falls = false,
                    _ => {
                        let v = self.stmt_value(&state, i, &stmt);
                        let stop = v == Lattice::Bottom
                            && matches!(stmt, Stmt::Call { .. } | Stmt::CallValue { .. });
                        if self.ssa[i] != v {
                            self.ssa[i] = v;
                            for &u in &self.users[i] {
                                if u != b && self.entry_states[u].is_some() {
                                    work.insert(u);
                                }
                            }
                        }
                        if stop {
                            // The call never returns (it throws): the rest is dead.
                            falls = false;
                            break;
                        }
                    }
                }
                if !falls {
                    break;
                }
            }
            if falls && b + 1 < self.blocks.len() {
                succs.push(b + 1);
            }
            for s in succs {
                let changed = match &mut self.entry_states[s] {
                    None => {
                        self.entry_states[s] = Some(state.clone());
                        true
                    }
                    Some(old) => {
                        let mut ch = false;
                        for (o, n) in old.iter_mut().zip(&state) {
                            let j = join(self.cx.store, o, n);
                            if j != *o {
                                *o = j;
                                ch = true;
                            }
                        }
                        ch
                    }
                };
                if changed {
                    work.insert(s);
                }
            }
        }
    }

    fn target(&self, t: StmtId) -> usize {
        self.block_of
            .get(t.index())
            .copied()
            .unwrap_or(self.blocks.len() - 1)
    }

    /// A type constant of the body with the method's static parameters substituted.
    fn subst(&self, t: TypeId) -> TypeId {
        if self.code.sparams.is_empty() || !self.store().has_free_vars(t) {
            return t;
        }
        sparam_subst(self.store(), t, &self.code.sparams, &self.mi.sparams)
    }

    fn eval(&self, state: &[Lattice], op: &Operand) -> Lattice {
        let store = self.store();
        match op {
            Operand::Ssa(s) => self.ssa.get(s.index()).cloned().unwrap_or(Lattice::Bottom),
            Operand::Slot(s) => state
                .get(s.index())
                .cloned()
                .unwrap_or(Lattice::Type(store.common().any)),
            Operand::SParam(i) => match self.mi.sparams.get(*i as usize) {
                Some(&t) => sparam_value(store, t),
                None => Lattice::Type(store.common().any),
            },
            Operand::Const(Const::Type(t)) => Lattice::Const(Const::Type(self.subst(*t))),
            Operand::Const(Const::Zero(t)) => Lattice::Const(Const::Zero(self.subst(*t))),
            Operand::Const(c) => Lattice::Const(c.clone()),
        }
    }

    fn stmt_value(&mut self, state: &[Lattice], i: usize, stmt: &Stmt) -> Lattice {
        let store = self.store();
        let builtin = |r: Result<Lattice, String>,
                       args: Vec<Lattice>,
                       calls: &mut Vec<Option<CallInfo>>| match r {
            Ok(l) => {
                calls[i] = Some(CallInfo::Builtin);
                l
            }
            Err(_) => {
                calls[i] = Some(CallInfo::NoMethod { argtypes: args });
                Lattice::Bottom
            }
        };
        match stmt {
            Stmt::Call { func, args, .. } => {
                let argl: Vec<Lattice> = args.iter().map(|a| self.eval(state, a)).collect();
                if argl.contains(&Lattice::Bottom) {
                    self.calls[i] = None;
                    return Lattice::Bottom;
                }
                let (l, info) = self.abstract_call(func, &argl);
                self.calls[i] = Some(info);
                l
            }
            Stmt::CallValue { callee, args, .. } => {
                let f = self.eval(state, callee);
                let argl: Vec<Lattice> = args.iter().map(|a| self.eval(state, a)).collect();
                if f == Lattice::Bottom || argl.contains(&Lattice::Bottom) {
                    self.calls[i] = None;
                    return Lattice::Bottom;
                }
                // A callee of type `typeof(g)` is `g`: the call is static (and one of
                // type `Type{X}` calls `X`'s constructors, `TypeStore::called_function`). A value of
                // another concrete type `S` calls the methods of `(::S)` (a callable
                // object, Julia's functor: the callee is their first argument), and
                // is not callable if it has none (Julia's `MethodError`). A callee of a
                // small union type is split per member, as Julia's inference splits it
                // ([`Self::abstract_call_union_callee`]); another abstract callee
                // (`Function`) is a dynamic call.
                let ft = widenconst(store, &f);
                match store.called_function(ft) {
                    Some(g) => {
                        let g: Arc<str> = g.into();
                        let (l, info) = self.abstract_call(&g, &argl);
                        self.calls[i] = Some(info);
                        l
                    }
                    None if store.is_concrete(ft) => {
                        let Some(name) = crate::engine::callee_function_name(store, ft) else {
                            self.calls[i] = Some(CallInfo::NoMethod { argtypes: argl });
                            return Lattice::Bottom;
                        };
                        let mut all = Vec::with_capacity(argl.len() + 1);
                        all.push(f);
                        all.extend(argl);
                        let (l, info) = self.abstract_call(&Arc::from(name), &all);
                        self.calls[i] = Some(info);
                        l
                    }
                    None if store.union_members(&ft).len() > 1 => {
                        let members = store.union_members(&ft).to_vec();
                        let (l, info) = self.abstract_call_union_callee(&members, &argl);
                        self.calls[i] = Some(info);
                        l
                    }
                    None => {
                        self.calls[i] = Some(CallInfo::Dynamic { argtypes: argl });
                        Lattice::Type(store.common().any)
                    }
                }
            }
            Stmt::Intrinsic { op, args } => {
                let argl: Vec<Lattice> = args.iter().map(|a| self.eval(state, a)).collect();
                if argl.contains(&Lattice::Bottom) {
                    return Lattice::Bottom;
                }
                let r = intrinsic_tfunc(store, *op, &argl);
                builtin(r, argl, &mut self.calls)
            }
            Stmt::Foreign {
                ret,
                arg_types,
                args,
                ..
            } => {
                let argl: Vec<Lattice> = args.iter().map(|a| self.eval(state, a)).collect();
                if argl.contains(&Lattice::Bottom) {
                    return Lattice::Bottom;
                }
                let ats: Vec<TypeId> = arg_types.iter().map(|&t| self.subst(t)).collect();
                let r = foreign_tfunc(store, self.subst(*ret), &ats, &argl);
                builtin(r, argl, &mut self.calls)
            }
            Stmt::New { ty, args } => {
                let argl: Vec<Lattice> = args.iter().map(|a| self.eval(state, a)).collect();
                if argl.contains(&Lattice::Bottom) {
                    return Lattice::Bottom;
                }
                let r = new_tfunc(store, self.subst(*ty), &argl);
                builtin(r, argl, &mut self.calls)
            }
            Stmt::GetField { value, field } => {
                let v = self.eval(state, value);
                let f = match field {
                    Field::Name(s) => Lattice::Const(Const::Symbol(*s)),
                    Field::Index(k) => Lattice::Const(Const::Bits {
                        ty: store.common().int64,
                        bits: *k as u128,
                    }),
                    Field::Dynamic(op) => self.eval(state, op),
                };
                if v == Lattice::Bottom || f == Lattice::Bottom {
                    return Lattice::Bottom;
                }
                let r = getfield_tfunc(store, &v, &f);
                let r = builtin(r, vec![v, f], &mut self.calls);
                match r {
                    Lattice::Type(t) => self.cx.type_lattice(t),
                    other => other,
                }
            }
            Stmt::Tuple(args) => {
                let argl: Vec<Lattice> = args.iter().map(|a| self.eval(state, a)).collect();
                if argl.contains(&Lattice::Bottom) {
                    return Lattice::Bottom;
                }
                let r = tuple_tfunc(store, &argl);
                builtin(r, argl, &mut self.calls)
            }
            Stmt::TypeAssert { value, ty } => {
                let v = self.eval(state, value);
                if v == Lattice::Bottom {
                    return Lattice::Bottom;
                }
                let r = typeassert_tfunc(store, &v, self.subst(*ty));
                builtin(r, vec![v], &mut self.calls)
            }
            Stmt::Value(v) => self.eval(state, v),
            Stmt::BoundsCheck => Lattice::Type(store.common().bool_),
            _ => Lattice::Bottom,
        }
    }

    /// Resolves and infers a call of `func` with argument lattices `argl`.
    fn abstract_call(&mut self, func: &Arc<str>, argl: &[Lattice]) -> (Lattice, CallInfo) {
        let store = self.store();
        let any = Lattice::Type(store.common().any);
        let types: Vec<TypeId> = argl.iter().map(|a| widenconst(store, a)).collect();
        // Union splitting.
        let combos: usize = types
            .iter()
            .map(|t| store.union_members(t).len().max(1))
            .product();
        if combos > 1 && combos <= MAX_UNION {
            let mut sigs: Vec<Vec<TypeId>> = vec![Vec::new()];
            for t in &types {
                let ms = store.union_members(t);
                sigs = sigs
                    .into_iter()
                    .flat_map(|p| {
                        ms.iter().map(move |&m| {
                            let mut q = p.clone();
                            q.push(m);
                            q
                        })
                    })
                    .collect();
            }
            let mut ret = Lattice::Bottom;
            let mut targets = Vec::new();
            for sig in sigs {
                let sub: Vec<Lattice> = sig.iter().map(|&t| self.cx.type_lattice(t)).collect();
                let (l, info) = self.abstract_call_one(func, &sub, &sig);
                match info {
                    CallInfo::Invoke { mi, rettype, .. } => targets.push((mi, rettype)),
                    CallInfo::NoMethod { .. } => {}
                    other => return (l, other),
                }
                ret = join(store, &ret, &l);
            }
            if targets.is_empty() {
                return (
                    Lattice::Bottom,
                    CallInfo::NoMethod {
                        argtypes: argl.to_vec(),
                    },
                );
            }
            return (ret, CallInfo::Split { targets });
        }
        let (l, info) = self.abstract_call_one(func, argl, &types);
        if let CallInfo::Dynamic { .. } = info {
            return (any, info);
        }
        (l, info)
    }

    /// A call of a value whose type is a union of `members` (`f = c ? sin : cos;
    /// f(x)`), split as Julia's inference splits it: one call per member of the
    /// callee's union and of the arguments' unions, each dispatched as a call of that
    /// member (a function's methods, or a callable object's `(::S)` methods, which
    /// take the callee first), the results joined. The split's targets are told apart
    /// by their signatures' callee types (codegen tests the callee's tag). A member
    /// that is not callable has no target: at run time it throws a `MethodError`, as
    /// in Julia. More than [`MAX_UNION`] signatures in all, or an abstract member: a
    /// dynamic call (kernels report it with the counts, see `check.rs`).
    fn abstract_call_union_callee(
        &mut self,
        members: &[TypeId],
        argl: &[Lattice],
    ) -> (Lattice, CallInfo) {
        let store = self.store();
        let types: Vec<TypeId> = argl.iter().map(|a| widenconst(store, a)).collect();
        let combos = types
            .iter()
            .map(|t| store.union_members(t).len().max(1))
            .fold(members.len(), usize::saturating_mul);
        if combos > MAX_UNION || members.iter().any(|&m| !store.is_concrete(m)) {
            return (
                Lattice::Type(store.common().any),
                CallInfo::Dynamic {
                    argtypes: argl.to_vec(),
                },
            );
        }
        let mut sigs: Vec<Vec<TypeId>> = members.iter().map(|&m| vec![m]).collect();
        for t in &types {
            let ms = store.union_members(t);
            sigs = sigs
                .into_iter()
                .flat_map(|p| {
                    ms.iter().map(move |&m| {
                        let mut q = p.clone();
                        q.push(m);
                        q
                    })
                })
                .collect();
        }
        let mut ret = Lattice::Bottom;
        let mut targets = Vec::new();
        for sig in sigs {
            let callee = sig[0];
            // A function's call passes its arguments; a callable object's passes the
            // object first.
            let (func, tys) = match store.function_of(callee) {
                Some(g) => (Arc::<str>::from(g), &sig[1..]),
                None => match crate::engine::callee_function_name(store, callee) {
                    Some(name) if self.cx.engine.func_id(&name).is_some() => {
                        (Arc::from(name), &sig[..])
                    }
                    _ => continue,
                },
            };
            let sub: Vec<Lattice> = tys.iter().map(|&t| self.cx.type_lattice(t)).collect();
            let (l, info) = self.abstract_call_one(&func, &sub, tys);
            match info {
                CallInfo::Invoke { mi, rettype, .. } => targets.push((mi, rettype)),
                CallInfo::NoMethod { .. } => {}
                other => return (l, other),
            }
            ret = join(store, &ret, &l);
        }
        if targets.is_empty() {
            return (
                Lattice::Bottom,
                CallInfo::NoMethod {
                    argtypes: argl.to_vec(),
                },
            );
        }
        (ret, CallInfo::Split { targets })
    }

    fn abstract_call_one(
        &mut self,
        func: &Arc<str>,
        argl: &[Lattice],
        types: &[TypeId],
    ) -> (Lattice, CallInfo) {
        let store = self.store();
        let any = Lattice::Type(store.common().any);
        let dynamic = || {
            (
                Lattice::Type(store.common().any),
                CallInfo::Dynamic {
                    argtypes: argl.to_vec(),
                },
            )
        };
        let sig = store.tuple(types);
        let tables = self.cx.job.view_tables();
        let fa = match self.cx.engine.findall_cached(
            func,
            sig,
            &tables,
            Some(self.cx.job.world),
            Some(MAX_METHODS),
        ) {
            Ok(fa) => fa,
            Err(_) => return dynamic(),
        };
        let edge = Edge {
            func: func.clone(),
            sig: self.cx.engine.method_sig(func, sig),
        };
        if !self.edges.contains(&edge) {
            self.edges.push(edge);
        }
        self.valid = self.valid.intersect(&fa.range);
        let Some(matches) = fa.matches else {
            return dynamic();
        };
        // Julia's `ml_matches` answers `ambig` with the ambiguous matches left out: a
        // concrete call with that answer throws an ambiguity error at run time (and a
        // device has no dynamic dispatch to fall back on), so the call is an
        // ambiguity; so is an abstract one (strata does not split it per run-time type).
        if fa.ambig {
            return (
                Lattice::Bottom,
                CallInfo::Ambiguous {
                    argtypes: argl.to_vec(),
                },
            );
        }
        if matches.is_empty() {
            return (
                Lattice::Bottom,
                CallInfo::NoMethod {
                    argtypes: argl.to_vec(),
                },
            );
        }
        // The applicable methods: every match up to the first that covers (in Julia's
        // order a table's covering match comes after the more specific partial ones).
        let upto = matches.iter().position(|m| m.fully_covers);
        let applicable = match upto {
            Some(k) => &matches[..=k],
            None => &matches[..],
        };
        // Several applicable methods: a dynamic call (see the module docs).
        if applicable.len() > 1 {
            return dynamic();
        }
        let m = &applicable[0];
        let mut mi = MethodInstance {
            method: m.method,
            spec_types: m.spec_types,
            sparams: m.sparams.clone().into(),
        };
        // Type complexity limiting: a signature growing while its method is active.
        if type_depth(store, mi.spec_types) > MAX_TYPE_DEPTH {
            let active = STACK.with(|s| s.borrow().iter().any(|a| a.mi.method == mi.method));
            if active {
                let (_, vars) = store.unwrap_unionall(m.sig);
                mi = MethodInstance {
                    method: m.method,
                    spec_types: m.sig,
                    sparams: vars.iter().map(|&v| store.var_type(v)).collect(),
                };
            }
        }
        let r = self.cx.call_mi(&mi);
        self.valid = self.valid.intersect(&r.valid);
        if !self.callees.contains(&mi) {
            self.callees.push(mi.clone());
        }
        if r.absorb {
            if let Some(code) = &r.code {
                self.absorb(code);
            }
        }
        let mut ret = r.rettype;
        if r.code.is_none() && ret == any && STACK.with(|s| s.borrow().len()) >= MAX_INFER_DEPTH {
            return dynamic();
        }
        // Constant propagation.
        let mut consts = None;
        if let Some(why) = self.const_prop_profitable(argl, &ret, r.code.as_deref()) {
            if let Some(l) = self.const_prop(&mi, argl, r.code.as_ref()) {
                if l != ret || why == ConstProp::FieldIndex {
                    consts = Some(argl.to_vec());
                }
                ret = l;
            }
        }
        (
            ret.clone(),
            CallInfo::Invoke {
                mi,
                rettype: ret,
                consts,
            },
        )
    }

    /// Whether (and why) a call is re-inferred with its constant arguments: when they
    /// are all constants; or (Julia's `const_prop_argument_heuristic`) when one is a
    /// constant its type does not determine (a number, a symbol, a string) and either
    /// the general result is not a concrete type, so the constants may sharpen it
    /// (`getindex(::Tuple{Int64, Float64}, 2)` is a `Float64`), or the callee selects
    /// a field at run time, which a constant index makes static (`getindex(dims, 1)`
    /// reads field 1, with no bounds check). Deviation: Julia re-infers every call
    /// with such a constant (its `is_improvable` holds for any type); here the other
    /// calls need every argument constant, which keeps inference's cost down.
    fn const_prop_profitable(
        &self,
        argl: &[Lattice],
        ret: &Lattice,
        general: Option<&InferredCode>,
    ) -> Option<ConstProp> {
        let store = self.store();
        let rt = match ret {
            Lattice::Const(_) | Lattice::Bottom => return None,
            Lattice::Type(t) => *t,
        };
        if argl.is_empty() {
            return None;
        }
        if argl.iter().all(|a| matches!(a, Lattice::Const(_))) {
            return Some(ConstProp::AllConstant);
        }
        let profitable = argl.iter().any(|a| {
            matches!(
                a,
                Lattice::Const(Const::Bits { .. } | Const::Symbol(_) | Const::Str(_))
            )
        });
        if !profitable {
            return None;
        }
        if !store.is_concrete(rt) {
            return Some(ConstProp::Sharpen);
        }
        let dynamic_field = general.is_some_and(|c| {
            c.code.stmts.iter().any(|s| {
                matches!(
                    s,
                    Stmt::GetField {
                        field: Field::Dynamic(_),
                        ..
                    }
                )
            })
        });
        dynamic_field.then_some(ConstProp::FieldIndex)
    }

    fn const_prop(
        &mut self,
        mi: &MethodInstance,
        argl: &[Lattice],
        code: Option<&Arc<InferredCode>>,
    ) -> Option<Lattice> {
        let small = match code {
            Some(c) => c.code.stmts.len() <= CONST_PROP_MAX_STMTS,
            None => return None,
        };
        if !small {
            return None;
        }
        let token = self.cx.job.token();
        if let Some(res) = self.cx.cache.const_get(mi, argl, &token, self.cx.job.world) {
            self.valid = self.valid.intersect(&res.valid);
            self.absorb(&res);
            return Some(res.rettype.clone());
        }
        let blocked = STACK.with(|s| {
            let s = s.borrow();
            s.len() + 1 >= MAX_INFER_DEPTH
                || s.iter()
                    .any(|a| a.consts.is_some() && a.mi.method == mi.method)
        });
        if blocked {
            return None;
        }
        let epoch = self.cx.cache.epoch();
        let (res, independent) = self.cx.solve(mi, Some(argl.to_vec()));
        // The constant frame's lookups and callees are this frame's dependencies too
        // (its result is not an entry of its own).
        self.valid = self.valid.intersect(&res.valid);
        self.absorb(&res);
        let rettype = res.rettype.clone();
        if independent {
            self.cx.cache.const_insert(
                argl.to_vec(),
                &token,
                Arc::new(res),
                self.cx.job.world,
                epoch,
            );
        }
        Some(rettype)
    }

    /// Takes over an uncached callee result's dependencies (see [`CallResult::absorb`]).
    fn absorb(&mut self, code: &InferredCode) {
        for e in &code.edges {
            if !self.edges.contains(e) {
                self.edges.push(e.clone());
            }
        }
        for c in &code.callees {
            if !self.callees.contains(c) {
                self.callees.push(c.clone());
            }
        }
    }

    fn finish(self) -> InferredCode {
        InferredCode {
            mi: self.mi,
            code: self.code,
            ssa_types: self.ssa,
            slot_types: self.slot_types,
            calls: self.calls,
            rettype: self.rettype,
            valid: self.valid,
            edges: self.edges,
            callees: self.callees,
        }
    }
}

/// The value of a static parameter: a type, or a value parameter's constant.
fn sparam_value(store: &TypeStore, t: TypeId) -> Lattice {
    match store.kind(t) {
        TypeKind::Int(v) => Lattice::Const(Const::Bits {
            ty: store.common().int64,
            bits: *v as u64 as u128,
        }),
        TypeKind::Bool(b) => Lattice::Const(Const::Bits {
            ty: store.common().bool_,
            bits: *b as u128,
        }),
        TypeKind::Symbol(s) => Lattice::Const(Const::Symbol(*s)),
        _ if store.has_free_vars(t) || matches!(store.kind(t), TypeKind::Var(_)) => {
            Lattice::Type(store.common().type_)
        }
        _ => Lattice::Const(Const::Type(t)),
    }
}

#[cfg(test)]
mod tests;
