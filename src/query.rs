//! The `strata query` protocol: one JSON request line in, one JSON reply line out.
//!
//! This module is the whole protocol as a library, so tests (and embedders) can drive it
//! without a process: [`Session::reply`] maps a request line to its reply line. The
//! binary (`cli.rs`) only frames stdin/stdout around it. Requests are JSON objects with an
//! `"op"` field; the ops and their fields are listed in [`OPS`] and in the README.
//!
//! Rules the protocol keeps:
//! - Every non-blank request line gets exactly one reply line, in order. Blank lines
//!   (empty or only whitespace) are skipped and get no reply.
//! - A bad request (malformed JSON, unknown op or field, a type that does not parse, an
//!   undeclared name, a redeclaration, a world that does not exist) gets
//!   `{"error":"…"}` saying what went wrong, where (field, byte and column), and what to
//!   do; the session goes on. A panic inside the library is caught and reported as an
//!   internal error, and the session goes on too.
//! - Reply objects keep their fields in the documented order (not sorted), so a human
//!   reading the stream sees `method` before `world`.
//!
//! Read next: `cli.rs` (framing), `types/parse.rs` (the type syntax), `engine.rs` (the
//! table operations behind `define`/`findall`/`dispatch`).

use crate::engine::{EngineError, FindAll, Match};
use crate::types::ParseError;
use crate::{Engine, MethodId, TypeId, TypeStore, World, WorldRange};
use serde_json::Value;
use std::fmt::Write as _;

/// Every op the protocol knows, with its required and optional fields (besides `op`).
pub const OPS: &[(&str, &[&str], &[&str])] = &[
    ("subtype", &["a", "b"], &[]),
    ("typeequal", &["a", "b"], &[]),
    ("morespecific", &["a", "b"], &[]),
    ("intersect", &["a", "b"], &[]),
    ("declare", &["src"], &[]),
    ("define", &["sig"], &["f", "table"]),
    ("delete", &["method"], &[]),
    (
        "findall",
        &["sig"],
        &["f", "tables", "world", "limit", "include_ambiguous"],
    ),
    ("findsup", &["sig"], &["f", "tables", "world"]),
    ("dispatch", &["args"], &["f", "tables", "world"]),
    ("load", &["src"], &["table"]),
    ("infer", &["args"], &["f", "tables", "world"]),
];

/// A request that could not be answered. Its `Display` is the reply's `error` text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// The line is not a JSON object, or a field has the wrong JSON type.
    #[error("malformed request: {0}")]
    Malformed(String),
    /// The `op` names no known operation.
    #[error("unknown op `{op}`; known ops: {known}")]
    /// The `op` names no known operation.
    UnknownOp {
        /// The op given.
        op: String,
        /// The known ops, comma-separated.
        known: String,
    },
    /// A type string in a field does not parse or names something undeclared.
    #[error("bad type in field `{field}`: {message} (at byte {byte}, column {column} of {src:?})")]
    Type {
        /// The request field holding the type.
        field: String,
        /// The type text.
        src: String,
        /// What is wrong.
        message: String,
        /// The byte offset of the error in the text.
        byte: usize,
        /// The 1-based column of the error.
        column: usize,
    },
    /// A declaration failed (syntax, redeclaration, bad supertype).
    #[error("declaration failed: {message} (at byte {byte}, line {line}, column {column} of `src`); nothing was declared")]
    Declare {
        /// What is wrong.
        message: String,
        /// The byte offset of the error in `src`.
        byte: usize,
        /// The 1-based line of the error.
        line: usize,
        /// The 1-based column of the error.
        column: usize,
    },
    /// A `world` that is not a valid world number.
    #[error("bad world: {0}")]
    World(String),
    /// The engine refused the request (unknown table or method, future world, bad
    /// signature, no method, ambiguity); `detail` holds candidates and hints.
    #[error("{message}")]
    Engine {
        /// The engine's message.
        message: String,
        /// Candidates and hints, if any.
        detail: Option<String>,
    },
    /// Source text did not load (`load`): every error found, the first one as the
    /// message. Nothing was defined.
    #[error("{}", .errors.first().map_or("the source did not load", |e| e.message.as_str()))]
    Load {
        /// Every error found.
        errors: Vec<LoadDiagnostic>,
    },
    /// A type-lattice budget ran out (see `types/limit.rs`): the request has no exact
    /// answer, so none is given; the message names the budget, the operation and the
    /// sizes, and says what to do. Tables are unchanged.
    #[error("{0}")]
    Limit(crate::types::LatticeLimit),
    /// The library panicked: a strata bug, not a user mistake.
    #[error("internal error (a strata bug, please report the request): {0}; the session goes on")]
    Internal(String),
}

impl QueryError {
    fn engine(err: EngineError) -> Self {
        match err {
            EngineError::NoMethod { call, detail } => {
                let detail = match detail.trim() {
                    "" => "no method of this function applies in these tables at this world; \
                           define one with {\"op\":\"define\",\"f\":…,\"sig\":\"Tuple{…}\"}"
                        .to_string(),
                    d => d.to_string(),
                };
                QueryError::Engine {
                    message: format!("no method matching {call}"),
                    detail: Some(detail),
                }
            }
            // The engine prints method ids as `m7`; the protocol's ids are plain numbers.
            EngineError::UnknownMethod { method } => QueryError::Engine {
                message: format!(
                    "unknown method {}: no method with this id was defined (ids come from `define` replies)",
                    method.as_u32()
                ),
                detail: None,
            },
            EngineError::AlreadyDeleted { method, desc, since } => QueryError::Engine {
                message: format!(
                    "method {} ({desc}) is already deleted: it is gone since world {since}",
                    method.as_u32()
                ),
                detail: None,
            },
            EngineError::Ambiguous {
                call,
                candidates,
                fix,
            } => QueryError::Engine {
                message: format!(
                    "ambiguous call {call}: more than one method applies and none is most specific"
                ),
                detail: Some(format!(
                    "Candidates:\n{}\n\nPossible fix, define\n  {fix}",
                    candidates
                        .iter()
                        .map(|c| format!("  {c}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                )),
            },
            EngineError::Limit(limit) => QueryError::Limit(limit),
            other => QueryError::Engine {
                message: other.to_string(),
                detail: None,
            },
        }
    }

    fn type_error(field: &str, src: &str, err: &ParseError) -> Self {
        let (_, column) = err.line_col(src);
        QueryError::Type {
            field: field.to_string(),
            src: excerpt(src, err.start),
            message: err.message.clone(),
            byte: err.start,
            column,
        }
    }
}

/// One error of a failed `load`, as the reply lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadDiagnostic {
    /// The error code's stable name (`syntax`, `type`, `lower`…).
    pub code: String,
    /// The error's message.
    pub message: String,
    /// 1-based line and column in the request's `src`.
    pub line: usize,
    /// The 1-based column.
    pub column: usize,
}

impl LoadDiagnostic {
    fn new(d: &crate::syntax::Diagnostic) -> Self {
        let (line, column) = d.line_col();
        LoadDiagnostic {
            code: d.code.as_str().to_string(),
            message: d.message.clone(),
            line,
            column,
        }
    }
}

/// `src` itself when short; otherwise about 80 characters around byte `at`, with `…`
/// marking what was cut, so an error about a huge input stays readable.
fn excerpt(src: &str, at: usize) -> String {
    const LIMIT: usize = 120;
    const SIDE: usize = 40;
    if src.len() <= LIMIT {
        return src.to_string();
    }
    let floor = |mut i: usize| {
        i = i.min(src.len());
        while !src.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(at.saturating_sub(SIDE));
    let end = floor(at.saturating_add(SIDE));
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&src[start..end]);
    if end < src.len() {
        out.push('…');
    }
    out
}

/// A reply object whose fields keep their insertion order. Values are stored already
/// serialized, so nested objects (the matches of `findall`) keep their order too.
#[derive(Debug, Default, Clone)]
pub struct Reply(Vec<(&'static str, String)>);

impl Reply {
    fn new() -> Self {
        Reply(Vec::new())
    }
    fn with(self, key: &'static str, value: impl Into<Value>) -> Self {
        let value: Value = value.into();
        self.with_raw(key, value.to_string())
    }
    fn with_raw(mut self, key: &'static str, json: String) -> Self {
        self.0.push((key, json));
        self
    }
    /// The reply as one line of JSON (no trailing newline).
    pub fn to_line(&self) -> String {
        let mut out = String::from("{");
        for (i, (key, value)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            // Keys are fixed ASCII identifiers; values went through serde_json.
            let _ = write!(out, "\"{key}\":{value}");
        }
        out.push('}');
        out
    }
}

/// A protocol session: the loader session (engine, type store, method tables and the
/// sources loaded) that requests act on.
pub struct Session {
    session: crate::session::Session,
    /// The code cache `infer` requests share, attached to the engine so that `load`,
    /// `define` and `delete` invalidate what they change.
    cache: std::sync::Arc<crate::infer::cache::CodeCache>,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

impl Session {
    /// A fresh session with Julia's built-in types and empty method tables (no
    /// prelude: world numbers start at 0).
    pub fn new() -> Self {
        Session::with_session(crate::session::Session::bare())
    }

    /// A protocol session over a loader session (with the prelude or files already
    /// loaded, say).
    pub fn with_session(session: crate::session::Session) -> Self {
        let cache = crate::infer::cache::CodeCache::new();
        cache.attach(session.engine());
        Session { session, cache }
    }

    /// The code cache behind `infer` requests.
    pub fn cache(&self) -> &crate::infer::cache::CodeCache {
        &self.cache
    }

    /// The types this session has declared and interned.
    pub fn types(&self) -> &TypeStore {
        self.engine().types()
    }

    /// The engine behind the session.
    pub fn engine(&self) -> &Engine {
        self.session.engine()
    }

    /// The loader session behind the protocol.
    pub fn session(&self) -> &crate::session::Session {
        &self.session
    }

    /// Answers one request line. Returns `None` for a blank line (which gets no reply);
    /// otherwise the reply line, without its newline. Never panics on any input.
    pub fn reply(&self, line: &str) -> Option<String> {
        if line.trim().is_empty() {
            return None;
        }
        let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(line)));
        let res = match res {
            Ok(r) => r,
            Err(payload) => {
                let what = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".to_string());
                Err(QueryError::Internal(what))
            }
        };
        Some(match res {
            Ok(reply) => reply.to_line(),
            Err(e) => error_reply(&e).to_line(),
        })
    }

    /// Answers one request line as a typed result.
    pub fn handle(&self, line: &str) -> Result<Reply, QueryError> {
        let value: Value = serde_json::from_str(line).map_err(|e| {
            QueryError::Malformed(format!(
                "{e}; each line must be one JSON object such as {{\"op\":\"subtype\",\"a\":\"Int64\",\"b\":\"Real\"}}"
            ))
        })?;
        let req = Request::new(&value)?;
        // Read-only ops run inside `checked`: an answer that a lattice budget produced is
        // replaced by a typed error. Ops that change state (`declare`, `define`,
        // `delete`, `load`) check the limit themselves before publishing anything.
        let mutating = matches!(req.op, "declare" | "define" | "delete" | "load");
        if mutating {
            return self.handle_op(&req);
        }
        match crate::types::limit::checked(|| self.handle_op(&req)) {
            Ok(res) => res,
            // Even an error the op produced (say "no method") may stem from the limit.
            Err(limit) => Err(QueryError::Limit(limit.during(self.describe(&req)))),
        }
    }

    /// Names a request and the sizes of its types, for a [`QueryError::Limit`].
    fn describe(&self, req: &Request<'_>) -> String {
        let st = self.types();
        let mut parts = Vec::new();
        for field in ["a", "b", "sig"] {
            if let Ok(Some(src)) = req.opt_str(field) {
                if let Ok(t) = st.parse(src) {
                    parts.push(format!(
                        "`{field}` has {} nodes",
                        st.type_size(t, 1_000_000)
                    ));
                }
            }
        }
        if parts.is_empty() {
            format!("`{}`", req.op)
        } else {
            format!("`{}` ({})", req.op, parts.join(", "))
        }
    }

    fn handle_op(&self, req: &Request<'_>) -> Result<Reply, QueryError> {
        match req.op {
            "subtype" | "typeequal" | "morespecific" | "intersect" => {
                let a = self.parse_type(&req, "a")?;
                let b = self.parse_type(&req, "b")?;
                let types = self.types();
                let result: Value = match req.op {
                    "subtype" => types.subtype(a, b).into(),
                    "typeequal" => types.typeequal(a, b).into(),
                    "morespecific" => types.morespecific(a, b).into(),
                    _ => types.show(types.intersect(a, b)).into(),
                };
                Ok(Reply::new().with("result", result))
            }
            "declare" => {
                let src = req.str("src")?;
                self.types().declare(src).map_err(|e| {
                    let (line, column) = e.line_col(src);
                    QueryError::Declare {
                        message: e.message.clone(),
                        byte: e.start,
                        line,
                        column,
                    }
                })?;
                Ok(Reply::new().with("ok", true))
            }
            "define" => {
                let (func, sig) = self.func_and_sig(&req)?;
                let func = func.as_str();
                let table = req.opt_str("table")?;
                let (method, world) = self
                    .engine()
                    .define(func, sig, table)
                    .map_err(QueryError::engine)?;
                Ok(Reply::new()
                    .with("method", method.as_u32())
                    .with("world", world.0))
            }
            "delete" => {
                let method = req.method("method")?;
                let world = self.engine().delete(method).map_err(QueryError::engine)?;
                Ok(Reply::new().with("world", world.0))
            }
            "findall" => {
                let (func, sig) = self.func_and_sig(&req)?;
                let func = func.as_str();
                let tables = req.str_list("tables")?;
                let tables: Vec<&str> = tables.iter().map(String::as_str).collect();
                let world = req.world()?;
                let limit = req
                    .opt_u64("limit")?
                    .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
                let found = if req.opt_bool("include_ambiguous")?.unwrap_or(false) {
                    self.engine()
                        .findall_including_ambiguous(func, sig, &tables, world, limit)
                } else {
                    self.engine().findall(func, sig, &tables, world, limit)
                }
                .map_err(QueryError::engine)?;
                Ok(self.findall_reply(&found))
            }
            "findsup" => {
                let (func, sig) = self.func_and_sig(&req)?;
                let func = func.as_str();
                let tables = req.str_list("tables")?;
                let tables: Vec<&str> = tables.iter().map(String::as_str).collect();
                let world = req.world()?;
                let found = self
                    .engine()
                    .findsup(func, sig, &tables, world)
                    .map_err(QueryError::engine)?;
                let method: Value = found.method.map_or(Value::Null, |m| m.as_u32().into());
                Ok(with_range(Reply::new().with("method", method), found.range))
            }
            "dispatch" => {
                let (func, args) = self.func_and_args(&req)?;
                let func = func.as_str();
                let tables = req.str_list("tables")?;
                let tables: Vec<&str> = tables.iter().map(String::as_str).collect();
                let world = req.world()?;
                let method = self
                    .engine()
                    .dispatch(func, &args, &tables, world)
                    .map_err(QueryError::engine)?;
                Ok(Reply::new().with("method", method.as_u32()))
            }
            "load" => {
                let src = req.str("src")?;
                let opts = crate::session::LoadOptions {
                    table: req.opt_str("table")?.map(str::to_string),
                    ..Default::default()
                };
                let loaded = self
                    .session
                    .load_source("<query>", src, &opts)
                    .map_err(|e| QueryError::Load {
                        errors: e.diagnostics.iter().map(LoadDiagnostic::new).collect(),
                    })?;
                let methods: Vec<Value> =
                    loaded.methods.iter().map(|m| m.as_u32().into()).collect();
                Ok(Reply::new()
                    .with("ok", true)
                    .with("world", loaded.world.0)
                    .with("methods", methods))
            }
            "infer" => {
                let (func, args) = self.func_and_args(&req)?;
                let func = func.as_str();
                let tables = req.str_list("tables")?;
                let tables: Vec<&str> = tables.iter().map(String::as_str).collect();
                let current = self.engine().world();
                let world = match req.world()? {
                    None => current,
                    Some(w) if w <= current => w,
                    Some(w) => {
                        return Err(QueryError::World(format!(
                            "world {} does not exist yet: the current world is {}",
                            w.0, current.0
                        )))
                    }
                };
                for t in &tables {
                    if self.engine().table_id(t).is_none() {
                        return Err(QueryError::Engine {
                            message: format!(
                                "unknown method table `{t}`; known tables: {}",
                                self.engine().table_names().join(", ")
                            ),
                            detail: None,
                        });
                    }
                }
                let job = if tables.is_empty() {
                    crate::infer::Job::host(world)
                } else {
                    crate::infer::Job::gpu("gpu", &tables, world)
                };
                let mi = crate::infer::interp::entry(self.engine(), &job, func, &args)
                    .map_err(infer_error)?;
                let (code, cached) =
                    crate::infer::interp::infer(self.engine(), &self.cache, &job, &mi);
                let rettype = show_lattice(self.types(), &code.rettype);
                Ok(
                    with_range(Reply::new().with("rettype", rettype), code.valid)
                        .with("cached", cached),
                )
            }
            other => Err(unknown_op(other)),
        }
    }

    /// The function and signature of a request: `"f"` with `"sig"` the argument tuple
    /// (the shorthand), or `"sig"` alone, the full signature `Tuple{typeof(f), args…}`
    /// (or `Tuple{S, args…}` for a callable object's methods, function `(::S)`).
    fn func_and_sig(&self, req: &Request<'_>) -> Result<(String, TypeId), QueryError> {
        let sig = self.parse_type(req, "sig")?;
        if let Some(f) = req.opt_str("f")? {
            return Ok((f.to_string(), sig));
        }
        let store = self.types();
        let callee = store.callee_of(sig).ok_or_else(|| {
            QueryError::Malformed(
                "without `f`, `sig` is a full signature `Tuple{typeof(f), args…}`; give `f` to write the argument tuple alone".into(),
            )
        })?;
        let func = crate::engine::callee_function_name(store, callee).ok_or_else(|| {
            QueryError::Malformed(format!(
                "the callee `{}` of `sig` names no function: write `typeof(f)` or a callable type",
                store.show(callee)
            ))
        })?;
        let sig = if store.function_of(callee).is_some() {
            store.drop_callee(sig)
        } else {
            sig
        };
        Ok((func, sig))
    }

    /// The function and argument types of a request: `"f"` with `"args"`, or `"args"`
    /// alone starting with the callee's type (`["typeof(area)", "Circle"]`).
    fn func_and_args(&self, req: &Request<'_>) -> Result<(String, Vec<TypeId>), QueryError> {
        let mut args = self.parse_args(req)?;
        if let Some(f) = req.opt_str("f")? {
            return Ok((f.to_string(), args));
        }
        let store = self.types();
        let Some(&callee) = args.first() else {
            return Err(QueryError::Malformed(
                "without `f`, `args` starts with the callee's type (`\"typeof(f)\"`)".into(),
            ));
        };
        let func = crate::engine::callee_function_name(store, callee).ok_or_else(|| {
            QueryError::Malformed(format!(
                "the callee `{}` names no function: write `typeof(f)` or a callable type",
                store.show(callee)
            ))
        })?;
        if store.function_of(callee).is_some() {
            args.remove(0);
        }
        Ok((func, args))
    }

    fn parse_type(&self, req: &Request<'_>, field: &str) -> Result<TypeId, QueryError> {
        let src = req.str(field)?;
        self.types()
            .parse(src)
            .map_err(|e| QueryError::type_error(field, src, &e))
    }

    /// The `args` field: a list of types.
    fn parse_args(&self, req: &Request<'_>) -> Result<Vec<TypeId>, QueryError> {
        let arg_srcs = req.str_list("args")?;
        let mut args = Vec::with_capacity(arg_srcs.len());
        for (i, src) in arg_srcs.iter().enumerate() {
            let field = format!("args[{i}]");
            let ty = self
                .types()
                .parse(src)
                .map_err(|e| QueryError::type_error(&field, src, &e))?;
            args.push(ty);
        }
        Ok(args)
    }

    fn findall_reply(&self, found: &FindAll) -> Reply {
        let Some(matches) = &found.matches else {
            return Reply::new().with("matches", Value::Null);
        };
        let types = self.types();
        let show_match = |m: &Match| {
            let sparams: Vec<Value> = m.sparams.iter().map(|&t| types.show(t).into()).collect();
            Reply::new()
                .with("method", m.method.as_u32())
                .with("table", m.table.as_str())
                .with("sig", types.show(m.sig))
                .with("spec_types", types.show(m.spec_types))
                .with("sparams", sparams)
                .with("fully_covers", m.fully_covers)
                .to_line()
        };
        let list: Vec<String> = matches.iter().map(show_match).collect();
        let list = format!("[{}]", list.join(","));
        with_range(
            Reply::new()
                .with_raw("matches", list)
                .with("ambig", found.ambig),
            found.range,
        )
    }
}

/// An inference error as a reply: Julia's `MethodError` wording, the call chain (if
/// any) as the detail.
fn infer_error(err: crate::infer::InferError) -> QueryError {
    use crate::infer::InferError;
    if let InferError::Limit(limit) = err {
        return QueryError::Limit(limit);
    }
    let chain = match &err {
        InferError::NoMethod { chain, .. }
        | InferError::Ambiguous { chain, .. }
        | InferError::UndefVar { chain, .. } => chain.clone(),
        _ => Vec::new(),
    };
    let message = match &err {
        InferError::NoMethod { .. } | InferError::Ambiguous { .. } => format!("MethodError: {err}"),
        _ => err.to_string(),
    };
    let detail = (!chain.is_empty()).then(|| {
        chain
            .iter()
            .map(|f| format!("in {} at {}:{}", f.func, f.file, f.line))
            .collect::<Vec<_>>()
            .join("\n")
    });
    QueryError::Engine { message, detail }
}

/// An inferred return type as Julia prints it after `=>` in `code_typed` (constants
/// widened to their type; no value is `Union{}`).
pub fn show_lattice(store: &TypeStore, l: &crate::infer::Lattice) -> String {
    store.show(crate::infer::lattice::widenconst(store, l))
}

fn unknown_op(op: &str) -> QueryError {
    let known: Vec<&str> = OPS.iter().map(|(name, _, _)| *name).collect();
    QueryError::UnknownOp {
        op: op.to_string(),
        known: known.join(", "),
    }
}

fn error_reply(err: &QueryError) -> Reply {
    let reply = Reply::new().with("error", err.to_string());
    match err {
        QueryError::Load { errors } => {
            let first = errors.first();
            let list: Vec<String> = errors
                .iter()
                .map(|e| {
                    Reply::new()
                        .with("code", e.code.as_str())
                        .with("message", e.message.as_str())
                        .with("line", e.line)
                        .with("column", e.column)
                        .to_line()
                })
                .collect();
            reply
                .with("line", first.map_or(0, |e| e.line))
                .with("column", first.map_or(0, |e| e.column))
                .with_raw("errors", format!("[{}]", list.join(",")))
        }
        QueryError::Engine {
            detail: Some(detail),
            ..
        } => reply.with("detail", detail.as_str()),
        _ => reply,
    }
}

fn with_range(reply: Reply, range: WorldRange) -> Reply {
    let max: Value = range.max.map_or(Value::Null, |w| w.0.into());
    reply.with("min_world", range.min.0).with("max_world", max)
}

/// A request object whose `op` is known and whose fields were checked against [`OPS`].
struct Request<'a> {
    op: &'a str,
    fields: &'a serde_json::Map<String, Value>,
}

impl<'a> Request<'a> {
    fn new(value: &'a Value) -> Result<Self, QueryError> {
        let fields = value.as_object().ok_or_else(|| {
            QueryError::Malformed(format!(
                "expected a JSON object with an \"op\" field, got {}",
                json_kind(value)
            ))
        })?;
        let op = match fields.get("op") {
            Some(Value::String(op)) => op.as_str(),
            Some(other) => {
                return Err(QueryError::Malformed(format!(
                    "field `op` must be a string, got {}",
                    json_kind(other)
                )))
            }
            None => {
                return Err(QueryError::Malformed(
                    "missing field `op` (e.g. \"op\":\"subtype\")".to_string(),
                ))
            }
        };
        let (_, required, optional) = OPS
            .iter()
            .find(|(name, _, _)| *name == op)
            .ok_or_else(|| unknown_op(op))?;
        for key in fields.keys() {
            if key != "op" && !required.contains(&key.as_str()) && !optional.contains(&key.as_str())
            {
                return Err(QueryError::Malformed(format!(
                    "unknown field `{key}` in a `{op}` request; it takes {}",
                    field_list(required, optional)
                )));
            }
        }
        for key in required.iter() {
            if !fields.contains_key(*key) {
                return Err(QueryError::Malformed(format!(
                    "missing field `{key}` in a `{op}` request; it takes {}",
                    field_list(required, optional)
                )));
            }
        }
        Ok(Request { op, fields })
    }

    /// A string field (present: required fields were checked in `new`).
    fn str(&self, key: &str) -> Result<&'a str, QueryError> {
        match self.fields.get(key) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(QueryError::Malformed(format!(
                "field `{key}` must be a string, got {}",
                json_kind(other)
            ))),
            None => Err(QueryError::Malformed(format!("missing field `{key}`"))),
        }
    }
}

impl<'a> Request<'a> {
    /// An optional string field.
    fn opt_str(&self, key: &str) -> Result<Option<&'a str>, QueryError> {
        match self.fields.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.str(key).map(Some),
        }
    }

    /// An optional list of strings (absent = empty).
    fn str_list(&self, key: &str) -> Result<Vec<String>, QueryError> {
        let bad = |got: &str| {
            QueryError::Malformed(format!(
                "field `{key}` must be a list of strings such as [\"A\", \"B\"], got {got}"
            ))
        };
        match self.fields.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| bad(&format!("an element that is {}", json_kind(v))))
                })
                .collect(),
            Some(other) => Err(bad(json_kind(other))),
        }
    }

    /// An optional non-negative integer field.
    fn opt_bool(&self, key: &str) -> Result<Option<bool>, QueryError> {
        match self.fields.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_bool().map(Some).ok_or_else(|| {
                QueryError::Malformed(format!("field `{key}` must be true or false, got {v}"))
            }),
        }
    }

    fn opt_u64(&self, key: &str) -> Result<Option<u64>, QueryError> {
        match self.fields.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_u64().map(Some).ok_or_else(|| {
                QueryError::Malformed(format!(
                    "field `{key}` must be a non-negative integer, got {v}"
                ))
            }),
        }
    }

    /// The optional `world` field.
    fn world(&self) -> Result<Option<World>, QueryError> {
        match self.fields.get("world") {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_u64().map(|w| Some(World(w))).ok_or_else(|| {
                QueryError::World(format!(
                    "`world` must be a non-negative integer world number, got {v}; omit it to use the current world"
                ))
            }),
        }
    }

    /// A method id field.
    fn method(&self, key: &str) -> Result<MethodId, QueryError> {
        match self.fields.get(key).and_then(Value::as_u64) {
            Some(n) if n < u64::from(u32::MAX) => Ok(MethodId::from_index(n as usize)),
            _ => Err(QueryError::Malformed(format!(
                "field `{key}` must be a method id (the number a `define` reply gave), got {}",
                self.fields
                    .get(key)
                    .map_or("nothing".to_string(), Value::to_string)
            ))),
        }
    }
}

fn field_list(required: &[&str], optional: &[&str]) -> String {
    let mut parts: Vec<String> = required.iter().map(|k| format!("`{k}`")).collect();
    parts.extend(optional.iter().map(|k| format!("`{k}` (optional)")));
    parts.join(", ")
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
