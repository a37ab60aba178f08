//! The optimize stage's policy: which functions are inlined, and the LLVM pass pipeline
//! that runs on a linked module.
//!
//! Codegen hands LLVM one function per method instance (`getindex`, `+`, `convert`,
//! `checkbounds`…: 28 for saxpy), where Julia hands it typed IR its own optimizer has
//! already inlined. Running LLVM's `default<O2>` on such a module spends most of its
//! time in the CGSCC inliner and in re-simplifying every callee before inlining it
//! (measured in perf-notes.md, "The compiler end to end"). So strata decides inlining
//! itself, bottom-up, before the pipeline runs ([`mark_inlining`]), and runs a shorter
//! pipeline in the spirit of Julia's own (`src/pipeline.cpp`): the always-inliner, an
//! early simplification, loop rotation/LICM/induction variables/full unrolling, then
//! GVN, SCCP, dead-store and dead-code elimination ([`pipeline`]). `default<O2>` stays
//! available (`Pipeline::O2`) and is the oracle the tests compare the output with
//! (tests/all/driver.rs: no example's PTX gets longer).
//!
//! The inlining rule (GPU compilers inline nearly everything: calls are expensive on
//! GPUs, and LLVM's NVPTX back-end multiplies the inline threshold by 11):
//! - a function declared `@noinline`, or part of a recursive cycle, is never inlined;
//!   one declared `@inline` (or every function of an `always_inline` job) is marked at
//!   declaration by codegen and is inlined whatever its size;
//! - any other function is inlined at all its call sites when its size after its own
//!   callees are inlined is at most [`TINY`] instructions, or when that size times its
//!   number of call sites is at most [`BUDGET`] (so no function grows by more than
//!   about `BUDGET` instructions per inlined callee, and nesting cannot blow up);
//! - functions marked `cold` (the runtime's exception reporting) are left as calls.

use inkwell::attributes::{Attribute, AttributeLoc};
use inkwell::module::Module;
use inkwell::values::{CallSiteValue, FunctionValue, InstructionOpcode};
use std::collections::HashMap;

/// Functions this small (in LLVM instructions, after their own callees are inlined)
/// are inlined everywhere: a call costs about as much.
pub const TINY: usize = 40;
/// The most instructions inlining one function may add to the module in total.
pub const BUDGET: usize = 2000;

/// Codegen inlines a call (emits the callee's body at the call site, body.rs) when the
/// callee has at most this many typed-IR statements…
pub const INLINE_STMTS: usize = 100;
/// …while the function has had fewer than this many statements inlined into it…
pub const INLINE_TOTAL: usize = 4000;
/// …and the inlining is less deep than this.
pub const INLINE_DEPTH: usize = 16;

/// Which optimization pipeline the optimize stage runs.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Pipeline {
    /// strata's: bottom-up inlining decided by [`mark_inlining`], then [`pipeline`].
    #[default]
    Strata,
    /// LLVM's `default<O2>` on the module as codegen produced it (the oracle; slower).
    O2,
}

/// The target-independent part of [`pipeline`].
///
/// `instcombine<no-verify-fixpoint>`, as `default<O2>` builds it: LLVM 19 parses a bare
/// `instcombine` with fixpoint verification on (meant for LLVM's own tests), and then
/// ends the process (`LLVM ERROR: Instruction Combining did not reach a fixpoint`) on a
/// function that one iteration leaves improvable, such as a loop over a tuple after full
/// unrolling (tests/data/driver/optimize.jl).
macro_rules! strata_pipeline {
    () => {
        concat!(
            "always-inline,globaldce,",
            "function(sroa,early-cse<memssa>,simplifycfg,instcombine<no-verify-fixpoint>,",
            "loop-mssa(loop-rotate,licm),simplifycfg,instcombine<no-verify-fixpoint>,",
            "loop(indvars,loop-deletion,loop-unroll-full),",
            "sroa,mldst-motion<no-split-footer-bb>,gvn,sccp,instcombine<no-verify-fixpoint>,",
            "dse,adce,simplifycfg<hoist-common-insts;sink-common-insts>,",
            "instcombine<no-verify-fixpoint>),",
            "globaldce"
        )
    };
}
/// The new-pass-manager pipeline text for `kind` (after [`mark_inlining`]).
pub fn pipeline(kind: super::TargetKind) -> &'static str {
    match kind {
        // NVVMReflect resolves libdevice's `__nvvm_reflect` queries; `default<O2>` gets
        // it from the target's pipeline callbacks, a textual pipeline must name it.
        super::TargetKind::Ptx => concat!(
            "globaldce,function(nvvm-reflect),",
            strata_pipeline!(),
            ",function(nvvm-intr-range)"
        ),
        _ => concat!("globaldce,", strata_pipeline!()),
    }
}

/// Marks the module's functions `alwaysinline` by the rule in the module docs.
/// Functions already marked `alwaysinline` or `noinline` keep their marks.
pub fn mark_inlining(module: &Module<'_>) {
    let ctx = module.get_context();
    let kind = |name: &str| Attribute::get_named_enum_kind_id(name);
    let (always, never, cold) = (kind("alwaysinline"), kind("noinline"), kind("cold"));
    let has =
        |f: FunctionValue<'_>, k: u32| f.get_enum_attribute(AttributeLoc::Function, k).is_some();

    // The defined functions, their sizes and their direct calls of defined functions.
    let funcs: Vec<FunctionValue<'_>> = module
        .get_functions()
        .filter(|f| f.count_basic_blocks() > 0)
        .collect();
    let index: HashMap<FunctionValue<'_>, usize> =
        funcs.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let mut size = vec![0usize; funcs.len()];
    let mut calls: Vec<Vec<usize>> = vec![Vec::new(); funcs.len()];
    let mut sites = vec![0usize; funcs.len()];
    for (i, f) in funcs.iter().enumerate() {
        for bb in f.get_basic_block_iter() {
            for inst in bb.get_instructions() {
                size[i] += 1;
                if inst.get_opcode() != InstructionOpcode::Call {
                    continue;
                }
                let callee = CallSiteValue::try_from(inst)
                    .ok()
                    .and_then(|c| c.get_called_fn_value())
                    .and_then(|g| index.get(&g).copied());
                if let Some(g) = callee {
                    calls[i].push(g);
                    sites[g] += 1;
                }
            }
        }
    }

    // Callees first (an iterative depth-first post-order); a call back into a function
    // still on the stack closes a cycle, whose members are never inlined.
    let n = funcs.len();
    let mut order = Vec::with_capacity(n);
    let mut state = vec![0u8; n]; // 0 unvisited, 1 on the stack, 2 done
    let mut recursive = vec![false; n];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&mut (f, ref mut next)) = stack.last_mut() {
            if let Some(&g) = calls[f].get(*next) {
                *next += 1;
                match state[g] {
                    0 => {
                        state[g] = 1;
                        stack.push((g, 0));
                    }
                    1 => {
                        // Everything on the stack from `g` up is in the cycle.
                        let from = stack.iter().position(|&(h, _)| h == g).unwrap_or(0);
                        for &(h, _) in &stack[from..] {
                            recursive[h] = true;
                        }
                    }
                    _ => {}
                }
            } else {
                state[f] = 2;
                order.push(f);
                stack.pop();
            }
        }
    }

    // Sizes after inlining, callees first.
    let mut inlined = vec![false; n];
    let mut grown = size.clone();
    for &f in &order {
        for &g in &calls[f] {
            if inlined[g] {
                grown[f] += grown[g].saturating_sub(1);
            }
        }
        let func = funcs[f];
        if recursive[f] || sites[f] == 0 || has(func, never) || has(func, cold) {
            continue;
        }
        if has(func, always) {
            inlined[f] = true;
            continue;
        }
        if grown[f] <= TINY || grown[f].saturating_mul(sites[f]) <= BUDGET {
            inlined[f] = true;
            func.add_attribute(AttributeLoc::Function, ctx.create_enum_attribute(always, 0));
        }
    }
}
