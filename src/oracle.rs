//! The brute-force reference for method lookup, used by tests, stress runs and fuzzing.
//!
//! It keeps its own flat list of every method ever defined, with the worlds it computed
//! itself, and answers by scanning all of them: keep those visible at the world and
//! applicable, then the maximal ones under specificity; one left is a match, several an
//! ambiguity, none no method. Stacking follows the same rule as the views (the first
//! table with an applicable method answers; for `findall`, the first table whose least
//! specific match fully covers the query answers alone). It uses no index, no snapshot
//! and no cache, so a disagreement points at one of those. Read `engine.rs` for the
//! real thing.

use crate::table::MethodId;
use crate::types::{TypeId, TypeStore};
use crate::world::OPEN;

/// One method as the oracle sees it.
#[derive(Clone, Debug)]
pub struct OracleMethod {
    pub id: MethodId,
    pub func: String,
    pub table: String,
    pub sig: TypeId,
    pub min: u64,
    pub max: u64,
}

/// A dispatch answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Match(MethodId),
    /// The maximal applicable methods, sorted by id.
    Ambiguous(Vec<MethodId>),
    NoMethod,
}

/// The reference model of a set of method tables.
#[derive(Clone, Debug, Default)]
pub struct Oracle {
    pub methods: Vec<OracleMethod>,
    pub world: u64,
}

impl Oracle {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a definition the engine made (with the id it gave); returns the world of
    /// the definition as the oracle computes it.
    pub fn define(
        &mut self,
        store: &TypeStore,
        id: MethodId,
        func: &str,
        sig: TypeId,
        table: &str,
    ) -> u64 {
        self.world += 1;
        let w = self.world;
        for m in &mut self.methods {
            if m.max == OPEN && m.func == func && m.table == table && store.typeequal(m.sig, sig) {
                m.max = w - 1;
            }
        }
        self.methods.push(OracleMethod {
            id,
            func: func.to_string(),
            table: table.to_string(),
            sig,
            min: w,
            max: OPEN,
        });
        w
    }

    /// Records a deletion; `None` if the method is unknown or already gone.
    pub fn delete(&mut self, id: MethodId) -> Option<u64> {
        let w = self.world + 1;
        let m = self
            .methods
            .iter_mut()
            .find(|m| m.id == id && m.max == OPEN)?;
        m.max = w - 1;
        self.world = w;
        Some(w)
    }

    fn visible<'a>(
        &'a self,
        func: &'a str,
        table: &'a str,
        world: u64,
    ) -> impl Iterator<Item = &'a OracleMethod> + 'a {
        self.methods
            .iter()
            .filter(move |m| m.func == func && m.table == table && m.min <= world && world <= m.max)
    }

    /// Dispatch of a leaf signature through `stack` (first wins; include `"global"`).
    pub fn dispatch(
        &self,
        store: &TypeStore,
        func: &str,
        sig: TypeId,
        stack: &[&str],
        world: u64,
    ) -> Answer {
        for table in stack {
            let applicable: Vec<&OracleMethod> = self
                .visible(func, table, world)
                .filter(|m| store.subtype(sig, m.sig))
                .collect();
            if applicable.is_empty() {
                continue;
            }
            let mut maximal: Vec<MethodId> = applicable
                .iter()
                .filter(|m| {
                    !applicable
                        .iter()
                        .any(|o| o.id != m.id && store.morespecific(o.sig, m.sig))
                })
                .map(|m| m.id)
                .collect();
            maximal.sort();
            return match maximal.as_slice() {
                [one] => Answer::Match(*one),
                _ => Answer::Ambiguous(maximal),
            };
        }
        Answer::NoMethod
    }

    /// The set `findall` must return through `stack` (first wins; include `"global"`):
    /// `(method, fully_covers)` sorted by id, or `None` past the limit.
    pub fn findall(
        &self,
        store: &TypeStore,
        func: &str,
        sig: TypeId,
        stack: &[&str],
        world: u64,
        limit: Option<usize>,
    ) -> Option<Vec<(MethodId, bool)>> {
        let mut out = Vec::new();
        for table in stack {
            let hits: Vec<(&OracleMethod, bool)> = self
                .visible(func, table, world)
                .filter(|m| {
                    !store.is_bottom(store.intersect(sig, m.sig)) || store.subtype(sig, m.sig)
                })
                .map(|m| (m, store.subtype(sig, m.sig)))
                .collect();
            let kept: Vec<(&OracleMethod, bool)> = hits
                .iter()
                .filter(|(m, _)| {
                    !hits.iter().any(|(o, covers)| {
                        *covers && o.id != m.id && store.morespecific(o.sig, m.sig)
                    })
                })
                .copied()
                .collect();
            if limit.is_some_and(|l| kept.len() > l) {
                return None;
            }
            // GPUCompiler's rule: the table answers alone when the last match in
            // most-specific-first order (ties by method id) fully covers the query.
            let mut left: Vec<(&OracleMethod, bool)> = kept.clone();
            left.sort_by_key(|(m, _)| m.id);
            let mut last = None;
            while !left.is_empty() {
                let pick = left
                    .iter()
                    .position(|(m, _)| {
                        !left.iter().any(|(o, _)| {
                            o.id != m.id
                                && store.morespecific(o.sig, m.sig)
                                && !store.morespecific(m.sig, o.sig)
                        })
                    })
                    .unwrap_or(0);
                last = Some(left.remove(pick));
            }
            let answers_alone = last.is_some_and(|(_, covers)| covers);
            out.extend(kept.iter().map(|(m, c)| (m.id, *c)));
            if answers_alone {
                break;
            }
        }
        out.sort();
        Some(out)
    }
}
