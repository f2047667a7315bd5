//! Location normalisation: the [`LocationIndex`] port and its three implementations.
//!
//! A benefit worth 1 000 EUR in Lisbon and one worth 1 000 EUR in Munich cost the
//! employer the same but buy different things. Which comparison is right is a policy
//! choice, so the caller plugs it in:
//!
//! | index | normalised value | answers |
//! |---|---|---|
//! | [`ExchangeRates`] (the default) | `value × rate` | "what does it cost us, in one currency?" |
//! | [`CountryScaled::purchasing_power`] | `value × rate ÷ price level ratio` | "what does it buy where the employee lives?" (World Bank PPP) |
//! | [`CountryScaled::location_factors`] | `value × rate ÷ location factor` | "what is it worth against the local labour market?" (GitLab-style) |
//!
//! Every index is a positive factor per (country, currency): normalised = local × factor,
//! so the inverse (a base-currency stipend back into local money) is local = normalised ÷
//! factor.

use std::collections::BTreeMap;

use remit_core::{CountryCode, Currency, ExchangeRate};
use rust_decimal::Decimal;

use remit_core::EmployeeId;

use crate::error::{Error, LocationError};

/// The factor that normalises one employee's money, checked: the index's error and a
/// factor that is not positive both become [`Error::EmployeeLocation`] naming
/// the employee, their country and the currency.
pub(crate) fn employee_factor<L: LocationIndex + ?Sized>(
    index: &L,
    employee: EmployeeId,
    country: CountryCode,
    currency: Currency,
) -> Result<Decimal, Error> {
    let wrap = |source| Error::EmployeeLocation {
        employee,
        country,
        currency,
        source,
    };
    let factor = index.factor(country, currency).map_err(wrap)?;
    if factor <= Decimal::ZERO {
        return Err(wrap(LocationError::NonPositive {
            kind: "location factor",
            key: format!("{country} ({currency})"),
            value: factor,
        }));
    }
    Ok(factor)
}

/// How local money is made comparable across countries.
///
/// Implementations return, for a country and the currency an employee's benefits are
/// priced in, a positive factor that turns local money into the index's base currency:
/// `normalised = local × factor`.
pub trait LocationIndex {
    /// The currency normalised values are expressed in.
    fn base_currency(&self) -> Currency;

    /// Base-currency units per unit of `local` money for someone in `country`.
    ///
    /// # Errors
    ///
    /// A [`LocationError`] when the index has no rate or factor for the pair. The
    /// factor must be positive; the audit rejects anything else.
    fn factor(&self, country: CountryCode, local: Currency) -> Result<Decimal, LocationError>;

    /// A short description for reports, such as `"exchange rates to EUR"`.
    fn describe(&self) -> String;
}

impl<T: LocationIndex + ?Sized> LocationIndex for &T {
    fn base_currency(&self) -> Currency {
        (**self).base_currency()
    }
    fn factor(&self, country: CountryCode, local: Currency) -> Result<Decimal, LocationError> {
        (**self).factor(country, local)
    }
    fn describe(&self) -> String {
        (**self).describe()
    }
}

/// Market exchange rates into one base currency: the documented default index.
///
/// ```
/// use remit_benefits::{ExchangeRates, LocationIndex};
/// use remit_core::{CountryCode, Currency, ExchangeRate};
/// use rust_decimal::Decimal;
///
/// let (eur, inr) = (Currency::new("EUR")?, Currency::new("INR")?);
/// let rates = ExchangeRates::new(eur)
///     .with_rate(ExchangeRate::new(inr, eur, Decimal::new(105, 4))?)?; // 1 INR = 0.0105 EUR
/// assert_eq!(rates.factor(CountryCode::new("IN")?, inr)?, Decimal::new(105, 4));
/// assert_eq!(rates.factor(CountryCode::new("DE")?, eur)?, Decimal::ONE);
/// let usd = Currency::new("USD")?;
/// assert_eq!(
///     rates.factor(CountryCode::new("US")?, usd),
///     Err(remit_benefits::LocationError::NoRate { from: usd, base: eur })
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialisation adds each rate through [`ExchangeRates::with_rate`], so a document
/// with a rate that is not positive is refused as the constructor refuses it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ExchangeRatesFields"))]
pub struct ExchangeRates {
    base: Currency,
    rates: BTreeMap<Currency, Decimal>,
}

/// The fields of [`ExchangeRates`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct ExchangeRatesFields {
    base: Currency,
    rates: BTreeMap<Currency, Decimal>,
}

#[cfg(feature = "serde")]
impl TryFrom<ExchangeRatesFields> for ExchangeRates {
    type Error = String;

    fn try_from(f: ExchangeRatesFields) -> Result<Self, Self::Error> {
        let mut rates = ExchangeRates::new(f.base);
        for (from, rate) in f.rates {
            let rate = ExchangeRate::new(from, f.base, rate).map_err(|e| e.to_string())?;
            rates = rates.with_rate(rate).map_err(|e| e.to_string())?;
        }
        Ok(rates)
    }
}

impl ExchangeRates {
    /// Rates into `base`; the base itself converts at 1.
    pub fn new(base: Currency) -> Self {
        Self {
            base,
            rates: BTreeMap::new(),
        }
    }

    /// Adds a rate into the base currency (`X -> base`), or out of it (`base -> X`,
    /// inverted).
    ///
    /// # Errors
    ///
    /// [`LocationError::WrongBase`] if the rate touches neither side of the base.
    pub fn with_rate(mut self, rate: ExchangeRate) -> Result<Self, LocationError> {
        let (from, value) = if rate.to() == self.base {
            (rate.from(), rate.rate())
        } else if rate.from() == self.base {
            // Positive by the ExchangeRate invariant, so the inverse exists.
            (
                rate.to(),
                Decimal::ONE
                    .checked_div(rate.rate())
                    .unwrap_or(Decimal::ZERO),
            )
        } else {
            return Err(LocationError::WrongBase {
                from: rate.from(),
                to: rate.to(),
                base: self.base,
            });
        };
        if value <= Decimal::ZERO {
            return Err(LocationError::NonPositive {
                kind: "exchange rate",
                key: from.to_string(),
                value,
            });
        }
        self.rates.insert(from, value);
        Ok(self)
    }

    /// The rate from `currency` into the base.
    ///
    /// # Errors
    ///
    /// [`LocationError::NoRate`] if unknown.
    pub fn rate(&self, currency: Currency) -> Result<Decimal, LocationError> {
        if currency == self.base {
            return Ok(Decimal::ONE);
        }
        self.rates
            .get(&currency)
            .copied()
            .ok_or(LocationError::NoRate {
                from: currency,
                base: self.base,
            })
    }

    /// The currency every rate converts into; normalised values are in it.
    pub fn base(&self) -> Currency {
        self.base
    }

    /// Every rate into the base, by currency code, without the base itself (which
    /// converts at 1): what a caller needs to store or show the table.
    ///
    /// ```
    /// use remit_benefits::ExchangeRates;
    /// use remit_core::{Currency, ExchangeRate};
    /// use rust_decimal::Decimal;
    ///
    /// let eur = Currency::new("EUR")?;
    /// let usd = Currency::new("USD")?;
    /// let rates = ExchangeRates::new(eur).with_rate(ExchangeRate::new(usd, eur, Decimal::new(92, 2))?)?;
    /// assert_eq!(rates.rates().collect::<Vec<_>>(), vec![(usd, Decimal::new(92, 2))]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rates(&self) -> impl ExactSizeIterator<Item = (Currency, Decimal)> + '_ {
        self.rates.iter().map(|(currency, rate)| (*currency, *rate))
    }
}

impl LocationIndex for ExchangeRates {
    fn base_currency(&self) -> Currency {
        self.base
    }
    fn factor(&self, _country: CountryCode, local: Currency) -> Result<Decimal, LocationError> {
        self.rate(local)
    }
    fn describe(&self) -> String {
        format!("market exchange rates into {}", self.base)
    }
}

/// Which per-country factor a [`CountryScaled`] index divides by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CountryFactorKind {
    /// The World Bank price level ratio (`PA.NUS.PPPC.RF`: PPP conversion factor ÷
    /// market exchange rate).
    PriceLevelRatio,
    /// A cost-of-labour location factor against a reference market (GitLab's
    /// compensation calculator: San Francisco = 1).
    LocationFactor,
}

impl CountryFactorKind {
    fn label(self) -> &'static str {
        match self {
            CountryFactorKind::PriceLevelRatio => "price level ratio",
            CountryFactorKind::LocationFactor => "location factor",
        }
    }
}

/// Exchange rates followed by a per-country deflator: purchasing power parity or a
/// labour-market location factor. `normalised = local × rate ÷ country factor`.
///
/// ```
/// use remit_benefits::{CountryScaled, ExchangeRates, LocationIndex};
/// use remit_core::{CountryCode, Currency, ExchangeRate};
/// use rust_decimal::Decimal;
///
/// let (usd, inr) = (Currency::new("USD")?, Currency::new("INR")?);
/// let rates = ExchangeRates::new(usd).with_rate(ExchangeRate::new(inr, usd, Decimal::new(12, 3))?)?;
/// let india = CountryCode::new("IN")?;
/// // Prices in India are about a quarter of US prices at market rates.
/// let ppp = CountryScaled::purchasing_power(rates, [(india, Decimal::new(25, 2))])?;
/// assert_eq!(ppp.factor(india, inr)?, Decimal::new(48, 3)); // 0.012 / 0.25
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialisation checks every factor as the constructors do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CountryScaledFields"))]
pub struct CountryScaled {
    rates: ExchangeRates,
    kind: CountryFactorKind,
    factors: BTreeMap<CountryCode, Decimal>,
}

/// The fields of [`CountryScaled`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct CountryScaledFields {
    rates: ExchangeRates,
    kind: CountryFactorKind,
    factors: BTreeMap<CountryCode, Decimal>,
}

#[cfg(feature = "serde")]
impl TryFrom<CountryScaledFields> for CountryScaled {
    type Error = LocationError;

    fn try_from(f: CountryScaledFields) -> Result<Self, Self::Error> {
        CountryScaled::new(f.rates, f.kind, f.factors)
    }
}

impl CountryScaled {
    fn new(
        rates: ExchangeRates,
        kind: CountryFactorKind,
        factors: impl IntoIterator<Item = (CountryCode, Decimal)>,
    ) -> Result<Self, LocationError> {
        let mut map = BTreeMap::new();
        for (country, value) in factors {
            if value <= Decimal::ZERO {
                return Err(LocationError::NonPositive {
                    kind: kind.label(),
                    key: country.to_string(),
                    value,
                });
            }
            map.insert(country, value);
        }
        Ok(Self {
            rates,
            kind,
            factors: map,
        })
    }

    /// Purchasing-power normalisation from price level ratios (PPP ÷ market rate;
    /// see [`price_level_ratio`]).
    ///
    /// # Errors
    ///
    /// [`LocationError::NonPositive`] for a ratio ≤ 0.
    pub fn purchasing_power(
        rates: ExchangeRates,
        price_level_ratios: impl IntoIterator<Item = (CountryCode, Decimal)>,
    ) -> Result<Self, LocationError> {
        Self::new(
            rates,
            CountryFactorKind::PriceLevelRatio,
            price_level_ratios,
        )
    }

    /// Labour-market normalisation from location factors (reference market = 1).
    ///
    /// # Errors
    ///
    /// [`LocationError::NonPositive`] for a factor ≤ 0.
    pub fn location_factors(
        rates: ExchangeRates,
        factors: impl IntoIterator<Item = (CountryCode, Decimal)>,
    ) -> Result<Self, LocationError> {
        Self::new(rates, CountryFactorKind::LocationFactor, factors)
    }

    /// Which factor this index divides by.
    pub fn kind(&self) -> CountryFactorKind {
        self.kind
    }
}

/// The price level ratio of a country from its PPP conversion factor (local currency per
/// international dollar, WDI `PA.NUS.PPP` or `PA.NUS.PRVT.PP`) and its market rate (local
/// currency per US dollar, WDI `PA.NUS.FCRF`); `None` if either is not positive.
pub fn price_level_ratio(ppp_factor: Decimal, market_rate: Decimal) -> Option<Decimal> {
    (ppp_factor > Decimal::ZERO && market_rate > Decimal::ZERO)
        .then(|| ppp_factor.checked_div(market_rate))
        .flatten()
}

impl LocationIndex for CountryScaled {
    fn base_currency(&self) -> Currency {
        self.rates.base
    }
    fn factor(&self, country: CountryCode, local: Currency) -> Result<Decimal, LocationError> {
        let rate = self.rates.rate(local)?;
        let by = self.factors.get(&country).ok_or(LocationError::NoFactor {
            kind: self.kind.label(),
            country,
        })?;
        rate.checked_div(*by).ok_or(LocationError::NonPositive {
            kind: self.kind.label(),
            key: country.to_string(),
            value: *by,
        })
    }
    fn describe(&self) -> String {
        format!(
            "exchange rates into {} divided by each country's {}",
            self.rates.base,
            self.kind.label()
        )
    }
}
