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

use crate::types::ParseError;
use crate::{TypeId, TypeStore};
use serde_json::Value;
use std::fmt::Write as _;

/// Every op the protocol knows, with its required and optional fields (besides `op`).
pub const OPS: &[(&str, &[&str], &[&str])] = &[
    ("subtype", &["a", "b"], &[]),
    ("typeequal", &["a", "b"], &[]),
    ("morespecific", &["a", "b"], &[]),
    ("intersect", &["a", "b"], &[]),
    ("declare", &["src"], &[]),
];

/// A request that could not be answered. Its `Display` is the reply's `error` text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// The line is not a JSON object, or a field has the wrong JSON type.
    #[error("malformed request: {0}")]
    Malformed(String),
    /// The `op` names no known operation.
    #[error("unknown op `{op}`; known ops: {known}")]
    UnknownOp { op: String, known: String },
    /// A type string in a field does not parse or names something undeclared.
    #[error("bad type in field `{field}`: {message} (at byte {byte}, column {column} of {src:?})")]
    Type {
        field: String,
        src: String,
        message: String,
        byte: usize,
        column: usize,
    },
    /// A declaration failed (syntax, redeclaration, bad supertype).
    #[error("declaration failed: {message} (at byte {byte}, line {line}, column {column} of `src`); nothing was declared")]
    Declare {
        message: String,
        byte: usize,
        line: usize,
        column: usize,
    },
    /// A `world` that is not a valid world number.
    #[error("bad world: {0}")]
    World(String),
    /// The library panicked: a strata bug, not a user mistake.
    #[error("internal error (a strata bug, please report the request): {0}; the session goes on")]
    Internal(String),
}

impl QueryError {
    fn type_error(field: &str, src: &str, err: &ParseError) -> Self {
        let (_, column) = err.line_col(src);
        QueryError::Type {
            field: field.to_string(),
            src: src.to_string(),
            message: err.message.clone(),
            byte: err.start,
            column,
        }
    }
}

/// A reply object whose fields keep their insertion order.
#[derive(Debug, Default, Clone)]
pub struct Reply(Vec<(&'static str, Value)>);

impl Reply {
    fn new() -> Self {
        Reply(Vec::new())
    }
    fn with(mut self, key: &'static str, value: impl Into<Value>) -> Self {
        self.0.push((key, value.into()));
        self
    }
    /// The reply as one line of JSON (no trailing newline).
    pub fn to_line(&self) -> String {
        let mut out = String::from("{");
        for (i, (key, value)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            // Keys are fixed ASCII identifiers; values go through serde_json's escaping.
            let _ = write!(out, "\"{key}\":{value}");
        }
        out.push('}');
        out
    }
}

/// A protocol session: the type store (and method tables) that requests act on.
pub struct Session {
    types: TypeStore,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

impl Session {
    /// A fresh session with Julia's built-in types and empty method tables.
    pub fn new() -> Self {
        Session {
            types: TypeStore::new(),
        }
    }

    /// The types this session has declared and interned.
    pub fn types(&self) -> &TypeStore {
        &self.types
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
        match req.op {
            "subtype" | "typeequal" | "morespecific" | "intersect" => {
                let a = self.parse_type(&req, "a")?;
                let b = self.parse_type(&req, "b")?;
                let types = &self.types;
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
                self.types.declare(src).map_err(|e| {
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
            other => Err(unknown_op(other)),
        }
    }

    fn parse_type(&self, req: &Request<'_>, field: &str) -> Result<TypeId, QueryError> {
        let src = req.str(field)?;
        self.types
            .parse(src)
            .map_err(|e| QueryError::type_error(field, src, &e))
    }
}

fn unknown_op(op: &str) -> QueryError {
    let known: Vec<&str> = OPS.iter().map(|(name, _, _)| *name).collect();
    QueryError::UnknownOp {
        op: op.to_string(),
        known: known.join(", "),
    }
}

fn error_reply(err: &QueryError) -> Reply {
    Reply::new().with("error", err.to_string())
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
