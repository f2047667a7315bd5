//! Depreciation in [`Decimal`] money, in the asset's own currency.
//!
//! A [`Basis`] (cost, salvage, useful life, in-service date) and a [`Method`] give a
//! [`Schedule`]: consecutive lines, each a [`Period`](remit_core::period::Period) with the depreciation booked in it,
//! the accumulated depreciation and the book value at its end.
//!
//! | method | lines | anchor |
//! |---|---|---|
//! | [`Method::StraightLine`] with a [`Proration`] | calendar months | Excel `SLN`, Snipe-IT linear with a floor |
//! | [`Method::DecliningBalance`] (factor 2 = double declining), switching to straight line | 12-month depreciation years | Excel `DDB` / `VDB` |
//! | [`Method::SumOfYearsDigits`] | 12-month depreciation years | Excel `SYD` |
//! | [`Method::Macrs`] 5- and 7-year, half-year or mid-quarter | calendar tax years | IRS Publication 946, Tables A-1 to A-5 |
//!
//! # Rounding
//!
//! Amounts are exact decimals until they are rounded to the currency's minor unit
//! (half away from zero). Cost and salvage must be exact in the minor unit and at most
//! [`MAX_MINOR_UNITS`] of it; larger amounts are refused, never rescaled, and an
//! intermediate amount that overflows is a [`DepreciationError::Overflow`], never a panic. Each line's depreciation is the *difference of rounded
//! cumulative amounts*, so the lines always add up to `cost − salvage` to the cent, no
//! line is negative, and the book value never falls below salvage.
//!
//! # Proration (straight line)
//!
//! - [`Proration::FullMonth`]: the month the asset goes into service counts in full; `n`
//!   monthly lines from the first day of that month.
//! - [`Proration::MidMonth`]: the asset is treated as in service from the middle of its
//!   first month: half a month there, `n − 1` full months, and the last half month at the
//!   end (`n + 1` lines).
//! - [`Proration::NextMonth`]: depreciation starts on the first day of the following month.
//!
//! With cost 1 500, salvage 300 and 36 months from 20 March 2024, the 2024 charge is
//! 333.33 (full month: 10 months), 316.67 (mid-month: 9.5) and 300.00 (next month: 9).
//!
//! # Book value on any date
//!
//! [`Schedule::book_value_on`] is the value at the end of a day. Within a line the line's
//! depreciation accrues evenly by day, so at a line's last day the whole line is booked;
//! before the first line the book value is the cost.
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_assets::depreciation::{Basis, Method, Proration};
//! use remit_core::{Currency, Money};
//! use rust_decimal::Decimal;
//!
//! let eur = Currency::new("EUR")?;
//! let m = |n: i64| Money::new(Decimal::from(n), eur);
//! let basis = Basis::new(m(1500), m(300), 36, NaiveDate::from_ymd_opt(2024, 3, 20).unwrap())?;
//! let schedule = basis.schedule(&Method::StraightLine(Proration::FullMonth))?;
//! assert_eq!(schedule.lines().count(), 36);
//! assert_eq!(schedule.total_depreciation(), m(1200));
//! let end_2024 = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
//! assert_eq!(schedule.book_value_on(end_2024).to_string(), "1166.67 EUR"); // 1500 − 333.33
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{Datelike, NaiveDate};
use remit_core::{Currency, Money};
use rust_decimal::{Decimal, RoundingStrategy};

/// When a straight-line schedule starts within the in-service month; see the
/// [module docs](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Proration {
    /// The in-service month counts in full.
    FullMonth,
    /// Half a month in the first month and half a month after the last full month.
    MidMonth,
    /// Starts the month after the in-service month.
    NextMonth,
}

/// A MACRS property class (IRS Publication 946, GDS, 200% declining balance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MacrsClass {
    /// 5-year property: computers and peripheral equipment.
    FiveYear,
    /// 7-year property: office furniture and fixtures (desks, chairs).
    SevenYear,
}

/// A MACRS first-year convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MacrsConvention {
    /// Half a year in the first tax year (26 U.S.C. §168(d)(1), the default).
    HalfYear,
    /// Placed in service in the middle of its quarter (§168(d)(3)); required when more
    /// than 40 % of the year's bases were placed in service in the last quarter (see
    /// [`mid_quarter_required`]). The quarter comes from the in-service date.
    MidQuarter,
}

/// A depreciation method; see the [module table](self).
///
/// A deserialised method is checked as [`Basis::schedule`] checks one: a declining-balance
/// factor outside `(0, 10]` is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Method {
    /// Straight line to salvage, by month.
    StraightLine(Proration),
    /// Declining balance at `factor / life` a year, switching to straight line on the
    /// remaining value when that is larger (Excel `VDB` with `no_switch = FALSE`), so the
    /// schedule reaches salvage. Factor 2 is double declining balance.
    DecliningBalance {
        /// The rate multiplier, `0 < factor ≤ 10`.
        #[cfg_attr(feature = "serde", serde(deserialize_with = "declining_factor"))]
        factor: Decimal,
    },
    /// Sum of the years' digits.
    SumOfYearsDigits,
    /// US MACRS (GDS) from the IRS percentage tables. Salvage must be zero.
    Macrs {
        /// 5- or 7-year property.
        class: MacrsClass,
        /// The MACRS recovery period: 5- or 7-year property (IRS Publication 946).
        convention: MacrsConvention,
    },
}

/// The largest declining-balance factor accepted.
const MAX_FACTOR: Decimal = Decimal::TEN;

/// Whether `factor` is a valid declining-balance factor, `0 < factor ≤ 10`.
fn factor_ok(factor: Decimal) -> bool {
    factor > Decimal::ZERO && factor <= MAX_FACTOR
}

#[cfg(feature = "serde")]
fn declining_factor<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Decimal, D::Error> {
    let factor: Decimal = serde::Deserialize::deserialize(deserializer)?;
    if factor_ok(factor) {
        Ok(factor)
    } else {
        Err(serde::de::Error::custom(DepreciationError::BadFactor {
            factor,
        }))
    }
}

impl Method {
    /// Double declining balance (factor 2) with the switch to straight line.
    pub fn double_declining() -> Self {
        Method::DecliningBalance {
            factor: Decimal::TWO,
        }
    }
}

/// Where depreciation starts: the purchase date (the default) or the first deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DepreciationStart {
    /// From the purchase date.
    #[default]
    Purchase,
    /// From the day an employee first received it (IAS 16.55: "available for use";
    /// Snipe-IT #6430). An asset never deployed is not yet depreciating.
    FirstDeployment,
}

/// A depreciation input was invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DepreciationError {
    /// Cost and salvage in different currencies.
    #[error("depreciation basis: salvage is in {salvage} but the cost is in {cost}")]
    CurrencyMismatch {
        /// The currency of the cost.
        cost: Currency,
        /// The currency of the salvage value, which differs from the cost's.
        salvage: Currency,
    },
    /// Negative cost or salvage, or salvage above cost.
    #[error("depreciation basis: need 0 <= salvage <= cost, got cost {cost} and salvage {salvage}")]
    BadAmounts {
        /// The purchase cost given (refused when negative).
        cost: Money,
        /// The salvage value given (refused when negative or above the cost).
        salvage: Money,
    },
    /// An amount has more decimal places than the currency's minor unit.
    #[error(
        "depreciation basis: field `{field}` ({value}) has more decimal places than {currency} allows"
    )]
    SubMinorUnit {
        /// Which amount has too many decimal places: `"cost"` or `"salvage"`.
        field: &'static str,
        /// The refused amount, in its own currency.
        value: Money,
        /// The amount's currency, whose minor unit the amount does not fit.
        currency: Currency,
    },
    /// An amount is too large for a schedule: in minor units it exceeds the largest
    /// [`Decimal`] mantissa (2^96 − 1), so its lines could not be stated exactly.
    #[error(
        "depreciation basis: field `{field}` ({value}) is too large: at most {max} minor units are supported"
    )]
    AmountTooLarge {
        /// Which amount is too large: `"cost"` or `"salvage"`.
        field: &'static str,
        /// The refused amount, in its own currency.
        value: Money,
        /// The largest supported amount in minor units.
        max: i128,
    },
    /// An intermediate amount overflowed [`Decimal`].
    #[error("{operation}: an intermediate amount overflows the decimal range")]
    Overflow {
        /// The computation (`declining balance`, `SLN`, `mid-quarter test`, ...).
        operation: &'static str,
    },
    /// The currency has no minor unit (XAU, XDR, ...).
    #[error("depreciation basis: {currency} has no minor unit to round to")]
    NoMinorUnit {
        /// The currency without a minor unit.
        currency: Currency,
    },
    /// The useful life is zero or longer than 1200 months.
    #[error("depreciation basis: field `life_months` must be 1-1200, got {months}")]
    BadLife {
        /// The refused useful life, in months (zero or above 1200).
        months: u32,
    },
    /// An annual method was given a life that is not whole years.
    #[error("{method}: field `life_months` must be a multiple of 12, got {months}")]
    LifeNotWholeYears {
        /// The annual method's name: `"declining balance"` or `"sum of years' digits"`.
        method: &'static str,
        /// The refused useful life, in months (not a multiple of 12).
        months: u32,
    },
    /// The declining-balance factor is outside `(0, 10]`.
    #[error("declining balance: field `factor` must be in (0, 10], got {factor}")]
    BadFactor {
        /// The refused factor (outside 0 exclusive to 10 inclusive; 2 is double declining).
        factor: Decimal,
    },
    /// MACRS with a salvage value.
    #[error("macrs: salvage must be zero (MACRS ignores salvage), got {salvage}")]
    MacrsSalvage {
        /// The salvage value given, which must be zero under MACRS.
        salvage: Money,
    },
    /// A schedule would run past the calendar chrono supports.
    #[error("depreciation schedule from {in_service} runs past the supported calendar")]
    OutOfRange {
        /// The date depreciation starts from.
        in_service: NaiveDate,
    },
    /// An argument of a spreadsheet-compatible function was out of range.
    #[error("{function}: argument `{argument}` is out of range")]
    BadArgument {
        /// `SLN`, `DDB` or `SYD`.
        function: &'static str,
        /// The spreadsheet name of the argument out of range (`"life"`, `"per"`, `"period"`,
        /// `"factor"` or `"salvage"`).
        argument: &'static str,
    },
}

/// What is being depreciated: cost, salvage, useful life and in-service date.
///
/// Invariants: same currency, `0 ≤ salvage ≤ cost`, both exact in the currency's minor
/// unit and at most [`MAX_MINOR_UNITS`] of it, `1 ≤ life_months ≤ 1200`. A deserialised
/// basis is checked by [`Basis::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "BasisRepr", into = "BasisRepr"))]
pub struct Basis {
    cost: Money,
    salvage: Money,
    life_months: u32,
    in_service: NaiveDate,
}

impl Basis {
    /// Validates a basis.
    ///
    /// # Errors
    ///
    /// A [`DepreciationError`] naming the broken invariant.
    pub fn new(
        cost: Money,
        salvage: Money,
        life_months: u32,
        in_service: NaiveDate,
    ) -> Result<Self, DepreciationError> {
        if cost.currency() != salvage.currency() {
            return Err(DepreciationError::CurrencyMismatch {
                cost: cost.currency(),
                salvage: salvage.currency(),
            });
        }
        if cost.is_negative() || salvage.is_negative() || salvage.amount() > cost.amount() {
            return Err(DepreciationError::BadAmounts { cost, salvage });
        }
        if life_months == 0 || life_months > 1200 {
            return Err(DepreciationError::BadLife {
                months: life_months,
            });
        }
        let currency = cost.currency();
        let places = currency
            .minor_units()
            .ok_or(DepreciationError::NoMinorUnit { currency })?;
        for (field, value) in [("cost", cost), ("salvage", salvage)] {
            match to_minor(value.amount(), places) {
                Ok(_) => {}
                Err(Minor::NotExact) => {
                    return Err(DepreciationError::SubMinorUnit {
                        field,
                        value,
                        currency,
                    });
                }
                Err(Minor::TooLarge) => {
                    return Err(DepreciationError::AmountTooLarge {
                        field,
                        value,
                        max: MAX_MINOR_UNITS,
                    });
                }
            }
        }
        Ok(Self {
            cost,
            salvage,
            life_months,
            in_service,
        })
    }

    /// The depreciable cost, in the basis' currency.
    pub fn cost(&self) -> Money {
        self.cost
    }
    /// The value expected at the end of the useful life, between zero and the cost.
    pub fn salvage(&self) -> Money {
        self.salvage
    }
    /// The useful life in months.
    pub fn life_months(&self) -> u32 {
        self.life_months
    }
    /// The day depreciation starts (the purchase date or the first deployment).
    pub fn in_service(&self) -> NaiveDate {
        self.in_service
    }

    /// The schedule under `method`.
    ///
    /// # Errors
    ///
    /// [`DepreciationError::LifeNotWholeYears`] for declining balance or SYD with a life
    /// that is not whole years, [`DepreciationError::BadFactor`],
    /// [`DepreciationError::MacrsSalvage`], or [`DepreciationError::OutOfRange`].
    pub fn schedule(&self, method: &Method) -> Result<Schedule, DepreciationError> {
        let currency = self.cost.currency();
        let places = currency
            .minor_units()
            .ok_or(DepreciationError::NoMinorUnit { currency })?;
        // Exact by the invariants `Basis::new` checked (a deserialised basis included).
        let minor = |m: Money| {
            to_minor(m.amount(), places).map_err(|_| DepreciationError::Overflow {
                operation: "depreciation basis",
            })
        };
        let cost_minor = minor(self.cost)?;
        let total = cost_minor - minor(self.salvage)?;
        let month0 = month_index(self.in_service);
        let n = self.life_months;
        let mut lines = Vec::new();
        let layout = match *method {
            Method::StraightLine(proration) => {
                let (first, weights_total) = match proration {
                    Proration::FullMonth => (month0, i128::from(n)),
                    Proration::NextMonth => (month0 + 1, i128::from(n)),
                    Proration::MidMonth => (month0, 2 * i128::from(n)),
                };
                let count = if proration == Proration::MidMonth {
                    n + 1
                } else {
                    n
                };
                lines.reserve(count as usize);
                // Rounded cumulative shares without a division per line: the running
                // numerator 2·total·W + weights_total over 2·weights_total, kept as a
                // quotient and remainder that each month's weight (1 or 2) advances.
                let den = 2 * weights_total;
                let step = |w: i128| ((2 * total * w) / den, (2 * total * w) % den);
                let (one, two) = (step(1), step(2));
                let (mut q, mut r) = (0i128, weights_total);
                for k in 0..count {
                    let (dq, dr) = match proration {
                        Proration::MidMonth if k != 0 && k != n => two,
                        _ => one,
                    };
                    q += dq;
                    r += dr;
                    if r >= den {
                        r -= den;
                        q += 1;
                    }
                    lines.push(q);
                }
                Layout::Months { first }
            }
            Method::SumOfYearsDigits => {
                let years = whole_years("sum of years' digits", n)?;
                let weights_total = i128::from(years) * i128::from(years + 1) / 2;
                let mut cumulative_weight = 0i128;
                for p in 0..years {
                    cumulative_weight += i128::from(years - p);
                    lines.push(share(total, cumulative_weight, weights_total));
                }
                Layout::Years { first: month0 }
            }
            Method::DecliningBalance { factor } => {
                let years = whole_years("declining balance", n)?;
                if !factor_ok(factor) {
                    return Err(DepreciationError::BadFactor { factor });
                }
                let overflow = || DepreciationError::Overflow {
                    operation: "declining balance",
                };
                let cost = self.cost.amount();
                let salvage = self.salvage.amount();
                let life = Decimal::from(years);
                let mut accumulated = Decimal::ZERO;
                for p in 0..years {
                    // 0 ≤ accumulated ≤ cost − salvage, so these differences stay in range.
                    let value = cost - accumulated;
                    let remaining = Decimal::from(years - p);
                    let declining = value
                        .checked_mul(factor)
                        .and_then(|x| x.checked_div(life))
                        .ok_or_else(overflow)?;
                    let straight = (value - salvage)
                        .checked_div(remaining)
                        .ok_or_else(overflow)?;
                    let charge = if p + 1 == years {
                        value - salvage
                    } else {
                        declining
                            .max(straight)
                            .min(value - salvage)
                            .max(Decimal::ZERO)
                    };
                    accumulated = accumulated.checked_add(charge).ok_or_else(overflow)?;
                    let rounded = to_minor_rounded(accumulated, places).ok_or_else(overflow)?;
                    lines.push(rounded.min(total));
                }
                Layout::Years { first: month0 }
            }
            Method::Macrs { class, convention } => {
                if !self.salvage.is_zero() {
                    return Err(DepreciationError::MacrsSalvage {
                        salvage: self.salvage,
                    });
                }
                let mut cumulative_bp = 0i128;
                for bp in macrs_table(class, convention, self.in_service) {
                    cumulative_bp += i128::from(*bp);
                    lines.push(share(total, cumulative_bp, 10_000));
                }
                Layout::TaxYears {
                    in_service: self.in_service,
                }
            }
        };
        let schedule = Schedule {
            basis: *self,
            method: *method,
            currency,
            places,
            cost: cost_minor,
            in_service: self.in_service,
            layout,
            lines,
        };
        // Every line's dates exist if the last line's end does (dates only grow).
        match schedule
            .lines
            .len()
            .checked_sub(1)
            .map(|k| schedule.bounds(k))
        {
            Some(Some(_)) | None => Ok(schedule),
            Some(None) => Err(DepreciationError::OutOfRange {
                in_service: self.in_service,
            }),
        }
    }
}

fn whole_years(method: &'static str, months: u32) -> Result<u32, DepreciationError> {
    if months.is_multiple_of(12) {
        Ok(months / 12)
    } else {
        Err(DepreciationError::LifeNotWholeYears { method, months })
    }
}

/// `round_half_up(total × weight / weights_total)` for non-negative integers.
fn share(total: i128, weight: i128, weights_total: i128) -> i128 {
    if weights_total <= 0 {
        return total;
    }
    // Fast path in 64 bits when nothing can overflow (i128 division is slow).
    if let (Ok(t), Ok(w), Ok(wt)) = (
        u64::try_from(total),
        u64::try_from(weight),
        u64::try_from(weights_total),
    ) && let Some(numerator) = t
        .checked_mul(w)
        .and_then(|x| x.checked_mul(2))
        .and_then(|x| x.checked_add(wt))
    {
        return i128::from(numerator / (2 * wt));
    }
    (2 * total * weight + weights_total) / (2 * weights_total)
}

/// The largest amount a schedule handles, in minor units: the largest [`Decimal`]
/// mantissa (2^96 − 1), so every line converts back to a `Decimal` at the currency's
/// scale exactly, and the integer arithmetic of the schedules (at most 2 × amount × 10 000
/// for MACRS) stays far inside `i128`.
pub const MAX_MINOR_UNITS: i128 = (1 << 96) - 1;

/// Why an amount has no exact minor-unit count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Minor {
    /// More decimal places than the currency's minor unit.
    NotExact,
    /// More than [`MAX_MINOR_UNITS`].
    TooLarge,
}

/// `amount` in minor units of a currency with `places` decimal places, exactly: the
/// mantissa scaled in `i128` (never through [`Decimal::rescale`], which silently keeps a
/// smaller scale when the larger one would overflow).
fn to_minor(amount: Decimal, places: u32) -> Result<i128, Minor> {
    let mantissa = amount.mantissa();
    let scale = amount.scale();
    let minor = if scale <= places {
        10i128
            .checked_pow(places - scale)
            .and_then(|f| mantissa.checked_mul(f))
            .ok_or(Minor::TooLarge)?
    } else {
        let divisor = 10i128.checked_pow(scale - places).ok_or(Minor::NotExact)?;
        if mantissa % divisor != 0 {
            return Err(Minor::NotExact);
        }
        mantissa / divisor
    };
    if minor.unsigned_abs() > MAX_MINOR_UNITS.unsigned_abs() {
        return Err(Minor::TooLarge);
    }
    Ok(minor)
}

/// `amount` rounded half away from zero to the minor unit, in minor units; `None` past
/// [`MAX_MINOR_UNITS`].
fn to_minor_rounded(amount: Decimal, places: u32) -> Option<i128> {
    to_minor(
        amount.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero),
        places,
    )
    .ok()
}

fn month_index(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

fn month_start(index: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
}

/// How a schedule's lines fall on the calendar; dates are computed on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Layout {
    /// Calendar months from month index `first`.
    Months { first: i32 },
    /// 12-month years from month index `first`.
    Years { first: i32 },
    /// Calendar tax years, the first starting on the in-service date.
    TaxYears { in_service: NaiveDate },
}

/// One line of a [`Schedule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ScheduleLine {
    /// The first day of the line.
    pub start: NaiveDate,
    /// The day after the last day of the line (half-open, as [`Period`](remit_core::period::Period)).
    pub end: NaiveDate,
    /// Depreciation booked in the line.
    pub depreciation: Money,
    /// Accumulated depreciation at the end of the line.
    pub accumulated: Money,
    /// Book value at the end of the line.
    pub book_value: Money,
}

/// A depreciation schedule; see the [module docs](self).
///
/// It serialises as the [`Basis`] and [`Method`] it was computed from, and deserialising
/// computes it again with [`Basis::schedule`], so a stored schedule obeys the same rules
/// as a computed one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ScheduleRepr", into = "ScheduleRepr")
)]
pub struct Schedule {
    basis: Basis,
    method: Method,
    currency: Currency,
    places: u32,
    cost: i128,
    in_service: NaiveDate,
    layout: Layout,
    /// Accumulated depreciation at the end of each line, in minor units.
    lines: Vec<i128>,
}

/// The stored form of a [`Schedule`]: what it was computed from.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ScheduleRepr {
    basis: Basis,
    method: Method,
}

#[cfg(feature = "serde")]
impl TryFrom<ScheduleRepr> for Schedule {
    type Error = DepreciationError;

    fn try_from(r: ScheduleRepr) -> Result<Self, Self::Error> {
        r.basis.schedule(&r.method)
    }
}

#[cfg(feature = "serde")]
impl From<Schedule> for ScheduleRepr {
    fn from(s: Schedule) -> Self {
        ScheduleRepr {
            basis: s.basis,
            method: s.method,
        }
    }
}

/// The stored form of a [`Basis`], checked by [`Basis::new`] when read.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct BasisRepr {
    cost: Money,
    salvage: Money,
    life_months: u32,
    in_service: NaiveDate,
}

#[cfg(feature = "serde")]
impl TryFrom<BasisRepr> for Basis {
    type Error = DepreciationError;

    fn try_from(r: BasisRepr) -> Result<Self, Self::Error> {
        Basis::new(r.cost, r.salvage, r.life_months, r.in_service)
    }
}

#[cfg(feature = "serde")]
impl From<Basis> for BasisRepr {
    fn from(b: Basis) -> Self {
        BasisRepr {
            cost: b.cost,
            salvage: b.salvage,
            life_months: b.life_months,
            in_service: b.in_service,
        }
    }
}

impl Schedule {
    fn money(&self, minor: i128) -> Money {
        // Every amount of a schedule lies in 0..=cost, at most `MAX_MINOR_UNITS`, which
        // `Decimal` holds exactly at the currency's scale: the fallback is unreachable.
        let amount = Decimal::try_from_i128_with_scale(minor, self.places).unwrap_or(Decimal::ZERO);
        Money::new(amount, self.currency)
    }

    /// The basis the schedule was computed from.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// The method the schedule was computed with.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The first and the day after the last day of line `k`.
    fn bounds(&self, k: usize) -> Option<(NaiveDate, NaiveDate)> {
        let k = i32::try_from(k).ok()?;
        match self.layout {
            Layout::Months { first } => Some((
                month_start(first.checked_add(k)?)?,
                month_start(first.checked_add(k)?.checked_add(1)?)?,
            )),
            Layout::Years { first } => {
                let start = first.checked_add(k.checked_mul(12)?)?;
                Some((month_start(start)?, month_start(start.checked_add(12)?)?))
            }
            Layout::TaxYears { in_service } => {
                let year = in_service.year().checked_add(k)?;
                let start = if k == 0 {
                    in_service
                } else {
                    NaiveDate::from_ymd_opt(year, 1, 1)?
                };
                Some((start, NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?))
            }
        }
    }

    /// The lines, in date order.
    pub fn lines(&self) -> impl Iterator<Item = ScheduleLine> + '_ {
        let mut previous = 0i128;
        self.lines
            .iter()
            .enumerate()
            .filter_map(move |(k, &cumulative)| {
                let depreciation = cumulative - previous;
                previous = cumulative;
                let (start, end) = self.bounds(k)?;
                Some(ScheduleLine {
                    start,
                    end,
                    depreciation: self.money(depreciation),
                    accumulated: self.money(cumulative),
                    book_value: self.money(self.cost - cumulative),
                })
            })
    }

    /// The number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the schedule has no lines (never, for a valid basis).
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The currency of every amount in the schedule (the basis' currency).
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Total depreciation over the schedule (`cost − salvage`).
    pub fn total_depreciation(&self) -> Money {
        self.money(self.lines.last().copied().unwrap_or(0))
    }

    /// The date after the last line (when the asset is fully depreciated).
    pub fn fully_depreciated_on(&self) -> Option<NaiveDate> {
        self.lines
            .len()
            .checked_sub(1)
            .and_then(|k| self.bounds(k))
            .map(|(_, end)| end)
    }

    /// Accumulated depreciation at the end of `date`.
    pub fn accumulated_on(&self, date: NaiveDate) -> Money {
        self.money(self.accumulated_minor(date))
    }

    /// Book value at the end of `date`: the cost before the first line, salvage after
    /// the last, accruing evenly by day within a line.
    pub fn book_value_on(&self, date: NaiveDate) -> Money {
        self.money(self.cost - self.accumulated_minor(date))
    }

    fn accumulated_minor(&self, date: NaiveDate) -> i128 {
        if date < self.in_service {
            return 0;
        }
        // Index of the first line that ends after `date` (binary search on line ends).
        let (mut lo, mut hi) = (0usize, self.lines.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.bounds(mid) {
                Some((_, end)) if end <= date => lo = mid + 1,
                _ => hi = mid,
            }
        }
        let before = lo
            .checked_sub(1)
            .and_then(|j| self.lines.get(j))
            .copied()
            .unwrap_or(0);
        let (Some(&cumulative), Some((start, end))) = (self.lines.get(lo), self.bounds(lo)) else {
            return before;
        };
        if date < start {
            return before;
        }
        let days = i128::from((end - start).num_days().max(1));
        let elapsed = i128::from((date - start).num_days() + 1).min(days);
        before + share(cumulative - before, elapsed, days)
    }
}

/// IRS Publication 946 percentages in basis points (1/100 %), one per recovery year.
fn macrs_table(
    class: MacrsClass,
    convention: MacrsConvention,
    in_service: NaiveDate,
) -> &'static [u16] {
    use MacrsClass::*;
    let quarter = in_service.month0() / 3;
    match (class, convention) {
        // Table A-1, half-year convention.
        (FiveYear, MacrsConvention::HalfYear) => &[2000, 3200, 1920, 1152, 1152, 576],
        (SevenYear, MacrsConvention::HalfYear) => &[1429, 2449, 1749, 1249, 893, 892, 893, 446],
        // Tables A-2 to A-5, mid-quarter convention, by quarter placed in service.
        (FiveYear, MacrsConvention::MidQuarter) => match quarter {
            0 => &[3500, 2600, 1560, 1101, 1101, 138],
            1 => &[2500, 3000, 1800, 1137, 1137, 426],
            2 => &[1500, 3400, 2040, 1224, 1130, 706],
            _ => &[500, 3800, 2280, 1368, 1094, 958],
        },
        (SevenYear, MacrsConvention::MidQuarter) => match quarter {
            0 => &[2500, 2143, 1531, 1093, 875, 874, 875, 109],
            1 => &[1785, 2347, 1676, 1197, 887, 887, 887, 334],
            2 => &[1071, 2551, 1822, 1302, 930, 885, 886, 553],
            _ => &[357, 2755, 1968, 1406, 1004, 873, 873, 764],
        },
    }
}

/// The MACRS percentages (IRS Publication 946) for a class, convention and in-service
/// date, one per recovery year, e.g. `[20.00, 32.00, 19.20, 11.52, 11.52, 5.76]` for
/// 5-year property under the half-year convention.
pub fn macrs_rates(
    class: MacrsClass,
    convention: MacrsConvention,
    in_service: NaiveDate,
) -> Vec<Decimal> {
    macrs_table(class, convention, in_service)
        .iter()
        .map(|bp| Decimal::new(i64::from(*bp), 2))
        .collect()
}

/// Whether 26 U.S.C. §168(d)(3) requires the mid-quarter convention for a tax year:
/// the bases placed in service in the last three months exceed 40 % of the year's total.
/// `placed` lists each property's in-service date and basis; all must share a currency.
///
/// # Errors
///
/// [`DepreciationError::CurrencyMismatch`] when the bases mix currencies,
/// [`DepreciationError::Overflow`] when their sum overflows.
pub fn mid_quarter_required(
    year: i32,
    placed: &[(NaiveDate, Money)],
) -> Result<bool, DepreciationError> {
    let overflow = || DepreciationError::Overflow {
        operation: "mid-quarter test",
    };
    let mut currency = None;
    let mut total = Decimal::ZERO;
    let mut last_quarter = Decimal::ZERO;
    for (date, basis) in placed.iter().filter(|(d, _)| d.year() == year) {
        match currency {
            None => currency = Some(basis.currency()),
            Some(c) if c != basis.currency() => {
                return Err(DepreciationError::CurrencyMismatch {
                    cost: c,
                    salvage: basis.currency(),
                });
            }
            Some(_) => {}
        }
        total = total.checked_add(basis.amount()).ok_or_else(overflow)?;
        if date.month() >= 10 {
            last_quarter = last_quarter
                .checked_add(basis.amount())
                .ok_or_else(overflow)?;
        }
    }
    // last_quarter / total > 40 %, compared without a division: 10 × last > 4 × total.
    let (Some(last_tenfold), Some(total_fourfold)) = (
        last_quarter.checked_mul(Decimal::TEN),
        total.checked_mul(Decimal::from(4)),
    ) else {
        return Err(overflow());
    };
    Ok(total > Decimal::ZERO && last_tenfold > total_fourfold)
}

/// Spreadsheet-compatible single-period functions, for reconciling with Excel, LibreOffice
/// or Google Sheets. They take and return unrounded [`Decimal`]s, as the spreadsheets do.
pub mod excel {
    use super::DepreciationError;
    use rust_decimal::Decimal;

    fn bad(function: &'static str, argument: &'static str) -> DepreciationError {
        DepreciationError::BadArgument { function, argument }
    }

    fn overflow(function: &'static str) -> DepreciationError {
        DepreciationError::Overflow {
            operation: function,
        }
    }

    /// Excel `SLN(cost, salvage, life)`: `(cost − salvage) / life`.
    ///
    /// # Errors
    ///
    /// [`DepreciationError::BadArgument`] when `life` is 0,
    /// [`DepreciationError::Overflow`] when `cost − salvage` overflows.
    pub fn sln(cost: Decimal, salvage: Decimal, life: u32) -> Result<Decimal, DepreciationError> {
        if life == 0 {
            return Err(bad("SLN", "life"));
        }
        cost.checked_sub(salvage)
            .and_then(|x| x.checked_div(Decimal::from(life)))
            .ok_or_else(|| overflow("SLN"))
    }

    /// Excel `SYD(cost, salvage, life, per)`:
    /// `(cost − salvage) × (life − per + 1) × 2 / (life × (life + 1))`.
    ///
    /// # Errors
    ///
    /// [`DepreciationError::BadArgument`] unless `1 ≤ per ≤ life ≤ 100 000`,
    /// [`DepreciationError::Overflow`] when an intermediate amount overflows.
    pub fn syd(
        cost: Decimal,
        salvage: Decimal,
        life: u32,
        per: u32,
    ) -> Result<Decimal, DepreciationError> {
        if life == 0 || life > 100_000 {
            return Err(bad("SYD", "life"));
        }
        if per == 0 || per > life {
            return Err(bad("SYD", "per"));
        }
        let l = Decimal::from(life);
        // life ≤ 100 000, so l (l + 1) ≤ 10^10 cannot overflow.
        cost.checked_sub(salvage)
            .and_then(|x| x.checked_mul(Decimal::from(life - per + 1)))
            .and_then(|x| x.checked_mul(Decimal::TWO))
            .and_then(|x| x.checked_div(l * (l + Decimal::ONE)))
            .ok_or_else(|| overflow("SYD"))
    }

    /// Excel `DDB(cost, salvage, life, period, factor)`: the declining balance charge for
    /// one period, `min(value × factor / life, value − salvage)`, never negative, without
    /// the switch to straight line (Excel's `DDB` does not switch; `VDB` does).
    ///
    /// # Errors
    ///
    /// [`DepreciationError::BadArgument`] unless `1 ≤ period ≤ life ≤ 100 000`,
    /// `0 < factor ≤ 100`, `0 ≤ salvage ≤ cost`; [`DepreciationError::Overflow`] when a
    /// charge overflows.
    pub fn ddb(
        cost: Decimal,
        salvage: Decimal,
        life: u32,
        period: u32,
        factor: Decimal,
    ) -> Result<Decimal, DepreciationError> {
        if life == 0 || life > 100_000 {
            return Err(bad("DDB", "life"));
        }
        if period == 0 || period > life {
            return Err(bad("DDB", "period"));
        }
        if factor <= Decimal::ZERO || factor > Decimal::ONE_HUNDRED {
            return Err(bad("DDB", "factor"));
        }
        if salvage < Decimal::ZERO || salvage > cost {
            return Err(bad("DDB", "salvage"));
        }
        let rate = factor / Decimal::from(life);
        let mut value = cost;
        let mut charge = Decimal::ZERO;
        for _ in 0..period {
            // salvage ≤ value ≤ cost throughout, so only the product can overflow.
            let declining = value.checked_mul(rate).ok_or_else(|| overflow("DDB"))?;
            charge = declining.min(value - salvage).max(Decimal::ZERO);
            value -= charge;
        }
        Ok(charge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mid_quarter_rule() {
        let usd = Currency::new("USD").unwrap();
        let m = |n: i64| Money::new(Decimal::from(n), usd);
        let d = |mo| NaiveDate::from_ymd_opt(2025, mo, 15).unwrap();
        assert!(!mid_quarter_required(2025, &[(d(2), m(600)), (d(11), m(400))]).unwrap());
        assert!(mid_quarter_required(2025, &[(d(2), m(599)), (d(11), m(401))]).unwrap());
        assert!(!mid_quarter_required(2024, &[(d(11), m(401))]).unwrap());
    }

    #[test]
    fn sub_minor_amounts_are_refused() {
        let eur = Currency::new("EUR").unwrap();
        let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let e = Basis::new(
            Money::new(Decimal::new(10005, 3), eur),
            Money::zero(eur),
            12,
            day,
        )
        .unwrap_err();
        assert!(matches!(
            e,
            DepreciationError::SubMinorUnit { field: "cost", .. }
        ));
        let xau = Currency::new("XAU").unwrap();
        assert_eq!(
            Basis::new(Money::zero(xau), Money::zero(xau), 12, day),
            Err(DepreciationError::NoMinorUnit { currency: xau })
        );
    }
}
