//! Solve one instance and print the evaluator's per-constraint costs:
//! `cargo run --release -p xhstt-bridge --example solve -- FILE SECS THREADS [SEED [HISTORY]]`.

use solver::SolveOptions;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("uso: solve ARCHIVO SEGUNDOS HILOS [SEMILLA]");
        std::process::exit(2);
    }
    let inst = xhstt_bridge::read_instance_file(Path::new(&args[0]))?;
    let seed = args.get(3).map_or(Ok(1), |s| s.parse())?;
    let history = args.get(4).map(|h| h.parse()).transpose()?;
    let options = SolveOptions {
        threads: args[2].parse()?,
        seed,
        history,
        ..SolveOptions::default()
    };
    let clock = xhstt_bridge::TimeLimit::new(args[1].parse()?);
    let report =
        |p: &solver::Progress| eprintln!("{:8.2}s {:?} {}", p.elapsed_secs, p.cost, p.iterations);
    let out = xhstt_bridge::solve_instance(&inst, &options, &clock, None, &report)?;
    eprintln!("construcción: {:?}", out.result.construction_cost);
    for line in xhstt_bridge::eval_lines(&out.archive, true) {
        println!("{line}");
    }
    Ok(())
}
