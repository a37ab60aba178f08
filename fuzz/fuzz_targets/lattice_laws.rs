//! Fuzz target `lattice_laws`: see `strata::fuzzing::fuzz_lattice_laws` for what it checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| strata::fuzzing::fuzz_lattice_laws(data));
