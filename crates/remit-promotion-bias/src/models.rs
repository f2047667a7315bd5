//! The record-level parts of the analysis: the logistic regression, time to promotion
//! (Kaplan–Meier and log-rank) and the rating comparison (Mann–Whitney U).

use remit_core::WorkMode;
use remit_stats::{
    Alternative, DesignMatrix, LogisticFit, LogisticMethod, StatsError, firth_logistic,
    kaplan_meier, logistic, logrank_test, mann_whitney_u,
};

use crate::config::{AnalysisConfig, Covariate};
use crate::record::PromotionRecord;
use crate::report::{LogisticTerm, RatingComparison};

/// The fitted model, or why there is none.
pub(crate) enum ModelOutcome {
    Fitted(LogisticFit),
    Unavailable(String),
}

fn mode_column(mode: WorkMode) -> String {
    format!("work_mode[T.{}]", mode.as_str())
}

/// Fits `promoted ~ work_mode + covariates` on the records of the published groups,
/// work mode treatment-coded against the reference. Separation falls back to Firth's
/// penalised likelihood, as remit-stats recommends.
pub(crate) fn fit_logistic(
    records: &[&PromotionRecord],
    reference: WorkMode,
    config: &AnalysisConfig,
) -> ModelOutcome {
    match build_design(records, reference, config) {
        Ok(x) => {
            let y: Vec<bool> = records.iter().map(|r| r.promoted()).collect();
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

fn build_design(
    records: &[&PromotionRecord],
    reference: WorkMode,
    config: &AnalysisConfig,
) -> Result<DesignMatrix, StatsError> {
    let n = records.len();
    let modes: Vec<&str> = records.iter().map(|r| r.work_mode().as_str()).collect();
    let mut builder = DesignMatrix::builder(n).intercept().categorical(
        "work_mode",
        &modes,
        reference.as_str(),
    )?;
    for covariate in config.covariates() {
        match covariate {
            Covariate::Performance => {
                let v: Vec<f64> = records.iter().map(|r| r.performance()).collect();
                builder = builder.numeric("performance", &v)?;
            }
            Covariate::Tenure => {
                let v: Vec<f64> = records.iter().map(|r| r.tenure_months()).collect();
                builder = builder.numeric("tenure_months", &v)?;
            }
            Covariate::Level => {
                let names: Vec<String> = (0..=u8::MAX).map(|l| format!("L{l:03}")).collect();
                let labels: Vec<&str> = records
                    .iter()
                    .map(|r| {
                        names
                            .get(usize::from(r.level().rank()))
                            .map_or("", String::as_str)
                    })
                    .collect();
                let varies = labels
                    .first()
                    .is_some_and(|first| labels.iter().any(|l| l != first));
                if let Some(lowest) = records.iter().map(|r| r.level().rank()).min()
                    && varies
                {
                    let reference = names.get(usize::from(lowest)).map_or("", String::as_str);
                    builder = builder.categorical("level", &labels, reference)?;
                }
            }
            Covariate::Department => {
                let labels: Vec<&str> = records.iter().map(|r| r.department().as_str()).collect();
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

/// Kaplan–Meier median months to promotion of one group (`None`: never reached).
pub(crate) fn km_median(records: &[&PromotionRecord], mode: WorkMode) -> Option<f64> {
    let (t, e): (Vec<f64>, Vec<bool>) = records
        .iter()
        .filter(|r| r.work_mode() == mode)
        .map(|r| (r.months_to_event(), r.promoted()))
        .unzip();
    kaplan_meier(&t, &e, 0.95).ok().and_then(|km| km.median)
}

/// The k-group log-rank test across the published work modes.
pub(crate) fn logrank(records: &[&PromotionRecord]) -> Option<remit_stats::LogRankTest> {
    let t: Vec<f64> = records.iter().map(|r| r.months_to_event()).collect();
    let e: Vec<bool> = records.iter().map(|r| r.promoted()).collect();
    let g: Vec<usize> = records.iter().map(|r| r.work_mode().index()).collect();
    logrank_test(&t, &e, &g).ok()
}

/// Mann–Whitney U of performance ratings, focal vs reference, two-sided.
pub(crate) fn ratings(
    records: &[&PromotionRecord],
    focal: WorkMode,
    reference: WorkMode,
) -> Option<RatingComparison> {
    let pick = |m: WorkMode| -> Vec<f64> {
        records
            .iter()
            .filter(|r| r.work_mode() == m)
            .map(|r| r.performance())
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
