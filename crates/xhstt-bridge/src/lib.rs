//! xhstt-bridge crate.
