//! Compressed rows: many short lists packed in two flat vectors, so the search reads them without
//! chasing pointers.

/// Rows of `u32` items.
#[derive(Clone, Debug, Default)]
pub(crate) struct Csr {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Csr {
    pub(crate) fn new() -> Self {
        Csr {
            offsets: vec![0],
            items: Vec::new(),
        }
    }

    /// Appends a row and returns its index.
    pub(crate) fn push_row<I: IntoIterator<Item = u32>>(&mut self, row: I) -> u32 {
        self.items.extend(row);
        self.offsets.push(self.items.len() as u32);
        (self.offsets.len() - 2) as u32
    }

    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub(crate) fn row(&self, i: u32) -> &[u32] {
        let i = i as usize;
        &self.items[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Builds rows from (row, item) pairs, keeping the order in which pairs arrive.
    pub(crate) fn from_pairs(rows: usize, pairs: &[(u32, u32)]) -> Self {
        let mut counts = vec![0u32; rows + 1];
        for &(r, _) in pairs {
            counts[r as usize + 1] += 1;
        }
        for i in 0..rows {
            counts[i + 1] += counts[i];
        }
        let mut fill = counts.clone();
        let mut items = vec![0u32; pairs.len()];
        for &(r, x) in pairs {
            items[fill[r as usize] as usize] = x;
            fill[r as usize] += 1;
        }
        Csr {
            offsets: counts,
            items,
        }
    }

    pub(crate) fn bytes(&self) -> usize {
        (self.offsets.len() + self.items.len()) * 4
    }
}

/// Fixed-size bit sets packed in one vector.
#[derive(Clone, Debug, Default)]
pub(crate) struct BitPool {
    words: Vec<u64>,
}

impl BitPool {
    /// Stores a set over `0..universe` and returns its offset.
    pub(crate) fn push<I: IntoIterator<Item = u32>>(&mut self, universe: u32, members: I) -> u32 {
        let off = self.words.len();
        self.words
            .resize(off + (universe as usize).div_ceil(64).max(1), 0);
        for m in members {
            self.words[off + (m as usize >> 6)] |= 1u64 << (m & 63);
        }
        off as u32
    }

    pub(crate) fn contains(&self, set: u32, member: u32) -> bool {
        (self.words[set as usize + (member as usize >> 6)] >> (member & 63)) & 1 == 1
    }

    pub(crate) fn bytes(&self) -> usize {
        self.words.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csr_rows_keep_pair_order() {
        let csr = Csr::from_pairs(3, &[(2, 7), (0, 1), (2, 5)]);
        assert_eq!(csr.row(0), &[1]);
        assert_eq!(csr.row(1), &[] as &[u32]);
        assert_eq!(csr.row(2), &[7, 5]);
    }

    #[test]
    fn bitpool_membership() {
        let mut pool = BitPool::default();
        let a = pool.push(100, [3, 70]);
        let b = pool.push(10, [1]);
        assert!(pool.contains(a, 70) && pool.contains(a, 3) && !pool.contains(a, 4));
        assert!(pool.contains(b, 1) && !pool.contains(b, 3));
    }
}
