//! The benefit [`Catalogue`]: what is offered, to whom, what it is worth and how it is
//! taxed, and which remote benefit answers which onsite perk.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use remit_core::{BenefitId, CountryCode, Currency, Employee, JobLevel, Money, WorkMode};
use rust_decimal::Decimal;

use crate::error::Error;

/// What kind of benefit this is. Categories drive the default pairing suggestions
/// ([`BenefitCategory::remote_counterparts`]) and group the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BenefitCategory {
    /// Canteen, catered lunches, snacks, or a meal stipend.
    Meals,
    /// Onsite gym or gym membership.
    Fitness,
    /// Commuter passes and transit subsidies.
    Commute,
    /// Parking at the office.
    Parking,
    /// Home-office set-up and refresh stipends.
    HomeOffice,
    /// Home internet and phone stipends.
    Internet,
    /// Co-working space memberships and day passes.
    Coworking,
    /// Wellness stipends, mental-health apps, massages.
    Wellness,
    /// Learning and development budgets.
    Learning,
    /// Onsite crèche or childcare subsidies.
    Childcare,
    /// Health insurance and similar cover.
    Health,
    /// Team events, offsites and social budgets.
    Social,
    /// Any benefit that fits no other category.
    Other,
}

impl BenefitCategory {
    /// Every category, in declaration order.
    pub const ALL: [BenefitCategory; 13] = [
        BenefitCategory::Meals,
        BenefitCategory::Fitness,
        BenefitCategory::Commute,
        BenefitCategory::Parking,
        BenefitCategory::HomeOffice,
        BenefitCategory::Internet,
        BenefitCategory::Coworking,
        BenefitCategory::Wellness,
        BenefitCategory::Learning,
        BenefitCategory::Childcare,
        BenefitCategory::Health,
        BenefitCategory::Social,
        BenefitCategory::Other,
    ];

    /// The snake-case name (`"home_office"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            BenefitCategory::Meals => "meals",
            BenefitCategory::Fitness => "fitness",
            BenefitCategory::Commute => "commute",
            BenefitCategory::Parking => "parking",
            BenefitCategory::HomeOffice => "home_office",
            BenefitCategory::Internet => "internet",
            BenefitCategory::Coworking => "coworking",
            BenefitCategory::Wellness => "wellness",
            BenefitCategory::Learning => "learning",
            BenefitCategory::Childcare => "childcare",
            BenefitCategory::Health => "health",
            BenefitCategory::Social => "social",
            BenefitCategory::Other => "other",
        }
    }

    /// The categories of remote benefits that conventionally answer an onsite perk of
    /// this category: meals ↔ meal stipend, commute and parking ↔ home office, internet or
    /// co-working, gym ↔ wellness. Empty when there is no conventional counterpart.
    ///
    /// ```
    /// use remit_benefits::BenefitCategory;
    /// assert!(BenefitCategory::Commute.remote_counterparts().contains(&BenefitCategory::Internet));
    /// assert!(BenefitCategory::Fitness.remote_counterparts().contains(&BenefitCategory::Wellness));
    /// ```
    pub const fn remote_counterparts(self) -> &'static [BenefitCategory] {
        match self {
            BenefitCategory::Meals => &[BenefitCategory::Meals],
            BenefitCategory::Fitness => &[BenefitCategory::Wellness, BenefitCategory::Fitness],
            BenefitCategory::Commute | BenefitCategory::Parking => &[
                BenefitCategory::HomeOffice,
                BenefitCategory::Internet,
                BenefitCategory::Coworking,
            ],
            BenefitCategory::Childcare => &[BenefitCategory::Childcare],
            BenefitCategory::Social => &[BenefitCategory::Social],
            BenefitCategory::Wellness => &[BenefitCategory::Wellness],
            BenefitCategory::Learning => &[BenefitCategory::Learning],
            BenefitCategory::Health => &[BenefitCategory::Health],
            BenefitCategory::HomeOffice
            | BenefitCategory::Internet
            | BenefitCategory::Coworking
            | BenefitCategory::Other => &[],
        }
    }
}

impl fmt::Display for BenefitCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the employee is taxed on a benefit. Onsite perks are often tax-free in kind
/// (a de minimis canteen, a qualified transport fringe) while the remote answer is a
/// taxable cash stipend, so equal employer cost can mean unequal value to the employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TaxTreatment {
    /// A cash stipend taxed as wages (a non-accountable plan).
    TaxableStipend,
    /// A benefit in kind taxed as wages (a company car, some gym memberships).
    TaxableInKind,
    /// A reimbursement of substantiated expenses, excluded from wages (an accountable plan).
    TaxFreeReimbursement,
    /// A benefit in kind excluded from wages (de minimis snacks, qualified transit).
    TaxFreeInKind,
}

impl TaxTreatment {
    /// Whether the employee pays income tax on it.
    pub const fn is_taxable(self) -> bool {
        matches!(
            self,
            TaxTreatment::TaxableStipend | TaxTreatment::TaxableInKind
        )
    }
}

/// How a benefit's value depends on office attendance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Proration {
    /// Worth the same however often the employee comes in (insurance, a stipend).
    #[default]
    None,
    /// Used on office days (canteen, commute, parking): the price is for a full office
    /// week of [`OfficeDays::FULL_WEEK`] days, and an employee coming in `d` days a week
    /// receives `min(d, 5) / 5` of it.
    ByOfficeDays,
}

/// Office days per week, `0..=7`, for pro-rating [`Proration::ByOfficeDays`] benefits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "Decimal", into = "Decimal"))]
pub struct OfficeDays(Decimal);

impl OfficeDays {
    /// The full office week that per-office-day prices refer to: 5 days.
    pub const FULL_WEEK: OfficeDays = OfficeDays(Decimal::from_parts(5, 0, 0, false, 0));
    /// No office days: a fully remote week (0 of 5 days).
    pub const NONE: OfficeDays = OfficeDays(Decimal::ZERO);

    /// Validates `0 ≤ days ≤ 7`; `None` otherwise.
    pub fn new(days: Decimal) -> Option<Self> {
        (days >= Decimal::ZERO && days <= Decimal::from(7)).then_some(Self(days))
    }

    /// The days per week.
    pub const fn get(self) -> Decimal {
        self.0
    }

    /// The share of a full-week price this attendance receives, `min(d, 5) / 5`.
    pub fn share(self) -> Decimal {
        self.0.min(Self::FULL_WEEK.0) / Self::FULL_WEEK.0
    }
}

impl TryFrom<Decimal> for OfficeDays {
    type Error = String;

    fn try_from(value: Decimal) -> Result<Self, Self::Error> {
        Self::new(value).ok_or_else(|| format!("office days must be between 0 and 7, got {value}"))
    }
}

impl From<OfficeDays> for Decimal {
    fn from(days: OfficeDays) -> Self {
        days.0
    }
}

/// What a benefit costs the employer per year for one full-time participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Valuation {
    /// A fixed annual employer cost.
    Annual(Money),
    /// A cost per use times the expected uses per year (a canteen lunch × 220 days).
    /// An enrolment may override the expected uses with the employee's actual uses.
    PerUse {
        /// The employer's cost of one use.
        cost_per_use: Money,
        /// The expected uses per year.
        uses_per_year: Decimal,
    },
}

impl Valuation {
    /// A fixed annual cost.
    pub const fn annual(cost: Money) -> Self {
        Valuation::Annual(cost)
    }

    /// A cost per use times expected uses per year.
    pub const fn per_use(cost_per_use: Money, uses_per_year: Decimal) -> Self {
        Valuation::PerUse {
            cost_per_use,
            uses_per_year,
        }
    }

    /// The currency it is priced in.
    pub const fn currency(&self) -> Currency {
        match self {
            Valuation::Annual(m) => m.currency(),
            Valuation::PerUse { cost_per_use, .. } => cost_per_use.currency(),
        }
    }

    /// The unit price: the annual cost, or the cost of one use.
    pub const fn unit_cost(&self) -> Money {
        match self {
            Valuation::Annual(m) => *m,
            Valuation::PerUse { cost_per_use, .. } => *cost_per_use,
        }
    }

    /// The expected units per year: 1 for an annual cost, the expected uses otherwise.
    pub fn expected_units(&self) -> Decimal {
        match self {
            Valuation::Annual(_) => Decimal::ONE,
            Valuation::PerUse { uses_per_year, .. } => *uses_per_year,
        }
    }

    /// The expected annual cost (unrounded); an error on overflow.
    pub fn annual_cost(&self) -> Result<Money, remit_core::MoneyError> {
        self.unit_cost().checked_mul(self.expected_units())
    }

    fn validate(&self, benefit: BenefitId, name: &str) -> Result<(), Error> {
        let negative = |field, value: Decimal| {
            if value.is_sign_negative() && !value.is_zero() {
                Err(Error::NegativeValuation {
                    benefit,
                    name: name.to_owned(),
                    field,
                    value,
                })
            } else {
                Ok(())
            }
        };
        match self {
            Valuation::Annual(m) => negative("annual_cost", m.amount()),
            Valuation::PerUse {
                cost_per_use,
                uses_per_year,
            } => {
                negative("cost_per_use", cost_per_use.amount())?;
                negative("uses_per_year", *uses_per_year)
            }
        }
    }
}

/// Who may receive a benefit: work modes, countries, a level range and a minimum tenure.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_benefits::Eligibility;
/// use remit_core::{CountryCode, JobLevel, WorkMode};
///
/// let rule = Eligibility::work_modes([WorkMode::Onsite, WorkMode::Hybrid])
///     .countries([CountryCode::new("DE")?, CountryCode::new("FR")?])
///     .levels(JobLevel::new(1), JobLevel::new(4))
///     .min_tenure_months(3);
/// assert!(rule.admits_mode(WorkMode::Hybrid));
/// assert!(!rule.admits_mode(WorkMode::Remote));
/// # Ok::<(), remit_core::CountryCodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Eligibility {
    work_modes: [bool; 3],
    countries: Option<BTreeSet<CountryCode>>,
    min_level: Option<JobLevel>,
    max_level: Option<JobLevel>,
    min_tenure_months: u32,
}

impl Default for Eligibility {
    fn default() -> Self {
        Self::everyone()
    }
}

impl Eligibility {
    /// Everyone in every work mode, country and level, from day one.
    pub fn everyone() -> Self {
        Self {
            work_modes: [true; 3],
            countries: None,
            min_level: None,
            max_level: None,
            min_tenure_months: 0,
        }
    }

    /// Only these work modes (every country, level and tenure until narrowed).
    pub fn work_modes(modes: impl IntoIterator<Item = WorkMode>) -> Self {
        let mut work_modes = [false; 3];
        for m in modes {
            if let Some(slot) = work_modes.get_mut(m.index()) {
                *slot = true;
            }
        }
        Self {
            work_modes,
            ..Self::everyone()
        }
    }

    /// Onsite and hybrid staff only: the shape of an office perk.
    pub fn office_based() -> Self {
        Self::work_modes([WorkMode::Onsite, WorkMode::Hybrid])
    }

    /// Admits only employees whose country is in `countries` (an empty list admits nobody
    /// and is refused when the benefit is built).
    #[must_use]
    pub fn countries(mut self, countries: impl IntoIterator<Item = CountryCode>) -> Self {
        self.countries = Some(countries.into_iter().collect());
        self
    }

    /// Admits only employees whose job level lies in `min..=max` (inclusive).
    #[must_use]
    pub fn levels(mut self, min: JobLevel, max: JobLevel) -> Self {
        self.min_level = Some(min);
        self.max_level = Some(max);
        self
    }

    /// Only after this many whole months of tenure (by the core month convention).
    #[must_use]
    pub fn min_tenure_months(mut self, months: u32) -> Self {
        self.min_tenure_months = months;
        self
    }

    /// Whether a work mode is admitted.
    pub fn admits_mode(&self, mode: WorkMode) -> bool {
        self.work_modes.get(mode.index()).copied().unwrap_or(false)
    }

    /// The admitted work modes, in canonical order.
    pub fn admitted_modes(&self) -> impl Iterator<Item = WorkMode> + '_ {
        WorkMode::ALL.into_iter().filter(|m| self.admits_mode(*m))
    }

    /// Whether a country is admitted.
    pub fn admits_country(&self, country: CountryCode) -> bool {
        self.countries.as_ref().is_none_or(|c| c.contains(&country))
    }

    /// Whether an employee qualifies on `as_of`, ignoring their work mode: the test for
    /// "would receive this perk if they worked onsite".
    pub fn admits_apart_from_mode(&self, employee: &Employee, as_of: NaiveDate) -> bool {
        self.admits_country(employee.country())
            && self.min_level.is_none_or(|l| employee.level() >= l)
            && self.max_level.is_none_or(|l| employee.level() <= l)
            && employee.tenure_months(as_of) >= self.min_tenure_months
    }

    /// Whether the parts of an employee record qualify (the fast path of
    /// [`admits`](Self::admits) when tenure is already known).
    pub fn admits_parts(
        &self,
        mode: WorkMode,
        country: CountryCode,
        level: JobLevel,
        tenure_months: u32,
    ) -> bool {
        self.admits_mode(mode)
            && self.admits_country(country)
            && self.min_level.is_none_or(|l| level >= l)
            && self.max_level.is_none_or(|l| level <= l)
            && tenure_months >= self.min_tenure_months
    }

    /// The level bounds and minimum tenure, for the valuation's hot loop.
    pub(crate) fn level_and_tenure(&self) -> (Option<JobLevel>, Option<JobLevel>, u32) {
        (self.min_level, self.max_level, self.min_tenure_months)
    }

    /// Whether an employee qualifies on `as_of`.
    pub fn admits(&self, employee: &Employee, as_of: NaiveDate) -> bool {
        self.admits_mode(employee.work_mode()) && self.admits_apart_from_mode(employee, as_of)
    }

    fn validate(&self, benefit: BenefitId, name: &str) -> Result<(), Error> {
        let name = || name.to_owned();
        if !self.work_modes.iter().any(|m| *m) {
            return Err(Error::NoWorkModes {
                benefit,
                name: name(),
            });
        }
        if self.countries.as_ref().is_some_and(BTreeSet::is_empty) {
            return Err(Error::NoCountries {
                benefit,
                name: name(),
            });
        }
        if let (Some(min), Some(max)) = (self.min_level, self.max_level)
            && min > max
        {
            return Err(Error::LevelRange {
                benefit,
                name: name(),
                min: min.rank(),
                max: max.rank(),
            });
        }
        Ok(())
    }
}

/// One benefit: a perk, stipend, allowance or in-kind service.
///
/// Built with [`Benefit::builder`]; the builder checks that the name is non-empty,
/// there is at least one price, no price is negative and the eligibility rule admits
/// somebody.
///
/// ```
/// use remit_benefits::{Benefit, BenefitCategory, Eligibility, Proration, TaxTreatment, Valuation};
/// use remit_core::{BenefitId, CountryCode, Currency, Money};
/// use rust_decimal::Decimal;
///
/// let eur = Currency::new("EUR")?;
/// let canteen = Benefit::builder(BenefitId::from_external("canteen"), "Subsidised canteen")
///     .category(BenefitCategory::Meals)
///     .eligibility(Eligibility::office_based())
///     .valuation(Valuation::per_use(Money::new(Decimal::new(650, 2), eur), Decimal::from(220)))
///     .proration(Proration::ByOfficeDays)
///     .tax(TaxTreatment::TaxFreeInKind)
///     .build()?;
/// assert!(canteen.is_onsite_only());
/// let price = canteen.valuation_for(CountryCode::new("DE")?).expect("default price");
/// assert_eq!(price.annual_cost()?.amount(), Decimal::from(1430));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialisation goes through the same checks as the builder, so a document cannot
/// produce a benefit the builder would refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "BenefitFields"))]
pub struct Benefit {
    id: BenefitId,
    name: String,
    category: BenefitCategory,
    eligibility: Eligibility,
    default_valuation: Option<Valuation>,
    country_valuations: BTreeMap<CountryCode, Valuation>,
    proration: Proration,
    tax: TaxTreatment,
}

impl Benefit {
    /// Starts a benefit. Defaults: category [`BenefitCategory::Other`], eligible to
    /// everyone, no proration, taxed as a [`TaxTreatment::TaxableStipend`], no price yet.
    pub fn builder(id: BenefitId, name: impl Into<String>) -> BenefitBuilder {
        BenefitBuilder {
            benefit: Benefit {
                id,
                name: name.into(),
                category: BenefitCategory::Other,
                eligibility: Eligibility::everyone(),
                default_valuation: None,
                country_valuations: BTreeMap::new(),
                proration: Proration::None,
                tax: TaxTreatment::TaxableStipend,
            },
        }
    }

    /// The benefit's id, unique within a catalogue (the caller's own, through
    /// `BenefitId::from_external`, or chosen directly).
    pub fn id(&self) -> BenefitId {
        self.id
    }
    /// The benefit's display name, trimmed and never empty.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The kind of benefit (home office, internet, co-working, health, ...), used to group
    /// the report.
    pub fn category(&self) -> BenefitCategory {
        self.category
    }
    /// Who may receive it.
    pub fn eligibility(&self) -> &Eligibility {
        &self.eligibility
    }
    /// How attendance scales its value.
    pub fn proration(&self) -> Proration {
        self.proration
    }
    /// How it is taxed.
    pub fn tax(&self) -> TaxTreatment {
        self.tax
    }
    /// The price that applies in a country: the country's own price, else the default.
    pub fn valuation_for(&self, country: CountryCode) -> Option<&Valuation> {
        self.country_valuations
            .get(&country)
            .or(self.default_valuation.as_ref())
    }
    /// The default price, if any.
    pub fn default_valuation(&self) -> Option<&Valuation> {
        self.default_valuation.as_ref()
    }
    /// The prices that override the default in particular countries, by ISO 3166-1 code.
    pub fn country_valuations(&self) -> &BTreeMap<CountryCode, Valuation> {
        &self.country_valuations
    }
    /// Whether onsite staff can receive it and remote staff cannot: an onsite perk.
    /// (A hybrid-only benefit is neither.)
    pub fn is_onsite_only(&self) -> bool {
        self.eligibility.admits_mode(WorkMode::Onsite)
            && !self.eligibility.admits_mode(WorkMode::Remote)
    }
}

/// The fields of a [`Benefit`] as they are serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct BenefitFields {
    id: BenefitId,
    name: String,
    category: BenefitCategory,
    eligibility: Eligibility,
    default_valuation: Option<Valuation>,
    country_valuations: BTreeMap<CountryCode, Valuation>,
    proration: Proration,
    tax: TaxTreatment,
}

#[cfg(feature = "serde")]
impl TryFrom<BenefitFields> for Benefit {
    type Error = Error;

    fn try_from(f: BenefitFields) -> Result<Self, Self::Error> {
        let mut builder = Benefit::builder(f.id, f.name)
            .category(f.category)
            .eligibility(f.eligibility)
            .proration(f.proration)
            .tax(f.tax);
        if let Some(v) = f.default_valuation {
            builder = builder.valuation(v);
        }
        for (country, v) in f.country_valuations {
            builder = builder.valuation_in(country, v);
        }
        builder.build()
    }
}

/// Builds a validated [`Benefit`]; see [`Benefit::builder`].
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct BenefitBuilder {
    benefit: Benefit,
}

impl BenefitBuilder {
    /// Sets the kind of benefit (the default is [`BenefitCategory::Other`]).
    pub fn category(mut self, category: BenefitCategory) -> Self {
        self.benefit.category = category;
        self
    }
    /// Sets who may receive it.
    pub fn eligibility(mut self, eligibility: Eligibility) -> Self {
        self.benefit.eligibility = eligibility;
        self
    }
    /// Sets the default price, used in every country without its own price.
    pub fn valuation(mut self, valuation: Valuation) -> Self {
        self.benefit.default_valuation = Some(valuation);
        self
    }
    /// Sets the price in one country (in that country's local currency).
    pub fn valuation_in(mut self, country: CountryCode, valuation: Valuation) -> Self {
        self.benefit.country_valuations.insert(country, valuation);
        self
    }
    /// Sets how attendance scales the value.
    pub fn proration(mut self, proration: Proration) -> Self {
        self.benefit.proration = proration;
        self
    }
    /// Sets the tax treatment.
    pub fn tax(mut self, tax: TaxTreatment) -> Self {
        self.benefit.tax = tax;
        self
    }

    /// Checks the invariants and returns the benefit.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyName`], [`Error::NoValuation`],
    /// [`Error::NegativeValuation`], [`Error::NoWorkModes`],
    /// [`Error::NoCountries`] or [`Error::LevelRange`].
    pub fn build(self) -> Result<Benefit, Error> {
        let mut b = self.benefit;
        b.name = b.name.trim().to_owned();
        if b.name.is_empty() {
            return Err(Error::EmptyName { benefit: b.id });
        }
        if b.default_valuation.is_none() && b.country_valuations.is_empty() {
            return Err(Error::NoValuation {
                benefit: b.id,
                name: b.name,
            });
        }
        for v in b
            .default_valuation
            .iter()
            .chain(b.country_valuations.values())
        {
            v.validate(b.id, &b.name)?;
        }
        b.eligibility.validate(b.id, &b.name)?;
        Ok(b)
    }
}

/// "This remote benefit answers that onsite perk." Made only by
/// [`CatalogueBuilder::build`], which checks it; it deserialises only as part of a
/// catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Pairing {
    onsite: BenefitId,
    counterpart: BenefitId,
}

impl Pairing {
    /// The onsite perk that the counterpart answers for remote staff.
    pub fn onsite(&self) -> BenefitId {
        self.onsite
    }
    /// The benefit remote staff receive instead.
    pub fn counterpart(&self) -> BenefitId {
        self.counterpart
    }
}

/// The most benefits one catalogue may hold (indices are `u16`).
pub const MAX_BENEFITS: usize = u16::MAX as usize;

/// A validated set of benefits and the pairings between onsite perks and their remote
/// counterparts.
///
/// Invariants, checked by [`CatalogueBuilder::build`]: benefit ids are unique; every
/// pairing goes from an onsite-only perk to a benefit remote staff are eligible for,
/// and both are in the catalogue.
///
/// ```
/// use remit_benefits::{Benefit, BenefitCategory, Catalogue, Eligibility, Valuation};
/// use remit_core::{BenefitId, Currency, Money};
/// use rust_decimal::Decimal;
///
/// let eur = Currency::new("EUR")?;
/// let gym = Benefit::builder(BenefitId::from_external("gym"), "Office gym")
///     .category(BenefitCategory::Fitness)
///     .eligibility(Eligibility::office_based())
///     .valuation(Valuation::annual(Money::new(Decimal::from(480), eur)))
///     .build()?;
/// let wellness = Benefit::builder(BenefitId::from_external("wellness"), "Wellness stipend")
///     .category(BenefitCategory::Wellness)
///     .valuation(Valuation::annual(Money::new(Decimal::from(400), eur)))
///     .build()?;
/// let catalogue = Catalogue::builder()
///     .benefit(gym.clone())
///     .benefit(wellness.clone())
///     .pair(gym.id(), wellness.id())
///     .build()?;
/// assert_eq!(catalogue.counterparts(gym.id()).count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// With the `serde` feature a catalogue serialises as its benefits and pairings, and
/// deserialises through [`CatalogueBuilder::build`] (and each benefit through its
/// builder), so a document breaking an invariant is rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CatalogueFields"))]
pub struct Catalogue {
    benefits: Vec<Benefit>,
    index: crate::FastMap<BenefitId, u16>,
    pairings: Vec<Pairing>,
}

/// The fields of a [`Catalogue`] as they are serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct CatalogueFields {
    benefits: Vec<Benefit>,
    pairings: Vec<PairingFields>,
}

/// A pairing as serialised, checked by the catalogue's builder.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct PairingFields {
    onsite: BenefitId,
    counterpart: BenefitId,
}

#[cfg(feature = "serde")]
impl TryFrom<CatalogueFields> for Catalogue {
    type Error = Error;

    fn try_from(f: CatalogueFields) -> Result<Self, Self::Error> {
        let mut builder = Catalogue::builder().benefits(f.benefits);
        for p in f.pairings {
            builder = builder.pair(p.onsite, p.counterpart);
        }
        builder.build()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Catalogue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Catalogue", 2)?;
        s.serialize_field("benefits", &self.benefits)?;
        s.serialize_field("pairings", &self.pairings)?;
        s.end()
    }
}

impl Catalogue {
    /// Starts an empty catalogue.
    pub fn builder() -> CatalogueBuilder {
        CatalogueBuilder::default()
    }

    /// The benefits, in the order given.
    pub fn benefits(&self) -> &[Benefit] {
        &self.benefits
    }

    /// The number of benefits.
    pub fn len(&self) -> usize {
        self.benefits.len()
    }

    /// Whether the catalogue is empty.
    pub fn is_empty(&self) -> bool {
        self.benefits.is_empty()
    }

    /// A benefit by id.
    pub fn get(&self, id: BenefitId) -> Option<&Benefit> {
        self.position(id).and_then(|i| self.benefits.get(i))
    }

    /// The position of a benefit in [`benefits`](Self::benefits).
    pub fn position(&self, id: BenefitId) -> Option<usize> {
        self.index.get(&id).map(|&i| usize::from(i))
    }

    /// The pairings between onsite perks and their remote counterparts, in ascending order
    /// of (onsite, counterpart) ids.
    pub fn pairings(&self) -> &[Pairing] {
        &self.pairings
    }

    /// The remote counterparts of an onsite perk.
    pub fn counterparts(&self, onsite: BenefitId) -> impl Iterator<Item = &Benefit> + '_ {
        self.pairings
            .iter()
            .filter(move |p| p.onsite == onsite)
            .filter_map(|p| self.get(p.counterpart))
    }

    /// Onsite-only perks with no remote counterpart.
    pub fn unpaired_onsite_perks(&self) -> impl Iterator<Item = &Benefit> + '_ {
        self.benefits
            .iter()
            .filter(|b| b.is_onsite_only() && !self.pairings.iter().any(|p| p.onsite == b.id))
    }

    /// Suggested pairings from the categories ([`BenefitCategory::remote_counterparts`]):
    /// for each onsite-only perk, the remote-eligible benefits of a counterpart category.
    /// A starting point for a catalogue owner; the audit uses only explicit pairings.
    pub fn suggest_pairings(&self) -> Vec<Pairing> {
        let mut out = Vec::new();
        for onsite in self.benefits.iter().filter(|b| b.is_onsite_only()) {
            for remote in self
                .benefits
                .iter()
                .filter(|b| b.eligibility.admits_mode(WorkMode::Remote))
            {
                if onsite
                    .category
                    .remote_counterparts()
                    .contains(&remote.category)
                {
                    out.push(Pairing {
                        onsite: onsite.id,
                        counterpart: remote.id,
                    });
                }
            }
        }
        out
    }
}

/// Builds a validated [`Catalogue`]; see [`Catalogue::builder`].
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct CatalogueBuilder {
    benefits: Vec<Benefit>,
    pairings: Vec<(BenefitId, BenefitId)>,
}

impl CatalogueBuilder {
    /// Adds one benefit after those already added (the catalogue keeps this order).
    pub fn benefit(mut self, benefit: Benefit) -> Self {
        self.benefits.push(benefit);
        self
    }

    /// Adds several benefits, in iteration order, after those already added.
    pub fn benefits(mut self, benefits: impl IntoIterator<Item = Benefit>) -> Self {
        self.benefits.extend(benefits);
        self
    }

    /// Declares that `counterpart` answers the onsite perk `onsite`.
    pub fn pair(mut self, onsite: BenefitId, counterpart: BenefitId) -> Self {
        self.pairings.push((onsite, counterpart));
        self
    }

    /// Checks the invariants and returns the catalogue.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateBenefit`], [`Error::TooManyBenefits`],
    /// [`Error::UnknownBenefit`] or [`Error::InvalidPairing`].
    pub fn build(self) -> Result<Catalogue, Error> {
        if self.benefits.len() > MAX_BENEFITS {
            return Err(Error::TooManyBenefits {
                count: self.benefits.len(),
                limit: MAX_BENEFITS,
            });
        }
        let mut index = crate::FastMap::default();
        index.reserve(self.benefits.len());
        for (i, b) in self.benefits.iter().enumerate() {
            // In range by the length check above.
            let position = u16::try_from(i).unwrap_or(u16::MAX);
            if let Some(first) = index.insert(b.id, position) {
                let first = self
                    .benefits
                    .get(usize::from(first))
                    .map_or_else(String::new, |f| f.name.clone());
                return Err(Error::DuplicateBenefit {
                    benefit: b.id,
                    first,
                    second: b.name.clone(),
                });
            }
        }
        let lookup = |id: BenefitId| {
            index
                .get(&id)
                .and_then(|&i| self.benefits.get(usize::from(i)))
                .ok_or_else(|| Error::UnknownBenefit {
                    context: "pairing".to_owned(),
                    benefit: id,
                })
        };
        let mut pairings = BTreeSet::new();
        for &(onsite, counterpart) in &self.pairings {
            let (o, c) = (lookup(onsite)?, lookup(counterpart)?);
            let invalid = |reason| Error::InvalidPairing {
                onsite,
                onsite_name: o.name.clone(),
                counterpart,
                counterpart_name: c.name.clone(),
                reason,
            };
            if onsite == counterpart {
                return Err(invalid("a benefit cannot answer itself"));
            }
            if !o.is_onsite_only() {
                return Err(invalid(
                    "the first benefit is not an onsite-only perk (open to onsite staff, closed to remote staff)",
                ));
            }
            if !c.eligibility.admits_mode(WorkMode::Remote) {
                return Err(invalid("the counterpart is not open to remote staff"));
            }
            pairings.insert(Pairing {
                onsite,
                counterpart,
            });
        }
        Ok(Catalogue {
            benefits: self.benefits,
            index,
            pairings: pairings.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(amount: i64) -> Money {
        Money::new(Decimal::from(amount), Currency::new("EUR").unwrap())
    }

    fn benefit(name: &str, elig: Eligibility) -> Benefit {
        Benefit::builder(BenefitId::from_external(name), name)
            .eligibility(elig)
            .valuation(Valuation::annual(eur(100)))
            .build()
            .unwrap()
    }

    #[test]
    fn builder_rejects_bad_benefits() {
        let id = BenefitId::from_external("x");
        let name = || "x".to_owned();
        assert_eq!(
            Benefit::builder(id, "  ")
                .valuation(Valuation::annual(eur(1)))
                .build(),
            Err(Error::EmptyName { benefit: id })
        );
        assert_eq!(
            Benefit::builder(id, "x").build(),
            Err(Error::NoValuation {
                benefit: id,
                name: name()
            })
        );
        assert_eq!(
            Benefit::builder(id, "x")
                .valuation(Valuation::annual(eur(-1)))
                .build(),
            Err(Error::NegativeValuation {
                benefit: id,
                name: name(),
                field: "annual_cost",
                value: Decimal::from(-1)
            })
        );
        assert_eq!(
            Benefit::builder(id, "x")
                .valuation(Valuation::per_use(eur(1), Decimal::from(-3)))
                .build(),
            Err(Error::NegativeValuation {
                benefit: id,
                name: name(),
                field: "uses_per_year",
                value: Decimal::from(-3)
            })
        );
        assert_eq!(
            Benefit::builder(id, "x")
                .valuation(Valuation::annual(eur(1)))
                .eligibility(Eligibility::work_modes([]))
                .build(),
            Err(Error::NoWorkModes {
                benefit: id,
                name: name()
            })
        );
        assert_eq!(
            Benefit::builder(id, "x")
                .valuation(Valuation::annual(eur(1)))
                .eligibility(Eligibility::everyone().countries([]))
                .build(),
            Err(Error::NoCountries {
                benefit: id,
                name: name()
            })
        );
        assert_eq!(
            Benefit::builder(id, "x")
                .valuation(Valuation::annual(eur(1)))
                .eligibility(Eligibility::everyone().levels(JobLevel::new(4), JobLevel::new(2)))
                .build(),
            Err(Error::LevelRange {
                benefit: id,
                name: name(),
                min: 4,
                max: 2
            })
        );
    }

    #[test]
    fn pairings_must_run_from_onsite_perks_to_remote_benefits() {
        let gym = benefit("gym", Eligibility::office_based());
        let wellness = benefit("wellness", Eligibility::everyone());
        let ok = Catalogue::builder()
            .benefit(gym.clone())
            .benefit(wellness.clone())
            .pair(gym.id(), wellness.id())
            .build()
            .unwrap();
        assert_eq!(ok.unpaired_onsite_perks().count(), 0);
        let reversed = Catalogue::builder()
            .benefit(gym.clone())
            .benefit(wellness.clone())
            .pair(wellness.id(), gym.id())
            .build();
        assert!(matches!(
            reversed,
            Err(Error::InvalidPairing { onsite, onsite_name, counterpart, counterpart_name, .. })
                if onsite == wellness.id() && onsite_name == "wellness"
                    && counterpart == gym.id() && counterpart_name == "gym"
        ));
        let unknown = Catalogue::builder()
            .benefit(gym.clone())
            .pair(gym.id(), BenefitId::from_external("nope"))
            .build();
        assert_eq!(
            unknown,
            Err(Error::UnknownBenefit {
                context: "pairing".to_owned(),
                benefit: BenefitId::from_external("nope")
            })
        );
        let dup = Catalogue::builder()
            .benefit(gym.clone())
            .benefit(gym.clone())
            .build();
        assert_eq!(
            dup,
            Err(Error::DuplicateBenefit {
                benefit: gym.id(),
                first: "gym".to_owned(),
                second: "gym".to_owned()
            })
        );
    }

    #[test]
    fn suggestions_follow_categories() {
        let mut commute = benefit("commute", Eligibility::office_based());
        commute.category = BenefitCategory::Commute;
        let mut internet = benefit("internet", Eligibility::everyone());
        internet.category = BenefitCategory::Internet;
        let mut learning = benefit("learning", Eligibility::everyone());
        learning.category = BenefitCategory::Learning;
        let c = Catalogue::builder()
            .benefits([commute.clone(), internet.clone(), learning])
            .build()
            .unwrap();
        assert_eq!(
            c.suggest_pairings(),
            vec![Pairing {
                onsite: commute.id(),
                counterpart: internet.id()
            }]
        );
        assert_eq!(c.unpaired_onsite_perks().count(), 1);
    }

    #[test]
    fn office_days_share_caps_at_a_full_week() {
        assert_eq!(
            OfficeDays::new(Decimal::from(3)).unwrap().share(),
            Decimal::new(6, 1)
        );
        assert_eq!(
            OfficeDays::new(Decimal::from(7)).unwrap().share(),
            Decimal::ONE
        );
        assert!(OfficeDays::new(Decimal::from(8)).is_none());
        assert!(OfficeDays::new(Decimal::from(-1)).is_none());
    }
}
