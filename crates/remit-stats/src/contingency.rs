//! 2×2 and r×c contingency tables: Fisher's exact test and Pearson's chi-square.

use crate::dist;
use crate::error::{Result, StatsError};
use crate::hypergeom::Hypergeometric;

/// The direction of a hypothesis test.
///
/// The sign convention of each test says what "greater" means; for 2×2 tables it is
/// "the first row has the larger odds / proportion".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Alternative {
    /// Two-sided (the default everywhere).
    #[default]
    TwoSided,
    /// The statistic of interest is smaller than under the null.
    Less,
    /// The statistic of interest is greater than under the null.
    Greater,
}

/// A 2×2 table of counts laid out as
///
/// ```text
///            outcome  no outcome
/// group 1       a         b
/// group 2       c         d
/// ```
///
/// This is scipy's `[[a, b], [c, d]]` and statsmodels' `table[:, :, k]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Table2x2 {
    /// Group 1 with the outcome.
    pub a: u64,
    /// Group 1 without the outcome.
    pub b: u64,
    /// Group 2 with the outcome.
    pub c: u64,
    /// Group 2 without the outcome.
    pub d: u64,
}

impl Table2x2 {
    /// A table from its four cells `[[a, b], [c, d]]`.
    pub const fn new(a: u64, b: u64, c: u64, d: u64) -> Self {
        Self { a, b, c, d }
    }

    /// A table from successes and trials of two groups: `x1` of `n1`, `x2` of `n2`.
    ///
    /// # Errors
    /// [`StatsError::InvalidCount`] if successes exceed trials.
    pub fn from_groups(x1: u64, n1: u64, x2: u64, n2: u64) -> Result<Self> {
        if x1 > n1 {
            return Err(StatsError::InvalidCount {
                name: "x1",
                reason: format!("{x1} successes exceed {n1} trials"),
            });
        }
        if x2 > n2 {
            return Err(StatsError::InvalidCount {
                name: "x2",
                reason: format!("{x2} successes exceed {n2} trials"),
            });
        }
        Ok(Self::new(x1, n1 - x1, x2, n2 - x2))
    }

    /// Grand total `a + b + c + d` (saturating).
    pub fn total(&self) -> u64 {
        self.a
            .saturating_add(self.b)
            .saturating_add(self.c)
            .saturating_add(self.d)
    }

    /// Row sums `(a + b, c + d)`.
    pub fn row_sums(&self) -> (u64, u64) {
        (self.a.saturating_add(self.b), self.c.saturating_add(self.d))
    }

    /// Column sums `(a + c, b + d)`.
    pub fn col_sums(&self) -> (u64, u64) {
        (self.a.saturating_add(self.c), self.b.saturating_add(self.d))
    }

    /// True if some row or column sums to zero (the table carries no information
    /// about association).
    pub fn has_zero_margin(&self) -> bool {
        let (r1, r2) = self.row_sums();
        let (c1, c2) = self.col_sums();
        r1 == 0 || r2 == 0 || c1 == 0 || c2 == 0
    }

    /// Sample odds ratio `a d / (b c)` (infinite when `b c = 0 < a d`, NaN when both are 0).
    pub fn odds_ratio(&self) -> f64 {
        (self.a as f64 * self.d as f64) / (self.b as f64 * self.c as f64)
    }

    /// Adds another table cell by cell (merge of shards; saturating).
    pub fn merge(&mut self, other: &Self) {
        self.a = self.a.saturating_add(other.a);
        self.b = self.b.saturating_add(other.b);
        self.c = self.c.saturating_add(other.c);
        self.d = self.d.saturating_add(other.d);
    }

    fn check_total(&self) -> Result<()> {
        let sum = (self.a as u128) + (self.b as u128) + (self.c as u128) + (self.d as u128);
        if sum > (1u128 << 53) {
            return Err(StatsError::InvalidCount {
                name: "table",
                reason: format!("total {sum} exceeds 2^53"),
            });
        }
        Ok(())
    }
}

/// Result of [`fisher_exact`].
///
/// Convention (scipy 1.17 `scipy.stats.fisher_exact`): `odds_ratio` is the sample
/// (unconditional) odds ratio `a d / (b c)`, infinite if `b c = 0`; the two-sided
/// p-value sums the probabilities of all tables with the observed margins whose
/// probability is at most the observed table's times `1 + 1e-14`; "less" is
/// `P(X <= a)` and "greater" `P(X >= a)` under the hypergeometric null.
/// A table with a zero row or column gives `odds_ratio = NaN` and `p_value = 1`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct FisherExact {
    /// Sample odds ratio `a d / (b c)`.
    pub odds_ratio: f64,
    /// Exact p-value for the chosen alternative.
    pub p_value: f64,
}

/// Fisher's exact test of independence in a 2×2 table.
///
/// Exact for margins in the millions: probabilities are computed in log space
/// (Loader's saddle-point hypergeometric) and tail sums walk outward from the
/// observed table only as far as terms matter, so the cost does not grow with the
/// table total.
///
/// ```
/// use remit_stats::{fisher_exact, Alternative, Table2x2};
/// // scipy.stats.fisher_exact([[8, 2], [1, 5]]) -> (20.0, 0.0349650...)
/// let r = fisher_exact(&Table2x2::new(8, 2, 1, 5), Alternative::TwoSided)?;
/// assert!((r.p_value - 0.034_965_034_965_035).abs() < 1e-12);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::InvalidCount`] if the total exceeds 2^53.
pub fn fisher_exact(table: &Table2x2, alternative: Alternative) -> Result<FisherExact> {
    table.check_total()?;
    if table.has_zero_margin() {
        return Ok(FisherExact {
            odds_ratio: f64::NAN,
            p_value: 1.0,
        });
    }
    let Table2x2 { a, b, c, d } = *table;
    let odds_ratio = if c > 0 && b > 0 {
        (a as f64 * d as f64) / (c as f64 * b as f64)
    } else {
        f64::INFINITY
    };
    let n1 = a + b;
    let n2 = c + d;
    let n = a + c;
    let h = Hypergeometric::new(n1 + n2, n1, n).ok_or(StatsError::InvalidCount {
        name: "table",
        reason: "inconsistent margins".into(),
    })?;
    let p_value = match alternative {
        Alternative::Less => h.cdf(a),
        Alternative::Greater => {
            if a == 0 {
                1.0
            } else {
                h.sf(a - 1)
            }
        }
        Alternative::TwoSided => two_sided(&h, a, n),
    };
    Ok(FisherExact {
        odds_ratio,
        p_value: p_value.clamp(0.0, 1.0),
    })
}

/// scipy's two-sided rule, step for step.
fn two_sided(h: &Hypergeometric, a: u64, n: u64) -> f64 {
    const EPSILON: f64 = 1e-14;
    let gamma = 1.0 + EPSILON;
    let mode = h.mode();
    let pexact = h.pmf(a);
    let pmode = h.pmf(mode);
    if (pexact - pmode).abs() / pexact.max(pmode) <= EPSILON {
        return 1.0;
    }
    if a < mode {
        let plower = h.cdf(a);
        if h.pmf(n) > pexact * gamma {
            return plower;
        }
        // Largest x in [mode, n] with pmf(x) >= pexact * gamma.
        let guess = binary_search(|x| -h.pmf(x), -pexact * gamma, mode, n);
        plower + sf_signed(h, guess)
    } else {
        let pupper = if a == 0 { 1.0 } else { h.sf(a - 1) };
        if h.pmf(0) > pexact * gamma {
            return pupper;
        }
        let guess = binary_search(|x| h.pmf(x), pexact * gamma, 0, mode);
        pupper + cdf_signed(h, guess)
    }
}

fn sf_signed(h: &Hypergeometric, x: i64) -> f64 {
    if x < 0 { 1.0 } else { h.sf(x as u64) }
}

fn cdf_signed(h: &Hypergeometric, x: i64) -> f64 {
    if x < 0 { 0.0 } else { h.cdf(x as u64) }
}

/// scipy's `_binary_search_for_binom_tst`: the index `i` in `[lo, hi]` with
/// `f(i) <= d < f(i + 1)` for an ascending `f` (may return `lo - 1`).
fn binary_search(f: impl Fn(u64) -> f64, d: f64, lo: u64, hi: u64) -> i64 {
    let (mut lo, mut hi) = (lo as i64, hi as i64);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let midval = f(mid.max(0) as u64);
        if midval < d {
            lo = mid + 1;
        } else if midval > d {
            hi = mid - 1;
        } else {
            return mid;
        }
    }
    if f(lo.max(0) as u64) <= d { lo } else { lo - 1 }
}

/// An r×c table of counts, stored row-major. Mergeable: tables of the same shape
/// built on shards add cell by cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawContingencyTable"))]
pub struct ContingencyTable {
    rows: usize,
    cols: usize,
    counts: Vec<u64>,
}

/// The serialised fields of a [`ContingencyTable`], checked by
/// [`ContingencyTable::zeros`] (at least one row and one column) and for one count per
/// cell on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawContingencyTable {
    rows: usize,
    cols: usize,
    counts: Vec<u64>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawContingencyTable> for ContingencyTable {
    type Error = StatsError;

    fn try_from(raw: RawContingencyTable) -> Result<Self> {
        let mut table = ContingencyTable::zeros(raw.rows, raw.cols)?;
        if raw.counts.len() != table.counts.len() {
            return Err(StatsError::LengthMismatch {
                name: "counts",
                expected: table.counts.len(),
                got: raw.counts.len(),
            });
        }
        table.counts = raw.counts;
        Ok(table)
    }
}

impl ContingencyTable {
    /// An all-zero table with `rows` rows and `cols` columns.
    ///
    /// # Errors
    /// [`StatsError::TooFew`] if either dimension is zero.
    pub fn zeros(rows: usize, cols: usize) -> Result<Self> {
        if rows == 0 {
            return Err(StatsError::TooFew {
                name: "rows",
                needed: 1,
                got: 0,
            });
        }
        if cols == 0 {
            return Err(StatsError::TooFew {
                name: "cols",
                needed: 1,
                got: 0,
            });
        }
        let len = rows.checked_mul(cols).ok_or(StatsError::OutOfRange {
            name: "rows",
            value: rows as f64,
            range: "rows * cols <= usize::MAX",
        })?;
        Ok(Self {
            rows,
            cols,
            counts: vec![0; len],
        })
    }

    /// A table from its rows; every row must have the same length.
    ///
    /// # Errors
    /// [`StatsError::TooFew`] for no rows or empty rows,
    /// [`StatsError::LengthMismatch`] for ragged rows.
    pub fn from_rows<R: AsRef<[u64]>>(rows: &[R]) -> Result<Self> {
        let first = rows.first().ok_or(StatsError::TooFew {
            name: "rows",
            needed: 1,
            got: 0,
        })?;
        let cols = first.as_ref().len();
        let mut t = Self::zeros(rows.len(), cols)?;
        for (i, r) in rows.iter().enumerate() {
            let r = r.as_ref();
            if r.len() != cols {
                return Err(StatsError::LengthMismatch {
                    name: "rows",
                    expected: cols,
                    got: r.len(),
                });
            }
            t.counts[i * cols..(i + 1) * cols].copy_from_slice(r);
        }
        Ok(t)
    }

    /// Number of rows `r` of the table (at least 1).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns `c` of the table (at least 1).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The count in row `r`, column `c` (`None` if out of range).
    pub fn get(&self, r: usize, c: usize) -> Option<u64> {
        if r < self.rows && c < self.cols {
            self.counts.get(r * self.cols + c).copied()
        } else {
            None
        }
    }

    /// All `r × c` counts, row-major: the count in row `i`, column `j` is at index `i *
    /// cols() + j`.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Adds one observation to cell `(r, c)` (saturating).
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] if the cell does not exist.
    pub fn add(&mut self, r: usize, c: usize) -> Result<()> {
        self.add_count(r, c, 1)
    }

    /// Adds `count` observations to cell `(r, c)` (saturating).
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] if the cell does not exist.
    pub fn add_count(&mut self, r: usize, c: usize, count: u64) -> Result<()> {
        if r >= self.rows {
            return Err(StatsError::OutOfRange {
                name: "row",
                value: r as f64,
                range: "0..rows",
            });
        }
        if c >= self.cols {
            return Err(StatsError::OutOfRange {
                name: "col",
                value: c as f64,
                range: "0..cols",
            });
        }
        if let Some(cell) = self.counts.get_mut(r * self.cols + c) {
            *cell = cell.saturating_add(count);
        }
        Ok(())
    }

    /// Adds another table of the same shape cell by cell.
    ///
    /// # Errors
    /// [`StatsError::ShapeMismatch`] if the shapes differ.
    pub fn merge(&mut self, other: &Self) -> Result<()> {
        if self.rows != other.rows || self.cols != other.cols {
            return Err(StatsError::ShapeMismatch {
                name: "ContingencyTable",
                left: format!("{}x{}", self.rows, self.cols),
                right: format!("{}x{}", other.rows, other.cols),
            });
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a = a.saturating_add(*b);
        }
        Ok(())
    }

    /// The 2×2 view of a 2×2 table (`None` for other shapes).
    pub fn as_2x2(&self) -> Option<Table2x2> {
        match (self.rows, self.cols, self.counts.as_slice()) {
            (2, 2, [a, b, c, d]) => Some(Table2x2::new(*a, *b, *c, *d)),
            _ => None,
        }
    }
}

impl From<Table2x2> for ContingencyTable {
    fn from(t: Table2x2) -> Self {
        Self {
            rows: 2,
            cols: 2,
            counts: vec![t.a, t.b, t.c, t.d],
        }
    }
}

/// Continuity correction for the 2×2 chi-square test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Continuity {
    /// Yates' correction, applied only when the table has one degree of freedom
    /// (scipy `chi2_contingency(correction=True)`, the scipy default and ours).
    #[default]
    Yates,
    /// No correction: the plain Pearson statistic (scipy `correction=False`).
    None,
}

/// Result of [`chi_square_independence`].
///
/// Convention (scipy `chi2_contingency`): expected counts are `row_i col_j / n`;
/// with [`Continuity::Yates`] and one degree of freedom each observed count moves
/// toward its expected count by `min(0.5, |O - E|)`; the p-value is the chi-square
/// upper tail with `(r - 1)(c - 1)` degrees of freedom.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ChiSquareTest {
    /// Pearson's chi-square statistic `Σ (O − E)² / E` over all cells (≥ 0),
    /// Yates-corrected when asked and `df` is 1.
    pub statistic: f64,
    /// Upper-tail probability of `statistic` under chi-square with `df` degrees of freedom,
    /// in [0, 1]; small values are evidence against independence.
    pub p_value: f64,
    /// Degrees of freedom `(r - 1)(c - 1)`.
    pub df: usize,
    /// Expected counts under independence, row-major.
    pub expected: Vec<f64>,
    /// Whether Yates' correction was applied (only possible when `df == 1`).
    pub yates_applied: bool,
}

/// Pearson's chi-square test of independence for an r×c table.
///
/// ```
/// use remit_stats::{chi_square_independence, Continuity, ContingencyTable};
/// let t = ContingencyTable::from_rows(&[[10u64, 20, 30], [20, 20, 10]])?;
/// let r = chi_square_independence(&t, Continuity::Yates)?;
/// assert_eq!(r.df, 2);
/// assert!(r.p_value < 0.01);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::Degenerate`] if a row or column sums to zero (scipy raises:
/// some expected count is zero).
pub fn chi_square_independence(
    table: &ContingencyTable,
    continuity: Continuity,
) -> Result<ChiSquareTest> {
    let (r, c) = (table.rows, table.cols);
    let mut row = vec![0f64; r];
    let mut col = vec![0f64; c];
    for (i, ri) in row.iter_mut().enumerate() {
        for (j, cj) in col.iter_mut().enumerate() {
            let v = table.counts.get(i * c + j).copied().unwrap_or(0) as f64;
            *ri += v;
            *cj += v;
        }
    }
    let n: f64 = row.iter().sum();
    if let Some(i) = row.iter().position(|&v| v == 0.0) {
        return Err(StatsError::Degenerate {
            name: "table",
            reason: format!("row {i} sums to zero"),
        });
    }
    if let Some(j) = col.iter().position(|&v| v == 0.0) {
        return Err(StatsError::Degenerate {
            name: "table",
            reason: format!("column {j} sums to zero"),
        });
    }
    let df = (r - 1) * (c - 1);
    let yates = df == 1 && continuity == Continuity::Yates;
    let mut expected = Vec::with_capacity(r * c);
    let mut stat = 0.0;
    for (i, ri) in row.iter().enumerate() {
        for (j, cj) in col.iter().enumerate() {
            let e = ri * cj / n;
            let mut o = table.counts.get(i * c + j).copied().unwrap_or(0) as f64;
            if yates {
                let diff = e - o;
                o += diff.abs().min(0.5) * diff.signum() * f64::from(u8::from(diff != 0.0));
            }
            stat += (o - e) * (o - e) / e;
            expected.push(e);
        }
    }
    let p_value = if df == 0 {
        1.0
    } else {
        dist::chi2_sf(stat, df as f64)
    };
    Ok(ChiSquareTest {
        statistic: stat,
        p_value,
        df,
        expected,
        yates_applied: yates,
    })
}
