//! Looking ahead and checking up: end of life and warranty ends in the next months with
//! the replacement budget per quarter and currency, overdue physical audits, and the
//! cost of equipment per employee by work mode.
//!
//! Derived values (what is due, what is overdue) are computed from the events and a
//! date the caller passes, never stored, so they cannot drift from the history.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Months, NaiveDate};
use remit_core::privacy::{Disclosed, DisclosureGuard, PrivacyError};
use remit_core::{
    AssetId, Currency, EmployeeId, ExchangeRate, Money, MoneyError, WorkMode, Workforce,
};

use crate::fleet::{AssetHistory, Fleet, TrackedAsset};
use crate::lifecycle::{Lifecycle, Status};

/// What comes up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Milestone {
    /// The end of the useful life.
    EndOfLife,
    /// The end of the warranty.
    WarrantyEnd,
}

/// One asset reaching a milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    /// The asset.
    pub asset: AssetId,
    /// Which milestone.
    pub milestone: Milestone,
    /// When.
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
/// `(as_of, as_of + months]`, soonest first.
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

/// What the report reads from every asset's state in one pass: the results of
/// [`audits_overdue`], [`warranties_ending`] and [`replacement_budget`], plus the tags of
/// assets retired unsanitised and of missing assets (in fleet order). One pass instead of
/// five matters when the fleet has millions of assets.
pub(crate) struct FleetChecks {
    pub(crate) unsanitised: Vec<crate::AssetTag>,
    pub(crate) missing: Vec<crate::AssetTag>,
    pub(crate) audits: Vec<OverdueAudit>,
    pub(crate) warranties_ending: usize,
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

/// Gathers [`FleetChecks`] one asset at a time.
pub(crate) struct FleetCheck {
    as_of: NaiveDate,
    horizon: NaiveDate,
    bounds: MonthBounds,
    interval_months: u32,
    checks: FleetChecks,
    budget: BTreeMap<(Quarter, Currency), (Money, u64)>,
}

impl FleetCheck {
    pub(crate) fn new(interval_months: u32, horizon_months: u32, as_of: NaiveDate) -> Self {
        let horizon = horizon(as_of, horizon_months);
        Self {
            as_of,
            horizon,
            bounds: MonthBounds {
                as_of: i64::from(as_of.num_days_from_ce()),
                horizon: i64::from(horizon.num_days_from_ce()),
            },
            interval_months,
            checks: FleetChecks {
                unsanitised: Vec::new(),
                missing: Vec::new(),
                audits: Vec::new(),
                warranties_ending: 0,
                budget: Vec::new(),
            },
            budget: BTreeMap::new(),
        }
    }

    /// Adds one asset whose state on the as-of date is `state`.
    pub(crate) fn add<H: AssetHistory + ?Sized>(
        &mut self,
        asset: &H,
        state: &Lifecycle,
    ) -> Result<(), MoneyError> {
        let (as_of, horizon) = (self.as_of, self.horizon);
        let within = |d: Option<NaiveDate>| d.filter(|d| *d > as_of && *d <= horizon);
        let out = &mut self.checks;
        let status = state.status();
        if state.retired_unsanitised() {
            out.unsanitised.push(asset.tag());
        }
        if matches!(status, Status::Missing(_)) {
            out.missing.push(asset.tag());
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
                out.audits.push(OverdueAudit {
                    asset: asset.id(),
                    last_audit: state.last_audit_on(),
                    due_on,
                });
            }
        }
        let purchased_on = asset.purchased_on();
        if bounds.may_fall_in_window(purchased_on, asset.warranty_months())
            && within(asset.warranty_ends()).is_some()
        {
            out.warranties_ending += 1;
        }
        if bounds.may_fall_in_window(purchased_on, asset.useful_life_months())
            && let Some(on) = within(asset.end_of_life())
        {
            let cost = asset.cost();
            let slot = self
                .budget
                .entry((Quarter::of(on), cost.currency()))
                .or_insert((Money::zero(cost.currency()), 0));
            slot.0 = slot.0.checked_add(&cost)?;
            slot.1 += 1;
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> FleetChecks {
        let mut out = self.checks;
        out.budget = self
            .budget
            .into_iter()
            .map(|((quarter, _), (amount, assets))| BudgetLine {
                quarter,
                amount,
                assets,
            })
            .collect();
        out
    }
}

/// A calendar quarter, such as 2026 Q3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// The year.
    pub year: i32,
    /// 1–4.
    pub quarter: u8,
}

impl Quarter {
    /// The quarter a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            quarter: (date.month0() / 3 + 1) as u8,
        }
    }
}

impl core::fmt::Display for Quarter {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} Q{}", self.year, self.quarter)
    }
}

/// The replacement budget of one quarter in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetLine {
    /// The quarter.
    pub quarter: Quarter,
    /// Like-for-like replacement at the original purchase cost.
    pub amount: Money,
    /// How many assets.
    pub assets: u64,
}

/// The cost of replacing, like for like at the original purchase cost, every asset
/// reaching end of life in `(as_of, as_of + months]`, per quarter and currency.
///
/// # Errors
///
/// [`MoneyError::Overflow`] if a sum overflows.
pub fn replacement_budget<F: Fleet + ?Sized>(
    assets: &F,
    as_of: NaiveDate,
    months: u32,
) -> Result<Vec<BudgetLine>, MoneyError> {
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
        let slot = budget
            .entry((Quarter::of(on), cost.currency()))
            .or_insert((Money::zero(cost.currency()), 0));
        slot.0 = slot.0.checked_add(&cost)?;
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
pub struct OverdueAudit {
    /// The asset.
    pub asset: AssetId,
    /// The latest audit, if any.
    pub last_audit: Option<NaiveDate>,
    /// When the next one was due.
    pub due_on: NaiveDate,
}

/// Assets in the fleet (received, not retired or missing) whose last audit, or purchase
/// when never audited, is more than `interval_months` before `as_of` (Snipe-IT's
/// `audit_interval`, 12 months by default there).
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
                last_audit: state.last_audit_on(),
                due_on,
            });
        }
    }
    out
}

/// The equipment cost per employee of one work mode, in the reporting currency.
#[derive(Debug, Clone, PartialEq)]
pub struct ModeCost {
    /// The work mode.
    pub work_mode: WorkMode,
    /// Active employees of this mode (through the disclosure guard).
    pub headcount: Disclosed<u64>,
    /// Mean annual cost per employee, when the head-count may be published.
    pub per_employee: Disclosed<Money>,
}

/// Annual cost of ownership per employee by work mode: for each active employee, the
/// straight-line annual depreciation `(cost − salvage) × 12 / life` of every asset they
/// hold on `as_of`, plus the shipping and repair costs recorded for those assets in the
/// twelve months to `as_of`; averaged over the work mode's active head-count (people
/// without equipment count as zero). Amounts are converted to `reporting` with `rates`.
///
/// # Errors
///
/// [`CostError::MissingRate`] when an asset's currency has no rate to `reporting`,
/// [`CostError::DuplicateRate`] when `rates` holds two rates for one pair,
/// [`CostError::Money`] on overflow, [`CostError::Privacy`] from the guard.
pub fn cost_per_employee<W: Workforce + ?Sized>(
    workforce: &W,
    assets: &[TrackedAsset],
    reporting: Currency,
    rates: &[ExchangeRate],
    guard: &DisclosureGuard,
    as_of: NaiveDate,
) -> Result<Vec<ModeCost>, CostError> {
    // Two rates for one pair of currencies would make the result depend on their order.
    for (i, a) in rates.iter().enumerate() {
        if rates
            .iter()
            .skip(i + 1)
            .any(|b| b.from() == a.from() && b.to() == a.to())
        {
            return Err(CostError::DuplicateRate {
                from: a.from(),
                to: a.to(),
            });
        }
    }
    let year_ago = as_of
        .checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    let convert = |m: Money, tag: &crate::AssetTag| -> Result<Money, CostError> {
        if m.currency() == reporting {
            return Ok(m);
        }
        let rate = rates
            .iter()
            .find(|r| r.from() == m.currency() && r.to() == reporting)
            .ok_or_else(|| CostError::MissingRate {
                tag: tag.clone(),
                from: m.currency(),
                to: reporting,
            })?;
        Ok(rate.convert(&m)?)
    };
    let mut per_holder: HashMap<EmployeeId, Money> = HashMap::new();
    for a in assets {
        let Some(holder) = a.state_on(as_of).status().holder() else {
            continue;
        };
        let asset = a.asset();
        let annual = asset
            .cost()
            .checked_sub(&asset.salvage())?
            .checked_mul(rust_decimal::Decimal::from(12))?
            .checked_div(rust_decimal::Decimal::from(asset.useful_life_months()))?;
        let mut total = convert(annual, asset.tag())?;
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
                total = total.checked_add(&convert(c, asset.tag())?)?;
            }
        }
        let slot = per_holder.entry(holder).or_insert(Money::zero(reporting));
        *slot = slot.checked_add(&total)?;
    }
    let mut sums = [Money::zero(reporting); 3];
    let mut heads = [0u64; 3];
    for e in workforce.employees() {
        if !e.is_active_on(as_of) {
            continue;
        }
        let i = e.work_mode().index();
        heads[i] += 1;
        if let Some(m) = per_holder.get(&e.id()) {
            sums[i] = sums[i].checked_add(m)?;
        }
    }
    let protected = guard.protect_counts(
        WorkMode::ALL
            .iter()
            .map(|m| (*m, heads[m.index()]))
            .collect(),
    )?;
    let mut out = Vec::new();
    for (mode, headcount) in protected.cells() {
        let i = mode.index();
        let per_employee = match headcount {
            Disclosed::Published(n) if *n > 0 => Disclosed::Published(
                sums[i]
                    .checked_div(rust_decimal::Decimal::from(*n))?
                    .round_to(2, remit_core::Rounding::HalfEven),
            ),
            Disclosed::Published(_) => Disclosed::Published(Money::zero(reporting)),
            Disclosed::Suppressed(s) => Disclosed::Suppressed(*s),
        };
        out.push(ModeCost {
            work_mode: *mode,
            headcount: *headcount,
            per_employee,
        });
    }
    Ok(out)
}

/// The cost per employee could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CostError {
    /// No exchange rate for a currency an asset's costs are in.
    #[error("cost per employee: asset {tag}: no exchange rate from {from} to {to}")]
    MissingRate {
        /// The asset whose amount needed the rate.
        tag: crate::AssetTag,
        /// The asset's currency.
        from: Currency,
        /// The reporting currency.
        to: Currency,
    },
    /// Two exchange rates were given for the same pair of currencies.
    #[error("cost per employee: more than one exchange rate from {from} to {to}")]
    DuplicateRate {
        /// The source currency.
        from: Currency,
        /// The target currency.
        to: Currency,
    },
    /// A money operation failed.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// The disclosure guard failed.
    #[error(transparent)]
    Privacy(#[from] PrivacyError),
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
