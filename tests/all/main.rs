//! The one integration-test binary: every suite is a module here (naga's `root.rs` style).
//!
//! Engineers add their suites as `mod` lines below; keep additions additive. The method
//! table suites are `tables` (definitions, deletions, errors), `views` (findall, findsup,
//! stacking), `worlds` (Julia's world-age scenarios) and `stress` (oracle properties and
//! concurrent readers and writers).

mod stress;
mod tables;
mod views;
mod worlds;
