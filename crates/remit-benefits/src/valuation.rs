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
//!    default to 5 days, hybrid staff to [`ValuationSettings::hybrid_office_days`],
//!    remote staff to 0);
//! 4. × the share the employee keeps after tax (the [`TaxModel`]; 1 at employer cost);
//!
//! The lines are summed exactly (all in one local currency: mixing currencies is an
//! error) and the total is rounded to the currency's minor unit with the configured
//! [`Rounding`]; then it is multiplied by the index's factor and rounded to the base
//! currency's minor unit.

use chrono::NaiveDate;
use remit_core::{
    CountryCode, Currency, Employee, EmployeeId, JobLevel, Money, Rounding, WorkMode, Workforce,
};
use rust_decimal::Decimal;

use crate::catalogue::{Catalogue, OfficeDays, Proration, Valuation};
use crate::enrolment::Enrolments;
use crate::error::{BenefitsError, TaxError};
use crate::location::LocationIndex;
use crate::tax::TaxModel;

/// Settings for [`value_employees`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ValuationSettings {
    as_of: NaiveDate,
    hybrid_office_days: OfficeDays,
    rounding: Rounding,
}

impl ValuationSettings {
    /// Values benefits on `as_of`, with hybrid staff assumed in the office 3 days a week
    /// unless their enrolment says otherwise, rounding half-even.
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            hybrid_office_days: OfficeDays::new(Decimal::from(3)).unwrap_or(OfficeDays::NONE),
            rounding: Rounding::HalfEven,
        }
    }

    /// Sets the office days assumed for hybrid staff without a recorded figure.
    #[must_use]
    pub fn with_hybrid_office_days(mut self, days: OfficeDays) -> Self {
        self.hybrid_office_days = days;
        self
    }

    /// Sets how lines and totals are rounded to the minor unit.
    #[must_use]
    pub fn with_rounding(mut self, rounding: Rounding) -> Self {
        self.rounding = rounding;
        self
    }

    /// The valuation date.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }
    /// The office days assumed for hybrid staff.
    pub fn hybrid_office_days(&self) -> OfficeDays {
        self.hybrid_office_days
    }
    /// The rounding strategy.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }
}

/// One employee's annual benefit value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    /// The employee.
    pub fn employee(&self) -> EmployeeId {
        self.employee
    }
    /// Their work mode.
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// Their country.
    pub fn country(&self) -> CountryCode {
        self.country
    }
    /// Their level.
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

/// The valuation of a whole workforce; see [`value_employees`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Valuations {
    base: Currency,
    index: String,
    tax: String,
    settings: ValuationSettings,
    values: Vec<EmployeeValue>,
    #[cfg_attr(feature = "serde", serde(skip))]
    ineligible: Vec<u64>,
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
    /// The settings used.
    pub fn settings(&self) -> &ValuationSettings {
        &self.settings
    }
    /// One value per active employee, in the workforce's order.
    pub fn values(&self) -> &[EmployeeValue] {
        &self.values
    }
    /// Enrolments that the benefit's eligibility rule does not admit, per catalogue
    /// position (valued anyway: the employer pays for them). Crate-internal because a
    /// count of people leaves the crate only through the disclosure guard.
    #[allow(dead_code, reason = "read by the report module")]
    pub(crate) fn ineligible_counts(&self) -> &[u64] {
        &self.ineligible
    }
}

/// A price resolved for one (benefit, country): everything per line is precomputed.
#[derive(Debug, Clone, Copy)]
struct Resolved {
    currency: Currency,
    /// Unit cost × retained share (unrounded).
    unit_after_tax: Decimal,
    /// `unit_after_tax × expected units`, unrounded.
    annual_after_tax: Decimal,
    per_use: bool,
    prorate: bool,
}

/// Per-country cache of resolved prices and location factors.
struct CountryCache {
    resolved: Vec<Option<Resolved>>,
    factors: Vec<(Currency, Decimal)>,
}

fn minor_units(currency: Currency, context: impl FnOnce() -> String) -> Result<u32, BenefitsError> {
    currency.minor_units().ok_or_else(|| {
        BenefitsError::money(context(), remit_core::MoneyError::NoMinorUnit { currency })
    })
}

fn round(amount: Decimal, places: u32, rounding: Rounding, currency: Currency) -> Decimal {
    Money::new(amount, currency)
        .round_to(places, rounding)
        .amount()
}

/// Values every active employee's enrolled benefits.
///
/// # Errors
///
/// - [`BenefitsError::InvalidConfig`] if the enrolments were made against another
///   catalogue;
/// - [`BenefitsError::UnknownEmployee`] if enrolments name someone not in the workforce;
/// - [`BenefitsError::NoPrice`], [`BenefitsError::MixedCurrencies`],
///   [`BenefitsError::InvalidOfficeDays`] for an employee's data;
/// - [`BenefitsError::Location`] / [`BenefitsError::Tax`] when a port cannot value a
///   country, and [`BenefitsError::Money`] on overflow or a currency without minor unit.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_benefits::{value_employees, Benefit, Catalogue, EmployerCost, Enrolments, ExchangeRates, Valuation, ValuationSettings};
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
/// let settings = ValuationSettings::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
/// let values = value_employees(&roster, &catalogue, &enrolments, &ExchangeRates::new(eur), &EmployerCost, &settings)?;
/// assert_eq!(values.values()[0].normalised(), Money::new(Decimal::from(600), eur));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn value_employees<W, L, T>(
    workforce: &W,
    catalogue: &Catalogue,
    enrolments: &Enrolments,
    index: &L,
    tax: &T,
    settings: &ValuationSettings,
) -> Result<Valuations, BenefitsError>
where
    W: Workforce + ?Sized,
    L: LocationIndex + ?Sized,
    T: TaxModel + ?Sized,
{
    if !enrolments.matches(catalogue) {
        return Err(BenefitsError::InvalidConfig {
            field: "enrolments",
            reason: "were made against a different catalogue".to_owned(),
        });
    }
    let base = index.base_currency();
    let base_places = minor_units(base, || "base currency".to_owned())?;
    let rounding = settings.rounding;
    let as_of = settings.as_of;
    let nb = catalogue.len();
    let mut slots: crate::enrolment::IdMap<CountryCode, usize> = Default::default();
    let mut caches: Vec<CountryCache> = Vec::new();
    let mut ineligible = vec![0u64; nb];
    let mut values = Vec::with_capacity(workforce.headcount());
    let mut matched = 0usize;

    // Enrolments made in roster order are read sequentially; others by lookup.
    let mut cursor = 0usize;
    for employee in workforce.employees() {
        let employee: &Employee = &employee;
        let id = employee.id();
        let record = match enrolments.entry_at(cursor) {
            Some((first, lines)) if *first == id => {
                cursor += 1;
                Some(lines)
            }
            _ => enrolments.lines_of(id),
        };
        if record.is_some() {
            matched += 1;
        }
        if !employee.is_active_on(as_of) {
            continue;
        }
        let country = employee.country();
        let mode = employee.work_mode();
        let tenure = employee.tenure_months(as_of);
        let lines = record.map_or(&[][..], |r| r.lines.as_slice());
        if lines.is_empty() {
            values.push(EmployeeValue {
                employee: id,
                work_mode: mode,
                country,
                level: employee.level(),
                tenure_months: tenure,
                local: None,
                normalised: Money::zero(base),
                factor: Decimal::ONE,
                lines: 0,
            });
            continue;
        }
        let slot = *slots.entry(country).or_insert_with(|| {
            caches.push(CountryCache {
                resolved: vec![None; nb],
                factors: Vec::new(),
            });
            caches.len() - 1
        });
        let Some(cache) = caches.get_mut(slot) else {
            continue;
        };
        let office_days = match record.and_then(|r| r.office_days) {
            Some(d) => d,
            None => match mode {
                WorkMode::Onsite => OfficeDays::FULL_WEEK,
                WorkMode::Hybrid => settings.hybrid_office_days,
                WorkMode::Remote => OfficeDays::NONE,
            },
        };
        let share = office_days.share();

        let mut currency: Option<Currency> = None;
        let mut total = Decimal::ZERO;
        let mut places = 0u32;
        for line in lines {
            let b = usize::from(line.benefit);
            let Some(benefit) = catalogue.benefits().get(b) else {
                continue;
            };
            let resolved = match cache.resolved.get(b).copied().flatten() {
                Some(r) => r,
                None => {
                    let r = resolve(benefit, country, id, tax)?;
                    if let Some(slot) = cache.resolved.get_mut(b) {
                        *slot = Some(r);
                    }
                    r
                }
            };
            match currency {
                None => {
                    currency = Some(resolved.currency);
                    places = minor_units(resolved.currency, || format!("employee {id}"))?;
                }
                Some(c) if c != resolved.currency => {
                    return Err(BenefitsError::MixedCurrencies {
                        employee: id,
                        benefit: benefit.id(),
                        expected: c,
                        found: resolved.currency,
                    });
                }
                Some(_) => {}
            }
            if !benefit
                .eligibility()
                .admits_parts(mode, country, employee.level(), tenure)
                && let Some(count) = ineligible.get_mut(b)
            {
                *count += 1;
            }
            let prorate = resolved.prorate && share != Decimal::ONE;
            // Lines are summed exactly; the employee's total is rounded once below.
            let line_value = match (line.uses, resolved.per_use, prorate) {
                (None, _, false) | (Some(_), false, false) => resolved.annual_after_tax,
                (None, _, true) | (Some(_), false, true) => resolved
                    .annual_after_tax
                    .checked_mul(share)
                    .ok_or_else(|| overflow(id, resolved.currency))?,
                (Some(uses), true, p) => {
                    let v = resolved
                        .unit_after_tax
                        .checked_mul(uses)
                        .ok_or_else(|| overflow(id, resolved.currency))?;
                    if p {
                        v.checked_mul(share)
                            .ok_or_else(|| overflow(id, resolved.currency))?
                    } else {
                        v
                    }
                }
            };
            total = total
                .checked_add(line_value)
                .ok_or_else(|| overflow(id, resolved.currency))?;
        }
        let Some(local_currency) = currency else {
            continue;
        };
        let total = round(total, places, rounding, local_currency);
        let factor = match cache.factors.iter().find(|(c, _)| *c == local_currency) {
            Some(&(_, f)) => f,
            None => {
                let f = index.factor(country, local_currency)?;
                if f <= Decimal::ZERO {
                    return Err(BenefitsError::Location(
                        crate::error::LocationError::NonPositive {
                            kind: "location factor",
                            key: format!("{country}/{local_currency}"),
                            value: f,
                        },
                    ));
                }
                cache.factors.push((local_currency, f));
                f
            }
        };
        let normalised = total
            .checked_mul(factor)
            .ok_or_else(|| overflow(id, base))?;
        values.push(EmployeeValue {
            employee: id,
            work_mode: mode,
            country,
            level: employee.level(),
            tenure_months: tenure,
            local: Some(Money::new(total, local_currency)),
            normalised: Money::new(round(normalised, base_places, rounding, base), base),
            factor,
            lines: u16::try_from(lines.len()).unwrap_or(u16::MAX),
        });
    }

    let with_records = enrolments.employees().count();
    if matched < with_records
        && let Some(unknown) = enrolments
            .employees()
            .filter(|e| workforce.employee(*e).is_none())
            .min()
    {
        return Err(BenefitsError::UnknownEmployee { employee: unknown });
    }

    Ok(Valuations {
        base,
        index: index.describe(),
        tax: tax.describe(),
        settings: *settings,
        values,
        ineligible,
    })
}

fn overflow(employee: EmployeeId, currency: Currency) -> BenefitsError {
    BenefitsError::money(
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
) -> Result<Resolved, BenefitsError> {
    let valuation = benefit
        .valuation_for(country)
        .ok_or(BenefitsError::NoPrice {
            employee,
            benefit: benefit.id(),
            country,
        })?;
    let retained = tax.retained_share(country, benefit.tax())?;
    if retained < Decimal::ZERO || retained > Decimal::ONE {
        return Err(BenefitsError::Tax(TaxError::ShareOutOfRange {
            country,
            share: retained,
        }));
    }
    let currency = valuation.currency();
    minor_units(currency, || format!("benefit {}", benefit.id()))?;
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
        unit_after_tax,
        annual_after_tax,
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

    fn settings() -> ValuationSettings {
        ValuationSettings::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
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
        let v = value_employees(
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
        let err = value_employees(
            &roster,
            &catalogue,
            &e,
            &ExchangeRates::new(cur("EUR")),
            &EmployerCost,
            &settings(),
        )
        .unwrap_err();
        assert!(
            matches!(err, BenefitsError::MixedCurrencies { .. }),
            "{err}"
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
        let err = value_employees(
            &roster,
            &catalogue,
            &e,
            &eur_only,
            &EmployerCost,
            &settings(),
        )
        .unwrap_err();
        assert!(matches!(err, BenefitsError::Location(_)), "{err}");
        let rates = ExchangeRates::new(cur("EUR"))
            .with_rate(ExchangeRate::new(usd, cur("EUR"), Decimal::new(92, 2)).unwrap())
            .unwrap();
        let ok =
            value_employees(&roster, &catalogue, &e, &rates, &EmployerCost, &settings()).unwrap();
        assert_eq!(ok.values()[0].normalised().amount(), Decimal::from(92));

        e.enrol(EmployeeId::from_external("ghost"), one.id())
            .unwrap();
        let err = value_employees(&roster, &catalogue, &e, &rates, &EmployerCost, &settings())
            .unwrap_err();
        assert!(
            matches!(err, BenefitsError::UnknownEmployee { .. }),
            "{err}"
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
        let v = value_employees(
            &roster,
            &catalogue,
            &e,
            &ExchangeRates::new(eur),
            &tax,
            &settings(),
        )
        .unwrap();
        assert_eq!(v.values()[0].normalised().amount(), Decimal::from(1200));
        assert_eq!(v.ineligible_counts(), &[1, 0]);
    }
}
