//! Members far from their team's time-zone centre: the group the audit offers other
//! domains for cross-domain comparisons ([`FAR_FROM_CENTRE_KEY`]).
//!
//! The geometry is `remit_core::zones`' one convention: each member's zone is read at
//! 12:00 UTC on the audit date, the team's centre is the circular mean of its members'
//! offsets on the 24-hour clock (so the date line does not split a Los Angeles–Auckland
//! team), and distance is measured around the clock. Wellbeing uses the same functions,
//! so the two domains agree on who is far from their team's centre.

use chrono::NaiveDate;
use chrono_tz::Tz;
use remit_core::EmployeeId;
use remit_core::zones::{CircularMean, clock_distance_hours, utc_offset_seconds};

use crate::FastMap;
use crate::overlap::Team;

/// The key of the group the tools report offers through
/// [`Audit::groups`](remit_core::Audit::groups): staff far from their team's time-zone
/// centre.
pub const FAR_FROM_CENTRE_KEY: &str = "collab.far-from-team-centre";

/// Members at least `hours` from the centre of a team they belong to, sorted and
/// deduplicated. A team spread so evenly around the clock that it has no centre (two
/// members exactly 12 hours apart) counts all its members as far.
pub(crate) fn far_from_centre(teams: &[Team], as_of: NaiveDate, hours: f64) -> Vec<EmployeeId> {
    // Each zone's offset on the date, in seconds, read once.
    let mut offsets_of: FastMap<Tz, i32> = FastMap::default();
    let mut offsets: Vec<f64> = Vec::new();
    let mut out = Vec::new();
    for team in teams {
        offsets.clear();
        let mut centre = CircularMean::default();
        for m in team.members() {
            let seconds = *offsets_of
                .entry(m.zone())
                .or_insert_with(|| utc_offset_seconds(m.zone(), as_of));
            centre.add(seconds);
            offsets.push(f64::from(seconds) / 3600.0);
        }
        let centre = centre.centre_hours();
        for (m, &offset) in team.members().iter().zip(&offsets) {
            // A millisecond of slack so that exactly `hours` away counts after rounding.
            if centre.is_none_or(|c| clock_distance_hours(offset, c) + 1e-9 >= hours) {
                out.push(m.id());
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
