//! Remediation: the stipend per affected employee and the total budget that closes a
//! benefit gap, under three strategies, in each local currency and in the base currency,
//! and the gap the regression actually finds once the stipends are paid.
//!
//! The gap is the adjusted gap of a work mode against onsite staff, as a log-value
//! coefficient `b` (the gap is `exp(b) − 1`); a strategy aims to raise it to `b*` (0 for
//! full parity and the flat strategy, `ln(1 − threshold + 0.001)` for the minimum), a
//! rise of `δ = b* − b`.
//!
//! | [`Strategy`] | normalised stipend of employee *i* (value `vᵢ`) |
//! |---|---|
//! | [`FullParity`](Strategy::FullParity) | `vᵢ · (e^δ − 1)` with `b* = 0`: the adjusted gap becomes 0 |
//! | [`MinimumToThreshold`](Strategy::MinimumToThreshold) | `vᵢ · (e^δ − 1)` with `b* = ln(1 − threshold + 0.001)`: the smallest uniform uplift that leaves the gap 0.1 percentage point inside the threshold |
//! | [`FlatPerGroup`](Strategy::FlatPerGroup) | the same amount `c` for everyone in the group, including staff with no benefits at all, with `c` sized so that the refitted coefficient reaches `b* = 0` |
//!
//! A uniform percentage uplift raises every affected log value by `δ`, so it raises the
//! coefficient by exactly `δ` (the regression is linear in log value). A flat amount
//! does not: it raises low values by more in log terms than high ones, and it brings
//! staff with no benefits into the regression. So the flat amount is found by refitting
//! the regression — the same model as the audit's equity analysis
//! ([`EquityAnalysis`](crate::EquityAnalysis)), with the same [`Config`] — with
//! candidate stipends added, until the coefficient reaches `b*` (a bracketing root
//! search on `c`).
//!
//! Each normalised stipend is converted into the employee's local currency (÷ the
//! location factor), grossed up when the tax model says a cash stipend is taxed
//! (÷ the retained share), and rounded **up** to the minor unit, so nobody receives less
//! than the strategy says (digits more than six places below the minor unit are
//! floating-point noise of the uplift and are dropped first, half-even). Totals are the
//! exact sums of those rounded stipends per currency; the base-currency total converts each currency total at market exchange
//! rates (it is money the employer pays, so purchasing-power factors do not apply) and
//! rounds half-even.
//!
//! Every plan then refits the regression with each recipient's value raised by what
//! their rounded stipend is worth to them (`amount × location factor × retained share`)
//! and reports the result: [`RemediationPlan::achieved_gap`]. It is the gap the plan
//! really reaches, not the one it aims at.
//!
//! # Individual level
//!
//! [`plan_remediation`] returns each recipient's stipend: it is for payroll, not for
//! publication. The budgets a report publishes ([`RemediationBudget`](crate::RemediationBudget))
//! come from the same plans through the disclosure engine.

use std::collections::BTreeMap;

use remit_core::{CountryCode, Currency, EmployeeId, Money, Rounding, WorkMode};
use rust_decimal::Decimal;

use crate::catalogue::TaxTreatment;
use crate::config::Config;
use crate::equity::{Baseline, Design, GapEstimate, positive, regression_values};
use crate::error::{Error, LocationError, TaxError};
use crate::location::{ExchangeRates, LocationIndex, employee_factor};
use crate::tax::{EmployerCost, TaxModel, employee_retained};
use crate::valuation::{EmployeeValue, Valuations};

/// How much of a gap to close, and how to share the cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Strategy {
    /// The same normalised amount for everyone in the group, sized so that the
    /// refitted adjusted gap closes (the coefficient reaches 0).
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

    /// The strategy's name for prose (`"flat per group"`, `"minimum to threshold"`,
    /// `"full parity"`).
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

/// Places below a currency's minor unit kept before a stipend is rounded up; the rest
/// is floating-point noise of the uplift.
const NOISE_PLACES: u32 = 6;

/// A stipend for one employee, in their local currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Stipend {
    employee: EmployeeId,
    country: CountryCode,
    amount: Money,
}

impl Stipend {
    /// The employee who receives the stipend.
    pub fn employee(&self) -> EmployeeId {
        self.employee
    }
    /// The employee's country, whose currency and tax the stipend is paid in.
    pub fn country(&self) -> CountryCode {
        self.country
    }
    /// The annual stipend (gross of tax when the tax model taxes stipends), rounded up
    /// to the minor unit.
    pub fn amount(&self) -> Money {
        self.amount
    }
}

/// The stipends and budget that close one group's gap under one strategy, and the gap
/// the regression finds once they are paid.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RemediationPlan {
    work_mode: WorkMode,
    strategy: Strategy,
    gap_before: f64,
    target_gap: f64,
    achieved: GapEstimate,
    stipends: Vec<Stipend>,
    totals: Vec<Money>,
    base_total: Money,
    /// The valuation row of each stipend's recipient (parallel to `stipends`).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) rows: Vec<u32>,
    /// The refit's sample (rows ascending) when it is not the analysis's own sample.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) refit_sample: Option<Vec<u32>>,
}

impl RemediationPlan {
    /// The group whose gap is closed.
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// How the plan closes the gap ([`Strategy`]).
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }
    /// The adjusted gap before (`exp(b) − 1` of the coefficient given).
    pub fn gap_before(&self) -> f64 {
        self.gap_before
    }
    /// The adjusted gap the strategy aims for: 0 for full parity and the flat strategy,
    /// 0.1 percentage point inside the threshold for the minimum; the gap before when
    /// there is no shortfall to close.
    pub fn target_gap(&self) -> f64 {
        self.target_gap
    }
    /// The gap the regression finds when it is refitted with every recipient's value
    /// raised by what their rounded stipend is worth to them: the gap this plan really
    /// reaches. [`GapEstimate::TooSmall`] or [`GapEstimate::NotIdentified`] when the
    /// refitted data cannot estimate it.
    pub fn achieved_gap(&self) -> &GapEstimate {
        &self.achieved
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

fn decimal(x: f64, what: &'static str) -> Result<Decimal, Error> {
    Decimal::try_from(x).map_err(|_| Error::InvalidConfig {
        field: what,
        reason: format!("{x} is not representable as a decimal"),
    })
}

/// How one recipient's stipend is paid: its currency, and what one unit of it is worth
/// to them normalised (location factor × retained share: local = normalised ÷ this).
#[derive(Clone, Copy)]
struct Payment {
    currency: Currency,
    worth: Decimal,
}

/// What [`plan_remediation`] reads: a valuation, the market exchange rates its budgets
/// convert at, and the location index and tax model the valuation used (by default the
/// exchange rates and [`EmployerCost`], as for [`Inputs`](crate::Inputs)).
///
/// ```
/// # use chrono::NaiveDate;
/// # use remit_benefits::*;
/// # use remit_core::{Currency, Roster};
/// let eur = Currency::new("EUR")?;
/// let rates = ExchangeRates::new(eur);
/// # let roster = Roster::new(Vec::new())?;
/// # let catalogue = Catalogue::builder().build()?;
/// # let enrolments = Enrolments::new(&catalogue);
/// # let config = Config::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
/// let valuations = value_employees(&Inputs::new(&roster, &catalogue, &enrolments, &rates), &config)?;
/// let inputs = RemediationInputs::new(&valuations, &rates);
/// assert_eq!(inputs.tax_model().describe(), EmployerCost.describe());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct RemediationInputs<'a> {
    valuations: &'a Valuations,
    rates: &'a ExchangeRates,
    index: &'a dyn LocationIndex,
    tax: &'a dyn TaxModel,
}

impl<'a> RemediationInputs<'a> {
    /// A valuation and the market exchange rates into its base currency (also the
    /// location index until [`with_location_index`](Self::with_location_index)); stipends
    /// untaxed until [`with_tax_model`](Self::with_tax_model).
    pub fn new(valuations: &'a Valuations, rates: &'a ExchangeRates) -> Self {
        Self {
            valuations,
            rates,
            index: rates,
            tax: &EmployerCost,
        }
    }

    /// The location index the valuation used (stipends convert back to local money
    /// through it).
    #[must_use]
    pub fn with_location_index(mut self, index: &'a dyn LocationIndex) -> Self {
        self.index = index;
        self
    }

    /// The tax model the valuation used (cash stipends are grossed up through it).
    #[must_use]
    pub fn with_tax_model(mut self, tax: &'a dyn TaxModel) -> Self {
        self.tax = tax;
        self
    }

    /// The per-employee benefit values the plan starts from.
    pub fn valuations(&self) -> &'a Valuations {
        self.valuations
    }
    /// The market exchange rates budgets convert at.
    pub fn rates(&self) -> &'a ExchangeRates {
        self.rates
    }
    /// The location index that converts normalised values back to local money (the
    /// exchange rates unless set).
    pub fn location_index(&self) -> &'a dyn LocationIndex {
        self.index
    }
    /// The tax model cash stipends are grossed up through (stipends are untaxed unless
    /// set).
    pub fn tax_model(&self) -> &'a dyn TaxModel {
        self.tax
    }
}

/// The adjusted gap of one work mode to close: the log-value coefficient `b` of its
/// indicator (the gap is `exp(b) − 1`), normally
/// [`AdjustedGap::coefficient`](crate::AdjustedGap::coefficient) from an audit of the
/// same valuation.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Shortfall {
    work_mode: WorkMode,
    coefficient: f64,
}

impl Shortfall {
    /// The gap `exp(coefficient) − 1` of `work_mode` against onsite staff.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] naming `work_mode` for onsite staff (the reference group
    /// has no gap of its own) or `coefficient` when it is not finite.
    pub fn new(work_mode: WorkMode, coefficient: f64) -> Result<Self, Error> {
        if work_mode == WorkMode::Onsite {
            return Err(Error::InvalidConfig {
                field: "work_mode",
                reason: "onsite staff are the reference group and have no gap to close".to_owned(),
            });
        }
        if !coefficient.is_finite() {
            return Err(Error::InvalidConfig {
                field: "coefficient",
                reason: format!("must be finite, got {coefficient}"),
            });
        }
        Ok(Self {
            work_mode,
            coefficient,
        })
    }

    /// The work mode whose gap is closed (hybrid or remote).
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// The log-value coefficient `b`.
    pub fn coefficient(&self) -> f64 {
        self.coefficient
    }
}

/// Prices closing a [`Shortfall`] under a strategy, and refits the regression with the
/// stipends paid.
///
/// `config` gives the threshold of [`Strategy::MinimumToThreshold`] and the model the
/// refit uses (the same as the audit's). A gap that is not a shortfall (`coefficient ≥
/// 0`, or already inside the threshold for the minimum strategy) yields a plan with no
/// stipends.
///
/// Individual-level: one stipend per recipient, for payroll. The budgets an audit
/// publishes are the same plans' totals released through the disclosure engine.
///
/// # Errors
///
/// - [`Error::BaseCurrencyMismatch`] when the exchange rates convert into another base
///   currency than the valuation's;
/// - [`Error::EmployeeLocation`] naming the employee and country when the index
///   has no factor for a recipient or gives one that is not positive (nobody is
///   silently left out of a plan);
/// - [`Error::EmployeeTax`] naming the employee and country when the tax model
///   fails, gives a share outside `[0, 1]`, or taxes a stipend away entirely;
/// - [`Error::Location`] when the rates lack a currency of the budget;
/// - [`Error::Money`] on overflow or a base currency without minor unit.
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
/// let config = Config::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
/// let values = value_employees(&Inputs::new(&roster, &catalogue, &enrolments, &rates), &config)?;
/// // Remote staff receive 12% less than comparable onsite staff: b = ln(0.88).
/// let shortfall = Shortfall::new(WorkMode::Remote, 0.88f64.ln())?;
/// let plan = plan_remediation(&RemediationInputs::new(&values, &rates), shortfall, Strategy::FullParity, &config)?;
/// assert_eq!(plan.stipends()[0].amount(), Money::new(Decimal::from(120), eur)); // 880 / 0.88 − 880
/// assert_eq!(plan.base_total(), Money::new(Decimal::from(120), eur));
/// // With nobody onsite to compare with, the refit cannot estimate a gap: the plan says so.
/// assert_eq!(plan.achieved_gap(), &GapEstimate::TooSmall);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn plan_remediation(
    inputs: &RemediationInputs<'_>,
    shortfall: Shortfall,
    strategy: Strategy,
    config: &Config,
) -> Result<RemediationPlan, Error> {
    let valuations = inputs.valuations;
    let base = valuations.base_currency();
    let places = base.minor_units().ok_or_else(|| {
        Error::money(
            "base currency",
            remit_core::MoneyError::NoMinorUnit { currency: base },
        )
    })?;
    let values = valuations.values();
    let baseline = Baseline::new(values, regression_values(values, places)?);
    Planner::new(valuations, &baseline).plan(
        shortfall,
        config,
        strategy,
        inputs.index,
        inputs.tax,
        inputs.rates,
    )
}

/// What every plan for one valuation shares: the cells, the values as the regression
/// reads them, and the design over today's sample (the audit plans three strategies
/// from one planner, over the baseline its analysis built).
pub(crate) struct Planner<'a, 'b> {
    valuations: &'a Valuations,
    baseline: &'b Baseline<'a>,
}

impl<'a, 'b> Planner<'a, 'b> {
    /// A planner over the baseline the analysis of the same valuation built.
    pub(crate) fn new(valuations: &'a Valuations, baseline: &'b Baseline<'a>) -> Self {
        Self {
            valuations,
            baseline,
        }
    }

    /// One plan; see [`plan_remediation`].
    pub(crate) fn plan<L, T>(
        &self,
        shortfall: Shortfall,
        settings: &Config,
        strategy: Strategy,
        index: &L,
        tax: &T,
        rates: &ExchangeRates,
    ) -> Result<RemediationPlan, Error>
    where
        L: LocationIndex + ?Sized,
        T: TaxModel + ?Sized,
    {
        let (work_mode, coefficient) = (shortfall.work_mode, shortfall.coefficient);
        let valuations = self.valuations;
        let before = &self.baseline.before;
        let base = valuations.base_currency();
        if rates.base() != base {
            return Err(Error::BaseCurrencyMismatch {
                rates: rates.base(),
                index: base,
            });
        }
        let gap_before = coefficient.exp() - 1.0;
        let threshold = settings.threshold();
        let target_b = match strategy {
            Strategy::FullParity | Strategy::FlatPerGroup => 0.0,
            Strategy::MinimumToThreshold => (1.0 - (threshold - THRESHOLD_MARGIN).max(0.0)).ln(),
        };
        let rise = if target_b > coefficient {
            target_b - coefficient
        } else {
            0.0
        };
        let uplift = rise.exp_m1();
        let target_gap = if uplift > 0.0 {
            target_b.exp() - 1.0
        } else {
            gap_before
        };
        let values = valuations.values();
        let group: Vec<usize> = (0..values.len())
            .filter(|&i| values.get(i).is_some_and(|v| v.work_mode() == work_mode))
            .collect();

        // The normalised amount each group member is owed, before rounding.
        // The flat strategy pays everyone in the group, so its refits run on today's
        // sample and the group members valued at nothing.
        let with_group = (strategy == Strategy::FlatPerGroup && uplift > 0.0).then(|| {
            let mut member = vec![false; values.len()];
            for &i in &group {
                if let Some(m) = member.get_mut(i) {
                    *m = true;
                }
            }
            self.baseline.regression.design(|i| {
                member.get(i).copied().unwrap_or(false)
                    || before.get(i).is_some_and(|x| positive(*x))
            })
        });
        let owed: Vec<Decimal> = if uplift <= 0.0 {
            Vec::new()
        } else if let Some(design) = &with_group {
            let flat = flat_amount(design, before, &group, work_mode, target_b, rise, settings)
                .map_or_else(
                    || decimal(flat_start(before, &group, rise), "coefficient"),
                    Ok,
                )
                .map_err(|_| overflow("flat stipend", base))?;
            vec![flat; group.len()]
        } else {
            let k = decimal(uplift, "coefficient")?;
            group
                .iter()
                .map(|&i| {
                    values
                        .get(i)
                        .map_or(Some(Decimal::ZERO), |v| {
                            v.normalised().amount().checked_mul(k)
                        })
                        .ok_or_else(|| overflow("stipend", base))
                })
                .collect::<Result<_, _>>()?
        };

        let mut stipends = Vec::new();
        let mut rows = Vec::new();
        let mut worth = vec![0.0f64; values.len()];
        let mut totals: BTreeMap<Currency, Decimal> = BTreeMap::new();
        let mut payments: BTreeMap<(CountryCode, Currency), Payment> = BTreeMap::new();
        // The flat strategy gives everyone in a country the same stipend: round it once.
        let mut flat_amounts: BTreeMap<(CountryCode, Currency), Money> = BTreeMap::new();
        for (&i, &normalised) in group.iter().zip(&owed) {
            let Some(v) = values.get(i) else {
                continue;
            };
            if normalised <= Decimal::ZERO {
                continue;
            }
            let payment = payment_of(v, base, index, tax, &mut payments)?;
            let key = (v.country(), payment.currency);
            let cached = if strategy == Strategy::FlatPerGroup {
                flat_amounts.get(&key).copied()
            } else {
                None
            };
            let amount = match cached {
                Some(a) => a,
                None => {
                    let gross = normalised
                        .checked_div(payment.worth)
                        .ok_or_else(|| overflow("stipend", payment.currency))?;
                    // Digits more than six places below the minor unit are floating-point
                    // noise of `e^δ − 1` (880 × (1/0.88 − 1) is 120.00000000000003): drop
                    // them before rounding up, so noise never costs a whole minor unit.
                    let gross = payment
                        .currency
                        .minor_units()
                        .map_or(gross, |p| gross.round_dp(p + NOISE_PLACES));
                    let a = Money::new(gross, payment.currency)
                        .round(Rounding::Ceiling)
                        .map_err(|e| Error::money(format!("stipend of {}", v.employee()), e))?;
                    if strategy == Strategy::FlatPerGroup {
                        flat_amounts.insert(key, a);
                    }
                    a
                }
            };
            let total = totals.entry(payment.currency).or_insert(Decimal::ZERO);
            *total = total
                .checked_add(amount.amount())
                .ok_or_else(|| overflow("budget", payment.currency))?;
            let received = amount
                .amount()
                .checked_mul(payment.worth)
                .ok_or_else(|| overflow("stipend", base))?;
            if let Some(w) = worth.get_mut(i) {
                *w = f64::try_from(received).unwrap_or(f64::INFINITY);
            }
            stipends.push(Stipend {
                employee: v.employee(),
                country: v.country(),
                amount,
            });
            rows.push(u32::try_from(i).unwrap_or(u32::MAX));
        }
        let paid =
            |i: usize| before.get(i).copied().unwrap_or(0.0) + worth.get(i).copied().unwrap_or(0.0);
        // The refit's sample: today's, unless someone valued at nothing was paid.
        let newcomers = stipends_to_newcomers(&worth, before);
        let (refit, refit_sample) = match (&with_group, newcomers) {
            (Some(design), true) => (design.fit(paid, settings), Some(design.members().to_vec())),
            (None, true) => {
                let design = self.baseline.regression.design(|i| positive(paid(i)));
                (design.fit(paid, settings), Some(design.members().to_vec()))
            }
            (_, false) => (self.baseline.today.fit(paid, settings), None),
        };
        let achieved = refit
            .gap(work_mode)
            .copied()
            .unwrap_or(GapEstimate::NotIdentified);

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
            .map_err(|e| Error::money("base budget", e))?;
        Ok(RemediationPlan {
            work_mode,
            strategy,
            gap_before,
            target_gap,
            achieved,
            stipends,
            totals: totals.into_iter().map(|(c, a)| Money::new(a, c)).collect(),
            base_total,
            rows,
            refit_sample,
        })
    }
}

/// How a recipient is paid, cached per (country, currency): their valuation's local
/// currency and factor (the base currency and the index's factor without benefits), and
/// the share of a cash stipend they keep.
fn payment_of<L, T>(
    v: &EmployeeValue,
    base: Currency,
    index: &L,
    tax: &T,
    cache: &mut BTreeMap<(CountryCode, Currency), Payment>,
) -> Result<Payment, Error>
where
    L: LocationIndex + ?Sized,
    T: TaxModel + ?Sized,
{
    let (employee, country) = (v.employee(), v.country());
    let currency = v.local().map_or(base, |m| m.currency());
    if let Some(p) = cache.get(&(country, currency)) {
        return Ok(*p);
    }
    let factor = match v.local() {
        Some(_) => v.factor(),
        None => employee_factor(index, employee, country, base)?,
    };
    if factor <= Decimal::ZERO {
        return Err(Error::EmployeeLocation {
            employee,
            country,
            currency,
            source: LocationError::NonPositive {
                kind: "location factor",
                key: format!("{country} ({currency})"),
                value: factor,
            },
        });
    }
    let retained = employee_retained(tax, employee, country, TaxTreatment::TaxableStipend)?;
    if retained.is_zero() {
        return Err(Error::EmployeeTax {
            employee,
            country,
            source: TaxError::NothingRetained { country },
        });
    }
    let worth = factor
        .checked_mul(retained)
        .ok_or_else(|| overflow("stipend", currency))?;
    let payment = Payment { currency, worth };
    cache.insert((country, currency), payment);
    Ok(payment)
}

/// Whether anyone valued at nothing today receives a stipend (and so enters the
/// regression).
fn stipends_to_newcomers(worth: &[f64], before: &[f64]) -> bool {
    worth
        .iter()
        .zip(before)
        .any(|(w, x)| *w > 0.0 && !positive(*x))
}

/// `c₀ = mean(v) · (e^rise − 1)`: the flat amount that spends the full-parity budget
/// equally.
fn flat_start(before: &[f64], group: &[usize], rise: f64) -> f64 {
    let n = group.len().max(1) as f64;
    let mean = group
        .iter()
        .map(|&i| before.get(i).copied().unwrap_or(0.0))
        .sum::<f64>()
        / n;
    mean * rise.exp_m1()
}

/// The flat normalised amount `c` with which the refitted coefficient reaches `target`,
/// or `None` when the refit cannot estimate the gap or never reaches the target (the
/// caller then pays `c₀`, and the achieved gap says what it reaches).
///
/// With every group member paid, the sample of the refit is fixed (`design`: everyone
/// with a value and every member), so the coefficient is a fixed linear function of the
/// log values ([`Design::weights`]) and each trial amount costs one pass over the
/// group, not a refit. `c₀` ([`flat_start`]) starts the search; the bracket `[0, hi]`
/// doubles `hi` until the coefficient reaches the target, then regula falsi with the
/// Illinois modification narrows it, keeping the upper end so the plan never falls short.
fn flat_amount(
    design: &Design,
    before: &[f64],
    group: &[usize],
    mode: WorkMode,
    target: f64,
    rise: f64,
    settings: &Config,
) -> Option<Decimal> {
    let start = flat_start(before, group, rise);
    if !(start.is_finite() && start > 0.0) {
        return None;
    }
    let weights = design.weights(mode, settings)?;
    let mut member = vec![false; before.len()];
    for &i in group {
        if let Some(m) = member.get_mut(i) {
            *m = true;
        }
    }
    // β(c) = fixed + Σ over members wᵢ · ln(vᵢ + c).
    let mut fixed = 0.0;
    let mut paid = Vec::with_capacity(group.len());
    for &(i, w) in &weights.weights {
        let i = i as usize;
        let x = before.get(i).copied().unwrap_or(0.0);
        if member.get(i).copied().unwrap_or(false) {
            paid.push((w, x));
        } else {
            fixed += w * x.ln();
        }
    }
    let shortfall =
        |c: f64| fixed + paid.iter().map(|(w, x)| w * (x + c).ln()).sum::<f64>() - target;
    let (mut lo, mut f_lo) = (0.0, shortfall(0.0));
    if f_lo >= 0.0 {
        // Paying nothing already reaches the target.
        return Some(Decimal::ZERO);
    }
    if !f_lo.is_finite() {
        // Members valued at nothing have no logarithm at c = 0; any finite value below
        // zero serves for the interpolation.
        f_lo = -rise;
    }
    let mut hi = start;
    let mut f_hi = shortfall(hi);
    let mut doublings = 0;
    while f_hi < 0.0 {
        lo = hi;
        f_lo = f_hi;
        hi *= 2.0;
        f_hi = shortfall(hi);
        doublings += 1;
        if doublings > 60 || !hi.is_finite() || !f_hi.is_finite() {
            return None;
        }
    }
    // Illinois: regula falsi that halves the weight of an end kept twice running.
    let mut kept = 0i8;
    for _ in 0..200 {
        if f_hi < 1e-12 || hi - lo <= 1e-12 * hi {
            break;
        }
        let c = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
        let c = if c > lo && c < hi { c } else { 0.5 * (lo + hi) };
        let f = shortfall(c);
        if f >= 0.0 {
            hi = c;
            f_hi = f;
            if kept == -1 {
                f_lo *= 0.5;
            }
            kept = -1;
        } else {
            lo = c;
            f_lo = f;
            if kept == 1 {
                f_hi *= 0.5;
            }
            kept = 1;
        }
    }
    Decimal::try_from(hi).ok()
}

fn overflow(what: &str, currency: Currency) -> Error {
    Error::money(
        what.to_owned(),
        remit_core::MoneyError::Overflow {
            operation: "remediation",
            currency,
        },
    )
}
