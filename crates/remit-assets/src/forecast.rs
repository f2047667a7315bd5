//! Looking ahead and checking up: end of life and warranty ends in the next months with
//! the replacement budget per quarter and currency, overdue physical audits, and the
//! cost of equipment per employee by work mode.
//!
//! Derived values (what is due, what is overdue) are computed from the events and a
//! date the caller passes, never stored, so they cannot drift from the history.

use std::collections::{BTreeMap, BinaryHeap, HashMap};

use chrono::{Datelike, Months, NaiveDate};
use foldhash::fast::FixedState;
use remit_core::disclosure::{Audience, Disclosed, Disclosure};
use remit_core::{
    AssetId, Currency, Domain, EmployeeId, ExchangeRate, Money, Rounding, WorkMode, Workforce,
};

use crate::asset::AssetTag;
use crate::error::Error;
use crate::fleet::{AssetHistory, Fleet, TrackedAsset};
use crate::lifecycle::{Lifecycle, Status};

/// The name of the population [`cost_per_employee`] registers in the disclosure engine
/// (`assets/costed`): every employee active on the as-of date, in workforce order; the
/// private value is each one's annual equipment cost.
pub const COSTED: &str = "costed";

/// How many of the longest-overdue audits the report names.
pub(crate) const LONGEST_OVERDUE_SHOWN: usize = 10;

/// What an asset reaches on a date: the end of its useful life or of its warranty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Milestone {
    /// The end of the useful life (purchase date plus the useful life).
    EndOfLife,
    /// The end of the warranty (purchase date plus the warranty months).
    WarrantyEnd,
}

/// One asset reaching a milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Upcoming {
    /// The asset's id, stable across its whole life.
    pub asset: AssetId,
    /// The caller's tag of the asset.
    pub tag: AssetTag,
    /// Which milestone the asset reaches: end of life or end of warranty.
    pub milestone: Milestone,
    /// The date the milestone falls on.
    pub on: NaiveDate,
}

/// Whether an asset with `status` is still in the fleet: not retired, written off or missing.
fn in_fleet(status: Status) -> bool {
    !matches!(
        status,
        Status::Retired(_) | Status::Missing(_) | Status::WrittenOff
    )
}

/// Assets still in the fleet whose end of life or warranty end falls in
/// `(as_of, as_of + months]`, soonest first (then by milestone and id).
pub fn upcoming<F: Fleet + ?Sized>(assets: &F, as_of: NaiveDate, months: u32) -> Vec<Upcoming> {
    let horizon = horizon(as_of, months);
    let mut out = Vec::new();
    for a in assets.assets() {
        if !in_fleet(a.state_on(as_of).status()) {
            continue;
        }
        for (milestone, date) in [
            (Milestone::EndOfLife, a.end_of_life()),
            (Milestone::WarrantyEnd, a.warranty_ends()),
        ] {
            if let Some(on) = date.filter(|d| *d > as_of && *d <= horizon) {
                out.push(Upcoming {
                    asset: a.id(),
                    tag: a.tag(),
                    milestone,
                    on,
                });
            }
        }
    }
    out.sort_by_key(|u| (u.on, u.milestone, u.asset));
    out
}

/// The end of a forecast window of `months` from `as_of`.
fn horizon(as_of: NaiveDate, months: u32) -> NaiveDate {
    as_of
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// How many assets still in the fleet have their warranty end in
/// `(as_of, as_of + months]`: the [`Milestone::WarrantyEnd`] entries of [`upcoming`],
/// counted without building and sorting the list.
pub fn warranties_ending<F: Fleet + ?Sized>(assets: &F, as_of: NaiveDate, months: u32) -> usize {
    let horizon = horizon(as_of, months);
    assets
        .assets()
        .filter(|a| {
            a.warranty_ends().is_some_and(|d| d > as_of && d <= horizon)
                && in_fleet(a.state_on(as_of).status())
        })
        .count()
}

/// What the report reads from every asset's state in one pass: how many audits are
/// overdue and the longest overdue of them (as [`audits_overdue`] defines them), the
/// warranties ending ([`warranties_ending`]), the [`replacement_budget`], and the tags of
/// assets retired unsanitised and of missing assets (in fleet order). One pass instead
/// of five matters when the fleet has millions of assets.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FleetChecks {
    pub(crate) unsanitised: Vec<AssetTag>,
    pub(crate) missing: Vec<AssetTag>,
    pub(crate) audits_overdue: u64,
    /// The longest-overdue audits (earliest due date first, then fleet order), at most
    /// [`LONGEST_OVERDUE_SHOWN`].
    pub(crate) longest_overdue: Vec<OverdueAudit>,
    pub(crate) warranties_ending: u64,
    pub(crate) budget: Vec<BudgetLine>,
}

/// `date` plus `months` lies between `date` plus 28 and plus 31 days per month (a
/// month has 28 to 31 days, and an end-of-month date is clamped into the shorter
/// month), so comparing day numbers decides most window checks without the calendar
/// arithmetic of adding months, which dominates a pass over millions of assets.
#[derive(Debug, Clone, Copy)]
struct MonthBounds {
    /// Days from the common era of the as-of date and of the horizon.
    as_of: i64,
    horizon: i64,
}

impl MonthBounds {
    /// Whether `date + months` may fall in `(as_of, horizon]` (`false` means surely not).
    fn may_fall_in_window(self, date: NaiveDate, months: u32) -> bool {
        let day = i64::from(date.num_days_from_ce());
        let months = i64::from(months);
        day + 31 * months > self.as_of && day + 28 * months <= self.horizon
    }
    /// Whether `date + months` may be before the as-of date (`false` means surely not).
    fn may_be_before_as_of(self, date: NaiveDate, months: u32) -> bool {
        i64::from(date.num_days_from_ce()) + 28 * i64::from(months) < self.as_of
    }
}

/// An overdue audit found by the pass, before its tag is looked up: ordered by due date,
/// then fleet position, so the heap keeps the longest overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Overdue {
    due_on: NaiveDate,
    position: usize,
    last_audit: Option<NaiveDate>,
    asset: AssetId,
}

/// Gathers [`FleetChecks`] one asset at a time.
pub(crate) struct FleetCheck {
    as_of: NaiveDate,
    horizon: NaiveDate,
    bounds: MonthBounds,
    interval_months: u32,
    unsanitised: Vec<AssetTag>,
    missing: Vec<AssetTag>,
    audits_overdue: u64,
    /// A max-heap of the earliest-due overdue audits seen so far.
    longest: BinaryHeap<Overdue>,
    warranties_ending: u64,
    budget: BTreeMap<(Quarter, Currency), (Money, u64)>,
}

impl FleetCheck {
    pub(crate) fn new(interval_months: u32, horizon: NaiveDate, as_of: NaiveDate) -> Self {
        Self {
            as_of,
            horizon,
            bounds: MonthBounds {
                as_of: i64::from(as_of.num_days_from_ce()),
                horizon: i64::from(horizon.num_days_from_ce()),
            },
            interval_months,
            unsanitised: Vec::new(),
            missing: Vec::new(),
            audits_overdue: 0,
            longest: BinaryHeap::with_capacity(LONGEST_OVERDUE_SHOWN + 1),
            warranties_ending: 0,
            budget: BTreeMap::new(),
        }
    }

    /// Adds the asset at `position` in the fleet, whose state on the as-of date is
    /// `state`.
    pub(crate) fn add<H: AssetHistory + ?Sized>(
        &mut self,
        position: usize,
        asset: &H,
        state: &Lifecycle,
    ) -> Result<(), Error> {
        let (as_of, horizon) = (self.as_of, self.horizon);
        let within = |d: Option<NaiveDate>| d.filter(|d| *d > as_of && *d <= horizon);
        let status = state.status();
        if state.retired_unsanitised() {
            self.unsanitised.push(asset.tag());
        }
        if matches!(status, Status::Missing(_)) {
            self.missing.push(asset.tag());
        }
        if !in_fleet(status) {
            return Ok(());
        }
        let bounds = self.bounds;
        if status != Status::Ordered {
            let base = state.last_audit_on().unwrap_or(asset.purchased_on());
            if bounds.may_be_before_as_of(base, self.interval_months)
                && let Some(due_on) = base.checked_add_months(Months::new(self.interval_months))
                && due_on < as_of
            {
                self.audits_overdue += 1;
                let candidate = Overdue {
                    due_on,
                    position,
                    last_audit: state.last_audit_on(),
                    asset: asset.id(),
                };
                if self.longest.len() < LONGEST_OVERDUE_SHOWN {
                    self.longest.push(candidate);
                } else if self.longest.peek().is_some_and(|worst| candidate < *worst) {
                    self.longest.pop();
                    self.longest.push(candidate);
                }
            }
        }
        let purchased_on = asset.purchased_on();
        if bounds.may_fall_in_window(purchased_on, asset.warranty_months())
            && within(asset.warranty_ends()).is_some()
        {
            self.warranties_ending += 1;
        }
        if bounds.may_fall_in_window(purchased_on, asset.useful_life_months())
            && let Some(on) = within(asset.end_of_life())
        {
            let cost = asset.cost();
            let quarter = Quarter::of(on);
            let slot = self
                .budget
                .entry((quarter, cost.currency()))
                .or_insert((Money::zero(cost.currency()), 0));
            slot.0 = slot
                .0
                .checked_add(&cost)
                .map_err(Error::money(|| format!("replacement budget of {quarter}")))?;
            slot.1 += 1;
        }
        Ok(())
    }

    /// The checks, with the tags of the longest-overdue audits looked up in `fleet` (the
    /// fleet the assets were added from, in the same order).
    pub(crate) fn finish<F: Fleet + ?Sized>(self, fleet: &F) -> FleetChecks {
        let mut longest = self.longest.into_sorted_vec();
        let mut by_position: Vec<(usize, usize)> = longest
            .iter()
            .enumerate()
            .map(|(i, o)| (o.position, i))
            .collect();
        by_position.sort_unstable();
        let mut tags: Vec<Option<AssetTag>> = vec![None; longest.len()];
        let mut wanted = by_position.into_iter().peekable();
        for (position, a) in fleet.assets().enumerate() {
            let Some(&(next, slot)) = wanted.peek() else {
                break;
            };
            if position == next {
                if let Some(tag) = tags.get_mut(slot) {
                    *tag = Some(a.tag());
                }
                wanted.next();
            }
        }
        let longest_overdue = longest
            .drain(..)
            .zip(tags)
            .filter_map(|(o, tag)| {
                Some(OverdueAudit {
                    asset: o.asset,
                    tag: tag?,
                    last_audit: o.last_audit,
                    due_on: o.due_on,
                })
            })
            .collect();
        FleetChecks {
            unsanitised: self.unsanitised,
            missing: self.missing,
            audits_overdue: self.audits_overdue,
            longest_overdue,
            warranties_ending: self.warranties_ending,
            budget: self
                .budget
                .into_iter()
                .map(|((quarter, _), (amount, assets))| BudgetLine {
                    quarter,
                    amount,
                    assets,
                })
                .collect(),
        }
    }
}

/// A calendar quarter, such as 2026 Q3. Built from a date ([`Quarter::of`]), so it is
/// always a real quarter; quarters order by year, then number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    quarter: u8,
}

impl Quarter {
    /// The quarter a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            quarter: (date.month0() / 3 + 1) as u8,
        }
    }

    /// The calendar year, as in the date the quarter was made from.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The quarter's number in its year, 1 (January–March) to 4 (October–December).
    pub fn number(&self) -> u8 {
        self.quarter
    }
}

impl core::fmt::Display for Quarter {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} Q{}", self.year, self.quarter)
    }
}

/// The replacement budget of one quarter in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct BudgetLine {
    /// The quarter the assets reach the end of their useful life in.
    pub quarter: Quarter,
    /// Like-for-like replacement at the original purchase cost, in that cost's currency.
    pub amount: Money,
    /// How many assets reach the end of their life in the quarter (in this currency).
    pub assets: u64,
}

/// The cost of replacing, like for like at the original purchase cost, every asset
/// reaching end of life in `(as_of, as_of + months]`, per quarter and currency.
///
/// # Errors
///
/// [`Error::Money`] if a quarter's sum overflows.
pub fn replacement_budget<F: Fleet + ?Sized>(
    assets: &F,
    as_of: NaiveDate,
    months: u32,
) -> Result<Vec<BudgetLine>, Error> {
    let horizon = horizon(as_of, months);
    let mut budget: BTreeMap<(Quarter, Currency), (Money, u64)> = BTreeMap::new();
    for a in assets.assets() {
        let Some(on) = a.end_of_life().filter(|d| *d > as_of && *d <= horizon) else {
            continue;
        };
        if !in_fleet(a.state_on(as_of).status()) {
            continue;
        }
        let cost = a.cost();
        let quarter = Quarter::of(on);
        let slot = budget
            .entry((quarter, cost.currency()))
            .or_insert((Money::zero(cost.currency()), 0));
        slot.0 = slot
            .0
            .checked_add(&cost)
            .map_err(Error::money(|| format!("replacement budget of {quarter}")))?;
        slot.1 += 1;
    }
    Ok(budget
        .into_iter()
        .map(|((quarter, _), (amount, assets))| BudgetLine {
            quarter,
            amount,
            assets,
        })
        .collect())
}

/// An asset whose physical audit is overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OverdueAudit {
    /// The asset's id, stable across its whole life.
    pub asset: AssetId,
    /// The caller's tag of the asset (what the holder is asked to confirm).
    pub tag: AssetTag,
    /// The date of its latest audit, if it was ever audited.
    pub last_audit: Option<NaiveDate>,
    /// When the next audit was due: the latest audit (or the purchase) plus the
    /// interval.
    pub due_on: NaiveDate,
}

/// Assets in the fleet (received, not retired or missing) whose last audit, or purchase
/// when never audited, is more than `interval_months` before `as_of` (Snipe-IT's
/// `audit_interval`, 12 months by default there), in fleet order: the operational list
/// for asking holders to confirm their equipment.
pub fn audits_overdue<F: Fleet + ?Sized>(
    assets: &F,
    interval_months: u32,
    as_of: NaiveDate,
) -> Vec<OverdueAudit> {
    let mut out = Vec::new();
    for a in assets.assets() {
        let state = a.state_on(as_of);
        if !in_fleet(state.status()) || state.status() == Status::Ordered {
            continue;
        }
        let base = state.last_audit_on().unwrap_or(a.purchased_on());
        let Some(due_on) = base.checked_add_months(Months::new(interval_months)) else {
            continue;
        };
        if due_on < as_of {
            out.push(OverdueAudit {
                asset: a.id(),
                tag: a.tag(),
                last_audit: state.last_audit_on(),
                due_on,
            });
        }
    }
    out
}

/// The equipment cost per employee of one work mode, in the reporting currency, as the
/// disclosure engine released it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ModeCost {
    /// The work mode this row is about (onsite, hybrid or remote).
    pub work_mode: WorkMode,
    /// Active employees of this mode (at least 1: a mode with nobody has no row).
    pub headcount: Disclosed<u64>,
    /// Mean annual cost per active employee of the mode, rounded half-even to the
    /// reporting currency's minor unit (two places for a currency without one); published
    /// exactly when the head-count is.
    pub per_employee: Disclosed<Money>,
}

/// Annual cost of ownership per employee by work mode, released through `disclosure`.
///
/// For each employee active on `as_of`: the straight-line annual depreciation
/// `(cost − salvage) × 12 / life` of every asset they hold on `as_of`, plus the shipping
/// and repair costs recorded for those assets in the twelve months to `as_of`; averaged
/// over the work mode's active head-count (people without equipment count as zero).
/// Amounts are converted to `reporting` with `rates`.
///
/// The employees active on `as_of` are registered in `disclosure` as the population
/// [`COSTED`] (`assets/costed`), and the work-mode groups are released largest first;
/// a mode whose group is refused publishes neither its head-count nor its mean. Only
/// the work-mode groups are released (no organisation-wide total), so that a small work
/// mode cannot force the suppression of a large one. A work mode with nobody has no row.
///
/// # Errors
///
/// [`Error::DuplicateRate`] when `rates` holds two rates for one pair of currencies;
/// [`Error::MissingRate`] when an asset's currency has no rate to `reporting` (naming
/// the asset's tag); [`Error::Money`] on overflow; [`Error::DuplicateEmployee`] when the
/// workforce lists an active employee twice; [`Error::Disclosure`] when the engine
/// refuses the call. Nothing is registered or released on error.
pub fn cost_per_employee<W: Workforce + ?Sized>(
    workforce: &W,
    assets: &[TrackedAsset],
    reporting: Currency,
    rates: &[ExchangeRate],
    disclosure: &mut Disclosure,
    as_of: NaiveDate,
) -> Result<Vec<ModeCost>, Error> {
    // Two rates for one pair of currencies would make the result depend on their order.
    for (i, a) in rates.iter().enumerate() {
        if rates
            .iter()
            .skip(i + 1)
            .any(|b| b.from() == a.from() && b.to() == a.to())
        {
            return Err(Error::DuplicateRate {
                from: a.from(),
                to: a.to(),
            });
        }
    }
    let year_ago = as_of
        .checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    let convert = |m: Money, tag: &AssetTag| -> Result<Money, Error> {
        if m.currency() == reporting {
            return Ok(m);
        }
        let rate = rates
            .iter()
            .find(|r| r.from() == m.currency() && r.to() == reporting)
            .ok_or_else(|| Error::MissingRate {
                tag: tag.clone(),
                from: m.currency(),
                to: reporting,
            })?;
        rate.convert(&m)
            .map_err(Error::money(|| format!("asset {tag}: converted cost")))
    };
    let mut per_holder: HashMap<EmployeeId, Money, FixedState> = HashMap::default();
    for a in assets {
        let Some(holder) = a.state_on(as_of).status().holder() else {
            continue;
        };
        let asset = a.asset();
        let tag = asset.tag();
        let annual = asset
            .cost()
            .checked_sub(&asset.salvage())
            .and_then(|m| m.checked_mul(rust_decimal::Decimal::from(12)))
            .and_then(|m| m.checked_div(rust_decimal::Decimal::from(asset.useful_life_months())))
            .map_err(Error::money(|| format!("asset {tag}: annual depreciation")))?;
        let mut total = convert(annual, tag)?;
        for e in a.log().entries() {
            let on = e.event().on();
            if on <= year_ago || on > as_of {
                continue;
            }
            let cost = match e.event().change() {
                crate::Change::Shipped(s) => s.cost(),
                crate::Change::RepairCompleted { cost } => *cost,
                _ => None,
            };
            if let Some(c) = cost {
                total = total
                    .checked_add(&convert(c, tag)?)
                    .map_err(Error::money(|| format!("asset {tag}: annual cost")))?;
            }
        }
        let slot = per_holder.entry(holder).or_insert(Money::zero(reporting));
        *slot = slot.checked_add(&total).map_err(Error::money(|| {
            format!("cost of the equipment of employee {holder}")
        }))?;
    }
    let mut sums = [Money::zero(reporting); 3];
    let mut members = Vec::new();
    let mut cells: [Vec<u32>; 3] = Default::default();
    for e in workforce.employees() {
        if !e.is_active_on(as_of) {
            continue;
        }
        let local = u32::try_from(members.len()).map_err(|_| Error::TooManyPeople)?;
        members.push(e.id());
        let i = e.work_mode().index();
        cells[i].push(local);
        if let Some(m) = per_holder.get(&e.id()) {
            sums[i] = sums[i].checked_add(m).map_err(Error::money(|| {
                format!("equipment cost of {} employees", e.work_mode())
            }))?;
        }
    }
    if let Some(employee) = remit_core::duplicates::first_duplicate(members.iter().copied()) {
        return Err(Error::DuplicateEmployee { employee });
    }
    let population = disclosure.register(Domain::Assets, COSTED, members)?;
    let present: Vec<WorkMode> = WorkMode::ALL
        .into_iter()
        .filter(|m| !cells[m.index()].is_empty())
        .collect();
    let groups: Vec<&[u32]> = present
        .iter()
        .map(|m| cells[m.index()].as_slice())
        .collect();
    let decisions = disclosure.release_cells(&population, &groups, Audience::General)?;
    let places = reporting.minor_units().unwrap_or(2);
    let mut out = Vec::with_capacity(present.len());
    for (mode, decision) in present.into_iter().zip(decisions) {
        let i = mode.index();
        let n = cells[i].len() as u64;
        let mean = sums[i]
            .checked_div(rust_decimal::Decimal::from(n))
            .map_err(Error::money(|| {
                format!("mean equipment cost of {mode} employees")
            }))?
            .round_to(places, Rounding::HalfEven);
        out.push(ModeCost {
            work_mode: mode,
            headcount: decision.disclose(n),
            per_employee: decision.disclose(mean),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day-number bounds never rule out a date that adding months puts in the
    /// window, for every start day of three years (leap year and month ends included).
    #[test]
    fn month_bounds_are_conservative() {
        let as_of = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        for horizon_months in [0, 1, 6, 13] {
            let end = horizon(as_of, horizon_months);
            let bounds = MonthBounds {
                as_of: i64::from(as_of.num_days_from_ce()),
                horizon: i64::from(end.num_days_from_ce()),
            };
            let mut date = NaiveDate::from_ymd_opt(2022, 12, 1).unwrap();
            let mut skipped = 0;
            while date < NaiveDate::from_ymd_opt(2026, 4, 30).unwrap() {
                for months in [0, 1, 2, 3, 11, 12, 13, 24, 36, 60, 84, 1200] {
                    let later = date.checked_add_months(Months::new(months));
                    if later.is_some_and(|d| d > as_of && d <= end) {
                        assert!(bounds.may_fall_in_window(date, months), "{date} + {months}");
                    } else if !bounds.may_fall_in_window(date, months) {
                        skipped += 1;
                    }
                    if later.is_some_and(|d| d < as_of) {
                        assert!(
                            bounds.may_be_before_as_of(date, months),
                            "{date} + {months}"
                        );
                    }
                }
                date = date.succ_opt().unwrap();
            }
            // The shortcut decides most cases.
            assert!(skipped > 10_000, "{skipped}");
        }
    }
}
