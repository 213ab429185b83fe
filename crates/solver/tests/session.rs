//! Sessions on hand-built, XHSTT-like models: random change sequences where every tentative
//! change must leave the session untouched and cost exactly what a full evaluation of the
//! changed timetable costs (the `check-incremental` feature, on through the dev-dependency,
//! also cross-checks inside the engine); change errors; owning sessions.

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use solver::*;

mod common;

use common::{school, solve_steps};

fn random_change(s: &Session, rng: &mut SmallRng) -> Change {
    let m = s.model();
    let i = rng.gen_range(0..s.len());
    match rng.gen_range(0..4) {
        0 => Change::Swap {
            first: i,
            second: rng.gen_range(0..s.len()),
        },
        1 => Change::Assign {
            sub_event: i,
            role: 2,
            resource: rng
                .gen_bool(0.9)
                .then(|| ResourceId(rng.gen_range(0..m.num_resources() as u32))),
        },
        _ => {
            let dur = s.sub_event(i).expect("exists").duration as usize;
            let last = m.num_times() - dur;
            Change::Retime {
                sub_event: i,
                start: rng
                    .gen_bool(0.95)
                    .then(|| TimeId(rng.gen_range(0..=last as u32))),
            }
        }
    }
}

/// Random tentative and applied changes; each checked against a full evaluation.
fn random_walk(model: &Model, start: &Solution, seed: u64, steps: usize) {
    let mut rng = SmallRng::seed_from_u64(seed);
    let mut s = Session::new(model, start).expect("opens");
    assert_eq!(
        s.solution(),
        *start,
        "a session keeps the sub-events' order"
    );
    let mut legal_hard_moves = 0;
    for _ in 0..steps {
        let changes: Vec<Change> = (0..rng.gen_range(1..=2))
            .map(|_| random_change(&s, &mut rng))
            .collect();
        let (before_sol, before_eval) = (s.solution(), s.evaluation());
        let delta = match s.try_change(&changes) {
            Ok(d) => d,
            Err(SolverError::BadChange(_)) => {
                assert_eq!(s.solution(), before_sol, "a refused change changes nothing");
                continue;
            }
            Err(e) => panic!("unexpected error {e}"),
        };
        assert_eq!(s.solution(), before_sol, "try_change leaves the timetable");
        assert_eq!(s.evaluation(), before_eval, "try_change leaves the costs");
        let mut moved = s.clone();
        let applied = moved.apply(&changes).expect("applies what it tried");
        assert_eq!(applied, delta, "apply and try_change agree");
        let full = model.evaluate(&moved.solution()).expect("evaluates");
        assert_eq!(delta.after, full.cost, "incremental == full");
        assert_eq!(moved.evaluation(), full, "per-constraint costs == full");
        for c in &delta.constraints {
            assert_eq!(c.before, before_eval.by_constraint[c.constraint.index()]);
            assert_eq!(c.after, full.by_constraint[c.constraint.index()]);
            assert!(!c.points.is_empty());
        }
        let unchanged = (0..model.num_constraints())
            .filter(|&c| !delta.constraints.iter().any(|d| d.constraint.index() == c));
        for c in unchanged {
            assert_eq!(before_eval.by_constraint[c], full.by_constraint[c]);
        }
        if delta.hard() == 0 {
            legal_hard_moves += 1;
        }
        if rng.gen_bool(0.3) {
            s = moved;
        }
    }
    assert!(legal_hard_moves > 0, "the walk met some hard-neutral moves");
}

#[test]
fn random_changes_cost_what_full_evaluation_says() {
    for (seed, (days, periods, events)) in
        [(5, 6, 20), (3, 4, 12), (2, 8, 9)].into_iter().enumerate()
    {
        let model = school(days, periods, events, seed as u64, seed == 1);
        let start = solve_steps(&model, 2_000, None).solution;
        random_walk(&model, &start, seed as u64, 300);
    }
}

#[test]
fn unscheduled_timetables_are_costed_too() {
    let model = school(3, 5, 10, 7, false);
    let raw = Solution {
        sub_events: (0..model.num_events() as u32)
            .map(|e| SubEvent {
                event: EventId(e),
                start: None,
                duration: model.event(EventId(e)).duration,
                resources: vec![None; 3],
            })
            .collect(),
    };
    // The session fills in preassigned resources.
    let start = Session::new(&model, &raw).expect("opens").solution();
    assert!(start.sub_events.iter().all(|se| se.resources[0].is_some()));
    random_walk(&model, &start, 11, 200);
}

#[test]
fn bad_changes_are_refused_and_change_nothing() {
    let model = school(2, 4, 6, 3, false);
    let start = solve_steps(&model, 500, None).solution;
    let mut s = Session::new(&model, &start).expect("opens");
    let last = TimeId(model.num_times() as u32 - 1);
    let long = (0..s.len())
        .find(|&i| s.sub_event(i).unwrap().duration > 1)
        .expect("a long event");
    let bad = [
        Change::Retime {
            sub_event: 99,
            start: None,
        },
        Change::Retime {
            sub_event: long,
            start: Some(last),
        },
        Change::Assign {
            sub_event: 0,
            role: 0,
            resource: Some(ResourceId(0)),
        },
        Change::Assign {
            sub_event: 0,
            role: 7,
            resource: None,
        },
        Change::Assign {
            sub_event: 0,
            role: 2,
            resource: Some(ResourceId(999)),
        },
    ];
    for change in bad {
        // A good change first: the refusal must undo it as well.
        let good = Change::Retime {
            sub_event: 0,
            start: Some(TimeId(0)),
        };
        let r = s.apply(&[good, change]);
        assert!(
            matches!(r, Err(SolverError::BadChange(_))),
            "{change:?}: {r:?}"
        );
        assert_eq!(s.solution(), start);
        assert_eq!(s.cost(), model.evaluate(&start).unwrap().cost);
    }
}

#[test]
fn a_clash_names_the_clashing_resource() {
    let model = school(2, 4, 6, 5, false);
    let start = solve_steps(&model, 3_000, None).solution;
    let mut s = Session::new(&model, &start).expect("opens");
    assert_eq!(s.cost().hard, 0, "the small school solves");
    // Two sub-events of one class at the same time clash on that class.
    let n = s.len();
    let (i, j, delta) = (0..n)
        .flat_map(|i| (0..n).map(move |j| (i, j)))
        .filter(|&(i, j)| {
            i != j && start.sub_events[i].resources[1] == start.sub_events[j].resources[1]
        })
        .find_map(|(i, j)| {
            let change = Change::Retime {
                sub_event: i,
                start: start.sub_events[j].start,
            };
            s.try_change(&[change]).ok().map(|d| (i, j, d))
        })
        .expect("two sub-events of one class that can overlap");
    let clash = delta
        .hard_worsened()
        .find(|c| model.constraint(c.constraint).name == "clash")
        .unwrap_or_else(|| panic!("moving {i} onto {j} clashes"));
    let class = start.sub_events[i].resources[1];
    assert!(
        clash
            .points
            .iter()
            .any(|p| p.point.resource == class && p.after > p.before)
    );
    assert!(delta.hard() > 0);
}

struct Owned(Model);
impl AsRef<Model> for Owned {
    fn as_ref(&self) -> &Model {
        &self.0
    }
}

#[test]
fn an_owning_session_behaves_as_a_borrowed_one() {
    let model = school(5, 6, 20, 4, true);
    let start = solve_steps(&model, 1_000, None).solution;
    let mut borrowed = Session::new(&model, &start).unwrap();
    // The same model built again, owned by the session.
    let mut owned = OwningSession::new(Owned(school(5, 6, 20, 4, true)), &start).unwrap();
    let mut rng = SmallRng::seed_from_u64(1);
    for step in 0..200 {
        let change = random_change(&borrowed, &mut rng);
        let a = borrowed.try_change(&[change]);
        let b = owned.with(|s| s.try_change(&[change]));
        assert_eq!(a, b);
        if step % 4 == 0 && a.is_ok() {
            borrowed.apply(&[change]).unwrap();
            owned.with(|s| s.apply(&[change])).unwrap();
        }
        assert_eq!(owned.with(|s| s.solution()), borrowed.solution());
        assert_eq!(owned.with(|s| s.evaluation()), borrowed.evaluation());
    }
}
