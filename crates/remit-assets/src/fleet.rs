//! An asset together with its history: the unit the analyses read, and the port through
//! which they read it.
//!
//! The reports never demand a particular storage. They read a [`Fleet`]: anything that
//! can list its assets as [`AssetHistory`] views, each giving the asset's fixed facts and
//! its history as [`Transition`]s. A slice or `Vec` of [`TrackedAsset`]s is a fleet; so
//! is a caller's own columnar store, a database cursor wrapper, or a generator that
//! derives histories on demand (the synthetic fleets of `remit-synth` do), without ever
//! building an [`EventLog`] per asset.

use chrono::{Months, NaiveDate};
use remit_core::{AssetId, Money};

use crate::asset::{Asset, AssetTag, Category};
use crate::lifecycle::{Lifecycle, Transition, step};
use crate::log::{EventLog, LogError};

/// One asset as the reports read it: its fixed facts (those of an [`Asset`]) and its
/// history as dated [`Transition`]s, oldest first.
///
/// Implemented by [`TrackedAsset`]; implement it for a view over your own storage. The
/// report asks for [`tag`](Self::tag) only for the assets it lists by name (retired
/// unsanitised, missing), so a tag may be built on demand. The methods with bodies are
/// derived from the others; an override must return what the default would (override
/// [`state_on`](Self::state_on) when the storage keeps the current state, say).
///
/// Nothing is assumed about the values: a history that breaks the lifecycle rules is
/// folded all the same (see [`step`]) and flagged by the report's checks.
pub trait AssetHistory {
    /// The asset's id, stable across its whole life.
    fn id(&self) -> AssetId;
    /// The caller's tag (the label on the device), by which reports name it.
    fn tag(&self) -> AssetTag;
    /// The kind of equipment (laptop, monitor, ...).
    fn category(&self) -> Category;
    /// Whether the asset carries storage media.
    fn stores_data(&self) -> bool;
    /// The date the asset was bought; its history starts on or after it.
    fn purchased_on(&self) -> NaiveDate;
    /// The purchase cost, in the asset's own currency.
    fn cost(&self) -> Money;
    /// The useful life in months.
    fn useful_life_months(&self) -> u32;
    /// The warranty in months from purchase (0 = none).
    fn warranty_months(&self) -> u32;
    /// The history, oldest first: each event's date and transition.
    fn transitions(&self) -> impl Iterator<Item = (NaiveDate, Transition)> + '_;

    /// The end of the useful life (purchase date plus the useful life), as
    /// [`Asset::end_of_life`]; `None` past the supported calendar.
    fn end_of_life(&self) -> Option<NaiveDate> {
        self.purchased_on()
            .checked_add_months(Months::new(self.useful_life_months()))
    }
    /// The end of the warranty (purchase date plus the warranty months), as
    /// [`Asset::warranty_ends`]; `None` without a warranty or past the calendar.
    fn warranty_ends(&self) -> Option<NaiveDate> {
        match self.warranty_months() {
            0 => None,
            months => self.purchased_on().checked_add_months(Months::new(months)),
        }
    }
    /// The state before the first event (a newly ordered asset, with its purchase date).
    fn initial_state(&self) -> Lifecycle {
        Lifecycle::new(self.id(), self.stores_data()).with_purchase_date(self.purchased_on())
    }
    /// The state at the end of `date`: the transitions dated up to `date`, folded with
    /// [`step`] from the [initial state](Self::initial_state).
    fn state_on(&self, date: NaiveDate) -> Lifecycle {
        self.transitions()
            .take_while(|(on, _)| *on <= date)
            .fold(self.initial_state(), |state, (on, t)| step(state, on, t))
    }
}

impl<H: AssetHistory + ?Sized> AssetHistory for &H {
    fn id(&self) -> AssetId {
        (**self).id()
    }
    fn tag(&self) -> AssetTag {
        (**self).tag()
    }
    fn category(&self) -> Category {
        (**self).category()
    }
    fn stores_data(&self) -> bool {
        (**self).stores_data()
    }
    fn purchased_on(&self) -> NaiveDate {
        (**self).purchased_on()
    }
    fn cost(&self) -> Money {
        (**self).cost()
    }
    fn useful_life_months(&self) -> u32 {
        (**self).useful_life_months()
    }
    fn warranty_months(&self) -> u32 {
        (**self).warranty_months()
    }
    fn transitions(&self) -> impl Iterator<Item = (NaiveDate, Transition)> + '_ {
        (**self).transitions()
    }
    fn end_of_life(&self) -> Option<NaiveDate> {
        (**self).end_of_life()
    }
    fn warranty_ends(&self) -> Option<NaiveDate> {
        (**self).warranty_ends()
    }
    fn initial_state(&self) -> Lifecycle {
        (**self).initial_state()
    }
    fn state_on(&self, date: NaiveDate) -> Lifecycle {
        (**self).state_on(date)
    }
}

/// A fleet the reports read: every asset as an [`AssetHistory`], in a stable order (the
/// order the reports list assets in).
///
/// A slice or `Vec` of [`TrackedAsset`]s is a fleet. So is a caller's own storage; here,
/// monitors kept as rows of (number, holder, date), read without building any
/// [`EventLog`]:
///
/// ```
/// use chrono::NaiveDate;
/// use remit_assets::{AssetHistory, AssetTag, Category, Fleet, Transition};
/// use remit_core::{AssetId, Currency, EmployeeId, Money};
/// use rust_decimal::Decimal;
///
/// /// Monitors kept as rows: who got one, and when.
/// struct Monitors(Vec<(u32, EmployeeId, NaiveDate)>);
///
/// struct Row<'a>(&'a (u32, EmployeeId, NaiveDate));
///
/// impl AssetHistory for Row<'_> {
///     fn id(&self) -> AssetId {
///         self.tag().to_id()
///     }
///     fn tag(&self) -> AssetTag {
///         AssetTag::new(&format!("MON-{}", self.0.0)).expect("a valid tag")
///     }
///     fn category(&self) -> Category {
///         Category::Monitor
///     }
///     fn stores_data(&self) -> bool {
///         false
///     }
///     fn purchased_on(&self) -> NaiveDate {
///         self.0.2
///     }
///     fn cost(&self) -> Money {
///         Money::new(Decimal::from(300), Currency::new("EUR").expect("EUR"))
///     }
///     fn useful_life_months(&self) -> u32 {
///         60
///     }
///     fn warranty_months(&self) -> u32 {
///         36
///     }
///     fn transitions(&self) -> impl Iterator<Item = (NaiveDate, Transition)> + '_ {
///         let (_, employee, on) = *self.0;
///         [(on, Transition::Received), (on, Transition::Assigned { employee })].into_iter()
///     }
/// }
///
/// impl Fleet for Monitors {
///     type Asset<'a> = Row<'a>;
///     fn assets(&self) -> impl Iterator<Item = Row<'_>> {
///         self.0.iter().map(Row)
///     }
/// }
///
/// let ana = EmployeeId::from_external("E-1");
/// let fleet = Monitors(vec![(1, ana, NaiveDate::from_ymd_opt(2025, 2, 3).unwrap())]);
/// let held = remit_assets::kit::holdings(&fleet, NaiveDate::from_ymd_opt(2025, 6, 1).unwrap());
/// assert!(held[&ana].contains(Category::Monitor));
/// ```
pub trait Fleet {
    /// The view of one asset.
    type Asset<'a>: AssetHistory
    where
        Self: 'a;
    /// Every asset, in fleet order.
    fn assets(&self) -> impl Iterator<Item = Self::Asset<'_>>;
}

impl Fleet for [TrackedAsset] {
    type Asset<'a> = &'a TrackedAsset;
    fn assets(&self) -> impl Iterator<Item = &TrackedAsset> {
        self.iter()
    }
}

impl Fleet for Vec<TrackedAsset> {
    type Asset<'a> = &'a TrackedAsset;
    fn assets(&self) -> impl Iterator<Item = &TrackedAsset> {
        self.iter()
    }
}

impl<const N: usize> Fleet for [TrackedAsset; N] {
    type Asset<'a> = &'a TrackedAsset;
    fn assets(&self) -> impl Iterator<Item = &TrackedAsset> {
        self.iter()
    }
}

/// An asset's fixed facts and its event log did not belong together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FleetError {
    /// The log is for another asset.
    #[error("asset {tag}: the event log belongs to asset {log_asset}, not {asset}")]
    WrongLog {
        /// The caller's tag of the asset whose log does not match.
        tag: String,
        /// The asset's id, which differs from the log's.
        asset: AssetId,
        /// The log's asset id.
        log_asset: AssetId,
    },
    /// The log and the asset disagree on whether it stores data.
    #[error("asset {tag}: field `stores_data` is {asset_says} but the event log says {log_says}")]
    StorageMismatch {
        /// The caller's tag of the asset whose log disagrees.
        tag: String,
        /// What the asset record says.
        asset_says: bool,
        /// What the log was created with.
        log_says: bool,
    },
    /// The log was made for another purchase date.
    #[error(
        "asset {tag}: field `purchased_on` is {asset_says} but the event log was made for {log_says}"
    )]
    PurchaseMismatch {
        /// The caller's tag of the asset whose log disagrees.
        tag: String,
        /// What the asset record says.
        asset_says: NaiveDate,
        /// What the log was created with.
        log_says: NaiveDate,
    },
    /// The log does not fit the asset (an event dated before its purchase), or a stored
    /// log could not be read; the error names the asset by its tag.
    #[error(transparent)]
    Log(#[from] LogError),
}

/// An [`Asset`] and its [`EventLog`].
///
/// Invariant: the log is the asset's (same id, same storage flag, no event before the
/// purchase date). Commands dated before the purchase are refused, and errors name the
/// asset by its tag. A deserialised tracked asset is checked as [`TrackedAsset::new`]
/// checks one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "TrackedAssetRepr", into = "TrackedAssetRepr")
)]
pub struct TrackedAsset {
    asset: Asset,
    log: EventLog,
}

impl TrackedAsset {
    /// Pairs an asset with its log; from then on the log refuses events and commands
    /// dated before the asset's purchase.
    ///
    /// # Errors
    ///
    /// [`FleetError`] when the log belongs to another asset, disagrees on storage or on
    /// the purchase date, or holds an event dated before the purchase
    /// ([`LogError::BeforePurchase`], naming the tag).
    pub fn new(asset: Asset, log: EventLog) -> Result<Self, FleetError> {
        if log.asset() != asset.id() {
            return Err(FleetError::WrongLog {
                tag: asset.tag().to_string(),
                asset: asset.id(),
                log_asset: log.asset(),
            });
        }
        let log_says = log.initial_state().stores_data();
        if log_says != asset.stores_data() {
            return Err(FleetError::StorageMismatch {
                tag: asset.tag().to_string(),
                asset_says: asset.stores_data(),
                log_says,
            });
        }
        if let Some(log_says) = log.state().purchased_on()
            && log_says != asset.purchased_on()
        {
            return Err(FleetError::PurchaseMismatch {
                tag: asset.tag().to_string(),
                asset_says: asset.purchased_on(),
                log_says,
            });
        }
        let log = log
            .with_purchase_date(asset.purchased_on())
            .map_err(|e| e.named(asset.tag()))?;
        Ok(Self { asset, log })
    }

    /// A new asset with an empty log.
    pub fn ordered(asset: Asset) -> Self {
        let log = EventLog::for_asset(&asset);
        Self { asset, log }
    }

    /// The asset's fixed facts (tag, category, purchase, cost, life).
    pub fn asset(&self) -> &Asset {
        &self.asset
    }
    /// The asset's event log, whose lifecycle state is the asset's current status.
    pub fn log(&self) -> &EventLog {
        &self.log
    }
    /// Decides and records a command; see [`EventLog::execute`]. Commands dated before
    /// the purchase are refused.
    ///
    /// # Errors
    ///
    /// As [`EventLog::execute`], naming the asset by its tag; nothing changes on error.
    pub fn execute(
        &mut self,
        key: remit_core::EventId,
        command: &crate::Command,
        on: NaiveDate,
    ) -> Result<crate::Appended, crate::LogError> {
        self.log
            .execute(key, command, on)
            .map_err(|e| e.named(self.asset.tag()))
    }

    /// Decides and records a command taken by value; see [`EventLog::execute_owned`].
    ///
    /// # Errors
    ///
    /// As [`EventLog::execute`]; nothing changes on error.
    pub fn execute_owned(
        &mut self,
        key: remit_core::EventId,
        command: crate::Command,
        on: NaiveDate,
    ) -> Result<crate::Appended, crate::LogError> {
        self.log
            .execute_owned(key, command, on)
            .map_err(|e| e.named(self.asset.tag()))
    }

    /// Reserves room for exactly `additional` more events; see [`EventLog::reserve_exact`].
    pub fn reserve_exact(&mut self, additional: usize) {
        self.log.reserve_exact(additional);
    }

    /// Imports an envelope; see [`EventLog::append`]. Events dated before the purchase
    /// are refused.
    ///
    /// # Errors
    ///
    /// As [`EventLog::append`], naming the asset by its tag; nothing changes on error.
    pub fn append(
        &mut self,
        envelope: crate::Envelope,
    ) -> Result<crate::Appended, crate::LogError> {
        self.log
            .append(envelope)
            .map_err(|e| e.named(self.asset.tag()))
    }
    /// Its state at the end of `date`.
    pub fn state_on(&self, date: NaiveDate) -> Lifecycle {
        self.log.state_on(date)
    }
}

/// The stored form of a [`TrackedAsset`]: the asset, and its log as stored by
/// [`EventLog`], re-checked against the asset when read.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct TrackedAssetRepr {
    asset: Asset,
    log: crate::log::LogRepr,
}

#[cfg(feature = "serde")]
impl TryFrom<TrackedAssetRepr> for TrackedAsset {
    type Error = FleetError;

    fn try_from(r: TrackedAssetRepr) -> Result<Self, Self::Error> {
        // The id is checked before the events are read, so that their errors can name the
        // tag of the asset they really belong to.
        if r.log.asset() != r.asset.id() {
            return Err(FleetError::WrongLog {
                tag: r.asset.tag().to_string(),
                asset: r.asset.id(),
                log_asset: r.log.asset(),
            });
        }
        let log = r.log.into_log(Some(r.asset.tag()))?;
        TrackedAsset::new(r.asset, log)
    }
}

#[cfg(feature = "serde")]
impl From<TrackedAsset> for TrackedAssetRepr {
    fn from(t: TrackedAsset) -> Self {
        TrackedAssetRepr {
            asset: t.asset,
            log: t.log.into(),
        }
    }
}

/// The asset's facts and its log's events; the state comes from the log (kept current).
impl AssetHistory for TrackedAsset {
    #[inline]
    fn id(&self) -> AssetId {
        self.asset.id()
    }
    #[inline]
    fn tag(&self) -> AssetTag {
        self.asset.tag().clone()
    }
    #[inline]
    fn category(&self) -> Category {
        self.asset.category()
    }
    #[inline]
    fn stores_data(&self) -> bool {
        self.asset.stores_data()
    }
    #[inline]
    fn purchased_on(&self) -> NaiveDate {
        self.asset.purchased_on()
    }
    #[inline]
    fn cost(&self) -> Money {
        self.asset.cost()
    }
    #[inline]
    fn useful_life_months(&self) -> u32 {
        self.asset.useful_life_months()
    }
    #[inline]
    fn warranty_months(&self) -> u32 {
        self.asset.warranty_months()
    }
    #[inline]
    fn transitions(&self) -> impl Iterator<Item = (NaiveDate, Transition)> + '_ {
        self.log
            .entries()
            .iter()
            .map(|e| (e.event().on(), e.event().change().transition()))
    }
    #[inline]
    fn end_of_life(&self) -> Option<NaiveDate> {
        self.asset.end_of_life()
    }
    #[inline]
    fn warranty_ends(&self) -> Option<NaiveDate> {
        self.asset.warranty_ends()
    }
    #[inline]
    fn initial_state(&self) -> Lifecycle {
        self.log.initial_state()
    }
    #[inline]
    fn state_on(&self, date: NaiveDate) -> Lifecycle {
        self.log.state_on(date)
    }
}
