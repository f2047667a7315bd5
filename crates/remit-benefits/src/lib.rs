//! Benefit equity between work modes: do remote workers get benefits worth as much as
//! the onsite perks?
//!
//! "Who will sit down and audit every single perk and benefit offered globally, and
//! ensure that remote workers have equivalent benefits to those who choose to work
//! onsite?" (GitLab's *Head of Remote* job description). This crate does that audit the
//! way pay-equity audits are done.
//!
//! # The shape: inputs, config, engine, report
//!
//! Like every remit domain crate: [`audit`](fn@audit)`(&`[`Inputs`]`, &`[`Config`]`, &mut
//! Disclosure) -> Result<`[`BenefitsReport`]`, `[`Error`]`>`.
//!
//! - [`Inputs`]: the people through the caller's [`Workforce`](remit_core::Workforce),
//!   the benefit [`Catalogue`] (categories, [`Eligibility`], per-country [`Valuation`],
//!   office-day [`Proration`], [`TaxTreatment`], pairings of onsite perks with remote
//!   counterparts), the [`Enrolments`] and market [`ExchangeRates`]; the two policy
//!   ports have documented defaults: the [`LocationIndex`] that makes countries
//!   comparable is the exchange rates ([`CountryScaled`] for purchasing power or
//!   location factors), and the [`TaxModel`] is [`EmployerCost`] ([`MarginalRates`]
//!   to compare what employees keep).
//! - [`Config`]: the valuation date, hybrid office days, rounding, the gap threshold,
//!   significance, standard errors ([`Covariance`]) and the 30/5 rule.
//! - The [`Disclosure`](remit_core::disclosure::Disclosure) engine: the one privacy
//!   setting (its minimum group size) and the memory of everything published; one
//!   engine for everything one reader sees.
//! - [`BenefitsReport`]: implements [`remit_core::Audit`] — findings (codes in
//!   [`codes`]), coverage, the value chart ([`VALUE_CHART`]) and group comparisons —
//!   with the [`EquityAnalysis`] (figures per work mode, country and level, the
//!   adjusted gap from a log-value regression with level × country fixed effects, the
//!   [`FittedModel`]), [`UnmatchedPerk`]s, [`RemediationBudget`]s (three
//!   [`Strategy`]s) and [`IneligibleEnrolments`].
//!
//! Two functions work at the individual level, for the caller's own systems and never
//! for publication: [`value_employees`] (each employee's [`EmployeeValue`]) and
//! [`plan_remediation`] (each recipient's [`Stipend`], for payroll).
//!
//! Money is [`remit_core::Money`] throughout: exact decimals, every rounding names its
//! strategy, and adding amounts in two currencies without a conversion is an error.
//!
//! # Privacy: one population, released in a fixed order
//!
//! The crate registers one population in the engine, **`benefits/valued`** ([`VALUED`]):
//! every employee valued on the date, one row each; their benefit value (and what is
//! derived from it: stipends, forgone perks, whether they receive any benefit) is the
//! private value. Every published figure — counts, means and medians, gaps, the
//! regression's sample size, unmatched-perk head-counts and per-currency totals,
//! remediation head-counts and budgets, chart values, group comparisons — is about a
//! group the engine granted, released headline cut first (everyone, work mode, the
//! regression's sample, work mode × country, work mode × level, then the perk,
//! eligibility and remediation groups; the order is listed on [`audit`](fn@audit)). A refused
//! group's figures are [`Disclosed::Suppressed`](remit_core::disclosure::Disclosed); a
//! group with nobody in it is absent. `docs/methodology/benefits.md` gives the rules and
//! the standards behind them.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_benefits::*;
//! use remit_core::disclosure::{Disclosure, DisclosurePolicy};
//! use remit_core::{Audit, BenefitId, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster, WorkMode};
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
//! let rates = ExchangeRates::new(eur);
//! let config = Config::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
//!
//! // Individual values, for the caller's own systems.
//! let inputs = Inputs::new(&roster, &catalogue, &enrolments, &rates);
//! let before_tax = value_employees(&inputs, &config)?;
//! let v: Vec<Money> = before_tax.values().iter().map(|v| v.normalised()).collect();
//! assert_eq!(v, [money(1_320), money(792), money(1_000)]);
//! // After a 42% marginal tax, the taxable stipend is worth 580 EUR to the employee;
//! // the tax-free canteen keeps its full value.
//! let tax = MarginalRates::new([(CountryCode::new("DE")?, Decimal::new(42, 2))])?;
//! let after_tax = value_employees(&inputs.with_tax_model(&tax), &config)?;
//! assert_eq!(after_tax.values()[2].normalised(), money(580));
//!
//! // The audit publishes nothing about three people: each work mode has one person,
//! // fewer than the engine's minimum of five.
//! let mut engine = Disclosure::new(DisclosurePolicy::default());
//! let report = audit(&inputs, &config, &mut engine)?;
//! assert!(!report.coverage().is_measured());
//! assert!(report.equity().by_mode().iter().all(|b| b.value().mean().is_suppressed()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Errors
//!
//! Bad input is an [`Error`] naming the record (by the caller's own ids) and the field
//! (lower-case messages); an error means nothing was published. Nothing in this crate
//! panics on caller data.
//!
//! # Features
//!
//! - `serde` (default): `Serialize` for the data types; `Deserialize` for the inputs and
//!   settings (catalogue, benefits, rates, tax models, [`Config`]), each through the same
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
