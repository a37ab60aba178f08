//! One method body → one LLVM function: control flow, slots, calls, builtins.
//!
//! The body is cut into basic blocks as inference cuts it (at jump targets and after
//! jumps, returns and `unreachable`). Before emitting, the blocks reachable from the
//! first one are found with branches folded: a condition that inference proved
//! constant, or an `Expr(:boundscheck)` flag of this variant, takes one edge; a
//! statement whose value is `Union{}` (a call that never returns, or code inference
//! never reached) ends its block with `unreachable`. Only reachable blocks are emitted,
//! so calls in dead code (the throw paths of elided bounds checks) are never declared.
//!
//! Values: an SSA value is the LLVM value of its statement (`None` for a ghost type);
//! an operand whose abstract value is a constant is materialized where it is used,
//! so statements without side effects whose value is constant are skipped. Slots are
//! `alloca`s in the entry block, created on first use (a reassigned argument is stored
//! into its slot on entry, others are read as the parameter; a local assigned once
//! before every read, by a statement whose block dominates the reads', is read as the
//! value assigned); SROA turns the allocas into SSA form.
//!
//! Unions and tuples: a value of a small isbits union is tagged (`types.rs`) where it
//! is assigned to a union slot, returned as a union or merged from a split call; a
//! call inference split over union arguments or a union callee (`CallInfo::Split`)
//! tests the tags and calls each target directly; a union slot read where inference
//! narrowed it to a member is that member. A run-time index into a tuple is bounds-checked (a
//! `BoundsError` through the runtime, as `throw` reports), reading through memory for
//! homogeneous tuples and switching over the fields (a union result) otherwise. Read
//! `intrinsics.rs` next.

use super::emit::{location_of, FnInfo, ModuleCx};
use super::optimize::{INLINE_DEPTH, INLINE_STMTS, INLINE_TOTAL};
use super::types::{Layout, LayoutKind};
use super::CodegenError;
use crate::infer::lattice::{field_types, sparam_subst, widenconst};
use crate::infer::{CallInfo, InferredCode, Lattice};
use crate::ir::{Const, Field, Foreign, Operand, Stmt, StmtId};
use crate::types::{TypeId, TypeKind, TypeStore};
use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::types::{BasicMetadataTypeEnum, BasicType, BasicTypeEnum};
use inkwell::values::{AggregateValueEnum, BasicMetadataValueEnum, BasicValue, BasicValueEnum};
use inkwell::values::{FunctionValue, InstructionOpcode, PointerValue, ValueKind};
use std::rc::Rc;
use std::sync::Arc;

/// A value: `None` for a value of a ghost (zero-size) type.
pub(crate) type Val<'ctx> = Option<BasicValueEnum<'ctx>>;

/// Why a statement stopped its block.
pub(crate) enum Stop {
    /// Control never gets past this statement: end the block with `unreachable`.
    Dead,
    Fail(CodegenError),
}

impl From<CodegenError> for Stop {
    fn from(e: CodegenError) -> Self {
        Stop::Fail(e)
    }
}

/// Emits the body of function `f` of the module.
pub(crate) fn emit_body(m: &mut ModuleCx<'_, '_>, f: usize) -> Result<(), CodegenError> {
    let FnInfo {
        value,
        code,
        inbounds,
        ..
    } = &m.funcs[f];
    let function = value.expect("a queued function is declared");
    let (code, inbounds) = (code.clone(), *inbounds);
    let entry_bb = m.ctx.append_basic_block(function, "top");
    m.inline_stack.clear();
    m.inline_stack.push(f);
    m.inlined_stmts = 0;
    let mut fx = FnCx::new(m, f, function, code, inbounds, entry_bb, None);
    let reachable = fx.reachable();
    fx.run(&reachable)
}

/// Emits the body of the kernel `entry` into its wrapper `function` (abi.rs) at the
/// builder's position, with allocas in `top`; the builder is left where the body
/// returns. Returns whether it does return (a kernel that always throws does not).
/// A kernel that calls itself is called instead (a recursive body is never inlined).
pub(crate) fn emit_entry_inline<'ctx>(
    m: &mut ModuleCx<'_, 'ctx>,
    entry: usize,
    function: FunctionValue<'ctx>,
    top: BasicBlock<'ctx>,
    args: Vec<Val<'ctx>>,
) -> Result<bool, CodegenError> {
    m.inline_stack.clear();
    m.inlined_stmts = 0;
    let il = inline_body(m, entry, function, top, args)?;
    Ok(il.returns > 0)
}

/// Emits `callee`'s body into `function` at the builder's position (allocas in
/// `entry_bb`); leaves the builder where the body returns (the continuation block its
/// returns branch to, or, for a body of one block, right after it), and returns what
/// its returns returned. A body's first block is the current block unless a jump
/// targets it; a body of one block needs no continuation block.
fn inline_body<'ctx>(
    m: &mut ModuleCx<'_, 'ctx>,
    callee: usize,
    function: FunctionValue<'ctx>,
    entry_bb: BasicBlock<'ctx>,
    args: Vec<Val<'ctx>>,
) -> Result<Inlined<'ctx>, CodegenError> {
    let FnInfo { code, inbounds, .. } = &m.funcs[callee];
    let (code, inbounds) = (code.clone(), *inbounds);
    m.inline_stack.push(callee);
    m.inlined_stmts += code.code.stmts.len();
    let name = code.code.name.clone();
    let inlined = Inlined {
        args,
        cont: None,
        incoming: Vec::new(),
        returns: 0,
    };
    let mut fx = FnCx::new(m, callee, function, code, inbounds, entry_bb, Some(inlined));
    let reachable = fx.reachable();
    let one_block = reachable.iter().filter(|&&r| r).count() == 1;
    let cont = (!one_block).then(|| {
        fx.m.ctx
            .append_basic_block(function, &format!("{name}.ret"))
    });
    if let Some(il) = fx.inlined.as_mut() {
        il.cont = cont;
    }
    let done = fx.run(&reachable);
    let il = fx.inlined.take().expect("inlined");
    m.inline_stack.pop();
    done?;
    match cont {
        Some(cont) => {
            if let Some(last) = function.get_last_basic_block() {
                let _ = cont.move_after(last);
            }
            m.builder.position_at_end(cont);
        }
        // The one block ended in `unreachable`: a fresh (unreachable) block for the
        // caller to end.
        None if il.returns == 0 => {
            let dead = m.ctx.append_basic_block(function, &format!("{name}.dead"));
            m.builder.position_at_end(dead);
        }
        None => {}
    }
    Ok(il)
}

/// A body being emitted inline at a call site (see `FnCx::call`): its arguments, the
/// block its returns branch to, and the values they return.
struct Inlined<'ctx> {
    /// One per method argument (not `#self#`); `None` for a ghost.
    args: Vec<Val<'ctx>>,
    /// Where returns branch (`None` for a body of one block, which returns by going
    /// on in the caller's block).
    cont: Option<BasicBlock<'ctx>>,
    incoming: Vec<(BasicValueEnum<'ctx>, BasicBlock<'ctx>)>,
    returns: usize,
}

/// The state of one function being emitted.
pub(crate) struct FnCx<'m, 'a, 'ctx> {
    pub m: &'m mut ModuleCx<'a, 'ctx>,
    pub f: usize,
    pub code: Arc<InferredCode>,
    pub function: FunctionValue<'ctx>,
    inbounds: bool,
    /// Block → (first statement, one past the last).
    blocks: Vec<(usize, usize)>,
    block_of: Vec<usize>,
    /// The LLVM block of each reachable block.
    bbs: Vec<Option<BasicBlock<'ctx>>>,
    /// Emitted SSA values (`None` when ghost or not emitted).
    ssa: Vec<Val<'ctx>>,
    emitted: Vec<bool>,
    /// Arguments never reassigned: read as their parameters, without an alloca; and
    /// the value of each slot of [`Self::ssa_slots`] once assigned.
    params_by_slot: Vec<Val<'ctx>>,
    /// Locals assigned once, where the assignment dominates every read: read as the
    /// value assigned, without an alloca ([`Self::single_assignment_slots`]).
    ssa_slots: Vec<bool>,
    /// Slot allocas and their LLVM types, created on first use.
    slots: Vec<Option<(PointerValue<'ctx>, BasicTypeEnum<'ctx>)>>,
    /// Builds at the end of the LLVM function's entry block (allocas, argument stores).
    entry: Builder<'ctx>,
    entry_bb: BasicBlock<'ctx>,
    /// Set when this body is inlined into its caller's LLVM function.
    inlined: Option<Inlined<'ctx>>,
    /// A `@simd` loop's marker was emitted (`Some(ivdep)`): the next back edge gets
    /// the loop's metadata ([`Self::loop_metadata`]).
    loop_hint: Option<bool>,
}

impl<'m, 'a, 'ctx> FnCx<'m, 'a, 'ctx> {
    fn new(
        m: &'m mut ModuleCx<'a, 'ctx>,
        f: usize,
        function: FunctionValue<'ctx>,
        code: Arc<InferredCode>,
        inbounds: bool,
        entry_bb: BasicBlock<'ctx>,
        inlined: Option<Inlined<'ctx>>,
    ) -> Self {
        let (blocks, block_of) = crate::ir::basic_blocks(&code.code.stmts);
        let n = code.code.stmts.len();
        let entry = m.ctx.create_builder();
        entry.position_at_end(entry_bb);
        let nslots = code.code.slots.len();
        let nblocks = blocks.len();
        FnCx {
            m,
            f,
            function,
            inbounds,
            blocks,
            block_of,
            bbs: vec![None; nblocks],
            ssa: vec![None; n],
            emitted: vec![false; n],
            params_by_slot: vec![None; nslots],
            ssa_slots: Vec::new(),
            slots: vec![None; nslots],
            entry,
            entry_bb,
            inlined,
            loop_hint: None,
            code,
        }
    }

    pub fn store(&self) -> &'a TypeStore {
        self.m.req.engine.types()
    }

    /// The layout of `ty`, or an `Unsupported` error at statement `stmt`.
    pub fn layout(
        &mut self,
        ty: TypeId,
        stmt: Option<usize>,
    ) -> Result<Rc<Layout<'ctx>>, CodegenError> {
        match self.m.layouts.layout(self.store(), ty) {
            Ok(l) => Ok(l),
            Err(what) => Err(CodegenError::Unsupported {
                what,
                location: self.location(stmt),
            }),
        }
    }

    pub fn location(&self, stmt: Option<usize>) -> String {
        location_of(self.store(), &self.code, stmt)
    }

    /// An `Unsupported` error at statement `i`.
    pub fn unsupported(&self, i: usize, what: impl Into<String>) -> Stop {
        Stop::Fail(CodegenError::Unsupported {
            what: what.into(),
            location: self.location(Some(i)),
        })
    }

    /// Emits the body; `reachable` is [`Self::reachable`].
    fn run(&mut self, reachable: &[bool]) -> Result<(), CodegenError> {
        self.ssa_slots = self.single_assignment_slots(reachable);
        let prefix = match self.inlined {
            Some(_) => format!("{}.", self.code.code.name),
            None => String::new(),
        };
        // An inlined body whose first block no jump targets starts in the caller's block.
        let reuse_first = self.inlined.is_some() && !self.first_block_is_target();
        for (b, &r) in reachable.iter().enumerate() {
            if b == 0 && reuse_first {
                self.bbs[0] = self.m.builder.get_insert_block();
            } else if r {
                let bb = self.m.ctx.append_basic_block(
                    self.function,
                    &format!("{prefix}L{}", self.blocks[b].0 + 1),
                );
                self.bbs[b] = Some(bb);
            }
        }
        // Arguments are stored at the top of the function, or at the call site.
        self.store_arguments()?;
        let first = self.bbs[0].expect("the first block is reachable");
        if self.inlined.is_some() && !reuse_first {
            self.m
                .builder
                .build_unconditional_branch(first)
                .map_err(|e| internal(&self.location(None), e))?;
        }
        let code = self.code.clone();
        for b in 0..self.blocks.len() {
            let Some(bb) = self.bbs[b] else { continue };
            self.m.builder.position_at_end(bb);
            self.emit_block(&code, b)?;
        }
        if self.inlined.is_none() {
            self.entry.position_at_end(self.entry_bb);
            self.entry
                .build_unconditional_branch(first)
                .map_err(|e| internal(&self.location(None), e))?;
        }
        Ok(())
    }

    /// Whether a jump targets the first block (a loop at the top of the body).
    fn first_block_is_target(&self) -> bool {
        self.code.code.stmts.iter().any(|st| match st {
            Stmt::Goto(t) | Stmt::GotoIfNot { dest: t, .. } => self.target(*t) == 0,
            _ => false,
        })
    }

    /// Stores each non-ghost argument into its slot's alloca.
    fn store_arguments(&mut self) -> Result<(), CodegenError> {
        let params = self.m.funcs[self.f].params.clone();
        // A callable object's parameters start with the callee (slot 1).
        let first_slot = usize::from(!is_callable(self.store(), self.code.mi.spec_types));
        let mut k = 0;
        for (i, l) in params.iter().enumerate() {
            if l.is_ghost() {
                continue;
            }
            let mut p = match &self.inlined {
                Some(il) => match il.args.get(i).copied().flatten() {
                    Some(v) => v,
                    None => continue,
                },
                None => self.function.get_nth_param(k).expect("declared parameter"),
            };
            k += 1;
            let slot = i + first_slot;
            // An argument whose slot is constant (or never read) needs no alloca.
            let Some(&Lattice::Type(t)) = self.code.slot_types.get(slot) else {
                continue;
            };
            let lt = self.layout(t, None)?;
            if lt.ty != l.ty {
                if !matches!(lt.kind, LayoutKind::Union { .. }) {
                    // The slot is reassigned with another type: reads will fail on its
                    // layout.
                    continue;
                }
                // A slot of a union type: the argument, tagged (where it is stored),
                // is its first value.
                let pt = llvm_params(self.store(), self.code.mi.spec_types)[i];
                let LayoutKind::Union { members } = &lt.kind else {
                    continue;
                };
                let (Some(k), Some(BasicTypeEnum::StructType(st))) =
                    (members.iter().position(|(m, _)| *m == pt), lt.ty)
                else {
                    continue;
                };
                // An inlined body's arguments exist only from the call site on.
                let b = match self.inlined {
                    Some(_) => &self.m.builder,
                    None => &self.entry,
                };
                p = tag_member(b, st, k, members[k].1, Some(p))
                    .map_err(|e| internal(&self.location(None), e))?;
            }
            // An argument never reassigned is read as the parameter itself.
            let assigned = self
                .code
                .code
                .stmts
                .iter()
                .any(|st| matches!(st, Stmt::SlotSet { slot: s, .. } if s.index() == slot));
            if !assigned {
                self.params_by_slot[slot] = Some(p);
                continue;
            }
            if let Some((ptr, _)) = self.slot_ptr(slot).map_err(|s| stop_err(s, self))? {
                // An inlined body's arguments exist only from the call site on.
                let b = match self.inlined {
                    Some(_) => &self.m.builder,
                    None => &self.entry,
                };
                b.build_store(ptr, p)
                    .map_err(|e| internal(&self.location(None), e))?;
            }
        }
        Ok(())
    }

    /// The locals (not arguments) assigned by exactly one statement, of a reachable
    /// block, that comes before every reachable read and whose block dominates the
    /// reads' blocks: each read sees that assignment's value, so the slot needs no
    /// alloca (blocks are emitted in order, so the value exists when a read is
    /// emitted). Lowered Julia assigns most locals once (`i = threadIdx().x`, the
    /// variables of a destructuring); the stores and loads SROA would remove are never
    /// built.
    fn single_assignment_slots(&self, reachable: &[bool]) -> Vec<bool> {
        let stmts = &self.code.code.stmts;
        let nslots = self.code.code.slots.len();
        // Slots below `nargs` are the arguments (`#self#` or a callable's callee first).
        let nargs = self.code.code.nargs.saturating_sub(1);
        let mut sets = vec![0u32; nslots];
        let mut at = vec![usize::MAX; nslots];
        for (p, st) in stmts.iter().enumerate() {
            if let Stmt::SlotSet { slot, .. } = st {
                let s = slot.index();
                if s < nslots {
                    sets[s] += 1;
                    at[s] = p;
                }
            }
        }
        let mut ok: Vec<bool> = (0..nslots)
            .map(|s| {
                s > nargs && sets[s] == 1 && reachable.get(self.block_of[at[s]]) == Some(&true)
            })
            .collect();
        if !ok.iter().any(|&b| b) {
            return ok;
        }
        // Blocks reachable from the first one without passing through block `b`
        // (those `b` does not dominate), computed per assigning block on demand.
        let n = self.blocks.len();
        let mut avoiding: Vec<Option<Vec<bool>>> = vec![None; n];
        for (q, st) in stmts.iter().enumerate() {
            let bq = self.block_of[q];
            if !reachable.get(bq).copied().unwrap_or(false) {
                continue;
            }
            for_each_slot_read(st, &mut |s| {
                if !ok.get(s).copied().unwrap_or(false) {
                    return;
                }
                let (p, bp) = (at[s], self.block_of[at[s]]);
                let dominated = q > p
                    && (bp == bq
                        || bp == 0
                        || !avoiding[bp].get_or_insert_with(|| self.reachable_avoiding(bp))[bq]);
                if !dominated {
                    ok[s] = false;
                }
            });
        }
        ok
    }

    /// The blocks reachable from the first one along folded edges without entering
    /// block `avoid`.
    fn reachable_avoiding(&self, avoid: usize) -> Vec<bool> {
        let n = self.blocks.len();
        let mut seen = vec![false; n];
        if n == 0 || avoid == 0 {
            return seen;
        }
        let mut work = vec![0usize];
        seen[0] = true;
        while let Some(b) = work.pop() {
            for s in self.successors(b) {
                if s < n && s != avoid && !seen[s] {
                    seen[s] = true;
                    work.push(s);
                }
            }
        }
        seen
    }

    /// Which blocks control can reach, with branches folded (see the module docs).
    fn reachable(&self) -> Vec<bool> {
        let n = self.blocks.len();
        let mut seen = vec![false; n];
        if n == 0 {
            return seen;
        }
        let mut work = vec![0usize];
        seen[0] = true;
        while let Some(b) = work.pop() {
            for s in self.successors(b) {
                if s < n && !seen[s] {
                    seen[s] = true;
                    work.push(s);
                }
            }
        }
        seen
    }

    fn successors(&self, b: usize) -> Vec<usize> {
        let (start, end) = self.blocks[b];
        for i in start..end {
            if self.stops(i) {
                return vec![];
            }
            match &self.code.code.stmts[i] {
                Stmt::Goto(t) => return vec![self.target(*t)],
                Stmt::GotoIfNot { cond, dest } => {
                    return match self.known_condition(cond) {
                        Some(true) => vec![b + 1],
                        Some(false) => vec![self.target(*dest)],
                        None => vec![b + 1, self.target(*dest)],
                    }
                }
                Stmt::Return(_) | Stmt::Unreachable => return vec![],
                _ => {}
            }
        }
        vec![b + 1]
    }

    /// Whether control never gets past statement `i` (its value is `Union{}`).
    fn stops(&self, i: usize) -> bool {
        let stmt = &self.code.code.stmts[i];
        stmt.has_value()
            && !matches!(stmt, Stmt::BoundsCheck)
            && matches!(self.code.ssa_types.get(i), Some(Lattice::Bottom) | None)
    }

    fn target(&self, t: StmtId) -> usize {
        self.block_of
            .get(t.index())
            .copied()
            .unwrap_or(self.blocks.len())
    }

    /// A branch condition known before run time: a constant, or this variant's
    /// `Expr(:boundscheck)`.
    fn known_condition(&self, cond: &Operand) -> Option<bool> {
        if let Operand::Ssa(s) = cond {
            if matches!(self.code.code.stmts.get(s.index()), Some(Stmt::BoundsCheck)) {
                return Some(!self.inbounds);
            }
        }
        match self.lattice(cond) {
            Lattice::Const(Const::Bits { ty, bits }) if ty == self.store().common().bool_ => {
                Some(bits != 0)
            }
            _ => None,
        }
    }

    fn emit_block(&mut self, code: &InferredCode, b: usize) -> Result<(), CodegenError> {
        let (start, end) = self.blocks[b];
        for i in start..end {
            match self.stmt(code, i) {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(Stop::Dead) => {
                    self.m
                        .builder
                        .build_unreachable()
                        .map_err(|e| internal(&self.location(Some(i)), e))?;
                    return Ok(());
                }
                Err(Stop::Fail(e)) => return Err(e),
            }
        }
        // Falls through into the next block.
        let next = self.bbs.get(b + 1).copied().flatten();
        match next {
            Some(bb) => self.m.builder.build_unconditional_branch(bb),
            None => self.m.builder.build_unreachable(),
        }
        .map_err(|e| internal(&self.location(None), e))?;
        Ok(())
    }

    /// Emits statement `i` of `code` (this body's, [`Self::code`]: taken once per
    /// body, not per statement, because the inferred code is shared with the other
    /// workers of a batch and every clone is an atomic write to its counter);
    /// `Ok(true)` when it ended the block.
    fn stmt(&mut self, code: &InferredCode, i: usize) -> Result<bool, Stop> {
        let stmt = &code.code.stmts[i];
        let lat = code.ssa_types.get(i).unwrap_or(&Lattice::Bottom);
        let side_effects = matches!(
            stmt,
            Stmt::Call { .. } | Stmt::CallValue { .. } | Stmt::Foreign { .. }
        ) || matches!(
            stmt,
            Stmt::Intrinsic {
                op: crate::ir::Intrinsic::Pointerset,
                ..
            }
        );
        if self.stops(i) && !side_effects {
            if self.static_index_out_of_bounds(stmt) {
                // Julia's `getfield(t, k)` with `k` outside the tuple throws.
                self.throw_exception(i, "BoundsError")?;
                return Ok(true);
            }
            return Err(Stop::Dead);
        }
        if stmt.has_value() && matches!(lat, Lattice::Const(_)) && !side_effects {
            // Uses materialize the constant.
            self.emitted[i] = true;
            return Ok(false);
        }
        let value = match stmt {
            Stmt::Call { args, inbounds, .. } => self.call(i, args, *inbounds)?,
            // Inference resolved the callee's type: a function's (`typeof(f)` is a
            // ghost: nothing to pass) or a callable object's method, which takes the
            // callee as its first argument.
            Stmt::CallValue {
                callee,
                args,
                inbounds,
            } => {
                let ft = self.operand_type(callee);
                if self.store().called_function(ft).is_some() {
                    self.call(i, args, *inbounds)?
                } else {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(callee.clone());
                    all.extend(args.iter().cloned());
                    self.call(i, &all, *inbounds)?
                }
            }
            Stmt::Intrinsic { op, args } => self.intrinsic(i, *op, args)?,
            Stmt::Foreign {
                target,
                ret,
                arg_types,
                args,
            } => self.foreign(i, target, *ret, arg_types, args)?,
            Stmt::New { ty, args } => {
                let ty = self.subst(*ty);
                self.aggregate(i, ty, args)?
            }
            Stmt::Tuple(args) => {
                let ty = widenconst(self.store(), lat);
                self.aggregate(i, ty, args)?
            }
            Stmt::GetField { value, field } => self.getfield(i, value, field)?,
            Stmt::TypeAssert { value, ty } => {
                let vt = widenconst(self.store(), &self.lattice(value));
                let ty = self.subst(*ty);
                if !self.store().subtype(vt, ty) {
                    return Err(self.unsupported(
                        i,
                        format!(
                            "a type assertion inference could not prove ({}::{})",
                            self.store().show(vt),
                            self.store().show(ty)
                        ),
                    ));
                }
                self.operand(value)?
            }
            Stmt::Value(v) => {
                let ty = widenconst(self.store(), lat);
                self.operand_as(i, v, ty)?
            }
            Stmt::BoundsCheck => Some(
                self.m
                    .ctx
                    .bool_type()
                    .const_int(u64::from(!self.inbounds), false)
                    .into(),
            ),
            Stmt::SlotSet { slot, value } => {
                self.slot_set(i, slot.index(), value)?;
                return Ok(false);
            }
            Stmt::Goto(t) => {
                let bb = self.block(i, *t)?;
                let br = self.build(i, |b| b.build_unconditional_branch(bb))?;
                if let Some(ivdep) = self.loop_hint.take() {
                    self.loop_metadata(br, ivdep);
                }
                return Ok(true);
            }
            Stmt::GotoIfNot { cond, dest } => {
                let b = self.block_of[i];
                match self.known_condition(cond) {
                    Some(c) => {
                        let bb = if c {
                            self.next_block(i, b)?
                        } else {
                            self.block(i, *dest)?
                        };
                        self.build(i, |bd| bd.build_unconditional_branch(bb))?;
                    }
                    None => {
                        let c = self.operand(cond)?;
                        let Some(BasicValueEnum::IntValue(c)) = c else {
                            return Err(self.unsupported(i, "a branch on a non-Bool value"));
                        };
                        let then = self.next_block(i, b)?;
                        let other = self.block(i, *dest)?;
                        self.build(i, |bd| bd.build_conditional_branch(c, then, other))?;
                    }
                }
                return Ok(true);
            }
            Stmt::Return(v) => {
                self.ret(i, v)?;
                return Ok(true);
            }
            Stmt::Unreachable => {
                self.build(i, |b| b.build_unreachable())?;
                return Ok(true);
            }
        };
        self.ssa[i] = value;
        self.emitted[i] = true;
        if self.stops(i) {
            return Err(Stop::Dead);
        }
        Ok(false)
    }

    /// Runs one builder call, mapping its error.
    pub fn build<T>(
        &self,
        i: usize,
        f: impl FnOnce(&Builder<'ctx>) -> Result<T, inkwell::builder::BuilderError>,
    ) -> Result<T, Stop> {
        f(&self.m.builder).map_err(|e| Stop::Fail(internal(&self.location(Some(i)), e)))
    }

    fn block(&self, i: usize, t: StmtId) -> Result<BasicBlock<'ctx>, Stop> {
        let b = self.target(t);
        self.bbs
            .get(b)
            .copied()
            .flatten()
            .ok_or_else(|| self.unsupported(i, "internal error: a jump to an unreachable block"))
    }

    fn next_block(&self, i: usize, b: usize) -> Result<BasicBlock<'ctx>, Stop> {
        self.bbs
            .get(b + 1)
            .copied()
            .flatten()
            .ok_or_else(|| self.unsupported(i, "internal error: control falls off the body"))
    }

    // ----- operands -------------------------------------------------------------------

    /// A type constant of the body with the method's static parameters substituted.
    pub fn subst(&self, t: TypeId) -> TypeId {
        let code = &self.code;
        if code.code.sparams.is_empty() || !self.store().has_free_vars(t) {
            return t;
        }
        sparam_subst(self.store(), t, &code.code.sparams, &code.mi.sparams)
    }

    /// The abstract value of an operand.
    pub fn lattice(&self, op: &Operand) -> Lattice {
        let store = self.store();
        match op {
            Operand::Ssa(s) => self
                .code
                .ssa_types
                .get(s.index())
                .cloned()
                .unwrap_or(Lattice::Bottom),
            Operand::Slot(s) => self
                .code
                .slot_types
                .get(s.index())
                .cloned()
                .unwrap_or(Lattice::Bottom),
            Operand::SParam(k) => match self.code.mi.sparams.get(*k as usize) {
                Some(&t) => match store.kind(t) {
                    TypeKind::Int(v) => Lattice::Const(Const::Bits {
                        ty: store.common().int64,
                        bits: *v as u64 as u128,
                    }),
                    TypeKind::Bool(v) => Lattice::Const(Const::Bits {
                        ty: store.common().bool_,
                        bits: *v as u128,
                    }),
                    TypeKind::Symbol(s) => Lattice::Const(Const::Symbol(*s)),
                    _ => Lattice::Const(Const::Type(t)),
                },
                None => Lattice::Type(store.common().any),
            },
            Operand::Const(Const::Type(t)) => Lattice::Const(Const::Type(self.subst(*t))),
            Operand::Const(Const::Zero(t)) => Lattice::Const(Const::Zero(self.subst(*t))),
            Operand::Const(c) => Lattice::Const(c.clone()),
        }
    }

    /// The Julia type of an operand.
    pub fn operand_type(&self, op: &Operand) -> TypeId {
        widenconst(self.store(), &self.lattice(op))
    }

    /// The value of an operand.
    pub fn operand(&mut self, op: &Operand) -> Result<Val<'ctx>, Stop> {
        match self.lattice(op) {
            Lattice::Bottom => return Err(Stop::Dead),
            Lattice::Const(c) => return self.constant(&c).map_err(Stop::Fail),
            Lattice::Type(_) => {}
        }
        match op {
            Operand::Ssa(s) => {
                let k = s.index();
                if !self.emitted.get(k).copied().unwrap_or(false) {
                    return Err(Stop::Fail(CodegenError::Unsupported {
                        what: format!("internal error: {s} used before it is computed"),
                        location: self.location(None),
                    }));
                }
                Ok(self.ssa[k])
            }
            Operand::Slot(s) => {
                if let Some(p) = self.params_by_slot.get(s.index()).copied().flatten() {
                    return Ok(Some(p));
                }
                let Some((ptr, ty)) = self.slot_ptr(s.index())? else {
                    return Ok(None);
                };
                let v = self
                    .m
                    .builder
                    .build_load(ty, ptr, "")
                    .map_err(|e| internal(&self.location(None), e))?;
                Ok(Some(v))
            }
            // Static parameters and constants are constants (handled above); a static
            // parameter bound to a non-constant is a type, a ghost.
            Operand::SParam(_) | Operand::Const(_) => Ok(None),
        }
    }

    /// The value of an operand used where inference knows it has type `want`: a slot
    /// whose type over the whole body is a union, read where inference narrowed it to
    /// one member (`x` in `x < 0` before `x = 0.5`), is that member, untagged.
    pub fn operand_as(&mut self, i: usize, op: &Operand, want: TypeId) -> Result<Val<'ctx>, Stop> {
        let v = self.operand(op)?;
        let have = self.operand_type(op);
        if have == want || matches!(self.lattice(op), Lattice::Const(_)) {
            return Ok(v);
        }
        let l = self.layout(have, Some(i))?;
        let LayoutKind::Union { members } = &l.kind else {
            return Ok(v);
        };
        let Some(&(_, field)) = members.iter().find(|(m, _)| *m == want) else {
            return Ok(v);
        };
        let (Some(field), Some(u)) = (field, v) else {
            return Ok(None);
        };
        let u = aggregate_value(u).ok_or_else(|| {
            self.unsupported(i, "internal error: a union value that is not a struct")
        })?;
        Ok(Some(
            self.build(i, |b| b.build_extract_value(u, field, ""))?,
        ))
    }

    /// A constant's value.
    pub fn constant(&mut self, c: &Const) -> Result<Val<'ctx>, CodegenError> {
        match c {
            Const::Bits { ty, bits } => {
                let l = self.layout(*ty, None)?;
                let bits = *bits;
                let v: BasicValueEnum = match (&l.kind, l.ty) {
                    (LayoutKind::Bool, _) => self
                        .m
                        .ctx
                        .bool_type()
                        .const_int((bits & 1) as u64, false)
                        .into(),
                    (LayoutKind::Int { .. }, Some(BasicTypeEnum::IntType(t))) => {
                        let words = [bits as u64, (bits >> 64) as u64];
                        if t.get_bit_width() <= 64 {
                            t.const_int(words[0], false).into()
                        } else {
                            t.const_int_arbitrary_precision(&words).into()
                        }
                    }
                    (LayoutKind::Float { bits: w }, Some(BasicTypeEnum::FloatType(t))) => {
                        let x = match w {
                            16 => f16_bits_to_f64(bits as u16),
                            32 => f32::from_bits(bits as u32) as f64,
                            _ => f64::from_bits(bits as u64),
                        };
                        t.const_float(x).into()
                    }
                    (LayoutKind::Ptr, Some(BasicTypeEnum::PointerType(t))) => self
                        .m
                        .ctx
                        .i64_type()
                        .const_int(bits as u64, false)
                        .const_to_pointer(t)
                        .into(),
                    _ => {
                        return Err(CodegenError::Unsupported {
                            what: format!("a constant of type {}", self.store().show(*ty)),
                            location: self.location(None),
                        })
                    }
                };
                Ok(Some(v))
            }
            Const::Nothing | Const::Symbol(_) | Const::Type(_) | Const::Function(_) => Ok(None),
            Const::Str(s) => Ok(Some(self.m.string_constant(s).into())),
            Const::Zero(t) => {
                let t = self.subst(*t);
                let l = self.layout(t, None)?;
                Ok(l.ty.map(|t| t.const_zero()))
            }
        }
    }

    /// The alloca of slot `s` (created on first use), or `None` for a ghost slot.
    fn slot_ptr(
        &mut self,
        s: usize,
    ) -> Result<Option<(PointerValue<'ctx>, BasicTypeEnum<'ctx>)>, Stop> {
        if let Some(p) = self.slots.get(s).copied().flatten() {
            return Ok(Some(p));
        }
        let Some(ty) = self.slot_type(s)? else {
            return Ok(None);
        };
        let name = self
            .code
            .code
            .slots
            .get(s)
            .map_or_else(String::new, |sl| sl.name.to_string());
        let ptr = self
            .entry
            .build_alloca(ty, &name)
            .map_err(|e| internal(&self.location(None), e))?;
        self.slots[s] = Some((ptr, ty));
        Ok(Some((ptr, ty)))
    }

    /// The LLVM type of slot `s`'s values, or `None` for a ghost slot.
    fn slot_type(&mut self, s: usize) -> Result<Option<BasicTypeEnum<'ctx>>, Stop> {
        let t = match self.code.slot_types.get(s) {
            Some(Lattice::Type(t)) => *t,
            Some(l @ Lattice::Const(_)) => widenconst(self.store(), l),
            _ => return Ok(None),
        };
        match self.m.layouts.layout(self.store(), t) {
            Ok(l) => Ok(l.ty),
            Err(what) => {
                let name = self.code.code.slots.get(s).map_or("", |sl| &*sl.name);
                Err(Stop::Fail(CodegenError::Unsupported {
                    what: format!("{what} in local variable `{name}`"),
                    location: self.location(None),
                }))
            }
        }
    }

    fn slot_set(&mut self, i: usize, s: usize, value: &Operand) -> Result<(), Stop> {
        // A constant slot is materialized where it is read.
        if matches!(self.code.slot_types.get(s), Some(Lattice::Const(_))) {
            return Ok(());
        }
        let v = self.operand(value)?;
        if self.ssa_slots.get(s).copied().unwrap_or(false) {
            // Assigned once, before every read: the value itself, as a store and the
            // loads would give it.
            let Some(ty) = self.slot_type(s)? else {
                return Ok(());
            };
            let v = match self.code.slot_types.get(s) {
                Some(Lattice::Type(to)) => {
                    let from = self.operand_type(value);
                    self.convert_value(i, v, from, *to)?
                }
                _ => v,
            };
            self.params_by_slot[s] = self.expect(i, v, Some(ty), "assigned to a local variable")?;
            return Ok(());
        }
        let Some((ptr, ty)) = self.slot_ptr(s)? else {
            return Ok(());
        };
        if let Some(Lattice::Type(to)) = self.code.slot_types.get(s) {
            let from = self.operand_type(value);
            let v = self.convert_value(i, v, from, *to)?;
            let v = self.expect(i, v, Some(ty), "assigned to a local variable")?;
            if let Some(v) = v {
                self.build(i, |b| b.build_store(ptr, v))?;
            }
            return Ok(());
        }
        let v = self.expect(i, v, Some(ty), "assigned to a local variable")?;
        if let Some(v) = v {
            self.build(i, |b| b.build_store(ptr, v))?;
        }
        Ok(())
    }

    /// `v`, a value of Julia type `from`, as a value of type `to`: itself when their
    /// layouts agree, else a member of the union `to` tagged (see `types.rs`).
    pub fn convert_value(
        &mut self,
        i: usize,
        v: Val<'ctx>,
        from: TypeId,
        to: TypeId,
    ) -> Result<Val<'ctx>, Stop> {
        if from == to {
            return Ok(v);
        }
        let tl = self.layout(to, Some(i))?;
        let LayoutKind::Union { members } = &tl.kind else {
            return Ok(v);
        };
        let Some(k) = members.iter().position(|(m, _)| *m == from) else {
            let fl = self.layout(from, Some(i))?;
            if fl.ty == tl.ty {
                return Ok(v);
            }
            if let LayoutKind::Union {
                members: from_members,
            } = &fl.kind
            {
                if let Some(v) = self.retag(i, v, from_members, members, tl.ty)? {
                    return Ok(Some(v));
                }
            }
            let store = self.store();
            return Err(self.unsupported(
                i,
                format!(
                    "a value of type {} converted to {} (codegen tags values of the union's member types)",
                    store.show(from),
                    store.show(to)
                ),
            ));
        };
        let Some(BasicTypeEnum::StructType(st)) = tl.ty else {
            return Err(self.unsupported(i, "internal error: a union without a struct layout"));
        };
        let field = members[k].1;
        Ok(Some(self.build(i, |b| tag_member(b, st, k, field, v))?))
    }

    /// A union value of members `from` as a value of the union of members `to` (a
    /// superset): each member's field copied to its new place and the tag mapped;
    /// `None` when some member of `from` is not in `to`.
    fn retag(
        &mut self,
        i: usize,
        v: Val<'ctx>,
        from: &[(TypeId, Option<u32>)],
        to: &[(TypeId, Option<u32>)],
        to_ty: Option<BasicTypeEnum<'ctx>>,
    ) -> Result<Option<BasicValueEnum<'ctx>>, Stop> {
        let mut map = Vec::with_capacity(from.len());
        for (m, f) in from {
            let Some(d) = to.iter().position(|(n, _)| n == m) else {
                return Ok(None);
            };
            map.push((*f, d, to[d].1));
        }
        let (Some(v), Some(BasicTypeEnum::StructType(st))) = (v, to_ty) else {
            return Ok(None);
        };
        let src = aggregate_value(v).ok_or_else(|| {
            self.unsupported(i, "internal error: a union value that is not a struct")
        })?;
        let i8t = self.m.ctx.i8_type();
        let tag = self
            .build(i, |b| b.build_extract_value(src, 0, "tag"))?
            .into_int_value();
        // The new tag: a chain of selects over the old one.
        let mut new_tag = i8t.const_int(map[0].1 as u64, false);
        for (j, (_, d, _)) in map.iter().enumerate().skip(1) {
            let is = self.build(i, |b| {
                b.build_int_compare(
                    inkwell::IntPredicate::EQ,
                    tag,
                    i8t.const_int(j as u64, false),
                    "",
                )
            })?;
            let d = i8t.const_int(*d as u64, false);
            new_tag = self
                .build(i, |b| b.build_select(is, d, new_tag, ""))?
                .into_int_value();
        }
        let mut agg: AggregateValueEnum = st.get_undef().into();
        agg = self.build(i, |b| b.build_insert_value(agg, new_tag, 0, "tag"))?;
        for (f, _, g) in &map {
            if let (Some(f), Some(g)) = (*f, *g) {
                let x = self.build(i, |b| b.build_extract_value(src, f, ""))?;
                agg = self.build(i, |b| b.build_insert_value(agg, x, g, ""))?;
            }
        }
        Ok(Some(agg.as_basic_value_enum()))
    }

    /// Checks that `v` has the LLVM type `ty` (both `None` for ghosts).
    pub fn expect(
        &self,
        i: usize,
        v: Val<'ctx>,
        ty: Option<BasicTypeEnum<'ctx>>,
        what: &str,
    ) -> Result<Val<'ctx>, Stop> {
        match (v, ty) {
            (None, None) => Ok(None),
            (Some(v), Some(t)) if v.get_type() == t => Ok(Some(v)),
            // A ghost target drops the value (e.g. a constant passed where nothing is
            // stored).
            (_, None) => Ok(None),
            (v, Some(t)) => Err(self.unsupported(
                i,
                format!(
                    "internal error: a value of LLVM type {} {what}, expected {}",
                    v.map_or_else(|| "void".to_string(), |v| v.get_type().to_string()),
                    t
                ),
            )),
        }
    }

    fn ret(&mut self, i: usize, v: &Operand) -> Result<(), Stop> {
        let ret = self.m.funcs[self.f].ret.clone();
        let from = self.operand_type(v);
        let mut v = self.operand(v)?;
        if let Lattice::Type(to) = self.code.rettype {
            v = self.convert_value(i, v, from, to)?;
        }
        let v = self.expect(i, v, ret.ty, "returned")?;
        let here = self.m.builder.get_insert_block();
        if let Some(il) = self.inlined.as_mut() {
            if let (Some(v), Some(bb)) = (v, here) {
                il.incoming.push((v, bb));
            }
            il.returns += 1;
            if let Some(cont) = il.cont {
                self.build(i, |b| b.build_unconditional_branch(cont))?;
            }
            return Ok(());
        }
        match v {
            Some(v) => self.build(i, |b| b.build_return(Some(&v)))?,
            None => self.build(i, |b| b.build_return(None))?,
        };
        Ok(())
    }

    // ----- calls ------------------------------------------------------------------------

    fn call(&mut self, i: usize, args: &[Operand], inbounds: bool) -> Result<Val<'ctx>, Stop> {
        let store = self.store();
        let (mi, consts) = match self.code.calls.get(i).cloned().flatten() {
            Some(CallInfo::Invoke { mi, consts, .. }) => (mi, consts),
            None | Some(CallInfo::Builtin) => return Err(Stop::Dead),
            Some(CallInfo::Split { targets }) if self.splittable(args) => {
                // A call of a value that is not a function's (a union of callable
                // types): `args` starts with the callee, which the targets' signatures
                // start with too.
                let callee_first = match &self.code.code.stmts[i] {
                    Stmt::CallValue { callee, .. } => {
                        store.function_of(self.operand_type(callee)).is_none()
                    }
                    _ => false,
                };
                return self.split_call(i, args, &targets, inbounds, callee_first);
            }
            Some(other) => {
                let func = match &self.code.code.stmts[i] {
                    Stmt::Call { func, .. } => func.to_string(),
                    Stmt::CallValue { callee, .. } => {
                        let t = self.operand_type(callee);
                        match store.called_function(t) {
                            Some(f) => f.to_string(),
                            None => format!("(::{})", store.show(t)),
                        }
                    }
                    _ => String::new(),
                };
                let how = match other {
                    CallInfo::Split { .. } => "a union-split call",
                    CallInfo::Dynamic { .. } => "a dynamic call",
                    CallInfo::NoMethod { .. } => "a call with no matching method",
                    _ => "an ambiguous call",
                };
                let tys: Vec<TypeId> = args.iter().map(|a| self.operand_type(a)).collect();
                let call = crate::engine::show_call(store, &func, store.tuple(&tys));
                return Err(self.unsupported(
                    i,
                    format!(
                        "{how} ({call}); codegen compiles calls inference resolved to one method"
                    ),
                ));
            }
        };
        // A constant result of a call with constant arguments: the constant, when the
        // callee computes it purely (consteval.rs).
        if let Some(Lattice::Const(c)) = self.code.ssa_types.get(i) {
            let consts: Option<Vec<Const>> = args
                .iter()
                .map(|a| match self.lattice(a) {
                    Lattice::Const(c) => Some(c),
                    _ => None,
                })
                .collect();
            if let Some(consts) = consts {
                if self.m.fold(&mi, consts).as_ref() == Some(c) {
                    return Ok(None);
                }
            }
        }
        // A result that constant propagation sharpened: compile the constant frame
        // (Julia's optimizer inlines the const-propagated code), when it gives the
        // type this call site was inferred with.
        let req = self.m.req;
        let consts = consts.filter(|c| {
            let code = crate::infer::interp::infer_const(req.engine, req.cache, req.job, &mi, c);
            let want = self.code.ssa_types.get(i).unwrap_or(&Lattice::Bottom);
            matches!(code.rettype, Lattice::Bottom)
                || widenconst(store, &code.rettype) == widenconst(store, want)
        });
        let callee = self.callee(i, &mi, consts.as_deref(), inbounds)?;
        let params: Vec<Rc<Layout<'ctx>>> = self.m.funcs[callee].params.clone();
        let ret = self.m.funcs[callee].ret.clone();
        if params.len() != args.len() {
            return Err(self.unsupported(
                i,
                format!(
                    "internal error: {} arguments for a method instance of {} parameters",
                    args.len(),
                    params.len()
                ),
            ));
        }
        let mut vals: Vec<Val<'ctx>> = Vec::with_capacity(args.len());
        let param_types = llvm_params(store, mi.spec_types).to_vec();
        for ((a, l), &pt) in args.iter().zip(&params).zip(&param_types) {
            let v = self.operand_as(i, a, pt)?;
            vals.push(self.expect(i, v, l.ty, "passed as an argument")?);
        }
        self.invoke(i, callee, &mi, vals, ret.ty)
    }

    /// A call of function `callee` (of method instance `mi`) with the argument values
    /// `vals`: its body inlined here when [`Self::should_inline`] says so, else a
    /// direct call (declaring the callee on first use).
    fn invoke(
        &mut self,
        i: usize,
        callee: usize,
        mi: &crate::infer::MethodInstance,
        vals: Vec<Val<'ctx>>,
        ret: Option<BasicTypeEnum<'ctx>>,
    ) -> Result<Val<'ctx>, Stop> {
        if self.should_inline(callee, mi) {
            return self.inline_call(i, callee, vals, ret);
        }
        let fv = self.m.declared(callee, mi);
        let values: Vec<BasicMetadataValueEnum> =
            vals.into_iter().flatten().map(Into::into).collect();
        let call = self.build(i, |b| b.build_direct_call(fv, &values, ""))?;
        match (ret, call.try_as_basic_value()) {
            (Some(_), ValueKind::Basic(v)) => Ok(Some(v)),
            _ => Ok(None),
        }
    }

    /// The function record for a call of `mi` (with `consts`, its constant frame) at
    /// statement `i` (declared only if [`Self::invoke`] calls it rather than inlining
    /// it). Julia elides the `@boundscheck` blocks of a callee inlined into an
    /// `@inbounds` call site: the bounds-check-free variant is compiled for it.
    fn callee(
        &mut self,
        i: usize,
        mi: &crate::infer::MethodInstance,
        consts: Option<&[Lattice]>,
        inbounds: bool,
    ) -> Result<usize, Stop> {
        let req = self.m.req;
        let mut variant = false;
        if inbounds {
            let may_inline = req
                .engine
                .method_source(mi.method)
                .is_none_or(|s| s.inline != Some(false));
            if may_inline {
                variant = self.m.has_boundscheck(mi, consts);
            }
        }
        Ok(self.m.info_for(mi, consts, variant, Some((self.f, i)))?)
    }

    /// Whether a union-split call can be split at run time: some argument is a tagged
    /// union value.
    fn splittable(&mut self, args: &[Operand]) -> bool {
        args.iter().any(|a| {
            let t = self.operand_type(a);
            !matches!(self.lattice(a), Lattice::Const(_))
                && matches!(
                    self.m
                        .layouts
                        .layout(self.store(), t)
                        .map(|l| l.kind.clone()),
                    Ok(LayoutKind::Union { .. })
                )
        })
    }

    /// A call on union values split by their tags (Julia's union splitting of a
    /// dynamic dispatch): for each target of inference, a test of the tags of the
    /// union arguments against the target's argument types, and a direct call with
    /// the members unboxed; the results meet in a block (a `phi`, tagged into the
    /// statement's union type when the targets' results differ). A tag combination no
    /// target covers (no method matches it) throws a `MethodError`.
    ///
    /// `callee_first`: `args[0]` is the callee of a call of a value (a union of
    /// functions or callable objects, `f = c ? sin : cos; f(x)`), tested against the
    /// callee type of each target's signature like the arguments; a function's
    /// target is then called without it (its `typeof(f)` is passed as nothing).
    fn split_call(
        &mut self,
        i: usize,
        args: &[Operand],
        targets: &[(crate::infer::MethodInstance, Lattice)],
        inbounds: bool,
        callee_first: bool,
    ) -> Result<Val<'ctx>, Stop> {
        let store = self.store();
        let lat = self
            .code
            .ssa_types
            .get(i)
            .cloned()
            .unwrap_or(Lattice::Bottom);
        let ret_ty = match &lat {
            Lattice::Type(t) => Some(*t),
            _ => None,
        };
        let ret_l = match ret_ty {
            Some(t) => Some(self.layout(t, Some(i))?),
            None => None,
        };
        // The arguments, with the members of the union ones.
        let mut vals = Vec::with_capacity(args.len());
        let mut combos = 1usize;
        for a in args {
            let t = self.operand_type(a);
            let v = self.operand(a)?;
            let l = self.layout(t, Some(i))?;
            let members = match (&l.kind, self.lattice(a)) {
                (_, Lattice::Const(_)) => None,
                (LayoutKind::Union { members }, _) => Some(members.clone()),
                _ => None,
            };
            if let Some(ms) = &members {
                combos = combos.saturating_mul(ms.len());
            }
            vals.push((t, v, members));
        }
        let i8t = self.m.ctx.i8_type();
        let merge = self.m.ctx.append_basic_block(self.function, "split_merge");
        let mut incoming: Vec<(BasicValueEnum<'ctx>, BasicBlock<'ctx>)> = Vec::new();
        for (mi, _) in targets {
            // The callee is an argument of the compiled function only for a callable
            // object's method.
            let drop_callee = callee_first && !is_callable(store, mi.spec_types);
            let params = if callee_first {
                let (body, _) = store.unwrap_unionall(mi.spec_types);
                store.params(body).to_vec()
            } else {
                llvm_params(store, mi.spec_types).to_vec()
            };
            if params.len() != vals.len() {
                return Err(self.unsupported(i, "internal error: a split target of another arity"));
            }
            // The tag each union argument must have for this target.
            let mut cond: Option<inkwell::values::IntValue<'ctx>> = None;
            let mut picks = Vec::with_capacity(vals.len());
            for ((_, v, members), &p) in vals.iter().zip(&params) {
                let Some(ms) = members else {
                    picks.push(None);
                    continue;
                };
                let matching = ms.iter().filter(|(m, _)| store.subtype(*m, p)).count();
                if matching > 1 {
                    return Err(self.unsupported(
                        i,
                        format!(
                            "a union-split call whose target takes several members of a union as {}",
                            store.show(p)
                        ),
                    ));
                }
                let Some(k) = ms.iter().position(|(m, _)| store.subtype(*m, p)) else {
                    return Err(self.unsupported(
                        i,
                        format!(
                            "internal error: no member of a union argument is a {}",
                            store.show(p)
                        ),
                    ));
                };
                let u =
                    v.ok_or_else(|| self.unsupported(i, "internal error: a ghost union value"))?;
                let u = aggregate_value(u).ok_or_else(|| {
                    self.unsupported(i, "internal error: a union value that is not a struct")
                })?;
                let tag = self
                    .build(i, |b| b.build_extract_value(u, 0, "tag"))?
                    .into_int_value();
                let c = self.build(i, |b| {
                    b.build_int_compare(
                        inkwell::IntPredicate::EQ,
                        tag,
                        i8t.const_int(k as u64, false),
                        "",
                    )
                })?;
                cond = Some(match cond {
                    Some(prev) => self.build(i, |b| b.build_and(prev, c, ""))?,
                    None => c,
                });
                picks.push(Some((u, ms[k])));
            }
            let Some(cond) = cond else {
                return Err(
                    self.unsupported(i, "internal error: a split call without a union argument")
                );
            };
            let then = self.m.ctx.append_basic_block(self.function, "split");
            let other = self.m.ctx.append_basic_block(self.function, "split_next");
            self.build(i, |b| b.build_conditional_branch(cond, then, other))?;
            self.m.builder.position_at_end(then);
            let callee = self.callee(i, mi, None, inbounds)?;
            let fparams = self.m.funcs[callee].params.clone();
            let fret = self.m.funcs[callee].ret.ty;
            let callee_ret = self.m.funcs[callee].code.rettype.clone();
            let mut cvals: Vec<Val<'ctx>> = Vec::with_capacity(fparams.len());
            let skip = usize::from(drop_callee);
            if vals.len() - skip != fparams.len() {
                return Err(self.unsupported(i, "internal error: a split target of another arity"));
            }
            for (((_, v, _), pick), l) in vals.iter().zip(&picks).skip(skip).zip(&fparams) {
                let v = match pick {
                    Some((u, (_, Some(idx)))) => {
                        let u = *u;
                        let idx = *idx;
                        Some(self.build(i, |b| b.build_extract_value(u, idx, ""))?)
                    }
                    Some((_, (_, None))) => None,
                    None => *v,
                };
                cvals.push(self.expect(i, v, l.ty, "passed as an argument")?);
            }
            let r = match self.invoke(i, callee, mi, cvals, fret) {
                Ok(r) => r,
                // An inlined target that never returns: its path ends here.
                Err(Stop::Dead) => {
                    self.build(i, |b| b.build_unreachable())?;
                    self.m.builder.position_at_end(other);
                    continue;
                }
                Err(e) => return Err(e),
            };
            match (&callee_ret, ret_ty, &ret_l) {
                (Lattice::Bottom, _, _) => {
                    self.build(i, |b| b.build_unreachable())?;
                }
                (cr, Some(rt), Some(rl)) if rl.ty.is_some() => {
                    let from = widenconst(store, cr);
                    let v = self.convert_value(i, r, from, rt)?;
                    let v = self.expect(i, v, rl.ty, "returned by a split call")?;
                    let bb = self.m.builder.get_insert_block().expect("positioned");
                    self.build(i, |b| b.build_unconditional_branch(merge))?;
                    if let Some(v) = v {
                        incoming.push((v, bb));
                    }
                }
                _ => {
                    self.build(i, |b| b.build_unconditional_branch(merge))?;
                }
            }
            self.m.builder.position_at_end(other);
        }
        // No target for the remaining tags.
        if targets.len() >= combos {
            self.build(i, |b| b.build_unreachable())?;
        } else {
            self.throw_exception(i, "MethodError")?;
        }
        self.m.builder.position_at_end(merge);
        let has_preds = merge.get_first_use().is_some();
        if !has_preds {
            return Err(Stop::Dead);
        }
        match ret_l.as_ref().and_then(|l| l.ty) {
            Some(t) if !incoming.is_empty() => {
                let phi = self.build(i, |b| b.build_phi(t, "split"))?;
                for (v, bb) in &incoming {
                    phi.add_incoming(&[(v as &dyn BasicValue, *bb)]);
                }
                Ok(Some(phi.as_basic_value()))
            }
            _ => Ok(None),
        }
    }

    /// Whether codegen emits the body of `callee` at this call site instead of calling
    /// it (the rule is in `optimize.rs`): not a recursive call, not `@noinline`; an
    /// `@inline` method or an `always_inline` job always; otherwise a body of at most
    /// [`INLINE_STMTS`] statements, while the function has inlined fewer than
    /// [`INLINE_TOTAL`] and the inlining is less than [`INLINE_DEPTH`] deep.
    fn should_inline(&self, callee: usize, mi: &crate::infer::MethodInstance) -> bool {
        if self.m.inline_stack.contains(&callee) || self.m.inline_stack.len() >= INLINE_DEPTH {
            return false;
        }
        let declared = self
            .m
            .req
            .engine
            .method_source(mi.method)
            .and_then(|s| s.inline);
        match declared {
            Some(false) => false,
            Some(true) => true,
            None if self.m.req.job.always_inline => true,
            None => {
                let n = self.m.funcs[callee].code.code.stmts.len();
                n <= INLINE_STMTS && self.m.inlined_stmts + n <= INLINE_TOTAL
            }
        }
    }

    /// Emits `callee`'s body here with the argument values `args`: its returns branch
    /// to a continuation block, where their values meet in a phi.
    fn inline_call(
        &mut self,
        i: usize,
        callee: usize,
        args: Vec<Val<'ctx>>,
        ret: Option<BasicTypeEnum<'ctx>>,
    ) -> Result<Val<'ctx>, Stop> {
        let il = inline_body(self.m, callee, self.function, self.entry_bb, args)?;
        if il.returns == 0 {
            // Control never comes back (the callee always throws).
            return Err(Stop::Dead);
        }
        let Some(ty) = ret else { return Ok(None) };
        match il.incoming.as_slice() {
            [(v, _)] => Ok(Some(*v)),
            incoming => {
                let phi = self.build(i, |b| b.build_phi(ty, ""))?;
                for (v, bb) in incoming {
                    phi.add_incoming(&[(v as &dyn BasicValue, *bb)]);
                }
                Ok(Some(phi.as_basic_value()))
            }
        }
    }

    fn foreign(
        &mut self,
        i: usize,
        target: &Foreign,
        ret: TypeId,
        arg_types: &[TypeId],
        args: &[Operand],
    ) -> Result<Val<'ctx>, Stop> {
        let (name, is_extern) = match target {
            Foreign::Extern(n) => (n.clone(), true),
            Foreign::LlvmIntrinsic(n) => (n.clone(), false),
        };
        if !is_extern
            && (&*name == crate::lower::LOOPINFO_MARKER
                || &*name == crate::lower::LOOPINFO_MARKER_IVDEP)
        {
            // A `@simd` loop's marker: no code, metadata on the back edge after it.
            self.loop_hint = Some(&*name == crate::lower::LOOPINFO_MARKER_IVDEP);
            return Ok(None);
        }
        let ret_l = self.layout(self.subst(ret), Some(i))?;
        let mut param_l = Vec::with_capacity(arg_types.len());
        let mut llvm_params: Vec<BasicMetadataTypeEnum> = Vec::new();
        for &t in arg_types {
            let l = self.layout(self.subst(t), Some(i))?;
            if let Some(ty) = l.ty {
                llvm_params.push(ty.into());
            }
            param_l.push(l);
        }
        if param_l.len() != args.len() {
            return Err(self.unsupported(i, "ccall: wrong number of arguments"));
        }
        let fn_type = match ret_l.ty {
            Some(t) => t.fn_type(&llvm_params, false),
            None => self.m.ctx.void_type().fn_type(&llvm_params, false),
        };
        let fv = match self.m.module.get_function(&name) {
            Some(f) if f.get_type() == fn_type => f,
            // The prelude's printf extern takes any arguments: one declaration per type
            // (LLVM numbers the names), each rewritten by `codegen::printf`.
            Some(_)
                if &*name == super::printf::PRINTF || &*name == super::printf::PRINTF_INTERP =>
            {
                self.m.module.add_function(&name, fn_type, None)
            }
            Some(f) => {
                return Err(self.unsupported(
                    i,
                    format!(
                        "ccall of `{name}` as {fn_type}, but it is already declared as {}",
                        f.get_type()
                    ),
                ))
            }
            None => self.m.module.add_function(&name, fn_type, None),
        };
        if is_extern {
            self.m.record_extern(&name, self.f, i);
        }
        let mut values: Vec<BasicMetadataValueEnum> = Vec::new();
        for (k, ((a, l), &t)) in args.iter().zip(&param_l).zip(arg_types).enumerate() {
            let t = self.subst(t);
            let v = match (self.operand_as(i, a, t)?, l.ty) {
                (Some(v), Some(ty)) if v.get_type() == ty => Some(v),
                (v, ty) => self.expect(
                    i,
                    v,
                    ty,
                    &format!("passed as argument {} of `{name}`", k + 1),
                )?,
            };
            if let Some(v) = v {
                values.push(v.into());
            }
        }
        let call = self.build(i, |b| b.build_direct_call(fv, &values, ""))?;
        match (ret_l.ty, call.try_as_basic_value()) {
            (Some(_), ValueKind::Basic(v)) => Ok(Some(v)),
            _ => Ok(None),
        }
    }

    /// Marks the back edge `br` of a `@simd` loop, as Julia's `LowerSIMDLoop` pass
    /// marks the loop: `!llvm.loop !{self, !{"llvm.loop.vectorize.enable", i1 true}}`
    /// (the self-reference made through a temporary node, as LLVM requires of loop
    /// ids). Deviations from Julia: float reductions in the loop do not get the
    /// `reassoc` flag (write `@fastmath` for that), and `@simd ivdep` marks the loop
    /// the same way: its memory accesses are not put in an access group
    /// (`llvm.loop.parallel_accesses`), so LLVM still checks their dependences.
    fn loop_metadata(&self, br: inkwell::values::InstructionValue<'ctx>, ivdep: bool) {
        use inkwell::context::AsContextRef;
        use inkwell::llvm_sys::core::{
            LLVMConstInt, LLVMGetMDKindIDInContext, LLVMInt1TypeInContext, LLVMMDNodeInContext2,
            LLVMMDStringInContext2, LLVMMetadataAsValue, LLVMSetMetadata, LLVMValueAsMetadata,
        };
        use inkwell::llvm_sys::debuginfo::{LLVMMetadataReplaceAllUsesWith, LLVMTemporaryMDNode};
        use inkwell::values::AsValueRef;
        let _ = ivdep;
        let ctx = self.m.ctx.as_ctx_ref();
        // SAFETY: every reference comes from this module's live context; the metadata
        // nodes are owned by it, and the temporary node is replaced (and so freed) before
        // the function returns.
        unsafe {
            let key = "llvm.loop.vectorize.enable";
            let name = LLVMMDStringInContext2(ctx, key.as_ptr().cast(), key.len());
            let yes = LLVMValueAsMetadata(LLVMConstInt(LLVMInt1TypeInContext(ctx), 1, 0));
            let mut enable_ops = [name, yes];
            let enable = LLVMMDNodeInContext2(ctx, enable_ops.as_mut_ptr(), 2);
            let temp = LLVMTemporaryMDNode(ctx, std::ptr::null_mut(), 0);
            let mut loop_ops = [temp, enable];
            let id = LLVMMDNodeInContext2(ctx, loop_ops.as_mut_ptr(), 2);
            LLVMMetadataReplaceAllUsesWith(temp, id);
            let kind = "llvm.loop";
            let kind = LLVMGetMDKindIDInContext(ctx, kind.as_ptr().cast(), kind.len() as u32);
            LLVMSetMetadata(br.as_value_ref(), kind, LLVMMetadataAsValue(ctx, id));
        }
    }

    // ----- aggregates -------------------------------------------------------------------

    /// `new(ty, args…)` / `tuple(args…)`: the aggregate of type `ty` from its fields.
    fn aggregate(&mut self, i: usize, ty: TypeId, args: &[Operand]) -> Result<Val<'ctx>, Stop> {
        let l = self.layout(ty, Some(i))?;
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            vals.push(self.operand(a)?);
        }
        let Some(agg_ty) = l.ty else {
            return Ok(None);
        };
        if l.n_fields() != args.len() {
            return Err(self.unsupported(
                i,
                format!(
                    "internal error: {} values for the {} fields of {}",
                    args.len(),
                    l.n_fields(),
                    self.store().show(ty)
                ),
            ));
        }
        let mut agg: AggregateValueEnum = match agg_ty {
            BasicTypeEnum::StructType(t) => t.get_undef().into(),
            BasicTypeEnum::ArrayType(t) => t.get_undef().into(),
            _ => return Err(self.unsupported(i, "internal error: a non-aggregate layout")),
        };
        for (k, v) in vals.into_iter().enumerate() {
            let (ft, idx) = l.field(k).expect("field count checked");
            let Some(idx) = idx else { continue };
            let fl = self.layout(ft, Some(i))?;
            let Some(v) = self.expect(i, v, fl.ty, "stored in a field")? else {
                continue;
            };
            agg = self.build(i, |b| b.build_insert_value(agg, v, idx, ""))?;
        }
        Ok(Some(agg.as_basic_value_enum()))
    }

    /// Field `idx` of `agg`: the value inserted there when `agg` was built by a chain
    /// of `insertvalue`s here (a tuple, a struct, a `DeviceArray` from its parameters),
    /// else an `extractvalue`.
    fn field_value(
        &self,
        i: usize,
        agg: AggregateValueEnum<'ctx>,
        idx: u32,
    ) -> Result<BasicValueEnum<'ctx>, Stop> {
        let mut cur = agg.as_basic_value_enum();
        while let Some(inst) = cur.as_instruction_value() {
            if inst.get_opcode() != InstructionOpcode::InsertValue || inst.get_num_indices() != 1 {
                break;
            }
            let hit = inst.get_indices()[0] == idx;
            // Operand 1 is the inserted value, operand 0 the aggregate inserted into.
            let Some(inkwell::values::Operand::Value(v)) = inst.get_operand(u32::from(hit)) else {
                break;
            };
            if hit {
                return Ok(v);
            }
            cur = v;
        }
        let agg = aggregate_value(cur)
            .ok_or_else(|| self.unsupported(i, "internal error: getfield of a scalar"))?;
        self.build(i, |b| b.build_extract_value(agg, idx, ""))
    }

    fn getfield(&mut self, i: usize, value: &Operand, field: &Field) -> Result<Val<'ctx>, Stop> {
        let store = self.store();
        let vt = self.operand_type(value);
        let l = self.layout(vt, Some(i))?;
        // The 0-based field, when known before run time.
        let by_name = |s: crate::types::SymId| -> Result<usize, Stop> {
            field_types(store, vt)
                .iter()
                .position(|(n, _)| *n == s)
                .ok_or_else(|| {
                    self.unsupported(
                        i,
                        format!("type {} has no field {}", store.show(vt), store.sym(s)),
                    )
                })
        };
        let index = match field {
            Field::Name(s) => Some(by_name(*s)?),
            Field::Index(k) => Some((*k as usize).wrapping_sub(1)),
            Field::Dynamic(op) => match self.lattice(op) {
                Lattice::Const(Const::Bits { ty, bits }) if ty == store.common().int64 => {
                    Some((bits as u64 as usize).wrapping_sub(1))
                }
                Lattice::Const(Const::Symbol(s)) => Some(by_name(s)?),
                _ => None,
            },
        };
        let agg = self.operand(value)?;
        match index {
            // A field of a value with no bits (a tuple of functions, a struct of
            // singletons) is itself a ghost: nothing to read. Inference checked `k`.
            Some(_) if matches!(l.kind, LayoutKind::Ghost) => Ok(None),
            Some(k) => {
                let Some((_, idx)) = l.field(k) else {
                    return Err(self.unsupported(
                        i,
                        format!("field {} of {}", k.wrapping_add(1), store.show(vt)),
                    ));
                };
                let (Some(idx), Some(agg)) = (idx, agg) else {
                    return Ok(None);
                };
                let agg = aggregate_value(agg)
                    .ok_or_else(|| self.unsupported(i, "internal error: getfield of a scalar"))?;
                Ok(Some(self.field_value(i, agg, idx)?))
            }
            None => match field {
                Field::Dynamic(op) if matches!(l.kind, LayoutKind::Struct { .. }) => {
                    self.dynamic_getfield_union(i, &l, vt, agg, op)
                }
                Field::Dynamic(op) => self.dynamic_getfield(i, &l, vt, agg, op),
                _ => Err(self.unsupported(i, "internal error: an unknown static field")),
            },
        }
    }

    /// `getfield(t, i)` with `i` known only at run time: homogeneous tuples (arrays)
    /// only, through a stack copy, after a bounds check that throws a `BoundsError`
    /// through the runtime's exception reporting (as `throw(BoundsError())` does).
    ///
    /// Julia's two-argument `getfield` always checks; Base's `getindex(::Tuple, ::Int)`
    /// passes `Expr(:boundscheck)` as the third argument, so Julia elides the check
    /// under `@inbounds`. Deviation: the IR's `getfield` has no bounds-check argument
    /// (the prelude's `getindex(t::Tuple, i)` is the two-argument `getfield(t, i)`), so
    /// the check stays under `@inbounds` too.
    fn dynamic_getfield(
        &mut self,
        i: usize,
        l: &Layout<'ctx>,
        vt: TypeId,
        agg: Val<'ctx>,
        index: &Operand,
    ) -> Result<Val<'ctx>, Stop> {
        let store = self.store();
        let LayoutKind::Array { elem, n } = l.kind else {
            return Err(self.unsupported(
                i,
                format!(
                    "a field of {} selected at run time (only tuples whose elements share one type can be indexed at run time)",
                    store.show(vt)
                ),
            ));
        };
        let (Some(agg), Some(arr_ty)) = (agg, l.ty) else {
            return Ok(None);
        };
        let el = self.layout(elem, Some(i))?;
        let Some(elem_ty) = el.ty else {
            return Ok(None);
        };
        let (k0, _) = self.checked_tuple_index(i, index, u64::from(n))?;
        let i64t = self.m.ctx.i64_type();
        let tmp = self
            .entry
            .build_alloca(arr_ty, "tuple")
            .map_err(|e| Stop::Fail(internal(&self.location(Some(i)), e)))?;
        self.build(i, |b| b.build_store(tmp, agg))?;
        let zero = i64t.const_zero();
        // SAFETY: `tmp` is an alloca of `arr_ty`; the indices have the GEP's types and
        // `k0` was checked to be below the array's length.
        let p = self.build(i, |b| unsafe {
            b.build_in_bounds_gep(arr_ty, tmp, &[zero, k0], "")
        })?;
        Ok(Some(self.build(i, |b| b.build_load(elem_ty, p, ""))?))
    }

    /// The run-time tuple index `index` (1-based) of statement `i`, checked against the
    /// tuple's `n` fields: `index - 1` as an `i64`, with the builder on the path where
    /// it is in bounds, and the block that throws the `BoundsError` outside (see
    /// [`Self::dynamic_getfield`] for Julia's semantics).
    fn checked_tuple_index(
        &mut self,
        i: usize,
        index: &Operand,
        n: u64,
    ) -> Result<(inkwell::values::IntValue<'ctx>, BasicBlock<'ctx>), Stop> {
        let k = self.operand(index)?;
        let Some(BasicValueEnum::IntValue(k)) = k else {
            return Err(self.unsupported(i, "a run-time field index that is not an integer"));
        };
        let i64t = self.m.ctx.i64_type();
        let k = self.build(i, |b| b.build_int_s_extend_or_bit_cast(k, i64t, ""))?;
        let k0 = self.build(i, |b| b.build_int_sub(k, i64t.const_int(1, false), ""))?;
        // 1 <= k <= n, as one unsigned comparison of k - 1 with n.
        let inside = self.build(i, |b| {
            b.build_int_compare(
                inkwell::IntPredicate::ULT,
                k0,
                i64t.const_int(n, false),
                "inbounds",
            )
        })?;
        let ok = self
            .m
            .ctx
            .append_basic_block(self.function, "tuple_inbounds");
        let oob = self.m.ctx.append_basic_block(self.function, "tuple_oob");
        self.build(i, |b| b.build_conditional_branch(inside, ok, oob))?;
        self.m.builder.position_at_end(oob);
        self.throw_exception(i, "BoundsError")?;
        self.m.builder.position_at_end(ok);
        Ok((k0, oob))
    }

    /// `getfield(t, i)` of a heterogeneous tuple with `i` known only at run time: the
    /// field's value tagged into the union of the field types (inference's type of the
    /// statement), selected by comparing `i` with each position, after the bounds
    /// check of [`Self::dynamic_getfield`].
    fn dynamic_getfield_union(
        &mut self,
        i: usize,
        l: &Layout<'ctx>,
        vt: TypeId,
        agg: Val<'ctx>,
        index: &Operand,
    ) -> Result<Val<'ctx>, Stop> {
        let store = self.store();
        let LayoutKind::Struct { fields } = &l.kind else {
            return Err(self.unsupported(i, "internal error: not a struct"));
        };
        if !store.is_tuple(vt) {
            return Err(self.unsupported(
                i,
                format!(
                    "a field of {} selected at run time (only tuples can be indexed at run time)",
                    store.show(vt)
                ),
            ));
        }
        let ret_ty = widenconst(
            store,
            self.code.ssa_types.get(i).unwrap_or(&Lattice::Bottom),
        );
        let rl = self.layout(ret_ty, Some(i))?;
        let (k0, oob) = self.checked_tuple_index(i, index, fields.len() as u64)?;
        let i64t = self.m.ctx.i64_type();
        // One block per field, switched on the index.
        let merge = self.m.ctx.append_basic_block(self.function, "field_merge");
        let mut cases = Vec::with_capacity(fields.len());
        let mut incoming: Vec<(BasicValueEnum<'ctx>, BasicBlock<'ctx>)> = Vec::new();
        let origin = self.m.builder.get_insert_block().expect("positioned");
        for (pos, &(ft, idx)) in fields.clone().iter().enumerate() {
            let bb = self.m.ctx.append_basic_block(self.function, "field");
            cases.push((i64t.const_int(pos as u64, false), bb));
            self.m.builder.position_at_end(bb);
            let v = match (idx, agg) {
                (Some(idx), Some(agg)) => {
                    let agg = aggregate_value(agg).ok_or_else(|| {
                        self.unsupported(i, "internal error: getfield of a scalar")
                    })?;
                    Some(self.build(i, |b| b.build_extract_value(agg, idx, ""))?)
                }
                _ => None,
            };
            let v = self.convert_value(i, v, ft, ret_ty)?;
            let v = self.expect(i, v, rl.ty, "read from a tuple")?;
            let end = self.m.builder.get_insert_block().expect("positioned");
            self.build(i, |b| b.build_unconditional_branch(merge))?;
            if let Some(v) = v {
                incoming.push((v, end));
            }
        }
        self.m.builder.position_at_end(origin);
        // The index was checked: the default (the throwing block) is never taken.
        self.build(i, |b| b.build_switch(k0, oob, &cases))?;
        self.m.builder.position_at_end(merge);
        match rl.ty {
            Some(t) if !incoming.is_empty() => {
                let phi = self.build(i, |b| b.build_phi(t, "field"))?;
                for (v, bb) in &incoming {
                    phi.add_incoming(&[(v as &dyn BasicValue, *bb)]);
                }
                Ok(Some(phi.as_basic_value()))
            }
            _ => Ok(None),
        }
    }

    /// Whether `stmt` is a `getfield` of a tuple by a constant index that inference
    /// found outside the tuple (its value is `Union{}`, the tuple is a value).
    fn static_index_out_of_bounds(&self, stmt: &Stmt) -> bool {
        let Stmt::GetField { value, field } = stmt else {
            return false;
        };
        let lat = self.lattice(value);
        if matches!(lat, Lattice::Bottom) {
            return false;
        }
        let store = self.store();
        let vt = widenconst(store, &lat);
        let index = match field {
            Field::Index(k) => Some(u64::from(*k)),
            Field::Dynamic(op) => match self.lattice(op) {
                Lattice::Const(Const::Bits { ty, bits }) if ty == store.common().int64 => {
                    Some(bits as u64)
                }
                _ => None,
            },
            Field::Name(_) => None,
        };
        if !store.is_tuple(vt) || !store.is_concrete(vt) {
            return false;
        }
        let n = store.params(vt).len() as u64;
        index.is_some_and(|k| k == 0 || k > n)
    }

    /// Throws the exception named `name` at statement `i` as lowering's `throw` does:
    /// `report_exception_name(name)`, `report_exception_frame(1, func, file, line)`,
    /// `signal_exception()` (each dispatched in the job's view, so GPU jobs reach the
    /// runtime library), then `unreachable`. Leaves the builder after the
    /// `unreachable`.
    fn throw_exception(&mut self, i: usize, name: &str) -> Result<(), Stop> {
        let store = self.store();
        let string = widenconst(store, &Lattice::Const(Const::Str(Arc::from(""))));
        let int32 = store.common().int32;
        let func = self.code.code.name.clone();
        let file = self.code.code.file.clone();
        let line = self.m.line_of(&self.code, i);
        let int32_const = |v: u32| Const::Bits {
            ty: int32,
            bits: u128::from(v),
        };
        self.call_runtime(
            i,
            "report_exception_name",
            &[(string, Const::Str(Arc::from(name)))],
        )?;
        self.call_runtime(
            i,
            "report_exception_frame",
            &[
                (int32, int32_const(1)),
                (string, Const::Str(func)),
                (string, Const::Str(file)),
                (int32, int32_const(line)),
            ],
        )?;
        self.call_runtime(i, "signal_exception", &[])?;
        self.build(i, |b| b.build_unreachable())?;
        Ok(())
    }

    /// Calls the generic function `func` with constant arguments (of the given types)
    /// from statement `i`: the method the job's view dispatches to, compiled like any
    /// callee.
    fn call_runtime(&mut self, i: usize, func: &str, args: &[(TypeId, Const)]) -> Result<(), Stop> {
        let req = self.m.req;
        let types: Vec<TypeId> = args.iter().map(|a| a.0).collect();
        let mi = crate::infer::interp::entry(req.engine, req.job, func, &types)
            .map_err(|e| Stop::Fail(CodegenError::Infer(e)))?;
        let callee = self.m.info_for(&mi, None, false, Some((self.f, i)))?;
        let params = self.m.funcs[callee].params.clone();
        let ret = self.m.funcs[callee].ret.ty;
        let mut vals: Vec<Val<'ctx>> = Vec::with_capacity(args.len());
        for ((_, c), l) in args.iter().zip(&params) {
            let v = self.constant(c).map_err(Stop::Fail)?;
            vals.push(self.expect(i, v, l.ty, "passed to the runtime")?);
        }
        match self.invoke(i, callee, &mi, vals, ret) {
            // An inlined runtime function that never returns leaves the builder in a
            // fresh block, which the caller ends with `unreachable`.
            Ok(_) | Err(Stop::Dead) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

/// The union value (of LLVM type `st`, see `types.rs`) holding `v` as member `k`
/// (in LLVM field `field`, `None` for a ghost member), built by `b`.
/// Calls `f` with the index of each slot statement `st` reads.
fn for_each_slot_read(st: &Stmt, f: &mut impl FnMut(usize)) {
    let mut op = |o: &Operand| {
        if let Operand::Slot(s) = o {
            f(s.index());
        }
    };
    match st {
        Stmt::CallValue { callee, args, .. } => {
            op(callee);
            args.iter().for_each(op)
        }
        Stmt::Call { args, .. }
        | Stmt::Intrinsic { args, .. }
        | Stmt::Foreign { args, .. }
        | Stmt::New { args, .. }
        | Stmt::Tuple(args) => args.iter().for_each(op),
        Stmt::GetField { value, field } => {
            op(value);
            if let Field::Dynamic(d) = field {
                op(d);
            }
        }
        Stmt::TypeAssert { value, .. }
        | Stmt::Value(value)
        | Stmt::SlotSet { value, .. }
        | Stmt::Return(value)
        | Stmt::GotoIfNot { cond: value, .. } => op(value),
        Stmt::BoundsCheck | Stmt::Goto(_) | Stmt::Unreachable => {}
    }
}

fn tag_member<'ctx>(
    b: &Builder<'ctx>,
    st: inkwell::types::StructType<'ctx>,
    k: usize,
    field: Option<u32>,
    v: Val<'ctx>,
) -> Result<BasicValueEnum<'ctx>, inkwell::builder::BuilderError> {
    let tag = st.get_context().i8_type().const_int(k as u64, false);
    let mut agg: AggregateValueEnum = st.get_undef().into();
    agg = b.build_insert_value(agg, tag, 0, "tag")?;
    if let (Some(idx), Some(v)) = (field, v) {
        agg = b.build_insert_value(agg, v, idx, "")?;
    }
    Ok(agg.as_basic_value_enum())
}

/// An aggregate value as inkwell's aggregate enum.
pub(crate) fn aggregate_value(v: BasicValueEnum<'_>) -> Option<AggregateValueEnum<'_>> {
    match v {
        BasicValueEnum::StructValue(s) => Some(s.into()),
        BasicValueEnum::ArrayValue(a) => Some(a.into()),
        _ => None,
    }
}

/// A builder failure: a codegen bug.
pub(crate) fn internal(location: &str, e: impl std::fmt::Display) -> CodegenError {
    CodegenError::Unsupported {
        what: format!("internal error: LLVM builder: {e}"),
        location: location.to_string(),
    }
}

fn stop_err(s: Stop, fx: &FnCx<'_, '_, '_>) -> CodegenError {
    match s {
        Stop::Fail(e) => e,
        Stop::Dead => CodegenError::Unsupported {
            what: "internal error: dead code in an argument".into(),
            location: fx.location(None),
        },
    }
}

/// The value of an IEEE half-precision bit pattern (exactly representable in `f64`).
pub(crate) fn f16_bits_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let frac = (h & 0x3ff) as f64;
    match exp {
        0 => sign * frac * 2f64.powi(-24),
        0x1f if frac == 0.0 => sign * f64::INFINITY,
        0x1f => f64::NAN,
        e => sign * (1.0 + frac / 1024.0) * 2f64.powi(e - 15),
    }
}

#[cfg(test)]
mod tests {
    use super::f16_bits_to_f64;

    #[test]
    fn half_constants() {
        for (bits, x) in [
            (0x3c00u16, 1.0),
            (0xc000, -2.0),
            (0x3555, 0.333251953125),
            (0x0001, 5.960464477539063e-8),
            (0x7bff, 65504.0),
            (0x7c00, f64::INFINITY),
        ] {
            assert_eq!(f16_bits_to_f64(bits), x, "{bits:#x}");
        }
        assert!(f16_bits_to_f64(0x7e00).is_nan());
    }
}

/// Whether a method signature is a callable object's (its callee is not a function's
/// `typeof(f)`), whose compiled function takes the callee as its first parameter.
pub(crate) fn is_callable(store: &crate::types::TypeStore, spec: TypeId) -> bool {
    store
        .callee_of(spec)
        .is_some_and(|c| store.function_of(c).is_none())
}

/// The parameter types of a method instance's compiled function: a generic function's
/// arguments (its `typeof(f)` callee is a constant, passed as nothing), or a callable
/// object's callee followed by its arguments.
pub(crate) fn llvm_params(store: &crate::types::TypeStore, spec: TypeId) -> &[TypeId] {
    if is_callable(store, spec) {
        let (body, _) = store.unwrap_unionall(spec);
        store.params(body)
    } else {
        store.sig_args(spec)
    }
}
