//! Generates a demo school, compiles it and solves it against the clock, printing when the
//! best timetable improved:
//! `cargo run --release -p scheduling --example solve_demo -- SECTIONS TEACHERS SECONDS [SEED] [THREADS]`.

use scheduling::{DemoSpec, compile, demo_school};
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
        .map(|a| {
            a.parse()
                .expect("números: secciones docentes segundos [semilla] [hilos]")
        })
        .collect();
    let arg = |i: usize, default: f64| args.get(i).copied().unwrap_or(default);
    let spec = DemoSpec {
        sections: arg(0, 6.0) as u32,
        teachers: arg(1, 16.0) as u32,
        seed: 2025,
    };
    let t0 = Instant::now();
    let mut school = demo_school(&spec);
    // DISABLE=no_room_clash,section_no_gaps switches rules off, to see what makes a school hard.
    let disabled = std::env::var("DISABLE").unwrap_or_default();
    for rule in &mut school.rules {
        let kind = serde_json::to_value(rule.data.kind).unwrap();
        if disabled.split(',').any(|d| Some(d) == kind.as_str()) {
            rule.data.enabled = false;
        }
    }
    let compiled = compile(&school, None).expect("compila");
    let compile_ms = t0.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{} secciones, {} docentes, {} períodos de clase, {} eventos, {} restricciones, {} monitores; compilado en {compile_ms:.1} ms",
        school.sections.len(),
        school.teachers.len(),
        school.counts().lesson_periods,
        compiled.model.num_events(),
        compiled.model.num_constraints(),
        compiled.model.num_monitors()
    );
    let clock = Clock {
        start: Instant::now(),
        limit: arg(2, 10.0),
    };
    let options = SolveOptions {
        threads: arg(4, 1.0) as usize,
        seed: arg(3, 1.0) as u64,
        max_iterations: None,
        ..SolveOptions::default()
    };
    let first_zero = std::sync::Mutex::new(None);
    let result = solve(&compiled.model, &options, &clock, None, &|p| {
        let mut z = first_zero.lock().unwrap();
        if p.cost.hard == 0 && z.is_none() {
            *z = Some((p.elapsed_secs, p.iterations, p.cost.soft));
        }
    });
    println!("construcción: {:?}", result.construction_cost);
    if let Some((secs, its, soft)) = *first_zero.lock().unwrap() {
        println!("duro 0 a los {secs:.3} s ({its} movimientos), blando {soft}");
    } else {
        println!("sin llegar a duro 0");
    }
    println!(
        "final: {:?} tras {:.2} s, {} movimientos ({:.0}/s)",
        result.cost,
        result.elapsed_secs,
        result.iterations,
        result.iterations as f64 / result.elapsed_secs.max(1e-9)
    );
    let t1 = Instant::now();
    let report = compiled.report(&school, &result.solution).expect("informe");
    println!("informe en {:.1} ms", t1.elapsed().as_secs_f64() * 1000.0);
    for r in report.soft_by_rule.iter().take(8) {
        println!("  {:>6}  {}", r.cost, r.what);
    }
    let gaps: u32 = report.teachers.iter().map(|t| t.gaps_per_week).sum();
    let days: u32 = report.teachers.iter().map(|t| t.working_days).sum();
    println!("huecos docentes/semana: {gaps}; días de trabajo (suma): {days}");
    for v in report.hard_violations.iter().take(5) {
        println!("  DURO {} — {}: {:?}", v.what, v.who, v.places);
    }
    move_check_latency(&school, compiled, &result.solution);
}

/// Checks every block against every period of the week (as the editor does while dragging)
/// and prints the latency percentiles.
fn move_check_latency(
    school: &domain::SchoolData,
    compiled: scheduling::Compiled,
    solution: &solver::Solution,
) {
    let placements = compiled.decode(solution, 1);
    let grid = &school.time_grids[0].data;
    let checker = scheduling::MoveChecker::new(compiled, &placements).expect("editor");
    let mut times = Vec::new();
    for p in placements.iter().step_by(7) {
        for &day in &grid.days {
            for period in grid.lesson_periods().map(|x| x.number) {
                let mv = scheduling::Move::Place {
                    lesson_id: p.lesson_id,
                    unit: p.unit,
                    day,
                    period,
                    room_id: None,
                };
                let t = Instant::now();
                let _ = checker.check(&mv);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "comprobación de movimientos: {} consultas, p50 {:.2} ms, p95 {:.2} ms, máx {:.2} ms",
        times.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
