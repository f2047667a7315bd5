//! The workforce as the audit checks its inputs against it: every seat holder must be an
//! employee, and every team member an employee employed on the audit date, in the time
//! zone the workforce records for them.
//!
//! # Why an index of its own
//!
//! An inventory of a million people holds ten million seats or more, and each must be
//! found among the employees. Random look-ups in a hash map of a million ids miss the
//! cache on nearly every probe. The index keeps the ids sorted with a table of where
//! each run of leading bits starts, and the seat check sorts the seats into 256 runs by
//! their leading byte first, so that all look-ups of one run touch one 256th of the
//! index, which stays in cache.

use chrono::NaiveDate;
use chrono_tz::Tz;
use remit_core::{EmployeeId, Workforce};

use crate::error::Error;
use crate::inventory::{Seat, Tool};
use crate::overlap::Team;

/// Below this many seats a tool is checked one look-up at a time.
const PARTITION_FROM: usize = 4_096;

/// The employees of a workforce, sorted by id, with what the audit needs of each.
pub(crate) struct People {
    /// Employee ids as integers, ascending.
    ids: Vec<u128>,
    /// Per id (same order): the recorded zone and whether employed on the audit date.
    facts: Vec<(Tz, bool)>,
    /// `starts[b]` is the first position whose id's leading `bits` bits are at least
    /// `b`; `starts.len() == 2^bits + 1`.
    starts: Vec<u32>,
    bits: u32,
}

/// What the workforce records for one team member.
pub(crate) struct Employment {
    pub(crate) zone: Tz,
    pub(crate) employed: bool,
}

impl People {
    /// Reads every employee of `workforce` once.
    pub(crate) fn new<W: Workforce + ?Sized>(workforce: &W, as_of: NaiveDate) -> Self {
        let mut rows: Vec<(u128, Tz, bool)> = workforce
            .employees()
            .map(|e| {
                (
                    e.id().as_uuid().as_u128(),
                    e.time_zone(),
                    e.is_active_on(as_of),
                )
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        // About eight ids per run, at most 2^20 runs.
        let bits = (usize::BITS - rows.len().leading_zeros())
            .saturating_sub(3)
            .min(20);
        let runs = 1usize << bits;
        let mut starts = vec![0u32; runs + 1];
        for r in &rows {
            if let Some(count) = usize::try_from(lead(r.0, bits))
                .ok()
                .and_then(|b| starts.get_mut(b + 1))
            {
                *count = count.saturating_add(1);
            }
        }
        for b in 1..starts.len() {
            starts[b] = starts[b].saturating_add(starts[b - 1]);
        }
        Self {
            ids: rows.iter().map(|r| r.0).collect(),
            facts: rows.iter().map(|r| (r.1, r.2)).collect(),
            starts,
            bits,
        }
    }

    /// The position of `id` in the index, if it is an employee.
    fn find(&self, id: u128) -> Option<usize> {
        let b = usize::try_from(lead(id, self.bits)).ok()?;
        let from = *self.starts.get(b)? as usize;
        let to = *self.starts.get(b + 1)? as usize;
        let run = self.ids.get(from..to)?;
        run.iter().position(|&x| x == id).map(|i| from + i)
    }

    /// What the workforce records for `id`, if it is an employee.
    pub(crate) fn employment(&self, id: EmployeeId) -> Option<Employment> {
        let at = self.find(id.as_uuid().as_u128())?;
        self.facts
            .get(at)
            .map(|&(zone, employed)| Employment { zone, employed })
    }

    /// Checks that every seat holder of `tool` is an employee.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownSeatHolder`] naming the tool and the first seat holder (in seat
    /// order) who is not.
    pub(crate) fn check_seats(&self, tool: &Tool) -> Result<(), Error> {
        let seats = tool.seats();
        let known = if seats.len() < PARTITION_FROM {
            seats
                .iter()
                .all(|s| self.find(s.user().as_uuid().as_u128()).is_some())
        } else {
            self.all_known(seats)
        };
        if known {
            return Ok(());
        }
        match seats
            .iter()
            .find(|s| self.find(s.user().as_uuid().as_u128()).is_none())
        {
            Some(seat) => Err(Error::UnknownSeatHolder {
                tool: tool.id(),
                name: tool.name().to_owned(),
                user: seat.user(),
            }),
            None => Ok(()),
        }
    }

    /// Whether every seat's user is an employee, the seats looked up run by run of
    /// their leading byte (see the [module documentation](self)).
    fn all_known(&self, seats: &[Seat]) -> bool {
        let mut counts = [0usize; 257];
        for s in seats {
            if let Some(c) = counts.get_mut(lead(s.user().as_uuid().as_u128(), 8) as usize + 1) {
                *c += 1;
            }
        }
        for b in 1..counts.len() {
            counts[b] += counts[b - 1];
        }
        let mut sorted = vec![0u128; seats.len()];
        for s in seats {
            let id = s.user().as_uuid().as_u128();
            if let Some(next) = counts.get_mut(lead(id, 8) as usize)
                && let Some(slot) = sorted.get_mut(*next)
            {
                *slot = id;
                *next += 1;
            }
        }
        sorted.iter().all(|&id| self.find(id).is_some())
    }

    /// Checks every member of `team` against the workforce.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownMember`], [`Error::MemberNotEmployed`] or
    /// [`Error::MemberZoneMismatch`] naming the team and the first member at fault.
    pub(crate) fn check_team(&self, team: &Team, as_of: NaiveDate) -> Result<(), Error> {
        let team_name = || team.name().map(str::to_owned);
        for m in team.members() {
            let Some(e) = self.employment(m.id()) else {
                return Err(Error::UnknownMember {
                    team: team.id(),
                    team_name: team_name(),
                    member: m.id(),
                });
            };
            if !e.employed {
                return Err(Error::MemberNotEmployed {
                    team: team.id(),
                    team_name: team_name(),
                    member: m.id(),
                    as_of,
                });
            }
            if e.zone != m.zone() {
                return Err(Error::MemberZoneMismatch {
                    team: team.id(),
                    team_name: team_name(),
                    member: m.id(),
                    zone: m.zone(),
                    employee_zone: e.zone,
                });
            }
        }
        Ok(())
    }
}

/// The leading `bits` bits of `id` (0 when `bits` is 0).
fn lead(id: u128, bits: u32) -> u128 {
    if bits == 0 { 0 } else { id >> (128 - bits) }
}
