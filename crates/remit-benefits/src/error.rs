//! The crate's one error type, [`Error`], and the two errors of its ports
//! ([`LocationError`], [`TaxError`]) that it wraps with the employee they concern.

use remit_core::disclosure::DisclosureError;
use remit_core::{BenefitId, CountryCode, Currency, EmployeeId, MoneyError};
use rust_decimal::Decimal;

/// Something in the benefit data, the inputs or the configuration was invalid, or a
/// computation could not be carried out. Every variant names the record (by the
/// caller's own ids: employee, benefit, country, currency) and the field; an error
/// means nothing was published and nothing changed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A benefit's name was empty after trimming.
    #[error("benefit {benefit}: field `name` must not be empty")]
    EmptyName {
        /// The benefit.
        benefit: BenefitId,
    },
    /// A benefit was given no price at all.
    #[error("benefit {benefit} ({name}): no valuation; set a default or a per-country price")]
    NoValuation {
        /// The benefit.
        benefit: BenefitId,
        /// Its name.
        name: String,
    },
    /// An amount or quantity in a valuation was negative.
    #[error("benefit \"{name}\" ({benefit}): field `{field}` must not be negative, got {value}")]
    NegativeValuation {
        /// The benefit.
        benefit: BenefitId,
        /// Its name.
        name: String,
        /// `annual_cost`, `cost_per_use` or `uses_per_year`.
        field: &'static str,
        /// The rejected value.
        value: Decimal,
    },
    /// An eligibility rule admits no work mode.
    #[error(
        "benefit \"{name}\" ({benefit}): field `eligibility.work_modes` must name at least one work mode"
    )]
    NoWorkModes {
        /// The benefit.
        benefit: BenefitId,
        /// Its name.
        name: String,
    },
    /// An eligibility rule admits no country (an empty country list).
    #[error(
        "benefit \"{name}\" ({benefit}): field `eligibility.countries` is empty; omit it to admit every country"
    )]
    NoCountries {
        /// The benefit.
        benefit: BenefitId,
        /// Its name.
        name: String,
    },
    /// An eligibility level range is reversed.
    #[error(
        "benefit \"{name}\" ({benefit}): field `eligibility.levels` runs from L{min} down to L{max}"
    )]
    LevelRange {
        /// The benefit.
        benefit: BenefitId,
        /// Its name.
        name: String,
        /// The lower bound given.
        min: u8,
        /// The upper bound given.
        max: u8,
    },
    /// Two benefits share an id.
    #[error("benefit {benefit}: duplicate id in the catalogue (\"{first}\" and \"{second}\")")]
    DuplicateBenefit {
        /// The repeated id.
        benefit: BenefitId,
        /// The first benefit's name.
        first: String,
        /// The repeat's name.
        second: String,
    },
    /// The catalogue holds more benefits than the crate indexes.
    #[error("catalogue: {count} benefits exceed the limit of {limit}")]
    TooManyBenefits {
        /// How many were given.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A record refers to a benefit the catalogue does not hold.
    #[error("{context}: benefit {benefit} is not in the catalogue")]
    UnknownBenefit {
        /// Where the reference was found (`"pairing"`, `"enrolment of employee …"`).
        context: String,
        /// The unknown benefit.
        benefit: BenefitId,
    },
    /// A pairing does not go from an onsite perk to a benefit remote staff can receive.
    #[error(
        "pairing \"{onsite_name}\" ({onsite}) -> \"{counterpart_name}\" ({counterpart}): {reason}"
    )]
    InvalidPairing {
        /// The onsite perk.
        onsite: BenefitId,
        /// Its name.
        onsite_name: String,
        /// The proposed remote counterpart.
        counterpart: BenefitId,
        /// Its name.
        counterpart_name: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// An employee was enrolled twice in the same benefit.
    #[error("employee {employee}: enrolled twice in benefit \"{name}\" ({benefit})")]
    DuplicateEnrolment {
        /// The employee.
        employee: EmployeeId,
        /// The benefit.
        benefit: BenefitId,
        /// Its name.
        name: String,
    },
    /// A bulk enrolment named a catalogue position past the end of the catalogue.
    #[error(
        "enrolment of employee {employee}: catalogue position {position} is out of range ({benefits} benefits)"
    )]
    UnknownPosition {
        /// The employee.
        employee: EmployeeId,
        /// The position given.
        position: usize,
        /// The number of benefits in the catalogue.
        benefits: usize,
    },
    /// Office days outside `0..=7`, given as a plain number
    /// ([`Enrolments::record_office_days`](crate::Enrolments::record_office_days)).
    #[error("employee {employee}: field `office_days` must be between 0 and 7, got {days}")]
    InvalidOfficeDays {
        /// The employee.
        employee: EmployeeId,
        /// The rejected value.
        days: Decimal,
    },
    /// A usage override was negative.
    #[error(
        "employee {employee}, benefit \"{name}\" ({benefit}): field `uses_per_year` must not be negative, got {uses}"
    )]
    NegativeUses {
        /// The employee.
        employee: EmployeeId,
        /// The benefit.
        benefit: BenefitId,
        /// Its name.
        name: String,
        /// The rejected value.
        uses: Decimal,
    },
    /// Enrolments name an employee the workforce does not hold.
    #[error("enrolment: employee {employee} is not in the workforce")]
    UnknownEmployee {
        /// The employee.
        employee: EmployeeId,
    },
    /// A benefit has no price for an employee's country and no default price.
    #[error(
        "employee {employee}: benefit \"{name}\" ({benefit}) has no price for country {country} and no default"
    )]
    NoPrice {
        /// The employee.
        employee: EmployeeId,
        /// The benefit.
        benefit: BenefitId,
        /// Its name.
        name: String,
        /// The employee's country.
        country: CountryCode,
    },
    /// One employee's benefits are priced in two currencies.
    #[error(
        "employee {employee}: benefit \"{name}\" ({benefit}) is priced in {found} but earlier benefits in {expected}; price an employee's benefits in one local currency"
    )]
    MixedCurrencies {
        /// The employee.
        employee: EmployeeId,
        /// The benefit in the other currency.
        benefit: BenefitId,
        /// Its name.
        name: String,
        /// The currency of the employee's earlier lines.
        expected: Currency,
        /// The currency of this line.
        found: Currency,
    },
    /// The location index could not convert an amount that belongs to no one employee
    /// (a remediation budget's total in one currency).
    #[error("location index: {0}")]
    Location(#[from] LocationError),
    /// The location index could not normalise one employee's money: no rate or factor
    /// for their country and currency, or a factor that is not positive.
    #[error("employee {employee} in {country} ({currency}): location index: {source}")]
    EmployeeLocation {
        /// The employee.
        employee: EmployeeId,
        /// Their country.
        country: CountryCode,
        /// The local currency being normalised.
        currency: Currency,
        /// What the index could not do.
        source: LocationError,
    },
    /// The tax model could not value a benefit or a stipend for one employee.
    #[error("employee {employee} in {country}: tax model: {source}")]
    EmployeeTax {
        /// The employee.
        employee: EmployeeId,
        /// Their country.
        country: CountryCode,
        /// What the tax model could not do.
        source: TaxError,
    },
    /// A money operation failed (overflow, mismatch, no minor unit).
    #[error("{context}: {source}")]
    Money {
        /// What was being computed.
        context: String,
        /// The failure.
        source: MoneyError,
    },
    /// A configuration value was out of range.
    #[error("configuration: field `{field}` {reason}")]
    InvalidConfig {
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The workforce lists one employee twice (their benefits would be counted twice).
    #[error("workforce: employee {employee} is listed twice")]
    DuplicateEmployee {
        /// The repeated employee.
        employee: EmployeeId,
    },
    /// The market exchange rates and the location index convert into different base
    /// currencies, so budgets could not be compared with the values they close.
    #[error(
        "inputs: the exchange rates convert into {rates} but the location index into {index}; both must use one base currency"
    )]
    BaseCurrencyMismatch {
        /// The base currency of the exchange rates.
        rates: Currency,
        /// The base currency of the location index.
        index: Currency,
    },
    /// The disclosure engine refused a call (a handle from another engine, an invalid
    /// group). A refusal to *publish* is not an error: it is a suppressed figure.
    #[error("disclosure engine: {0}")]
    Disclosure(#[from] DisclosureError),
    /// A finding could not be built.
    #[error("finding: {0}")]
    Finding(#[from] remit_core::AuditError),
}

impl Error {
    pub(crate) fn money(context: impl Into<String>, source: MoneyError) -> Self {
        Self::Money {
            context: context.into(),
            source,
        }
    }
}

/// A [`LocationIndex`](crate::LocationIndex) has no factor for a country or currency.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LocationError {
    /// No exchange rate from a currency to the base currency.
    #[error("no exchange rate from {from} to {base}")]
    NoRate {
        /// The local currency.
        from: Currency,
        /// The base currency.
        base: Currency,
    },
    /// No factor (PPP or location factor) for a country.
    #[error("no {kind} for country {country}")]
    NoFactor {
        /// Which factor (`"PPP conversion factor"`, `"location factor"`).
        kind: &'static str,
        /// The country.
        country: CountryCode,
    },
    /// A factor was zero or negative.
    #[error("{kind} for {key} must be positive, got {value}")]
    NonPositive {
        /// Which factor.
        kind: &'static str,
        /// The country or currency it belongs to.
        key: String,
        /// The rejected value.
        value: Decimal,
    },
    /// A rate does not convert into the index's base currency.
    #[error("exchange rate {from} -> {to} does not convert into the base currency {base}")]
    WrongBase {
        /// The rate's source.
        from: Currency,
        /// The rate's target.
        to: Currency,
        /// The index's base currency.
        base: Currency,
    },
}

/// A [`TaxModel`](crate::TaxModel) could not value a benefit after tax.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TaxError {
    /// No tax rate is known for a country.
    #[error("no marginal tax rate for country {country}")]
    NoRate {
        /// The country.
        country: CountryCode,
    },
    /// A retained share outside `[0, 1]` returned by a tax model.
    #[error("retained share for {country} must be in [0, 1], got {share}")]
    ShareOutOfRange {
        /// The country.
        country: CountryCode,
        /// The rejected share.
        share: Decimal,
    },
    /// A cash stipend would be taxed away entirely (a retained share of 0), so no
    /// stipend can raise what the employee keeps.
    #[error("a cash stipend in {country} keeps nothing after tax (retained share 0)")]
    NothingRetained {
        /// The country.
        country: CountryCode,
    },
    /// The default rate is outside `[0, 1)`.
    #[error("default marginal tax rate must be in [0, 1), got {rate}")]
    DefaultRateOutOfRange {
        /// The rejected rate.
        rate: Decimal,
    },
    /// A rate outside `[0, 1)`.
    #[error("marginal tax rate for {country} must be in [0, 1), got {rate}")]
    RateOutOfRange {
        /// The country.
        country: CountryCode,
        /// The rejected rate.
        rate: Decimal,
    },
}
