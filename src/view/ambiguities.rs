//! Ambiguity detection over the method tables, after Julia's `Test.detect_ambiguities`
//! and `Base.isambiguous` (with `ambiguous_bottom=false`).
//!
//! For every method `m` live at the world: look its own signature up
//! ([`Engine::findall_including_ambiguous`], through the stack whose top is `m`'s table);
//! if the answer is not `ambig`, `m` is in no ambiguity. Otherwise every returned `m2`
//! that is neither `m` nor more specific than `m` is a candidate, reported when
//! `isambiguous(m, m2)`:
//! - their signatures intersect in `ti` (or, when `ti` is not below both signatures,
//!   in the reverse intersection, else "not ambiguous": the type system could not
//!   decide);
//! - `ti` has no `Union{}` type parameter (`has_bottom_parameter`: an overlap that
//!   exists only through `Union{}`, like `Complex{Union{}}`, is not reported);
//! - the lookup of `ti` is `ambig`, and, ignoring matches whose `spec_types` have a
//!   `Union{}` parameter, both `m` and `m2` are among its matches;
//! - no fully covering match is more specific than every other match (the `minmax`
//!   re-check of `isambiguous`), unless that match is `m` or `m2` themselves.
//!
//! Everything goes through the same selection as dispatch (`view/select.rs`), so
//! dispatch and this report cannot disagree. Across tables, the stacking rule of
//! `stacked.rs` applies (an upper table whose last match fully covers answers alone),
//! so an overlay method that covers an intersection shadows the global one, as in
//! GPUCompiler; Julia has no stacked tables, so there is nothing to deviate from there.
//!
//! Output is deterministic: by function name, then by the pair's method ids (within a
//! table the lower id first, across tables the upper table's method first).

use crate::engine::{Engine, EngineError, FindAll, MethodInfo};
use crate::table::{MethodId, GLOBAL_NAME, RUNTIME_NAME};
use crate::types::{TypeId, TypeKind, TypeStore};
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
    ///
    /// A lattice budget that runs out during the scan is [`EngineError::Limit`], never a
    /// pair silently left out.
    pub fn ambiguities(&self, world: Option<World>) -> Result<Vec<Ambiguity>, EngineError> {
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

/// Julia's `has_bottom_parameter`: a data type with a `Union{}` parameter somewhere
/// inside (a union only when all its members have one; a variable by its upper bound).
pub fn has_bottom_parameter(store: &TypeStore, t: TypeId) -> bool {
    has_bottom_param_at(store, t, 0)
}

fn has_bottom_param_at(store: &TypeStore, t: TypeId, depth: u32) -> bool {
    if depth > 256 {
        return false;
    }
    match store.kind(t) {
        TypeKind::Bottom => true,
        TypeKind::Data { params, .. } => params
            .iter()
            .any(|&p| has_bottom_param_at(store, p, depth + 1)),
        TypeKind::Vararg { elem, .. } => has_bottom_param_at(store, *elem, depth + 1),
        TypeKind::UnionAll { body, .. } => has_bottom_param_at(store, *body, depth + 1),
        TypeKind::Union(ms) => ms.iter().all(|&m| has_bottom_param_at(store, m, depth + 1)),
        TypeKind::Var(v) => has_bottom_param_at(store, store.var(*v).ub, depth + 1),
        _ => false,
    }
}

/// The free-function form of [`Engine::ambiguities`].
pub fn detect_ambiguities(
    engine: &Engine,
    world: Option<World>,
) -> Result<Vec<Ambiguity>, EngineError> {
    match crate::types::limit::checked(|| detect_in(engine, world)) {
        Ok(found) => found,
        Err(limit) => Err(EngineError::Limit(
            limit.during("the ambiguity scan".to_string()),
        )),
    }
}

/// A lookup's answer, or `None` for an error other than a lattice limit (an unknown
/// table: nothing to report there); a limit is passed on.
fn lookup_or_skip(r: Result<FindAll, EngineError>) -> Result<Option<FindAll>, EngineError> {
    match r {
        Ok(fa) => Ok(Some(fa)),
        Err(e @ EngineError::Limit(_)) => Err(e),
        Err(_) => Ok(None),
    }
}

fn detect_in(engine: &Engine, world: Option<World>) -> Result<Vec<Ambiguity>, EngineError> {
    let world = world.unwrap_or_else(|| engine.world());
    if world > engine.world() {
        return Ok(Vec::new());
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
        let info_of = |id: MethodId| methods.iter().find(|m| m.method == id);
        let mut found: Vec<Ambiguity> = Vec::new();
        for m in methods {
            let stack = stack_of(&m.table);
            let Some(answer) = lookup_or_skip(engine.findall_sig_with(
                func,
                m.sig,
                &stack,
                Some(world),
                None,
                true,
            ))?
            else {
                continue;
            };
            if !answer.ambig {
                continue;
            }
            for m2 in answer.matches.iter().flatten() {
                if m2.method == m.method || store.morespecific(m2.sig, m.sig) {
                    continue;
                }
                let Some(m2) = info_of(m2.method) else {
                    continue;
                };
                // Order the pair: within a table by id, across tables upper first.
                let (a, b) = match (rank(&m.table), rank(&m2.table)) {
                    (r1, r2) if r1 > r2 => (m, m2),
                    (r1, r2) if r1 < r2 => (m2, m),
                    _ if m.table == m2.table => {
                        if m.method < m2.method {
                            (m, m2)
                        } else {
                            (m2, m)
                        }
                    }
                    // Two different overlays are never in one stack.
                    _ => continue,
                };
                if found.iter().any(|f| f.a == a.method && f.b == b.method) {
                    continue;
                }
                let upper = stack_of(&a.table);
                if let Some(ti) = isambiguous(engine, func, &upper, world, a, b)? {
                    found.push(Ambiguity {
                        func: func.clone(),
                        a: a.method,
                        b: b.method,
                        tables: [a.table.clone(), b.table.clone()],
                        intersection: ti,
                    });
                }
            }
        }
        found.sort_by_key(|amb| (amb.a, amb.b));
        out.extend(found);
    }
    Ok(out)
}

/// Julia's `Base.isambiguous(m1, m2; ambiguous_bottom=false)` through `stack`: the
/// intersection the two are ambiguous over, or `None`.
fn isambiguous(
    engine: &Engine,
    func: &str,
    stack: &[&str],
    world: World,
    m1: &MethodInfo,
    m2: &MethodInfo,
) -> Result<Option<TypeId>, EngineError> {
    let store = engine.types();
    if m1.method == m2.method {
        return Ok(None);
    }
    let mut ti = store.intersect(m1.sig, m2.sig);
    if store.is_bottom(ti) {
        return Ok(None);
    }
    if !(store.subtype(ti, m1.sig) && store.subtype(ti, m2.sig)) {
        // Type intersection is often not commutative where it fails.
        let ti2 = store.intersect(m2.sig, m1.sig);
        if store.subtype(ti2, m1.sig) && store.subtype(ti2, m2.sig) {
            ti = ti2;
        } else {
            return Ok(None);
        }
    }
    if store.is_bottom(ti) || has_bottom_parameter(store, ti) {
        return Ok(None);
    }
    let Some(answer) =
        lookup_or_skip(engine.findall_sig_with(func, ti, stack, Some(world), None, true))?
    else {
        return Ok(None);
    };
    if !answer.ambig {
        return Ok(None);
    }
    let ms: Vec<_> = answer
        .matches
        .unwrap_or_default()
        .into_iter()
        .filter(|m| !has_bottom_parameter(store, m.spec_types))
        .collect();
    let have1 = ms.iter().any(|m| m.method == m1.method);
    let have2 = ms.iter().any(|m| m.method == m2.method);
    if !have1 || !have2 {
        return Ok(None);
    }
    let mut minmax: Option<&crate::engine::Match> = None;
    for m in ms.iter().filter(|m| m.fully_covers) {
        if minmax.is_none_or(|mm| store.morespecific(m.sig, mm.sig)) {
            minmax = Some(m);
        }
    }
    let Some(mm) = minmax else {
        return Ok(Some(ti));
    };
    if mm.method == m1.method || mm.method == m2.method {
        return Ok(Some(ti));
    }
    for m in &ms {
        if m.method == mm.method {
            continue;
        }
        if !store.morespecific(mm.sig, m.sig)
            && (m.fully_covers || !store.morespecific(m.sig, mm.sig))
        {
            return Ok(Some(ti));
        }
    }
    Ok(None)
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
            .unwrap()
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
            .unwrap()
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
        assert!(engine.ambiguities(None).unwrap().is_empty());
        assert_eq!(engine.ambiguities(Some(w)).unwrap().len(), 1);
        engine.delete(fix).unwrap();
        let now = engine.ambiguities(None).unwrap();
        assert_eq!(now.len(), 1);
        assert_eq!(now[0].tables, ["global".to_string(), "global".to_string()]);
        assert!(engine.ambiguities(Some(World(0))).unwrap().is_empty());
    }
}
