//! The data model of XHSTT-2014 archives.

pub mod constraint;
pub mod instance;
pub mod solution;
