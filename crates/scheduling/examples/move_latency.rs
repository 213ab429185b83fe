//! Move-check latency as the editor sees it: solves a demo school briefly, opens the timetable
//! in a `MoveChecker` and times 10,000 random checks (nine in ten a block to a random day and
//! period, one in ten a swap of two blocks; every hundredth legal one is applied):
//! `cargo run --release -p scheduling --example move_latency -- SECTIONS TEACHERS SECONDS`.

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use scheduling::{DemoSpec, Move, MoveChecker, compile, demo_school};
use solver::{SolveOptions, Termination, solve};
use std::time::Instant;

struct Clock {
    start: Instant,
    limit: f64,
}

impl Termination for Clock {
    fn elapsed_secs(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }
    fn should_stop(&self) -> bool {
        self.elapsed_secs() >= self.limit
    }
}

fn main() {
    let args: Vec<f64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("números: secciones docentes segundos"))
        .collect();
    let arg = |i: usize, default: f64| args.get(i).copied().unwrap_or(default);
    let spec = DemoSpec {
        sections: arg(0, DemoSpec::default().sections as f64) as u32,
        teachers: arg(1, DemoSpec::default().teachers as f64) as u32,
        ..DemoSpec::default()
    };
    let school = demo_school(&spec);
    let compiled = compile(&school, None).expect("compila");
    let clock = Clock {
        start: Instant::now(),
        limit: arg(2, 2.0),
    };
    let result = solve(
        &compiled.model,
        &SolveOptions::default(),
        &clock,
        None,
        &|_| {},
    );
    let placements = compiled.decode(&result.solution, 1);
    let grid = &school.time_grids[0].data;
    let periods: Vec<u8> = grid.lesson_periods().map(|p| p.number).collect();
    let mut rng = SmallRng::seed_from_u64(7);
    let moves: Vec<Move> = (0..10_000)
        .map(|_| {
            let p = &placements[rng.gen_range(0..placements.len())];
            if rng.gen_bool(0.1) {
                let q = &placements[rng.gen_range(0..placements.len())];
                Move::Swap {
                    first: (p.lesson_id, p.unit),
                    second: (q.lesson_id, q.unit),
                }
            } else {
                Move::Place {
                    lesson_id: p.lesson_id,
                    unit: p.unit,
                    day: grid.days[rng.gen_range(0..grid.days.len())],
                    period: periods[rng.gen_range(0..periods.len())],
                    room_id: None,
                }
            }
        })
        .collect();
    println!(
        "{} secciones, {} docentes, {} bloques, costo {:?}",
        school.sections.len(),
        school.teachers.len(),
        placements.len(),
        result.cost
    );
    let t0 = Instant::now();
    let mut checker = MoveChecker::new(compiled, &placements).expect("editor");
    let open_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let checks = measure(&moves, |mv, apply| {
        if apply {
            checker.apply(mv)
        } else {
            checker.check(mv)
        }
    });
    report("MoveChecker", open_ms, &checks);
}

type Answer = Result<(bool, i64, i64, usize), String>;

/// Times each check; drops every hundredth legal move (as a user would) so that the
/// timetable changes along the way. Returns the latencies (ms) and the answers.
fn measure(
    moves: &[Move],
    mut check: impl FnMut(&Move, bool) -> Result<scheduling::MoveCheck, scheduling::SchedulingError>,
) -> (Vec<f64>, Vec<Answer>) {
    let mut times = Vec::with_capacity(moves.len());
    let mut answers = Vec::with_capacity(moves.len());
    for (i, mv) in moves.iter().enumerate() {
        let t = Instant::now();
        let c = check(mv, false);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        let answer = c
            .map(|c| (c.legal, c.hard_delta, c.soft_delta, c.hard_violations.len()))
            .map_err(|e| e.to_string());
        if i % 100 == 0 && answer.as_ref().is_ok_and(|a| a.0) {
            check(mv, true).expect("aplica");
        }
        answers.push(answer);
    }
    times.sort_by(f64::total_cmp);
    (times, answers)
}

fn report(what: &str, open_ms: f64, (times, answers): &(Vec<f64>, Vec<Answer>)) {
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    let legal = answers
        .iter()
        .filter(|a| a.as_ref().is_ok_and(|a| a.0))
        .count();
    let refused = answers.iter().filter(|a| a.is_err()).count();
    println!(
        "{what}: abrir {open_ms:.1} ms; {} consultas ({legal} legales, {refused} rechazadas): p50 {:.3} ms, p95 {:.3} ms, máx {:.3} ms",
        times.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
