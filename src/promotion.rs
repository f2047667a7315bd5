//! The `promotion_audit` example's JSON writer, shared with the golden tests so that
//! the numbers checked against scipy/statsmodels/lifelines are exactly the ones the
//! example prints. The CSV reader lives in `remit_ingest::promotion_csv`.

use remit_promotion_bias::PromotionReport;
use serde_json::{Value, json};

fn num(x: f64) -> Value {
    if x.is_finite() { json!(x) } else { Value::Null }
}

fn opt(x: Option<f64>) -> Value {
    x.map_or(Value::Null, num)
}

/// The report as the example's `--json` object (keys and conventions of issue 4).
pub fn report_json(report: &PromotionReport) -> Value {
    use remit_core::Audit;
    let groups: Vec<Value> = report
        .groups()
        .iter()
        .map(|g| {
            json!({
                "work_mode": g.work_mode.as_str(),
                "n": g.n,
                "promoted": g.promoted,
                "rate": num(g.rate),
                "mean_performance": num(g.mean_performance),
                "median_months_to_promotion": opt(g.median_months_to_promotion),
            })
        })
        .collect();
    let comparisons: Vec<Value> = report
        .comparisons()
        .iter()
        .map(|c| {
            let ir = c.impact_ratio;
            json!({
                "work_mode": c.work_mode.as_str(),
                "impact_ratio": opt(ir.map(|i| i.ratio)),
                "impact_ratio_ci": [opt(ir.and_then(|i| i.lower)), opt(ir.and_then(|i| i.upper))],
                "four_fifths_met": ir.map(|i| i.four_fifths_met),
                "rate_difference": num(c.rate_difference),
                "z_statistic": opt(c.z_test.map(|z| z.statistic)),
                "z_p_value": opt(c.z_test.map(|z| z.p_value)),
                "fisher_p_value": num(c.fisher_p_value),
                "adjusted_p_value": num(c.adjusted_p_value),
                "cmh": c.stratified.as_ref().map_or(Value::Null, |s| json!({
                    "statistic": num(s.cmh.statistic),
                    "p_value": num(s.cmh.p_value),
                    "common_odds_ratio": opt(s.common_odds_ratio.map(|o| o.odds_ratio)),
                    "common_odds_ratio_ci": [
                        opt(s.common_odds_ratio.map(|o| o.lower)),
                        opt(s.common_odds_ratio.map(|o| o.upper)),
                    ],
                    // No test of equal odds on 0 degrees of freedom (one stratum).
                    "breslow_day_p_value": if s.breslow_day.df > 0 { num(s.breslow_day.p_value) } else { Value::Null },
                    "strata_used": s.strata_used,
                    "strata_skipped": s.strata_skipped,
                    "strata_withheld": s.strata_withheld,
                })),
                "logistic": c.logistic.map_or(Value::Null, |t| json!({
                    "odds_ratio": num(t.odds_ratio),
                    "ci_low": num(t.ci_low),
                    "ci_high": num(t.ci_high),
                    "p_value": num(t.p_value),
                    "firth": t.firth,
                })),
                "median_months_to_promotion": opt(c.median_months_to_promotion),
                "min_detectable_impact_ratio": opt(c.min_detectable_ratio),
                "mann_whitney": c.rating.map_or(Value::Null, |r| json!({
                    "u_statistic": num(r.u_statistic),
                    "p_value": num(r.p_value),
                    "probability_of_superiority": num(r.probability_of_superiority),
                })),
            })
        })
        .collect();
    let findings: Vec<Value> = report
        .findings()
        .iter()
        .map(|f| {
            json!({
                "code": f.code().as_str(),
                "severity": f.severity().to_string(),
                "cohort": f.cohort().to_string(),
                "title": f.title(),
                "detail": f.detail(),
                "recommendation": f.recommendation(),
            })
        })
        .collect();
    json!({
        "n": report.n(),
        "reference_group": report.reference().map(|m| m.as_str()),
        "withheld_groups": report.withheld_groups().iter().map(|w| json!({
            "work_mode": w.work_mode.as_str(),
            "reason": w.reason.to_string(),
        })).collect::<Vec<_>>(),
        "groups": groups,
        "comparisons": comparisons,
        "chi_square": report.chi_square().map_or(Value::Null, |c| json!({
            "statistic": num(c.statistic), "df": c.df, "p_value": num(c.p_value),
        })),
        "logrank": report.logrank().map_or(Value::Null, |l| json!({
            "statistic": num(l.statistic), "df": l.df, "p_value": num(l.p_value),
        })),
        "regression_sample": report.regression_sample().and_then(|n| n.published()),
        "logistic_unavailable": report.logistic_unavailable(),
        "coverage": match report.coverage() {
            remit_core::Coverage::Measured => Value::from("measured"),
            remit_core::Coverage::NotMeasured { reason } => json!({ "not_measured": reason }),
        },
        "health": remit_core::health_of(report).score(),
        "findings": findings,
    })
}
