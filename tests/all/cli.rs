//! The real `strata` binary: `strata query` over pipes, `strata demo`, and the commands
//! over source files (`check`, `methods`, `ambiguities`, `code-lowered`, `query
//! --load`) on the fixtures in `tests/data/cli/`.
//!
//! The transcripts in `tests/data/query/*.txt` are sent to one `strata query` process
//! each, and every reply is checked (the same transcripts run through the library in
//! `query.rs`). One test talks to the process a line at a time, which only works if the
//! binary flushes after every reply.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn strata() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_strata"));
    // Never the user's ~/.cache: the kernel cache goes under target/.
    cmd.env(
        "STRATA_CACHE_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/strata-cache"),
    );
    cmd
}

/// Runs `strata query` with `input` on stdin; returns stdout's lines.
fn run_query(input: &str) -> Vec<String> {
    let mut child = strata()
        .arg("query")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("strata starts");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("strata runs");
    writer.join().unwrap().expect("stdin written");
    assert!(
        out.status.success(),
        "strata query exited with {}",
        out.status
    );
    String::from_utf8(out.stdout)
        .expect("utf-8 replies")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn transcripts_through_the_binary() {
    for t in crate::query::transcripts() {
        let mut input = t.requests.join("\n");
        input.push('\n');
        let got = run_query(&input);
        if crate::query::blessing() {
            continue; // `query.rs` rewrites the files from the library's answers.
        }
        crate::query::compare(&t, &got);
    }
}

#[test]
fn bad_bytes_and_crlf_keep_the_stream_going() {
    let mut input = b"{\"op\":\"subtype\",\"a\":\"Int64\",\"b\":\"Real\"}\r\n".to_vec();
    input.extend_from_slice(b"\xff\xfe not utf-8\n");
    input.extend_from_slice(b"{\"op\":\"subtype\",\"a\":\"Real\",\"b\":\"Int64\"}");
    let got = run_query(&String::from_utf8_lossy(&input));
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0], r#"{"result":true}"#);
    assert!(
        got[1].starts_with(r#"{"error":"malformed request"#),
        "{}",
        got[1]
    );
    assert_eq!(
        got[2], r#"{"result":false}"#,
        "a last line without newline is answered"
    );

    // Raw invalid UTF-8 (not the lossy replacement above) is answered too.
    let mut child = strata()
        .arg("query")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"\xff\xfe\n{\"op\":\"subtype\",\"a\":\"Int64\",\"b\":\"Any\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("not valid UTF-8"), "{text}");
    assert_eq!(lines[1], r#"{"result":true}"#);
}

#[test]
fn replies_are_flushed_one_at_a_time() {
    let mut child = strata()
        .arg("query")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut reply = String::new();
    for (req, want) in [
        (
            r#"{"op":"declare","src":"abstract type Shape end"}"#,
            r#"{"ok":true}"#,
        ),
        (
            r#"{"op":"subtype","a":"Shape","b":"Any"}"#,
            r#"{"result":true}"#,
        ),
        ("oops", ""),
        (
            r#"{"op":"subtype","a":"Any","b":"Shape"}"#,
            r#"{"result":false}"#,
        ),
    ] {
        writeln!(stdin, "{req}").unwrap();
        stdin.flush().unwrap();
        reply.clear();
        stdout.read_line(&mut reply).unwrap();
        if want.is_empty() {
            assert!(reply.starts_with(r#"{"error":"#), "{reply}");
        } else {
            assert_eq!(reply.trim_end(), want);
        }
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn demo_runs() {
    let out = strata().arg("demo").output().expect("strata demo runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("method 1: area(::Circle)") && text.contains("method 5: area(::Circle)"),
        "{text}"
    );
    assert!(
        text.contains("error: ambiguous") && text.contains("error: no method"),
        "{text}"
    );
}

// ----- commands over source files ------------------------------------------------------

/// What a run of the binary gave.
struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `strata ARGS` in the package root (fixture paths are relative to it), with
/// `stdin` as input.
fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = strata()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("strata starts");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_string();
    let writer = std::thread::spawn(move || input.write_all(stdin.as_bytes()));
    let out = child.wait_with_output().expect("strata runs");
    writer.join().unwrap().expect("stdin written");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// Runs `strata ARGS` and checks the exit status and that stdout and stderr contain
/// the given pieces (`!piece`: must not contain).
fn check(args: &[&str], code: i32, stdout: &[&str], stderr: &[&str]) -> Output {
    check_with_input(args, "", code, stdout, stderr)
}

fn check_with_input(
    args: &[&str],
    input: &str,
    code: i32,
    stdout: &[&str],
    stderr: &[&str],
) -> Output {
    let out = run(args, input);
    let what = format!(
        "strata {}\n--- exit {}\n--- stdout:\n{}--- stderr:\n{}",
        args.join(" "),
        out.code,
        out.stdout,
        out.stderr
    );
    assert_eq!(out.code, code, "exit status of {what}");
    for (text, pieces, name) in [
        (&out.stdout, stdout, "stdout"),
        (&out.stderr, stderr, "stderr"),
    ] {
        for piece in pieces {
            match piece.strip_prefix('!') {
                Some(absent) => assert!(!text.contains(absent), "{name} has `{absent}`: {what}"),
                None => assert!(text.contains(piece), "{name} lacks `{piece}`: {what}"),
            }
        }
    }
    out
}

const SHAPES: &str = "tests/data/cli/shapes.jl";
const USES_SHAPES: &str = "tests/data/cli/uses_shapes.jl";
const AMBIGUOUS: &str = "tests/data/cli/ambiguous.jl";
const RESOLVE: &str = "tests/data/cli/resolve.jl";
const OVERLAY: &str = "tests/data/cli/overlay.jl";
const BAD: &str = "tests/data/cli/bad.jl";

#[test]
fn check_prints_one_line_per_file() {
    let out = check(
        &["check", SHAPES, USES_SHAPES],
        0,
        &[
            "tests/data/cli/shapes.jl: ok, ",
            " methods, 2 types\n",
            "tests/data/cli/uses_shapes.jl: ok, 1 method, 0 types\n",
        ],
        &[],
    );
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn check_stops_at_the_first_file_with_errors() {
    check(
        &["check", SHAPES, BAD, AMBIGUOUS],
        1,
        &["shapes.jl: ok", "!bad.jl", "!ambiguous.jl"],
        &["tests/data/cli/bad.jl:3:", "NoSuchType", "!ambiguous.jl"],
    );
    // A file loaded after a failed one is not even read; a missing file is an error
    // with its name.
    check(
        &["check", "tests/data/cli/missing.jl"],
        1,
        &[],
        &["tests/data/cli/missing.jl", "cannot read"],
    );
    // Order matters: uses_shapes.jl needs shapes.jl's `Square`.
    check(
        &["check", USES_SHAPES],
        1,
        &[],
        &["tests/data/cli/uses_shapes.jl:2:", "Square"],
    );
}

#[test]
fn methods_lists_live_methods_like_julia() {
    let out = check(
        &["methods", SHAPES, "area"],
        0,
        &["# 2 methods for generic function \"area\":\n"],
        &[],
    );
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert!(
        lines[1].starts_with(
            "[1] area(s::Square) @ tests/data/cli/shapes.jl:6 (table `global`, world "
        ),
        "{}",
        lines[1]
    );
    assert!(
        lines[2]
            .starts_with("[2] area(s::Shape) @ tests/data/cli/shapes.jl:7 (table `global`, world "),
        "{}",
        lines[2]
    );
    // `::Any` is left out, as Julia does; several files; in Julia's `methods` order
    // (`ml_matches` for `Tuple{Vararg{Any}}`: every method before those it is more
    // specific than, ties in definition order).
    check(
        &["methods", AMBIGUOUS, RESOLVE, "pick"],
        0,
        &[
            "# 3 methods for generic function \"pick\":",
            "[1] pick(x::Int64, y::Int64) @ tests/data/cli/resolve.jl:2",
            "[2] pick(x::Int64, y) @ tests/data/cli/ambiguous.jl:2",
            "[3] pick(x, y::Int64) @ tests/data/cli/ambiguous.jl:3",
        ],
        &[],
    );
    check(
        &["methods", OVERLAY, "twice"],
        0,
        &[
            "# 2 methods for generic function \"twice\":",
            "twice(x::Int64) @ tests/data/cli/overlay.jl:3 (table `global`, world ",
            "twice(x::Int64) @ tests/data/cli/overlay.jl:4 (table `GPU`, world ",
        ],
        &[],
    );
}

#[test]
fn methods_of_an_unknown_name_suggests_similar_ones() {
    check(
        &["methods", SHAPES, "aera"],
        1,
        &[],
        &["no function named `aera`", "did you mean `area`"],
    );
    // A failed load comes first.
    check(
        &["methods", BAD, "good"],
        1,
        &[],
        &["tests/data/cli/bad.jl:3:"],
    );
}

#[test]
fn ambiguities_are_reported_with_the_fix() {
    check(
        &["ambiguities", AMBIGUOUS],
        0,
        &[
            "(table `global`):\n  pick(::Int64, ::Any) @ tests/data/cli/ambiguous.jl:2\n  pick(::Any, ::Int64) @ tests/data/cli/ambiguous.jl:3\nPossible fix, define\n  pick(::Int64, ::Int64)\n",
            " found\n",
        ],
        &[],
    );
    check(
        &["ambiguities", AMBIGUOUS, "--deny"],
        1,
        &["pick(::Int64, ::Any)"],
        &[],
    );
    // The method on the intersection resolves it; an overlay shadowing a global method
    // is not an ambiguity.
    check(
        &["ambiguities", "--deny", AMBIGUOUS, RESOLVE, OVERLAY],
        0,
        &["0 ambiguities found\n", "!pick", "!twice"],
        &[],
    );
    check(&["ambiguities", BAD], 1, &[], &["tests/data/cli/bad.jl:3:"]);
}

#[test]
fn the_prelude_has_no_ambiguities() {
    check(
        &["ambiguities", "--deny"],
        0,
        &["0 ambiguities found\n"],
        &[],
    );
}

#[test]
fn code_lowered_prints_each_match() {
    check(
        &["code-lowered", SHAPES, "scale(Int64, Float32)"],
        0,
        &["CodeInfo(", "scale(", "return"],
        &[],
    );
    // An abstract signature matches several methods: each is printed.
    let out = check(&["code-lowered", SHAPES, "area(Shape)"], 0, &[], &[]);
    assert_eq!(out.stdout.matches("CodeInfo(").count(), 2, "{}", out.stdout);
    // The overlay stack decides which body.
    let gpu = check(
        &["code-lowered", OVERLAY, "twice(Int64)", "--tables", "GPU"],
        0,
        &["*("],
        &[],
    );
    assert_eq!(gpu.stdout.matches("CodeInfo(").count(), 1, "{}", gpu.stdout);
    check(
        &["code-lowered", OVERLAY, "twice(Int64)"],
        0,
        &["+(", "!*("],
        &[],
    );
    // Zero arguments, operators, several tables.
    check(
        &["code-lowered", "threadIdx()", "--tables", "PTX"],
        0,
        &["CodeInfo(threadIdx("],
        &[],
    );
    check(&["code-lowered", "+(Int64, Int64)"], 0, &["CodeInfo("], &[]);
}

#[test]
fn code_lowered_errors() {
    check(
        &["code-lowered", SHAPES, "scale(Int64, Int64)"],
        1,
        &[],
        &["MethodError: no method matching scale(::Int64, ::Int64)"],
    );
    check(
        &["code-lowered", SHAPES, "scale(Int64, Nope)"],
        1,
        &[],
        &["bad type in call `scale(Int64, Nope)` at column 14", "Nope"],
    );
    check(
        &["code-lowered", SHAPES, "scale Int64"],
        1,
        &[],
        &["bad call `scale Int64`", "name(T1, T2"],
    );
    check(
        &["code-lowered", SHAPES, "sclae(Int64, Float32)"],
        1,
        &[],
        &["did you mean `scale`"],
    );
    check(
        &["code-lowered", SHAPES, "area(Shape)", "--tables", "NOPE"],
        1,
        &[],
        &["unknown method table `NOPE`"],
    );
}

#[test]
fn query_loads_the_prelude_and_files_first() {
    let reply = check_with_input(
        &["query", "--load", AMBIGUOUS, RESOLVE],
        "{\"op\":\"findall\",\"f\":\"pick\",\"sig\":\"Tuple{Int64, Int64}\"}\n",
        0,
        &[
            "\"ambig\":false",
            "\"sig\":\"Tuple{typeof(pick), Int64, Int64}\"",
        ],
        &[],
    );
    assert_eq!(reply.stdout.lines().count(), 1, "{}", reply.stdout);
    check_with_input(
        &["query", "--prelude"],
        "{\"op\":\"dispatch\",\"f\":\"+\",\"args\":[\"Int64\",\"Int64\"]}\n",
        0,
        &["{\"method\":"],
        &[],
    );
    // Without flags the session is bare: `+` has no methods.
    check_with_input(
        &["query"],
        "{\"op\":\"dispatch\",\"f\":\"+\",\"args\":[\"Int64\",\"Int64\"]}\n",
        0,
        &["{\"error\":\"no method matching +(::Int64, ::Int64)"],
        &[],
    );
    // A file that does not load: diagnostics on stderr, status 1, no request read.
    check_with_input(
        &["query", "--load", BAD],
        "{\"op\":\"subtype\",\"a\":\"Int64\",\"b\":\"Real\"}\n",
        1,
        &["!result"],
        &["tests/data/cli/bad.jl:3:"],
    );
}

#[test]
fn code_typed_and_code_warntype() {
    check(
        &[
            "code-typed",
            "examples/saxpy.jl",
            "global_index()",
            "--tables",
            "PTX",
        ],
        0,
        &["invoke blockIdx()::Dim3", ") => Int32"],
        &[],
    );
    // Not a terminal: no color codes.
    let out = check(
        &[
            "code-warntype",
            "examples/saxpy.jl",
            "global_index()",
            "--tables",
            "PTX",
        ],
        0,
        &[") => Int32"],
        &[],
    );
    assert!(!out.stdout.contains('\u{1b}'));
    check(
        &["code-typed", AMBIGUOUS, "pick(Int64, Int64)"],
        1,
        &[],
        &["MethodError: pick(::Int64, ::Int64) is ambiguous"],
    );
    check(
        &["code-typed", "examples/saxpy.jl", "global_index(Int64)"],
        1,
        &[],
        &["MethodError: no method matching global_index(::Int64)"],
    );
    check(
        &["code-typed", "global_index(Real)"],
        1,
        &[],
        &["not a call with concrete argument types"],
    );
}

/// A docstring is attached to the methods its definition makes (issue 16) and
/// `strata methods` shows it under each.
#[test]
fn methods_show_docstrings() {
    check(
        &["methods", "tests/data/language/documented.jl", "twice"],
        0,
        &[
            "# 2 methods for generic function \"twice\":",
            "[1] twice(x) @ tests/data/language/documented.jl:6",
            "        twice(x)\n\n    Doubles `x`.\n[2] twice(x, k)",
        ],
        &[],
    );
}

/// Every subcommand's `--help` shows an example (issue 18: a self-explaining tool).
#[test]
fn every_subcommand_help_has_an_example() {
    let subcommands = [
        "check",
        "methods",
        "ambiguities",
        "code-lowered",
        "code-typed",
        "code-warntype",
        "compile",
        "code-llvm",
        "code-ptx",
        "run",
        "examples",
        "query",
        "demo",
        "doctor",
    ];
    for sub in subcommands {
        let out = strata().args([sub, "--help"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{sub} --help failed");
        assert!(
            text.lines()
                .any(|l| l.starts_with("Example: ") && l.contains("strata ")),
            "{sub} --help has no example:\n{text}"
        );
    }
    for sub in ["stats", "ls", "clear", "why-miss", "export", "import"] {
        let out = strata().args(["cache", sub, "--help"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("Example: "),
            "cache {sub} --help has no example:\n{text}"
        );
    }
}

/// `strata doctor` reports every tool it can use, says what a missing one costs, and
/// checks a shared cache that does not answer without failing.
#[test]
fn doctor_reports_tools_and_gaps() {
    let out = strata()
        .args(["doctor", "--cache-remote", "redis://127.0.0.1:1"])
        .env("STRATA_PTXAS", "/nonexistent/ptxas")
        .env("STRATA_ROCM_DEVICE_LIBS", "/nonexistent")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "ok       LLVM (linked)  19.",
        "kernel cache",
        "MISSING  AMD OCML",
        "apt-get install rocm-device-libs",
        "MISSING  shared cache   redis://127.0.0.1:1: cannot connect",
    ] {
        assert!(text.contains(line), "missing `{line}` in\n{text}");
    }
    assert!(text.contains("gap(s): strata still runs"), "{text}");
}
