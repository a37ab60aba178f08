//! The one integration-test binary: every suite is a module here (naga's `root.rs` style).
//!
//! Each module reads its inputs from `tests/data/<suite>/`. Engineers add their suites as
//! `mod` lines below; keep additions additive. Read `query.rs` first for the protocol.

mod cli;
mod conformance;
mod query;
