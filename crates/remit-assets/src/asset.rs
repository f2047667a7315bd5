//! What an asset *is*: its category, tag, purchase cost and the dates that bound its life.
//!
//! These facts are fixed when the asset is bought and never change; everything that
//! happens to the asset afterwards is an [`Event`](crate::Event) in its
//! [`EventLog`](crate::EventLog). The purchase cost is recorded with its own currency
//! (a laptop bought in Brazil stays a BRL asset wherever it travels), which is what
//! Snipe-IT users ask for in grokability/snipe-it#17308.

use core::fmt;

use chrono::{Months, NaiveDate};
use remit_core::{AssetId, Currency, Money};

use crate::depreciation::{Basis, DepreciationError, DepreciationStart};

/// The kind of equipment. The order is the order reports list categories in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Category {
    /// A laptop (stores data).
    Laptop,
    /// A desktop computer (stores data).
    Desktop,
    /// A mobile phone (stores data).
    Phone,
    /// A tablet (stores data).
    Tablet,
    /// An external monitor (no storage media).
    Monitor,
    /// A headset (no storage media).
    Headset,
    /// A webcam (no storage media).
    Webcam,
    /// A docking station (no storage media).
    Dock,
    /// A keyboard (no storage media).
    Keyboard,
    /// A mouse or trackpad.
    Mouse,
    /// An ergonomic office chair.
    ErgonomicChair,
    /// A desk (sit-stand or fixed).
    Desk,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 12] = [
        Category::Laptop,
        Category::Desktop,
        Category::Phone,
        Category::Tablet,
        Category::Monitor,
        Category::Headset,
        Category::Webcam,
        Category::Dock,
        Category::Keyboard,
        Category::Mouse,
        Category::ErgonomicChair,
        Category::Desk,
    ];

    /// Whether assets of this kind normally carry storage media that can hold personal
    /// or company data, and so need NIST SP 800-88 sanitisation before they change hands.
    /// An individual [`Asset`] may override this (a monitor with a built-in drive).
    pub const fn stores_data_by_default(self) -> bool {
        matches!(
            self,
            Category::Laptop | Category::Desktop | Category::Phone | Category::Tablet
        )
    }

    /// The lower-case name used in text (`"ergonomic chair"`).
    pub const fn label(self) -> &'static str {
        match self {
            Category::Laptop => "laptop",
            Category::Desktop => "desktop",
            Category::Phone => "phone",
            Category::Tablet => "tablet",
            Category::Monitor => "monitor",
            Category::Headset => "headset",
            Category::Webcam => "webcam",
            Category::Dock => "dock",
            Category::Keyboard => "keyboard",
            Category::Mouse => "mouse",
            Category::ErgonomicChair => "ergonomic chair",
            Category::Desk => "desk",
        }
    }

    /// A dense index (`0..12` in report order), handy for per-category arrays.
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A caller's own label for an asset (the sticker on it), such as `"LT-2231"`.
///
/// Invariant: 1–64 bytes after trimming, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct AssetTag(String);

impl AssetTag {
    /// The longest tag accepted, in bytes.
    pub const MAX_LEN: usize = 64;

    /// Validates a tag.
    ///
    /// # Errors
    ///
    /// [`AssetError::InvalidTag`] if the trimmed tag is empty, longer than
    /// [`MAX_LEN`](Self::MAX_LEN) bytes, or contains a control character.
    pub fn new(tag: &str) -> Result<Self, AssetError> {
        let trimmed = tag.trim();
        if trimmed.is_empty()
            || trimmed.len() > Self::MAX_LEN
            || trimmed.chars().any(char::is_control)
        {
            return Err(AssetError::InvalidTag {
                input: tag.to_owned(),
            });
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The tag as stored: trimmed, 1 to [`MAX_LEN`](Self::MAX_LEN) bytes, no control
    /// characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The asset id this tag maps to (UUID v5, see [`AssetId::from_external`]).
    pub fn to_id(&self) -> AssetId {
        AssetId::from_external(&self.0)
    }
}

impl fmt::Display for AssetTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for AssetTag {
    type Error = AssetError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<AssetTag> for String {
    fn from(tag: AssetTag) -> Self {
        tag.0
    }
}

/// An asset record was invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AssetError {
    /// The tag was empty, too long or held control characters.
    #[error("invalid asset tag {input:?}: must be 1-64 bytes without control characters")]
    InvalidTag {
        /// The tag as given, before trimming.
        input: String,
    },
    /// A required field was not set on the builder.
    #[error("asset {tag}: missing required field `{field}`")]
    MissingField {
        /// The tag of the asset being built.
        tag: AssetTag,
        /// The builder field that was never set.
        field: &'static str,
    },
    /// A money field was negative.
    #[error("asset {tag}: field `{field}` must not be negative, got {value}")]
    NegativeAmount {
        /// The tag of the asset with the negative amount.
        tag: AssetTag,
        /// Which amount is negative: `"cost"` or `"salvage"`.
        field: &'static str,
        /// The refused amount (below zero).
        value: Money,
    },
    /// Salvage and cost were in different currencies.
    #[error("asset {tag}: field `salvage` is in {salvage} but the cost is in {cost}")]
    CurrencyMismatch {
        /// The tag of the asset whose amounts disagree on currency.
        tag: AssetTag,
        /// The currency of the purchase cost.
        cost: Currency,
        /// The currency of the salvage value, which differs from the cost's.
        salvage: Currency,
    },
    /// Salvage value above the purchase cost.
    #[error("asset {tag}: field `salvage` ({salvage}) exceeds the cost ({cost})")]
    SalvageAboveCost {
        /// The tag of the asset whose salvage exceeds its cost.
        tag: AssetTag,
        /// The purchase cost, which the salvage value may not exceed.
        cost: Money,
        /// The salvage value given, above the cost.
        salvage: Money,
    },
    /// A useful life of zero months.
    #[error("asset {tag}: field `useful_life_months` must be at least 1")]
    ZeroLife {
        /// The tag of the asset with a zero useful life.
        tag: AssetTag,
    },
    /// Cost or salvage cannot be depreciated: more decimal places than the currency's
    /// minor unit, a currency without one (XAU, XDR, ...), or more minor units than a
    /// schedule can state exactly ([`MAX_MINOR_UNITS`](crate::depreciation::MAX_MINOR_UNITS)).
    #[error("asset {tag}: {source}")]
    NotDepreciable {
        /// The tag of the asset that cannot be depreciated.
        tag: AssetTag,
        /// What [`Basis::new`] refused, naming the field.
        source: DepreciationError,
    },
    /// Depreciation from first deployment would start before the asset was bought (an
    /// asset is not available for use before it is acquired, IAS 16.55).
    #[error(
        "asset {tag}: depreciation cannot start on {in_service}, before the purchase date ({purchased_on})"
    )]
    DepreciationBeforePurchase {
        /// The tag of the asset whose depreciation would start before its purchase.
        tag: AssetTag,
        /// The in-service date given (the first deployment).
        in_service: NaiveDate,
        /// The purchase date, which the in-service date may not precede.
        purchased_on: NaiveDate,
    },
    /// A useful life longer than 100 years.
    #[error("asset {tag}: field `{field}` ({months} months) exceeds 1200 months")]
    TooLong {
        /// The tag of the asset with the too-long period.
        tag: AssetTag,
        /// Which period is too long: `"useful_life_months"` or `"warranty_months"`.
        field: &'static str,
        /// The rejected number of months.
        months: u32,
    },
}

/// The fixed facts about one piece of equipment.
///
/// Invariants (checked by [`AssetBuilder::build`]): cost and salvage are in the same
/// currency, `0 ≤ salvage ≤ cost`, both exact in the currency's minor unit (so that the
/// asset can always be depreciated, see [`Basis::new`]),
/// `1 ≤ useful_life_months ≤ 1200`, `warranty_months ≤ 1200`. A deserialised asset is
/// checked by the builder.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_assets::{Asset, AssetTag, Category};
/// use remit_core::{Currency, Money};
/// use rust_decimal::Decimal;
///
/// let eur = Currency::new("EUR")?;
/// let laptop = Asset::builder(AssetTag::new("LT-2231")?, Category::Laptop)
///     .purchased(NaiveDate::from_ymd_opt(2025, 3, 20).unwrap(), Money::new(Decimal::from(1500), eur))
///     .salvage(Money::new(Decimal::from(300), eur))
///     .useful_life_months(36)
///     .warranty_months(24)
///     .build()?;
/// assert!(laptop.stores_data());
/// assert_eq!(laptop.end_of_life(), NaiveDate::from_ymd_opt(2028, 3, 20));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AssetRepr", into = "AssetRepr"))]
pub struct Asset {
    id: AssetId,
    tag: AssetTag,
    category: Category,
    stores_data: bool,
    purchased_on: NaiveDate,
    cost: Money,
    salvage: Money,
    useful_life_months: u32,
    warranty_months: u32,
}

impl Asset {
    /// Starts an asset; the id is derived from the tag unless set with
    /// [`AssetBuilder::id`].
    pub fn builder(tag: AssetTag, category: Category) -> AssetBuilder {
        AssetBuilder {
            id: None,
            tag,
            category,
            stores_data: category.stores_data_by_default(),
            purchase: None,
            salvage: None,
            useful_life_months: None,
            warranty_months: 0,
        }
    }

    /// The asset's id: the caller's own, or derived from the tag when none was given.
    pub fn id(&self) -> AssetId {
        self.id
    }
    /// The caller's tag (the label on the device), by which errors and reports name it.
    pub fn tag(&self) -> &AssetTag {
        &self.tag
    }
    /// The kind of equipment (laptop, monitor, ...); decides the default storage flag.
    pub fn category(&self) -> Category {
        self.category
    }
    /// Whether the asset carries storage media that must be sanitised before it changes hands.
    pub fn stores_data(&self) -> bool {
        self.stores_data
    }
    /// The date the asset was bought; nothing can happen to it before this day.
    pub fn purchased_on(&self) -> NaiveDate {
        self.purchased_on
    }
    /// The purchase cost, in the asset's own currency.
    pub fn cost(&self) -> Money {
        self.cost
    }
    /// The expected value at the end of the useful life (same currency as the cost).
    pub fn salvage(&self) -> Money {
        self.salvage
    }
    /// The currency of the cost and the salvage value (they always share one).
    pub fn currency(&self) -> Currency {
        self.cost.currency()
    }
    /// The useful life in months.
    pub fn useful_life_months(&self) -> u32 {
        self.useful_life_months
    }
    /// The warranty in months from purchase (0 = none).
    pub fn warranty_months(&self) -> u32 {
        self.warranty_months
    }
    /// Purchase date plus the useful life (month convention of
    /// [`remit_core::period`]); `None` past the supported calendar.
    pub fn end_of_life(&self) -> Option<NaiveDate> {
        self.purchased_on
            .checked_add_months(Months::new(self.useful_life_months))
    }
    /// Purchase date plus the warranty; `None` without a warranty.
    pub fn warranty_ends(&self) -> Option<NaiveDate> {
        if self.warranty_months == 0 {
            return None;
        }
        self.purchased_on
            .checked_add_months(Months::new(self.warranty_months))
    }

    /// The asset's depreciation [`Basis`]: its cost, salvage and useful life, in service
    /// from the purchase date or from its first deployment (`first_deployed_on`, as
    /// [`Lifecycle::first_deployed_on`](crate::Lifecycle::first_deployed_on) gives it).
    /// `Ok(None)` when depreciation starts at first deployment and the asset has not been
    /// deployed yet. The amounts and life of an asset always make a valid basis (its
    /// builder checks them with [`Basis::new`]).
    ///
    /// # Errors
    ///
    /// [`AssetError::DepreciationBeforePurchase`] when the first deployment is dated
    /// before the purchase (an asset is not available for use before it is acquired,
    /// IAS 16.55); [`AssetError::NotDepreciable`] only if the basis were refused, which
    /// the builder's checks rule out.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use remit_assets::depreciation::{DepreciationStart, Method, Proration};
    /// use remit_assets::{Asset, AssetTag, Category};
    /// use remit_core::{Currency, Money};
    /// use rust_decimal::Decimal;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let eur = Currency::new("EUR")?;
    /// let laptop = Asset::builder(AssetTag::new("LT-7")?, Category::Laptop)
    ///     .purchased(d(1, 10), Money::new(Decimal::from(1200), eur))
    ///     .useful_life_months(36)
    ///     .build()?;
    /// // Not deployed yet: nothing depreciates from first deployment.
    /// assert!(laptop.depreciation_basis(DepreciationStart::FirstDeployment, None)?.is_none());
    /// let basis = laptop
    ///     .depreciation_basis(DepreciationStart::FirstDeployment, Some(d(2, 3)))?
    ///     .expect("deployed");
    /// assert_eq!(basis.in_service(), d(2, 3));
    /// let schedule = basis.schedule(&Method::StraightLine(Proration::FullMonth))?;
    /// assert_eq!(schedule.lines().count(), 36);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn depreciation_basis(
        &self,
        start: DepreciationStart,
        first_deployed_on: Option<NaiveDate>,
    ) -> Result<Option<Basis>, AssetError> {
        let in_service = match start {
            DepreciationStart::Purchase => Some(self.purchased_on),
            DepreciationStart::FirstDeployment => first_deployed_on,
        };
        let Some(in_service) = in_service else {
            return Ok(None);
        };
        if in_service < self.purchased_on {
            return Err(AssetError::DepreciationBeforePurchase {
                tag: self.tag.clone(),
                in_service,
                purchased_on: self.purchased_on,
            });
        }
        Basis::new(self.cost, self.salvage, self.useful_life_months, in_service)
            .map(Some)
            .map_err(|source| AssetError::NotDepreciable {
                tag: self.tag.clone(),
                source,
            })
    }
}

/// Builds an [`Asset`]; see [`Asset::builder`].
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct AssetBuilder {
    /// `None` until [`AssetBuilder::id`] is called; derived from the tag in `build`
    /// (UUID v5 costs a SHA-1, which callers that set their own id do not need).
    id: Option<AssetId>,
    tag: AssetTag,
    category: Category,
    stores_data: bool,
    purchase: Option<(NaiveDate, Money)>,
    salvage: Option<Money>,
    useful_life_months: Option<u32>,
    warranty_months: u32,
}

impl AssetBuilder {
    /// Overrides the id derived from the tag.
    pub fn id(mut self, id: AssetId) -> Self {
        self.id = Some(id);
        self
    }
    /// Overrides the category default for storage media.
    pub fn stores_data(mut self, stores_data: bool) -> Self {
        self.stores_data = stores_data;
        self
    }
    /// The purchase date and cost (required).
    pub fn purchased(mut self, on: NaiveDate, cost: Money) -> Self {
        self.purchase = Some((on, cost));
        self
    }
    /// The salvage value (default: zero in the cost's currency).
    pub fn salvage(mut self, salvage: Money) -> Self {
        self.salvage = Some(salvage);
        self
    }
    /// The useful life in months (required).
    pub fn useful_life_months(mut self, months: u32) -> Self {
        self.useful_life_months = Some(months);
        self
    }
    /// The warranty in months from purchase (default 0).
    pub fn warranty_months(mut self, months: u32) -> Self {
        self.warranty_months = months;
        self
    }

    /// Checks the invariants listed on [`Asset`].
    ///
    /// # Errors
    ///
    /// An [`AssetError`] naming the tag and the field.
    pub fn build(self) -> Result<Asset, AssetError> {
        let tag = self.tag;
        let Some((purchased_on, cost)) = self.purchase else {
            return Err(AssetError::MissingField {
                tag,
                field: "purchased",
            });
        };
        let Some(useful_life_months) = self.useful_life_months else {
            return Err(AssetError::MissingField {
                tag,
                field: "useful_life_months",
            });
        };
        let salvage = self.salvage.unwrap_or(Money::zero(cost.currency()));
        if cost.is_negative() {
            return Err(AssetError::NegativeAmount {
                tag,
                field: "cost",
                value: cost,
            });
        }
        if salvage.is_negative() {
            return Err(AssetError::NegativeAmount {
                tag,
                field: "salvage",
                value: salvage,
            });
        }
        if salvage.currency() != cost.currency() {
            return Err(AssetError::CurrencyMismatch {
                tag,
                cost: cost.currency(),
                salvage: salvage.currency(),
            });
        }
        if salvage.amount() > cost.amount() {
            return Err(AssetError::SalvageAboveCost { tag, cost, salvage });
        }
        if useful_life_months == 0 {
            return Err(AssetError::ZeroLife { tag });
        }
        for (field, months) in [
            ("useful_life_months", useful_life_months),
            ("warranty_months", self.warranty_months),
        ] {
            if months > 1200 {
                return Err(AssetError::TooLong { tag, field, months });
            }
        }
        // The amounts every schedule needs: exact in the minor unit, within range.
        if let Err(source) = Basis::new(cost, salvage, useful_life_months, purchased_on) {
            return Err(AssetError::NotDepreciable { tag, source });
        }
        Ok(Asset {
            id: self.id.unwrap_or_else(|| tag.to_id()),
            tag,
            category: self.category,
            stores_data: self.stores_data,
            purchased_on,
            cost,
            salvage,
            useful_life_months,
            warranty_months: self.warranty_months,
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct AssetRepr {
    id: AssetId,
    tag: AssetTag,
    category: Category,
    stores_data: bool,
    purchased_on: NaiveDate,
    cost: Money,
    salvage: Money,
    useful_life_months: u32,
    warranty_months: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<AssetRepr> for Asset {
    type Error = AssetError;

    fn try_from(r: AssetRepr) -> Result<Self, Self::Error> {
        Asset::builder(r.tag, r.category)
            .id(r.id)
            .stores_data(r.stores_data)
            .purchased(r.purchased_on, r.cost)
            .salvage(r.salvage)
            .useful_life_months(r.useful_life_months)
            .warranty_months(r.warranty_months)
            .build()
    }
}

#[cfg(feature = "serde")]
impl From<Asset> for AssetRepr {
    fn from(a: Asset) -> Self {
        AssetRepr {
            id: a.id,
            tag: a.tag,
            category: a.category,
            stores_data: a.stores_data,
            purchased_on: a.purchased_on,
            cost: a.cost,
            salvage: a.salvage,
            useful_life_months: a.useful_life_months,
            warranty_months: a.warranty_months,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn eur(n: i64) -> Money {
        Money::new(Decimal::from(n), Currency::new("EUR").unwrap())
    }

    fn base() -> AssetBuilder {
        Asset::builder(AssetTag::new("LT-1").unwrap(), Category::Laptop)
            .purchased(NaiveDate::from_ymd_opt(2025, 1, 31).unwrap(), eur(1000))
            .useful_life_months(36)
    }

    #[test]
    fn validation_names_the_field() {
        assert!(base().build().is_ok());
        let e = base().salvage(eur(2000)).build().unwrap_err();
        assert!(matches!(e, AssetError::SalvageAboveCost { .. }));
        assert!(e.to_string().starts_with("asset LT-1: field `salvage`"));
        assert!(matches!(
            base().useful_life_months(0).build(),
            Err(AssetError::ZeroLife { .. })
        ));
        assert!(matches!(
            base().purchased(NaiveDate::MIN, eur(-1)).build(),
            Err(AssetError::NegativeAmount { field: "cost", .. })
        ));
        let usd = Money::new(Decimal::ONE, Currency::new("USD").unwrap());
        assert!(matches!(
            base().salvage(usd).build(),
            Err(AssetError::CurrencyMismatch { .. })
        ));
        for bad in ["  ", "a\u{7}b", &"x".repeat(AssetTag::MAX_LEN + 1)] {
            assert_eq!(
                AssetTag::new(bad),
                Err(AssetError::InvalidTag {
                    input: bad.to_owned()
                })
            );
        }
    }

    #[test]
    fn month_end_purchase_clamps() {
        let a = base().warranty_months(1).build().unwrap();
        assert_eq!(a.warranty_ends(), NaiveDate::from_ymd_opt(2025, 2, 28));
        assert_eq!(a.end_of_life(), NaiveDate::from_ymd_opt(2028, 1, 31));
    }
}
