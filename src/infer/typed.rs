//! The typed IR printer, Julia's `code_typed` / `code_warntype` (contract; being
//! written). Planned API: `print_typed(store, &InferredCode, warn: bool, color: bool)
//! -> String`.

use super::InferredCode;
use crate::types::TypeStore;

/// Placeholder until the printer lands (infer-lattice): the rendering is a stand-in.
pub fn print_typed(store: &TypeStore, code: &InferredCode, warn: bool, color: bool) -> String {
    let _ = (warn, color);
    let mut out =
        crate::ir::print::print_code_with_sig(store, &code.code, Some(code.mi.spec_types));
    out.push_str(&format!("=> {:?}\n", code.rettype));
    out
}
