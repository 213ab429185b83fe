//! solver crate.
