//! [`Emitter`]: LLVM's code-generation pipeline for one target machine and file type,
//! built once and run on every module a worker thread emits.
//!
//! `TargetMachine::write_to_memory_buffer` (the C API's
//! `LLVMTargetMachineEmitToMemoryBuffer`) builds and schedules the ~100 legacy passes of
//! `addPassesToEmitFile` on every call, about a fifth of a small kernel's compile time
//! (issue 5). The C API cannot keep the pass manager, so a small C++ shim
//! (`emit_shim.cpp`, built by `build.rs`; it explains why reusing the pass manager is
//! sound and what would break it) does the C API's work with a kept one; this file is
//! its safe face. The driver caches one emitter per worker thread, target and file type
//! next to its target machines (`src/driver/target.rs`); `tests/all/emitter.rs` checks
//! that it writes the same bytes as the C API.

use inkwell::llvm_sys::prelude::LLVMModuleRef;
use inkwell::llvm_sys::target_machine::LLVMTargetMachineRef;
use inkwell::module::Module;
use inkwell::targets::{FileType, TargetMachine};
use std::os::raw::{c_char, c_int};
use std::ptr::NonNull;
use std::rc::Rc;

/// The shim's pipeline (opaque).
#[repr(C)]
struct RawEmitter {
    _private: [u8; 0],
}

extern "C" {
    fn strata_emitter_create(tm: LLVMTargetMachineRef, kind: c_int) -> *mut RawEmitter;
    fn strata_emitter_run(
        emitter: *mut RawEmitter,
        module: LLVMModuleRef,
        data: *mut *const c_char,
        len: *mut usize,
    );
    fn strata_emitter_dispose(emitter: *mut RawEmitter);
    fn strata_unname_struct_types(
        module: inkwell::llvm_sys::prelude::LLVMModuleRef,
        prefix: *const std::ffi::c_char,
    );
}

/// Why a pipeline could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmitterError {
    /// `addPassesToEmitFile` refused (the C API's "TargetMachine can't emit a file of
    /// this type").
    #[error("the target machine ({triple}) cannot emit {what}")]
    /// `addPassesToEmitFile` refused (the C API's "TargetMachine can't emit a file of this type").
    Unsupported {
        /// The target triple.
        triple: String,
        /// The file type asked for.
        what: &'static str,
    },
}

/// A code-generation pipeline over a target machine, for one file type.
///
/// It keeps its target machine alive (the passes refer to it) and is `!Send`: the
/// pipeline and the modules it emits belong to the thread that built it.
pub struct Emitter {
    raw: NonNull<RawEmitter>,
    file_type: FileType,
    // Dropped after `raw` is disposed (`Drop::drop` runs before the fields drop).
    tm: Rc<TargetMachine>,
}

impl Emitter {
    /// Builds the pipeline (`addPassesToEmitFile`) for `tm` and `file_type`.
    pub fn new(tm: Rc<TargetMachine>, file_type: FileType) -> Result<Emitter, EmitterError> {
        let kind = match file_type {
            FileType::Assembly => 0,
            FileType::Object => 1,
        };
        // SAFETY: `tm` is a live target machine; the shim copies nothing out of it but
        // keeps the pointer, which `self.tm` keeps valid for the emitter's life.
        let raw = unsafe { strata_emitter_create(tm.as_mut_ptr(), kind) };
        match NonNull::new(raw) {
            Some(raw) => Ok(Emitter { raw, file_type, tm }),
            None => Err(EmitterError::Unsupported {
                triple: tm.get_triple().as_str().to_string_lossy().into_owned(),
                what: match file_type {
                    FileType::Assembly => "assembly",
                    FileType::Object => "an object file",
                },
            }),
        }
    }

    /// The file type this emitter writes (assembly or object).
    pub fn file_type(&self) -> FileType {
        self.file_type
    }

    /// The target machine it emits with.
    pub fn target_machine(&self) -> &TargetMachine {
        &self.tm
    }

    /// Emits `module`, as `write_to_memory_buffer` would: sets the module's data layout
    /// to the target machine's, then runs the pipeline. The bytes live until the next
    /// call.
    pub fn emit(&mut self, module: &Module<'_>) -> &[u8] {
        let mut data: *const c_char = std::ptr::null();
        let mut len = 0usize;
        // SAFETY: `self.raw` is live and used on its own thread (`Emitter` is `!Send`);
        // `module` is a live module; the shim points `data` at its own buffer, which
        // stays untouched until the next `run` or `dispose`, both of which need `&mut self`.
        unsafe {
            strata_emitter_run(self.raw.as_ptr(), module.as_mut_ptr(), &mut data, &mut len);
            if len == 0 {
                return &[];
            }
            std::slice::from_raw_parts(data.cast::<u8>(), len)
        }
    }
}

impl Drop for Emitter {
    fn drop(&mut self) {
        // SAFETY: created by `strata_emitter_create`, disposed once, before `self.tm`.
        unsafe { strata_emitter_dispose(self.raw.as_ptr()) }
    }
}

impl std::fmt::Debug for Emitter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emitter")
            .field("file_type", &self.file_type)
            .finish_non_exhaustive()
    }
}

/// Drops the names of `module`'s identified struct types whose names start with `prefix`
/// (see `strata_unname_struct_types` in `emit_shim.cpp`).
pub fn unname_struct_types(module: &inkwell::module::Module<'_>, prefix: &str) {
    let prefix = std::ffi::CString::new(prefix).unwrap_or_default();
    // SAFETY: a live module on its context's thread; the prefix outlives the call.
    unsafe { strata_unname_struct_types(module.as_mut_ptr(), prefix.as_ptr()) }
}
