//! Local search: the move neighbourhoods and the late acceptance hill climber that drives them.

mod lahc;
mod moves;

pub(crate) use lahc::{SearchLimits, run};
