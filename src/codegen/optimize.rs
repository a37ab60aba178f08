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
//! GVN and a last CFG simplification ([`pipeline`]), with only the passes that have
//! work on the module's [`Shape`] (no loop passes for a module without loops, no
//! inliner when nothing is marked…). `default<O2>` stays
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

use hashbrown::HashMap;
use inkwell::attributes::{Attribute, AttributeLoc};
use inkwell::basic_block::BasicBlock;
use inkwell::module::{Linkage, Module};
use inkwell::values::{CallSiteValue, FunctionValue, InstructionOpcode, Operand};

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

/// What the pipeline needs to know about a module, from [`mark_inlining`]'s walk over it.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Some function has a cycle in its control-flow graph.
    pub loops: bool,
    /// Some function is marked `alwaysinline` and called.
    pub inlines: bool,
    /// How many functions are defined (more than one: codegen left calls, or the
    /// runtime library or libdevice is linked).
    pub functions: usize,
    /// The module declares libdevice's `__nvvm_reflect`.
    pub reflect: bool,
    /// The module defines private or internal globals (string constants).
    pub local_globals: bool,
}

impl Shape {
    /// The shape that runs every pass of [`pipeline`] (a module not walked).
    pub const FULL: Shape = Shape {
        loops: true,
        inlines: true,
        functions: usize::MAX,
        reflect: true,
        local_globals: true,
    };
}

/// `instcombine` as `default<O2>` builds it: LLVM 19 parses a bare `instcombine` with
/// fixpoint verification on (meant for LLVM's own tests), and then ends the process
/// (`LLVM ERROR: Instruction Combining did not reach a fixpoint`) on a function that
/// one iteration leaves improvable, such as a loop over a tuple after full unrolling
/// (tests/data/driver/optimize.jl).
macro_rules! instcombine {
    () => {
        "instcombine<no-verify-fixpoint>"
    };
}

/// The function passes for a module with loops.
const LOOP_PASSES: &str = concat!(
    "sroa,early-cse<memssa>,simplifycfg,",
    instcombine!(),
    ",loop-mssa(loop-rotate,licm),simplifycfg,",
    instcombine!(),
    ",loop(indvars,loop-deletion,loop-unroll-full),gvn,",
    instcombine!(),
    ",simplifycfg<hoist-common-insts;sink-common-insts>"
);

/// The function passes for a module without loops: the loop passes and the
/// instcombine/simplifycfg around them have nothing to do. GVN stays, after
/// instcombine, for the partial redundancies early CSE cannot see (a load in one arm
/// of a branch reloaded after the join becomes one load and a `select`).
const STRAIGHT_PASSES: &str = concat!(
    "sroa,early-cse<memssa>,simplifycfg,",
    instcombine!(),
    ",gvn,simplifycfg<hoist-common-insts;sink-common-insts>"
);

/// The new-pass-manager pipeline text for a module of `shape` (after
/// [`mark_inlining`]).
///
/// Each pass is there because some kernel's PTX needs it; the passes a module's shape
/// makes no-ops are left out, since every pass costs its setup even on a small
/// function (an instcombine ~0.1 M instructions on saxpy; perf-notes.md, "Optimize
/// stage and codegen trimmed"). Measured against the pipeline before (which also ran a
/// second SROA, merged load/store motion, SCCP, DSE, ADCE and a last instcombine, every
/// module pass always, and NVVMIntrRange last): on every example and every kernel of
/// tests/data/driver/optimize.jl the PTX has as many instructions or fewer (block_sum
/// 49 instead of 51, heat1d 35/36, the partial-redundancy probes 14/19, 17/18, 63/70),
/// the loops' bodies unchanged.
///
/// - `globaldce` first, when the runtime library or libdevice brought functions the
///   module may not call (libdevice's hundreds), before NVVMReflect reads them;
/// - on PTX, NVVMReflect resolves libdevice's `__nvvm_reflect` queries, and
///   NVVMIntrRange gives the thread and block indices and sizes their ranges before
///   anything reads them (so `threadIdx().x - 1` is known not to wrap), both first as
///   in `default<O2>`, which gets them from the target's pipeline-start callback (a
///   textual pipeline must name them);
/// - the always-inliner and a `globaldce` for the inlined functions, when
///   [`mark_inlining`] marked some;
/// - the function passes (`LOOP_PASSES` or `STRAIGHT_PASSES`);
/// - a last `globaldce` for what optimization left unreferenced (string constants of
///   removed exception paths, functions whose calls were dead).
pub fn pipeline(kind: super::TargetKind, shape: &Shape) -> String {
    let ptx = kind == super::TargetKind::Ptx;
    let several = shape.functions > 1;
    let mut text = String::with_capacity(400);
    if several {
        text.push_str("globaldce,");
    }
    if ptx {
        text.push_str(if shape.reflect {
            "function(nvvm-reflect,nvvm-intr-range),"
        } else {
            "function(nvvm-intr-range),"
        });
    }
    if shape.inlines {
        text.push_str("always-inline,globaldce,");
    }
    text.push_str("function(");
    text.push_str(if shape.loops {
        LOOP_PASSES
    } else {
        STRAIGHT_PASSES
    });
    text.push(')');
    if several || shape.local_globals {
        text.push_str(",globaldce");
    }
    text
}

/// Marks the module's functions `alwaysinline` by the rule in the module docs, and
/// returns the module's [`Shape`] for [`pipeline`]. Functions already marked
/// `alwaysinline` or `noinline` keep their marks.
pub fn mark_inlining(module: &Module<'_>) -> Shape {
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
    let mut loops = false;
    // One function's blocks and their successors (for the cycle check).
    let mut blocks: HashMap<BasicBlock<'_>, usize> = HashMap::new();
    let mut succ: Vec<Vec<usize>> = Vec::new();
    for (i, f) in funcs.iter().enumerate() {
        if !loops {
            blocks.clear();
            blocks.extend(f.get_basic_block_iter().enumerate().map(|(k, b)| (b, k)));
            succ.clear();
            succ.resize(blocks.len(), Vec::new());
        }
        for (k, bb) in f.get_basic_block_iter().enumerate() {
            for inst in bb.get_instructions() {
                size[i] += 1;
                let op = inst.get_opcode();
                if !loops && matches!(op, InstructionOpcode::Br | InstructionOpcode::Switch) {
                    succ[k].extend(inst.get_operands().filter_map(|o| match o {
                        Some(Operand::Block(b)) => blocks.get(&b).copied(),
                        _ => None,
                    }));
                }
                if op != InstructionOpcode::Call {
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
        loops = loops || has_cycle(&succ, 0);
    }

    // Callees first (an iterative depth-first post-order); a call back into a function
    // still on the stack closes a cycle, whose members are never inlined.
    let n = funcs.len();
    let mut order = Vec::with_capacity(n);
    let mut state = vec![0u8; n];
    let mut recursive = vec![false; n];
    for root in 0..n {
        dfs(
            &calls,
            root,
            &mut state,
            |stack, g| {
                // Everything on the stack from `g` up is in the cycle.
                let from = stack.iter().position(|&(h, _)| h == g).unwrap_or(0);
                for &(h, _) in &stack[from..] {
                    recursive[h] = true;
                }
                false
            },
            |f| order.push(f),
        );
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

    Shape {
        loops,
        inlines: inlined.iter().any(|&b| b),
        functions: n,
        reflect: module.get_function("__nvvm_reflect").is_some(),
        local_globals: module
            .get_globals()
            .any(|g| matches!(g.get_linkage(), Linkage::Private | Linkage::Internal)),
    }
}

/// Whether the graph `succ` (node → successors) has a cycle reachable from `root`.
fn has_cycle(succ: &[Vec<usize>], root: usize) -> bool {
    root < succ.len() && dfs(succ, root, &mut vec![0; succ.len()], |_, _| true, |_| {})
}

/// An iterative depth-first search of `succ` from `root`, skipping nodes `state` marks
/// visited (0 unvisited, 1 on the stack, 2 done; shared across calls, so several roots
/// make one search). `back(stack, w)` sees each edge to `w` still on the stack (a cycle)
/// and stops the search by returning true, which is then the result; `done(v)` sees
/// each node as it finishes (post-order: callees before callers).
fn dfs(
    succ: &[Vec<usize>],
    root: usize,
    state: &mut [u8],
    mut back: impl FnMut(&[(usize, usize)], usize) -> bool,
    mut done: impl FnMut(usize),
) -> bool {
    if state[root] != 0 {
        return false;
    }
    let mut stack = vec![(root, 0usize)];
    state[root] = 1;
    while let Some(&mut (v, ref mut next)) = stack.last_mut() {
        if let Some(&w) = succ[v].get(*next) {
            *next += 1;
            match state[w] {
                0 => {
                    state[w] = 1;
                    stack.push((w, 0));
                }
                1 if back(&stack, w) => {
                    return true;
                }
                _ => {}
            }
        } else {
            state[v] = 2;
            done(v);
            stack.pop();
        }
    }
    false
}
