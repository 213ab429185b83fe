//! A move aimed at a violated hard monitor, chosen by the monitor's kind. The clash moves, the
//! assignment re-timing and the moves for idle times, busy days and preferred times draw their
//! own defects; this one covers the kinds only the feasible phase aimed at before (a spread, a
//! link, an unavailable time) and relations. Without it such a defect is left to random moves
//! of one of its lessons, which land on the one right day only by luck: FI-PB-98 ended its
//! 60 s runs with a hard spread defect (two lessons of a course on one day) and nothing else.

use super::moves::Neighbourhood;
use super::target::violated_monitor;
use crate::model::monitor::MonitorKind;
use crate::state::State;
use rand::rngs::SmallRng;

impl Neighbourhood {
    /// False, state untouched, when no violated hard monitor of a kind handled here was drawn
    /// or its move found nothing to do.
    pub(super) fn fix_hard(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        let Some(mi) = violated_monitor(st, rng) else {
            return false;
        };
        match st.m.monitors[mi].kind {
            MonitorKind::Relate { .. } => self.fix_relation_at(st, mi, rng),
            MonitorKind::Spread { .. } => self.spread_at(st, mi, rng),
            MonitorKind::Link { .. } => self.link_at(st, mi, rng),
            MonitorKind::Unavailable { .. } => self.leave_unavailable_at(st, mi, rng),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::spec::{Constraint, ConstraintKind, CostFunction, EventSpec, SpreadLimit};
    use crate::model::{Model, ModelBuilder};
    use rand::SeedableRng;

    fn hard(kind: ConstraintKind) -> Constraint {
        Constraint {
            name: "c".into(),
            hard: true,
            weight: 1,
            cost_function: CostFunction::Linear,
            kind,
        }
    }

    /// Two days of `periods` times; two one-period events that may meet at most once a day.
    fn spread_model(periods: usize) -> Model {
        let mut b = ModelBuilder::new();
        let times: Vec<_> = (0..2 * periods)
            .map(|i| b.add_time(format!("t{i}")))
            .collect();
        let days: Vec<_> = (0..2)
            .map(|d| b.add_time_group(format!("d{d}"), times[d * periods..][..periods].to_vec()))
            .collect();
        let events: Vec<_> = (0..2)
            .map(|i| b.add_event(EventSpec::new(format!("e{i}"), 1)))
            .collect();
        b.add_constraint(hard(ConstraintKind::AssignTime {
            events: events.clone(),
        }));
        b.add_constraint(hard(ConstraintKind::SpreadEvents {
            event_groups: vec![events],
            limits: days
                .iter()
                .map(|&time_group| SpreadLimit {
                    time_group,
                    min: 0,
                    max: 1,
                })
                .collect(),
        }));
        b.build().expect("valid model")
    }

    /// A hard spread defect (both lessons on the first day) is repaired in one move, with the
    /// incremental cost checked against a full evaluation: a random time would miss the one
    /// free day most of the time.
    #[test]
    fn a_hard_spread_defect_is_repaired_in_one_move() {
        let m = spread_model(6);
        for seed in 0..20 {
            let mut st = State::new(&m);
            st.check = true;
            st.begin();
            let (a, b) = (m.slots(0).start, m.slots(1).start);
            st.set_slot(a, 0, 1);
            st.set_slot(b, 1, 1);
            assert_eq!(st.evaluate().hard, 1);
            let mut hood = Neighbourhood::new(&m);
            let mut rng = SmallRng::seed_from_u64(seed);
            assert!(hood.fix_hard(&mut st, &mut rng), "seed {seed}");
            assert_eq!(st.evaluate().hard, 0, "seed {seed}");
        }
    }
}
