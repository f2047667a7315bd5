//! Privacy by construction: the disclosure guard every aggregate over people goes
//! through before it leaves a crate.
//!
//! # The rules
//!
//! 1. **Minimum group size** ([`MinGroupSize`], default 5, the reporting threshold of
//!    Glint, Qualtrics and Culture Amp; 10 for manager-facing reports, as Microsoft Viva
//!    Insights does). A cell counting between 1 and `min − 1` people is *primarily
//!    suppressed*. A cell of zero people is published: it identifies nobody.
//! 2. **Complementary suppression** (the "remainder rule"). Publishing totals next to
//!    their parts lets a reader subtract: if a row total and all but one of its cells are
//!    published, the hidden cell is the difference. The guard suppresses further cells
//!    until no suppressed cell can be recovered exactly from what is published.
//!
//! For a one-way list of counts with a total ([`DisclosureGuard::protect_counts`]) the
//! rule is: never exactly one suppressed cell while the total is published.
//!
//! For a two-way table with row totals, column totals and a grand total
//! ([`DisclosureGuard::protect_table`]) the guard treats the table and its margins as one
//! system of linear equations. Write the margins with a minus sign; then every row and
//! every column of the extended table sums to zero, and the suppressed cells are the
//! unknowns. Seen as a graph whose vertices are the rows and columns and whose edges are
//! the suppressed cells, an unknown is determined exactly by the published values if and
//! only if its edge is a *bridge* (lies on no cycle). The guard therefore adds
//! complementary suppressions, smallest non-zero cells first, until no suppressed cell
//! is a bridge. Margins are protected like cells, so a row total under the minimum is
//! suppressed too. Tests check the guarantee by solving the equations.
//!
//! # What the guard does not cover
//!
//! The guard protects one table at a time. Publishing *overlapping* tables (the same
//! people cut by department in one report and by manager in another) can still let a
//! reader difference two cohorts; domains that publish overlapping segments (wellbeing)
//! add their own differencing protection on top.
//!
//! ```
//! use remit_core::privacy::{Disclosed, DisclosureGuard, MinGroupSize};
//!
//! let guard = DisclosureGuard::new(MinGroupSize::DEFAULT);
//! let report = guard.protect_counts(vec![("DE", 40), ("PT", 3), ("IN", 25)])?;
//! assert_eq!(report.cell(&"PT"), Some(Disclosed::Suppressed(remit_core::privacy::Suppression::BelowMinimum)));
//! // PT alone would be total − DE − IN, so the smallest other cell goes too.
//! assert!(report.cell(&"IN").is_some_and(|c| c.is_suppressed()));
//! assert_eq!(report.cell(&"DE"), Some(Disclosed::Published(40)));
//! assert_eq!(report.total(), Disclosed::Published(68));
//! # Ok::<(), remit_core::privacy::PrivacyError>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

pub use crate::disclosure::{Disclosed, MinGroupSize, Suppression};

/// The guard could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PrivacyError {
    /// A minimum group size of zero was requested.
    #[error("minimum group size must be at least 1")]
    ZeroMinimum,
    /// The counts add up past `u64::MAX`.
    #[error("counts overflow when totalled")]
    CountOverflow,
    /// A saved [`ProtectedTable`] whose labels are out of order or whose values do not
    /// fill the table with its totals.
    #[error("protected table: {reason}")]
    MalformedTable {
        /// What is wrong with the table's shape.
        reason: String,
    },
    /// The same cell label appears twice.
    #[error("cell {label} appears more than once")]
    DuplicateCell {
        /// The repeated label, as text.
        label: String,
    },
}

/// Applies the minimum group size and complementary suppression to counts of people.
///
/// See the [module documentation](self) for the rules and their guarantee.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DisclosureGuard {
    min_group_size: MinGroupSize,
}

impl DisclosureGuard {
    /// A guard with this minimum group size.
    pub const fn new(min_group_size: MinGroupSize) -> Self {
        Self { min_group_size }
    }

    /// The minimum group size.
    pub const fn min_group_size(&self) -> MinGroupSize {
        self.min_group_size
    }

    /// Whether a single count may be published on its own (zero, or at least the minimum).
    pub fn allows(&self, count: u64) -> bool {
        count == 0 || count >= u64::from(self.min_group_size.get())
    }

    /// Protects a one-way list of counts published with their total.
    ///
    /// Cells keep the order given. Labels must be distinct.
    pub fn protect_counts<K: Ord + Clone + fmt::Debug>(
        &self,
        cells: Vec<(K, u64)>,
    ) -> Result<ProtectedCounts<K>, PrivacyError> {
        let mut seen = BTreeMap::new();
        for (label, _) in &cells {
            if seen.insert(label.clone(), ()).is_some() {
                return Err(PrivacyError::DuplicateCell {
                    label: format!("{label:?}"),
                });
            }
        }
        let total = cells
            .iter()
            .try_fold(0u64, |acc, (_, c)| acc.checked_add(*c))
            .ok_or(PrivacyError::CountOverflow)?;
        let mut status: Vec<Option<Suppression>> = cells
            .iter()
            .map(|(_, c)| (!self.allows(*c)).then_some(Suppression::BelowMinimum))
            .collect();
        let mut total_status = (!self.allows(total)).then_some(Suppression::BelowMinimum);
        if total_status.is_none() && status.iter().filter(|s| s.is_some()).count() == 1 {
            let complement = cells
                .iter()
                .enumerate()
                .filter(|(i, _)| status[*i].is_none())
                .min_by_key(|(i, (_, c))| (*c == 0, *c, *i))
                .map(|(i, _)| i);
            match complement {
                Some(i) => status[i] = Some(Suppression::Complementary),
                None => total_status = Some(Suppression::Complementary),
            }
        }
        Ok(ProtectedCounts {
            cells: cells
                .into_iter()
                .zip(status)
                .map(|((label, count), s)| (label, disclose(count, s)))
                .collect(),
            total: disclose(total, total_status),
        })
    }

    /// Protects a two-way table of counts published with its row totals, column totals
    /// and grand total.
    pub fn protect_table<R, C>(
        &self,
        table: &CountTable<R, C>,
    ) -> Result<ProtectedTable<R, C>, PrivacyError>
    where
        R: Ord + Clone,
        C: Ord + Clone,
    {
        let extended = table.extended()?;
        let status = suppress_extended(
            &extended,
            table.rows.len() + 1,
            table.cols.len() + 1,
            self.min_group_size,
        );
        Ok(ProtectedTable {
            rows: table.rows.clone(),
            cols: table.cols.clone(),
            values: extended
                .iter()
                .zip(status)
                .map(|(&v, s)| disclose(v, s))
                .collect(),
        })
    }
}

fn disclose(value: u64, status: Option<Suppression>) -> Disclosed<u64> {
    match status {
        None => Disclosed::Published(value),
        Some(s) => Disclosed::Suppressed(s),
    }
}

/// A protected one-way list of counts and its total; see
/// [`DisclosureGuard::protect_counts`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "RawProtectedCounts<K>",
        bound(deserialize = "K: serde::Deserialize<'de> + Ord + fmt::Debug")
    )
)]
pub struct ProtectedCounts<K> {
    cells: Vec<(K, Disclosed<u64>)>,
    total: Disclosed<u64>,
}

/// The serialised fields of [`ProtectedCounts`]; on the way in the labels must be
/// distinct, as [`DisclosureGuard::protect_counts`] requires of its input.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawProtectedCounts<K> {
    cells: Vec<(K, Disclosed<u64>)>,
    total: Disclosed<u64>,
}

#[cfg(feature = "serde")]
impl<K: Ord + fmt::Debug> TryFrom<RawProtectedCounts<K>> for ProtectedCounts<K> {
    type Error = PrivacyError;

    fn try_from(raw: RawProtectedCounts<K>) -> Result<Self, Self::Error> {
        let mut seen = std::collections::BTreeSet::new();
        for (label, _) in &raw.cells {
            if !seen.insert(label) {
                return Err(PrivacyError::DuplicateCell {
                    label: format!("{label:?}"),
                });
            }
        }
        Ok(Self {
            cells: raw.cells,
            total: raw.total,
        })
    }
}

impl<K: PartialEq> ProtectedCounts<K> {
    /// The cells in the order given.
    pub fn cells(&self) -> &[(K, Disclosed<u64>)] {
        &self.cells
    }

    /// One cell, by label.
    pub fn cell(&self, label: &K) -> Option<Disclosed<u64>> {
        self.cells.iter().find(|(k, _)| k == label).map(|(_, c)| *c)
    }

    /// Whether the cell with this label is published (false for unknown labels).
    pub fn is_published(&self, label: &K) -> bool {
        self.cell(label).is_some_and(|c| !c.is_suppressed())
    }

    /// The total over all cells.
    pub fn total(&self) -> Disclosed<u64> {
        self.total
    }
}

/// A two-way table of counts, rows `R` by columns `C`, built cell by cell.
///
/// Rows and columns are kept sorted by label. Cells never added count zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountTable<R, C> {
    rows: Vec<R>,
    cols: Vec<C>,
    cells: BTreeMap<(usize, usize), u64>,
}

impl<R: Ord + Clone, C: Ord + Clone> CountTable<R, C> {
    /// A table with these row and column labels (sorted and deduplicated) and all
    /// counts zero.
    pub fn new(rows: impl IntoIterator<Item = R>, cols: impl IntoIterator<Item = C>) -> Self {
        let mut rows: Vec<R> = rows.into_iter().collect();
        rows.sort();
        rows.dedup();
        let mut cols: Vec<C> = cols.into_iter().collect();
        cols.sort();
        cols.dedup();
        Self {
            rows,
            cols,
            cells: BTreeMap::new(),
        }
    }

    /// Counts one person (or `n` people) in cell `(row, col)`, adding the labels if new.
    pub fn add(&mut self, row: R, col: C, n: u64) -> Result<(), PrivacyError> {
        let r = insert_sorted(&mut self.rows, row);
        let c = insert_sorted(&mut self.cols, col);
        if r.inserted || c.inserted {
            // Shift the stored cell indices past the inserted label.
            let cells = std::mem::take(&mut self.cells);
            self.cells = cells
                .into_iter()
                .map(|((i, j), v)| {
                    let i = if r.inserted && i >= r.index { i + 1 } else { i };
                    let j = if c.inserted && j >= c.index { j + 1 } else { j };
                    ((i, j), v)
                })
                .collect();
        }
        let cell = self.cells.entry((r.index, c.index)).or_insert(0);
        *cell = cell.checked_add(n).ok_or(PrivacyError::CountOverflow)?;
        Ok(())
    }

    /// The row labels, sorted.
    pub fn rows(&self) -> &[R] {
        &self.rows
    }

    /// The column labels, sorted.
    pub fn cols(&self) -> &[C] {
        &self.cols
    }

    /// The count in a cell (zero for unknown labels).
    pub fn get(&self, row: &R, col: &C) -> u64 {
        match (self.rows.binary_search(row), self.cols.binary_search(col)) {
            (Ok(i), Ok(j)) => self.cells.get(&(i, j)).copied().unwrap_or(0),
            _ => 0,
        }
    }

    /// The table with its margins as a row-major `(rows + 1) × (cols + 1)` array: the
    /// last column holds row totals, the last row column totals, the corner the grand
    /// total.
    fn extended(&self) -> Result<Vec<u64>, PrivacyError> {
        let (nr, nc) = (self.rows.len() + 1, self.cols.len() + 1);
        let mut ext = vec![0u64; nr * nc];
        for (&(i, j), &v) in &self.cells {
            for idx in [i * nc + j, i * nc + nc - 1, (nr - 1) * nc + j, nr * nc - 1] {
                ext[idx] = ext[idx].checked_add(v).ok_or(PrivacyError::CountOverflow)?;
            }
        }
        Ok(ext)
    }
}

struct Inserted {
    index: usize,
    inserted: bool,
}

fn insert_sorted<T: Ord>(labels: &mut Vec<T>, label: T) -> Inserted {
    match labels.binary_search(&label) {
        Ok(index) => Inserted {
            index,
            inserted: false,
        },
        Err(index) => {
            labels.insert(index, label);
            Inserted {
                index,
                inserted: true,
            }
        }
    }
}

/// A protected two-way table; see [`DisclosureGuard::protect_table`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "RawProtectedTable<R, C>",
        bound(deserialize = "R: serde::Deserialize<'de> + Ord + fmt::Debug, \
                             C: serde::Deserialize<'de> + Ord + fmt::Debug")
    )
)]
pub struct ProtectedTable<R, C> {
    rows: Vec<R>,
    cols: Vec<C>,
    /// Row-major `(rows + 1) × (cols + 1)`, margins last.
    values: Vec<Disclosed<u64>>,
}

/// The serialised fields of a [`ProtectedTable`]; on the way in the labels must be sorted
/// and distinct (look-ups are binary searches, as [`CountTable::new`] arranges) and the
/// values must fill the extended table, `(rows + 1) × (cols + 1)`.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawProtectedTable<R, C> {
    rows: Vec<R>,
    cols: Vec<C>,
    values: Vec<Disclosed<u64>>,
}

#[cfg(feature = "serde")]
impl<R: Ord + fmt::Debug, C: Ord + fmt::Debug> TryFrom<RawProtectedTable<R, C>>
    for ProtectedTable<R, C>
{
    type Error = PrivacyError;

    fn try_from(raw: RawProtectedTable<R, C>) -> Result<Self, Self::Error> {
        fn check_sorted<T: Ord + fmt::Debug>(labels: &[T]) -> Result<(), PrivacyError> {
            match labels.windows(2).find(|pair| pair[0] >= pair[1]) {
                Some([earlier, later]) if earlier == later => Err(PrivacyError::DuplicateCell {
                    label: format!("{earlier:?}"),
                }),
                Some([earlier, later]) => Err(PrivacyError::MalformedTable {
                    reason: format!("label {later:?} comes after {earlier:?}"),
                }),
                _ => Ok(()),
            }
        }
        check_sorted(&raw.rows)?;
        check_sorted(&raw.cols)?;
        let cells = (raw.rows.len() + 1).checked_mul(raw.cols.len() + 1);
        if cells != Some(raw.values.len()) {
            return Err(PrivacyError::MalformedTable {
                reason: format!(
                    "{} rows and {} columns need (rows + 1) × (columns + 1) values with the totals, got {}",
                    raw.rows.len(),
                    raw.cols.len(),
                    raw.values.len()
                ),
            });
        }
        Ok(Self {
            rows: raw.rows,
            cols: raw.cols,
            values: raw.values,
        })
    }
}

impl<R: Ord, C: Ord> ProtectedTable<R, C> {
    /// The row labels, sorted.
    pub fn rows(&self) -> &[R] {
        &self.rows
    }

    /// The column labels, sorted.
    pub fn cols(&self) -> &[C] {
        &self.cols
    }

    fn at(&self, i: usize, j: usize) -> Option<Disclosed<u64>> {
        self.values.get(i * (self.cols.len() + 1) + j).copied()
    }

    /// The cell `(row, col)`; `None` for unknown labels.
    pub fn cell(&self, row: &R, col: &C) -> Option<Disclosed<u64>> {
        let i = self.rows.binary_search(row).ok()?;
        let j = self.cols.binary_search(col).ok()?;
        self.at(i, j)
    }

    /// The total of a row; `None` for an unknown label.
    pub fn row_total(&self, row: &R) -> Option<Disclosed<u64>> {
        let i = self.rows.binary_search(row).ok()?;
        self.at(i, self.cols.len())
    }

    /// The total of a column; `None` for an unknown label.
    pub fn col_total(&self, col: &C) -> Option<Disclosed<u64>> {
        let j = self.cols.binary_search(col).ok()?;
        self.at(self.rows.len(), j)
    }

    /// The grand total.
    pub fn grand_total(&self) -> Disclosed<u64> {
        self.at(self.rows.len(), self.cols.len())
            .unwrap_or(Disclosed::Suppressed(Suppression::Complementary))
    }

    /// The extended table (cells plus margins, margins last) in row-major order.
    pub fn extended_values(&self) -> &[Disclosed<u64>] {
        &self.values
    }
}

/// Chooses the suppression pattern of an extended `nr × nc` table (margins included).
fn suppress_extended(
    ext: &[u64],
    nr: usize,
    nc: usize,
    min: MinGroupSize,
) -> Vec<Option<Suppression>> {
    let min = u64::from(min.get());
    let mut status: Vec<Option<Suppression>> = ext
        .iter()
        .map(|&v| (v > 0 && v < min).then_some(Suppression::BelowMinimum))
        .collect();
    // Each pass adds one suppression, so this ends after at most nr * nc passes.
    for _ in 0..ext.len() {
        let Some(cell) = next_complement(ext, &status, nr, nc) else {
            break;
        };
        if let Some(s) = status.get_mut(cell) {
            *s = Some(Suppression::Complementary);
        }
    }
    status
}

/// The next cell to suppress, or `None` when no suppressed cell is recoverable.
fn next_complement(
    ext: &[u64],
    status: &[Option<Suppression>],
    nr: usize,
    nc: usize,
) -> Option<usize> {
    let suppressed = |i: usize, j: usize| status[i * nc + j].is_some();
    let row_degree: Vec<usize> = (0..nr)
        .map(|i| (0..nc).filter(|&j| suppressed(i, j)).count())
        .collect();
    let col_degree: Vec<usize> = (0..nc)
        .map(|j| (0..nr).filter(|&i| suppressed(i, j)).count())
        .collect();
    // Cheapest first: prefer non-zero, small cells whose other line already hides a cell,
    // so new suppressions close cycles instead of opening new lines.
    let key = |i: usize, j: usize, other_degree: usize| {
        (
            ext[i * nc + j] == 0,
            other_degree == 0,
            ext[i * nc + j],
            i,
            j,
        )
    };

    if let Some(i) = (0..nr).find(|&i| row_degree[i] == 1) {
        return (0..nc)
            .filter(|&j| !suppressed(i, j))
            .min_by_key(|&j| key(i, j, col_degree[j]))
            .map(|j| i * nc + j);
    }
    if let Some(j) = (0..nc).find(|&j| col_degree[j] == 1) {
        return (0..nr)
            .filter(|&i| !suppressed(i, j))
            .min_by_key(|&i| key(i, j, row_degree[i]))
            .map(|i| i * nc + j);
    }

    // Vertices: rows 0..nr, columns nr..nr+nc; edges: suppressed cells.
    let mut adjacency: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nr + nc];
    for i in 0..nr {
        for j in 0..nc {
            if suppressed(i, j) {
                let edge = i * nc + j;
                adjacency[i].push((nr + j, edge));
                adjacency[nr + j].push((i, edge));
            }
        }
    }
    let bridge = find_bridge(&adjacency)?;
    let (bi, bj) = (bridge / nc, bridge % nc);
    // Split the bridge's component into the sides reachable from each end without it.
    let row_side = reachable_without(&adjacency, bi, bridge);
    let col_side = reachable_without(&adjacency, nr + bj, bridge);
    // A published cell joining the two sides puts the bridge on a cycle.
    let joining = (0..nr)
        .flat_map(|i| (0..nc).map(move |j| (i, j)))
        .filter(|&(i, j)| {
            !suppressed(i, j)
                && ((row_side[i] && col_side[nr + j]) || (col_side[i] && row_side[nr + j]))
        })
        .min_by_key(|&(i, j)| key(i, j, 1))
        .map(|(i, j)| i * nc + j);
    // Defensive: with every line holding two or more suppressions a joining cell always
    // exists; if it did not, hiding another cell of the bridge's row still makes progress.
    joining.or_else(|| (0..nc).find(|&j| !suppressed(bi, j)).map(|j| bi * nc + j))
}

/// The vertices reachable from `start` without crossing edge `excluded`.
fn reachable_without(
    adjacency: &[Vec<(usize, usize)>],
    start: usize,
    excluded: usize,
) -> Vec<bool> {
    let mut seen = vec![false; adjacency.len()];
    let mut stack = vec![start];
    if let Some(s) = seen.get_mut(start) {
        *s = true;
    }
    while let Some(v) = stack.pop() {
        for &(w, edge) in &adjacency[v] {
            if edge != excluded && !seen[w] {
                seen[w] = true;
                stack.push(w);
            }
        }
    }
    seen
}

/// Finds one bridge (an edge on no cycle) of an undirected graph given as adjacency lists
/// of `(neighbour, edge id)`; Tarjan's low-link method, iterative.
fn find_bridge(adjacency: &[Vec<(usize, usize)>]) -> Option<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = adjacency.len();
    let mut discovered = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut clock = 0usize;
    // (vertex, edge it was entered by, next adjacency position)
    let mut stack: Vec<(usize, usize, usize)> = Vec::new();
    for root in 0..n {
        if discovered[root] != UNSEEN || adjacency[root].is_empty() {
            continue;
        }
        discovered[root] = clock;
        low[root] = clock;
        clock += 1;
        stack.push((root, UNSEEN, 0));
        while let Some(top) = stack.len().checked_sub(1) {
            let (v, entered_by, next) = stack[top];
            if let Some(&(w, edge)) = adjacency[v].get(next) {
                stack[top].2 += 1;
                if edge == entered_by {
                    continue;
                }
                if discovered[w] == UNSEEN {
                    discovered[w] = clock;
                    low[w] = clock;
                    clock += 1;
                    stack.push((w, edge, 0));
                } else {
                    low[v] = low[v].min(discovered[w]);
                }
            } else {
                stack.pop();
                if let Some(&(parent, _, _)) = stack.last() {
                    low[parent] = low[parent].min(low[v]);
                    if low[v] > discovered[parent] {
                        return Some(entered_by);
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_small_cell_in_a_row_takes_a_partner() {
        let guard = DisclosureGuard::default();
        let mut t = CountTable::new(["a", "b"], ["x", "y", "z"]);
        for (r, c, n) in [
            ("a", "x", 20),
            ("a", "y", 3),
            ("a", "z", 30),
            ("b", "x", 25),
            ("b", "y", 40),
            ("b", "z", 35),
        ] {
            t.add(r, c, n).unwrap();
        }
        let p = guard.protect_table(&t).unwrap();
        assert_eq!(
            p.cell(&"a", &"y"),
            Some(Disclosed::Suppressed(Suppression::BelowMinimum))
        );
        let hidden = p
            .extended_values()
            .iter()
            .filter(|v| v.is_suppressed())
            .count();
        assert!(
            hidden >= 4,
            "a lone suppression needs a rectangle of partners, got {hidden}"
        );
        assert_eq!(p.grand_total(), Disclosed::Published(153));
    }

    #[test]
    fn bridges_are_found() {
        // Two triangles... in a bipartite setting: two 4-cycles joined by one edge.
        // rows 0,1 cols 2,3 cycle; rows 4,5 cols 6,7 cycle; bridge 1-6.
        let mut adj = vec![Vec::new(); 8];
        let mut e = 0;
        let mut link = |a: usize, b: usize, adj: &mut Vec<Vec<(usize, usize)>>| {
            adj[a].push((b, e));
            adj[b].push((a, e));
            e += 1;
        };
        for (a, b) in [
            (0, 2),
            (0, 3),
            (1, 2),
            (1, 3),
            (4, 6),
            (4, 7),
            (5, 6),
            (5, 7),
        ] {
            link(a, b, &mut adj);
        }
        assert_eq!(find_bridge(&adj), None);
        link(1, 6, &mut adj);
        assert_eq!(find_bridge(&adj), Some(8));
    }
}
