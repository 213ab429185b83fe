//! `fet_trace FILE.fet [SECONDS] [THREADS] [SEED]`: every new best of `fet solve` on stderr
//! (seconds, moves, hard, soft), to see where the time to a first feasible timetable goes.

use app::fet::{FetSolveParams, solve_fet};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize, d: &str| args.get(i).cloned().unwrap_or_else(|| d.to_string());
    let text = std::fs::read_to_string(arg(1, ""))?;
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
