//! After-tax valuation: the [`TaxModel`] port.
//!
//! Employer cost is the default basis ([`EmployerCost`]), as total-reward statements
//! recommend. An equivalence check can instead compare what the employee keeps: a
//! tax-free canteen and a taxable meal stipend of the same cost are not worth the same.
//! [`MarginalRates`] is a simple model of that: taxable benefits lose the employee's
//! marginal rate, tax-free ones keep their full value.

use std::collections::BTreeMap;

use remit_core::{CountryCode, EmployeeId};
use rust_decimal::Decimal;

use crate::catalogue::TaxTreatment;
use crate::error::{Error, TaxError};

/// The share one employee keeps of a benefit with this treatment, checked: the model's
/// error and a share outside `[0, 1]` both become [`Error::EmployeeTax`] naming
/// the employee and their country.
pub(crate) fn employee_retained<T: TaxModel + ?Sized>(
    tax: &T,
    employee: EmployeeId,
    country: CountryCode,
    treatment: TaxTreatment,
) -> Result<Decimal, Error> {
    let wrap = |source| Error::EmployeeTax {
        employee,
        country,
        source,
    };
    let share = tax.retained_share(country, treatment).map_err(wrap)?;
    if share < Decimal::ZERO || share > Decimal::ONE {
        return Err(wrap(TaxError::ShareOutOfRange { country, share }));
    }
    Ok(share)
}

/// The share of a benefit's value an employee keeps after income tax.
pub trait TaxModel {
    /// The retained share, in `[0, 1]`, of a benefit with this treatment in a country.
    ///
    /// # Errors
    ///
    /// A [`TaxError`] when the model cannot value the country.
    fn retained_share(
        &self,
        country: CountryCode,
        treatment: TaxTreatment,
    ) -> Result<Decimal, TaxError>;

    /// A short description for reports.
    fn describe(&self) -> String;
}

impl<T: TaxModel + ?Sized> TaxModel for &T {
    fn retained_share(
        &self,
        country: CountryCode,
        treatment: TaxTreatment,
    ) -> Result<Decimal, TaxError> {
        (**self).retained_share(country, treatment)
    }
    fn describe(&self) -> String {
        (**self).describe()
    }
}

/// Values benefits at what they cost the employer: the retained share is always 1.
/// The default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EmployerCost;

impl TaxModel for EmployerCost {
    fn retained_share(&self, _: CountryCode, _: TaxTreatment) -> Result<Decimal, TaxError> {
        Ok(Decimal::ONE)
    }
    fn describe(&self) -> String {
        "employer cost (before tax)".to_owned()
    }
}

/// A flat marginal income-tax rate per country: taxable benefits are worth
/// `1 − rate` of their cost to the employee, tax-free ones their full cost.
///
/// ```
/// use remit_benefits::{MarginalRates, TaxModel, TaxTreatment};
/// use remit_core::CountryCode;
/// use rust_decimal::Decimal;
///
/// let de = CountryCode::new("DE")?;
/// let rates = MarginalRates::new([(de, Decimal::new(42, 2))])?;
/// assert_eq!(rates.retained_share(de, TaxTreatment::TaxableStipend)?, Decimal::new(58, 2));
/// assert_eq!(rates.retained_share(de, TaxTreatment::TaxFreeInKind)?, Decimal::ONE);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialisation checks every rate as [`MarginalRates::new`] and
/// [`MarginalRates::with_default`] do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "MarginalRatesFields"))]
pub struct MarginalRates {
    rates: BTreeMap<CountryCode, Decimal>,
    default: Option<Decimal>,
}

/// The fields of [`MarginalRates`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct MarginalRatesFields {
    rates: BTreeMap<CountryCode, Decimal>,
    default: Option<Decimal>,
}

#[cfg(feature = "serde")]
impl TryFrom<MarginalRatesFields> for MarginalRates {
    type Error = TaxError;

    fn try_from(f: MarginalRatesFields) -> Result<Self, Self::Error> {
        let rates = MarginalRates::new(f.rates)?;
        match f.default {
            Some(rate) => rates.with_default(rate),
            None => Ok(rates),
        }
    }
}

impl MarginalRates {
    /// Rates per country, each in `[0, 1)`.
    ///
    /// # Errors
    ///
    /// [`TaxError::RateOutOfRange`] for a rate outside `[0, 1)`.
    pub fn new(rates: impl IntoIterator<Item = (CountryCode, Decimal)>) -> Result<Self, TaxError> {
        let mut map = BTreeMap::new();
        for (country, rate) in rates {
            check(country, rate)?;
            map.insert(country, rate);
        }
        Ok(Self {
            rates: map,
            default: None,
        })
    }

    /// A rate for every country not listed.
    ///
    /// # Errors
    ///
    /// [`TaxError::DefaultRateOutOfRange`] for a rate outside `[0, 1)`.
    pub fn with_default(mut self, rate: Decimal) -> Result<Self, TaxError> {
        if rate < Decimal::ZERO || rate >= Decimal::ONE {
            return Err(TaxError::DefaultRateOutOfRange { rate });
        }
        self.default = Some(rate);
        Ok(self)
    }
}

fn check(country: CountryCode, rate: Decimal) -> Result<(), TaxError> {
    if rate < Decimal::ZERO || rate >= Decimal::ONE {
        Err(TaxError::RateOutOfRange { country, rate })
    } else {
        Ok(())
    }
}

impl TaxModel for MarginalRates {
    fn retained_share(
        &self,
        country: CountryCode,
        treatment: TaxTreatment,
    ) -> Result<Decimal, TaxError> {
        if !treatment.is_taxable() {
            return Ok(Decimal::ONE);
        }
        let rate = self
            .rates
            .get(&country)
            .copied()
            .or(self.default)
            .ok_or(TaxError::NoRate { country })?;
        Ok(Decimal::ONE - rate)
    }
    fn describe(&self) -> String {
        "after income tax at each country's marginal rate".to_owned()
    }
}
