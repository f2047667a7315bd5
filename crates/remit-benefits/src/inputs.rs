//! [`Inputs`]: what the benefit audit reads.

use remit_core::{Roster, Workforce};

use crate::catalogue::Catalogue;
use crate::enrolment::Enrolments;
use crate::location::{ExchangeRates, LocationIndex};
use crate::tax::{EmployerCost, TaxModel};

/// What [`audit`](fn@crate::audit) (and [`value_employees`](crate::value_employees)) read:
/// the people through the caller's [`Workforce`], the benefit [`Catalogue`], who is
/// enrolled in what ([`Enrolments`]), market [`ExchangeRates`], and the two policy ports.
///
/// Everything is borrowed, so the people the enrolments name and the people valued
/// come from one workforce and cannot disagree. The ports have documented defaults:
///
/// - the [`LocationIndex`] that makes countries comparable defaults to the exchange
///   rates themselves ("what does it cost us, in one currency?"); set
///   [`CountryScaled`](crate::CountryScaled) with [`Inputs::with_location_index`] to
///   compare purchasing power or location factors instead;
/// - the [`TaxModel`] defaults to [`EmployerCost`] (values before tax); set
///   [`MarginalRates`](crate::MarginalRates) with [`Inputs::with_tax_model`] to compare
///   what employees keep.
///
/// Remediation budgets always convert at the market exchange rates, whatever index
/// measured the gap: a budget is money the employer pays.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_benefits::{Catalogue, CountryScaled, Enrolments, ExchangeRates, Inputs, LocationIndex, MarginalRates, TaxModel};
/// use remit_core::{CountryCode, Currency, Roster};
/// use rust_decimal::Decimal;
///
/// let eur = Currency::new("EUR")?;
/// let roster = Roster::new(Vec::new())?;
/// let catalogue = Catalogue::builder().build()?;
/// let enrolments = Enrolments::new(&catalogue);
/// let rates = ExchangeRates::new(eur);
/// // The defaults: exchange rates as the index, employer cost.
/// let inputs = Inputs::new(&roster, &catalogue, &enrolments, &rates);
/// assert_eq!(inputs.location_index().describe(), rates.describe());
/// // Purchasing power instead, after a flat 35% marginal tax.
/// let ppp = CountryScaled::purchasing_power(rates.clone(), [(CountryCode::new("PT")?, Decimal::new(6, 1))])?;
/// let tax = MarginalRates::default().with_default(Decimal::new(35, 2))?;
/// let after_tax = Inputs::new(&roster, &catalogue, &enrolments, &rates)
///     .with_location_index(&ppp)
///     .with_tax_model(&tax);
/// assert_eq!(after_tax.location_index().describe(), ppp.describe());
/// assert_eq!(after_tax.tax_model().describe(), tax.describe());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Inputs<'a, W: Workforce + ?Sized = Roster> {
    workforce: &'a W,
    catalogue: &'a Catalogue,
    enrolments: &'a Enrolments,
    rates: &'a ExchangeRates,
    index: &'a dyn LocationIndex,
    tax: &'a dyn TaxModel,
}

impl<'a, W: Workforce + ?Sized> Inputs<'a, W> {
    /// The people (everyone employed on the configured date is valued), the catalogue,
    /// the enrolments made against it, and market exchange rates into the base currency
    /// (which also serve as the location index until
    /// [`with_location_index`](Self::with_location_index)); values at employer cost
    /// until [`with_tax_model`](Self::with_tax_model).
    pub fn new(
        workforce: &'a W,
        catalogue: &'a Catalogue,
        enrolments: &'a Enrolments,
        rates: &'a ExchangeRates,
    ) -> Self {
        Self {
            workforce,
            catalogue,
            enrolments,
            rates,
            index: rates,
            tax: &EmployerCost,
        }
    }

    /// Normalises values across countries with `index` instead of the exchange rates.
    /// Its base currency must be the exchange rates' (checked by the audit).
    #[must_use]
    pub fn with_location_index(mut self, index: &'a dyn LocationIndex) -> Self {
        self.index = index;
        self
    }

    /// Values benefits after tax with `tax` instead of at employer cost.
    #[must_use]
    pub fn with_tax_model(mut self, tax: &'a dyn TaxModel) -> Self {
        self.tax = tax;
        self
    }

    /// The people whose benefits are valued, through the [`Workforce`](remit_core::Workforce)
    /// port.
    pub fn workforce(&self) -> &'a W {
        self.workforce
    }
    /// The catalogue of benefits with their prices, eligibility rules and pairings.
    pub fn catalogue(&self) -> &'a Catalogue {
        self.catalogue
    }
    /// Who is enrolled in what.
    pub fn enrolments(&self) -> &'a Enrolments {
        self.enrolments
    }
    /// The market exchange rates budgets convert at.
    pub fn rates(&self) -> &'a ExchangeRates {
        self.rates
    }
    /// The location index values are normalised with.
    pub fn location_index(&self) -> &'a dyn LocationIndex {
        self.index
    }
    /// The tax model values are taken after.
    pub fn tax_model(&self) -> &'a dyn TaxModel {
        self.tax
    }
}

impl<W: Workforce + ?Sized> Clone for Inputs<'_, W> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<W: Workforce + ?Sized> Copy for Inputs<'_, W> {}

impl<W: Workforce + ?Sized> std::fmt::Debug for Inputs<'_, W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("headcount", &self.workforce.headcount())
            .field("benefits", &self.catalogue.len())
            .field("enrolments", &self.enrolments.len())
            .field("index", &self.index.describe())
            .field("tax", &self.tax.describe())
            .finish()
    }
}
