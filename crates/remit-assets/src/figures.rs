//! The figures about people an [`AssetsReport`](crate::AssetsReport) publishes, each
//! released by the disclosure engine: kit coverage of the staff ([`KitFigures`]) and
//! offboarding retrieval from leavers ([`RetrievalFigures`]).
//!
//! Every count and share here is a function of sums over one group the engine granted
//! (a work mode, the staff who need a category, a country's leavers, …); a figure whose
//! group was refused is [`Disclosed::Suppressed`] with the public reason, and a group
//! with nobody in it has no row at all.

use remit_core::disclosure::Disclosed;
use remit_core::{CountryCode, Currency, Money, WorkMode};

use crate::asset::Category;
use crate::kit::KitList;

/// Kit coverage of the staff the kit policy equips (population `assets/staff`), as
/// released.
///
/// "Lacking" means holding no asset of at least one required category on the as-of date
/// (an asset in use, awaiting return or on its way to the person counts as held).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct KitFigures {
    /// Active employees the kit policy requires at least one item of: the whole
    /// population.
    pub staff: Disclosed<u64>,
    /// Of them, how many lack at least one required item.
    pub lacking: Disclosed<u64>,
    /// The share of them (0 to 1) holding their complete kit.
    pub complete_share: Disclosed<f64>,
    /// Required items held over required items, 0 to 1 (a share of items, not of
    /// people).
    pub items_in_place: Disclosed<f64>,
    /// One row per work mode with at least one member, in [`WorkMode::ALL`] order.
    pub by_mode: Vec<ModeKit>,
    /// One row per category that at least one person needs, in [`Category::ALL`] order:
    /// who needs it and how many of them lack it.
    pub by_category: Vec<CategoryKit>,
    /// Remote and hybrid staff whose kit includes an ergonomic chair, and how many of
    /// them hold none (the members of
    /// [`MISSING_CHAIR_GROUP`](crate::MISSING_CHAIR_GROUP)); `None` when nobody remote or
    /// hybrid needs a chair.
    pub home_chairs: Option<ChairGap>,
    /// The price of closing every priced gap, one row per currency in which someone's
    /// required items are priced, in currency order.
    pub cost_to_close: Vec<CurrencyCost>,
    /// Categories someone needs for which the price list has no price in their country
    /// (nor a default): their gaps are not in `cost_to_close`. Decided by the price list
    /// and who needs what, not by who lacks what.
    pub unpriced: KitList,
}

/// Kit coverage of one work mode's staff, as released.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ModeKit {
    /// The work mode this row is about (onsite, hybrid or remote).
    pub work_mode: WorkMode,
    /// Staff of this mode the kit policy equips (at least 1: a mode with nobody has no
    /// row).
    pub staff: Disclosed<u64>,
    /// Of them, how many lack at least one required item.
    pub lacking: Disclosed<u64>,
    /// The share of them (0 to 1) holding their complete kit.
    pub complete_share: Disclosed<f64>,
    /// Required items held over required items, 0 to 1.
    pub items_in_place: Disclosed<f64>,
}

/// One category: who needs it and how many of them hold none, as released.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CategoryKit {
    /// The equipment category this row is about.
    pub category: Category,
    /// Staff whose required kit includes it (at least 1).
    pub required_of: Disclosed<u64>,
    /// Of them, how many hold no asset of it.
    pub lacking: Disclosed<u64>,
}

/// Remote and hybrid staff who need an ergonomic chair, and how many of them have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChairGap {
    /// Remote and hybrid staff whose required kit includes an ergonomic chair.
    pub staff: Disclosed<u64>,
    /// Of them, how many hold none.
    pub lacking: Disclosed<u64>,
}

/// The cost of closing the kit gaps priced in one currency, as released.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CurrencyCost {
    /// The currency of this row's sum (costs are never converted between currencies).
    pub currency: Currency,
    /// Staff with at least one required item priced in this currency (the group the sum
    /// is over; at least 1).
    pub staff: Disclosed<u64>,
    /// The sum of the prices of their missing items priced in this currency (exact, not
    /// rounded).
    pub amount: Disclosed<Money>,
}

/// Offboarding retrieval from the employees who left by the as-of date (population
/// `assets/leavers`), as released.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RetrievalFigures {
    /// The figures over all leavers, published or withheld together.
    pub summary: Disclosed<RetrievalSummary>,
    /// Recovery per country of the leavers, one row per country with at least one
    /// leaver, in country-code order.
    pub by_country: Vec<CountryRecovery>,
}

/// Retrieval over all leavers. Cases are counted per asset: a leaver who held three
/// assets opens three cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RetrievalSummary {
    /// Employees who left on or before the as-of date.
    pub leavers: u64,
    /// Of them, how many held at least one asset when they left (opened a case).
    pub holding: u64,
    /// Cases opened: assets to get back.
    pub assets: u64,
    /// Cases open with no reminder sent yet.
    pub open: u64,
    /// Cases open with reminders sent, before escalation.
    pub reminded: u64,
    /// Cases escalated to the manager, still before the deadline.
    pub escalated: u64,
    /// Cases still open past the deadline: assets overdue.
    pub overdue: u64,
    /// Leavers with at least one overdue case.
    pub overdue_leavers: u64,
    /// Assets returned by the deadline.
    pub returned_on_time: u64,
    /// Assets returned after the deadline.
    pub returned_late: u64,
    /// Assets retired as a gift to the leaver.
    pub gifted: u64,
    /// Assets reported lost or stolen, written off or retired without coming back.
    pub written_off: u64,
}

/// Recovery from one country's leavers, as released.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CountryRecovery {
    /// The country the leavers of this row lived in (ISO 3166-1 alpha-2).
    pub country: CountryCode,
    /// Employees of this country who left by the as-of date (at least 1).
    pub leavers: Disclosed<u64>,
    /// Assets whose return deadline passed by the as-of date.
    pub assets_due: Disclosed<u64>,
    /// Of those, how many came back (on time or late).
    pub returned: Disclosed<u64>,
}

impl CountryRecovery {
    /// Returned over due, 0 to 1; `None` when the figures are withheld or nothing was due.
    pub fn recovery_rate(&self) -> Option<f64> {
        let due = self.assets_due.published().filter(|due| *due > 0)?;
        let returned = self.returned.published()?;
        Some(returned as f64 / due as f64)
    }
}
