//! Rows grouped into the cells of a cut (work mode; work mode × stratum; work mode ×
//! attribute value): the member lists the disclosure engine decides on, and the
//! head-counts and promotions the contingency statistics read.

/// A head-count and the promotions in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    /// People.
    pub(crate) n: u64,
    /// People promoted.
    pub(crate) promoted: u64,
}

impl Counts {
    /// The share promoted; 0 for nobody.
    pub(crate) fn rate(self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.promoted as f64 / self.n as f64
        }
    }

    /// People not promoted.
    pub(crate) fn not_promoted(self) -> u64 {
        self.n.saturating_sub(self.promoted)
    }
}

/// The rows of a table grouped by a cell code (`0..cells`), each cell's rows ascending:
/// one flat array of row indices with an offset per cell, filled by a counting pass
/// and a placing pass.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cells {
    offsets: Vec<usize>,
    rows: Vec<u32>,
}

impl Cells {
    /// Groups rows by `code_of(row)`; rows whose code is `None` or `≥ cells` are in no
    /// cell. `code_of` is called twice per row.
    pub(crate) fn build(
        rows: usize,
        cells: usize,
        code_of: impl Fn(usize) -> Option<usize>,
    ) -> Self {
        let mut offsets = vec![0usize; cells + 1];
        for row in 0..rows {
            if let Some(slot) = code_of(row).and_then(|c| offsets.get_mut(c + 1)) {
                *slot += 1;
            }
        }
        for c in 1..offsets.len() {
            let before = offsets.get(c - 1).copied().unwrap_or(0);
            if let Some(slot) = offsets.get_mut(c) {
                *slot += before;
            }
        }
        let total = offsets.last().copied().unwrap_or(0);
        let mut next = offsets.clone();
        let mut placed = vec![0u32; total];
        for row in 0..rows {
            let Some(code) = code_of(row) else { continue };
            if let Some(at) = next.get_mut(code)
                && code < cells
                && let Some(slot) = placed.get_mut(*at)
            {
                *slot = u32::try_from(row).unwrap_or(u32::MAX);
                *at += 1;
            }
        }
        Self {
            offsets,
            rows: placed,
        }
    }

    /// The number of cells.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The rows of cell `code`, ascending (empty for an unknown code).
    pub(crate) fn cell(&self, code: usize) -> &[u32] {
        match (self.offsets.get(code), self.offsets.get(code + 1)) {
            (Some(&a), Some(&b)) => self.rows.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Every cell's rows, in code order.
    pub(crate) fn all(&self) -> Vec<&[u32]> {
        (0..self.len()).map(|c| self.cell(c)).collect()
    }

    /// Head-count and promotions of cell `code`.
    pub(crate) fn counts(&self, code: usize, promoted: &[bool]) -> Counts {
        let rows = self.cell(code);
        Counts {
            n: rows.len() as u64,
            promoted: rows
                .iter()
                .filter(|&&r| promoted.get(r as usize).copied().unwrap_or(false))
                .count() as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_land_in_their_cells_in_order() {
        let codes = [Some(2), None, Some(0), Some(2), Some(7), Some(0)];
        let cells = Cells::build(codes.len(), 3, |r| codes[r]);
        assert_eq!(cells.len(), 3);
        assert_eq!(cells.cell(0), &[2, 5]);
        assert_eq!(cells.cell(1), &[] as &[u32]);
        assert_eq!(cells.cell(2), &[0, 3]);
        assert_eq!(cells.cell(3), &[] as &[u32]);
        let promoted = [true, false, false, false, true, true];
        assert_eq!(cells.counts(0, &promoted), Counts { n: 2, promoted: 1 });
        assert_eq!(cells.counts(2, &promoted), Counts { n: 2, promoted: 1 });
    }
}
