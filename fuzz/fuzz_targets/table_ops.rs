//! Fuzz target `table_ops`: see `strata::fuzzing::fuzz_table_ops` for what it checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| strata::fuzzing::fuzz_table_ops(data));
