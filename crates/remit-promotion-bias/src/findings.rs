//! Plain-language findings, built once by [`audit`](crate::audit) from the report's
//! released figures. The codes are in [`codes`](crate::codes).
//!
//! Every number in a finding's title, detail, metric and `affected` is a figure of a
//! group the disclosure engine released (a work mode, a released stratum or cohort, the
//! regression's sample); degenerate estimates are said in words by the rules of the
//! `wording` module (no `0.00×`, no interval whose ends print the same).

use core::fmt::Write as _;

use remit_core::audit::{Cohort, Domain, Finding, FindingCode, FindingTable, Metric, Severity};
use remit_core::disclosure::Disclosed;

use crate::codes;
use crate::config::{FOUR_FIFTHS, MultipleTesting};
use crate::error::Error;
use crate::report::PromotionReport;
use crate::results::{Comparison, IntersectionCell, LogisticTerm};
use crate::wording::{capitalised, interval, list, p_value, percent, ratio};

const ANALOGY: &str = "Work mode is not a protected class: the four-fifths rule of the Uniform \
Guidelines (29 CFR 1607.4(D)) is used here by analogy.";

/// A finding before it is checked.
struct Draft {
    code: FindingCode,
    severity: Severity,
    title: String,
    detail: String,
    cohort: Cohort,
    affected: Option<u64>,
    metric: Option<Metric>,
    table: Option<FindingTable>,
    recommendation: String,
}

impl Draft {
    fn build(self) -> Result<Finding, Error> {
        let mut b = Finding::builder(Domain::PromotionBias, self.code, self.severity, self.title)
            .detail(self.detail)
            .cohort(self.cohort)
            .recommendation(self.recommendation);
        if let Some(a) = self.affected {
            b = b.affected(a);
        }
        if let Some(m) = self.metric {
            b = b.metric(m);
        }
        if let Some(t) = self.table {
            b = b.table(t);
        }
        Ok(b.build()?)
    }
}

/// A ratio as a multiplier in prose: `0.53×`, `under 0.01×`, `over 99×`.
fn times(x: f64) -> String {
    match ratio(x) {
        Some(text) => format!("{text}×"),
        None if x < 0.005 => "under 0.01×".to_owned(),
        None => "over 99×".to_owned(),
    }
}

/// The Kaplan–Meier medians of two groups in one sentence; a median that is not
/// published (fewer than half promoted by the end of observation, or only after fewer
/// than the minimum group size remained at risk) is said so, not printed.
fn medians((focal, f): (&str, Option<f64>), (reference, r): (&str, Option<f64>)) -> String {
    let months = |m: f64| format!("{m:.1} months");
    match (f, r) {
        (Some(f), Some(r)) => format!(
            "Kaplan–Meier median time to promotion: {} for {focal} employees, {} for \
             {reference} employees.",
            months(f),
            months(r)
        ),
        (None, None) => "Fewer than half of either group were promoted while enough of \
                         them remained under observation, so neither has a median time to \
                         promotion."
            .to_owned(),
        (Some(f), None) => format!(
            "Kaplan–Meier median time to promotion: {} for {focal} employees; fewer than \
             half of {reference} employees were promoted while enough of them remained \
             under observation.",
            months(f)
        ),
        (None, Some(r)) => format!(
            "Kaplan–Meier median time to promotion: {} for {reference} employees; fewer \
             than half of {focal} employees were promoted while enough of them remained \
             under observation.",
            months(r)
        ),
    }
}

/// Every finding of the report, most severe first.
///
/// # Errors
/// [`Error::Finding`] if a finding fails to build (a bug in the wording; never dropped
/// silently).
pub(crate) fn build(report: &PromotionReport) -> Result<Vec<Finding>, Error> {
    let words = Words { report };
    let mut drafts = Vec::new();
    for c in report.comparisons() {
        words.comparison_findings(c, &mut drafts)?;
    }
    words.intersection_finding(&mut drafts)?;
    let mut findings = drafts
        .into_iter()
        .map(Draft::build)
        .collect::<Result<Vec<_>, _>>()?;
    findings.sort_by_key(|f| core::cmp::Reverse(f.severity()));
    Ok(findings)
}

struct Words<'a> {
    report: &'a PromotionReport,
}

impl Words<'_> {
    fn alpha(&self) -> f64 {
        self.report.config().alpha()
    }

    fn confidence(&self) -> f64 {
        1.0 - self.alpha()
    }

    fn adjusted_p(&self, p: f64) -> String {
        let name = match self.report.config().multiple_testing() {
            MultipleTesting::Holm => "Holm-adjusted",
            MultipleTesting::BenjaminiHochberg => "Benjamini–Hochberg-adjusted",
            MultipleTesting::None => "unadjusted",
        };
        format!("{name} {}", p_value(p))
    }

    /// The covariates in prose: `performance, tenure and level`.
    fn controls(&self) -> String {
        let names: Vec<&str> = self
            .report
            .config()
            .covariates()
            .iter()
            .map(|c| c.as_str())
            .collect();
        list(&names, "nothing else")
    }

    /// The raw figures of a comparison: counts, rates, impact ratio, z and Fisher.
    fn evidence(&self, c: &Comparison) -> String {
        let reference = c.reference.as_str();
        let focal = c.work_mode.as_str();
        let mut s = format!(
            "{} of {} {focal} employees were promoted ({}) against {} of {} {reference} \
             employees ({}); difference {:+.1} percentage points.",
            c.focal_promoted,
            c.focal_n,
            percent(c.focal_promoted as f64 / c.focal_n.max(1) as f64),
            c.reference_promoted,
            c.reference_n,
            percent(c.reference_promoted as f64 / c.reference_n.max(1) as f64),
            100.0 * c.rate_difference,
        );
        match c.impact_ratio {
            Some(_) if c.focal_promoted == 0 => {
                let _ = write!(
                    s,
                    " No {focal} employee was promoted, so the impact ratio is 0 and has no \
                     confidence interval."
                );
            }
            Some(ir) => {
                let _ = write!(s, " Impact ratio {}", times(ir.ratio).trim_end_matches('×'));
                if let (Some(lo), Some(hi)) = (ir.lower, ir.upper)
                    && let Some(ci) = interval(self.confidence(), lo, hi)
                {
                    let _ = write!(s, " ({ci})");
                }
                s.push('.');
            }
            None => {
                let _ = write!(
                    s,
                    " No {reference} employee was promoted, so there is no rate to compare \
                     against (no impact ratio)."
                );
            }
        }
        if let Some(z) = c.z_test {
            let _ = write!(s, " Pooled z = {:.2};", z.statistic);
        }
        let _ = write!(
            s,
            " Fisher's exact {} ({}).",
            p_value(c.fisher_p_value),
            self.adjusted_p(c.adjusted_p_value)
        );
        s
    }

    /// The regression's sample in prose (`" of 1,234 employees"`), when released.
    fn sample(&self) -> String {
        match self.report.regression_sample() {
            Some(Disclosed::Published(n)) => format!(" over {n} employees"),
            _ => String::new(),
        }
    }

    /// The sentence about the regression-adjusted odds ratio (lower case, no final
    /// stop), if the model was fitted.
    fn adjusted_sentence(&self, c: &Comparison) -> Option<String> {
        let t = c.logistic?;
        let controls = self.controls();
        let focal = c.work_mode.as_str();
        let significant = t.p_value < self.alpha();
        if t.firth {
            let direction = if t.estimate < 0.0 { "lower" } else { "higher" };
            return Some(format!(
                "the regression cannot put a size on the gap: in these data, work mode \
                 together with {controls} predicts promotion perfectly for some employees \
                 (separation), so the odds ratio has no finite estimate; Firth's penalised \
                 fit points to {direction} odds for {focal} employees ({}{})",
                p_value(t.p_value),
                if significant { "" } else { ", not significant" }
            ));
        }
        let numbers = match ratio(t.odds_ratio) {
            Some(or) => {
                let mut numbers = format!("odds ratio {or}");
                if let Some(ci) = interval(self.confidence(), t.ci_low, t.ci_high) {
                    let _ = write!(numbers, ", {ci}");
                }
                let _ = write!(numbers, ", {}", p_value(t.p_value));
                numbers
            }
            None => format!(
                "the odds ratio, {} 1, is too extreme to state as a number; {}",
                if t.odds_ratio < 1.0 {
                    "far below"
                } else {
                    "far above"
                },
                p_value(t.p_value)
            ),
        };
        Some(if significant && t.odds_ratio < 1.0 {
            format!("the gap remains after controlling for {controls} ({numbers})")
        } else if significant {
            format!(
                "after controlling for {controls} the odds favour {focal} employees ({numbers})"
            )
        } else {
            format!("after controlling for {controls} the gap is not significant ({numbers})")
        })
    }

    fn comparison_findings(&self, c: &Comparison, out: &mut Vec<Draft>) -> Result<(), Error> {
        let alpha = self.alpha();
        let focal = c.work_mode;
        let reference = c.reference.as_str();
        let cohort = Cohort::all().with("work_mode", focal);
        let raw_gap = self.report.raw_gap(c);
        let mut evidence = self.evidence(c);
        if let Some(adjusted) = self.adjusted_sentence(c) {
            let _ = write!(evidence, " {}.", capitalised(&adjusted));
        }
        if let Some(ir) = c.impact_ratio {
            let metric = Metric::new("impact ratio", ir.ratio)?
                .with_threshold(FOUR_FIFTHS)
                .with_unit("ratio");
            if !ir.four_fifths_met {
                let (severity, tail) = if raw_gap {
                    (Severity::High, "the gap is statistically significant")
                } else {
                    (
                        Severity::Medium,
                        "the gap is not statistically significant at these group sizes",
                    )
                };
                let title = if c.focal_promoted == 0 {
                    format!(
                        "No {} employee was promoted, against {} of {reference} employees \
                         (four-fifths rule not met)",
                        focal.as_str(),
                        percent(c.reference_promoted as f64 / c.reference_n.max(1) as f64)
                    )
                } else {
                    format!(
                        "{} employees were promoted at {} the {reference} rate (four-fifths rule \
                         not met)",
                        focal.label(),
                        times(ir.ratio)
                    )
                };
                out.push(Draft {
                    code: codes::IMPACT_RATIO,
                    severity,
                    title,
                    detail: format!("{evidence} Below the 0.8 line; {tail}. {ANALOGY}"),
                    cohort: cohort.clone(),
                    affected: Some(c.focal_n),
                    metric: Some(metric),
                    table: None,
                    recommendation: format!(
                        "Review the promotion decisions of this cycle: check whether {} \
                         employees were nominated, calibrated and sponsored like {reference} \
                         peers, and read the adjusted and stratified findings before concluding.",
                        focal.as_str()
                    ),
                });
            } else if raw_gap {
                out.push(Draft {
                    code: codes::RATE_GAP,
                    severity: Severity::Medium,
                    title: format!(
                        "{} employees were promoted at {} the {reference} rate: within the \
                         four-fifths rule, but statistically significant",
                        focal.label(),
                        times(ir.ratio)
                    ),
                    detail: format!("{evidence} {ANALOGY}"),
                    cohort: cohort.clone(),
                    affected: Some(c.focal_n),
                    metric: Some(metric),
                    table: None,
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
            out.push(self.adjusted_gap(c, t, cohort.clone())?);
        }

        if let Some(r) = c.rating
            && r.p_value < alpha
            && r.probability_of_superiority < 0.5
        {
            out.push(Draft {
                code: codes::RATING_GAP,
                severity: Severity::Medium,
                title: format!(
                    "{} employees receive lower performance ratings than {reference} employees",
                    focal.label(),
                ),
                detail: format!(
                    "Mean rating {:.2} against {:.2}; a random {} employee is rated above a \
                     random {reference} employee with probability {:.2} (0.5 = no difference); \
                     Mann–Whitney U = {:.0}, {}. Proximity bias often enters through the \
                     rating rather than the promotion decision, and controlling for ratings \
                     then hides it.",
                    r.focal_mean,
                    r.reference_mean,
                    focal.as_str(),
                    r.probability_of_superiority,
                    r.u_statistic,
                    p_value(r.p_value)
                ),
                cohort: cohort.clone(),
                affected: Some(c.focal_n),
                metric: Some(
                    Metric::new("probability of superiority", r.probability_of_superiority)?
                        .with_threshold(0.5),
                ),
                table: None,
                recommendation: "Calibrate ratings across work modes: check that managers rate \
                                 outcomes, not presence, and that remote work is visible in \
                                 review evidence."
                    .to_owned(),
            });
        }

        if let Some(lr) = self.report.logrank()
            && lr.p_value < alpha
            && let Some(i) = lr.groups.iter().position(|&g| g == focal.index())
            && let (Some(&o), Some(&e)) = (lr.observed.get(i), lr.expected.get(i))
            && o < e
            && e > 0.0
        {
            let reference_median = self
                .report
                .group(c.reference)
                .and_then(|g| g.median_months_to_promotion);
            out.push(Draft {
                code: codes::TIME_TO_PROMOTION,
                severity: Severity::Medium,
                title: format!(
                    "{} employees wait longer for promotion than {reference} employees",
                    focal.label(),
                ),
                detail: format!(
                    "{} {o:.0} promotions observed against {e:.1} expected if every work mode \
                     were promoted at the same pace; log-rank χ² = {:.2} on {} df, {}.",
                    medians(
                        (focal.as_str(), c.median_months_to_promotion),
                        (reference, reference_median)
                    ),
                    lr.statistic,
                    lr.df,
                    p_value(lr.p_value)
                ),
                cohort: cohort.clone(),
                affected: Some(c.focal_n),
                metric: Some(
                    Metric::new("observed / expected promotions", o / e)?.with_threshold(1.0),
                ),
                table: None,
                recommendation: "Check whether promotion cases for remote and hybrid staff are \
                                 raised later or deferred more often."
                    .to_owned(),
            });
        }

        self.stratified_findings(c, raw_gap, &cohort, out)?;
        self.power_finding(c, raw_gap, &evidence, cohort, out)
    }

    fn adjusted_gap(
        &self,
        c: &Comparison,
        t: LogisticTerm,
        cohort: Cohort,
    ) -> Result<Draft, Error> {
        let focal = c.work_mode;
        let reference = c.reference.as_str();
        let controls = self.controls();
        let sized = ratio(t.odds_ratio).filter(|_| !t.firth);
        let title = match &sized {
            Some(or) => format!(
                "{} employees' odds of promotion are {or}× those of {reference} employees with \
                 the same {controls}",
                focal.label(),
            ),
            None => format!(
                "{} employees are promoted less often than {reference} employees with the same \
                 {controls}; the model cannot size the gap",
                focal.label(),
            ),
        };
        let metric = match sized {
            Some(_) => Some(Metric::new("adjusted odds ratio", t.odds_ratio)?.with_threshold(1.0)),
            None => None,
        };
        Ok(Draft {
            code: codes::ADJUSTED_GAP,
            severity: Severity::High,
            title,
            detail: format!(
                "Logistic regression of promotion on work mode, {controls}{}. {}.",
                self.sample(),
                capitalised(&self.adjusted_sentence(c).unwrap_or_default())
            ),
            cohort,
            affected: Some(c.focal_n),
            metric,
            table: None,
            recommendation: format!(
                "The gap is not explained by {controls}: audit how promotion decisions weigh \
                 visibility, and give {} employees the same sponsorship and calibration \
                 evidence as {reference} peers.",
                focal.as_str(),
            ),
        })
    }

    fn stratified_findings(
        &self,
        c: &Comparison,
        raw_gap: bool,
        cohort: &Cohort,
        out: &mut Vec<Draft>,
    ) -> Result<(), Error> {
        let Some(s) = &c.stratified else {
            return Ok(());
        };
        let alpha = self.alpha();
        let focal = c.work_mode.as_str();
        let by = s.stratification;
        let strat_gap = s.cmh.p_value < alpha;
        let or_text = s
            .common_odds_ratio
            .and_then(|or| {
                let value = ratio(or.odds_ratio)?;
                let ci = interval(self.confidence(), or.lower, or.upper)
                    .map_or_else(String::new, |ci| format!(" ({ci})"));
                Some(format!("Mantel–Haenszel odds ratio {value}{ci}, "))
            })
            .unwrap_or_default();
        let strata = if s.strata_withheld == 0 {
            format!("{} {by}s with information", s.strata_used)
        } else {
            format!(
                "{} {by}s with information; {} more left out to protect small groups",
                s.strata_used, s.strata_withheld
            )
        };
        let within = format!(
            "Within each {by} ({strata}), {or_text}Cochran–Mantel–Haenszel χ² = {:.2}, {}.",
            s.cmh.statistic,
            p_value(s.cmh.p_value)
        );
        let or_below = s.common_odds_ratio.is_some_and(|o| o.odds_ratio < 1.0);
        let cmh_metric = || -> Result<Metric, Error> {
            Ok(Metric::new("CMH p-value", s.cmh.p_value)?.with_threshold(alpha))
        };
        if raw_gap && !strat_gap {
            out.push(Draft {
                code: codes::LEVEL_MIX_EXPLAINS,
                severity: Severity::Low,
                title: format!("The raw gap for {focal} employees is explained by {by} mix"),
                detail: format!(
                    "Overall, {focal} employees were promoted less ({}). {within} Compared \
                     within the same {by}, the gap is not significant: {focal} employees sit \
                     more often where promotion rates are lower for everyone (Simpson's \
                     paradox).",
                    self.adjusted_p(c.adjusted_p_value)
                ),
                cohort: cohort.clone(),
                affected: Some(c.focal_n),
                metric: Some(cmh_metric()?),
                table: None,
                recommendation: format!(
                    "Look at why {focal} employees are concentrated in {by}s with fewer \
                     promotions (hiring level, job mix) rather than at promotion decisions \
                     within a {by}."
                ),
            });
        } else if !raw_gap && strat_gap && or_below {
            out.push(Draft {
                code: codes::LEVEL_MIX_MASKS,
                severity: Severity::Medium,
                title: format!(
                    "Within the same {by}, {focal} employees are promoted less; the overall \
                     figures hide it"
                ),
                detail: format!(
                    "Overall the gap is not significant ({}), but {within} The {by} mix masks \
                     the gap (Simpson's paradox).",
                    self.adjusted_p(c.adjusted_p_value)
                ),
                cohort: cohort.clone(),
                affected: Some(c.focal_n),
                metric: Some(cmh_metric()?),
                table: None,
                recommendation: format!(
                    "Review promotion decisions {by}-by-{by} for {focal} employees."
                ),
            });
        }
        if s.breslow_day.df > 0 && s.breslow_day.p_value < alpha {
            out.push(Draft {
                code: codes::GAP_VARIES,
                severity: Severity::Low,
                title: format!("The promotion gap for {focal} employees differs between {by}s"),
                detail: format!(
                    "Breslow–Day χ² = {:.2} on {} df, {}: one pooled odds ratio does not \
                     describe every {by}.",
                    s.breslow_day.statistic,
                    s.breslow_day.df,
                    p_value(s.breslow_day.p_value)
                ),
                cohort: cohort.clone(),
                affected: None,
                metric: None,
                table: None,
                recommendation: format!(
                    "Read the {by}-by-{by} rates: the gap may sit in one part of the ladder."
                ),
            });
        }
        Ok(())
    }

    fn power_finding(
        &self,
        c: &Comparison,
        raw_gap: bool,
        evidence: &str,
        cohort: Cohort,
        out: &mut Vec<Draft>,
    ) -> Result<(), Error> {
        if raw_gap {
            return Ok(());
        }
        let focal = c.work_mode.as_str();
        let reference = c.reference.as_str();
        let mdr = c.min_detectable_ratio;
        let power = self.report.config().power();
        let alpha = self.alpha();
        if !PromotionReport::can_see_four_fifths(c) {
            let reach = match mdr {
                None => "no impact ratio, however small,".to_owned(),
                Some(r) => match ratio(r) {
                    Some(r) => format!("only an impact ratio below {r}"),
                    None => "only an impact ratio near 0".to_owned(),
                },
            };
            out.push(Draft {
                code: codes::UNDERPOWERED,
                severity: Severity::Info,
                title: format!(
                    "No evidence of a promotion gap for {focal} employees is not evidence of no gap"
                ),
                detail: format!(
                    "With {} {focal} and {} {reference} employees, {reach} would be detected \
                     with {:.0}% power at alpha {alpha}; a ratio of 0.8 (the four-fifths line) \
                     could go unnoticed. {evidence}",
                    c.focal_n,
                    c.reference_n,
                    100.0 * power,
                ),
                cohort,
                affected: None,
                metric: match mdr {
                    Some(r) => Some(
                        Metric::new("minimum detectable impact ratio", r)?
                            .with_threshold(FOUR_FIFTHS),
                    ),
                    None => None,
                },
                table: None,
                recommendation: "Pool more cycles or departments before concluding there is \
                                 no gap, and keep monitoring."
                    .to_owned(),
            });
        } else if c.impact_ratio.is_some_and(|ir| ir.four_fifths_met)
            && let Some(r) = mdr.and_then(ratio)
        {
            out.push(Draft {
                code: codes::NO_GAP,
                severity: Severity::Info,
                title: format!("No significant promotion gap for {focal} employees"),
                detail: format!(
                    "{evidence} The groups are large enough to detect an impact ratio of {r} or \
                     lower with {:.0}% power.",
                    100.0 * power
                ),
                cohort,
                affected: None,
                metric: None,
                table: None,
                recommendation: "Keep monitoring each promotion cycle.".to_owned(),
            });
        }
        Ok(())
    }

    /// One finding for every work mode × attribute cohort whose rate is below four
    /// fifths of the reference mode's cohort with the same value, with a table of them.
    fn intersection_finding(&self, out: &mut Vec<Draft>) -> Result<(), Error> {
        let Some(reference) = self.report.reference() else {
            return Ok(());
        };
        let flagged: Vec<(&IntersectionCell, u64, f64)> = self
            .report
            .intersections()
            .iter()
            .filter(|cell| cell.work_mode != reference)
            .filter_map(|cell| match (cell.n, cell.impact_ratio) {
                (Disclosed::Published(n), Some(ir)) if ir < FOUR_FIFTHS => Some((cell, n, ir)),
                _ => None,
            })
            .collect();
        let reference = reference.as_str();
        let untested = format!(
            "An exploratory intersectional cut; no significance test was applied, and small \
             cohorts swing from cycle to cycle. {ANALOGY}"
        );
        let recommendation = "Check these cohorts' promotion decisions alongside the work-mode \
                              findings before acting on one cycle."
            .to_owned();
        match flagged.as_slice() {
            [] => {}
            [(cell, n, ir)] => out.push(Draft {
                code: codes::INTERSECTION,
                severity: Severity::Low,
                title: format!(
                    "{} employees with {} = {} were promoted at {} the rate of {reference} peers \
                     with the same {}",
                    cell.work_mode.label(),
                    cell.attribute,
                    cell.value,
                    times(*ir),
                    cell.attribute
                ),
                detail: format!("{n} employees in the cohort. {untested}"),
                cohort: Cohort::all()
                    .with("work_mode", cell.work_mode)
                    .with(cell.attribute.clone(), &cell.value),
                affected: Some(*n),
                metric: Some(Metric::new("impact ratio", *ir)?.with_threshold(FOUR_FIFTHS)),
                table: None,
                recommendation,
            }),
            many => {
                let mut table = FindingTable::new([
                    "work mode",
                    "attribute",
                    "value",
                    "employees",
                    "promotion rate",
                    "impact ratio",
                ]);
                for (cell, n, ir) in many {
                    table = table.with_row([
                        cell.work_mode.as_str().to_owned(),
                        cell.attribute.clone(),
                        cell.value.clone(),
                        n.to_string(),
                        cell.rate.map_or_else(|| "–".to_owned(), percent),
                        times(*ir),
                    ])?;
                }
                let lowest = many
                    .iter()
                    .map(|(_, _, ir)| *ir)
                    .fold(f64::INFINITY, f64::min);
                out.push(Draft {
                    code: codes::INTERSECTION,
                    severity: Severity::Low,
                    title: format!(
                        "{} work mode × attribute cohorts were promoted at under four fifths of \
                         the rate of {reference} peers with the same attribute",
                        many.len()
                    ),
                    detail: format!(
                        "The table lists each cohort; the lowest impact ratio is {}. {untested}",
                        times(lowest)
                    ),
                    cohort: Cohort::all(),
                    affected: None,
                    metric: Some(
                        Metric::new("lowest impact ratio", lowest)?.with_threshold(FOUR_FIFTHS),
                    ),
                    table: Some(table),
                    recommendation,
                });
            }
        }
        Ok(())
    }
}
