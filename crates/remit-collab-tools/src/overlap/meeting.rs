//! Recurring meetings: a [`MeetingSlot`], how often it falls outside each member's
//! hours ([`MemberBurden`], [`SlotFairness`]) and a [`Rotation`] that spreads that burden.

use chrono::{NaiveDate, NaiveTime};
use remit_core::EmployeeId;

use super::schedule::{DAY_MINUTES, Workdays, minute_time, whole_minute};
use crate::error::Error;

/// A recurring meeting: a start on the anchor's wall clock, a length, and the anchor
/// weekdays it recurs on. The start is read off the anchor's clock (resolved `fold=0`)
/// and the meeting lasts its length in real time, also on the anchor's clock-change
/// days.
///
/// Invariant: starts before 24:00, lasts 1 to 1440 minutes, recurs on at least one
/// weekday. Deserialisation validates through [`MeetingSlot::from_minutes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SlotRepr", into = "SlotRepr"))]
pub struct MeetingSlot {
    start_minute: u16,
    length_minutes: u16,
    weekdays: Workdays,
}

/// The serialised form of a [`MeetingSlot`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct SlotRepr {
    start_minute: u16,
    length_minutes: u16,
    weekdays: Workdays,
}

#[cfg(feature = "serde")]
impl TryFrom<SlotRepr> for MeetingSlot {
    type Error = Error;
    fn try_from(r: SlotRepr) -> Result<Self, Error> {
        Self::from_minutes(r.start_minute, r.length_minutes, r.weekdays)
    }
}

#[cfg(feature = "serde")]
impl From<MeetingSlot> for SlotRepr {
    fn from(s: MeetingSlot) -> Self {
        Self {
            start_minute: s.start_minute,
            length_minutes: s.length_minutes,
            weekdays: s.weekdays,
        }
    }
}

impl MeetingSlot {
    /// A slot starting at `start` (anchor wall clock) for `length_minutes` on `weekdays`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSlot`] if `start` has seconds, the length is not 1–1440
    /// minutes, or `weekdays` is empty.
    pub fn new(start: NaiveTime, length_minutes: u16, weekdays: Workdays) -> Result<Self, Error> {
        let Some(start_minute) = whole_minute(start) else {
            return Err(Error::InvalidSlot {
                field: "start",
                reason: "must be a whole minute",
            });
        };
        Self::from_minutes(start_minute, length_minutes, weekdays)
    }

    /// A slot starting `start_minute` minutes after the anchor's midnight for
    /// `length_minutes` on `weekdays`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSlot`] unless `start_minute < 1440`, the length is 1–1440
    /// minutes and `weekdays` is not empty.
    pub fn from_minutes(
        start_minute: u16,
        length_minutes: u16,
        weekdays: Workdays,
    ) -> Result<Self, Error> {
        if start_minute >= DAY_MINUTES {
            return Err(Error::InvalidSlot {
                field: "start_minute",
                reason: "must be before 24:00 (under 1440)",
            });
        }
        if length_minutes == 0 || length_minutes > DAY_MINUTES {
            return Err(Error::InvalidSlot {
                field: "length_minutes",
                reason: "must be 1 to 1440",
            });
        }
        if weekdays.is_empty() {
            return Err(Error::InvalidSlot {
                field: "weekdays",
                reason: "must not be empty",
            });
        }
        Ok(Self {
            start_minute,
            length_minutes,
            weekdays,
        })
    }

    /// The start on the anchor's wall clock.
    pub fn start(&self) -> NaiveTime {
        minute_time(self.start_minute)
    }

    /// Minutes after the anchor's midnight at which the meeting starts (0–1439).
    pub fn start_minute(&self) -> u16 {
        self.start_minute
    }

    /// The length in minutes (1–1440).
    pub fn length_minutes(&self) -> u16 {
        self.length_minutes
    }

    /// The anchor weekdays it recurs on.
    pub fn weekdays(&self) -> Workdays {
        self.weekdays
    }
}

/// How often a member's meetings fall outside their working hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MemberBurden {
    pub(super) member: EmployeeId,
    pub(super) outside: u32,
    pub(super) occurrences: u32,
}

impl MemberBurden {
    /// The member whose meetings are counted.
    pub fn member(&self) -> EmployeeId {
        self.member
    }

    /// Occurrences not wholly inside the member's working hours.
    pub fn outside(&self) -> u32 {
        self.outside
    }

    /// The number of occurrences of the meeting over the planner's range.
    pub fn occurrences(&self) -> u32 {
        self.occurrences
    }

    /// `outside / occurrences` (0 when there were none).
    pub fn share_outside(&self) -> f64 {
        if self.occurrences == 0 {
            0.0
        } else {
            f64::from(self.outside) / f64::from(self.occurrences)
        }
    }
}

/// The fairness of one recurring slot for one team.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SlotFairness {
    pub(super) slot: MeetingSlot,
    pub(super) burdens: Vec<MemberBurden>,
}

impl SlotFairness {
    /// The recurring slot judged: its start on the anchor's wall clock, its length and its
    /// weekdays.
    pub fn slot(&self) -> MeetingSlot {
        self.slot
    }

    /// Each member's burden, in team order.
    pub fn burdens(&self) -> &[MemberBurden] {
        &self.burdens
    }

    /// The largest share of occurrences outside any one member's hours.
    pub fn max_share_outside(&self) -> f64 {
        self.burdens
            .iter()
            .map(MemberBurden::share_outside)
            .fold(0.0, f64::max)
    }
}

/// A rotation between candidate slots that spreads the out-of-hours burden.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Rotation {
    pub(super) schedule: Vec<(NaiveDate, usize)>,
    pub(super) burdens: Vec<MemberBurden>,
}

impl Rotation {
    /// Each meeting date with the index of the candidate slot chosen for it.
    pub fn schedule(&self) -> &[(NaiveDate, usize)] {
        &self.schedule
    }

    /// Each member's burden under the rotation, in team order.
    pub fn burdens(&self) -> &[MemberBurden] {
        &self.burdens
    }

    /// The largest share of occurrences outside any one member's hours.
    pub fn max_share_outside(&self) -> f64 {
        self.burdens
            .iter()
            .map(MemberBurden::share_outside)
            .fold(0.0, f64::max)
    }
}
