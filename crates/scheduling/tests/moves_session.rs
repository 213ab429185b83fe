//! The editor's incremental move checks on the compiled demo school: random moves answered by
//! `MoveChecker` (on the solver's incremental `Session`) exactly as full evaluations of the
//! moved timetable answer them, and the solver session under random changes with its
//! incremental == full cross-check switched on.

use domain::Placement;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use scheduling::{Compiled, DemoSpec, Move, MoveChecker, compile, demo_school};
use solver::{Change, NoDeadline, ResourceId, Session, SolveOptions, TimeId, solve};

fn solved_demo() -> (domain::SchoolData, Vec<domain::Placement>) {
    let school = demo_school(&DemoSpec::default());
    let compiled = compile(&school, None).unwrap();
    let options = SolveOptions {
        max_iterations: Some(30_000),
        ..SolveOptions::default()
    };
    let result = solve(&compiled.model, &options, &NoDeadline, None, &|_| {});
    (school, compiled.decode(&result.solution, 1))
}

fn random_move(
    school: &domain::SchoolData,
    placements: &[domain::Placement],
    rng: &mut SmallRng,
) -> Move {
    let grid = &school.time_grids[0].data;
    let periods: Vec<u8> = grid.lesson_periods().map(|p| p.number).collect();
    let p = &placements[rng.gen_range(0..placements.len())];
    if rng.gen_bool(0.15) {
        let q = &placements[rng.gen_range(0..placements.len())];
        Move::Swap {
            first: (p.lesson_id, p.unit),
            second: (q.lesson_id, q.unit),
        }
    } else {
        let room_id = rng
            .gen_bool(0.2)
            .then(|| school.rooms[rng.gen_range(0..school.rooms.len())].id);
        Move::Place {
            lesson_id: p.lesson_id,
            unit: p.unit,
            day: grid.days[rng.gen_range(0..grid.days.len())],
            period: periods[rng.gen_range(0..periods.len())],
            room_id,
        }
    }
}

/// The move done by hand on the placements, costed by full evaluations: (legal, hard delta,
/// soft delta) and the moved placements.
fn full_check(
    compiled: &Compiled,
    placements: &[Placement],
    mv: &Move,
) -> ((bool, i64, i64), Vec<Placement>) {
    let mut moved = placements.to_vec();
    let find = |ps: &[Placement], (l, u): (i64, u16)| {
        ps.iter()
            .position(|p| p.lesson_id == l && p.unit == u)
            .unwrap()
    };
    match *mv {
        Move::Place {
            lesson_id,
            unit,
            day,
            period,
            room_id,
        } => {
            let i = find(&moved, (lesson_id, unit));
            moved[i].day = day;
            moved[i].period = period;
            if room_id.is_some() {
                moved[i].room_id = room_id;
            }
        }
        Move::Swap { first, second } => {
            let (a, b) = (find(&moved, first), find(&moved, second));
            let (da, pa) = (moved[a].day, moved[a].period);
            (moved[a].day, moved[a].period) = (moved[b].day, moved[b].period);
            (moved[b].day, moved[b].period) = (da, pa);
        }
    }
    let eval = |ps: &[Placement]| compiled.evaluate(&compiled.encode(ps).unwrap()).unwrap();
    let (before, after) = (eval(placements), eval(&moved));
    let worse = (0..before.by_constraint.len())
        .any(|c| after.by_constraint[c].hard > before.by_constraint[c].hard);
    let d = (
        !worse,
        after.cost.hard - before.cost.hard,
        after.cost.soft - before.cost.soft,
    );
    (d, moved)
}

#[test]
fn incremental_checks_answer_as_full_evaluation() {
    let (school, placements) = solved_demo();
    let compiled = compile(&school, None).unwrap();
    let mut checker = MoveChecker::new(compile(&school, None).unwrap(), &placements).unwrap();
    let mut current = placements.clone();
    assert_eq!(
        checker.cost(),
        compiled
            .evaluate(&compiled.encode(&current).unwrap())
            .unwrap()
            .cost
    );
    let mut rng = SmallRng::seed_from_u64(3);
    let (mut legal, mut illegal, mut applied) = (0, 0, 0);
    for i in 0..600 {
        let mv = random_move(&school, &placements, &mut rng);
        let Ok(check) = checker.check(&mv) else {
            continue;
        };
        let (full, moved) = full_check(&compiled, &current, &mv);
        assert_eq!(
            (check.legal, check.hard_delta, check.soft_delta),
            full,
            "{mv:?}"
        );
        if check.legal {
            legal += 1;
        } else {
            illegal += 1;
            assert!(!check.hard_violations.is_empty());
            // Clashes say where.
            for v in &check.hard_violations {
                if v.what.starts_with("Sin choques") {
                    assert!(!v.places.is_empty(), "{v:?}");
                }
            }
        }
        // Drop some blocks, legal or not, as a user would.
        if i % 23 == 0 {
            let done = checker.apply(&mv).unwrap();
            assert_eq!(done, check);
            current = moved;
            applied += 1;
        }
    }
    assert!(
        legal > 5 && illegal > 5 && applied > 5,
        "{legal} {illegal} {applied}"
    );
    // The edited timetable is the one the moves describe, and costs what it costs.
    let key = |ps: &mut Vec<Placement>| ps.sort_by_key(|p| (p.lesson_id, p.unit));
    let (mut now, mut expected) = (checker.placements(1), current.clone());
    key(&mut now);
    key(&mut expected);
    let strip = |ps: &[Placement]| {
        ps.iter()
            .map(|p| (p.lesson_id, p.unit, p.day, p.period))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&now), strip(&expected));
    let eval = compiled.evaluate(&compiled.encode(&now).unwrap()).unwrap();
    assert_eq!(checker.cost(), eval.cost);
}

#[test]
fn a_check_leaves_the_timetable_as_it_was() {
    let (school, placements) = solved_demo();
    let checker = MoveChecker::new(compile(&school, None).unwrap(), &placements).unwrap();
    let (cost, before) = (checker.cost(), checker.placements(1));
    let mut rng = SmallRng::seed_from_u64(5);
    for _ in 0..200 {
        let _ = checker.check(&random_move(&school, &placements, &mut rng));
    }
    assert_eq!(checker.cost(), cost);
    assert_eq!(checker.placements(1), before);
}

#[test]
fn session_on_the_demo_school_matches_full_evaluation() {
    let (school, placements) = solved_demo();
    let compiled = compile(&school, None).unwrap();
    let start = compiled.encode(&placements).unwrap();
    let model = &compiled.model;
    let mut s = Session::new(model, &start).unwrap();
    s.set_check(true);
    let mut rng = SmallRng::seed_from_u64(9);
    for step in 0..150 {
        let i = rng.gen_range(0..s.len());
        let se = s.sub_event(i).unwrap();
        let change = match compiled.events[se.event.index()].room_role {
            Some(k) if compiled.events[se.event.index()].room_open && rng.gen_bool(0.3) => {
                Change::Assign {
                    sub_event: i,
                    role: k,
                    resource: Some(ResourceId(rng.gen_range(0..model.num_resources() as u32))),
                }
            }
            _ => Change::Retime {
                sub_event: i,
                start: Some(TimeId(
                    rng.gen_range(0..=(model.num_times() as u32 - se.duration)),
                )),
            },
        };
        let delta = s.try_change(&[change]).unwrap();
        let mut moved = s.clone();
        moved.apply(&[change]).unwrap();
        assert_eq!(delta.after, model.evaluate(&moved.solution()).unwrap().cost);
        if step % 3 == 0 {
            s = moved;
        }
    }
}
