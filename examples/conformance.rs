//! Runs `../shared/conformance/julia-types.jsonl` (or the file named by `STRATA_CONFORMANCE`)
//! through the lattice and prints every failing case, then a summary per op.
//! Usage: `cargo run --example conformance [-- OP]` where OP filters by op name.

use std::collections::BTreeMap;

fn main() {
    let path = std::env::var("STRATA_CONFORMANCE")
        .unwrap_or_else(|_| "tests/data/conformance/julia-types.jsonl".to_string());
    let filter = std::env::args().nth(1);
    let store = strata::TypeStore::new();
    let text = std::fs::read_to_string(&path).expect("conformance file");
    let mut stats: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (lineno, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let op = v["op"].as_str().unwrap().to_string();
        if filter.as_deref().is_some_and(|f| f != op) {
            continue;
        }
        let a = v["a"].as_str().unwrap();
        let b = v["b"].as_str().unwrap();
        let parsed = (store.parse(a), store.parse(b));
        let (ta, tb) = match parsed {
            (Ok(x), Ok(y)) => (x, y),
            (x, y) => {
                println!("line {}: {op} PARSE {:?} {:?}", lineno + 1, x.err(), y.err());
                stats.entry(op).or_default().1 += 1;
                continue;
            }
        };
        let (ok, got) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match op.as_str() {
            "subtype" => {
                let r = store.subtype(ta, tb);
                (serde_json::Value::Bool(r) == v["expect"], r.to_string())
            }
            "typeequal" => {
                let r = store.typeequal(ta, tb);
                (serde_json::Value::Bool(r) == v["expect"], r.to_string())
            }
            "morespecific" => {
                let r = store.morespecific(ta, tb);
                (serde_json::Value::Bool(r) == v["expect"], r.to_string())
            }
            "intersect" => {
                let r = store.intersect(ta, tb);
                let e = store.parse(v["expect"].as_str().unwrap()).expect("expect parses");
                (store.typeequal(r, e), store.show(r))
            }
            _ => (false, "unknown op".into()),
        }))
        .unwrap_or((false, "PANIC".into()));
        let e = stats.entry(op.clone()).or_default();
        if ok {
            e.0 += 1;
        } else {
            e.1 += 1;
            println!("line {}: {op} a={a} b={b} expect={} got={got}", lineno + 1, v["expect"]);
        }
    }
    for (op, (pass, fail)) in &stats {
        println!("{op}: {pass} pass, {fail} fail");
    }
}
