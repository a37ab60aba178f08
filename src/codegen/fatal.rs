//! LLVM's fatal errors, reported instead of aborting: LLVM ends the process on an error
//! it cannot return (an instruction it cannot select, a broken invariant), by default
//! with `abort()` (exit status 134, no kernel named). [`install`] puts a handler in its
//! place that prints which kernel and which stage LLVM was working on, as this thread
//! recorded it through [`set_stage`], and exits with [`FATAL_EXIT_CODE`].
//!
//! Such an error is always a strata bug (the driver's checks, `driver/compile.rs`
//! `check_undefined` and `codegen::math::unlowerable_intrinsic`, reject what LLVM cannot
//! lower before it runs); the handler only makes the report useful.

use std::cell::RefCell;
use std::ffi::{c_char, CStr};
use std::sync::Once;

/// The exit status after a fatal LLVM error (documented in the README).
pub const FATAL_EXIT_CODE: i32 = 70;

thread_local! {
    static STAGE: RefCell<(String, &'static str)> = const { RefCell::new((String::new(), "")) };
}

/// Records that this thread now runs `stage` on `kernel`.
pub fn set_stage(kernel: &str, stage: &'static str) {
    STAGE.with(|s| {
        let mut s = s.borrow_mut();
        if s.0 != kernel {
            s.0.clear();
            s.0.push_str(kernel);
        }
        s.1 = stage;
    });
}

extern "C" fn handler(reason: *const c_char) {
    let reason = if reason.is_null() {
        String::from("(no reason given)")
    } else {
        // SAFETY: LLVM passes a NUL-terminated string that lives during the call.
        unsafe { CStr::from_ptr(reason) }
            .to_string_lossy()
            .into_owned()
    };
    let (kernel, stage) = STAGE.with(|s| s.borrow().clone());
    eprintln!(
        "error: LLVM failed fatally during {} of `{}`: {reason}\n\
         (this is a strata bug, please report it with the kernel's source; exit status {FATAL_EXIT_CODE})",
        if stage.is_empty() { "code generation" } else { stage },
        if kernel.is_empty() { "?" } else { &kernel },
    );
    std::process::exit(FATAL_EXIT_CODE);
}

/// Installs the handler (once per process).
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: the handler is a plain function that never returns into LLVM.
        unsafe { inkwell::llvm_sys::error_handling::LLVMInstallFatalErrorHandler(Some(handler)) };
    });
}
