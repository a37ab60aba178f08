//! Ambiguity detection over the method tables, after Julia's `Test.detect_ambiguities`.
//!
//! For every function, every pair of methods live at a world whose signatures overlap
//! (a non-empty intersection) while neither is more specific than the other is a
//! *candidate*. A candidate is reported only if the engine itself says a call at the
//! intersection is ambiguous: [`Engine::findall`] at the intersection, through the stack
//! that holds both methods' tables, answers `ambig` with both methods among its matches.
//! Asking the engine (rather than re-deriving the rule here) accounts for
//! - a third method more specific than both that covers the intersection (Julia's
//!   "possible fix" already defined), and
//! - an upper table shadowing a lower one: in GPUCompiler's `StackedMethodTable` (and in
//!   `view/stacked.rs`) a table whose matches fully cover the query answers alone.
//!
//! Pairs checked:
//! - within one table, through that table's usual stack: the global table alone
//!   (`[]`), the runtime table over the global one (`["runtime"]`), an overlay over the
//!   runtime table over the global one (`[overlay, "runtime"]`, a back end's view);
//! - across tables, `(upper, lower)` with `upper` an overlay and `lower` the runtime or
//!   global table, or `upper` the runtime table and `lower` the global table, through
//!   the upper table's stack.
//!
//! Consequence of the stacking rule (and the reason cross-table pairs are still
//! checked, not skipped): the upper method's signature always contains the
//! intersection, so its table answers alone and a cross-table pair is never ambiguous.
//! An overlay method that "overlaps" a global one shadows it, as in GPUCompiler; the
//! tests pin this down. Julia itself has no stacked tables, so there is nothing to
//! deviate from there.
//!
//! Output is deterministic: by function name, then by the pair's method ids. Read
//! `stacked.rs` for the stacking rule, `engine.rs` for `findall`.

use crate::engine::{Engine, MethodInfo};
use crate::table::{MethodId, GLOBAL_NAME, RUNTIME_NAME};
use crate::types::TypeId;
use crate::world::World;

/// Two methods of one function that a call can reach with neither winning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ambiguity {
    /// The function's name.
    pub func: String,
    /// The first method: the lower id within one table, the upper table's across tables.
    pub a: MethodId,
    /// The second method.
    pub b: MethodId,
    /// The tables of `a` and `b` (equal for a pair within one table).
    pub tables: [String; 2],
    /// The signatures' intersection (a full signature, `Tuple{typeof(f), …}`): the
    /// signature whose definition would resolve the ambiguity (Julia's "Possible fix, define").
    pub intersection: TypeId,
}

impl Engine {
    /// Every ambiguous pair of methods live at `world` (`None` = now), within each table
    /// and across stacked tables. See the module documentation of
    /// [`view::ambiguities`](crate::view::ambiguities).
    pub fn ambiguities(&self, world: Option<World>) -> Vec<Ambiguity> {
        detect_ambiguities(self, world)
    }
}

/// Where a table sits in a stack, lowest first.
fn rank(table: &str) -> u8 {
    match table {
        GLOBAL_NAME => 0,
        RUNTIME_NAME => 1,
        _ => 2,
    }
}

/// The overlay stack (as [`Engine::findall`] takes it) whose top is `table`.
fn stack_of(table: &str) -> Vec<&str> {
    match table {
        GLOBAL_NAME => Vec::new(),
        RUNTIME_NAME => vec![RUNTIME_NAME],
        overlay => vec![overlay, RUNTIME_NAME],
    }
}

/// The free-function form of [`Engine::ambiguities`].
pub fn detect_ambiguities(engine: &Engine, world: Option<World>) -> Vec<Ambiguity> {
    let world = world.unwrap_or_else(|| engine.world());
    if world > engine.world() {
        return Vec::new();
    }
    // One pass over every method, grouped by function.
    let mut by_func: Vec<(String, Vec<MethodInfo>)> = Vec::new();
    let mut index: hashbrown::HashMap<String, usize> = hashbrown::HashMap::new();
    let mut i = 0;
    while engine.registry().method(MethodId::from_index(i)).is_some() {
        let id = MethodId::from_index(i);
        i += 1;
        let Some(info) = engine.method_info(id) else {
            continue;
        };
        let live = info.min_world <= world && info.max_world.is_none_or(|m| world <= m);
        if !live {
            continue;
        }
        let slot = *index.entry(info.func.clone()).or_insert_with(|| {
            by_func.push((info.func.clone(), Vec::new()));
            by_func.len() - 1
        });
        by_func[slot].1.push(info);
    }
    by_func.sort_by(|a, b| a.0.cmp(&b.0));

    let store = engine.types();
    let mut out = Vec::new();
    for (func, methods) in &by_func {
        let mut found = Vec::new();
        for (x, m1) in methods.iter().enumerate() {
            for m2 in &methods[x + 1..] {
                // Order the pair: within a table by id, across tables upper first.
                let (a, b) = match (rank(&m1.table), rank(&m2.table)) {
                    (r1, r2) if r1 > r2 => (m1, m2),
                    (r1, r2) if r1 < r2 => (m2, m1),
                    _ if m1.table == m2.table => (m1, m2),
                    // Two different overlays are never in one stack.
                    _ => continue,
                };
                let intersection = store.intersect(a.sig, b.sig);
                if store.is_bottom(intersection)
                    || store.morespecific(a.sig, b.sig)
                    || store.morespecific(b.sig, a.sig)
                {
                    continue;
                }
                let stack = stack_of(&a.table);
                let Ok(answer) = engine.findall_sig(func, intersection, &stack, Some(world), None)
                else {
                    continue;
                };
                let both_returned = answer.matches.as_ref().is_some_and(|ms| {
                    ms.iter().any(|m| m.method == a.method)
                        && ms.iter().any(|m| m.method == b.method)
                });
                if answer.ambig && both_returned {
                    found.push(Ambiguity {
                        func: func.clone(),
                        a: a.method,
                        b: b.method,
                        tables: [a.table.clone(), b.table.clone()],
                        intersection,
                    });
                }
            }
        }
        found.sort_by_key(|amb| (amb.a, amb.b));
        out.extend(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Defines `defs` (function, signature, table) in a fresh engine and returns the
    /// ambiguities as `f(::A, ::B) [table] vs f(…) [table] => intersection` lines.
    fn check(defs: &[(&str, &str, Option<&str>)], expect: &[&str]) {
        let engine = Engine::new();
        for &(func, sig, table) in defs {
            let sig = engine.types().parse(sig).expect("test signature parses");
            engine.define(func, sig, table).expect("test definition");
        }
        let got: Vec<String> = engine
            .ambiguities(None)
            .iter()
            .map(|amb| {
                let show = |m: MethodId| {
                    let info = engine.method_info(m).unwrap();
                    let call =
                        crate::engine::show_method_call(engine.types(), &info.func, info.sig);
                    format!("{call} [{}]", info.table)
                };
                format!(
                    "{} vs {} => {}",
                    show(amb.a),
                    show(amb.b),
                    engine
                        .types()
                        .show(engine.types().drop_callee(amb.intersection))
                )
            })
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn classic_pair_is_reported() {
        check(
            &[
                ("f", "Tuple{Int64, Any}", None),
                ("f", "Tuple{Any, Int64}", None),
            ],
            &["f(::Int64, ::Any) [global] vs f(::Any, ::Int64) [global] => Tuple{Int64, Int64}"],
        );
    }

    #[test]
    fn the_fix_resolves_it() {
        check(
            &[
                ("f", "Tuple{Int64, Any}", None),
                ("f", "Tuple{Any, Int64}", None),
                ("f", "Tuple{Int64, Int64}", None),
            ],
            &[],
        );
    }

    #[test]
    fn ordered_and_disjoint_pairs_are_not_ambiguous() {
        check(
            &[
                ("f", "Tuple{Real}", None),
                ("f", "Tuple{Int64}", None),
                ("f", "Tuple{Float64}", None),
                ("g", "Tuple{Int64, Any}", None),
                ("h", "Tuple{Any, Int64}", None),
            ],
            &[],
        );
    }

    #[test]
    fn functions_by_name_then_ids() {
        check(
            &[
                ("g", "Tuple{Int64, Any}", None),
                ("g", "Tuple{Any, Int64}", None),
                ("f", "Tuple{Signed, Any}", None),
                ("f", "Tuple{Any, Signed}", None),
                ("f", "Tuple{Real, Int8}", None),
            ],
            &[
                "f(::Signed, ::Any) [global] vs f(::Any, ::Signed) [global] => Tuple{Signed, Signed}",
                "f(::Signed, ::Any) [global] vs f(::Real, ::Int8) [global] => Tuple{Signed, Int8}",
                "g(::Int64, ::Any) [global] vs g(::Any, ::Int64) [global] => Tuple{Int64, Int64}",
            ],
        );
    }

    #[test]
    fn within_an_overlay_table() {
        check(
            &[
                ("f", "Tuple{Int64, Any}", Some("GPU")),
                ("f", "Tuple{Any, Int64}", Some("GPU")),
            ],
            &["f(::Int64, ::Any) [GPU] vs f(::Any, ::Int64) [GPU] => Tuple{Int64, Int64}"],
        );
    }

    #[test]
    fn overlay_shadowing_an_equal_signature_is_not_reported() {
        check(
            &[
                ("f", "Tuple{Int64}", None),
                ("f", "Tuple{Int64}", Some("GPU")),
            ],
            &[],
        );
    }

    #[test]
    fn an_overlay_shadows_an_overlapping_global_method() {
        // By signature the pair is Julia's classic ambiguity, but through the stack
        // `[GPU, runtime, global]` the overlay method covers the whole intersection and
        // answers alone (GPUCompiler's StackedMethodTable), so no call is ambiguous.
        check(
            &[
                ("f", "Tuple{Int64, Any}", Some("GPU")),
                ("f", "Tuple{Any, Int64}", None),
            ],
            &[],
        );
    }

    #[test]
    fn a_global_ambiguity_is_reported_even_under_a_shadowing_overlay() {
        // Host calls still see the global pair; the overlay only fixes the GPU view.
        check(
            &[
                ("f", "Tuple{Int64, Any}", None),
                ("f", "Tuple{Any, Int64}", None),
                ("f", "Tuple{Int64, Int64}", Some("GPU")),
            ],
            &["f(::Int64, ::Any) [global] vs f(::Any, ::Int64) [global] => Tuple{Int64, Int64}"],
        );
    }

    #[test]
    fn runtime_table_pairs() {
        let engine = Engine::new();
        let ty = |s: &str| engine.types().parse(s).unwrap();
        engine.define_runtime("f", ty("Tuple{Int64, Any}")).unwrap();
        engine.define_runtime("f", ty("Tuple{Any, Int64}")).unwrap();
        engine.define("g", ty("Tuple{Any, Int64}"), None).unwrap();
        engine.define_runtime("g", ty("Tuple{Int64, Any}")).unwrap();
        let got: Vec<(String, [String; 2])> = engine
            .ambiguities(None)
            .into_iter()
            .map(|a| (a.func, a.tables))
            .collect();
        // Within the runtime table: reported. Runtime over global: shadowed.
        assert_eq!(
            got,
            [(
                "f".to_string(),
                ["runtime".to_string(), "runtime".to_string()]
            )]
        );
    }

    #[test]
    fn deleted_methods_and_past_worlds() {
        let engine = Engine::new();
        let ty = |s: &str| engine.types().parse(s).unwrap();
        engine.define("f", ty("Tuple{Int64, Any}"), None).unwrap();
        let (_, w) = engine.define("f", ty("Tuple{Any, Int64}"), None).unwrap();
        let (fix, _) = engine.define("f", ty("Tuple{Int64, Int64}"), None).unwrap();
        assert!(engine.ambiguities(None).is_empty());
        assert_eq!(engine.ambiguities(Some(w)).len(), 1);
        engine.delete(fix).unwrap();
        let now = engine.ambiguities(None);
        assert_eq!(now.len(), 1);
        assert_eq!(now[0].tables, ["global".to_string(), "global".to_string()]);
        assert!(engine.ambiguities(Some(World(0))).is_empty());
    }
}
