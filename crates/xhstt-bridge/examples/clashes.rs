//! Diagnostics: solve briefly and list the points of the violated hard constraints:
//! `cargo run --release -p xhstt-bridge --example clashes -- FILE SECS [THREADS [SEED]]`.

use solver::SolveOptions;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let inst = xhstt_bridge::read_instance_file(Path::new(&args[0]))?;
    let clock = xhstt_bridge::TimeLimit::new(args[1].parse()?);
    let options = SolveOptions {
        threads: args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(1),
        seed: args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(0),
        ..SolveOptions::default()
    };
    let out = xhstt_bridge::solve_instance(&inst, &options, &clock, None, &|_| {})?;
    for cc in out
        .evaluation
        .per_constraint
        .iter()
        .filter(|c| c.required && c.cost > 0)
    {
        for d in cc.deviations.iter().take(8) {
            let what = match d.point {
                xhstt::Point::Resource(r) => {
                    let busy: Vec<String> = out.archive.solution_groups[0].solutions[0]
                        .events
                        .iter()
                        .filter(|se| {
                            let ev = inst.event(se.event);
                            ev.resources.iter().any(|er| er.resource == Some(r))
                                || se.resources.iter().any(|sr| sr.resource == r)
                        })
                        .map(|se| {
                            format!(
                                "{}@{:?}x{:?}",
                                inst.event(se.event).id,
                                se.time.map(|t| t.0),
                                se.duration
                            )
                        })
                        .collect();
                    format!(
                        "{} ({} sub-events): {}",
                        inst.resource(r).id,
                        busy.len(),
                        busy.join(" ")
                    )
                }
                p => format!("{p:?}"),
            };
            println!("{} dev {}: {what}", cc.id, d.deviation);
        }
    }
    Ok(())
}
