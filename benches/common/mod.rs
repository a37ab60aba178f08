//! Shared setup for the lookup and dispatch benchmarks: a realistic hierarchy (10
//! abstract families × 10 abstract sub-families × 10 concrete structs, under `Any`) and
//! generators of arity-2 method signatures over it.

#![allow(dead_code)]

use strata::{Engine, TypeId};

pub struct Universe {
    pub engine: Engine,
    /// Abstract types, then concrete ones.
    pub abstract_types: Vec<TypeId>,
    pub concrete: Vec<TypeId>,
}

pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub fn universe() -> Universe {
    let engine = Engine::new();
    let mut src = String::new();
    for a in 0..10 {
        src.push_str(&format!("abstract type A{a} end\n"));
        for b in 0..10 {
            src.push_str(&format!("abstract type A{a}B{b} <: A{a} end\n"));
            for c in 0..10 {
                src.push_str(&format!("struct A{a}B{b}C{c} <: A{a}B{b} end\n"));
            }
        }
    }
    engine.types().declare(&src).expect("hierarchy declares");
    let t = |s: &str| engine.types().parse(s).expect("type");
    let mut abstract_types = Vec::new();
    let mut concrete = Vec::new();
    for a in 0..10 {
        abstract_types.push(t(&format!("A{a}")));
        for b in 0..10 {
            abstract_types.push(t(&format!("A{a}B{b}")));
            for c in 0..10 {
                concrete.push(t(&format!("A{a}B{b}C{c}")));
            }
        }
    }
    Universe {
        engine,
        abstract_types,
        concrete,
    }
}

impl Universe {
    /// `n` distinct arity-2 signatures: mostly concrete pairs, some abstract.
    pub fn signatures(&self, n: usize, seed: u64) -> Vec<TypeId> {
        let mut rng = Rng(seed);
        let mut seen = hashbrown::HashSet::new();
        let mut out = Vec::with_capacity(n);
        let store = self.engine.types();
        while out.len() < n {
            let pick = |rng: &mut Rng| {
                if rng.below(10) == 0 {
                    self.abstract_types[rng.below(self.abstract_types.len())]
                } else {
                    self.concrete[rng.below(self.concrete.len())]
                }
            };
            let (a, b) = (pick(&mut rng), pick(&mut rng));
            if seen.insert((a, b)) {
                out.push(store.tuple(&[a, b]));
            }
        }
        out
    }
}
