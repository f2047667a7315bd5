//! Valuation: what each employee's benefits are worth per year, in local money and
//! normalised through a [`LocationIndex`].
//!
//! # How a value is computed
//!
//! For each active employee (employed on `as_of`) and each benefit they are enrolled in:
//!
//! 1. the price that applies in the employee's country (the country's own price, else
//!    the benefit's default);
//! 2. × the uses per year (the enrolment's actual uses for a per-use benefit, else the
//!    expected uses; 1 for an annual cost);
//! 3. × the attendance share for per-office-day perks (`min(days, 5) / 5`; onsite staff
//!    default to 5 days, hybrid staff to [`Config::hybrid_office_days`](crate::Config::hybrid_office_days),
//!    remote staff to 0);
//! 4. × the share the employee keeps after tax (the [`TaxModel`]; 1 at employer cost);
//!
//! The lines are summed exactly (all in one local currency: mixing currencies is an
//! error) and the total is rounded to the currency's minor unit with the configured
//! [`Rounding`]; then it is multiplied by the index's factor and rounded to the base
//! currency's minor unit.
//!
//! # Individual level
//!
//! [`Valuations`] holds one value per employee: it is for the caller's own systems
//! (payroll, total-reward statements), not for publication. Nothing in it passes the
//! disclosure engine; publish benefit figures only through [`audit`](fn@crate::audit).

use chrono::NaiveDate;
use remit_core::{
    CountryCode, Currency, Employee, EmployeeId, JobLevel, Money, Rounding, WorkMode, Workforce,
};
use rust_decimal::Decimal;

use crate::catalogue::{Catalogue, OfficeDays, Proration, Valuation};
use crate::config::Config;
use crate::enrolment::{Enrolments, Packed};
use crate::error::Error;
use crate::fixed::Fixed;
use crate::inputs::Inputs;
use crate::location::{LocationIndex, employee_factor};
use crate::tax::{TaxModel, employee_retained};

/// One employee's annual benefit value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EmployeeValue {
    employee: EmployeeId,
    work_mode: WorkMode,
    country: CountryCode,
    level: JobLevel,
    tenure_months: u32,
    local: Option<Money>,
    normalised: Money,
    factor: Decimal,
    lines: u16,
}

impl EmployeeValue {
    /// The employee this value is for.
    pub fn employee(&self) -> EmployeeId {
        self.employee
    }
    /// The employee's work mode on the valuation date.
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// The employee's country (ISO 3166-1 alpha-2), which picks prices and factors.
    pub fn country(&self) -> CountryCode {
        self.country
    }
    /// The employee's job level, a covariate of the adjusted gap.
    pub fn level(&self) -> JobLevel {
        self.level
    }
    /// Whole months of tenure on the valuation date.
    pub fn tenure_months(&self) -> u32 {
        self.tenure_months
    }
    /// The annual value in local currency, rounded; `None` without any enrolment.
    pub fn local(&self) -> Option<Money> {
        self.local
    }
    /// The annual value normalised into the index's base currency, rounded.
    pub fn normalised(&self) -> Money {
        self.normalised
    }
    /// The location factor applied (base units per local unit; 1 without enrolments).
    pub fn factor(&self) -> Decimal {
        self.factor
    }
    /// The number of benefit lines valued.
    pub fn lines(&self) -> u16 {
        self.lines
    }
}

/// The valuation of a whole workforce, one value per employee: individual-level data
/// for the caller's own systems, not for publication (see [`value_employees`]).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Valuations {
    base: Currency,
    index: String,
    tax: String,
    as_of: NaiveDate,
    rounding: Rounding,
    values: Vec<EmployeeValue>,
    /// (catalogue position, row) of every enrolment the benefit's eligibility rule does
    /// not admit.
    #[cfg_attr(feature = "serde", serde(skip))]
    ineligible: Vec<(u16, u32)>,
}

impl Valuations {
    /// The base currency of normalised values.
    pub fn base_currency(&self) -> Currency {
        self.base
    }
    /// The location index used, in words.
    pub fn index_description(&self) -> &str {
        &self.index
    }
    /// The tax basis used, in words.
    pub fn tax_description(&self) -> &str {
        &self.tax
    }
    /// The valuation date: employment, tenure and prices are taken on this day.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }
    /// How lines and totals were rounded.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }
    /// One value per active employee, in the workforce's order.
    pub fn values(&self) -> &[EmployeeValue] {
        &self.values
    }
    /// Enrolments that the benefit's eligibility rule does not admit (valued anyway:
    /// the employer pays for them), as (catalogue position, row of [`Self::values`]).
    /// Crate-internal: who they are leaves the crate only as groups the disclosure
    /// engine grants.
    pub(crate) fn ineligible(&self) -> &[(u16, u32)] {
        &self.ineligible
    }
}

/// A price resolved for one (benefit, country): everything per line is precomputed.
#[derive(Debug, Clone, Copy)]
struct Resolved {
    currency: Currency,
    /// The currency's minor unit.
    places: u32,
    /// Unit cost × retained share (unrounded).
    unit_after_tax: Decimal,
    /// `unit_after_tax × expected units`, unrounded.
    annual_after_tax: Decimal,
    /// The two in fixed point (`None` if negative, which validation excludes).
    unit_fixed: Option<Fixed>,
    annual_fixed: Option<Fixed>,
    per_use: bool,
    prorate: bool,
}

/// The hot-loop form of a resolved (benefit, country) cell: fixed-point prices, flags and
/// the eligibility rule in one small copy. `currency` is `None` until resolved.
#[derive(Debug, Clone, Copy, Default)]
struct Hot {
    unit: u64,
    annual: u64,
    unit_scale: u8,
    annual_scale: u8,
    flags: u8,
    modes: u8,
    currency: Option<Currency>,
    min_level: Option<JobLevel>,
    max_level: Option<JobLevel>,
    min_tenure: u32,
}

const PER_USE: u8 = 1;
const PRORATE: u8 = 2;
/// Both prices fit 64-bit mantissas: the line can be summed in fixed point.
const FIXED: u8 = 4;
const COUNTRY_OK: u8 = 8;

impl Hot {
    fn new(r: &Resolved, benefit: &crate::catalogue::Benefit, country: CountryCode) -> Hot {
        let small = |f: Option<Fixed>| {
            f.and_then(|f| {
                let (m, s) = f.parts();
                Some((u64::try_from(m).ok()?, u8::try_from(s).ok()?))
            })
        };
        let eligibility = benefit.eligibility();
        let (min_level, max_level, min_tenure) = eligibility.level_and_tenure();
        let mut flags = 0;
        if r.per_use {
            flags |= PER_USE;
        }
        if r.prorate {
            flags |= PRORATE;
        }
        if eligibility.admits_country(country) {
            flags |= COUNTRY_OK;
        }
        let (unit, annual) = match (small(r.unit_fixed), small(r.annual_fixed)) {
            (Some(u), Some(a)) => {
                flags |= FIXED;
                (u, a)
            }
            _ => ((0, 0), (0, 0)),
        };
        let modes = WorkMode::ALL
            .iter()
            .filter(|m| eligibility.admits_mode(**m))
            .fold(0u8, |acc, m| acc | (1 << m.index()));
        Hot {
            unit: unit.0,
            annual: annual.0,
            unit_scale: unit.1,
            annual_scale: annual.1,
            flags,
            modes,
            currency: Some(r.currency),
            min_level,
            max_level,
            min_tenure,
        }
    }

    /// Whether the rule admits an employee of this mode (bit), level and tenure.
    #[inline]
    fn admits(&self, mode_bit: u8, level: JobLevel, tenure: u32) -> bool {
        self.modes & mode_bit != 0
            && self.flags & COUNTRY_OK != 0
            && self.min_level.is_none_or(|l| level >= l)
            && self.max_level.is_none_or(|l| level <= l)
            && tenure >= self.min_tenure
    }
}

/// Size of the direct country table: two letters A–Z.
const COUNTRY_TABLE: usize = 26 * 26;

/// The direct-table index of a country code (`None` if not two ASCII capitals).
fn country_key(country: CountryCode) -> Option<usize> {
    match country.as_str().as_bytes() {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
            Some(usize::from(a - b'A') * 26 + usize::from(b - b'A'))
        }
        _ => None,
    }
}

/// One employee's total with `Decimal` arithmetic, line by line (the reference the fixed-
/// point sum reproduces; used when a step of that sum would not be exact).
#[expect(
    clippy::too_many_arguments,
    reason = "the hot loop's state, passed as it is to the rare exact fallback"
)]
fn sum_with_decimal(
    words: &[u64],
    record: crate::enrolment::EmployeeLines<'_>,
    catalogue: &Catalogue,
    resolved: &[Option<Resolved>],
    slot: usize,
    nb: usize,
    share: Decimal,
    id: EmployeeId,
) -> Result<Decimal, Error> {
    let mut total = Decimal::ZERO;
    for &word in words {
        let b = usize::from(crate::enrolment::position(word));
        if catalogue.benefits().get(b).is_none() {
            continue;
        }
        let Some(r) = resolved.get(slot * nb + b).copied().flatten() else {
            continue;
        };
        let prorate = r.prorate && share != Decimal::ONE;
        let uses = if r.per_use {
            record.uses(word).decimal()
        } else {
            None
        };
        let line_value = match (uses, prorate) {
            (None, false) => r.annual_after_tax,
            (None, true) => r
                .annual_after_tax
                .checked_mul(share)
                .ok_or_else(|| overflow(id, r.currency))?,
            (Some(uses), p) => {
                let v = r
                    .unit_after_tax
                    .checked_mul(uses)
                    .ok_or_else(|| overflow(id, r.currency))?;
                if p {
                    v.checked_mul(share)
                        .ok_or_else(|| overflow(id, r.currency))?
                } else {
                    v
                }
            }
        };
        total = total
            .checked_add(line_value)
            .ok_or_else(|| overflow(id, r.currency))?;
    }
    Ok(total)
}

fn minor_units(currency: Currency, context: impl FnOnce() -> String) -> Result<u32, Error> {
    currency
        .minor_units()
        .ok_or_else(|| Error::money(context(), remit_core::MoneyError::NoMinorUnit { currency }))
}

fn round(amount: Decimal, places: u32, rounding: Rounding, currency: Currency) -> Decimal {
    Money::new(amount, currency)
        .round_to(places, rounding)
        .amount()
}

/// Values every active employee's enrolled benefits: one [`EmployeeValue`] per employee
/// employed on the configured date, in the workforce's order, through the inputs'
/// location index and tax model.
///
/// Individual-level: for the caller's own systems. [`audit`](fn@crate::audit) values the
/// workforce the same way and publishes only what the disclosure engine grants.
///
/// # Errors
///
/// - [`Error::InvalidConfig`] if the enrolments were made against another
///   catalogue;
/// - [`Error::UnknownEmployee`] if enrolments name someone not in the workforce;
/// - [`Error::NoPrice`] or [`Error::MixedCurrencies`] for an employee's
///   data (office days cannot be invalid here: [`OfficeDays`] is checked when made);
/// - [`Error::EmployeeLocation`] / [`Error::EmployeeTax`] naming the
///   employee and country when a port cannot value their money (no rate, no factor, a
///   factor that is not positive, a retained share outside `[0, 1]`), and
///   [`Error::Money`] on overflow or a currency without minor unit.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_benefits::{value_employees, Benefit, Catalogue, Config, Enrolments, ExchangeRates, Inputs, Valuation};
/// use remit_core::{BenefitId, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster, WorkMode};
/// use rust_decimal::Decimal;
///
/// let eur = Currency::new("EUR")?;
/// let internet = Benefit::builder(BenefitId::from_external("internet"), "Internet stipend")
///     .valuation(Valuation::annual(Money::new(Decimal::from(600), eur)))
///     .build()?;
/// let catalogue = Catalogue::builder().benefit(internet.clone()).build()?;
/// let alice = Employee::builder(EmployeeId::from_external("alice"))
///     .work_mode(WorkMode::Remote)
///     .country(CountryCode::new("PT")?)
///     .time_zone(remit_core::chrono_tz::Europe::Lisbon)
///     .level(JobLevel::new(2))
///     .department(Department::new("Support")?)
///     .hired_on(NaiveDate::from_ymd_opt(2023, 1, 9).unwrap())
///     .build()?;
/// let roster = Roster::new(vec![alice.clone()])?;
/// let mut enrolments = Enrolments::new(&catalogue);
/// enrolments.enrol(alice.id(), internet.id())?;
///
/// let rates = ExchangeRates::new(eur);
/// let config = Config::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
/// let values = value_employees(&Inputs::new(&roster, &catalogue, &enrolments, &rates), &config)?;
/// assert_eq!(values.values()[0].normalised(), Money::new(Decimal::from(600), eur));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn value_employees<W: Workforce + ?Sized>(
    inputs: &Inputs<'_, W>,
    config: &Config,
) -> Result<Valuations, Error> {
    value(
        inputs.workforce(),
        inputs.catalogue(),
        inputs.enrolments(),
        inputs.location_index(),
        inputs.tax_model(),
        config,
    )
}

/// [`value_employees`] on the inputs' parts.
pub(crate) fn value<W, L, T>(
    workforce: &W,
    catalogue: &Catalogue,
    enrolments: &Enrolments,
    index: &L,
    tax: &T,
    settings: &Config,
) -> Result<Valuations, Error>
where
    W: Workforce + ?Sized,
    L: LocationIndex + ?Sized,
    T: TaxModel + ?Sized,
{
    if !enrolments.matches(catalogue) {
        return Err(Error::InvalidConfig {
            field: "enrolments",
            reason: "were made against a different catalogue".to_owned(),
        });
    }
    let base = index.base_currency();
    let base_places = minor_units(base, || "base currency".to_owned())?;
    let rounding = settings.rounding();
    let as_of = settings.as_of();
    let nb = catalogue.len();
    // Direct tables instead of hashing: country code → slot, then slot × nb + benefit.
    let mut slot_of = vec![0u16; COUNTRY_TABLE];
    let mut other_slots: crate::FastMap<CountryCode, usize> = Default::default();
    let mut resolved: Vec<Option<Resolved>> = Vec::new();
    let mut hot: Vec<Hot> = Vec::new();
    let mut factors: Vec<Vec<(Currency, Decimal, Option<Fixed>)>> = Vec::new();
    let mut ineligible: Vec<(u16, u32)> = Vec::new();
    let mut values = Vec::with_capacity(workforce.headcount());
    let mut matched = 0usize;
    let defaults = [
        OfficeDays::FULL_WEEK.share(),
        settings.hybrid_office_days().share(),
        OfficeDays::NONE.share(),
    ];
    // The last explicit office-days record and its share (bulk loads repeat them).
    let mut last_days: Option<(u64, Decimal)> = None;

    // Enrolments made in roster order are read sequentially; others by lookup.
    let mut cursor = 0usize;
    for employee in workforce.employees() {
        let employee: &Employee = &employee;
        let id = employee.id();
        let in_order = match enrolments.entry_at(cursor) {
            Some((first, lines)) if first == id => {
                cursor += 1;
                Some(lines)
            }
            _ => None,
        };
        if !employee.is_active_on(as_of) {
            // Not valued: only counted when met in order. A record met out of order is
            // left uncounted, and the check after the loop looks it up instead.
            if in_order.is_some() {
                matched += 1;
            }
            continue;
        }
        let record = in_order.or_else(|| enrolments.lines_of(id));
        if record.is_some() {
            matched += 1;
        }
        let country = employee.country();
        let mode = employee.work_mode();
        let level = employee.level();
        let tenure = employee.tenure_months(as_of);
        let words = record.map_or(&[][..], |r| r.words());
        let Some(record) = record.filter(|_| !words.is_empty()) else {
            values.push(EmployeeValue {
                employee: id,
                work_mode: mode,
                country,
                level,
                tenure_months: tenure,
                local: None,
                normalised: Money::zero(base),
                factor: Decimal::ONE,
                lines: 0,
            });
            continue;
        };
        let slot = match country_key(country) {
            Some(key) => match slot_of.get(key).copied() {
                Some(s) if s > 0 => usize::from(s - 1),
                _ => {
                    let s = factors.len();
                    if let (Some(entry), Ok(stored)) = (slot_of.get_mut(key), u16::try_from(s + 1))
                    {
                        *entry = stored;
                    }
                    factors.push(Vec::new());
                    resolved.resize(resolved.len() + nb, None);
                    hot.resize(hot.len() + nb, Hot::default());
                    s
                }
            },
            None => *other_slots.entry(country).or_insert_with(|| {
                factors.push(Vec::new());
                resolved.resize(resolved.len() + nb, None);
                hot.resize(hot.len() + nb, Hot::default());
                factors.len() - 1
            }),
        };
        let days_word = record.office_days_word();
        let share = match last_days {
            _ if days_word == 0 => defaults.get(mode.index()).copied().unwrap_or(Decimal::ONE),
            Some((w, s)) if w == days_word => s,
            _ => {
                let s = record.office_days().map_or(Decimal::ONE, OfficeDays::share);
                last_days = Some((days_word, s));
                s
            }
        };
        let share_fixed = Fixed::from_decimal(share);
        let partial_week = share != Decimal::ONE;
        let mode_bit = 1u8 << mode.index();
        let cells = slot * nb;

        let mut currency: Option<Currency> = None;
        let mut places = 0u32;
        // The exact sum in fixed point while every step is exact; `None` once a step
        // would make `Decimal` round, and then the employee is summed with `Decimal`.
        let mut fixed_total = Some(Fixed::ZERO);
        for &word in words {
            let b = usize::from(crate::enrolment::position(word));
            let cell = cells + b;
            let Some(mut h) = hot.get(cell).copied() else {
                continue;
            };
            if h.currency.is_none() {
                let Some(benefit) = catalogue.benefits().get(b) else {
                    continue;
                };
                let r = resolve(benefit, country, id, tax)?;
                h = Hot::new(&r, benefit, country);
                if let (Some(c), Some(hc)) = (resolved.get_mut(cell), hot.get_mut(cell)) {
                    *c = Some(r);
                    *hc = h;
                }
            }
            let Some(line_currency) = h.currency else {
                continue;
            };
            match currency {
                None => {
                    currency = Some(line_currency);
                    places = resolved
                        .get(cell)
                        .copied()
                        .flatten()
                        .map_or(0, |r| r.places);
                }
                Some(c) if c != line_currency => {
                    let benefit = catalogue.benefits().get(b);
                    return Err(Error::MixedCurrencies {
                        employee: id,
                        benefit: benefit
                            .map_or_else(|| catalogue_id_fallback(catalogue), |x| x.id()),
                        name: benefit.map_or_else(String::new, |x| x.name().to_owned()),
                        expected: c,
                        found: line_currency,
                    });
                }
                Some(_) => {}
            }
            if !h.admits(mode_bit, level, tenure) {
                // The row this employee's value is about to take.
                ineligible.push((
                    crate::enrolment::position(word),
                    u32::try_from(values.len()).unwrap_or(u32::MAX),
                ));
            }
            if let Some(total) = fixed_total {
                fixed_total = if h.flags & FIXED == 0 {
                    None
                } else {
                    let annual = Fixed::new(u128::from(h.annual), u32::from(h.annual_scale));
                    let line = if h.flags & PER_USE == 0 {
                        annual
                    } else {
                        match record.uses(word) {
                            Packed::Absent => annual,
                            Packed::Inline { mantissa, scale } => {
                                Fixed::new(u128::from(h.unit), u32::from(h.unit_scale))
                                    .zip(Fixed::new(u128::from(mantissa), scale))
                                    .and_then(|(u, n)| u.mul(n))
                            }
                            Packed::Spilled(_) => None,
                        }
                    };
                    let line = if h.flags & PRORATE != 0 && partial_week {
                        line.zip(share_fixed).and_then(|(l, s)| l.mul(s))
                    } else {
                        line
                    };
                    line.and_then(|l| total.add(l))
                };
            }
        }
        let Some(local_currency) = currency else {
            continue;
        };
        let slot_factors = factors.get_mut(slot);
        let known = slot_factors
            .as_ref()
            .and_then(|f| f.iter().find(|(c, _, _)| *c == local_currency).copied());
        let (factor, factor_fixed) = match known {
            Some((_, f, ff)) => (f, ff),
            None => {
                let f = employee_factor(index, id, country, local_currency)?;
                let ff = Fixed::from_decimal(f);
                if let Some(list) = slot_factors {
                    list.push((local_currency, f, ff));
                }
                (f, ff)
            }
        };
        let exact = fixed_total.and_then(|t| {
            let local = t.round(places, rounding);
            let normalised = local.mul(factor_fixed?)?.round(base_places, rounding);
            Some((local.to_decimal()?, normalised.to_decimal()?))
        });
        let (local, normalised) = match exact {
            Some(pair) => pair,
            None => {
                let total =
                    sum_with_decimal(words, record, catalogue, &resolved, slot, nb, share, id)?;
                let local = round(total, places, rounding, local_currency);
                let normalised = local
                    .checked_mul(factor)
                    .ok_or_else(|| overflow(id, base))?;
                (local, round(normalised, base_places, rounding, base))
            }
        };
        values.push(EmployeeValue {
            employee: id,
            work_mode: mode,
            country,
            level,
            tenure_months: tenure,
            local: Some(Money::new(local, local_currency)),
            normalised: Money::new(normalised, base),
            factor,
            lines: u16::try_from(words.len()).unwrap_or(u16::MAX),
        });
    }

    let with_records = enrolments.employees().count();
    if matched < with_records
        && let Some(unknown) = enrolments
            .employees()
            .filter(|e| workforce.employee(*e).is_none())
            .min()
    {
        return Err(Error::UnknownEmployee { employee: unknown });
    }

    Ok(Valuations {
        base,
        index: index.describe(),
        tax: tax.describe(),
        as_of,
        rounding,
        values,
        ineligible,
    })
}

/// The id of the first benefit, for an error about a position that cannot occur (the
/// enrolments were checked against the catalogue).
fn catalogue_id_fallback(catalogue: &Catalogue) -> remit_core::BenefitId {
    catalogue
        .benefits()
        .first()
        .map_or_else(|| remit_core::BenefitId::from_external(""), |b| b.id())
}

fn overflow(employee: EmployeeId, currency: Currency) -> Error {
    Error::money(
        format!("employee {employee}"),
        remit_core::MoneyError::Overflow {
            operation: "valuation",
            currency,
        },
    )
}

fn resolve<T: TaxModel + ?Sized>(
    benefit: &crate::catalogue::Benefit,
    country: CountryCode,
    employee: EmployeeId,
    tax: &T,
) -> Result<Resolved, Error> {
    let valuation = benefit
        .valuation_for(country)
        .ok_or_else(|| Error::NoPrice {
            employee,
            benefit: benefit.id(),
            name: benefit.name().to_owned(),
            country,
        })?;
    let retained = employee_retained(tax, employee, country, benefit.tax())?;
    let currency = valuation.currency();
    let places = minor_units(currency, || {
        format!("benefit \"{}\" ({})", benefit.name(), benefit.id())
    })?;
    let unit_after_tax = valuation
        .unit_cost()
        .amount()
        .checked_mul(retained)
        .ok_or_else(|| overflow(employee, currency))?;
    let annual_after_tax = unit_after_tax
        .checked_mul(valuation.expected_units())
        .ok_or_else(|| overflow(employee, currency))?;
    Ok(Resolved {
        currency,
        places,
        unit_after_tax,
        annual_after_tax,
        unit_fixed: Fixed::from_decimal(unit_after_tax),
        annual_fixed: Fixed::from_decimal(annual_after_tax),
        per_use: matches!(valuation, Valuation::PerUse { .. }),
        prorate: benefit.proration() == Proration::ByOfficeDays,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Benefit, Eligibility, TaxTreatment};
    use crate::location::ExchangeRates;
    use crate::tax::{EmployerCost, MarginalRates};
    use remit_core::{BenefitId, Department, ExchangeRate, Roster};

    fn cur(code: &str) -> Currency {
        Currency::new(code).unwrap()
    }

    fn person(id: &str, mode: WorkMode, country: &str) -> Employee {
        Employee::builder(EmployeeId::from_external(id))
            .work_mode(mode)
            .country(CountryCode::new(country).unwrap())
            .time_zone(remit_core::chrono_tz::UTC)
            .level(JobLevel::new(2))
            .department(Department::new("Ops").unwrap())
            .hired_on(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
            .build()
            .unwrap()
    }

    fn settings() -> Config {
        Config::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
    }

    fn benefit(name: &str, v: Valuation) -> Benefit {
        Benefit::builder(BenefitId::from_external(name), name)
            .valuation(v)
            .build()
            .unwrap()
    }

    #[test]
    fn per_use_override_proration_and_rounding() {
        let eur = cur("EUR");
        let lunch = Benefit::builder(BenefitId::from_external("lunch"), "lunch")
            .eligibility(Eligibility::office_based())
            .valuation(Valuation::per_use(
                Money::new(Decimal::new(333, 2), eur),
                Decimal::from(200),
            ))
            .proration(Proration::ByOfficeDays)
            .build()
            .unwrap();
        let catalogue = Catalogue::builder().benefit(lunch.clone()).build().unwrap();
        let (a, b) = (
            person("a", WorkMode::Hybrid, "DE"),
            person("b", WorkMode::Hybrid, "DE"),
        );
        let roster = Roster::new(vec![a.clone(), b.clone()]).unwrap();
        let mut e = Enrolments::new(&catalogue);
        e.enrol(a.id(), lunch.id()).unwrap();
        e.enrol_with_uses(b.id(), lunch.id(), Decimal::from(7))
            .unwrap();
        e.set_office_days(b.id(), OfficeDays::new(Decimal::from(1)).unwrap());
        let v = value(
            &roster,
            &catalogue,
            &e,
            &ExchangeRates::new(eur),
            &EmployerCost,
            &settings(),
        )
        .unwrap();
        // a: 3.33 × 200 × 3/5 = 399.6; b: 3.33 × 7 × 1/5 = 4.662 -> 4.66
        assert_eq!(
            v.values()[0].local(),
            Some(Money::new(Decimal::new(3996, 1), eur))
        );
        assert_eq!(
            v.values()[1].local(),
            Some(Money::new(Decimal::new(466, 2), eur))
        );
    }

    #[test]
    fn mixed_currencies_are_an_error() {
        let one = benefit(
            "one",
            Valuation::annual(Money::new(Decimal::ONE, cur("EUR"))),
        );
        let two = benefit(
            "two",
            Valuation::annual(Money::new(Decimal::ONE, cur("USD"))),
        );
        let catalogue = Catalogue::builder()
            .benefits([one.clone(), two.clone()])
            .build()
            .unwrap();
        let a = person("a", WorkMode::Remote, "DE");
        let roster = Roster::new(vec![a.clone()]).unwrap();
        let mut e = Enrolments::new(&catalogue);
        e.enrol(a.id(), one.id()).unwrap();
        e.enrol(a.id(), two.id()).unwrap();
        let err = value(
            &roster,
            &catalogue,
            &e,
            &ExchangeRates::new(cur("EUR")),
            &EmployerCost,
            &settings(),
        )
        .unwrap_err();
        assert_eq!(
            err,
            Error::MixedCurrencies {
                employee: a.id(),
                benefit: two.id(),
                name: "two".to_owned(),
                expected: cur("EUR"),
                found: cur("USD")
            }
        );
    }

    #[test]
    fn normalisation_needs_a_rate_and_unknown_employees_are_errors() {
        let usd = cur("USD");
        let one = benefit(
            "one",
            Valuation::annual(Money::new(Decimal::from(100), usd)),
        );
        let catalogue = Catalogue::builder().benefit(one.clone()).build().unwrap();
        let a = person("a", WorkMode::Remote, "US");
        let roster = Roster::new(vec![a.clone()]).unwrap();
        let mut e = Enrolments::new(&catalogue);
        e.enrol(a.id(), one.id()).unwrap();
        let eur_only = ExchangeRates::new(cur("EUR"));
        let err = value(
            &roster,
            &catalogue,
            &e,
            &eur_only,
            &EmployerCost,
            &settings(),
        )
        .unwrap_err();
        // The error names the employee, their country and the currency without a rate.
        assert_eq!(
            err,
            Error::EmployeeLocation {
                employee: a.id(),
                country: CountryCode::new("US").unwrap(),
                currency: usd,
                source: crate::error::LocationError::NoRate {
                    from: usd,
                    base: cur("EUR")
                }
            }
        );
        let rates = ExchangeRates::new(cur("EUR"))
            .with_rate(ExchangeRate::new(usd, cur("EUR"), Decimal::new(92, 2)).unwrap())
            .unwrap();
        let ok = value(&roster, &catalogue, &e, &rates, &EmployerCost, &settings()).unwrap();
        assert_eq!(ok.values()[0].normalised().amount(), Decimal::from(92));

        e.enrol(EmployeeId::from_external("ghost"), one.id())
            .unwrap();
        let err = value(&roster, &catalogue, &e, &rates, &EmployerCost, &settings()).unwrap_err();
        assert_eq!(
            err,
            Error::UnknownEmployee {
                employee: EmployeeId::from_external("ghost")
            }
        );
    }

    #[test]
    fn after_tax_reduces_only_taxable_benefits_and_ineligible_lines_are_counted() {
        let eur = cur("EUR");
        let taxed = Benefit::builder(BenefitId::from_external("t"), "t")
            .valuation(Valuation::annual(Money::new(Decimal::from(1000), eur)))
            .tax(TaxTreatment::TaxableStipend)
            .eligibility(Eligibility::work_modes([WorkMode::Onsite]))
            .build()
            .unwrap();
        let free = Benefit::builder(BenefitId::from_external("f"), "f")
            .valuation(Valuation::annual(Money::new(Decimal::from(500), eur)))
            .tax(TaxTreatment::TaxFreeReimbursement)
            .build()
            .unwrap();
        let catalogue = Catalogue::builder()
            .benefits([taxed.clone(), free.clone()])
            .build()
            .unwrap();
        let a = person("a", WorkMode::Remote, "DE");
        let roster = Roster::new(vec![a.clone()]).unwrap();
        let mut e = Enrolments::new(&catalogue);
        e.enrol(a.id(), taxed.id()).unwrap();
        e.enrol(a.id(), free.id()).unwrap();
        let tax = MarginalRates::default()
            .with_default(Decimal::new(3, 1))
            .unwrap();
        let v = value(
            &roster,
            &catalogue,
            &e,
            &ExchangeRates::new(eur),
            &tax,
            &settings(),
        )
        .unwrap();
        assert_eq!(v.values()[0].normalised().amount(), Decimal::from(1200));
        // The taxed benefit (position 0) admits onsite staff only: row 0 is ineligible.
        assert_eq!(v.ineligible(), &[(0, 0)]);
    }

    mod exactness {
        //! The fixed-point hot loop against a plain `Decimal` reference, value and scale.
        use super::*;
        use proptest::prelude::*;

        const ROUNDINGS: [Rounding; 7] = [
            Rounding::HalfEven,
            Rounding::HalfUp,
            Rounding::HalfDown,
            Rounding::TowardZero,
            Rounding::AwayFromZero,
            Rounding::Floor,
            Rounding::Ceiling,
        ];

        fn amount() -> impl Strategy<Value = Decimal> {
            prop_oneof![
                4 => (0i64..10_000_000, 0u32..5).prop_map(|(m, s)| Decimal::new(m, s)),
                1 => Just(Decimal::ZERO),
                1 => (0u128..(1 << 95), 0u32..=28).prop_map(|(m, s)| Decimal::from_i128_with_scale(m as i128, s)),
            ]
        }

        fn uses() -> impl Strategy<Value = Option<Decimal>> {
            prop_oneof![
                2 => Just(None),
                4 => (0i64..2_000_000_000, 0u32..8).prop_map(|(m, s)| Some(Decimal::new(m, s))),
                1 => (0u128..(1 << 95), 0u32..=28).prop_map(|(m, s)| Some(Decimal::from_i128_with_scale(m as i128, s))),
                1 => Just(Some(-Decimal::new(0, 3))),
            ]
        }

        /// (work mode, in Japan, per benefit: not enrolled / expected use / actual uses,
        /// office days).
        type Person = (usize, bool, Vec<Option<Option<Decimal>>>, Option<u8>);

        #[derive(Debug, Clone)]
        struct Input {
            benefits: Vec<(bool, Decimal, Decimal, bool, bool, bool)>,
            people: Vec<Person>,
            tax_rate: i64,
            rounding: usize,
            hybrid_days: u8,
        }

        fn input() -> impl Strategy<Value = Input> {
            let benefit = (
                any::<bool>(),
                amount(),
                amount(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            );
            (
                prop::collection::vec(benefit, 1..6),
                prop::collection::vec(
                    (
                        0usize..3,
                        any::<bool>(),
                        prop::collection::vec(prop::option::of(uses()), 6),
                        prop::option::of(0u8..=7),
                    ),
                    1..25,
                ),
                0i64..60,
                0usize..7,
                0u8..=7,
            )
                .prop_map(|(benefits, people, tax_rate, rounding, hybrid_days)| {
                    Input {
                        benefits,
                        people,
                        tax_rate,
                        rounding,
                        hybrid_days,
                    }
                })
        }

        /// The valuation of one employee exactly as the `Decimal` code computes it.
        fn reference(
            catalogue: &Catalogue,
            enrolments: &Enrolments,
            employee: &Employee,
            tax: &MarginalRates,
            index: &ExchangeRates,
            settings: &Config,
        ) -> Option<(Decimal, Decimal)> {
            let lines: Vec<_> = enrolments.benefits_of(employee.id()).collect();
            if lines.is_empty() {
                return None;
            }
            let days =
                enrolments
                    .office_days(employee.id())
                    .unwrap_or(match employee.work_mode() {
                        WorkMode::Onsite => OfficeDays::FULL_WEEK,
                        WorkMode::Hybrid => settings.hybrid_office_days(),
                        WorkMode::Remote => OfficeDays::NONE,
                    });
            let share = days.share();
            let mut total = Decimal::ZERO;
            let mut currency = None;
            for (id, uses) in lines {
                let b = catalogue.get(id)?;
                let v = b.valuation_for(employee.country())?;
                currency = Some(v.currency());
                let retained = tax.retained_share(employee.country(), b.tax()).ok()?;
                let unit = v.unit_cost().amount().checked_mul(retained)?;
                let annual = unit.checked_mul(v.expected_units())?;
                let per_use = matches!(v, Valuation::PerUse { .. });
                let prorate = b.proration() == Proration::ByOfficeDays && share != Decimal::ONE;
                let line = match (uses.filter(|_| per_use), prorate) {
                    (None, false) => annual,
                    (None, true) => annual.checked_mul(share)?,
                    (Some(u), p) => {
                        let x = unit.checked_mul(u)?;
                        if p { x.checked_mul(share)? } else { x }
                    }
                };
                total = total.checked_add(line)?;
            }
            let currency = currency?;
            let rounding = settings.rounding();
            let local = Money::new(total, currency)
                .round_to(currency.minor_units()?, rounding)
                .amount();
            let factor = index.factor(employee.country(), currency).ok()?;
            let base = index.base_currency();
            let normalised = Money::new(local.checked_mul(factor)?, base)
                .round_to(base.minor_units()?, rounding)
                .amount();
            Some((local, normalised))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn fixed_point_values_equal_decimal_values_in_value_and_scale(input in input()) {
                let (eur, jpy) = (cur("EUR"), cur("JPY"));
                let mut benefits = Vec::new();
                for (i, &(per_use, price, expected, prorate, taxable, japan)) in input.benefits.iter().enumerate() {
                    let valuation = |c| if per_use {
                        Valuation::per_use(Money::new(price, c), expected)
                    } else {
                        Valuation::annual(Money::new(price, c))
                    };
                    let mut b = Benefit::builder(BenefitId::from_external(&format!("b{i}")), format!("b{i}"))
                        .valuation(valuation(eur))
                        .proration(if prorate { Proration::ByOfficeDays } else { Proration::None })
                        .tax(if taxable { TaxTreatment::TaxableStipend } else { TaxTreatment::TaxFreeInKind });
                    // Every benefit has a yen price in Japan (one local currency each);
                    // some only through a second per-country entry.
                    b = b.valuation_in(CountryCode::new("JP").unwrap(), valuation(jpy));
                    if japan {
                        b = b.valuation_in(CountryCode::new("DE").unwrap(), valuation(eur));
                    }
                    benefits.push(b.build().unwrap());
                }
                let catalogue = Catalogue::builder().benefits(benefits.clone()).build().unwrap();
                let mut people = Vec::new();
                let mut enrolments = Enrolments::new(&catalogue);
                for (i, (mode, japan, lines, days)) in input.people.iter().enumerate() {
                    let country = if *japan { "JP" } else { "DE" };
                    let p = person(&format!("p{i}"), WorkMode::ALL[*mode], country);
                    for (b, line) in benefits.iter().zip(lines) {
                        match line {
                            None => {}
                            Some(None) => enrolments.enrol(p.id(), b.id()).unwrap(),
                            Some(Some(u)) => enrolments.enrol_with_uses(p.id(), b.id(), *u).unwrap(),
                        }
                    }
                    if let Some(d) = days {
                        enrolments.set_office_days(p.id(), OfficeDays::new(Decimal::from(*d)).unwrap());
                    }
                    people.push(p);
                }
                let roster = Roster::new(people.clone()).unwrap();
                let index = ExchangeRates::new(eur)
                    .with_rate(ExchangeRate::new(jpy, eur, Decimal::new(61, 4)).unwrap())
                    .unwrap();
                let tax = MarginalRates::default().with_default(Decimal::new(input.tax_rate, 2)).unwrap();
                let settings = settings()
                    .with_rounding(ROUNDINGS[input.rounding])
                    .with_hybrid_office_days(OfficeDays::new(Decimal::from(input.hybrid_days)).unwrap());
                let result = value(&roster, &catalogue, &enrolments, &index, &tax, &settings);
                let expected: Vec<Option<Option<(Decimal, Decimal)>>> = people
                    .iter()
                    .map(|p| {
                        let has_lines = enrolments.benefits_of(p.id()).count() > 0;
                        has_lines.then(|| reference(&catalogue, &enrolments, p, &tax, &index, &settings))
                    })
                    .collect();
                match result {
                    Ok(values) => {
                        prop_assert_eq!(values.values().len(), people.len());
                        for (v, e) in values.values().iter().zip(&expected) {
                            match e {
                                None => {
                                    prop_assert_eq!(v.local(), None);
                                    prop_assert!(v.normalised().is_zero());
                                }
                                Some(None) => prop_assert!(false, "the reference overflowed but the valuation did not"),
                                Some(Some((local, normalised))) => {
                                    let got = v.local().map(|m| m.amount()).unwrap();
                                    prop_assert_eq!(got.to_string(), local.to_string());
                                    prop_assert_eq!(v.normalised().amount().to_string(), normalised.to_string());
                                }
                            }
                        }
                    }
                    Err(Error::Money { .. }) => {
                        // Overflow: the reference must overflow for someone too.
                        prop_assert!(expected.iter().any(|e| matches!(e, Some(None))));
                    }
                    Err(e) => prop_assert!(false, "unexpected error {e}"),
                }
            }
        }
    }
}
