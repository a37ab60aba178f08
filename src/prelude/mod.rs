//! Base in the kernel language (placeholder until the prelude lands).

/// `(file name, text)` in load order.
pub const SOURCES: &[(&str, &str)] = &[];
