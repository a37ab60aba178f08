//! Fuzz target `parse_source`: see `strata::fuzzing::parse_source` for what it checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| strata::fuzzing::parse_source(data));
