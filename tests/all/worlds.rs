//! Julia's world-age scenarios (after `test/worlds.jl`), as scripts.
//!
//! `Script::run` executes one line at a time and checks every expectation:
//!
//! ```text
//! a = f(Int64, Any)             define f(::Int64, ::Any) in the global table as `a`
//! b = f(Int64) in gpu           define in overlay table `gpu`
//! delete a                      delete method `a`
//! f(Int64, Int64) => a          dispatch now; expect method `a` (or `none`, `ambiguous`)
//! [gpu] f(Int64) @3 => b        dispatch through overlay `gpu` at world 3
//! world => 4                    the current world
//! ! delete a => already deleted the operation fails with a message containing this
//! ```

use std::collections::HashMap;
use strata::{Engine, MethodId, World};

pub struct Script {
    pub engine: Engine,
    pub names: HashMap<String, MethodId>,
}

/// Splits `f(A, B{C, D}) rest` into `("f", "A, B{C, D}", "rest")`.
fn split_call(s: &str) -> (&str, &str, &str) {
    let open = s.find('(').unwrap_or_else(|| panic!("no call in `{s}`"));
    let mut depth = 0;
    for (i, c) in s.char_indices().skip(open) {
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => {
                depth -= 1;
                if depth == 0 && c == ')' {
                    return (s[..open].trim(), &s[open + 1..i], s[i + 1..].trim());
                }
            }
            _ => {}
        }
    }
    panic!("unclosed call in `{s}`")
}

impl Script {
    pub fn new() -> Script {
        Script {
            engine: Engine::new(),
            names: HashMap::new(),
        }
    }

    pub fn run(src: &str) -> Script {
        let mut s = Script::new();
        s.exec(src);
        s
    }

    pub fn exec(&mut self, src: &str) {
        for (n, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix("! ") {
                let (op, want) = rest.rsplit_once(" => ").expect("`! op => message`");
                match self.op(op) {
                    Ok(got) => panic!(
                        "line {}: `{op}` succeeded with {got}, expected error containing `{want}`",
                        n + 1
                    ),
                    Err(e) => assert!(
                        e.contains(want),
                        "line {}: `{op}`: error `{e}` lacks `{want}`",
                        n + 1
                    ),
                }
                continue;
            }
            if let Some((op, want)) = line.rsplit_once(" => ") {
                if line.contains(" = ") && !op.contains('(') {
                    panic!("line {}: bad line `{line}`", n + 1);
                }
                let got = self.op(op).unwrap_or_else(|e| {
                    if e.contains("is ambiguous") {
                        "ambiguous".into()
                    } else if e.contains("no method matching") {
                        "none".into()
                    } else {
                        format!("error: {e}")
                    }
                });
                assert_eq!(got, want, "line {}: `{op}`", n + 1);
                continue;
            }
            if let Err(e) = self.op(line) {
                panic!("line {}: `{line}` failed: {e}", n + 1);
            }
        }
    }

    fn sig(&self, args: &str, rest: &str) -> strata::TypeId {
        let src = match rest.strip_prefix("where ") {
            Some(w) => format!("Tuple{{{args}}} where {w}"),
            None => format!("Tuple{{{args}}}"),
        };
        self.engine
            .types()
            .parse(&src)
            .unwrap_or_else(|e| panic!("type `{src}`: {e:?}"))
    }

    /// Runs one operation; returns its printed result.
    pub fn op(&mut self, op: &str) -> Result<String, String> {
        let op = op.trim();
        if op == "world" {
            return Ok(self.engine.world().to_string());
        }
        if let Some(name) = op.strip_prefix("delete ") {
            let m = self.method(name.trim());
            return self
                .engine
                .delete(m)
                .map(|w| w.to_string())
                .map_err(|e| e.to_string());
        }
        if let Some((name, def)) = op.split_once(" = ") {
            let (func, args, rest) = split_call(def);
            let (rest, table) = match rest.split_once(" in ") {
                Some((r, t)) => (r.trim(), Some(t.trim())),
                None => match rest.strip_prefix("in ") {
                    Some(t) => ("", Some(t.trim())),
                    None => (rest, None),
                },
            };
            let sig = self.sig(args, rest);
            let (m, w) = self
                .engine
                .define(func, sig, table)
                .map_err(|e| e.to_string())?;
            self.names.insert(name.trim().to_string(), m);
            return Ok(w.to_string());
        }
        // A dispatch: `[t1, t2] f(A, B) @w`.
        let (tables, call) = match op.strip_prefix('[') {
            Some(r) => {
                let (t, c) = r.split_once(']').expect("closing ]");
                (
                    t.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>(),
                    c.trim(),
                )
            }
            None => (Vec::new(), op),
        };
        let (func, args, rest) = split_call(call);
        let world = rest
            .strip_prefix('@')
            .map(|w| World(w.trim().parse().expect("world number")));
        let args: Vec<strata::TypeId> = if args.trim().is_empty() {
            Vec::new()
        } else {
            let tuple = self.sig(args, "");
            self.engine.types().params(tuple).to_vec()
        };
        let m = self
            .engine
            .dispatch(func, &args, &tables, world)
            .map_err(|e| e.to_string())?;
        Ok(self.name_of(m))
    }

    pub fn method(&self, name: &str) -> MethodId {
        *self
            .names
            .get(name)
            .unwrap_or_else(|| panic!("no method named `{name}`"))
    }

    pub fn name_of(&self, m: MethodId) -> String {
        self.names
            .iter()
            .find(|(_, &v)| v == m)
            .map_or(format!("{m}"), |(k, _)| k.clone())
    }
}

fn check(script: &str) {
    Script::run(script);
}

#[test]
fn method_replacement() {
    check(
        "a = f(Int64)
         world => 1
         f(Int64) => a
         b = f(Int64)
         world => 2
         f(Int64) => b
         f(Int64) @1 => a
         f(Int64) @2 => b",
    );
}

#[test]
fn deletion_reveals_the_less_specific_method() {
    check(
        "a = f(Any)
         b = f(Int64)
         f(Int64) => b
         delete b
         world => 3
         f(Int64) => a
         f(Int64) @2 => b
         f(Float64) @2 => a
         ! delete b => already deleted",
    );
}

#[test]
fn old_world_still_sees_old_method() {
    check(
        "a = g(Integer)
         g(Int64) => a
         b = g(Signed)
         c = g(Int64)
         g(Int64) => c
         g(Int32) => b
         g(UInt8) => a
         g(Int64) @1 => a
         g(Int64) @2 => b
         g(Int64) @0 => none",
    );
}

#[test]
fn later_method_resolves_ambiguity() {
    check(
        "a = f(Int64, Any)
         b = f(Any, Int64)
         f(Int64, Int64) => ambiguous
         f(Int64, Float64) => a
         f(Float64, Int64) => b
         c = f(Int64, Int64)
         f(Int64, Int64) => c
         f(Int64, Int64) @2 => ambiguous
         f(Int64, Int64) @1 => a",
    );
}

#[test]
fn definition_creating_ambiguity_invalidates_cache() {
    check(
        "a = f(Int64, Any)
         f(Int64, Int64) => a
         f(Int64, Int64) => a
         b = f(Any, Int64)
         f(Int64, Int64) => ambiguous
         f(Int64, Int64) @1 => a
         delete b
         f(Int64, Int64) => a",
    );
}

#[test]
fn signature_widening_and_narrowing() {
    check(
        "a = h(Int64)
         h(Int32) => none
         b = h(Integer)
         h(Int32) => b
         h(Int64) => a
         delete a
         h(Int64) => b
         c = h(Signed)
         h(Int64) => c
         h(UInt8) => b",
    );
}

#[test]
fn overlays_present_in_one_stack_and_not_another() {
    check(
        "a = sin(Float64)
         b = sin(Float64) in gpu
         c = sin(Float32) in amd
         sin(Float64) => a
         [gpu] sin(Float64) => b
         [amd] sin(Float64) => a
         [amd] sin(Float32) => c
         [gpu] sin(Float32) => none
         [amd, gpu] sin(Float64) => b
         [gpu, amd] sin(Float32) => c
         [gpu] sin(Float64) @1 => a
         delete b
         [gpu] sin(Float64) => a",
    );
}

#[test]
fn redefinition_in_overlay_does_not_replace_global() {
    check(
        "a = f(Int64)
         b = f(Int64) in gpu
         f(Int64) => a
         c = f(Int64) in gpu
         [gpu] f(Int64) => c
         [gpu] f(Int64) @2 => b
         f(Int64) => a",
    );
}

#[test]
fn errors() {
    check(
        "a = f(Int64)
         ! x = f(Int64) in runtime => runtime
         ! [nope] f(Int64) => unknown method table `nope`
         ! [global] f(Int64) => global
         ! f(Int64) @9 => in the future
         ! f(Float64) => no method matching f(::Float64)
         ! g(Float64) => no method matching g(::Float64)
         ! f(Real) => leaf
         world => 1",
    );
}

#[test]
fn too_new_method_is_reported() {
    let mut s = Script::run("a = f(Any)\nb = f(Int64)");
    let e = s
        .engine
        .dispatch("f", &[s.engine.types().common().int64], &[], Some(World(1)))
        .map(|m| s.name_of(m));
    assert_eq!(e, Ok("a".to_string()));
    s.exec("delete a");
    let err = s
        .engine
        .dispatch(
            "f",
            &[s.engine.types().common().float64],
            &[],
            Some(World(1)),
        )
        .map(|m| s.name_of(m));
    assert_eq!(err, Ok("a".to_string()));
    let err = s
        .engine
        .dispatch("f", &[s.engine.types().common().int64], &[], Some(World(0)))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("may be too new: running in world age 0, while current world is 3"),
        "{err}"
    );
}

#[test]
fn julia_style_messages() {
    let s = Script::run("a = f(Int64, Any)\nb = f(Any, Int64)\nc = f(Int64, Int32)");
    let c = s.engine.types().common();
    let err = s
        .engine
        .dispatch("f", &[c.int64, c.int64], &[], None)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "f(::Int64, ::Int64) is ambiguous.\n\nCandidates:\n  f(::Int64, ::Any)\n  f(::Any, ::Int64)\n\nPossible fix, define\n  f(::Int64, ::Int64)"
    );
    let err = s
        .engine
        .dispatch("f", &[c.float64, c.float32], &[], None)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "no method matching f(::Float64, ::Float32)\n\nClosest candidates are:\n  f(::Int64, ::Any)\n  f(::Any, ::Int64)\n  f(::Int64, ::Int32)"
    );
}

/// #26506: old, invalidated answers are not revived for intermediate worlds by later
/// definitions that would have capped them.
#[test]
fn issue_26506_no_revival() {
    check(
        "a = f(Any)
         b = f(Int64)
         f(String) => a
         f(String) @2 => a
         c = f(String)
         world => 3
         f(String) @2 => a
         f(String) => c
         d = f(Float64)
         e = f(String)
         world => 5
         f(String) @2 => a
         f(String) @3 => c
         f(String) @4 => c
         f(String) => e",
    );
    // The answer for `f(::String)` at world 2 holds until world 2, not beyond.
    let s = Script::run(
        "a = f(Any)
         b = f(Int64)
         f(String) => a
         c = f(String)
         d = f(Float64)
         e = f(String)",
    );
    let store = s.engine.types();
    let q = store.parse("Tuple{String}").unwrap();
    let r = s.engine.findall("f", q, &[], Some(World(2)), None).unwrap();
    assert_eq!(r.range.to_string(), "[1, 2]");
    let r = s.engine.findall("f", q, &[], Some(World(3)), None).unwrap();
    assert_eq!(r.range.to_string(), "[3, 4]");
}

/// #46741: `invoke` (findsup) answers are not invalidated by definitions for narrower
/// signatures, and are by a redefinition of the invoked method.
#[test]
fn issue_46741_invoke_worlds() {
    let s = Script::run(
        "a = g(Int64)
         b = g(Integer)",
    );
    let store = s.engine.types();
    let q = store.parse("Tuple{Integer}").unwrap();
    let sup = |w: Option<World>| s.engine.findsup("g", q, &[], w).unwrap();
    let first = sup(None);
    assert_eq!(first.method, Some(s.names["b"]));
    assert_eq!(first.range.to_string(), "[2, ∞)");
    // Redefining the narrower method and adding another: same answer, same range.
    let int = store.parse("Tuple{Int64}").unwrap();
    let uint = store.parse("Tuple{UInt64}").unwrap();
    s.engine.define("g", int, None).unwrap();
    s.engine.define("g", uint, None).unwrap();
    assert_eq!(sup(None), first);
    // Redefining the invoked method: a new answer from the new world.
    let integer = store.parse("Tuple{Integer}").unwrap();
    let (b2, w) = s.engine.define("g", integer, None).unwrap();
    let now = sup(None);
    assert_eq!(now.method, Some(b2));
    assert_eq!(now.range.to_string(), format!("[{}, ∞)", w.0));
    assert_eq!(sup(Some(World(w.0 - 1))).method, Some(s.names["b"]));
}

/// #38435: an ambiguity created and then resolved, seen from every world.
#[test]
fn issue_38435_ambiguity_then_fix() {
    check(
        "a = f(Int64, Any)
         b = f(Any, Int64)
         f(Int64, Int64) => ambiguous
         c = f(Int64, Int64)
         f(Int64, Int64) => c
         f(Int64, Int64) @2 => ambiguous
         f(Int64, Int64) @1 => a",
    );
}

/// A lattice budget that runs out while the invalidation pass re-asks an edge's lookup
/// makes the edge count as changed (invalidating too much is safe; keeping an entry on
/// an answer nobody computed is not), even when nothing else changed; an ordinary edge
/// over the same worlds is unchanged.
#[test]
fn an_edge_whose_lookup_hits_a_limit_counts_as_changed() {
    use std::sync::Arc;
    use strata::infer::{invalidation::edges_changed, CacheToken, Edge};
    let engine = Engine::new();
    // Julia's specificity walk is exponential on these nested tuples (see
    // tests/data/query/limits.txt): ordering the two matches runs out of steps.
    let (mut a, mut b) = ("Int64".to_string(), "Integer".to_string());
    for _ in 0..30 {
        a = format!("Tuple{{{a}, Real}}");
        b = format!("Tuple{{{b}, Int64}}");
    }
    let ty = |s: &str| engine.types().parse(s).unwrap();
    engine
        .define("f", ty(&format!("Tuple{{{a}}}")), None)
        .unwrap();
    engine
        .define("f", ty(&format!("Tuple{{{b}}}")), None)
        .unwrap();
    let (_, w) = engine.define("g", ty("Tuple{Int64}"), None).unwrap();
    let token = CacheToken {
        target: Arc::from("native"),
        always_inline: false,
        tables: Arc::from(Vec::<String>::new()),
    };
    let limited = Edge {
        func: Arc::from("f"),
        sig: engine.method_sig("f", ty("Tuple{Any}")),
    };
    let plain = Edge {
        func: Arc::from("g"),
        sig: engine.method_sig("g", ty("Tuple{Int64}")),
    };
    assert!(engine
        .findall("f", ty("Tuple{Any}"), &[], None, None)
        .is_err());
    assert!(edges_changed(&engine, &token, &[limited], w, w));
    assert!(!edges_changed(&engine, &token, &[plain], w, w));
}
