//! The one integration-test binary: every suite is a module here (naga's `root.rs` style).
//!
//! Engineers add their suites as `mod` lines below; keep additions additive. Suites read
//! their inputs from `tests/data/<suite>/`. The protocol suites are `query` (the
//! `strata query` protocol through the library), `cli` (the same through the binary) and
//! `conformance` (Julia's lattice cases). The method table suites are `tables`
//! (definitions, deletions, errors), `views` (findall, findsup, stacking), `worlds`
//! (Julia's world-age scenarios) and `stress` (oracle properties and concurrent readers
//! and writers).

mod ambiguous;
mod capi;
mod cli;
mod codegen;
mod conformance;
mod driver;
mod embedding;
mod frontend;
mod gpumodel;
mod infer;
mod language;
mod lower;
mod query;
mod selection;
mod store;
mod stress;
mod syntax;
mod tables;
mod tools;
mod views;
mod worlds;
