//! Ways to split a duration into sub-event durations (integer partitions, largest part first).

/// Calls `visit` with each partition of `total` into parts (non-increasing), at most `limit`
/// partitions, fewest parts first within each largest part.
pub(crate) fn partitions(total: u32, limit: usize, visit: &mut dyn FnMut(&[u32])) {
    let mut parts = Vec::with_capacity(total as usize);
    let mut count = 0;
    recurse(total, total, &mut parts, &mut count, limit, visit);
}

fn recurse(
    rest: u32,
    max_part: u32,
    parts: &mut Vec<u32>,
    count: &mut usize,
    limit: usize,
    visit: &mut dyn FnMut(&[u32]),
) {
    if *count >= limit {
        return;
    }
    if rest == 0 {
        *count += 1;
        visit(parts);
        return;
    }
    for p in (1..=rest.min(max_part)).rev() {
        parts.push(p);
        recurse(rest - p, p, parts, count, limit, visit);
        parts.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_of_four() {
        let mut all = Vec::new();
        partitions(4, 100, &mut |p| all.push(p.to_vec()));
        assert_eq!(
            all,
            vec![
                vec![4],
                vec![3, 1],
                vec![2, 2],
                vec![2, 1, 1],
                vec![1, 1, 1, 1]
            ]
        );
    }

    #[test]
    fn partitions_respect_limit() {
        let mut n = 0;
        partitions(20, 10, &mut |_| n += 1);
        assert_eq!(n, 10);
    }
}
