//! The benefit-equity audit: everything in one run, as a [`remit_core::Audit`] report.
//!
//! # Finding codes
//!
//! Stable codes a program can match on:
//!
//! | code | severity | when |
//! |---|---|---|
//! | `BEN-ADJUSTED-GAP` | high (shortfall) / medium (surplus) | the adjusted gap of hybrid or remote staff is at least the threshold (5%) and significant — the EU Pay Transparency Directive 2023/970 Art. 10 joint-assessment trigger |
//! | `BEN-UNMATCHED-PERK` | medium | an onsite-only perk has no remote counterpart |
//! | `BEN-UNADJUSTED-GAP` | info | the raw mean gap is at least the threshold but the adjusted gap is not flagged |
//! | `BEN-INSUFFICIENT-DATA` | info | a group is too small to say (the 30/5 rule) |
//! | `BEN-GAP-NOT-IDENTIFIED` | low | a work mode shares no level × country cell with onsite staff, directly or through the other work mode |
//! | `BEN-INELIGIBLE-ENROLMENT` | low | employees receive a benefit its eligibility rule excludes |

use remit_core::audit::{
    Audit, Cohort, Domain, EmployeeGroup, Finding, FindingCode, GroupComparison, Metric, Severity,
};
use remit_core::chart::{Chart, ChartKind, Point, Series};
use remit_core::privacy::{Disclosed, Suppression};
use remit_core::{BenefitId, EmployeeId, Money, WorkMode, Workforce};
use rust_decimal::Decimal;
use statrs::distribution::{ContinuousCDF, StudentsT};

use crate::catalogue::Catalogue;
use crate::enrolment::Enrolments;
use crate::equity::{
    Comparison, EquityAnalysis, EquitySettings, GapEstimate, analyse_with_baseline,
};
use crate::error::BenefitsError;
use crate::location::{ExchangeRates, LocationIndex};
use crate::remediation::{Planner, RemediationPlan, Strategy};
use crate::tax::TaxModel;
use crate::unmatched::{UnmatchedPerk, unmatched_perks};
use crate::valuation::{ValuationSettings, Valuations, value_employees};

/// Everything the audit needs besides the data and the two ports.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuditConfig {
    valuation: ValuationSettings,
    equity: EquitySettings,
}

impl AuditConfig {
    /// Valuation settings for `as_of` and the default equity settings.
    pub fn new(valuation: ValuationSettings) -> Self {
        Self {
            valuation,
            equity: EquitySettings::default(),
        }
    }

    /// Sets the equity settings.
    #[must_use]
    pub fn with_equity(mut self, equity: EquitySettings) -> Self {
        self.equity = equity;
        self
    }

    /// The valuation settings.
    pub fn valuation(&self) -> &ValuationSettings {
        &self.valuation
    }
    /// The equity settings.
    pub fn equity(&self) -> &EquitySettings {
        &self.equity
    }
}

/// Enrolments a benefit's eligibility rule does not admit.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct IneligibleEnrolments {
    benefit: BenefitId,
    name: String,
    count: Disclosed<u64>,
}

impl IneligibleEnrolments {
    /// The benefit.
    pub fn benefit(&self) -> BenefitId {
        self.benefit
    }
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// How many employees, through the guard.
    pub fn count(&self) -> Disclosed<u64> {
        self.count
    }
}

/// The benefit-equity audit of one workforce: valuation, equity analysis, unmatched
/// perks, remediation plans, findings and health.
///
/// ```
/// # use chrono::NaiveDate;
/// # use remit_benefits::*;
/// # use remit_core::{Audit, BenefitId, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster, WorkMode};
/// # use rust_decimal::Decimal;
/// let eur = Currency::new("EUR")?;
/// let gym = Benefit::builder(BenefitId::from_external("gym"), "Office gym")
///     .category(BenefitCategory::Fitness)
///     .eligibility(Eligibility::office_based())
///     .valuation(Valuation::annual(Money::new(Decimal::from(600), eur)))
///     .build()?;
/// let health = Benefit::builder(BenefitId::from_external("health"), "Health cover")
///     .category(BenefitCategory::Health)
///     .valuation(Valuation::per_use(Money::new(Decimal::from(3000), eur), Decimal::ONE))
///     .build()?;
/// let catalogue = Catalogue::builder().benefit(gym.clone()).benefit(health.clone()).build()?;
/// let mut people = Vec::new();
/// let mut enrolments = Enrolments::new(&catalogue);
/// for i in 0..40 {
///     let mode = if i % 2 == 0 { WorkMode::Onsite } else { WorkMode::Remote };
///     let e = Employee::builder(EmployeeId::from_external(&format!("E{i}")))
///         .work_mode(mode).country(CountryCode::new("DE")?)
///         .time_zone(remit_core::chrono_tz::Europe::Berlin).level(JobLevel::new(1 + (i % 3) as u8))
///         .department(Department::new("Ops")?)
///         .hired_on(NaiveDate::from_ymd_opt(2020 + (i % 5), 1, 1).unwrap()).build()?;
///     // Cover varies a little from person to person (family members, options).
///     enrolments.enrol_with_uses(e.id(), health.id(), Decimal::new(100 + i64::from(i % 7), 2))?;
///     if mode == WorkMode::Onsite {
///         enrolments.enrol(e.id(), gym.id())?;
///     }
///     people.push(e);
/// }
/// let roster = Roster::new(people)?;
/// let rates = ExchangeRates::new(eur);
/// let config = AuditConfig::new(ValuationSettings::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()));
/// let audit = BenefitAudit::run(&roster, &catalogue, &enrolments, &rates, &EmployerCost, &rates, &config)?;
/// let codes: Vec<String> = audit.findings().iter().map(|f| f.code().to_string()).collect();
/// assert!(codes.contains(&"BEN-ADJUSTED-GAP".to_owned())); // about 3 090 vs 3 690: a 16% shortfall
/// assert!(codes.contains(&"BEN-UNMATCHED-PERK".to_owned())); // the gym has no remote answer
/// let full = audit.remediation().iter().find(|p| p.strategy() == Strategy::FullParity).unwrap();
/// let budget = full.base_total().amount();
/// assert!(budget > Decimal::from(11_000) && budget < Decimal::from(14_000)); // about 20 × 600 EUR
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BenefitAudit {
    config: AuditConfig,
    by_id: ById,
    valuations: Valuations,
    equity: EquityAnalysis,
    unmatched: Vec<UnmatchedPerk>,
    remediation: Vec<RemediationPlan>,
    ineligible: Vec<IneligibleEnrolments>,
    findings: Vec<Finding>,
    charts: Vec<Chart>,
    coverage: remit_core::Coverage,
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn code(s: &str) -> Result<FindingCode, BenefitsError> {
    Ok(FindingCode::new(s)?)
}

impl BenefitAudit {
    /// Runs the whole audit.
    ///
    /// `index` normalises values across countries, `tax` chooses the tax basis, and
    /// `rates` (market exchange rates into the same base currency as `index`) converts
    /// remediation budgets.
    ///
    /// # Errors
    ///
    /// Any error of [`value_employees`], [`analyse_equity`](crate::analyse_equity), [`unmatched_perks`] or
    /// [`plan_remediation`](crate::plan_remediation).
    pub fn run<W, L, T>(
        workforce: &W,
        catalogue: &Catalogue,
        enrolments: &Enrolments,
        index: &L,
        tax: &T,
        rates: &ExchangeRates,
        config: &AuditConfig,
    ) -> Result<Self, BenefitsError>
    where
        W: Workforce + ?Sized,
        L: LocationIndex + ?Sized,
        T: TaxModel + ?Sized,
    {
        let valuations = value_employees(
            workforce,
            catalogue,
            enrolments,
            index,
            tax,
            &config.valuation,
        )?;
        let (equity, baseline) = analyse_with_baseline(&valuations, &config.equity)?;
        // Remediation refits reuse the analysis's cells, values and design.
        let planner = Planner::from_baseline(&valuations, baseline);
        let guard = config.equity.guard();
        let unmatched = unmatched_perks(catalogue, &valuations, index, tax, &guard)?;
        let threshold = config.equity.threshold();
        let alpha = config.equity.alpha();

        let mut findings = Vec::new();
        let mut remediation = Vec::new();
        let mut penalty = 0u32;
        let base = valuations.base_currency();
        for gap in equity.gaps() {
            let mode = gap.work_mode();
            let cohort = Cohort::all().with("work_mode", mode);
            let affected = equity
                .by_mode()
                .iter()
                .find(|b| b.work_mode() == mode)
                .and_then(|b| b.value().count().published());
            match gap.adjusted() {
                GapEstimate::Estimated(g) => {
                    let flagged = g.gap().abs() >= threshold && g.p_value() < alpha;
                    if flagged {
                        let shortfall = g.gap() < 0.0;
                        let mut plans = Vec::new();
                        if shortfall {
                            for s in Strategy::ALL {
                                plans.push(planner.plan(
                                    mode,
                                    g.coefficient(),
                                    &config.equity,
                                    s,
                                    index,
                                    tax,
                                    rates,
                                )?);
                            }
                        }
                        let budget = |s: Strategy| {
                            plans
                                .iter()
                                .find(|p| p.strategy() == s)
                                .map(|p| p.base_total())
                                .unwrap_or_else(|| Money::zero(base))
                        };
                        // The gap each plan reaches when the regression is refitted
                        // with its stipends paid.
                        let reached = |s: Strategy| match plans
                            .iter()
                            .find(|p| p.strategy() == s)
                            .map(|p| p.achieved_gap())
                        {
                            Some(GapEstimate::Estimated(a)) => {
                                format!("refitted gap {}", pct(a.gap()))
                            }
                            _ => "the refit cannot estimate the gap".to_owned(),
                        };
                        let recommendation = if shortfall {
                            format!(
                                "Close the gap within six months (Directive 2023/970 Art. 10): a stipend bringing it under {} costs {} a year ({}); the same amount for everyone costs {} a year ({}); full parity costs {} a year ({}).",
                                pct(threshold),
                                budget(Strategy::MinimumToThreshold),
                                reached(Strategy::MinimumToThreshold),
                                budget(Strategy::FlatPerGroup),
                                reached(Strategy::FlatPerGroup),
                                budget(Strategy::FullParity),
                                reached(Strategy::FullParity)
                            )
                        } else {
                            format!(
                                "Check that the {} surplus of {} staff over onsite staff has an objective reason, or rebalance the onsite offer.",
                                pct(g.gap()),
                                mode.as_str()
                            )
                        };
                        let mut f = Finding::builder(
                            Domain::Benefits,
                            code("BEN-ADJUSTED-GAP")?,
                            if shortfall {
                                Severity::High
                            } else {
                                Severity::Medium
                            },
                            format!(
                                "{} staff receive benefits worth {} {} than comparable onsite staff",
                                mode.label(),
                                pct(g.gap().abs()),
                                if shortfall { "less" } else { "more" }
                            ),
                        )
                        .detail(format!(
                            "Adjusted gap {} ({:.0}% CI {} to {}, p = {:.2e}) from the regression {}; values {}, {}.{}",
                            pct(g.gap()),
                            (1.0 - alpha) * 100.0,
                            pct(g.lower()),
                            pct(g.upper()),
                            g.p_value(),
                            equity
                                .model()
                                .map_or_else(String::new, |m| m.describe()),
                            valuations.index_description(),
                            valuations.tax_description(),
                            comparison_note(mode, g.comparison())
                        ))
                        .cohort(cohort.clone())
                        .metric(
                            Metric::new("adjusted benefit gap", g.gap())?
                                .with_threshold(-threshold)
                                .with_unit("share"),
                        )
                        .recommendation(recommendation);
                        if let Some(n) = affected {
                            f = f.affected(n);
                        }
                        findings.push(f.build()?);
                        penalty += if shortfall { 35 } else { 15 };
                        remediation.extend(plans);
                    } else if let Disclosed::Published(u) = gap.unadjusted()
                        && u.abs() >= threshold
                    {
                        findings.push(
                            Finding::builder(
                                Domain::Benefits,
                                code("BEN-UNADJUSTED-GAP")?,
                                Severity::Info,
                                format!(
                                    "{} staff's mean benefit value differs from onsite by {}, explained by level, country and tenure",
                                    mode.label(),
                                    pct(u)
                                ),
                            )
                            .detail(format!(
                                "Unadjusted gap {}; adjusted gap {} (p = {:.2e}) is under the {} threshold or not significant.",
                                pct(u),
                                pct(g.gap()),
                                g.p_value(),
                                pct(threshold)
                            ))
                            .cohort(cohort.clone())
                            .metric(Metric::new("unadjusted benefit gap", u)?.with_unit("share"))
                            .recommendation("No action on equity grounds; keep monitoring the mix of levels and countries by work mode.")
                            .build()?,
                        );
                    }
                }
                GapEstimate::TooSmall {
                    total,
                    group,
                    reference,
                } => {
                    findings.push(
                        Finding::builder(
                            Domain::Benefits,
                            code("BEN-INSUFFICIENT-DATA")?,
                            Severity::Info,
                            format!(
                                "Too few employees to measure the {} benefit gap",
                                mode.as_str()
                            ),
                        )
                        .detail(format!(
                            "The regression needs at least {} employees with benefits and {} in each group; it has {} in all, {} in the group and {} onsite (figures under the minimum group size are not shown).{}",
                            config.equity.min_total(),
                            config.equity.min_group(),
                            shown(*total, &guard),
                            shown(*group, &guard),
                            shown(*reference, &guard),
                            if equity.model().is_some_and(|m| m.indicators().contains(&mode)) {
                                " They keep their own indicator in the model, so they are not counted as onsite staff when the other gap is measured.".to_owned()
                            } else {
                                String::new()
                            }
                        ))
                        .cohort(cohort.clone())
                        .recommendation("Review this group's benefits case by case instead of statistically.")
                        .build()?,
                    );
                    penalty += 5;
                }
                GapEstimate::NotIdentified => {
                    findings.push(
                        Finding::builder(
                            Domain::Benefits,
                            code("BEN-GAP-NOT-IDENTIFIED")?,
                            Severity::Low,
                            format!(
                                "The {} benefit gap cannot be separated from location and level",
                                mode.as_str()
                            ),
                        )
                        .detail(format!(
                            "No {} employee shares a level × country cell with onsite staff, directly or through {} staff, so any difference is indistinguishable from a country or level difference.{}",
                            mode.as_str(),
                            if mode == WorkMode::Hybrid { "remote" } else { "hybrid" },
                            match equity.model().map(|m| m.outside_connected_set()) {
                                Some(n) if n > 0 => format!(
                                    " Employees in those cells ({}) are left out of the regression.",
                                    shown(n, &guard)
                                ),
                                _ => String::new(),
                            }
                        ))
                        .cohort(cohort.clone())
                        .recommendation("Compare benefits per country against the local onsite offer, or audit with a location index that makes countries comparable.")
                        .build()?,
                    );
                    penalty += 5;
                }
            }
        }

        let mut unmatched_penalty = 0u32;
        for perk in &unmatched {
            let mut f = Finding::builder(
                Domain::Benefits,
                code("BEN-UNMATCHED-PERK")?,
                Severity::Medium,
                format!("Onsite perk \"{}\" has no remote counterpart", perk.name()),
            )
            .cohort(
                Cohort::all()
                    .with("work_mode", WorkMode::Remote)
                    .with("benefit", perk.name()),
            );
            let detail = match (
                perk.remote_affected(),
                perk.forgone_mean(),
                perk.forgone_total(),
            ) {
                (
                    Disclosed::Published(n),
                    Disclosed::Published(mean),
                    Disclosed::Published(total),
                ) => {
                    f = f.affected(n);
                    if let Ok(v) = f64::try_from(mean.amount())
                        && let Ok(m) = Metric::new("value forgone per remote employee", v)
                    {
                        f = f.metric(m.with_unit(base.code()));
                    }
                    format!(
                        "{n} remote employees would receive this {} perk if they worked onsite; they forgo {mean} each a year on average, {total} in all.",
                        perk.category()
                    )
                }
                _ => format!(
                    "Too few remote employees would qualify for this {} perk to publish figures.",
                    perk.category()
                ),
            };
            findings.push(
                f.detail(detail)
                    .recommendation(format!(
                        "Pair it with a remote benefit of similar value (for {}: {}).",
                        perk.category(),
                        suggestion(perk.category())
                    ))
                    .build()?,
            );
            unmatched_penalty += 8;
        }
        penalty += unmatched_penalty.min(40);

        let mut ineligible = Vec::new();
        for (benefit, &count) in catalogue
            .benefits()
            .iter()
            .zip(valuations.ineligible_counts())
        {
            if count == 0 {
                continue;
            }
            let disclosed = if guard.allows(count) {
                Disclosed::Published(count)
            } else {
                Disclosed::Suppressed(remit_core::privacy::Suppression::BelowMinimum)
            };
            let mut f = Finding::builder(
                Domain::Benefits,
                code("BEN-INELIGIBLE-ENROLMENT")?,
                Severity::Low,
                format!(
                    "Employees receive \"{}\" outside its eligibility rule",
                    benefit.name()
                ),
            )
            .cohort(Cohort::all().with("benefit", benefit.name()))
            .detail("These enrolments are valued (the employer pays for them) but the catalogue says these employees should not have them.")
            .recommendation("Fix the eligibility rule or the enrolments so the catalogue describes what is really offered.");
            if let Disclosed::Published(n) = disclosed {
                f = f.affected(n);
            }
            findings.push(f.build()?);
            penalty += 2;
            ineligible.push(IneligibleEnrolments {
                benefit: benefit.id(),
                name: benefit.name().to_owned(),
                count: disclosed,
            });
        }

        findings.sort_by_key(|f| std::cmp::Reverse(f.severity()));
        let _ = penalty;
        Ok(Self {
            config: *config,
            by_id: ById::default(),
            valuations,
            equity,
            unmatched,
            remediation,
            ineligible,
            findings,
            charts: Vec::new(),
            coverage: remit_core::Coverage::Measured,
        }
        .with_charts())
    }

    /// The per-employee valuation (individual-level: for the caller's own systems).
    pub fn valuations(&self) -> &Valuations {
        &self.valuations
    }
    /// The equity analysis (cohort figures through the guard).
    pub fn equity(&self) -> &EquityAnalysis {
        &self.equity
    }
    /// The unmatched perks.
    pub fn unmatched(&self) -> &[UnmatchedPerk] {
        &self.unmatched
    }
    /// Remediation plans for every flagged shortfall, three strategies each.
    pub fn remediation(&self) -> &[RemediationPlan] {
        &self.remediation
    }
    /// Enrolments outside eligibility rules, per benefit.
    pub fn ineligible(&self) -> &[IneligibleEnrolments] {
        &self.ineligible
    }
}

/// A sentence for a gap measured only through the other work mode (empty otherwise).
fn comparison_note(mode: WorkMode, comparison: Comparison) -> String {
    match comparison {
        Comparison::Direct => String::new(),
        Comparison::Indirect { via } => format!(
            " {} staff share no level × country cell with onsite staff: the gap is measured through the cells they share with {} staff, assuming one gap per work mode in every cell.",
            mode.label(),
            via.as_str()
        ),
    }
}

fn shown(n: usize, guard: &remit_core::privacy::DisclosureGuard) -> String {
    if guard.allows(n as u64) {
        n.to_string()
    } else {
        "fewer than the minimum".to_owned()
    }
}

fn suggestion(category: crate::catalogue::BenefitCategory) -> String {
    let names: Vec<&str> = category
        .remote_counterparts()
        .iter()
        .map(|c| c.as_str())
        .collect();
    if names.is_empty() {
        "a stipend of the same value".to_owned()
    } else {
        names.join(", ").replace('_', " ")
    }
}

/// Positions of the valuations sorted by employee id, built on the first group
/// comparison (a cache: it never makes two audits unequal).
#[derive(Debug, Clone, Default)]
struct ById(std::sync::OnceLock<Vec<(EmployeeId, u32)>>);

impl PartialEq for ById {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Count, exact sum (minor units) and the values of one side of a comparison.
#[derive(Default)]
struct Side {
    n: u64,
    sum: i128,
    values: Vec<f64>,
}

/// Mean and Welch's two-sided p-value of two samples (`None` below two values each or
/// without variance). Welch's t uses the Welch–Satterthwaite degrees of freedom, as
/// `scipy.stats.ttest_ind(equal_var=False)`.
pub(crate) fn welch_p(a: &[f64], b: &[f64]) -> Option<f64> {
    let stats = |x: &[f64]| {
        let n = x.len() as f64;
        let mean = x.iter().sum::<f64>() / n;
        let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
        (n, mean, var)
    };
    if a.len() < 2 || b.len() < 2 {
        return None;
    }
    let (na, ma, va) = stats(a);
    let (nb, mb, vb) = stats(b);
    let (qa, qb) = (va / na, vb / nb);
    let se2 = qa + qb;
    if !(se2 > 0.0 && se2.is_finite()) {
        return None;
    }
    let t = (ma - mb) / se2.sqrt();
    let df = se2 * se2 / (qa * qa / (na - 1.0) + qb * qb / (nb - 1.0));
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let p = 2.0 * dist.sf(t.abs());
    p.is_finite().then(|| p.clamp(0.0, 1.0))
}

impl BenefitAudit {
    /// The mean normalised benefit value by work mode as a bar chart (base currency per
    /// person per year), one bar per work mode whose figures the guard published, with
    /// the onsite mean as the reference line. Empty when no work mode is published.
    pub fn value_by_work_mode_chart(&self) -> Option<Chart> {
        let base = self.valuations.base_currency();
        let points: Vec<Point> = self
            .equity
            .by_mode()
            .iter()
            .filter_map(|b| {
                let mean = b.value().mean().published()?;
                let y = f64::try_from(mean.amount()).ok()?;
                Some(Point::category(b.work_mode().label(), y))
            })
            .collect();
        if points.is_empty() {
            return None;
        }
        let mut chart = Chart::new(
            "benefits.value-by-work-mode",
            "Benefit value per person by work mode",
            ChartKind::Bar,
        )
        .with_axes(
            "work mode",
            format!(
                "mean annual benefit value ({base}, {})",
                self.valuations.index_description()
            ),
        )
        .with_series(Series::new("mean value per person", points));
        if let Some(onsite) = self
            .equity
            .by_mode()
            .iter()
            .find(|b| b.work_mode() == WorkMode::Onsite)
            .and_then(|b| b.value().mean().published())
            .and_then(|m| f64::try_from(m.amount()).ok())
        {
            chart = chart.with_reference_line("onsite mean", onsite);
        }
        Some(chart)
    }
}

impl BenefitAudit {
    fn with_charts(mut self) -> Self {
        self.charts = self.value_by_work_mode_chart().into_iter().collect();
        self
    }
}

impl Audit for BenefitAudit {
    fn domain(&self) -> Domain {
        Domain::Benefits
    }
    fn coverage(&self) -> &remit_core::Coverage {
        &self.coverage
    }
    fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// [`BenefitAudit::value_by_work_mode_chart`].
    fn charts(&self) -> &[Chart] {
        &self.charts
    }
    /// The mean normalised annual benefit value of the group's members against every
    /// other valued employee (base currency), with Welch's t-test p-value. Both counts
    /// go through the disclosure guard as a two-cell table with its total, so a
    /// suppressed side suppresses the other; means are published only with their counts.
    fn compare_group(
        &self,
        group: &EmployeeGroup,
        _disclosure: &mut remit_core::disclosure::Disclosure,
    ) -> Result<Vec<GroupComparison>, remit_core::disclosure::DisclosureError> {
        let values = self.valuations.values();
        let by_id = self.by_id.0.get_or_init(|| {
            let mut v: Vec<(EmployeeId, u32)> = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| u32::try_from(i).ok().map(|i| (v.employee(), i)))
                .collect();
            v.sort_unstable();
            v
        });
        let base = self.valuations.base_currency();
        let places = base.minor_units().unwrap_or(2);
        let scale = 10f64.powi(i32::try_from(places).unwrap_or(2));
        let (mut inside, mut rest) = (Side::default(), Side::default());
        let mut members = group.members().iter().peekable();
        for (id, i) in by_id {
            while members.next_if(|m| *m < id).is_some() {}
            let side = if members.peek() == Some(&id) {
                &mut inside
            } else {
                &mut rest
            };
            let Some(v) = values.get(*i as usize) else {
                continue;
            };
            let mut amount = v.normalised().amount();
            if amount.scale() != places {
                amount.rescale(places);
            }
            let minor = amount.mantissa();
            side.n += 1;
            side.sum += minor;
            side.values.push(minor as f64 / scale);
        }
        let guard = self.config.equity().guard();
        let Ok(counts) = guard.protect_counts(vec![("group", inside.n), ("rest", rest.n)]) else {
            return Ok(Vec::new());
        };
        let disclosed = |label: &str| {
            counts
                .cell(&label)
                .unwrap_or(Disclosed::Suppressed(Suppression::Complementary))
        };
        let (n_in, n_rest) = (disclosed("group"), disclosed("rest"));
        let mean = |side: &Side, n: Disclosed<u64>| match n {
            Disclosed::Published(count) if count > 0 => {
                let m = Money::new(Decimal::from_i128_with_scale(side.sum, places), base);
                let mean = m.amount() / Decimal::from(count);
                Disclosed::Published(f64::try_from(mean).unwrap_or(f64::NAN))
            }
            Disclosed::Published(_) => Disclosed::Suppressed(Suppression::BelowMinimum),
            Disclosed::Suppressed(s) => Disclosed::Suppressed(s),
        };
        let (m_in, m_rest) = (mean(&inside, n_in), mean(&rest, n_rest));
        let p_value = match (m_in, m_rest) {
            (Disclosed::Published(_), Disclosed::Published(_)) => {
                welch_p(&inside.values, &rest.values)
            }
            _ => None,
        };
        let comparison = GroupComparison::new(
            "mean annual benefit value per person",
            Some(base.code()),
            m_in,
            m_rest,
            n_in,
            n_rest,
        );
        Ok(vec![match p_value {
            Some(p) => comparison.with_p_value(p),
            None => comparison,
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::welch_p;

    #[test]
    fn welch_p_values_match_scipy() {
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/benefits_welch_golden.json"))
                .unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let sample = |k: &str| -> Vec<f64> {
                case[k]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_f64().unwrap())
                    .collect()
            };
            let p = welch_p(&sample("a"), &sample("b")).unwrap();
            let expected = case["p_value"].as_f64().unwrap();
            assert!(
                ((p - expected) / expected).abs() < 1e-6,
                "{}: {p} vs scipy {expected}",
                case["name"]
            );
        }
        assert_eq!(welch_p(&[1.0], &[1.0, 2.0]), None);
        assert_eq!(welch_p(&[1.0, 1.0], &[1.0, 1.0]), None);
    }
}
