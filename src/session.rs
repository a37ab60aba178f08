//! Loading source into the method tables: parse → stage types → lower → define, all or
//! nothing per file.
//!
//! A [`Session`] owns an [`Engine`] and loads files of the kernel language into it. One
//! file is one *publication*: every method it defines gets its own world (consecutive
//! numbers, as if defined one after another in source order), and all of them become
//! visible together when the file's edit is published, so no reader ever sees half a
//! file. [`Loaded::world`] is the last of those worlds: the first world in which every
//! method of the file is visible.
//!
//! Atomicity: a file's type declarations are *staged* in the type store (registered
//! but unreachable by name), its methods are lowered against the staged names, every
//! signature is validated, and only then are the names bound and the methods defined
//! in one edit. On any error, nothing is bound or defined: the tables and the type
//! names are exactly as before (a failed file leaves only unreachable entries in the
//! append-only type arena).
//!
//! Where definitions go:
//! - plain methods: the global table, or the table named by [`LoadOptions::table`];
//! - `@overlay NAME`: overlay table `NAME`, which must be declared with
//!   `@MethodTable NAME` in this file or an earlier one (re-declaring is allowed);
//! - struct declarations: Julia's default constructors, in the global table;
//! - `@device_function`: the host stub in the global table, the real body in the
//!   private runtime table. This is the only way source reaches the runtime table:
//!   `@overlay runtime` and `table: "runtime"` are errors.
//!
//! Read `lower/mod.rs` for what a method body becomes, `engine.rs` for the tables.

use crate::engine::{Engine, SourcedDef};
use crate::ir::{CodeInfo, MethodSource};
use crate::lower::{self, LowerCx, Lowered};
use crate::syntax::ast::{Item, TypeDeclKind};
use crate::syntax::{self, Diagnostic, ErrorCode, SourceFile, Span};
use crate::table::{MethodId, GLOBAL_NAME, RUNTIME_NAME};
use crate::types::{NameId, Staged, TypeId};
use crate::world::World;
use parking_lot::Mutex;
use std::path::Path;
use std::sync::Arc;

/// How to load a file.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The table plain (non-`@overlay`) method definitions go into; `None` = global.
    /// An overlay table that does not exist yet is created.
    pub table: Option<String>,
    /// Parse, stage, lower and validate, but define nothing (for `check`-style tools
    /// and for measuring the front end alone). The returned [`Loaded`] has no methods.
    pub dry_run: bool,
}

/// What loading a file defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    /// The first world in which every method of the file is visible (the current world
    /// if the file defined no method).
    pub world: World,
    /// Every method defined, in source order (constructors after their struct, a
    /// device function's host stub before its runtime overlay).
    pub methods: Vec<MethodId>,
    /// The type names declared.
    pub types: Vec<NameId>,
    /// The tables the file declared (`@MethodTable`).
    pub tables: Vec<String>,
}

/// Why a file did not load: every error found, each with its span. Nothing was
/// defined.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{}", .diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
pub struct LoadError {
    /// Every error found, in source order, each with its file and span.
    pub diagnostics: Vec<Diagnostic>,
}

impl From<Vec<Diagnostic>> for LoadError {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        LoadError { diagnostics }
    }
}

/// An engine and the sources loaded into it.
pub struct Session {
    engine: Arc<Engine>,
    /// One load at a time: staging, lowering and defining see a stable set of names.
    load_lock: Mutex<()>,
    files: Mutex<Vec<SourceFile>>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Session({:?}, {} files)",
            self.engine,
            self.files.lock().len()
        )
    }
}

/// One method about to be defined.
struct Pending<'t> {
    func: Arc<str>,
    sig: TypeId,
    /// The lowered body; `None` in a dry run, which drops each body as soon as it is
    /// lowered (keeping a whole file's bodies only to free them at the end costs more
    /// than lowering them).
    code: Option<CodeInfo>,
    /// The table's name, borrowed from the options, the file or a constant.
    table: &'t str,
    kernel: bool,
    inline: Option<bool>,
    span: Span,
    /// The method's docstring.
    doc: Option<Arc<str>>,
}

impl Session {
    /// A session over a fresh engine with no prelude loaded (built-in types only).
    pub fn bare() -> Session {
        Session::with_engine(Arc::new(Engine::new()))
    }

    /// A session over a fresh engine with the prelude (Base, the runtime intrinsics and
    /// the back-end overlay tables) loaded, one file at a time in
    /// [`prelude::SOURCES`](crate::prelude::SOURCES) order. `types.jl` is skipped: the
    /// type store declares those built-in types itself.
    pub fn with_prelude() -> Result<Session, LoadError> {
        let session = Session::bare();
        session.load_prelude()?;
        Ok(session)
    }

    /// Loads the prelude into this session (see [`Session::with_prelude`]).
    pub fn load_prelude(&self) -> Result<Vec<Loaded>, LoadError> {
        let mut out = Vec::new();
        for &(name, text) in crate::prelude::SOURCES {
            if name.ends_with("types.jl") {
                continue;
            }
            out.push(self.load_source(
                &format!("prelude/{name}"),
                text,
                &LoadOptions::default(),
            )?);
        }
        Ok(out)
    }

    /// A session over an existing engine.
    pub fn with_engine(engine: Arc<Engine>) -> Session {
        Session {
            engine,
            load_lock: Mutex::new(()),
            files: Mutex::new(Vec::new()),
        }
    }

    /// The engine the session loads into.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The engine, shared (to build a compiler or keep it past the session).
    pub fn engine_arc(&self) -> &Arc<Engine> {
        &self.engine
    }

    /// The files loaded so far, in order.
    pub fn files(&self) -> Vec<SourceFile> {
        self.files.lock().clone()
    }

    /// Loads a file from disk.
    pub fn load_path(&self, path: &Path, opts: &LoadOptions) -> Result<Loaded, LoadError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            let file = SourceFile::new(name.as_str(), "");
            LoadError::from(vec![Diagnostic::new(
                ErrorCode::Syntax,
                &file,
                Span::default(),
                format!("cannot read `{name}`: {e}"),
            )
            .with_note("check the path and the file's permissions")])
        })?;
        self.load_bytes(&name, &bytes, opts)
    }

    /// Loads source bytes; invalid UTF-8 is an error at the first bad byte.
    pub fn load_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        opts: &LoadOptions,
    ) -> Result<Loaded, LoadError> {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.load_source(name, text, opts),
            Err(e) => {
                let at = e.valid_up_to();
                let file = SourceFile::new(name, String::from_utf8_lossy(bytes).into_owned());
                Err(vec![Diagnostic::new(
                    ErrorCode::InvalidUtf8,
                    &file,
                    Span::new(at, at + 1),
                    format!("invalid UTF-8 at byte {at}: source files must be UTF-8 text"),
                )
                .with_note("re-save the file as UTF-8")]
                .into())
            }
        }
    }

    /// Loads source text. All or nothing: on error the tables are unchanged.
    pub fn load_source(
        &self,
        name: &str,
        text: &str,
        opts: &LoadOptions,
    ) -> Result<Loaded, LoadError> {
        let file = SourceFile::new(name, text);
        let loaded = self.load_file(&file, opts)?;
        if !opts.dry_run {
            self.files.lock().push(file);
        }
        Ok(loaded)
    }

    fn load_file(&self, file: &SourceFile, opts: &LoadOptions) -> Result<Loaded, LoadError> {
        let _guard = self.load_lock.lock();
        let engine = &*self.engine;
        let store = engine.types();
        let (mut ast, diags) = syntax::parse(file);
        if !diags.is_empty() {
            return Err(diags.into());
        }
        // Anonymous functions become closure types and call methods (Julia's closure
        // conversion) before anything is staged.
        let diags = lower::convert_closures(&mut ast, file, &|name| store.binding(name).is_some());
        if !diags.is_empty() {
            return Err(diags.into());
        }
        let ast = ast;
        let mut diags = Vec::new();
        let whole = Span::new(0, 0);

        // Tables: declared here, or existing.
        let existing = engine.table_names();
        let mut declared: Vec<String> = Vec::new();
        for item in &ast.items {
            if let Item::MethodTable { name, .. } = item {
                if &*name.name == GLOBAL_NAME || &*name.name == RUNTIME_NAME {
                    diags.push(
                        Diagnostic::new(
                            ErrorCode::Table,
                            file,
                            name.span,
                            format!("`{}` is a reserved method table name", name.name),
                        )
                        .with_note("choose another name for the overlay table"),
                    );
                } else if !declared.iter().any(|d| **d == *name.name) {
                    declared.push(name.name.to_string());
                }
            }
        }
        let default_table = opts.table.as_deref().unwrap_or(GLOBAL_NAME);
        if default_table == RUNTIME_NAME {
            diags.push(runtime_reserved(file, whole));
        } else if default_table.is_empty() || default_table.chars().any(char::is_whitespace) {
            diags.push(Diagnostic::new(
                ErrorCode::Table,
                file,
                whole,
                format!("invalid table name `{default_table}`: a table name is a non-empty word"),
            ));
        } else if default_table != GLOBAL_NAME && !declared.iter().any(|d| d == default_table) {
            declared.push(default_table.to_string());
        }
        let table_known =
            |name: &str| declared.iter().any(|d| d == name) || existing.iter().any(|e| e == name);

        // Types: staged, visible to this file only until everything succeeded.
        let staged = match stage_types(store, file, &ast) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                return Err(diags.into());
            }
        };
        // Constants: this file's, and earlier files' (their getter methods exist).
        let file_consts: Vec<&str> = ast
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Const { name, .. } => Some(&*name.name),
                _ => None,
            })
            .collect();
        let is_const = |name: &str| {
            file_consts.contains(&name) || engine.func_id(&lower::const_getter(name)).is_some()
        };
        let mut cx = LowerCx::new(store, file, &ast, staged.as_ref()).with_consts(&is_const);
        if opts.dry_run {
            // Only the signatures are validated and nothing is defined.
            cx = cx.discard_bodies();
        }

        // Lowering.
        // About one definition per item (two per struct): reserved, not regrown.
        let mut pending: Vec<Pending> = Vec::with_capacity(ast.items.len() + ast.items.len() / 2);
        let keep = |lowered: Lowered| (!opts.dry_run).then_some(lowered.code);
        // The closure types' constructors (`#f##0(a, b)`).
        for closure in &ast.closures {
            let Some(name) = staged.as_ref().and_then(|s| s.get(&closure.name)) else {
                continue;
            };
            let decl = crate::syntax::ast::TypeDecl {
                kind: TypeDeclKind::Struct,
                name: crate::syntax::ast::Ident {
                    name: closure.name.clone(),
                    span: closure.span,
                },
                params: Vec::new(),
                supertype: None,
                bits: None,
                fields: Vec::new(),
                span: closure.span,
            };
            for lowered in lower::constructors(&cx, &decl, name) {
                pending.push(Pending {
                    func: closure.name.clone(),
                    sig: lowered.sig,
                    code: keep(lowered),
                    table: GLOBAL_NAME,
                    kernel: false,
                    inline: Some(true),
                    span: closure.span,
                    doc: None,
                });
            }
        }
        for (item_index, item) in ast.items.iter().enumerate() {
            match item {
                Item::TypeDecl(decl) => {
                    let is_struct = matches!(
                        decl.kind,
                        TypeDeclKind::Struct | TypeDeclKind::MutableStruct
                    );
                    let name = staged.as_ref().and_then(|s| s.get(&decl.name.name));
                    if let (true, Some(name)) = (is_struct, name) {
                        for lowered in lower::constructors(&cx, decl, name) {
                            pending.push(Pending {
                                func: decl.name.name.clone(),
                                sig: lowered.sig,
                                code: keep(lowered),
                                table: GLOBAL_NAME,
                                kernel: false,
                                inline: None,
                                span: decl.name.span,
                                doc: None,
                            });
                        }
                    }
                }
                Item::Method(m) => {
                    let table = match &m.overlay {
                        None => default_table,
                        Some(t) if &*t.name == RUNTIME_NAME => {
                            diags.push(runtime_reserved(file, t.span));
                            continue;
                        }
                        Some(t) if &*t.name == GLOBAL_NAME => {
                            diags.push(
                                Diagnostic::new(
                                    ErrorCode::Table,
                                    file,
                                    t.span,
                                    "`global` is not an overlay table",
                                )
                                .with_note("drop `@overlay global` to define the method in the global table"),
                            );
                            continue;
                        }
                        Some(t) if !table_known(&t.name) => {
                            diags.push(
                                Diagnostic::new(
                                    ErrorCode::Table,
                                    file,
                                    t.span,
                                    format!("overlay into undeclared method table `{}`", t.name),
                                )
                                .with_note(format!(
                                    "declare it first with `@MethodTable {}` (in this file or one loaded before)",
                                    t.name
                                )),
                            );
                            continue;
                        }
                        Some(t) => &*t.name,
                    };
                    match lower::lower_method(&cx, m) {
                        Ok(lowered) => pending.push(Pending {
                            func: m.name.name.clone(),
                            sig: lowered.sig,
                            code: keep(lowered),
                            table,
                            kernel: m.flags.kernel,
                            inline: if m.flags.inline {
                                Some(true)
                            } else if m.flags.noinline {
                                Some(false)
                            } else {
                                None
                            },
                            span: m.name.span,
                            doc: ast
                                .docs
                                .iter()
                                .find(|(k, _)| *k as usize == item_index)
                                .map(|(_, d)| Arc::from(&**d)),
                        }),
                        Err(ds) => diags.extend(ds),
                    }
                }
                Item::DeviceFunction(d) => match lower::lower_device_function(&cx, d) {
                    Ok((host, runtime)) => {
                        for (lowered, table) in [(host, GLOBAL_NAME), (runtime, RUNTIME_NAME)] {
                            pending.push(Pending {
                                func: d.name.name.clone(),
                                sig: lowered.sig,
                                code: keep(lowered),
                                table,
                                kernel: false,
                                inline: None,
                                span: d.name.span,
                                doc: None,
                            });
                        }
                    }
                    Err(ds) => diags.extend(ds),
                },
                Item::Const { name, value, span } => {
                    let getter = crate::syntax::ast::MethodDef {
                        callee: None,
                        name: crate::syntax::ast::Ident {
                            name: lower::const_getter(&name.name).into(),
                            span: name.span,
                        },
                        params: Vec::new(),
                        where_params: Vec::new(),
                        return_type: None,
                        body: *value,
                        overlay: None,
                        flags: Default::default(),
                        span: *span,
                    };
                    match lower::lower_method(&cx, &getter) {
                        Ok(lowered) => pending.push(Pending {
                            func: getter.name.name.clone(),
                            sig: lowered.sig,
                            code: keep(lowered),
                            table: default_table,
                            kernel: false,
                            inline: Some(true),
                            span: name.span,
                            doc: None,
                        }),
                        Err(ds) => diags.extend(ds),
                    }
                }
                Item::MethodTable { .. } => {}
                Item::Using { modules, .. } => {
                    for m in modules {
                        if !crate::syntax::parser::is_known_module(&m.name) {
                            diags.push(
                                Diagnostic::new(
                                    ErrorCode::Lower,
                                    file,
                                    m.span,
                                    format!("unknown module `{}`", m.name),
                                )
                                .with_note(format!(
                                    "strata has one namespace; the modules it maps onto it are {}",
                                    crate::syntax::parser::KNOWN_MODULES.join(", ")
                                )),
                            );
                        }
                    }
                }
            }
        }

        drop(cx);

        // Validation, before anything becomes visible.
        for p in &pending {
            if let Err(e) = engine.check_definition(&p.func, p.sig) {
                diags.push(Diagnostic::new(
                    ErrorCode::Define,
                    file,
                    p.span,
                    e.to_string(),
                ));
            }
        }
        if !diags.is_empty() {
            return Err(diags.into());
        }

        if opts.dry_run {
            return Ok(Loaded {
                world: engine.world(),
                methods: Vec::new(),
                types: Vec::new(),
                tables: declared,
            });
        }

        // Publication: names, then methods (neither can fail once validated, except a
        // concurrent declaration through the type store's own API taking a name).
        if let Some(st) = &staged {
            if let Err(e) = store.commit_staged(st) {
                return Err(vec![Diagnostic::new(
                    ErrorCode::Declaration,
                    file,
                    whole,
                    e.to_string(),
                )]
                .into());
            }
        }
        let sources: Vec<Option<Arc<MethodSource>>> = pending
            .iter_mut()
            .map(|p| {
                p.code.take().map(|code| {
                    Arc::new(MethodSource {
                        code: Arc::new(code),
                        kernel: p.kernel,
                        inline: p.inline,
                        span: p.span,
                        doc: p.doc.clone(),
                    })
                })
            })
            .collect();
        let defs: Vec<SourcedDef<'_>> = pending
            .iter()
            .zip(sources)
            .map(|(p, source)| SourcedDef {
                func: &p.func,
                sig: p.sig,
                table: p.table,
                source,
            })
            .collect();
        let tables: Vec<&str> = declared.iter().map(|s| s.as_str()).collect();
        let defined = engine.define_sourced(&tables, &defs).map_err(|e| {
            LoadError::from(vec![Diagnostic::new(
                ErrorCode::Define,
                file,
                whole,
                format!(
                    "internal error (this is a strata bug): a validated definition failed: {e}"
                ),
            )])
        })?;
        let world = defined.last().map_or(engine.world(), |&(_, w)| w);
        Ok(Loaded {
            world,
            methods: defined.into_iter().map(|(m, _)| m).collect(),
            types: staged.map_or_else(Vec::new, |s| s.names),
            tables: declared,
        })
    }
}

fn runtime_reserved(file: &SourceFile, span: Span) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::Table,
        file,
        span,
        "the `runtime` method table is private: user code cannot define methods in it",
    )
    .with_note("declare a runtime intrinsic with `@device_function name(args...)::R`, or overlay into a table of your own")
}

/// Stages the file's type declarations: the type store reads each declaration's span of
/// the file (comments included), so byte offsets (and error spans) are the file's own.
// One `Diagnostic` by value, as the loader collects them; errors are off the hot path.
#[allow(clippy::result_large_err)]
pub fn stage_types(
    store: &crate::types::TypeStore,
    file: &SourceFile,
    ast: &crate::syntax::Ast,
) -> Result<Option<Staged>, Diagnostic> {
    let spans: Vec<(usize, usize)> = ast
        .items
        .iter()
        .filter_map(|i| match i {
            Item::TypeDecl(d) => Some((
                d.span.start as usize,
                (d.span.end as usize).min(file.text.len()),
            )),
            _ => None,
        })
        .collect();
    if spans.is_empty() && ast.closures.is_empty() {
        return Ok(None);
    }
    let staged = if ast.closures.is_empty() {
        store.stage_declarations_at(&file.text, &spans)
    } else {
        let closures: Vec<(&str, Vec<&str>)> = ast
            .closures
            .iter()
            .map(|c| (&*c.name, c.fields.iter().map(|f| &**f).collect()))
            .collect();
        store.stage_declarations_with_closures(&file.text, &spans, &closures)
    };
    staged.map(Some).map_err(|e| {
        Diagnostic::new(
            ErrorCode::Declaration,
            file,
            Span::new(e.start, e.end.max(e.start)),
            e.message.clone(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_reads_declarations_with_comments() {
        let text = "f(x) = 1 # é\nstruct S #= c #= nested =# =# x::Int32 # Int64\n  y end\n\
                    abstract type A end\nprimitive type P <: A #= bits =# 32 end\n";
        let file = SourceFile::new("t.jl", text);
        let (ast, diags) = syntax::parse(&file);
        assert!(diags.is_empty(), "{diags:?}");
        let store = crate::types::TypeStore::new();
        let staged = stage_types(&store, &file, &ast).unwrap().unwrap();
        assert_eq!(staged.names.len(), 3);
        let s = staged.get("S").unwrap();
        let fields: Vec<String> = store
            .fields(s)
            .iter()
            .map(|&(f, t)| format!("{}::{}", store.sym(f), store.show(t)))
            .collect();
        assert_eq!(fields, ["x::Int32", "y::Any"]);
        assert!(staged.get("P").is_some());
    }

    #[test]
    fn staging_errors_point_into_the_file() {
        let text = "g() = 2\nstruct T\n  x::Undefined\nend\n";
        let file = SourceFile::new("t.jl", text);
        let (ast, _) = syntax::parse(&file);
        let store = crate::types::TypeStore::new();
        let d = stage_types(&store, &file, &ast).unwrap_err();
        assert_eq!(file.slice(d.span), "Undefined");
    }
}
