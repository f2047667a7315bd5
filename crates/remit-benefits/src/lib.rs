//! Benefit equity between work modes: do remote workers get benefits worth as much as
//! the onsite perks?
//!
//! "Who will sit down and audit every single perk and benefit offered globally, and
//! ensure that remote workers have equivalent benefits to those who choose to work
//! onsite?" (GitLab's *Head of Remote* job description). This crate does that audit the
//! way pay-equity audits are done:
//!
//! | step | items |
//! |---|---|
//! | describe what is offered | [`Catalogue`], [`Benefit`], [`Eligibility`], [`Valuation`], [`Proration`], [`TaxTreatment`], pairings |
//! | record who receives what | [`Enrolments`], [`OfficeDays`] |
//! | value it per employee | [`value_employees`], [`ValuationSettings`], [`EmployeeValue`] |
//! | make countries comparable | the [`LocationIndex`] port: [`ExchangeRates`] (default), [`CountryScaled`] (PPP or location factors) |
//! | value it after tax (optional) | the [`TaxModel`] port: [`EmployerCost`] (default), [`MarginalRates`] |
//! | find onsite perks nobody answers | [`unmatched_perks`], [`UnmatchedPerk`] |
//! | measure the gap like a pay-equity audit | [`analyse_equity`], [`EquitySettings`], [`ModeGap`], [`AdjustedGap`] |
//! | price the fix | [`plan_remediation`], [`Strategy`], [`RemediationPlan`] |
//! | report it | [`BenefitAudit`] (a [`remit_core::Audit`]) with stable finding codes |
//!
//! Money is [`remit_core::Money`] throughout: exact decimals, every rounding names its
//! strategy, and adding amounts in two currencies without a conversion is an error.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_benefits::*;
//! use remit_core::{BenefitId, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster, WorkMode};
//! use rust_decimal::Decimal;
//!
//! let eur = Currency::new("EUR")?;
//! let money = |units: i64| Money::new(Decimal::from(units), eur);
//! let canteen = Benefit::builder(BenefitId::from_external("canteen"), "Canteen")
//!     .category(BenefitCategory::Meals)
//!     .eligibility(Eligibility::office_based())
//!     .valuation(Valuation::per_use(money(6), Decimal::from(220)))
//!     .proration(Proration::ByOfficeDays)
//!     .tax(TaxTreatment::TaxFreeInKind)
//!     .build()?;
//! let meal_stipend = Benefit::builder(BenefitId::from_external("meal-stipend"), "Meal stipend")
//!     .category(BenefitCategory::Meals)
//!     .eligibility(Eligibility::work_modes([WorkMode::Remote]))
//!     .valuation(Valuation::annual(money(1_000)))
//!     .tax(TaxTreatment::TaxableStipend)
//!     .build()?;
//! let catalogue = Catalogue::builder()
//!     .benefit(canteen.clone())
//!     .benefit(meal_stipend.clone())
//!     .pair(canteen.id(), meal_stipend.id())
//!     .build()?;
//!
//! let person = |id: &str, mode| {
//!     Employee::builder(EmployeeId::from_external(id))
//!         .work_mode(mode)
//!         .country(CountryCode::new("DE").unwrap())
//!         .time_zone(remit_core::chrono_tz::Europe::Berlin)
//!         .level(JobLevel::new(2))
//!         .department(Department::new("Sales").unwrap())
//!         .hired_on(NaiveDate::from_ymd_opt(2022, 1, 3).unwrap())
//!         .build()
//! };
//! let (onsite, hybrid, remote) = (person("o", WorkMode::Onsite)?, person("h", WorkMode::Hybrid)?, person("r", WorkMode::Remote)?);
//! let roster = Roster::new(vec![onsite.clone(), hybrid.clone(), remote.clone()])?;
//! let mut enrolments = Enrolments::new(&catalogue);
//! enrolments.enrol(onsite.id(), canteen.id())?;
//! enrolments.enrol(hybrid.id(), canteen.id())?; // 3 office days by default: 3/5 of the price
//! enrolments.enrol(remote.id(), meal_stipend.id())?;
//!
//! let settings = ValuationSettings::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
//! let before_tax = value_employees(&roster, &catalogue, &enrolments, &ExchangeRates::new(eur), &EmployerCost, &settings)?;
//! let v: Vec<Money> = before_tax.values().iter().map(|v| v.normalised()).collect();
//! assert_eq!(v, [money(1_320), money(792), money(1_000)]);
//!
//! // After a 42% marginal tax, the taxable stipend is worth 580 EUR to the employee;
//! // the tax-free canteen keeps its full value.
//! let tax = MarginalRates::new([(CountryCode::new("DE")?, Decimal::new(42, 2))])?;
//! let after_tax = value_employees(&roster, &catalogue, &enrolments, &ExchangeRates::new(eur), &tax, &settings)?;
//! assert_eq!(after_tax.values()[2].normalised(), money(580));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Errors
//!
//! Bad input is a [`Error`] naming the record and field (lower-case messages).
//! Nothing in this crate panics on caller data.
//!
//! # Features
//!
//! - `serde` (default): `Serialize` for the data types; `Deserialize` for the inputs and
//!   settings (catalogue, benefits, rates, tax models, settings), each through the same
//!   checks as its constructor. Results (valuations, analyses, plans) serialise only.
#![deny(clippy::disallowed_methods)]

mod audit;
mod budget;
mod catalogue;
mod cells;
mod charts;
mod compare;
mod config;
mod enrolment;
mod equity;
mod error;
mod findings;
mod fixed;
mod ineligible;
mod inputs;
mod location;
mod remediation;
mod report;
mod tax;
mod unmatched;
mod valuation;
mod wording;

pub use audit::{VALUED, audit};
pub use budget::RemediationBudget;
pub use catalogue::{
    Benefit, BenefitBuilder, BenefitCategory, Catalogue, CatalogueBuilder, Eligibility,
    MAX_BENEFITS, OfficeDays, Pairing, Proration, TaxTreatment, Valuation,
};
pub use charts::VALUE_CHART;
pub use config::{Config, Covariance};
pub use enrolment::Enrolments;
pub use equity::{
    AdjustedGap, Breakdown, CohortValue, Comparison, Control, EquityAnalysis, FittedModel,
    FixedEffects, GapEstimate, ModeGap,
};
pub use error::{Error, LocationError, TaxError};
pub use ineligible::IneligibleEnrolments;
pub use inputs::Inputs;
pub use location::{
    CountryFactorKind, CountryScaled, ExchangeRates, LocationIndex, price_level_ratio,
};
pub use remediation::{
    RemediationInputs, RemediationPlan, Shortfall, Stipend, Strategy, THRESHOLD_MARGIN,
    plan_remediation,
};
pub use report::BenefitsReport;
pub use tax::{EmployerCost, MarginalRates, TaxModel};
pub use unmatched::{CurrencyTotal, UnmatchedPerk};
pub use valuation::{EmployeeValue, Valuations, value_employees};

/// The finding codes of [`BenefitsReport`], checked at compile time.
///
/// | code | severity | when |
/// |---|---|---|
/// | `BEN-ADJUSTED-GAP` | high (shortfall) / medium (surplus) | the adjusted gap of hybrid or remote staff is at least the threshold (5%) and significant; the threshold and the six-month timeline of the EU Pay Transparency Directive 2023/970 Art. 10 (a gender pay rule) are applied by analogy |
/// | `BEN-UNMATCHED-PERK` | medium | onsite-only perks have no remote counterpart (one finding, a table when several) |
/// | `BEN-UNADJUSTED-GAP` | info | the raw mean gap is at least the threshold but the adjusted gap is not flagged |
/// | `BEN-INSUFFICIENT-DATA` | info | a compared group is too small to say (the 30/5 rule) |
/// | `BEN-GAP-NOT-IDENTIFIED` | low | a work mode shares no level × country cell with onsite staff, directly or through the other work mode |
/// | `BEN-GAP-WITHHELD` | info | the gap was estimated, but the disclosure engine withheld it to protect a small group |
/// | `BEN-INELIGIBLE-ENROLMENT` | low | employees receive benefits their eligibility rules exclude (one finding, a table when several) |
pub mod codes {
    use remit_core::FindingCode;

    /// A significant adjusted gap of at least the threshold.
    pub const ADJUSTED_GAP: FindingCode = FindingCode::constant("BEN-ADJUSTED-GAP");
    /// Onsite-only perks without a remote counterpart.
    pub const UNMATCHED_PERK: FindingCode = FindingCode::constant("BEN-UNMATCHED-PERK");
    /// A raw gap that the adjusted gap explains.
    pub const UNADJUSTED_GAP: FindingCode = FindingCode::constant("BEN-UNADJUSTED-GAP");
    /// Too few employees to estimate a gap (the 30/5 rule).
    pub const INSUFFICIENT_DATA: FindingCode = FindingCode::constant("BEN-INSUFFICIENT-DATA");
    /// A gap that cannot be separated from location and level.
    pub const GAP_NOT_IDENTIFIED: FindingCode = FindingCode::constant("BEN-GAP-NOT-IDENTIFIED");
    /// A gap withheld by the disclosure engine.
    pub const GAP_WITHHELD: FindingCode = FindingCode::constant("BEN-GAP-WITHHELD");
    /// Enrolments outside eligibility rules.
    pub const INELIGIBLE_ENROLMENT: FindingCode = FindingCode::constant("BEN-INELIGIBLE-ENROLMENT");
}

/// The crate's hash map: std's with foldhash's fixed-seed hasher (deterministic; keys are
/// the caller's own ids, so flooding resistance is not needed). Iteration order never
/// reaches an output.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
