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
//! - `gpu.jl`: `threadIdx()`, `blockIdx()`, `blockDim()`, `gridDim()`,
//!   `sync_threads()` as host-visible definitions;
//! - `runtime.jl`: the runtime intrinsics (`@device_function`);
//! - `backends/ptx.jl`, `backends/amdgpu.jl`: the back ends' overlay tables `PTX` and
//!   `AMDGPU` with the real GPU index functions.
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
    ("gpu.jl", include_str!("gpu.jl")),
    ("runtime.jl", include_str!("runtime.jl")),
    ("backends/ptx.jl", include_str!("backends/ptx.jl")),
    ("backends/amdgpu.jl", include_str!("backends/amdgpu.jl")),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{self, SourceFile};

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
    fn sources_are_listed_once_with_the_types_file_first() {
        let mut names: Vec<&str> = SOURCES.iter().map(|(n, _)| *n).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), SOURCES.len());
        assert_eq!(SOURCES[0].0, TYPES_FILE);
    }
}
