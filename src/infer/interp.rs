//! The abstract interpreter (contract; being written).

use super::cache::CodeCache;
use super::{InferError, InferredCode, Job, MethodInstance};
use crate::engine::Engine;
use crate::types::TypeId;
use std::sync::Arc;

/// The method instance a call `func(args…)` with concrete argument types runs in the
/// job's view at the job's world (Julia's dispatch), or a no-method / ambiguity error.
pub fn entry(
    _engine: &Engine,
    _job: &Job,
    func: &str,
    _argtypes: &[TypeId],
) -> Result<MethodInstance, InferError> {
    Err(InferError::Entry(format!("inference of `{func}` is not written yet")))
}

/// Infers `mi` (and, transitively, the method instances it calls) for `job`, serving
/// and filling `cache`. The flag says whether `mi`'s own result came from the cache.
pub fn infer(
    _engine: &Engine,
    _cache: &CodeCache,
    _job: &Job,
    _mi: &MethodInstance,
) -> (Arc<InferredCode>, bool) {
    unimplemented!("inference is being written")
}
