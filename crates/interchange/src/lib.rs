//! interchange crate.
