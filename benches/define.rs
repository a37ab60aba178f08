//! Definition cost against table size (issue 14): median cost of one `define` once the
//! table holds 10^3, 10^4, 10^5 (and, with `STRATA_DEFINE_MAX=1000000`, 10^6) methods,
//! all of one function and spread 100 per function, with a hashbrown insert at the same
//! size as the same-run floor; and redefinition of one signature after k redefinitions.
//! A plain bench binary (each point is a median of 1,001 timed single calls): the table
//! must grow between points, which criterion's repeated iterations would distort.
//!
//! Run: `cargo bench --bench define` (add `STRATA_DEFINE_MAX=1000000` for 10^6).

mod common;

use std::time::Instant;
use strata::TypeId;

const SAMPLE: usize = 1001;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let max: usize = std::env::var("STRATA_DEFINE_MAX")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let points: Vec<usize> = [1_000, 10_000, 100_000, 1_000_000]
        .into_iter()
        .filter(|&n| n <= max)
        .collect();
    println!("| layout | methods | define median µs | hashbrown insert median µs | ratio |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for spread in [false, true] {
        let u = common::universe();
        let sigs: Vec<TypeId> = u.signatures(max + SAMPLE * points.len(), 11);
        let names: Vec<String> = (0..sigs.len() / 100 + 1).map(|i| format!("f{i}")).collect();
        let name = |i: usize| {
            if spread {
                names[i / 100].as_str()
            } else {
                "f0"
            }
        };
        let mut floor: hashbrown::HashMap<TypeId, usize> = hashbrown::HashMap::new();
        let mut next = 0;
        for &n in &points {
            while next < n {
                u.engine
                    .define(name(next), sigs[next], None)
                    .expect("define");
                floor.insert(sigs[next], next);
                next += 1;
            }
            let mut t = Vec::with_capacity(SAMPLE);
            let mut h = Vec::with_capacity(SAMPLE);
            for _ in 0..SAMPLE {
                let s = Instant::now();
                u.engine
                    .define(name(next), sigs[next], None)
                    .expect("define");
                t.push(s.elapsed().as_secs_f64() * 1e6);
                let s = Instant::now();
                floor.insert(sigs[next], next);
                h.push(s.elapsed().as_secs_f64() * 1e6);
                next += 1;
            }
            let (d, f) = (median(t), median(h));
            let layout = if spread { "spread" } else { "one function" };
            println!("| {layout} | {n} | {d:.2} | {f:.3} | {:.0} |", d / f);
        }
    }
    // Redefinition of one signature after k redefinitions (history growth).
    println!();
    println!("| redefinitions so far | redefine median µs |");
    println!("| ---: | ---: |");
    let u = common::universe();
    let sig = u.signatures(1, 3)[0];
    let mut done = 0usize;
    for &k in &[1_000usize, 10_000, 100_000] {
        if k > max {
            break;
        }
        while done < k {
            u.engine.define("g", sig, None).expect("define");
            done += 1;
        }
        let mut t = Vec::with_capacity(SAMPLE);
        for _ in 0..SAMPLE {
            let s = Instant::now();
            u.engine.define("g", sig, None).expect("define");
            t.push(s.elapsed().as_secs_f64() * 1e6);
            done += 1;
        }
        println!("| {k} | {:.2} |", median(t));
    }
}
