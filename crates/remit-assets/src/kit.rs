//! Kit coverage: does everyone have the equipment their way of working needs?
//!
//! A [`KitPolicy`] says what each employee should hold; [`StandardKit`] is the documented
//! default. [`kit_coverage`] compares that with what the fleet says each person holds on
//! a date and prices the gaps with a [`KitPrices`] list: the operational list, per
//! person, for the people who ship equipment. What may be published about kit coverage
//! (per work mode, per category, the cost of closing the gaps) is in
//! [`AssetsReport::kit`](crate::AssetsReport::kit), released through the disclosure
//! engine.
//!
//! ```
//! use remit_assets::kit::{KitList, KitPolicy, StandardKit};
//! use remit_assets::Category;
//! use remit_core::WorkMode;
//!
//! let remote = StandardKit.required_for(WorkMode::Remote);
//! assert!(remote.contains(Category::ErgonomicChair));
//! assert_eq!(remote.len(), 6);
//! assert_eq!(StandardKit.required_for(WorkMode::Onsite), KitList::of(&[Category::Laptop, Category::Headset]));
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::NaiveDate;
use foldhash::fast::FixedState;
use remit_core::{CountryCode, Currency, Employee, EmployeeId, Money, WorkMode, Workforce};

use crate::asset::Category;
use crate::error::Error;
pub use crate::error::KitError;
use crate::fleet::{AssetHistory, Fleet};
use crate::lifecycle::{Status, TransitLeg};

/// A set of [`Category`]s, stored as a bit per [`Category::index`].
///
/// Invariant: only the 12 category bits are set. A deserialised list (its bits as a
/// number) is checked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u16", into = "u16"))]
pub struct KitList(u16);

/// The bits of every category.
const ALL_BITS: u16 = (1 << Category::ALL.len()) - 1;

impl TryFrom<u16> for KitList {
    type Error = KitError;

    fn try_from(bits: u16) -> Result<Self, Self::Error> {
        if bits & !ALL_BITS != 0 {
            return Err(KitError::UnknownCategories { bits });
        }
        Ok(KitList(bits))
    }
}

impl From<KitList> for u16 {
    fn from(list: KitList) -> Self {
        list.0
    }
}

impl KitList {
    /// The list with no category in it.
    pub const EMPTY: KitList = KitList(0);

    /// The list holding exactly the categories given (duplicates count once).
    pub fn of(categories: &[Category]) -> Self {
        categories.iter().fold(Self::EMPTY, |k, c| k.with(*c))
    }

    /// The same list with `category` added (no change if it is there already).
    #[must_use]
    pub const fn with(self, category: Category) -> Self {
        KitList(self.0 | (1 << category.index()))
    }

    /// Whether the list holds `category`.
    pub const fn contains(self, category: Category) -> bool {
        self.0 & (1 << category.index()) != 0
    }

    /// The categories in `self`, `other` or both.
    #[must_use]
    pub const fn union(self, other: KitList) -> KitList {
        KitList(self.0 | other.0)
    }

    /// The categories in `self` but not in `other`.
    #[must_use]
    pub const fn without(self, other: KitList) -> KitList {
        KitList(self.0 & !other.0)
    }

    /// The number of categories.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the list is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The categories, in report order.
    pub fn iter(self) -> impl Iterator<Item = Category> {
        Category::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

impl fmt::Display for KitList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(c.label())?;
        }
        Ok(())
    }
}

/// What equipment each employee should hold.
///
/// Implement it to encode your own rules (by role through
/// [`Employee::department`] or [`Employee::level`], by country, by attribute).
pub trait KitPolicy {
    /// The kit `employee` should hold.
    fn required(&self, employee: &Employee) -> KitList;
}

/// The default policy: remote and hybrid staff get a laptop, monitor, headset, webcam,
/// ergonomic chair and desk (the home office a remote-first employer equips, after
/// Hofy/Deel IT and Firstbase packages); onsite staff get a laptop and a headset, the
/// office providing the rest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StandardKit;

impl StandardKit {
    /// The kit a hybrid or remote employee needs: laptop, monitor, headset, webcam,
    /// ergonomic chair and desk.
    pub const HOME_OFFICE: KitList = KitList::EMPTY
        .with(Category::Laptop)
        .with(Category::Monitor)
        .with(Category::Headset)
        .with(Category::Webcam)
        .with(Category::ErgonomicChair)
        .with(Category::Desk);

    /// The kit an onsite employee needs: laptop and headset.
    pub const ONSITE: KitList = KitList::EMPTY
        .with(Category::Laptop)
        .with(Category::Headset);

    /// The kit for a work mode.
    pub const fn required_for(&self, mode: WorkMode) -> KitList {
        match mode {
            WorkMode::Onsite => Self::ONSITE,
            WorkMode::Hybrid | WorkMode::Remote => Self::HOME_OFFICE,
        }
    }
}

impl KitPolicy for StandardKit {
    fn required(&self, employee: &Employee) -> KitList {
        self.required_for(employee.work_mode())
    }
}

impl<P: KitPolicy + ?Sized> KitPolicy for &P {
    fn required(&self, employee: &Employee) -> KitList {
        (**self).required(employee)
    }
}

/// What it costs to buy one item of a category, by default or for one country.
///
/// Invariant: no price is negative. It serialises as two lists (`default`: category and
/// price; `by_country`: country, category and price), each entry checked when read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "KitPricesRepr", into = "KitPricesRepr")
)]
pub struct KitPrices {
    default: BTreeMap<Category, Money>,
    by_country: BTreeMap<(CountryCode, Category), Money>,
}

impl KitPrices {
    /// An empty list: every gap is unpriced.
    pub const fn new() -> Self {
        Self {
            default: BTreeMap::new(),
            by_country: BTreeMap::new(),
        }
    }

    /// Sets the default price of a category.
    ///
    /// # Errors
    ///
    /// [`KitError::NegativePrice`] for a negative price.
    pub fn with(mut self, category: Category, price: Money) -> Result<Self, KitError> {
        if price.is_negative() {
            return Err(KitError::NegativePrice {
                category,
                country: None,
                price,
            });
        }
        self.default.insert(category, price);
        Ok(self)
    }

    /// Sets the price of a category in one country.
    ///
    /// # Errors
    ///
    /// [`KitError::NegativePrice`] for a negative price.
    pub fn with_country(
        mut self,
        country: CountryCode,
        category: Category,
        price: Money,
    ) -> Result<Self, KitError> {
        if price.is_negative() {
            return Err(KitError::NegativePrice {
                category,
                country: Some(country),
                price,
            });
        }
        self.by_country.insert((country, category), price);
        Ok(self)
    }

    /// Whether the list has no price at all.
    pub fn is_empty(&self) -> bool {
        self.default.is_empty() && self.by_country.is_empty()
    }

    /// The price for a country, falling back to the default.
    pub fn price(&self, country: CountryCode, category: Category) -> Option<Money> {
        self.by_country
            .get(&(country, category))
            .or_else(|| self.default.get(&category))
            .copied()
    }
}

/// The stored form of [`KitPrices`]: lists instead of maps (a JSON object cannot have a
/// (country, category) pair as its key), read back through the checking setters.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct KitPricesRepr {
    #[serde(default)]
    default: Vec<DefaultPrice>,
    #[serde(default)]
    by_country: Vec<CountryPrice>,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct DefaultPrice {
    category: Category,
    price: Money,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct CountryPrice {
    country: CountryCode,
    category: Category,
    price: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<KitPricesRepr> for KitPrices {
    type Error = KitError;

    fn try_from(r: KitPricesRepr) -> Result<Self, Self::Error> {
        let mut prices = KitPrices::new();
        for p in r.default {
            prices = prices.with(p.category, p.price)?;
        }
        for p in r.by_country {
            prices = prices.with_country(p.country, p.category, p.price)?;
        }
        Ok(prices)
    }
}

#[cfg(feature = "serde")]
impl From<KitPrices> for KitPricesRepr {
    fn from(p: KitPrices) -> Self {
        KitPricesRepr {
            default: p
                .default
                .into_iter()
                .map(|(category, price)| DefaultPrice { category, price })
                .collect(),
            by_country: p
                .by_country
                .into_iter()
                .map(|((country, category), price)| CountryPrice {
                    country,
                    category,
                    price,
                })
                .collect(),
        }
    }
}

/// One employee's missing kit: an operational record (it names the person) for the
/// people who ship equipment.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct KitGap {
    /// The employee who lacks something.
    pub employee: EmployeeId,
    /// Their work mode on the as-of date.
    pub work_mode: WorkMode,
    /// Their country (where the missing items are shipped and priced).
    pub country: CountryCode,
    /// The required categories they hold no asset of.
    pub missing: KitList,
}

/// Who lacks what, and what closing the gaps costs: the operational result of
/// [`kit_coverage`].
///
/// Every field is about individuals or raw counts of them; it is for the people who
/// ship equipment and must not be published as statistics. Published kit coverage is
/// [`AssetsReport::kit`](crate::AssetsReport::kit), whose every figure the disclosure
/// engine released.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct KitCoverage {
    /// One entry per active employee lacking something, in workforce order.
    pub gaps: Vec<KitGap>,
    /// Items required across all active employees (one per required category each).
    pub required_items: u64,
    /// Required items they hold (in use, awaiting return, or on the way to them).
    pub held_items: u64,
    /// Active employees per work mode (index [`WorkMode::index`]).
    pub headcount: [u64; 3],
    /// Active employees lacking at least one required item, per work mode.
    pub lacking: [u64; 3],
    /// Active employees lacking each category, per [`Category::index`].
    pub lacking_by_category: [u64; 12],
    /// The price of closing every priced gap, per currency.
    pub cost_to_close: BTreeMap<Currency, Money>,
    /// Missing items with no price in the list (not in `cost_to_close`).
    pub unpriced_items: u64,
}

impl KitCoverage {
    /// Held over required items, 0 to 1 (1 when nothing is required).
    pub fn coverage(&self) -> f64 {
        if self.required_items == 0 {
            1.0
        } else {
            self.held_items as f64 / self.required_items as f64
        }
    }
}

/// Who holds which categories on `as_of`: assets in use, awaiting return, or on their way
/// to the employee. Operational, per person.
pub fn holdings<F: Fleet + ?Sized>(assets: &F, as_of: NaiveDate) -> HashMap<EmployeeId, KitList> {
    let mut held = Holdings::default();
    for a in assets.assets() {
        held.add(a.state_on(as_of).status(), a.category());
    }
    held.finish().into_iter().collect()
}

/// Who `status` puts an asset with: in use, awaiting return, or on its way to them.
fn holder_of(status: Status) -> Option<EmployeeId> {
    match status {
        Status::InUse { assignee } | Status::ReturnRequested { assignee, .. } => Some(assignee),
        Status::InTransit(TransitLeg::ToEmployee { employee }) => Some(employee),
        _ => None,
    }
}

/// What each person holds, gathered from the fleet.
pub(crate) type Held = HashMap<EmployeeId, KitList, FixedState>;

/// Gathers holdings one asset at a time. Fleets usually list a person's assets together,
/// so consecutive assets of one holder are merged before touching the map.
#[derive(Debug, Default)]
pub(crate) struct Holdings {
    held: Held,
    pending: Option<(EmployeeId, KitList)>,
}

impl Holdings {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            held: Held::with_capacity_and_hasher(capacity, FixedState::default()),
            pending: None,
        }
    }

    /// Adds an asset of `category` whose state on the date is `status`.
    #[inline]
    pub(crate) fn add(&mut self, status: Status, category: Category) {
        let Some(holder) = holder_of(status) else {
            return;
        };
        match &mut self.pending {
            Some((who, kit)) if *who == holder => *kit = kit.with(category),
            pending => {
                if let Some((who, kit)) = pending.replace((holder, KitList::EMPTY.with(category))) {
                    let entry = self.held.entry(who).or_default();
                    *entry = KitList(entry.0 | kit.0);
                }
            }
        }
    }

    pub(crate) fn finish(mut self) -> Held {
        if let Some((who, kit)) = self.pending.take() {
            let entry = self.held.entry(who).or_default();
            *entry = KitList(entry.0 | kit.0);
        }
        self.held
    }
}

/// What `employee` should hold under `policy` and which of it they lack, given what
/// everyone holds: the one rule both [`kit_coverage`] and the report apply.
#[inline]
pub(crate) fn assess(
    employee: &Employee,
    held: &Held,
    policy: &dyn KitPolicy,
) -> (KitList, KitList) {
    let required = policy.required(employee);
    let has = held.get(&employee.id()).copied().unwrap_or_default();
    (required, required.without(has))
}

/// Compares what active employees hold on `as_of` with what `policy` requires: the
/// operational list of gaps (see [`KitCoverage`]).
///
/// # Errors
///
/// [`Error::DuplicateEmployee`] when the workforce lists an active employee twice;
/// [`Error::Money`] if summing prices overflows.
pub fn kit_coverage<W: Workforce + ?Sized, F: Fleet + ?Sized>(
    workforce: &W,
    assets: &F,
    policy: &dyn KitPolicy,
    prices: &KitPrices,
    as_of: NaiveDate,
) -> Result<KitCoverage, Error> {
    let mut held = Holdings::default();
    for a in assets.assets() {
        held.add(a.state_on(as_of).status(), a.category());
    }
    let held = held.finish();
    let active: Vec<EmployeeId> = workforce
        .employees()
        .filter(|e| e.is_active_on(as_of))
        .map(|e| e.id())
        .collect();
    if let Some(employee) = remit_core::duplicates::first_duplicate(active.iter().copied()) {
        return Err(Error::DuplicateEmployee { employee });
    }
    let mut out = KitCoverage::default();
    for employee in workforce.employees() {
        if !employee.is_active_on(as_of) {
            continue;
        }
        let mode = employee.work_mode().index();
        out.headcount[mode] += 1;
        let (required, missing) = assess(&employee, &held, policy);
        out.required_items += required.len() as u64;
        out.held_items += (required.len() - missing.len()) as u64;
        if missing.is_empty() {
            continue;
        }
        out.lacking[mode] += 1;
        for c in missing.iter() {
            out.lacking_by_category[c.index()] += 1;
            match prices.price(employee.country(), c) {
                Some(p) => {
                    let total = out
                        .cost_to_close
                        .entry(p.currency())
                        .or_insert(Money::zero(p.currency()));
                    *total = total
                        .checked_add(&p)
                        .map_err(Error::money(|| "cost of closing the kit gaps"))?;
                }
                None => out.unpriced_items += 1,
            }
        }
        out.gaps.push(KitGap {
            employee: employee.id(),
            work_mode: employee.work_mode(),
            country: employee.country(),
            missing,
        });
    }
    Ok(out)
}
