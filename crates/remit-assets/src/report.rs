//! The equipment report: every check in one [`remit_core::Audit`].
//!
//! | code | severity | when |
//! |---|---|---|
//! | `ASSET-RETIRED-UNSANITISED` | critical | a storage-bearing asset was retired with no sanitisation record since a person last held it |
//! | `ASSET-KIT-GAP` | high (remote, hybrid) / medium (onsite) | active employees of a work mode lack required kit |
//! | `ASSET-RETRIEVAL-OVERDUE` | high | a leaver's asset is still out past the return SLA |
//! | `ASSET-MISSING` | medium | assets are lost or stolen and not written off |
//! | `ASSET-AUDIT-OVERDUE` | medium | assets have not been audited within the interval |
//! | `ASSET-WARRANTY-ENDING` | low | warranties end within the horizon |
//! | `ASSET-EOL-UPCOMING` | info | assets reach end of life within the horizon (with the budget) |
//!
//! Counts of people in findings pass the disclosure guard: a cohort below the minimum
//! group size is described without its number.
//!
//! # Across domains
//!
//! - [`groups`](Audit::groups): `assets.missing-ergonomic-chair`, the active remote and
//!   hybrid staff whose required kit (under the report's [`KitPolicy`]) includes an
//!   ergonomic chair they do not hold. Who lacks equipment is operational, not
//!   sensitive, so the members' ids are offered to other domains (a wellbeing report can
//!   then compare their burnout band with everyone else's).
//! - [`compare_group`](Audit::compare_group): for another domain's group, the share of
//!   its active members holding their complete kit against everyone else's. Both
//!   head-counts pass the disclosure guard (with complementary suppression, so a small
//!   group cannot be recovered from the total); a share is published only with its count.
//! - [`charts`](Audit::charts): `kit-coverage`, a bar per work mode with the share of
//!   active staff holding their complete kit. The complete/lacking head-counts by work
//!   mode go through the guard as a two-way table; a work mode with a suppressed cell
//!   gets no bar.
//!
//! # Health
//!
//! By the one rule of [`remit_core::health`], from the findings.

use std::fmt::Write as _;

use chrono::NaiveDate;
use remit_core::chart::{Chart, ChartKind, Point, Series, ValueScale};
use remit_core::privacy::{CountTable, DisclosureGuard};
use remit_core::{
    Audit, Cohort, Domain, EmployeeGroup, EmployeeId, Finding, FindingCode, GroupComparison,
    Metric, MoneyError, Severity, WorkMode, Workforce,
};

use crate::fleet::{AssetHistory, Fleet};
use crate::forecast::{BudgetLine, FleetCheck, FleetChecks, OverdueAudit};
use crate::kit::{Holdings, KitCoverage, KitPolicy, KitPrices, StandardKit, coverage_from};
use crate::retrieval::{
    CountryRecovery, Retrieval, RetrievalPolicy, follow, leavers, recovery_by_country,
};
use crate::{AssetTag, Category};

/// The report could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A money sum overflowed.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// The disclosure guard failed.
    #[error(transparent)]
    Privacy(#[from] remit_core::privacy::PrivacyError),
    /// A finding could not be built.
    #[error(transparent)]
    Audit(#[from] remit_core::AuditError),
    /// The audit interval was outside 1 to 1200 months.
    #[error("report config: field `audit_interval_months` must be 1-1200, got {months}")]
    AuditInterval {
        /// The rejected interval.
        months: u32,
    },
}

/// What the report checks against.
#[derive(Debug, Clone)]
pub struct ReportConfig {
    as_of: NaiveDate,
    prices: KitPrices,
    retrieval: RetrievalPolicy,
    audit_interval_months: u32,
    horizon_months: u32,
    guard: DisclosureGuard,
}

impl ReportConfig {
    /// Defaults: no prices, [`RetrievalPolicy::default`], audits every 12 months, a
    /// 6-month forecast horizon, the default disclosure guard (minimum group 5).
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            prices: KitPrices::new(),
            retrieval: RetrievalPolicy::default(),
            audit_interval_months: 12,
            horizon_months: 6,
            guard: DisclosureGuard::default(),
        }
    }
    /// Prices to cost kit gaps.
    #[must_use]
    pub fn prices(mut self, prices: KitPrices) -> Self {
        self.prices = prices;
        self
    }
    /// The retrieval policy.
    #[must_use]
    pub fn retrieval(mut self, policy: RetrievalPolicy) -> Self {
        self.retrieval = policy;
        self
    }
    /// Months between physical audits, 1 to 1200.
    ///
    /// # Errors
    ///
    /// [`ReportError::AuditInterval`] for 0 or more than 1200 months.
    pub fn audit_interval_months(mut self, months: u32) -> Result<Self, ReportError> {
        if months == 0 || months > 1200 {
            return Err(ReportError::AuditInterval { months });
        }
        self.audit_interval_months = months;
        Ok(self)
    }
    /// Months ahead for end-of-life and warranty forecasts.
    #[must_use]
    pub fn horizon_months(mut self, months: u32) -> Self {
        self.horizon_months = months;
        self
    }
    /// The disclosure guard.
    #[must_use]
    pub fn guard(mut self, guard: DisclosureGuard) -> Self {
        self.guard = guard;
        self
    }
}

/// The equipment report; see the [module docs](self).
#[derive(Debug, Clone)]
pub struct AssetReport {
    as_of: NaiveDate,
    kit: KitCoverage,
    retrievals: Vec<Retrieval>,
    recovery: Vec<CountryRecovery>,
    unsanitised: Vec<AssetTag>,
    missing: Vec<AssetTag>,
    audits: Vec<OverdueAudit>,
    budget: Vec<BudgetLine>,
    warranties_ending: usize,
    findings: Vec<Finding>,
    coverage: remit_core::Coverage,
    guard: DisclosureGuard,
    /// Active employees, in workforce order (the people kit coverage observed).
    observed: Vec<EmployeeId>,
    /// Active remote and hybrid staff lacking a required ergonomic chair.
    missing_chair: Vec<EmployeeId>,
    charts: Vec<Chart>,
}

/// The key of the group of remote and hybrid staff without their ergonomic chair.
pub const MISSING_CHAIR_GROUP: &str = "assets.missing-ergonomic-chair";

/// The key of the kit-coverage chart.
pub const KIT_COVERAGE_CHART: &str = "kit-coverage";

/// The metric [`AssetReport`] compares for other domains' groups.
pub const COMPLETE_KIT_METRIC: &str = "share of staff with their complete kit";

/// The share of active staff with their complete kit by work mode, as a bar chart; modes
/// whose complete or lacking head-count the guard suppresses get no bar.
fn kit_chart(kit: &KitCoverage, guard: &DisclosureGuard) -> Result<Option<Chart>, ReportError> {
    const COMPLETE: &str = "complete";
    const LACKING: &str = "lacking";
    let mut table = CountTable::new(WorkMode::ALL, [COMPLETE, LACKING]);
    for mode in WorkMode::ALL {
        let i = mode.index();
        let lacking = kit.lacking[i];
        table.add(mode, COMPLETE, kit.headcount[i].saturating_sub(lacking))?;
        table.add(mode, LACKING, lacking)?;
    }
    let protected = guard.protect_table(&table)?;
    let points: Vec<Point> = WorkMode::ALL
        .iter()
        .filter_map(|mode| {
            let complete = protected.cell(mode, &COMPLETE)?.published()?;
            let lacking = protected.cell(mode, &LACKING)?.published()?;
            let n = complete + lacking;
            (n > 0).then(|| Point::category(mode.label(), complete as f64 / n as f64))
        })
        .collect();
    if points.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        Chart::new(
            KIT_COVERAGE_CHART,
            "Staff with their complete kit, by work mode",
            ChartKind::Bar,
        )
        .with_axes("work mode", "share with complete kit")
        .with_value_scale(ValueScale::Share)
        .with_series(Series::new("complete kit", points))
        .with_reference_line("everyone equipped", 1.0),
    ))
}

fn code(s: &str) -> Result<FindingCode, ReportError> {
    Ok(FindingCode::new(s)?)
}

impl AssetReport {
    /// Builds the report with the [`StandardKit`] policy.
    ///
    /// `assets` is any [`Fleet`]: a slice or `Vec` of [`TrackedAsset`](crate::TrackedAsset)s,
    /// or a caller's own storage behind the port.
    ///
    /// # Errors
    ///
    /// [`ReportError`] on money overflow or a guard failure.
    pub fn build<W: Workforce + ?Sized, F: Fleet + ?Sized>(
        workforce: &W,
        assets: &F,
        config: &ReportConfig,
    ) -> Result<Self, ReportError> {
        Self::build_with_policy(workforce, assets, &StandardKit, config)
    }

    /// Builds the report with a caller's kit policy.
    ///
    /// The fleet is read once: each asset's state on the as-of date feeds kit coverage
    /// and the fleet checks, and the histories of assets handed to leavers are followed
    /// for retrieval.
    ///
    /// # Errors
    ///
    /// [`ReportError`] on money overflow or a guard failure.
    pub fn build_with_policy<W: Workforce + ?Sized, F: Fleet + ?Sized>(
        workforce: &W,
        assets: &F,
        policy: &dyn KitPolicy,
        config: &ReportConfig,
    ) -> Result<Self, ReportError> {
        let as_of = config.as_of;
        let guard = config.guard;
        let horizon = config.horizon_months;
        let leavers = leavers(workforce, as_of);
        let mut held = Holdings::with_capacity(workforce.headcount());
        let mut checks = FleetCheck::new(config.audit_interval_months, horizon, as_of);
        let mut cases = Vec::new();
        for a in assets.assets() {
            let state = if leavers.is_empty() {
                a.state_on(as_of)
            } else {
                follow(&a, &leavers, &config.retrieval, as_of, &mut cases)
            };
            held.add(state.status(), a.category());
            checks.add(&a, &state)?;
        }
        let kit = coverage_from(workforce, &held.finish(), policy, &config.prices, as_of)?;
        let recovery = recovery_by_country(&cases, &guard, as_of)?;
        let FleetChecks {
            unsanitised,
            missing,
            audits,
            warranties_ending,
            budget,
        } = checks.finish();

        let mut findings = Vec::new();
        if !unsanitised.is_empty() {
            findings.push(
                Finding::builder(
                    Domain::Assets,
                    code("ASSET-RETIRED-UNSANITISED")?,
                    Severity::Critical,
                    format!(
                        "{} asset(s) that store data were retired without a sanitisation record",
                        unsanitised.len()
                    ),
                )
                .detail(format!(
                    "No NIST SP 800-88 Clear, Purge or Destroy record exists since a person last held: {}.",
                    list(&unsanitised)
                ))
                .metric(Metric::new("assets retired unsanitised", unsanitised.len() as f64)?.with_threshold(0.0))
                .recommendation("Trace each asset with its recipient, obtain a certificate of sanitisation or destruction, and treat any that cannot be traced as a possible data breach.")
                .build()?,
            );
        }
        for mode in WorkMode::ALL {
            let i = mode.index();
            let lacking = kit.lacking[i];
            if lacking == 0 {
                continue;
            }
            let people = if guard.allows(lacking) {
                format!(
                    "{lacking} of {} {} employees",
                    kit.headcount[i],
                    mode.as_str()
                )
            } else {
                format!(
                    "fewer than {} {} employees",
                    guard.min_group_size(),
                    mode.as_str()
                )
            };
            let mut detail = format!("{people} lack part of their required kit.");
            let mut by_item: Vec<(Category, u64)> = Category::ALL
                .iter()
                .map(|c| (*c, kit.lacking_by_category[c.index()]))
                .filter(|(_, n)| *n > 0)
                .collect();
            by_item.sort_by_key(|(c, n)| (std::cmp::Reverse(*n), *c));
            let items: Vec<String> = by_item
                .iter()
                .filter(|(_, n)| guard.allows(*n))
                .map(|(c, n)| format!("{c}: {n} missing"))
                .collect();
            if !items.is_empty() {
                let _ = write!(detail, " Across all work modes: {}.", items.join(", "));
            }
            if !kit.cost_to_close.is_empty() {
                let costs: Vec<String> =
                    kit.cost_to_close.values().map(|m| m.to_string()).collect();
                let _ = write!(detail, " Closing every gap costs {}.", costs.join(" + "));
            }
            let mut b = Finding::builder(
                Domain::Assets,
                code("ASSET-KIT-GAP")?,
                if mode == WorkMode::Onsite { Severity::Medium } else { Severity::High },
                format!("{} staff lack required equipment", mode.label()),
            )
            .cohort(Cohort::all().with("work_mode", mode))
            .detail(detail)
            .metric(Metric::new("kit coverage", kit.coverage())?.with_threshold(1.0).with_unit("share"))
            .recommendation("Ship the missing items, starting with the ergonomic ones (chair, desk) whose absence causes strain injuries.");
            if guard.allows(lacking) {
                b = b.affected(lacking);
            }
            findings.push(b.build()?);
        }
        let overdue: Vec<&Retrieval> = cases.iter().filter(|c| c.is_overdue(as_of)).collect();
        if !overdue.is_empty() {
            let mut leavers: Vec<_> = overdue.iter().map(|c| c.employee).collect();
            leavers.sort();
            leavers.dedup();
            let n = leavers.len() as u64;
            let people = if guard.allows(n) {
                format!("{n} leavers")
            } else {
                format!("fewer than {} leavers", guard.min_group_size())
            };
            let rates: Vec<String> = recovery
                .iter()
                .filter_map(|r| {
                    r.recovery_rate
                        .published()
                        .map(|p| format!("{} {:.0}%", r.country, p * 100.0))
                })
                .collect();
            let mut detail = format!(
                "{} asset(s) held by {people} are past the {}-day return deadline.",
                overdue.len(),
                config.retrieval.sla_days()
            );
            if !rates.is_empty() {
                let _ = write!(detail, " Recovery rate by country: {}.", rates.join(", "));
            }
            let mut b = Finding::builder(
                Domain::Assets,
                code("ASSET-RETRIEVAL-OVERDUE")?,
                Severity::High,
                "Equipment from leavers is overdue",
            )
            .detail(detail)
            .metric(Metric::new("overdue retrievals", overdue.len() as f64)?.with_threshold(0.0))
            .recommendation("Escalate to the leavers' former managers, offer a prepaid return label or courier pick-up, and remotely lock the devices that store data.");
            if guard.allows(n) {
                b = b.affected(n);
            }
            findings.push(b.build()?);
        }
        if !missing.is_empty() {
            findings.push(
                Finding::builder(Domain::Assets, code("ASSET-MISSING")?, Severity::Medium, format!("{} asset(s) are lost or stolen", missing.len()))
                    .detail(format!("Missing: {}.", list(&missing)))
                    .metric(Metric::new("missing assets", missing.len() as f64)?)
                    .recommendation("Remote-lock and wipe the devices that store data, file police reports for thefts, and once the search has failed have the rest written off by an approver.")
                    .build()?,
            );
        }
        if !audits.is_empty() {
            findings.push(
                Finding::builder(Domain::Assets, code("ASSET-AUDIT-OVERDUE")?, Severity::Medium, format!("{} asset(s) are overdue for a physical audit", audits.len()))
                    .detail(format!("No audit within {} months.", config.audit_interval_months))
                    .metric(Metric::new("assets overdue for audit", audits.len() as f64)?.with_threshold(0.0))
                    .recommendation("Ask holders to confirm their equipment (a photo of the serial number counts) and record the audits.")
                    .build()?,
            );
        }
        if warranties_ending > 0 {
            findings.push(
                Finding::builder(Domain::Assets, code("ASSET-WARRANTY-ENDING")?, Severity::Low, format!("{warranties_ending} warranties end in the next {horizon} months"))
                    .metric(Metric::new("warranties ending", warranties_ending as f64)?)
                    .recommendation("Have faulty devices repaired under warranty before it ends, or extend cover for the ones you will keep.")
                    .build()?,
            );
        }
        if !budget.is_empty() {
            let lines: Vec<String> = budget
                .iter()
                .map(|b| format!("{}: {} ({} assets)", b.quarter, b.amount, b.assets))
                .collect();
            let count: u64 = budget.iter().map(|b| b.assets).sum();
            findings.push(
                Finding::builder(Domain::Assets, code("ASSET-EOL-UPCOMING")?, Severity::Info, format!("{count} asset(s) reach end of life in the next {horizon} months"))
                    .detail(format!("Like-for-like replacement budget: {}.", lines.join("; ")))
                    .metric(Metric::new("assets reaching end of life", count as f64)?)
                    .recommendation("Plan the replacements into the quarters shown and recover the old units for sanitisation and resale.")
                    .build()?,
            );
        }
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity()));
        let observed = workforce
            .employees()
            .filter(|e| e.is_active_on(as_of))
            .map(|e| e.id())
            .collect();
        let missing_chair = kit
            .gaps
            .iter()
            .filter(|g| {
                g.work_mode != WorkMode::Onsite && g.missing.contains(Category::ErgonomicChair)
            })
            .map(|g| g.employee)
            .collect();
        let charts = kit_chart(&kit, &guard)?.into_iter().collect();
        Ok(Self {
            as_of,
            kit,
            retrievals: cases,
            recovery,
            unsanitised,
            missing,
            audits,
            budget,
            warranties_ending,
            findings,
            coverage: remit_core::Coverage::Measured,
            guard,
            observed,
            missing_chair,
            charts,
        })
    }

    /// The date the report describes.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }
    /// Kit coverage (with the operational list of gaps).
    pub fn kit(&self) -> &KitCoverage {
        &self.kit
    }
    /// Every retrieval case opened up to the as-of date.
    pub fn retrievals(&self) -> &[Retrieval] {
        &self.retrievals
    }
    /// The retrievals past their deadline on the as-of date.
    pub fn overdue_retrievals(&self) -> impl Iterator<Item = &Retrieval> {
        self.retrievals.iter().filter(|c| c.is_overdue(self.as_of))
    }
    /// Recovery rate by country (guarded).
    pub fn recovery_by_country(&self) -> &[CountryRecovery] {
        &self.recovery
    }
    /// Assets retired while data may have been on them.
    pub fn retired_unsanitised(&self) -> &[AssetTag] {
        &self.unsanitised
    }
    /// Lost or stolen assets.
    pub fn missing(&self) -> &[AssetTag] {
        &self.missing
    }
    /// Assets overdue for audit.
    pub fn audits_overdue(&self) -> &[OverdueAudit] {
        &self.audits
    }
    /// The replacement budget per quarter and currency.
    pub fn replacement_budget(&self) -> &[BudgetLine] {
        &self.budget
    }
    /// Warranties ending within the horizon.
    pub fn warranties_ending(&self) -> usize {
        self.warranties_ending
    }
    /// Active remote and hybrid staff whose required kit includes an ergonomic chair they
    /// do not hold, in workforce order (the members of [`MISSING_CHAIR_GROUP`]).
    pub fn missing_ergonomic_chair(&self) -> &[EmployeeId] {
        &self.missing_chair
    }
}

fn list(tags: &[AssetTag]) -> String {
    let shown: Vec<&str> = tags.iter().take(10).map(AssetTag::as_str).collect();
    if tags.len() > 10 {
        format!("{} and {} more", shown.join(", "), tags.len() - 10)
    } else {
        shown.join(", ")
    }
}

impl Audit for AssetReport {
    fn domain(&self) -> Domain {
        Domain::Assets
    }
    fn coverage(&self) -> &remit_core::Coverage {
        &self.coverage
    }
    fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// [`MISSING_CHAIR_GROUP`] when anyone lacks their chair; see the [module docs](self).
    fn groups(&self) -> Vec<EmployeeGroup> {
        if self.missing_chair.is_empty() {
            return Vec::new();
        }
        vec![EmployeeGroup::new(
            MISSING_CHAIR_GROUP,
            "remote and hybrid staff without an ergonomic chair",
            self.missing_chair.clone(),
        )]
    }
    /// [`COMPLETE_KIT_METRIC`] for the group's active members against all other active
    /// staff; nothing for this domain's own groups or when either side is empty.
    fn compare_group(
        &self,
        group: &EmployeeGroup,
        _disclosure: &mut remit_core::disclosure::Disclosure,
    ) -> Result<Vec<GroupComparison>, remit_core::disclosure::DisclosureError> {
        if group.key().starts_with("assets.") {
            return Ok(Vec::new());
        }
        let n_in = self
            .observed
            .iter()
            .filter(|id| group.contains(**id))
            .count() as u64;
        let lacking_in = self
            .kit
            .gaps
            .iter()
            .filter(|g| group.contains(g.employee))
            .count() as u64;
        let n_rest = (self.observed.len() as u64).saturating_sub(n_in);
        let lacking_rest = (self.kit.gaps.len() as u64).saturating_sub(lacking_in);
        if n_in == 0 || n_rest == 0 {
            return Ok(Vec::new());
        }
        let Ok(protected) = self
            .guard
            .protect_counts(vec![("group", n_in), ("rest", n_rest)])
        else {
            return Ok(Vec::new());
        };
        let (in_group_n, rest_n) = match protected.cells() {
            [(_, group), (_, rest)] => (*group, *rest),
            _ => return Ok(Vec::new()),
        };
        let share = |n: u64, lacking: u64| n.saturating_sub(lacking) as f64 / n as f64;
        Ok(vec![GroupComparison::new(
            COMPLETE_KIT_METRIC,
            Some("share"),
            in_group_n.map(|_| share(n_in, lacking_in)),
            rest_n.map(|_| share(n_rest, lacking_rest)),
            in_group_n,
            rest_n,
        )])
    }
    /// [`KIT_COVERAGE_CHART`]; see the [module docs](self).
    fn charts(&self) -> &[Chart] {
        &self.charts
    }
}
