//! `fet_trace FILE.fet [SECONDS] [THREADS] [SEED]`: every new best of `fet solve` on stderr
//! (seconds, moves, hard, soft), to see where the time to a first feasible timetable goes.

use app::fet::{FetSolveParams, solve_fet};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize, d: &str| args.get(i).cloned().unwrap_or_else(|| d.to_string());
    let text = std::fs::read_to_string(arg(1, ""))?;
    if std::env::var_os("FET_PHASES").is_some() {
        phases(&text)?;
    }
    let params = FetSolveParams {
        time_limit_s: arg(2, "5").parse()?,
        threads: arg(3, "1").parse()?,
        seed: arg(4, "1").parse()?,
        until_feasible: true,
        max_iterations: None,
    };
    let solved = solve_fet(&text, &params, &|p| {
        eprintln!(
            "{:8.4} s {:>10} moves  hard {:>6} soft {:>8}",
            p.elapsed_secs, p.iterations, p.cost.hard, p.cost.soft
        )
    })?;
    let t = &solved.timings;
    eprintln!(
        "parse {:.4} map {:.4} compile {:.4}; first feasible {:?}",
        t.parse_s, t.map_s, t.compile_s, solved.first_feasible_seconds
    );
    Ok(())
}

/// The steps before the search, each timed on its own (`FET_PHASES=1`): where the seconds of a
/// small file go.
fn phases(text: &str) -> Result<(), Box<dyn std::error::Error>> {
    let t = std::time::Instant::now();
    let fet = interchange::fet::read_fet(text)?;
    let read = t.elapsed().as_secs_f64();
    let (school, _) = interchange::fet::fet_to_school(&fet)?;
    let map = t.elapsed().as_secs_f64();
    let _ = school.validate();
    let validate = t.elapsed().as_secs_f64();
    let compiled = scheduling::compile(&school, None)?;
    let compile = t.elapsed().as_secs_f64();
    drop(compiled);
    eprintln!(
        "phases: read {:.4} map (validate included) {:.4} validate {:.4} compile (validate included) {:.4}",
        read,
        map - read,
        validate - map,
        compile - validate
    );
    Ok(())
}
