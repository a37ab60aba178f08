//! Every case of Julia's conformance file (`tests/data/conformance/julia-types.jsonl`)
//! through `strata::query`, against the list of known failures.
//!
//! Each case becomes a request (the `expect`, `src` and `note` fields dropped) and its
//! reply's `result` is compared with `expect`; an `intersect` result is compared with
//! `typeequal`, not as text. Cases that do not pass yet are listed, one `LINE OP` per
//! line, in `tests/data/conformance/known-failures.txt`; the test fails if a case outside
//! the list fails *or a case in the list passes* (so a fix must also shorten the list).
//! `STRATA_BLESS=1 cargo test --test all conformance` rewrites the list from today's
//! results.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use strata::query::Session;

const CASES: &str = "tests/data/conformance/julia-types.jsonl";
const KNOWN: &str = "tests/data/conformance/known-failures.txt";

/// The outcome of one case: `Ok` if it passes, else what went wrong.
fn run_case(session: &Session, case: &Value) -> Result<(), String> {
    let mut req = case.as_object().ok_or("case is not an object")?.clone();
    let expect = req.remove("expect").ok_or("case has no expect")?;
    req.remove("src");
    let conservative = req
        .remove("note")
        .and_then(|n| n.as_str().map(|n| n.starts_with("julia-conservative")))
        .unwrap_or(false);
    let op = req
        .get("op")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let reply = session
        .reply(&Value::Object(req.clone()).to_string())
        .unwrap_or_default();
    let reply: Value =
        serde_json::from_str(&reply).map_err(|e| format!("bad reply {reply}: {e}"))?;
    let result = reply.get("result").ok_or_else(|| format!("got {reply}"))?;
    if op == "intersect" {
        let check = serde_json::json!({"op":"typeequal","a":result,"b":expect});
        let eq = session.reply(&check.to_string()).unwrap_or_default();
        if eq == r#"{"result":true}"# {
            Ok(())
        } else if conservative && tighter_and_sound(session, &req, result, &expect) {
            // Julia's own test calls its answer looser than ideal; a strictly tighter
            // answer that is still inside both inputs is accepted. That it loses no
            // common value is shown by `types::intersect::tests::tighter_than_julia`.
            Ok(())
        } else {
            Err(format!("got {result}, expected {expect} ({eq})"))
        }
    } else if *result == expect {
        Ok(())
    } else {
        Err(format!("got {result}, expected {expect}"))
    }
}

/// `result` is strictly below Julia's (conservative) `expect`, and below both inputs.
fn tighter_and_sound(
    session: &Session,
    req: &serde_json::Map<String, Value>,
    result: &Value,
    expect: &Value,
) -> bool {
    let sub = |a: &Value, b: &Value| {
        let q = serde_json::json!({"op":"subtype","a":a,"b":b});
        session.reply(&q.to_string()).unwrap_or_default() == r#"{"result":true}"#
    };
    sub(result, expect) && !sub(expect, result) && sub(result, &req["a"]) && sub(result, &req["b"])
}

#[test]
fn julia_conformance_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(CASES)).expect("conformance cases");
    let known_text = std::fs::read_to_string(root.join(KNOWN)).unwrap_or_default();
    let known: BTreeSet<(usize, String)> = known_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split_whitespace();
            let line = parts
                .next()
                .and_then(|n| n.parse().ok())
                .expect("LINE OP in known-failures");
            (
                line,
                parts.next().expect("LINE OP in known-failures").to_string(),
            )
        })
        .collect();

    let session = Session::new();
    let mut stats: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures: Vec<(usize, String, String)> = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let case: Value = serde_json::from_str(line).expect("case is JSON");
        let op = case["op"].as_str().unwrap_or("?").to_string();
        let outcome = run_case(&session, &case);
        let entry = stats.entry(op.clone()).or_default();
        entry.1 += 1;
        let listed = known.contains(&(lineno, op.clone()));
        match outcome {
            Ok(()) => {
                entry.0 += 1;
                if listed {
                    problems.push(format!(
                        "line {lineno} ({op}) passes now: remove it from {KNOWN}"
                    ));
                }
            }
            Err(why) => {
                if !listed {
                    problems.push(format!(
                        "line {lineno} ({op}) fails: {why}\n    case: {line}"
                    ));
                }
                failures.push((lineno, op, why));
            }
        }
    }
    for (op, (pass, total)) in &stats {
        println!("conformance {op}: {pass}/{total} pass");
    }
    let (pass, total) = stats.values().fold((0, 0), |(p, t), (a, b)| (p + a, t + b));
    println!("conformance total: {pass}/{total} pass");

    if std::env::var_os("STRATA_BLESS").is_some_and(|v| v == "1") {
        let mut out = String::from(
            "# Conformance cases that do not pass yet: `LINE OP` of julia-types.jsonl, each a FIXME.\n\
             # Regenerate with `STRATA_BLESS=1 cargo test --test all conformance` (see tests/all/conformance.rs).\n",
        );
        for (lineno, op, why) in &failures {
            let why: String = why.chars().take(160).collect::<String>().replace('\n', " ");
            out.push_str(&format!("{lineno} {op} # FIXME: {why}\n"));
        }
        std::fs::write(root.join(KNOWN), out).expect("write known failures");
        return;
    }
    assert!(
        problems.is_empty(),
        "{} conformance problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
