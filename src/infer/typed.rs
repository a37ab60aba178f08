//! The typed IR printer, Julia's `code_typed` / `code_warntype` (contract; being
//! written). Planned API: `print_typed(store, &InferredCode, warn: bool, color: bool)
//! -> String`.
