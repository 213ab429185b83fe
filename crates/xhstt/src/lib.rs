//! xhstt crate.
