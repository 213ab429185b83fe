//! Diagnostics: solve one instance and sum the remaining cost per constraint, hard first:
//! `cargo run --release -p xhstt-bridge --example defects -- FILE SECS THREADS [SEED [MOVES [HISTORY]]]`
//! (MOVES: a per-thread move budget, to time the search in CPU seconds on a loaded machine).

use solver::SolveOptions;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("uso: defects ARCHIVO SEGUNDOS HILOS [SEMILLA [MOVIMIENTOS [HISTORIA]]]");
        std::process::exit(2);
    }
    let inst = xhstt_bridge::read_instance_file(Path::new(&args[0]))?;
    let clock = xhstt_bridge::TimeLimit::new(args[1].parse()?);
    let options = SolveOptions {
        threads: args[2].parse()?,
        seed: args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(1),
        max_iterations: args.get(4).map(|s| s.parse()).transpose()?,
        history: args.get(5).map(|s| s.parse()).transpose()?,
        ..SolveOptions::default()
    };
    // DEFECTS_TRACE=1 prints every new best (time, cost, moves of all threads) to stderr.
    let trace = std::env::var_os("DEFECTS_TRACE").is_some();
    let report = |p: &solver::Progress| {
        if trace {
            eprintln!("{:8.2}s {:?} {}", p.elapsed_secs, p.cost, p.iterations);
        }
    };
    let out = xhstt_bridge::solve_instance(&inst, &options, &clock, None, &report)?;
    let mut rows: Vec<_> = out
        .evaluation
        .per_constraint
        .iter()
        .filter(|c| c.cost > 0)
        .collect();
    rows.sort_by_key(|c| (!c.required, std::cmp::Reverse(c.cost)));
    for c in rows {
        println!(
            "{}\t{:?}\t{}\t{}\tpoints {}",
            if c.required { "hard" } else { "soft" },
            c.constraint_type,
            c.id,
            c.cost,
            c.deviations.len()
        );
    }
    println!(
        "total ({},{}) construction {:?} moves {}",
        out.evaluation.infeasibility,
        out.evaluation.objective,
        out.result.construction_cost,
        out.result.iterations
    );
    Ok(())
}
