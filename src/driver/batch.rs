//! [`Compiler::compile_batch`]: jobs in parallel on a rayon pool of the requested size
//! (one pool per size, kept for the process's life). Each worker compiles with its own
//! thread-local LLVM context and target machines (`compile.rs`, `target.rs`);
//! inference is shared through the compiler's one code cache. Results come back in
//! job order, so output never depends on scheduling.

use super::compile::{Artifact, Compiler};
use super::job::CompilerJob;
use super::CompileError;
use parking_lot::Mutex;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// The worker pool for `threads` workers, kept for the life of the process so that the
/// workers' LLVM contexts and target machines (thread-local) stay warm across batches.
fn pool(threads: usize) -> Result<Arc<rayon::ThreadPool>, rayon::ThreadPoolBuildError> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS.get_or_init(Default::default).lock();
    if let Some(p) = pools.get(&threads) {
        return Ok(p.clone());
    }
    let p = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("strata-compile-{i}"))
            .build()?,
    );
    pools.insert(threads, p.clone());
    Ok(p)
}

impl Compiler {
    /// Compiles `jobs` on `threads` worker threads (0: rayon's default, one per core).
    /// `on_done(i)` is called from a worker as job `i` finishes (for progress bars).
    pub fn compile_batch(
        &self,
        jobs: &[CompilerJob],
        threads: usize,
        on_done: &(dyn Fn(usize) + Sync),
    ) -> Vec<Result<Artifact, CompileError>> {
        let pool = match pool(threads) {
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
            // One job per piece: a worker that runs dry steals single jobs, so the
            // workers finish within one kernel of each other (rayon's default split
            // leaves runs of 16 jobs that cannot be stolen: a 5–9 ms tail at 64).
            jobs.par_iter()
                .with_max_len(1)
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
