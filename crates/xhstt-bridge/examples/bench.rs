//! Benchmark without the web stack: `cargo run --release -p xhstt-bridge --example bench --
//! SECS THREADS DIR [FILE_SUBSTRING...]`.

use solver::SolveOptions;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("uso: bench SEGUNDOS HILOS DIR [FILTRO...]");
        std::process::exit(2);
    }
    let (secs, threads, dir) = (
        args[0].parse::<f64>()?,
        args[1].parse::<usize>()?,
        Path::new(&args[2]),
    );
    let filters = &args[3..];
    let best = std::fs::read_to_string(dir.join("../best-known.tsv"))
        .map(|t| xhstt_bridge::parse_best_known(&t))
        .unwrap_or_default();
    let options = SolveOptions {
        threads,
        seed: 1,
        ..SolveOptions::default()
    };
    let mut rows = Vec::new();
    for path in xhstt_bridge::list_instances(dir)? {
        let name = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let row = xhstt_bridge::bench_one(&path, &options, secs, &best)?;
        eprint!(
            "{}",
            xhstt_bridge::format_table(std::slice::from_ref(&row))
                .lines()
                .nth(1)
                .unwrap_or("")
        );
        eprintln!();
        rows.push(row);
    }
    print!("{}", xhstt_bridge::format_table(&rows));
    Ok(())
}
