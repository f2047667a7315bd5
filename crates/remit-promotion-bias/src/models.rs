//! The record-level parts of the analysis: the logistic regression, time to promotion
//! (Kaplan–Meier and log-rank) and the rating comparison (Mann–Whitney U).

use remit_core::WorkMode;
use remit_stats::{
    Alternative, DesignBuilder, DesignMatrix, KaplanMeier, LogisticFit, LogisticMethod, StatsError,
    firth_logistic, kaplan_meier, logistic, logistic_binomial, logrank_test, mann_whitney_u,
};

use crate::config::{AnalysisConfig, Covariate};
use crate::report::{LogisticTerm, RatingComparison};
use crate::table::PromotionTable;
use remit_core::fast_hash::FastHashMap;

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

/// Fits `promoted ~ work_mode + covariates` on the rows of the analysed groups, work
/// mode treatment-coded against the reference.
///
/// Rows are grouped by covariate pattern and fitted as binomial counts
/// ([`logistic_binomial`]): the same estimates as one row per employee, at the cost of
/// one row per distinct pattern. If that fit fails for any reason (separation, a
/// singular design), the model is refitted one row per employee exactly as before, and
/// separation falls back to Firth's penalised likelihood, as remit-stats recommends.
pub(crate) fn fit_logistic(
    table: &PromotionTable,
    analysed: &[bool; 3],
    reference: WorkMode,
    config: &AnalysisConfig,
) -> ModelOutcome {
    let uses = |c: Covariate| config.covariates().contains(&c);
    let (perf, tenure, level, dept) = (
        uses(Covariate::Performance),
        uses(Covariate::Tenure),
        uses(Covariate::Level),
        uses(Covariate::Department),
    );
    let mut index: FastHashMap<PatternKey, u32> = FastHashMap::default();
    let mut patterns: Vec<usize> = Vec::new(); // a representative row per pattern
    let mut successes: Vec<u64> = Vec::new();
    let mut trials: Vec<u64> = Vec::new();
    let mut rows: Vec<usize> = Vec::new(); // the analysed rows
    for (i, mode) in table.work_modes().iter().enumerate() {
        if !analysed[mode.index()] {
            continue;
        }
        rows.push(i);
        let key = PatternKey {
            mode: mode.index() as u8,
            level: if level {
                table.levels().get(i).map_or(0, |l| l.rank())
            } else {
                0
            },
            department: if dept {
                table.departments().get(i).copied().unwrap_or(0)
            } else {
                0
            },
            performance: if perf {
                table.performance().get(i).map_or(0, |v| v.to_bits())
            } else {
                0
            },
            tenure: if tenure {
                table.tenure_months().get(i).map_or(0, |v| v.to_bits())
            } else {
                0
            },
        };
        let next = u32::try_from(patterns.len()).unwrap_or(u32::MAX);
        let k = *index.entry(key).or_insert(next) as usize;
        if k == patterns.len() {
            patterns.push(i);
            successes.push(0);
            trials.push(0);
        }
        let promoted = table.promoted().get(i).copied().unwrap_or(false);
        if let (Some(s), Some(n)) = (successes.get_mut(k), trials.get_mut(k)) {
            *s += u64::from(promoted);
            *n += 1;
        }
    }
    drop(index);
    if let Ok(x) = build_design(table, &patterns, reference, config)
        && let Ok(fit) = logistic_binomial(&x, &successes, &trials)
    {
        return ModelOutcome::Fitted(fit);
    }
    drop(patterns);
    match build_design(table, &rows, reference, config) {
        Ok(x) => {
            let y: Vec<bool> = rows
                .iter()
                .map(|&i| table.promoted().get(i).copied().unwrap_or(false))
                .collect();
            match logistic(&x, &y) {
                Ok(fit) => ModelOutcome::Fitted(fit),
                Err(StatsError::Separation { term, kind }) => match firth_logistic(&x, &y) {
                    Ok(fit) => ModelOutcome::Fitted(fit),
                    Err(e) => ModelOutcome::Unavailable(format!(
                        "{kind} separation on {term}, and Firth's fit failed: {e}"
                    )),
                },
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
    config: &AnalysisConfig,
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

/// The Kaplan–Meier curve of months to promotion of one group.
pub(crate) fn km_fit(table: &PromotionTable, mode: WorkMode) -> Option<KaplanMeier> {
    let (t, e): (Vec<f64>, Vec<bool>) = table
        .work_modes()
        .iter()
        .zip(table.months_to_event())
        .zip(table.promoted())
        .filter(|((m, _), _)| **m == mode)
        .map(|((_, &t), &e)| (t, e))
        .unzip();
    kaplan_meier(&t, &e, 0.95).ok()
}

/// The k-group log-rank test across the analysed work modes.
pub(crate) fn logrank(
    table: &PromotionTable,
    analysed: &[bool; 3],
) -> Option<remit_stats::LogRankTest> {
    let mut t = Vec::with_capacity(table.len());
    let mut e = Vec::with_capacity(table.len());
    let mut g = Vec::with_capacity(table.len());
    for ((mode, &time), &promoted) in table
        .work_modes()
        .iter()
        .zip(table.months_to_event())
        .zip(table.promoted())
    {
        if analysed[mode.index()] {
            t.push(time);
            e.push(promoted);
            g.push(mode.index());
        }
    }
    logrank_test(&t, &e, &g).ok()
}

/// Mann–Whitney U of performance ratings, focal vs reference, two-sided.
pub(crate) fn ratings(
    table: &PromotionTable,
    focal: WorkMode,
    reference: WorkMode,
) -> Option<RatingComparison> {
    let pick = |m: WorkMode| -> Vec<f64> {
        table
            .work_modes()
            .iter()
            .zip(table.performance())
            .filter(|(mode, _)| **mode == m)
            .map(|(_, &r)| r)
            .collect()
    };
    let (x, y) = (pick(focal), pick(reference));
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let test = mann_whitney_u(&x, &y, Alternative::TwoSided).ok()?;
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
        focal_mean: mean(&x),
        reference_mean: mean(&y),
    })
}
