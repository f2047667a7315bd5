//! The record-level parts of the analysis: the logistic regression, time to promotion
//! (Kaplan–Meier and log-rank) and the rating comparison (Mann–Whitney U).

use std::collections::HashMap;

use foldhash::fast::FixedState;
use remit_core::WorkMode;
use remit_stats::{
    Alternative, DesignBuilder, DesignMatrix, KaplanMeier, LogisticFit, LogisticMethod,
    LogisticOptions, StatsError, firth_logistic_with, kaplan_meier, logistic_binomial_with,
    logistic_with, logrank_test, mann_whitney_u,
};

use crate::config::Config;
use crate::covariate::Covariate;
use crate::results::{LogisticTerm, RatingComparison};
use crate::table::PromotionTable;

/// The fitted model, or why there is none.
pub(crate) enum ModelOutcome {
    Fitted(LogisticFit),
    Unavailable(String),
}

fn mode_column(mode: WorkMode) -> String {
    format!("work_mode[T.{}]", mode.as_str())
}

/// One row's covariates, as far as the configured model uses them: rows with the same
/// key share one covariate pattern.
#[derive(Clone, Copy, PartialEq, Eq)]
struct PatternKey {
    mode: u8,
    level: u8,
    department: u32,
    performance: u64,
    tenure: u64,
}

impl std::hash::Hash for PatternKey {
    /// Three words: the small fields packed into one, then the two ratings' bits (one
    /// hasher round each, where the derived hash took five).
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(
            u64::from(self.mode) | u64::from(self.level) << 8 | u64::from(self.department) << 16,
        );
        state.write_u64(self.performance);
        state.write_u64(self.tenure);
    }
}

/// Rows grouped by covariate pattern, patterns in order of first appearance.
#[derive(Debug, Default, PartialEq)]
struct Patterns {
    /// A representative row per pattern.
    rows: Vec<usize>,
    successes: Vec<u64>,
    trials: Vec<u64>,
}

impl Patterns {
    /// Counts row `row` in pattern `k` (a new pattern when `k` is the next index).
    fn add(&mut self, k: usize, row: usize, promoted: bool) {
        if k == self.rows.len() {
            self.rows.push(row);
            self.successes.push(0);
            self.trials.push(0);
        }
        if let (Some(s), Some(n)) = (self.successes.get_mut(k), self.trials.get_mut(k)) {
            *s += u64::from(promoted);
            *n += 1;
        }
    }
}

/// One more than the largest value of a column used by the model, when every value is
/// a small whole number (not `-0.0`); 1 for an unused column.
fn whole_width(used: bool, values: &[f64]) -> Option<usize> {
    const LIMIT: u64 = 1 << 16;
    if !used {
        return Some(1);
    }
    let mut max = 0u64;
    for &v in values {
        let k = v as u64;
        if (k as f64).to_bits() != v.to_bits() || k >= LIMIT {
            return None;
        }
        max = max.max(k);
    }
    usize::try_from(max + 1).ok()
}

/// Groups the analysed rows by covariate pattern. When every covariate the model uses
/// is a small whole number (ratings, months, level ranks, department codes), a
/// pattern's index in a dense table is its mixed-radix code, and grouping is one array
/// look-up per row; otherwise a hash map of the keys. Either way patterns are numbered
/// in order of first appearance, so the fit sums them in the same order.
fn group_patterns(table: &PromotionTable, analysed: &[bool; 3], uses: [bool; 4]) -> Patterns {
    dense_patterns(table, analysed, uses).unwrap_or_else(|| hashed_patterns(table, analysed, uses))
}

/// [`group_patterns`] through a dense table; `None` when a used covariate is not a small
/// whole number or the table would be too large.
fn dense_patterns(
    table: &PromotionTable,
    analysed: &[bool; 3],
    uses: [bool; 4],
) -> Option<Patterns> {
    let [perf, tenure, level, dept] = uses;
    let mut out = Patterns::default();
    let n = table.len();
    let levels_width = if level {
        table
            .levels()
            .iter()
            .map(|l| usize::from(l.rank()) + 1)
            .max()
            .unwrap_or(1)
    } else {
        1
    };
    let departments_width = if dept {
        table.department_names().len().max(1)
    } else {
        1
    };
    let widths = [
        Some(3),
        Some(levels_width),
        Some(departments_width),
        whole_width(perf, table.performance()),
        whole_width(tenure, table.tenure_months()),
    ];
    let cells = widths
        .iter()
        .try_fold(1usize, |acc, w| acc.checked_mul((*w)?))
        .filter(|&c| c <= (4 * n).clamp(1 << 16, 1 << 24));
    let (Some(cells), [_, _, _, Some(pw), Some(tw)]) = (cells, widths) else {
        return None;
    };
    let mut slot_of = vec![u32::MAX; cells];
    for (i, key, promoted) in pattern_keys(table, analysed, uses) {
        let mut code = usize::from(key.mode);
        code = code * levels_width + usize::from(key.level);
        code = code * departments_width + key.department as usize;
        code = code * pw + f64::from_bits(key.performance) as usize;
        code = code * tw + f64::from_bits(key.tenure) as usize;
        let next = u32::try_from(out.rows.len()).unwrap_or(u32::MAX);
        if let Some(slot) = slot_of.get_mut(code) {
            if *slot == u32::MAX {
                *slot = next;
            }
            out.add(*slot as usize, i, promoted);
        }
    }
    Some(out)
}

/// [`group_patterns`] through a hash map of the pattern keys.
fn hashed_patterns(table: &PromotionTable, analysed: &[bool; 3], uses: [bool; 4]) -> Patterns {
    let mut out = Patterns::default();
    let mut index: HashMap<PatternKey, u32, FixedState> = HashMap::default();
    for (i, key, promoted) in pattern_keys(table, analysed, uses) {
        let next = u32::try_from(out.rows.len()).unwrap_or(u32::MAX);
        let k = *index.entry(key).or_insert(next) as usize;
        out.add(k, i, promoted);
    }
    out
}

/// The rows of the analysed work modes as `(row, pattern key, promoted)`; a covariate the
/// model does not use is zero in every key, so it never splits a pattern.
fn pattern_keys<'a>(
    table: &'a PromotionTable,
    analysed: &'a [bool; 3],
    [perf, tenure, level, dept]: [bool; 4],
) -> impl Iterator<Item = (usize, PatternKey, bool)> + 'a {
    table
        .work_modes()
        .iter()
        .zip(table.levels())
        .zip(table.departments())
        .zip(table.performance())
        .zip(table.tenure_months())
        .zip(table.promoted())
        .enumerate()
        .filter(|(_, (((((mode, _), _), _), _), _))| analysed[mode.index()])
        .map(move |(i, (((((mode, l), &d), &p), &t), &promoted))| {
            let key = PatternKey {
                mode: mode.index() as u8,
                level: if level { l.rank() } else { 0 },
                department: if dept { d } else { 0 },
                performance: if perf { p.to_bits() } else { 0 },
                tenure: if tenure { t.to_bits() } else { 0 },
            };
            (i, key, promoted)
        })
}

/// Fits `promoted ~ work_mode + covariates` on the rows of the analysed groups, work
/// mode treatment-coded against the reference.
///
/// Rows are grouped by covariate pattern and fitted as binomial counts
/// ([`logistic_binomial_with`]): the same estimates as one row per employee, at the cost of
/// one row per distinct pattern. If that fit fails for any reason (separation, a
/// singular design), the model is refitted one row per employee exactly as before, and
/// separation falls back to Firth's penalised likelihood, as remit-stats recommends.
/// Intervals are at `1 − alpha`.
pub(crate) fn fit_logistic(
    table: &PromotionTable,
    analysed: &[bool; 3],
    reference: WorkMode,
    config: &Config,
) -> ModelOutcome {
    // `alpha` is strictly inside (0, 1), so `1 − alpha` is too unless it rounds to 1 for
    // an alpha below about 1e-16; the model is then unavailable, as any refused fit is.
    let options = match LogisticOptions::default().with_confidence(1.0 - config.alpha()) {
        Ok(options) => options,
        Err(e) => return ModelOutcome::Unavailable(e.to_string()),
    };
    let uses = |c: Covariate| config.covariates().contains(&c);
    let (perf, tenure, level, dept) = (
        uses(Covariate::Performance),
        uses(Covariate::Tenure),
        uses(Covariate::Level),
        uses(Covariate::Department),
    );
    let Patterns {
        rows: patterns,
        successes,
        trials,
    } = group_patterns(table, analysed, [perf, tenure, level, dept]);
    if let Ok(x) = build_design(table, &patterns, reference, config)
        && let Ok(fit) = logistic_binomial_with(&x, &successes, &trials, &options)
    {
        return ModelOutcome::Fitted(fit);
    }
    drop(patterns);
    let rows: Vec<usize> = table
        .work_modes()
        .iter()
        .enumerate()
        .filter(|(_, m)| analysed[m.index()])
        .map(|(i, _)| i)
        .collect();
    match build_design(table, &rows, reference, config) {
        Ok(x) => {
            let y: Vec<bool> = rows
                .iter()
                .map(|&i| table.promoted().get(i).copied().unwrap_or(false))
                .collect();
            match logistic_with(&x, &y, &options) {
                Ok(fit) => ModelOutcome::Fitted(fit),
                Err(StatsError::Separation { term, kind }) => {
                    match firth_logistic_with(&x, &y, &options) {
                        Ok(fit) => ModelOutcome::Fitted(fit),
                        Err(e) => ModelOutcome::Unavailable(format!(
                            "{kind} separation on {term}, and Firth's fit failed: {e}"
                        )),
                    }
                }
                Err(e) => ModelOutcome::Unavailable(e.to_string()),
            }
        }
        Err(e) => ModelOutcome::Unavailable(e.to_string()),
    }
}

/// The design matrix of the given rows of the table.
fn build_design(
    table: &PromotionTable,
    rows: &[usize],
    reference: WorkMode,
    config: &Config,
) -> Result<DesignMatrix, StatsError> {
    let n = rows.len();
    let modes: Vec<&str> = rows
        .iter()
        .map(|&i| table.work_modes().get(i).map_or("", |m| m.as_str()))
        .collect();
    let mut builder: DesignBuilder = DesignMatrix::builder(n).intercept().categorical(
        "work_mode",
        &modes,
        reference.as_str(),
    )?;
    let column = |values: &[f64]| -> Vec<f64> {
        rows.iter()
            .map(|&i| values.get(i).copied().unwrap_or(0.0))
            .collect()
    };
    for covariate in config.covariates() {
        match covariate {
            Covariate::Performance => {
                builder = builder.numeric("performance", &column(table.performance()))?;
            }
            Covariate::Tenure => {
                builder = builder.numeric("tenure_months", &column(table.tenure_months()))?;
            }
            Covariate::Level => {
                let names: Vec<String> = (0..=u8::MAX).map(|l| format!("L{l:03}")).collect();
                let ranks: Vec<u8> = rows
                    .iter()
                    .map(|&i| table.levels().get(i).map_or(0, |l| l.rank()))
                    .collect();
                let label = |r: u8| names.get(usize::from(r)).map_or("", String::as_str);
                let labels: Vec<&str> = ranks.iter().map(|&r| label(r)).collect();
                let varies = ranks.first().is_some_and(|f| ranks.iter().any(|r| r != f));
                if let Some(&lowest) = ranks.iter().min()
                    && varies
                {
                    builder = builder.categorical("level", &labels, label(lowest))?;
                }
            }
            Covariate::Department => {
                let names = table.department_names();
                let labels: Vec<&str> = rows
                    .iter()
                    .map(|&i| {
                        table
                            .departments()
                            .get(i)
                            .and_then(|&d| names.get(d as usize))
                            .map_or("", |d| d.as_str())
                    })
                    .collect();
                if let Some(first) = labels.iter().min()
                    && labels.iter().any(|l| l != first)
                {
                    let first = *first;
                    builder = builder.categorical("department", &labels, first)?;
                }
            }
        }
    }
    builder.build()
}

/// The work-mode term of a fitted model.
pub(crate) fn term(fit: &LogisticFit, focal: WorkMode) -> Option<LogisticTerm> {
    let c = fit.coefficient(&mode_column(focal))?;
    Some(LogisticTerm {
        odds_ratio: c.estimate.exp(),
        ci_low: c.lower.exp(),
        ci_high: c.upper.exp(),
        p_value: c.p_value,
        estimate: c.estimate,
        std_error: c.std_error,
        firth: fit.method == LogisticMethod::Firth,
    })
}

/// What the time-to-promotion and rating statistics read, split by work mode in one
/// pass over the table (rows in table order within each mode).
#[derive(Default)]
pub(crate) struct ByMode {
    months: [Vec<f64>; 3],
    promoted: [Vec<bool>; 3],
    ratings: [Vec<f64>; 3],
}

impl ByMode {
    /// The rows of the wanted work modes.
    pub(crate) fn new(table: &PromotionTable, wanted: &[bool; 3], sizes: [usize; 3]) -> Self {
        let mut out = Self::default();
        for (m, &size) in sizes.iter().enumerate() {
            if wanted.get(m) == Some(&true) {
                out.months[m].reserve_exact(size);
                out.promoted[m].reserve_exact(size);
                out.ratings[m].reserve_exact(size);
            }
        }
        for (((mode, &t), &e), &r) in table
            .work_modes()
            .iter()
            .zip(table.months_to_event())
            .zip(table.promoted())
            .zip(table.performance())
        {
            let m = mode.index();
            if wanted[m] {
                out.months[m].push(t);
                out.promoted[m].push(e);
                out.ratings[m].push(r);
            }
        }
        out
    }
}

impl ByMode {
    /// The mean rating of one group (0 for an empty group), summed in table order.
    pub(crate) fn mean_rating(&self, mode: WorkMode) -> f64 {
        let ratings = &self.ratings[mode.index()];
        ratings.iter().sum::<f64>() / ratings.len().max(1) as f64
    }
}

/// The Kaplan–Meier curve of months to promotion of one group.
pub(crate) fn km_fit(by_mode: &ByMode, mode: WorkMode) -> Option<KaplanMeier> {
    let m = mode.index();
    kaplan_meier(&by_mode.months[m], &by_mode.promoted[m], 0.95).ok()
}

/// The k-group log-rank test across the analysed work modes (which only counts
/// observations per time, so the rows' order does not matter).
pub(crate) fn logrank(by_mode: &ByMode, analysed: &[bool; 3]) -> Option<remit_stats::LogRankTest> {
    let (mut t, mut e, mut g) = (Vec::new(), Vec::new(), Vec::new());
    for m in (0..3).filter(|&m| analysed[m]) {
        t.extend_from_slice(&by_mode.months[m]);
        e.extend_from_slice(&by_mode.promoted[m]);
        g.extend(std::iter::repeat_n(m, by_mode.months[m].len()));
    }
    logrank_test(&t, &e, &g).ok()
}

/// Mann–Whitney U of performance ratings, focal vs reference, two-sided.
pub(crate) fn ratings(
    by_mode: &ByMode,
    focal: WorkMode,
    reference: WorkMode,
) -> Option<RatingComparison> {
    let (x, y) = (
        &by_mode.ratings[focal.index()],
        &by_mode.ratings[reference.index()],
    );
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let test = mann_whitney_u(x, y, Alternative::TwoSided).ok()?;
    let pairs = x.len() as f64 * y.len() as f64;
    Some(RatingComparison {
        u_statistic: test.statistic,
        p_value: test.p_value,
        // P(focal > reference) + P(tie) / 2: the common-language effect size.
        probability_of_superiority: if pairs > 0.0 {
            test.statistic / pairs
        } else {
            0.5
        },
        focal_mean: mean(x),
        reference_mean: mean(y),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::PromotionRow;
    use remit_core::{EmployeeId, JobLevel};

    fn table(fraction: f64) -> PromotionTable {
        let mut t = PromotionTable::new();
        for i in 0..3000u32 {
            let mode = WorkMode::ALL[(i % 3) as usize];
            t.push_row(
                PromotionRow::new(
                    EmployeeId::from_external(&format!("E-{i}")),
                    mode,
                    JobLevel::new(1 + (i % 4) as u8),
                    ["Sales", "Ops", "Support"][(i % 5 % 3) as usize],
                )
                .with_performance(f64::from(1 + i * 7 % 5))
                .unwrap()
                .with_tenure_months(f64::from(i * 13 % 61) + fraction)
                .unwrap()
                .with_outcome(i * 11 % 7 < 2, 12.0)
                .unwrap(),
            )
            .unwrap();
        }
        t
    }

    #[test]
    fn dense_and_hashed_grouping_agree() {
        let t = table(0.0);
        for uses in [
            [true; 4],
            [true, true, true, false],
            [false, true, false, true],
        ] {
            for analysed in [[true; 3], [true, false, true]] {
                let dense = dense_patterns(&t, &analysed, uses).unwrap();
                assert_eq!(dense, hashed_patterns(&t, &analysed, uses));
                assert!(dense.rows.len() > 10);
                let total: u64 = dense.trials.iter().sum();
                assert_eq!(total, if analysed == [true; 3] { 3000 } else { 2000 });
            }
        }
        // Fractional months: only the hash map groups them.
        let t = table(0.5);
        assert!(dense_patterns(&t, &[true; 3], [true; 4]).is_none());
        assert_eq!(
            group_patterns(&t, &[true; 3], [true; 4]),
            hashed_patterns(&t, &[true; 3], [true; 4])
        );
        assert!(dense_patterns(&t, &[true; 3], [true, false, true, true]).is_some());
    }
}
