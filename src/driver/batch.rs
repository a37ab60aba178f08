//! [`Compiler::compile_batch`]: jobs in parallel on a rayon pool of the requested size.
//! Each worker compiles with its own thread-local LLVM context (`compile.rs`);
//! inference is shared through the compiler's one code cache. Results come back in
//! job order, so output never depends on scheduling.

use super::compile::{Artifact, Compiler};
use super::job::CompilerJob;
use super::CompileError;
use rayon::prelude::*;

impl Compiler {
    /// Compiles `jobs` on `threads` worker threads (0: rayon's default, one per core).
    /// `on_done(i)` is called from a worker as job `i` finishes (for progress bars).
    pub fn compile_batch(
        &self,
        jobs: &[CompilerJob],
        threads: usize,
        on_done: &(dyn Fn(usize) + Sync),
    ) -> Vec<Result<Artifact, CompileError>> {
        let pool = match rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("strata-compile-{i}"))
            .build()
        {
            Ok(pool) => pool,
            Err(e) => {
                let err = CompileError::Internal {
                    stage: "batch",
                    message: format!("cannot start the worker threads: {e}"),
                };
                return jobs.iter().map(|_| Err(err.clone())).collect();
            }
        };
        pool.install(|| {
            jobs.par_iter()
                .enumerate()
                .map(|(i, job)| {
                    let r = self.compile(job);
                    on_done(i);
                    r
                })
                .collect()
        })
    }
}
