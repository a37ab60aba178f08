//! Fuzz target `parse_type`: see `strata::fuzzing::fuzz_parse_type` for what it checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| strata::fuzzing::fuzz_parse_type(data));
