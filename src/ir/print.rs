//! The text form of the untyped IR, in the style of Julia's `code_lowered` (stable, for
//! snapshot tests and `strata code-lowered`). Placeholder: the printer is being
//! written.
