//! Local search: the move neighbourhoods and the late acceptance hill climber that drives them.

mod cluster;
mod defects;
mod displace;
mod eject;
mod gap;
mod hard;
mod kempe;
mod lahc;
mod moves;
mod partialcol;
mod pool;
mod prefer;
mod prefer_room;
mod relate;
mod rematch;
mod rooms;
mod shed;
mod soft;
mod spread;
mod target;
#[cfg(test)]
mod test_states;
mod weights;

pub(crate) use lahc::{SearchLimits, run};
pub(crate) use moves::Neighbourhood;
pub(crate) use pool::Pool;
