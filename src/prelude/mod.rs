//! Base ("the prelude"): the kernel language's standard library, written in the
//! kernel language itself and embedded in the binary.
//!
//! [`SOURCES`] lists the files in load order as `(name, text)`. The loader
//! (`session.rs`) parses, lowers and defines them in that order into a fresh session,
//! except [`TYPES_FILE`]: the type store declares those types at startup
//! (`types/builtins.rs` includes the same text), so the loader skips it.
//!
//! What each file holds:
//! - `types.jl`: the built-in type declarations (numeric tower, `String`, arrays, `Ptr`);
//! - `errors.jl`: exception types (`BoundsError`, `InexactError`, …), without fields;
//! - `promotion.jl`: `convert`, `promote_rule`, `promote_type`, `promote`, the
//!   conversion constructors `Int32(x)`…, `float`, `signed`, `unsigned`;
//! - `int.jl`, `float.jl`: same-type arithmetic, comparison, bitwise operations and
//!   shifts through `Core.Intrinsics`; `zero`, `one`, `typemin`, `typemax`, `sizeof`;
//! - `number.jl`: the promoting fallbacks for mixed types and the derived comparisons
//!   (`!=`, `>`, `>=`);
//! - `math.jl`: `abs`, `sign`, `min`, `max`, `clamp`, `fma`, `muladd`, rounding,
//!   `sqrt`, `sin`, `cos`, `exp`, `log`, `^`;
//! - `pointers.jl`: `unsafe_load`, `unsafe_store!`, pointer arithmetic;
//! - `arrays.jl`: tuple indexing and `DeviceArray{T,N}`;
//! - `ranges.jl`: `UnitRange`, `StepRange` and the `start`/`done`/`next` protocol that
//!   `for` loops are lowered to;
//! - `indices.jl`: `fld`/`cld`/`mod1`/`divrem`…, `in`, `isa`, first/last indices and
//!   axes, 3-D and 4-D indexing, `CartesianIndex(es)`, `LinearIndices`, sorted search,
//!   `eps`/`floatmax`/`floatmin`;
//! - `functional.jl`: functions as values: `identity`, `ifelse`, `isless`, the callable
//!   structs `Fix1`/`Fix2`, `ntuple(f, Val(N))`, `map`/`foldl`/`reduce` over tuples;
//! - `gpu.jl`: `threadIdx()`, `blockIdx()`, `blockDim()`, `gridDim()`,
//!   `sync_threads()` as host-visible definitions;
//! - `atomics.jl`: `atomic_add!`, `atomic_cas!`… on `Ptr{T}` (`codegen/atomics.rs`);
//! - `warp.jl`: shuffles, votes, `laneid`, `sync_warp`, fences (overlaid per back end);
//! - `runtime.jl`: the runtime intrinsics (`@device_function`);
//! - `backends/ptx.jl`, `backends/amdgpu.jl`, `backends/native.jl`: the back ends'
//!   overlay tables `PTX`, `AMDGPU` and `Native` with the real GPU index functions
//!   (the native one reads the emulated grid of `src/runtime/host.rs`).
//!
//! Conventions the lowering and loader rely on are in each file's header comment; the
//! examples of kernels written against this prelude are in `examples/` at the top of
//! the repository.

/// The file the type store declares at startup; the loader skips it.
pub const TYPES_FILE: &str = "types.jl";

/// The prelude's files, `(name, text)`, in load order.
pub const SOURCES: &[(&str, &str)] = &[
    ("types.jl", include_str!("types.jl")),
    ("errors.jl", include_str!("errors.jl")),
    ("promotion.jl", include_str!("promotion.jl")),
    ("int.jl", include_str!("int.jl")),
    ("float.jl", include_str!("float.jl")),
    ("number.jl", include_str!("number.jl")),
    ("math.jl", include_str!("math.jl")),
    ("pointers.jl", include_str!("pointers.jl")),
    ("arrays.jl", include_str!("arrays.jl")),
    ("ranges.jl", include_str!("ranges.jl")),
    ("indices.jl", include_str!("indices.jl")),
    ("functional.jl", include_str!("functional.jl")),
    ("gpu.jl", include_str!("gpu.jl")),
    ("atomics.jl", include_str!("atomics.jl")),
    ("warp.jl", include_str!("warp.jl")),
    ("runtime.jl", include_str!("runtime.jl")),
    ("backends/ptx.jl", include_str!("backends/ptx.jl")),
    ("backends/amdgpu.jl", include_str!("backends/amdgpu.jl")),
    ("backends/native.jl", include_str!("backends/native.jl")),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::Item;
    use crate::syntax::{self, SourceFile};
    use crate::{TypeId, TypeStore};

    /// The example files under `examples/` (sorted by name), `(name, text)`.
    fn examples() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("examples/ exists") {
            let path = entry.expect("readable entry").path();
            if path.extension().is_some_and(|e| e == "jl") {
                let text = std::fs::read_to_string(&path).expect("example is UTF-8");
                let name = format!("examples/{}", path.file_name().unwrap().to_string_lossy());
                out.push((name, text));
            }
        }
        out.sort();
        out
    }

    /// Parses one file; the rendered diagnostics, or "" when there are none.
    fn check(name: &str, text: &str) -> String {
        let file = SourceFile::new(name, text);
        let (_ast, diags) = syntax::parse(&file);
        syntax::diagnostic::render(&diags, false)
    }

    #[test]
    fn prelude_files_parse() {
        for (name, text) in SOURCES {
            assert_eq!(check(name, text), "", "{name} has parse errors");
        }
    }

    #[test]
    fn examples_parse() {
        let examples = examples();
        assert!(examples.len() >= 9, "expected at least 9 example files");
        for (name, text) in &examples {
            assert_eq!(check(name, text), "", "{name} has parse errors");
        }
    }

    #[test]
    fn a_broken_file_reports_a_diagnostic() {
        assert_ne!(check("bad.jl", "function f(x\n"), "");
    }

    /// Every parameter name is an identifier (guards against spans swallowing the
    /// newline of a continued parameter list).
    #[test]
    fn parameter_names_are_identifiers() {
        let files = SOURCES.iter().map(|(n, t)| (n.to_string(), t.to_string()));
        for (name, text) in files.chain(examples()) {
            let file = SourceFile::new(name.as_str(), text.as_str());
            let (ast, _) = syntax::parse(&file);
            for item in &ast.items {
                // Methods the parser synthesizes (a splatting call's helper, `#splat#…`)
                // have generated parameter names.
                if let Item::Method(m) = item {
                    if m.name.name.starts_with('#') {
                        continue;
                    }
                    for p in m.params.iter().filter_map(|p| p.name.as_ref()) {
                        let ok = p.name.chars().all(|c| c == '_' || c.is_alphanumeric());
                        assert!(
                            ok,
                            "{name}: method {} has parameter {:?}",
                            m.name.name, p.name
                        );
                    }
                }
            }
        }
    }

    /// No two methods of one function in one table (prelude and examples together) are
    /// ambiguous (Julia's `detect_ambiguities`, `ambiguous_bottom = false`): for every pair that
    /// intersects with neither more specific, some third method more specific than
    /// both must cover the intersection. Signatures are built from the source text of
    /// the parameter types and `where` clauses, so this runs without lowering.
    #[test]
    fn no_ambiguities() {
        let prelude = SOURCES
            .iter()
            .skip(1)
            .map(|(n, t)| (n.to_string(), t.to_string()));
        let found = ambiguities(prelude.chain(examples()));
        assert_eq!(found, Vec::<String>::new());
    }

    /// The check above finds a real ambiguity.
    #[test]
    fn ambiguity_check_reports_ambiguous_pairs() {
        let src = "f(a::Int64, b::Number) = 1\nf(a::Number, b::Int64) = 2\n".to_string();
        let found = ambiguities(std::iter::once(("t.jl".to_string(), src)));
        assert_eq!(found.len(), 1, "{found:?}");
    }

    /// The methods of `files`: `(table::function, signature, location)` in source order.
    fn methods(
        store: &TypeStore,
        files: impl Iterator<Item = (String, String)>,
    ) -> Vec<(String, TypeId, String)> {
        // (table::function, signature, location) in source order.
        let mut methods: Vec<(String, TypeId, String)> = Vec::new();
        for (name, text) in files {
            let file = SourceFile::new(name.as_str(), text.as_str());
            let (ast, diags) = syntax::parse(&file);
            assert!(diags.is_empty(), "{name} has parse errors");
            for item in &ast.items {
                match item {
                    Item::TypeDecl(d) => {
                        store.declare(file.slice(d.span)).expect("declaration");
                    }
                    // Synthesized helpers (`#splat#…`) have expression spans in place
                    // of parameter types; the method they serve is checked.
                    Item::Method(m) if m.name.name.starts_with('#') => {}
                    Item::Method(m) => {
                        let params: Vec<&str> = m
                            .params
                            .iter()
                            .map(|p| p.ty.map_or("Any", |t| file.slice(ast.span(t))))
                            .collect();
                        let mut sig = format!("Tuple{{{}}}", params.join(", "));
                        if !m.where_params.is_empty() {
                            let vars: Vec<&str> =
                                m.where_params.iter().map(|w| file.slice(w.span)).collect();
                            sig = format!("{sig} where {{{}}}", vars.join(", "));
                        }
                        let ty = store.parse(&sig).unwrap_or_else(|e| panic!("{sig}: {e:?}"));
                        let table = m.overlay.as_ref().map_or("", |t| &*t.name);
                        let key = format!("{table}::{}", m.name.name);
                        methods.push((key, ty, file.location(m.span)));
                    }
                    _ => {}
                }
            }
        }
        methods
    }

    fn ambiguities(files: impl Iterator<Item = (String, String)>) -> Vec<String> {
        let store = TypeStore::new();
        let methods = methods(&store, files);
        let mut found = Vec::new();
        for (i, (key, a, loc_a)) in methods.iter().enumerate() {
            for (key_b, b, loc_b) in &methods[i + 1..] {
                if key != key_b || !store.ambiguous(*a, *b) {
                    continue;
                }
                let ti = store.intersect(*a, *b);
                let covered = methods.iter().any(|(k, c, _)| {
                    k == key
                        && store.subtype(ti, *c)
                        && store.morespecific(*c, *a)
                        && store.morespecific(*c, *b)
                });
                if !covered {
                    found.push(format!(
                        "{key}: {} ({loc_a}) and {} ({loc_b})",
                        store.show(*a),
                        store.show(*b)
                    ));
                }
            }
        }
        found
    }

    /// Which prelude method a call with argument types `args` dispatches to (the most
    /// specific applicable one), as `file:line`.
    fn dispatch_check(cases: &[(&str, &str, &str)]) {
        let store = TypeStore::new();
        let prelude = SOURCES
            .iter()
            .skip(1)
            .map(|(n, t)| (n.to_string(), t.to_string()));
        let methods = methods(&store, prelude);
        for (func, args, expect) in cases {
            let call = store.parse(&format!("Tuple{{{args}}}")).expect("call type");
            let key = format!("::{func}");
            let applicable: Vec<_> = methods
                .iter()
                .filter(|(k, sig, _)| *k == key && store.subtype(call, *sig))
                .collect();
            let best = applicable.iter().find(|(_, a, _)| {
                applicable
                    .iter()
                    .all(|(_, b, _)| a == b || store.morespecific(*a, *b))
            });
            let got = best.map_or("no unique method".to_string(), |(_, _, loc)| {
                loc.rsplit_once(':')
                    .map_or(loc.clone(), |(l, _)| l.to_string())
            });
            assert_eq!(&got, expect, "{func}({args})");
        }
    }

    #[test]
    fn dispatch_follows_julia_promotion() {
        dispatch_check(&[
            // Same-type methods beat the promoting fallbacks.
            ("+", "Int64, Int64", "int.jl:51"),
            ("+", "Float32, Float32", "float.jl:17"),
            ("+", "Int32, Int64", "number.jl:9"),
            ("+", "Bool, Bool", "int.jl:102"),
            ("==", "Int64, UInt64", "int.jl:131"),
            ("<", "Float64, Int64", "number.jl:44"),
            // Rules in one order, the fallback in the other.
            (
                "promote_rule",
                "Type{Int64}, Type{Int32}",
                "promotion.jl:24",
            ),
            (
                "promote_rule",
                "Type{Int32}, Type{Int64}",
                "promotion.jl:16",
            ),
            (
                "promote_rule",
                "Type{Float32}, Type{Int64}",
                "promotion.jl:35",
            ),
            ("promote_rule", "Type{Bool}, Type{Int64}", "promotion.jl:30"),
            (
                "promote_result",
                "Type{Nothing}, Type{Int64}",
                "promotion.jl:45",
            ),
            (
                "promote_result",
                "Type{UInt64}, Type{UInt64}",
                "promotion.jl:46",
            ),
            (
                "promote_type",
                "Type{Int32}, Type{Int32}",
                "promotion.jl:39",
            ),
            // Conversions pick the intrinsic by widths and signedness.
            ("convert", "Type{Int64}, Int64", "promotion.jl:55"),
            ("convert", "Type{Int64}, Int32", "promotion.jl:70"),
            ("convert", "Type{Int32}, Int64", "promotion.jl:69"),
            ("convert", "Type{UInt64}, Int64", "promotion.jl:90"),
            ("convert", "Type{Float32}, Int64", "promotion.jl:127"),
            ("convert", "Type{Int32}, Float32", "promotion.jl:139"),
            ("convert", "Type{Float64}, Float32", "promotion.jl:133"),
            ("convert", "Type{Float32}, Bool", "promotion.jl:123"),
            // Arrays, ranges, powers.
            (
                "getindex",
                "DeviceArray{Float32,2}, Int32, Int64",
                "arrays.jl:93",
            ),
            ("getindex", "DeviceArray{Float32,2}, Int32", "arrays.jl:62"),
            (":", "Int32, Int64", "ranges.jl:27"),
            ("^", "Float32, Int64", "math.jl:320"),
            ("^", "Int64, Float64", "math.jl:328"),
            ("^", "Float64, Float64", "math.jl:311"),
        ]);
    }

    #[test]
    fn sources_are_listed_once_with_the_types_file_first() {
        let mut names: Vec<&str> = SOURCES.iter().map(|(n, _)| *n).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), SOURCES.len());
        assert_eq!(SOURCES[0].0, TYPES_FILE);
    }
}
