//! Plain-language findings: the [`Audit`] implementation of [`PromotionReport`].
//!
//! | code | when |
//! |---|---|
//! | `PB-IMPACT-RATIO` | a focal group's impact ratio is below 0.8 (four-fifths rule not met, by analogy) |
//! | `PB-RATE-GAP` | the four-fifths rule is met but the gap is statistically significant |
//! | `PB-ADJUSTED-GAP` | the regression-adjusted odds ratio is significantly below 1 |
//! | `PB-LEVEL-MIX-EXPLAINS` | the raw gap is significant but vanishes within strata (Simpson's paradox) |
//! | `PB-LEVEL-MIX-MASKS` | no raw gap, but a significant gap within strata |
//! | `PB-GAP-VARIES` | Breslow–Day: the odds ratio differs between strata |
//! | `PB-TIME-TO-PROMOTION` | the log-rank test finds different times to promotion and the focal group waits longer |
//! | `PB-RATING-GAP` | the focal group's performance ratings are significantly lower (Mann–Whitney) |
//! | `PB-UNDERPOWERED` | no significant gap, but the groups are too small to detect a ratio of 0.8 |
//! | `PB-NO-GAP` | no significant gap and enough power to see a four-fifths breach |
//! | `PB-INTERSECTION` | a work mode × attribute cohort has an impact ratio below 0.8 |

use core::fmt::Write as _;

use remit_core::audit::{
    Audit, Cohort, Domain, EmployeeGroup, Finding, FindingCode, GroupComparison, Metric, Severity,
};
use remit_core::chart::Chart;

use crate::analysis::FOUR_FIFTHS;
use crate::config::MultipleTesting;
use crate::report::{Comparison, PromotionReport};

/// Formats a p-value the way reports quote it: `p < 0.001` or `p = 0.034`.
pub(crate) fn fmt_p(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_owned()
    } else {
        format!("p = {p:.3}")
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

const ANALOGY: &str = "Work mode is not a protected class: the four-fifths rule of the Uniform \
Guidelines (29 CFR 1607.4(D)) is used here by analogy.";

struct Draft {
    code: &'static str,
    severity: Severity,
    title: String,
    detail: String,
    cohort: Cohort,
    affected: Option<u64>,
    metric: Option<Metric>,
    recommendation: String,
}

impl Draft {
    fn build(self) -> Option<Finding> {
        let code = FindingCode::new(self.code).ok()?;
        let mut b = Finding::builder(Domain::PromotionBias, code, self.severity, self.title)
            .detail(self.detail)
            .cohort(self.cohort)
            .recommendation(self.recommendation);
        if let Some(a) = self.affected {
            b = b.affected(a);
        }
        if let Some(m) = self.metric {
            b = b.metric(m);
        }
        b.build().ok()
    }
}

impl PromotionReport {
    fn adjustment_name(&self) -> &'static str {
        match self.config.multiple_testing() {
            MultipleTesting::Holm => "Holm-adjusted",
            MultipleTesting::BenjaminiHochberg => "Benjamini-Hochberg-adjusted",
            MultipleTesting::None => "unadjusted",
        }
    }

    /// Whether the raw (pooled) comparison shows a significant gap against the focal
    /// group, after the multiple-testing adjustment.
    pub(crate) fn raw_gap(&self, c: &Comparison) -> bool {
        c.is_lower() && c.adjusted_p_value < self.config.alpha()
    }

    fn evidence(&self, c: &Comparison) -> String {
        let reference = c.reference.as_str();
        let mut s = format!(
            "{} of {} {} employees were promoted ({}) against {} of {} {reference} employees ({}); \
             difference {:+.1} percentage points.",
            c.focal_promoted,
            c.focal_n,
            c.work_mode.as_str(),
            pct(c.focal_promoted as f64 / c.focal_n as f64),
            c.reference_promoted,
            c.reference_n,
            pct(c.reference_promoted as f64 / c.reference_n as f64),
            100.0 * c.rate_difference,
        );
        if let Some(ir) = c.impact_ratio {
            let _ = write!(s, " Impact ratio {:.2}", ir.ratio);
            if let (Some(lo), Some(hi)) = (ir.lower, ir.upper) {
                let _ = write!(
                    s,
                    " ({:.0}% CI {lo:.2}–{hi:.2})",
                    100.0 * (1.0 - self.config.alpha())
                );
            }
            s.push('.');
        }
        if let Some(z) = c.z_test {
            let _ = write!(s, " Pooled z = {:.2};", z.statistic);
        }
        let _ = write!(
            s,
            " Fisher's exact {} ({} {}).",
            fmt_p(c.fisher_p_value),
            self.adjustment_name(),
            fmt_p(c.adjusted_p_value).replace("p ", "")
        );
        s
    }

    fn controls(&self) -> String {
        let names: Vec<&str> = self
            .config
            .covariates()
            .iter()
            .map(|c| c.as_str())
            .collect();
        match names.as_slice() {
            [] => "nothing else".to_owned(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    }

    /// The sentence about the regression-adjusted odds ratio, if the model was fitted.
    fn adjusted_sentence(&self, c: &Comparison) -> Option<String> {
        let t = c.logistic?;
        let level = 100.0 * (1.0 - self.config.alpha());
        let numbers = format!(
            "odds ratio {:.2}, {level:.0}% CI {:.2}–{:.2}, {}{}",
            t.odds_ratio,
            t.ci_low,
            t.ci_high,
            fmt_p(t.p_value),
            if t.firth {
                ", Firth's penalised fit"
            } else {
                ""
            }
        );
        let controls = self.controls();
        Some(if t.p_value < self.config.alpha() && t.odds_ratio < 1.0 {
            format!("the gap remains after controlling for {controls} ({numbers})")
        } else if t.p_value < self.config.alpha() {
            format!(
                "after controlling for {controls} the odds favour {} employees ({numbers})",
                c.work_mode.as_str()
            )
        } else {
            format!("after controlling for {controls} the gap is not significant ({numbers})")
        })
    }

    fn comparison_findings(&self, c: &Comparison, out: &mut Vec<Draft>) {
        let alpha = self.config.alpha();
        let focal = c.work_mode;
        let cohort = Cohort::all().with("work_mode", focal);
        let raw_gap = self.raw_gap(c);
        let mut evidence = self.evidence(c);
        if let Some(adjusted) = self.adjusted_sentence(c) {
            let mut chars = adjusted.chars();
            if let Some(first) = chars.next() {
                let _ = write!(evidence, " {}{}.", first.to_uppercase(), chars.as_str());
            }
        }
        if let Some(ir) = c.impact_ratio {
            let metric = Metric::new("impact ratio", ir.ratio)
                .ok()
                .map(|m| m.with_threshold(FOUR_FIFTHS).with_unit("ratio"));
            if !ir.four_fifths_met {
                let (severity, tail) = if raw_gap {
                    (Severity::High, "the gap is statistically significant")
                } else {
                    (
                        Severity::Medium,
                        "the gap is not statistically significant at these group sizes",
                    )
                };
                out.push(Draft {
                    code: "PB-IMPACT-RATIO",
                    severity,
                    title: format!(
                        "{} employees were promoted at {:.2}× the {} rate (four-fifths rule not met)",
                        focal.label(),
                        ir.ratio,
                        c.reference.as_str()
                    ),
                    detail: format!("{evidence} Below the 0.8 line; {tail}. {ANALOGY}"),
                    cohort: cohort.clone(),
                    affected: Some(c.focal_n),
                    metric: metric.clone(),
                    recommendation: format!(
                        "Review the {} promotion decisions of this cycle: check whether {} \
                         employees were nominated, calibrated and sponsored like {} peers, and \
                         read the adjusted and stratified findings before concluding.",
                        c.reference.as_str(),
                        focal.as_str(),
                        c.reference.as_str()
                    )
                    .replacen(&format!("the {} promotion", c.reference.as_str()), "the", 1),
                });
            } else if raw_gap {
                out.push(Draft {
                    code: "PB-RATE-GAP",
                    severity: Severity::Medium,
                    title: format!(
                        "{} employees were promoted at {:.2}× the {} rate: within the four-fifths \
                         rule, but statistically significant",
                        focal.label(),
                        ir.ratio,
                        c.reference.as_str()
                    ),
                    detail: format!("{evidence} {ANALOGY}"),
                    cohort: cohort.clone(),
                    affected: Some(c.focal_n),
                    metric,
                    recommendation: "A small but real gap: watch it next cycle and check \
                                     nomination and calibration for remote and hybrid staff."
                        .to_owned(),
                });
            }
        }

        if let Some(t) = c.logistic
            && t.odds_ratio < 1.0
            && t.p_value < alpha
        {
            out.push(Draft {
                code: "PB-ADJUSTED-GAP",
                severity: Severity::High,
                title: format!(
                    "{} employees' odds of promotion are {:.2}× those of {} employees with the \
                     same {}",
                    focal.label(),
                    t.odds_ratio,
                    c.reference.as_str(),
                    self.controls()
                ),
                detail: format!(
                    "Logistic regression of promotion on work mode, {}: {}.",
                    self.controls(),
                    self.adjusted_sentence(c).unwrap_or_default()
                ),
                cohort: cohort.clone(),
                affected: Some(c.focal_n),
                metric: Metric::new("adjusted odds ratio", t.odds_ratio)
                    .ok()
                    .map(|m| m.with_threshold(1.0)),
                recommendation: format!(
                    "The gap is not explained by {}: audit how promotion decisions weigh \
                     visibility, and give {} employees the same sponsorship and calibration \
                     evidence as {} peers.",
                    self.controls(),
                    focal.as_str(),
                    c.reference.as_str()
                ),
            });
        }

        if let Some(r) = c.rating
            && r.p_value < alpha
            && r.probability_of_superiority < 0.5
        {
            out.push(Draft {
                code: "PB-RATING-GAP",
                severity: Severity::Medium,
                title: format!(
                    "{} employees receive lower performance ratings than {} employees",
                    focal.label(),
                    c.reference.as_str()
                ),
                detail: format!(
                    "Mean rating {:.2} against {:.2}; a random {} employee is rated above a \
                     random {} employee with probability {:.2} (0.5 = no difference); \
                     Mann–Whitney U = {:.0}, {}. Proximity bias often enters through the \
                     rating rather than the promotion decision, and controlling for ratings \
                     then hides it.",
                    r.focal_mean,
                    r.reference_mean,
                    focal.as_str(),
                    c.reference.as_str(),
                    r.probability_of_superiority,
                    r.u_statistic,
                    fmt_p(r.p_value)
                ),
                cohort: cohort.clone(),
                affected: Some(c.focal_n),
                metric: Metric::new("probability of superiority", r.probability_of_superiority)
                    .ok()
                    .map(|m| m.with_threshold(0.5)),
                recommendation: "Calibrate ratings across work modes: check that managers rate \
                                 outcomes, not presence, and that remote work is visible in \
                                 review evidence."
                    .to_owned(),
            });
        }

        if let Some(lr) = &self.logrank
            && lr.p_value < alpha
            && let Some(i) = lr.groups.iter().position(|&g| g == focal.index())
            && let (Some(o), Some(e)) = (lr.observed.get(i), lr.expected.get(i))
            && o < e
        {
            let median = |m: Option<f64>| {
                m.map_or_else(|| "not reached".to_owned(), |v| format!("{v:.1} months"))
            };
            let reference_median = self
                .group(c.reference)
                .and_then(|g| g.median_months_to_promotion);
            out.push(Draft {
                code: "PB-TIME-TO-PROMOTION",
                severity: Severity::Medium,
                title: format!(
                    "{} employees wait longer for promotion than {} employees",
                    focal.label(),
                    c.reference.as_str()
                ),
                detail: format!(
                    "Kaplan–Meier median time to promotion: {} for {} employees, {} for {} \
                     employees. {:.0} promotions observed against {:.1} expected if every \
                     work mode were promoted at the same pace; log-rank χ² = {:.2} on {} df, {}.",
                    median(c.median_months_to_promotion),
                    focal.as_str(),
                    median(reference_median),
                    c.reference.as_str(),
                    o,
                    e,
                    lr.statistic,
                    lr.df,
                    fmt_p(lr.p_value)
                ),
                cohort: cohort.clone(),
                affected: Some(c.focal_n),
                metric: Metric::new("observed / expected promotions", o / e)
                    .ok()
                    .map(|m| m.with_threshold(1.0)),
                recommendation: "Check whether promotion cases for remote and hybrid staff are \
                                 raised later or deferred more often."
                    .to_owned(),
            });
        }

        if let Some(s) = &c.stratified {
            let strat_gap = s.cmh.p_value < alpha;
            let or_text = s.common_odds_ratio.map_or_else(String::new, |or| {
                format!(
                    "Mantel–Haenszel odds ratio {:.2} ({:.0}% CI {:.2}–{:.2}), ",
                    or.odds_ratio,
                    100.0 * (1.0 - alpha),
                    or.lower,
                    or.upper
                )
            });
            let within = format!(
                "Within each {} ({} strata), {or_text}Cochran–Mantel–Haenszel χ² = {:.2}, {}.",
                s.stratification,
                s.strata_used,
                s.cmh.statistic,
                fmt_p(s.cmh.p_value)
            );
            let or_below = s.common_odds_ratio.is_some_and(|o| o.odds_ratio < 1.0);
            if raw_gap && !strat_gap {
                out.push(Draft {
                    code: "PB-LEVEL-MIX-EXPLAINS",
                    severity: Severity::Low,
                    title: format!(
                        "The raw gap for {} employees is explained by {} mix",
                        focal.as_str(),
                        s.stratification
                    ),
                    detail: format!(
                        "Overall, {} employees were promoted less ({}). {within} Compared within \
                         the same {}, the gap is not significant: {} employees sit more often \
                         where promotion rates are lower for everyone (Simpson's paradox).",
                        focal.as_str(),
                        fmt_p(c.adjusted_p_value),
                        s.stratification,
                        focal.as_str()
                    ),
                    cohort: cohort.clone(),
                    affected: Some(c.focal_n),
                    metric: Metric::new("CMH p-value", s.cmh.p_value)
                        .ok()
                        .map(|m| m.with_threshold(alpha)),
                    recommendation: format!(
                        "Look at why {} employees are concentrated in {}s with fewer promotions \
                         (hiring level, job mix) rather than at promotion decisions within a {}.",
                        focal.as_str(),
                        s.stratification,
                        s.stratification
                    ),
                });
            } else if !raw_gap && strat_gap && or_below {
                out.push(Draft {
                    code: "PB-LEVEL-MIX-MASKS",
                    severity: Severity::Medium,
                    title: format!(
                        "Within the same {}, {} employees are promoted less; the overall figures \
                         hide it",
                        s.stratification,
                        focal.as_str()
                    ),
                    detail: format!(
                        "Overall the gap is not significant ({}), but {within} The {} mix masks \
                         the gap (Simpson's paradox).",
                        fmt_p(c.adjusted_p_value),
                        s.stratification
                    ),
                    cohort: cohort.clone(),
                    affected: Some(c.focal_n),
                    metric: Metric::new("CMH p-value", s.cmh.p_value)
                        .ok()
                        .map(|m| m.with_threshold(alpha)),
                    recommendation: format!(
                        "Review promotion decisions {}-by-{} for {} employees.",
                        s.stratification,
                        s.stratification,
                        focal.as_str()
                    ),
                });
            }
            if s.breslow_day.df > 0 && s.breslow_day.p_value < alpha {
                out.push(Draft {
                    code: "PB-GAP-VARIES",
                    severity: Severity::Low,
                    title: format!(
                        "The promotion gap for {} employees differs between {}s",
                        focal.as_str(),
                        s.stratification
                    ),
                    detail: format!(
                        "Breslow–Day χ² = {:.2} on {} df, {}: one pooled odds ratio does not \
                         describe every {}.",
                        s.breslow_day.statistic,
                        s.breslow_day.df,
                        fmt_p(s.breslow_day.p_value),
                        s.stratification
                    ),
                    cohort: cohort.clone(),
                    affected: None,
                    metric: None,
                    recommendation: format!(
                        "Read the {}-by-{} rates: the gap may sit in one part of the ladder.",
                        s.stratification, s.stratification
                    ),
                });
            }
        }

        if !raw_gap {
            let mdr = c.min_detectable_ratio;
            let underpowered = mdr.is_none_or(|r| r < FOUR_FIFTHS);
            let power = self.config.power();
            if underpowered {
                let reach = mdr.map_or_else(
                    || "no impact ratio, however small,".to_owned(),
                    |r| format!("only an impact ratio below {r:.2}"),
                );
                out.push(Draft {
                    code: "PB-UNDERPOWERED",
                    severity: Severity::Info,
                    title: format!(
                        "No evidence of a promotion gap for {} employees is not evidence of no gap",
                        focal.as_str()
                    ),
                    detail: format!(
                        "With {} {} and {} {} employees, {reach} would be detected with {:.0}% \
                         power at alpha {}; a ratio of 0.8 (the four-fifths line) could go \
                         unnoticed. {evidence}",
                        c.focal_n,
                        focal.as_str(),
                        c.reference_n,
                        c.reference.as_str(),
                        100.0 * power,
                        alpha
                    ),
                    cohort: cohort.clone(),
                    affected: None,
                    metric: mdr.and_then(|r| {
                        Metric::new("minimum detectable impact ratio", r)
                            .ok()
                            .map(|m| m.with_threshold(FOUR_FIFTHS))
                    }),
                    recommendation: "Pool more cycles or departments before concluding there is \
                                     no gap, and keep monitoring."
                        .to_owned(),
                });
            } else if c.impact_ratio.is_some_and(|ir| ir.four_fifths_met) {
                out.push(Draft {
                    code: "PB-NO-GAP",
                    severity: Severity::Info,
                    title: format!(
                        "No significant promotion gap for {} employees",
                        focal.as_str()
                    ),
                    detail: format!(
                        "{evidence} The groups are large enough to detect an impact ratio of \
                         {:.2} or lower with {:.0}% power.",
                        mdr.unwrap_or(0.0),
                        100.0 * power
                    ),
                    cohort,
                    affected: None,
                    metric: None,
                    recommendation: "Keep monitoring each promotion cycle.".to_owned(),
                });
            }
        }
    }

    fn intersection_findings(&self, out: &mut Vec<Draft>) {
        for cell in &self.intersections {
            if cell.work_mode == self.reference {
                continue;
            }
            let (Some(ir), Some(n)) = (cell.impact_ratio, cell.n.published()) else {
                continue;
            };
            if ir >= FOUR_FIFTHS {
                continue;
            }
            out.push(Draft {
                code: "PB-INTERSECTION",
                severity: Severity::Low,
                title: format!(
                    "{} employees with {} = {} were promoted at {:.2}× the rate of {} peers with \
                     the same {}",
                    cell.work_mode.label(),
                    cell.attribute,
                    cell.value,
                    ir,
                    self.reference.as_str(),
                    cell.attribute
                ),
                detail: format!(
                    "An exploratory intersectional cut ({} employees in the cohort); no \
                     significance test was applied. {ANALOGY}",
                    n
                ),
                cohort: Cohort::all()
                    .with("work_mode", cell.work_mode)
                    .with(cell.attribute.clone(), &cell.value),
                affected: Some(n),
                metric: Metric::new("impact ratio", ir)
                    .ok()
                    .map(|m| m.with_threshold(FOUR_FIFTHS)),
                recommendation: "Check this cohort's promotion decisions alongside the work-mode \
                                 findings; small cohorts swing from cycle to cycle."
                    .to_owned(),
            });
        }
    }
}

impl PromotionReport {
    /// Every finding, most severe first; built once by the analysis.
    pub(crate) fn build_findings(&self) -> Vec<Finding> {
        let mut drafts = Vec::new();
        for c in &self.comparisons {
            self.comparison_findings(c, &mut drafts);
        }
        self.intersection_findings(&mut drafts);
        let mut findings: Vec<Finding> = drafts.into_iter().filter_map(Draft::build).collect();
        findings.sort_by_key(|f| core::cmp::Reverse(f.severity()));
        findings
    }
}

impl Audit for PromotionReport {
    fn domain(&self) -> Domain {
        Domain::PromotionBias
    }

    fn coverage(&self) -> &remit_core::Coverage {
        &self.coverage
    }

    fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The promotion rate of the group's analysed members against everyone else
    /// analysed; see [`PromotionReport::compare_promotion_rate`].
    fn compare_group(
        &self,
        group: &EmployeeGroup,
        _disclosure: &mut remit_core::disclosure::Disclosure,
    ) -> Result<Vec<GroupComparison>, remit_core::disclosure::DisclosureError> {
        Ok(self.compare_promotion_rate(group).into_iter().collect())
    }

    /// Promotion rate by work mode with confidence intervals, and the Kaplan–Meier
    /// curves of months to promotion; see [`PromotionReport::rate_chart`] and
    /// [`PromotionReport::time_to_promotion_chart`].
    fn charts(&self) -> &[Chart] {
        &self.charts
    }
}
