//! Lowering one method body to the untyped IR, in Julia's lowered style.
//!
//! Each expression is lowered in one of three positions ([`Use`]): for its value, for
//! its effect only, or in tail position (its value is returned: an `if` in tail
//! position returns from each branch, as Julia's lowering does, instead of joining into
//! a temporary). Code after a `return`, `break`, `continue` or `throw` that no jump
//! reaches is dropped, so every body ends in `return`, `goto` or `unreachable`.
//!
//! The rules, by construct:
//! - names: an argument or local is a slot (`_n`), a `where` variable a static
//!   parameter, a type (declared, staged or an alias) a type constant, `nothing` the
//!   constant; any other name is a generic function as a value;
//! - literals: integers as `Bits` of the literal's type (`Int64`, `UInt8`, …), floats
//!   as `Float64`/`Float32` bits, `true`/`false` as `Bool`, characters as `Char` holding
//!   the code point (a deviation: Julia's `Char` holds the UTF-8 bytes), symbols and
//!   strings as themselves;
//! - calls of a name are generic calls of that name (operators too); a call of a type
//!   name calls the function named after the type (`Int32(x)`, `Vector(x)` calls
//!   `Array`); `T{P}(args…)` calls `T` with the type `T{P}` first;
//!   `Core.Intrinsics.op(args…)` is an intrinsic; `getfield(x, :f)` / `getfield(t, 2)` /
//!   `getfield(t, i)` read a field; `tuple(…)` and `(a, b)` build a tuple; `Base.f` and
//!   `Core.f` are `f`;
//! - `a[i, j]` calls `getindex(a, i, j)`; `a[i] = v` calls `setindex!(a, v, i)`;
//!   `p.x` reads field `x`; `p.x = v` calls `setproperty!(p, :x, v)`; an assignment's
//!   value is its right side;
//! - `ccall("extern sym" | "llvm.name", llvmcall, R, (A…,), args…)` converts each
//!   argument with `convert(A, arg)` (Julia's `cconvert`) and makes a foreign call;
//! - `throw(e)` evaluates `e`, then reports through the runtime
//!   (`report_exception_name("Name")`, `report_exception_frame(Int32(1), "f",
//!   "file", Int32(line))`, `signal_exception()`, all generic calls) and ends in
//!   `unreachable`, as GPUCompiler does for kernels;
//! - `if`/`elseif`/`else`, `c ? a : b`, `&&`, `||`: conditional jumps; as values
//!   through a temporary slot `@_n`; in conditions `&&`/`||` jump directly;
//! - `while c … end`: test at the top; `break` jumps past the loop, `continue` to the
//!   test; `while true` has no test;
//! - `for v in iter … end` uses Julia 0.6's iteration protocol, not `iterate`, so no
//!   `Union{Nothing, Tuple}` value reaches the GPU: `it = iter; st = start(it);
//!   while !done(it, st); (v, st) = next(it, st); body; end` (generic calls `start`,
//!   `done`, `next`, `!`; the pair is taken apart with `getfield(_, 1)` / `getfield(_,
//!   2)`; `continue` jumps to the `done` test);
//! - declared locals (`x::T = v`, `local x::T`): every assignment is `convert(T, v)`
//!   then `typeassert(_, T)`; a declared return type `f(x)::R` does the same to every
//!   returned value; `x::T` in value position is a type assertion;
//! - `x op= v` is `x = x op v` (for `a[i] op= v` and `p.x op= v`, `a`, `i`, `p` are
//!   evaluated once); `a, b = t` takes `getfield(t, 1)`, `getfield(t, 2)` (tuples
//!   only; Julia's `indexed_iterate` is not used) and has the value `t`;
//! - `@inbounds e` marks every call inside `e`; `@boundscheck e` is
//!   `%c = $(Expr(:boundscheck)); goto L if not %c; e; L:`;
//! - the body's last expression is returned; `return` alone returns `nothing`.
//!
//! Arguments are evaluated left to right; a slot read is copied into an SSA value
//! first when a later argument assigns (`f(x, x = 2)` passes the old `x`).

use super::scope::{self, Scopes};
use super::{error, resolve_type, Known, LitType, LowerCx, Signature};
use crate::ir::{CodeInfo, Const, Field, Foreign, Intrinsic, Operand, Slot, SlotId, Stmt, StmtId};
use crate::syntax::ast::{Ast, Expr, ExprId, Ident, Literal};
use crate::syntax::{Diagnostic, ErrorCode, SourceFile, Span};
use crate::types::{TypeId, TypeKind, TypeStore, VarId};
use std::sync::Arc;

/// Where a value goes.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Use {
    /// The value is needed (returned as an operand).
    Value,
    /// Only the effects matter.
    Effect,
    /// The value is returned from the method (the lowering emits the `return`).
    Tail,
}

type LabelId = usize;

/// A jump target: its statement once bound, and the jumps waiting for it.
#[derive(Default)]
struct Label {
    pos: Option<usize>,
    pending: Vec<usize>,
}

/// What a name means at a point of the body.
enum NameRef {
    Slot(SlotId),
    SParam(u32),
    Type(TypeId),
    Nothing,
    /// A top-level `const` (read by calling its getter, see `lower::const_getter`).
    Const,
    /// Anything else: a generic function (or a global the loader resolves).
    Global,
}

/// Lowers the body `body` of a method named `name` with signature `sig`.
pub(super) fn lower_body(
    cx: &LowerCx<'_>,
    name: &Ident,
    sig: &mut Signature,
    body: ExprId,
    errors: &mut Vec<Diagnostic>,
) -> CodeInfo {
    // The buffers of the previous method of the file: growing fresh vectors for every
    // method was a large share of the allocations.
    let mut scratch = cx.scratch.take();
    // Arguments and static parameters are never made locals by an assignment.
    let mut scopes = std::mem::take(&mut scratch.scopes);
    // Slot 1 is `#self#`, or a callable object's callee (`s` of `(s::S)(x)`), which
    // names no other slot, so every slot is passed (`#self#` matches no name).
    scope::scan(cx.ast, body, &sig.slots, &sig.scope, &mut scopes);
    // The signature's slots (`#self#` and the arguments) start the body's (the
    // signature took the vector from the scratch).
    let nargs = sig.slots.len();
    let slots = std::mem::take(&mut sig.slots);
    let mut l = Lowerer {
        store: cx.store,
        file: cx.file,
        ast: cx.ast,
        cx,
        fname: name.name.clone(),
        stmts: scratch.stmts,
        spans: scratch.spans,
        n_stmts: 0,
        keep: cx.keep_bodies,
        slots,
        sparams: &sig.scope,
        fn_names: scratch.fn_names,
        scopes,
        blocks: scratch.blocks,
        n_blocks: 0,
        labels: scratch.labels,
        n_labels: 0,
        loops: scratch.loops,
        operand_vecs: scratch.operand_vecs,
        reachable: true,
        inbounds: false,
        index_ctx: Vec::new(),
        fastmath: false,
        span: cx.ast.span(body),
        return_type: sig.return_type,
        nargs,
        errors,
    };
    for (i, s) in l.slots.iter().enumerate() {
        if &*s.name != "#unused#" && &*s.name != "#self#" {
            l.fn_names.push((s.name.clone(), SlotId::from_index(i)));
        }
    }
    l.lower(body, Use::Tail);
    if l.reachable {
        l.emit_return(Operand::Const(Const::Nothing));
    }
    // Exact-size copies for the IR (none when the caller discards bodies); the
    // buffers go back to the file's scratch.
    let (stmts, spans, slots, sparams) = if cx.keep_bodies {
        (
            exact_copy(&mut l.stmts),
            exact_copy(&mut l.spans),
            exact_copy(&mut l.slots),
            sig.scope.iter().map(|&(_, v)| v).collect(),
        )
    } else {
        l.slots.clear();
        Default::default()
    };
    let code = CodeInfo {
        name: l.fname.clone(),
        stmts,
        spans,
        slots,
        nargs,
        sparams,
        return_type: sig.return_type,
        file: cx.file.name.clone(),
        line: if cx.keep_bodies {
            cx.file.line_col(name.span.start).0 as u32
        } else {
            0
        },
    };
    l.fn_names.clear();
    l.loops.clear();
    l.scopes.clear();
    cx.scratch.replace(Scratch {
        scopes: l.scopes,
        arg_types: scratch.arg_types,
        stmts: l.stmts,
        spans: l.spans,
        slots: l.slots,
        fn_names: l.fn_names,
        blocks: l.blocks,
        labels: l.labels,
        loops: l.loops,
        operand_vecs: l.operand_vecs,
    });
    code
}

/// Moves `buf`'s elements into an exact-size vector (one `memcpy`), leaving `buf`
/// empty with its capacity.
fn exact_copy<T>(buf: &mut Vec<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(buf.len());
    out.append(buf);
    out
}

/// A file's lowering buffers, reused from one method to the next (emptied between
/// them; `blocks` and `labels` keep their inner vectors, and only the first
/// `Lowerer::n_blocks` / `n_labels` entries are in use).
#[derive(Default)]
pub(super) struct Scratch {
    stmts: Vec<Stmt>,
    spans: Vec<Span>,
    /// Taken by `lower_signature` for the signature's slots, which the body then
    /// continues.
    pub(super) slots: Vec<Slot>,
    /// `lower_signature`'s argument types.
    pub(super) arg_types: Vec<TypeId>,
    /// The scope scan's result.
    scopes: Scopes,
    fn_names: Vec<(Arc<str>, SlotId)>,
    blocks: Vec<Vec<(Arc<str>, SlotId)>>,
    labels: Vec<Label>,
    loops: Vec<(LabelId, LabelId)>,
    /// Empty operand vectors for the next calls, taken back from the statements of a
    /// discarded body (see [`Lowerer::operands`]).
    operand_vecs: Vec<Vec<Operand>>,
}

/// At most this many spare operand vectors are kept between methods.
const MAX_SPARE_OPERAND_VECS: usize = 1024;

/// Takes the operand vector out of a statement that is being discarded, emptied.
/// Inlined, like [`Lowerer::emit`], so that each call site's statement kind is known
/// and the match folds away.
#[inline(always)]
fn take_operands(stmt: Stmt, spare: &mut Vec<Vec<Operand>>) {
    if let Stmt::Call { mut args, .. }
    | Stmt::CallValue { mut args, .. }
    | Stmt::Intrinsic { mut args, .. }
    | Stmt::Foreign { mut args, .. }
    | Stmt::New { mut args, .. }
    | Stmt::Tuple(mut args) = stmt
    {
        if spare.len() < MAX_SPARE_OPERAND_VECS {
            args.clear();
            spare.push(args);
        }
    }
}

struct Lowerer<'a, 'c> {
    store: &'a TypeStore,
    file: &'a SourceFile,
    ast: &'a Ast,
    cx: &'a LowerCx<'c>,
    fname: Arc<str>,
    /// The body's statements and their spans; empty when the body is discarded
    /// (`keep` false), where only their number is counted.
    stmts: Vec<Stmt>,
    spans: Vec<Span>,
    /// The number of statements emitted (the next statement's id).
    n_stmts: usize,
    /// Whether statements are kept ([`LowerCx::discard_bodies`] not called): a
    /// discarded body's statements are dropped as they are emitted (all checks run
    /// the same), and jumps are not patched.
    keep: bool,
    slots: Vec<Slot>,
    sparams: &'a [(Box<str>, VarId)],
    /// Function-level names with slots: the arguments, then locals as they appear.
    fn_names: Vec<(Arc<str>, SlotId)>,
    scopes: Scopes,
    /// Block scopes (`let`, `for`, `while` bodies), innermost last: the first
    /// `n_blocks` entries (the rest are empty vectors kept for reuse).
    blocks: Vec<Vec<(Arc<str>, SlotId)>>,
    n_blocks: usize,
    /// The first `n_labels` entries are this method's labels (the rest are kept for
    /// reuse).
    labels: Vec<Label>,
    n_labels: usize,
    /// Enclosing loops: (continue target, break target).
    loops: Vec<(LabelId, LabelId)>,
    /// Spare empty operand vectors (see [`Lowerer::operands`]).
    operand_vecs: Vec<Vec<Operand>>,
    /// Whether control can reach the next statement emitted.
    reachable: bool,
    inbounds: bool,
    /// The indexed values around the expression being lowered, innermost last: the
    /// array, the index position (1-based) and the number of indices, for `end` and
    /// `begin` inside an index ([`Expr::IndexBound`]).
    index_ctx: Vec<(Operand, u32, u32)>,
    /// Inside `@fastmath`: `+ - * /` (also in `op=`) call Julia's `add_fast`,
    /// `sub_fast`, `mul_fast`, `div_fast` (prelude `indices.jl`), which set LLVM's
    /// fast-math flags on float operations.
    fastmath: bool,
    /// The span given to statements emitted now.
    span: Span,
    return_type: Option<TypeId>,
    /// Slots `_1`… that are `#self#` and the arguments.
    nargs: usize,
    errors: &'a mut Vec<Diagnostic>,
}

const NOTHING: Operand = Operand::Const(Const::Nothing);

/// Whether two names of the file's AST are the same name: the parser shares one copy
/// per distinct name in a file (see `syntax::ast::Ident`), so this compares pointers.
#[inline]
pub(super) fn same(a: &Arc<str>, b: &Arc<str>) -> bool {
    let same = Arc::ptr_eq(a, b);
    debug_assert_eq!(same, a == b, "names of one AST are shared copies");
    same
}

/// A name of the file's AST as a key (its shared copy's address; the AST outlives the
/// file's lowering, so no other name takes the address meanwhile).
#[inline]
pub(super) fn name_key(name: &Arc<str>) -> usize {
    Arc::as_ptr(name) as *const u8 as usize
}

/// Whether `e` contains `end`/`begin` as an index bound (nested indices included: a
/// false positive only takes the slower, equally correct path).
fn mentions_index_bound(ast: &Ast, e: ExprId) -> bool {
    match ast.expr(e) {
        Expr::IndexBound { .. } => true,
        Expr::Name(_) | Expr::Literal(_) => false,
        x => {
            let mut found = false;
            crate::syntax::print::for_each_child(ast, x, |c| {
                found = found || mentions_index_bound(ast, c)
            });
            found
        }
    }
}

/// `[value, indices…]` without a heap allocation in the usual case (an index
/// expression's operands, for `getindex`/`setindex!`).
enum ValueThen {
    Small([ExprId; 4], usize),
    Large(Vec<ExprId>),
}

impl std::ops::Deref for ValueThen {
    type Target = [ExprId];
    fn deref(&self) -> &[ExprId] {
        match self {
            ValueThen::Small(a, n) => &a[..*n],
            ValueThen::Large(v) => v,
        }
    }
}

fn value_then(value: ExprId, indices: &[ExprId]) -> ValueThen {
    if indices.len() < 4 {
        let mut a = [value; 4];
        a[1..=indices.len()].copy_from_slice(indices);
        ValueThen::Small(a, indices.len() + 1)
    } else {
        let mut v = Vec::with_capacity(indices.len() + 1);
        v.push(value);
        v.extend_from_slice(indices);
        ValueThen::Large(v)
    }
}

impl Lowerer<'_, '_> {
    // ----- emitting ---------------------------------------------------------------------

    /// Appends a statement (dropped when unreachable); its value as an operand.
    #[inline(always)]
    fn emit(&mut self, stmt: Stmt) -> Operand {
        if !self.reachable {
            take_operands(stmt, &mut self.operand_vecs);
            return NOTHING;
        }
        let has_value = stmt.has_value();
        if matches!(stmt, Stmt::Return(_) | Stmt::Goto(_) | Stmt::Unreachable) {
            self.reachable = false;
        }
        let id = StmtId::from_index(self.n_stmts);
        self.n_stmts += 1;
        if self.keep {
            self.stmts.push(stmt);
            self.spans.push(self.span);
        } else {
            // A discarded body: the statement is counted (its id is used), and its
            // operand vector goes back for the next call.
            take_operands(stmt, &mut self.operand_vecs);
        }
        if has_value {
            Operand::Ssa(id)
        } else {
            NOTHING
        }
    }

    /// An empty vector for a statement's operands: a spare one when a discarded body
    /// left some (one allocation per call saved), else a new one.
    fn operands(&mut self, capacity: usize) -> Vec<Operand> {
        self.operand_vecs
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(capacity))
    }

    /// A statement's operands (see [`Lowerer::operands`]).
    fn ops<const N: usize>(&mut self, items: [Operand; N]) -> Vec<Operand> {
        let mut v = self.operands(N);
        v.extend(items);
        v
    }

    /// Gives back an operand vector no statement took.
    fn recycle(&mut self, mut v: Vec<Operand>) {
        if self.operand_vecs.len() < MAX_SPARE_OPERAND_VECS {
            v.clear();
            self.operand_vecs.push(v);
        }
    }

    /// A call of a function lowering itself introduces.
    fn call(&mut self, func: Known, args: Vec<Operand>) -> Operand {
        let func = self.cx.known(func);
        self.call_arc(func, args)
    }

    /// [`Lowerer::call`] with a name the file already shares (the parser's copy).
    fn call_arc(&mut self, func: Arc<str>, args: Vec<Operand>) -> Operand {
        self.emit(Stmt::Call {
            func,
            args,
            inbounds: self.inbounds,
        })
    }

    fn new_label(&mut self) -> LabelId {
        let id = self.n_labels;
        self.n_labels += 1;
        if id == self.labels.len() {
            self.labels.push(Label::default());
        } else {
            let label = &mut self.labels[id];
            label.pos = None;
            label.pending.clear();
        }
        id
    }

    /// Opens a block scope (`let`, `for`, `while`).
    fn push_block(&mut self) {
        if self.n_blocks == self.blocks.len() {
            self.blocks.push(Vec::new());
        } else {
            self.blocks[self.n_blocks].clear();
        }
        self.n_blocks += 1;
    }

    fn pop_block(&mut self) {
        self.n_blocks -= 1;
        self.blocks[self.n_blocks].clear();
    }

    /// The innermost block scope.
    fn innermost_block(&mut self) -> &mut Vec<(Arc<str>, SlotId)> {
        &mut self.blocks[self.n_blocks - 1]
    }

    /// Binds `label` to the next statement; code there is reachable if a jump was
    /// emitted to it (or control falls through).
    fn bind(&mut self, label: LabelId) {
        let pos = self.n_stmts;
        let Label { pos: at, pending } = &mut self.labels[label];
        *at = Some(pos);
        if self.keep {
            for &at in pending.iter() {
                match &mut self.stmts[at] {
                    Stmt::Goto(d) | Stmt::GotoIfNot { dest: d, .. } => *d = StmtId::from_index(pos),
                    _ => unreachable!("pending jumps are jumps"),
                }
            }
        }
        if !pending.is_empty() {
            self.reachable = true;
        }
        pending.clear();
    }

    fn jump_dest(&mut self, label: LabelId) -> StmtId {
        match self.labels[label].pos {
            Some(p) => StmtId::from_index(p),
            None => {
                if self.reachable {
                    self.labels[label].pending.push(self.n_stmts);
                }
                StmtId::from_index(0)
            }
        }
    }

    fn goto(&mut self, label: LabelId) {
        let dest = self.jump_dest(label);
        self.emit(Stmt::Goto(dest));
    }

    fn goto_if_not(&mut self, cond: Operand, label: LabelId) {
        let dest = self.jump_dest(label);
        self.emit(Stmt::GotoIfNot { cond, dest });
    }

    /// A fresh temporary slot `@_n`.
    fn temp(&mut self) -> SlotId {
        let id = SlotId::from_index(self.slots.len());
        self.slots.push(Slot {
            name: self.cx.temp_name(self.slots.len() + 1),
            declared: None,
        });
        id
    }

    /// A new slot named by the file's shared copy of the name.
    fn new_slot(&mut self, name: &Arc<str>, declared: Option<TypeId>) -> SlotId {
        let id = SlotId::from_index(self.slots.len());
        self.slots.push(Slot {
            name: name.clone(),
            declared,
        });
        id
    }

    /// `return v`, converted to the declared return type.
    fn emit_return(&mut self, v: Operand) {
        let v = match self.return_type {
            Some(r) => self.convert(r, v),
            None => v,
        };
        self.emit(Stmt::Return(v));
    }

    /// `typeassert(convert(T, v), T)`.
    fn convert(&mut self, ty: TypeId, v: Operand) -> Operand {
        let args = self.ops([Operand::Const(Const::Type(ty)), v]);
        let c = self.call(Known::Convert, args);
        self.emit(Stmt::TypeAssert { value: c, ty })
    }

    fn finish(&mut self, v: Operand, u: Use) -> Operand {
        if u == Use::Tail {
            self.emit_return(v);
            NOTHING
        } else {
            v
        }
    }

    fn err(&mut self, code: ErrorCode, span: Span, message: impl Into<String>, note: &str) {
        self.errors
            .push(error(self.file, code, span, message, note));
    }

    fn resolve(&mut self, ty: ExprId) -> TypeId {
        match resolve_type(self.cx, ty, self.sparams) {
            Ok(t) => t,
            Err(d) => {
                self.errors.push(d);
                self.store.common().any
            }
        }
    }

    fn bits(&self, ty: LitType, bits: u128) -> Operand {
        let ty = self.cx.lit_type(ty);
        Operand::Const(Const::Bits { ty, bits })
    }

    // ----- names ------------------------------------------------------------------------

    fn lookup(&mut self, name: &Arc<str>) -> NameRef {
        for block in self.blocks[..self.n_blocks].iter().rev() {
            if let Some((_, s)) = block.iter().rev().find(|(n, _)| same(n, name)) {
                return NameRef::Slot(*s);
            }
        }
        if let Some((_, s)) = self.fn_names.iter().find(|(n, _)| same(n, name)) {
            return NameRef::Slot(*s);
        }
        if self.scopes.locals.iter().any(|n| same(n, name)) {
            return NameRef::Slot(self.function_local(name));
        }
        if let Some(i) = self.sparams.iter().rposition(|(n, _)| **n == **name) {
            return NameRef::SParam(i as u32);
        }
        let key = name_key(name);
        let name: &str = name;
        if name == "nothing" {
            return NameRef::Nothing;
        }
        if let Some(&known) = self.cx.globals.borrow().get(&key) {
            return match known {
                Some(t) => NameRef::Type(t),
                None if self.cx.is_const.is_some() && {
                    let consts = self.cx.const_names.borrow();
                    !consts.is_empty() && consts.get(&key) == Some(&true)
                } =>
                {
                    NameRef::Const
                }
                None => NameRef::Global,
            };
        }
        let is_type = self.store.binding(name).is_some()
            || self.cx.staged.is_some_and(|s| s.get(name).is_some());
        let mut found = None;
        if is_type {
            let scope: Vec<(&str, VarId)> = Vec::new();
            if let Ok(t) = self.store.parse_in(name, &scope, self.cx.staged) {
                found = Some(t);
            }
        }
        self.cx.globals.borrow_mut().insert(key, found);
        if found.is_none() && self.cx.is_const.is_some_and(|f| f(name)) {
            self.cx.const_names.borrow_mut().insert(key, true);
            return NameRef::Const;
        }
        found.map_or(NameRef::Global, NameRef::Type)
    }

    /// The slot of a function-level local, made on first use.
    fn function_local(&mut self, name: &Arc<str>) -> SlotId {
        if let Some((_, s)) = self.fn_names.iter().find(|(n, _)| same(n, name)) {
            return *s;
        }
        let declared = self
            .scopes
            .decls
            .iter()
            .find(|(n, _)| same(n, name))
            .map(|&(_, t)| t)
            .map(|t| self.resolve(t));
        let s = self.new_slot(name, declared);
        self.fn_names.push((name.clone(), s));
        s
    }

    fn read_name(&mut self, name: &Arc<str>) -> Operand {
        match self.lookup(name) {
            NameRef::Slot(s) => Operand::Slot(s),
            NameRef::SParam(i) => Operand::SParam(i),
            NameRef::Type(t) => Operand::Const(Const::Type(t)),
            NameRef::Nothing => NOTHING,
            NameRef::Global => Operand::Const(Const::Function(name.clone())),
            NameRef::Const => {
                let getter = self.cx.intern(&super::const_getter(name));
                let args = self.operands(0);
                self.call_arc(getter, args)
            }
        }
    }

    /// The slot an assignment to `name` writes (making the local if needed).
    fn slot_for_assign(&mut self, name: &Arc<str>, span: Span) -> Option<SlotId> {
        for block in self.blocks[..self.n_blocks].iter().rev() {
            if let Some((_, s)) = block.iter().rev().find(|(n, _)| same(n, name)) {
                return Some(*s);
            }
        }
        if self.sparams.iter().any(|(n, _)| **n == **name)
            && !self.fn_names.iter().any(|(n, _)| same(n, name))
        {
            self.err(
                ErrorCode::Lower,
                span,
                format!("cannot assign to static parameter `{name}`"),
                "static parameters are constants of the method; use a local with another name",
            );
            return None;
        }
        Some(self.function_local(name))
    }

    /// Applies a declaration `x::T` to a slot (checking it agrees with earlier ones).
    fn declare_slot(&mut self, slot: SlotId, ty: TypeId, span: Span) {
        if slot.index() < self.nargs {
            self.err(
                ErrorCode::Lower,
                span,
                format!(
                    "cannot declare the type of argument `{}` in the body",
                    self.slots[slot.index()].name
                ),
                "declare the argument's type in the signature instead",
            );
            return;
        }
        match self.slots[slot.index()].declared {
            None => self.slots[slot.index()].declared = Some(ty),
            Some(t) if t == ty => {}
            Some(t) => {
                let msg = format!(
                    "local `{}` is declared both `{}` and `{}`",
                    self.slots[slot.index()].name,
                    self.store.show(t),
                    self.store.show(ty)
                );
                self.err(
                    ErrorCode::Lower,
                    span,
                    msg,
                    "a local has one declared type; remove one declaration",
                );
            }
        }
    }

    /// `slot = v`, converting to the slot's declared type.
    fn set_slot(&mut self, slot: SlotId, v: Operand) {
        let v = match self.slots[slot.index()].declared {
            Some(t) => self.convert(t, v),
            None => v,
        };
        self.emit(Stmt::SlotSet { slot, value: v });
    }
}

impl<'a> Lowerer<'a, '_> {
    // ----- expressions ------------------------------------------------------------------

    fn lower(&mut self, e: ExprId, u: Use) -> Operand {
        let ast = self.ast;
        let outer_span = self.span;
        self.span = ast.span(e);
        let v = self.lower_inner(e, u);
        self.span = outer_span;
        v
    }

    fn lower_inner(&mut self, e: ExprId, u: Use) -> Operand {
        let ast = self.ast;
        let span = ast.span(e);
        match ast.expr(e) {
            Expr::Literal(lit) => {
                let v = self.literal(lit);
                self.finish(v, u)
            }
            Expr::Name(n) => {
                let v = self.read_name(n);
                self.finish(v, u)
            }
            Expr::Dot { value, field } => {
                let v = self.dot(e, *value, field);
                self.finish(v, u)
            }
            Expr::Call { callee, args, .. } => {
                let v = self.lower_call(e, *callee, ast.list(*args));
                self.finish(v, u)
            }
            Expr::Curly { .. } | Expr::Where { .. } | Expr::SubtypeBound { .. } => {
                let t = self.resolve(e);
                self.finish(Operand::Const(Const::Type(t)), u)
            }
            Expr::Index { value, indices } => {
                let args = self.index_operands(*value, ast.list(*indices), false);
                let v = self.call(Known::GetIndex, args);
                self.finish(v, u)
            }
            Expr::Comparison(items) => {
                let v = self.comparison(ast.list(*items));
                self.finish(v, u)
            }
            Expr::IndexBound { last } => {
                let v = self.index_bound(*last, span);
                self.finish(v, u)
            }
            // `@simd`: the loop (LLVM's vectorizer decides; no loop metadata yet).
            Expr::Simd(x) => self.lower(*x, u),
            Expr::FastMath(x) => {
                let saved = std::mem::replace(&mut self.fastmath, true);
                let v = self.lower(*x, u);
                self.fastmath = saved;
                v
            }
            Expr::Tuple(items) => {
                let args = self.lower_args(ast.list(*items), false);
                let v = self.emit(Stmt::Tuple(args));
                self.finish(v, u)
            }
            Expr::And(a, b) => self.and_or(*a, *b, true, u),
            Expr::Or(a, b) => self.and_or(*a, *b, false, u),
            Expr::Ternary {
                cond,
                then,
                otherwise,
            } => self.lower_if(&[*cond, *then], Some(*otherwise), u),
            Expr::If {
                branches,
                otherwise,
            } => self.lower_if(ast.list(*branches), *otherwise, u),
            Expr::TypeAssert { value, ty } => {
                let v = self.lower(*value, Use::Value);
                let t = self.resolve(*ty);
                let v = self.emit(Stmt::TypeAssert { value: v, ty: t });
                self.finish(v, u)
            }
            Expr::Assign { lhs, rhs } => {
                let v = self.assign(*lhs, *rhs);
                self.finish(v, u)
            }
            Expr::OpAssign { op, lhs, rhs } => {
                let v = self.op_assign(op, *lhs, *rhs);
                self.finish(v, u)
            }
            Expr::Block(items) => {
                let Some((&last, init)) = ast.list(*items).split_last() else {
                    return self.finish(NOTHING, u);
                };
                for &s in init {
                    self.lower(s, Use::Effect);
                }
                self.lower(last, u)
            }
            Expr::While { cond, body } => {
                self.lower_while(*cond, *body);
                self.finish(NOTHING, u)
            }
            Expr::For { var, iter, body } => {
                self.lower_for(*var, *iter, *body);
                self.finish(NOTHING, u)
            }
            Expr::Break | Expr::Continue => {
                let is_break = matches!(ast.expr(e), Expr::Break);
                match self.loops.last().copied() {
                    Some((cont, brk)) => self.goto(if is_break { brk } else { cont }),
                    None => self.err(
                        ErrorCode::Lower,
                        span,
                        format!(
                            "`{}` outside a loop",
                            if is_break { "break" } else { "continue" }
                        ),
                        "`break` and `continue` may only appear inside `while` or `for`",
                    ),
                }
                NOTHING
            }
            Expr::Return(v) => {
                let v = match v {
                    Some(v) => self.lower(*v, Use::Value),
                    None => NOTHING,
                };
                self.emit_return(v);
                NOTHING
            }
            Expr::Local(entries) => {
                let mut last = NOTHING;
                for &entry in ast.list(*entries) {
                    last = self.local(entry);
                }
                self.finish(last, u)
            }
            Expr::Let { bindings, body } => {
                self.push_block();
                for &b in ast.list(*bindings) {
                    self.let_binding(b);
                }
                let v = self.lower(*body, u);
                self.pop_block();
                v
            }
            Expr::Ccall(c) => {
                let v = self.ccall(&c.name, c.ret, &c.arg_types, &c.args);
                self.finish(v, u)
            }
            Expr::Inbounds(x) => {
                let saved = self.inbounds;
                self.inbounds = true;
                let v = self.lower(*x, u);
                self.inbounds = saved;
                v
            }
            Expr::BoundsCheck(x) => {
                let skip = self.new_label();
                let c = self.emit(Stmt::BoundsCheck);
                self.goto_if_not(c, skip);
                self.lower(*x, Use::Effect);
                self.bind(skip);
                self.finish(NOTHING, u)
            }
            Expr::Lambda { .. } => {
                self.err(
                    ErrorCode::Lower,
                    span,
                    "internal error (this is a strata bug): an anonymous function reached lowering without closure conversion",
                    "load the file through `Session`, which converts closures first",
                );
                NOTHING
            }
            Expr::Error => {
                self.err(
                    ErrorCode::Lower,
                    span,
                    "cannot lower an expression that did not parse",
                    "fix the syntax errors reported for this file first",
                );
                NOTHING
            }
        }
    }

    fn literal(&mut self, lit: &Literal) -> Operand {
        match lit {
            Literal::Int { value, ty } => self.bits(LitType::Int(*ty), *value),
            Literal::Float { value, f32: true } => {
                self.bits(LitType::Float32, (*value as f32).to_bits() as u128)
            }
            Literal::Float { value, f32: false } => {
                self.bits(LitType::Float64, value.to_bits() as u128)
            }
            Literal::Bool(b) => self.bits(LitType::Bool, *b as u128),
            Literal::Nothing => NOTHING,
            Literal::Symbol(s) => Operand::Const(Const::Symbol(self.store.intern_sym(s))),
            Literal::Str(s) => Operand::Const(Const::Str(s.as_ref().into())),
            Literal::Char(c) => self.bits(LitType::Char, *c as u32 as u128),
        }
    }

    /// Evaluates `exprs` left to right. A slot read is copied to an SSA value when a
    /// later expression (or `more_assigns`: code run after these) may assign.
    fn lower_args(&mut self, exprs: &[ExprId], more_assigns: bool) -> Vec<Operand> {
        // Argument `i` is followed by an assignment when one is among `exprs[i + 1..]`
        // (or `more_assigns`): that is, when `i` is before the last assigning argument.
        let last_assign = exprs.iter().rposition(|e| self.ast.has_assign(*e));
        let later_assigns = |i: usize| more_assigns || last_assign.is_some_and(|k| k > i);
        let mut out = self.operands(exprs.len());
        let ast = self.ast;
        for (i, &e) in exprs.iter().enumerate() {
            // Names and literals (most arguments) directly: they emit nothing, so the
            // span `lower` would set is not used.
            let v = match ast.expr(e) {
                Expr::Name(n) => self.read_name(n),
                Expr::Literal(lit) => self.literal(lit),
                _ => self.lower(e, Use::Value),
            };
            let v = match v {
                Operand::Slot(_) if later_assigns(i) => {
                    let saved = std::mem::replace(&mut self.span, self.ast.span(e));
                    let v = self.emit(Stmt::Value(v));
                    self.span = saved;
                    v
                }
                v => v,
            };
            out.push(v);
        }
        out
    }

    /// `Core.Intrinsics.x` → `["Core", "Intrinsics", "x"]`, when the root is a module
    /// name (`Core`, `Base`) and not a local.
    fn module_path(&mut self, e: ExprId) -> Option<Vec<&'a str>> {
        let ast = self.ast;
        // Most dots are field reads: find the root before allocating the path.
        let mut cur = e;
        let mut dots = 0;
        while let Expr::Dot { value, .. } = ast.expr(cur) {
            cur = *value;
            dots += 1;
        }
        match ast.expr(cur) {
            Expr::Name(n) if crate::syntax::parser::is_known_module(n) && dots <= 3 => {}
            _ => return None,
        }
        let mut path = Vec::new();
        let mut cur = e;
        loop {
            match ast.expr(cur) {
                Expr::Dot { value, field } => {
                    path.push(&*field.name);
                    cur = *value;
                }
                Expr::Name(n) if crate::syntax::parser::is_known_module(n) && path.len() <= 2 => {
                    if !matches!(self.lookup(n), NameRef::Global) {
                        return None;
                    }
                    path.push(&**n);
                    path.reverse();
                    return Some(path);
                }
                _ => return None,
            }
        }
    }

    fn dot(&mut self, e: ExprId, value: ExprId, field: &Ident) -> Operand {
        if let Some(path) = self.module_path(e) {
            if path.len() == 3 && path[1] == "Intrinsics" || path == ["Core", "Intrinsics"] {
                self.err(
                    ErrorCode::Lower,
                    self.ast.span(e),
                    "an intrinsic can only be called",
                    "write `Core.Intrinsics.name(args…)`",
                );
                return NOTHING;
            }
            if path.len() == 2 {
                return Operand::Const(Const::Function(path[1].into()));
            }
        }
        let v = self.lower(value, Use::Value);
        let sym = self.store.intern_sym(&field.name);
        self.emit(Stmt::GetField {
            value: v,
            field: Field::Name(sym),
        })
    }

    fn lower_call(&mut self, e: ExprId, callee: ExprId, args: &[ExprId]) -> Operand {
        let ast = self.ast;
        let span = ast.span(e);
        match ast.expr(callee) {
            Expr::Name(f) => match self.lookup(f) {
                // A function held in a local (an argument such as `op`): called by
                // dispatch on its type, as in Julia.
                NameRef::Slot(_) => self.call_value(callee, args),
                NameRef::SParam(_) | NameRef::Nothing | NameRef::Const => {
                    self.err(
                        ErrorCode::Lower,
                        ast.span(callee),
                        format!("cannot call `{f}`: it is a static parameter or `nothing`, not a function"),
                        "for a static parameter `T`, write `convert(T, x)` or `zero(T)`",
                    );
                    self.lower_args(args, false);
                    NOTHING
                }
                NameRef::Type(t) => {
                    if let Some(v) = self.val_of_literal(t, args) {
                        return v;
                    }
                    let func = self.type_function_name(t, f);
                    let args = self.lower_args(args, false);
                    self.call_arc(func, args)
                }
                NameRef::Global => self.named_call(f, span, args),
            },
            Expr::Curly { callee: head, .. } => {
                let t = self.resolve(callee);
                if args.is_empty() && self.is_singleton_struct(t) {
                    // `Val{3}()`: the default constructor of a struct without fields
                    // is its one instance.
                    return self.emit(Stmt::New {
                        ty: t,
                        args: Vec::new(),
                    });
                }
                let written = match ast.expr(*head) {
                    Expr::Name(n) => n.to_string(),
                    _ => self.file.slice(ast.span(*head)).to_string(),
                };
                let func = self.type_function_name(t, &written);
                let mut ops = self.ops([Operand::Const(Const::Type(t))]);
                let rest = self.lower_args(args, false);
                ops.extend_from_slice(&rest);
                self.recycle(rest);
                self.call_arc(func, ops)
            }
            Expr::Dot { field, .. } => match self.module_path(callee) {
                Some(path) if path.len() == 3 && path[0] == "Core" && path[1] == "Intrinsics" => {
                    self.intrinsic(field, span, args)
                }
                Some(path) if path.len() == 2 => self.named_call(&field.name, span, args),
                // A field holding a function (`s.op(x)`).
                _ => self.call_value(callee, args),
            },
            // Any other expression as the callee (`ops[1](x)`, `make_op()(x)`): its
            // value is called by dispatch on its type.
            _ => self.call_value(callee, args),
        }
    }

    /// Whether `t` is an immutable struct type without fields (with its parameters
    /// given, possibly as static parameters): `Val{3}`, `Val{N}`.
    fn is_singleton_struct(&self, t: TypeId) -> bool {
        let Some(name) = self.store.data_name(t) else {
            return false;
        };
        matches!(
            self.store.name(name).kind,
            crate::types::NameKind::Struct { mutable: false }
        ) && self.store.fields(name).is_empty()
            && self.store.name(name).fields.get().is_some()
            && name != self.store.common().tuple_name
    }

    /// `Val(3)`, `Val(true)`, `Val(:x)` with a literal: the instance of `Val{3}`
    /// (Julia's `Val(x) = Val{x}()`, which inference folds for a constant `x`; here the
    /// literal is folded when lowering, and `Val(x)` of a variable is not supported).
    fn val_of_literal(&mut self, t: TypeId, args: &[ExprId]) -> Option<Operand> {
        let store = self.store;
        let name = store.data_name(store.unwrap_unionall(t).0)?;
        if store.name_str(name) != "Val" || args.len() != 1 {
            return None;
        }
        let param = match self.ast.expr(args[0]) {
            Expr::Literal(Literal::Int { value, ty })
                if LitType::Int(*ty).type_name() == "Int64" =>
            {
                store.int_value(i64::try_from(*value).ok()?)
            }
            Expr::Literal(Literal::Bool(b)) => store.bool_value(*b),
            Expr::Literal(Literal::Symbol(s)) => store.symbol_value(s),
            _ => return None,
        };
        let ty = store.apply(t, &[param]).ok()?;
        Some(self.emit(Stmt::New {
            ty,
            args: Vec::new(),
        }))
    }

    /// `callee(args…)` with a computed callee: the callee first, then the arguments,
    /// left to right (Julia's order), then a [`Stmt::CallValue`].
    fn call_value(&mut self, callee: ExprId, args: &[ExprId]) -> Operand {
        let mut exprs = Vec::with_capacity(args.len() + 1);
        exprs.push(callee);
        exprs.extend_from_slice(args);
        let mut ops = self.lower_args(&exprs, false);
        let callee = ops.remove(0);
        self.emit(Stmt::CallValue {
            callee,
            args: ops,
            inbounds: self.inbounds,
        })
    }

    /// The function a call of type `t` (written `written`) calls: the type's name.
    fn type_function_name(&self, t: TypeId, written: &str) -> Arc<str> {
        let (body, _) = self.store.unwrap_unionall(t);
        match self.store.kind(body) {
            TypeKind::Data { name, .. } => self.cx.intern(self.store.name_str(*name)),
            _ => self.cx.intern(written),
        }
    }

    /// A call of a global name: special forms first, then a generic call.
    fn named_call(&mut self, name: &Arc<str>, span: Span, args: &[ExprId]) -> Operand {
        let f: &str = name;
        match (f, args.len()) {
            ("throw", 1) => self.throw(args[0]),
            ("getfield", 2) => {
                let v = self.lower(args[0], Use::Value);
                let field = match self.ast.expr(args[1]) {
                    Expr::Literal(Literal::Symbol(s)) => Field::Name(self.store.intern_sym(s)),
                    Expr::Literal(Literal::Int { value, .. })
                        if *value >= 1 && *value <= u32::MAX as u128 =>
                    {
                        Field::Index(*value as u32)
                    }
                    _ => Field::Dynamic(self.lower(args[1], Use::Value)),
                };
                self.emit(Stmt::GetField { value: v, field })
            }
            ("throw" | "getfield", n) => {
                self.err(
                    ErrorCode::Lower,
                    span,
                    format!(
                        "`{f}` takes {}, got {n}",
                        if f == "throw" {
                            "1 argument"
                        } else {
                            "2 arguments"
                        }
                    ),
                    if f == "throw" {
                        "write `throw(e)` with one exception value"
                    } else {
                        "write `getfield(x, :name)` or `getfield(x, i)`"
                    },
                );
                NOTHING
            }
            ("tuple", _) => {
                let args = self.lower_args(args, false);
                self.emit(Stmt::Tuple(args))
            }
            _ => {
                let args = self.lower_args(args, false);
                let name = self.fast_name(name, args.len());
                self.call_arc(name, args)
            }
        }
    }

    /// Under `@fastmath`, the fast variant of an arithmetic operator (Julia's
    /// `Base.FastMath` table for `+ - * /`); else `name`.
    fn fast_name(&self, name: &Arc<str>, nargs: usize) -> Arc<str> {
        if !self.fastmath || nargs != 2 {
            return name.clone();
        }
        match &**name {
            "+" => self.cx.intern("add_fast"),
            "-" => self.cx.intern("sub_fast"),
            "*" => self.cx.intern("mul_fast"),
            "/" => self.cx.intern("div_fast"),
            _ => name.clone(),
        }
    }

    fn intrinsic(&mut self, name: &Ident, span: Span, args: &[ExprId]) -> Operand {
        let ops = self.lower_args(args, false);
        match Intrinsic::from_name(&name.name) {
            None => {
                self.err(
                    ErrorCode::Lower,
                    name.span,
                    format!("unknown intrinsic `Core.Intrinsics.{}`", name.name),
                    "the intrinsics are Julia's integer, float, conversion and pointer \
                     intrinsics listed in `ir::Intrinsic` (`add_int`, `slt_int`, \
                     `fptosi`, `pointerref`, …)",
                );
                NOTHING
            }
            Some(op) if op.arity() != ops.len() => {
                self.err(
                    ErrorCode::Lower,
                    span,
                    format!(
                        "`Core.Intrinsics.{}` takes {} arguments, got {}",
                        op.name(),
                        op.arity(),
                        ops.len()
                    ),
                    "intrinsics take a fixed number of arguments",
                );
                NOTHING
            }
            Some(op) => self.emit(Stmt::Intrinsic { op, args: ops }),
        }
    }

    /// `throw(e)`: evaluate `e`, report through the runtime, `unreachable`.
    fn throw(&mut self, arg: ExprId) -> Operand {
        let ast = self.ast;
        self.lower(arg, Use::Value);
        let name = match ast.expr(arg) {
            Expr::Call { callee, .. } => match ast.expr(*callee) {
                Expr::Name(n) => n.to_string(),
                Expr::Curly { callee: head, .. } => match ast.expr(*head) {
                    Expr::Name(n) => n.to_string(),
                    _ => "exception".to_string(),
                },
                _ => "exception".to_string(),
            },
            Expr::Name(n) if matches!(self.lookup(n), NameRef::Type(_)) => n.to_string(),
            _ => "exception".to_string(),
        };
        let line = self.file.line_col(self.span.start).0 as u128;
        let args = self.ops([Operand::Const(Const::Str(name.into()))]);
        self.call(Known::ReportExceptionName, args);
        let frame = [
            self.bits(LitType::Int32, 1),
            Operand::Const(Const::Str(self.fname.clone())),
            Operand::Const(Const::Str(self.file.name.clone())),
            self.bits(LitType::Int32, line),
        ];
        let frame = self.ops(frame);
        self.call(Known::ReportExceptionFrame, frame);
        let args = self.ops([]);
        self.call(Known::SignalException, args);
        self.emit(Stmt::Unreachable);
        NOTHING
    }

    fn ccall(
        &mut self,
        name: &(Box<str>, Span),
        ret: ExprId,
        arg_types: &[ExprId],
        args: &[ExprId],
    ) -> Operand {
        let target = if let Some(sym) = name.0.strip_prefix("extern ") {
            Some(Foreign::Extern(sym.trim().into()))
        } else if name.0.starts_with("llvm.") {
            Some(Foreign::LlvmIntrinsic(name.0.as_ref().into()))
        } else {
            self.err(
                ErrorCode::Lower,
                name.1,
                format!("unsupported ccall target \"{}\"", name.0),
                "kernels call external functions as \"extern name\" and LLVM intrinsics \
                 as \"llvm.name\", with the `llvmcall` convention",
            );
            None
        };
        let ret = self.resolve(ret);
        let types: Vec<TypeId> = arg_types.iter().map(|&t| self.resolve(t)).collect();
        if types.len() != args.len() {
            self.err(
                ErrorCode::Lower,
                self.span,
                format!(
                    "ccall declares {} argument types but passes {} arguments",
                    types.len(),
                    args.len()
                ),
                "give one type in the argument-type tuple per argument",
            );
        }
        let ops = self.lower_args(args, false);
        let Some(target) = target else { return NOTHING };
        if types.len() != ops.len() {
            return NOTHING;
        }
        let ops: Vec<Operand> = types
            .iter()
            .zip(ops)
            .map(|(&t, v)| {
                let args = self.ops([Operand::Const(Const::Type(t)), v]);
                self.call(Known::Convert, args)
            })
            .collect();
        self.emit(Stmt::Foreign {
            target,
            ret,
            arg_types: types,
            args: ops,
        })
    }

    // ----- control flow -----------------------------------------------------------------

    /// Jumps to `if_false` when `cond` is false; `&&` and `||` jump directly.
    fn cond(&mut self, cond: ExprId, if_false: LabelId) {
        let ast = self.ast;
        let saved = std::mem::replace(&mut self.span, ast.span(cond));
        match ast.expr(cond) {
            Expr::And(a, b) => {
                self.cond(*a, if_false);
                self.cond(*b, if_false);
            }
            Expr::Or(a, b) => {
                let done = self.new_label();
                let next = self.new_label();
                let c = self.lower(*a, Use::Value);
                self.goto_if_not(c, next);
                self.goto(done);
                self.bind(next);
                self.cond(*b, if_false);
                self.bind(done);
            }
            Expr::Literal(Literal::Bool(true)) => {}
            _ => {
                let c = self.lower(cond, Use::Value);
                self.goto_if_not(c, if_false);
            }
        }
        self.span = saved;
    }

    /// `if`/`elseif`/`else` (and `c ? a : b`): `branches` are `cond, block` pairs.
    fn lower_if(&mut self, branches: &[ExprId], otherwise: Option<ExprId>, u: Use) -> Operand {
        let tmp = (u == Use::Value).then(|| self.temp());
        let end = self.new_label();
        for pair in branches.chunks_exact(2) {
            let (c, block) = (pair[0], pair[1]);
            let next = self.new_label();
            self.cond(c, next);
            let v = self.lower(block, u);
            if let Some(tmp) = tmp {
                self.emit(Stmt::SlotSet {
                    slot: tmp,
                    value: v,
                });
            }
            self.goto(end);
            self.bind(next);
        }
        match otherwise {
            Some(o) => {
                let v = self.lower(o, u);
                if let Some(tmp) = tmp {
                    self.emit(Stmt::SlotSet {
                        slot: tmp,
                        value: v,
                    });
                }
            }
            None => match u {
                Use::Value => {
                    if let Some(tmp) = tmp {
                        self.emit(Stmt::SlotSet {
                            slot: tmp,
                            value: NOTHING,
                        });
                    }
                }
                Use::Tail => self.emit_return(NOTHING),
                Use::Effect => {}
            },
        }
        self.bind(end);
        match tmp {
            Some(tmp) => Operand::Slot(tmp),
            None => NOTHING,
        }
    }

    /// `a && b` (`and`) or `a || b`.
    fn and_or(&mut self, a: ExprId, b: ExprId, and: bool, u: Use) -> Operand {
        let short = self.bits(LitType::Bool, (!and) as u128);
        let other = self.new_label();
        let c = self.lower(a, Use::Value);
        self.goto_if_not(c, other);
        match u {
            Use::Tail => {
                // `a && b`: b is returned when a holds, else false.
                if and {
                    self.lower(b, Use::Tail);
                    self.bind(other);
                    self.emit_return(short);
                } else {
                    self.emit_return(short);
                    self.bind(other);
                    self.lower(b, Use::Tail);
                }
                NOTHING
            }
            Use::Effect => {
                let end = self.new_label();
                if and {
                    self.lower(b, Use::Effect);
                    self.bind(other);
                } else {
                    self.goto(end);
                    self.bind(other);
                    self.lower(b, Use::Effect);
                }
                self.bind(end);
                NOTHING
            }
            Use::Value => {
                let tmp = self.temp();
                let end = self.new_label();
                if and {
                    let v = self.lower(b, Use::Value);
                    self.emit(Stmt::SlotSet {
                        slot: tmp,
                        value: v,
                    });
                    self.goto(end);
                    self.bind(other);
                    self.emit(Stmt::SlotSet {
                        slot: tmp,
                        value: short,
                    });
                } else {
                    self.emit(Stmt::SlotSet {
                        slot: tmp,
                        value: short,
                    });
                    self.goto(end);
                    self.bind(other);
                    let v = self.lower(b, Use::Value);
                    self.emit(Stmt::SlotSet {
                        slot: tmp,
                        value: v,
                    });
                }
                self.bind(end);
                Operand::Slot(tmp)
            }
        }
    }

    /// The operands of `value[indices…]` (the value first), evaluated left to right.
    /// When an index mentions `end` or `begin`, the value is evaluated once into an
    /// SSA value and each index is lowered knowing its position (Julia lowers
    /// `a[i, end]` to `lastindex(a, 2)`, `a[end]` to `lastindex(a)`).
    fn index_operands(
        &mut self,
        value: ExprId,
        indices: &[ExprId],
        more_assigns: bool,
    ) -> Vec<Operand> {
        if !indices.iter().any(|&i| mentions_index_bound(self.ast, i)) {
            let exprs = value_then(value, indices);
            return self.lower_args(&exprs, more_assigns);
        }
        let last_assign = indices.iter().rposition(|e| self.ast.has_assign(*e));
        let mut out = self.operands(indices.len() + 1);
        let arr = self.lower(value, Use::Value);
        let arr = match arr {
            Operand::Slot(_) => self.emit(Stmt::Value(arr)),
            a => a,
        };
        out.push(arr.clone());
        let n = indices.len() as u32;
        for (d, &ix) in indices.iter().enumerate() {
            self.index_ctx.push((arr.clone(), d as u32 + 1, n));
            let v = self.lower(ix, Use::Value);
            self.index_ctx.pop();
            let v = match v {
                Operand::Slot(_) if more_assigns || last_assign.is_some_and(|k| k > d) => {
                    self.emit(Stmt::Value(v))
                }
                v => v,
            };
            out.push(v);
        }
        out
    }

    /// `end` / `begin` inside an index: `lastindex(a)` / `firstindex(a)` for one
    /// index, `lastindex(a, d)` / `firstindex(a, d)` at position `d` of several.
    fn index_bound(&mut self, last: bool, span: Span) -> Operand {
        let Some((arr, d, n)) = self.index_ctx.last().cloned() else {
            self.err(
                ErrorCode::Lower,
                span,
                format!("`{}` outside an index", if last { "end" } else { "begin" }),
                "`end` and `begin` as values mean the last and first index of the array being indexed: `a[end]`",
            );
            return NOTHING;
        };
        let f = self
            .cx
            .intern(if last { "lastindex" } else { "firstindex" });
        let args = if n == 1 {
            self.ops([arr])
        } else {
            let d = self.bits(LitType::Int(crate::syntax::ast::IntLit::Int64), d as u128);
            self.ops([arr, d])
        };
        self.call_arc(f, args)
    }

    /// `a op1 b op2 c …`: each operand evaluated once, left to right; the first false
    /// comparison is the value and the rest is skipped (Julia's `comparison`).
    fn comparison(&mut self, items: &[ExprId]) -> Operand {
        let ast = self.ast;
        let tmp = self.temp();
        let fail = self.new_label();
        let end = self.new_label();
        let later_assign = |k: usize| items[k + 1..].iter().any(|e| ast.has_assign(*e));
        let mut a = self.lower(items[0], Use::Value);
        if matches!(a, Operand::Slot(_)) && later_assign(0) {
            a = self.emit(Stmt::Value(a));
        }
        let n_ops = (items.len() - 1) / 2;
        for k in 0..n_ops {
            let op = match ast.expr(items[1 + 2 * k]) {
                Expr::Name(n) => n.clone(),
                _ => self.cx.intern("=="),
            };
            let bi = 2 + 2 * k;
            let mut b = self.lower(items[bi], Use::Value);
            if matches!(b, Operand::Slot(_)) && later_assign(bi) {
                b = self.emit(Stmt::Value(b));
            }
            let args = self.ops([a, b.clone()]);
            let c = self.call_arc(op, args);
            if k + 1 < n_ops {
                self.goto_if_not(c, fail);
            } else {
                self.emit(Stmt::SlotSet {
                    slot: tmp,
                    value: c,
                });
                self.goto(end);
            }
            a = b;
        }
        self.bind(fail);
        let f = self.bits(LitType::Bool, 0);
        self.emit(Stmt::SlotSet {
            slot: tmp,
            value: f,
        });
        self.bind(end);
        Operand::Slot(tmp)
    }

    fn lower_while(&mut self, cond: ExprId, body: ExprId) {
        let top = self.new_label();
        let exit = self.new_label();
        self.bind(top);
        self.cond(cond, exit);
        self.loops.push((top, exit));
        self.push_block();
        self.lower(body, Use::Effect);
        self.pop_block();
        self.loops.pop();
        self.goto(top);
        self.bind(exit);
    }

    /// `for var in iter`: Julia 0.6's `start`/`done`/`next` protocol (see the module doc).
    fn lower_for(&mut self, var: ExprId, iter: ExprId, body: ExprId) {
        let ast = self.ast;
        let iter_v = self.lower(iter, Use::Value);
        let it = self.temp();
        self.emit(Stmt::SlotSet {
            slot: it,
            value: iter_v,
        });
        let args = self.ops([Operand::Slot(it)]);
        let start = self.call(Known::Start, args);
        let st = self.temp();
        self.emit(Stmt::SlotSet {
            slot: st,
            value: start,
        });
        let top = self.new_label();
        let exit = self.new_label();
        self.bind(top);
        let args = self.ops([Operand::Slot(it), Operand::Slot(st)]);
        let done = self.call(Known::Done, args);
        let args = self.ops([done]);
        let not_done = self.call(Known::Not, args);
        self.goto_if_not(not_done, exit);
        let args = self.ops([Operand::Slot(it), Operand::Slot(st)]);
        let next = self.call(Known::Next, args);
        let value = self.emit(Stmt::GetField {
            value: next.clone(),
            field: Field::Index(1),
        });
        let state = self.emit(Stmt::GetField {
            value: next,
            field: Field::Index(2),
        });
        self.push_block();
        let saved = std::mem::replace(&mut self.span, ast.span(var));
        self.bind_for_var(var, value);
        self.span = saved;
        self.emit(Stmt::SlotSet {
            slot: st,
            value: state,
        });
        self.loops.push((top, exit));
        self.lower(body, Use::Effect);
        self.loops.pop();
        self.pop_block();
        self.goto(top);
        self.bind(exit);
    }

    /// Binds a `for` variable (a name or a tuple of names) to `value` in the innermost
    /// block.
    fn bind_for_var(&mut self, var: ExprId, value: Operand) {
        let ast = self.ast;
        match ast.expr(var) {
            Expr::Name(n) => {
                let s = self.new_slot(n, None);
                self.innermost_block().push((n.clone(), s));
                self.emit(Stmt::SlotSet { slot: s, value });
            }
            Expr::Tuple(items) => {
                for (i, &item) in ast.list(*items).iter().enumerate() {
                    let v = self.emit(Stmt::GetField {
                        value: value.clone(),
                        field: Field::Index(i as u32 + 1),
                    });
                    self.bind_for_var(item, v);
                }
            }
            _ => self.err(
                ErrorCode::Lower,
                ast.span(var),
                "a `for` variable must be a name or a tuple of names",
                "write `for i in r` or `for (a, b) in pairs`",
            ),
        }
    }

    // ----- assignment -------------------------------------------------------------------

    fn assign(&mut self, lhs: ExprId, rhs: ExprId) -> Operand {
        let ast = self.ast;
        match ast.expr(lhs) {
            Expr::Index { value, indices } => {
                let ops = self.index_operands(*value, ast.list(*indices), self.ast.has_assign(rhs));
                let v = self.lower(rhs, Use::Value);
                let mut args = self.ops([ops[0].clone(), v.clone()]);
                args.extend(ops[1..].iter().cloned());
                self.recycle(ops);
                self.call(Known::SetIndex, args);
                v
            }
            Expr::Dot { value, field } => {
                let ops = self.lower_args(&[*value], self.ast.has_assign(rhs));
                let v = self.lower(rhs, Use::Value);
                let sym = Operand::Const(Const::Symbol(self.store.intern_sym(&field.name)));
                let args = self.ops([ops[0].clone(), sym, v.clone()]);
                self.recycle(ops);
                self.call(Known::SetProperty, args);
                v
            }
            Expr::Tuple(_) => {
                let t = self.lower(rhs, Use::Value);
                let t = match t {
                    Operand::Slot(_) => self.emit(Stmt::Value(t)),
                    t => t,
                };
                self.assign_to(lhs, t.clone());
                t
            }
            _ => {
                let v = self.lower(rhs, Use::Value);
                self.assign_to(lhs, v.clone());
                v
            }
        }
    }

    /// Stores `v` into an assignment target (its sub-expressions evaluated now).
    fn assign_to(&mut self, lhs: ExprId, v: Operand) {
        let ast = self.ast;
        let span = ast.span(lhs);
        match ast.expr(lhs) {
            Expr::Name(n) => {
                if let Some(s) = self.slot_for_assign(n, span) {
                    self.set_slot(s, v);
                }
            }
            Expr::TypeAssert { value, ty } => match ast.expr(*value) {
                Expr::Name(n) => {
                    let t = self.resolve(*ty);
                    if let Some(s) = self.slot_for_assign(n, span) {
                        self.declare_slot(s, t, span);
                        self.set_slot(s, v);
                    }
                }
                _ => self.bad_target(span),
            },
            Expr::Index { value, indices } => {
                let ops = self.index_operands(*value, ast.list(*indices), false);
                let mut args = self.ops([ops[0].clone(), v]);
                args.extend(ops[1..].iter().cloned());
                self.recycle(ops);
                self.call(Known::SetIndex, args);
            }
            Expr::Dot { value, field } => {
                let p = self.lower(*value, Use::Value);
                let sym = Operand::Const(Const::Symbol(self.store.intern_sym(&field.name)));
                let args = self.ops([p, sym, v]);
                self.call(Known::SetProperty, args);
            }
            Expr::Tuple(items) => {
                for (i, &item) in ast.list(*items).iter().enumerate() {
                    let x = self.emit(Stmt::GetField {
                        value: v.clone(),
                        field: Field::Index(i as u32 + 1),
                    });
                    self.assign_to(item, x);
                }
            }
            _ => self.bad_target(span),
        }
    }

    fn bad_target(&mut self, span: Span) {
        self.err(
            ErrorCode::Lower,
            span,
            "cannot assign to this expression",
            "assign to a name (`x = v`, `x::T = v`), an element (`a[i] = v`), a field \
             (`p.x = v`) or a tuple of those (`a, b = t`)",
        );
    }

    fn op_assign(&mut self, op: &Ident, lhs: ExprId, rhs: ExprId) -> Operand {
        let ast = self.ast;
        let span = ast.span(lhs);
        match ast.expr(lhs) {
            Expr::Name(n) => {
                let ops = self.lower_args(&[lhs, rhs], false);
                let f = self.fast_name(&op.name, 2);
                let s = self.call_arc(f, ops);
                if let Some(slot) = self.slot_for_assign(n, span) {
                    self.set_slot(slot, s.clone());
                }
                s
            }
            Expr::Index { value, indices } => {
                let has = self.ast.has_assign(rhs);
                let ops = self.index_operands(*value, ast.list(*indices), has);
                let mut get_args = self.operands(ops.len());
                get_args.extend_from_slice(&ops);
                let old = self.call(Known::GetIndex, get_args);
                let r = self.lower(rhs, Use::Value);
                let args = self.ops([old, r]);
                let s = self.call_arc(op.name.clone(), args);
                let mut args = self.ops([ops[0].clone(), s.clone()]);
                args.extend(ops[1..].iter().cloned());
                self.recycle(ops);
                self.call(Known::SetIndex, args);
                s
            }
            Expr::Dot { value, field } => {
                let has = self.ast.has_assign(rhs);
                let mut ops = self.lower_args(&[*value], has);
                let p = ops.pop().expect("one operand");
                self.recycle(ops);
                let sym = self.store.intern_sym(&field.name);
                let old = self.emit(Stmt::GetField {
                    value: p.clone(),
                    field: Field::Name(sym),
                });
                let r = self.lower(rhs, Use::Value);
                let args = self.ops([old, r]);
                let s = self.call_arc(op.name.clone(), args);
                let args = self.ops([p, Operand::Const(Const::Symbol(sym)), s.clone()]);
                self.call(Known::SetProperty, args);
                s
            }
            _ => {
                self.err(
                    ErrorCode::Lower,
                    span,
                    format!("cannot update this expression with `{}=`", op.name),
                    "the left side of `op=` is a name, an element `a[i]` or a field `p.x`",
                );
                NOTHING
            }
        }
    }

    /// One entry of `local …`.
    fn local(&mut self, entry: ExprId) -> Operand {
        let ast = self.ast;
        let span = ast.span(entry);
        let (target, rhs) = match ast.expr(entry) {
            Expr::Assign { lhs, rhs } => (*lhs, Some(*rhs)),
            _ => (entry, None),
        };
        let Some(name) = scope::declared_name(ast, target) else {
            self.err(
                ErrorCode::Lower,
                span,
                "`local` declares names",
                "write `local x`, `local x::T` or `local x = v`",
            );
            return NOTHING;
        };
        let ty = match ast.expr(target) {
            Expr::TypeAssert { ty, .. } => Some(self.resolve(*ty)),
            _ => None,
        };
        let v = rhs.map(|r| self.lower(r, Use::Value));
        let slot = if self.n_blocks == 0 {
            if self.fn_names[..]
                .iter()
                .any(|(n, s)| same(n, name) && s.index() < self.nargs)
            {
                self.err(
                    ErrorCode::Lower,
                    span,
                    format!("local `{name}` has the name of an argument"),
                    "arguments are already locals; use another name",
                );
                return NOTHING;
            }
            match self.slot_for_assign(name, span) {
                Some(s) => s,
                None => return NOTHING,
            }
        } else {
            let s = self.new_slot(name, None);
            self.innermost_block().push((name.clone(), s));
            s
        };
        if let Some(t) = ty {
            self.declare_slot(slot, t, span);
        }
        match v {
            Some(v) => {
                self.set_slot(slot, v.clone());
                v
            }
            None => NOTHING,
        }
    }

    /// One binding of `let`: a new slot in the innermost block.
    fn let_binding(&mut self, b: ExprId) {
        let ast = self.ast;
        let span = ast.span(b);
        let (target, rhs) = match ast.expr(b) {
            Expr::Assign { lhs, rhs } => (*lhs, Some(*rhs)),
            _ => (b, None),
        };
        let Some(name) = scope::declared_name(ast, target) else {
            self.err(
                ErrorCode::Lower,
                span,
                "a `let` binding must be a name",
                "write `let x = v`, `let x::T = v` or `let x`",
            );
            return;
        };
        let ty = match ast.expr(target) {
            Expr::TypeAssert { ty, .. } => Some(self.resolve(*ty)),
            _ => None,
        };
        // The right side sees the earlier bindings but not this one.
        let v = rhs.map(|r| self.lower(r, Use::Value));
        let s = self.new_slot(name, ty);
        self.innermost_block().push((name.clone(), s));
        if let Some(v) = v {
            self.set_slot(s, v);
        }
    }
}
