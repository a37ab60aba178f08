//! Fuzz target `pipeline_llvm`: see `strata::fuzzing::fuzz_pipeline_llvm` for what it checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| strata::fuzzing::fuzz_pipeline_llvm(data));
