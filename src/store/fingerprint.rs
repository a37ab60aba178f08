//! The semantic fingerprint of a kernel: what inference used, by content.
//!
//! Inference is a function of the lookups it makes and of what they answer. For a
//! compiled entry, [`fingerprint`] walks every method instance the entry reaches (the
//! code cache's `callees`, and the constant-propagation frames that codegen compiles),
//! collects every edge ([`crate::infer::Edge`]: a `findall(func, sig)` through the job's
//! view) plus the entry's own dispatch, and records for each
//!
//! - the lookup, printed: `func(::T1, ::T2) in [PTX, runtime]`;
//! - the answer's content hash: for every method it matched (in order), the method's
//!   content ([`method_hash`]: its table, signature, `@kernel`/`@inline` flags, lowered
//!   code as `code_lowered` prints it, its file and the line of every statement), whether
//!   it fully covers the query, and whether the answer is ambiguous or past the limit.
//!
//! Every type a frame's values have (and every type a matched signature names), closed
//! over supertypes, parameters and field types, contributes its declaration
//! ([`types_hash`]), so a struct whose fields changed changes the fingerprint even where
//! no method changed.
//!
//! Nothing session-specific enters: methods, types and functions are hashed by name and
//! printed form, never by id, pointer or world. Two processes that loaded the same
//! sources (in any order) compute the same fingerprint; a changed helper changes the
//! answer hash of every edge that resolved to it, hence the fingerprint of every kernel
//! that reached it; a method no lookup of the kernel matched changes nothing.
//!
//! Read `key.rs` next: the fingerprint is one of the key's five parts.

use super::hex;
use crate::engine::{show_call, Engine};
use crate::infer::{self, CallInfo, Job, Lattice, MethodInstance};
use crate::ir::Const;
use crate::syntax::SourceFile;
use crate::table::MethodId;
use crate::types::{NameId, NameKind, TypeId, TypeKind, TypeStore, VarId};
use hashbrown::{HashMap, HashSet};
use parking_lot::Mutex;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One recorded lookup and what it answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdgeRecord {
    /// `func(::T…) in [tables…]`.
    pub lookup: String,
    /// The answer's content hash (hex).
    pub answer: String,
    /// The methods it matched, for people: `f(::Int64) @ file.jl:3` (table when not global).
    pub methods: Vec<String>,
}

/// A kernel's fingerprint: the digest and the edges it was computed from.
#[derive(Clone, Debug)]
pub struct Fingerprint {
    /// The SHA-256 digest.
    pub digest: [u8; 32],
    /// Sorted by lookup.
    pub edges: Vec<EdgeRecord>,
    /// The digest of the type declarations the kernel's values reach.
    pub types: [u8; 32],
    /// How many type names those declarations cover.
    pub n_types: usize,
}

/// Per-engine memo of content hashes. Methods and type names never change once
/// defined (a redefinition is a new method), so a hash computed once stays right for
/// the life of the engine; the memo must not be shared between engines (ids are per
/// engine).
#[derive(Default)]
pub struct Memo {
    methods: Mutex<HashMap<MethodId, ([u8; 32], String)>>,
    names: Mutex<HashMap<NameId, [u8; 32]>>,
    /// Edge answers by (function, signature, limit, world, view): an answer at a
    /// published world never changes.
    edges: Mutex<HashMap<EdgeKey, Arc<(EdgeRecord, Vec<TypeId>)>>>,
    /// What each method instance's frames contribute, by (instance, token, world): the
    /// inferred code at a published world never changes.
    frames:
        Mutex<HashMap<(MethodInstance, infer::CacheToken, crate::world::World), Arc<FrameFacts>>>,
}

/// What one method instance's frames (its own and the constant-propagation frames of
/// its calls) contribute to a fingerprint.
struct FrameFacts {
    edges: Vec<(Arc<str>, TypeId)>,
    /// The type names its values reach (closed over supertypes, parameters, fields).
    names: Vec<NameId>,
    /// The instances it calls.
    next: Vec<MethodInstance>,
}

type EdgeKey = (
    Arc<str>,
    TypeId,
    Option<usize>,
    crate::world::World,
    Arc<str>,
);

/// The fingerprint of `mi` (the entry `func(argtypes…)`) for `job`, inferring what is
/// not in `cache` yet.
pub fn fingerprint(
    engine: &Engine,
    cache: &infer::cache::CodeCache,
    job: &Job,
    func: &str,
    argtypes: &[TypeId],
    mi: &MethodInstance,
    files: &[SourceFile],
    memo: &Memo,
) -> Fingerprint {
    let store = engine.types();
    let tables = job.view_tables();
    let mut w = Walk {
        engine,
        store,
        job,
        tables: &tables,
        view: Arc::from(tables.join(", ")),
        files,
        memo,
        edges: BTreeMap::new(),
        seen_edges: HashSet::new(),
        types: Vec::new(),
    };
    // The entry's own dispatch (no limit: every method that could apply).
    w.edge(
        &Arc::from(func),
        engine.method_sig(func, store.tuple(argtypes)),
        None,
    );
    let mut seen: HashSet<MethodInstance> = HashSet::new();
    let mut stack = vec![mi.clone()];
    let mut names: HashSet<NameId> = HashSet::new();
    let token = job.token();
    while let Some(mi) = stack.pop() {
        if !seen.insert(mi.clone()) {
            continue;
        }
        let key = (mi, token.clone(), job.world);
        let known = memo.frames.lock().get(&key).cloned();
        let facts = match known {
            Some(f) => f,
            None => {
                let f = Arc::new(frame_facts(engine, cache, job, &key.0));
                memo.frames.lock().insert(key, f.clone());
                f
            }
        };
        for (f, sig) in &facts.edges {
            if w.seen_edges.insert((f.clone(), *sig)) {
                w.edge(f, *sig, Some(infer::MAX_METHODS));
            }
        }
        names.extend(facts.names.iter().copied());
        stack.extend(facts.next.iter().cloned());
    }
    // The signatures the lookups matched.
    names.extend(names_closure(store, &w.types));
    let (types, n_types) = names_digest(store, &names, memo);
    let edges: Vec<EdgeRecord> = w.edges.into_values().collect();
    let mut h = Sha256::new();
    h.update(b"strata-fingerprint\0");
    for e in &edges {
        h.update(e.lookup.as_bytes());
        h.update([0]);
        h.update(e.answer.as_bytes());
        h.update([0]);
    }
    h.update(types);
    Fingerprint {
        digest: h.finalize().into(),
        edges,
        types,
        n_types,
    }
}

struct Walk<'a> {
    engine: &'a Engine,
    store: &'a TypeStore,
    job: &'a Job,
    tables: &'a [&'a str],
    view: Arc<str>,
    files: &'a [SourceFile],
    memo: &'a Memo,
    edges: BTreeMap<String, EdgeRecord>,
    seen_edges: HashSet<(Arc<str>, TypeId)>,
    types: Vec<TypeId>,
}

/// The facts of `mi`'s frames (inferring what the code cache does not hold).
fn frame_facts(
    engine: &Engine,
    cache: &infer::cache::CodeCache,
    job: &Job,
    mi: &MethodInstance,
) -> FrameFacts {
    let mut types = Vec::new();
    let mut edges = Vec::new();
    let mut next = Vec::new();
    let mut add = |mi: &MethodInstance, code: &infer::InferredCode| {
        types.push(mi.spec_types);
        types.extend(mi.sparams.iter().copied());
        for l in code.ssa_types.iter().chain(&code.slot_types) {
            lattice_types(l, &mut types);
        }
        lattice_types(&code.rettype, &mut types);
        edges.extend(code.edges.iter().map(|e| (e.func.clone(), e.sig)));
        next.extend(code.callees.iter().cloned());
        for call in code.calls.iter().flatten() {
            if let CallInfo::Split { targets } = call {
                next.extend(targets.iter().map(|(mi, _)| mi.clone()));
            }
        }
    };
    let (code, _) = infer::interp::infer(engine, cache, job, mi);
    add(mi, &code);
    for call in code.calls.iter().flatten() {
        if let CallInfo::Invoke {
            mi: callee,
            consts: Some(consts),
            ..
        } = call
        {
            let cf = infer::interp::infer_const(engine, cache, job, callee, consts);
            add(callee, &cf);
        }
    }
    let mut names: Vec<NameId> = names_closure(engine.types(), &types).into_iter().collect();
    names.sort();
    FrameFacts { edges, names, next }
}

impl Walk<'_> {
    /// Records `findall(func, sig)` through the job's view and its answer's hash.
    fn edge(&mut self, func: &Arc<str>, sig: TypeId, limit: Option<usize>) {
        let key: EdgeKey = (func.clone(), sig, limit, self.job.world, self.view.clone());
        let known = self.memo.edges.lock().get(&key).cloned();
        let memo = match known {
            Some(m) => m,
            None => {
                let m = Arc::new(self.answer(func, sig, limit));
                self.memo.edges.lock().insert(key, m.clone());
                m
            }
        };
        self.types.extend(memo.1.iter().copied());
        if !self.edges.contains_key(&memo.0.lookup) {
            self.edges.insert(memo.0.lookup.clone(), memo.0.clone());
        }
    }

    /// The record of `findall(func, sig)` and the signatures it matched.
    fn answer(&self, func: &str, sig: TypeId, limit: Option<usize>) -> (EdgeRecord, Vec<TypeId>) {
        let mut sigs = Vec::new();
        let lookup = format!(
            "{} in [{}]{}",
            show_call(self.store, func, self.store.drop_callee(sig)),
            self.view,
            match limit {
                Some(n) => format!(" limit {n}"),
                None => String::new(),
            }
        );
        let mut h = Sha256::new();
        let mut methods = Vec::new();
        match self
            .engine
            .findall_sig_cached(func, sig, self.tables, Some(self.job.world), limit)
        {
            Err(e) => {
                h.update(b"error\0");
                h.update(e.to_string().as_bytes());
            }
            Ok(fa) => {
                h.update(if fa.ambig { b"ambig\0" } else { b"clear\0" });
                match fa.matches {
                    None => h.update(b"past-limit\0"),
                    Some(ms) => {
                        for m in ms {
                            let (mh, shown) =
                                method_hash(self.engine, self.files, m.method, self.memo);
                            h.update(mh);
                            h.update([m.fully_covers as u8]);
                            sigs.push(m.sig);
                            methods.push(shown);
                        }
                    }
                }
            }
        }
        let answer = hex(&h.finalize());
        (
            EdgeRecord {
                lookup,
                answer,
                methods,
            },
            sigs,
        )
    }
}

fn lattice_types(l: &Lattice, out: &mut Vec<TypeId>) {
    match l {
        Lattice::Bottom => {}
        Lattice::Type(t) => out.push(*t),
        Lattice::Const(c) => match c {
            Const::Bits { ty, .. } => out.push(*ty),
            Const::Type(t) | Const::Zero(t) => out.push(*t),
            Const::Nothing | Const::Symbol(_) | Const::Str(_) | Const::Function(_) => {}
        },
    }
}

/// A method's content hash and how it is shown (`f(::Int64) @ file.jl:3`): its table,
/// function and signature, flags, lowered code as printed, file and statement lines.
pub fn method_hash(
    engine: &Engine,
    files: &[SourceFile],
    method: MethodId,
    memo: &Memo,
) -> ([u8; 32], String) {
    if let Some(hit) = memo.methods.lock().get(&method) {
        return hit.clone();
    }
    let store = engine.types();
    let mut h = Sha256::new();
    h.update(b"method\0");
    let shown = engine.show_method(method).unwrap_or_else(|| "?".into());
    h.update(shown.as_bytes());
    h.update([0]);
    let mut label = shown;
    if let Some(def) = engine.registry().method(method) {
        h.update(store.show(def.sig).as_bytes());
        h.update([0]);
        if let Some(src) = &def.source {
            let code = &src.code;
            h.update([src.kernel as u8, src.inline.map_or(2, |b| b as u8)]);
            h.update(crate::ir::print::print_code_with_sig(store, code, Some(def.sig)).as_bytes());
            h.update(code.file.as_bytes());
            h.update([0]);
            h.update(code.line.to_le_bytes());
            // Statement lines reach the artifact (exception reports name them).
            let file = files.iter().find(|f| *f.name == *code.file);
            for span in &code.spans {
                let line = match file {
                    Some(f) => f.line_col(span.start).0 as u64,
                    None => u64::MAX ^ span.start as u64,
                };
                h.update(line.to_le_bytes());
            }
            label = format!("{label} @ {}:{}", code.file, code.line);
        }
    }
    let r = (h.finalize().into(), label);
    memo.methods.lock().insert(method, r.clone());
    r
}

/// Every type name `types` reach (through parameters, union members, variable
/// bounds, supertypes and field types).
fn names_closure(store: &TypeStore, types: &[TypeId]) -> HashSet<NameId> {
    let mut names: HashSet<NameId> = HashSet::new();
    let mut seen_types: HashSet<TypeId> = HashSet::new();
    let mut seen_vars: HashSet<VarId> = HashSet::new();
    let mut work: Vec<TypeId> = types.to_vec();
    while let Some(t) = work.pop() {
        if !seen_types.insert(t) {
            continue;
        }
        match store.kind(t) {
            TypeKind::Bottom | TypeKind::Int(_) | TypeKind::Bool(_) | TypeKind::Symbol(_) => {}
            TypeKind::Data { name, params } => {
                work.extend(params.iter().copied());
                if names.insert(*name) {
                    let nd = store.name(*name);
                    work.extend(nd.super_ty);
                    work.extend(store.fields(*name).iter().map(|(_, ty)| *ty));
                    for &v in nd.params.iter() {
                        let vd = store.var(v);
                        work.push(vd.lb);
                        work.push(vd.ub);
                    }
                }
            }
            TypeKind::Union(ms) => work.extend(ms.iter().copied()),
            TypeKind::Vararg { elem, count } => {
                work.push(*elem);
                work.extend(*count);
            }
            TypeKind::UnionAll { var, body } => {
                work.push(*body);
                if seen_vars.insert(*var) {
                    let vd = store.var(*var);
                    work.push(vd.lb);
                    work.push(vd.ub);
                }
            }
            TypeKind::Var(var) => {
                if seen_vars.insert(*var) {
                    let vd = store.var(*var);
                    work.push(vd.lb);
                    work.push(vd.ub);
                }
            }
        }
    }
    names
}

/// The digest of the declarations of `names`, sorted by name, and how many.
fn names_digest(store: &TypeStore, names: &HashSet<NameId>, memo: &Memo) -> ([u8; 32], usize) {
    let mut named: Vec<(&str, NameId)> = names.iter().map(|&n| (store.name_str(n), n)).collect();
    named.sort();
    let mut h = Sha256::new();
    h.update(b"types\0");
    for (_, n) in &named {
        h.update(name_hash(store, *n, memo));
    }
    (h.finalize().into(), named.len())
}

/// The digest of the declarations of every type name `types` reach (through
/// parameters, union members, variable bounds, supertypes and field types), sorted by
/// name; and how many names that is.
pub fn types_hash(store: &TypeStore, types: &[TypeId], memo: &Memo) -> ([u8; 32], usize) {
    names_digest(store, &names_closure(store, types), memo)
}

/// One type name's own declaration: kind, parameters with bounds, supertype, fields.
fn name_hash(store: &TypeStore, name: NameId, memo: &Memo) -> [u8; 32] {
    if let Some(h) = memo.names.lock().get(&name) {
        return *h;
    }
    let nd = store.name(name);
    let kind = match nd.kind {
        NameKind::Abstract => "abstract".to_string(),
        NameKind::Primitive { bits } => format!("primitive {bits}"),
        NameKind::Struct { mutable } => format!("struct mutable={mutable}"),
    };
    let params: Vec<String> = nd
        .params
        .iter()
        .map(|&v| {
            let vd = store.var(v);
            format!(
                "{}>:{}<:{}",
                store.sym(vd.name),
                store.show(vd.lb),
                store.show(vd.ub)
            )
        })
        .collect();
    let fields: Vec<String> = store
        .fields(name)
        .iter()
        .map(|(s, t)| format!("{}::{}", store.sym(*s), store.show(*t)))
        .collect();
    let text = format!(
        "{} {kind} {{{}}} <: {} fields({})",
        store.name_str(name),
        params.join(","),
        nd.super_ty.map_or("-".into(), |t| store.show(t)),
        fields.join(",")
    );
    let h: [u8; 32] = Sha256::digest(text.as_bytes()).into();
    memo.names.lock().insert(name, h);
    h
}
