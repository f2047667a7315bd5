//! Who uses each tool: every seat's activity on the audit date, each tool's seat holders
//! registered as one population of the disclosure engine, and the active-user counts it
//! released ([`ToolUsage`]).
//!
//! A tool's active-user count is the sum, over its seat holders, of "was active within
//! the inactivity window". Seat holders are the population
//! `collab-tools/seats:<tool id>` ([`seat_population`]); the count is published only
//! when the engine grants the group of all of them, which needs at least the minimum
//! group size of seat holders and, with a saved engine, no change in who holds a seat
//! smaller than that minimum since the last release.

use chrono::NaiveDate;
use remit_core::disclosure::{
    Audience, Decision, Disclosed, Disclosure, Population, PopulationKey,
};
use remit_core::{Domain, ToolId};

use crate::error::Error;
use crate::inventory::{Inventory, Seat, Tool};

/// The population of a tool's seat holders: `collab-tools/seats:<tool id>`, members in
/// the tool's seat order.
pub fn seat_population(tool: ToolId) -> PopulationKey {
    PopulationKey::new(Domain::CollabTools, seat_population_name(tool))
}

fn seat_population_name(tool: ToolId) -> String {
    format!("seats:{tool}")
}

/// The activity of one tool's seats on the audit date (raw; never published as such).
pub(crate) struct SeatActivity {
    /// Per seat, in seat order: active within the inactivity window.
    pub(crate) active: Vec<bool>,
    /// The number of active seats.
    pub(crate) active_count: u64,
}

/// Each tool's seat activity, in inventory order. A seat is active when its last
/// activity is on or after `cutoff` (every seat with an activity date when there is no
/// cutoff, i.e. the window reaches before the calendar's start).
pub(crate) fn seat_activity(inventory: &Inventory, cutoff: Option<NaiveDate>) -> Vec<SeatActivity> {
    inventory
        .tools()
        .iter()
        .map(|t| {
            let active: Vec<bool> = t.seats().iter().map(|s| is_active(s, cutoff)).collect();
            let active_count = active.iter().filter(|&&a| a).count() as u64;
            SeatActivity {
                active,
                active_count,
            }
        })
        .collect()
}

fn is_active(seat: &Seat, cutoff: Option<NaiveDate>) -> bool {
    match (seat.last_active(), cutoff) {
        (Some(last), Some(c)) => last >= c,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// One tool's seat-holder population and the engine's decision on the group of all of
/// them.
pub(crate) struct SeatRelease {
    pub(crate) population: Population,
    pub(crate) decision: Decision,
}

/// Registers every tool's seat holders and releases the group of all of them (the
/// headline figure of each tool), in inventory order.
///
/// # Errors
///
/// [`Error::Disclosure`] if the engine refuses a registration (a tool validated by
/// [`Tool`]'s constructor never lists a person twice).
pub(crate) fn release_seat_holders(
    tools: &[Tool],
    disclosure: &mut Disclosure,
) -> Result<Vec<SeatRelease>, Error> {
    let mut out = Vec::with_capacity(tools.len());
    for t in tools {
        let population = disclosure.register(
            Domain::CollabTools,
            &seat_population_name(t.id()),
            t.seats().iter().map(Seat::user),
        )?;
        let everyone: Vec<u32> = (0..population.len() as u32).collect();
        let decision = disclosure.release(&population, &everyone, Audience::General)?;
        out.push(SeatRelease {
            population,
            decision,
        });
    }
    Ok(out)
}

/// A tool's seat holders and active users, as the disclosure engine released them.
///
/// Both figures are published together or withheld together: they are figures of one
/// group (all of the tool's seat holders). A tool without seats publishes zeros (the
/// group is empty and describes nobody).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ToolUsage {
    seat_holders: Disclosed<u64>,
    active_users: Disclosed<u64>,
}

impl ToolUsage {
    pub(crate) fn new(decision: Decision, seat_holders: u64, active_users: u64) -> Self {
        Self {
            seat_holders: decision.disclose(seat_holders),
            active_users: decision.disclose(active_users),
        }
    }

    /// The number of people holding a seat (assigned seats).
    pub fn seat_holders(&self) -> Disclosed<u64> {
        self.seat_holders
    }

    /// The number of seat holders active within the inactivity window.
    pub fn active_users(&self) -> Disclosed<u64> {
        self.active_users
    }

    /// The number of assigned seats whose holder was not active within the window.
    pub fn inactive_seats(&self) -> Disclosed<u64> {
        match (self.seat_holders, self.active_users) {
            (Disclosed::Published(all), Disclosed::Published(active)) => {
                Disclosed::Published(all.saturating_sub(active))
            }
            (Disclosed::Suppressed(reason), _) | (_, Disclosed::Suppressed(reason)) => {
                Disclosed::Suppressed(reason)
            }
        }
    }

    /// Whether the figures were published.
    pub fn is_published(&self) -> bool {
        !self.active_users.is_suppressed()
    }
}
