//! Licence waste: seats paid for and not used ([`LicenceWaste`]), per licensed tool and
//! in total ([`LicenceTotals`]).
//!
//! Waste = (inactive assigned seats + unassigned seats) × the annual seat price. The
//! inactive seats are a figure about the tool's seat holders, and the unassigned ones
//! reveal how many people hold a seat, so a tool's waste is published only with its
//! seat holders' figures ([`ToolUsage`](crate::ToolUsage)). The total counts only the
//! tools whose waste was published and says how many were withheld, so subtracting the
//! published tools from it gives nothing back.

use chrono::NaiveDate;
use remit_core::disclosure::Disclosed;
use remit_core::{Currency, Money, ToolId};
use rust_decimal::Decimal;

use crate::error::Error;
use crate::inventory::{Inventory, Tool};
use crate::usage::{SeatActivity, ToolUsage};

/// Seats paid for but not used, on one licensed tool.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct LicenceWaste {
    tool: ToolId,
    renewal: NaiveDate,
    seats: u32,
    inactive_seats: Disclosed<u64>,
    unassigned_seats: Disclosed<u64>,
    annual_cost: Money,
    annual_waste: Disclosed<Money>,
}

impl LicenceWaste {
    /// The licensed tool whose seats go unused.
    pub fn tool(&self) -> ToolId {
        self.tool
    }

    /// The licence's renewal date.
    pub fn renewal(&self) -> NaiveDate {
        self.renewal
    }

    /// Seats bought on the licence (a fact of the contract, not about people).
    pub fn seats(&self) -> u32 {
        self.seats
    }

    /// Assigned seats whose holder was not active within the inactivity window.
    pub fn inactive_seats(&self) -> Disclosed<u64> {
        self.inactive_seats
    }

    /// Seats bought but assigned to nobody.
    pub fn unassigned_seats(&self) -> Disclosed<u64> {
        self.unassigned_seats
    }

    /// The licence's annual cost: seats bought × price per seat × billing periods a
    /// year.
    pub fn annual_cost(&self) -> Money {
        self.annual_cost
    }

    /// The annual cost of the inactive and unassigned seats (never above
    /// [`annual_cost`](Self::annual_cost)).
    pub fn annual_waste(&self) -> Disclosed<Money> {
        self.annual_waste
    }
}

/// Licence spend and waste over the whole inventory.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct LicenceTotals {
    annual_cost: Money,
    published_waste: Money,
    tools_withheld: usize,
}

impl LicenceTotals {
    /// The annual cost of every licence.
    pub fn annual_cost(&self) -> Money {
        self.annual_cost
    }

    /// The annual waste summed over the tools whose waste was published (every tool's,
    /// when [`tools_withheld`](Self::tools_withheld) is zero).
    pub fn published_waste(&self) -> Money {
        self.published_waste
    }

    /// The number of licensed tools whose waste was withheld to protect a small group
    /// of seat holders, and is therefore missing from
    /// [`published_waste`](Self::published_waste).
    pub fn tools_withheld(&self) -> usize {
        self.tools_withheld
    }
}

/// One licensed tool's raw licence figures, before the engine decides.
pub(crate) struct LicenceCost {
    index: usize,
    annual_cost: Money,
    unassigned: u64,
    idle_cost: Money,
}

/// The raw licence figures of every licensed tool, in inventory order.
///
/// # Errors
///
/// [`Error::Money`] naming the tool if its annual cost or waste overflows, or the
/// inventory total does.
pub(crate) fn licence_costs(
    inventory: &Inventory,
    activity: &[SeatActivity],
) -> Result<Vec<LicenceCost>, Error> {
    let mut out = Vec::new();
    let mut total: Option<(Money, Money)> = None;
    for (index, (t, a)) in inventory.tools().iter().zip(activity).enumerate() {
        let Some(l) = t.licence() else { continue };
        let assigned = t.seats().len() as u64;
        let inactive = assigned.saturating_sub(a.active_count);
        let unassigned = u64::from(l.seats()).saturating_sub(assigned);
        let seat = l.annual_seat_price().map_err(in_tool(t))?;
        let idle_cost = seat
            .checked_mul(Decimal::from(inactive + unassigned))
            .map_err(money_err("licence waste"))
            .map_err(in_tool(t))?;
        let annual_cost = l.annual_cost().map_err(in_tool(t))?;
        // The totals of every tool must be representable, so that any part of them is.
        total = Some(match total {
            None => (annual_cost, idle_cost),
            Some((cost, waste)) => (
                cost.checked_add(&annual_cost)
                    .map_err(money_err("total licence cost"))?,
                waste
                    .checked_add(&idle_cost)
                    .map_err(money_err("total licence waste"))?,
            ),
        });
        out.push(LicenceCost {
            index,
            annual_cost,
            unassigned,
            idle_cost,
        });
    }
    Ok(out)
}

/// Each licensed tool's waste as released with its seat holders' figures, soonest
/// renewal first (Zylo: review 90 days before renewal), and the totals.
///
/// # Errors
///
/// [`Error::Money`] if a total overflows (it cannot once [`licence_costs`] succeeded;
/// checked all the same).
pub(crate) fn licence_waste(
    inventory: &Inventory,
    costs: &[LicenceCost],
    usage: &[ToolUsage],
    currency: Option<Currency>,
) -> Result<(Vec<LicenceWaste>, Option<LicenceTotals>), Error> {
    let tools = inventory.tools();
    let mut out = Vec::with_capacity(costs.len());
    for c in costs {
        let (Some(t), Some(u)) = (tools.get(c.index), usage.get(c.index)) else {
            continue;
        };
        let Some(l) = t.licence() else { continue };
        out.push(LicenceWaste {
            tool: t.id(),
            renewal: l.renewal(),
            seats: l.seats(),
            inactive_seats: u.inactive_seats(),
            unassigned_seats: u.seat_holders().map(|_| c.unassigned),
            annual_cost: c.annual_cost,
            annual_waste: u.seat_holders().map(|_| c.idle_cost),
        });
    }
    out.sort_by_key(|w| w.renewal);
    let Some(currency) = currency else {
        return Ok((out, None));
    };
    let mut totals = LicenceTotals {
        annual_cost: Money::zero(currency),
        published_waste: Money::zero(currency),
        tools_withheld: 0,
    };
    for w in &out {
        totals.annual_cost = totals
            .annual_cost
            .checked_add(&w.annual_cost)
            .map_err(money_err("total licence cost"))?;
        match w.annual_waste {
            Disclosed::Published(waste) => {
                totals.published_waste = totals
                    .published_waste
                    .checked_add(&waste)
                    .map_err(money_err("total licence waste"))?;
            }
            Disclosed::Suppressed(_) => totals.tools_withheld += 1,
        }
    }
    Ok((out, Some(totals)))
}

/// A money error in the context of `context` ("licence waste").
pub(crate) fn money_err(context: &str) -> impl Fn(remit_core::MoneyError) -> Error + '_ {
    move |source| Error::Money {
        context: context.to_owned(),
        source,
    }
}

/// `error` with `tool` named (by the caller's name and its id) in the context of a money
/// error: an overflow in one tool's licence arithmetic says which tool.
pub(crate) fn in_tool(tool: &Tool) -> impl Fn(Error) -> Error + '_ {
    move |error| match error {
        Error::Money { context, source } => Error::Money {
            context: format!("tool {:?} ({}): {context}", tool.name(), tool.id()),
            source,
        },
        other => other,
    }
}
