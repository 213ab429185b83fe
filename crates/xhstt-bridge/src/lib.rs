//! The meeting point of the engine and XHSTT: compiles XHSTT instances into solver models,
//! turns solver solutions back into XHSTT solutions, and holds the library side of the
//! `bischeduler xhstt` commands. `solver` and `xhstt` never see each other; the evaluator in
//! `xhstt` stays an independent check of the solver's own cost.

mod bench;
mod compile;
mod convert;
mod error;
mod run;

pub use bench::{BenchRow, bench_one, format_table, peak_rss_kb, reset_peak_rss, summary, to_tsv};
pub use compile::compile;
pub use convert::{from_xhstt, to_xhstt};
pub use error::BridgeError;
pub use run::{
    SolveOutcome, TimeLimit, eval_lines, list_instances, parse_best_known, read_archive_file,
    read_instance_file, solve_instance,
};
