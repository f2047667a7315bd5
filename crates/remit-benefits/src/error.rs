//! The crate's one error type, [`Error`], and the two errors of its ports
//! ([`LocationError`], [`TaxError`]) that it wraps with the employee they concern.

use remit_core::disclosure::DisclosureError;
use remit_core::{BenefitId, CountryCode, Currency, EmployeeId, MoneyError};
use rust_decimal::Decimal;

/// Something in the benefit data, the inputs or the configuration was invalid, or a
/// computation could not be carried out. Every variant names the record (by the
/// caller's own ids: employee, benefit, country, currency) and the field; an error
/// means nothing was published and nothing changed.
///
/// An employee is named by the [`EmployeeId`] the caller put in its workforce, as in
/// every remit domain: employees carry no name or other label (remit holds no personal
/// data it does not need), so the id is the caller's handle on the record, and the
/// `employee` field gives it typed for a look-up in the caller's own index. A caller
/// whose ids are text derives each with [`EmployeeId::from_external`] and maps the id
/// back the same way (remit-ingest's problems name the files' own ids so). A benefit is
/// named by its [`BenefitId`] and, where the variant has it, its display name.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A benefit's name was empty after trimming.
    #[error("benefit {benefit}: field `name` must not be empty")]
    EmptyName {
        /// The caller's id of the benefit whose name was blank.
        benefit: BenefitId,
    },
    /// A benefit was given no price at all.
    #[error("benefit {benefit} ({name}): no valuation; set a default or a per-country price")]
    NoValuation {
        /// The caller's id of the benefit without a price.
        benefit: BenefitId,
        /// The benefit's display name, as given.
        name: String,
    },
    /// An amount or quantity in a valuation was negative.
    #[error("benefit \"{name}\" ({benefit}): field `{field}` must not be negative, got {value}")]
    NegativeValuation {
        /// The caller's id of the benefit with the negative valuation.
        benefit: BenefitId,
        /// The benefit's display name, as given.
        name: String,
        /// `annual_cost`, `cost_per_use` or `uses_per_year`.
        field: &'static str,
        /// The negative amount (in the valuation's currency) or number of uses.
        value: Decimal,
    },
    /// An eligibility rule admits no work mode.
    #[error(
        "benefit \"{name}\" ({benefit}): field `eligibility.work_modes` must name at least one work mode"
    )]
    NoWorkModes {
        /// The caller's id of the benefit whose rule admits no work mode.
        benefit: BenefitId,
        /// The benefit's display name, as given.
        name: String,
    },
    /// An eligibility rule admits no country (an empty country list).
    #[error(
        "benefit \"{name}\" ({benefit}): field `eligibility.countries` is empty; omit it to admit every country"
    )]
    NoCountries {
        /// The caller's id of the benefit whose country list is empty.
        benefit: BenefitId,
        /// The benefit's display name, as given.
        name: String,
    },
    /// An eligibility level range is reversed.
    #[error(
        "benefit \"{name}\" ({benefit}): field `eligibility.levels` runs from L{min} down to L{max}"
    )]
    LevelRange {
        /// The caller's id of the benefit whose level range is reversed.
        benefit: BenefitId,
        /// The benefit's display name, as given.
        name: String,
        /// The lower bound given.
        min: u8,
        /// The upper bound given.
        max: u8,
    },
    /// Two benefits share an id.
    #[error("benefit {benefit}: duplicate id in the catalogue (\"{first}\" and \"{second}\")")]
    DuplicateBenefit {
        /// The benefit id that two catalogue entries share.
        benefit: BenefitId,
        /// The first benefit's name.
        first: String,
        /// The display name of the later entry with the same id.
        second: String,
    },
    /// The catalogue holds more benefits than the crate indexes.
    #[error("catalogue: {count} benefits exceed the limit of {limit}")]
    TooManyBenefits {
        /// How many were given.
        count: usize,
        /// The most benefits one catalogue may hold.
        limit: usize,
    },
    /// A record refers to a benefit the catalogue does not hold.
    #[error("{context}: benefit {benefit} is not in the catalogue")]
    UnknownBenefit {
        /// Where the reference was found (`"pairing"`, `"enrolment of employee …"`).
        context: String,
        /// The referenced benefit id that no catalogue entry has.
        benefit: BenefitId,
    },
    /// A pairing does not go from an onsite perk to a benefit remote staff can receive.
    #[error(
        "pairing \"{onsite_name}\" ({onsite}) -> \"{counterpart_name}\" ({counterpart}): {reason}"
    )]
    InvalidPairing {
        /// The onsite perk the pairing starts from.
        onsite: BenefitId,
        /// The onsite perk's display name.
        onsite_name: String,
        /// The proposed remote counterpart.
        counterpart: BenefitId,
        /// The counterpart's display name.
        counterpart_name: String,
        /// Why the pairing is refused, in words.
        reason: &'static str,
    },
    /// An employee was enrolled twice in the same benefit.
    #[error("employee {employee}: enrolled twice in benefit \"{name}\" ({benefit})")]
    DuplicateEnrolment {
        /// The employee enrolled twice.
        employee: EmployeeId,
        /// The benefit they were enrolled in twice.
        benefit: BenefitId,
        /// The benefit's display name.
        name: String,
    },
    /// A bulk enrolment named a catalogue position past the end of the catalogue.
    #[error(
        "enrolment of employee {employee}: catalogue position {position} is out of range ({benefits} benefits)"
    )]
    UnknownPosition {
        /// The employee whose bulk enrolment named the position.
        employee: EmployeeId,
        /// The zero-based catalogue position given, at or past the catalogue's length.
        position: usize,
        /// The number of benefits in the catalogue.
        benefits: usize,
    },
    /// Office days outside `0..=7`, given as a plain number
    /// ([`Enrolments::record_office_days`](crate::Enrolments::record_office_days)).
    #[error("employee {employee}: field `office_days` must be between 0 and 7, got {days}")]
    InvalidOfficeDays {
        /// The employee whose office days were refused.
        employee: EmployeeId,
        /// The refused number of office days per week (outside 0 to 7).
        days: Decimal,
    },
    /// A usage override was negative.
    #[error(
        "employee {employee}, benefit \"{name}\" ({benefit}): field `uses_per_year` must not be negative, got {uses}"
    )]
    NegativeUses {
        /// The employee whose usage override was refused.
        employee: EmployeeId,
        /// The benefit the override is for.
        benefit: BenefitId,
        /// The benefit's display name.
        name: String,
        /// The refused number of uses per year (below zero).
        uses: Decimal,
    },
    /// Enrolments name an employee the workforce does not hold.
    #[error("enrolment: employee {employee} is not in the workforce")]
    UnknownEmployee {
        /// The enrolled employee whom the workforce does not hold.
        employee: EmployeeId,
    },
    /// A benefit has no price for an employee's country and no default price.
    #[error(
        "employee {employee}: benefit \"{name}\" ({benefit}) has no price for country {country} and no default"
    )]
    NoPrice {
        /// The employee the benefit could not be priced for.
        employee: EmployeeId,
        /// The benefit with no price for the country.
        benefit: BenefitId,
        /// The benefit's display name.
        name: String,
        /// The employee's country, for which the benefit has no price.
        country: CountryCode,
    },
    /// One employee's benefits are priced in two currencies.
    #[error(
        "employee {employee}: benefit \"{name}\" ({benefit}) is priced in {found} but earlier benefits in {expected}; price an employee's benefits in one local currency"
    )]
    MixedCurrencies {
        /// The employee whose benefits are priced in two currencies.
        employee: EmployeeId,
        /// The benefit in the other currency.
        benefit: BenefitId,
        /// The benefit's display name.
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
        /// The employee whose money could not be normalised.
        employee: EmployeeId,
        /// The employee's country, whose factor was looked up.
        country: CountryCode,
        /// The local currency being normalised.
        currency: Currency,
        /// What the index could not do.
        source: LocationError,
    },
    /// The tax model could not value a benefit or a stipend for one employee.
    #[error("employee {employee} in {country}: tax model: {source}")]
    EmployeeTax {
        /// The employee whose benefit or stipend could not be valued after tax.
        employee: EmployeeId,
        /// The employee's country, whose tax rate was looked up.
        country: CountryCode,
        /// What the tax model could not do.
        source: TaxError,
    },
    /// A money operation failed (overflow, mismatch, no minor unit).
    #[error("{context}: {source}")]
    Money {
        /// What was being computed.
        context: String,
        /// The money error: an overflow, a currency mismatch or a missing minor unit.
        source: MoneyError,
    },
    /// A configuration value was out of range.
    #[error("configuration: field `{field}` {reason}")]
    InvalidConfig {
        /// The configuration field that was refused (`"alpha"`, `"threshold"`, ...).
        field: &'static str,
        /// Why the value was refused, with the accepted range.
        reason: String,
    },
    /// The workforce lists one employee twice (their benefits would be counted twice).
    #[error("workforce: employee {employee} is listed twice")]
    DuplicateEmployee {
        /// The employee the workforce lists more than once.
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
        /// The local currency with no rate into the base currency.
        from: Currency,
        /// The index's base currency, into which everything is converted.
        base: Currency,
    },
    /// No factor (PPP or location factor) for a country.
    #[error("no {kind} for country {country}")]
    NoFactor {
        /// Which factor (`"PPP conversion factor"`, `"location factor"`).
        kind: &'static str,
        /// The country the factor is missing for.
        country: CountryCode,
    },
    /// A factor was zero or negative.
    #[error("{kind} for {key} must be positive, got {value}")]
    NonPositive {
        /// Which factor (`"PPP conversion factor"`, `"location factor"`, `"exchange rate"`).
        kind: &'static str,
        /// The country or currency it belongs to.
        key: String,
        /// The refused factor (zero or negative; factors must be positive).
        value: Decimal,
    },
    /// A rate does not convert into the index's base currency.
    #[error("exchange rate {from} -> {to} does not convert into the base currency {base}")]
    WrongBase {
        /// The currency the rate converts from.
        from: Currency,
        /// The currency the rate converts into, which is not the index's base.
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
        /// The country without a marginal tax rate (and no default rate set).
        country: CountryCode,
    },
    /// A retained share outside `[0, 1]` returned by a tax model.
    #[error("retained share for {country} must be in [0, 1], got {share}")]
    ShareOutOfRange {
        /// The country the tax model returned the share for.
        country: CountryCode,
        /// The refused retained share (outside 0 to 1), the fraction of a benefit's value the
        /// employee keeps after tax.
        share: Decimal,
    },
    /// A cash stipend would be taxed away entirely (a retained share of 0), so no
    /// stipend can raise what the employee keeps.
    #[error("a cash stipend in {country} keeps nothing after tax (retained share 0)")]
    NothingRetained {
        /// The country where a cash stipend keeps nothing after tax.
        country: CountryCode,
    },
    /// The default rate is outside `[0, 1)`.
    #[error("default marginal tax rate must be in [0, 1), got {rate}")]
    DefaultRateOutOfRange {
        /// The refused default marginal tax rate (outside 0 inclusive to 1 exclusive).
        rate: Decimal,
    },
    /// A rate outside `[0, 1)`.
    #[error("marginal tax rate for {country} must be in [0, 1), got {rate}")]
    RateOutOfRange {
        /// The country the rate was given for.
        country: CountryCode,
        /// The refused marginal tax rate (outside 0 inclusive to 1 exclusive).
        rate: Decimal,
    },
}
