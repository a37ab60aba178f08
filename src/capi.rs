//! The C API: `extern "C"` functions over the stable core of strata (an engine with its
//! type store and method tables, source loading, dispatch, findall, worlds, and kernel
//! compilation), for a JIT written in C or C++. The header is `include/strata.h`,
//! generated from this file by cbindgen (the test `capi::header_is_current` fails when
//! it is stale; `STRATA_BLESS=1` rewrites it); `examples/c/embed.c` is the example, built
//! and run by the test `capi::c_example_builds_and_runs`.
//!
//! The functions are always compiled (no feature): they are plain functions of the
//! `rlib`, and the crate also builds as `cdylib` (`libstrata.so`) and `staticlib`
//! (`libstrata.a`) for C programs. Compiling a kernel needs the `llvm` feature; without
//! it `strata_compile` returns `STRATA_UNSUPPORTED`.
//!
//! Conventions (each one checked by the tests in `tests/all/capi.rs`):
//! - Every function returns a [`StrataStatus`]; `STRATA_OK` is 0. On any other status the
//!   calling thread's message ([`strata_last_error`]) says what went wrong and what to
//!   do. Outputs are written only on success.
//! - An engine is an opaque handle ([`StrataEngine`], a `uint64_t`), not a pointer: a
//!   handle is looked up in a registry, so a null (0), freed or made-up handle returns
//!   `STRATA_INVALID_HANDLE` instead of touching freed memory. Handles are never reused.
//!   An engine may be used from several threads at once.
//! - Strings in are NUL-terminated UTF-8 (`STRATA_INVALID_ARGUMENT` otherwise); null
//!   pointers where a value is required return `STRATA_INVALID_ARGUMENT`.
//! - Strings and bytes out come in a [`StrataBuffer`] that strata allocates and the
//!   caller frees with [`strata_buffer_free`] (its bytes are followed by a NUL, so text
//!   can be read as a C string).
//! - No Rust panic crosses the boundary: each function body runs under `catch_unwind`,
//!   and a panic (a strata bug) returns `STRATA_PANIC` with its message.
//! - Types and methods are numbered ([`StrataType`], [`StrataMethod`]) as in Rust
//!   ([`TypeId::as_u32`], [`MethodId::as_u32`]); an id that the engine never handed out
//!   returns `STRATA_INVALID_ARGUMENT`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use parking_lot::RwLock;

use crate::session::{LoadOptions, Session};
use crate::{EngineError, MethodId, TypeId, World};

/// An engine handle: 0 is never a valid handle.
pub type StrataEngine = u64;
/// A type, as numbered by the engine's type store (from [`strata_type_parse`]).
pub type StrataType = u32;
/// A method, as numbered by the engine (from [`strata_define`] or [`strata_dispatch`]).
pub type StrataMethod = u32;
/// A world age.
pub type StrataWorld = u64;

/// Pass as a `world` argument to mean the current world.
pub const STRATA_WORLD_CURRENT: StrataWorld = u64::MAX;
/// [`strata_engine_new`] flag: load the prelude (strata's Base: numbers, arrays, math,
/// the GPU intrinsics) so that loaded source and kernels can use it.
pub const STRATA_ENGINE_PRELUDE: u32 = 1;

/// What a call returned. Every status but `STRATA_OK` sets the thread's message
/// ([`strata_last_error`]).
#[repr(C)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum StrataStatus {
    /// Success.
    StrataOk = 0,
    /// A null, freed or unknown engine handle.
    StrataInvalidHandle = 1,
    /// A null pointer where a value is required, a string that is not UTF-8, an unknown
    /// type or method id, or an unknown flag or target.
    StrataInvalidArgument = 2,
    /// Type text or a type declaration did not parse.
    StrataParseError = 3,
    /// Source text did not load (the message holds every diagnostic); nothing was
    /// defined.
    StrataLoadError = 4,
    /// No method matches the call.
    StrataNoMethod = 5,
    /// The call is ambiguous (the message names the candidates and the fix).
    StrataAmbiguous = 6,
    /// Any other engine error (bad signature, unknown table, future world, deleted
    /// method, a lattice budget ran out).
    StrataEngineError = 7,
    /// A kernel did not compile (the message is the compiler's diagnostic).
    StrataCompileError = 8,
    /// The library was built without what the call needs (`strata_compile` without the
    /// `llvm` feature).
    StrataUnsupported = 9,
    /// A panic inside strata (a bug; please report the message).
    StrataPanic = 10,
}

/// The compilation targets of [`strata_compile`].
#[repr(C)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum StrataTarget {
    /// NVIDIA PTX.
    StrataTargetPtx = 0,
    /// AMD GCN (AMDGPU).
    StrataTargetAmdgpu = 1,
    /// The host CPU.
    StrataTargetNative = 2,
}

/// What [`strata_compile`] emits.
#[repr(C)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum StrataEmit {
    /// LLVM IR text.
    StrataEmitLlvm = 0,
    /// Target assembly text (PTX, GCN, host assembly).
    StrataEmitAsm = 1,
    /// An object file (not for PTX).
    StrataEmitObj = 2,
}

/// Bytes that strata allocated for the caller: free them with [`strata_buffer_free`].
/// `data[len]` is a NUL byte, so text can be read as a C string.
#[repr(C)]
#[derive(Debug)]
pub struct StrataBuffer {
    /// The bytes (null when empty or freed).
    pub data: *mut u8,
    /// The number of bytes, not counting the trailing NUL.
    pub len: usize,
}

/// One engine: a session (engine, loaded sources) and, with `llvm`, the code cache its
/// kernel compilations share.
struct Handle {
    session: Session,
    #[cfg(feature = "llvm")]
    cache: Arc<crate::infer::cache::CodeCache>,
}

fn registry() -> &'static RwLock<HashMap<u64, Arc<Handle>>> {
    static REGISTRY: OnceLock<RwLock<HashMap<u64, Arc<Handle>>>> = OnceLock::new();
    REGISTRY.get_or_init(Default::default)
}

static NEXT_HANDLE: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

/// A failure inside a C API function: its status and message.
struct Failure(StrataStatus, String);

type Outcome = Result<(), Failure>;

fn fail<T>(status: StrataStatus, message: impl Into<String>) -> Result<T, Failure> {
    Err(Failure(status, message.into()))
}

fn set_last_error(message: &str) {
    let c = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    LAST_ERROR.with(|e| *e.borrow_mut() = c);
}

/// Runs a C API body: clears the thread's message, catches panics, turns failures into
/// a status and a message.
fn run(body: impl FnOnce() -> Outcome) -> StrataStatus {
    set_last_error("");
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => StrataStatus::StrataOk,
        Ok(Err(Failure(status, message))) => {
            set_last_error(&message);
            status
        }
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic with no message".to_string());
            set_last_error(&format!(
                "internal error (a panic inside strata; this is a strata bug, please report it): {what}"
            ));
            StrataStatus::StrataPanic
        }
    }
}

fn handle(engine: StrataEngine) -> Result<Arc<Handle>, Failure> {
    if engine == 0 {
        return fail(
            StrataStatus::StrataInvalidHandle,
            "the engine handle is 0 (null): create one with strata_engine_new",
        );
    }
    match registry().read().get(&engine) {
        Some(h) => Ok(h.clone()),
        None => fail(
            StrataStatus::StrataInvalidHandle,
            format!(
                "engine handle {engine} is not live: it was freed with strata_engine_free or \
                 never returned by strata_engine_new"
            ),
        ),
    }
}

/// A required C string argument as `&str`.
///
/// # Safety
/// `ptr` is null or points to a NUL-terminated string that outlives the call.
unsafe fn text<'a>(ptr: *const c_char, what: &str) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return fail(
            StrataStatus::StrataInvalidArgument,
            format!("`{what}` is a null pointer: pass a NUL-terminated UTF-8 string"),
        );
    }
    CStr::from_ptr(ptr).to_str().or_else(|e| {
        fail(
            StrataStatus::StrataInvalidArgument,
            format!("`{what}` is not UTF-8 ({e}): pass UTF-8 text"),
        )
    })
}

/// An optional C string argument (null = `None`).
///
/// # Safety
/// As for [`text`].
unsafe fn opt_text<'a>(ptr: *const c_char, what: &str) -> Result<Option<&'a str>, Failure> {
    if ptr.is_null() {
        Ok(None)
    } else {
        text(ptr, what).map(Some)
    }
}

/// A C array argument (`len` elements at `ptr`; `ptr` may be null when `len` is 0).
///
/// # Safety
/// `ptr` points to `len` initialized elements that outlive the call.
unsafe fn slice<'a, T>(ptr: *const T, len: usize, what: &str) -> Result<&'a [T], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return fail(
            StrataStatus::StrataInvalidArgument,
            format!("`{what}` is a null pointer but its length is {len}"),
        );
    }
    Ok(std::slice::from_raw_parts(ptr, len))
}

/// An array of C strings (table names).
///
/// # Safety
/// As for [`slice`] and [`text`].
unsafe fn texts<'a>(
    ptr: *const *const c_char,
    len: usize,
    what: &str,
) -> Result<Vec<&'a str>, Failure> {
    slice(ptr, len, what)?
        .iter()
        .enumerate()
        .map(|(i, &p)| text(p, &format!("{what}[{i}]")))
        .collect()
}

/// Writes `value` through an output pointer that must not be null.
///
/// # Safety
/// `ptr` is null or valid for writes.
unsafe fn put<T>(ptr: *mut T, value: T, what: &str) -> Outcome {
    if ptr.is_null() {
        return fail(
            StrataStatus::StrataInvalidArgument,
            format!("`{what}` is a null pointer: pass where to write the result"),
        );
    }
    ptr.write(value);
    Ok(())
}

/// Writes `value` through an optional output pointer (null = not wanted).
///
/// # Safety
/// `ptr` is null or valid for writes.
unsafe fn put_opt<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        ptr.write(value);
    }
}

fn buffer(bytes: Vec<u8>) -> StrataBuffer {
    let len = bytes.len();
    let mut bytes = bytes;
    bytes.push(0);
    let data = Box::into_raw(bytes.into_boxed_slice()) as *mut u8;
    StrataBuffer { data, len }
}

fn type_id(h: &Handle, ty: StrataType) -> Result<TypeId, Failure> {
    let store = h.session.engine().types();
    let id = TypeId::from_index(ty as usize);
    if (ty as usize) < u32::MAX as usize - 1 && store.contains(id) {
        Ok(id)
    } else {
        fail(
            StrataStatus::StrataInvalidArgument,
            format!(
                "unknown type id {ty}: pass an id returned by strata_type_parse on this engine"
            ),
        )
    }
}

fn method_id(h: &Handle, method: StrataMethod) -> Result<MethodId, Failure> {
    if method < u32::MAX - 1 {
        let id = MethodId::from_index(method as usize);
        if h.session.engine().method_info(id).is_some() {
            return Ok(id);
        }
    }
    fail(
        StrataStatus::StrataInvalidArgument,
        format!("unknown method id {method}: pass an id returned by this engine"),
    )
}

fn world_arg(world: StrataWorld) -> Option<World> {
    (world != STRATA_WORLD_CURRENT).then_some(World(world))
}

fn engine_error(e: EngineError) -> Failure {
    let status = match e {
        EngineError::NoMethod { .. } => StrataStatus::StrataNoMethod,
        EngineError::Ambiguous { .. } => StrataStatus::StrataAmbiguous,
        _ => StrataStatus::StrataEngineError,
    };
    Failure(status, e.to_string())
}

fn parse_error(e: impl std::fmt::Display) -> Failure {
    Failure(StrataStatus::StrataParseError, e.to_string())
}

/// The calling thread's message for the last call that failed: what went wrong, where,
/// and what to do (empty after a call that succeeded). Valid until the thread's next
/// strata call; never null.
#[no_mangle]
pub extern "C" fn strata_last_error() -> *const c_char {
    LAST_ERROR.with(|e| e.borrow().as_ptr())
}

/// The name of a status (`"STRATA_OK"`, `"STRATA_NO_METHOD"`, …), a static string.
#[no_mangle]
pub extern "C" fn strata_status_name(status: StrataStatus) -> *const c_char {
    let name: &'static CStr = match status {
        StrataStatus::StrataOk => c"STRATA_OK",
        StrataStatus::StrataInvalidHandle => c"STRATA_INVALID_HANDLE",
        StrataStatus::StrataInvalidArgument => c"STRATA_INVALID_ARGUMENT",
        StrataStatus::StrataParseError => c"STRATA_PARSE_ERROR",
        StrataStatus::StrataLoadError => c"STRATA_LOAD_ERROR",
        StrataStatus::StrataNoMethod => c"STRATA_NO_METHOD",
        StrataStatus::StrataAmbiguous => c"STRATA_AMBIGUOUS",
        StrataStatus::StrataEngineError => c"STRATA_ENGINE_ERROR",
        StrataStatus::StrataCompileError => c"STRATA_COMPILE_ERROR",
        StrataStatus::StrataUnsupported => c"STRATA_UNSUPPORTED",
        StrataStatus::StrataPanic => c"STRATA_PANIC",
    };
    name.as_ptr()
}

/// Creates an engine and writes its handle to `*out`. `flags` is 0 (an empty engine:
/// the built-in types only) or `STRATA_ENGINE_PRELUDE` (strata's Base loaded, needed to
/// load Julia source that uses numbers and arrays, and to compile kernels).
///
/// # Safety
/// `out` is valid for writes.
#[no_mangle]
pub unsafe extern "C" fn strata_engine_new(flags: u32, out: *mut StrataEngine) -> StrataStatus {
    run(|| {
        if out.is_null() {
            return fail(
                StrataStatus::StrataInvalidArgument,
                "`out` is a null pointer: pass where to write the engine handle",
            );
        }
        if flags & !STRATA_ENGINE_PRELUDE != 0 {
            return fail(
                StrataStatus::StrataInvalidArgument,
                format!("unknown flags {flags:#x}: the only flag is STRATA_ENGINE_PRELUDE (1)"),
            );
        }
        let session = if flags & STRATA_ENGINE_PRELUDE != 0 {
            Session::with_prelude()
                .or_else(|e| fail(StrataStatus::StrataLoadError, e.to_string()))?
        } else {
            Session::bare()
        };
        #[cfg(feature = "llvm")]
        let cache = {
            let cache = crate::infer::cache::CodeCache::new();
            cache.attach(session.engine());
            cache
        };
        let h = Handle {
            session,
            #[cfg(feature = "llvm")]
            cache,
        };
        let id = NEXT_HANDLE.fetch_add(1, Ordering::Relaxed);
        registry().write().insert(id, Arc::new(h));
        put(out, id, "out")
    })
}

/// Frees an engine. The handle is dead afterwards (later calls with it return
/// `STRATA_INVALID_HANDLE`); calls already running on other threads finish first.
#[no_mangle]
pub extern "C" fn strata_engine_free(engine: StrataEngine) -> StrataStatus {
    run(|| {
        handle(engine)?;
        registry().write().remove(&engine);
        Ok(())
    })
}

/// Writes the engine's current world age to `*out`.
///
/// # Safety
/// `out` is valid for writes.
#[no_mangle]
pub unsafe extern "C" fn strata_world(engine: StrataEngine, out: *mut StrataWorld) -> StrataStatus {
    run(|| {
        let h = handle(engine)?;
        put(out, h.session.engine().world().0, "out")
    })
}

/// Declares types from Julia declarations (`abstract type Shape end`, `struct Circle <:
/// Shape end`, `primitive type …`), all or nothing.
///
/// # Safety
/// `source` is a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn strata_declare(
    engine: StrataEngine,
    source: *const c_char,
) -> StrataStatus {
    run(|| {
        let h = handle(engine)?;
        let source = text(source, "source")?;
        h.session
            .engine()
            .types()
            .declare(source)
            .map_err(parse_error)?;
        Ok(())
    })
}

/// Parses a type (`Int64`, `Tuple{Shape, Vector{Float32}}`, `Vector{T} where T`) and
/// writes its id to `*out`.
///
/// # Safety
/// `text_` is a NUL-terminated string; `out` is valid for writes.
#[no_mangle]
pub unsafe extern "C" fn strata_type_parse(
    engine: StrataEngine,
    type_text: *const c_char,
    out: *mut StrataType,
) -> StrataStatus {
    run(|| {
        let h = handle(engine)?;
        let src = text(type_text, "type_text")?;
        let ty = h.session.engine().types().parse(src).map_err(parse_error)?;
        put(out, ty.as_u32(), "out")
    })
}

/// Writes a type's Julia text (`Tuple{Int64, Float32}`) to a new buffer.
///
/// # Safety
/// `out` is valid for writes.
#[no_mangle]
pub unsafe extern "C" fn strata_type_show(
    engine: StrataEngine,
    ty: StrataType,
    out: *mut StrataBuffer,
) -> StrataStatus {
    run(|| {
        let h = handle(engine)?;
        let ty = type_id(&h, ty)?;
        if out.is_null() {
            return fail(
                StrataStatus::StrataInvalidArgument,
                "`out` is a null pointer",
            );
        }
        let shown = h.session.engine().types().show(ty);
        put(out, buffer(shown.into_bytes()), "out")
    })
}

/// Defines a method of `func` with the argument tuple `signature` (`Tuple{Circle}`,
/// `Tuple{T, T} where T<:Number`) in `table` (null: the global table; another name: an
/// overlay table, created when new). Writes the method's id to `*method_out` and the
/// first world in which it is visible to `*world_out` (either may be null).
///
/// # Safety
/// The strings are NUL-terminated (`table` may be null); the outputs are null or valid
/// for writes.
#[no_mangle]
pub unsafe extern "C" fn strata_define(
    engine: StrataEngine,
    func: *const c_char,
    signature: *const c_char,
    table: *const c_char,
    method_out: *mut StrataMethod,
    world_out: *mut StrataWorld,
) -> StrataStatus {
    run(|| {
        let h = handle(engine)?;
        let func = text(func, "func")?;
        let signature = text(signature, "signature")?;
        let table = opt_text(table, "table")?;
        let e = h.session.engine();
        let sig = e.types().parse(signature).map_err(parse_error)?;
        let (method, world) = e.define(func, sig, table).map_err(engine_error)?;
        put_opt(method_out, method.as_u32());
        put_opt(world_out, world.0);
        Ok(())
    })
}

/// Deletes a method (Julia's `Base.delete_method`); writes the new world to
/// `*world_out` (may be null).
///
/// # Safety
/// `world_out` is null or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn strata_delete(
    engine: StrataEngine,
    method: StrataMethod,
    world_out: *mut StrataWorld,
) -> StrataStatus {
    run(|| {
        let h = handle(engine)?;
        let method = method_id(&h, method)?;
        let world = h.session.engine().delete(method).map_err(engine_error)?;
        put_opt(world_out, world.0);
        Ok(())
    })
}

/// Loads Julia source (type declarations, `function` definitions, `@kernel` functions,
/// `@overlay` methods), all or nothing. `name` is the file name diagnostics show;
/// `table` (may be null) is the table plain definitions go into (null: global). Writes
/// the first world in which every loaded method is visible to `*world_out` (may be null).
///
/// # Safety
/// The strings are NUL-terminated (`table` may be null); `world_out` is null or valid
/// for writes.
#[no_mangle]
pub unsafe extern "C" fn strata_load_source(
    engine: StrataEngine,
    name: *const c_char,
    source: *const c_char,
    table: *const c_char,
    world_out: *mut StrataWorld,
) -> StrataStatus {
    run(|| {
        let h = handle(engine)?;
        let name = text(name, "name")?;
        let source = text(source, "source")?;
        let opts = LoadOptions {
            table: opt_text(table, "table")?.map(str::to_string),
            ..LoadOptions::default()
        };
        let loaded = h
            .session
            .load_source(name, source, &opts)
            .or_else(|e| fail(StrataStatus::StrataLoadError, e.to_string()))?;
        put_opt(world_out, loaded.world.0);
        Ok(())
    })
}

/// Dispatches a call: the most specific method of `func` for the concrete argument
/// types `args[0..nargs]`, looking through the overlay tables `tables[0..ntables]` (first
/// wins) stacked on the global table, in `world` (`STRATA_WORLD_CURRENT` for the
/// current one). Writes the method to `*out`; `STRATA_NO_METHOD` or `STRATA_AMBIGUOUS`
/// when there is none.
///
/// # Safety
/// `args` holds `nargs` ids and `tables` `ntables` NUL-terminated strings (either may be
/// null when its count is 0); `out` is valid for writes.
#[no_mangle]
pub unsafe extern "C" fn strata_dispatch(
    engine: StrataEngine,
    func: *const c_char,
    args: *const StrataType,
    nargs: usize,
    tables: *const *const c_char,
    ntables: usize,
    world: StrataWorld,
    out: *mut StrataMethod,
) -> StrataStatus {
    run(|| {
        let h = handle(engine)?;
        let func = text(func, "func")?;
        let args = slice(args, nargs, "args")?
            .iter()
            .map(|&t| type_id(&h, t))
            .collect::<Result<Vec<_>, _>>()?;
        let tables = texts(tables, ntables, "tables")?;
        let method = h
            .session
            .engine()
            .dispatch(func, &args, &tables, world_arg(world))
            .map_err(engine_error)?;
        put(out, method.as_u32(), "out")
    })
}

/// Every method of `func` that may apply to a call within `signature` (an argument
/// tuple, `Tuple{Shape}`), in Julia's `methods`/`ml_matches` order, through the overlay
/// tables `tables[0..ntables]` on the global table, in `world`. Writes at most `cap`
/// method ids to `out` (may be null when `cap` is 0), the total number of matches to
/// `*count` (call again with a larger array when it exceeds `cap`), and whether some
/// call within the signature is ambiguous to `*ambiguous` (may be null).
///
/// # Safety
/// As for [`strata_dispatch`]; `out` is valid for `cap` writes; `count` is valid for
/// writes.
#[no_mangle]
pub unsafe extern "C" fn strata_findall(
    engine: StrataEngine,
    func: *const c_char,
    signature: *const c_char,
    tables: *const *const c_char,
    ntables: usize,
    world: StrataWorld,
    out: *mut StrataMethod,
    cap: usize,
    count: *mut usize,
    ambiguous: *mut bool,
) -> StrataStatus {
    run(|| {
        let h = handle(engine)?;
        let func = text(func, "func")?;
        let signature = text(signature, "signature")?;
        let tables = texts(tables, ntables, "tables")?;
        if count.is_null() {
            return fail(
                StrataStatus::StrataInvalidArgument,
                "`count` is a null pointer",
            );
        }
        if cap > 0 && out.is_null() {
            return fail(
                StrataStatus::StrataInvalidArgument,
                format!("`out` is a null pointer but `cap` is {cap}"),
            );
        }
        let e = h.session.engine();
        let sig = e.types().parse(signature).map_err(parse_error)?;
        let found = e
            .findall(func, sig, &tables, world_arg(world), None)
            .map_err(engine_error)?;
        let matches = found.matches.unwrap_or_default();
        for (i, m) in matches.iter().take(cap).enumerate() {
            out.add(i).write(m.method.as_u32());
        }
        count.write(matches.len());
        put_opt(ambiguous, found.ambig);
        Ok(())
    })
}

/// Writes a method's description as Julia's `methods` prints it (`area(::Circle)`,
/// with its table when it is an overlay's) to a new buffer.
///
/// # Safety
/// `out` is valid for writes.
#[no_mangle]
pub unsafe extern "C" fn strata_method_signature(
    engine: StrataEngine,
    method: StrataMethod,
    out: *mut StrataBuffer,
) -> StrataStatus {
    run(|| {
        let h = handle(engine)?;
        let method = method_id(&h, method)?;
        if out.is_null() {
            return fail(
                StrataStatus::StrataInvalidArgument,
                "`out` is a null pointer",
            );
        }
        let shown = h.session.engine().show_method(method).unwrap_or_default();
        put(out, buffer(shown.into_bytes()), "out")
    })
}

/// Compiles the kernel `func` for the concrete argument types `args[0..nargs]` (see
/// [`strata_type_parse`]) to `target` (`arch` may be null for the target's default
/// architecture, e.g. `sm_70` for PTX, `gfx90a` for AMDGPU) as `emit`, in the current
/// world, and writes the output (PTX text, assembly, LLVM IR, or an object file) to a
/// new buffer. Needs an engine made with `STRATA_ENGINE_PRELUDE`.
///
/// # Safety
/// `func` is NUL-terminated, `arch` is null or NUL-terminated, `args` holds `nargs`
/// ids; `out` is valid for writes.
#[no_mangle]
pub unsafe extern "C" fn strata_compile(
    engine: StrataEngine,
    func: *const c_char,
    args: *const StrataType,
    nargs: usize,
    target: StrataTarget,
    arch: *const c_char,
    emit: StrataEmit,
    out: *mut StrataBuffer,
) -> StrataStatus {
    run(|| {
        let h = handle(engine)?;
        let func = text(func, "func")?;
        let arch = opt_text(arch, "arch")?;
        let args = slice(args, nargs, "args")?
            .iter()
            .map(|&t| type_id(&h, t))
            .collect::<Result<Vec<_>, _>>()?;
        if out.is_null() {
            return fail(
                StrataStatus::StrataInvalidArgument,
                "`out` is a null pointer",
            );
        }
        let bytes = compile(&h, func, args, target, arch, emit)?;
        put(out, buffer(bytes), "out")
    })
}

#[cfg(feature = "llvm")]
fn compile(
    h: &Handle,
    func: &str,
    args: Vec<TypeId>,
    target: StrataTarget,
    arch: Option<&str>,
    emit: StrataEmit,
) -> Result<Vec<u8>, Failure> {
    use crate::driver::{backend_for, Compiler, CompilerJob, EmitKind, Target};
    let name = match target {
        StrataTarget::StrataTargetPtx => "ptx",
        StrataTarget::StrataTargetAmdgpu => "amdgpu",
        StrataTarget::StrataTargetNative => "native",
    };
    let target =
        Target::parse(name, arch).or_else(|e| fail(StrataStatus::StrataInvalidArgument, e))?;
    let compiler = Compiler::with_cache(
        h.session.engine_arc().clone(),
        h.cache.clone(),
        h.session.files(),
    );
    let mut job = CompilerJob::kernel(func, args, backend_for(target), h.session.engine().world());
    job.emit = match emit {
        StrataEmit::StrataEmitLlvm => EmitKind::Llvm,
        StrataEmit::StrataEmitAsm => EmitKind::Asm,
        StrataEmit::StrataEmitObj => EmitKind::Obj,
    };
    compiler
        .compile(&job)
        .map(|a| a.bytes)
        .or_else(|e| fail(StrataStatus::StrataCompileError, e.to_string()))
}

#[cfg(not(feature = "llvm"))]
fn compile(
    _h: &Handle,
    _func: &str,
    _args: Vec<TypeId>,
    _target: StrataTarget,
    _arch: Option<&str>,
    _emit: StrataEmit,
) -> Result<Vec<u8>, Failure> {
    fail(
        StrataStatus::StrataUnsupported,
        "strata was built without the `llvm` feature, so it cannot compile kernels; \
         rebuild it with `--features llvm` (needs LLVM 19, see the README)",
    )
}

/// Frees a buffer that strata returned and resets it to empty (null data, length 0).
/// A null pointer or an already freed (empty) buffer is accepted and left alone.
///
/// # Safety
/// `buffer` is null or points to a buffer written by strata and not changed since.
#[no_mangle]
pub unsafe extern "C" fn strata_buffer_free(buffer: *mut StrataBuffer) {
    if buffer.is_null() || (*buffer).data.is_null() {
        return;
    }
    let b = &mut *buffer;
    drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(
        b.data,
        b.len + 1,
    )));
    b.data = std::ptr::null_mut();
    b.len = 0;
}
