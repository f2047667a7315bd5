//! [`BenefitsReport`]: the benefit-equity audit as a [`remit_core::Audit`] report.

use chrono::NaiveDate;
use remit_core::audit::{Audit, Domain, EmployeeGroup, Finding, GroupComparison};
use remit_core::chart::Chart;
use remit_core::disclosure::{Disclosure, DisclosureError, Population};
use remit_core::{Coverage, Currency};

use crate::budget::RemediationBudget;
use crate::equity::EquityAnalysis;
use crate::ineligible::IneligibleEnrolments;
use crate::unmatched::UnmatchedPerk;

/// The benefit-equity audit of one workforce, made by [`audit`](fn@crate::audit): the
/// equity analysis, unmatched perks, remediation budgets, enrolments outside
/// eligibility rules, findings (codes in [`codes`](crate::codes)), the value chart and
/// group comparisons for a scorecard.
///
/// Every figure about people in it is a [`Disclosed`](remit_core::disclosure::Disclosed)
/// value the disclosure engine decided (population [`VALUED`](crate::VALUED)); there is
/// no per-employee accessor. Per-employee values and stipends are for the caller's own
/// systems: [`value_employees`](crate::value_employees) and
/// [`plan_remediation`](crate::plan_remediation).
///
/// ```
/// # use chrono::NaiveDate;
/// # use remit_benefits::*;
/// # use remit_core::{BenefitId, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster, WorkMode};
/// # use remit_core::disclosure::{Disclosed, Disclosure, DisclosurePolicy};
/// # use remit_core::{Audit, AuditExt};
/// # use rust_decimal::Decimal;
/// # let eur = Currency::new("EUR")?;
/// # let gym = Benefit::builder(BenefitId::from_external("gym"), "Office gym")
/// #     .category(BenefitCategory::Fitness).eligibility(Eligibility::office_based())
/// #     .valuation(Valuation::annual(Money::new(Decimal::from(600), eur))).build()?;
/// # let health = Benefit::builder(BenefitId::from_external("health"), "Health cover")
/// #     .category(BenefitCategory::Health)
/// #     .valuation(Valuation::per_use(Money::new(Decimal::from(3000), eur), Decimal::ONE)).build()?;
/// # let catalogue = Catalogue::builder().benefit(gym.clone()).benefit(health.clone()).build()?;
/// # let mut people = Vec::new();
/// # let mut enrolments = Enrolments::new(&catalogue);
/// # for i in 0..40 {
/// #     let mode = if i % 2 == 0 { WorkMode::Onsite } else { WorkMode::Remote };
/// #     let e = Employee::builder(EmployeeId::from_external(&format!("E{i}")))
/// #         .work_mode(mode).country(CountryCode::new("DE")?)
/// #         .time_zone(remit_core::chrono_tz::Europe::Berlin).level(JobLevel::new(1 + (i % 3) as u8))
/// #         .department(Department::new("Ops")?)
/// #         .hired_on(NaiveDate::from_ymd_opt(2020 + (i % 5), 1, 1).unwrap()).build()?;
/// #     enrolments.enrol_with_uses(e.id(), health.id(), Decimal::new(100 + i64::from(i % 7), 2))?;
/// #     if mode == WorkMode::Onsite { enrolments.enrol(e.id(), gym.id())?; }
/// #     people.push(e);
/// # }
/// # let roster = Roster::new(people)?;
/// # let rates = ExchangeRates::new(eur);
/// # let mut engine = Disclosure::new(DisclosurePolicy::default());
/// let config = Config::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
/// let report = audit(&Inputs::new(&roster, &catalogue, &enrolments, &rates), &config, &mut engine)?;
/// // 20 onsite and 20 remote employees: both work modes are published.
/// assert_eq!(report.equity().mode(WorkMode::Remote).unwrap().count(), Disclosed::Published(20));
/// // Hybrid: nobody works hybrid, so there is no row and no gap for it.
/// assert!(report.equity().mode(WorkMode::Hybrid).is_none());
/// assert!(report.equity().gap(WorkMode::Hybrid).is_none());
/// // The remediation budget for full parity: about 20 × 600 EUR, published.
/// let full = report.remediation().iter().find(|b| b.strategy() == Strategy::FullParity).unwrap();
/// let budget = full.base_total().published().unwrap().amount();
/// assert!(budget > Decimal::from(11_000) && budget < Decimal::from(14_000));
/// assert!(report.health().score().is_some_and(|s| s <= 59)); // a high finding caps it
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BenefitsReport {
    pub(crate) as_of: NaiveDate,
    pub(crate) base: Currency,
    pub(crate) index: String,
    pub(crate) tax: String,
    pub(crate) coverage: Coverage,
    pub(crate) equity: EquityAnalysis,
    pub(crate) unmatched: Vec<UnmatchedPerk>,
    pub(crate) remediation: Vec<RemediationBudget>,
    pub(crate) ineligible: Vec<IneligibleEnrolments>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) charts: Vec<Chart>,
    /// The handle group comparisons release through.
    pub(crate) population: Population,
    /// Each valued employee's normalised value (base-currency units), by row: read only
    /// by group comparisons, through the engine.
    pub(crate) values: Vec<f64>,
    /// The public clip ceiling of a comparison (base-currency units).
    pub(crate) ceiling: f64,
}

impl BenefitsReport {
    /// The valuation date the report describes.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }
    /// The base currency every normalised figure is in.
    pub fn base_currency(&self) -> Currency {
        self.base
    }
    /// The location index used, in words (`"market exchange rates into USD"`).
    pub fn index_description(&self) -> &str {
        &self.index
    }
    /// The tax basis used, in words (`"employer cost (before tax)"`).
    pub fn tax_description(&self) -> &str {
        &self.tax
    }
    /// The equity analysis: figures per work mode, country and level, the gaps and the
    /// regression.
    pub fn equity(&self) -> &EquityAnalysis {
        &self.equity
    }
    /// Onsite-only perks without a remote counterpart, and what remote staff forgo.
    pub fn unmatched(&self) -> &[UnmatchedPerk] {
        &self.unmatched
    }
    /// The budgets of closing every flagged shortfall, three strategies each.
    pub fn remediation(&self) -> &[RemediationBudget] {
        &self.remediation
    }
    /// Enrolments outside benefits' eligibility rules, per benefit.
    pub fn ineligible(&self) -> &[IneligibleEnrolments] {
        &self.ineligible
    }
}

impl Audit for BenefitsReport {
    fn domain(&self) -> Domain {
        Domain::Benefits
    }
    fn coverage(&self) -> &Coverage {
        &self.coverage
    }
    fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// The value chart ([`VALUE_CHART`](crate::VALUE_CHART)), when any work mode's mean
    /// was published.
    fn charts(&self) -> &[Chart] {
        &self.charts
    }
    /// The mean normalised annual benefit value of the group's valued members against
    /// every other valued employee (base currency), released through `disclosure` (the
    /// engine the report was built with), with Welch's t-test p-value when both means
    /// were published exactly. Each value is clipped to `[0, 10 × the whole catalogue's
    /// annual value at expected use in its most expensive country]` first (a public
    /// bound, so noise, when the engine adds it, is calibrated without reading
    /// anyone's value). Empty when no member of the group was valued.
    fn compare_group(
        &self,
        group: &EmployeeGroup,
        disclosure: &mut Disclosure,
    ) -> Result<Vec<GroupComparison>, DisclosureError> {
        crate::compare::compare(
            &self.population,
            &self.values,
            self.ceiling,
            self.base,
            group,
            disclosure,
        )
    }
}
