//! Remediation: the stipend per affected employee and the total budget that closes a
//! benefit gap, under three strategies, in each local currency and in the base currency.
//!
//! The gap is the adjusted gap of a work mode against onsite staff, as a log-value
//! coefficient `b` (the gap is `exp(b) − 1`). Raising every affected employee's log value
//! by `δ` raises `b` by exactly `δ` (the regression is linear in log value), so:
//!
//! | [`Strategy`] | normalised stipend of employee *i* (value `vᵢ`) |
//! |---|---|
//! | [`FullParity`](Strategy::FullParity) | `vᵢ · (e^(−b) − 1)`: the adjusted gap becomes 0 |
//! | [`MinimumToThreshold`](Strategy::MinimumToThreshold) | `vᵢ · (e^(b* − b) − 1)` with `b* = ln(1 − threshold + 0.001)`: the smallest uniform uplift that leaves the gap 0.1 percentage point inside the threshold |
//! | [`FlatPerGroup`](Strategy::FlatPerGroup) | `mean(v) · (e^(−b) − 1)` for everyone in the group, including staff with no benefits at all |
//!
//! Each normalised stipend is converted into the employee's local currency (÷ the
//! location factor), grossed up when the tax model says a cash stipend is taxed
//! (÷ the retained share), and rounded **up** to the minor unit, so nobody receives less
//! than the strategy says. Totals are the exact sums of those rounded stipends per
//! currency; the base-currency total converts each currency total at market exchange
//! rates (it is money the employer pays, so purchasing-power factors do not apply) and
//! rounds half-even.

use std::collections::BTreeMap;

use remit_core::{CountryCode, Currency, EmployeeId, Money, Rounding, WorkMode};
use rust_decimal::Decimal;

use crate::catalogue::TaxTreatment;
use crate::error::BenefitsError;
use crate::location::{ExchangeRates, LocationIndex};
use crate::tax::TaxModel;
use crate::valuation::Valuations;

/// How much of a gap to close, and how to share the cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Strategy {
    /// The same normalised amount for everyone in the group.
    FlatPerGroup,
    /// The smallest uniform percentage uplift that brings the gap under the threshold.
    MinimumToThreshold,
    /// The uniform percentage uplift that closes the adjusted gap completely.
    FullParity,
}

impl Strategy {
    /// Every strategy, cheapest-in-intent first.
    pub const ALL: [Strategy; 3] = [
        Strategy::MinimumToThreshold,
        Strategy::FlatPerGroup,
        Strategy::FullParity,
    ];

    /// A lower-case label.
    pub const fn as_str(self) -> &'static str {
        match self {
            Strategy::FlatPerGroup => "flat per group",
            Strategy::MinimumToThreshold => "minimum to threshold",
            Strategy::FullParity => "full parity",
        }
    }
}

/// The margin, in gap units, by which [`Strategy::MinimumToThreshold`] lands inside the
/// threshold: 0.001 (0.1 percentage point).
pub const THRESHOLD_MARGIN: f64 = 0.001;

/// A stipend for one employee, in their local currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Stipend {
    employee: EmployeeId,
    country: CountryCode,
    amount: Money,
}

impl Stipend {
    /// The employee.
    pub fn employee(&self) -> EmployeeId {
        self.employee
    }
    /// Their country.
    pub fn country(&self) -> CountryCode {
        self.country
    }
    /// The annual stipend (gross of tax when the tax model taxes stipends), rounded up
    /// to the minor unit.
    pub fn amount(&self) -> Money {
        self.amount
    }
}

/// The stipends and budget that close one group's gap under one strategy.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RemediationPlan {
    work_mode: WorkMode,
    strategy: Strategy,
    gap_before: f64,
    target_gap: f64,
    stipends: Vec<Stipend>,
    totals: Vec<Money>,
    base_total: Money,
}

impl RemediationPlan {
    /// The group whose gap is closed.
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// The strategy.
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }
    /// The adjusted gap before (`exp(b) − 1`).
    pub fn gap_before(&self) -> f64 {
        self.gap_before
    }
    /// The adjusted gap the strategy aims for (for the flat strategy, the gap the same
    /// normalised budget would close if shared proportionally: 0).
    pub fn target_gap(&self) -> f64 {
        self.target_gap
    }
    /// One stipend per employee who receives one, in the valuation's order.
    pub fn stipends(&self) -> &[Stipend] {
        &self.stipends
    }
    /// The budget in each local currency, sorted by currency code: exactly the sum of
    /// the stipends in that currency.
    pub fn totals(&self) -> &[Money] {
        &self.totals
    }
    /// The budget in the base currency at market exchange rates.
    pub fn base_total(&self) -> Money {
        self.base_total
    }
    /// The number of employees who receive a stipend (individual-level: this plan is
    /// for payroll, not for publication).
    pub fn recipients(&self) -> usize {
        self.stipends.len()
    }
}

fn decimal(x: f64, what: &'static str) -> Result<Decimal, BenefitsError> {
    Decimal::try_from(x).map_err(|_| BenefitsError::InvalidConfig {
        field: what,
        reason: format!("{x} is not representable as a decimal"),
    })
}

/// Prices closing the adjusted gap `exp(coefficient) − 1` of `work_mode` under a
/// strategy.
///
/// `index` and `tax` must be the ones the valuation used; `rates` converts the
/// per-currency budgets into the base currency. A gap that is not a shortfall
/// (`coefficient ≥ 0`, or already inside the threshold for the minimum strategy) yields
/// a plan with no stipends.
///
/// # Errors
///
/// [`BenefitsError::InvalidConfig`] for a non-finite coefficient or a threshold outside
/// `(0, 1)`; [`BenefitsError::Location`] when `rates` lacks a currency or the index
/// lacks a country; [`BenefitsError::Tax`]; [`BenefitsError::Money`] on overflow.
///
/// ```
/// # use chrono::NaiveDate;
/// # use remit_benefits::*;
/// # use remit_core::{BenefitId, CountryCode, Currency, Department, Employee, EmployeeId, JobLevel, Money, Roster, WorkMode};
/// # use rust_decimal::Decimal;
/// # let eur = Currency::new("EUR")?;
/// # let stipend = Benefit::builder(BenefitId::from_external("s"), "Stipend")
/// #     .valuation(Valuation::annual(Money::new(Decimal::from(880), eur))).build()?;
/// # let catalogue = Catalogue::builder().benefit(stipend.clone()).build()?;
/// # let alice = Employee::builder(EmployeeId::from_external("alice")).work_mode(WorkMode::Remote)
/// #     .country(CountryCode::new("PT")?).time_zone(remit_core::chrono_tz::Europe::Lisbon)
/// #     .level(JobLevel::new(2)).department(Department::new("Ops")?)
/// #     .hired_on(NaiveDate::from_ymd_opt(2023, 1, 9).unwrap()).build()?;
/// # let roster = Roster::new(vec![alice.clone()])?;
/// # let mut enrolments = Enrolments::new(&catalogue);
/// # enrolments.enrol(alice.id(), stipend.id())?;
/// let rates = ExchangeRates::new(eur);
/// let settings = ValuationSettings::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
/// let values = value_employees(&roster, &catalogue, &enrolments, &rates, &EmployerCost, &settings)?;
/// // Remote staff receive 12% less than comparable onsite staff: b = ln(0.88).
/// let plan = plan_remediation(&values, WorkMode::Remote, 0.88f64.ln(), 0.05, Strategy::FullParity, &rates, &EmployerCost, &rates)?;
/// assert_eq!(plan.stipends()[0].amount(), Money::new(Decimal::from(120), eur)); // 880 / 0.88 − 880
/// assert_eq!(plan.base_total(), Money::new(Decimal::from(120), eur));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[allow(clippy::too_many_arguments)]
pub fn plan_remediation<L, T>(
    valuations: &Valuations,
    work_mode: WorkMode,
    coefficient: f64,
    threshold: f64,
    strategy: Strategy,
    index: &L,
    tax: &T,
    rates: &ExchangeRates,
) -> Result<RemediationPlan, BenefitsError>
where
    L: LocationIndex + ?Sized,
    T: TaxModel + ?Sized,
{
    if !coefficient.is_finite() {
        return Err(BenefitsError::InvalidConfig {
            field: "coefficient",
            reason: format!("must be finite, got {coefficient}"),
        });
    }
    if !(threshold > 0.0 && threshold < 1.0) {
        return Err(BenefitsError::InvalidConfig {
            field: "threshold",
            reason: format!("must be in (0, 1), got {threshold}"),
        });
    }
    let base = valuations.base_currency();
    if rates.base() != base {
        return Err(BenefitsError::InvalidConfig {
            field: "rates",
            reason: format!(
                "convert into {} but the valuation's base currency is {base}",
                rates.base()
            ),
        });
    }
    let gap_before = coefficient.exp() - 1.0;
    let target_b = match strategy {
        Strategy::FullParity | Strategy::FlatPerGroup => 0.0,
        Strategy::MinimumToThreshold => (1.0 - (threshold - THRESHOLD_MARGIN).max(0.0)).ln(),
    };
    let uplift = if target_b > coefficient {
        (target_b - coefficient).exp() - 1.0
    } else {
        0.0
    };
    let target_gap = if uplift > 0.0 {
        target_b.exp() - 1.0
    } else {
        gap_before
    };
    let k = decimal(uplift, "coefficient")?;
    let group: Vec<_> = valuations
        .values()
        .iter()
        .filter(|v| v.work_mode() == work_mode)
        .collect();
    let flat = if strategy == Strategy::FlatPerGroup && !group.is_empty() && uplift > 0.0 {
        let sum = group.iter().try_fold(Decimal::ZERO, |acc, v| {
            acc.checked_add(v.normalised().amount())
        });
        let sum = sum.ok_or_else(|| overflow("flat stipend", base))?;
        let mean = sum / Decimal::from(group.len() as u64);
        Some(
            mean.checked_mul(k)
                .ok_or_else(|| overflow("flat stipend", base))?,
        )
    } else {
        None
    };

    let mut stipends = Vec::new();
    let mut totals: BTreeMap<Currency, Decimal> = BTreeMap::new();
    // Per (country, currency): the divisor and the position of the currency's total.
    let mut divisor_cache: remit_core::fast_hash::FastHashMap<
        (CountryCode, Currency),
        (Decimal, usize),
    > = Default::default();
    let mut sums: Vec<(Currency, Decimal)> = Vec::new();
    let mut flat_amounts: remit_core::fast_hash::FastHashMap<(CountryCode, Currency), Money> =
        Default::default();
    let mut base_factor_cache: BTreeMap<CountryCode, Decimal> = BTreeMap::new();
    if uplift > 0.0 {
        for v in &group {
            let normalised = match flat {
                Some(f) => f,
                None => v
                    .normalised()
                    .amount()
                    .checked_mul(k)
                    .ok_or_else(|| overflow("stipend", base))?,
            };
            if normalised <= Decimal::ZERO {
                continue;
            }
            let (currency, factor) = match v.local() {
                Some(m) => (m.currency(), v.factor()),
                None => {
                    let f = match base_factor_cache.get(&v.country()) {
                        Some(f) => *f,
                        None => {
                            let f = index.factor(v.country(), base)?;
                            base_factor_cache.insert(v.country(), f);
                            f
                        }
                    };
                    (base, f)
                }
            };
            if factor <= Decimal::ZERO {
                continue;
            }
            // One division per stipend: local = normalised ÷ factor, grossed up ÷ the
            // retained share, so divide once by their product (cached per country).
            let (divisor, slot) = match divisor_cache.get(&(v.country(), currency)) {
                Some(d) => *d,
                None => {
                    let retained = tax.retained_share(v.country(), TaxTreatment::TaxableStipend)?;
                    let d = if retained > Decimal::ZERO && retained < Decimal::ONE {
                        factor
                            .checked_mul(retained)
                            .ok_or_else(|| overflow("stipend", currency))?
                    } else {
                        factor
                    };
                    let slot = match sums.iter().position(|(c, _)| *c == currency) {
                        Some(i) => i,
                        None => {
                            sums.push((currency, Decimal::ZERO));
                            sums.len() - 1
                        }
                    };
                    divisor_cache.insert((v.country(), currency), (d, slot));
                    (d, slot)
                }
            };
            // The flat strategy gives everyone in a country the same stipend: compute it
            // once per (country, currency).
            let cached = if flat.is_some() {
                flat_amounts.get(&(v.country(), currency)).copied()
            } else {
                None
            };
            let amount = match cached {
                Some(a) => a,
                None => {
                    let gross = normalised
                        .checked_div(divisor)
                        .ok_or_else(|| overflow("stipend", currency))?;
                    let a = Money::new(gross, currency)
                        .round(Rounding::Ceiling)
                        .map_err(|e| {
                            BenefitsError::money(format!("stipend of {}", v.employee()), e)
                        })?;
                    if flat.is_some() {
                        flat_amounts.insert((v.country(), currency), a);
                    }
                    a
                }
            };
            if let Some((_, sum)) = sums.get_mut(slot) {
                *sum = sum
                    .checked_add(amount.amount())
                    .ok_or_else(|| overflow("budget", currency))?;
            }
            stipends.push(Stipend {
                employee: v.employee(),
                country: v.country(),
                amount,
            });
        }
    }
    totals.extend(sums);
    let mut base_sum = Decimal::ZERO;
    for (currency, amount) in &totals {
        let rate = rates.rate(*currency)?;
        let converted = amount
            .checked_mul(rate)
            .ok_or_else(|| overflow("base budget", base))?;
        base_sum = base_sum
            .checked_add(converted)
            .ok_or_else(|| overflow("base budget", base))?;
    }
    let base_total = Money::new(base_sum, base)
        .round(Rounding::HalfEven)
        .map_err(|e| BenefitsError::money("base budget", e))?;
    Ok(RemediationPlan {
        work_mode,
        strategy,
        gap_before,
        target_gap,
        stipends,
        totals: totals.into_iter().map(|(c, a)| Money::new(a, c)).collect(),
        base_total,
    })
}

fn overflow(what: &str, currency: Currency) -> BenefitsError {
    BenefitsError::money(
        what.to_owned(),
        remit_core::MoneyError::Overflow {
            operation: "remediation",
            currency,
        },
    )
}
