//! Money: a [`Decimal`] amount with its ISO 4217 [`Currency`].
//!
//! Money in remit is never `f64`. Arithmetic is checked: adding amounts in two
//! currencies is an error (convert first with an [`ExchangeRate`]), and so is overflow.
//! Rounding to a currency's minor unit always names its [`Rounding`] strategy.
//!
//! ```
//! use remit_core::{Currency, Money, MoneyError, Rounding};
//! use rust_decimal::Decimal;
//!
//! let eur = Currency::new("EUR")?;
//! let stipend = Money::new(Decimal::new(12_345, 3), eur); // 12.345 EUR
//! let twice = stipend.checked_add(&stipend)?;
//! assert_eq!(twice.round(Rounding::HalfEven)?.to_string(), "24.69 EUR");
//!
//! let usd = Currency::new("USD")?;
//! // No silent mixing: the error names the operation and both amounts.
//! let mixed = stipend.checked_add(&Money::zero(usd)).unwrap_err();
//! assert!(matches!(mixed, MoneyError::CurrencyMismatch { operation: "add", .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::cmp::Ordering;
use core::fmt;
use core::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

/// An ISO 4217 currency, such as EUR (two minor-unit digits) or JPY (none).
///
/// Backed by the `iso_currency` crate's table, which follows the ISO 4217 maintenance
/// agency's list, so the code list and minor-unit exponents are not maintained by hand.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Currency(iso_currency::Currency);

/// A string was not an ISO 4217 alphabetic currency code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown currency {input:?}: expected an ISO 4217 code such as EUR or JPY")]
pub struct CurrencyError {
    input: String,
}

impl CurrencyError {
    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl Currency {
    /// Looks up a three-letter ISO 4217 code; lower case is accepted.
    pub fn new(code: &str) -> Result<Self, CurrencyError> {
        let upper = code.trim().to_ascii_uppercase();
        iso_currency::Currency::from_code(&upper)
            .map(Self)
            .ok_or_else(|| CurrencyError {
                input: code.to_owned(),
            })
    }

    /// The three-letter code, such as `"EUR"`.
    pub fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The English name, such as `"Euro"`.
    pub fn name(&self) -> &str {
        self.0.name()
    }

    /// The number of minor-unit digits (2 for EUR, 0 for JPY, 3 for KWD), or `None` for
    /// units without minor units in ISO 4217 (gold, SDR, testing codes).
    pub fn minor_units(&self) -> Option<u32> {
        self.0.exponent().map(u32::from)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = CurrencyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<String> for Currency {
    type Error = CurrencyError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> Self {
        currency.code().to_owned()
    }
}

/// How to round an amount to a currency's minor unit. There is no default: every
/// rounding names its strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Rounding {
    /// Ties to the even neighbour ("banker's rounding", IEEE 754 default): 2.345 → 2.34.
    HalfEven,
    /// Ties away from zero (commercial rounding): 2.345 → 2.35, −2.345 → −2.35.
    HalfUp,
    /// Ties toward zero: 2.345 → 2.34.
    HalfDown,
    /// Toward zero (truncate): 2.349 → 2.34.
    TowardZero,
    /// Away from zero: 2.341 → 2.35.
    AwayFromZero,
    /// Toward negative infinity: 2.349 → 2.34, -2.341 → -2.35.
    Floor,
    /// Toward positive infinity: 2.341 → 2.35, -2.349 → -2.34.
    Ceiling,
}

impl Rounding {
    fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfDown => RoundingStrategy::MidpointTowardZero,
            Rounding::TowardZero => RoundingStrategy::ToZero,
            Rounding::AwayFromZero => RoundingStrategy::AwayFromZero,
            Rounding::Floor => RoundingStrategy::ToNegativeInfinity,
            Rounding::Ceiling => RoundingStrategy::ToPositiveInfinity,
        }
    }
}

/// A money operation failed. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// Two amounts in different currencies were combined.
    #[error("cannot {operation} {left} and {right}: convert one currency first")]
    CurrencyMismatch {
        /// The operation attempted (`"add"`, `"subtract"`, `"compare"`).
        operation: &'static str,
        /// The currency of the left operand.
        left: Currency,
        /// The currency of the right operand.
        right: Currency,
    },
    /// The result does not fit in a [`Decimal`] (about ±7.9 × 10²⁸).
    #[error("{operation} overflowed the decimal range in {currency}")]
    Overflow {
        /// The operation that overflowed (`"addition"`, `"multiplication"`, `"conversion"`, ...).
        operation: &'static str,
        /// The currency of the operands.
        currency: Currency,
    },
    /// A division of an amount by zero.
    #[error("cannot divide an amount in {currency} by zero")]
    DivisionByZero {
        /// The currency of the dividend.
        currency: Currency,
    },
    /// The currency has no minor unit in ISO 4217, so there is nothing to round to.
    #[error(
        "{currency} has no minor unit in ISO 4217; round to an explicit number of places instead"
    )]
    NoMinorUnit {
        /// The currency that has no minor unit in ISO 4217.
        currency: Currency,
    },
    /// An exchange rate must be positive.
    #[error("exchange rate {from} -> {to} must be positive, got {rate}")]
    InvalidRate {
        /// The currency one unit of which the rate prices.
        from: Currency,
        /// The currency the rate converts into.
        to: Currency,
        /// The rejected rate (zero or negative; a rate must be positive).
        rate: Decimal,
    },
}

/// An amount of money in one currency.
///
/// Equality compares the amount numerically (`1.0 EUR == 1.00 EUR`) and the currency.
/// There is no `PartialOrd`: ordering amounts of different currencies is meaningless,
/// so comparison goes through [`Money::checked_cmp`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An amount in a currency. Any scale is kept until you [`round`](Self::round).
    pub const fn new(amount: Decimal, currency: Currency) -> Self {
        Self { amount, currency }
    }

    /// Zero in a currency.
    pub const fn zero(currency: Currency) -> Self {
        Self::new(Decimal::ZERO, currency)
    }

    /// The amount as an exact decimal, in units of the currency (not minor units).
    pub const fn amount(&self) -> Decimal {
        self.amount
    }

    /// The ISO 4217 currency of the amount.
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// Whether the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// Whether the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    fn same_currency(&self, other: &Money, operation: &'static str) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                operation,
                left: self.currency,
                right: other.currency,
            })
        }
    }

    fn overflow(&self, operation: &'static str) -> MoneyError {
        MoneyError::Overflow {
            operation,
            currency: self.currency,
        }
    }

    /// `self + other`; an error if the currencies differ or the sum overflows.
    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other, "add")?;
        self.amount
            .checked_add(other.amount)
            .map(|amount| Money::new(amount, self.currency))
            .ok_or_else(|| self.overflow("addition"))
    }

    /// `self − other`; an error if the currencies differ or the difference overflows.
    pub fn checked_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other, "subtract")?;
        self.amount
            .checked_sub(other.amount)
            .map(|amount| Money::new(amount, self.currency))
            .ok_or_else(|| self.overflow("subtraction"))
    }

    /// `self × factor` (a quantity, a rate, a share); an error on overflow.
    pub fn checked_mul(&self, factor: Decimal) -> Result<Money, MoneyError> {
        self.amount
            .checked_mul(factor)
            .map(|amount| Money::new(amount, self.currency))
            .ok_or_else(|| self.overflow("multiplication"))
    }

    /// `self ÷ divisor`; an error on division by zero or overflow.
    pub fn checked_div(&self, divisor: Decimal) -> Result<Money, MoneyError> {
        if divisor.is_zero() {
            return Err(MoneyError::DivisionByZero {
                currency: self.currency,
            });
        }
        self.amount
            .checked_div(divisor)
            .map(|amount| Money::new(amount, self.currency))
            .ok_or_else(|| self.overflow("division"))
    }

    /// The negated amount. Never fails: the decimal range is symmetric.
    pub fn negated(&self) -> Money {
        Money::new(-self.amount, self.currency)
    }

    /// Compares two amounts of the same currency.
    pub fn checked_cmp(&self, other: &Money) -> Result<Ordering, MoneyError> {
        self.same_currency(other, "compare")?;
        Ok(self.amount.cmp(&other.amount))
    }

    /// Rounds to the currency's minor unit (two places for EUR, none for JPY) with an
    /// explicit strategy. An error for currencies without a minor unit.
    pub fn round(&self, rounding: Rounding) -> Result<Money, MoneyError> {
        let places = self.currency.minor_units().ok_or(MoneyError::NoMinorUnit {
            currency: self.currency,
        })?;
        Ok(self.round_to(places, rounding))
    }

    /// Rounds to `places` decimal places with an explicit strategy.
    pub fn round_to(&self, places: u32, rounding: Rounding) -> Money {
        Money::new(
            self.amount
                .round_dp_with_strategy(places.min(28), rounding.strategy()),
            self.currency,
        )
    }

    /// The amount for a reader: rounded half-even to `places` decimal places (the
    /// currency's minor unit when `None`, two places for currencies without one), with
    /// comma thousands separators, then the currency code. For display only: the
    /// rounding happens in the text, never in a stored amount.
    ///
    /// ```
    /// use remit_core::{Currency, Money};
    /// use rust_decimal::Decimal;
    ///
    /// let eur = Currency::new("EUR")?;
    /// let m = Money::new(Decimal::new(123_456_789, 2), eur);
    /// assert_eq!(m.formatted(None), "1,234,567.89 EUR");
    /// assert_eq!(m.formatted(Some(0)), "1,234,568 EUR");
    /// assert_eq!(Money::new(Decimal::new(-5005, 1), eur).formatted(Some(0)), "-500 EUR");
    /// # Ok::<(), remit_core::CurrencyError>(())
    /// ```
    pub fn formatted(&self, places: Option<u32>) -> String {
        let places = places
            .or_else(|| self.currency.minor_units())
            .unwrap_or(2)
            .min(28);
        let rounded = self
            .amount
            .round_dp_with_strategy(places, Rounding::HalfEven.strategy());
        // Plain `Display`, padded by hand: `rust_decimal` formats a precision (`{:.2}`)
        // into a fixed 32-byte buffer and panics when 29 integer digits and the places
        // do not fit (found by fuzzing). After rounding, the scale is at most `places`.
        let text = rounded.abs().to_string();
        let (whole, shown) = text.split_once('.').unwrap_or((&text, ""));
        let mut fraction = shown.to_owned();
        while fraction.len() < places as usize {
            fraction.push('0');
        }
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
            "-"
        } else {
            ""
        };
        if fraction.is_empty() {
            format!("{sign}{grouped} {}", self.currency)
        } else {
            format!("{sign}{grouped}.{fraction} {}", self.currency)
        }
    }

    /// Sums amounts that must all be in `currency`. The empty sum is zero.
    pub fn try_sum<'a>(
        currency: Currency,
        amounts: impl IntoIterator<Item = &'a Money>,
    ) -> Result<Money, MoneyError> {
        amounts
            .into_iter()
            .try_fold(Money::zero(currency), |acc, m| acc.checked_add(m))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

/// A rate that converts amounts from one currency to another: `1 from = rate × to`.
///
/// Invariant: `rate > 0`. Conversions are exact in [`Decimal`] until you round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawExchangeRate"))]
pub struct ExchangeRate {
    from: Currency,
    to: Currency,
    rate: Decimal,
}

/// The serialised fields of an [`ExchangeRate`], checked by [`ExchangeRate::new`] on the
/// way in (a saved rate of zero or below is refused as the constructor refuses it).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawExchangeRate {
    from: Currency,
    to: Currency,
    rate: Decimal,
}

#[cfg(feature = "serde")]
impl TryFrom<RawExchangeRate> for ExchangeRate {
    type Error = MoneyError;

    fn try_from(raw: RawExchangeRate) -> Result<Self, Self::Error> {
        ExchangeRate::new(raw.from, raw.to, raw.rate)
    }
}

impl ExchangeRate {
    /// A rate; an error unless `rate > 0`.
    pub fn new(from: Currency, to: Currency, rate: Decimal) -> Result<Self, MoneyError> {
        if rate <= Decimal::ZERO {
            return Err(MoneyError::InvalidRate { from, to, rate });
        }
        Ok(Self { from, to, rate })
    }

    /// The currency converted from: the rate prices one unit of it.
    pub fn from(&self) -> Currency {
        self.from
    }

    /// The currency converted into.
    pub fn to(&self) -> Currency {
        self.to
    }

    /// Units of `to` per unit of `from`.
    pub fn rate(&self) -> Decimal {
        self.rate
    }

    /// Converts an amount in `from` to `to` (unrounded); an error if the amount is in
    /// another currency or the product overflows.
    pub fn convert(&self, money: &Money) -> Result<Money, MoneyError> {
        if money.currency != self.from {
            return Err(MoneyError::CurrencyMismatch {
                operation: "convert",
                left: money.currency,
                right: self.from,
            });
        }
        money
            .amount
            .checked_mul(self.rate)
            .map(|amount| Money::new(amount, self.to))
            .ok_or(MoneyError::Overflow {
                operation: "conversion",
                currency: self.to,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::new("EUR").unwrap()
    }

    #[test]
    fn minor_units_follow_iso_4217() {
        assert_eq!(Currency::new("eur").unwrap().minor_units(), Some(2));
        assert_eq!(Currency::new("JPY").unwrap().minor_units(), Some(0));
        assert_eq!(Currency::new("KWD").unwrap().minor_units(), Some(3));
        assert_eq!(Currency::new("XAU").unwrap().minor_units(), None);
        assert_eq!(Currency::new("EURO").unwrap_err().input(), "EURO");
    }

    #[test]
    fn rounding_strategies_differ_on_ties() {
        let m = Money::new(Decimal::new(2345, 3), eur());
        let r = |s| m.round(s).unwrap().amount();
        assert_eq!(r(Rounding::HalfEven), Decimal::new(234, 2));
        assert_eq!(r(Rounding::HalfUp), Decimal::new(235, 2));
        assert_eq!(r(Rounding::HalfDown), Decimal::new(234, 2));
        assert_eq!(r(Rounding::TowardZero), Decimal::new(234, 2));
        assert_eq!(r(Rounding::AwayFromZero), Decimal::new(235, 2));
        let jpy = Money::new(Decimal::new(15, 1), Currency::new("JPY").unwrap());
        assert_eq!(
            jpy.round(Rounding::HalfEven).unwrap().amount(),
            Decimal::new(2, 0)
        );
    }

    #[test]
    fn overflow_and_division_by_zero_are_errors() {
        let max = Money::new(Decimal::MAX, eur());
        assert!(matches!(
            max.checked_add(&max),
            Err(MoneyError::Overflow { .. })
        ));
        assert!(matches!(
            max.checked_div(Decimal::ZERO),
            Err(MoneyError::DivisionByZero { .. })
        ));
        assert_eq!(
            ExchangeRate::new(eur(), eur(), Decimal::ZERO),
            Err(MoneyError::InvalidRate {
                from: eur(),
                to: eur(),
                rate: Decimal::ZERO
            })
        );
    }

    #[test]
    fn conversion_checks_the_source_currency() {
        let usd = Currency::new("USD").unwrap();
        let rate = ExchangeRate::new(eur(), usd, Decimal::new(108, 2)).unwrap();
        let converted = rate.convert(&Money::new(Decimal::from(10), eur())).unwrap();
        assert_eq!(converted, Money::new(Decimal::new(108, 1), usd));
        assert_eq!(
            rate.convert(&Money::zero(usd)),
            Err(MoneyError::CurrencyMismatch {
                operation: "convert",
                left: usd,
                right: eur()
            })
        );
    }
}
