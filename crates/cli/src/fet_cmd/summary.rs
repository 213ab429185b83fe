//! The summary lines under `fet bench`'s table: the targets counted over the rows.
//!
//! It reads the TSV by column name, so it also summarises a TSV from an earlier or unfinished
//! bench (`fet bench-summary FILE.tsv`).

use std::fmt::Write as _;

/// The summary of a bench TSV (header line first), one finding per line.
pub(super) fn summarize(tsv: &str) -> String {
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let rows: Vec<Row> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| Row::read(&header, l))
        .collect();
    let fet_solved: Vec<&Row> = rows.iter().filter(|r| r.fet_ok).collect();
    let both_solved = fet_solved.iter().filter(|r| r.verified).count();
    let mut ratios: Vec<f64> = fet_solved
        .iter()
        .filter_map(|r| Some(r.ours_first_feasible_s? / r.fet_s?))
        .filter(|r| r.is_finite())
        .collect();
    ratios.sort_by(f64::total_cmp);
    let soft: Vec<(f64, f64)> = fet_solved
        .iter()
        .filter(|r| r.verified)
        .filter_map(|r| Some((r.ours_fet_soft?, r.fet_soft?)))
        .collect();
    let higher = soft.iter().filter(|(o, f)| o > f).count();
    let lower = soft.iter().filter(|(o, f)| o < f).count();
    let fet_unsolved = rows.len() - fet_solved.len();
    let we_only = rows.iter().filter(|r| !r.fet_ok && r.verified).count();
    let unsupported = rows.iter().filter(|r| r.unsupported).count();
    let from_cache = rows.iter().filter(|r| r.fet_cached).count();

    let mut out = String::new();
    let _ = writeln!(out, "archivos: {}", rows.len());
    let _ = writeln!(out, "FET resolvió: {} de {}", fet_solved.len(), rows.len());
    let _ = writeln!(
        out,
        "de esos, resueltos por nosotros y verificados por FET: {both_solved} de {}",
        fet_solved.len()
    );
    let _ = writeln!(
        out,
        "mediana de nuestro primer horario sin violación dura / tiempo de FET: {} ({} archivos con ambos tiempos)",
        median(&ratios).map_or("-".into(), |m| format!("{m:.3}")),
        ratios.len()
    );
    let _ = writeln!(
        out,
        "blando según FET, nuestro > el de FET: {higher} de {} comparados ({lower} menor, {} igual)",
        soft.len(),
        soft.len() - higher - lower
    );
    let _ = writeln!(
        out,
        "FET no resolvió: {fet_unsolved}; de esos, resueltos por nosotros y verificados: {we_only}"
    );
    let _ = writeln!(
        out,
        "archivos con restricciones no soportadas: {unsupported} de {}",
        rows.len()
    );
    let _ = writeln!(
        out,
        "resultado de FET tomado de la caché: {from_cache} de {}",
        rows.len()
    );
    out
}

/// The columns of one row that the summary needs.
struct Row {
    fet_ok: bool,
    fet_cached: bool,
    fet_s: Option<f64>,
    fet_soft: Option<f64>,
    verified: bool,
    ours_first_feasible_s: Option<f64>,
    ours_fet_soft: Option<f64>,
    unsupported: bool,
}

impl Row {
    fn read(header: &[&str], line: &str) -> Row {
        let cols: Vec<&str> = line.split('\t').collect();
        let col = |name: &str| {
            header
                .iter()
                .position(|h| *h == name)
                .and_then(|i| cols.get(i))
                .map_or("", |c| c.trim())
        };
        let num = |name: &str| col(name).parse::<f64>().ok();
        let unsupported = col("unsupported");
        Row {
            fet_ok: col("fet_ok") == "true",
            fet_cached: col("fet_cached") == "true",
            fet_s: num("fet_s"),
            fet_soft: num("fet_soft"),
            verified: col("ours_verified") == "true",
            ours_first_feasible_s: num("ours_first_feasible_s"),
            ours_fet_soft: num("ours_fet_soft"),
            // A failed solve leaves its error there, which is not an unsupported constraint.
            unsupported: !unsupported.is_empty() && !unsupported.starts_with("error:"),
        }
    }
}

fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "file\tfet_ok\tfet_s\tfet_soft\tfet_cached\tours_verified\t\
ours_first_feasible_s\tours_fet_soft\tunsupported";

    #[test]
    fn counts_the_targets_over_the_rows() {
        let tsv = format!(
            "{HEADER}\n\
             a.fet\ttrue\t10.00\t5.00\ttrue\ttrue\t1.00\t4.00\t\n\
             b.fet\ttrue\t20.00\t3.00\tfalse\ttrue\t4.00\t6.00\tX×2\n\
             c.fet\ttrue\t30.00\t1.00\tfalse\tfalse\t-\t-\t\n\
             d.fet\tfalse\t31.00\t-\tfalse\ttrue\t2.00\t7.00\t\n\
             e.fet\tfalse\t31.00\t-\tfalse\tfalse\t-\t-\terror: no se pudo leer\n"
        );
        let s = summarize(&tsv);
        for want in [
            "archivos: 5\n",
            "FET resolvió: 3 de 5\n",
            "verificados por FET: 2 de 3\n",
            // ratios 0.1 and 0.2
            "tiempo de FET: 0.150 (2 archivos con ambos tiempos)\n",
            "nuestro > el de FET: 1 de 2 comparados (1 menor, 0 igual)\n",
            "FET no resolvió: 2; de esos, resueltos por nosotros y verificados: 1\n",
            "no soportadas: 1 de 5\n",
            "caché: 1 de 5\n",
        ] {
            assert!(s.contains(want), "{want:?} not in\n{s}");
        }
    }

    #[test]
    fn an_empty_bench_has_no_median() {
        let s = summarize(&format!("{HEADER}\n"));
        assert!(s.contains("tiempo de FET: - (0 archivos"), "{s}");
    }
}
