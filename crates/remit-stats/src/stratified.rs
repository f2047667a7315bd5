//! Stratified 2×2×K tables: Cochran–Mantel–Haenszel, the Mantel–Haenszel pooled
//! odds ratio with the Robins–Breslow–Greenland interval, and Breslow–Day.

use crate::contingency::Table2x2;
use crate::dist;
use crate::error::{Result, StatsError, check_open_unit};

/// A stratum left out of a stratified analysis, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SkippedStratum {
    /// Position of the stratum in the caller's input.
    pub index: usize,
    /// Why it carries no information.
    pub reason: SkipReason,
}

/// Why a stratum carries no information about the common odds ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum SkipReason {
    /// The stratum has fewer than two observations.
    TooSmall,
    /// One group (row) is empty.
    EmptyRow,
    /// Nobody, or everybody, has the outcome (a column is empty).
    EmptyColumn,
}

/// A set of 2×2 tables, one per stratum, with the uninformative strata removed
/// (and remembered).
///
/// A stratum is uninformative when it has a zero row or column margin (which
/// includes strata with fewer than two observations): it contributes nothing to
/// the Mantel–Haenszel sums and would make the statsmodels formulas divide zero by
/// zero. Such strata are listed in [`StratifiedTables::skipped`] rather than turned
/// into NaN. Every statistic here equals statsmodels `StratifiedTable` applied to
/// the informative strata.
///
/// ```
/// use remit_stats::{StratifiedTables, Table2x2};
/// let s = StratifiedTables::new(&[
///     Table2x2::new(10, 20, 5, 25),
///     Table2x2::new(0, 0, 3, 7), // no one from group 1 in this stratum
///     Table2x2::new(12, 18, 6, 24),
/// ])?;
/// assert_eq!(s.skipped().len(), 1);
/// let cmh = s.cochran_mantel_haenszel(true);
/// let or = s.mantel_haenszel_odds_ratio(0.95)?;
/// assert!(or.odds_ratio > 1.0 && cmh.p_value < 0.05);
/// let bd = s.breslow_day(false);
/// assert!(bd.p_value > 0.05);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawStratifiedTables"))]
pub struct StratifiedTables {
    tables: Vec<Table2x2>,
    kept: Vec<usize>,
    skipped: Vec<SkippedStratum>,
}

/// The serialised fields of [`StratifiedTables`], rebuilt by [`StratifiedTables::new`]
/// from the tables on the way in; the saved strata used and skipped must be the ones
/// `new` finds (a stratum with an empty margin cannot be marked as used).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawStratifiedTables {
    tables: Vec<Table2x2>,
    kept: Vec<usize>,
    skipped: Vec<SkippedStratum>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawStratifiedTables> for StratifiedTables {
    type Error = StatsError;

    fn try_from(raw: RawStratifiedTables) -> Result<Self> {
        let rebuilt = StratifiedTables::new(&raw.tables)?;
        if rebuilt.kept != raw.kept || rebuilt.skipped != raw.skipped {
            return Err(StatsError::InvalidCount {
                name: "kept",
                reason: format!(
                    "the strata used {:?} are not those with both margins filled, {:?}",
                    raw.kept, rebuilt.kept
                ),
            });
        }
        Ok(rebuilt)
    }
}

/// Result of the Cochran–Mantel–Haenszel test.
///
/// Convention (statsmodels `StratifiedTable.test_null_odds(correction)`):
/// `(|Σ a - Σ E[a]| - c)^2 / Σ Var[a]` with `c = 0.5` when corrected, `0`
/// otherwise, and `Var[a] = r1 r2 c1 c2 / (n^2 (n - 1))`; chi-square with 1 df.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CmhTest {
    /// The chi-square statistic (1 df).
    pub statistic: f64,
    /// Upper-tail probability of `statistic` under chi-square with 1 degree of freedom, in
    /// [0, 1]; small values are evidence that the common odds ratio differs from 1.
    pub p_value: f64,
    /// Whether the 0.5 continuity correction was applied.
    pub corrected: bool,
}

/// Mantel–Haenszel pooled odds ratio with its confidence interval.
///
/// Convention (statsmodels `StratifiedTable.oddsratio_pooled`,
/// `logodds_pooled_se`, `oddsratio_pooled_confint`): `OR = Σ(a d / n) / Σ(b c / n)`;
/// the standard error of `ln OR` is Robins–Breslow–Greenland; the interval is
/// `exp(ln OR ± z se)`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PooledOddsRatio {
    /// Mantel–Haenszel pooled odds ratio `Σ(a d / n) / Σ(b c / n)`, in [0, ∞]: the odds of
    /// the outcome in the first row relative to the second, common to all strata; 1 means
    /// no association.
    pub odds_ratio: f64,
    /// Robins–Breslow–Greenland standard error of `ln OR`.
    pub log_se: f64,
    /// Lower limit of the RBG interval for `odds_ratio` at the requested confidence level,
    /// `exp(ln OR − z log_se)` (≥ 0).
    pub lower: f64,
    /// Upper limit of the RBG interval for `odds_ratio` at the requested confidence level,
    /// `exp(ln OR + z log_se)` (≥ `lower`).
    pub upper: f64,
}

/// Result of the Breslow–Day test of a common odds ratio.
///
/// Convention (statsmodels `StratifiedTable.test_equal_odds(adjust)`): expected
/// `a` per stratum solves the quadratic at the Mantel–Haenszel odds ratio;
/// `Σ (a - E)^2 / Var`, minus Tarone's `(Σ a - Σ E)^2 / Σ Var` when adjusted;
/// chi-square with `K - 1` df over the informative strata.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct BreslowDayTest {
    /// The chi-square statistic `Σ (a − E)² / Var` (≥ 0; with Tarone's adjustment, minus
    /// Tarone's term), on `df` degrees of freedom.
    pub statistic: f64,
    /// Upper-tail p-value (1 when fewer than two informative strata).
    pub p_value: f64,
    /// Degrees of freedom (`K - 1`).
    pub df: usize,
    /// Whether Tarone's adjustment was applied.
    pub tarone: bool,
}

impl StratifiedTables {
    /// Builds the set, setting aside strata with a zero margin.
    ///
    /// # Errors
    /// [`StatsError::TooFew`] if no stratum is informative;
    /// [`StatsError::InvalidCount`] if a stratum's total exceeds 2^53.
    pub fn new(tables: &[Table2x2]) -> Result<Self> {
        let mut kept = Vec::new();
        let mut skipped = Vec::new();
        for (index, t) in tables.iter().enumerate() {
            let total = t.a as u128 + t.b as u128 + t.c as u128 + t.d as u128;
            if total > (1u128 << 53) {
                return Err(StatsError::InvalidCount {
                    name: "tables",
                    reason: format!("stratum {index} total {total} exceeds 2^53"),
                });
            }
            let (r1, r2) = t.row_sums();
            let (c1, c2) = t.col_sums();
            let reason = if total < 2 {
                Some(SkipReason::TooSmall)
            } else if r1 == 0 || r2 == 0 {
                Some(SkipReason::EmptyRow)
            } else if c1 == 0 || c2 == 0 {
                Some(SkipReason::EmptyColumn)
            } else {
                None
            };
            match reason {
                Some(reason) => skipped.push(SkippedStratum { index, reason }),
                None => kept.push(index),
            }
        }
        if kept.is_empty() {
            return Err(StatsError::TooFew {
                name: "tables (informative strata)",
                needed: 1,
                got: 0,
            });
        }
        Ok(Self {
            tables: tables.to_vec(),
            kept,
            skipped,
        })
    }

    /// The strata left out, with the reason.
    pub fn skipped(&self) -> &[SkippedStratum] {
        &self.skipped
    }

    /// Indices (into the caller's input) of the strata used.
    pub fn used(&self) -> &[usize] {
        &self.kept
    }

    fn informative(&self) -> impl Iterator<Item = [f64; 4]> + '_ {
        self.kept.iter().filter_map(|&i| {
            self.tables
                .get(i)
                .map(|t| [t.a as f64, t.b as f64, t.c as f64, t.d as f64])
        })
    }

    /// Cochran–Mantel–Haenszel test of conditional independence.
    pub fn cochran_mantel_haenszel(&self, correction: bool) -> CmhTest {
        let mut num = 0.0;
        let mut den = 0.0;
        for [a, b, c, d] in self.informative() {
            let n = a + b + c + d;
            let (apb, apc, bpd, cpd) = (a + b, a + c, b + d, c + d);
            num += a - apb * apc / n;
            den += apb * apc * bpd * cpd / (n * n * (n - 1.0));
        }
        let mut stat = num.abs();
        if correction {
            stat -= 0.5;
        }
        stat = stat * stat / den;
        CmhTest {
            statistic: stat,
            p_value: dist::chi2_sf(stat, 1.0),
            corrected: correction,
        }
    }

    /// Mantel–Haenszel pooled odds ratio with the RBG interval at `confidence`.
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] for a confidence level outside (0, 1);
    /// [`StatsError::Degenerate`] if `Σ a d / n` or `Σ b c / n` is zero (the pooled
    /// odds ratio is 0 or infinite).
    pub fn mantel_haenszel_odds_ratio(&self, confidence: f64) -> Result<PooledOddsRatio> {
        check_open_unit("confidence", confidence)?;
        let (mut adns, mut bcns) = (0.0, 0.0);
        let (mut s1, mut s2, mut s3) = (0.0, 0.0, 0.0);
        for [a, b, c, d] in self.informative() {
            let n = a + b + c + d;
            let (ad, bc, apd) = (a * d, b * c, a + d);
            adns += ad / n;
            bcns += bc / n;
            s1 += apd * ad / (n * n);
            s2 += apd * bc / (n * n) + (1.0 - apd / n) * ad / n;
            s3 += (1.0 - apd / n) * bc / n;
        }
        if !(adns > 0.0 && bcns > 0.0) {
            return Err(StatsError::Degenerate {
                name: "tables",
                reason:
                    "the pooled odds ratio is 0 or infinite (every stratum has a d = 0 or b c = 0)"
                        .into(),
            });
        }
        let or = adns / bcns;
        let var = (s1 / (adns * adns) + s2 / (adns * bcns) + s3 / (bcns * bcns)) / 2.0;
        let se = var.sqrt();
        let z = dist::norm_crit(confidence);
        Ok(PooledOddsRatio {
            odds_ratio: or,
            log_se: se,
            lower: (or.ln() - z * se).exp(),
            upper: (or.ln() + z * se).exp(),
        })
    }

    /// Breslow–Day test that the odds ratio is the same in every stratum, with
    /// Tarone's adjustment when `tarone` is true.
    ///
    /// Uses the Mantel–Haenszel odds ratio; if that is 0 or infinite the statistic
    /// is NaN-free: the test is reported with `p_value = 1` and statistic 0.
    pub fn breslow_day(&self, tarone: bool) -> BreslowDayTest {
        let k = self.kept.len();
        let df = k.saturating_sub(1);
        let Ok(pooled) = self.mantel_haenszel_odds_ratio(0.95) else {
            return BreslowDayTest {
                statistic: 0.0,
                p_value: 1.0,
                df,
                tarone,
            };
        };
        let r = pooled.odds_ratio;
        let (mut stat, mut sum_a, mut sum_e, mut sum_v) = (0.0, 0.0, 0.0, 0.0);
        for [a, b, c, d] in self.informative() {
            let (apb, apc, dma) = (a + b, a + c, d - a);
            let qa = 1.0 - r;
            let qb = r * (apb + apc) + dma;
            let qc = -r * apb * apc;
            let disc = (qb * qb - 4.0 * qa * qc).max(0.0).sqrt();
            // Root (-qb + disc) / (2 qa), written stably (also valid when r = 1).
            let e = if qb > 0.0 {
                -2.0 * qc / (qb + disc)
            } else {
                (-qb + disc) / (2.0 * qa)
            };
            let v = 1.0 / (1.0 / e + 1.0 / (apc - e) + 1.0 / (apb - e) + 1.0 / (dma + e));
            stat += (a - e) * (a - e) / v;
            sum_a += a;
            sum_e += e;
            sum_v += v;
        }
        if tarone {
            stat -= (sum_a - sum_e) * (sum_a - sum_e) / sum_v;
        }
        let p_value = if df == 0 || !stat.is_finite() {
            1.0
        } else {
            dist::chi2_sf(stat, df as f64)
        };
        BreslowDayTest {
            statistic: if stat.is_finite() { stat } else { 0.0 },
            p_value,
            df,
            tarone,
        }
    }
}
