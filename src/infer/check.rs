//! Errors as values: call chains for no-method / ambiguous calls, and GPUCompiler's
//! `InvalidIRError` for kernels (contract; being written). Planned API:
//! `check(engine, cache, job, mi, kernel: bool) -> Result<(), InferError>`.
